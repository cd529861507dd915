// The controls of a network scenario (in the controls panel, below the function's combo): the data
// (Playground's sets with their points, noise and test share, New points), the features, the
// layers (add and remove layers and units), the activation and the loss, the steps and the seed.
// Each edit changes the scenario; the model trains the runs again in the background.
#include <imgui.h>

#include <algorithm>
#include <string>

#include "panels.hpp"

namespace optviz::gui {
namespace {

constexpr Playground kSets[] = {Playground::circle, Playground::xor_,  Playground::gauss,
                                Playground::spiral, Playground::plane, Playground::multi_gauss};

const char* set_help(Playground set) {
  switch (set) {
    case Playground::circle:
      return "Class 1 inside a circle, class 0 in a ring around it";
    case Playground::xor_:
      return "The four quadrants: the class is the sign of x1·x2";
    case Playground::gauss:
      return "Two Gaussian clouds, one per class";
    case Playground::spiral:
      return "Two interleaved spirals: hard for a small network";
    case Playground::plane:
      return "Regression: y grows linearly across the plane";
    case Playground::multi_gauss:
      return "Regression: y from a sum of Gaussian bumps";
  }
  return "";
}

void data_rows(NetworkSetup& n) {
  label_column("Data");
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
  tooltip("TensorFlow Playground's data sets");
  if (!n.recipe) {
    ImGui::TextDisabled("%zu rows from %s", n.rows.size(), n.source.c_str());
    return;
  }
  PlaygroundRecipe& r = *n.recipe;
  label_column("Points");
  ImGui::SetNextItemWidth(-1);
  int points = static_cast<int>(std::min<std::size_t>(r.rows, 2000));
  if (ImGui::SliderInt("##net points", &points, 10, 2000, "%d points",
                       ImGuiSliderFlags_AlwaysClamp | ImGuiSliderFlags_Logarithmic))
    r.rows = static_cast<std::size_t>(points);
  tooltip("How many points to draw (Ctrl+click to type)");
  label_column("Noise");
  ImGui::SetNextItemWidth(-1);
  int noise = static_cast<int>(std::lround(r.noise * 100));
  if (ImGui::SliderInt("##net noise", &noise, 0, 50, "%d%%", ImGuiSliderFlags_AlwaysClamp)) r.noise = noise / 100.0;
  tooltip("Playground's noise: how far the points stray from their pattern");
}

void split_row(AppState& state, NetworkSetup& n) {
  label_column("Test");
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x - ImGui::CalcTextSize("New points").x -
                          ImGui::GetStyle().FramePadding.x * 2 - ImGui::GetStyle().ItemSpacing.x);
  int percent = static_cast<int>(std::lround(n.test_fraction * 100));
  if (ImGui::SliderInt("##test share", &percent, 0, 90, "%d%% test", ImGuiSliderFlags_AlwaysClamp))
    n.test_fraction = percent / 100.0;
  tooltip("The share of the points held out: the test loss is measured on them, never trained on");
  ImGui::SameLine();
  ImGui::BeginDisabled(!n.recipe);
  if (ImGui::Button("New points")) new_network_points(state);
  ImGui::EndDisabled();
  tooltip("Draw other points from the same recipe (another seed)");
}

void feature_rows(NetworkSetup& n) {
  label_column("Inputs");
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
    tooltip("A feature of each point the network reads as an input");
  }
}

void layer_rows(NetworkSetup& n) {
  label_column("Layers");
  ImGui::BeginDisabled(n.hidden.size() >= kMaxHiddenLayers);
  if (ImGui::Button("+##layer")) n.hidden.push_back(n.hidden.empty() ? 4 : n.hidden.back());
  ImGui::EndDisabled();
  tooltip("Add a hidden layer");
  ImGui::SameLine();
  ImGui::BeginDisabled(n.hidden.empty());
  if (ImGui::Button("-##layer")) n.hidden.pop_back();
  ImGui::EndDisabled();
  tooltip("Remove the last hidden layer");
  ImGui::SameLine();
  ImGui::TextDisabled("%zu hidden", n.hidden.size());
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
    ImGui::Text("%zu units", n.hidden[l]);
    ImGui::PopID();
  }
  label_column("Activation");
  for (Activation a : {Activation::tanh, Activation::relu, Activation::sigmoid}) {
    if (a != Activation::tanh) ImGui::SameLine();
    if (ImGui::RadioButton(std::string(name(a)).c_str(), n.activation == a)) n.activation = a;
  }
  tooltip("The hidden units' activation; the output is linear, read through the loss");
  label_column("Loss");
  for (NetLoss l : {NetLoss::logistic, NetLoss::mse}) {
    if (l != NetLoss::logistic) ImGui::SameLine();
    if (ImGui::RadioButton(std::string(name(l)).c_str(), n.loss == l)) n.loss = l;
  }
  tooltip("logistic: labels 0 and 1, the output is the probability of 1; mse: the mean squared error");
}

void course_rows(AppState& state) {
  Scenario& s = state.model.scenario;
  label_column("Steps");
  ImGui::SetNextItemWidth(-1);
  int steps = static_cast<int>(std::min<long>(s.course.steps, kMaxSteps));
  if (ImGui::InputInt("##net steps", &steps, 100, 1000, ImGuiInputTextFlags_EnterReturnsTrue)) {
    if (steps < 1 || steps > max_steps(state))
      set_notice(state, "invalid steps: must be in [1, " + std::to_string(max_steps(state)) + "]", true);
    else
      s.course.steps = steps;
  }
  tooltip("Updates per run (Enter to apply)");
  label_column("Seed");
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 4.5f);
  std::uint64_t seed = s.course.seed;
  if (ImGui::InputScalar("##net seed", ImGuiDataType_U64, &seed, nullptr, nullptr, nullptr,
                         ImGuiInputTextFlags_EnterReturnsTrue))
    s.course.seed = seed;
  tooltip("The seed of the split, the initial weights and the shuffled batches (Enter to apply)");
  ImGui::SameLine();
  if (ImGui::Button("New seed")) new_seed(state);
  tooltip("Other initial weights, another split and other shuffles");
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
