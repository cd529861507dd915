// The time bar: play and pause, single steps, the timeline, the speed, loop and restart, the
// view buttons, and the last notice (where a file went, what failed).
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <string_view>

#include "panels.hpp"
#include "translate.hpp"

namespace optviz::gui {
namespace {

bool icon_button(const char* label, const char* help, bool enabled = true) {
  ImGui::BeginDisabled(!enabled);
  const bool pressed = ImGui::Button(label);
  ImGui::EndDisabled();
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) ImGui::SetTooltip("%s", help);
  return pressed;
}

}  // namespace

void draw_time_bar(AppState& state) {
  constexpr ImGuiWindowFlags kFlags =
      ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse;
  // In presentation mode a compact bar: half the padding, no buttons for what the keys do.
  const bool compact = state.view.settings.presenting;
  const ImVec2 padding = ImGui::GetStyle().WindowPadding;
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, compact ? ImVec2(padding.x, padding.y / 2) : padding);
  const bool open = begin_panel("Time", state.view.layout.time_bar, kFlags);
  ImGui::PopStyleVar();
  if (!open) {
    ImGui::End();
    return;
  }
  Playback& p = state.model.playback;
  const long last = last_step(state);
  const long step = current_step(state);
  const float unit = ImGui::GetFontSize();

  if (icon_button(p.playing ? tr("❚❚ Pause") : tr("▶ Play"), tr("Play or pause (Space)"))) toggle_playing(state);
  ImGui::SameLine();
  if (icon_button("⇤##start", tr("Back to step 0 (Home)"), step > 0)) set_step(state, 0);
  ImGui::SameLine();
  if (icon_button("◀##back", tr("One update back (Left; Shift: 10, Ctrl: 100)"), step > 0)) {
    p.playing = false;
    set_step(state, step - 1);
  }
  ImGui::SameLine();
  if (icon_button("▶##forward", tr("One update forward (Right; Shift: 10, Ctrl: 100)"), step < last)) {
    p.playing = false;
    set_step(state, step + 1);
  }
  ImGui::SameLine();
  if (icon_button("⇥##end", tr("To the last step (End)"), step < last)) set_step(state, last);
  ImGui::SameLine();

  // The timeline takes what the other controls leave.
  const float right_controls = compact ? unit * 9.5f : unit * 27;
  ImGui::SetNextItemWidth(std::max(unit * 8, ImGui::GetContentRegionAvail().x - right_controls));
  int shown = static_cast<int>(std::min<long>(step, 1'000'000'000));
  const std::string format = tr_printf("step {0} / {1}", {"%d", std::to_string(last)});
  if (ImGui::SliderInt("##timeline", &shown, 0, static_cast<int>(std::max<long>(last, 1)), format.c_str(),
                       ImGuiSliderFlags_AlwaysClamp)) {
    p.playing = false;
    set_step(state, shown);
  }
  tooltip(tr("Drag to scrub through the updates"));
  ImGui::SameLine();

  ImGui::SetNextItemWidth(unit * 9);
  float speed = static_cast<float>(p.speed);
  if (ImGui::SliderFloat("##speed", &speed, static_cast<float>(kMinSpeed), static_cast<float>(kMaxSpeed),
                         tr_printf("{0} steps/s", {"%.0f"}).c_str(),
                         ImGuiSliderFlags_Logarithmic | ImGuiSliderFlags_AlwaysClamp))
    p.speed = static_cast<double>(speed);
  tooltip(tr("Playing speed in updates per second (Up / Down double or halve it)"));
  if (compact) {
    ImGui::End();
    return;
  }
  // The buttons that have keys come last and give way when the bar is too narrow for them (a
  // small window at a large UI scale), rather than be drawn cut at the window's edge.
  const ImGuiStyle& style = ImGui::GetStyle();
  const auto room_for = [&](const char* label, float extra) {
    ImGui::SameLine();
    return ImGui::GetContentRegionAvail().x >=
           ImGui::CalcTextSize(label, nullptr, true).x + 2 * style.FramePadding.x + extra;
  };
  const char* loop = tr("Loop");
  if (room_for(loop, ImGui::GetFrameHeight() + style.ItemInnerSpacing.x)) {
    ImGui::Checkbox(loop, &p.loop);
    tooltip(tr("Start again at the end (L)"));
  }
  const char* restart = tr("↺ Restart");
  if (room_for(restart, 0) && icon_button(restart, tr("Play from step 0 (R)"))) {
    set_step(state, 0);
    p.playing = true;
  }
  const char* fit = tr("Fit");
  if (room_for(fit, 0) && icon_button(fit, tr("Show the function's view box (F)"))) fit_view(state);
  if (room_for("PNG", 0) && icon_button("PNG", tr("Save the canvas as PNG (P saves at once, Ctrl+E asks)")))
    state.view.dialogs.export_png = true;

  ImGui::End();
}

}  // namespace optviz::gui
