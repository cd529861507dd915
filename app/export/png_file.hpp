// PNG files that carry their scenario: every figure optviz writes can be opened as a scenario.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "image.hpp"

namespace optviz {

// The keyword of the text chunk that holds the scenario JSON.
inline constexpr std::string_view kScenarioChunkKeyword = "optviz-scenario";

// Writes atomically (nothing is left behind on failure). Embeds `scenario_json` in a text chunk
// when it is not empty. Throws std::runtime_error("cannot write PATH: REASON").
void write_png(const std::filesystem::path& path, const Image& image, std::string_view scenario_json = {});

// The scenario JSON embedded in a PNG. Throws std::runtime_error with a message naming the file
// and the problem (not a PNG, truncated, no optviz scenario inside).
std::string read_png_scenario(const std::filesystem::path& path);

// The pixels of a PNG file as RGBA (any colour type and bit depth is converted). Throws
// std::runtime_error naming the file and the problem. Sides above kMaxPngSide are refused.
inline constexpr int kMaxPngSide = 16384;
Image read_png(const std::filesystem::path& path);

}  // namespace optviz
