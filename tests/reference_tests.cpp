// Every case of the PyTorch reference, through the core API and the CSV writer.
#include <catch2/catch.hpp>

#include <sstream>

#include "csv.hpp"
#include "reference.hpp"
#include "test_function.hpp"
#include "trajectory.hpp"

using namespace optviz;
using namespace optviz::testing;

TEST_CASE("every PyTorch reference case matches through the core API", "[reference]") {
  const auto cases = load_reference_cases();
  REQUIRE(cases.size() >= 41);
  for (const ReferenceCase& c : cases) {
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
