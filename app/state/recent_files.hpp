// File > Open Recent: the last files opened or saved, the most recent first, each once.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace optviz::gui {

inline constexpr std::size_t kRecentFiles = 10;

// Puts `path` first (moving it up if listed already) and keeps at most kRecentFiles.
void add_recent_file(std::vector<std::string>& list, const std::string& path);
void remove_recent_file(std::vector<std::string>& list, const std::string& path);
// A list read from the settings file, without empty paths or duplicates, at most kRecentFiles.
std::vector<std::string> sanitized_recent_files(const std::vector<std::string>& list);

}  // namespace optviz::gui
