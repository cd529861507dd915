// The lesson beside its figure: its text (or, while its question is asked, the question) in a
// strip that never covers a plot: under the canvas in the window (with the title and a close
// button; it scrolls when long), where the slide puts it in presentation mode, with the chapter
// and the title (or the question) across the top. Lines break at spaces only; a text that scrolls
// says "more below".
#include <imgui.h>

#include <algorithm>
#include <string>

#include "canvas_draw.hpp"
#include "panels.hpp"
#include "translate.hpp"

namespace optviz::gui {

std::string lesson_text(const AppState& state) {
  // Presentation mode asks the question in the heading; the text is the answer.
  if (state.view.settings.hide_answer)
    return state.view.settings.presenting ? std::string() : shown_text(state.model.scenario).question;
  return shown_text(state.model.scenario).description;
}

std::string lesson_heading(const AppState& state) {
  // While the question is asked, the title would give the answer away.
  if (state.view.settings.hide_answer && !state.model.scenario.lesson.question.empty())
    return shown_text(state.model.scenario).question;
  return slide_title(state.model.scenario);
}

namespace {

bool lesson_strip_shown(const AppState& state) { return state.view.dialogs.lesson_info && !lesson_text(state).empty(); }

// A text longer than its strip scrolls: a hint at the strip's foot says that more follows.
void more_below_hint() {
  if (ImGui::GetScrollY() + 1 >= ImGui::GetScrollMaxY()) return;
  const char* hint = tr("more below: scroll ▼");
  const ImGuiStyle& style = ImGui::GetStyle();
  const ImVec2 size = ImGui::CalcTextSize(hint);
  const ImVec2 window = ImGui::GetWindowPos();
  const float right = window.x + ImGui::GetWindowContentRegionMax().x;
  const float bottom = window.y + ImGui::GetWindowHeight() - style.WindowBorderSize;
  const ImVec2 box0(right - size.x - 2 * style.FramePadding.x, bottom - size.y - 2 * style.FramePadding.y);
  ImDrawList& dl = *ImGui::GetWindowDrawList();
  dl.AddRectFilled(box0, ImVec2(right, bottom), ImGui::GetColorU32(ImGuiCol_WindowBg));  // the text beneath hidden
  dl.AddRectFilled(box0, ImVec2(right, bottom), ImGui::GetColorU32(ImGuiCol_Button), style.FrameRounding);
  dl.AddText(ImVec2(box0.x + style.FramePadding.x, box0.y + style.FramePadding.y), ImGui::GetColorU32(ImGuiCol_Text),
             hint);
}

}  // namespace

float lesson_strip_height(const AppState& state, float width) {
  if (!lesson_strip_shown(state)) return 0;
  const ImGuiStyle& style = ImGui::GetStyle();
  const float wrap = std::max(1.0f, width - 2 * style.WindowPadding.x);
  const float text =
      ImGui::CalcTextSize(wrap_at_spaces(ImGui::GetFont(), ImGui::GetFontSize(), wrap, lesson_text(state)).c_str()).y;
  return text + ImGui::GetFrameHeightWithSpacing() + 2 * style.WindowPadding.y;
}

void draw_lesson_strip(AppState& state) {
  if (state.view.layout.lesson.height() <= 0) return;
  if (begin_panel("Lesson", state.view.layout.lesson, ImGuiWindowFlags_NoTitleBar)) {
    const Scenario& s = state.model.scenario;
    const bool question = state.view.settings.hide_answer;
    if (!state.view.settings.presenting) {
      // The title wraps before the Hide button, never under it.
      const char* close = tr("Hide");
      const float button = ImGui::CalcTextSize(close).x + 2 * ImGui::GetStyle().FramePadding.x;
      const float title_width = ImGui::GetContentRegionAvail().x - button - ImGui::GetStyle().ItemSpacing.x;
      ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyle().Colors[ImGuiCol_CheckMark]);
      ImGui::AlignTextToFramePadding();
      ImGui::TextUnformatted(wrap_at_spaces(ImGui::GetFont(), ImGui::GetFontSize(), std::max(1.0f, title_width),
                                            question          ? tr("Question")
                                            : s.title.empty() ? tr("Lesson")
                                                              : shown_text(s).title)
                                 .c_str());
      ImGui::PopStyleColor();
      ImGui::SameLine(std::max(0.0f, ImGui::GetWindowContentRegionMax().x - button));
      if (ImGui::Button(close)) state.view.dialogs.lesson_info = false;
      tooltip(tr("Lessons > About this lesson shows it again"));
    }
    if (question) ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyle().Colors[ImGuiCol_CheckMark]);
    const ImVec2 room = ImGui::GetContentRegionAvail();
    if (state.view.settings.presenting) {
      // A text taller than its place is set a little smaller (down to 70 %) before it has to scroll
      // (the window keeps its scale from the last frame: measured from the UI's size).
      ImGui::SetWindowFontScale(1);
      const float size = ImGui::GetFontSize();
      float scale = 1;
      while (scale > 0.7f &&
             ImGui::GetFont()
                     ->CalcTextSizeA(size * scale, 1e9f, 0,
                                     wrap_at_spaces(ImGui::GetFont(), size * scale, room.x, lesson_text(state)).c_str())
                     .y > room.y)
        scale -= 0.05f;
      ImGui::SetWindowFontScale(scale);
    }
    ImGui::TextUnformatted(wrap_at_spaces(ImGui::GetFont(), ImGui::GetFontSize(), room.x, lesson_text(state)).c_str());
    if (question) ImGui::PopStyleColor();
    more_below_hint();
  }
  ImGui::End();
}

void draw_lesson_header(const AppState& state) {
  const PixelRect r = state.view.layout.header;
  if (r.height() <= 0) return;
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0);
  const bool open = begin_panel("Lesson title", r, ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoScrollbar);
  ImGui::PopStyleVar(2);
  if (open) {
    const Scenario& s = state.model.scenario;
    ImDrawList& dl = *ImGui::GetWindowDrawList();
    const float fs = ImGui::GetFontSize();
    float y = r.y0;
    if (!s.lesson.chapter.empty()) {
      dl.AddText(ImGui::GetFont(), fs * kSlideChapterScale, ImVec2(r.x0, y), ImGui::GetColorU32(ImGuiCol_Text),
                 shown_text(s).chapter.c_str());
      y += std::ceil(fs * kSlideChapterScale * 1.3f);
    }
    ImFont* large = state.view.fonts.large != nullptr ? state.view.fonts.large : ImGui::GetFont();
    const std::string heading = wrap_at_spaces(large, fs * kSlideTitleScale, r.width(), lesson_heading(state));
    dl.AddText(large, fs * kSlideTitleScale, ImVec2(r.x0, y),
               ImGui::GetColorU32(state.view.settings.hide_answer ? ImGuiCol_CheckMark : ImGuiCol_Text),
               heading.c_str());
  }
  ImGui::End();
}

}  // namespace optviz::gui
