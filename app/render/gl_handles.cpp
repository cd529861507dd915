#include "gl_handles.hpp"

#include <algorithm>
#include <vector>

#include "translate.hpp"

namespace optviz::gui {
namespace {

// A shader's or a program's info log, through its pair of GL queries.
template <class GetParameter, class GetLog>
std::string info_log(GLuint object, GetParameter get_parameter, GetLog get_log) {
  GLint length = 0;
  get_parameter(object, GL_INFO_LOG_LENGTH, &length);
  std::vector<char> log(static_cast<std::size_t>(std::max(length, 1)));
  get_log(object, static_cast<GLsizei>(log.size()), nullptr, log.data());
  return log.data();
}

GlShader compile(GLenum type, const char* source, std::string& error) {
  GlShader shader(glCreateShader(type));
  glShaderSource(shader.get(), 1, &source, nullptr);
  glCompileShader(shader.get());
  GLint ok = GL_FALSE;
  glGetShaderiv(shader.get(), GL_COMPILE_STATUS, &ok);
  if (ok == GL_TRUE) return shader;
  const std::string log = info_log(shader.get(), glGetShaderiv, glGetShaderInfoLog);
  error = type == GL_VERTEX_SHADER ? tr_format("vertex shader does not compile: {0}", {log})
                                   : tr_format("fragment shader does not compile: {0}", {log});
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
  error =
      tr_format("shader program does not link: {0}", {info_log(program.get(), glGetProgramiv, glGetProgramInfoLog)});
  return GlProgram();
}

}  // namespace optviz::gui
