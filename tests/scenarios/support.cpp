#include "support.hpp"

#include <gif_lib.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <memory>
#include <stdexcept>

namespace optviz::testing {

Result run_optviz(const std::vector<std::string>& args,
                  const std::map<std::string, std::optional<std::string>>& environment) {
  return run_process(OPTVIZ_EXECUTABLE, args, {environment, Stdout::capture, std::chrono::seconds(120)});
}

Gif read_gif(const std::filesystem::path& path) {
  int error = 0;
  GifFileType* raw = DGifOpenFileName(path.c_str(), &error);
  if (raw == nullptr) throw std::runtime_error(path.string() + ": " + GifErrorString(error));
  const std::unique_ptr<GifFileType, void (*)(GifFileType*)> gif(raw,
                                                                 [](GifFileType* g) { DGifCloseFile(g, nullptr); });
  if (DGifSlurp(raw) != GIF_OK) throw std::runtime_error(path.string() + ": " + GifErrorString(raw->Error));

  Gif out;
  out.width = raw->SWidth;
  out.height = raw->SHeight;
  Image canvas{out.width, out.height,
               std::vector<std::uint8_t>(static_cast<std::size_t>(out.width * out.height) * 4, 0)};
  for (int i = 0; i < raw->ImageCount; ++i) {
    const SavedImage& frame = raw->SavedImages[i];
    for (int e = 0; e + 1 < frame.ExtensionBlockCount; ++e) {
      const ExtensionBlock& block = frame.ExtensionBlocks[e];
      const ExtensionBlock& next = frame.ExtensionBlocks[e + 1];
      if (block.Function == APPLICATION_EXT_FUNC_CODE && block.ByteCount == 11 &&
          std::string(reinterpret_cast<const char*>(block.Bytes), 11) == "NETSCAPE2.0" && next.ByteCount == 3 &&
          next.Bytes[0] == 1 && next.Bytes[1] == 0 && next.Bytes[2] == 0)
        out.loops_forever = true;
    }
    GraphicsControlBlock control{};
    control.TransparentColor = NO_TRANSPARENT_COLOR;
    DGifSavedExtensionToGCB(raw, i, &control);
    out.delays.push_back(control.DelayTime);
    const ColorMapObject* map = frame.ImageDesc.ColorMap != nullptr ? frame.ImageDesc.ColorMap : raw->SColorMap;
    const GifImageDesc& d = frame.ImageDesc;
    for (int y = 0; y < d.Height; ++y) {
      for (int x = 0; x < d.Width; ++x) {
        const int index = frame.RasterBits[y * d.Width + x];
        if (index == control.TransparentColor) continue;
        const GifColorType c = map->Colors[index];
        auto* px = &canvas.rgba[static_cast<std::size_t>((d.Top + y) * out.width + d.Left + x) * 4];
        px[0] = c.Red;
        px[1] = c.Green;
        px[2] = c.Blue;
        px[3] = 255;
      }
    }
    out.frames.push_back(canvas);
  }
  return out;
}

double mean_difference(const Image& a, const Image& b) {
  if (a.width != b.width || a.height != b.height) throw std::invalid_argument("images of different sizes");
  double sum = 0;
  for (std::size_t i = 0; i < a.rgba.size(); i += 4)
    for (std::size_t c = 0; c < 3; ++c)
      sum += std::abs(static_cast<int>(a.rgba[i + c]) - static_cast<int>(b.rgba[i + c]));
  return sum / (static_cast<double>(a.rgba.size()) / 4 * 3);
}

}  // namespace optviz::testing
