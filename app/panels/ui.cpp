#include "ui.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <exception>
#include <filesystem>
#include <stdexcept>
#include <utility>

#include "document.hpp"
#include "fonts.hpp"
#include "panels.hpp"
#include "presets.hpp"
#include "run_export.hpp"
#include "scenario_file.hpp"
#include "scenario_io.hpp"
#include "translate.hpp"
#include "utf8.hpp"

namespace optviz::gui {

namespace {

// The words of the current scenario and of every lesson (the Lessons menu lists their titles,
// its tooltips their texts) in the current language: what the fonts must draw besides the catalog.
std::string shown_scenario_text(const Scenario& s) {
  std::string text = shown_words(s);
  for (const Scenario& lesson : lesson_presets()) text += shown_words(lesson);
  return text;
}

}  // namespace

void apply_ui_scale(AppState& state, float scale, std::string& warning) {
  const UiMetrics metrics = ui_metrics(scale);
  state.view.settings.ui_scale = metrics.scale;
  state.view.font_text = shown_words(state.model.scenario);
  state.view.fonts =
      load_fonts(*ImGui::GetIO().Fonts, metrics.font_size, warning, shown_scenario_text(state.model.scenario));
  apply_theme(state.view.settings.theme, metrics);
}

bool fonts_miss_characters(const AppState& state) {
  if (state.view.fonts.ui == nullptr) return false;
  const std::string text = shown_words(state.model.scenario);
  if (text == state.view.font_text) return false;  // loaded with these (or without a font that has them)
  for (std::size_t i = 0; i < text.size();) {
    const char32_t c = next_code_point(text, i);
    if (c >= 0x80 && c <= 0xFFFF && state.view.fonts.ui->FindGlyphNoFallback(static_cast<ImWchar>(c)) == nullptr)
      return true;
  }
  return false;
}

void use_language(AppState& state, const std::string& environment) {
  state.view.environment_language = environment;
  const std::string& chosen = state.view.settings.language;
  const std::vector<std::string>& known = languages();
  const bool valid = std::find(known.begin(), known.end(), chosen) != known.end();
  const bool environment_valid = std::find(known.begin(), known.end(), environment) != known.end();
  set_language(valid ? chosen : environment_valid ? environment : "en");
  state.view.requests.rebuild_fonts = true;
  // The explained update's words were made in the language before: made again.
  state.view.net_inspection.step = -1;
  state.view.explain.generation = ~std::uint64_t{0};
}

bool begin_panel(const char* name, PixelRect r, ImGuiWindowFlags extra) {
  ImGui::SetNextWindowPos(ImVec2(r.x0, r.y0), ImGuiCond_Always);
  ImGui::SetNextWindowSize(ImVec2(std::max(r.width(), 1.0f), std::max(r.height(), 1.0f)), ImGuiCond_Always);
  constexpr ImGuiWindowFlags kFixed = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                                      ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings |
                                      ImGuiWindowFlags_NoBringToFrontOnFocus;
  return ImGui::Begin(name, nullptr, kFixed | extra);
}

CanvasStyle ui_canvas_style(const AppState& state) {
  const UiMetrics m = ui_metrics(state.view.settings.ui_scale);
  return canvas_style(state.view.settings.theme, m.scale, state.view.fonts.ui, m.font_size);
}

void label_column(const char* text, float width) {
  const float x = ImGui::GetCursorPosX();
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(text);
  ImGui::SameLine(x + width * ImGui::GetFontSize());
}

void tooltip(const char* text) {
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", text);
}

ImVec4 error_colour(const AppState& state) {
  return state.view.settings.theme == Theme::dark ? ImVec4(1.0f, 0.45f, 0.40f, 1.0f)
                                                  : ImVec4(0.75f, 0.10f, 0.05f, 1.0f);
}

void formula_problem(const AppState& state, const FormulaEdit& edit) {
  if (edit.error.empty() || edit.typed_at) return;  // typing: the error of the text once it pauses
  // A red bar under the character at the error's column, in the field just drawn (its text in
  // the current font); left out when the line is wider than the field, which may then have
  // scrolled it.
  const std::size_t at = std::min(edit.column - 1, edit.text.size());
  const std::size_t line_start = edit.text.rfind('\n', at == 0 ? 0 : at - 1);
  const std::size_t from = line_start == std::string::npos || at == 0 ? 0 : line_start + 1;
  const auto line =
      static_cast<float>(std::count(edit.text.begin(), edit.text.begin() + static_cast<long>(from), '\n'));
  const ImVec2 field = ImGui::GetItemRectMin();
  const ImVec2 padding = ImGui::GetStyle().FramePadding;
  const float x = field.x + padding.x + ImGui::CalcTextSize(edit.text.substr(from, at - from).c_str()).x;
  const float y = field.y + padding.y + (line + 1) * ImGui::GetTextLineHeight();
  const float w = std::max(ImGui::CalcTextSize("m").x, 2.0f);
  const ImU32 red = ImGui::GetColorU32(error_colour(state));
  const std::size_t line_end = std::min(edit.text.find('\n', from), edit.text.size());
  const float line_width = ImGui::CalcTextSize(edit.text.substr(from, line_end - from).c_str()).x;
  if (line_width + 2 * padding.x + w <= ImGui::GetItemRectSize().x)
    ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(x, y - 2), ImVec2(x + w, y), red);
  ImGui::PushStyleColor(ImGuiCol_Text, error_colour(state));
  ImGui::TextWrapped("%s", problem_text(edit).c_str());
  ImGui::PopStyleColor();
}

void change_ui_scale(AppState& state, int direction) {
  // Ctrl+0: the mode's own scale (presentation mode's text is a 32nd of the window's height).
  const float reset =
      state.view.settings.presenting ? presentation_ui_scale(kMinUiScale, ImGui::GetIO().DisplaySize.y) : 1.0f;
  const float next = direction == 0 ? reset : state.view.settings.ui_scale * (direction > 0 ? 1.125f : 1 / 1.125f);
  const float scale = std::clamp(std::round(next * 16) / 16, kMinUiScale, kMaxUiScale);
  if (scale == state.view.settings.ui_scale) return;
  state.view.settings.ui_scale = scale;
  state.view.settings.scale_follows_monitor = false;
  state.view.requests.rebuild_fonts = true;
  set_notice(state, tr_format("UI scale {0}%", {std::to_string(static_cast<int>(std::lround(scale * 100)))}));
}

void update(AppState& state, double now) {
  settle_typing(state, now);
  update_simulation(state);
  // A change is recorded once no widget is being edited: a drag or a typed field is one entry.
  record_history(state, ImGui::IsAnyItemActive() || state.view.dragging_start);
  state.view.settings.wanted = sanitized_box(state.view.settings.wanted, current_function(state).view());
  if (state.model.scenario.display.view == CanvasView::surface)
    state.view.surface_model.update(current_function(state), state.view.settings.wanted, state.model.heatmap,
                                    state.model.scenario.display.surface.height);
  update_maps(*state.model.maps, state.model.scenario, state.model.simulated, state.model.selected, state.model.problem,
              now);
  update_network_plane(state);
}

void draw_ui(AppState& state, double dt) {
  advance_playback(state, dt);
  handle_shortcuts(state);
  advance_explaining(state, dt);
  update(state, ImGui::GetTime());
  state.view.slider_hovered = false;  // until a slider says it is hovered this frame
  if (state.view.settings.presenting) {
    draw_presentation(state);
  } else {
    const ImGuiIO& io = ImGui::GetIO();
    const UiMetrics metrics = ui_metrics(state.view.settings.ui_scale);
    // The lesson's strip as tall as its text at the canvas's width (the strip's height does not change that width).
    const float width =
        compute_layout(io.DisplaySize.x, io.DisplaySize.y, metrics, state.view.settings.splitters).canvas.width();
    state.view.layout = compute_layout(io.DisplaySize.x, io.DisplaySize.y, metrics, state.view.settings.splitters,
                                       lesson_strip_height(state, width));
    draw_menu_bar(state);
    draw_time_bar(state);
    draw_controls_panel(state);
    draw_canvas_panel(state);
    draw_plots_panel(state);
    draw_lesson_strip(state);
    draw_inspector_panel(state);
    draw_sweep_panel(state);
    draw_splitters(state);
  }
  draw_dialogs(state);
  draw_unsaved_question(state);
  state.view.animating = state.model.playback.playing || (state.view.explain.open && state.view.explain.playing) ||
                         state.view.gif.running || state.view.dragging_start || state.model.maps->busy() ||
                         state.model.training->busy() || state.model.plane->busy();
}

void process_file_requests(AppState& state) {
  Requests& r = state.view.requests;
  if (std::exchange(r.open_scenario, false) &&
      may_replace(state, {Replacement::open_file, state.view.dialogs.scenario_path, 0})) {
    const std::string& path = state.view.dialogs.scenario_path;
    try {
      replace_scenario(state, open_scenario_file(path));
      opened_document(state, path, "open " + std::filesystem::path(path).filename().string());
      state.view.dialogs.open_file = false;
      state.view.dialogs.lesson_info = !state.model.scenario.description.empty();
      set_notice(state, tr_format("Opened {0}", {state.view.dialogs.scenario_path}));
    } catch (const std::exception& e) {
      set_notice(state, e.what(), true);
    }
  }
  if (r.open_data) {
    r.open_data = false;
    if (open_data_file(state, state.view.dialogs.data_path, state.view.dialogs.data_loss))
      state.view.dialogs.open_data = false;
  }
  if (r.save_scenario) {
    r.save_scenario = false;
    Scenario copy = state.model.scenario;
    copy.view = state.view.settings.wanted;
    if (const std::string problem = find_scenario_problem(copy); !problem.empty()) {
      copy.view = state.model.scenario.view;
    }
    try {
      state.view.dialogs.scenario_path = scenario_file_name(state.view.dialogs.scenario_path).string();
      save_scenario(state.view.dialogs.scenario_path, copy);
      state.view.dialogs.save_file = false;
      set_notice(state, tr_format("Saved {0}", {std::filesystem::absolute(state.view.dialogs.scenario_path).string()}));
      saved_document(state, state.view.dialogs.scenario_path);
    } catch (const std::exception& e) {
      set_notice(state, e.what(), true);
    }
  }
  if (std::exchange(r.new_scenario, false) && may_replace(state, {Replacement::new_scenario, {}, 0})) {
    replace_scenario(state, default_scenario());
    opened_document(state, "", translatable("new scenario"));
    set_notice(state, tr("Four optimizers on Rosenbrock"));
  }
  if (r.export_csv) {
    r.export_csv = false;
    try {
      if (!state.model.problem.empty())
        throw std::runtime_error(tr_format("cannot export: {0}", {state.model.problem}));
      if (state.model.simulated.network) {
        std::vector<const NetRun*> trained;
        for (std::size_t i = 0; i < state.model.simulated.course.runs.size(); ++i)
          trained.push_back(state.model.training->run(i));
        if (state.model.training->busy() || std::find(trained.begin(), trained.end(), nullptr) != trained.end())
          throw std::runtime_error(tr("cannot export yet: the runs are training"));
        export_net_runs(state.model.simulated, trained, state.view.dialogs.csv_directory);
      } else {
        export_runs(state.model.simulated, state.model.runs, state.view.dialogs.csv_directory);
      }
      state.view.dialogs.export_csv = false;
      const std::size_t files = state.model.runs.size() * (state.model.simulated.network ? 2 : 1);
      set_notice(state, tr_format("Wrote {0} CSV files and summary.json to {1}",
                                  {std::to_string(files),
                                   std::filesystem::absolute(state.view.dialogs.csv_directory).string()}));
    } catch (const std::exception& e) {
      set_notice(state, e.what(), true);
    }
  }
  if (r.load_preset) {
    const std::size_t index = *r.load_preset;
    r.load_preset.reset();
    const auto& presets = lesson_presets();
    if (index < presets.size() && may_replace(state, {Replacement::lesson, "", index})) {
      replace_scenario(state, presets[index]);
      opened_document(state, "", "lesson");
      state.view.dialogs.lesson_info = true;
      // A lesson that asks a question is announced by its chapter: its title is the answer.
      const LessonText words = shown_text(presets[index]);
      set_notice(state, tr_format("Lesson: {0}", {state.view.settings.hide_answer ? words.chapter : words.title}));
    }
  }
}

}  // namespace optviz::gui
