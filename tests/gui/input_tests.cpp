// Input that does what it says (issue 22), headless: the wheel scrolls the controls panel and
// nudges a slider only once it was clicked (or with Ctrl held); a press on a slider never jumps
// and a drag moves it from where it was; a click on the canvas takes the keyboard from a text field.
#include <imgui.h>
#include <imgui_internal.h>  // the controls window's scroll

#include <catch2/catch.hpp>
#include <cmath>
#include <optional>
#include <vector>

#include "headless_ui.hpp"
#include "keys.hpp"
#include "scenario.hpp"
#include "ui.hpp"

using namespace optviz;
using namespace optviz::gui;
using optviz::gui::test::HeadlessUi;

namespace {

std::vector<Hyperparameters> hypers(const AppState& state) {
  std::vector<Hyperparameters> h;
  for (const RunSpec& r : state.model.scenario.course.runs) h.push_back(r.hyper);
  return h;
}

float controls_scroll() {
  const ImGuiWindow* w = ImGui::FindWindowByName("Controls");
  REQUIRE(w != nullptr);
  return w->Scroll.y;
}

// The pointer at (x, y) for one frame, nothing pressed.
void hover(HeadlessUi& ui, float x, float y) {
  ui.frame([&](ImGuiIO& io) { io.MousePos = ImVec2(x, y); });
}

// The first y, from the top of the controls panel, at which a hyperparameter slider is under the
// pointer at x.
std::optional<float> find_slider(HeadlessUi& ui, float x) {
  const PixelRect c = ui.state.view.layout.controls;
  for (float y = c.y0 + 2; y < c.y1; y += 3) {
    hover(ui, x, y);
    if (ui.state.view.slider_hovered) return y + 3;  // a little inside it
  }
  return std::nullopt;
}

void press(HeadlessUi& ui, ImVec2 at, bool down) {
  ui.frame([&](ImGuiIO& io) {
    io.MousePos = at;
    io.MouseDown[0] = down;
  });
}

void wheel(HeadlessUi& ui, ImVec2 at, float notches, bool ctrl = false) {
  ui.frame([&](ImGuiIO& io) {
    io.MousePos = at;
    io.MouseWheel = notches;
    io.KeyCtrl = ctrl;
  });
  ui.frame([&](ImGuiIO& io) { io.KeyCtrl = false; });
}

}  // namespace

TEST_CASE("the wheel scrolls the controls panel and changes no slider that passes under the pointer") {
  HeadlessUi ui(default_scenario(), 1280, 620, 1.25f);
  ui.frames(3);
  const std::vector<Hyperparameters> before = hypers(ui.state);
  const PixelRect c = ui.state.view.layout.controls;
  const ImVec2 at(c.x0 + 0.55f * c.width(), c.y0 + 0.4f * c.height());
  bool passed_a_slider = false;
  for (int i = 0; i < 60; ++i) {
    ui.frame([&](ImGuiIO& io) {
      io.MousePos = at;
      io.MouseWheel = -1;
    });
    passed_a_slider |= ui.state.view.slider_hovered;
    REQUIRE(hypers(ui.state) == before);
  }
  CHECK(passed_a_slider);
  CHECK(controls_scroll() > 0);
  // And back up.
  for (int i = 0; i < 60; ++i)
    ui.frame([&](ImGuiIO& io) {
      io.MousePos = at;
      io.MouseWheel = 1;
    });
  CHECK(hypers(ui.state) == before);
  CHECK(controls_scroll() == 0);
}

namespace {

// The window with the pointer's place over the selected run's first slider, its eta.
struct EtaSlider {
  HeadlessUi ui{default_scenario(), 1280, 900, 1};
  ImVec2 at;
  std::size_t run = 0;
  float width = 0;  // the controls panel's

  EtaSlider() {
    // The first run, at the top of the panel: the panel is not scrolled, and the wheel up over an
    // unclicked slider leaves everything where it is.
    ui.state.model.selected = 0;
    ui.frames(3);
    const PixelRect c = ui.state.view.layout.controls;
    width = c.width();
    at.x = c.x0 + 0.45f * width;
    const std::optional<float> y = find_slider(ui, at.x);
    REQUIRE(y);
    at.y = *y;
    run = *ui.state.model.selected;
  }
  double& eta() { return ui.state.model.scenario.course.runs[run].hyper.eta; }
};

}  // namespace

TEST_CASE("a slider takes the wheel after a click on it, or with Ctrl; the click itself changes nothing") {
  EtaSlider slider;
  HeadlessUi& ui = slider.ui;
  const ImVec2 at = slider.at;
  const double eta = slider.eta();
  // Unclicked, the wheel over it does nothing.
  wheel(ui, at, 1);
  wheel(ui, at, 1);
  REQUIRE(slider.eta() == eta);
  // A press and release on the track, away from the grab, never jumps.
  for (const float dx : {-0.3f, 0.3f}) {
    const ImVec2 track(at.x + dx * slider.width * 0.4f, at.y);
    press(ui, track, true);
    press(ui, track, false);
    REQUIRE(slider.eta() == eta);
  }
  press(ui, at, true);
  press(ui, at, false);
  // Now it has been clicked: a notch up multiplies eta by 10^0.05.
  wheel(ui, at, 1);
  const double nudged = slider.eta();
  CHECK(nudged / eta == Approx(std::pow(10, 0.05)).epsilon(0.01));
  // A click on the canvas, and the wheel over the slider scrolls again (or does nothing).
  const PixelRect canvas = ui.state.view.layout.canvas;
  press(ui, ImVec2((canvas.x0 + canvas.x1) / 2, (canvas.y0 + canvas.y1) / 2), true);
  press(ui, ImVec2((canvas.x0 + canvas.x1) / 2, (canvas.y0 + canvas.y1) / 2), false);
  hover(ui, at.x, at.y);
  wheel(ui, at, 1);
  CHECK(slider.eta() == nudged);
  // With Ctrl held, without a click.
  wheel(ui, at, -1, true);
  CHECK(slider.eta() == Approx(eta).epsilon(0.01));
}

TEST_CASE("a 38 pixel drag moves eta by 0.38 of a decade from where it was") {
  EtaSlider slider;
  slider.eta() = 0.1;
  slider.ui.frames(2);
  const float x = slider.at.x, y = slider.at.y;
  press(slider.ui, ImVec2(x, y), true);
  for (int i = 1; i <= 19; ++i) press(slider.ui, ImVec2(x - 2.0f * static_cast<float>(i), y), true);
  press(slider.ui, ImVec2(x - 38, y), false);
  CHECK(slider.eta() == Approx(0.1 / std::pow(10, 0.38)).epsilon(0.01));
}

TEST_CASE("a click on the canvas takes the keyboard from the formula field: F fits the view, types nothing") {
  for (const bool same_frame : {false, true}) {
    HeadlessUi ui(default_scenario(), 1280, 900, 1);
    ui.frames(2);
    type_formula(ui.state, "x^2 + 3*y^2");
    ui.frames(2);
    ImGuiWindow* controls = ImGui::FindWindowByName("Controls");
    REQUIRE(controls != nullptr);
    // The function's fields come after the runs: scrolled into view, as a user would.
    ImGui::SetScrollY(controls, controls->ScrollMax.y);
    ui.frames(2);
    ImGui::ActivateItem(controls->GetID("##formula"));
    ImGui::GetCurrentContext()->NavNextActivateFlags = ImGuiActivateFlags_PreferInput;  // as a click would
    ui.frames(2);
    REQUIRE(ImGui::GetIO().WantTextInput);
    ui.state.view.settings.wanted = {{-40, -40}, {40, 40}};
    const PixelRect c = ui.state.view.layout.canvas;
    const ImVec2 at((c.x0 + c.x1) / 2, (c.y0 + c.y1) / 2);
    const auto key_f = [&](ImGuiIO& io) {
      io.KeysDown[keys::kF] = true;
      io.AddInputCharacter('f');
    };
    ui.frame([&](ImGuiIO& io) {
      io.MousePos = at;
      io.MouseDown[0] = true;
      if (same_frame) key_f(io);
    });
    ui.frame([&](ImGuiIO& io) {
      io.MouseDown[0] = false;
      io.KeysDown[keys::kF] = false;
    });
    if (!same_frame) {
      ui.frame(key_f);
      ui.frame([](ImGuiIO& io) { io.KeysDown[keys::kF] = false; });
    }
    INFO((same_frame ? "a key in the frame of the click" : "a key after the click"));
    CHECK(ui.state.model.formula.text == "x^2 + 3*y^2");
    CHECK_FALSE(ImGui::GetIO().WantTextInput);
    CHECK(ui.state.view.settings.wanted.max.x < 40);  // F fitted the view
  }
}
