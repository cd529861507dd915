// The weight-space plane view of a network scenario (issue 25): the kind of plane (and
// three-point's second run) chosen above the plot; the plot of the loss over the plane with the
// selected run's path (plots/plane_view.hpp), the true loss against the plane's along the path
// beside or below it, and pca's explained variance against a random walk's. The plane is computed
// in the background (app/state/plane_job.hpp), coarse first, while the panel is drawn.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include "panels.hpp"
#include "plane_marks.hpp"
#include "plane_view.hpp"
#include "run_name.hpp"
#include "translate.hpp"

namespace optviz::gui {
namespace {

constexpr PlaneKind kKinds[] = {PlaneKind::pca, PlaneKind::random, PlaneKind::three_point, PlaneKind::line};

const char* kind_title(PlaneKind kind) {
  switch (kind) {
    case PlaneKind::pca:
      return tr("PCA of the path");
    case PlaneKind::random:
      return tr("Random, filter-normalised");
    case PlaneKind::three_point:
      return tr("Start and two runs' ends");
    case PlaneKind::line:
      return tr("Line from start to end");
  }
  return "";
}

const char* kind_help(PlaneKind kind) {
  switch (kind) {
    case PlaneKind::pca:
      return tr(
          "The top two principal components of the run's snapshots, through its final weights: the plane "
          "that holds most of the path (Li et al. 2018)");
    case PlaneKind::random:
      return tr(
          "Two random directions, each row scaled to the weights' own, through the final weights: what "
          "most loss-landscape pictures show (Li et al. 2018)");
    case PlaneKind::three_point:
      return tr("The plane through the initial weights and the ends of two runs (Garipov et al. 2018)");
    case PlaneKind::line:
      return tr("The loss along the straight line from the initial to the final weights (Goodfellow et al. 2015)");
  }
  return "";
}

void choose_plane(AppState& state) {
  PlaneSettings& p = state.view.plane;
  const float fs = ImGui::GetFontSize();
  ImGui::SetNextItemWidth(14 * fs);
  if (ImGui::BeginCombo("##plane kind", kind_title(p.kind))) {
    for (PlaneKind kind : kKinds) {
      if (ImGui::Selectable(kind_title(kind), p.kind == kind)) p.kind = kind;
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", kind_help(kind));
    }
    ImGui::EndCombo();
  }
  tooltip(kind_help(p.kind));
  const NetTraining& training = *state.model.training;
  if (p.kind != PlaneKind::three_point || !state.model.selected) return;
  const std::optional<std::size_t> second = second_run(training, *state.model.selected, p);
  ImGui::SameLine();
  // TRANSLATORS: between the plane's kind ("Start and two runs' ends") and the second run's combo.
  ImGui::TextUnformatted(tr("and"));
  ImGui::SameLine();
  ImGui::SetNextItemWidth(10 * fs);
  const Scenario& s = state.model.simulated;
  const std::string preview = second && *second < s.course.runs.size() ? run_name(s, *second) : tr("(no other run)");
  if (ImGui::BeginCombo("##plane second", preview.c_str())) {
    for (std::size_t i = 0; i < std::min(training.size(), s.course.runs.size()); ++i)
      if (i != *state.model.selected && ImGui::Selectable(run_name(s, i).c_str(), second == i)) p.second = i;
    ImGui::EndCombo();
  }
  tooltip(tr("The other run whose end the plane passes through"));
}

// Where the job is: computing, refining, or why there is no plane.
void plane_status(const AppState& state) {
  const PlaneJob& job = *state.model.plane;
  if (!job.error().empty()) {
    ImGui::TextColored(error_colour(state), "%s", tr_format("No plane: {0}", {job.error()}).c_str());
  } else if (job.busy()) {
    const std::string percent = std::to_string(std::lround(100 * job.progress()));
    ImGui::TextDisabled("%s", (job.result() ? tr_format("refining the plane... {0}%", {percent})
                                            : tr_format("computing the plane... {0}%", {percent}))
                                  .c_str());
  } else if (!state.model.selected) {
    ImGui::TextDisabled("%s", tr("Select a run to see its path on a plane."));
  } else if (!job.result()) {
    ImGui::TextDisabled("%s", tr("The plane is computed once the run has trained."));
  }
}

// Hovering a snapshot: its step, true loss, the plane's loss where it projects and how far off it is.
void snapshot_tooltip(const PlaneArea& area, const PlaneView& view) {
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  if (!area.rect.contains({mouse.x, mouse.y})) return;
  const PathPoint* nearest = nullptr;
  double reach = 0, best = 2 * static_cast<double>(kPlayheadRing * ImGui::GetFontSize()) / 18;
  for (const auto& path : view.paths)
    for (const PathPoint& p : path) {
      const Point2 q = area.at(p.at.a, view.plane->is_line() ? p.loss : p.at.b);
      const double d = static_cast<double>(std::hypot(q.x - mouse.x, q.y - mouse.y));
      if (d < best) best = d, nearest = &p, reach = path_reach(path);
    }
  if (nearest == nullptr) return;
  ImGui::BeginTooltip();
  const auto g4 = [](double v) {
    char text[32];
    std::snprintf(text, sizeof text, "%.4g", v);
    return std::string(text);
  };
  ImGui::TextUnformatted(tr_format("step {0}", {std::to_string(nearest->step)}).c_str());
  ImGui::TextUnformatted(
      tr_format("true loss {0}, on the plane {1}", {g4(nearest->loss), g4(nearest->plane_loss)}).c_str());
  ImGui::TextUnformatted(
      tr_format("off the plane: {0} of the path's reach", {percent_text(off_plane_share(*nearest, reach))}).c_str());
  ImGui::EndTooltip();
}

}  // namespace

void draw_network_plane(AppState& state, ImVec2 size) {
  state.view.plane_shown = true;
  const ImVec2 top = ImGui::GetCursorScreenPos();
  choose_plane(state);
  plane_status(state);
  const PlaneResult* r = state.model.plane->result();
  const PlaneKey* key = state.model.plane->result_key();
  // Another run's plane, or another kind than the one chosen, is not shown while the chosen one
  // computes; the same run's last plane is (a slider's drag retrains it: no flicker).
  if (r == nullptr || key == nullptr || key->kind != state.view.plane.kind || key->run != state.model.selected) return;
  const float used = ImGui::GetCursorScreenPos().y - top.y;
  const ImVec2 room(std::max(size.x, 1.0f), std::max(size.y - used, 1.0f));
  PlaneView view{&r->plane.plane, &r->grid, r->plane.paths, {}, current_step(state), ""};
  for (std::size_t run : {key->run, key->second}) {
    if (run < state.model.simulated.looks.size())
      view.colours.push_back(readable_on(run_colour(state.model.simulated.looks[run].colour), plot_background()));
    if (key->kind != PlaneKind::three_point) break;
  }
  view.title = r->plane.plane.is_line() ? tr("Loss along the line") : tr("Loss over the plane");
  if (!r->refined) view.title = tr_format("{0} (coarse)", {view.title});
  // Side by side when the room is wide, else the losses under the plane.
  const bool wide = room.x > 1.5f * room.y;
  const float fs = ImGui::GetFontSize();
  const ImVec2 plot_size = wide ? ImVec2(room.x * 0.58f, room.y) : ImVec2(room.x, room.y * 0.66f);
  const float side_w = wide ? room.x - plot_size.x - ImGui::GetStyle().ItemSpacing.x : room.x;
  const std::string text = plane_explained_text(r->plane);
  const float text_h = text.empty() ? 0 : ImGui::CalcTextSize(text.c_str(), nullptr, false, side_w).y + 0.3f * fs;
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton("##plane plot", plot_size);
  const CanvasStyle style = ui_canvas_style(state);
  ImDrawList& dl = *ImGui::GetWindowDrawList();
  if (const auto area = draw_plane_plot(dl, origin, plot_size, view, style); area && ImGui::IsItemHovered())
    snapshot_tooltip(*area, view);
  if (wide) ImGui::SameLine();
  ImGui::BeginGroup();
  const ImVec2 side(side_w, wide ? room.y - text_h : room.y - plot_size.y - text_h - ImGui::GetStyle().ItemSpacing.y);
  if (side.x > 4 * fs && side.y > 4 * fs) {
    const auto clicked = draw_plane_losses("##plane losses", view, state.model.plane->generation(), side, style,
                                           state.view.plane_scratch, state.view.plane_plot_cache);
    if (clicked) set_step(state, *clicked);
    state.view.plane_plot_cache.forget_unused();
  }
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + side.x);
  ImGui::TextUnformatted(text.c_str());
  ImGui::PopTextWrapPos();
  ImGui::EndGroup();
}

void update_network_plane(AppState& state) {
  // Not drawn: the plane asked for last stays asked for (a job finishes, none starts).
  if (std::exchange(state.view.plane_shown, false))
    update_plane(*state.model.plane, *state.model.training, state.model.selected, state.view.plane);
  else
    state.model.plane->poll();
}

}  // namespace optviz::gui
