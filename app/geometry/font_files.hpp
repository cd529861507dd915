// The Chinese font, one file for the window's fonts (app/canvas/fonts.cpp) and for the figures drawn
// on the CPU (app/export/raster.cpp), so that both draw the same glyphs at the same size beside DejaVu
// Sans. The first that can be read of Noto Sans CJK SC in its collection (fonts-noto-cjk; the Mono
// face for numbers), WenQuanYi Micro Hei (fonts-wqy-microhei) and the page's subset of Noto Sans CJK
// SC (the characters of the catalogs and the lessons: app/platform/web.cmake).
#pragma once

#include <vector>

namespace optviz {

struct CjkFontFile {
  const char* path;
  int sans, mono;  // the faces' indices in the file (a collection)
};

struct CjkFont {
  const CjkFontFile* file = nullptr;  // null when no candidate can be read
  std::vector<unsigned char> bytes;
};

// Read on the first call (thread-safe) and kept: the collection is 19 MB, shared by every font of
// every atlas and by every figure.
const CjkFont& cjk_font();

// Ideographs fill their em square, where DejaVu's capitals fill 73% of theirs and sit high: at the
// same size Chinese reads a size smaller than the Latin beside it. A tenth larger, lowered by a
// small fraction of the size to sit on the same baseline, they match.
inline constexpr float kCjkScale = 1.1f;
inline constexpr float kCjkLower = 0.04f;

}  // namespace optviz
