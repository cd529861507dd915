// Labels that tell the truth (issue 22): run names that follow their values, colours readable on
// every theme, colour bar titles in words, gradient arrows that say they show a direction.
#include <catch2/catch.hpp>
#include <cmath>

#include "canvas_draw.hpp"
#include "headless_ui.hpp"
#include "run.hpp"
#include "run_name.hpp"
#include "run_plots.hpp"
#include "test_function.hpp"
#include "theme.hpp"

using namespace optviz;
using namespace optviz::gui;
using optviz::gui::test::HeadlessUi;

TEST_CASE("every run colour of every theme keeps 3:1 against the plots' background (WCAG)") {
  HeadlessUi ui(default_scenario());
  for (const Theme theme : {Theme::dark, Theme::light}) {
    INFO((theme == Theme::dark ? "dark" : "light"));
    apply_theme(theme, ui_metrics(1));
    const ImU32 background = plot_background();
    const ImU32 window = ImGui::GetColorU32(ImGuiCol_WindowBg);
    for (const Rgb& c : run_palette()) {
      INFO("run colour " << int(c.r) << "," << int(c.g) << "," << int(c.b));
      CHECK(contrast_ratio(readable_on(run_colour(c), background), background) >= kMinRunContrast);
      CHECK(contrast_ratio(readable_on(run_colour(c), window), window) >= kMinRunContrast);
      // Only what needs it changes, and the alpha stays.
      if (contrast_ratio(run_colour(c), background) >= kMinRunContrast)
        CHECK(readable_on(run_colour(c), background) == run_colour(c));
      CHECK((readable_on(run_colour(c, 0.35f), background) & IM_COL32_A_MASK) ==
            (run_colour(c, 0.35f) & IM_COL32_A_MASK));
    }
  }
  // The light theme's yellow, as the issue found it: nearly invisible on white, readable once drawn.
  apply_theme(Theme::light, ui_metrics(1));
  const ImU32 yellow = run_colour({240, 228, 66});
  CHECK(contrast_ratio(yellow, plot_background()) < 1.5);
  CHECK(readable_on(yellow, plot_background()) != yellow);
  CHECK(contrast_ratio(IM_COL32(0, 0, 0, 255), IM_COL32(255, 255, 255, 255)) == Approx(21));
}

TEST_CASE("a run's name in the window follows a dragged value; a typed name stays") {
  Scenario s = default_scenario();
  add_run(s, OptimizerKind::rmsprop);  // a second RMSprop: the names say how the two differ
  HeadlessUi ui(s);
  ui.frames(2);
  const std::size_t first = 2, second = 4;
  REQUIRE(run_name(ui.state.model.simulated, first) == "RMSprop rho=0.9");
  REQUIRE(run_name(ui.state.model.simulated, second) == "RMSprop rho=0.99");
  ui.state.model.scenario.course.runs[first].hyper.eta = 0.30221426551783787;  // as a drag leaves it
  ui.frames(2);
  // What the legends, the inspector and the plots read: the simulated scenario.
  CHECK(run_name(ui.state.model.simulated, first) == "RMSprop eta=0.302 rho=0.9");
  CHECK(run_name(ui.state.model.simulated, second) == "RMSprop eta=0.01 rho=0.99");
  ui.state.model.scenario.looks[second].label = "my RMSprop";
  ui.state.model.scenario.course.runs[second].hyper.rho = 0.5;
  ui.frames(2);
  CHECK(run_name(ui.state.model.simulated, second) == "my RMSprop");
  // Clearing a typed name makes it automatic again.
  ui.state.model.scenario.looks[second].label.clear();
  ui.frames(2);
  CHECK(run_name(ui.state.model.simulated, second) == "RMSprop eta=0.01 rho=0.5");
}

TEST_CASE("the colour bar's title says in words what it counts, never a number") {
  HeatmapScale scale;
  scale.kind = ColourScale::log;
  scale.low = 0.8055;
  scale.known_minimum = true;
  CHECK(colour_bar_title(scale) == "f − f*");
  CHECK(colour_bar_minimum(scale) == "f* = 0.8055");
  scale.known_minimum = false;
  CHECK(colour_bar_title(scale) == "f − lowest found");
  scale.low = 7.889e-31;
  CHECK(colour_bar_title(scale) == "f − lowest found");
  scale.low = 0;
  scale.known_minimum = true;
  CHECK(colour_bar_title(scale) == "f");
  scale.kind = ColourScale::linear;
  CHECK(colour_bar_title(scale) == "f");
  // From the functions: Rosenbrock's minimum 0 is known, Beale's too; a typed formula's is found.
  const HeatmapScale rosenbrock = heatmap_scale(Objective(*find_function("rosenbrock")), ColourScale::log);
  CHECK(rosenbrock.known_minimum);
  CHECK(colour_bar_title(rosenbrock) == "f");
  const HeatmapScale typed = heatmap_scale(Objective::typed("x^2 + y^2 + 0.8055"), ColourScale::log);
  CHECK_FALSE(typed.known_minimum);
  CHECK(colour_bar_title(typed) == "f − lowest found");
}

TEST_CASE("gradient arrows say they show a direction; a vanished gradient is no long arrow") {
  const Objective f(*find_function("rosenbrock"));
  RunSpec run = make_run(OptimizerKind::adam);
  run.hyper.eta = 0.05;
  Course c;
  c.objective = f;
  c.start = f.start();
  c.steps = 3000;
  c.runs = {run};
  const Trajectory t = simulate(c).front();
  REQUIRE_FALSE(t.diverged_at);
  CHECK(descent_label(run, t, 0) == "−∇f direction");
  CHECK_FALSE(gradient_vanished(t, 0));
  // At the minimum the gradient is all but 0: a ring labelled so.
  const std::size_t last = t.rows() - 1;
  REQUIRE(std::hypot(t.gradient[last].x, t.gradient[last].y) < 1e-6);
  CHECK(gradient_vanished(t, last));
  CHECK(descent_label(run, t, last) == "∇f ≈ 0");
}

TEST_CASE("the loss plot names its gap as the colour bar does: f − f* only when the minimum is known") {
  Scenario s = default_scenario();
  s.course.steps = 20;
  std::vector<Trajectory> runs = simulate(s.course);
  RunPlotsSource source;
  source.scenario = &s;
  source.runs = &runs;
  source.step = 10;
  LinePlot plot = run_plot(LessonPlot::loss, source);
  CHECK(plot.title == "Loss f − f*");
  REQUIRE_FALSE(plot.series.empty());
  CHECK(plot.series.front().name.find("f − f*") != std::string::npos);

  s.course.objective = Objective::typed("(x - 1)^2 + 2*(y + 0.5)^2 + 0.25");
  s.course.objective.search_minima({{-3, -3}, {3, 3}});
  runs = simulate(s.course);
  REQUIRE(s.course.objective.minima_are_found());
  plot = run_plot(LessonPlot::loss, source);
  CHECK(plot.title == "Loss f − lowest found");
  REQUIRE_FALSE(plot.series.empty());
  CHECK(plot.series.front().name.find("f − lowest found") != std::string::npos);
}
