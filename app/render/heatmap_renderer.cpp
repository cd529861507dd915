#include "heatmap_renderer.hpp"

#include <algorithm>
#include <cmath>
#include <string_view>
#include <vector>

#include "colour_map.hpp"
#include "shaders.hpp"

namespace optviz::gui {

int grid_side_for(int pixels) { return std::clamp((pixels + 1) / 2, 16, kMaxGridSide); }

GridSize heatmap_grid_size(const HeatmapRequest& request) {
  GridSize size{grid_side_for(request.width), grid_side_for(request.height)};
  const Dataset* data = request.objective.data();
  if (data == nullptr) return size;
  const double reads =
      static_cast<double>(size.columns) * static_cast<double>(size.rows) * static_cast<double>(data->size());
  if (reads <= kMaxHeatmapRowReads) return size;
  const double shrink = std::sqrt(kMaxHeatmapRowReads / reads);
  size.columns = std::max(16, static_cast<int>(static_cast<double>(size.columns) * shrink));
  size.rows = std::max(16, static_cast<int>(static_cast<double>(size.rows) * shrink));
  return size;
}

std::unique_ptr<HeatmapRenderer> HeatmapRenderer::create(std::string& error) {
  std::unique_ptr<HeatmapRenderer> r(new HeatmapRenderer());
  const std::string vertex(shaders::heatmap_vert), fragment(shaders::heatmap_frag);
  r->program_ = link_program(vertex.c_str(), fragment.c_str(), error);
  if (!r->program_) return nullptr;
  const GLuint p = r->program_.get();
  r->grid_location_ = glGetUniformLocation(p, "grid");
  r->table_location_ = glGetUniformLocation(p, "colour_table");
  r->table_size_location_ = glGetUniformLocation(p, "table_size");
  r->count_location_ = glGetUniformLocation(p, "contour_count");
  r->width_location_ = glGetUniformLocation(p, "line_width");
  r->quad_ = make_vertex_array();
  r->grid_ = make_texture();
  r->colour_table_ = make_texture();
  r->target_ = make_texture();
  r->framebuffer_ = make_framebuffer();

  const auto table = colour_table();
  glBindTexture(GL_TEXTURE_2D, r->colour_table_.get());
  set_texture_parameters(GL_LINEAR);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, kColourTableSize, 1, 0, GL_RGBA, GL_UNSIGNED_BYTE, table.data());
  glBindTexture(GL_TEXTURE_2D, r->grid_.get());
  set_texture_parameters(GL_LINEAR);
  glBindTexture(GL_TEXTURE_2D, r->target_.get());
  set_texture_parameters(GL_LINEAR);
  // A 1x1 placeholder so the texture is complete before the first request.
  const unsigned char black[4] = {0, 0, 0, 255};
  glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, 1, 1, 0, GL_RGBA, GL_UNSIGNED_BYTE, black);
  glBindTexture(GL_TEXTURE_2D, 0);
  return r;
}

void HeatmapRenderer::update(const HeatmapRequest& request, const HeatmapScale& scale) {
  const bool same_scale = scale.kind == scale_.kind && scale.low == scale_.low && scale.high == scale_.high &&
                          scale.offset == scale_.offset;
  if (request == shown_ && same_scale) return;
  if (request.width < 1 || request.height < 1) return;
  shown_ = request;
  scale_ = scale;

  const GridSize size = heatmap_grid_size(request);
  const HeatmapGrid grid = heatmap_grid(request.objective, scale, request.shown, size.columns, size.rows);
  glBindTexture(GL_TEXTURE_2D, grid_.get());
  glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_R32F, grid.columns, grid.rows, 0, GL_RED, GL_FLOAT, grid.position.data());

  glBindTexture(GL_TEXTURE_2D, target_.get());
  if (request.width != target_width_ || request.height != target_height_) {
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, request.width, request.height, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
    target_width_ = request.width;
    target_height_ = request.height;
  }
  glBindTexture(GL_TEXTURE_2D, 0);

  const ScopedFramebufferBinding saved;
  glBindFramebuffer(GL_FRAMEBUFFER, framebuffer_.get());
  glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, target_.get(), 0);
  if (glCheckFramebufferStatus(GL_FRAMEBUFFER) == GL_FRAMEBUFFER_COMPLETE) {
    glViewport(0, 0, request.width, request.height);
    glDisable(GL_BLEND);
    glDisable(GL_SCISSOR_TEST);
    glDisable(GL_DEPTH_TEST);
    glDisable(GL_CULL_FACE);
    glUseProgram(program_.get());
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D, grid_.get());
    glActiveTexture(GL_TEXTURE1);
    glBindTexture(GL_TEXTURE_2D, colour_table_.get());
    glUniform1i(grid_location_, 0);
    glUniform1i(table_location_, 1);
    glUniform1f(table_size_location_, static_cast<float>(kColourTableSize));
    glUniform1f(count_location_, static_cast<float>(request.contour_count));
    glUniform1f(width_location_, std::max(1.0f, request.line_width));
    glBindVertexArray(quad_.get());
    glDrawArrays(GL_TRIANGLE_STRIP, 0, 4);
    glBindVertexArray(0);
    glBindTexture(GL_TEXTURE_2D, 0);
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D, 0);
    glUseProgram(0);
  } else {
    shown_ = HeatmapRequest{};
  }
}

}  // namespace optviz::gui
