// The views of a real training, RMSprop against AdaGrad on Playground's spiral, drawn headless as
// PNGs to look at (their paths printed), at a panel's share of 1920x1080 and 1280x720, in both
// themes; and the point they make ("AdaGrad's step sizes all shrink, RMSprop's stay alive") measured
// on the runs.
#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "headless_ui.hpp"
#include "layer_bands.hpp"
#include "layer_heatmap.hpp"
#include "net_curves.hpp"
#include "optimizer.hpp"
#include "png_file.hpp"
#include "widget_frame.hpp"

using namespace optviz;
using namespace optviz::gui;

namespace {

struct SpiralRuns {
  Network net{{2, {8, 8}, Activation::tanh, NetLoss::logistic}};
  NetRun rmsprop, adagrad;
};

// RMSprop against AdaGrad on Playground's spiral (400 rows, half of them the test set), a 2-8-8-1
// tanh network from the same weights, batches of 10, 2000 steps, statistics every 10.
const SpiralRuns& spiral_runs() {
  static const SpiralRuns runs = [] {
    SpiralRuns r;
    const NetSplit parts = split(generate_playground({Playground::spiral, 400, 0, 1}), 0.5, 1);
    NetSets sets;
    sets.train = parts.train;
    sets.test = parts.test;
    RunSpec spec;
    spec.batch = 10;
    spec.hyper = defaults(OptimizerKind::rmsprop);
    spec.hyper.eta = 0.01;
    const std::vector<double> init = r.net.initial_weights(1);
    r.rmsprop = train_network(r.net, init, sets, spec, 2000, 0, {10, true});
    spec.hyper = defaults(OptimizerKind::adagrad);
    spec.hyper.eta = 0.05;
    r.adagrad = train_network(r.net, init, sets, spec, 2000, 0, {10, true});
    return r;
  }();
  return runs;
}

void write_view(const std::filesystem::path& dir, const std::string& name, const test::WidgetFrame& frame) {
  const auto path = dir / (name + ".png");
  write_png(path, frame.pixels());
  std::printf("view: %s\n", path.c_str());
}

}  // namespace

TEST_CASE("the views of RMSprop against AdaGrad on the spiral: AdaGrad's step sizes shrink, RMSprop's stay",
          "[gui][net]") {
  const SpiralRuns& runs = spiral_runs();
  REQUIRE(runs.rmsprop.layer_stats.size() == 200 * 6);
  REQUIRE(runs.adagrad.layer_stats.size() == 200 * 6);
  // The point, measured per layer part: AdaGrad's step sizes only shrink (each element's accumulator
  // only grows, so every quantile falls or stays at every recorded update) and fall by more than a
  // factor of 2.5 from update 200 to the last; RMSprop's median rises again at a quarter of them or more.
  for (const ParameterKind kind : {ParameterKind::weight, ParameterKind::bias})
    for (std::size_t l = 0; l < 3; ++l) {
      const std::size_t part = 2 * l + (kind == ParameterKind::bias);
      const auto median = [&](const NetRun& run, std::size_t k) {
        return run.layer_stats[k * 6 + part].step_size.quantiles[kMedian];
      };
      std::size_t adagrad_rises = 0, rmsprop_rises = 0;
      for (std::size_t k = 1; k < 200; ++k) {
        adagrad_rises += median(runs.adagrad, k) > median(runs.adagrad, k - 1);
        rmsprop_rises += median(runs.rmsprop, k) > median(runs.rmsprop, k - 1);
      }
      INFO("layer " << l + 1 << (kind == ParameterKind::bias ? " biases" : " weights"));
      CHECK(adagrad_rises == 0);
      CHECK(median(runs.adagrad, 19) / median(runs.adagrad, 199) > 2.5);
      CHECK(rmsprop_rises > 50);  // 82 to 107 of 199
    }

  const std::vector<NetRunLine> lines{{&runs.rmsprop, IM_COL32(0, 114, 178, 255), "RMSprop", 1},
                                      {&runs.adagrad, IM_COL32(213, 94, 0, 255), "AdaGrad", 2}};
  const long step = 1500;
  const auto dir = test::temp_dir("net-views");
  // A panel's share of the window: at 1920x1080 (text 18 px) and at 1280x720 (13 px).
  struct Size {
    const char* name;
    float width, height, font;
  };
  for (const Size size : {Size{"1080", 760, 620, 18}, Size{"720", 500, 400, 13}})
    for (const Theme theme : {Theme::light, Theme::dark}) {
      const std::string suffix = std::string("-") + size.name + (theme == Theme::dark ? "-dark" : "");
      test::WidgetFrame frame(size.width, size.height, theme, size.font);
      PlotColumnsCache cache;
      Polylines scratch;
      const ImVec2 area(size.width - 2 * ImGui::GetStyle().WindowPadding.x,
                        size.height - 2 * ImGui::GetStyle().WindowPadding.y);

      const NetCurves curves = net_curves(lines, step);
      frame.frame([&] {
        const float h = (area.y - ImGui::GetStyle().ItemSpacing.y) / 2;
        draw_line_plot("loss", curves.loss, ImVec2(area.x, h), frame.style, scratch, cache);
        draw_line_plot("accuracy", *curves.accuracy, ImVec2(area.x, h), frame.style, scratch, cache);
      });
      write_view(dir, "curves" + suffix, frame);

      for (const auto& [name, run] : {std::pair{"rmsprop", &runs.rmsprop}, std::pair{"adagrad", &runs.adagrad}}) {
        // On the same rows as the other run's, to be compared side by side.
        const std::vector<const NetRun*> other{run == &runs.rmsprop ? &runs.adagrad : &runs.rmsprop};
        std::vector<LayerHeatmap> maps;
        fill_layer_heatmaps(maps, *run, runs.net.layers(), ParameterKind::weight, LayerQuantity::step_size, other);
        REQUIRE(maps.size() == 3);
        frame.frame([&] { draw_layer_heatmaps("maps", maps, step, area, frame.style); });
        write_view(dir, std::string("heatmap-") + name + suffix, frame);
      }

      const auto bands =
          layer_band_plots(lines, runs.net.layers(), ParameterKind::weight, LayerQuantity::step_size, step);
      frame.frame([&] {
        const float h = (area.y - 2 * ImGui::GetStyle().ItemSpacing.y) / 3;
        for (std::size_t l = 0; l < bands.size(); ++l)
          draw_line_plot(("band" + std::to_string(l)).c_str(), bands[l], ImVec2(area.x, h), frame.style, scratch,
                         cache);
      });
      write_view(dir, "bands" + suffix, frame);
      if (size.font != 18 || theme != Theme::light) continue;
      // The other quantities, once: the accumulator G, and the biases' |update|/|weight|.
      std::vector<LayerHeatmap> maps;
      fill_layer_heatmaps(maps, runs.rmsprop, runs.net.layers(), ParameterKind::weight, LayerQuantity::accumulator);
      frame.frame([&] { draw_layer_heatmaps("maps", maps, step, area, frame.style); });
      write_view(dir, "heatmap-rmsprop-accumulator" + suffix, frame);
      fill_layer_heatmaps(maps, runs.rmsprop, runs.net.layers(), ParameterKind::bias, LayerQuantity::update_ratio);
      frame.frame([&] { draw_layer_heatmaps("maps", maps, step, area, frame.style); });
      write_view(dir, "heatmap-rmsprop-bias-ratio" + suffix, frame);
    }
}
