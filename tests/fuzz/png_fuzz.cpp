// libFuzzer target: opening a file as a scenario, the way the app's File > Open and the command
// line do (optviz::open_scenario_file): a PNG exported by optviz, a damaged one, or anything else.
//
// Each input is written to a file in the fuzzer's directory and opened. It must give a scenario
// or a ScenarioError; every other exception, crash or hang is a finding. read_png_scenario, the
// PNG half of it, must agree: its text loads exactly when the whole file does.
#include <cstddef>
#include <cstdint>
#include <fstream>
#include <stdexcept>
#include <string>

#include "fuzz_support.hpp"
#include "png_file.hpp"
#include "scenario_file.hpp"
#include "scenario_io.hpp"

namespace {

void check(bool condition) {
  if (!condition) __builtin_trap();
}

bool has_png_signature(const std::uint8_t* data, std::size_t size) {
  static constexpr std::uint8_t kSignature[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  if (size < sizeof kSignature) return false;
  for (std::size_t i = 0; i < sizeof kSignature; ++i)
    if (data[i] != kSignature[i]) return false;
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto path = optviz::fuzz::temp_dir() / "input.png";
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    if (!out.flush()) __builtin_trap();  // the fuzzer's own directory must be writable
  }

  bool opened = false;
  try {
    const optviz::Scenario scenario = optviz::open_scenario_file(path);
    check(optviz::find_scenario_problem(scenario).empty());
    opened = true;
  } catch (const optviz::ScenarioError& e) {
    check(std::string(e.what()).rfind(path.string(), 0) == 0);  // the message names the file
  }

  if (!has_png_signature(data, size)) return 0;
  std::string embedded;
  try {
    embedded = optviz::read_png_scenario(path);
  } catch (const std::runtime_error&) {
    check(!opened);
    return 0;
  }
  bool loads = true;
  try {
    optviz::scenario_from_json(embedded);
  } catch (const optviz::ScenarioError&) {
    loads = false;
  }
  check(loads == opened);
  return 0;
}
