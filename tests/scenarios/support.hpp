// Helpers of the scenario and export tests: temporary directories, running the optviz executable,
// reading files and decoding GIFs with giflib.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "image.hpp"

namespace optviz::testing {

// A fresh directory, removed with everything in it at the end of the scope.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }
  // The names of the entries, sorted (temporary files included).
  std::vector<std::string> entries() const { return entries_of(path_); }
  static std::vector<std::string> entries_of(const std::filesystem::path& dir);

 private:
  std::filesystem::path path_;
};

struct Result {
  int exit_code = -1;  // -1 when a signal ended the process
  std::string out;
  std::string err;
};

// Runs the optviz executable with `args`; `environment` sets (a value) or removes (nullopt)
// variables. Kills it after 120 s.
Result run_optviz(const std::vector<std::string>& args,
                  const std::map<std::string, std::optional<std::string>>& environment = {});

std::string read_file(const std::filesystem::path& path);
void write_file(const std::filesystem::path& path, const std::string& text);

struct Gif {
  int width = 0;
  int height = 0;
  bool loops_forever = false;
  std::vector<int> delays;    // hundredths of a second, per frame
  std::vector<Image> frames;  // each frame as shown: composed over the frames before it
};

// Decodes every frame with giflib; throws std::runtime_error on a damaged file.
Gif read_gif(const std::filesystem::path& path);

// The mean absolute difference per channel (RGB) of two images of the same size.
double mean_difference(const Image& a, const Image& b);

}  // namespace optviz::testing
