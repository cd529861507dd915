// Every case of the PyTorch reference through the optviz executable: `optviz ARGS` with the case's
// arguments prints its CSV within the case's tolerance and reports its divergence on stderr; so
// does every case with its function typed out (--expr) and with its optimizer typed as a rule
// (--rule); and every network case of torch-net through `optviz train`, to its final weights.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <string>
#include <vector>

#include "parameters.hpp"
#include "process.hpp"
#include "reference.hpp"
#include "rule.hpp"
#include "test_function.hpp"

using namespace optviz;
using namespace optviz::testing;

namespace {

void check_case(const ReferenceCase& c, const std::vector<std::string>& args, const Table& reference) {
  const ProcessResult r = run_process(OPTVIZ_EXECUTABLE, args);
  INFO("stderr: " << r.err);
  CHECK(r.exit_code == 0);
  CHECK(compare_tables(parse_csv(r.out), reference, c.json.at("rtol").get<double>()) == "");
  const auto& diverged = c.json.at("diverged_at");
  if (diverged.is_null())
    CHECK(r.err.find("diverged") == std::string::npos);
  else
    CHECK(r.err.find("diverged at step " + std::to_string(diverged.get<long>()) + "\n") != std::string::npos);
}

std::string start_flag(const ReferenceCase& c) {
  const auto& start = c.json.at("start");
  return "--start=" + format_number(start[0].get<double>()) + "," + format_number(start[1].get<double>());
}

}  // namespace

TEST_CASE("optviz run prints every PyTorch reference case", "[reference]") {
  for (const ReferenceCase& c : load_reference_cases()) {
    INFO("case " << c.name);
    check_case(c, c.json.at("args").get<std::vector<std::string>>(), parse_csv(c.csv));
  }
}

TEST_CASE("optviz run prints every reference case of data losses and schedules", "[reference][data]") {
  const std::string dir = data_reference_dir();
  const auto cases = load_reference_cases(dir);
  REQUIRE(cases.size() >= 12);
  for (const ReferenceCase& c : cases) {
    INFO("case " << c.name);
    auto args = c.json.at("args").get<std::vector<std::string>>();
    for (std::size_t i = 0; i + 1 < args.size(); ++i)
      if (args[i] == "--data") args[i + 1] = dir + "/" + args[i + 1];  // the cases run in their folder
    check_case(c, args, parse_csv(c.csv));
  }
}

TEST_CASE("optviz run --expr with the function typed out prints every reference case", "[reference][expression]") {
  for (const ReferenceCase& c : load_reference_cases()) {
    INFO("case " << c.name);
    const TestFunction* f = find_function(c.json.at("function").get<std::string>());
    REQUIRE(f != nullptr);
    std::vector<std::string> args = {"run", "--expr", std::string(f->formula), start_flag(c)};
    const auto given = c.json.at("args").get<std::vector<std::string>>();
    for (std::size_t i = 1; i < given.size(); ++i) {
      if (given[i] == "--function") {
        ++i;  // and its value
      } else if (!given[i].starts_with("--start")) {
        args.push_back(given[i]);
      }
    }
    INFO("formula " << f->formula);
    check_case(c, args, parse_csv(c.csv));
  }
}

TEST_CASE("optviz run --rule with the optimizer typed as a rule prints every reference case", "[reference][rule]") {
  for (const ReferenceCase& c : load_reference_cases()) {
    INFO("case " << c.name);
    const Hyperparameters h = hyperparameters_of(c.json);
    const TypedRule typed = typed_rule_for(h);
    INFO("rule " << typed.text);
    std::vector<std::string> args = {
        "run",         "--function", c.json.at("function").get<std::string>(),      "--rule", typed.text,
        start_flag(c), "--steps",    std::to_string(c.json.at("steps").get<long>())};
    const Rule rule(typed.text);
    for (const RealParameter* p : rule.reads())
      args.insert(args.end(), {"--" + std::string(p->flag), format_number(h.*p->member)});
    check_case(c, args, keep_columns(parse_csv(c.csv), typed.columns));
  }
}

namespace {

// Every number of a weights file, layer by layer (weight rows, then bias).
std::vector<double> weight_numbers(const std::string& text) {
  std::vector<double> out;
  const auto file = nlohmann::json::parse(text);
  for (const auto& layer : file.at("layers")) {
    for (const auto& row : layer.at("weight"))
      for (const auto& v : row) out.push_back(v.get<double>());
    for (const auto& v : layer.at("bias")) out.push_back(v.get<double>());
  }
  return out;
}

}  // namespace

TEST_CASE("optviz train prints every torch-net case and writes its final weights", "[reference][network]") {
  const std::string dir = net_reference_dir();
  const auto cases = load_reference_cases(dir);
  REQUIRE(cases.size() >= 17);
  const TempDir temp;
  for (const ReferenceCase& c : cases) {
    INFO("case " << c.name);
    auto args = c.json.at("args").get<std::vector<std::string>>();
    for (std::size_t i = 0; i + 1 < args.size(); ++i)
      if (args[i] == "--data" || args[i] == "--init") args[i + 1] = dir + "/" + args[i + 1];  // run in its folder
    const std::string out = (temp / (c.name + ".json")).string();
    args.insert(args.end(), {"--weights-out", out});
    check_case(c, args, parse_csv(c.csv));
    const std::vector<double> got = weight_numbers(read_file(out));
    const std::vector<double> ref = weight_numbers(read_file(dir + "/" + c.json.at("final").get<std::string>()));
    REQUIRE(got.size() == ref.size());
    REQUIRE(!ref.empty());
    double scale = 0;
    for (double v : ref) scale = std::max(scale, std::fabs(v));
    for (std::size_t i = 0; i < ref.size(); ++i)
      CHECK(std::fabs(got[i] - ref[i]) <= 1e-9 * (std::fabs(ref[i]) + 1e-3 * scale));
  }
}
