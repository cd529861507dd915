// Every case of tests/reference/torch-net through the core: the loss at every step and the final
// weights within the README's tolerance of torch.optim's; every case again with its optimizer typed
// as a rule (typed_rule_for), which must give the built-in's numbers.
#include <catch2/catch.hpp>
#include <cmath>
#include <string>
#include <vector>

#include "net_data.hpp"
#include "network.hpp"
#include "reference.hpp"
#include "rule.hpp"
#include "schedule.hpp"
#include "train.hpp"
#include "weights_file.hpp"

using namespace optviz;
using namespace optviz::testing;

namespace {

// The schedule of a manifest entry's "schedule" object (none: constant).
Schedule schedule_of(const nlohmann::json& c) {
  Schedule s;
  if (!c.contains("schedule")) return s;
  for (const auto& [key, value] : c.at("schedule").items()) {
    if (key == "schedule") {
      s.kind = find_schedule(value.get<std::string>()).value();
      continue;
    }
    const ScheduleField* f = find_schedule_field(key);
    REQUIRE(f != nullptr);
    if (f->count)
      s.*f->count = value.get<long>();
    else
      s.*f->value = value.get<double>();
  }
  return s;
}

struct NetCase {
  Network net;
  NetSets sets;
  RunSpec spec;
  std::vector<double> init;
  long steps;
};

NetCase setup(const ReferenceCase& c) {
  const std::string dir = net_reference_dir() + "/";
  const auto& j = c.json;
  const NetworkSpec spec{2, j.at("layers").get<std::vector<std::size_t>>(),
                         find_activation(j.at("activation").get<std::string>()).value(),
                         find_net_loss(j.at("loss").get<std::string>()).value()};
  NetCase out{Network(spec), {}, {}, {}, j.at("steps").get<long>()};
  out.sets.train = load_net_csv(dir + j.at("data").get<std::string>());
  out.spec.hyper = hyperparameters_of(j);
  if (j.contains("rule")) out.spec.rule.emplace(j.at("rule").get<std::string>());
  out.spec.schedule = schedule_of(j);
  out.spec.batch = j.at("batch").is_null() ? 0 : j.at("batch").get<long>();
  out.init = load_weights(dir + j.at("init").get<std::string>(), out.net);
  return out;
}

// "" when the run's losses and final weights match the case, else the first mismatch.
std::string compare_run(const ReferenceCase& c, const NetCase& n, const NetRun& run) {
  Table out;
  out.header = {"step", "loss"};
  for (std::size_t k = 0; k < run.rows(); ++k) out.rows.push_back({static_cast<double>(k), run.loss[k]});
  const double rtol = c.json.at("rtol").get<double>();
  if (std::string why = compare_tables(out, parse_csv(c.csv), rtol); !why.empty()) return why;
  const std::vector<double> final =
      load_weights(net_reference_dir() + "/" + c.json.at("final").get<std::string>(), n.net);
  double scale = 0;
  for (double v : final) scale = std::max(scale, std::fabs(v));
  for (std::size_t i = 0; i < final.size(); ++i)
    if (!(std::fabs(run.theta[i] - final[i]) <= rtol * (std::fabs(final[i]) + 1e-3 * scale)))
      return "final weight " + std::to_string(i) + ": " + std::to_string(run.theta[i]) + ", expected " +
             std::to_string(final[i]);
  return "";
}

}  // namespace

TEST_CASE("every torch-net case trains as torch.optim does, to the final weights", "[network][reference]") {
  const auto cases = load_reference_cases(net_reference_dir());
  REQUIRE(cases.size() >= 17);
  for (const ReferenceCase& c : cases) {
    INFO("case " << c.name);
    const NetCase n = setup(c);
    REQUIRE(find_net_training_problem(n.net, n.sets, n.spec, n.steps) == "");
    const NetRun run = train_network(n.net, n.init, n.sets, n.spec, n.steps, 0);
    CHECK_FALSE(run.diverged_at);
    CHECK(compare_run(c, n, run) == "");
  }
}

TEST_CASE("every torch-net case with its optimizer typed as a rule gives the built-in's numbers",
          "[network][reference][rule]") {
  for (const ReferenceCase& c : load_reference_cases(net_reference_dir())) {
    if (c.json.contains("rule")) continue;  // already a rule
    INFO("case " << c.name);
    NetCase n = setup(c);
    const std::string text = typed_rule_for(n.spec.hyper).text;
    INFO("rule " << text);
    n.spec.rule.emplace(text);
    const NetRun run = train_network(n.net, n.init, n.sets, n.spec, n.steps, 0);
    CHECK(compare_run(c, n, run) == "");
  }
}

TEST_CASE("RMSprop typed as a rule equals the built-in on a network, row by row", "[network][rule]") {
  const auto cases = load_reference_cases(net_reference_dir());
  const auto it = std::find_if(cases.begin(), cases.end(),
                               [](const ReferenceCase& c) { return c.name == "own_rule_rmsprop_spiral_tanh_8_8"; });
  REQUIRE(it != cases.end());
  NetCase n = setup(*it);
  const NetRun typed = train_network(n.net, n.init, n.sets, n.spec, n.steps, 0);
  n.spec.rule.reset();
  const NetRun builtin = train_network(n.net, n.init, n.sets, n.spec, n.steps, 0);
  REQUIRE(typed.rows() == builtin.rows());
  for (std::size_t k = 0; k < typed.rows(); ++k) CHECK(typed.loss[k] == Approx(builtin.loss[k]).epsilon(1e-13));
}
