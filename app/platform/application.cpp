// The window's lifetime and its frame. What the window exports is in application_exports.cpp, how
// it presents and scales in application_window.cpp.
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <string>
#include <utility>

#include "application_impl.hpp"
#include "document.hpp"
#include "figure_drawer.hpp"
#include "file_access.hpp"
#include "glfw_setup.hpp"
#include "glsl_version.hpp"
#include "keys.hpp"
#include "presets.hpp"
#include "scenario_file.hpp"
#include "screen_fit.hpp"
#include "translate.hpp"
#include "ui.hpp"

namespace optviz::gui {

static_assert(keys::kSpace == GLFW_KEY_SPACE && keys::kMinus == GLFW_KEY_MINUS && keys::kZero == GLFW_KEY_0 &&
                  keys::kOne == GLFW_KEY_1 && keys::kNine == GLFW_KEY_9 && keys::kEqual == GLFW_KEY_EQUAL &&
                  keys::kA == GLFW_KEY_A && keys::kD == GLFW_KEY_D && keys::kE == GLFW_KEY_E &&
                  keys::kF == GLFW_KEY_F && keys::kG == GLFW_KEY_G && keys::kH == GLFW_KEY_H &&
                  keys::kL == GLFW_KEY_L && keys::kO == GLFW_KEY_O && keys::kP == GLFW_KEY_P &&
                  keys::kQ == GLFW_KEY_Q && keys::kR == GLFW_KEY_R && keys::kS == GLFW_KEY_S &&
                  keys::kT == GLFW_KEY_T && keys::kLeftBracket == GLFW_KEY_LEFT_BRACKET &&
                  keys::kRightBracket == GLFW_KEY_RIGHT_BRACKET && keys::kEscape == GLFW_KEY_ESCAPE &&
                  keys::kEnter == GLFW_KEY_ENTER && keys::kTab == GLFW_KEY_TAB &&
                  keys::kBackspace == GLFW_KEY_BACKSPACE && keys::kDelete == GLFW_KEY_DELETE &&
                  keys::kRight == GLFW_KEY_RIGHT && keys::kLeft == GLFW_KEY_LEFT && keys::kDown == GLFW_KEY_DOWN &&
                  keys::kUp == GLFW_KEY_UP && keys::kPageUp == GLFW_KEY_PAGE_UP &&
                  keys::kPageDown == GLFW_KEY_PAGE_DOWN && keys::kHome == GLFW_KEY_HOME && keys::kEnd == GLFW_KEY_END &&
                  keys::kF1 == GLFW_KEY_F1 && keys::kF11 == GLFW_KEY_F11 &&
                  keys::kKeypadSubtract == GLFW_KEY_KP_SUBTRACT && keys::kKeypadAdd == GLFW_KEY_KP_ADD,
              "keys.hpp must match GLFW's key codes");
static_assert(keys::kV == GLFW_KEY_V && keys::kY == GLFW_KEY_Y && keys::kZ == GLFW_KEY_Z,
              "keys.hpp must match GLFW's key codes");

Application::Impl::~Impl() {
  gif.reset();
  if (window != nullptr && presenting) {
    // The settings of the window outside presentation mode, not of the full screen.
    state.view.settings.presenting = false;
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
      settings.view.ui_scale = scale_before_presenting;
      settings.view.scale_follows_monitor = scale_followed_monitor;
    }
    save_settings(config, settings);
    Scenario last = state.model.scenario;
    last.view = sanitized_box(state.view.settings.wanted, last.view);
    if (!find_scenario_problem(last).empty()) last.view = state.model.scenario.view;
    if (find_scenario_problem(last).empty()) save_scenario(config / "last_scenario.json", last);
    if (!ini_path.empty()) ImGui::SaveIniSettingsToDisk(ini_path.c_str());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "optviz: %s\n", tr_format("cannot remember the session: {0}", {e.what()}).c_str());
  }
}

bool Application::Impl::open_window(const Settings& settings, std::string& error) {
  if (!acquire_glfw(error)) return false;
  glfw_acquired = true;
  // A size given (--size, screenshots) is kept as it is; else the saved place, within the screen's
  // work area, or the whole work area (a 1280x720 projector gets a 1280x720 window, not 1280x800).
  // The page knows no work area: its canvas keeps the size it is given.
  const bool remembered = !options.size_given && settings.window.known;
  const ScreenBox area = options.size_given ? ScreenBox{} : primary_work_area();
  const bool fit = area.width > 0 && area.height > 0;
  const WindowPlacement& w = settings.window;
  const ScreenBox box = fit_window(remembered ? std::optional(ScreenBox{w.x, w.y, w.width, w.height}) : std::nullopt,
                                   fit ? area : ScreenBox{}, {0, 0, options.width, options.height});
  window = create_gl_window(box.width, box.height, "optviz", true, error);
  if (window == nullptr) return false;
  if (fit || remembered) glfwSetWindowPos(window, box.x, box.y);
  // Without a saved size the window fills the screen: maximised, the window manager fits its frame.
  if ((fit && !remembered) || (remembered && w.maximized)) glfwMaximizeWindow(window);
  glfwSwapInterval(options.vsync ? 1 : 0);
  heatmap = HeatmapRenderer::create(error);
  if (!heatmap) return false;
  surface = SurfaceRenderer::create(error);
  return surface != nullptr;
}

bool Application::Impl::start_imgui(std::string& error) {
  IMGUI_CHECKVERSION();
  imgui = ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  if (options.remember && !config.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(config, ec);
    ini_path = (config / "imgui.ini").string();
    io.IniFilename = ini_path.c_str();
  } else {
    io.IniFilename = nullptr;
  }
  io.LogFilename = nullptr;
  imgui_glfw = ImGui_ImplGlfw_InitForOpenGL(window, true);
  imgui_opengl = ImGui_ImplOpenGL3_Init(kGlslVersion);
  if (!imgui_glfw || !imgui_opengl) {
    error = tr("cannot initialise ImGui's GLFW and OpenGL 3 backends");
    return false;
  }
  return true;
}

namespace {

// The scenario given, else the last one (when remembered and readable), else the course's first lesson.
Scenario first_scenario(const ApplicationOptions& options, const std::filesystem::path& config) {
  if (options.scenario) return *options.scenario;
  if (options.remember && !config.empty()) {
    const auto last = config / "last_scenario.json";
    std::error_code ec;
    if (std::filesystem::exists(last, ec)) {
      try {
        return load_scenario_json(last);
      } catch (const std::exception& e) {
        std::fprintf(stderr, "optviz: %s\n", tr_format("ignoring the last scenario: {0}", {e.what()}).c_str());
      }
    }
  }
  return opening_scenario();
}

}  // namespace

void Application::Impl::open_scenario(const Settings& settings) {
  apply_settings(state, settings);
  if (options.language) state.view.settings.language = *options.language;
  use_language(state,
               options.environment_language.empty() ? language_from_environment() : options.environment_language);
  replace_scenario(state, first_scenario(options, config));
  if (options.step)
    set_step(state, *options.step);
  else if (options.screenshot && !state.model.scenario.lesson.step)  // a lesson is shown at its own step
    set_step(state, last_step(state));
  if (options.scale > 0) {
    state.view.settings.scale_follows_monitor = false;
    state.view.settings.ui_scale = options.scale;
  }
  if (!options.scenario_path.empty()) opened_document(state, options.scenario_path, {});
  // A lesson shows its text, as one opened from the menu does.
  state.view.dialogs.lesson_info = !state.model.scenario.description.empty();
  if (options.theme) state.view.settings.theme = *options.theme;
  if (options.view) state.model.scenario.display.view = *options.view;
  state.view.settings.presenting = options.present;
  state.view.heatmap_texture = texture_id(heatmap->texture());
  state.view.surface_texture = texture_id(surface->texture());
  sweep_texture = std::make_unique<MapTexture>();
  basin_texture = std::make_unique<MapTexture>();
  state.model.maps->sweep.image.texture = texture_id(sweep_texture->id());
  state.model.maps->basin.image.texture = texture_id(basin_texture->id());
  state.model.maps->sweep.show = options.open_sweep;
  state.model.maps->basin.show = options.open_basins;
}

void Application::Impl::watch_window() {
  glfwSetWindowUserPointer(window, this);
  glfwSetDropCallback(window, [](GLFWwindow* w, int count, const char** paths) {
    auto* self = static_cast<Impl*>(glfwGetWindowUserPointer(w));
    if (self == nullptr || count < 1) return;
    const std::filesystem::path path(paths[0]);
    if (path.extension() == ".csv" || path.extension() == ".CSV") {
      // A data file: the dialog asks for its loss.
      self->state.view.dialogs.data_path = paths[0];
      self->state.view.dialogs.open_data = true;
      return;
    }
    self->state.view.dialogs.scenario_path = paths[0];
    self->state.view.requests.open_scenario = true;
  });
  // Closing with unsaved changes asks first ("Save changes to X?"); the answer closes it or not.
  glfwSetWindowCloseCallback(window, [](GLFWwindow* w) {
    auto* self = static_cast<Impl*>(glfwGetWindowUserPointer(w));
    if (self != nullptr && !may_replace(self->state, {Replacement::quit, {}, 0}))
      glfwSetWindowShouldClose(w, GLFW_FALSE);
  });
  watch_content_scale(window, [](GLFWwindow* w, float, float) {
    auto* self = static_cast<Impl*>(glfwGetWindowUserPointer(w));
    if (self != nullptr && self->state.view.settings.scale_follows_monitor) self->monitor_scale_changed = true;
  });
}

Application::Application(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Application::~Application() = default;

std::unique_ptr<Application> Application::create(const ApplicationOptions& options, std::string& error) {
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  if (options.remember) impl->config = config_directory();
  const Settings settings = options.remember ? load_settings(impl->config) : Settings{};
  if (!impl->open_window(settings, error) || !impl->start_imgui(error)) return nullptr;
  impl->open_scenario(settings);
  impl->rebuild_fonts();
  impl->watch_window();
  impl->last_time = glfwGetTime();
  return std::unique_ptr<Application>(new Application(std::move(impl)));
}

bool Application::should_close() const { return glfwWindowShouldClose(impl_->window) == GLFW_TRUE; }

AppState& Application::state() { return impl_->state; }

void Application::remember_session() { impl_->remember_session(); }

void Application::wait_for_events() {
  Impl& a = *impl_;
  if (a.state.view.animating) {
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
  if (a.state.view.settings.presenting != a.presenting) a.apply_presentation();
  if (a.state.view.requests.rebuild_fonts || a.monitor_scale_changed || a.scale_to_follow() ||
      fonts_miss_characters(a.state))
    a.rebuild_fonts();

  pick_files(a.state);
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  // A clock that did not move (a headless browser's virtual time) would give ImGui a zero step.
  ImGui::GetIO().DeltaTime = std::max(ImGui::GetIO().DeltaTime, 1e-4f);
  if (a.options.screenshot) ImGui::GetIO().MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
  ImGui::NewFrame();
  draw_ui(a.state, dt);
  a.heatmap->update(a.state.view.heatmap_request, a.state.model.heatmap);
  a.surface->render(a.state.view.surface_scene);
  for (auto [texture, image] : {std::pair{a.sweep_texture.get(), &a.state.model.maps->sweep.image},
                                std::pair{a.basin_texture.get(), &a.state.model.maps->basin.image}})
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
#ifndef __EMSCRIPTEN__  // the page names its tab itself (web_main.cpp)
  if (std::string title = window_title(a.state); title != a.title) {
    glfwSetWindowTitle(a.window, title.c_str());
    a.title = std::move(title);
  }
#endif

  const Requests asked = a.state.view.requests;
  process_file_requests(a.state);
  if (asked.save_scenario && !a.state.view.notice.error) deliver_file(a.state.view.dialogs.scenario_path);
  if (asked.export_csv && !a.state.view.notice.error) deliver_file(a.state.view.dialogs.csv_directory);
  if (a.state.view.requests.export_png) a.export_png();
  if (a.state.view.requests.start_gif && !a.state.view.gif.running) a.start_gif();
  if (a.state.view.gif.running && a.gif) a.gif_frame();
  a.state.view.requests.start_gif = false;
  if (!a.state.view.gif.running) a.state.view.requests.cancel_gif = false;
  if (std::exchange(a.state.view.requests.quit, false)) glfwSetWindowShouldClose(a.window, GLFW_TRUE);
}

}  // namespace optviz::gui