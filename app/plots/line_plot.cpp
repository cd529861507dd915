#include "line_plot.hpp"

#include <algorithm>
#include <cmath>

#include "translate.hpp"

namespace optviz::gui {

ImU32 with_alpha(ImU32 c, float alpha) {
  ImVec4 v = ImGui::ColorConvertU32ToFloat4(c);
  v.w *= alpha;
  return ImGui::ColorConvertFloat4ToU32(v);
}

AxisRange series_range(const LinePlot& plot, PlotColumnsCache* cache) {
  RangeBuilder builder(plot.log_y);
  for (const PlotSeries& series : plot.series) {
    if (cache != nullptr)
      builder.add(cache->range(series.version, series.values, plot.log_y));
    else
      for (std::size_t i = 0; i < series.values.size(); ++i) builder.add(series.values[i]);
  }
  for (const PlotBand& band : plot.bands)
    for (const StridedValues* bound : {&band.low, &band.high})
      for (std::size_t i = 0; i < bound->size(); ++i) builder.add((*bound)[i]);
  return builder.range();
}

namespace {

// The band's first `shown` values as quads between its bounds, one pixel column at a time (the
// lowest low and the highest high of the values in it), broken where a bound has no place.
void draw_band(ImDrawList& dl, const PlotBand& band, const AxisRange& x, const AxisRange& y, PixelRect r) {
  const std::size_t n = std::min({band.shown, band.low.size(), band.high.size()});
  // As its line is drawn: readable on the plot, here translucent.
  const ImU32 colour = with_alpha(readable_on(band.colour, plot_background()), 0.22f);
  struct Column {
    float px, low, high;
  };
  std::optional<Column> previous, current;
  const auto pixel_y = [&](double v) { return r.y1 - static_cast<float>(y.fraction(v)) * r.height(); };
  const auto emit = [&] {
    if (previous && current)
      dl.AddQuadFilled(ImVec2(previous->px, previous->low), ImVec2(previous->px, previous->high),
                       ImVec2(current->px, current->high), ImVec2(current->px, current->low), colour);
    previous = current;
    current.reset();
  };
  for (std::size_t i = 0; i < n; ++i) {
    const double lo = band.low[i], hi = band.high[i];
    const float px = std::clamp(r.x0 + static_cast<float>(x.fraction(band.at[i])) * r.width(), r.x0 - 4, r.x1 + 4);
    if (!std::isfinite(lo) || !std::isfinite(hi) || (y.log && (lo <= 0 || hi <= 0))) {
      emit();
      previous.reset();
      continue;
    }
    const float low = std::clamp(pixel_y(lo), r.y0 - 4, r.y1 + 4), high = std::clamp(pixel_y(hi), r.y0 - 4, r.y1 + 4);
    if (current && std::floor(current->px) != std::floor(px)) emit();
    if (!current) {
      current = Column{px, low, high};
      continue;
    }
    current->low = std::max(current->low, low);  // pixels grow downwards: the lowest value is the largest y
    current->high = std::min(current->high, high);
  }
  emit();
}

// " (step 1230)" when a series recorded every k steps gives the row nearest the hovered step.
std::string row_step(const SeriesX& at, std::size_t i, long hovered) {
  const auto step = static_cast<long>(at[i]);
  return step == hovered ? std::string() : " " + tr_format("(step {0})", {std::to_string(step)});
}

}  // namespace

std::optional<PixelRect> draw_plot_frame(ImDrawList& dl, ImVec2 origin, ImVec2 size, const std::string& title,
                                         const AxisRange& x, const AxisRange& y,
                                         const std::vector<std::string>& short_titles) {
  const ImU32 text = ImGui::GetColorU32(ImGuiCol_Text);
  const ImU32 faint = ImGui::GetColorU32(ImGuiCol_TextDisabled);
  const ImU32 frame = ImGui::GetColorU32(ImGuiCol_FrameBg);
  const ImU32 border = ImGui::GetColorU32(ImGuiCol_Border);
  const float fs = ImGui::GetFontSize();

  // The title above, tick labels left and below.
  dl.PushClipRect(origin, ImVec2(origin.x + size.x, origin.y + size.y), true);
  const std::string* shown = &title;
  for (const std::string& t : short_titles)
    if (ImGui::CalcTextSize(shown->c_str()).x > size.x) shown = &t;
  dl.AddText(ImVec2(origin.x, origin.y), text, shown->c_str());
  dl.PopClipRect();
  const std::vector<Tick> y_ticks = axis_ticks(y, std::max(2, static_cast<int>((size.y - 2.5f * fs) / (fs * 1.8f))));
  float label_w = 0;
  for (const Tick& k : y_ticks) label_w = std::max(label_w, ImGui::CalcTextSize(k.label.c_str()).x);
  const PixelRect r{origin.x + label_w + fs * 0.6f, origin.y + fs * 1.4f, origin.x + size.x - fs * 0.4f,
                    origin.y + size.y - fs * 1.4f};
  if (r.width() < 4 || r.height() < 4) return std::nullopt;
  dl.AddRectFilled(ImVec2(r.x0, r.y0), ImVec2(r.x1, r.y1), frame);
  dl.PushClipRect(ImVec2(r.x0 - label_w - fs, r.y0 - fs), ImVec2(r.x1 + fs, r.y1 + fs * 1.5f), true);
  for (const Tick& k : y_ticks) {
    const float py = r.y1 - static_cast<float>(y.fraction(k.value)) * r.height();
    if (!std::isfinite(py) || py < r.y0 - 1 || py > r.y1 + 1) continue;
    dl.AddLine(ImVec2(r.x0, py), ImVec2(r.x1, py), with_alpha(border, 0.5f));
    const ImVec2 ts = ImGui::CalcTextSize(k.label.c_str());
    dl.AddText(ImVec2(r.x0 - ts.x - fs * 0.3f, py - ts.y / 2), faint, k.label.c_str());
  }
  const std::vector<Tick> x_ticks = axis_ticks(x, std::max(2, static_cast<int>(r.width() / (fs * 4.5f))));
  for (const Tick& k : x_ticks) {
    const float px = r.x0 + static_cast<float>(x.fraction(k.value)) * r.width();
    if (!std::isfinite(px) || px < r.x0 - 1 || px > r.x1 + 1) continue;
    dl.AddLine(ImVec2(px, r.y1), ImVec2(px, r.y1 + fs * 0.25f), border);
    const ImVec2 ts = ImGui::CalcTextSize(k.label.c_str());
    dl.AddText(ImVec2(std::min(px - ts.x / 2, r.x1 - ts.x), r.y1 + fs * 0.25f), faint, k.label.c_str());
  }
  dl.PopClipRect();
  return r;
}

std::optional<long> draw_line_plot(const char* id, const LinePlot& plot, ImVec2 size, const CanvasStyle& s,
                                   Polylines& scratch, PlotColumnsCache& cache) {
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  size.x = std::max(size.x, 10.0f);
  size.y = std::max(size.y, 10.0f);
  ImGui::InvisibleButton(id, size);
  const bool hovered = ImGui::IsItemHovered();
  const bool active = ImGui::IsItemActive();
  ImDrawList& dl = *ImGui::GetWindowDrawList();
  const ImU32 text = ImGui::GetColorU32(ImGuiCol_Text);
  const ImU32 faint = ImGui::GetColorU32(ImGuiCol_TextDisabled);
  const ImU32 border = ImGui::GetColorU32(ImGuiCol_Border);

  const AxisRange y = plot.y ? *plot.y : series_range(plot, &cache);
  const auto frame_rect = draw_plot_frame(dl, origin, size, plot.title, plot.x, y, plot.short_titles);
  if (!frame_rect) return std::nullopt;
  const PixelRect r = *frame_rect;

  dl.PushClipRect(ImVec2(r.x0, r.y0), ImVec2(r.x1, r.y1), true);
  Polylines dashes;
  std::vector<ImVec2> points;
  const ImU32 background = plot_background();
  // Without anti-aliasing: the quads of neighbouring columns would show their fringes as stripes.
  const ImDrawListFlags flags = dl.Flags;
  dl.Flags &= ~ImDrawListFlags_AntiAliasedFill;
  for (const PlotBand& band : plot.bands) draw_band(dl, band, plot.x, y, r);
  dl.Flags = flags;
  for (std::size_t k = 0; k < plot.series.size(); ++k) {
    const PlotSeries& series = plot.series[k];
    const SeriesColumns& columns =
        cache.columns({series.version, series.values, series.at(), plot.x, y.log, r.width()});
    // The whole series thin and faint first, then the part up to the playhead over it.
    const bool rest = plot.ahead && series.shown < series.values.size();
    for (const bool whole : {true, false}) {
      if (whole && !rest) continue;
      plot_polylines(series.values, series.at(), plot.x, y, r, scratch, whole ? series.values.size() : series.shown,
                     &columns);
      const ImU32 readable = readable_on(series.colour, background);
      const ImU32 colour = whole ? with_alpha(readable, 0.35f) : readable;
      const float width = (whole ? 1.2f : 2.0f) * s.scale;
      for (std::size_t p = 0; p < scratch.pieces(); ++p) {
        const auto piece = scratch.piece(p);
        auto draw = [&](std::span<const Point2> line) {
          points.resize(line.size());
          std::transform(line.begin(), line.end(), points.begin(), [](Point2 q) { return ImVec2(q.x, q.y); });
          dl.AddPolyline(points.data(), static_cast<int>(points.size()), colour, ImDrawFlags_None, width);
        };
        if (series.dashed) {
          dashed(piece, 6 * s.scale, 4 * s.scale, dashes);
          for (std::size_t d = 0; d < dashes.pieces(); ++d) draw(dashes.piece(d));
        } else {
          draw(piece);
        }
      }
    }
  }
  const float mx = r.x0 + static_cast<float>(plot.x.fraction(plot.marker)) * r.width();
  if (std::isfinite(mx)) dl.AddLine(ImVec2(mx, r.y0), ImVec2(mx, r.y1), text, 1.5f * s.scale);
  if (plot.series.empty() && !plot.empty_text.empty()) {
    // Wrapped to the plot's width: a narrow plot shows all of it on more lines.
    const float wrap = std::max(1.0f, r.width() - ImGui::GetFontSize());
    const ImVec2 ts = ImGui::CalcTextSize(plot.empty_text.c_str(), nullptr, false, wrap);
    dl.AddText(ImGui::GetFont(), ImGui::GetFontSize(), ImVec2((r.x0 + r.x1 - ts.x) / 2, (r.y0 + r.y1 - ts.y) / 2),
               faint, plot.empty_text.c_str(), nullptr, wrap);
  }
  dl.PopClipRect();
  dl.AddRect(ImVec2(r.x0, r.y0), ImVec2(r.x1, r.y1), border);

  const ImVec2 mouse = ImGui::GetIO().MousePos;
  const double fx =
      std::clamp((static_cast<double>(mouse.x) - static_cast<double>(r.x0)) / static_cast<double>(r.width()), 0.0, 1.0);
  const long hovered_step = std::lround(plot.x.value(fx));
  if (hovered && mouse.x >= r.x0 && mouse.x <= r.x1) {
    dl.AddLine(ImVec2(mouse.x, r.y0), ImVec2(mouse.x, r.y1), with_alpha(text, 0.4f));
    ImGui::BeginTooltip();
    ImGui::TextUnformatted(tr_format("step {0}", {std::to_string(hovered_step)}).c_str());
    const ImU32 popup = ImGui::GetColorU32(ImGuiCol_PopupBg);
    for (const PlotSeries& series : plot.series) {
      const auto i = series.at().nearest(static_cast<double>(hovered_step), series.values.size());
      if (!i) continue;
      const ImU32 colour = readable_on(series.colour, popup);
      ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(colour), "%s%s  %s%s", series.dashed ? "- - " : "—  ",
                         series.name.c_str(), short_number(series.values[*i]).c_str(),
                         row_step(series.at(), *i, hovered_step).c_str());
    }
    for (const PlotBand& band : plot.bands) {
      const auto i = band.at.nearest(static_cast<double>(hovered_step), std::min(band.low.size(), band.high.size()));
      if (!i) continue;
      ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(readable_on(band.colour, popup)), "%s  %s – %s%s",
                         band.name.c_str(), short_number(band.low[*i]).c_str(), short_number(band.high[*i]).c_str(),
                         row_step(band.at, *i, hovered_step).c_str());
    }
    ImGui::EndTooltip();
  }
  if (active) return hovered_step;
  return std::nullopt;
}

}  // namespace optviz::gui
