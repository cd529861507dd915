#include "png_file.hpp"

#include <png.h>
#include <sys/stat.h>
#include <zlib.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
#include <new>
#include <optional>
#include <stdexcept>
#include <utility>
#include <vector>

#include "atomic_file.hpp"
#include "scenario_file.hpp"
#include "translate.hpp"

namespace optviz {
namespace {

// libpng reports errors through a longjmp to the setjmp of the function that called it. The
// functions that call setjmp below hold only trivially destructible locals, so that the jump skips
// no destructor; everything with a destructor lives in their callers.

// The error, after the first warning when there was one, which often says why: "Invalid IHDR data
// (Image width exceeds user limit in IHDR)".
void on_error(png_structp png, png_const_charp message) {
  auto* error = static_cast<std::string*>(png_get_error_ptr(png));
  *error = error->empty() ? std::string(message) : message + (" (" + *error + ")");
  png_longjmp(png, 1);
}

void on_warning(png_structp png, png_const_charp message) {
  auto* error = static_cast<std::string*>(png_get_error_ptr(png));
  if (error->empty()) error->assign(message);
}

void append_bytes(png_structp png, png_bytep data, std::size_t size) {
  auto* out = static_cast<std::string*>(png_get_io_ptr(png));
  try {
    out->append(reinterpret_cast<const char*>(data), size);
  } catch (const std::bad_alloc&) {
    png_error(png, "out of memory");
  }
}

void flush_nothing(png_structp) {}

struct WriteStructs {
  png_structp png = nullptr;
  png_infop info = nullptr;
  ~WriteStructs() { png_destroy_write_struct(&png, &info); }
};

struct ReadStructs {
  png_structp png = nullptr;
  png_infop info = nullptr;
  ~ReadStructs() { png_destroy_read_struct(&png, &info, nullptr); }
};

using File = std::unique_ptr<std::FILE, int (*)(std::FILE*)>;

bool encode(png_structp png, png_infop info, png_uint_32 width, png_uint_32 height, bool opaque, png_bytepp rows,
            png_textp text, int text_count) {
  if (setjmp(png_jmpbuf(png))) return false;
  png_set_IHDR(png, info, width, height, 8, opaque ? PNG_COLOR_TYPE_RGB : PNG_COLOR_TYPE_RGBA, PNG_INTERLACE_NONE,
               PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  if (text_count > 0) png_set_text(png, info, text, text_count);
  png_write_info(png, info);
  if (opaque) png_set_filler(png, 0, PNG_FILLER_AFTER);  // drops the alpha byte of every pixel
  png_write_image(png, rows);
  png_write_end(png, nullptr);
  return true;
}

// Reads the header of a PNG and asks libpng for 8-bit RGBA rows, whatever the colour type, bit
// depth and interlacing. false on a libpng error.
bool read_rgba_header(png_structp png, png_infop info, std::FILE* file) {
  if (setjmp(png_jmpbuf(png))) return false;
  png_init_io(png, file);
  png_read_info(png, info);
  png_set_expand(png);  // palettes, bit depths below 8 and transparency tables
  png_set_scale_16(png);
  png_set_gray_to_rgb(png);
  png_set_add_alpha(png, 0xff, PNG_FILLER_AFTER);  // only where there is no alpha channel
  png_set_interlace_handling(png);
  png_read_update_info(png, info);
  return true;
}

bool read_rgba_rows(png_structp png, png_bytepp rows) {
  if (setjmp(png_jmpbuf(png))) return false;
  png_read_image(png, rows);
  png_read_end(png, nullptr);
  return true;
}

// The chunks of a PNG file (PNG specification, section 5.3): a 4-byte length, a 4-byte type, the
// data and a CRC of the type and the data. read_png_scenario walks them itself instead of through
// libpng, which allocates the length a chunk declares before reading it and decodes the whole image
// to reach a text chunk after it. Here nothing but the scenario's own text is kept or decompressed,
// so a file costs a 64 KiB buffer and at most kMaxScenarioFileBytes of text, whatever it declares.
class ChunkReader {
 public:
  struct Chunk {
    std::uint32_t length = 0;
    std::string type;         // four ASCII letters
    std::uint64_t start = 0;  // the offset of its length field
  };

  // `size`: the size of the file, when it is known (a regular file).
  ChunkReader(std::FILE* file, std::string name, std::optional<std::uint64_t> size)
      : file_(file), name_(std::move(name)), size_(size), buffer_(64 * 1024) {}

  // Both throw std::runtime_error("NAME: ...").
  [[noreturn]] void fail(const std::string& problem) const { throw std::runtime_error(name_ + ": " + problem); }
  [[noreturn]] void damaged(const std::string& detail) const {
    fail(tr_format("truncated or damaged PNG ({0})", {detail}));
  }

  void expect_signature() {
    static constexpr std::array<unsigned char, 8> kSignature = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    std::array<unsigned char, 8> head{};
    if (std::fread(head.data(), 1, head.size(), file_) != head.size() || head != kSignature) fail(tr("not a PNG file"));
    offset_ = head.size();
  }

  // Reads the length and the type of the next chunk and starts its CRC.
  Chunk begin_chunk() {
    std::array<unsigned char, 8> header{};
    const std::size_t got = std::fread(header.data(), 1, header.size(), file_);
    if (got == 0 && std::feof(file_) != 0)
      damaged(tr_format("the file ends after {0} bytes, before the IEND chunk", {std::to_string(offset_)}));
    if (got != header.size()) ends_inside(tr("a chunk header"), offset_);
    Chunk chunk;
    chunk.start = offset_;
    chunk.length = big_endian(header.data());
    chunk.type.assign(reinterpret_cast<const char*>(header.data() + 4), 4);
    offset_ += header.size();
    for (const char c : chunk.type)
      if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')))
        damaged(tr_format("no chunk type at byte {0}", {std::to_string(chunk.start + 4)}));
    if (chunk.length > kMaxChunkLength)
      damaged(tr_format("the {0} chunk at byte {1} claims {2} bytes, more than a PNG chunk can hold",
                        {chunk.type, std::to_string(chunk.start), std::to_string(chunk.length)}));
    if (size_ && chunk.start + 12 + chunk.length > *size_)
      damaged(
          tr_format("the {0} chunk at byte {1} claims {2} bytes, past the end of the file ({3} bytes)",
                    {chunk.type, std::to_string(chunk.start), std::to_string(chunk.length), std::to_string(*size_)}));
    chunk_ = chunk;
    crc_ = crc32(crc32(0, nullptr, 0), header.data() + 4, 4);
    remaining_ = chunk.length;
    return chunk;
  }

  // Appends the next `size` bytes of the current chunk's data to `out` (or drops them when `out` is
  // null), through the CRC.
  void read(std::uint32_t size, std::string* out) {
    while (size > 0) {
      const std::size_t want = std::min<std::size_t>(size, buffer_.size());
      const std::size_t got = std::fread(buffer_.data(), 1, want, file_);
      crc_ = crc32(crc_, buffer_.data(), static_cast<uInt>(got));
      if (out != nullptr) out->append(reinterpret_cast<const char*>(buffer_.data()), got);
      offset_ += got;
      remaining_ -= static_cast<std::uint32_t>(got);
      if (got != want)
        ends_inside(tr_format("the {0} chunk at byte {1}, which claims {2} bytes",
                              {chunk_.type, std::to_string(chunk_.start), std::to_string(chunk_.length)}),
                    offset_);
      size -= static_cast<std::uint32_t>(got);
    }
  }

  // Skips what is left of the current chunk's data and checks its CRC.
  void end_chunk() {
    read(remaining_, nullptr);
    std::array<unsigned char, 4> stored{};
    if (std::fread(stored.data(), 1, stored.size(), file_) != stored.size())
      ends_inside(tr_format("the CRC of the {0} chunk at byte {1}", {chunk_.type, std::to_string(chunk_.start)}),
                  offset_);
    offset_ += stored.size();
    if (big_endian(stored.data()) != crc_)
      damaged(tr_format("CRC error in the {0} chunk at byte {1}", {chunk_.type, std::to_string(chunk_.start)}));
  }

  std::uint32_t remaining() const { return remaining_; }

 private:
  static constexpr std::uint32_t kMaxChunkLength = 0x7fffffff;

  static std::uint32_t big_endian(const unsigned char* p) {
    return std::uint32_t{p[0]} << 24 | std::uint32_t{p[1]} << 16 | std::uint32_t{p[2]} << 8 | std::uint32_t{p[3]};
  }

  [[noreturn]] void ends_inside(const std::string& what, std::uint64_t at) const {
    if (std::ferror(file_) != 0) fail(tr_format("cannot read: {0}", {std::strerror(errno)}));
    damaged(tr_format("the file ends at byte {0}, inside {1}", {std::to_string(at), what}));
  }

  std::FILE* file_;
  std::string name_;
  std::optional<std::uint64_t> size_;
  std::vector<unsigned char> buffer_;
  std::uint64_t offset_ = 0;
  Chunk chunk_;
  uLong crc_ = 0;
  std::uint32_t remaining_ = 0;
};

[[noreturn]] void scenario_too_large(const ChunkReader& reader) {
  reader.fail(
      tr_format("the optviz scenario inside is larger than {0} bytes", {std::to_string(kMaxScenarioFileBytes)}));
}

// The zlib stream `compressed` of `chunk` inflated, refused as soon as it grows past the largest
// scenario.
std::string inflate_text(const ChunkReader& reader, const std::string& chunk, std::string_view compressed) {
  z_stream z{};
  if (inflateInit(&z) != Z_OK) reader.fail(tr("out of memory"));
  std::unique_ptr<z_stream, int (*)(z_streamp)> guard(&z, inflateEnd);
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
  z.avail_in = static_cast<uInt>(compressed.size());
  std::string text;
  std::array<unsigned char, 64 * 1024> piece{};
  for (;;) {
    z.next_out = piece.data();
    z.avail_out = static_cast<uInt>(piece.size());
    const int status = inflate(&z, Z_NO_FLUSH);
    text.append(reinterpret_cast<const char*>(piece.data()), piece.size() - z.avail_out);
    if (text.size() > kMaxScenarioFileBytes) scenario_too_large(reader);
    if (status == Z_STREAM_END) return text;
    if (status == Z_BUF_ERROR && z.avail_in == 0)
      reader.damaged(tr_format("{0} has compressed text that is cut short", {chunk}));
    if (status != Z_OK)
      reader.damaged(tr_format(
          "{0} has compressed text that does not inflate ({1})",
          {chunk, z.msg != nullptr ? std::string(z.msg) : tr_format("zlib error {0}", {std::to_string(status)})}));
  }
}

// The text of a tEXt, zTXt or iTXt chunk's data, which starts with our keyword and its null, as
// the PNG specification lays them out (sections 11.3.4.3-5).
std::string chunk_text(const ChunkReader& reader, const std::string& type, std::string_view data, std::uint64_t start) {
  const std::string chunk = tr_format("the {0} chunk at byte {1}", {type, std::to_string(start)});
  data.remove_prefix(kScenarioChunkKeyword.size() + 1);
  if (type == "tEXt") return std::string(data);
  bool compressed = true;
  if (type == "iTXt") {
    // The compression flag and method, the language tag and the translated keyword.
    if (data.size() < 2 || static_cast<unsigned char>(data[0]) > 1)
      reader.damaged(tr_format("{0} has no compression flag", {chunk}));
    compressed = data[0] == 1;
    if (compressed && data[1] != 0) reader.damaged(tr_format("{0} has an unknown compression method", {chunk}));
    data.remove_prefix(2);
    for (int field = 0; field < 2; ++field) {
      const std::size_t end = data.find('\0');
      if (end == std::string_view::npos) reader.damaged(tr_format("{0} is cut short", {chunk}));
      data.remove_prefix(end + 1);
    }
  } else {  // zTXt: the compression method
    if (data.empty() || data[0] != 0) reader.damaged(tr_format("{0} has an unknown compression method", {chunk}));
    data.remove_prefix(1);
  }
  return compressed ? inflate_text(reader, chunk, data) : std::string(data);
}

// Walks every chunk up to IEND, checking its structure and CRC, and keeps the text of the first
// text chunk with our keyword, wherever it is. The image data is skipped, never decoded.
std::optional<std::string> scenario_text(ChunkReader& reader) {
  reader.expect_signature();
  const std::string keyword = std::string(kScenarioChunkKeyword) + '\0';
  // The largest scenario and room for the fields of an iTXt chunk: a longer one is never read.
  const std::uint64_t max_scenario_chunk = kMaxScenarioFileBytes + 1024;
  std::optional<std::string> text;
  bool image_data = false;
  for (bool first = true;; first = false) {
    const ChunkReader::Chunk chunk = reader.begin_chunk();
    if (first && (chunk.type != "IHDR" || chunk.length != 13))
      reader.damaged(tr("it does not start with an IHDR chunk"));
    if (!first && chunk.type == "IHDR")
      reader.damaged(tr_format("a second IHDR chunk at byte {0}", {std::to_string(chunk.start)}));
    std::string scenario_chunk;  // the data of our text chunk, when this is it
    const bool text_chunk = chunk.type == "tEXt" || chunk.type == "zTXt" || chunk.type == "iTXt";
    if (text_chunk && !text && chunk.length > keyword.size()) {
      reader.read(static_cast<std::uint32_t>(keyword.size()), &scenario_chunk);
      if (scenario_chunk != keyword)
        scenario_chunk.clear();
      else if (chunk.length > max_scenario_chunk)
        scenario_too_large(reader);
      else
        reader.read(reader.remaining(), &scenario_chunk);
    }
    reader.end_chunk();
    if (!scenario_chunk.empty()) text = chunk_text(reader, chunk.type, scenario_chunk, chunk.start);
    if (chunk.type == "IDAT") image_data = true;
    if (chunk.type == "IEND") break;
  }
  if (!image_data) reader.damaged(tr("no IDAT chunk: it has no image"));
  return text;
}

}  // namespace

void write_png(const std::filesystem::path& path, const Image& image, std::string_view scenario_json) {
  const auto fail = [&](const std::string& reason) {
    throw std::runtime_error(tr_format("cannot write {0}: {1}", {path.string(), reason}));
  };
  if (image.width <= 0 || image.height <= 0 ||
      image.rgba.size() != static_cast<std::size_t>(image.width) * static_cast<std::size_t>(image.height) * 4)
    throw std::invalid_argument("write_png: the image is empty or its pixels do not match its size");

  bool opaque = true;
  for (std::size_t i = 3; i < image.rgba.size() && opaque; i += 4) opaque = image.rgba[i] == 255;

  std::vector<png_bytep> rows(static_cast<std::size_t>(image.height));
  const std::size_t stride = static_cast<std::size_t>(image.width) * 4;
  for (std::size_t y = 0; y < rows.size(); ++y) rows[y] = const_cast<png_bytep>(image.rgba.data() + y * stride);

  std::string key(kScenarioChunkKeyword);
  std::string json(scenario_json);
  png_text text{};
  text.compression = PNG_ITXT_COMPRESSION_zTXt;  // UTF-8 and compressed
  text.key = key.data();
  text.text = json.data();

  std::string error;
  std::string bytes;
  bytes.reserve(stride * rows.size() / 4 + 65536);
  WriteStructs s;
  s.png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &error, on_error, on_warning);
  if (s.png != nullptr) s.info = png_create_info_struct(s.png);
  if (s.png == nullptr || s.info == nullptr) fail(tr("out of memory"));
  png_set_write_fn(s.png, &bytes, append_bytes, flush_nothing);
  if (!encode(s.png, s.info, static_cast<png_uint_32>(image.width), static_cast<png_uint_32>(image.height), opaque,
              rows.data(), &text, json.empty() ? 0 : 1))
    fail(error);
  write_file_atomically(path, bytes);
}

std::string read_png_scenario(const std::filesystem::path& path) {
  const std::string name = path.string();
  File file(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!file) throw std::runtime_error(name + ": " + tr_format("cannot read: {0}", {std::strerror(errno)}));
  struct stat status {};
  std::optional<std::uint64_t> size;
  if (::fstat(::fileno(file.get()), &status) == 0 && S_ISREG(status.st_mode))
    size = static_cast<std::uint64_t>(status.st_size);
  ChunkReader reader(file.get(), name, size);
  std::optional<std::string> text = scenario_text(reader);
  if (!text) throw std::runtime_error(name + ": " + tr("no optviz scenario inside (was it exported by optviz?)"));
  return std::move(*text);
}

Image read_png(const std::filesystem::path& path) {
  const std::string name = path.string();
  File file(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!file) throw std::runtime_error(name + ": " + tr_format("cannot read: {0}", {std::strerror(errno)}));
  std::string error;
  ReadStructs s;
  s.png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &error, on_error, on_warning);
  if (s.png != nullptr) s.info = png_create_info_struct(s.png);
  if (s.info == nullptr) throw std::runtime_error(name + ": " + tr("out of memory"));
  // The pixels are read, nothing else: every ancillary chunk is skipped unread (the colour
  // conversions that would use one are not wanted), and no chunk may hold more than a palette
  // or a transparency table could, except the image data, which libpng reads in pieces.
  png_set_user_limits(s.png, kMaxFigureWidth, kMaxFigureHeight);
  png_set_chunk_malloc_max(s.png, 64 * 1024);
  png_set_keep_unknown_chunks(s.png, PNG_HANDLE_CHUNK_NEVER, nullptr, -1);
  const auto fail = [&] { throw std::runtime_error(name + ": " + tr_format("cannot read the PNG: {0}", {error})); };
  if (!read_rgba_header(s.png, s.info, file.get())) fail();
  Image image;
  image.width = static_cast<int>(png_get_image_width(s.png, s.info));
  image.height = static_cast<int>(png_get_image_height(s.png, s.info));
  const std::size_t stride = static_cast<std::size_t>(image.width) * 4;
  if (png_get_rowbytes(s.png, s.info) != stride) {
    error = "not converted to 8-bit RGBA";
    fail();
  }
  image.rgba.resize(stride * static_cast<std::size_t>(image.height));
  std::vector<png_bytep> rows(static_cast<std::size_t>(image.height));
  for (std::size_t y = 0; y < rows.size(); ++y) rows[y] = image.rgba.data() + y * stride;
  if (!read_rgba_rows(s.png, rows.data())) fail();
  return image;
}

}  // namespace optviz
