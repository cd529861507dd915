// Animated GIFs of growing trajectories, with giflib. One global palette, built by median cut
// from the first frame, keeps the heatmap's gradients smooth; later frames store only the
// rectangle that changed, with unchanged pixels transparent, which keeps files small.
#pragma once

#include <filesystem>
#include <memory>

#include "image.hpp"

namespace optviz {

inline constexpr int kMaxGifFps = 60;

class GifWriter {
 public:
  // Opens a temporary file beside `path` (or `path` itself when it exists and is not a regular
  // file, such as /dev/full). Throws std::runtime_error("cannot write PATH: REASON"), and
  // std::invalid_argument for a size outside [1, 65535] or fps outside [1, kMaxGifFps].
  GifWriter(std::filesystem::path path, int width, int height, int fps);
  // Without finish(): removes the temporary file (a cancelled export leaves nothing).
  ~GifWriter();
  GifWriter(const GifWriter&) = delete;
  GifWriter& operator=(const GifWriter&) = delete;

  // Appends a frame of exactly width x height, shown for 1/fps seconds. Throws as the constructor.
  void add_frame(const Image& frame);
  // Ends the file (looping forever) and renames it over `path`. Needs at least one frame.
  void finish();

  int frames() const { return frames_; }

 private:
  struct Encoder;
  std::filesystem::path path_;
  int width_;
  int height_;
  int fps_;
  int frames_ = 0;
  std::unique_ptr<Encoder> encoder_;
};

}  // namespace optviz
