// The views of a network's training over time (app/plots/net_curves, layer_heatmap, layer_bands):
// the curves' series are the NetRun's columns at its recorded steps; the heatmap's cells are the
// histogram's counts of a hand-made LayerStats, its median line at its place; the bands lie between
// the 5% and 95% quantiles. The views of a real training: net_views_spiral_tests.cpp.
#include <catch2/catch.hpp>
#include <cmath>
#include <string>
#include <vector>

#include "drawn_text.hpp"
#include "layer_bands.hpp"
#include "layer_heatmap.hpp"
#include "net_curves.hpp"
#include "widget_frame.hpp"

using namespace optviz;
using namespace optviz::gui;

namespace {

// Four rows at steps 0, 10, 20 and 25 (every 10 and the last), with a test set.
NetRun hand_run() {
  NetRun run;
  run.step = {0, 10, 20, 25};
  run.loss = {0.7, 0.5, 0.3, 0.25};
  run.test_loss = {0.72, 0.55, 0.4, 0.38};
  run.accuracy = {0.5, 0.6, 0.8, 0.85};
  run.test_accuracy = {0.45, 0.55, 0.7, 0.75};
  return run;
}

Distribution with_counts(std::vector<std::pair<double, std::size_t>> counts, double q05, double median, double q95) {
  Distribution d;
  for (const auto& [value, count] : counts) d.histogram[histogram_bin(value)] += count;
  d.quantiles = {q05 / 2, q05, q05, median, q95, q95, q95 * 2};
  return d;
}

// Statistics of a 2-3-1 network after updates 10, 20 and 25: layer 1's weights' step sizes spread
// over [1e-3, 1e-1), layer 2's in [1e-2, 1e-1); each median at a decade's edge or its middle.
NetRun hand_stats_run(const Network& net) {
  NetRun run = hand_run();
  const std::vector<double> medians{1e-3, std::sqrt(10) * 1e-3, 1e-2};
  for (std::size_t k = 0; k < 3; ++k) {
    for (std::size_t l = 0; l < 2; ++l)
      for (const ParameterKind kind : {ParameterKind::weight, ParameterKind::bias}) {
        const LayerShape& s = net.layers()[l];
        LayerStats row;
        row.step = run.step[k + 1];
        row.layer = l;
        row.kind = kind;
        row.count = kind == ParameterKind::weight ? s.in * s.out : s.out;
        if (l == 0 && kind == ParameterKind::weight)
          row.step_size = with_counts({{2e-3, 4 - k}, {2e-2, 2 + k}}, 1.5e-3, medians[k], 5e-2);
        else
          row.step_size = with_counts({{5e-2, row.count}}, 5e-2, 5e-2, 5e-2);
        row.update_ratio = row.step_size;
        run.layer_stats.push_back(row);
      }
  }
  return run;
}

// Where draw_plot_frame puts a plot's area in a size area at `origin`: the frame drawn aside.
PixelRect frame_area(const std::string& title, const AxisRange& x, const AxisRange& y, ImVec2 origin, ImVec2 size,
                     const std::vector<std::string>& short_titles = {}) {
  ImDrawList aside(ImGui::GetDrawListSharedData());
  aside._ResetForNewFrame();
  aside.PushClipRectFullScreen();
  aside.PushTextureID(ImGui::GetIO().Fonts->TexID);
  return *draw_plot_frame(aside, origin, size, title, x, y, short_titles);
}

// The same for a line plot.
PixelRect plot_area(const LinePlot& plot, ImVec2 origin, ImVec2 size) {
  return frame_area(plot.title, plot.x, plot.y ? *plot.y : series_range(plot), origin, size, plot.short_titles);
}

}  // namespace

TEST_CASE("a series recorded every k steps lies at its steps; the hover finds the nearest row", "[gui][net]") {
  const std::vector<long> steps{0, 10, 20, 25};
  const SeriesX at = SeriesX::at_steps(steps.data());
  CHECK(at[2] == 20);
  CHECK(SeriesX(1)[2] == 3);
  CHECK(at.nearest(14, 4) == 1u);
  CHECK(at.nearest(16, 4) == 2u);
  CHECK(at.nearest(24, 4) == 3u);
  CHECK(at.nearest(26, 4) == std::nullopt);
  CHECK(SeriesX(1).nearest(3, 4) == 2u);
  CHECK(SeriesX(1).nearest(0, 4) == std::nullopt);

  const std::vector<double> values{1, 2, 3, 4};
  Polylines out;
  const PixelRect rect{0, 0, 250, 100};
  plot_polylines({values.data(), sizeof(double), values.size()}, at, {0, 25, false}, {0, 5, false}, rect, out);
  REQUIRE(out.points.size() == 4);
  for (std::size_t i = 0; i < 4; ++i) {
    CHECK(out.points[i].x == static_cast<float>(steps[i] * 10));
    CHECK(out.points[i].y == static_cast<float>(100 - values[i] * 20));
  }
}

TEST_CASE("the curves are the NetRun's columns at its steps, drawn up to the playhead", "[gui][net]") {
  const NetRun run = hand_run();
  NetRun mse;  // no test set, no accuracy
  mse.step = {0, 7};
  mse.loss = {2, 1};
  const std::vector<NetRunLine> lines{{&run, IM_COL32(0, 114, 178, 255), "RMSprop", 3},
                                      {&mse, IM_COL32(213, 94, 0, 255), "SGD", 4}};
  const NetCurves curves = net_curves(lines, 20);
  CHECK(curves.loss.x == AxisRange{0, 25, false});
  CHECK(curves.loss.marker == 20);
  CHECK_FALSE(curves.loss.log_y);  // 0.25 to 2: less than a decade
  NetRun falling = mse;
  falling.loss = {2, 0.2};
  CHECK(net_curves(std::vector<NetRunLine>{{&falling, 0, "SGD", 0}}, 0).loss.log_y);
  REQUIRE(curves.loss.series.size() == 3);
  const auto check = [&](const PlotSeries& s, const std::vector<double>& column, const NetRun& r, bool dashed) {
    REQUIRE(s.values.size() == column.size());
    for (std::size_t i = 0; i < column.size(); ++i) {
      CHECK(s.values[i] == column[i]);
      CHECK(s.at()[i] == static_cast<double>(r.step[i]));
    }
    CHECK(s.dashed == dashed);
  };
  check(curves.loss.series[0], run.loss, run, false);
  check(curves.loss.series[1], run.test_loss, run, true);
  check(curves.loss.series[2], mse.loss, mse, false);
  CHECK(curves.loss.series[0].shown == 3);  // steps 0, 10, 20
  CHECK(curves.loss.series[2].shown == 2);
  CHECK(curves.loss.series[0].name == "RMSprop training loss");
  CHECK(curves.loss.series[0].version == 3);
  REQUIRE(curves.accuracy);
  CHECK(curves.accuracy->y == AxisRange{0, 1, false});
  REQUIRE(curves.accuracy->series.size() == 2);
  check(curves.accuracy->series[0], run.accuracy, run, false);
  check(curves.accuracy->series[1], run.test_accuracy, run, true);
  CHECK_FALSE(net_curves(std::span(lines).subspan(1), 0).accuracy);
  CHECK(rows_up_to(run.step, 9) == 1);
  CHECK(rows_up_to(run.step, 25) == 4);

  // Drawn: the title, and the hover's read-out of the nearest row at 14 of 25 steps.
  test::WidgetFrame frame(600, 300);
  PlotColumnsCache cache;
  Polylines scratch;
  float left = 0, right = 0;
  const auto draw = [&] {
    const PixelRect r = plot_area(curves.loss, ImGui::GetCursorScreenPos(), ImVec2(560, 250));
    left = r.x0;
    right = r.x1;
    draw_line_plot("loss", curves.loss, ImVec2(560, 250), frame.style, scratch, cache);
  };
  frame.frame(draw);
  frame.frame(draw, [&](ImGuiIO& io) { io.MousePos = ImVec2(left + (right - left) * 14 / 25, 150); });
  frame.frame(draw, [&](ImGuiIO& io) { io.MousePos = ImVec2(left + (right - left) * 14 / 25, 150); });
  const std::string text = test::drawn_text();
  CHECK(text.find("Loss: — training - - test") != std::string::npos);
  CHECK(text.find("RMSprop training loss 0.5 (step 10)") != std::string::npos);
  CHECK(text.find("RMSprop test loss 0.55 (step 10)") != std::string::npos);
}

TEST_CASE("the heatmap's cells are the histogram's counts, its median at its place", "[gui][net]") {
  const Network net({2, {3}, Activation::tanh, NetLoss::logistic});
  const NetRun run = hand_stats_run(net);
  std::vector<LayerHeatmap> maps;
  fill_layer_heatmaps(maps, run, net.layers(), ParameterKind::weight, LayerQuantity::step_size);
  REQUIRE(maps.size() == 2);
  CHECK(maps[0].title == "layer 1 weights (2x3): step size");
  CHECK(maps[1].title == "layer 2 weights (3x1): step size");
  CHECK(layer_part_title(net.layers()[1], 1, ParameterKind::bias) == "layer 2 biases (1)");
  // The decades with values, 1e-3 .. 1e-1, and one more on each side: 1e-4 .. 1e0, the same for both.
  for (const LayerHeatmap& map : maps) {
    CHECK(map.first_bin == histogram_bin(1e-4));
    CHECK(map.bins == 4);
    CHECK(map.steps == std::vector<long>{10, 20, 25});
    CHECK(map.y.min == Approx(1e-4).epsilon(1e-15));
    CHECK(map.y.max == Approx(1).epsilon(1e-15));
    CHECK(map.image.width == 3);
    CHECK(map.image.height == 4);
  }
  for (std::size_t m = 0; m < 2; ++m)
    for (std::size_t c = 0; c < 3; ++c)
      for (std::size_t r = 0; r < 4; ++r) {
        const std::size_t count = run.layer_stats[c * 4 + m * 2].step_size.histogram[maps[m].first_bin + r];
        INFO("map " << m << " column " << c << " row " << r);
        CHECK(maps[m].counts[c * 4 + r] == count);
        CHECK(maps[m].image.at(static_cast<int>(c), static_cast<int>(r)) == share_colour(count, maps[m].elements));
      }
  CHECK(maps[0].counts[0 * 4 + 1] == 4);  // update 10: four of six in [1e-3, 1e-2)
  CHECK(maps[0].counts[2 * 4 + 2] == 4);  // update 25: four of six in [1e-2, 1e-1)
  CHECK(maps[0].image.at(0, 0)[3] == 0);  // empty: the background shows
  CHECK(share_colour(6, 6) == share_colour(1, 1));

  // The median through the columns' centres: 1e-3 at the top of row 0 (a quarter up), 10^-2.5
  // half-way up row 1, 1e-2 at the top of row 1.
  const PixelRect r{100, 50, 400, 250};
  const Polylines line = median_polylines(maps[0], r);
  REQUIRE(line.pieces() == 1);
  REQUIRE(line.points.size() == 3);
  CHECK(line.points[0].x == 150);
  CHECK(line.points[1].x == 250);
  CHECK(line.points[2].x == 350);
  CHECK(line.points[0].y == Approx(200).margin(1e-3));
  CHECK(line.points[1].y == Approx(175).margin(1e-3));
  CHECK(line.points[2].y == Approx(150).margin(1e-3));

  // Without a texture the cells are drawn as rectangles of their colours, and the titles read.
  // Hover: the cell of update 10 in [1e-3, 1e-2) holds four of the six weights.
  test::WidgetFrame frame(600, 400);
  ImVec2 cell;
  const auto draw = [&] {
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float key = 1.4f * ImGui::GetFontSize(), each = (360 - key) / 2;
    const PixelRect area =
        frame_area(maps[0].title, maps[0].x, maps[0].y, ImVec2(origin.x, origin.y + key), ImVec2(560, each));
    cell = ImVec2(area.x0 + area.width() / 6, area.y1 - area.height() * 1.5f / 4);
    draw_layer_heatmaps("maps", maps, 20, ImVec2(560, 360), frame.style);
  };
  frame.frame(draw);
  frame.frame(draw, [&](ImGuiIO& io) { io.MousePos = cell; });
  frame.frame(draw, [&](ImGuiIO& io) { io.MousePos = cell; });
  const std::string text = test::drawn_text();
  CHECK(text.find("after update 10: median 0.001, 5–95%: 0.0015 – 0.05") != std::string::npos);
  CHECK(text.find("4 of 6 in [1e-3, 1e-2)") != std::string::npos);
  CHECK(text.find("layer 1 weights (2x3): step size") != std::string::npos);
  CHECK(text.find("share of the layer in a decade") != std::string::npos);
  const Image image = frame.pixels();
  const auto [cr, cg, cb, ca] = share_colour(4, 6);
  std::size_t found = 0;
  for (std::size_t k = 0; k < image.rgba.size(); k += 4)
    found += image.rgba[k] == cr && image.rgba[k + 1] == cg && image.rgba[k + 2] == cb;
  CHECK(found > 1000);  // cells of four in six, each tens of pixels

  // No accumulator (SGD): no maps.
  CHECK(maps[0].image.generation == 1);
  fill_layer_heatmaps(maps, run, net.layers(), ParameterKind::weight, LayerQuantity::update_ratio);
  CHECK(maps[0].image.generation == 2);  // uploaded again
  CHECK(maps[0].title == "layer 1 weights (2x3): |update|/|weight|");
  // Beside a run with values in [1e3, 1e4): its decades too, and one more, up to 1e5.
  NetRun larger = run;
  for (LayerStats& row : larger.layer_stats) row.step_size.histogram[histogram_bin(2e3)] = 1;
  const std::vector<const NetRun*> alike{&larger};
  fill_layer_heatmaps(maps, run, net.layers(), ParameterKind::weight, LayerQuantity::step_size, alike);
  CHECK(maps[0].bins == 9);
  CHECK(maps[0].y.max == Approx(1e5).epsilon(1e-15));
  fill_layer_heatmaps(maps, run, net.layers(), ParameterKind::weight, LayerQuantity::accumulator);
  CHECK(maps.empty());
}

TEST_CASE("the runs' bands lie between their 5% and 95% quantiles, their medians on them", "[gui][net]") {
  const Network net({2, {3}, Activation::tanh, NetLoss::logistic});
  const NetRun run = hand_stats_run(net);
  const std::vector<NetRunLine> lines{{&run, IM_COL32(0, 114, 178, 255), "RMSprop", 1}};
  const std::vector<LinePlot> plots =
      layer_band_plots(lines, net.layers(), ParameterKind::weight, LayerQuantity::step_size, 20);
  REQUIRE(plots.size() == 2);
  CHECK(plots[0].title == "layer 1 weights (2x3): step size");
  CHECK(plots[0].y == plots[1].y);  // the layers compare
  for (std::size_t l = 0; l < 2; ++l) {
    REQUIRE(plots[l].series.size() == 1);
    REQUIRE(plots[l].bands.size() == 1);
    const PlotSeries& median = plots[l].series[0];
    const PlotBand& band = plots[l].bands[0];
    REQUIRE(median.values.size() == 3);
    CHECK(median.shown == 2);  // updates 10 and 20
    CHECK(band.shown == 2);
    for (std::size_t k = 0; k < 3; ++k) {
      const Distribution& d = run.layer_stats[k * 4 + l * 2].step_size;
      CHECK(median.values[k] == d.quantiles[kMedian]);
      CHECK(band.low[k] == d.quantiles[kQuantile05]);
      CHECK(band.high[k] == d.quantiles[kQuantile95]);
      CHECK(median.at()[k] == static_cast<double>(run.step[k + 1]));
      CHECK(band.at[k] == static_cast<double>(run.step[k + 1]));
    }
  }
  CHECK(plots[0].bands[0].name == "RMSprop 5–95%");
  CHECK(layer_band_plots(lines, net.layers(), ParameterKind::bias, LayerQuantity::accumulator, 20)[0].series.empty());

  // Drawn: every vertex of the band's fill lies between the pixels of 1.5e-3 and 5e-2 on the y axis,
  // and of updates 10 and 25 on the x axis.
  test::WidgetFrame frame(600, 300);
  PlotColumnsCache cache;
  Polylines scratch;
  LinePlot plot = plots[0];
  plot.bands[0].shown = 3;
  const ImU32 fill = with_alpha(readable_on(plot.bands[0].colour, plot_background()), 0.22f);
  std::size_t inside = 0, outside = 0;
  PixelRect r;
  const auto draw = [&] {
    r = plot_area(plot, ImGui::GetCursorScreenPos(), ImVec2(560, 250));
    ImDrawList& dl = *ImGui::GetWindowDrawList();
    const int before = dl.VtxBuffer.Size;
    draw_line_plot("bands", plot, ImVec2(560, 250), frame.style, scratch, cache);
    const float top = r.y1 - static_cast<float>(plot.y->fraction(5e-2)) * r.height();
    const float bottom = r.y1 - static_cast<float>(plot.y->fraction(1.5e-3)) * r.height();
    const float left = r.x0 + static_cast<float>(plot.x.fraction(10)) * r.width();
    const float right = r.x0 + static_cast<float>(plot.x.fraction(25)) * r.width();
    for (int v = before; v < dl.VtxBuffer.Size; ++v) {
      const ImVec2 p = dl.VtxBuffer[v].pos;
      if (dl.VtxBuffer[v].col == fill)
        (p.y >= top - 0.01f && p.y <= bottom + 0.01f && p.x >= left - 0.01f && p.x <= right + 0.01f ? inside
                                                                                                    : outside)++;
    }
  };
  frame.frame(draw);
  CHECK(inside == 8);  // two quads: updates 10 to 20 and 20 to 25
  CHECK(outside == 0);
  // The hover reads the band out at the row nearest the pointer.
  const auto at_update_20 = [&](ImGuiIO& io) {
    io.MousePos = ImVec2(r.x0 + static_cast<float>(plot.x.fraction(20)) * r.width(), (r.y0 + r.y1) / 2);
  };
  frame.frame(draw, at_update_20);
  frame.frame(draw, at_update_20);
  CHECK(test::drawn_text().find("RMSprop 5–95% 0.0015 – 0.05") != std::string::npos);
}
