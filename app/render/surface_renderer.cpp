#include "surface_renderer.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "colour_map.hpp"
#include "heatmap_renderer.hpp"
#include "shaders.hpp"

namespace optviz::gui {
namespace {

constexpr float kAmbient = 0.5f;
constexpr float kLinePull = 0.05f;

// Towards the light: from above, over the camera's left shoulder, so that slopes facing the
// camera are lit and the shading reads as relief.
Vec3f light_for(Vec3f eye) {
  const float yaw = std::atan2(eye.x, -eye.y) - 0.6f;
  const float horizontal = 0.5f, up = 0.866f;
  return {horizontal * std::sin(yaw), -horizontal * std::cos(yaw), up};
}

}  // namespace

std::unique_ptr<SurfaceRenderer> SurfaceRenderer::create(std::string& error) {
  std::unique_ptr<SurfaceRenderer> r(new SurfaceRenderer());
  const std::string sv(shaders::surface_vert), sf(shaders::surface_frag), lv(shaders::line_vert),
      lf(shaders::line_frag);
  r->surface_program_ = link_program(sv.c_str(), sf.c_str(), error);
  if (!r->surface_program_) return nullptr;
  r->line_program_ = link_program(lv.c_str(), lf.c_str(), error);
  if (!r->line_program_) return nullptr;
  const GLuint p = r->surface_program_.get();
  r->view_projection_location_ = glGetUniformLocation(p, "view_projection");
  r->table_location_ = glGetUniformLocation(p, "colour_table");
  r->table_size_location_ = glGetUniformLocation(p, "table_size");
  r->count_location_ = glGetUniformLocation(p, "contour_count");
  r->width_location_ = glGetUniformLocation(p, "line_width");
  r->light_location_ = glGetUniformLocation(p, "light");
  r->ambient_location_ = glGetUniformLocation(p, "ambient");
  r->line_view_projection_location_ = glGetUniformLocation(r->line_program_.get(), "view_projection");
  r->viewport_location_ = glGetUniformLocation(r->line_program_.get(), "viewport");
  r->eye_location_ = glGetUniformLocation(r->line_program_.get(), "eye");
  r->pull_location_ = glGetUniformLocation(r->line_program_.get(), "pull");

  r->mesh_array_ = make_vertex_array();
  r->mesh_vertices_ = make_buffer();
  r->mesh_indices_ = make_buffer();
  glBindVertexArray(r->mesh_array_.get());
  glBindBuffer(GL_ARRAY_BUFFER, r->mesh_vertices_.get());
  glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, r->mesh_indices_.get());
  float_attributes({3, 3, 1});  // position, normal, t (the height scale's position)
  glBindVertexArray(0);

  r->line_array_ = make_vertex_array();
  r->line_vertices_ = make_buffer();
  glBindVertexArray(r->line_array_.get());
  glBindBuffer(GL_ARRAY_BUFFER, r->line_vertices_.get());
  float_attributes({3, 3, 2, 1, 4});  // a, b, corner, width, colour
  glBindVertexArray(0);
  glBindBuffer(GL_ARRAY_BUFFER, 0);

  r->colour_table_ = make_texture();
  const auto table = colour_table();
  glBindTexture(GL_TEXTURE_2D, r->colour_table_.get());
  set_texture_parameters(GL_LINEAR);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, kColourTableSize, 1, 0, GL_RGBA, GL_UNSIGNED_BYTE, table.data());

  r->target_ = make_texture();
  glBindTexture(GL_TEXTURE_2D, r->target_.get());
  set_texture_parameters(GL_LINEAR);
  const unsigned char black[4] = {0, 0, 0, 255};
  glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, 1, 1, 0, GL_RGBA, GL_UNSIGNED_BYTE, black);
  glBindTexture(GL_TEXTURE_2D, 0);

  r->samples_colour_ = make_renderbuffer();
  r->samples_depth_ = make_renderbuffer();
  r->samples_ = make_framebuffer();
  r->resolved_ = make_framebuffer();
  GLint max_samples = 0;
  glGetIntegerv(GL_MAX_SAMPLES, &max_samples);
  r->sample_count_ = std::clamp(max_samples, 0, 4);
  return r;
}

void SurfaceRenderer::resize(int width, int height) {
  if (width == width_ && height == height_) return;
  glBindRenderbuffer(GL_RENDERBUFFER, samples_colour_.get());
  glRenderbufferStorageMultisample(GL_RENDERBUFFER, sample_count_, GL_RGBA8, width, height);
  glBindRenderbuffer(GL_RENDERBUFFER, samples_depth_.get());
  glRenderbufferStorageMultisample(GL_RENDERBUFFER, sample_count_, GL_DEPTH_COMPONENT24, width, height);
  glBindRenderbuffer(GL_RENDERBUFFER, 0);
  glBindFramebuffer(GL_FRAMEBUFFER, samples_.get());
  glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, samples_colour_.get());
  glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_DEPTH_ATTACHMENT, GL_RENDERBUFFER, samples_depth_.get());
  glBindTexture(GL_TEXTURE_2D, target_.get());
  glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
  glBindTexture(GL_TEXTURE_2D, 0);
  glBindFramebuffer(GL_FRAMEBUFFER, resolved_.get());
  glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, target_.get(), 0);
  width_ = width;
  height_ = height;
}

void SurfaceRenderer::upload_mesh(const SurfaceMesh& mesh) {
  std::vector<float> vertices;
  vertices.reserve(mesh.position.size() * 7);
  for (std::size_t k = 0; k < mesh.position.size(); ++k) {
    const Vec3f p = mesh.position[k], n = mesh.normal[k];
    vertices.insert(vertices.end(), {p.x, p.y, p.z, n.x, n.y, n.z, mesh.colour[k]});
  }
  glBindBuffer(GL_ARRAY_BUFFER, mesh_vertices_.get());
  glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(vertices.size() * sizeof(float)), vertices.data(),
               GL_STATIC_DRAW);
  glBindBuffer(GL_ARRAY_BUFFER, 0);
  glBindVertexArray(mesh_array_.get());
  glBufferData(GL_ELEMENT_ARRAY_BUFFER, static_cast<GLsizeiptr>(mesh.triangles.size() * sizeof(std::uint32_t)),
               mesh.triangles.data(), GL_STATIC_DRAW);
  glBindVertexArray(0);
  mesh_index_count_ = static_cast<GLsizei>(mesh.triangles.size());
}

void SurfaceRenderer::draw_lines(const SurfaceScene& scene) {
  std::vector<float> v;
  std::size_t segments = 0;
  for (const SurfaceLine& line : scene.lines) segments += line.points.size() > 1 ? line.points.size() - 1 : 0;
  v.reserve(segments * 6 * 13);
  static constexpr float kCorners[6][2] = {{0, -1}, {1, -1}, {1, 1}, {0, -1}, {1, 1}, {0, 1}};
  for (const SurfaceLine& line : scene.lines) {
    const Colour c = line.colour;
    for (std::size_t i = 0; i + 1 < line.points.size(); ++i) {
      const Vec3f a = line.points[i], b = line.points[i + 1];
      for (const auto& corner : kCorners)
        v.insert(v.end(), {a.x, a.y, a.z, b.x, b.y, b.z, corner[0], corner[1], line.width, c.r, c.g, c.b, c.a});
    }
  }
  if (v.empty()) return;
  glBindBuffer(GL_ARRAY_BUFFER, line_vertices_.get());
  glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(v.size() * sizeof(float)), v.data(), GL_STREAM_DRAW);
  glBindBuffer(GL_ARRAY_BUFFER, 0);
  glUseProgram(line_program_.get());
  glUniformMatrix4fv(line_view_projection_location_, 1, GL_FALSE, scene.camera.view_projection.m.data());
  glUniform2f(viewport_location_, static_cast<float>(width_), static_cast<float>(height_));
  glUniform3f(eye_location_, scene.camera.eye.x, scene.camera.eye.y, scene.camera.eye.z);
  glUniform1f(pull_location_, kLinePull);
  // Tested against the surface, never against each other: later lines lie over earlier ones.
  glDepthMask(GL_FALSE);
  glEnable(GL_BLEND);
  glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
  glBindVertexArray(line_array_.get());
  glDrawArrays(GL_TRIANGLES, 0, static_cast<GLsizei>(v.size() / 13));
  glBindVertexArray(0);
  glDisable(GL_BLEND);
  glDepthMask(GL_TRUE);
}

void SurfaceRenderer::render(const SurfaceScene& scene) {
  if (scene.width < 1 || scene.height < 1 || scene.mesh == nullptr) return;
  const int width = std::min(scene.width, 8192), height = std::min(scene.height, 8192);
  const ScopedFramebufferBinding saved;  // before resize(), which binds this pass's framebuffers
  resize(width, height);
  if (scene.mesh != mesh_ || scene.mesh_generation != mesh_generation_) {
    upload_mesh(*scene.mesh);
    mesh_ = scene.mesh;
    mesh_generation_ = scene.mesh_generation;
  }
  glBindFramebuffer(GL_FRAMEBUFFER, samples_.get());
  if (glCheckFramebufferStatus(GL_FRAMEBUFFER) == GL_FRAMEBUFFER_COMPLETE) {
    glViewport(0, 0, width, height);
    glDisable(GL_SCISSOR_TEST);
    glDisable(GL_BLEND);
    glDisable(GL_CULL_FACE);
    glEnable(GL_DEPTH_TEST);
    glDepthFunc(GL_LEQUAL);
    glDepthMask(GL_TRUE);
    glClearColor(scene.background.r, scene.background.g, scene.background.b, 1);
    glClearDepth(1);
    glClear(GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT);

    // The surface a little deeper than it is, so that lines lying on it win the depth test.
    glEnable(GL_POLYGON_OFFSET_FILL);
    glPolygonOffset(1.0f, 2.0f);
    glUseProgram(surface_program_.get());
    glUniformMatrix4fv(view_projection_location_, 1, GL_FALSE, scene.camera.view_projection.m.data());
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D, colour_table_.get());
    glUniform1i(table_location_, 0);
    glUniform1f(table_size_location_, static_cast<float>(kColourTableSize));
    glUniform1f(count_location_, static_cast<float>(scene.contour_count));
    glUniform1f(width_location_, scene.line_width);
    const Vec3f light = light_for(scene.camera.eye);
    glUniform3f(light_location_, light.x, light.y, light.z);
    glUniform1f(ambient_location_, kAmbient);
    glBindVertexArray(mesh_array_.get());
    glDrawElements(GL_TRIANGLES, mesh_index_count_, GL_UNSIGNED_INT, nullptr);
    glBindVertexArray(0);
    glBindTexture(GL_TEXTURE_2D, 0);
    glDisable(GL_POLYGON_OFFSET_FILL);

    draw_lines(scene);
    glUseProgram(0);
    glDisable(GL_DEPTH_TEST);

    glBindFramebuffer(GL_READ_FRAMEBUFFER, samples_.get());
    glBindFramebuffer(GL_DRAW_FRAMEBUFFER, resolved_.get());
    glBlitFramebuffer(0, 0, width, height, 0, 0, width, height, GL_COLOR_BUFFER_BIT, GL_NEAREST);
  }
}

}  // namespace optviz::gui
