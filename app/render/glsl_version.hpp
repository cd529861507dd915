// The GLSL version line for ImGui's OpenGL backend: OpenGL 3.3 core on the desktop, OpenGL ES 3.0
// (WebGL 2) in the browser. The embedded shaders get theirs from shaders/embed.cmake.
#pragma once

namespace optviz::gui {

#ifdef __EMSCRIPTEN__
inline constexpr const char* kGlslVersion = "#version 300 es";
#else
inline constexpr const char* kGlslVersion = "#version 330 core";
#endif

}  // namespace optviz::gui
