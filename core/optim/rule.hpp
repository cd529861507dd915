// Typed update rules: an optimizer written as statements in the expression language
// (expression.hpp), evaluated in order, per coordinate, once per update:
//   G = rho*G + (1-rho)*g^2; theta = theta - eta*g/(sqrt(G)+eps)
// A rule reads g (the gradient of f at theta_{t-1}), theta (the position; what it holds after the
// last statement is theta_t), t (the update's number, 1, 2, ...) and hyperparameters by the names
// of the parameter table (eta, rho, eps, ...). Every other name it assigns is per-coordinate state
// that starts at 0 and keeps its value from one update to the next. Weight decay is not added for a
// rule: the rule writes it if it wants it, as PyTorch does, by assigning g (g = g +
// weight_decay*theta): g holds the gradient again at the start of every update.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "expression.hpp"
#include "optimizer.hpp"
#include "parameters.hpp"

namespace optviz {

inline constexpr std::size_t kMaxRuleStateVariables = 32;

class Rule {
 public:
  // Throws ExpressionError (with the column) for a malformed rule, an unknown name, an
  // assignment to t, a hyperparameter or a constant, and a rule that never assigns theta.
  explicit Rule(std::string_view text);

  const std::string& text() const { return text_; }
  const std::vector<Statement>& statements() const { return statements_; }
  // The state variables, in the order of their first assignment.
  const std::vector<std::string>& state() const { return state_; }
  // The hyperparameters the rule reads, in the table's order.
  const std::vector<const RealParameter*>& reads() const { return reads_; }
  bool reads_parameter(std::string_view name) const;
  // The index of a state variable, if the rule has it.
  std::optional<std::size_t> state_index(std::string_view name) const;

  // One statement of an update as it ran: the value it assigned and the values of the names it
  // read (variables, g, theta, t, hyperparameters), in order of first appearance.
  struct Trace {
    double value = 0;
    std::vector<std::pair<std::string, double>> reads;
  };
  // The statements of one update of one coordinate, from the state before it (what step() does,
  // statement by statement, for the inspector).
  std::vector<Trace> trace(const Hyperparameters& h, long t, double theta, double g,
                           std::span<const double> state_before) const;

  // One update of one coordinate: returns theta_t and advances `state` (state().size() values).
  // Never throws; `registers` is scratch space that the caller keeps between calls.
  double step(const Hyperparameters& h, long t, double theta, double g, std::span<double> state,
              std::vector<double>& registers) const;

  friend bool operator==(const Rule& a, const Rule& b) { return a.text_ == b.text_; }

 private:
  std::string text_;
  std::vector<Statement> statements_;
  std::vector<std::string> state_;
  std::vector<const RealParameter*> reads_;
  std::vector<std::string> variables_;                       // the register names (owned: a Rule copies)
  std::vector<std::vector<std::uint32_t>> statement_reads_;  // the variables each statement reads
  Program program_;
};

// The state variable of a typed rule that the app plots as G_t at first, and a network's statistics
// take as its accumulator: G, else its first ("G" for a rule without state).
std::string default_accumulator(const Rule& rule);

// The first problem of the hyperparameters that the rule reads (non-finite or out of range).
std::optional<ParameterProblem> find_rule_problem(const Rule& rule, const Hyperparameters& h);

}  // namespace optviz
