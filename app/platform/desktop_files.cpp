// The desktop's files: the dialogs' path fields choose them, and written files stay where they are.
#include "file_access.hpp"

namespace optviz::gui {

void pick_files(AppState&) {}

void deliver_file(const std::filesystem::path&) {}

}  // namespace optviz::gui
