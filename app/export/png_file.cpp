#include "png_file.hpp"

#include <png.h>

#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <new>
#include <stdexcept>
#include <vector>

#include "atomic_file.hpp"

namespace optviz {
namespace {

// libpng reports errors through a longjmp to the setjmp of the function that called it. The
// functions that call setjmp below hold only trivially destructible locals, so that the jump skips
// no destructor; everything with a destructor lives in their callers.

void on_error(png_structp png, png_const_charp message) {
  auto* error = static_cast<std::string*>(png_get_error_ptr(png));
  error->assign(message);
  png_longjmp(png, 1);
}

void on_warning(png_structp, png_const_charp) {}

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
  png_infop end = nullptr;
  ~ReadStructs() { png_destroy_read_struct(&png, &info, &end); }
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

// Finds the text chunk with our keyword among those read so far.
bool find_scenario_text(png_structp png, png_infop info, std::string& out) {
  png_textp texts = nullptr;
  int count = 0;
  png_get_text(png, info, &texts, &count);
  for (int i = 0; i < count; ++i) {
    if (texts[i].key == nullptr || kScenarioChunkKeyword != texts[i].key) continue;
    const std::size_t length = texts[i].compression > 0 ? texts[i].itxt_length : texts[i].text_length;
    out.assign(texts[i].text, length);
    return true;
  }
  return false;
}

// Reads the chunks before the image data, and when the text is not among them, the image row by
// row (into one reused row) and the chunks after it. 0: found, 1: not found, -1: libpng error.
int decode_text(png_structp png, png_infop info, png_infop end, std::FILE* file, std::vector<png_byte>* row,
                std::string* text) {
  if (setjmp(png_jmpbuf(png))) return -1;
  png_init_io(png, file);
  png_read_info(png, info);
  if (find_scenario_text(png, info, *text)) return 0;
  const png_uint_32 height = png_get_image_height(png, info);
  const int passes = png_set_interlace_handling(png);
  png_read_update_info(png, info);
  row->resize(png_get_rowbytes(png, info));
  for (int pass = 0; pass < passes; ++pass)
    for (png_uint_32 y = 0; y < height; ++y) png_read_row(png, row->data(), nullptr);
  png_read_end(png, end);
  return find_scenario_text(png, end, *text) ? 0 : 1;
}

}  // namespace

void write_png(const std::filesystem::path& path, const Image& image, std::string_view scenario_json) {
  const auto fail = [&](const std::string& reason) {
    throw std::runtime_error("cannot write " + path.string() + ": " + reason);
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
  if (s.png == nullptr || s.info == nullptr) fail("out of memory");
  png_set_write_fn(s.png, &bytes, append_bytes, flush_nothing);
  if (!encode(s.png, s.info, static_cast<png_uint_32>(image.width), static_cast<png_uint_32>(image.height), opaque,
              rows.data(), &text, json.empty() ? 0 : 1))
    fail(error);
  write_file_atomically(path, bytes);
}

std::string read_png_scenario(const std::filesystem::path& path) {
  const std::string name = path.string();
  File file(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!file) throw std::runtime_error(name + ": cannot read: " + std::strerror(errno));
  std::array<png_byte, 8> signature{};
  if (std::fread(signature.data(), 1, signature.size(), file.get()) != signature.size() ||
      png_sig_cmp(signature.data(), 0, signature.size()) != 0)
    throw std::runtime_error(name + ": not a PNG file");
  std::rewind(file.get());

  std::string error;
  ReadStructs s;
  s.png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &error, on_error, on_warning);
  if (s.png != nullptr) s.info = png_create_info_struct(s.png);
  if (s.info != nullptr) s.end = png_create_info_struct(s.png);
  if (s.end == nullptr) throw std::runtime_error(name + ": out of memory");
  png_set_user_limits(s.png, kMaxPngSide, kMaxPngSide);
  std::vector<png_byte> row;
  std::string text;
  switch (decode_text(s.png, s.info, s.end, file.get(), &row, &text)) {
    case 0:
      return text;
    case 1:
      throw std::runtime_error(name + ": no optviz scenario inside (was it exported by optviz?)");
    default:
      throw std::runtime_error(name + ": truncated or damaged PNG (" + error + ")");
  }
}

Image read_png(const std::filesystem::path& path) {
  const std::string name = path.string();
  png_image header{};
  header.version = PNG_IMAGE_VERSION;
  if (png_image_begin_read_from_file(&header, path.c_str()) == 0)
    throw std::runtime_error(name + ": cannot read the PNG: " + header.message);
  // Frees libpng's state on every path out of this function.
  std::unique_ptr<png_image, void (*)(png_image*)> guard(&header, png_image_free);
  if (header.width > kMaxPngSide || header.height > kMaxPngSide)
    throw std::runtime_error(name + ": the PNG is larger than " + std::to_string(kMaxPngSide) + " pixels a side");
  header.format = PNG_FORMAT_RGBA;
  Image image;
  image.width = static_cast<int>(header.width);
  image.height = static_cast<int>(header.height);
  image.rgba.resize(PNG_IMAGE_SIZE(header));
  if (png_image_finish_read(&header, nullptr, image.rgba.data(), 0, nullptr) == 0)
    throw std::runtime_error(name + ": cannot read the PNG: " + header.message);
  return image;
}

}  // namespace optviz
