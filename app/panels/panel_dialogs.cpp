// The small windows: open and save a scenario, open a data file, the exports (PNG, GIF with progress and cancel,
// CSV), the lesson's explanation and the keyboard shortcuts. File choice is a path field.
#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <string>

#include "figure_export.hpp"
#include "panels.hpp"
#include "translate.hpp"

namespace optviz::gui {
namespace {

bool begin_dialog(const char* title, bool* open) {
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(ImVec2(viewport->Pos.x + viewport->Size.x * 0.5f, viewport->Pos.y + viewport->Size.y * 0.4f),
                          ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSizeConstraints(ImVec2(ImGui::GetFontSize() * 22, 0), ImVec2(FLT_MAX, FLT_MAX));
  return ImGui::Begin(
      title, open, ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoCollapse);
}

bool path_field(const char* id, std::string& path, const char* hint = "") {
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 24);
  return ImGui::InputTextWithHint(id, hint, &path, ImGuiInputTextFlags_EnterReturnsTrue);
}

void last_error(const AppState& state) {
  if (!state.view.notice.error || state.view.notice.text.empty()) return;
  ImGui::PushTextWrapPos(ImGui::GetFontSize() * 26);
  ImGui::TextColored(error_colour(state), "%s", state.view.notice.text.c_str());
  ImGui::PopTextWrapPos();
}

void size_fields(int& width, int& height, int max_width, int max_height) {
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6);
  ImGui::InputInt(tr("width"), &width, 0, 0);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6);
  ImGui::InputInt(tr("height"), &height, 0, 0);
  width = std::clamp(width, 16, max_width);
  height = std::clamp(height, 16, max_height);
}

void open_dialog(AppState& state) {
  if (!state.view.dialogs.open_file) return;
  if (begin_dialog(tr("Open scenario"), &state.view.dialogs.open_file)) {
    ImGui::TextUnformatted(tr("A scenario .json, or a PNG exported by optviz:"));
    bool go = path_field("##open path", state.view.dialogs.scenario_path, "lesson.optviz.json");
    go |= ImGui::Button(tr("Open"));
    if (go) state.view.requests.open_scenario = true;
    ImGui::SameLine();
    ImGui::TextDisabled("%s", tr("or drop a file on the window"));
    last_error(state);
  }
  ImGui::End();
}

void data_dialog(AppState& state) {
  Dialogs& d = state.view.dialogs;
  if (!d.open_data) return;
  if (begin_dialog(tr("Open data"), &d.open_data)) {
    ImGui::TextUnformatted(tr("A CSV file with a header naming columns x and y, then numbers:"));
    bool go = path_field("##data path", d.data_path, "data.csv");
    int loss = d.data_loss == DataLoss::linear ? 0 : 1;
    if (ImGui::RadioButton(tr("linear regression"), &loss, 0)) d.data_loss = DataLoss::linear;
    ImGui::SameLine();
    if (ImGui::RadioButton(tr("logistic regression (labels y of 0 and 1)"), &loss, 1)) d.data_loss = DataLoss::logistic;
    go |= ImGui::Button(tr("Open"));
    if (go) state.view.requests.open_data = true;
    ImGui::SameLine();
    ImGui::TextDisabled("%s", tr("or drop a .csv file on the window"));
    last_error(state);
  }
  ImGui::End();
}

void save_dialog(AppState& state) {
  if (!state.view.dialogs.save_file) return;
  if (begin_dialog(tr("Save scenario"), &state.view.dialogs.save_file)) {
    ImGui::TextUnformatted(tr("Save the scenario (with the current view) as JSON:"));
    bool go = path_field("##save path", state.view.dialogs.scenario_path, "lesson.optviz.json");
    ImGui::TextDisabled("%s", tr("Without an extension, .optviz.json is added (desktops open it with optviz)."));
    go |= ImGui::Button(tr("Save"));
    if (go) state.view.requests.save_scenario = true;
    last_error(state);
  }
  ImGui::End();
}

void png_dialog(AppState& state) {
  Dialogs& d = state.view.dialogs;
  if (!d.export_png) return;
  if (begin_dialog(tr("Export PNG"), &d.export_png)) {
    ImGui::TextUnformatted(tr("A slide (title, text, the canvas and the lesson's plots), or the canvas alone:"));
    ImGui::Checkbox(tr("Canvas only"), &d.canvas_only);
    size_fields(d.png_width, d.png_height, kMaxFigureWidth, kMaxFigureHeight);
    const struct {
      const char* name;
      int w, h;
    } presets[] = {
        {"720p", 1280, 720}, {"1080p", 1920, 1080}, {"4K", 3840, 2160}, {"8K", 7680, 4320}, {tr("square"), 1600, 1600}};
    for (const auto& p : presets) {
      if (ImGui::SmallButton(p.name)) d.png_width = p.w, d.png_height = p.h;
      ImGui::SameLine();
    }
    ImGui::NewLine();
    bool go = path_field("##png path", d.png_path, tr("empty: optviz-FUNCTION-DATE.png here"));
    go |= ImGui::Button(tr("Save PNG"));
    if (go) state.view.requests.export_png = true;
    ImGui::SameLine();
    ImGui::TextDisabled("%s", tr("P saves at once with these settings"));
    last_error(state);
  }
  ImGui::End();
}

void gif_dialog(AppState& state) {
  Dialogs& d = state.view.dialogs;
  if (!d.export_gif && !state.view.gif.running) return;
  bool open = true;
  if (begin_dialog(tr("Export GIF"), state.view.gif.running ? nullptr : &open)) {
    if (state.view.gif.running) {
      const float fraction = state.view.gif.frames > 0
                                 ? static_cast<float>(state.view.gif.frame) / static_cast<float>(state.view.gif.frames)
                                 : 0.0f;
      const std::string text =
          tr_format("{0} / {1} frames", {std::to_string(state.view.gif.frame), std::to_string(state.view.gif.frames)});
      ImGui::ProgressBar(fraction, ImVec2(ImGui::GetFontSize() * 22, 0), text.c_str());
      if (ImGui::Button(tr("Cancel"))) state.view.requests.cancel_gif = true;
    } else {
      ImGui::TextUnformatted(state.model.simulated.network
                                 ? tr("The training going on from step 0 to the last step, on the slide:")
                                 : tr("The trajectories growing from step 0 to the last step, on the slide:"));
      ImGui::Checkbox(tr("Canvas only"), &d.canvas_only);
      size_fields(d.gif_width, d.gif_height, kMaxGifWidth, kMaxGifHeight);
      ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6);
      ImGui::SliderInt(tr("fps"), &d.gif_fps, 1, kMaxGifFps, "%d", ImGuiSliderFlags_AlwaysClamp);
      ImGui::SameLine();
      ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6);
      ImGui::SliderFloat(tr("seconds"), &d.gif_seconds, 1, 20, "%.0f", ImGuiSliderFlags_AlwaysClamp);
      bool go = path_field("##gif path", d.gif_path, "optviz.gif");
      go |= ImGui::Button(tr("Start##gif"));  // "##gif": not the start point of the controls
      if (go) state.view.requests.start_gif = true;
      last_error(state);
    }
  }
  ImGui::End();
  if (!open) d.export_gif = false;
}

void csv_dialog(AppState& state) {
  if (!state.view.dialogs.export_csv) return;
  if (begin_dialog(tr("Export CSV"), &state.view.dialogs.export_csv)) {
    ImGui::TextUnformatted(tr("One CSV per run (the format of `optviz run`) and summary.json, into the folder:"));
    bool go = path_field("##csv dir", state.view.dialogs.csv_directory, "optviz-runs");
    go |= ImGui::Button(tr("Export"));
    if (go) state.view.requests.export_csv = true;
    last_error(state);
  }
  ImGui::End();
}

void help_dialog(AppState& state) {
  if (!state.view.settings.show_help) return;
  if (begin_dialog(tr("Keyboard shortcuts"), &state.view.settings.show_help)) {
    const char* rows[][2] = {
        {"Space", tr("play / pause")},
        {"Left / Right", tr("one update back / forward (Shift: 10, Ctrl: 100); over a slider: nudge it")},
        {"Home / End", tr("first / last step")},
        {"Up / Down", tr("play faster / slower")},
        {"R", tr("restart from step 0")},
        {"L", tr("loop on / off")},
        {"F", tr("fit the function's view")},
        {"F11 / Escape", tr("presentation mode on / off (the edges show the menu and the controls)")},
        {"G", tr("presentation mode: the plots beside the canvas")},
        {"+ / -", tr("zoom the canvas in / out (also the mouse wheel)")},
        {"A", tr("step arrows on / off")},
        {"W", tr("whole paths ahead of the playhead on / off")},
        {"Q", tr("a lesson's question: hide the paths and curves / reveal them")},
        {"E", tr("explain the inspected run's next update, sub-step by sub-step")},
        {tr("  while explaining"), tr("Left / Right: previous / next sub-step, Space: pause, E or Escape: close")},
        {"V", tr("the 3D surface / the heatmap (drag to turn the surface, wheel to zoom)")},
        {"T", tr("dark / light theme")},
        {"1 - 9, [ / ]", tr("inspect a run / the previous or next run")},
        {"Ctrl+D / Delete", tr("duplicate / remove the inspected run")},
        {"P / Ctrl+E", tr("save the canvas as PNG now / choose where and how big")},
        {"Ctrl+O / Ctrl+S", tr("open / save a scenario")},
        {"Ctrl+Z / Ctrl+Shift+Z, Ctrl+Y", tr("undo / redo a change to the scenario (Edit menu)")},
        {"Ctrl + / Ctrl - / Ctrl 0", tr("larger / smaller / normal text")},
        {"F1", tr("this help")},
        {tr("Mouse"), tr("drag the ⊕ handle: start point; drag elsewhere: pan; double-click: fit")},
        {tr("Shift+drag, wheel"), tr("a slider: fine (a tenth of a decade per 10 px), nudge")},
    };
    if (ImGui::BeginTable("keys", 2, ImGuiTableFlags_RowBg)) {
      for (const auto& row : rows) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(row[0]);
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(row[1]);
      }
      ImGui::EndTable();
    }
  }
  ImGui::End();
}

}  // namespace

void draw_dialogs(AppState& state) {
  open_dialog(state);
  data_dialog(state);
  save_dialog(state);
  png_dialog(state);
  gif_dialog(state);
  csv_dialog(state);
  help_dialog(state);
  draw_about(state);
}

}  // namespace optviz::gui
