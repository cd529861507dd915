// OpenGL objects as move-only RAII handles: each deletes its object when it goes, so a renderer
// that owns them cleans up in reverse order of creation. Also the two things every pass does the
// same way: building a program from its shaders, and drawing into its own framebuffer while
// leaving the caller's binding and viewport as they were.
#pragma once

#include <glad/gl.h>

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <utility>

namespace optviz::gui {

template <class Deleter>
class GlHandle {
 public:
  GlHandle() = default;
  explicit GlHandle(GLuint id) : id_(id) {}
  ~GlHandle() { reset(); }
  GlHandle(const GlHandle&) = delete;
  GlHandle& operator=(const GlHandle&) = delete;
  GlHandle(GlHandle&& other) noexcept : id_(std::exchange(other.id_, 0)) {}
  GlHandle& operator=(GlHandle&& other) noexcept {
    if (this != &other) {
      reset();
      id_ = std::exchange(other.id_, 0);
    }
    return *this;
  }

  GLuint get() const { return id_; }
  explicit operator bool() const { return id_ != 0; }
  void reset() {
    if (id_ != 0) Deleter{}(id_);
    id_ = 0;
  }

 private:
  GLuint id_ = 0;
};

struct TextureDeleter {
  void operator()(GLuint id) const { glDeleteTextures(1, &id); }
};
struct FramebufferDeleter {
  void operator()(GLuint id) const { glDeleteFramebuffers(1, &id); }
};
struct VertexArrayDeleter {
  void operator()(GLuint id) const { glDeleteVertexArrays(1, &id); }
};
struct BufferDeleter {
  void operator()(GLuint id) const { glDeleteBuffers(1, &id); }
};
struct RenderbufferDeleter {
  void operator()(GLuint id) const { glDeleteRenderbuffers(1, &id); }
};
struct ProgramDeleter {
  void operator()(GLuint id) const { glDeleteProgram(id); }
};
struct ShaderDeleter {
  void operator()(GLuint id) const { glDeleteShader(id); }
};

using GlTexture = GlHandle<TextureDeleter>;
using GlFramebuffer = GlHandle<FramebufferDeleter>;
using GlVertexArray = GlHandle<VertexArrayDeleter>;
using GlBuffer = GlHandle<BufferDeleter>;
using GlRenderbuffer = GlHandle<RenderbufferDeleter>;
using GlProgram = GlHandle<ProgramDeleter>;
using GlShader = GlHandle<ShaderDeleter>;

// A texture as ImGui's draw lists take it (ImTextureID, a pointer).
inline void* texture_id(GLuint texture) { return reinterpret_cast<void*>(static_cast<std::uintptr_t>(texture)); }

// A new GL object of the kind `gen` makes (glGenBuffers, glGenTextures, ...), owned by its handle.
template <class Handle, class Generate>
Handle generate(Generate gen) {
  GLuint id = 0;
  gen(1, &id);
  return Handle(id);
}

inline GlTexture make_texture() { return generate<GlTexture>(glGenTextures); }
// The bound 2D texture's filter (both ways), its edges clamped.
inline void set_texture_parameters(GLint filter) {
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, filter);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, filter);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
}
inline GlFramebuffer make_framebuffer() { return generate<GlFramebuffer>(glGenFramebuffers); }
inline GlBuffer make_buffer() { return generate<GlBuffer>(glGenBuffers); }
inline GlRenderbuffer make_renderbuffer() { return generate<GlRenderbuffer>(glGenRenderbuffers); }
inline GlVertexArray make_vertex_array() { return generate<GlVertexArray>(glGenVertexArrays); }

// The bound vertex array's attributes 0, 1, ... read from the bound buffer as floats, `sizes[i]`
// floats each, packed one after the other in every vertex.
inline void float_attributes(std::initializer_list<GLint> sizes) {
  GLint floats = 0;
  for (const GLint size : sizes) floats += size;
  const auto stride = static_cast<GLsizei>(static_cast<std::size_t>(floats) * sizeof(float));
  GLuint index = 0;
  std::size_t at = 0;
  for (const GLint size : sizes) {
    glEnableVertexAttribArray(index);
    glVertexAttribPointer(index++, size, GL_FLOAT, GL_FALSE, stride, reinterpret_cast<void*>(at * sizeof(float)));
    at += static_cast<std::size_t>(size);
  }
}

// Compiles a vertex and a fragment shader and links them into a program; an empty handle and the
// info log in `error` ("fragment shader does not compile: ...") when either step fails.
GlProgram link_program(const char* vertex, const char* fragment, std::string& error);

// For a pass that draws into its own framebuffer: saves the framebuffer bound for drawing and the
// viewport on construction, and binds and sets them back on destruction, so that the caller (ImGui,
// the window) finds them as it left them.
class ScopedFramebufferBinding {
 public:
  ScopedFramebufferBinding() {
    glGetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &framebuffer_);
    glGetIntegerv(GL_VIEWPORT, viewport_);
  }
  ~ScopedFramebufferBinding() {
    glBindFramebuffer(GL_FRAMEBUFFER, static_cast<GLuint>(framebuffer_));
    glViewport(viewport_[0], viewport_[1], viewport_[2], viewport_[3]);
  }
  ScopedFramebufferBinding(const ScopedFramebufferBinding&) = delete;
  ScopedFramebufferBinding& operator=(const ScopedFramebufferBinding&) = delete;

 private:
  GLint framebuffer_ = 0;
  GLint viewport_[4] = {0, 0, 0, 0};
};

}  // namespace optviz::gui
