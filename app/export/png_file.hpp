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

// The scenario JSON embedded in a PNG, from a text chunk before or after the image data. Only the
// chunk structure is read: the pixels are never decoded, so an image of any declared size costs
// nothing, and memory stays under a few hundred KiB plus the text (at most kMaxScenarioFileBytes).
// Throws std::runtime_error with a message naming the file and the problem: not a PNG, truncated
// or damaged (a CRC error, a chunk that runs past the end, no IEND...), a scenario too large, no
// optviz scenario inside.
std::string read_png_scenario(const std::filesystem::path& path);

// The pixels of a PNG file as RGBA (any colour type, bit depth and interlacing is converted; no
// gamma or colour-space chunk is applied). Throws std::runtime_error naming the file and the
// problem. Images larger than the largest figure (kMaxFigureWidth x kMaxFigureHeight) are refused.
Image read_png(const std::filesystem::path& path);

}  // namespace optviz
