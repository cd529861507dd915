// Slides (slide_layout.hpp): every part inside the slide, none over another, the text as tall as
// it needs, the largest font that fits, at 16:9, 4:3 and small sizes, for texts short and long.
#include <catch2/catch.hpp>
#include <cmath>
#include <string>

#include "layout.hpp"
#include "slide_layout.hpp"

using namespace optviz;
using namespace optviz::gui;

namespace {

// A text of `characters` characters, each 0.55 font sizes wide, lines 1.2 font sizes apart.
TextHeight text_of(float characters) {
  return [characters](float width, float fs) {
    if (characters <= 0) return 0.0f;
    const float per_line = std::max(1.0f, std::floor(width / (0.55f * fs)));
    return std::ceil(characters / per_line) * 1.2f * fs;
  };
}

bool inside(const PixelRect& r, float w, float h) { return r.x0 >= 0 && r.y0 >= 0 && r.x1 <= w && r.y1 <= h; }

void check_slide(float w, float h, const SlideContent& c) {
  const SlideLayout l = slide_layout(w, h, c);
  INFO(w << "x" << h << ", " << c.plots << " plots, font " << l.font_size);
  REQUIRE(l.fits);
  std::vector<PixelRect> parts = {l.title, l.canvas};
  if (c.chapter) parts.push_back(l.chapter);
  if (c.text && c.text(100, 10) > 0) {
    parts.push_back(l.text);
    // The text gets the height it needs at its width: nothing is cut.
    CHECK(l.text.height() >= c.text(l.text.width(), l.font_size));
  }
  CHECK(l.title.height() >= c.title(l.title.width(), l.font_size * kSlideTitleScale));
  REQUIRE(l.plots.size() == c.plots);
  parts.insert(parts.end(), l.plots.begin(), l.plots.end());
  for (std::size_t i = 0; i < parts.size(); ++i) {
    CHECK(inside(parts[i], w, h));
    CHECK(parts[i].width() > 0);
    CHECK(parts[i].height() > 0);
    for (std::size_t j = i + 1; j < parts.size(); ++j) CHECK_FALSE(overlap(parts[i], parts[j]));
  }
  // Readable from the back of a room: at least a 56th of the height.
  CHECK(l.font_size >= min_slide_font_size(h));
  // A plot has room for its title, ticks and curves; the canvas for its heatmap.
  for (const PixelRect& p : l.plots) CHECK(p.height() >= 6.5f * l.font_size);
  CHECK(l.canvas.height() >= 10 * l.font_size);
}

}  // namespace

TEST_CASE("a slide's parts fit without overlapping at every size", "[slide]") {
  for (const auto& [w, h] : {std::pair{1920.0f, 1080.0f}, {1280.0f, 720.0f}, {1024.0f, 768.0f}, {1600.0f, 1200.0f}})
    for (std::size_t plots : {0u, 1u, 2u, 3u})
      for (float text : {0.0f, 300.0f, 800.0f})
        for (bool chapter : {false, true}) check_slide(w, h, {chapter, text_of(60), text_of(text), plots});
}

TEST_CASE("a slide takes the largest font that fits, smaller only for a long text", "[slide]") {
  const SlideContent short_text{true, text_of(50), text_of(200), 2};
  const SlideContent long_text{true, text_of(50), text_of(1400), 2};
  CHECK(slide_layout(1920, 1080, short_text).font_size == slide_font_size(1080));
  CHECK(slide_layout(1920, 1080, long_text).font_size < slide_font_size(1080));
  CHECK(slide_layout(1920, 1080, long_text).fits);
  // A slide twice as large draws everything twice as large.
  CHECK(slide_layout(3840, 2160, short_text).font_size == 2 * slide_layout(1920, 1080, short_text).font_size);
}

TEST_CASE("a slide without text or plots gives the canvas the whole body", "[slide]") {
  const SlideLayout l = slide_layout(1280, 720, {false, text_of(30), {}, 0});
  CHECK(l.canvas.x1 >= 1280 - l.font_size);
  CHECK(l.text.height() == 0);
  CHECK(l.chapter.height() == 0);
}

TEST_CASE("presentation mode lays the lesson out as its slide, at the UI's text size", "[slide][layout]") {
  const UiMetrics m = ui_metrics(presentation_ui_scale(1, 1080));
  const SlideContent c{true, text_of(50), text_of(700), 3};
  Presentation p;
  p.plots = true;
  const Layout l = presentation_layout(1920, 1080, m, Splitters{}, p, c);
  CHECK(l.plots.height() > 0);
  CHECK(l.lesson.height() > 0);
  CHECK(l.header.height() > 0);
  for (const PixelRect* a : {&l.canvas, &l.plots, &l.lesson, &l.header})
    for (const PixelRect* b : {&l.canvas, &l.plots, &l.lesson, &l.header, &l.time_bar})
      if (a != b) CHECK_FALSE(overlap(*a, *b));
  // G hides the plots: the canvas takes their room.
  p.plots = false;
  const Layout without = presentation_layout(1920, 1080, m, Splitters{}, p, c);
  CHECK(without.plots.height() == 0);
  CHECK(without.canvas.width() * without.canvas.height() > l.canvas.width() * l.canvas.height());
  // A text too long for the window takes at most kMaxLessonShare of it (it scrolls beyond).
  const Layout crowded = presentation_layout(1280, 720, ui_metrics(presentation_ui_scale(1, 720)), Splitters{}, p,
                                             {true, text_of(50), text_of(5000), 0});
  CHECK(crowded.lesson.height() <= kMaxLessonShare * 720);
  CHECK(crowded.canvas.height() > 0);
}
