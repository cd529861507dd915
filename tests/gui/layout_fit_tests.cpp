// The window fits a projector (issue 22): at 1280x720, 1366x768, 1920x1080 and 3840x2160, UI
// scales 1 to 2 and both themes, the panels' rectangles lie inside the window and overlap nowhere,
// and every slider of the selected run is above the fold of the controls panel at 1280x720.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cfloat>
#include <string>
#include <tuple>
#include <vector>

#include "canvas_chrome.hpp"
#include "canvas_draw.hpp"
#include "course.hpp"
#include "headless_ui.hpp"
#include "label_placement.hpp"
#include "language_scope.hpp"
#include "panels.hpp"
#include "parameters.hpp"
#include "presets.hpp"
#include "screen_fit.hpp"
#include "slide_layout.hpp"
#include "surface_scene.hpp"

using namespace optviz;
using namespace optviz::gui;
using optviz::gui::test::HeadlessUi;
using optviz::testing::LanguageScope;

namespace {

const Scenario& lesson(const std::string& title_start) {
  for (const Scenario& s : lesson_presets())
    if (s.title.rfind(title_start, 0) == 0) return s;
  FAIL("no lesson " << title_start);
  return lesson_presets().front();
}

bool inside(const PixelRect& r, float width, float height) {
  return r.x0 >= 0 && r.y0 >= 0 && r.x1 <= width && r.y1 <= height && r.x0 <= r.x1 && r.y0 <= r.y1;
}

void check_rectangles(const Layout& l, float width, float height) {
  const std::vector<std::pair<const char*, PixelRect>> parts{
      {"menu bar", l.menu_bar}, {"time bar", l.time_bar}, {"controls", l.controls}, {"inspector", l.inspector},
      {"canvas", l.canvas},     {"plots", l.plots},       {"lesson", l.lesson},     {"header", l.header}};
  for (std::size_t i = 0; i < parts.size(); ++i) {
    INFO(parts[i].first);
    REQUIRE(inside(parts[i].second, width, height));
    for (std::size_t j = i + 1; j < parts.size(); ++j) {
      INFO(parts[j].first);
      REQUIRE_FALSE(overlap(parts[i].second, parts[j].second));
    }
  }
}

// How many of the value rows' sliders the pointer finds going down the controls panel, unscrolled:
// each slider is a band of heights where the panel says a slider is hovered.
int sliders_above_the_fold(HeadlessUi& ui) {
  const PixelRect c = ui.state.view.layout.controls;
  const float x = c.x0 + 0.45f * c.width();
  int bands = 0;
  bool in_band = false;
  for (float y = c.y0 + 1; y < c.y1 - 1; y += 4) {
    ui.frame([&](ImGuiIO& io) { io.MousePos = ImVec2(x, y); });
    REQUIRE(ui.state.view.layout.controls.y1 == c.y1);
    if (ui.state.view.slider_hovered && !in_band) ++bands;
    in_band = ui.state.view.slider_hovered;
  }
  return bands;
}

}  // namespace

TEST_CASE("the panels lie inside the window and overlap nowhere, at every size, scale, theme and language",
          "[layout]") {
  const Scenario& rho = lesson("rho = 0.99");
  for (const auto& [w, h] : {std::pair{1280.0f, 720.0f}, {1366.0f, 768.0f}, {1920.0f, 1080.0f}, {3840.0f, 2160.0f}}) {
    for (const float scale : {window_ui_scale(1, h), 1.0f, 1.5f, 2.0f}) {
      for (const auto& [theme, language] :
           {std::pair{Theme::dark, "en"}, {Theme::light, "en"}, {Theme::dark, "zh_CN"}, {Theme::light, "zh_CN"}}) {
        INFO(w << "x" << h << " scale " << scale << " " << language);
        const LanguageScope in_language(language);
        HeadlessUi ui(rho, w, h, scale);
        ui.state.view.settings.theme = theme;
        ui.state.view.dialogs.lesson_info = true;
        ui.frames(2);
        check_rectangles(ui.state.view.layout, w, h);
        REQUIRE(ui.state.view.layout.lesson.height() > 0);  // docked under the canvas, not floating
        // The plots keep room for their curves beside it.
        REQUIRE(ui.state.view.layout.plots.height() >= 6 * ui_metrics(scale).font_size);
        ui.state.view.settings.presenting = true;
        ui.frames(2);
        check_rectangles(ui.state.view.layout, w, h);
      }
    }
  }
}

TEST_CASE("every slider of the selected run is above the fold of the controls panel", "[layout]") {
  // The lesson (two runs, the first selected) and four optimizers with the last one selected,
  // each against the same panel in a window tall enough to show all of it: at 1280x720 with the text
  // as it opens (13 px; the lesson at 100 % too), the lesson at 1920x1080 at 150 %.
  const Scenario four = default_scenario();
  const Scenario& rho = lesson("rho = 0.99");
  const float opening = window_ui_scale(1, 720);
  // A run selected once the window is open (last = true) opens and the panel scrolls to it.
  for (const auto& [w, h, scale, last] : {std::tuple{1280.0f, 720.0f, opening, false},
                                          {1280.0f, 720.0f, opening, true},
                                          {1280.0f, 720.0f, 1.0f, false},
                                          {1280.0f, 720.0f, 1.0f, true},
                                          {1920.0f, 1080.0f, 1.5f, false},
                                          {1920.0f, 1080.0f, 1.5f, true}}) {
    INFO(w << "x" << h << " scale " << scale << (last ? ", the last of four runs" : ", the rho lesson"));
    // All the selected run's sliders: in a tall window, the run selected from the start (alone open).
    // Then at the real height, selected from the start, or once the first run was (both then open).
    const auto count = [&, w = w, scale = scale, last = last](float height, bool reselect) {
      HeadlessUi ui(last ? four : rho, w, height, scale);
      const std::size_t chosen = last ? four.course.runs.size() - 1 : 0;
      ui.state.model.selected = reselect ? 0 : chosen;
      ui.frames(2);
      if (reselect) {
        ui.state.model.selected = chosen;
        ui.frames(2);
      }
      return sliders_above_the_fold(ui);
    };
    const int all = count(3000, false);
    REQUIRE(all >= 3);  // eta, rho or the betas, epsilon and more
    REQUIRE(count(h, false) == all);
    if (last) REQUIRE(count(h, true) == all);
  }
}

TEST_CASE("the legend writes the runs' names whole while there is room, else keeps both ends", "[layout]") {
  // The rho lesson's point is 0.99 against 0.999: "RMSprop rho=0...." for both hid it.
  Scenario rho = lesson("rho = 0.99");
  rho.looks[0].label = "RMSprop rho=0.99";
  rho.looks[1].label = "RMSprop rho=0.999";
  for (const auto& [w, h] : {std::pair{1280.0f, 720.0f}, {1366.0f, 768.0f}, {1920.0f, 1080.0f}, {3840.0f, 2160.0f}}) {
    for (const float scale : {window_ui_scale(1, h), 1.0f, 1.5f, 2.0f}) {
      INFO(w << "x" << h << " scale " << scale);
      HeadlessUi ui(rho, w, h, scale);
      ui.state.view.dialogs.lesson_info = true;
      ui.frames(2);
      const CanvasStyle style = ui_canvas_style(ui.state);
      const float needed = legend_in_width(ui.state.model.simulated, ui.state.model.runs, style);
      const CanvasChrome c =
          canvas_chrome({ui.state.view.layout.canvas, style.font_size, style.scale, 0, 0, 2, 0, needed});
      // Room: at most 40 % of the canvas goes to the column.
      if (needed <= kMaxColumnShare * ui.state.view.layout.canvas.width()) REQUIRE(c.legend.width() >= needed);
      REQUIRE(c.plot.x1 <= c.legend.x0);
      REQUIRE(c.legend.x1 <= ui.state.view.layout.canvas.x1);
    }
  }
  // Where there is truly no room, the middle goes: the ends that tell the runs apart stay.
  HeadlessUi ui(rho, 1280, 720, 1);
  ui.frames(1);
  const CanvasStyle style = ui_canvas_style(ui.state);
  for (float width = 40; width < 200; width += 1) {
    const std::string a = elided_middle(style, "RMSprop rho=0.99", width);
    const std::string b = elided_middle(style, "RMSprop rho=0.999", width);
    REQUIRE(text_size(style, a).x <= width);
    if (text_size(style, "R…rho=0.999").x <= width) {
      INFO(width << ": " << a << " / " << b);
      REQUIRE(a != b);
      REQUIRE(b.ends_with("0.999"));
      REQUIRE(a.ends_with("0.99"));
    }
  }
}

TEST_CASE("drop-down lists and menus are opaque in both themes", "[layout]") {
  HeadlessUi ui(default_scenario(), 1280, 720, 1);
  for (const Theme theme : {Theme::dark, Theme::light}) {
    apply_theme(theme, ui_metrics(1));
    REQUIRE(ImGui::GetStyle().Colors[ImGuiCol_PopupBg].w == 1.0f);
  }
}

TEST_CASE("a label goes to the first place around its anchor that covers nothing taken", "[layout]") {
  const PixelRect bounds{0, 0, 400, 300};
  const PixelRect star{100, 100, 114, 114};
  const std::vector<PixelRect> places = places_around(star, 40, 16, 2);
  REQUIRE(places.size() == 8);
  for (const PixelRect& p : places) {
    REQUIRE(shared_area(p, star) == 0);  // never over what it names
    REQUIRE(p.width() == 40);
    REQUIRE(p.height() == 16);
  }
  // Nothing taken: right of the star.
  REQUIRE(place_label(places, {}, bounds)->x0 == star.x1 + 2);
  // A run's marker right of the star (the "found" under the markers): left instead.
  const PixelRect marker{116, 98, 134, 116};
  const auto left = place_label(places, {marker}, bounds);
  REQUIRE(left->x1 == star.x0 - 2);
  // Right and left both taken: above.
  const PixelRect arrow_label{40, 95, 98, 118};
  const auto above = place_label(places, {marker, arrow_label}, bounds);
  REQUIRE(above->y1 == star.y0 - 2);
  for (const PixelRect& t : {marker, arrow_label}) REQUIRE(shared_area(*above, t) == 0);
  // At the bounds' edge a place outside is never chosen.
  const std::vector<PixelRect> edge = places_around({0, 0, 10, 10}, 40, 16, 2);
  const auto inside = place_label(edge, {}, bounds);
  REQUIRE(inside);
  REQUIRE((inside->x0 >= 0 && inside->y0 >= 0));
  // Everything covered: the place that covers the least.
  const std::vector<PixelRect> two{{0, 0, 10, 10}, {20, 0, 30, 10}};
  REQUIRE(place_label(two, {{0, 0, 10, 10}, {25, 0, 30, 10}}, bounds)->x0 == 20);
  REQUIRE_FALSE(place_label(two, {}, {100, 100, 200, 200}));
  REQUIRE(shared_area({0, 0, 10, 10}, {10, 0, 20, 10}) == 0);  // touching is not covering
}

TEST_CASE("the 3D surface reaches the largest f of its box: never clipped flat", "[layout]") {
  // The colours' scale stops at f = 1 (as a 2D view narrower than the box gives); the bowl of the
  // first lesson rises to 0.5 (9 + 3 * 9) = 18 at the box's corners.
  const Objective& bowl = lesson("Too small a learning rate").course.objective;
  HeatmapScale colour;
  colour.kind = ColourScale::linear;
  colour.low = 0;
  colour.high = 1;
  SurfaceModel model;
  const SurfaceMesh& mesh = model.update(bowl, Box{{-3, -3}, {3, 3}}, colour, ColourScale::linear);
  const auto top = std::count_if(mesh.height.begin(), mesh.height.end(), [](float h) { return h >= 0.999f; });
  REQUIRE(top <= 4);  // the corners at most, not a flat plateau
  REQUIRE(*std::max_element(mesh.height.begin(), mesh.height.end()) == Approx(1).margin(0.01));
}

TEST_CASE("lesson text wraps between words, never inside a number, at every width", "[layout]") {
  HeadlessUi ui(default_scenario(), 1280, 720, 1);
  ui.frames(1);
  const std::string text = "G keeps rho = 0.999 of itself, 1e-08 inside, and (1 - rho) = 0.001 of g^2 at 3.5%.";
  for (float width = 1; width < 700; width += 1) {
    INFO(width);
    const std::string wrapped = wrap_at_spaces(ImGui::GetFont(), ImGui::GetFontSize(), width, text);
    std::string joined = wrapped;
    std::replace(joined.begin(), joined.end(), '\n', ' ');
    REQUIRE(joined == text);  // breaks only where a space was
    for (const char* number : {"0.999", "1e-08", "0.001", "3.5%."}) REQUIRE(wrapped.find(number) != std::string::npos);
  }
}

TEST_CASE("the pointer's readout shows in the window and hides in presentation mode", "[layout]") {
  // The vertices drawn with the pointer over the canvas, less those with the pointer away.
  const auto readout_vertices = [](bool presenting) {
    HeadlessUi ui(lesson("rho = 0.99"), 1280, 720, 1);
    ui.state.view.settings.presenting = presenting;
    ui.frames(2);
    const PixelRect c = ui.state.view.layout.canvas;
    const ImVec2 over((c.x0 + c.x1) / 2, (c.y0 + c.y1) / 2);
    const auto vertices = [&](ImVec2 pointer) {
      ui.frame([&](ImGuiIO& io) { io.MousePos = pointer; });
      ui.frame([&](ImGuiIO& io) { io.MousePos = pointer; });
      return ImGui::GetDrawData()->TotalVtxCount;
    };
    const int away = vertices(ImVec2(-FLT_MAX, -FLT_MAX));
    return vertices(over) - away;
  };
  REQUIRE(readout_vertices(false) > 0);
  REQUIRE(readout_vertices(true) == 0);
}
