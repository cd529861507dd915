// Hostile PNG files opened as scenarios (`optviz run FILE.png --out-dir DIR`): each is built here
// chunk by chunk, and each must be refused with exit code 2 and a message naming the file and the
// problem, or read, without the child's peak memory ever passing kMaxMemoryKiB. Every file of the
// fuzzer's PNG corpus (tests/fuzz/corpus/png) is run the same way, so that each finding the fuzzer
// made stays a test case. read_png, the pixel reader of the figure tests, gets the same files.
#include <sys/resource.h>
#include <zlib.h>

#include <catch2/catch.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "png_file.hpp"
#include "process.hpp"

using namespace optviz::testing;

namespace {

const std::filesystem::path kOptviz = OPTVIZ_EXECUTABLE;
const std::filesystem::path kCorpus = OPTVIZ_PNG_CORPUS;

constexpr int kBadInput = 2;
// The largest resident size any child (or this process) may reach: the program and a few MB of input, with room for
// the sanitizers' own memory. Before the bounded reader, these files took 1.5 and 2 GB.
constexpr long kMaxMemoryKiB = 120 * 1024;

const std::string kScenario = R"({"version": 1, "function": "booth", "start": [-6, -4], "steps": 20,)"
                              R"( "runs": [{"optimizer": "rmsprop", "rho": 0.9}, {"optimizer": "adam", "eta": 0.1}]})";

std::string big_endian(std::uint32_t v) {
  return {static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8), static_cast<char>(v)};
}

std::uint32_t crc(const std::string& bytes) {
  return static_cast<std::uint32_t>(
      crc32(0, reinterpret_cast<const Bytef*>(bytes.data()), static_cast<uInt>(bytes.size())));
}

// A chunk as the PNG specification lays it out; `length` replaces the true length when given.
std::string chunk(const std::string& type, const std::string& data, std::int64_t length = -1) {
  const auto declared = static_cast<std::uint32_t>(length < 0 ? static_cast<std::int64_t>(data.size()) : length);
  return big_endian(declared) + type + data + big_endian(crc(type + data));
}

std::string compress(const std::string& text) {
  uLongf size = compressBound(static_cast<uLong>(text.size()));
  std::string out(size, '\0');
  REQUIRE(compress2(reinterpret_cast<Bytef*>(out.data()), &size, reinterpret_cast<const Bytef*>(text.data()),
                    static_cast<uLong>(text.size()), 9) == Z_OK);
  out.resize(size);
  return out;
}

const std::string kSignature = "\x89PNG\r\n\x1a\n";

std::string ihdr(std::uint32_t width, std::uint32_t height) {
  return chunk("IHDR", big_endian(width) + big_endian(height) + std::string("\x08\x02\x00\x00\x00", 5));
}

// The image data of a black 8-bit RGB image: each row is a filter byte and its pixels.
std::string idat(std::uint32_t width, std::uint32_t height) {
  return chunk("IDAT", compress(std::string(static_cast<std::size_t>(height) * (1 + 3 * width), '\0')));
}

const std::string kIend = chunk("IEND", "");

// An iTXt chunk with our keyword: compressed, no language tag, no translated keyword.
std::string scenario_itxt(const std::string& compressed_text) {
  return chunk("iTXt", std::string("optviz-scenario\0\1\0\0\0", 20) + compressed_text);
}

// The layout optviz writes: the scenario before the image data.
std::string exported_png() { return kSignature + ihdr(4, 4) + scenario_itxt(compress(kScenario)) + idat(4, 4) + kIend; }

// The largest resident size of this process (RUSAGE_SELF) or of any child it has waited for so far
// (RUSAGE_CHILDREN), in KiB.
long peak_memory_kib(int who) {
  rusage usage{};
  REQUIRE(::getrusage(who, &usage) == 0);
  return usage.ru_maxrss;
}

ProcessResult open_png(const TempDir& dir, const std::string& name, const std::string& bytes) {
  write_file(dir / name, bytes);
  ProcessOptions options;
  options.time_limit = std::chrono::seconds(30);
  ProcessResult r =
      run_process(kOptviz, {"run", (dir / name).string(), "--out-dir", (dir / (name + "-out")).string()}, options);
  INFO(name << ": " << r.err);
  REQUIRE_FALSE(r.timed_out);
  CHECK(r.signal == 0);
  CHECK(peak_memory_kib(RUSAGE_CHILDREN) <= kMaxMemoryKiB);
  return r;
}

// Refused with exit code 2, `problem` after the file's name as the whole message, nothing written.
void check_refused(const TempDir& dir, const std::string& name, const std::string& bytes, const std::string& problem) {
  const ProcessResult r = open_png(dir, name, bytes);
  CHECK(r.exit_code == kBadInput);
  CHECK(r.err == "optviz: " + (dir / name).string() + ": " + problem + "\n");
  CHECK_FALSE(std::filesystem::exists(dir / (name + "-out")));
}

void check_read(const TempDir& dir, const std::string& name, const std::string& bytes) {
  const ProcessResult r = open_png(dir, name, bytes);
  CHECK(r.exit_code == 0);
  CHECK(r.err.empty());
  CHECK(TempDir::entries_of(dir / (name + "-out")) ==
        std::vector<std::string>{"00-rmsprop.csv", "01-adam.csv", "summary.json"});
}

}  // namespace

TEST_CASE("a scenario is read from a PNG before or after the image data", "[png]") {
  const TempDir dir;
  check_read(dir, "exported.png", exported_png());
  check_read(dir, "late.png", kSignature + ihdr(4, 4) + idat(4, 4) + scenario_itxt(compress(kScenario)) + kIend);
  check_read(
      dir, "plain.png",
      kSignature + ihdr(4, 4) + chunk("tEXt", std::string("optviz-scenario\0", 16) + kScenario) + idat(4, 4) + kIend);
}

TEST_CASE("a PNG whose header claims 30000 x 30000 pixels gives its scenario without decoding them", "[png]") {
  const TempDir dir;
  check_read(dir, "huge.png",
             kSignature + ihdr(30000, 30000) + scenario_itxt(compress(kScenario)) + idat(4, 4) + kIend);
}

TEST_CASE("a text chunk that claims more bytes than the file holds is refused before it is read", "[png]") {
  const TempDir dir;
  // The length of a compressed iTXt chunk damaged into 1.5 GB, the file cut short after it.
  const std::string itxt = scenario_itxt(compress(kScenario));
  check_refused(dir, "itxt.png", (kSignature + ihdr(4, 4) + big_endian(1'500'000'000) + itxt.substr(4)).substr(0, 150),
                "truncated or damaged PNG (the iTXt chunk at byte 33 claims 1500000000 bytes, past the end of the "
                "file (150 bytes))");
  check_refused(dir, "text.png",
                kSignature + ihdr(4, 4) + chunk("tEXt", std::string("optviz-scenario\0{}", 18), 0x7fffffff),
                "truncated or damaged PNG (the tEXt chunk at byte 33 claims 2147483647 bytes, past the end of the "
                "file (63 bytes))");
  check_refused(dir, "over.png", kSignature + ihdr(4, 4) + chunk("zTXt", "optviz-scenario", 0xffffffff),
                "truncated or damaged PNG (the zTXt chunk at byte 33 claims 4294967295 bytes, more than a PNG chunk "
                "can hold)");
}

TEST_CASE("a damaged or oversized compressed scenario is refused", "[png]") {
  const TempDir dir;
  std::string damaged = compress(kScenario);
  for (std::size_t i = 10; i < 40; ++i) damaged[i] = static_cast<char>(damaged[i] ^ 0x5a);
  {
    // The reason after "does not inflate" is zlib's own, and depends on its version.
    const ProcessResult r =
        open_png(dir, "zlib.png", kSignature + ihdr(4, 4) + scenario_itxt(damaged) + idat(4, 4) + kIend);
    CHECK(r.exit_code == kBadInput);
    CHECK_THAT(r.err, Catch::StartsWith("optviz: " + (dir / "zlib.png").string() +
                                        ": truncated or damaged PNG (the iTXt chunk at byte 33 has compressed text "
                                        "that does not inflate ("));
  }
  const std::string cut = compress(kScenario).substr(0, 30);
  check_refused(dir, "cut.png", kSignature + ihdr(4, 4) + scenario_itxt(cut) + idat(4, 4) + kIend,
                "truncated or damaged PNG (the iTXt chunk at byte 33 has compressed text that is cut short)");
  // 5 MB of spaces in 5 KB: inflating stops at the largest scenario a file may hold.
  check_refused(dir, "bomb.png",
                kSignature + ihdr(4, 4) + scenario_itxt(compress(std::string(5 << 20, ' '))) + idat(4, 4) + kIend,
                "the optviz scenario inside is larger than 4194304 bytes");
  std::string bad_crc = exported_png();
  bad_crc[60] = static_cast<char>(bad_crc[60] ^ 1);  // inside the scenario's compressed text
  check_refused(dir, "crc.png", bad_crc, "truncated or damaged PNG (CRC error in the iTXt chunk at byte 33)");
}

TEST_CASE("a PNG cut at any chunk boundary or inside any chunk is refused", "[png]") {
  const TempDir dir;
  for (const bool text_first : {true, false}) {
    std::vector<std::string> chunks = {ihdr(4, 4), scenario_itxt(compress(kScenario)), idat(4, 4), kIend};
    if (!text_first) std::swap(chunks[1], chunks[2]);
    std::string whole = kSignature;
    std::vector<std::size_t> cuts = {0, 4};
    for (const std::string& c : chunks) {
      cuts.insert(cuts.end(),
                  {whole.size(), whole.size() + 4, whole.size() + c.size() / 2, whole.size() + c.size() - 2});
      whole += c;
    }
    for (const std::size_t cut : cuts) {
      const std::string name = (text_first ? "first-" : "last-") + std::to_string(cut) + ".png";
      const ProcessResult r = open_png(dir, name, whole.substr(0, cut));
      INFO(name << ": " << r.err);
      CHECK(r.exit_code == kBadInput);
      CHECK(r.err.rfind("optviz: " + (dir / name).string() + ": ", 0) == 0);
      CHECK(r.err.find(cut < kSignature.size() ? "not valid JSON" : "truncated or damaged PNG") != std::string::npos);
    }
    check_read(dir, text_first ? "first.png" : "last.png", whole);
  }
}

TEST_CASE("every PNG of the fuzzer's corpus is read or refused within the memory bound", "[png]") {
  const TempDir dir;
  std::size_t files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(kCorpus)) {
    const std::string name = entry.path().filename().string();
    const ProcessResult r = open_png(dir, name, read_file(entry.path()));
    INFO(name << ": " << r.err);
    CHECK((r.exit_code == 0 || r.exit_code == kBadInput));
    if (r.exit_code == kBadInput) CHECK(r.err.rfind("optviz: " + (dir / name).string() + ": ", 0) == 0);
    ++files;
  }
  CHECK(files > 0);
}

TEST_CASE("read_png reads the pixels and refuses the same hostile files without allocating for them", "[png]") {
  const TempDir dir;
  write_file(dir / "exported.png", exported_png());
  const optviz::Image image = optviz::read_png(dir / "exported.png");
  CHECK(image.width == 4);
  CHECK(image.height == 4);
  std::vector<std::uint8_t> black;
  for (int i = 0; i < 16; ++i) black.insert(black.end(), {0, 0, 0, 255});
  CHECK(image.rgba == black);

  const std::string itxt = scenario_itxt(compress(kScenario));
  const std::vector<std::pair<std::string, std::string>> files = {
      {"itxt.png", (kSignature + ihdr(4, 4) + big_endian(1'500'000'000) + itxt.substr(4)).substr(0, 150)},
      {"text.png", kSignature + ihdr(4, 4) + chunk("tEXt", std::string("optviz-scenario\0{}", 18), 0x7fffffff)},
      {"huge.png", kSignature + ihdr(30000, 30000) + itxt + idat(4, 4) + kIend},
      {"cut.png", exported_png().substr(0, 100)},
  };
  for (const auto& [name, bytes] : files) {
    write_file(dir / name, bytes);
    CHECK_THROWS_WITH(optviz::read_png(dir / name),
                      Catch::StartsWith((dir / name).string() + ": cannot read the PNG: "));
  }
  CHECK_THROWS_WITH(optviz::read_png(dir / "huge.png"),
                    (dir / "huge.png").string() +
                        ": cannot read the PNG: Invalid IHDR data (Image width exceeds user limit in IHDR)");
  CHECK(peak_memory_kib(RUSAGE_SELF) <= kMaxMemoryKiB);
}
