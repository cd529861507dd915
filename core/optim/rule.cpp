#include "rule.hpp"

#include <algorithm>

#include "translate.hpp"

namespace optviz {
namespace {

// Registers: g, theta, t, then every hyperparameter of the table, then the state variables.
constexpr std::size_t kG = 0, kTheta = 1, kT = 2, kFirstParameter = 3;

std::vector<std::string_view> fixed_names() {
  std::vector<std::string_view> names = {"g", "theta", "t"};
  for (const RealParameter& p : real_parameters()) names.push_back(p.name);
  return names;
}

std::string role_of(std::string_view name) {
  if (name == "t") return tr("the update's number, which the rule reads");
  if (name == "pi" || name == "e") return tr("a constant");
  for (const RealParameter& p : real_parameters())
    if (p.name == name) return tr_format("a hyperparameter, set by --{0}", {p.flag});
  return "";
}

}  // namespace

Rule::Rule(std::string_view text) : text_(text), statements_(split_statements(text)) {
  if (statements_.empty()) throw ExpressionError(tr("a rule needs statements such as theta = theta - eta*g"), 1);
  const std::vector<std::string_view> fixed = fixed_names();
  bool assigns_theta = false;
  for (const Statement& s : statements_) {
    if (const std::string role = role_of(s.target); !role.empty())
      throw ExpressionError(tr_format("cannot assign to {0} ({1})", {s.target, role}), s.column);
    if (s.target == "theta") {
      assigns_theta = true;
      continue;
    }
    if (s.target == "g") continue;  // the gradient of this update, changed (weight decay: g = g + ...)
    if (std::find(state_.begin(), state_.end(), s.target) != state_.end()) continue;
    if (state_.size() == kMaxRuleStateVariables)
      throw ExpressionError(
          tr_format("too many state variables (at most {0})", {std::to_string(kMaxRuleStateVariables)}), s.column);
    state_.push_back(s.target);
  }
  if (!assigns_theta)
    throw ExpressionError(tr("the rule never assigns theta: end it with theta = theta - ..."), text.size() + 1);
  std::vector<std::string_view> names = fixed;
  for (const std::string& name : state_) names.push_back(name);
  variables_.assign(names.begin(), names.end());
  program_ = compile_statements(text, names);
  for (const Statement& s : statements_) {
    const std::string_view expression = std::string_view(s.text).substr(s.text.find('=') + 1);
    const Program alone = compile_expression(expression, names);
    statement_reads_.emplace_back(alone.variables_read().begin(), alone.variables_read().end());
  }
  const auto parameters = real_parameters();
  for (std::size_t i = 0; i < parameters.size(); ++i) {
    const auto read = program_.variables_read();
    if (std::find(read.begin(), read.end(), kFirstParameter + i) != read.end()) reads_.push_back(&parameters[i]);
  }
}

bool Rule::reads_parameter(std::string_view name) const {
  return std::any_of(reads_.begin(), reads_.end(), [&](const RealParameter* p) { return p->name == name; });
}

std::optional<std::size_t> Rule::state_index(std::string_view name) const {
  const auto it = std::find(state_.begin(), state_.end(), name);
  if (it == state_.end()) return std::nullopt;
  return static_cast<std::size_t>(it - state_.begin());
}

std::string default_accumulator(const Rule& rule) {
  return rule.state_index("G") || rule.state().empty() ? "G" : rule.state().front();
}

double Rule::step(const Hyperparameters& h, long t, double theta, double g, std::span<double> state,
                  std::vector<double>& registers) const {
  if (registers.size() < program_.register_count()) registers.resize(program_.register_count());
  const std::span<double> r(registers.data(), program_.register_count());
  r[kG] = g;
  r[kTheta] = theta;
  r[kT] = static_cast<double>(t);
  const auto parameters = real_parameters();
  for (std::size_t i = 0; i < parameters.size(); ++i) r[kFirstParameter + i] = h.*parameters[i].member;
  const std::size_t first_state = kFirstParameter + parameters.size();
  std::copy(state.begin(), state.end(), r.begin() + static_cast<std::ptrdiff_t>(first_state));
  program_.run(r);
  std::copy_n(r.begin() + static_cast<std::ptrdiff_t>(first_state), state.size(), state.begin());
  return r[kTheta];
}

std::vector<Rule::Trace> Rule::trace(const Hyperparameters& h, long t, double theta, double g,
                                     std::span<const double> state_before) const {
  // The variables as the statements see them: fill them like step(), then follow the stores.
  std::vector<double> values(variables_.size());
  values[kG] = g;
  values[kTheta] = theta;
  values[kT] = static_cast<double>(t);
  const auto parameters = real_parameters();
  for (std::size_t i = 0; i < parameters.size(); ++i) values[kFirstParameter + i] = h.*parameters[i].member;
  std::copy(state_before.begin(), state_before.end(),
            values.begin() + static_cast<std::ptrdiff_t>(kFirstParameter + parameters.size()));
  std::vector<double> registers(program_.register_count());
  std::copy(values.begin(), values.end(), registers.begin());
  program_.run(registers);
  std::vector<Trace> out;
  std::size_t statement = 0;
  for (std::size_t i = 0; i < program_.instructions().size(); ++i) {
    const Program::Instruction& in = program_.instructions()[i];
    if (in.op != Program::Op::store) continue;
    Trace trace;
    trace.value = registers[program_.variable_count() + program_.constants().size() + i];
    for (const std::uint32_t v : statement_reads_[statement]) trace.reads.emplace_back(variables_[v], values[v]);
    values[in.b] = trace.value;
    out.push_back(std::move(trace));
    ++statement;
  }
  return out;
}

std::optional<ParameterProblem> find_rule_problem(const Rule& rule, const Hyperparameters& h) {
  for (const RealParameter* p : rule.reads())
    if (auto problem = find_value_problem(*p, h.*p->member)) return problem;
  return std::nullopt;
}

}  // namespace optviz
