#include "font_files.hpp"

#include <fstream>

namespace optviz {
namespace {

constexpr CjkFontFile kCjkFiles[] = {{"/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2, 7},
                                     {"/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0, 1},
                                     {OPTVIZ_CJK_SUBSET_PATH, 0, 0}};

}  // namespace

const CjkFont& cjk_font() {
  static const CjkFont font = [] {
    CjkFont f;
    for (const CjkFontFile& file : kCjkFiles) {
      std::ifstream in(file.path, std::ios::binary | std::ios::ate);
      const std::streamsize size = in ? static_cast<std::streamsize>(in.tellg()) : 0;
      if (size <= 0) continue;
      f.bytes.resize(static_cast<std::size_t>(size));
      if (in.seekg(0) && in.read(reinterpret_cast<char*>(f.bytes.data()), size)) {
        f.file = &file;
        return f;
      }
    }
    f.bytes.clear();
    return f;
  }();
  return font;
}

}  // namespace optviz
