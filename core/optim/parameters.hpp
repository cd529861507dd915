// The hyperparameters described once: name, command-line flag, range, slider scale and the
// optimizers that take each. The command line, validation, scenario files, `optviz list` and the
// sliders all read these tables.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "number_text.hpp"
#include "optimizer.hpp"

namespace optviz {

// How a slider should move through the range.
enum class SliderScale {
  linear,
  log,            // many decades: eta, eps (0 reachable at the left end)
  one_minus_log,  // fine control near 1: rho, betas, momentum
};

struct RealParameter {
  std::string_view name;    // key in scenario files and label: "weight_decay"
  std::string_view flag;    // command-line flag without dashes: "weight-decay"
  std::string_view alias;   // a second flag or "": "lr" for eta
  std::string_view symbol;  // for labels and formulas: "β₁" for beta1 (see parameter_symbol)
  std::string_view help;
  double Hyperparameters::*member;
  double min;
  double max;  // inclusive bounds; max may be infinity
  SliderScale scale;
  unsigned kinds;  // bit (1 << kind) for each optimizer that takes it

  bool applies_to(OptimizerKind kind) const { return (kinds >> static_cast<unsigned>(kind)) & 1u; }
};

struct FlagParameter {
  std::string_view name;   // key in scenario files: "bias_correction"
  std::string_view flag;   // command-line flag: "no-bias-correction"
  std::string_view label;  // beside its checkbox: "bias correction"
  std::string_view help;
  bool Hyperparameters::*member;
  bool value_when_given;  // what the command-line flag sets
  unsigned kinds;

  bool applies_to(OptimizerKind kind) const { return (kinds >> static_cast<unsigned>(kind)) & 1u; }
};

std::span<const RealParameter> real_parameters();
std::span<const FlagParameter> flag_parameters();

// What is wrong with a value of the parameter (not finite, out of its range), if anything.
std::optional<ParameterProblem> find_value_problem(const RealParameter& p, double value);

// The first problem of the hyperparameters that apply to h.kind.
std::optional<ParameterProblem> find_problem(const Hyperparameters& h);

// An empty string when valid, else find_problem's message: "invalid eta: -1 (must be >= 0)".
std::string validate(const Hyperparameters& h);

// "sgd, momentum, nesterov": the optimizers whose bit is set in `kinds`.
std::string optimizer_names(unsigned kinds);

// The symbol of the real parameter `name`, for labels and formulas (algorithms.hpp): "η" for eta,
// "β₁" for beta1; any other name as it is.
std::string parameter_symbol(std::string_view name);

}  // namespace optviz
