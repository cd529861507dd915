// Helpers of the scenario and export tests: running the optviz executable and decoding GIFs with
// giflib (temporary directories and files come from process.hpp).
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "image.hpp"
#include "process.hpp"

namespace optviz::testing {

using Result = ProcessResult;

// Runs the optviz executable with `args`; `environment` sets (a value) or removes (nullopt)
// variables. Kills it after 120 s.
Result run_optviz(const std::vector<std::string>& args,
                  const std::map<std::string, std::optional<std::string>>& environment = {});

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
