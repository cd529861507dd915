// The controls of a network scenario (in the controls panel, below the function's combo): the data
// (Playground's sets with their points, noise and test share, New points), the features, the
// layers (add and remove layers and units), the activation and the loss, the steps and the seed.
// Each edit changes the scenario; the model trains the runs again in the background.
#include <imgui.h>

#include <algorithm>
#include <string>

#include "panels.hpp"
#include "translate.hpp"

namespace optviz::gui {
namespace {

constexpr Playground kSets[] = {Playground::circle, Playground::xor_,  Playground::gauss,
                                Playground::spiral, Playground::plane, Playground::multi_gauss};

const char* set_help(Playground set) {
  switch (set) {
    case Playground::circle:
      return tr("Class 1 inside a circle, class 0 in a ring around it");
    case Playground::xor_:
      return tr("The four quadrants: the class is the sign of x1·x2");
    case Playground::gauss:
      return tr("Two Gaussian clouds, one per class");
    case Playground::spiral:
      return tr("Two interleaved spirals: hard for a small network");
    case Playground::plane:
      return tr("Regression: y grows linearly across the plane");
    case Playground::multi_gauss:
      return tr("Regression: y from a sum of Gaussian bumps");
  }
  return "";
}

void data_rows(NetworkSetup& n) {
  label_column(tr("Data"));
  ImGui::SetNextItemWidth(-1);
  const std::string preview = n.recipe ? std::string(name(n.recipe->set)) : n.source;
  if (ImGui::BeginCombo("##network data", preview.c_str())) {
    for (Playground set : kSets) {
      const bool selected = n.recipe && n.recipe->set == set;
      if (ImGui::Selectable(std::string(name(set)).c_str(), selected)) {
        PlaygroundRecipe recipe = n.recipe.value_or(PlaygroundRecipe{});
        recipe.set = set;
        n.recipe = recipe;
        n.loss = is_classification(set) ? NetLoss::logistic : NetLoss::mse;
      }
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", set_help(set));
    }
    ImGui::EndCombo();
  }
  tooltip(tr("TensorFlow Playground's data sets"));
  if (!n.recipe) {
    ImGui::TextDisabled("%s", tr_format("{0} rows from {1}", {std::to_string(n.rows.size()), n.source}).c_str());
    return;
  }
  PlaygroundRecipe& r = *n.recipe;
  label_column(tr("Points"));
  ImGui::SetNextItemWidth(-1);
  int points = static_cast<int>(std::min<std::size_t>(r.rows, 2000));
  // TRANSLATORS: {0} is the number of points.
  const std::string points_format = tr_printf("{0} points", {"%d"});
  if (ImGui::SliderInt("##net points", &points, 10, 2000, points_format.c_str(),
                       ImGuiSliderFlags_AlwaysClamp | ImGuiSliderFlags_Logarithmic))
    r.rows = static_cast<std::size_t>(points);
  tooltip(tr("How many points to draw (Ctrl+click to type)"));
  label_column(tr("Noise"));
  ImGui::SetNextItemWidth(-1);
  int noise = static_cast<int>(std::lround(r.noise * 100));
  if (ImGui::SliderInt("##net noise", &noise, 0, 50, "%d%%", ImGuiSliderFlags_AlwaysClamp)) r.noise = noise / 100.0;
  tooltip(tr("Playground's noise: how far the points stray from their pattern"));
}

void split_row(AppState& state, NetworkSetup& n) {
  label_column(tr("Test"));
  const char* new_points = tr("New points");
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x - ImGui::CalcTextSize(new_points).x -
                          ImGui::GetStyle().FramePadding.x * 2 - ImGui::GetStyle().ItemSpacing.x);
  int percent = static_cast<int>(std::lround(n.test_fraction * 100));
  // TRANSLATORS: {0} is the share of the points held out for the test set, in percent ("20%").
  const std::string test_format = tr_printf("{0} test", {"%d%%"});
  if (ImGui::SliderInt("##test share", &percent, 0, 90, test_format.c_str(), ImGuiSliderFlags_AlwaysClamp))
    n.test_fraction = percent / 100.0;
  tooltip(tr("The share of the points held out: the test loss is measured on them, never trained on"));
  ImGui::SameLine();
  ImGui::BeginDisabled(!n.recipe);
  if (ImGui::Button(new_points)) new_network_points(state);
  ImGui::EndDisabled();
  tooltip(tr("Draw other points from the same recipe (another seed)"));
}

void feature_rows(NetworkSetup& n) {
  label_column(tr("Inputs"));
  constexpr Feature kAll[] = {Feature::x1,    Feature::x2,     Feature::x1_squared, Feature::x2_squared,
                              Feature::x1_x2, Feature::sin_x1, Feature::sin_x2};
  const float start = ImGui::GetCursorPosX();
  for (Feature f : kAll) {
    const auto at = std::find(n.features.begin(), n.features.end(), f);
    bool on = at != n.features.end();
    const std::string label(name(f));
    const float width =
        ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x + ImGui::CalcTextSize(label.c_str()).x;
    if (f != kAll[0]) {
      ImGui::SameLine();
      if (ImGui::GetCursorPosX() + width > ImGui::GetWindowContentRegionMax().x) {
        ImGui::NewLine();
        ImGui::SetCursorPosX(start);
      }
    }
    ImGui::BeginDisabled(on && n.features.size() == 1);  // a network reads at least one feature
    if (ImGui::Checkbox(label.c_str(), &on)) {
      if (on) {
        n.features.push_back(f);
        // In the fixed order of the features, as `--features` and the file list them.
        std::sort(n.features.begin(), n.features.end());
      } else {
        n.features.erase(std::find(n.features.begin(), n.features.end(), f));
      }
    }
    ImGui::EndDisabled();
    tooltip(tr("A feature of each point the network reads as an input"));
  }
}

void layer_rows(NetworkSetup& n) {
  label_column(tr("Layers"));
  ImGui::BeginDisabled(n.hidden.size() >= kMaxHiddenLayers);
  if (ImGui::Button("+##layer")) n.hidden.push_back(n.hidden.empty() ? 4 : n.hidden.back());
  ImGui::EndDisabled();
  tooltip(tr("Add a hidden layer"));
  ImGui::SameLine();
  ImGui::BeginDisabled(n.hidden.empty());
  if (ImGui::Button("-##layer")) n.hidden.pop_back();
  ImGui::EndDisabled();
  tooltip(tr("Remove the last hidden layer"));
  ImGui::SameLine();
  ImGui::TextDisabled("%s", tr_format("{0} hidden", {std::to_string(n.hidden.size())}).c_str());
  for (std::size_t l = 0; l < n.hidden.size(); ++l) {
    ImGui::PushID(static_cast<int>(l));
    label_column(("  " + std::to_string(l + 1)).c_str());
    ImGui::BeginDisabled(n.hidden[l] >= kMaxUnits);
    if (ImGui::Button("+")) ++n.hidden[l];
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::BeginDisabled(n.hidden[l] <= 1);
    if (ImGui::Button("-")) --n.hidden[l];
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::TextUnformatted(tr_format("{0} units", {std::to_string(n.hidden[l])}).c_str());
    ImGui::PopID();
  }
  label_column(tr("Activation"));
  for (Activation a : {Activation::tanh, Activation::relu, Activation::sigmoid}) {
    if (a != Activation::tanh) ImGui::SameLine();
    if (ImGui::RadioButton(std::string(name(a)).c_str(), n.activation == a)) n.activation = a;
  }
  tooltip(tr("The hidden units' activation; the output is linear, read through the loss"));
  label_column(tr("Loss"));
  for (NetLoss l : {NetLoss::logistic, NetLoss::mse}) {
    if (l != NetLoss::logistic) ImGui::SameLine();
    if (ImGui::RadioButton(std::string(name(l)).c_str(), n.loss == l)) n.loss = l;
  }
  tooltip(tr("logistic: labels 0 and 1, the output is the probability of 1; mse: the mean squared error"));
}

void course_rows(AppState& state) {
  Scenario& s = state.model.scenario;
  label_column(tr("Steps"));
  ImGui::SetNextItemWidth(-1);
  int steps = static_cast<int>(std::min<long>(s.course.steps, kMaxSteps));
  if (ImGui::InputInt("##net steps", &steps, 100, 1000, ImGuiInputTextFlags_EnterReturnsTrue)) {
    if (steps < 1 || steps > max_steps(state))
      set_notice(state, tr_format("invalid steps: must be in [1, {0}]", {std::to_string(max_steps(state))}), true);
    else
      s.course.steps = steps;
  }
  tooltip(tr("Updates per run (Enter to apply)"));
  label_column(tr("Seed"));
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 4.5f);
  std::uint64_t seed = s.course.seed;
  if (ImGui::InputScalar("##net seed", ImGuiDataType_U64, &seed, nullptr, nullptr, nullptr,
                         ImGuiInputTextFlags_EnterReturnsTrue))
    s.course.seed = seed;
  tooltip(tr("The seed of the split, the initial weights and the shuffled batches (Enter to apply)"));
  ImGui::SameLine();
  if (ImGui::Button(tr("New seed"))) new_seed(state);
  tooltip(tr("Other initial weights, another split and other shuffles"));
}

}  // namespace

void draw_network_section(AppState& state) {
  if (!state.model.scenario.network) return;
  NetworkSetup& n = *state.model.scenario.network;
  ImGui::PushID("network");
  data_rows(n);
  split_row(state, n);
  feature_rows(n);
  layer_rows(n);
  course_rows(state);
  ImGui::PopID();
}

}  // namespace optviz::gui
