// The 3D view's GL pass: a SurfaceScene (canvas/surface_scene.hpp) drawn into a texture that the
// canvas and the figures show as an image, as they show the heatmap's. The surface is lit and
// coloured through the heatmap's colour table, the lines are depth-tested against it, and the
// whole is drawn with 4x multisampling. Lives inside a GL 3.3 context.
#pragma once

#include <glad/gl.h>

#include <cstdint>
#include <memory>
#include <string>

#include "gl_handles.hpp"
#include "surface_scene.hpp"

namespace optviz::gui {

class SurfaceRenderer {
 public:
  // Compiles and links the shaders in the current context; nullptr and `error` (with the info
  // log) on failure.
  static std::unique_ptr<SurfaceRenderer> create(std::string& error);

  // Draws the scene into the texture (uploading the mesh when its generation changed). Restores
  // the framebuffer binding and viewport it found; leaves depth testing and blending off.
  void render(const SurfaceScene& scene);
  GLuint texture() const { return target_.get(); }

 private:
  SurfaceRenderer() = default;
  void resize(int width, int height);
  void upload_mesh(const SurfaceMesh& mesh);
  void draw_lines(const SurfaceScene& scene);

  GlProgram surface_program_;
  GlProgram line_program_;
  GlVertexArray mesh_array_;
  GlBuffer mesh_vertices_;
  GlBuffer mesh_indices_;
  GLsizei mesh_index_count_ = 0;
  std::uint64_t mesh_generation_ = 0;
  const SurfaceMesh* mesh_ = nullptr;
  GlVertexArray line_array_;
  GlBuffer line_vertices_;
  GlTexture colour_table_;
  GlRenderbuffer samples_colour_;
  GlRenderbuffer samples_depth_;
  GlFramebuffer samples_;  // multisampled, resolved into target_
  GlTexture target_;
  GlFramebuffer resolved_;
  int width_ = 0;
  int height_ = 0;
  int sample_count_ = 4;
  GLint view_projection_location_ = -1, table_location_ = -1, table_size_location_ = -1, count_location_ = -1,
        width_location_ = -1, light_location_ = -1, ambient_location_ = -1, line_view_projection_location_ = -1,
        viewport_location_ = -1, eye_location_ = -1, pull_location_ = -1;
};

}  // namespace optviz::gui
