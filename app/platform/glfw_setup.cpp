// GLFW's lifetime, written once for the desktop and the page. The page (Emscripten's GLFW on the
// page's <canvas>) differs in three places, each under __EMSCRIPTEN__: it asks for WebGL 2 (OpenGL
// ES 3.0, no loader) instead of OpenGL 3.3 core loaded with glad, its messages speak of the browser,
// and its UI scale is the browser's device pixel ratio.
#include "glfw_setup.hpp"

#include "translate.hpp"

#ifdef __EMSCRIPTEN__
#include <emscripten/html5.h>
#else
#include <glad/gl.h>
#endif
#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

#include <algorithm>
#include <cmath>

namespace optviz::gui {
namespace {

// GLFW reports errors through a callback without a user pointer; the last one is kept here for
// the message. Users of GLFW are counted so that the last one terminates it.
std::string last_error;
int users = 0;

void on_glfw_error(int, const char* description) {
  last_error = description != nullptr ? description : tr("unknown error");
}

std::string cannot_start(const std::string& reason) {
#ifdef __EMSCRIPTEN__
  return tr_format("cannot start GLFW in this page: {0}", {reason});
#else
  return tr_format(
      "cannot open a window: {0}. No display? Run under xvfb-run, or use the headless commands: optviz run, optviz "
      "render.",
      {reason});
#endif
}

void set_context_hints(bool visible) {
#ifdef __EMSCRIPTEN__
  (void)visible;
  glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
#else
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
  glfwWindowHint(GLFW_VISIBLE, visible ? GLFW_TRUE : GLFW_FALSE);
  glfwWindowHint(GLFW_SCALE_TO_MONITOR, GLFW_TRUE);
#endif
}

std::string no_context(const std::string& reason) {
#ifdef __EMSCRIPTEN__
  return reason.empty() ? std::string(tr("cannot draw in this page: the browser gives no WebGL 2 context. WebGL 2 may "
                                         "be turned off, or the graphics driver is blocked: see chrome://gpu or "
                                         "about:support."))
                        : tr_format(
                              "cannot draw in this page: the browser gives no WebGL 2 context ({0}). WebGL 2 "
                              "may be turned off, or the graphics driver is blocked: see chrome://gpu or "
                              "about:support.",
                              {reason});
#else
  // GLFW started, so there is a display: it cannot give an OpenGL 3.3 core context.
  return tr_format(
      "cannot open a window with OpenGL 3.3 (core profile): {0}. The display's OpenGL is too old? Run under xvfb-run "
      "(Mesa's llvmpipe has OpenGL 4.5), or use the headless commands: optviz run, optviz render.",
      {reason.empty() ? std::string(tr("unknown reason")) : reason});
#endif
}

// The current context's GL functions: "" when they load (the page's WebGL needs no loader), else why not.
std::string load_gl() {
#ifdef __EMSCRIPTEN__
  return {};
#else
  const int version = gladLoadGL(glfwGetProcAddress);
  if (version != 0 &&
      (GLAD_VERSION_MAJOR(version) > 3 || (GLAD_VERSION_MAJOR(version) == 3 && GLAD_VERSION_MINOR(version) >= 3)))
    return {};
  return tr_format(
      "cannot use OpenGL: OpenGL 3.3 or later is needed, the display has {0}. Run under xvfb-run, or use the headless "
      "commands: optviz run, optviz render.",
      {version == 0 ? std::string(tr("none that loads"))
                    : std::to_string(GLAD_VERSION_MAJOR(version)) + "." + std::to_string(GLAD_VERSION_MINOR(version))});
#endif
}

}  // namespace

std::string take_glfw_error() {
  std::string e = std::move(last_error);
  last_error.clear();
  return e;
}

bool acquire_glfw(std::string& error) {
  glfwSetErrorCallback(on_glfw_error);
  if (users == 0 && glfwInit() != GLFW_TRUE) {
    error = cannot_start(take_glfw_error());
    return false;
  }
  ++users;
  return true;
}

void release_glfw() {
  if (users > 0 && --users == 0) glfwTerminate();
}

GLFWwindow* create_gl_window(int width, int height, const char* title, bool visible, std::string& error) {
  glfwDefaultWindowHints();
  set_context_hints(visible);
  GLFWwindow* window = glfwCreateWindow(width, height, title, nullptr, nullptr);
  if (window == nullptr) {
    error = no_context(take_glfw_error());
    return nullptr;
  }
  glfwMakeContextCurrent(window);
  if (std::string problem = load_gl(); !problem.empty()) {
    error = std::move(problem);
    glfwDestroyWindow(window);
    return nullptr;
  }
  return window;
}

float window_content_scale(GLFWwindow* window) {
#ifdef __EMSCRIPTEN__
  (void)window;
  const double ratio = emscripten_get_device_pixel_ratio();
  return std::isfinite(ratio) && ratio > 0 ? static_cast<float>(ratio) : 1.0f;
#else
  float x = 1, y = 1;
  glfwGetWindowContentScale(window, &x, &y);
  const float s = std::max(x, y);
  return std::isfinite(s) && s > 0 ? s : 1.0f;
#endif
}

ScreenBox primary_work_area() {
  ScreenBox area;
#ifndef __EMSCRIPTEN__
  if (GLFWmonitor* monitor = glfwGetPrimaryMonitor())
    glfwGetMonitorWorkarea(monitor, &area.x, &area.y, &area.width, &area.height);
#endif
  return area;
}

void watch_content_scale(GLFWwindow* window, void (*changed)(GLFWwindow*, float, float)) {
#ifdef __EMSCRIPTEN__
  // The page's frame loop (web_main.cpp) notices a new device pixel ratio, as when the page is zoomed
  // or moved to another screen, and resizes the canvas; the UI scale follows on the next start.
  (void)window;
  (void)changed;
#else
  glfwSetWindowContentScaleCallback(window, changed);
#endif
}

}  // namespace optviz::gui
