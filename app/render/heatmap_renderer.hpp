// The heatmap pass: core's grid of colour-scale positions, uploaded as a float texture and
// coloured by the fragment shader (colour table and contour lines) into a texture that the canvas
// and the figures draw as an image. Lives inside a GL 3.3 context.
#pragma once

#include <glad/gl.h>

#include <memory>
#include <string>

#include "gl_handles.hpp"
#include "grid.hpp"
#include "heatmap_request.hpp"

namespace optviz::gui {

// Samples per pixel side of the grid: half, since the texture's bilinear filter does the rest.
int grid_side_for(int pixels);

// A loss from data reads every row for each sample: its grid is made coarser (the surface is
// smooth, the filter hides it) so that one redraw, as when panning, reads at most this many rows.
inline constexpr double kMaxHeatmapRowReads = 1.2e7;
struct GridSize {
  int columns, rows;
};
GridSize heatmap_grid_size(const HeatmapRequest& request);

class HeatmapRenderer {
 public:
  // Compiles and links the shaders in the current context; nullptr and `error` (with the info
  // log) on failure.
  static std::unique_ptr<HeatmapRenderer> create(std::string& error);

  // Redraws the texture for `request` unless it already shows it. Restores the framebuffer and
  // viewport it found.
  void update(const HeatmapRequest& request, const HeatmapScale& scale);
  GLuint texture() const { return target_.get(); }

 private:
  HeatmapRenderer() = default;

  GlProgram program_;
  GlVertexArray quad_;
  GlTexture grid_;
  GlTexture colour_table_;
  GlTexture target_;
  GlFramebuffer framebuffer_;
  HeatmapRequest shown_;
  HeatmapScale scale_;
  int target_width_ = 0;
  int target_height_ = 0;
  GLint grid_location_ = -1, table_location_ = -1, table_size_location_ = -1, count_location_ = -1,
        width_location_ = -1;
};

}  // namespace optviz::gui
