// Every case of the PyTorch reference, through the core API and the CSV writer.
#include <catch2/catch.hpp>
#include <set>
#include <sstream>
#include <string>

#include "csv.hpp"
#include "parameters.hpp"
#include "reference.hpp"
#include "run.hpp"
#include "test_function.hpp"
#include "trajectory.hpp"

using namespace optviz;
using namespace optviz::testing;

TEST_CASE("the PyTorch reference covers every optimizer, test function and convention", "[reference]") {
  std::set<std::string> optimizers, functions, conventions;
  bool diverges = false;
  for (const ReferenceCase& c : load_reference_cases()) {
    const std::string optimizer = c.json.at("optimizer").get<std::string>();
    optimizers.insert(optimizer);
    functions.insert(c.json.at("function").get<std::string>());
    const Hyperparameters h = hyperparameters_of(c.json);
    for (const FlagParameter& p : flag_parameters())
      if (p.applies_to(h.kind) && h.*p.member == p.value_when_given)
        conventions.insert(optimizer + " --" + std::string(p.flag));
    diverges = diverges || !c.json.at("diverged_at").is_null();
  }
  for (OptimizerKind kind : optimizer_kinds()) CHECK(optimizers.count(std::string(name(kind))) == 1);
  for (const TestFunction& f : test_functions()) CHECK(functions.count(std::string(f.name)) == 1);
  for (const FlagParameter& p : flag_parameters())
    for (OptimizerKind kind : optimizer_kinds())
      if (p.applies_to(kind)) CHECK(conventions.count(std::string(name(kind)) + " --" + std::string(p.flag)) == 1);
  CHECK(diverges);
}

TEST_CASE("every PyTorch reference case matches through the core API", "[reference]") {
  for (const ReferenceCase& c : load_reference_cases()) {
    INFO("case " << c.name);
    const TestFunction* f = find_function(c.json.at("function").get<std::string>());
    REQUIRE(f != nullptr);
    const Hyperparameters h = hyperparameters_of(c.json);
    const auto start = c.json.at("start");
    const Trajectory t = run(*f, h, {start[0].get<double>(), start[1].get<double>()}, c.json.at("steps").get<long>());

    std::ostringstream csv;
    write_csv(csv, t, h);
    CHECK(compare_tables(parse_csv(csv.str()), parse_csv(c.csv), c.json.at("rtol").get<double>()) == "");

    const auto& diverged = c.json.at("diverged_at");
    if (diverged.is_null()) {
      CHECK_FALSE(t.diverged_at);
    } else {
      CHECK(t.diverged_at == diverged.get<long>());
      CHECK(t.status() == "diverged at step " + std::to_string(diverged.get<long>()));
    }
  }
}
