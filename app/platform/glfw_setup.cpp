#include "glfw_setup.hpp"

#include <glad/gl.h>
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
  last_error = description != nullptr ? description : "unknown error";
}

std::string window_problem(const std::string& reason) {
  return "cannot open a window: " + reason +
         ". No display? Run under xvfb-run, or use the headless commands: optviz run, optviz render.";
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
    error = window_problem(take_glfw_error());
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
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
  glfwWindowHint(GLFW_VISIBLE, visible ? GLFW_TRUE : GLFW_FALSE);
  glfwWindowHint(GLFW_SCALE_TO_MONITOR, GLFW_TRUE);
  GLFWwindow* window = glfwCreateWindow(width, height, title, nullptr, nullptr);
  if (window == nullptr) {
    // GLFW started, so there is a display: it cannot give an OpenGL 3.3 core context.
    const std::string reason = take_glfw_error();
    error = "cannot open a window with OpenGL 3.3 (core profile): " + (reason.empty() ? "unknown reason" : reason) +
            ". The display's OpenGL is too old? Run under xvfb-run (Mesa's llvmpipe has OpenGL 4.5), or use the "
            "headless commands: optviz run, optviz render.";
    return nullptr;
  }
  glfwMakeContextCurrent(window);
  const int version = gladLoadGL(glfwGetProcAddress);
  if (version == 0 || GLAD_VERSION_MAJOR(version) < 3 ||
      (GLAD_VERSION_MAJOR(version) == 3 && GLAD_VERSION_MINOR(version) < 3)) {
    error = "cannot use OpenGL: OpenGL 3.3 or later is needed, the display has " +
            (version == 0
                 ? std::string("none that loads")
                 : std::to_string(GLAD_VERSION_MAJOR(version)) + "." + std::to_string(GLAD_VERSION_MINOR(version))) +
            ". Run under xvfb-run, or use the headless commands: optviz run, optviz render.";
    glfwDestroyWindow(window);
    return nullptr;
  }
  return window;
}

float window_content_scale(GLFWwindow* window) {
  float x = 1, y = 1;
  glfwGetWindowContentScale(window, &x, &y);
  const float s = std::max(x, y);
  return std::isfinite(s) && s > 0 ? s : 1.0f;
}

void watch_content_scale(GLFWwindow* window, void (*changed)(GLFWwindow*, float, float)) {
  glfwSetWindowContentScaleCallback(window, changed);
}

}  // namespace optviz::gui
