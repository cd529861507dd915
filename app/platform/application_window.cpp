// The window as it presents (full screen, the text at a 32nd of the screen's height) and as it
// scales its UI (the text a 60th of the window's height, or the user's choice).
#include <backends/imgui_impl_opengl3.h>

#include <cstdio>

#include "application_impl.hpp"
#include "glfw_setup.hpp"
#include "screen_fit.hpp"
#include "ui.hpp"

namespace optviz::gui {

float Application::Impl::monitor_scale() const { return window_content_scale(window); }

float Application::Impl::following_scale() const {
#ifdef __EMSCRIPTEN__
  // The page follows the browser's zoom (its device pixel ratio), as the reader set it.
  return monitor_scale();
#else
  int height = 0;
  glfwGetWindowSize(window, nullptr, &height);
  return window_ui_scale(monitor_scale(), static_cast<float>(height));
#endif
}

bool Application::Impl::scale_to_follow() const {
  return state.view.settings.scale_follows_monitor && following_scale() != state.view.settings.ui_scale;
}

void Application::Impl::rebuild_fonts() {
  const float scale = state.view.settings.scale_follows_monitor ? following_scale() : state.view.settings.ui_scale;
  std::string warning;
  ImGui_ImplOpenGL3_DestroyFontsTexture();
  apply_ui_scale(state, scale, warning);
  if (!warning.empty()) std::fprintf(stderr, "%s\n", warning.c_str());
  ImGui_ImplOpenGL3_CreateFontsTexture();
  state.view.requests.rebuild_fonts = false;
  monitor_scale_changed = false;
}

void Application::Impl::apply_presentation() {
  ViewSettings& v = state.view.settings;
  presenting = v.presenting;
  int height = 0;
  glfwGetWindowSize(window, nullptr, &height);
  // Full screen on the primary monitor, unless the window's size was given (--size, screenshots):
  // then the whole window presents.
  if (presenting && !options.size_given) {
    GLFWmonitor* monitor = glfwGetPrimaryMonitor();
    if (const GLFWvidmode* mode = monitor != nullptr ? glfwGetVideoMode(monitor) : nullptr) {
      windowed = placement();
      glfwSetWindowMonitor(window, monitor, 0, 0, mode->width, mode->height, mode->refreshRate);
      height = mode->height;
    }
  } else if (!presenting && windowed) {
    glfwSetWindowMonitor(window, nullptr, windowed->x, windowed->y, windowed->width, windowed->height, GLFW_DONT_CARE);
    windowed.reset();
  }
  if (presenting) {
    scale_before_presenting = v.ui_scale;
    scale_followed_monitor = v.scale_follows_monitor;
    v.ui_scale = presentation_ui_scale(v.ui_scale, static_cast<float>(height));
    v.scale_follows_monitor = false;
  } else {
    v.ui_scale = scale_before_presenting;
    v.scale_follows_monitor = scale_followed_monitor;
  }
  state.view.requests.rebuild_fonts = true;
}

WindowPlacement Application::Impl::placement() const {
  WindowPlacement p;
  p.maximized = glfwGetWindowAttrib(window, GLFW_MAXIMIZED) == GLFW_TRUE;
  glfwGetWindowPos(window, &p.x, &p.y);
  glfwGetWindowSize(window, &p.width, &p.height);
  p.known = true;
  return p;
}

}  // namespace optviz::gui
