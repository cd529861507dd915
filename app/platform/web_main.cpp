// The page's entry point: the desktop's Application, driven by the browser's animation frames
// instead of a loop. The canvas fills the page at the device's pixel density; the settings and the
// last scenario live in the browser's localStorage; a scenario in the address (after '#', see
// scenario_link.hpp) opens instead of the last one, and the address follows the scenario as it
// changes, so that it can be shared as a link. The query can add `step=N` (or `step=end`): the
// playhead's first step; `open=sweep,basins` (or one of them): the sweep panel and the basin
// overlay, as the desktop's --open; `cells=N`: the sweep's cells along each axis (32 to 1024);
// `maps=frames`: the maps computed between frames instead of in the page's worker (to compare); and
// `export=png`: a PNG download of the third frame, the scenario inside (what the browser test
// checks). The page's title is the scenario's.
#include <emscripten.h>
#include <emscripten/html5.h>
#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <sys/stat.h>

#include <cstdint>
#include <cstdio>
#include <exception>
#include <memory>
#include <optional>
#include <string>

#include "application.hpp"
#include "geometry.hpp"
#include "map_views.hpp"
#include "net_training.hpp"
#include "plane_job.hpp"
#include "scenario_file.hpp"
#include "scenario_link.hpp"
#include "settings.hpp"
#include "translate.hpp"
#include "web_map_worker.hpp"

namespace optviz::gui {
namespace {

constexpr int kLinkCheckFrames = 15;   // the address is compared with the scenario this often
constexpr int kRememberFrames = 600;   // and the session written to localStorage this often
constexpr int kExportAfterFrames = 3;  // ?export=png: the frames drawn before the export
constexpr int kMarkedFrames = 10;      // data-optviz-frames counts up to this

// The files of a folder of the in-memory file system, kept in localStorage as "optviz:NAME".
// clang-format off
EM_JS(void, web_restore_files, (const char* folder), {
  var dir = UTF8ToString(folder);
  try { FS.mkdirTree(dir); } catch (e) {}
  try {
    for (var i = 0; i < localStorage.length; ++i) {
      var key = localStorage.key(i);
      if (key.indexOf('optviz:') == 0) FS.writeFile(dir + '/' + key.substring(7), localStorage.getItem(key));
    }
  } catch (e) {
    console.warn('optviz: the settings of the last visit cannot be read: ' + e);
  }
});
// clang-format on

// clang-format off
EM_JS(void, web_store_files, (const char* folder), {
  var dir = UTF8ToString(folder);
  try {
    FS.readdir(dir).forEach(function(name) {
      if (name == '.' || name == '..') return;
      localStorage.setItem('optviz:' + name, FS.readFile(dir + '/' + name, {encoding: 'utf8'}));
    });
  } catch (e) {
    console.warn('optviz: the settings cannot be kept in ' + dir + ': ' + e);
  }
});
// clang-format on

// The page's size in device pixels.
// clang-format off
EM_JS(int, web_page_width, (), { return Math.round(window.innerWidth * (window.devicePixelRatio || 1)); });
EM_JS(int, web_page_height, (), { return Math.round(window.innerHeight * (window.devicePixelRatio || 1)); });
// clang-format on

// The address after '#' into `buffer` ("" when none or too long); and the query's `export`.
// clang-format off
EM_JS(void, web_location_hash, (char* buffer, int size), {
  var hash = location.hash.length > 1 ? location.hash.substring(1) : "";
  stringToUTF8(lengthBytesUTF8(hash) < size ? hash : "", buffer, size);
});
EM_JS(int, web_wants_png_export, (), { return new URLSearchParams(location.search).get('export') == 'png' ? 1 : 0; });
// The query's `open`: 1 for "sweep", 2 for "basins", 3 for both ("sweep,basins").
EM_JS(int, web_wants_maps, (), {
  var open = (new URLSearchParams(location.search).get('open') || "").split(',');
  return (open.indexOf('sweep') >= 0 ? 1 : 0) | (open.indexOf('basins') >= 0 ? 2 : 0);
});
// The query's `cells` (0 when absent) and whether `maps=frames` asks for no worker.
// The browser's languages in its order of preference, as a LANGUAGE list ("zh-CN:en-US"), and the
// link's lang= ("" when none).
EM_JS(void, web_languages, (char* buffer, int size), {
  stringToUTF8((navigator.languages || [navigator.language || ""]).join(":"), buffer, size);
});
EM_JS(void, web_link_language, (char* buffer, int size), {
  stringToUTF8(new URLSearchParams(location.search).get("lang") || "", buffer, size);
});
EM_JS(int, web_sweep_cells, (), { return Number(new URLSearchParams(location.search).get('cells')) || 0; });
EM_JS(int, web_wants_map_worker, (), { return new URLSearchParams(location.search).get('maps') == 'frames' ? 0 : 1; });
// The frames drawn while a map was being computed (data-optviz-map-frames), the longest of them
// (data-optviz-slowest-map-frame-ms), whether one is (data-optviz-maps-busy) and how long the maps took
// from the first such frame to the last (data-optviz-maps-ms): the maps are computed in the worker or
// between frames, so the page stays live.
EM_JS(void, web_mark_map_frame, (int busy, int frames, double ms, double total_ms), {
  var data = document.documentElement.dataset;
  data.optvizMapsBusy = busy;
  data.optvizMapFrames = frames;
  if (busy && !(Number(data.optvizSlowestMapFrameMs) >= ms)) data.optvizSlowestMapFrameMs = ms.toFixed(2);
  if (!busy) data.optvizMapsMs = total_ms.toFixed(1);
});
// The same for a network scenario's training (data-optviz-training-busy, -training-frames,
// -slowest-training-frame-ms, -training-ms) and for the weight-space plane (data-optviz-plane-...):
// both are computed between frames on the page, which stays live while they are.
EM_JS(void, web_mark_job_frame, (const char* job, int busy, int frames, double ms, double total_ms), {
  var data = document.documentElement.dataset;
  var name = UTF8ToString(job);
  data['optviz' + name + 'Busy'] = busy;
  data['optviz' + name + 'Frames'] = frames;
  var slowest = 'optvizSlowest' + name + 'FrameMs';
  if (busy && !(Number(data[slowest]) >= ms)) data[slowest] = ms.toFixed(2);
  if (!busy) data['optviz' + name + 'Ms'] = total_ms.toFixed(1);
});
// The last sweep map (data-optviz-sweep, JSON): its run, axes, size and steps as `optviz sweep` takes
// them, how it was computed and its checksum, which the browser test compares with the desktop's.
EM_JS(void, web_mark_sweep, (const char* json), { document.documentElement.dataset.optvizSweep = UTF8ToString(json); });
// The query's `step`: a number, or -2 for "end", -1 when absent or not a number.
EM_JS(int, web_start_step, (), {
  var step = new URLSearchParams(location.search).get('step');
  if (step == null) return -1;
  if (step == 'end') return -2;
  var n = Number(step);
  return step.length > 0 && step.length < 10 && Number.isInteger(n) && n >= 0 ? n : -1;
});
// The longest frame that recomputed the runs (data-optviz-slowest-recompute-ms), for the README's figure.
EM_JS(void, web_mark_recompute, (double ms), {
  var data = document.documentElement.dataset;
  if (!(Number(data.optvizSlowestRecomputeMs) >= ms)) data.optvizSlowestRecomputeMs = ms.toFixed(2);
});
EM_JS(void, web_set_title, (const char* title), { document.title = UTF8ToString(title); });
// How many frames were drawn, for tests: data-optviz-frames on <html>, up to a few; and when the
// first one was (data-optviz-first-frame-ms, since the navigation started).
EM_JS(void, web_mark_frames, (int frames), {
  var data = document.documentElement.dataset;
  data.optvizFrames = frames;
  if (frames == 1) data.optvizFirstFrameMs = Math.round(performance.now());
});
EM_JS(void, web_set_location_hash, (const char* code), {
  history.replaceState(null, "", location.pathname + location.search + '#' + UTF8ToString(code));
});
EM_JS(void, web_show_error, (const char* text), {
  var message = UTF8ToString(text);
  console.error('optviz: ' + message);
  if (Module.optvizShowError) Module.optvizShowError(message);
});
// 1 once the address's '#' part was changed by the person (a pasted link), then 0 until the next change.
EM_JS(int, web_take_hash_change, (), {
  if (!Module.optvizWatchingHash) {
    Module.optvizWatchingHash = true;
    window.addEventListener('hashchange', function() { Module.optvizHashChanged = true; });
  }
  var changed = Module.optvizHashChanged ? 1 : 0;
  Module.optvizHashChanged = false;
  return changed;
});
// Calls optviz_remember() when the page is hidden or left: a browser never closes the window.
EM_JS(void, web_remember_on_leave, (), {
  var remember = function() { Module._optviz_remember(); };
  document.addEventListener('visibilitychange', function() { if (document.visibilityState == 'hidden') remember(); });
  window.addEventListener('pagehide', remember);
});
// clang-format on

// The frames drawn while a job (the network's training, the weight-space plane) was busy.
struct JobFrames {
  const char* name;  // in the data attributes' names: "Training", "Plane"
  long frames = 0;
  bool busy = false;  // in the last frame
  double since = 0;   // when it became busy (ms)
};

struct Page {
  std::unique_ptr<Application> app;
  std::filesystem::path config;
  std::string link;  // the code in the address
  std::uint64_t linked_generation = ~std::uint64_t{0};
  std::string title;  // the page's title: the scenario's
  long frames = 0;
  long map_frames = 0;             // drawn while a sweep or basin map was being computed
  bool maps_busy = false;          // in the last frame
  double maps_since = 0;           // when the maps became busy (ms)
  std::uint64_t marked_sweep = 0;  // the sweep job's generation in data-optviz-sweep
  bool export_png = false;
  JobFrames training{"Training"};
  JobFrames plane{"Plane"};
};
Page* page = nullptr;  // the page's one application, for the callbacks from JavaScript

std::string current_link(const AppState& state) {
  Scenario shown = state.model.scenario;
  shown.view = sanitized_box(state.view.settings.wanted, shown.view);
  if (!find_scenario_problem(shown).empty()) shown.view = state.model.scenario.view;
  return scenario_link_code(to_json(shown));
}

// The scenario of a link code: the scenario, or nothing after showing why it does not open.
std::optional<Scenario> scenario_of_link(const std::string& code) {
  try {
    return scenario_from_json(scenario_link_json(code));
  } catch (const std::exception& e) {
    web_show_error(tr_format("the scenario in the address does not open: {0}", {e.what()}).c_str());
    return std::nullopt;
  }
}

std::string location_hash() {
  std::string hash(64 * 1024, '\0');
  web_location_hash(hash.data(), static_cast<int>(hash.size()));
  hash.resize(hash.find('\0'));
  return hash;
}

// An axis as `optviz sweep --x` takes it, its ends with every digit.
std::string axis_text(const Axis& axis) {
  char ends[64];
  std::snprintf(ends, sizeof ends, ":%.17g:%.17g", axis.from, axis.to);
  return std::string(axis.parameter->name) + ends + (axis.log ? ":log" : "");
}

void mark_sweep(Page& p, const AppState& state) {
  const SweepView& view = state.model.maps->sweep;
  const Map* map = view.job.result();
  if (map == nullptr || view.job.generation() == p.marked_sweep || !state.model.selected) return;
  p.marked_sweep = view.job.generation();
  const Sweep& s = *view.job.result_spec();
  const MapThreads threads = view.job.result_threads();
  char checksum[17];
  std::snprintf(checksum, sizeof checksum, "%016llx", static_cast<unsigned long long>(map_checksum(*map)));
  const std::string json = "{\"run\":" + std::to_string(*state.model.selected) + ",\"x\":\"" + axis_text(s.x) +
                           "\",\"y\":\"" + axis_text(s.y) + "\",\"size\":\"" + std::to_string(map->columns) + "x" +
                           std::to_string(map->rows) + "\",\"steps\":" + std::to_string(s.steps) + ",\"threads\":\"" +
                           (threads == MapThreads::worker           ? "worker"
                            : threads == MapThreads::between_frames ? "between frames"
                                                                    : "own thread") +
                           "\",\"checksum\":\"" + checksum + "\"}";
  web_mark_sweep(json.c_str());
}

// Marked while the job is busy and once when it is done, as the maps are; the slowest frame leaves
// out the page's first ones (fonts, the first heatmap).
void mark_job(JobFrames& job, bool busy, long frames, double started) {
  if (!busy && !job.busy) return;
  if (busy) ++job.frames;
  if (busy && !job.busy) job.since = started;
  const double now = emscripten_get_now();
  web_mark_job_frame(job.name, busy ? 1 : 0, static_cast<int>(job.frames), frames > kMarkedFrames ? now - started : 0,
                     now - job.since);
  job.busy = busy;
}

void follow_page_size() {
  GLFWwindow* window = glfwGetCurrentContext();
  if (window == nullptr) return;
  int width = 0, height = 0;
  glfwGetWindowSize(window, &width, &height);
  const int page_width = web_page_width(), page_height = web_page_height();
  if (page_width > 0 && page_height > 0 && (page_width != width || page_height != height))
    glfwSetWindowSize(window, page_width, page_height);
}

void frame(void*) {
  Page& p = *page;
  follow_page_size();
  AppState& state = p.app->state();
  const std::uint64_t generation = state.model.generation;
  const double started = emscripten_get_now();
  p.app->frame();
  // After the first frames (fonts, the first heatmap): how long one that recomputed the runs took.
  if (state.model.generation != generation && p.frames > kMarkedFrames)
    web_mark_recompute(emscripten_get_now() - started);
  // Marked while a map is computed and once when it is done, not every frame; the slowest frame
  // leaves out the first ones (fonts, the first heatmap) and those that recomputed the runs, which
  // are as slow without a map.
  if (const bool maps_busy = state.model.maps->busy(); maps_busy || p.maps_busy) {
    if (maps_busy) ++p.map_frames;
    if (maps_busy && !p.maps_busy) p.maps_since = started;
    const double now = emscripten_get_now();
    const bool measured = p.frames > kMarkedFrames && state.model.generation == generation;
    web_mark_map_frame(maps_busy ? 1 : 0, static_cast<int>(p.map_frames), measured ? now - started : 0,
                       now - p.maps_since);
    p.maps_busy = maps_busy;
  }
  mark_sweep(p, state);
  mark_job(p.training, state.model.training->busy(), p.frames, started);
  mark_job(p.plane, state.model.plane->busy(), p.frames, started);
  ++p.frames;
  if (web_take_hash_change() != 0) {
    // A link pasted into the address bar of the open page: it opens as a file would.
    if (std::string code = location_hash(); !code.empty() && code != p.link) {
      if (std::optional<Scenario> scenario = scenario_of_link(code)) {
        replace_scenario(state, std::move(*scenario));
        state.view.dialogs.lesson_info = !state.model.scenario.description.empty();
        p.link = std::move(code);
      }
    }
  }
  if (p.frames <= kMarkedFrames) web_mark_frames(static_cast<int>(p.frames));
  if (const std::string title =
          state.model.scenario.title.empty() ? "optviz" : shown_text(state.model.scenario).title + " · optviz";
      title != p.title) {
    p.title = title;
    web_set_title(title.c_str());
  }
  if (p.export_png && p.frames == kExportAfterFrames) state.view.requests.export_png = true;
  if (p.frames % kLinkCheckFrames == 0 || state.model.generation != p.linked_generation) {
    p.linked_generation = state.model.generation;
    try {
      if (std::string link = current_link(state); link != p.link) {
        p.link = std::move(link);
        web_set_location_hash(p.link.c_str());
      }
    } catch (const std::exception& e) {
      std::fprintf(stderr, "optviz: %s\n",
                   tr_format("cannot put the scenario in the address: {0}", {e.what()}).c_str());
    }
  }
  if (p.frames % kRememberFrames == 0) {
    p.app->remember_session();
    web_store_files(p.config.c_str());
  }
}

}  // namespace
}  // namespace optviz::gui

extern "C" EMSCRIPTEN_KEEPALIVE void optviz_remember() {
  using optviz::gui::page;
  if (page == nullptr || !page->app) return;
  page->app->remember_session();
  optviz::gui::web_store_files(page->config.c_str());
}

int main() {
  using namespace optviz;
  using namespace optviz::gui;
  static Page the_page;
  page = &the_page;
  // Emscripten starts with a umask of 0777, which would leave every file the app writes (atomically,
  // through mkstemp and fchmod) unreadable to the downloads and to localStorage.
  umask(022);
  page->config = config_directory();
  if (!page->config.empty()) web_restore_files(page->config.c_str());

  ApplicationOptions options;
  options.width = web_page_width();
  options.height = web_page_height();
  options.size_given = true;  // the page's size, not a remembered window's
  if (const std::string hash = location_hash(); !hash.empty()) {
    options.scenario = scenario_of_link(hash);
    if (options.scenario) page->link = hash;
  }
  page->export_png = web_wants_png_export() != 0;
  const int maps = web_wants_maps();
  options.open_sweep = (maps & 1) != 0;
  options.open_basins = (maps & 2) != 0;
  if (page->export_png) options.remember = false;  // a test leaves the visitor's settings alone
  {
    char languages[256] = {}, link[64] = {};
    web_languages(languages, sizeof languages);
    web_link_language(link, sizeof link);
    options.environment_language = language_of_locale(languages);
    if (options.environment_language.empty()) options.environment_language = "en";
    if (const std::string asked = language_of_locale(link); !asked.empty()) options.language = asked;
  }

  std::string error;
  page->app = Application::create(options, error);
  if (!page->app) {
    web_show_error(error.c_str());
    return 1;
  }
  MapViews& map_views = *page->app->state().model.maps;
  if (web_wants_map_worker() != 0) {
    if (std::shared_ptr<MapWorker> worker = open_web_map_worker()) {
      map_views.sweep.job.use_worker(worker);
      map_views.basin.job.use_worker(worker);
    }
  }
  if (const int cells = web_sweep_cells(); cells >= 1 && cells <= kMaxMapSide) map_views.sweep.settings.side = cells;
  if (const int step = web_start_step(); step != -1) {
    AppState& state = page->app->state();
    set_step(state, step == -2 ? last_step(state) : step);
  }
  web_remember_on_leave();
  emscripten_set_main_loop_arg(frame, nullptr, 0, false);
  return 0;
}
