// The canvas's keys: the colour bar with its ticks and title, and the legend of the runs.
#include <algorithm>
#include <cmath>
#include <string>

#include "canvas_draw.hpp"
#include "colour_map.hpp"
#include "plot_scale.hpp"
#include "run_name.hpp"
#include "translate.hpp"

namespace optviz::gui {
namespace {

ImU32 to_u32(const Colour& c) {
  return IM_COL32(static_cast<int>(c.r * 255 + 0.5f), static_cast<int>(c.g * 255 + 0.5f),
                  static_cast<int>(c.b * 255 + 0.5f), 255);
}

}  // namespace

std::string gap_name(bool known_minimum) { return known_minimum ? "f − f*" : tr("f − lowest found"); }

std::string colour_bar_title(const HeatmapScale& scale) {
  if (scale.kind == ColourScale::linear || (scale.known_minimum && scale.low == 0)) return "f";
  return gap_name(scale.known_minimum);
}

std::string colour_bar_explanation(const HeatmapScale& scale) {
  if (scale.kind == ColourScale::linear) return tr("Colours: f on a linear scale");
  if (scale.known_minimum && scale.low == 0) return tr("Colours: f on a log scale (its minimum f* is 0)");
  if (scale.known_minimum)
    return tr_format("Colours: f − f* on a log scale, where f* = {0} is f's minimum", {short_number(scale.low)});
  return tr_format(
      "Colours: f − {0} on a log scale, {0} being the lowest f found over its view (its minimum is not "
      "known)",
      {short_number(scale.low)});
}

std::string colour_bar_minimum(const HeatmapScale& scale) {
  if (scale.kind == ColourScale::linear || (scale.known_minimum && scale.low == 0)) return "";
  return scale.known_minimum ? "f* = " + short_number(scale.low) : tr_format("lowest {0}", {short_number(scale.low)});
}

namespace {

// The colour bar's ticks: values of f, or of f - low on a log scale, with their positions.
std::vector<std::pair<double, std::string>> colour_bar_ticks(const HeatmapScale& scale, int max_ticks) {
  std::vector<std::pair<double, std::string>> out;
  const double range = scale.high - scale.low;
  if (scale.kind == ColourScale::log) {
    const AxisRange axis{std::max(scale.offset * 3, range * 1e-300), range, true};
    for (const Tick& k : axis_ticks(axis, max_ticks)) out.emplace_back(scale.position(scale.low + k.value), k.label);
  } else {
    for (const Tick& k : axis_ticks({scale.low, scale.high, false}, max_ticks))
      out.emplace_back(scale.position(k.value), k.label);
  }
  return out;
}

}  // namespace

float colour_bar_label_width(const HeatmapScale& scale, const CanvasStyle& s) {
  float w = 0;
  for (const auto& [position, label] : colour_bar_ticks(scale, 8)) w = std::max(w, text_size(s, label).x);
  return w + 10 * s.scale;
}

void draw_colour_bar(ImDrawList& dl, PixelRect bar, const HeatmapScale& scale, const CanvasStyle& s,
                     std::optional<PixelRect> labels) {
  constexpr int kStrips = 64;
  const float h = bar.height();
  for (int i = 0; i < kStrips; ++i) {
    const float y0 = bar.y1 - h * static_cast<float>(i) / kStrips;
    const float y1 = bar.y1 - h * static_cast<float>(i + 1) / kStrips;
    const ImU32 c0 = to_u32(colour_map(static_cast<double>(i) / kStrips));
    const ImU32 c1 = to_u32(colour_map(static_cast<double>(i + 1) / kStrips));
    dl.AddRectFilledMultiColor(ImVec2(bar.x0, y1), ImVec2(bar.x1, y0 + 0.5f), c1, c1, c0, c0);
  }
  dl.AddRect(ImVec2(bar.x0, bar.y0), ImVec2(bar.x1, bar.y1), s.axis, 0, 0, 1.0f * s.scale);
  const int max_ticks = std::max(2, static_cast<int>(h / (s.font_size * 2.2f)));
  for (const auto& [position, label] : colour_bar_ticks(scale, max_ticks)) {
    const float y = bar.y1 - static_cast<float>(position) * h;
    if (!std::isfinite(y)) continue;
    dl.AddLine(ImVec2(bar.x1, y), ImVec2(bar.x1 + 5 * s.scale, y), s.axis, 1.0f * s.scale);
    const float x = bar.x1 + 8 * s.scale;
    if (labels && (x + text_size(s, label).x > labels->x1 || y - s.font_size / 2 < labels->y0 ||
                   y + s.font_size / 2 > labels->y1))
      continue;
    dl.AddText(canvas_font(s), s.font_size, ImVec2(x, y - s.font_size / 2), s.text, label.c_str());
  }
}

namespace {

// A run's line in the legend: its name, and its status when it diverged.
std::string legend_name(const std::vector<std::string>& names, const std::vector<Trajectory>& runs, std::size_t i) {
  const bool diverged = i < runs.size() && runs[i].diverged_at;
  return diverged ? names[i] + " (" + runs[i].shown_status() + ")" : names[i];
}

}  // namespace

float legend_in_width(const Scenario& scenario, const std::vector<Trajectory>& runs, const CanvasStyle& s) {
  float text = 0;
  const std::vector<std::string> names = run_names(scenario);
  for (std::size_t i = 0; i < scenario.course.runs.size() && i < scenario.looks.size(); ++i)
    if (scenario.looks[i].visible) text = std::max(text, text_size(s, legend_name(names, runs, i)).x);
  // As draw_legend_in places it: a pad, the swatch, a pad, the name, a pad (and a pixel to spare).
  return text > 0 ? std::ceil(text + kLegendSwatch * s.font_size + 3 * std::round(0.4f * s.font_size) + 1) : 0;
}

void draw_legend_in(ImDrawList& dl, const CanvasChrome& c, const Scenario& scenario,
                    const std::vector<Trajectory>& runs, const CanvasStyle& s, const std::vector<std::string>& note) {
  const PixelRect box = c.legend;
  if (box.height() <= 0) return;
  dl.AddRectFilled(ImVec2(box.x0, box.y0), ImVec2(box.x1, box.y1), s.box, 4 * s.scale);
  const float pad = std::round(
      (box.height() - c.line_height * static_cast<float>(c.legend_rows + (c.legend_more ? 1 : 0) + c.note_rows)) / 2);
  const float swatch = kLegendSwatch * s.font_size;
  const float text_x = box.x0 + 2 * pad + swatch;
  float y = box.y0 + pad;
  auto text = [&](float x, const std::string& t) {
    dl.AddText(canvas_font(s), s.font_size, ImVec2(x, y + (c.line_height - s.font_size) / 2), s.box_text,
               elided_middle(s, t, box.x1 - pad - x).c_str());
    y += c.line_height;
  };
  int shown = 0, hidden = 0;
  const std::vector<std::string> names = run_names(scenario);
  for (std::size_t i = 0; i < scenario.course.runs.size(); ++i) {
    if (!scenario.looks[i].visible) continue;
    if (shown == c.legend_rows) {
      ++hidden;
      continue;
    }
    ++shown;
    const float mid = y + c.line_height / 2;
    dl.AddLine(ImVec2(box.x0 + pad, mid), ImVec2(box.x0 + pad + swatch, mid), s.shadow, 6 * s.scale);
    dl.AddLine(ImVec2(box.x0 + pad, mid), ImVec2(box.x0 + pad + swatch, mid), run_colour(scenario.looks[i].colour),
               3.5f * s.scale);
    text(text_x, legend_name(names, runs, i));
  }
  if (c.legend_more && hidden > 0) text(box.x0 + pad, tr_format("+{0} more", {std::to_string(hidden)}));
  for (int i = 0; i < c.note_rows && i < static_cast<int>(note.size()); ++i) text(box.x0 + pad, note[i]);
}

namespace {

struct LegendRow {
  std::string title;
  std::string detail;
  ImU32 colour;
};

// The legend's rows and its size: each visible run's name (its status when it diverged), with its
// parameters under it when asked, and a last line for the note.
struct LegendLayout {
  std::vector<LegendRow> rows;
  float pad, swatch, line_h, row_h, note_size;
  ImVec2 size;
};

LegendLayout legend_layout(const Scenario& scenario, const std::vector<Trajectory>& runs, const CanvasStyle& s,
                           bool parameters, std::string_view note) {
  LegendLayout l;
  l.pad = 8 * s.scale;
  l.swatch = 22 * s.scale;
  l.line_h = s.font_size * 1.3f;
  l.row_h = parameters ? 2 * l.line_h : l.line_h;
  l.note_size = s.font_size * 0.85f;
  float width = 0;
  const std::vector<std::string> names = run_names(scenario);
  for (std::size_t i = 0; i < scenario.course.runs.size(); ++i) {
    const RunSpec& r = scenario.course.runs[i];
    if (!scenario.looks[i].visible) continue;
    LegendRow row{names[i], parameters ? parameter_summary(r) : std::string(), run_colour(scenario.looks[i].colour)};
    if (i < runs.size() && runs[i].diverged_at) row.title += "  (" + runs[i].shown_status() + ")";
    width = std::max({width, text_size(s, row.title).x, text_size(s, row.detail).x});
    l.rows.push_back(std::move(row));
  }
  if (l.rows.empty()) return l;
  const float note_w =
      note.empty() ? 0.0f
                   : canvas_font(s)->CalcTextSizeA(l.note_size, 1e9f, 0, note.data(), note.data() + note.size()).x;
  const float inner_w = std::max(width + l.swatch + l.pad, note_w);
  l.size = {inner_w + 2 * l.pad,
            2 * l.pad + l.row_h * static_cast<float>(l.rows.size()) + (note.empty() ? 0 : l.line_h)};
  return l;
}

}  // namespace

ImVec2 legend_size(const Scenario& scenario, const std::vector<Trajectory>& runs, const CanvasStyle& s, bool parameters,
                   std::string_view note) {
  return legend_layout(scenario, runs, s, parameters, note).size;
}

PixelRect draw_legend(ImDrawList& dl, Point2 top_right, const Scenario& scenario, const std::vector<Trajectory>& runs,
                      const CanvasStyle& s, bool parameters, std::string_view note) {
  const LegendLayout l = legend_layout(scenario, runs, s, parameters, note);
  if (l.rows.empty()) return {top_right.x, top_right.y, top_right.x, top_right.y};
  const float pad = l.pad, line_h = l.line_h;
  const PixelRect box{top_right.x - l.size.x, top_right.y, top_right.x, top_right.y + l.size.y};
  dl.AddRectFilled(ImVec2(box.x0, box.y0), ImVec2(box.x1, box.y1), s.box, 4 * s.scale);
  float y = box.y0 + pad;
  for (const LegendRow& row : l.rows) {
    const float mid = y + line_h / 2;
    dl.AddLine(ImVec2(box.x0 + pad, mid), ImVec2(box.x0 + pad + l.swatch, mid), s.shadow, 6 * s.scale);
    dl.AddLine(ImVec2(box.x0 + pad, mid), ImVec2(box.x0 + pad + l.swatch, mid), row.colour, 3.5f * s.scale);
    const float x = box.x0 + 2 * pad + l.swatch;
    dl.AddText(canvas_font(s), s.font_size, ImVec2(x, y + (line_h - s.font_size) / 2), s.box_text, row.title.c_str());
    if (parameters)
      dl.AddText(canvas_font(s), s.font_size * 0.85f, ImVec2(x, y + line_h + (line_h - s.font_size) / 2), s.box_text,
                 row.detail.c_str());
    y += l.row_h;
  }
  if (!note.empty())
    dl.AddText(canvas_font(s), l.note_size, ImVec2(box.x0 + pad, y + (line_h - l.note_size) / 2), s.box_text,
               note.data(), note.data() + note.size());
  return box;
}

}  // namespace optviz::gui
