#include "support.hpp"

#include <fcntl.h>
#include <gif_lib.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace optviz::testing {

TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "optviz-scenario-test-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::permissions(path_, std::filesystem::perms::owner_all, std::filesystem::perm_options::add, ec);
  std::filesystem::remove_all(path_, ec);
}

std::vector<std::string> TempDir::entries_of(const std::filesystem::path& dir) {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void write_file(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

Result run_optviz(const std::vector<std::string>& args,
                  const std::map<std::string, std::optional<std::string>>& environment) {
  const TempDir capture;
  const std::filesystem::path out_path = capture / "out", err_path = capture / "err";

  std::vector<std::string> env_strings;
  for (char** e = environ; *e != nullptr; ++e) {
    const std::string entry = *e;
    if (!environment.contains(entry.substr(0, entry.find('=')))) env_strings.push_back(entry);
  }
  for (const auto& [name, value] : environment)
    if (value) env_strings.push_back(name + "=" + *value);
  std::vector<char*> env;
  for (std::string& e : env_strings) env.push_back(e.data());
  env.push_back(nullptr);

  std::vector<std::string> argv_strings = {OPTVIZ_EXECUTABLE};
  argv_strings.insert(argv_strings.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& a : argv_strings) argv.push_back(a.data());
  argv.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&actions, 2, err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  pid_t pid = 0;
  const int spawned = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), env.data());
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) throw std::runtime_error(std::string("cannot start ") + OPTVIZ_EXECUTABLE);

  int status = 0;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  while (::waitpid(pid, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  Result result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.out = read_file(out_path);
  result.err = read_file(err_path);
  return result;
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
