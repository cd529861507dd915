#include "application.hpp"

#include <glad/gl.h>
#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <ctime>
#include <exception>
#include <filesystem>
#include <optional>

#include "figure_drawer.hpp"
#include "figure_export.hpp"
#include "figure_renderer.hpp"
#include "file_access.hpp"
#include "glfw_setup.hpp"
#include "glsl_version.hpp"
#include "heatmap_renderer.hpp"
#include "keys.hpp"
#include "map_texture.hpp"
#include "png_file.hpp"
#include "presets.hpp"
#include "scenario_file.hpp"
#include "settings.hpp"
#include "surface_renderer.hpp"
#include "ui.hpp"

namespace optviz::gui {

static_assert(keys::kSpace == GLFW_KEY_SPACE && keys::kMinus == GLFW_KEY_MINUS && keys::kZero == GLFW_KEY_0 &&
                  keys::kOne == GLFW_KEY_1 && keys::kNine == GLFW_KEY_9 && keys::kEqual == GLFW_KEY_EQUAL &&
                  keys::kA == GLFW_KEY_A && keys::kD == GLFW_KEY_D && keys::kE == GLFW_KEY_E &&
                  keys::kF == GLFW_KEY_F && keys::kG == GLFW_KEY_G && keys::kH == GLFW_KEY_H &&
                  keys::kL == GLFW_KEY_L && keys::kO == GLFW_KEY_O && keys::kP == GLFW_KEY_P && keys::kQ == GLFW_KEY_Q &&
                  keys::kR == GLFW_KEY_R && keys::kS == GLFW_KEY_S && keys::kT == GLFW_KEY_T &&
                  keys::kLeftBracket == GLFW_KEY_LEFT_BRACKET && keys::kRightBracket == GLFW_KEY_RIGHT_BRACKET &&
                  keys::kEscape == GLFW_KEY_ESCAPE && keys::kEnter == GLFW_KEY_ENTER && keys::kTab == GLFW_KEY_TAB &&
                  keys::kBackspace == GLFW_KEY_BACKSPACE && keys::kDelete == GLFW_KEY_DELETE &&
                  keys::kRight == GLFW_KEY_RIGHT && keys::kLeft == GLFW_KEY_LEFT && keys::kDown == GLFW_KEY_DOWN &&
                  keys::kUp == GLFW_KEY_UP && keys::kPageUp == GLFW_KEY_PAGE_UP &&
                  keys::kPageDown == GLFW_KEY_PAGE_DOWN && keys::kHome == GLFW_KEY_HOME && keys::kEnd == GLFW_KEY_END &&
                  keys::kF1 == GLFW_KEY_F1 && keys::kF11 == GLFW_KEY_F11 &&
                  keys::kKeypadSubtract == GLFW_KEY_KP_SUBTRACT && keys::kKeypadAdd == GLFW_KEY_KP_ADD,
              "keys.hpp must match GLFW's key codes");
static_assert(keys::kV == GLFW_KEY_V, "keys.hpp must match GLFW's key codes");

namespace {

constexpr int kSettleFrames = 3;  // frames drawn after an event, so hover states settle

void* texture_id(GLuint texture) { return reinterpret_cast<void*>(static_cast<std::uintptr_t>(texture)); }

std::string default_png_name(const std::string& function) {
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &local);
  return "optviz-" + function + "-" + stamp + ".png";
}

}  // namespace

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
  // Presentation mode as applied to the window: what it replaced, restored when it ends.
  bool presenting = false;
  float scale_before_presenting = 1;
  bool scale_followed_monitor = true;
  std::optional<WindowPlacement> windowed;  // the placement before going full screen

  std::unique_ptr<GifExport> gif;  // the animation being written, one frame per UI frame

  ~Impl();
  void remember_session();
  float monitor_scale() const;
  void rebuild_fonts();
  Scenario figure_scenario() const;
  void export_png();
  void start_gif();
  void gif_frame();
  bool ensure_figures();
  void apply_presentation();
  WindowPlacement placement() const;
};

Application::Impl::~Impl() {
  gif.reset();
  if (window != nullptr && presenting) {
    // The settings of the window outside presentation mode, not of the full screen.
    state.view.presenting = false;
    apply_presentation();
  }
  remember_session();
  if (window != nullptr) glfwMakeContextCurrent(window);
  figures.reset();
  basin_texture.reset();
  sweep_texture.reset();
  surface.reset();
  heatmap.reset();
  if (imgui != nullptr) {
    ImGui::SetCurrentContext(imgui);
    if (imgui_opengl) ImGui_ImplOpenGL3_Shutdown();
    if (imgui_glfw) ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext(imgui);
  }
  if (window != nullptr) glfwDestroyWindow(window);
  if (glfw_acquired) release_glfw();
}

void Application::Impl::remember_session() {
  if (window == nullptr || !options.remember || config.empty()) return;
  // Remember the window and the scenario for the next start; failing to is not worth a crash.
  try {
    const WindowPlacement window_placement = presenting && windowed ? *windowed : placement();
    Settings settings = settings_of(state, window_placement);
    if (presenting) {  // the scale outside presentation mode
      settings.ui_scale = scale_before_presenting;
      settings.scale_follows_monitor = scale_followed_monitor;
    }
    save_settings(config, settings);
    Scenario last = state.scenario;
    last.view = sanitized_box(state.view.wanted, last.view);
    if (!find_scenario_problem(last).empty()) last.view = state.scenario.view;
    if (find_scenario_problem(last).empty()) save_scenario(config / "last_scenario.json", last);
    if (!ini_path.empty()) ImGui::SaveIniSettingsToDisk(ini_path.c_str());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "optviz: cannot remember the session: %s\n", e.what());
  }
}

float Application::Impl::monitor_scale() const { return window_content_scale(window); }

void Application::Impl::rebuild_fonts() {
  const float scale = state.view.scale_follows_monitor ? monitor_scale() : state.view.ui_scale;
  std::string warning;
  ImGui_ImplOpenGL3_DestroyFontsTexture();
  apply_ui_scale(state, scale, warning);
  if (!warning.empty()) std::fprintf(stderr, "%s\n", warning.c_str());
  ImGui_ImplOpenGL3_CreateFontsTexture();
  state.requests.rebuild_fonts = false;
  monitor_scale_changed = false;
}

void Application::Impl::apply_presentation() {
  ViewSettings& v = state.view;
  presenting = v.presenting;
  int height = 0;
  glfwGetWindowSize(window, nullptr, &height);
  // Full screen on the primary monitor, unless the window's size was given (--size, screenshots):
  // then the whole window presents.
  if (presenting && !options.size_given) {
    GLFWmonitor* monitor = glfwGetPrimaryMonitor();
    if (const GLFWvidmode* mode = monitor != nullptr ? glfwGetVideoMode(monitor) : nullptr) {
      windowed = placement();
      glfwSetWindowMonitor(window, monitor, 0, 0, mode->width, mode->height, mode->refreshRate);
      height = mode->height;
    }
  } else if (!presenting && windowed) {
    glfwSetWindowMonitor(window, nullptr, windowed->x, windowed->y, windowed->width, windowed->height, GLFW_DONT_CARE);
    windowed.reset();
  }
  if (presenting) {
    scale_before_presenting = v.ui_scale;
    scale_followed_monitor = v.scale_follows_monitor;
    v.ui_scale = presentation_ui_scale(v.ui_scale, static_cast<float>(height));
    v.scale_follows_monitor = false;
  } else {
    v.ui_scale = scale_before_presenting;
    v.scale_follows_monitor = scale_followed_monitor;
  }
  state.requests.rebuild_fonts = true;
}

WindowPlacement Application::Impl::placement() const {
  WindowPlacement p;
  p.maximized = glfwGetWindowAttrib(window, GLFW_MAXIMIZED) == GLFW_TRUE;
  glfwGetWindowPos(window, &p.x, &p.y);
  glfwGetWindowSize(window, &p.width, &p.height);
  p.known = true;
  return p;
}

Scenario Application::Impl::figure_scenario() const {
  Scenario s = state.simulated;
  // What never re-simulates is taken as it is now: the lesson's words and composition, the look.
  s.title = state.scenario.title;
  s.description = state.scenario.description;
  s.lesson = state.scenario.lesson;
  s.view = sanitized_box(state.view.wanted, s.view);
  if (!find_scenario_problem(s).empty()) s.view = state.simulated.view;
  return s;
}

bool Application::Impl::ensure_figures() {
  if (figures) return true;
  std::string error;
  figures = make_figure_renderer_in_context(error);
  if (!figures) set_notice(state, "cannot draw figures: " + error, true);
  return figures != nullptr;
}

void Application::Impl::export_png() {
  state.requests.export_png = false;
  Dialogs& d = state.dialogs;
  if (const std::string problem = find_figure_size_problem(d.png_width, d.png_height); !problem.empty()) {
    set_notice(state, "cannot export: " + problem, true);
    return;
  }
  if (!ensure_figures()) return;
  const std::string path =
      d.png_path.empty() ? default_png_name(std::string(state.simulated.course.objective.name())) : d.png_path;
  try {
    const FigureComposition composition = d.canvas_only        ? FigureComposition::canvas
                                          : state.view.hide_answer ? FigureComposition::question
                                                                   : FigureComposition::slide;
    export_figure_png(*figures, figure_scenario(), state.runs,
                      {current_step(state), d.png_width, d.png_height, composition, false}, path);
    deliver_file(path);
    d.export_png = false;
    set_notice(state, "Saved " + std::filesystem::absolute(path).lexically_normal().string() + " (" +
                          std::to_string(d.png_width) + "×" + std::to_string(d.png_height) + ")");
  } catch (const std::exception& e) {
    set_notice(state, e.what(), true);
  }
}

void Application::Impl::start_gif() {
  state.requests.start_gif = false;
  Dialogs& d = state.dialogs;
  const GifSettings settings{d.gif_width,
                             d.gif_height,
                             d.gif_fps,
                             static_cast<double>(d.gif_seconds),
                             d.canvas_only ? FigureComposition::canvas : FigureComposition::slide,
                             false};
  if (const std::string problem = find_gif_problem(settings); !problem.empty()) {
    set_notice(state, "cannot export: " + problem, true);
    return;
  }
  if (!ensure_figures()) return;
  try {
    gif = std::make_unique<GifExport>(figure_scenario(), state.runs, settings, d.gif_path);
    state.gif = {true, 0, gif->frames()};
  } catch (const std::exception& e) {
    gif.reset();
    set_notice(state, e.what(), true);
  }
}

void Application::Impl::gif_frame() {
  GifProgress& g = state.gif;
  if (state.requests.cancel_gif) {
    state.requests.cancel_gif = false;
    gif.reset();
    g = {};
    set_notice(state, "GIF export cancelled; nothing written");
    return;
  }
  try {
    gif->render_next(*figures);
    g.frame = gif->frames_done();
    if (gif->done()) {
      gif.reset();
      g = {};
      state.dialogs.export_gif = false;
      deliver_file(state.dialogs.gif_path);
      set_notice(state, "Saved " + std::filesystem::absolute(state.dialogs.gif_path).lexically_normal().string());
    }
  } catch (const std::exception& e) {
    gif.reset();
    g = {};
    set_notice(state, e.what(), true);
  }
}

Application::Application(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Application::~Application() = default;

std::unique_ptr<Application> Application::create(const ApplicationOptions& options, std::string& error) {
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  if (options.remember) impl->config = config_directory();
  const Settings settings = options.remember ? load_settings(impl->config) : Settings{};

  if (!acquire_glfw(error)) return nullptr;
  impl->glfw_acquired = true;
  int width = options.width, height = options.height;
  if (!options.size_given && settings.window.known) width = settings.window.width, height = settings.window.height;
  impl->window = create_gl_window(width, height, "optviz", true, error);
  if (impl->window == nullptr) return nullptr;
  if (!options.size_given && settings.window.known) {
    glfwSetWindowPos(impl->window, settings.window.x, settings.window.y);
    if (settings.window.maximized) glfwMaximizeWindow(impl->window);
  }
  glfwSwapInterval(options.vsync ? 1 : 0);

  impl->heatmap = HeatmapRenderer::create(error);
  if (!impl->heatmap) return nullptr;
  impl->surface = SurfaceRenderer::create(error);
  if (!impl->surface) return nullptr;

  IMGUI_CHECKVERSION();
  impl->imgui = ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  if (options.remember && !impl->config.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(impl->config, ec);
    impl->ini_path = (impl->config / "imgui.ini").string();
    io.IniFilename = impl->ini_path.c_str();
  } else {
    io.IniFilename = nullptr;
  }
  io.LogFilename = nullptr;
  impl->imgui_glfw = ImGui_ImplGlfw_InitForOpenGL(impl->window, true);
  impl->imgui_opengl = ImGui_ImplOpenGL3_Init(kGlslVersion);
  if (!impl->imgui_glfw || !impl->imgui_opengl) {
    error = "cannot initialise ImGui's GLFW and OpenGL 3 backends";
    return nullptr;
  }

  Scenario scenario = opening_scenario();
  if (options.scenario) {
    scenario = *options.scenario;
  } else if (options.remember && !impl->config.empty()) {
    const auto last = impl->config / "last_scenario.json";
    std::error_code ec;
    if (std::filesystem::exists(last, ec)) {
      try {
        scenario = load_scenario_json(last);
      } catch (const std::exception& e) {
        std::fprintf(stderr, "optviz: ignoring the last scenario: %s\n", e.what());
      }
    }
  }
  AppState& state = impl->state;
  apply_settings(state, settings);
  replace_scenario(state, std::move(scenario));
  if (options.step)
    set_step(state, *options.step);
  else if (options.screenshot && !state.scenario.lesson.step)  // a lesson is shown at its own step
    set_step(state, last_step(state) * 2 / 3);
  if (options.scale > 0) {
    state.view.scale_follows_monitor = false;
    state.view.ui_scale = options.scale;
  }
  // A lesson shows its text, as one opened from the menu does.
  state.dialogs.lesson_info = !state.scenario.description.empty();
  if (options.theme) state.view.theme = *options.theme;
  if (options.view) state.scenario.display.view = *options.view;
  state.view.presenting = options.present;
  state.heatmap_texture = texture_id(impl->heatmap->texture());
  state.surface_texture = texture_id(impl->surface->texture());
  impl->sweep_texture = std::make_unique<MapTexture>();
  impl->basin_texture = std::make_unique<MapTexture>();
  state.maps->sweep.image.texture = texture_id(impl->sweep_texture->id());
  state.maps->basin.image.texture = texture_id(impl->basin_texture->id());
  state.maps->sweep.show = options.open_sweep;
  state.maps->basin.show = options.open_basins;
  impl->rebuild_fonts();

  glfwSetWindowUserPointer(impl->window, impl.get());
  glfwSetDropCallback(impl->window, [](GLFWwindow* w, int count, const char** paths) {
    auto* self = static_cast<Impl*>(glfwGetWindowUserPointer(w));
    if (self == nullptr || count < 1) return;
    const std::filesystem::path path(paths[0]);
    if (path.extension() == ".csv" || path.extension() == ".CSV") {
      // A data file: the dialog asks for its loss.
      self->state.dialogs.data_path = paths[0];
      self->state.dialogs.open_data = true;
      return;
    }
    self->state.dialogs.scenario_path = paths[0];
    self->state.requests.open_scenario = true;
  });
  watch_content_scale(impl->window, [](GLFWwindow* w, float, float) {
    auto* self = static_cast<Impl*>(glfwGetWindowUserPointer(w));
    if (self != nullptr && self->state.view.scale_follows_monitor) self->monitor_scale_changed = true;
  });
  impl->last_time = glfwGetTime();
  return std::unique_ptr<Application>(new Application(std::move(impl)));
}

bool Application::should_close() const { return glfwWindowShouldClose(impl_->window) == GLFW_TRUE; }

AppState& Application::state() { return impl_->state; }

void Application::remember_session() { impl_->remember_session(); }

void Application::wait_for_events() {
  Impl& a = *impl_;
  if (a.state.animating) {
    glfwPollEvents();
    a.settle_frames = kSettleFrames;
  } else if (a.settle_frames > 0) {
    glfwPollEvents();
    --a.settle_frames;
  } else {
    // Nothing moves: sleep until input arrives (a blinking text cursor needs a slow tick).
    if (ImGui::GetIO().WantTextInput) {
      glfwWaitEventsTimeout(0.5);
    } else {
      glfwWaitEvents();
    }
    a.settle_frames = kSettleFrames;
    a.last_time = glfwGetTime();
  }
}

void Application::frame(double dt, Image* capture) {
  Impl& a = *impl_;
  glfwMakeContextCurrent(a.window);
  if (dt <= 0) {
    const double now = glfwGetTime();
    dt = std::max(now - a.last_time, 1e-4);
    a.last_time = now;
  }
  if (a.state.view.presenting != a.presenting) a.apply_presentation();
  if (a.state.requests.rebuild_fonts || a.monitor_scale_changed) a.rebuild_fonts();

  pick_files(a.state);
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  // A clock that did not move (a headless browser's virtual time) would give ImGui a zero step.
  ImGui::GetIO().DeltaTime = std::max(ImGui::GetIO().DeltaTime, 1e-4f);
  if (a.options.screenshot) ImGui::GetIO().MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
  ImGui::NewFrame();
  draw_ui(a.state, dt);
  a.heatmap->update(a.state.heatmap_request, a.state.heatmap);
  a.surface->render(a.state.surface_scene);
  for (auto [texture, image] : {std::pair{a.sweep_texture.get(), &a.state.maps->sweep.image},
                                std::pair{a.basin_texture.get(), &a.state.maps->basin.image}})
    texture->update(image->rgba, image->width, image->height, image->generation);
  ImGui::Render();

  int width = 0, height = 0;
  glfwGetFramebufferSize(a.window, &width, &height);
  glBindFramebuffer(GL_FRAMEBUFFER, 0);
  glViewport(0, 0, width, height);
  const ImVec4 bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
  glClearColor(bg.x, bg.y, bg.z, 1);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  if (capture != nullptr && width > 0 && height > 0) {
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    glReadBuffer(GL_BACK);
    *capture = read_pixels(width, height);
  }
  glfwSwapBuffers(a.window);

  const Requests asked = a.state.requests;
  process_file_requests(a.state);
  if (asked.save_scenario && !a.state.notice.error) deliver_file(a.state.dialogs.scenario_path);
  if (asked.export_csv && !a.state.notice.error) deliver_file(a.state.dialogs.csv_directory);
  if (a.state.requests.export_png) a.export_png();
  if (a.state.requests.start_gif && !a.state.gif.running) a.start_gif();
  if (a.state.gif.running && a.gif) a.gif_frame();
  a.state.requests.start_gif = false;
  if (!a.state.gif.running) a.state.requests.cancel_gif = false;
}

}  // namespace optviz::gui
