// The application's view, in the manner of Tracy's ViewData: the view settings, the dialogs and what
// the panels ask of the application, the layout, fonts and textures, and what the panels keep
// between frames. Nothing here enters the simulation: the model (model.hpp) is apart.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "data_and_network.hpp"
#include "dataset.hpp"
#include "explain_mode.hpp"
#include "fonts.hpp"
#include "geometry.hpp"
#include "heatmap_request.hpp"
#include "layer_heatmap.hpp"
#include "layout.hpp"
#include "net_inspection.hpp"
#include "plane_job.hpp"
#include "plot_scale.hpp"
#include "surface_scene.hpp"
#include "theme_choice.hpp"

namespace optviz::gui {

// View-only settings: they never enter the scenario's maths.
struct ViewSettings {
  Box wanted{{-2, -1}, {2, 3}};  // the part of the plane the canvas shows (fitted to its aspect)
  bool show_arrows = true;
  bool show_ahead = true;  // each path's rest beyond the playhead, faint
  bool show_contours = true;
  bool show_minima = true;
  Theme theme = Theme::dark;
  // The language chosen in View > Language (a code of translate.hpp's languages()); "" follows the
  // environment (LANGUAGE, LC_ALL, LC_MESSAGES, LANG; the browser's languages on the page).
  std::string language;
  float ui_scale = 1;
  bool scale_follows_monitor = true;
  Splitters splitters;
  bool show_help = false;
  bool show_spread = false;   // the noisy runs under other seeds, and without noise (spread.hpp)
  bool hide_answer = false;   // a lesson's question is asked: its paths and curves wait for Q (or Reveal)
  bool presenting = false;    // presentation mode (F11, --present): the canvas fills the window
  Presentation presentation;  // what presentation mode shows besides the canvas
  // File > Open Recent, the most recent first (recent_files.hpp).
  std::vector<std::string> recent_files;
};

// A line of feedback under the time bar: where a file went, why an action failed.
struct Notice {
  std::string text;
  bool error = false;
};

// The dialogs of the File menu and the exports: their fields, and flags that the application
// acts on after the panels (it owns the GL context and does the file work).
struct Dialogs {
  bool open_file = false;
  bool open_data = false;
  bool save_file = false;
  bool export_png = false;
  bool export_gif = false;
  bool export_csv = false;
  bool lesson_info = false;
  bool about = false;  // Help > About optviz
  std::string scenario_path = "scenario.json";
  std::string data_path = "data.csv";
  DataLoss data_loss = DataLoss::linear;
  std::string png_path;      // "" picks a default name in the current directory
  bool canvas_only = false;  // the exports draw the canvas alone, not the slide
  int png_width = 1920;
  int png_height = 1080;
  std::string gif_path = "optviz.gif";
  int gif_width = 960;
  int gif_height = 540;
  int gif_fps = 25;
  float gif_seconds = 6;
  std::string csv_directory = "optviz-runs";
};

struct Requests {
  bool open_scenario = false;  // open dialogs.scenario_path
  bool open_data = false;      // open dialogs.data_path as a loss of dialogs.data_loss
  bool save_scenario = false;  // save to dialogs.scenario_path
  bool export_png = false;     // the quick export: dialogs.png_*
  bool start_gif = false;
  bool cancel_gif = false;
  bool export_csv = false;
  bool rebuild_fonts = false;  // view.ui_scale changed
  bool fit_view = false;
  std::optional<std::size_t> load_preset;
  bool new_scenario = false;  // File > New
  bool quit = false;          // close the window (asked after "Save changes?")
};

// What replaces the scenario, and so may discard unsaved changes: it waits for an answer to
// "Save changes to X?" while the scenario is modified (document.hpp).
struct Replacement {
  enum Kind { none, open_file, new_scenario, lesson, quit } kind = none;
  std::string path;        // open_file
  std::size_t preset = 0;  // lesson: the index of the lesson preset
};

// The file the scenario came from or went to ("" for a lesson, New, or the last session's), and
// the replacement waiting for "Save changes?".
struct Document {
  std::string path;
  Replacement asking;      // the question is open for this
  Replacement after_save;  // done once the save asked for succeeds
  bool confirmed = false;  // the next replacement goes ahead without asking
  // A widget was edited since the last record: the change is that gesture's, no nudge (document.cpp).
  bool edited = false;
  // Names the next undo entry ("open lesson.optviz.json") instead of what changed.
  std::string change_name;
};

// An animated GIF being written, one frame per UI frame.
struct GifProgress {
  bool running = false;
  int frame = 0;
  int frames = 0;
};

// The summaries of each run's series that the plots keep between frames: their y axes span every
// value of every visible run.
struct PlotAxes {
  PlotColumnsCache columns[3];  // of the loss, accumulator and step size plots
};

// A slider drag moves the value relative to where it started (slider_scale.hpp): the value at
// the press and the slider positions moved since, by an ImGui id.
struct SliderDrag {
  unsigned id = 0;
  double start = 0;
  double offset = 0;
};

// What the network views keep between frames (panel_network_views.cpp): the maps of the shown run's
// weights (computed again when the run, its training or the snapshot shown changes), the diagram's
// chosen element, the layers' heatmaps, and the plots' caches.
struct NetViewCache {
  std::size_t run = 0;
  std::uint64_t version = 0;  // the training's result the maps are of (0: none)
  long snapshot = -1;         // the step of the weights shown
  NetworkMaps maps;
  std::optional<DiagramHit> chosen;
  DiagramLayout diagram;  // where the last frame drew the network
  // The layers tab: what it shows, and the heatmaps of the shown run for it.
  LayerQuantity quantity = LayerQuantity::step_size;
  ParameterKind kind = ParameterKind::weight;
  std::vector<LayerHeatmap> heatmaps;
  std::vector<std::uint64_t> heatmaps_of;  // the key they were filled for: run, version per run, quantity, kind
  PlotColumnsCache curves[2];              // the loss and the accuracy
  std::vector<PlotColumnsCache> bands;     // one per layer
  std::optional<NetView> open;             // the tab to bring forward in the next frame (a lesson's view)
  NetView shown = NetView::data;           // the tab drawn last
};

struct ViewState {
  ViewSettings settings;
  ExplainMode explain;  // "explain the next update" of the selected run
  Notice notice;
  Dialogs dialogs;
  Requests requests;
  Document document;
  GifProgress gif;
  PlotAxes plot_axes;
  Fonts fonts;
  std::string font_text;             // the scenario's own text the fonts were loaded with
  std::string environment_language;  // the language the environment asks for (use_language)
  Layout layout;
  void* heatmap_texture = nullptr;  // the renderer's texture (an ImTextureID); null without GL
  HeatmapRequest heatmap_request;
  SurfaceModel surface_model;       // the 3D view's mesh (scenario.display.view)
  SurfaceScene surface_scene;       // what the 3D pass draws this frame; width 0: nothing
  void* surface_texture = nullptr;  // the 3D pass's texture (an ImTextureID); null without GL
  bool dragging_start = false;
  bool slider_hovered = false;              // in the last frame: the arrow keys nudge it, not the playhead
  SliderDrag slider_drag;                   // the hyperparameter slider being dragged
  std::optional<std::size_t> controls_run;  // the selected run the controls panel last showed
  bool animating = false;                   // something moves this frame: the main loop keeps drawing
  // A network scenario's weight or bias chosen in the network view (its index in the parameter
  // vector, network.hpp): the inspector explains its update.
  std::optional<std::size_t> selected_parameter;
  NetViewCache net_views;
  NetInspection net_inspection;  // its update at the playhead, and the replay that gave it
  // The weight-space plane view (panel_plane.cpp): what it asks for, the cache of its loss plot.
  PlaneSettings plane;
  bool plane_shown = false;  // drawn this frame: the next update computes the plane
  Polylines plane_scratch;
  PlotColumnsCache plane_plot_cache;
};

}  // namespace optviz::gui
