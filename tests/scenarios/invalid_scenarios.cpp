#include "invalid_scenarios.hpp"

namespace optviz::testing {
namespace {

// A valid scenario with `runs` and, before them, `extra` top-level members.
std::string with(const std::string& extra, const std::string& runs = R"([{"optimizer": "sgd"}])") {
  return R"({"version": 1, "function": "rosenbrock", "start": [0, 0], "steps": 10, )" + extra +
         (extra.empty() ? "" : ", ") + R"("runs": )" + runs + "}";
}

std::string run(const std::string& members) { return with("", "[" + members + "]"); }

}  // namespace

const std::vector<InvalidScenario>& invalid_scenarios() {
  static const std::vector<InvalidScenario> table = {
      {"empty", "",
       "not valid JSON: parse error at line 1, column 1: syntax error while parsing value - unexpected end of input; "
       "expected '[', '{', or a literal"},
      {"truncated", R"({"version": 1, "function": "rosenbrock", "start": [0, 0], "steps": 10, "runs": [)",
       "not valid JSON: parse error at line 1, column 81: syntax error while parsing value - unexpected end of input; "
       "expected '[', '{', or a literal"},
      {"not-an-object", "[1, 2]", "a scenario must be a JSON object {...}, got [1,2]"},
      {"missing-version", R"({"function": "rosenbrock", "start": [0, 0], "steps": 10, "runs": []})",
       "version: missing"},
      {"newer-version", R"({"version": 7, "function": "rosenbrock", "start": [0, 0], "steps": 10, "runs": []})",
       "scenario version 7 is newer than this optviz (2); update optviz"},
      {"version-as-text", R"({"version": "1", "function": "rosenbrock", "start": [0, 0], "steps": 10, "runs": []})",
       "version: must be an integer >= 1, got \"1\""},
      {"missing-function", R"({"version": 1, "start": [0, 0], "steps": 10, "runs": []})",
       "function: missing (a built-in's name, or give an \"expression\" instead)"},
      {"unknown-function", R"({"version": 1, "function": "rosenbrok", "start": [0, 0], "steps": 10, "runs": []})",
       "function: must be one of rosenbrock, beale, himmelblau, booth, rastrigin, ackley, goldstein_price, saddle, "
       "quadratic, six_hump_camel, styblinski_tang, matyas, got \"rosenbrok\""},
      {"function-as-number", R"({"version": 1, "function": 3, "start": [0, 0], "steps": 10, "runs": []})",
       "function: must be a string, got 3"},
      {"missing-start", R"({"version": 1, "function": "rosenbrock", "steps": 10, "runs": []})", "start: missing"},
      {"start-of-one-number", R"({"version": 1, "function": "rosenbrock", "start": [0], "steps": 10, "runs": []})",
       "start: must be a point [x, y], got [0]"},
      {"start-with-text", R"({"version": 1, "function": "rosenbrock", "start": ["a", 0], "steps": 10, "runs": []})",
       "start: must be a point [x, y], got [\"a\",0]"},
      {"nan", R"({"version": 1, "function": "rosenbrock", "start": [NaN, 0], "steps": 10, "runs": []})",
       "not valid JSON: parse error at line 1, column 52: syntax error while parsing value - invalid literal; last "
       "read: '\"start\": [N'"},
      {"infinite-number", R"({"version": 1, "function": "rosenbrock", "start": [1e400, 0], "steps": 10, "runs": []})",
       "not valid JSON: number overflow parsing '1e400'"},
      {"start-too-far", R"({"version": 1, "function": "rosenbrock", "start": [1e13, 0], "steps": 10, "runs": []})",
       "start: must be finite and within 1e12 in each coordinate, got 1e+13,0"},
      {"missing-steps", R"({"version": 1, "function": "rosenbrock", "start": [0, 0], "runs": []})", "steps: missing"},
      {"huge-steps", R"({"version": 1, "function": "rosenbrock", "start": [0, 0], "steps": 10000000, "runs": []})",
       "steps: must be an integer in [0, 1000000], got 10000000"},
      {"astronomical-steps", R"({"version": 1, "function": "rosenbrock", "start": [0, 0], "steps": 1e30, "runs": []})",
       "steps: must be an integer in [0, 1000000], got 1e+30"},
      {"negative-steps", R"({"version": 1, "function": "rosenbrock", "start": [0, 0], "steps": -1, "runs": []})",
       "steps: must be an integer in [0, 1000000], got -1"},
      {"fractional-steps", R"({"version": 1, "function": "rosenbrock", "start": [0, 0], "steps": 10.5, "runs": []})",
       "steps: must be an integer in [0, 1000000], got 10.5"},
      {"steps-as-text", R"({"version": 1, "function": "rosenbrock", "start": [0, 0], "steps": "100", "runs": []})",
       "steps: must be an integer in [0, 1000000], got \"100\""},
      {"too-many-steps-in-all",
       R"({"version": 1, "function": "rosenbrock", "start": [0, 0], "steps": 1000000, "runs": [{"optimizer": "sgd"}, {"optimizer": "sgd"}, {"optimizer": "sgd"}]})",
       "steps: must be at most 666666 for 3 runs (at most 2000000 steps in all), got 1000000"},
      {"missing-runs", R"({"version": 1, "function": "rosenbrock", "start": [0, 0], "steps": 10})", "runs: missing"},
      {"runs-as-object", with("", "{}"), "runs: must be an array [...], got an object"},
      {"negative-eta", with("", R"([{"optimizer": "sgd"}, {"optimizer": "sgd"}, {"optimizer": "sgd", "eta": -1}])"),
       "runs[2].eta: must be >= 0, got -1"},
      {"unknown-optimizer", run(R"({"optimizer": "adamm"})"),
       "runs[0].optimizer: must be one of sgd, momentum, nesterov, adagrad, rmsprop, adam, adamw, adadelta, adamax, "
       "nadam, lion, got \"adamm\""},
      {"missing-optimizer", run(R"({"eta": 0.1})"), "runs[0].optimizer: missing"},
      {"parameter-of-another-optimizer", run(R"({"optimizer": "adam", "rho": 0.9})"),
       "runs[0].rho: does not apply to adam (it is taken by rmsprop, adadelta)"},
      {"convention-of-another-optimizer", run(R"({"optimizer": "adam", "centered": true})"),
       "runs[0].centered: does not apply to adam (it is taken by rmsprop)"},
      {"unknown-parameter", run(R"({"optimizer": "adam", "etta": 0.1})"), "runs[0].etta: unknown key"},
      {"eta-as-text", run(R"({"optimizer": "adam", "eta": "0.1"})"), "runs[0].eta: must be a number, got \"0.1\""},
      {"flag-as-number", run(R"({"optimizer": "adam", "amsgrad": 1})"),
       "runs[0].amsgrad: must be true or false, got 1"},
      {"rho-above-one", run(R"({"optimizer": "rmsprop", "rho": 1.5})"), "runs[0].rho: must be in [0, 1], got 1.5"},
      {"colour-by-name", run(R"({"optimizer": "rmsprop", "colour": "red"})"),
       "runs[0].colour: must be a colour \"#rrggbb\", got \"red\""},
      {"visible-as-text", run(R"({"optimizer": "rmsprop", "visible": "yes"})"),
       "runs[0].visible: must be true or false, got \"yes\""},
      {"run-as-number", with("", "[3]"), "runs[0]: must be an object {...}, got 3"},
      {"repeated-key", run(R"({"optimizer": "adam", "eta": 0.1, "eta": -2})"),
       "not valid JSON for a scenario: the key \"eta\" appears twice in one object"},
      {"deep-nesting", R"({"version": 1, "function": )" + std::string(100000, '[') + std::string(100000, ']') + "}",
       "not valid JSON for a scenario: nested deeper than 16 levels"},
      {"long-unknown-key", run(R"({"optimizer": "sgd", ")" + std::string(100000, 'k') + R"(": 1})"),
       "runs[0]." + std::string(40, 'k') + "...: unknown key"},
      {"too-many-runs",
       with(
           "", "[" +
                   [] {
                     std::string runs;
                     for (int i = 0; i < 17; ++i) runs += std::string(i ? ", " : "") + R"({"optimizer": "sgd"})";
                     return runs;
                   }() +
                   "]"),
       "runs: must have at most 16 runs, got 17"},
      {"reversed-view", with(R"("view": {"x": [2, -2], "y": [-1, 3]})"),
       "view.x: must be [min, max] with min < max, finite and within 1e12, got [2, -2]"},
      {"view-without-y", with(R"("view": {"x": [-2, 2]})"), "view.y: missing"},
      {"unknown-colour-scale", with(R"("display": {"colour_scale": "sqrt"})"),
       "display.colour_scale: must be \"log\" or \"linear\", got \"sqrt\""},
      {"too-many-contours", with(R"("display": {"contour_count": 1000})"),
       "display.contour_count: must be an integer in [0, 200], got 1000"},
      {"unknown-view", with(R"("display": {"view": "4d"})"), "display.view: must be \"2d\" or \"3d\", got \"4d\""},
      {"surface-pitch-too-high", with(R"("display": {"view": "3d", "surface": {"pitch": 95}})"),
       "display.surface.pitch: must be in [5, 89] degrees, got 95"},
      {"surface-zoom-zero", with(R"("display": {"surface": {"zoom": 0}})"),
       "display.surface.zoom: must be in [0.25, 4], got 0"},
      {"surface-unknown-key", with(R"("display": {"surface": {"roll": 3}})"), "display.surface.roll: unknown key"},
      {"surface-height-scale", with(R"("display": {"surface": {"height": "sqrt"}})"),
       "display.surface.height: must be \"log\" or \"linear\", got \"sqrt\""},
      {"unknown-top-level-key", with(R"("colour": 1)"), "colour: unknown key"},
      {"title-as-number", with(R"("title": 1)"), "title: must be a string, got 1"},
      {"function-and-expression", with(R"("expression": "x^2")"),
       "expression: a scenario has one of a function, an expression or data, not several"},
      {"data-and-function", with(R"("data": {"source": "a.csv", "loss": "linear", "x": [1], "y": [2]})"),
       "data: a scenario has one of a function, an expression or data, not several"},
      {"data-bad-loss",
       R"({"version": 2, "data": {"source": "a.csv", "loss": "huber", "x": [1], "y": [2]}, "start": [0, 0], "steps": 10, "runs": []})",
       "data.loss: must be \"linear\" or \"logistic\", got \"huber\""},
      {"data-label",
       R"({"version": 2, "data": {"source": "a.csv", "loss": "logistic", "x": [1, 2], "y": [0, 2]}, "start": [0, 0], "steps": 10, "runs": []})",
       "data: row 2: a logistic label y must be 0 or 1, got 2"},
      {"data-lengths",
       R"({"version": 2, "data": {"source": "a.csv", "loss": "linear", "x": [1, 2], "y": [0]}, "start": [0, 0], "steps": 10, "runs": []})",
       "data: x and y have different lengths"},
      {"data-text",
       R"({"version": 2, "data": {"source": "a.csv", "loss": "linear", "x": [1, "a"], "y": [0, 1]}, "start": [0, 0], "steps": 10, "runs": []})",
       "data.x[1]: must be a number, got \"a\""},
      {"batch-without-data", run(R"({"optimizer": "sgd", "batch": 4})"),
       "runs[0].batch: mini-batches need a loss from data (--data)"},
      {"negative-noise", run(R"({"optimizer": "sgd", "noise": -1})"), "runs[0].noise: must be in [0, 1e6], got -1"},
      {"unknown-schedule", run(R"({"optimizer": "sgd", "schedule": {"kind": "linear"}})"),
       "runs[0].schedule.kind: must be one of constant, step, exponential, cosine, inverse_sqrt, got \"linear\""},
      {"schedule-foreign-key", run(R"({"optimizer": "sgd", "schedule": {"kind": "cosine", "gamma": 0.5}})"),
       "runs[0].schedule.gamma: unknown key for a cosine schedule"},
      {"schedule-bad-gamma", run(R"({"optimizer": "sgd", "schedule": {"kind": "step", "gamma": 0}})"),
       "runs[0].schedule: gamma: must be a number > 0, got 0"},
      {"negative-seed", with(R"("seed": -3)"), "seed: must be an integer >= 0, got -3"},
      {"bad-expression", R"({"version": 2, "expression": "x^2 + (y", "start": [0, 0], "steps": 10, "runs": []})",
       "expression: column 7: '(' is not closed"},
      {"expression-as-number", R"({"version": 2, "expression": 2, "start": [0, 0], "steps": 10, "runs": []})",
       "expression: must be a string, got 2"},
      {"bad-rule", run(R"({"rule": "theta = theta - eta*q", "eta": 0.1})"),
       "runs[0].rule: column 21: unknown name \"q\" (known: g, theta, t, eta, rho, eps, momentum, dampening, beta1, "
       "beta2, weight_decay, lr_decay, initial_accumulator, momentum_decay, pi, e)"},
      {"rule-without-theta", run(R"({"rule": "G = G + g^2"})"),
       "runs[0].rule: column 12: the rule never assigns theta: end it with theta = theta - ..."},
      {"rule-missing-parameter", run(R"({"rule": "theta = theta - eta*g"})"),
       "runs[0].eta: missing (the rule reads it)"},
      {"rule-unread-parameter", run(R"({"rule": "theta = theta - eta*g", "eta": 0.1, "rho": 0.9})"),
       "runs[0].rho: the rule does not read it"},
      {"rule-and-optimizer", run(R"({"rule": "theta = theta - eta*g", "eta": 0.1, "optimizer": "sgd"})"),
       "runs[0].optimizer: a run has either an optimizer or a rule, not both"},
      {"rule-negative-eta", run(R"({"rule": "theta = theta - eta*g", "eta": -1})"),
       "runs[0].eta: must be >= 0, got -1"},
      {"rule-unknown-accumulator", run(R"({"rule": "theta = theta - eta*g", "eta": 1, "accumulator": "G"})"),
       "runs[0].accumulator: must be one of the rule's state variables, got \"G\""},
  };
  return table;
}

}  // namespace optviz::testing
