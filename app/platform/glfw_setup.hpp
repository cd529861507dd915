// Starting GLFW with errors reported as text, shared by the window and the hidden figure
// context: "cannot open a window: <GLFW's reason>. No display? Run under xvfb-run, ...". One
// implementation (glfw_setup.cpp) for the desktop and the page.
#pragma once

#include <string>

#include "screen_fit.hpp"

struct GLFWwindow;

namespace optviz::gui {

// glfwInit with the error callback set first; false and `error` (the message above) on failure.
// Every successful call must be matched by release_glfw().
bool acquire_glfw(std::string& error);
void release_glfw();

// A window with an OpenGL 3.3 core context, made current and loaded with glad (in the page, the
// canvas with a WebGL 2 context); nullptr and `error` on failure (no display, no GL 3.3).
GLFWwindow* create_gl_window(int width, int height, const char* title, bool visible, std::string& error);

// The UI scale the display asks for: the monitor's content scale, or the browser's device pixel ratio.
float window_content_scale(GLFWwindow* window);
// The primary monitor's work area (the screen less its panels); of no size when unknown (the page).
ScreenBox primary_work_area();
// Calls `changed` when that scale changes (the window moved to another monitor).
void watch_content_scale(GLFWwindow* window, void (*changed)(GLFWwindow*, float, float));

// GLFW's last error text ("" when none), then cleared.
std::string take_glfw_error();

}  // namespace optviz::gui
