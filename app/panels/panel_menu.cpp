// The menu bar: File (open, save, exports), Edit (undo, redo), Lessons, View and Help.
#include <imgui.h>

#include "document.hpp"
#include "panels.hpp"
#include "presets.hpp"
#include "translate.hpp"
#include "ui.hpp"

namespace optviz::gui {
namespace {

void file_menu(AppState& state) {
  if (!ImGui::BeginMenu(tr("File"))) return;
  if (ImGui::MenuItem(tr("Open scenario…"), "Ctrl+O")) state.view.dialogs.open_file = true;
  draw_recent_menu(state);
  if (ImGui::MenuItem(tr("Save scenario…"), "Ctrl+S")) state.view.dialogs.save_file = true;
  if (ImGui::MenuItem(tr("Open data (CSV)…"))) state.view.dialogs.open_data = true;
  ImGui::Separator();
  if (ImGui::MenuItem(tr("Export PNG…"), "Ctrl+E")) state.view.dialogs.export_png = true;
  if (ImGui::MenuItem(tr("Export GIF…"), nullptr, false, !state.view.gif.running)) state.view.dialogs.export_gif = true;
  if (ImGui::MenuItem(tr("Export CSV…"))) state.view.dialogs.export_csv = true;
  ImGui::Separator();
  if (ImGui::MenuItem(tr("New: four optimizers on Rosenbrock"))) state.view.requests.new_scenario = true;
  ImGui::EndMenu();
}

void lessons_menu(AppState& state) {
  if (!ImGui::BeginMenu(tr("Lessons"))) return;
  const auto& presets = lesson_presets();
  for (std::size_t i = 0; i < presets.size(); ++i) {
    // The course in its chapters: a heading before each chapter's first lesson.
    const LessonText words = shown_text(presets[i]);
    const std::string& chapter = words.chapter;
    if (!chapter.empty() && (i == 0 || presets[i - 1].lesson.chapter != presets[i].lesson.chapter)) {
      if (i > 0) ImGui::Spacing();
      ImGui::TextDisabled("%s", chapter.c_str());
    }
    ImGui::PushID(static_cast<int>(i));
    const std::string title = slide_title(presets[i]);
    if (ImGui::MenuItem(title.c_str())) state.view.requests.load_preset = i;
    if (ImGui::IsItemHovered() && !words.description.empty()) {
      ImGui::BeginTooltip();
      ImGui::PushTextWrapPos(ImGui::GetFontSize() * 28);
      ImGui::TextUnformatted(words.description.c_str());
      ImGui::PopTextWrapPos();
      ImGui::EndTooltip();
    }
    ImGui::PopID();
  }
  if (presets.empty()) ImGui::TextDisabled("%s", tr("No lessons"));
  ImGui::Separator();
  if (ImGui::MenuItem(tr("About this lesson"), nullptr, false, !state.model.scenario.description.empty()))
    state.view.dialogs.lesson_info = true;
  ImGui::EndMenu();
}

// Each language under its own name, so that a reader finds theirs whatever the menu's language.
void language_menu(AppState& state) {
  if (!ImGui::BeginMenu(tr("Language"))) return;
  for (const std::string& code : languages()) {
    if (ImGui::MenuItem(std::string(language_name(code)).c_str(), nullptr, code == language())) {
      state.view.settings.language = code;
      use_language(state, state.view.environment_language);
    }
  }
  ImGui::EndMenu();
}

void view_menu(AppState& state) {
  if (!ImGui::BeginMenu(tr("View"))) return;
  ViewSettings& v = state.view.settings;
  if (ImGui::MenuItem(tr("Fit the function's view"), "F")) fit_view(state);
  ImGui::MenuItem(tr("Presentation mode"), "F11", &v.presenting);
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("%s",
                      tr("The canvas fills the screen; the menu and the controls appear at the top and left edges"));
  ImGui::MenuItem(tr("Plots beside the canvas when presenting"), "G", &v.presentation.plots);
  ImGui::MenuItem(tr("Whole paths ahead"), "W", &v.show_ahead);
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("%s", tr("Each path's rest beyond the playhead, faint: where each optimizer goes"));
  if (ImGui::MenuItem(tr("Ask the lesson's question"), "Q", v.hide_answer,
                      !state.model.scenario.lesson.question.empty()))
    toggle_question(state);
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("%s", tr("The paths and the plots' curves wait while the class answers; Q again reveals them"));
  bool surface = state.model.scenario.display.view == CanvasView::surface;
  if (ImGui::MenuItem(tr("3D surface"), "V", &surface)) toggle_surface_view(state);
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("%s", tr("The function as a lit surface in perspective: drag to turn it, wheel to zoom"));
  if (surface) {
    ImGui::Indent();
    bool log_height = state.model.scenario.display.surface.height == ColourScale::log;
    if (ImGui::MenuItem(tr("Log height"), nullptr, &log_height))
      state.model.scenario.display.surface.height = log_height ? ColourScale::log : ColourScale::linear;
    ImGui::Unindent();
  }
  ImGui::MenuItem(tr("Step arrows"), "A", &v.show_arrows);
  if (ImGui::MenuItem(tr("Explain the next update"), "E", state.view.explain.open, state.model.selected.has_value()))
    toggle_explaining(state);
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("%s",
                      tr("The selected run's next update, sub-step by sub-step: the gradient, its square added into "
                         "the accumulator, the division, the momentum, the step"));
  ImGui::MenuItem(tr("Contour lines"), nullptr, &v.show_contours);
  ImGui::MenuItem(tr("Minima"), nullptr, &v.show_minima);
  ImGui::MenuItem(tr("Spread of the noisy runs"), nullptr, &v.show_spread);
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("%s", tr("Each run with gradient noise or shuffled batches again under 8 other seeds (thin), and "
                               "without noise on the full batch (dashed)"));
  ImGui::Separator();
  ImGui::MenuItem(tr("Sweep map of the selected run"), nullptr, &state.model.maps->sweep.show);
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip(
        "%s", tr("How the selected run ends over a grid of two of its hyperparameters; click a cell to load it"));
  ImGui::MenuItem(tr("Basins of the selected run"), nullptr, &state.model.maps->basin.show);
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("%s", tr("Over the canvas: from every start point, the minimum the selected run reaches"));
  if (state.model.maps->basin.show) {
    ImGui::Indent();
    bool by_loss = state.model.maps->basin.colouring == MapColouring::loss;
    if (ImGui::MenuItem(tr("Basins coloured by final loss"), nullptr, &by_loss))
      state.model.maps->basin.colouring = by_loss ? MapColouring::loss : MapColouring::minimum;
    ImGui::Unindent();
  }
  ImGui::Separator();
  if (ImGui::MenuItem(tr("Dark theme"), nullptr, v.theme == Theme::dark))
    v.theme = Theme::dark, state.view.requests.rebuild_fonts = true;
  if (ImGui::MenuItem(tr("Light theme"), nullptr, v.theme == Theme::light))
    v.theme = Theme::light, state.view.requests.rebuild_fonts = true;
  language_menu(state);
  ImGui::Separator();
  if (ImGui::MenuItem(tr("Larger text"), "Ctrl +")) change_ui_scale(state, +1);
  if (ImGui::MenuItem(tr("Smaller text"), "Ctrl -")) change_ui_scale(state, -1);
  if (ImGui::MenuItem(tr("Text size 100%"), "Ctrl 0")) change_ui_scale(state, 0);
  if (ImGui::MenuItem(tr("Text follows the window's size"), nullptr, v.scale_follows_monitor)) {
    v.scale_follows_monitor = !v.scale_follows_monitor;
    state.view.requests.rebuild_fonts = true;
  }
  ImGui::EndMenu();
}

void help_menu(AppState& state) {
  if (!ImGui::BeginMenu(tr("Help"))) return;
  if (ImGui::MenuItem(tr("Keyboard shortcuts"), "F1")) state.view.settings.show_help = true;
  if (ImGui::MenuItem(tr("About optviz"))) state.view.dialogs.about = true;
  ImGui::EndMenu();
}

}  // namespace

void draw_menu_bar(AppState& state) {
  if (!ImGui::BeginMainMenuBar()) return;
  file_menu(state);
  draw_edit_menu(state);
  lessons_menu(state);
  view_menu(state);
  help_menu(state);
  // The lesson's title, or its chapter while its question is asked (the title is the answer).
  const Scenario& s = state.model.scenario;
  const LessonText words = shown_text(s);
  const std::string& shown = state.view.settings.hide_answer ? words.chapter : words.title;
  if (!shown.empty()) {
    ImGui::Separator();
    ImGui::TextDisabled("%s", shown.c_str());
  }
  if (!state.view.notice.text.empty()) {
    // The last notice, right-aligned: where a file went, or what failed.
    const float width = ImGui::CalcTextSize(state.view.notice.text.c_str()).x;
    const float x = ImGui::GetWindowContentRegionMax().x - width - ImGui::GetStyle().ItemSpacing.x;
    if (x > ImGui::GetCursorPosX()) ImGui::SetCursorPosX(x);
    const ImVec4 colour = state.view.notice.error ? error_colour(state) : ImGui::GetStyle().Colors[ImGuiCol_Text];
    ImGui::TextColored(colour, "%s", state.view.notice.text.c_str());
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", state.view.notice.text.c_str());
  }
  ImGui::EndMainMenuBar();
}

}  // namespace optviz::gui
