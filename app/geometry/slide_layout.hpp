// Where a lesson's slide puts its parts: the chapter and the title across the top; under them the
// canvas on the left with the lesson's plots stacked on its right, and the lesson's text (or its
// question) under the plots or across the bottom. A pure function of the slide's size and of how
// tall the texts are at a font size: the largest text that fits wins, so a slide is readable from
// the back of a room at 1920x1080, 1280x720 and 4:3 alike, with nothing overlapping or cut.
#pragma once

#include <cstddef>
#include <functional>
#include <vector>

#include "geometry.hpp"

namespace optviz::gui {

// How tall a text is when wrapped to `width` pixels at `font_size` pixels.
using TextHeight = std::function<float(float width, float font_size)>;

struct SlideContent {
  bool chapter = false;  // a chapter line above the title
  TextHeight title;      // measured at font_size * kSlideTitleScale
  TextHeight text;       // the lesson's text; null or 0 high: none
  std::size_t plots = 0;
  float font_size = 0;  // 0: the largest size that fits; else this size, as well as it fits
};

inline constexpr float kSlideTitleScale = 1.35f;
inline constexpr float kSlideChapterScale = 0.8f;

struct SlideLayout {
  float font_size = 0;  // the text's; the title's is kSlideTitleScale times it
  PixelRect chapter;    // empty without a chapter
  PixelRect title;
  PixelRect canvas;  // the canvas with its axes, colour bar and legend
  std::vector<PixelRect> plots;
  PixelRect text;     // empty without a text
  bool fits = false;  // false when even the smallest font size leaves something too small or cut
};

// The font size tried first (a 30th of the height, as presentation mode's text) and the smallest.
float slide_font_size(float height);
float min_slide_font_size(float height);

SlideLayout slide_layout(float width, float height, const SlideContent& content);

// True when the two rectangles share an area (touching edges do not count).
bool overlap(const PixelRect& a, const PixelRect& b);

}  // namespace optviz::gui
