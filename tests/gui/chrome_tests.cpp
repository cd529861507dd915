// The canvas's chrome (app/geometry/canvas_chrome.hpp) over the window sizes and UI scales a
// classroom meets: no piece overlaps another or the data, none leaves the canvas, and the data
// keeps most of the canvas. Pure geometry: no ImGui, no GL.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "canvas_chrome.hpp"
#include "layout.hpp"
#include "slide_layout.hpp"

using namespace optviz::gui;

namespace {

bool empty(const PixelRect& r) { return r.width() <= 0 || r.height() <= 0; }

bool inside(const PixelRect& r, const PixelRect& outer) {
  return empty(r) || (r.x0 >= outer.x0 && r.y0 >= outer.y0 && r.x1 <= outer.x1 && r.y1 <= outer.y1);
}

std::string describe(const PixelRect& r) {
  return "[" + std::to_string(r.x0) + ", " + std::to_string(r.y0) + " .. " + std::to_string(r.x1) + ", " +
         std::to_string(r.y1) + "]";
}

// A lesson's title and text of so many characters, each 0.55 font sizes wide, lines 1.2 apart.
SlideContent lesson_content(float text_characters, std::size_t plots) {
  const auto measure = [](float characters) {
    return [characters](float width, float fs) {
      if (characters <= 0) return 0.0f;
      return std::ceil(characters / std::max(1.0f, std::floor(width / (0.55f * fs)))) * 1.2f * fs;
    };
  };
  return {true, measure(60), measure(text_characters), plots};
}

}  // namespace

TEST_CASE("the canvas's chrome never overlaps, never leaves the canvas and never covers the data") {
  const std::vector<std::pair<float, float>> sizes{{1280, 720}, {1600, 1000}, {1920, 1080}, {2560, 1440}, {3840, 2160}};
  for (const auto& [width, height] : sizes) {
    for (const float scale : {1.0f, 1.25f, 1.5f, 1.75f, 2.0f}) {
      const UiMetrics m = ui_metrics(scale);
      // The window's canvas and presentation mode's, alone and beside the plots over a lesson.
      Presentation beside;
      beside.plots = true;
      std::vector<PixelRect> canvases{
          compute_layout(width, height, m, Splitters{}).canvas,
          compute_layout(width, height, m, Splitters{}, 6 * m.font_size).canvas,
          presentation_layout(width, height, m, Splitters{}, {}, lesson_content(0, 0)).canvas};
      // A lesson's slide with its text and three plots, at presentation mode's own text size or smaller.
      if (scale <= presentation_ui_scale(1, height))
        canvases.push_back(presentation_layout(width, height, m, Splitters{}, beside, lesson_content(500, 3)).canvas);
      for (const PixelRect canvas : canvases) {
        for (const int runs : {1, 3, 8, 20}) {
          for (const int notes : {0, 2}) {
            ChromeInput in{canvas, m.font_size, m.scale, 0.6f * m.font_size, 0.6f * m.font_size, runs, notes};
            const CanvasChrome c = canvas_chrome(in);
            const std::vector<std::pair<const char*, PixelRect>> pieces{
                {"title", c.title},       {"y name", c.y_name},         {"y labels", c.y_labels},
                {"x labels", c.x_labels}, {"x name", c.x_name},         {"bar title", c.bar_title},
                {"bar", c.bar},           {"bar labels", c.bar_labels}, {"legend", c.legend}};
            INFO(width << "x" << height << " at scale " << scale << ", canvas " << describe(canvas) << ", " << runs
                       << " runs, " << notes << " note lines, plot " << describe(c.plot));
            REQUIRE(inside(c.plot, canvas));
            // The data keeps most of the canvas in both directions.
            REQUIRE(c.plot.width() >= 0.5f * canvas.width());
            REQUIRE(c.plot.height() >= 0.5f * canvas.height());
            for (std::size_t i = 0; i < pieces.size(); ++i) {
              INFO(pieces[i].first << " " << describe(pieces[i].second));
              REQUIRE(inside(pieces[i].second, canvas));
              REQUIRE_FALSE(overlap(pieces[i].second, c.plot));
              for (std::size_t j = i + 1; j < pieces.size(); ++j) {
                INFO("and " << pieces[j].first << " " << describe(pieces[j].second));
                // The bar's labels are centred on its ticks, beside the bar: they share no pixel.
                REQUIRE_FALSE(overlap(pieces[i].second, pieces[j].second));
              }
            }
            // Every piece a teacher needs is there: text a line high, a colour bar, some legend.
            REQUIRE(c.title.height() >= m.font_size);
            REQUIRE(c.x_labels.height() >= m.font_size);
            REQUIRE(c.y_labels.width() >= 3 * m.font_size);
            REQUIRE(c.bar.height() >= 3 * m.font_size);
            REQUIRE(c.legend_rows >= 1);
            // The legend's box holds its lines, and folds only runs that did not fit.
            const int lines = c.legend_rows + (c.legend_more ? 1 : 0) + c.note_rows;
            REQUIRE(c.legend.height() >= static_cast<float>(lines) * c.line_height);
            REQUIRE(c.legend_rows <= runs);
            REQUIRE(c.legend_more == (c.legend_rows < runs));
          }
        }
      }
    }
  }
}

TEST_CASE("the plot's rectangle depends only on the canvas, the font size and the scale") {
  const UiMetrics m = ui_metrics(1.75f);
  const PixelRect canvas = compute_layout(1920, 1080, m, Splitters{}).canvas;
  const CanvasChrome a = canvas_chrome({canvas, m.font_size, m.scale, 10, 10, 1, 0});
  const CanvasChrome b = canvas_chrome({canvas, m.font_size, m.scale, 80, 40, 12, 2});
  REQUIRE(a.plot.x0 == b.plot.x0);
  REQUIRE(a.plot.y0 == b.plot.y0);
  REQUIRE(a.plot.x1 == b.plot.x1);
  REQUIRE(a.plot.y1 == b.plot.y1);
  // Many runs fold: the legend stays inside the canvas and says how many it left out.
  REQUIRE(b.legend_more);
  REQUIRE(b.legend.y1 <= canvas.y1);
}

TEST_CASE("a canvas too small for its chrome gives empty pieces, never inverted ones") {
  for (const PixelRect canvas : {PixelRect{0, 0, 1, 1}, PixelRect{10, 10, 60, 40}, PixelRect{0, 0, 0, 0}}) {
    const CanvasChrome c = canvas_chrome({canvas, 34, 2, 20, 20, 5, 2});
    for (const PixelRect& r : {c.plot, c.title, c.y_labels, c.x_labels, c.bar, c.bar_labels, c.legend}) {
      REQUIRE(r.x1 >= r.x0);
      REQUIRE(r.y1 >= r.y0);
    }
  }
}

TEST_CASE("the columns beside the canvas leave it at least half the window's width") {
  for (const float scale : {1.0f, 1.25f, 1.5f, 1.75f, 2.0f})
    for (const auto& [w, h] : {std::pair{1280.0f, 720.0f}, {1920.0f, 1080.0f}, {2560.0f, 1440.0f}, {3840.0f, 2160.0f}})
      for (const float dragged : {200.0f, 330.0f, 1200.0f}) {
        Splitters s;
        s.controls_width = s.side_width = dragged;  // both dragged as wide as the splitters allow
        const Layout l = compute_layout(w, h, ui_metrics(scale), s);
        INFO(w << "x" << h << " at scale " << scale << ", columns " << dragged);
        REQUIRE(l.canvas.width() >= w / 2);
        REQUIRE(l.controls.width() >= std::min(220 * scale, 0.3f * w));  // the controls scale with the UI
      }
}

TEST_CASE("presentation mode gives the canvas the window and reveals the panels at their edges") {
  for (const auto& [w, h] : {std::pair{1280.0f, 720.0f}, {1920.0f, 1080.0f}}) {
    const UiMetrics m = ui_metrics(presentation_ui_scale(1, h));
    // Text a 32nd of the height, give or take the rounding of the scale to sixteenths.
    REQUIRE(m.font_size >= h / 32 - 1);
    REQUIRE(m.font_size <= h / 32 + 2);
    Presentation p;
    const SlideContent bare = lesson_content(0, 3);
    const Layout hidden = presentation_layout(w, h, m, Splitters{}, p, bare);
    // The canvas takes the width and the height under the title.
    REQUIRE(hidden.canvas.width() >= w - 2 * m.font_size);
    REQUIRE(hidden.canvas.y0 >= hidden.header.y1);
    REQUIRE(hidden.canvas.y1 <= hidden.time_bar.y0);
    REQUIRE(hidden.canvas.height() >= h - compact_time_bar_height(m) - hidden.header.height() - 3 * m.font_size);
    REQUIRE(hidden.time_bar.y1 == h);
    REQUIRE(hidden.controls.width() == 0);
    REQUIRE(hidden.menu_bar.height() == 0);
    REQUIRE(hidden.plots.width() == 0);
    REQUIRE(hidden.lesson.height() == 0);

    p.plots = true;
    const Layout shown = presentation_layout(w, h, m, Splitters{}, p, lesson_content(500, 3));
    REQUIRE(shown.plots.x0 > shown.canvas.x1);
    REQUIRE(shown.plots.x1 <= w);
    REQUIRE(shown.canvas.width() >= w / 2);
    REQUIRE(shown.lesson.height() > 0);
    REQUIRE(shown.lesson.y1 <= shown.time_bar.y0);
    for (const PixelRect& r : {shown.canvas, shown.plots, shown.header}) REQUIRE_FALSE(overlap(r, shown.lesson));
    // A long lesson takes at most kMaxLessonShare of the height, and the canvas keeps its room.
    const Layout crowded = presentation_layout(w, h, m, Splitters{}, p, lesson_content(20000, 3));
    REQUIRE(crowded.lesson.height() <= kMaxLessonShare * h);
    REQUIRE(crowded.canvas.height() > h / 3);

    // The pointer at the left edge reveals the controls; they stay while it is over them and go
    // when it leaves; the top edge reveals the menu; a pointer outside the window hides both.
    const float edge = 2 * m.spacing;
    Presentation r = revealed_panels({}, {1, h / 2}, w, h, hidden, edge, false);
    REQUIRE(r.controls);
    REQUIRE_FALSE(r.menu);
    const Layout with_controls = presentation_layout(w, h, m, Splitters{}, r, bare);
    REQUIRE(with_controls.controls.width() > 0);
    REQUIRE(with_controls.inspector.y1 == with_controls.time_bar.y0);
    r = revealed_panels(r, {with_controls.controls.x1 - 5, h / 2}, w, h, with_controls, edge, false);
    REQUIRE(r.controls);
    REQUIRE(revealed_panels(r, {with_controls.controls.x1 - 5, h / 2}, w, h, with_controls, edge, true).controls);
    r = revealed_panels(r, {w / 2, h / 2}, w, h, with_controls, edge, false);
    REQUIRE_FALSE(r.controls);
    r = revealed_panels(r, {w / 2, 0}, w, h, hidden, edge, false);
    REQUIRE(r.menu);
    REQUIRE(revealed_panels(r, {w / 2, h / 2}, w, h, presentation_layout(w, h, m, {}, r, bare), edge, true).menu);
    REQUIRE_FALSE(
        revealed_panels(r, {w / 2, h / 2}, w, h, presentation_layout(w, h, m, {}, r, bare), edge, false).menu);
    const Presentation gone = revealed_panels(r, {-1e9f, -1e9f}, w, h, hidden, edge, false);
    REQUIRE_FALSE(gone.menu);
    REQUIRE_FALSE(gone.controls);
  }
  // A larger scale of the user's own stays.
  REQUIRE(presentation_ui_scale(3, 720) == 3);
  REQUIRE(presentation_ui_scale(std::nanf(""), 1080) == 2);
}
