#include <cstdio>

#include "gui.hpp"

namespace optviz {

int run_gui(const GuiOptions&) {
  std::fprintf(stderr, "optviz: the window is being built; use `optviz run`\n");
  return 1;
}

}  // namespace optviz
