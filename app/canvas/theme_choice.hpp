// The two themes the user chooses between; theme.hpp gives their styles and colours.
#pragma once

namespace optviz::gui {

enum class Theme { dark, light };

}  // namespace optviz::gui
