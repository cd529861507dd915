#include "figure_drawer.hpp"

#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>

#include "canvas_draw.hpp"
#include "figure_renderer.hpp"
#include "fonts.hpp"
#include "glsl_version.hpp"
#include "theme.hpp"

namespace optviz::gui {
namespace {

// Makes `context` current for a scope and restores the previous one.
class ContextScope {
 public:
  explicit ContextScope(ImGuiContext* context) : previous_(ImGui::GetCurrentContext()) {
    ImGui::SetCurrentContext(context);
  }
  ~ContextScope() { ImGui::SetCurrentContext(previous_); }
  ContextScope(const ContextScope&) = delete;
  ContextScope& operator=(const ContextScope&) = delete;

 private:
  ImGuiContext* previous_;
};

void* texture_id(GLuint texture) { return reinterpret_cast<void*>(static_cast<std::uintptr_t>(texture)); }

struct CoordinateNames {
  const char* x;
  const char* y;
};

struct FigureLayout {
  PixelRect plot;
  PixelRect bar;
  Point2 title;
};

FigureLayout figure_layout(int width, int height, const CanvasStyle& s, const HeatmapScale& scale) {
  const float fs = s.font_size;
  const float w = static_cast<float>(width), h = static_cast<float>(height);
  const float top = fs * 3.2f;
  const float left = fs * 0.6f + text_size(s, "-0.00").x + 10 * s.scale;
  const float bottom = fs * 0.6f + fs + 10 * s.scale;
  const float bar_w = fs * 0.9f;
  const float right = fs * 0.8f + bar_w + colour_bar_label_width(scale, s) + fs * 0.5f;
  FigureLayout l;
  l.plot = {left, top, std::max(left + 1, w - right), std::max(top + 1, h - bottom)};
  l.bar = {l.plot.x1 + fs * 0.8f, l.plot.y0 + fs * 1.5f, l.plot.x1 + fs * 0.8f + bar_w, l.plot.y1};
  l.title = {fs * 0.6f, fs * 0.35f};
  return l;
}

}  // namespace

Image read_pixels(int width, int height) {
  Image image;
  image.width = width;
  image.height = height;
  image.rgba.resize(static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 4);
  glPixelStorei(GL_PACK_ALIGNMENT, 4);
  glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, image.rgba.data());
  const std::size_t row = static_cast<std::size_t>(width) * 4;
  std::vector<std::uint8_t> swap(row);
  for (int y = 0; y < height / 2; ++y) {
    std::uint8_t* a = image.rgba.data() + static_cast<std::size_t>(y) * row;
    std::uint8_t* b = image.rgba.data() + static_cast<std::size_t>(height - 1 - y) * row;
    std::memcpy(swap.data(), a, row);
    std::memcpy(a, b, row);
    std::memcpy(b, swap.data(), row);
  }
  for (std::size_t i = 3; i < image.rgba.size(); i += 4) image.rgba[i] = 255;
  return image;
}

float figure_font_size(int width, int height) {
  return std::clamp(std::round(static_cast<float>(std::min(width, height)) / 42.0f), 10.0f, 110.0f);
}

std::unique_ptr<FigureDrawer> FigureDrawer::create(std::string& error) {
  std::unique_ptr<FigureDrawer> d(new FigureDrawer());
  d->heatmap_ = HeatmapRenderer::create(error);
  if (!d->heatmap_) return nullptr;
  d->surface_ = SurfaceRenderer::create(error);
  if (!d->surface_) return nullptr;
  d->framebuffer_ = make_framebuffer();
  d->colour_ = make_texture();
  d->context_ = ImGui::CreateContext();
  ContextScope scope(d->context_);
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  io.LogFilename = nullptr;
  if (!ImGui_ImplOpenGL3_Init(kGlslVersion)) {
    error = "cannot initialise ImGui's OpenGL 3 renderer for figures";
    return nullptr;
  }
  std::string warning;
  load_fonts(*io.Fonts, kBaseFontSize, warning);
  if (!warning.empty()) std::fprintf(stderr, "%s\n", warning.c_str());
  ImGui_ImplOpenGL3_CreateDeviceObjects();
  d->font_size_ = kBaseFontSize;
  return d;
}

FigureDrawer::~FigureDrawer() {
  if (context_ == nullptr) return;
  {
    ContextScope scope(context_);
    if (ImGui::GetIO().BackendRendererUserData != nullptr) ImGui_ImplOpenGL3_Shutdown();
  }
  ImGui::DestroyContext(context_);
}

void FigureDrawer::use_font_size(float pixels) {
  if (pixels == font_size_) return;
  std::string warning;
  ImGui_ImplOpenGL3_DestroyFontsTexture();
  load_fonts(*ImGui::GetIO().Fonts, pixels, warning);
  if (!warning.empty()) std::fprintf(stderr, "%s\n", warning.c_str());
  ImGui_ImplOpenGL3_CreateFontsTexture();
  font_size_ = pixels;
}

Image FigureDrawer::render(const Scenario& scenario, const std::vector<Trajectory>& runs, long step, int width,
                           int height) {
  width = std::clamp(width, 1, kMaxFigureSide);
  height = std::clamp(height, 1, kMaxFigureSide);
  ContextScope scope(context_);
  const float fs = figure_font_size(width, height);
  use_font_size(fs);
  ImGuiIO& io = ImGui::GetIO();
  const CanvasStyle style = canvas_style(Theme::light, fs / kBaseFontSize, io.Fonts->Fonts[0], fs);

  const Objective& f = scenario.objective;
  if (!scale_function_ || !(f == *scale_function_) || scenario.display.colour_scale != scale_kind_ || !(scale_.high > scale_.low)) {
    scale_ = heatmap_scale(f, scenario.display.colour_scale);
    scale_function_ = f;
    scale_kind_ = scenario.display.colour_scale;
  }
  const FigureLayout layout = figure_layout(width, height, style, scale_);
  const Box box = sanitized_box(scenario.view, f.view());
  const CanvasTransform transform(box, layout.plot);
  const bool surface = scenario.display.view == CanvasView::surface;
  const SurfaceRuns surface_runs{&scenario, &runs, step, std::nullopt};
  SurfaceScene scene;
  if (surface) {
    surface_model_.update(f, box, scale_, scenario.display.surface.height);
    scene = surface_scene(surface_model_, scenario.display.surface, layout.plot, scenario.display.contour_count,
                          surface_runs, style);
    surface_->render(scene);
  } else {
    heatmap_->update({f, scenario.display.colour_scale, scenario.display.contour_count, transform.shown(),
                      std::max(1, static_cast<int>(std::lround(layout.plot.width()))),
                      std::max(1, static_cast<int>(std::lround(layout.plot.height()))), style.scale},
                     scale_);
  }

  io.DisplaySize = ImVec2(static_cast<float>(width), static_cast<float>(height));
  io.DeltaTime = 1.0f / 60;
  ImGui::NewFrame();
  ImDrawList& dl = *ImGui::GetBackgroundDrawList();
  const PixelRect plot = layout.plot;
  dl.AddRectFilled(ImVec2(0, 0), io.DisplaySize, style.background);
  dl.PushClipRect(ImVec2(plot.x0, plot.y0), ImVec2(plot.x1, plot.y1), true);
  if (surface) {
    draw_heatmap(dl, texture_id(surface_->texture()), plot, style);
    const CoordinateNames names = f.is_data() ? CoordinateNames{"w", "b"} : CoordinateNames{"x", "y"};
    draw_surface_overlay(dl, scene, plot, surface_runs, style, names.x, names.y);
  } else {
    draw_heatmap(dl, texture_id(heatmap_->texture()), plot, style);
    draw_minima(dl, transform, f, style);
    Polylines scratch;
    draw_trajectories(dl, transform, {&scenario, &runs, step, std::nullopt}, style, scratch);
    draw_start_handle(dl, transform.to_pixels(scenario.start), false, style);
  }
  draw_legend(dl, {plot.x1 - 8 * style.scale, plot.y0 + 8 * style.scale}, scenario, runs, style, true);
  dl.PopClipRect();
  if (!surface) draw_axes(dl, transform, style, AxisPlacement::outside);

  std::string title = f.title();
  if (!scenario.title.empty()) title = scenario.title + "  —  " + title;
  dl.AddText(style.font, fs * 1.2f, ImVec2(layout.title.x, layout.title.y), style.text, title.c_str());
  const std::string formula = (f.is_data() ? "L(w, b) = " : "f(x, y) = ") + std::string(f.formula());
  dl.AddText(style.font, fs * 0.9f, ImVec2(layout.title.x, layout.title.y + fs * 1.45f), style.text, formula.c_str());
  long last = 0;
  for (const Trajectory& t : runs) last = std::max(last, static_cast<long>(t.rows()) - 1);
  const std::string steps = "step " + std::to_string(std::clamp(step, 0L, last)) + " of " + std::to_string(last);
  const ImVec2 steps_size = text_size(style, steps);
  dl.AddText(style.font, fs, ImVec2(plot.x1 - steps_size.x, layout.title.y + fs * 1.45f), style.text, steps.c_str());
  const std::string bar_title = colour_bar_title(scale_);
  // Right-aligned to the figure's edge when it is wider than the bar's column: never cut.
  const float bar_title_x = std::min(layout.bar.x0, static_cast<float>(width) - text_size(style, bar_title).x - 4 * style.scale);
  dl.AddText(style.font, fs, ImVec2(bar_title_x, plot.y0), style.text, bar_title.c_str());
  draw_colour_bar(dl, layout.bar, scale_, style);
  ImGui::Render();

  if (width != width_ || height != height_) {
    glBindTexture(GL_TEXTURE_2D, colour_.get());
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
    glBindTexture(GL_TEXTURE_2D, 0);
    width_ = width;
    height_ = height;
  }
  GLint previous_framebuffer = 0;
  GLint previous_viewport[4] = {0, 0, 0, 0};
  glGetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &previous_framebuffer);
  glGetIntegerv(GL_VIEWPORT, previous_viewport);
  glBindFramebuffer(GL_FRAMEBUFFER, framebuffer_.get());
  glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, colour_.get(), 0);
  Image image;
  if (glCheckFramebufferStatus(GL_FRAMEBUFFER) == GL_FRAMEBUFFER_COMPLETE) {
    glViewport(0, 0, width, height);
    glDisable(GL_SCISSOR_TEST);
    glClearColor(1, 1, 1, 1);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    image = read_pixels(width, height);
  }
  glBindFramebuffer(GL_FRAMEBUFFER, static_cast<GLuint>(previous_framebuffer));
  glViewport(previous_viewport[0], previous_viewport[1], previous_viewport[2], previous_viewport[3]);
  return image;
}

namespace {

// In the GL context of the caller (the window): the context outlives the renderer.
class InContextFigureRenderer final : public FigureRenderer {
 public:
  explicit InContextFigureRenderer(std::unique_ptr<FigureDrawer> drawer) : drawer_(std::move(drawer)) {}
  Image render(const Scenario& scenario, const std::vector<Trajectory>& runs, long step, int width,
               int height) override {
    return drawer_->render(scenario, runs, step, width, height);
  }

 private:
  std::unique_ptr<FigureDrawer> drawer_;
};

}  // namespace

std::unique_ptr<FigureRenderer> make_figure_renderer_in_context(std::string& error) {
  auto drawer = FigureDrawer::create(error);
  if (!drawer) return nullptr;
  return std::make_unique<InContextFigureRenderer>(std::move(drawer));
}

}  // namespace optviz::gui
