// The inspector: the selected run's next update at the playhead, equation by equation, with the
// current numbers substituted for each coordinate. Every number is read from core's trajectory
// (the state before and after the update); nothing is recomputed here.
#include <imgui.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <string>
#include <vector>

#include "panels.hpp"
#include "plot_scale.hpp"

namespace optviz::gui {
namespace {

using K = OptimizerKind;

std::string n(double v) {
  const std::string s = short_number(v);
  return v < 0 ? "(" + s + ")" : s;
}

double coord(Vec2 v, int c) { return c == 0 ? v.x : v.y; }

// One equation: its symbolic form and, per coordinate, the numbers substituted and the result.
struct Equation {
  std::string form;
  std::string x;
  std::string y;
};

struct UpdateView {
  const Hyperparameters& h;
  const State& before;  // the state at the playhead (after update k)
  const State& after;   // after update k + 1
  Vec2 g;               // the gradient the update uses (with L2 weight decay when set)
  Vec2 theta;
  Vec2 next;
};

template <class F>
Equation equation(std::string form, F per_coordinate) {
  return {std::move(form), per_coordinate(0), per_coordinate(1)};
}

std::string denominator_form(const Hyperparameters& h, const char* s) {
  return h.eps_inside_sqrt ? std::string("√(") + s + "+ε)" : std::string("√") + s + "+ε";
}

std::vector<Equation> equations(const UpdateView& u) {
  const Hyperparameters& h = u.h;
  const State& b = u.before;
  const State& a = u.after;
  std::vector<Equation> out;
  auto accumulate = [&](const char* name, Vec2 State::*field, bool squared, double decay, const char* decay_name) {
    out.push_back(equation(
        std::string(name) + " = " + decay_name + "·" + name + " + (1−" + decay_name + ")·g" + (squared ? "²" : ""),
        [&](int c) {
          return n(decay) + "·" + n(coord(b.*field, c)) + " + " + n(1 - decay) + "·" + n(coord(u.g, c)) +
                 (squared ? "²" : "") + " = " + short_number(coord(a.*field, c));
        }));
  };
  auto step_size = [&](std::string form) {
    out.push_back(equation("step = " + std::move(form), [&](int c) { return short_number(coord(a.lr, c)); }));
  };
  switch (h.kind) {
    case K::sgd:
      step_size("η");
      break;
    case K::momentum:
    case K::nesterov:
      if (a.t == 1 || h.momentum == 0) {
        out.push_back(equation("buf = g", [&](int c) { return short_number(coord(a.buf, c)); }));
      } else {
        const double damp = h.kind == K::nesterov ? 0.0 : h.dampening;
        out.push_back(equation("buf = μ·buf + (1−damp)·g", [&](int c) {
          return n(h.momentum) + "·" + n(coord(b.buf, c)) + " + " + n(1 - damp) + "·" + n(coord(u.g, c)) + " = " +
                 short_number(coord(a.buf, c));
        }));
      }
      step_size("η");
      break;
    case K::adagrad:
      out.push_back(equation("G = G + g²", [&](int c) {
        return n(coord(b.G, c)) + " + " + n(coord(u.g, c)) + "² = " + short_number(coord(a.G, c));
      }));
      out.push_back(equation(denominator_form(h, "G"), [&](int c) { return short_number(h.eta / coord(a.lr, c)); }));
      step_size(h.lr_decay != 0 ? "η/(1+(t−1)·decay) / (" + denominator_form(h, "G") + ")"
                                : "η/(" + denominator_form(h, "G") + ")");
      break;
    case K::rmsprop:
      accumulate("G", &State::G, true, h.rho, "ρ");
      if (h.centered) accumulate("gavg", &State::gavg, false, h.rho, "ρ");
      out.push_back(equation(denominator_form(h, h.centered ? "(G−gavg²)" : "G"),
                             [&](int c) { return short_number(h.eta / coord(a.lr, c)); }));
      step_size("η/(" + denominator_form(h, h.centered ? "(G−gavg²)" : "G") + ")");
      if (h.momentum > 0)
        out.push_back(equation("buf = μ·buf + g/(√G+ε)", [&](int c) { return short_number(coord(a.buf, c)); }));
      break;
    case K::adam:
    case K::adamw:
    case K::nadam:
      accumulate("m", &State::m, false, h.beta1, "β₁");
      accumulate("v", &State::v, true, h.beta2, "β₂");
      if (h.amsgrad) {
        out.push_back(equation("vmax = max(vmax, v)", [&](int c) { return short_number(coord(a.vmax, c)); }));
      }
      out.push_back(equation(h.bias_correction ? "√v^+ε,  v^ = v/(1−β₂^t)" : "√v+ε",
                             [&](int c) { return short_number(h.eta / coord(a.lr, c)); }));
      step_size(h.bias_correction ? "η/(√v^+ε)" : "η/(√v+ε)");
      break;
    case K::adamax:
      accumulate("m", &State::m, false, h.beta1, "β₁");
      out.push_back(equation("u = max(β₂·u, |g|+ε)", [&](int c) {
        return "max(" + n(h.beta2) + "·" + n(coord(b.u, c)) + ", |" + short_number(coord(u.g, c)) +
               "|+ε) = " + short_number(coord(a.u, c));
      }));
      step_size("η/u");
      break;
    case K::adadelta:
      accumulate("G", &State::G, true, h.rho, "ρ");
      step_size("η·√(D+ε)/√(G+ε)");
      out.push_back(equation("D = ρ·D + (1−ρ)·Δ²", [&](int c) { return short_number(coord(a.D, c)); }));
      break;
    case K::lion:
      step_size("η, times sign(β₁·m + (1−β₁)·g)");
      accumulate("m", &State::m, false, h.beta2, "β₂");
      break;
  }
  const auto delta = [&](int c) { return short_number(coord(u.next, c) - coord(u.theta, c)); };
  switch (h.kind) {
    case K::sgd:
    case K::adagrad:
    case K::adadelta:
      out.push_back(equation(
          "Δθ = −step·g", [&](int c) { return "−" + n(coord(a.lr, c)) + "·" + n(coord(u.g, c)) + " = " + delta(c); }));
      break;
    case K::rmsprop:
      if (h.momentum > 0) {
        out.push_back(equation("Δθ = −η·buf", delta));
      } else {
        out.push_back(equation("Δθ = −step·g", [&](int c) {
          return "−" + n(coord(a.lr, c)) + "·" + n(coord(u.g, c)) + " = " + delta(c);
        }));
      }
      break;
    case K::momentum:
      out.push_back(equation("Δθ = −η·buf", delta));
      break;
    case K::nesterov:
      out.push_back(equation("Δθ = −η·(g + μ·buf)", delta));
      break;
    case K::adam:
    case K::adamw:
      out.push_back(equation(h.bias_correction ? "Δθ = −step·m/(1−β₁^t)" : "Δθ = −step·m", delta));
      break;
    case K::adamax:
      out.push_back(equation("Δθ = −step·m/(1−β₁^t)", delta));
      break;
    case K::nadam:
      out.push_back(equation("Δθ = −step·(Nesterov mix of g and m)", delta));
      break;
    case K::lion:
      out.push_back(equation("Δθ = −η·sign(β₁·m + (1−β₁)·g)", delta));
      break;
  }
  return out;
}

// Text in lines that break only at spaces (ImGui's wrapping would break numbers at their point),
// each continuation under the first.
void wrapped_at_spaces(const std::string& text) {
  const float width = std::max(ImGui::GetContentRegionAvail().x, ImGui::GetFontSize() * 4);
  std::string line;
  std::size_t begin = 0;
  while (begin < text.size()) {
    std::size_t end = text.find(' ', begin + 1);
    if (end == std::string::npos) end = text.size();
    const std::string word = text.substr(begin, end - begin);
    if (!line.empty() && ImGui::CalcTextSize((line + word).c_str()).x > width) {
      ImGui::TextUnformatted(line.c_str());
      line = word.substr(word.find_first_not_of(' ') == std::string::npos ? 0 : word.find_first_not_of(' '));
    } else {
      line += word;
    }
    begin = end;
  }
  if (!line.empty()) ImGui::TextUnformatted(line.c_str());
}

// "x  0.9·22.92 + 0.1·(-5.734)² = 23.92", with the result on a line of its own when the whole
// does not fit (numbers are never broken).
void substituted(const char* coordinate, const std::string& text) {
  ImGui::TextDisabled("%s", coordinate);
  ImGui::SameLine();
  const auto split = text.rfind(" = ");
  if (split == std::string::npos || ImGui::CalcTextSize(text.c_str()).x <= ImGui::GetContentRegionAvail().x) {
    ImGui::TextUnformatted(text.c_str());
    return;
  }
  ImGui::BeginGroup();
  wrapped_at_spaces(text.substr(0, split));
  ImGui::TextUnformatted(text.substr(split + 1).c_str());
  ImGui::EndGroup();
}

// The expression of a rule statement with the names it read replaced by their values.
std::string substitute(std::string_view expression, const Rule::Trace& trace) {
  const auto name_char = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_'; };
  std::string out;
  for (std::size_t i = 0; i < expression.size();) {
    const bool starts_name = name_char(expression[i]) && std::isdigit(static_cast<unsigned char>(expression[i])) == 0 &&
                             (i == 0 || !(name_char(expression[i - 1]) || expression[i - 1] == '.'));
    if (!starts_name) {
      out += expression[i++];
      continue;
    }
    std::size_t end = i;
    while (end < expression.size() && name_char(expression[end])) ++end;
    const std::string_view name = expression.substr(i, end - i);
    std::string text(name);
    for (const auto& [read, value] : trace.reads)
      if (read == name) text = n(value);
    out += text;
    i = end;
  }
  return out;
}

// A typed rule's update k -> k+1: each statement, then per coordinate its numbers and its value,
// as core's Rule::trace computes them.
void rule_update(const RunSpec& run, const Trajectory& t, std::size_t k, CoordinateNames names) {
  const Rule& rule = *run.rule;
  const std::size_t width = rule.state().size();
  std::vector<double> before[2] = {std::vector<double>(width), std::vector<double>(width)};
  for (std::size_t i = 0; i < width && k > 0; ++i) {
    before[0][i] = t.rule_variable(k - 1, i).x;
    before[1][i] = t.rule_variable(k - 1, i).y;
  }
  const long update = static_cast<long>(k) + 1;
  const std::vector<Rule::Trace> traces[2] = {
      rule.trace(run.hyper, update, t.position[k].x, t.gradient[k].x, before[0]),
      rule.trace(run.hyper, update, t.position[k].y, t.gradient[k].y, before[1])};
  for (std::size_t s = 0; s < rule.statements().size(); ++s) {
    const Statement& statement = rule.statements()[s];
    wrapped_at_spaces(statement.text);
    const std::string_view expression = std::string_view(statement.text).substr(statement.text.find('=') + 1);
    ImGui::Indent();
    for (int c = 0; c < 2; ++c) {
      const Rule::Trace& trace = traces[c][s];
      substituted(c == 0 ? names.x : names.y,
                  statement.target + " =" + substitute(expression, trace) + " = " + short_number(trace.value));
    }
    ImGui::Unindent();
  }
}

void vector_row(const char* name, Vec2 v) {
  ImGui::TableNextRow();
  ImGui::TableNextColumn();
  ImGui::TextUnformatted(name);
  ImGui::TableNextColumn();
  ImGui::TextUnformatted(short_number(v.x).c_str());
  ImGui::TableNextColumn();
  ImGui::TextUnformatted(short_number(v.y).c_str());
}

void run_picker(AppState& state) {
  const auto& runs = state.simulated.runs;
  const std::string preview = state.selected && *state.selected < runs.size() ? runs[*state.selected].label : "none";
  ImGui::SetNextItemWidth(-1);
  if (ImGui::BeginCombo("##inspected", preview.c_str())) {
    for (std::size_t i = 0; i < runs.size(); ++i) {
      ImGui::PushID(static_cast<int>(i));
      if (ImGui::Selectable(runs[i].label.c_str(), state.selected && *state.selected == i)) state.selected = i;
      ImGui::PopID();
    }
    ImGui::EndCombo();
  }
  tooltip("The run to inspect (also: click a run in the list, or keys 1-9)");
}

}  // namespace

void draw_inspector_panel(AppState& state) {
  if (!begin_panel("Inspector", state.layout.inspector)) {
    ImGui::End();
    return;
  }
  run_picker(state);
  if (!state.selected || *state.selected >= state.runs.size() || *state.selected >= state.simulated.runs.size()) {
    ImGui::TextDisabled("Select a run to see its update");
    ImGui::End();
    return;
  }
  const std::size_t index = *state.selected;
  const RunSpec& run = state.simulated.runs[index];
  const Trajectory& t = state.runs[index];
  const long step = std::min<long>(current_step(state), static_cast<long>(t.rows()) - 1);
  if (step < 0) {
    ImGui::End();
    return;
  }
  const auto k = static_cast<std::size_t>(step);
  const CoordinateNames names = coordinate_names(current_function(state));
  const bool has_next = k < t.updates();
  if (t.diverged_at && step >= *t.diverged_at) {
    ImGui::TextColored(error_colour(state), "%s: the position or gradient is no longer finite (or beyond 1e12)",
                       t.status().c_str());
  } else if (has_next) {
    ImGui::Text("%s, update %ld → %ld", run.rule ? "Typed rule" : std::string(title(run.hyper.kind)).c_str(), step,
                step + 1);
    if (!run.rule) tooltip(std::string(update_rule(run.hyper.kind)).c_str());
  } else {
    ImGui::Text("Step %ld: the last of the run, f = %s", step, short_number(t.value[k]).c_str());
  }

  if (ImGui::BeginTable("values", 3, ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_RowBg)) {
    ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn(names.x, ImGuiTableColumnFlags_WidthStretch, 1.2f);
    ImGui::TableSetupColumn(names.y, ImGuiTableColumnFlags_WidthStretch, 1.2f);
    ImGui::TableHeadersRow();
    vector_row("θ", t.position[k]);
    // The gradient the update used: of a mini-batch, with noise, or the exact one.
    vector_row(run.noise > 0 ? "g (noisy)" : run.batch > 0 ? "g (batch)" : "g = ∇f(θ)", t.gradient[k]);
    ImGui::EndTable();
  }
  if (!has_next) {
    ImGui::End();
    return;
  }
  if (run.rule) {
    ImGui::PushFont(state.fonts.mono);
    rule_update(run, t, k, names);
    ImGui::PopFont();
    ImGui::End();
    return;
  }
  const Hyperparameters& h = run.hyper;
  const State before = k > 0 ? t.state(k - 1) : initial_state<Vec2>(h);
  Vec2 g = t.gradient[k];
  const bool l2 = h.weight_decay != 0 && !decoupled_weight_decay(h.kind);
  if (l2) {
    g = g + h.weight_decay * t.position[k];
    ImGui::TextDisabled("g below includes weight decay: g + wd·θ");
  }
  const UpdateView view{h, before, t.state(k), g, t.position[k], t.position[k + 1]};
  ImGui::PushFont(state.fonts.mono);
  for (const Equation& e : equations(view)) {
    ImGui::TextUnformatted(e.form.c_str());
    ImGui::Indent();
    substituted(names.x, e.x);
    substituted(names.y, e.y);
    ImGui::Unindent();
  }
  ImGui::PopFont();
  ImGui::Spacing();
  ImGui::PushTextWrapPos(0);
  ImGui::TextDisabled(
      "On the canvas: %s and the momentum (yellow) show directions; Δθ, in the run's "
      "colour, the step (drawn at least 40 px long).",
      sees_noisy_gradients(run) ? "−g (white: the gradient this update used)" : "−∇f (white)");
  ImGui::PopTextWrapPos();
  ImGui::End();
}

}  // namespace optviz::gui
