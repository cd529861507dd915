#include "gl_handles.hpp"

#include <algorithm>
#include <vector>

namespace optviz::gui {
namespace {

GlShader compile(GLenum type, const char* source, std::string& error) {
  GlShader shader(glCreateShader(type));
  glShaderSource(shader.get(), 1, &source, nullptr);
  glCompileShader(shader.get());
  GLint ok = GL_FALSE;
  glGetShaderiv(shader.get(), GL_COMPILE_STATUS, &ok);
  if (ok == GL_TRUE) return shader;
  GLint length = 0;
  glGetShaderiv(shader.get(), GL_INFO_LOG_LENGTH, &length);
  std::vector<char> log(static_cast<std::size_t>(std::max(length, 1)));
  glGetShaderInfoLog(shader.get(), static_cast<GLsizei>(log.size()), nullptr, log.data());
  error = std::string(type == GL_VERTEX_SHADER ? "vertex" : "fragment") + " shader does not compile: " + log.data();
  return GlShader();
}

}  // namespace

GlProgram link_program(const char* vertex, const char* fragment, std::string& error) {
  GlShader vs = compile(GL_VERTEX_SHADER, vertex, error);
  if (!vs) return GlProgram();
  GlShader fs = compile(GL_FRAGMENT_SHADER, fragment, error);
  if (!fs) return GlProgram();
  GlProgram program(glCreateProgram());
  glAttachShader(program.get(), vs.get());
  glAttachShader(program.get(), fs.get());
  glLinkProgram(program.get());
  glDetachShader(program.get(), vs.get());
  glDetachShader(program.get(), fs.get());
  GLint ok = GL_FALSE;
  glGetProgramiv(program.get(), GL_LINK_STATUS, &ok);
  if (ok == GL_TRUE) return program;
  GLint length = 0;
  glGetProgramiv(program.get(), GL_INFO_LOG_LENGTH, &length);
  std::vector<char> log(static_cast<std::size_t>(std::max(length, 1)));
  glGetProgramInfoLog(program.get(), static_cast<GLsizei>(log.size()), nullptr, log.data());
  error = std::string("shader program does not link: ") + log.data();
  return GlProgram();
}

}  // namespace optviz::gui
