#include "scenario_io.hpp"

#include <array>
#include <cstdio>
#include <memory>
#include <stdexcept>

#include "png_file.hpp"
#include "scenario_file.hpp"
#include "translate.hpp"

namespace optviz {
namespace {

bool starts_with_png_signature(const std::filesystem::path& path) {
  static constexpr std::array<unsigned char, 8> kSignature = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"), &std::fclose);
  std::array<unsigned char, 8> head{};
  return file && std::fread(head.data(), 1, head.size(), file.get()) == head.size() && head == kSignature;
}

}  // namespace

Scenario open_scenario_file(const std::filesystem::path& path) {
  std::error_code ec;
  // Only a regular file is sniffed: opening a FIFO would wait for a writer.
  const bool regular = std::filesystem::is_regular_file(path, ec);
  if (!regular || !starts_with_png_signature(path)) return load_scenario_json(path);  // reports unreadable files
  std::string json;
  try {
    json = read_png_scenario(path);
  } catch (const std::runtime_error& e) {
    throw ScenarioError(e.what());
  }
  try {
    return scenario_from_json(json);
  } catch (const ScenarioError& e) {
    throw ScenarioError(path.string() + ": " + tr_format("the embedded scenario: {0}", {e.what()}));
  }
}

}  // namespace optviz
