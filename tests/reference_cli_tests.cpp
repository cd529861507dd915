// Every case of the PyTorch reference through the optviz executable: `optviz ARGS` with the case's
// arguments prints its CSV within the case's tolerance and reports its divergence on stderr.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "process.hpp"
#include "reference.hpp"

using namespace optviz::testing;

TEST_CASE("optviz run prints every PyTorch reference case", "[reference]") {
  for (const ReferenceCase& c : load_reference_cases()) {
    INFO("case " << c.name);
    const ProcessResult r = run_process(OPTVIZ_EXECUTABLE, c.json.at("args").get<std::vector<std::string>>());
    INFO("stderr: " << r.err);
    CHECK(r.exit_code == 0);
    CHECK(compare_tables(parse_csv(r.out), parse_csv(c.csv), c.json.at("rtol").get<double>()) == "");

    const auto& diverged = c.json.at("diverged_at");
    if (diverged.is_null())
      CHECK(r.err.find("diverged") == std::string::npos);
    else
      CHECK(r.err.find("diverged at step " + std::to_string(diverged.get<long>()) + "\n") != std::string::npos);
  }
}
