#include "network_diagram.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <string>

#include "line_plot.hpp"  // with_alpha
#include "plot_scale.hpp"
#include "translate.hpp"

namespace optviz::gui {
namespace {

constexpr float kGap = 0.3f;      // between the squares of a column, in sides
constexpr double kMinWeak = 0.3;  // the colour of a weight near 0, a share of its sign's colour

// The distance from p to the segment ab.
float distance_to(Point2 p, Point2 a, Point2 b) {
  const float dx = b.x - a.x, dy = b.y - a.y;
  const float length2 = dx * dx + dy * dy;
  const float t = length2 > 0 ? std::clamp(((p.x - a.x) * dx + (p.y - a.y) * dy) / length2, 0.0f, 1.0f) : 0.0f;
  return std::hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}

double weight_of(const Network& net, std::span<const double> theta, const DiagramEdge& e) {
  return theta[*parameter_of(net, e)];
}

double saturated(double w) {
  const double m = std::fabs(w);
  return std::isfinite(m) ? m / (m + 1) : 1.0;
}

}  // namespace

std::optional<std::size_t> parameter_of(const Network& net, const DiagramHit& hit) {
  if (const auto* e = std::get_if<DiagramEdge>(&hit)) {
    const LayerShape& s = net.layers()[e->layer];
    return s.offset + e->to * s.in + e->from;
  }
  const auto& u = std::get<DiagramUnit>(hit);
  if (u.column == 0) return std::nullopt;
  return net.layers()[u.column - 1].bias_offset() + u.unit;
}

std::vector<Point2> DiagramLayout::edge_curve(const DiagramEdge& e) const {
  const PixelRect& a = units[e.layer][e.from];
  const PixelRect& b = units[e.layer + 1][e.to];
  const Point2 p0{a.x1, (a.y0 + a.y1) / 2}, p3{b.x0, (b.y0 + b.y1) / 2};
  const float mx = (p0.x + p3.x) / 2;
  // A segment every 10 pixels across, 4 to 16: the crowded diagrams of wide networks take fewer vertices.
  const int segments = std::clamp(static_cast<int>((p3.x - p0.x) / 10), 4, 16);
  std::vector<Point2> curve;
  for (int k = 0; k <= segments; ++k) {
    const float t = static_cast<float>(k) / static_cast<float>(segments), u = 1 - t;
    // Control points (mx, p0.y) and (mx, p3.y): x and y are each a cubic in t.
    const float x = u * u * u * p0.x + 3 * u * u * t * mx + 3 * u * t * t * mx + t * t * t * p3.x;
    const float y = (u * u * u + 3 * u * u * t) * p0.y + (3 * u * t * t + t * t * t) * p3.y;
    curve.push_back({x, y});
  }
  return curve;
}

PixelRect DiagramLayout::bias_mark(const DiagramUnit& u) const {
  const PixelRect& r = units[u.column][u.unit];
  const float half = std::max(2.0f, 0.14f * side);
  return {r.x0 - half, r.y1 - half, r.x0 + half, r.y1 + half};
}

DiagramLayout diagram_layout(std::span<const std::size_t> units, PixelRect area, float max_side) {
  DiagramLayout layout;
  if (units.empty()) return layout;
  const std::size_t tallest = *std::max_element(units.begin(), units.end());
  const auto columns = static_cast<float>(units.size());
  const float pitch = area.width() / columns;
  const float by_height = area.height() / (static_cast<float>(tallest) * (1 + kGap) - kGap);
  layout.side = std::max(1.0f, std::min({by_height, 0.45f * pitch, max_side}));
  const float step = layout.side * (1 + kGap);
  for (std::size_t c = 0; c < units.size(); ++c) {
    const float cx = area.x0 + (static_cast<float>(c) + 0.5f) * pitch;
    const float total = static_cast<float>(units[c]) * step - kGap * layout.side;
    const float top = area.y0 + (area.height() - total) / 2;
    std::vector<PixelRect>& column = layout.units.emplace_back();
    for (std::size_t u = 0; u < units[c]; ++u) {
      const float y0 = top + static_cast<float>(u) * step;
      column.push_back({cx - layout.side / 2, y0, cx + layout.side / 2, y0 + layout.side});
    }
  }
  return layout;
}

float edge_width(double w, float thickest) { return thickest * (0.12f + 0.88f * static_cast<float>(saturated(w))); }

float thickest_edge(const DiagramLayout& layout, float scale) {
  return std::clamp(0.2f * layout.side, 1.5f * scale, 6.0f * scale);
}

std::optional<DiagramHit> diagram_hit(const DiagramLayout& layout, const Network& net, std::span<const double> theta,
                                      Point2 p, float scale) {
  for (std::size_t c = 0; c < layout.units.size(); ++c)
    for (std::size_t u = 0; u < layout.units[c].size(); ++u)
      if (layout.units[c][u].contains(p) || (c > 0 && layout.bias_mark({c, u}).contains(p))) return DiagramUnit{c, u};
  std::optional<DiagramHit> nearest;
  float best = std::numeric_limits<float>::infinity();
  const float thickest = thickest_edge(layout, scale);
  for (std::size_t l = 0; l + 1 < layout.units.size(); ++l)
    for (std::size_t to = 0; to < layout.units[l + 1].size(); ++to)
      for (std::size_t from = 0; from < layout.units[l].size(); ++from) {
        const DiagramEdge e{l, from, to};
        const std::vector<Point2> curve = layout.edge_curve(e);
        float d = std::numeric_limits<float>::infinity();
        for (std::size_t k = 1; k < curve.size(); ++k) d = std::min(d, distance_to(p, curve[k - 1], curve[k]));
        const float reach = std::max(edge_width(weight_of(net, theta, e), thickest) / 2 + 2 * scale, 4 * scale);
        if (d <= reach && d < best) best = d, nearest = e;
      }
  return nearest;
}

namespace {

// The scale of column c's units (see the header).
ValueScale unit_scale(const NetworkDiagram& d, std::size_t column, std::size_t unit) {
  const std::size_t last = d.net->layers().size();
  if (column == last) return d.output_scale;
  const auto largest = [&](std::size_t first, std::size_t end) {
    double m = 0;
    for (std::size_t u = first; u < end; ++u)
      for (const double v : d.maps->map(column, u))
        if (std::isfinite(v)) m = std::max(m, std::fabs(v));
    return m > 0 ? m : 1.0;
  };
  if (column == 0) return {0, largest(unit, unit + 1)};
  if (d.net->spec().activation == Activation::relu) return {0, largest(0, d.maps->units[column])};
  return {0, 1};
}

void draw_curve(ImDrawList& dl, const std::vector<Point2>& curve, ImU32 colour, float width) {
  std::vector<ImVec2> points(curve.size());
  std::transform(curve.begin(), curve.end(), points.begin(), [](Point2 q) { return ImVec2(q.x, q.y); });
  dl.AddPolyline(points.data(), static_cast<int>(points.size()), colour, ImDrawFlags_None, width);
}

// A weight's colour: its sign's, from kMinWeak of the way at 0 to all of it; grey for exactly 0 (the
// initial biases), which has no sign, and for NaN.
ImU32 weight_colour(const DivergingColours& c, double w) {
  if (w == 0 || std::isnan(w)) return mix(c.neutral, IM_COL32(128, 128, 128, 255), 0.6, c.neutral);
  return diverging(c, std::copysign(kMinWeak + (1 - kMinWeak) * saturated(w), w));
}

// Each column's name and units above it ("layer 2" over "8 tanh"), or, when one of them is wider
// than the columns are apart, only their numbers ("2" over "8").
void draw_headers(ImDrawList& dl, const DiagramLayout& layout, const Network& net, float top) {
  const ImU32 faint = ImGui::GetColorU32(ImGuiCol_TextDisabled);
  const float fs = ImGui::GetFontSize();
  const std::size_t last = net.layers().size();
  std::vector<std::array<std::string, 2>> full, brief;
  for (std::size_t c = 0; c <= last; ++c) {
    const std::size_t units = c == 0 ? net.spec().inputs : net.layers()[c - 1].out;
    if (c == 0) {
      full.push_back({tr("features"), std::to_string(units)});
      // TRANSLATORS: the inputs' column when the full header does not fit; short.
      brief.push_back({tr("in"), std::to_string(units)});
    } else if (c == last) {
      // The output's activation by its name, as the hidden layers' ("tanh").
      full.push_back({tr("output"), net.spec().loss == NetLoss::logistic ? "sigmoid" : "linear"});
      // TRANSLATORS: the output's column when the full header does not fit; short.
      brief.push_back({tr("out"), "1"});
    } else {
      full.push_back({tr_format("layer {0}", {std::to_string(c)}),
                      std::to_string(units) + " " + std::string(optviz::name(net.spec().activation))});
      brief.push_back({std::to_string(c), std::to_string(units)});
    }
  }
  const auto centre = [&](std::size_t c) { return (layout.units[c].front().x0 + layout.units[c].front().x1) / 2; };
  const float pitch = last > 0 ? centre(1) - centre(0) : std::numeric_limits<float>::infinity();
  bool fits = true;
  for (const auto& lines : full)
    for (const std::string& text : lines) fits = fits && ImGui::CalcTextSize(text.c_str()).x < 0.92f * pitch;
  const auto& shown = fits ? full : brief;
  for (std::size_t c = 0; c <= last; ++c)
    for (std::size_t line = 0; line < 2; ++line) {
      const char* text = shown[c][line].c_str();
      const float w = ImGui::CalcTextSize(text).x;
      dl.AddText(ImVec2(centre(c) - w / 2, top + static_cast<float>(line) * fs * 1.05f), faint, text);
    }
}

// The hit's value in a box beside the mouse, kept inside `area`.
void write_value(ImDrawList& dl, const NetworkDiagram& d, const DiagramHit& hit, Point2 at, PixelRect area,
                 const CanvasStyle& s) {
  std::string text;
  if (const auto index = parameter_of(*d.net, hit))
    text = (std::holds_alternative<DiagramEdge>(hit) ? "w = " : "b = ") + short_number(d.theta[*index]);
  else
    text = std::string(optviz::name(d.features[std::get<DiagramUnit>(hit).unit]));
  const float fs = ImGui::GetFontSize();
  const ImVec2 size = ImGui::CalcTextSize(text.c_str());
  const float x = std::clamp(at.x + fs, area.x0, area.x1 - size.x - 0.6f * fs);
  const float y = std::clamp(at.y + fs, area.y0, area.y1 - size.y - 0.4f * fs);
  dl.AddRectFilled(ImVec2(x, y), ImVec2(x + size.x + 0.6f * fs, y + size.y + 0.4f * fs), s.box, 3 * s.scale);
  dl.AddText(ImVec2(x + 0.3f * fs, y + 0.2f * fs), s.box_text, text.c_str());
}

void draw_edges(ImDrawList& dl, const DiagramLayout& layout, const NetworkDiagram& d, const DivergingColours& colours,
                float thickest) {
  // The weakest first, so that the strong ones lie on top.
  std::vector<DiagramEdge> edges;
  for (std::size_t l = 0; l + 1 < layout.units.size(); ++l)
    for (std::size_t to = 0; to < layout.units[l + 1].size(); ++to)
      for (std::size_t from = 0; from < layout.units[l].size(); ++from) edges.push_back({l, from, to});
  std::stable_sort(edges.begin(), edges.end(), [&](const DiagramEdge& a, const DiagramEdge& b) {
    return saturated(weight_of(*d.net, d.theta, a)) < saturated(weight_of(*d.net, d.theta, b));
  });
  for (const DiagramEdge& e : edges) {
    const double w = weight_of(*d.net, d.theta, e);
    draw_curve(dl, layout.edge_curve(e), weight_colour(colours, w), edge_width(w, thickest));
  }
}

void draw_units(ImDrawList& dl, const DiagramLayout& layout, const NetworkDiagram& d, const DivergingColours& colours,
                const CanvasStyle& s) {
  const ImU32 border = ImGui::GetColorU32(ImGuiCol_Border);
  const ImU32 faint = ImGui::GetColorU32(ImGuiCol_TextDisabled);
  const float fs = ImGui::GetFontSize();
  // A map's point every 2 pixels at most: small squares take few vertices (the page's renderer draws
  // at most 65,536 to a window).
  const auto shown = static_cast<std::size_t>(std::max(5.0f, layout.side / 2));
  for (std::size_t c = 0; c < layout.units.size(); ++c)
    for (std::size_t u = 0; u < layout.units[c].size(); ++u) {
      const PixelRect& r = layout.units[c][u];
      if (d.maps != nullptr)
        draw_grid_image(dl, r, diverging_image(d.maps->map(c, u), d.maps->n, unit_scale(d, c, u), colours), shown);
      else
        dl.AddRectFilled(ImVec2(r.x0, r.y0), ImVec2(r.x1, r.y1), colours.neutral);
      dl.AddRect(ImVec2(r.x0, r.y0), ImVec2(r.x1, r.y1), border, 0, 0, s.scale);
      if (c == 0) {
        const char* text = optviz::name(d.features[u]).data();
        const ImVec2 size = ImGui::CalcTextSize(text);
        dl.AddText(ImVec2(r.x0 - size.x - 0.3f * fs, (r.y0 + r.y1 - size.y) / 2), faint, text);
        continue;
      }
      const PixelRect b = layout.bias_mark({c, u});
      const double bias = d.theta[*parameter_of(*d.net, DiagramUnit{c, u})];
      dl.AddRectFilled(ImVec2(b.x0, b.y0), ImVec2(b.x1, b.y1), weight_colour(colours, bias));
      dl.AddRect(ImVec2(b.x0, b.y0), ImVec2(b.x1, b.y1), border, 0, 0, s.scale);
    }
}

// Whether the hit names an edge or a unit of the layout.
bool holds(const DiagramLayout& layout, const DiagramHit& hit) {
  const auto& u = layout.units;
  if (const auto* e = std::get_if<DiagramEdge>(&hit))
    return e->layer + 1 < u.size() && e->from < u[e->layer].size() && e->to < u[e->layer + 1].size();
  const auto& unit = std::get<DiagramUnit>(hit);
  return unit.column < u.size() && unit.unit < u[unit.column].size();
}

void highlight(ImDrawList& dl, const DiagramLayout& layout, const NetworkDiagram& d, const DiagramHit& hit,
               const DivergingColours& colours, float thickest, const CanvasStyle& s) {
  if (const auto* e = std::get_if<DiagramEdge>(&hit)) {
    const double w = weight_of(*d.net, d.theta, *e);
    const std::vector<Point2> curve = layout.edge_curve(*e);
    const float width = edge_width(w, thickest);
    draw_curve(dl, curve, s.text, width + 3 * s.scale);
    draw_curve(dl, curve, weight_colour(colours, w), width);
    return;
  }
  const PixelRect& r = layout.units[std::get<DiagramUnit>(hit).column][std::get<DiagramUnit>(hit).unit];
  dl.AddRect(ImVec2(r.x0, r.y0), ImVec2(r.x1, r.y1), s.text, 0, 0, 2.5f * s.scale);
}

}  // namespace

std::optional<DiagramHit> draw_network_diagram(ImDrawList& dl, PixelRect area, const NetworkDiagram& d,
                                               const CanvasStyle& s, std::optional<Point2> mouse,
                                               DiagramLayout* layout_out) {
  if (d.theta.size() != d.net->parameter_count() || d.features.size() != d.net->spec().inputs) return std::nullopt;
  const float fs = ImGui::GetFontSize();
  float names = 0;
  for (const Feature f : d.features) names = std::max(names, ImGui::CalcTextSize(optviz::name(f).data()).x);
  const PixelRect inner{area.x0 + names + 0.5f * fs, area.y0 + 2.6f * fs, area.x1, area.y1 - 0.3f * fs};
  std::vector<std::size_t> units{d.net->spec().inputs};
  for (const LayerShape& l : d.net->layers()) units.push_back(l.out);
  const DiagramLayout layout = diagram_layout(units, inner, 4.5f * fs);
  if (layout_out != nullptr) *layout_out = layout;
  if (inner.width() < 2 * fs || inner.height() < fs) return std::nullopt;
  // Maps or a selection left from another shape of the network (while it trains again) are not shown.
  NetworkDiagram shown = d;
  if (shown.maps != nullptr && shown.maps->units != units) shown.maps = nullptr;
  if (shown.selected && !holds(layout, *shown.selected)) shown.selected.reset();
  const DivergingColours colours = diverging_colours(s);
  const float thickest = thickest_edge(layout, s.scale);
  draw_headers(dl, layout, *d.net, area.y0);
  draw_edges(dl, layout, shown, colours, thickest);
  draw_units(dl, layout, shown, colours, s);
  std::optional<DiagramHit> hit;
  if (mouse && area.contains(*mouse)) hit = diagram_hit(layout, *d.net, d.theta, *mouse, s.scale);
  if (shown.selected) highlight(dl, layout, shown, *shown.selected, colours, thickest, s);
  if (hit) {
    highlight(dl, layout, shown, *hit, colours, thickest, s);
    write_value(dl, shown, *hit, *mouse, area, s);
  }
  return hit;
}

}  // namespace optviz::gui
