// The teacher's desk (issue 22), headless: a typed rule or formula takes effect when complete
// (Enter or a pause, given `now`: no test waits), errors give their line and column, a run
// converted to a typed rule keeps its hyperparameters and its path bit for bit; explain mode steps
// once and keeps its buttons apart; Escape closes one thing at a time; Ctrl+0 resets to the
// mode's own scale.
#include <catch2/catch.hpp>
#include <cstring>

#include "document.hpp"
#include "explain_mode.hpp"
#include "expression.hpp"
#include "headless_ui.hpp"
#include "keys.hpp"
#include "rule.hpp"
#include "slide_layout.hpp"
#include "ui.hpp"

using namespace optviz;
using namespace optviz::gui;
using optviz::gui::test::HeadlessUi;

namespace {

bool same_bits(const Trajectory& a, const Trajectory& b) {
  if (a.rows() != b.rows()) return false;
  for (std::size_t k = 0; k < a.rows(); ++k)
    if (std::memcmp(&a.position[k], &b.position[k], sizeof(Vec2)) != 0) return false;
  return true;
}

}  // namespace

TEST_CASE("errors say their line and column") {
  CHECK(place_text("x^2 + z", 7) == "column 7");
  CHECK(place_text("m = 0.9*m + g\ntheta = theta - eta*m +", 38) == "line 2, column 24");
  CHECK(text_place("G = rho*G\ntheta = q", 20).line == 2);
  CHECK(text_place("G = rho*G\ntheta = q", 20).column == 10);
  try {
    Rule("G = rho*G + (1-rho)*g^2\ntheta = theta - eta*g/(sqrt(G) + q)");
    FAIL("the rule compiled");
  } catch (const ExpressionError& e) {
    const std::string text = "G = rho*G + (1-rho)*g^2\ntheta = theta - eta*g/(sqrt(G) + q)";
    CHECK(place_text(text, e.column()) == "line 2, column 34");
  }
  FormulaEdit edit{"m = 0.9*m + g\ntheta = theta - eta*m +", "expected a number", 38, {}};
  CHECK(problem_text(edit) == "line 2, column 24: expected a number");
}

TEST_CASE("a typed rule takes effect only when complete: after a pause in typing, or at once when typed whole") {
  HeadlessUi ui(default_scenario());
  change_to_rule(ui.state, 2);
  ui.frames(2);
  const std::string before = ui.state.model.scenario.course.runs[2].rule->text();
  // Half-typed and valid ("theta = theta"): nothing changes while typing goes on.
  edit_rule(ui.state, 2, "theta = theta", 10.0);
  update(ui.state, 10.2);
  CHECK(ui.state.model.scenario.course.runs[2].rule->text() == before);
  edit_rule(ui.state, 2, "theta = theta - eta*g", 10.3);
  update(ui.state, 10.3 + kTypingPause / 2);
  CHECK(ui.state.model.scenario.course.runs[2].rule->text() == before);
  update(ui.state, 10.3 + kTypingPause);
  CHECK(ui.state.model.scenario.course.runs[2].rule->text() == "theta = theta - eta*g");
  CHECK_FALSE(rule_edit(ui.state, 2).typed_at);
  // An invalid text after the pause: the last valid rule runs, the error shows with its line.
  edit_rule(ui.state, 2, "m = 0.9*m + g\ntheta = theta - eta*m +", 20.0);
  update(ui.state, 21.0);
  CHECK(ui.state.model.scenario.course.runs[2].rule->text() == "theta = theta - eta*g");
  CHECK(problem_text(rule_edit(ui.state, 2)) ==
        "line 2, column 24: expected a number, a name or '(', got the end of the formula");
  // The formula field alike.
  type_formula(ui.state, "x^2 + 3*y^2");
  edit_formula(ui.state, "x^2 + 3*y", 30.0);
  update(ui.state, 30.1);
  CHECK(ui.state.model.scenario.course.objective == Objective::typed("x^2 + 3*y^2"));
  update(ui.state, 30.0 + kTypingPause);
  CHECK(ui.state.model.scenario.course.objective == Objective::typed("x^2 + 3*y"));
}

TEST_CASE("converting a run to a typed rule keeps its hyperparameters and its path bit for bit") {
  HeadlessUi ui(default_scenario());
  ui.frames(2);
  std::vector<Hyperparameters> configurations;
  Hyperparameters rmsprop = defaults(OptimizerKind::rmsprop);
  rmsprop.rho = 0.5;
  rmsprop.eps = 1e-3;
  rmsprop.eta = 0.003;
  configurations.push_back(rmsprop);
  rmsprop.centered = true;
  rmsprop.momentum = 0.5;
  configurations.push_back(rmsprop);
  Hyperparameters adam = defaults(OptimizerKind::adam);
  adam.beta1 = 0.8;
  adam.weight_decay = 0.01;
  configurations.push_back(adam);
  Hyperparameters adagrad = defaults(OptimizerKind::adagrad);
  adagrad.initial_accumulator = 0.1;
  adagrad.eta = 0.2;
  configurations.push_back(adagrad);
  Hyperparameters nesterov = defaults(OptimizerKind::nesterov);
  nesterov.eta = 1e-4;
  configurations.push_back(nesterov);
  for (const Hyperparameters& h : configurations) {
    INFO(name(h.kind));
    ui.state.model.scenario.course.runs[0].hyper = h;
    ui.state.model.scenario.course.runs[0].rule.reset();
    ui.frames(2);
    const Trajectory original = ui.state.model.runs[0];
    change_to_rule(ui.state, 0);
    ui.frames(2);
    const RunSpec& run = ui.state.model.scenario.course.runs[0];
    REQUIRE(run.rule);
    CHECK(run.hyper == h);
    for (const RealParameter* p : run.rule->reads()) CHECK(run.hyper.*p->member == h.*p->member);
    CHECK(same_bits(ui.state.model.runs[0], original));
  }
}

TEST_CASE("Right on the last explained sub-step moves the playhead one step") {
  HeadlessUi ui(default_scenario());
  ui.frames(2);
  set_step(ui.state, 40);
  ui.press(keys::kE);
  ExplainMode& x = ui.state.view.explain;
  REQUIRE(x.open);
  x.playing = false;
  const long at = current_step(ui.state);
  const std::size_t parts = x.explanation.parts.size();
  for (std::size_t i = 0; i + 1 < parts; ++i) ui.press(keys::kRight);
  REQUIRE(x.part + 1 == parts);
  REQUIRE(current_step(ui.state) == at);
  ui.press(keys::kRight);
  CHECK_FALSE(x.open);
  CHECK(current_step(ui.state) == at + 1);
}

TEST_CASE("the explained update's buttons never overlap and its text stays clear of them") {
  for (const auto& [w, h] : {std::pair{1280.0f, 720.0f}, {1366.0f, 768.0f}, {1920.0f, 1080.0f}}) {
    for (const bool presenting : {false, true}) {
      HeadlessUi ui(default_scenario(), w, h, presenting ? 1.0f : h / 720);
      ui.state.view.settings.presenting = presenting;
      ui.frames(2);
      for (std::size_t run = 0; run < ui.state.model.scenario.course.runs.size(); ++run) {
        ui.state.model.selected = run;
        set_step(ui.state, 10);
        start_explaining(ui.state);
        ExplainMode& x = ui.state.view.explain;
        x.playing = false;
        for (std::size_t part = 0; part < x.explanation.parts.size(); ++part) {
          x.part = part;
          ui.frames(1);
          INFO(w << "x" << h << (presenting ? " presenting" : "") << ", run " << run << ", part " << part);
          const ExplainLayout& l = x.layout;
          for (int i = 0; i < 4; ++i) {
            CHECK(l.buttons[i].x0 >= l.inset.x0);
            CHECK(l.buttons[i].x1 <= l.inset.x1);
            CHECK(l.buttons[i].y1 <= l.inset.y1);
            CHECK(l.text_bottom + 4 <= l.buttons[i].y0);  // captions do not touch the buttons
            for (int j = i + 1; j < 4; ++j) CHECK_FALSE(overlap(l.buttons[i], l.buttons[j]));
          }
        }
        stop_explaining(ui.state);
      }
    }
  }
}

TEST_CASE("Escape closes one thing at a time, then leaves presentation mode") {
  HeadlessUi ui(default_scenario());
  ui.state.view.settings.presenting = true;
  ui.state.view.dialogs.lesson_info = true;
  ui.frames(2);
  ui.press(keys::kE);
  REQUIRE(ui.state.view.explain.open);
  ui.press(keys::kEscape);
  CHECK_FALSE(ui.state.view.explain.open);
  CHECK(ui.state.view.dialogs.lesson_info);  // the text stays
  CHECK(ui.state.view.settings.presenting);
  ui.press(keys::kEscape);
  CHECK_FALSE(ui.state.view.dialogs.lesson_info);
  CHECK(ui.state.view.settings.presenting);
  ui.press(keys::kEscape);
  CHECK_FALSE(ui.state.view.settings.presenting);
}

TEST_CASE("Escape answers Save changes? with Cancel, and closes the About box") {
  HeadlessUi ui(default_scenario());
  ui.frames(2);
  ui.state.model.scenario.course.steps = 77;
  ui.frames(2);
  ui.state.view.requests.new_scenario = true;
  ui.frames(2);
  REQUIRE(ui.state.view.document.asking.kind == Replacement::new_scenario);
  ui.state.view.dialogs.about = true;
  ui.frames(1);
  ui.press(keys::kEscape);
  ui.frames(1);
  CHECK(ui.state.view.document.asking.kind == Replacement::none);
  CHECK(ui.state.model.scenario.course.steps == 77);  // nothing replaced
  CHECK(ui.state.view.dialogs.about);                 // one thing at a time
  ui.press(keys::kEscape);
  CHECK_FALSE(ui.state.view.dialogs.about);
}

TEST_CASE("Ctrl+0 resets the text to the mode's own scale") {
  HeadlessUi ui(default_scenario(), 1920, 1080);
  ui.state.view.settings.presenting = true;
  ui.state.view.settings.ui_scale = presentation_ui_scale(1, 1080);
  ui.frames(2);
  const float own = ui.state.view.settings.ui_scale;
  REQUIRE(own > 1.5f);
  ui.press(keys::kEqual, true);
  REQUIRE(ui.state.view.settings.ui_scale > own);
  ui.press(keys::kZero, true);
  CHECK(ui.state.view.settings.ui_scale == own);
  ui.state.view.settings.presenting = false;
  ui.press(keys::kZero, true);
  CHECK(ui.state.view.settings.ui_scale == 1);
}
