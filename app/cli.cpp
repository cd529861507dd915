#include "cli.hpp"

#include <CLI/CLI.hpp>

#include <charconv>
#include <cstdio>
#include <iostream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "atomic_file.hpp"
#include "csv.hpp"
#include "gui.hpp"
#include "parameters.hpp"
#include "test_function.hpp"
#include "trajectory.hpp"

namespace optviz {
namespace {

constexpr int kBadInput = 2;

struct BadInput : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Parses "X,Y" strictly: two finite numbers and nothing else.
Vec2 parse_point(const std::string& text, const std::string& what) {
  const auto comma = text.find(',');
  auto number = [&](std::string_view part) {
    double v = 0;
    const auto [end, ec] = std::from_chars(part.data(), part.data() + part.size(), v);
    if (part.empty() || ec != std::errc() || end != part.data() + part.size())
      throw BadInput("invalid " + what + ": \"" + text + "\" (expected X,Y, for example --" + what + "=-1.5,2)");
    return v;
  };
  if (comma == std::string::npos) number("");
  const std::string_view all(text);
  return {number(all.substr(0, comma)), number(all.substr(comma + 1))};
}

std::string defaults_table() {
  std::string out = "Defaults per optimizer (flags that do not apply to an optimizer are errors):\n";
  for (OptimizerKind kind : optimizer_kinds()) {
    const Hyperparameters h = defaults(kind);
    std::string line = "  " + std::string(name(kind)) + ":";
    for (const RealParameter& p : real_parameters())
      if (p.applies_to(kind)) line += " --" + std::string(p.flag) + " " + format_number(h.*p.member);
    for (const FlagParameter& p : flag_parameters())
      if (p.applies_to(kind)) line += " [--" + std::string(p.flag) + "]";
    out += line + "\n";
  }
  return out;
}

struct RunOptions {
  std::string function;
  std::string optimizer;
  std::string start;
  long steps = 100;
  std::string out;
  std::vector<double> reals = std::vector<double>(real_parameters().size());
  std::vector<CLI::Option*> real_options;
  std::vector<bool> flags = std::vector<bool>(flag_parameters().size());
  std::vector<CLI::Option*> flag_options;
};

void add_run_options(CLI::App& cmd, RunOptions& o) {
  cmd.add_option("--function", o.function, "test function (see `optviz list`)");
  cmd.add_option("--optimizer", o.optimizer, "optimizer (see `optviz list`)");
  cmd.add_option("--start", o.start, "start point X,Y (default: the function's); write --start=-1.5,2");
  cmd.add_option("--steps", o.steps, "number of updates (default 100, at most 1000000)");
  cmd.add_option("--out", o.out, "write the CSV to this file instead of standard output");
  const auto reals = real_parameters();
  for (std::size_t i = 0; i < reals.size(); ++i) {
    std::string names = "--" + std::string(reals[i].flag);
    if (!reals[i].alias.empty()) names += ",--" + std::string(reals[i].alias);
    o.real_options.push_back(cmd.add_option(names, o.reals[i], std::string(reals[i].help)));
  }
  const auto flags = flag_parameters();
  for (std::size_t i = 0; i < flags.size(); ++i) {
    o.flag_options.push_back(cmd.add_flag_callback("--" + std::string(flags[i].flag),
                                                   [&o, i] { o.flags[i] = true; }, std::string(flags[i].help)));
  }
  cmd.footer(defaults_table());
}

// The run's configuration from the flags; throws BadInput.
Hyperparameters hyperparameters_from(const RunOptions& o) {
  if (o.optimizer.empty()) throw BadInput("missing --optimizer (one of " + optimizer_names(~0u) + ")");
  const auto kind = find_optimizer(o.optimizer);
  if (!kind) throw BadInput("unknown optimizer \"" + o.optimizer + "\" (one of " + optimizer_names(~0u) + ")");
  Hyperparameters h = defaults(*kind);
  const auto reals = real_parameters();
  for (std::size_t i = 0; i < reals.size(); ++i) {
    if (o.real_options[i]->count() == 0) continue;
    if (!reals[i].applies_to(*kind))
      throw BadInput("--" + std::string(reals[i].flag) + " does not apply to " + o.optimizer +
                     "; it is taken by " + optimizer_names(reals[i].kinds));
    h.*reals[i].member = o.reals[i];
  }
  const auto flags = flag_parameters();
  for (std::size_t i = 0; i < flags.size(); ++i) {
    if (!o.flags[i]) continue;
    if (!flags[i].applies_to(*kind))
      throw BadInput("--" + std::string(flags[i].flag) + " does not apply to " + o.optimizer +
                     "; it is taken by " + optimizer_names(flags[i].kinds));
    h.*flags[i].member = flags[i].value_when_given;
  }
  if (const std::string problem = validate(h); !problem.empty()) throw BadInput(problem);
  return h;
}

int run_command(const RunOptions& o) {
  if (o.function.empty()) throw BadInput("missing --function (see `optviz list`)");
  const TestFunction* f = find_function(o.function);
  if (f == nullptr) throw BadInput("unknown function \"" + o.function + "\" (see `optviz list`)");
  const Hyperparameters h = hyperparameters_from(o);
  const Vec2 start = o.start.empty() ? f->start : parse_point(o.start, "start");
  if (const std::string problem = validate_run(h, start, o.steps); !problem.empty()) throw BadInput(problem);

  const Trajectory t = run(*f, h, start, o.steps);
  std::ostringstream csv;
  write_csv(csv, t, h);
  if (o.out.empty()) {
    std::cout << csv.str() << std::flush;
    if (!std::cout) {
      std::cerr << "optviz: cannot write to standard output\n";
      return 1;
    }
  } else {
    write_file_atomically(o.out, csv.str());
  }
  if (t.diverged_at) std::cerr << t.status() << "\n";
  return 0;
}

int list_command() {
  std::ostringstream out;
  out << "Functions (name: formula; view box; minima):\n";
  for (const TestFunction& f : test_functions()) {
    out << "  " << f.name << ": " << f.formula << "\n      view [" << format_number(f.view.min.x) << ", "
        << format_number(f.view.max.x) << "] x [" << format_number(f.view.min.y) << ", "
        << format_number(f.view.max.y) << "]; start " << format_number(f.start.x) << ","
        << format_number(f.start.y) << "; ";
    if (f.minima.empty()) out << "no minimum";
    for (std::size_t i = 0; i < f.minima.size(); ++i)
      out << (i ? ", " : "minima ") << "(" << format_number(f.minima[i].x) << ", " << format_number(f.minima[i].y)
          << ")";
    if (!f.minima.empty()) out << " with f = " << format_number(f.minimum_value);
    out << "\n";
  }
  out << "\nOptimizers (name: update; defaults):\n";
  for (OptimizerKind kind : optimizer_kinds()) {
    const Hyperparameters h = defaults(kind);
    out << "  " << name(kind) << " (" << title(kind) << "): " << update_rule(kind) << "\n     ";
    for (const RealParameter& p : real_parameters())
      if (p.applies_to(kind)) out << " " << p.name << "=" << format_number(h.*p.member);
    for (const FlagParameter& p : flag_parameters())
      if (p.applies_to(kind)) out << " " << p.name << "=" << (h.*p.member ? "true" : "false");
    out << "\n";
  }
  std::cout << out.str();
  return 0;
}

}  // namespace

int cli_main(int argc, char** argv) {
  CLI::App app{"optviz: watch optimizers move over 2D loss surfaces.\n"
               "With no command, opens the window on the default scenario."};
  app.set_version_flag("--version", "optviz 0.1.0");
  GuiOptions gui;
  app.add_option("--screenshot", gui.screenshot, "render the window for --frames frames, save it as PNG, exit");
  app.add_option("--frames", gui.frames, "frames to render before --screenshot (default 3)")->check(CLI::Range(1, 100000));
  app.add_option("--size", gui.size, "window size WIDTHxHEIGHT, for example 1280x800");
  app.add_option("--scale", gui.scale, "UI scale (default: the monitor's content scale)")->check(CLI::Range(0.5, 4.0));

  CLI::App* run_cmd = app.add_subcommand("run", "compute one trajectory and print it as CSV");
  RunOptions run_options;
  add_run_options(*run_cmd, run_options);
  CLI::App* list_cmd = app.add_subcommand("list", "list the test functions and optimizers with their defaults");
  app.require_subcommand(0, 1);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "optviz: " << e.what() << "\n";
    return kBadInput;
  }

  try {
    if (*run_cmd) return run_command(run_options);
    if (*list_cmd) return list_command();
    return run_gui(gui);
  } catch (const BadInput& e) {
    std::cerr << "optviz: " << e.what() << "\n";
    return kBadInput;
  } catch (const std::runtime_error& e) {
    std::cerr << "optviz: " << e.what() << "\n";
    return 1;
  }
}

}  // namespace optviz
