#include "recent_files.hpp"

#include <algorithm>

namespace optviz::gui {

void add_recent_file(std::vector<std::string>& list, const std::string& path) {
  if (path.empty()) return;
  remove_recent_file(list, path);
  list.insert(list.begin(), path);
  if (list.size() > kRecentFiles) list.resize(kRecentFiles);
}

void remove_recent_file(std::vector<std::string>& list, const std::string& path) {
  list.erase(std::remove(list.begin(), list.end(), path), list.end());
}

std::vector<std::string> sanitized_recent_files(const std::vector<std::string>& list) {
  std::vector<std::string> kept;
  for (const std::string& path : list)
    if (!path.empty() && std::find(kept.begin(), kept.end(), path) == kept.end() && kept.size() < kRecentFiles)
      kept.push_back(path);
  return kept;
}

}  // namespace optviz::gui
