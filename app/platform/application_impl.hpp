// Application's private parts, shared by its files: application.cpp (opening the window, the
// frame), application_exports.cpp (PNG and GIF exports from the File menu) and
// application_window.cpp (presentation mode, the window's placement, the UI scale).
#pragma once

#include <glad/gl.h>
#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "application.hpp"
#include "figure_export.hpp"
#include "figure_renderer.hpp"
#include "heatmap_renderer.hpp"
#include "map_texture.hpp"
#include "settings.hpp"
#include "surface_renderer.hpp"

struct ImGuiContext;

namespace optviz::gui {

constexpr int kSettleFrames = 3;  // frames drawn after an event, so hover states settle

struct Application::Impl {
  GLFWwindow* window = nullptr;
  bool glfw_acquired = false;
  bool imgui_glfw = false;
  bool imgui_opengl = false;
  ImGuiContext* imgui = nullptr;
  std::unique_ptr<HeatmapRenderer> heatmap;
  std::unique_ptr<SurfaceRenderer> surface;
  std::unique_ptr<MapTexture> sweep_texture, basin_texture;
  std::unique_ptr<FigureRenderer> figures;  // a FigureDrawer in this window's context
  AppState state;
  ApplicationOptions options;
  std::filesystem::path config;
  std::string ini_path;
  double last_time = 0;
  int settle_frames = kSettleFrames;
  bool monitor_scale_changed = false;
  std::string title;  // the window's, with the modified mark (document.hpp)
  // Presentation mode as applied to the window: what it replaced, restored when it ends.
  bool presenting = false;
  float scale_before_presenting = 1;
  bool scale_followed_monitor = true;
  std::optional<WindowPlacement> windowed;  // the placement before going full screen

  std::unique_ptr<GifExport> gif;  // the animation being written, one frame per UI frame

  ~Impl();
  // Application::create's parts, in order; each false with `error` when it fails.
  bool open_window(const Settings& settings, std::string& error);
  bool start_imgui(std::string& error);
  void open_scenario(const Settings& settings);
  void watch_window();

  void remember_session();
  float monitor_scale() const;
  float following_scale() const;  // the text a 60th of the window's height (screen_fit.hpp)
  bool scale_to_follow() const;   // the text follows the window, whose height changed
  void rebuild_fonts();
  Scenario figure_scenario() const;
  void export_png();
  void start_gif();
  void gif_frame();
  bool ensure_figures();
  void apply_presentation();
  WindowPlacement placement() const;
};

}  // namespace optviz::gui
