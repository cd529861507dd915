// The page's window backend: Emscripten's GLFW on the page's <canvas>, with a WebGL 2 context
// (OpenGL ES 3.0, so no loader), and the UI scale from the browser's device pixel ratio.
#include <emscripten/html5.h>

#include <cmath>

#include "glfw_setup.hpp"
#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

namespace optviz::gui {
namespace {

std::string last_error;
int users = 0;

void on_glfw_error(int, const char* description) {
  last_error = description != nullptr ? description : "unknown error";
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
    error = "cannot start GLFW in this page: " + take_glfw_error();
    return false;
  }
  ++users;
  return true;
}

void release_glfw() {
  if (users > 0 && --users == 0) glfwTerminate();
}

GLFWwindow* create_gl_window(int width, int height, const char* title, bool, std::string& error) {
  glfwDefaultWindowHints();
  glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
  GLFWwindow* window = glfwCreateWindow(width, height, title, nullptr, nullptr);
  if (window == nullptr) {
    const std::string reason = take_glfw_error();
    error = "cannot draw in this page: the browser gives no WebGL 2 context" +
            (reason.empty() ? std::string() : " (" + reason + ")") +
            ". WebGL 2 may be turned off, or the graphics driver is blocked: see chrome://gpu or about:support.";
    return nullptr;
  }
  glfwMakeContextCurrent(window);
  return window;
}

float window_content_scale(GLFWwindow*) {
  const double ratio = emscripten_get_device_pixel_ratio();
  return std::isfinite(ratio) && ratio > 0 ? static_cast<float>(ratio) : 1.0f;
}

// The page's frame loop (web_main.cpp) notices a new device pixel ratio, as when the page is zoomed
// or moved to another screen, and resizes the canvas; the UI scale follows on the next start.
void watch_content_scale(GLFWwindow*, void (*)(GLFWwindow*, float, float)) {}

}  // namespace optviz::gui
