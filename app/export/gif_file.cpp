#include "gif_file.hpp"

#include <fcntl.h>
#include <gif_lib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include "translate.hpp"

namespace optviz {
namespace {

constexpr int kGifMaxSide = 65535;
constexpr int kTransparent = 255;     // the palette index of "unchanged since the last frame"
constexpr int kPaletteColours = 255;  // the rest of the palette
constexpr int kBins = 1 << 15;        // colours quantized to 5 bits a channel

int bin_of(const std::uint8_t* rgba) { return (rgba[0] >> 3) << 10 | (rgba[1] >> 3) << 5 | (rgba[2] >> 3); }

struct Bin {
  int key = 0;
  std::uint64_t count = 0;
  std::array<std::uint64_t, 3> sum{};  // of the exact 8-bit channels, for the box averages
  int channel(int c) const { return (key >> (10 - 5 * c)) & 31; }
};

// Median cut (Heckbert 1982) over the 5-5-5 histogram of one frame: the box whose colours span
// the widest channel range is split at its pixel median until there are `colours` boxes. Splitting
// by range, not by pixel count, spreads the palette evenly along the heatmap's colour ramp, so its
// gradients stay smooth and the few pixels of lines and text still get colours of their own.
std::vector<GifColorType> median_cut(const Image& frame, int colours) {
  std::vector<Bin> bins(kBins);
  for (std::size_t i = 0; i < frame.rgba.size(); i += 4) {
    Bin& b = bins[static_cast<std::size_t>(bin_of(&frame.rgba[i]))];
    ++b.count;
    for (std::size_t c = 0; c < 3; ++c) b.sum[c] += frame.rgba[i + c];
  }
  std::vector<Bin> used;
  for (int key = 0; key < kBins; ++key) {
    if (bins[static_cast<std::size_t>(key)].count == 0) continue;
    used.push_back(bins[static_cast<std::size_t>(key)]);
    used.back().key = key;
  }

  struct Box {
    std::size_t begin, end;  // a range of `used`
    int widest = 0;          // the channel with the largest range
    int range = 0;
  };
  const auto measure = [&](Box& box) {
    box.range = -1;
    for (int c = 0; c < 3; ++c) {
      int lo = 31, hi = 0;
      for (std::size_t i = box.begin; i < box.end; ++i) {
        lo = std::min(lo, used[i].channel(c));
        hi = std::max(hi, used[i].channel(c));
      }
      if (hi - lo > box.range) {
        box.range = hi - lo;
        box.widest = c;
      }
    }
  };
  std::vector<Box> boxes = {{0, used.size()}};
  measure(boxes[0]);
  while (static_cast<int>(boxes.size()) < colours) {
    const auto it =
        std::max_element(boxes.begin(), boxes.end(), [](const Box& a, const Box& b) { return a.range < b.range; });
    if (it->range <= 0) break;  // every box holds one bin
    Box box = *it;
    std::sort(used.begin() + static_cast<std::ptrdiff_t>(box.begin),
              used.begin() + static_cast<std::ptrdiff_t>(box.end),
              [c = box.widest](const Bin& a, const Bin& b) { return a.channel(c) < b.channel(c); });
    std::uint64_t total = 0;
    for (std::size_t i = box.begin; i < box.end; ++i) total += used[i].count;
    std::size_t split = box.begin;
    for (std::uint64_t seen = 0; split < box.end - 1 && seen + used[split].count <= total / 2; ++split)
      seen += used[split].count;
    split = std::clamp(split, box.begin + 1, box.end - 1);
    Box low{box.begin, split}, high{split, box.end};
    measure(low);
    measure(high);
    *it = low;
    boxes.push_back(high);
  }

  std::vector<GifColorType> palette;
  for (const Box& box : boxes) {
    std::uint64_t count = 0;
    std::array<std::uint64_t, 3> sum{};
    for (std::size_t i = box.begin; i < box.end; ++i) {
      count += used[i].count;
      for (std::size_t c = 0; c < 3; ++c) sum[c] += used[i].sum[c];
    }
    if (count == 0) continue;
    const auto mean = [&](std::size_t c) { return static_cast<GifByteType>((sum[c] + count / 2) / count); };
    palette.push_back({mean(0), mean(1), mean(2)});
  }
  return palette;
}

// For every 5-5-5 colour, the nearest palette entry (the bin's centre against the entries).
std::vector<std::uint8_t> nearest_table(const std::vector<GifColorType>& palette) {
  std::vector<std::uint8_t> table(kBins);
  for (int key = 0; key < kBins; ++key) {
    const int r = ((key >> 10) & 31) * 8 + 4, g = ((key >> 5) & 31) * 8 + 4, b = (key & 31) * 8 + 4;
    int best = 0, best_distance = std::numeric_limits<int>::max();
    for (std::size_t i = 0; i < palette.size(); ++i) {
      const int dr = r - palette[i].Red, dg = g - palette[i].Green, db = b - palette[i].Blue;
      const int distance = 2 * dr * dr + 4 * dg * dg + 3 * db * db;  // weighted as the eye sees
      if (distance < best_distance) {
        best_distance = distance;
        best = static_cast<int>(i);
      }
    }
    table[static_cast<std::size_t>(key)] = static_cast<std::uint8_t>(best);
  }
  return table;
}

}  // namespace

struct GifWriter::Encoder {
  std::string target;     // for messages
  std::string temporary;  // "" when writing in place
  int fd = -1;
  int write_errno = 0;
  GifFileType* gif = nullptr;
  std::vector<std::uint8_t> nearest;
  std::vector<std::uint8_t> previous;  // the palette indices of the last frame shown
  std::vector<std::uint8_t> current;
  bool finished = false;

  [[noreturn]] void fail(int gif_error) const {
    const std::string reason = write_errno != 0 ? std::strerror(write_errno) : GifErrorString(gif_error);
    throw std::runtime_error(tr_format("cannot write {0}: {1}", {target, reason}));
  }

  static int write(GifFileType* gif, const GifByteType* data, int size) {
    auto* self = static_cast<Encoder*>(gif->UserData);
    std::size_t left = static_cast<std::size_t>(size);
    while (left > 0) {
      const ssize_t n = ::write(self->fd, data, left);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        self->write_errno = n < 0 ? errno : EIO;
        return 0;
      }
      data += n;
      left -= static_cast<std::size_t>(n);
    }
    return size;
  }

  ~Encoder() {
    if (gif != nullptr) EGifCloseFile(gif, nullptr);
    if (fd >= 0) ::close(fd);
    if (!finished && !temporary.empty()) ::unlink(temporary.c_str());
  }
};

GifWriter::GifWriter(std::filesystem::path path, int width, int height, int fps)
    : path_(std::move(path)), width_(width), height_(height), fps_(fps), encoder_(std::make_unique<Encoder>()) {
  if (width < 1 || height < 1 || width > kGifMaxSide || height > kGifMaxSide)
    throw std::invalid_argument(
        tr_format("GIF size {0}x{1} is outside 1 to {2} pixels a side",
                  {std::to_string(width), std::to_string(height), std::to_string(kGifMaxSide)}));
  if (fps < 1 || fps > kMaxGifFps)
    throw std::invalid_argument(
        tr_format("GIF frame rate {0} is outside 1 to {1}", {std::to_string(fps), std::to_string(kMaxGifFps)}));
  Encoder& e = *encoder_;
  e.target = path_.string();
  const auto fail_errno = [&] {
    throw std::runtime_error(tr_format("cannot write {0}: {1}", {e.target, std::strerror(errno)}));
  };

  std::error_code ec;
  const auto status = std::filesystem::status(path_, ec);
  if (std::filesystem::is_directory(status)) {
    errno = EISDIR;
    fail_errno();
  }
  if (std::filesystem::exists(status) && !std::filesystem::is_regular_file(status)) {
    // A device such as /dev/null or /dev/full: written in place, as write_file_atomically does.
    e.fd = ::open(path_.c_str(), O_WRONLY | O_CLOEXEC);
    if (e.fd < 0) fail_errno();
  } else {
    const std::filesystem::path dir = path_.has_parent_path() ? path_.parent_path() : std::filesystem::path(".");
    std::string pattern = (dir / ("." + path_.filename().string() + ".tmp-XXXXXX")).string();
    e.fd = ::mkstemp(pattern.data());
    if (e.fd < 0) fail_errno();
    e.temporary = pattern;
    const mode_t mask = ::umask(0);
    ::umask(mask);
    if (::fchmod(e.fd, 0666 & ~mask) != 0) fail_errno();
  }
  int error = 0;
  e.gif = EGifOpen(&e, &Encoder::write, &error);
  if (e.gif == nullptr) e.fail(error);
  EGifSetGifVersion(e.gif, true);
}

GifWriter::~GifWriter() = default;

void GifWriter::add_frame(const Image& frame) {
  Encoder& e = *encoder_;
  if (e.finished) throw std::logic_error("GifWriter::add_frame after finish()");
  const std::size_t pixels = static_cast<std::size_t>(width_) * static_cast<std::size_t>(height_);
  if (frame.width != width_ || frame.height != height_ || frame.rgba.size() != pixels * 4)
    throw std::invalid_argument("GIF frame of " + std::to_string(frame.width) + "x" + std::to_string(frame.height) +
                                " for an animation of " + std::to_string(width_) + "x" + std::to_string(height_));
  GifFileType* gif = e.gif;

  if (frames_ == 0) {
    const std::vector<GifColorType> palette = median_cut(frame, kPaletteColours);
    e.nearest = nearest_table(palette);
    std::array<GifColorType, 256> colours{};
    std::copy(palette.begin(), palette.end(), colours.begin());
    ColorMapObject* map = GifMakeMapObject(256, colours.data());
    if (map == nullptr) throw std::bad_alloc();
    const int status = EGifPutScreenDesc(gif, width_, height_, 8, 0, map);
    GifFreeMapObject(map);
    if (status == GIF_ERROR) e.fail(gif->Error);
    // The NETSCAPE2.0 extension: loop forever.
    static constexpr GifByteType kApplication[] = {'N', 'E', 'T', 'S', 'C', 'A', 'P', 'E', '2', '.', '0'};
    static constexpr GifByteType kLoopForever[] = {1, 0, 0};
    if (EGifPutExtensionLeader(gif, APPLICATION_EXT_FUNC_CODE) == GIF_ERROR ||
        EGifPutExtensionBlock(gif, sizeof kApplication, kApplication) == GIF_ERROR ||
        EGifPutExtensionBlock(gif, sizeof kLoopForever, kLoopForever) == GIF_ERROR ||
        EGifPutExtensionTrailer(gif) == GIF_ERROR)
      e.fail(gif->Error);
    e.previous.assign(pixels, 0);
    e.current.resize(pixels);
  }

  for (std::size_t i = 0; i < pixels; ++i)
    e.current[i] = e.nearest[static_cast<std::size_t>(bin_of(&frame.rgba[4 * i]))];

  // Later frames store only the rectangle that changed, unchanged pixels transparent.
  int left = 0, top = 0, right = width_ - 1, bottom = height_ - 1;
  if (frames_ > 0) {
    left = width_;
    top = height_;
    right = -1;
    bottom = -1;
    for (int y = 0; y < height_; ++y) {
      const std::size_t row = static_cast<std::size_t>(y) * static_cast<std::size_t>(width_);
      for (int x = 0; x < width_; ++x) {
        if (e.current[row + static_cast<std::size_t>(x)] == e.previous[row + static_cast<std::size_t>(x)]) continue;
        left = std::min(left, x);
        right = std::max(right, x);
        top = std::min(top, y);
        bottom = std::max(bottom, y);
      }
    }
    if (right < 0) left = top = right = bottom = 0;  // nothing changed: one transparent pixel
  }
  const int w = right - left + 1, h = bottom - top + 1;
  std::vector<GifPixelType> pixels_out(static_cast<std::size_t>(w) * static_cast<std::size_t>(h));
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) {
      const std::size_t at =
          static_cast<std::size_t>(top + y) * static_cast<std::size_t>(width_) + static_cast<std::size_t>(left + x);
      const bool same = frames_ > 0 && e.current[at] == e.previous[at];
      pixels_out[static_cast<std::size_t>(y) * static_cast<std::size_t>(w) + static_cast<std::size_t>(x)] =
          same ? static_cast<GifPixelType>(kTransparent) : e.current[at];
    }
  }

  GraphicsControlBlock control{};
  control.DisposalMode = DISPOSE_DO_NOT;
  control.UserInputFlag = false;
  // Delays are whole hundredths of a second: round the frame's end time so that they add up.
  control.DelayTime = (100 * (frames_ + 1) + fps_ / 2) / fps_ - (100 * frames_ + fps_ / 2) / fps_;
  control.TransparentColor = frames_ > 0 ? kTransparent : NO_TRANSPARENT_COLOR;
  std::array<GifByteType, 4> extension{};
  EGifGCBToExtension(&control, extension.data());
  if (EGifPutExtension(gif, GRAPHICS_EXT_FUNC_CODE, static_cast<int>(extension.size()), extension.data()) ==
          GIF_ERROR ||
      EGifPutImageDesc(gif, left, top, w, h, false, nullptr) == GIF_ERROR ||
      EGifPutLine(gif, pixels_out.data(), w * h) == GIF_ERROR)
    e.fail(gif->Error);
  std::swap(e.previous, e.current);
  ++frames_;
}

void GifWriter::finish() {
  Encoder& e = *encoder_;
  if (e.finished) return;
  if (frames_ == 0) throw std::logic_error("GifWriter::finish without frames");
  int error = 0;
  const int status = EGifCloseFile(e.gif, &error);
  e.gif = nullptr;
  if (status == GIF_ERROR) e.fail(error);
  if (!e.temporary.empty() && ::fsync(e.fd) != 0) e.write_errno = errno;
  if (::close(e.fd) != 0 && e.write_errno == 0) e.write_errno = errno;
  e.fd = -1;
  if (e.write_errno == 0 && !e.temporary.empty() && std::rename(e.temporary.c_str(), path_.c_str()) != 0)
    e.write_errno = errno;
  if (e.write_errno != 0) e.fail(0);
  e.finished = true;
}

}  // namespace optviz
