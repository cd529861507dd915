// A network scenario's views: in the canvas's place, the data under the shown run's decision boundary
// beside the network drawn as TensorFlow Playground draws it (tab "Data and network"), what the
// optimizer does to each layer over time (tab "Layers": the shown run's heatmaps beside every run's
// medians and bands), and the loss over a plane of weight space with the run's path (tab
// "Weight-space plane", panel_plane.cpp); in the plots' place, every run's training and test curves. All at the
// playhead: the weights shown are the run's last snapshot at or before it (every k steps:
// window_recording), the curves end at it.
#include <imgui.h>

#include <algorithm>
#include <functional>
#include <string>

#include "data_and_network.hpp"
#include "layer_bands.hpp"
#include "net_curves.hpp"
#include "panels.hpp"
#include "run_name.hpp"
#include "translate.hpp"

namespace optviz::gui {
namespace {

// The run the views show: the selected one, else the first trained.
std::optional<std::size_t> shown_run(const AppState& state) {
  const NetTraining& t = *state.model.training;
  if (state.model.selected && t.run(*state.model.selected)) return state.model.selected;
  for (std::size_t i = 0; i < t.size(); ++i)
    if (t.run(i)) return i;
  return std::nullopt;
}

std::vector<NetRunLine> run_lines(const AppState& state) {
  std::vector<const NetRun*> runs;
  std::vector<std::uint64_t> versions;
  for (std::size_t i = 0; i < state.model.training->size(); ++i) {
    runs.push_back(state.model.training->run(i));
    versions.push_back(state.model.training->version(i));
  }
  return net_run_lines(state.model.simulated, runs, ImGui::GetColorU32(ImGuiCol_WindowBg), versions);
}

// The maps of the shown run's weights at the playhead, computed again only when they change.
void refresh_maps(AppState& state, std::size_t index, std::span<const double> theta, long at) {
  NetViewCache& c = state.view.net_views;
  const std::uint64_t version = state.model.training->version(index);
  if (c.run == index && c.version == version && c.snapshot == at && c.maps.output.n > 0) return;
  c.maps = network_maps(*state.model.training->start(), state.model.simulated.network->recipe.has_value(), theta);
  c.run = index;
  c.version = version;
  c.snapshot = at;
}

void data_and_network(AppState& state, const CanvasStyle& style, std::size_t index, const NetRun& run) {
  const NetStart& start = *state.model.training->start();
  const optviz::WeightsAt shown = snapshot_at(run, current_step(state));
  refresh_maps(state, index, shown.theta, shown.step);
  NetViewCache& c = state.view.net_views;
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const PixelRect area{origin.x, origin.y, origin.x + avail.x, origin.y + avail.y};
  ImGui::InvisibleButton("##network", ImVec2(std::max(1.0f, avail.x), std::max(1.0f, avail.y)));
  const bool hovered = ImGui::IsItemHovered();
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  const std::string title =
      tr_format("{0} at step {1}", {run_names(state.model.simulated)[index], std::to_string(shown.step)});
  const auto hit =
      draw_network_picture(*ImGui::GetWindowDrawList(), area, {&start, shown.theta, &c.maps, title, c.chosen}, style,
                           hovered ? std::optional(Point2{mouse.x, mouse.y}) : std::nullopt, &c.diagram);
  if (hovered && ImGui::IsItemClicked() && hit) {
    c.chosen = hit;
    state.view.selected_parameter = parameter_of(start.net, *hit);
  }
}

void layers(AppState& state, const CanvasStyle& style, std::size_t index, const NetRun& run) {
  NetViewCache& c = state.view.net_views;
  // Each choice on the line of the one before while it fits, else on the next.
  const auto then = [](const char* next, float gap = 0) {
    const ImGuiStyle& st = ImGui::GetStyle();
    const float width = ImGui::GetFrameHeight() + st.ItemInnerSpacing.x + ImGui::CalcTextSize(next).x;
    const float spacing = gap > 0 ? gap : st.ItemSpacing.x;
    const float right = ImGui::GetItemRectMax().x + spacing + width;
    if (right <= ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x) ImGui::SameLine(0, spacing);
  };
  const char* const step_size = tr("step size");
  const char* const weights = tr("weights");
  const char* const biases = tr("biases");
  int quantity = static_cast<int>(c.quantity);
  ImGui::RadioButton(tr("accumulator"), &quantity, static_cast<int>(LayerQuantity::accumulator));
  then(step_size);
  ImGui::RadioButton(step_size, &quantity, static_cast<int>(LayerQuantity::step_size));
  then("|update|/|weight|");
  ImGui::RadioButton("|update|/|weight|", &quantity, static_cast<int>(LayerQuantity::update_ratio));
  c.quantity = static_cast<LayerQuantity>(quantity);
  then(weights, ImGui::GetFontSize() * 2);
  int kind = static_cast<int>(c.kind);
  ImGui::RadioButton(weights, &kind, static_cast<int>(ParameterKind::weight));
  then(biases);
  ImGui::RadioButton(biases, &kind, static_cast<int>(ParameterKind::bias));
  c.kind = static_cast<ParameterKind>(kind);

  const NetStart& start = *state.model.training->start();
  const std::vector<NetRunLine> lines = run_lines(state);
  // The maps' titles are in the current language: another language makes them again.
  std::vector<std::uint64_t> key{index, static_cast<std::uint64_t>(c.quantity), static_cast<std::uint64_t>(c.kind),
                                 std::hash<std::string>{}(language())};
  std::vector<const NetRun*> alike;
  for (const NetRunLine& l : lines) {
    key.push_back(l.version);
    if (l.run != &run) alike.push_back(l.run);
  }
  if (key != c.heatmaps_of) {
    fill_layer_heatmaps(c.heatmaps, run, start.net.layers(), c.kind, c.quantity, alike);
    c.heatmaps_of = key;
  }
  const long step = current_step(state);
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float spacing = ImGui::GetStyle().ItemSpacing.x;
  const float left = (avail.x - spacing) * 0.55f;
  std::optional<long> clicked;
  if (c.heatmaps.empty()) {
    ImGui::BeginChild("##heatmaps", ImVec2(left, avail.y));
    const std::string name = run_names(state.model.simulated)[index];
    ImGui::TextWrapped("%s",
                       (c.quantity == LayerQuantity::accumulator ? tr_format("{0} records no accumulator.", {name})
                                                                 : tr_format("{0} records no statistics.", {name}))
                           .c_str());
    ImGui::EndChild();
  } else {
    ImGui::BeginChild("##heatmaps", ImVec2(left, avail.y));
    clicked = draw_layer_heatmaps("##layer heatmaps", c.heatmaps, step, ImGui::GetContentRegionAvail(), style);
    ImGui::EndChild();
  }
  ImGui::SameLine();
  ImGui::BeginChild("##bands", ImVec2(avail.x - left - spacing, avail.y));
  std::vector<LinePlot> bands = layer_band_plots(lines, start.net.layers(), c.kind, c.quantity, step);
  c.bands.resize(bands.size());
  const ImVec2 room = ImGui::GetContentRegionAvail();
  const float each = bands.empty() ? 0
                                   : (room.y - ImGui::GetStyle().ItemSpacing.y * static_cast<float>(bands.size() - 1)) /
                                         static_cast<float>(bands.size());
  Polylines scratch;
  for (std::size_t k = 0; k < bands.size(); ++k) {
    ImGui::PushID(static_cast<int>(k));
    if (const auto s = draw_line_plot("##band", bands[k], ImVec2(room.x, each), style, scratch, c.bands[k]))
      clicked = s;
    ImGui::PopID();
  }
  for (PlotColumnsCache& cache : c.bands) cache.forget_unused();
  ImGui::EndChild();
  if (clicked) {
    state.model.playback.playing = false;
    set_step(state, *clicked);
  }
}

}  // namespace

void draw_network_canvas(AppState& state) {
  const CanvasStyle style = ui_canvas_style(state);
  const std::optional<std::size_t> index = shown_run(state);
  if (!index || state.model.training->start() == nullptr) {
    ImGui::TextDisabled(
        "%s", state.model.training->busy() ? tr("Training…") : tr("No run to show: add one in the controls."));
    return;
  }
  const NetRun& run = *state.model.training->run(*index);
  NetViewCache& c = state.view.net_views;
  const auto flags = [&c](NetView view) {
    return c.open == view ? ImGuiTabItemFlags_SetSelected : ImGuiTabItemFlags_None;
  };
  if (ImGui::BeginTabBar("##network views")) {
    // Each tab's id stays the same in every language: the tab shown stays shown when it changes.
    const auto label = [](const char* text, const char* id) { return std::string(text) + "###" + id; };
    if (ImGui::BeginTabItem(label(tr("Data and network"), "data").c_str(), nullptr, flags(NetView::data))) {
      c.shown = NetView::data;
      ImGui::BeginChild("##data and network");
      data_and_network(state, style, *index, run);
      ImGui::EndChild();
      ImGui::EndTabItem();
    }
    if (ImGui::BeginTabItem(label(tr("Layers"), "layers").c_str(), nullptr, flags(NetView::layers))) {
      c.shown = NetView::layers;
      layers(state, style, *index, run);
      ImGui::EndTabItem();
    }
    if (ImGui::BeginTabItem(label(tr("Weight-space plane"), "plane").c_str(), nullptr, flags(NetView::plane))) {
      c.shown = NetView::plane;
      draw_network_plane(state, ImGui::GetContentRegionAvail());
      ImGui::EndTabItem();
    }
    ImGui::EndTabBar();
    c.open.reset();
  }
}

void draw_network_plots(AppState& state) {
  const CanvasStyle style = ui_canvas_style(state);
  const std::vector<NetRunLine> lines = run_lines(state);
  NetCurves curves = net_curves(lines, current_step(state));
  NetViewCache& c = state.view.net_views;
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  // Stacked in the panel beside the canvas, side by side in the one below it.
  const bool beside = state.view.layout.plots_beside;
  const ImVec2 spacing = ImGui::GetStyle().ItemSpacing;
  const float parts = curves.accuracy ? 2.0f : 1.0f;
  const ImVec2 size = beside ? ImVec2(avail.x, (avail.y - (parts - 1) * spacing.y) / parts)
                             : ImVec2((avail.x - (parts - 1) * spacing.x) / parts, avail.y);
  if (state.model.training->busy()) curves.loss.title = tr_format("{0} (training…)", {curves.loss.title});
  Polylines scratch;
  std::optional<long> clicked = draw_line_plot("##net loss", curves.loss, size, style, scratch, c.curves[0]);
  if (curves.accuracy) {
    if (!beside) ImGui::SameLine();
    if (const auto s = draw_line_plot("##net accuracy", *curves.accuracy, size, style, scratch, c.curves[1]))
      clicked = s;
  }
  for (PlotColumnsCache& cache : c.curves) cache.forget_unused();
  if (clicked) {
    state.model.playback.playing = false;
    set_step(state, *clicked);
  }
}

}  // namespace optviz::gui
