// Figures without a window on screen: a FigureRenderer in a hidden window's OpenGL 3.3 context,
// for `optviz render`.
#pragma once

#include <memory>
#include <string>

#include "figure_renderer.hpp"

namespace optviz {

// nullptr and `error`, a message that names the problem (no display: points to xvfb-run), when it
// cannot open the context.
std::unique_ptr<FigureRenderer> make_hidden_figure_renderer(std::string& error);

}  // namespace optviz
