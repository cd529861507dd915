// The window on the screen (app/geometry/screen_fit.hpp): it opens within the screen's work area,
// and its text follows its height. Pure: no ImGui, no GL.
#include <catch2/catch.hpp>
#include <cmath>
#include <optional>

#include "layout.hpp"
#include "screen_fit.hpp"

using namespace optviz::gui;

TEST_CASE("without a saved size the window opens at the screen's work area", "[screen]") {
  const ScreenBox fallback{0, 0, 1280, 800};
  for (const ScreenBox area : {ScreenBox{0, 0, 1280, 720}, ScreenBox{0, 0, 1366, 768}, ScreenBox{0, 27, 1920, 1053},
                               ScreenBox{0, 0, 3840, 2160}})
    REQUIRE(fit_window(std::nullopt, area, fallback) == area);
  // The case: 1280x800 is never the size on a 720 screen.
  REQUIRE(fit_window(std::nullopt, {0, 0, 1280, 720}, fallback).height == 720);
  // No monitor known (the page): the fallback.
  REQUIRE(fit_window(std::nullopt, {}, fallback) == fallback);
}

TEST_CASE("a saved size is clamped to the work area and moved inside it", "[screen]") {
  const ScreenBox area{0, 0, 1280, 720};
  // Saved on a larger screen: no larger than this one, and wholly on it.
  REQUIRE(fit_window(ScreenBox{600, 400, 1920, 1080}, area, {}) == area);
  REQUIRE(fit_window(ScreenBox{900, 500, 800, 600}, area, {}) == ScreenBox{480, 120, 800, 600});
  REQUIRE(fit_window(ScreenBox{-300, -50, 800, 600}, area, {}) == ScreenBox{0, 0, 800, 600});
  // One that fits stays where it was.
  REQUIRE(fit_window(ScreenBox{100, 50, 800, 600}, area, {}) == ScreenBox{100, 50, 800, 600});
  // A work area with a panel at the top.
  REQUIRE(fit_window(ScreenBox{0, 0, 1000, 1080}, {0, 32, 1920, 1048}, {}) == ScreenBox{0, 32, 1000, 1048});
  REQUIRE(fit_window(ScreenBox{5, 6, 700, 500}, {}, {}) == ScreenBox{5, 6, 700, 500});
}

TEST_CASE("the text follows the window: a 60th of its height, at least 13 px", "[screen]") {
  const auto font = [](float monitor, float height) { return ui_metrics(window_ui_scale(monitor, height)).font_size; };
  REQUIRE(font(1, 1080) == 18);  // 13 px before
  REQUIRE(font(1, 2160) == 36);
  REQUIRE(font(1, 720) == 13);
  REQUIRE(font(1, 768) == 13);
  REQUIRE(font(1, 1440) == 24);
  // A small window on a screen of twice the density keeps text of twice 13 px.
  REQUIRE(font(2, 800) == 26);
  for (const float height : {0.0f, -5.0f, NAN, INFINITY, 1e9f}) {
    const float s = window_ui_scale(NAN, height);
    REQUIRE((s >= kMinUiScale && s <= kMaxUiScale));
  }
}
