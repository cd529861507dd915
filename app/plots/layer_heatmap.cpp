#include "layer_heatmap.hpp"

#include <algorithm>
#include <cmath>

#include "colour_map.hpp"
#include "line_plot.hpp"
#include "net_curves.hpp"
#include "translate.hpp"

namespace optviz::gui {
namespace {

// Where on the colour map a share near 0 starts: the map's darkest end would not stand out from
// the dark theme's background, where empty cells are.
constexpr double kLeastShareColour = 0.12;

// The decade a histogram bin above 0 starts at: bin b counts [10^e, 10^(e+1)).
int bin_decade(std::size_t bin) { return kHistogramLowestDecade + static_cast<int>(bin) - 1; }

// The rows every map of the stack shows: the decades with a value in any of the runs, one more on
// each side for room; nothing when no value has a place on the log axis.
std::optional<std::pair<std::size_t, std::size_t>> shown_bins(std::span<const NetRun* const> runs, ParameterKind kind,
                                                              LayerQuantity quantity) {
  std::size_t low = kHistogramBins, high = 0;
  for (const NetRun* run : runs)
    for (const LayerStats& row : run->layer_stats) {
      const Distribution* d = row.kind == kind ? quantity_of(row, quantity) : nullptr;
      if (d == nullptr) continue;
      for (std::size_t b = 1; b < kHistogramBins; ++b)
        if (d->histogram[b] > 0) {
          low = std::min(low, b);
          high = std::max(high, b);
        }
    }
  if (low > high) return std::nullopt;
  return std::pair{std::max<std::size_t>(1, low - 1), std::min(kHistogramBins - 1, high + 1)};
}

void fill_map(LayerHeatmap& map, std::span<const LayerStats* const> rows, LayerQuantity quantity) {
  const std::size_t n = rows.size();
  map.counts.assign(n * map.bins, 0);
  map.image.reset(static_cast<int>(n), static_cast<int>(map.bins));
  for (std::size_t c = 0; c < n; ++c) {
    const Distribution& d = *quantity_of(*rows[c], quantity);
    map.steps.push_back(rows[c]->step);
    map.zeros.push_back(d.histogram[0]);
    map.nans.push_back(d.nan);
    map.median.push_back(d.quantiles[kMedian]);
    map.q05.push_back(d.quantiles[kQuantile05]);
    map.q95.push_back(d.quantiles[kQuantile95]);
    for (std::size_t r = 0; r < map.bins; ++r) {
      const std::size_t count = d.histogram[map.first_bin + r];
      map.counts[c * map.bins + r] = count;
      map.image.set(static_cast<int>(c), static_cast<int>(r), share_colour(count, map.elements));
    }
  }
  const double first = static_cast<double>(map.steps.front()), last = static_cast<double>(map.steps.back());
  const double spacing = n > 1 ? (last - first) / static_cast<double>(n - 1) : std::max(1.0, first);
  map.x = {first - spacing / 2, last + spacing / 2, false};
  map.y = {std::pow(10.0, bin_decade(map.first_bin)), std::pow(10.0, bin_decade(map.first_bin + map.bins)), true};
}

// The median over the cells, dark under light, readable on every colour.
void draw_median(ImDrawList& dl, const LayerHeatmap& map, PixelRect r, const CanvasStyle& s) {
  const Polylines lines = median_polylines(map, r);
  std::vector<ImVec2> points;
  for (std::size_t p = 0; p < lines.pieces(); ++p) {
    const auto piece = lines.piece(p);
    points.assign(piece.size(), ImVec2());
    std::transform(piece.begin(), piece.end(), points.begin(), [](Point2 q) { return ImVec2(q.x, q.y); });
    dl.AddPolyline(points.data(), static_cast<int>(points.size()), s.shadow, ImDrawFlags_None, 4.0f * s.scale);
    dl.AddPolyline(points.data(), static_cast<int>(points.size()), s.text_on_heatmap, ImDrawFlags_None, 2.0f * s.scale);
  }
}

// The range of values a row counts, as the hover read-out names it.
std::string bin_range(std::size_t bin) {
  if (bin == kHistogramBins - 1) return "≥ 1e" + std::to_string(bin_decade(bin));
  return "[1e" + std::to_string(bin_decade(bin)) + ", 1e" + std::to_string(bin_decade(bin) + 1) + ")";
}

void hover_text(const LayerHeatmap& map, std::size_t c, std::optional<std::size_t> row) {
  ImGui::BeginTooltip();
  ImGui::TextUnformatted(map.title.c_str());
  ImGui::TextUnformatted(tr_format("after update {0}: median {1}, 5–95%: {2} – {3}",
                                   {std::to_string(map.steps[c]), short_number(map.median[c]), short_number(map.q05[c]),
                                    short_number(map.q95[c])})
                             .c_str());
  if (row)
    ImGui::TextUnformatted(
        tr_format("{0} of {1} in {2}", {std::to_string(map.counts[c * map.bins + *row]), std::to_string(map.elements),
                                        bin_range(map.first_bin + *row)})
            .c_str());
  if (map.zeros[c] > 0)
    ImGui::TextUnformatted(tr_format("{0} below 1e-18 (zero)", {std::to_string(map.zeros[c])}).c_str());
  if (map.nans[c] > 0) ImGui::Text("%zu NaN", map.nans[c]);
  ImGui::EndTooltip();
}

// The key above the maps: what the colours count.
void draw_key(ImDrawList& dl, ImVec2 at, float width, const CanvasStyle& s) {
  const float fs = ImGui::GetFontSize();
  const ImU32 faint = ImGui::GetColorU32(ImGuiCol_TextDisabled);
  // The label shortened where the whole would not leave room for the ramp and its "100%".
  const char* label = tr("share of the layer in a decade:  0");
  if (ImGui::CalcTextSize(label).x + 6 * fs > width) label = tr("share in a decade:  0");
  dl.AddText(at, faint, label);
  const float x0 = at.x + ImGui::CalcTextSize(label).x + 0.4f * fs;
  const float ramp = std::clamp(width - (x0 - at.x) - 3.5f * fs, 2 * fs, 8 * fs);
  const PixelRect bar{x0, at.y + 0.2f * fs, x0 + ramp, at.y + 0.95f * fs};
  draw_colour_ramp(dl, bar, true, kLeastShareColour, 1);
  dl.AddRect(ImVec2(bar.x0, bar.y0), ImVec2(bar.x1, bar.y1), s.axis);
  dl.AddText(ImVec2(bar.x1 + 0.4f * fs, at.y), faint, "100%");
}

}  // namespace

std::string quantity_title(LayerQuantity quantity, const std::string& accumulator) {
  switch (quantity) {
    case LayerQuantity::accumulator:
      // TRANSLATORS: {0} is the accumulator's name ("G", "v").
      return tr_format("accumulator {0}", {accumulator});
    case LayerQuantity::step_size:
      return tr("step size");
    case LayerQuantity::update_ratio:
      break;
  }
  return "|update|/|weight|";
}

std::string layer_part_title(const LayerShape& shape, std::size_t layer, ParameterKind kind) {
  const std::string number = std::to_string(layer + 1);
  // TRANSLATORS: {0} is the layer's number, {1} how many biases it has.
  if (kind == ParameterKind::bias) return tr_format("layer {0} biases ({1})", {number, std::to_string(shape.out)});
  // TRANSLATORS: {0} is the layer's number, {1}x{2} the shape of its weight matrix (inputs x units).
  return tr_format("layer {0} weights ({1}x{2})", {number, std::to_string(shape.in), std::to_string(shape.out)});
}

const Distribution* quantity_of(const LayerStats& row, LayerQuantity quantity) {
  switch (quantity) {
    case LayerQuantity::accumulator:
      return row.accumulator ? &*row.accumulator : nullptr;
    case LayerQuantity::step_size:
      return &row.step_size;
    case LayerQuantity::update_ratio:
      break;
  }
  return &row.update_ratio;
}

Polylines median_polylines(const LayerHeatmap& map, PixelRect r) {
  Polylines out;
  const std::size_t n = map.median.size();
  bool open = false;
  for (std::size_t c = 0; c < n; ++c) {
    const double f = map.y.fraction(map.median[c]);
    if (!std::isfinite(f)) {
      open = false;
      continue;
    }
    if (!open) out.starts.push_back(out.points.size());
    open = true;
    const float px = r.x0 + r.width() * (static_cast<float>(c) + 0.5f) / static_cast<float>(n);
    out.points.push_back({px, std::clamp(r.y1 - static_cast<float>(f) * r.height(), r.y0, r.y1)});
  }
  return out;
}

std::array<std::uint8_t, 4> share_colour(std::size_t count, std::size_t elements) {
  if (count == 0 || elements == 0) return {0, 0, 0, 0};
  const double share = static_cast<double>(count) / static_cast<double>(elements);
  const Colour c = colour_map(kLeastShareColour + (1 - kLeastShareColour) * share);
  const auto byte = [](float v) { return static_cast<std::uint8_t>(std::lround(std::clamp(v, 0.0f, 1.0f) * 255)); };
  return {byte(c.r), byte(c.g), byte(c.b), 255};
}

void fill_layer_heatmaps(std::vector<LayerHeatmap>& maps, const NetRun& run, std::span<const LayerShape> layers,
                         ParameterKind kind, LayerQuantity quantity, std::span<const NetRun* const> alike) {
  std::vector<const NetRun*> runs{&run};
  runs.insert(runs.end(), alike.begin(), alike.end());
  const auto bins = shown_bins(runs, kind, quantity);
  std::vector<std::vector<const LayerStats*>> parts;
  for (std::size_t l = 0; bins && l < layers.size(); ++l) {
    std::vector<const LayerStats*> rows;
    for (const LayerStats& row : run.layer_stats)
      if (row.layer == l && row.kind == kind && quantity_of(row, quantity) != nullptr) rows.push_back(&row);
    if (!rows.empty()) parts.push_back(std::move(rows));
  }
  maps.resize(parts.size());
  for (std::size_t k = 0; k < parts.size(); ++k) {
    const std::size_t l = parts[k].front()->layer;
    LayerHeatmap map;
    map.image.generation = maps[k].image.generation;  // counts on at its place
    map.layer = l;
    map.title = layer_part_title(layers[l], l, kind) + ": " + quantity_title(quantity, run.accumulator);
    map.first_bin = bins->first;
    map.bins = bins->second - bins->first + 1;
    map.elements = parts[k].front()->count;
    fill_map(map, parts[k], quantity);
    maps[k] = std::move(map);
  }
}

std::optional<long> draw_layer_heatmaps(const char* id, std::span<const LayerHeatmap> maps, long step, ImVec2 size,
                                        const CanvasStyle& s) {
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  size.x = std::max(size.x, 10.0f);
  size.y = std::max(size.y, 10.0f);
  ImGui::InvisibleButton(id, size);
  const bool hovered = ImGui::IsItemHovered(), active = ImGui::IsItemActive();
  if (maps.empty()) return std::nullopt;
  ImDrawList& dl = *ImGui::GetWindowDrawList();
  const float fs = ImGui::GetFontSize();
  draw_key(dl, origin, size.x, s);
  const float key = 1.4f * fs, each = (size.y - key) / static_cast<float>(maps.size());
  const ImU32 text = ImGui::GetColorU32(ImGuiCol_Text), border = ImGui::GetColorU32(ImGuiCol_Border);
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  std::optional<long> picked;
  for (std::size_t k = 0; k < maps.size(); ++k) {
    const LayerHeatmap& map = maps[k];
    const ImVec2 at(origin.x, origin.y + key + each * static_cast<float>(k));
    const auto frame = draw_plot_frame(dl, at, ImVec2(size.x, each), map.title, map.x, map.y);
    if (!frame || map.steps.empty()) continue;
    const PixelRect r = *frame;
    draw_cell_image(dl, map.image, r);
    const std::size_t n = map.steps.size();
    // After the playhead, the cells faint, as the paths ahead are.
    const std::size_t shown = rows_up_to(map.steps, step);
    if (shown < n) {
      const float x = r.x0 + r.width() * static_cast<float>(shown) / static_cast<float>(n);
      dl.AddRectFilled(ImVec2(x, r.y0), ImVec2(r.x1, r.y1), with_alpha(ImGui::GetColorU32(ImGuiCol_FrameBg), 0.7f));
    }
    dl.PushClipRect(ImVec2(r.x0, r.y0), ImVec2(r.x1, r.y1), true);
    draw_median(dl, map, r, s);
    const float mx = r.x0 + static_cast<float>(map.x.fraction(static_cast<double>(step))) * r.width();
    if (std::isfinite(mx)) dl.AddLine(ImVec2(mx, r.y0), ImVec2(mx, r.y1), text, 1.5f * s.scale);
    dl.PopClipRect();
    dl.AddRect(ImVec2(r.x0, r.y0), ImVec2(r.x1, r.y1), border);
    if (!(hovered || active) || mouse.x < r.x0 || mouse.x >= r.x1 || mouse.y < r.y0 || mouse.y >= r.y1) continue;
    const auto c = std::min(n - 1, static_cast<std::size_t>((mouse.x - r.x0) / r.width() * static_cast<float>(n)));
    const auto row = static_cast<std::size_t>((r.y1 - mouse.y) / r.height() * static_cast<float>(map.bins));
    hover_text(map, c, row < map.bins ? std::optional(row) : std::nullopt);
    if (active) picked = map.steps[c];
  }
  return picked;
}

}  // namespace optviz::gui
