// Where a label goes on the canvas so that it covers no other label, marker or path's end: a few
// candidate places, the first that overlaps nothing taken wins. Pure, so that a test can check it
// on rectangles.
#pragma once

#include <optional>
#include <vector>

#include "geometry.hpp"

namespace optviz::gui {

// Places for a label of `width` x `height` around `anchor` (what it names, which it must not cover),
// `gap` apart, in order of preference: right, left, above, below, then the four corners.
std::vector<PixelRect> places_around(const PixelRect& anchor, float width, float height, float gap);

// The first of `places` inside `bounds` that overlaps none of `taken`; when every one overlaps
// something, the one inside `bounds` that covers the least area of them (the first on a tie);
// nullopt when none lies inside `bounds`.
std::optional<PixelRect> place_label(const std::vector<PixelRect>& places, const std::vector<PixelRect>& taken,
                                     const PixelRect& bounds);

// The area two rectangles share (0 when they only touch).
float shared_area(const PixelRect& a, const PixelRect& b);

}  // namespace optviz::gui
