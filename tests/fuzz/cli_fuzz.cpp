// libFuzzer target: the command line, through optviz::cli_main.
//
// The input is a list of arguments, one a line. The first argument is always "run" or "list"
// (an input that starts otherwise gets "run" in front): with no command the window would open,
// and `render` needs a GL context. Nothing may touch files outside the fuzzer's directory, so
//   --out...      becomes --out=TEMP/out.csv,
//   --out-dir...  becomes --out-dir=TEMP/runs,
//   @png          names TEMP/scenario.png, a figure with a scenario inside, written at start-up,
//   @json, and any other argument with a '/' in it, names TEMP/scenario.json.
// Inputs asking for more than kMaxFuzzSteps steps are skipped: a full million-step run is a
// documented, bounded cost, not something to repeat thousands of times a second.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "cli.hpp"
#include "fuzz_support.hpp"
#include "gui.hpp"
#include "hidden_figure_renderer.hpp"
#include "image.hpp"
#include "png_file.hpp"
#include "scenario.hpp"
#include "scenario_file.hpp"

namespace {

constexpr long long kMaxFuzzSteps = 2000;

std::vector<std::string> split_lines(std::string_view text) {
  std::vector<std::string> out;
  while (!text.empty()) {
    const auto end = text.find('\n');
    out.emplace_back(text.substr(0, end));
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
  return out;
}

// The step count the way CLI11 reads an integer (strtoll, base 0), or 0 when it is no number.
long long steps_value(const std::string& text) { return std::strtoll(text.c_str(), nullptr, 0); }

bool starts_with(const std::string& text, std::string_view prefix) { return text.rfind(prefix, 0) == 0; }

// The scenario files that @json and @png name: the default scenario, cut short.
void write_scenario_files() {
  optviz::Scenario scenario = optviz::default_scenario();
  scenario.course.steps = 50;
  const std::string json = optviz::to_json(scenario);
  optviz::save_scenario(optviz::fuzz::temp_dir() / "scenario.json", scenario);
  optviz::Image image{4, 3, std::vector<std::uint8_t>(4 * 3 * 4, 200)};
  optviz::write_png(optviz::fuzz::temp_dir() / "scenario.png", image, json);
}

}  // namespace

// The fuzzer never opens a window or a GL context: every input runs "run" or "list", so neither
// is reached (a call would be a bug in this harness, and traps).
int optviz::run_gui(const GuiOptions&) { __builtin_trap(); }
std::unique_ptr<optviz::FigureRenderer> optviz::make_hidden_figure_renderer(std::string&) { __builtin_trap(); }

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  write_scenario_files();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::vector<std::string> args = split_lines(std::string_view(reinterpret_cast<const char*>(data), size));
  if (args.empty() || (args.front() != "run" && args.front() != "list")) args.insert(args.begin(), "run");

  const auto& dir = optviz::fuzz::temp_dir();
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string& a = args[i];
    if (starts_with(a, "--out-dir"))
      a = "--out-dir=" + (dir / "runs").string();
    else if (starts_with(a, "--out"))
      a = "--out=" + (dir / "out.csv").string();
    else if (a == "@png")
      a = (dir / "scenario.png").string();
    else if (a == "@json" || a.find('/') != std::string::npos)
      a = (dir / "scenario.json").string();
    const bool steps_next = a == "--steps" && i + 1 < args.size();
    if (steps_next && steps_value(args[i + 1]) > kMaxFuzzSteps) return -1;
    if (starts_with(a, "--steps=") && steps_value(a.substr(8)) > kMaxFuzzSteps) return -1;
  }

  std::vector<char*> argv;
  std::string program = "optviz";
  argv.push_back(program.data());
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);

  int code = 0;
  {
    const optviz::fuzz::QuietOutput quiet;
    code = optviz::cli_main(static_cast<int>(args.size() + 1), argv.data());
  }
  // The documented exit codes are the only ones.
  if (code != 0 && code != 1 && code != 2) __builtin_trap();
  return 0;
}
