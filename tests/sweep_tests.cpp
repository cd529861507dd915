// Sweeps and basin maps: every cell equals the single run with its values (run(), the trajectory's
// last row), through the vectorised lanes on every SIMD target this CPU runs and through the loop of
// a single run, for built-in
// optimizers, a typed rule, a data loss with mini-batches and noise, and a schedule; the axes, the
// limits and their messages; the CSV.
#include <catch2/catch.hpp>
#include <cmath>
#include <sstream>
#include <string>

#include "dataset.hpp"
#include "parameters.hpp"
#include "rule.hpp"
#include "scenario.hpp"
#include "simd_target.hpp"
#include "sweep.hpp"
#include "trajectory.hpp"

using namespace optviz;

namespace {

bool close(double a, double b) {
  if (std::isnan(a) || std::isnan(b)) return std::isnan(a) && std::isnan(b);
  if (a == b) return true;
  return std::fabs(a - b) <= 1e-9 * std::max(std::fabs(a), std::fabs(b));
}

// The cell against the last row of the trajectory of the same run.
void check_cell(const RunSummary& cell, const Trajectory& t) {
  CHECK(cell.diverged_at == t.diverged_at);
  CHECK(close(cell.position.x, t.position.back().x));
  CHECK(close(cell.position.y, t.position.back().y));
  CHECK(close(cell.value, t.value.back()));
}

Trajectory single_run(const Objective& f, const RunSpec& run, Vec2 start, long steps, const Training& training) {
  Trajectory t;
  simulate_run(f, run, start, steps, training, t);
  return t;
}

const RealParameter& parameter(std::string_view name) {
  for (const RealParameter& p : real_parameters())
    if (p.name == name) return p;
  throw std::logic_error("no parameter " + std::string(name));
}

Axis axis(std::string_view name, double from, double to, int count, bool log = false) {
  return Axis{&parameter(name), from, to, count, log};
}

// Every cell of the sweep, through both paths, against run().
void check_sweep(const Sweep& s, bool expect_lanes) {
  CHECK(takes_lanes(s.objective, s.run, s.training) == expect_lanes);
  const Map lanes = sweep(s);
  const Map loop = sweep(s, nullptr, {.threads = 1, .lanes = false});
  REQUIRE(lanes.complete);
  REQUIRE(lanes.cells.size() == static_cast<std::size_t>(s.x.count * s.y.count));
  for (int j = 0; j < s.y.count; ++j) {
    for (int i = 0; i < s.x.count; ++i) {
      INFO("cell " << i << "," << j << ": " << s.x.parameter->name << " = " << s.x.value(i) << ", "
                   << s.y.parameter->name << " = " << s.y.value(j));
      const Trajectory t = single_run(s.objective, cell_run(s, i, j), s.start, s.steps, s.training);
      check_cell(lanes.at(i, j), t);
      check_cell(loop.at(i, j), t);
      CHECK(lanes.at(i, j) == loop.at(i, j));
    }
  }
}

Sweep builtin_sweep(OptimizerKind kind, Axis x, Axis y, std::string_view function = "rosenbrock", long steps = 150) {
  Sweep s;
  s.objective = *find_function(function);
  s.run = make_run(kind);
  s.start = s.objective.start();
  s.steps = steps;
  s.x = x;
  s.y = y;
  s.target = {s.objective.minimum_value(), 1e-3};
  return s;
}

// Adam from every cell of Himmelblau's view, whose four minima each take a basin.
Basin himmelblau_basin() {
  Basin b;
  b.objective = *find_function("himmelblau");
  b.run = make_run(OptimizerKind::adam);
  b.run.hyper.eta = 0.05;
  b.view = b.objective.view();
  b.columns = 21;
  b.rows = 10;
  b.steps = 400;
  return b;
}

}  // namespace

TEST_CASE("sweep cells equal single runs, for every built-in optimizer, in lanes and one by one", "[sweep]") {
  // Each optimizer over eta (into divergence for some cells) and a second hyperparameter of its
  // own; 13 x 5 cells, so the last lanes of the last block are padding.
  struct Case {
    OptimizerKind kind;
    Axis x;
    Axis y;
    std::string_view function = "rosenbrock";
  };
  const std::vector<Case> cases = {
      {OptimizerKind::sgd, axis("eta", 1e-4, 2e-2, 13, true), axis("weight_decay", 0, 0.5, 5)},
      {OptimizerKind::momentum, axis("eta", 1e-4, 1e-2, 13, true), axis("momentum", 0, 0.99, 5)},
      {OptimizerKind::momentum, axis("dampening", 0, 0.9, 13), axis("momentum", 0, 0.9, 5)},
      {OptimizerKind::nesterov, axis("eta", 1e-4, 1e-2, 13, true), axis("momentum", 0.5, 0.99, 5)},
      {OptimizerKind::adagrad, axis("eta", 1e-2, 10, 13, true), axis("lr_decay", 0, 0.1, 5)},
      {OptimizerKind::adagrad, axis("initial_accumulator", 0, 1, 13), axis("eps", 1e-10, 1e-1, 5, true)},
      {OptimizerKind::rmsprop, axis("eta", 1e-4, 1, 13, true), axis("rho", 0.5, 0.999, 5)},
      {OptimizerKind::rmsprop, axis("momentum", 0, 0.9, 13), axis("eps", 1e-8, 1, 5, true)},
      {OptimizerKind::adam, axis("beta1", 0, 0.99, 13), axis("beta2", 0.9, 0.9999, 5)},
      {OptimizerKind::adamw, axis("eta", 1e-3, 1, 13, true), axis("weight_decay", 0, 1, 5), "himmelblau"},
      {OptimizerKind::adadelta, axis("rho", 0.5, 0.99, 13), axis("eps", 1e-8, 1e-2, 5, true)},
      {OptimizerKind::adamax, axis("eta", 1e-3, 1, 13, true), axis("beta2", 0.9, 0.999, 5), "rastrigin"},
      {OptimizerKind::nadam, axis("eta", 1e-3, 1, 13, true), axis("momentum_decay", 0, 0.1, 5), "ackley"},
      {OptimizerKind::lion, axis("eta", 1e-4, 1e-1, 13, true), axis("beta1", 0, 0.99, 5), "beale"},
  };
  for (const std::string& target : simd_targets()) {
    const UseSimdTarget use(target);
    for (const Case& c : cases) {
      INFO(name(c.kind) << " on " << c.function << ", SIMD target " << target);
      Sweep s = builtin_sweep(c.kind, c.x, c.y, c.function);
      check_sweep(s, true);
      s.target = {};  // none: the lanes then compute f only where they test every row
      check_sweep(s, true);
    }
  }
}

TEST_CASE("lanes that prove blocks of rows quiet give the map of lanes that test every row", "[sweep][simd]") {
  // Runs that diverge at steps inside a block, beside runs that do not, with and without a target:
  // the blocks of rows with a divergent lane run again with every test, the others prove it absent
  // from the positions alone (a formula that is finite_in_bound) or from f and g too (Ackley).
  const std::vector<Sweep> sweeps = {
      builtin_sweep(OptimizerKind::sgd, axis("eta", 1e-4, 2e-2, 13, true), axis("weight_decay", 0, 0.5, 5)),
      builtin_sweep(OptimizerKind::momentum, axis("eta", 1e-7, 1e-2, 13, true), axis("momentum", 0, 0.99, 5),
                    "goldstein_price"),
      builtin_sweep(OptimizerKind::sgd, axis("eta", 1e8, 1e12, 13, true), axis("weight_decay", 0, 1e-3, 5), "ackley"),
  };
  for (const std::string& target : simd_targets()) {
    const UseSimdTarget use(target);
    for (const Sweep& with_target : sweeps) {
      for (const Target& reach : {with_target.target, Target{}}) {
        Sweep s = with_target;
        s.target = reach;
        INFO(name(s.run.hyper.kind) << " on " << s.objective.name() << ", SIMD target " << target
                                    << (reach == Target{} ? ", no target" : ", a target"));
        const Map quiet = sweep(s);
        const Map every_row = sweep(s, nullptr, {.tests_every_row = true});
        const Map loop = sweep(s, nullptr, {.threads = 1, .lanes = false});
        CHECK(quiet.cells == every_row.cells);
        CHECK(quiet.cells == loop.cells);
        int diverged = 0, inside_a_block = 0;
        for (const RunSummary& cell : loop.cells) {
          diverged += cell.diverged_at.has_value();
          inside_a_block += cell.diverged_at.has_value() && *cell.diverged_at % 32 != 0;
        }
        CHECK(diverged > 0);
        CHECK(inside_a_block > 0);
        CHECK(diverged < static_cast<int>(loop.cells.size()));
      }
    }
  }
}

TEST_CASE("the SIMD targets: the widest runs unless another is chosen; an unknown one is refused", "[sweep][simd]") {
  const std::vector<std::string> targets = simd_targets();
  REQUIRE_FALSE(targets.empty());
  CHECK(simd_target() == targets.front());
  for (const std::string& target : targets) {
    const UseSimdTarget use(target);
    CHECK(simd_target() == target);
  }
  CHECK(simd_target() == targets.front());
#if defined(__x86_64__) && !defined(__clang__) && !defined(__SANITIZE_ADDRESS__)
  // g++ compiles AVX-512, AVX2 and the baseline; this CPU runs at least the baseline.
  CHECK(targets.size() == 1u + (__builtin_cpu_supports("avx2") ? 1 : 0) + (__builtin_cpu_supports("avx512bw") ? 1 : 0));
#endif
  CHECK_THROWS_WITH(use_simd_target("MMX"), "no SIMD target \"MMX\" on this CPU");
  CHECK(simd_target() == targets.front());
}

TEST_CASE("rmsprop's variants sweep in lanes: centered, eps inside the square root", "[sweep]") {
  Sweep s = builtin_sweep(OptimizerKind::rmsprop, axis("eta", 1e-4, 1e-1, 9, true), axis("rho", 0.5, 0.99, 4),
                          "goldstein_price");
  s.run.hyper.centered = true;
  check_sweep(s, true);
  s.run.hyper.centered = false;
  s.run.hyper.eps_inside_sqrt = true;
  s.objective = *find_function("six_hump_camel");
  check_sweep(s, true);
  Sweep amsgrad = builtin_sweep(OptimizerKind::adam, axis("eta", 1e-3, 1, 9, true), axis("eps", 1e-8, 1e-1, 3, true),
                                "styblinski_tang");
  amsgrad.run.hyper.amsgrad = true;
  amsgrad.run.hyper.bias_correction = false;
  check_sweep(amsgrad, true);
}

TEST_CASE("a typed rule on a typed function sweeps through the loop of a single run", "[sweep]") {
  Sweep s;
  s.objective = Objective::typed("(1-x)^2 + 100*(y-x^2)^2");
  s.run = make_rule_run(Rule("G = rho*G + (1-rho)*g^2; theta = theta - eta*g/(sqrt(G)+eps)"));
  s.start = {-1.5, 2};
  s.steps = 120;
  s.x = axis("eta", 1e-4, 1, 7, true);
  s.y = axis("rho", 0.5, 0.99, 3);
  check_sweep(s, false);
}

TEST_CASE("a data loss with mini-batches, shuffling and noise sweeps, each cell its own run", "[sweep]") {
  DataRecipe recipe;
  recipe.points = 40;
  recipe.w = 2;
  recipe.b = -1;
  recipe.noise = 0.3;
  recipe.seed = 5;
  Sweep s;
  s.objective = Objective::from_data(generate_data(recipe), DataLoss::linear, "line40.csv");
  s.run = make_run(OptimizerKind::adam);
  s.run.batch = 8;
  s.run.shuffle = true;
  s.run.noise = 0.1;
  s.training = training_of(s.run, 11, 2);
  s.start = {0, 0};
  s.steps = 80;
  s.x = axis("eta", 1e-3, 0.5, 6, true);
  s.y = axis("beta1", 0.5, 0.95, 3);
  check_sweep(s, false);
}

TEST_CASE("a schedule sweeps through the loop of a single run", "[sweep]") {
  Sweep s = builtin_sweep(OptimizerKind::momentum, axis("eta", 1e-4, 1e-2, 6, true), axis("momentum", 0, 0.95, 3));
  s.run.schedule.kind = ScheduleKind::cosine;
  s.run.schedule.warmup = 10;
  s.training = training_of(s.run, 0, 0);
  check_sweep(s, false);
}

TEST_CASE("a sweep records when each cell first reached the target", "[sweep]") {
  Sweep s =
      builtin_sweep(OptimizerKind::adam, axis("eta", 1e-2, 0.3, 5, true), axis("beta1", 0.5, 0.9, 2), "quadratic", 400);
  s.target = {0, 1e-4};
  const Map loop = sweep(s, nullptr, {.threads = 1, .lanes = false});
  for (const std::string& target : simd_targets()) {
    const UseSimdTarget use(target);
    const Map on_target = sweep(s);
    for (std::size_t c = 0; c < on_target.cells.size(); ++c)
      CHECK(on_target.cells[c].reached_at == loop.cells[c].reached_at);
  }
  const Map lanes = sweep(s);
  const Trajectory t = single_run(s.objective, cell_run(s, 4, 1), s.start, s.steps, s.training);
  long first = -1;
  for (std::size_t k = 0; k < t.rows() && first < 0; ++k)
    if (t.value[k] <= 1e-4) first = static_cast<long>(k);
  REQUIRE(first > 0);
  CHECK(lanes.at(4, 1).reached_at == first);
}

TEST_CASE("basin cells equal single runs from the cells' centres and name their minimum", "[sweep][basin]") {
  Basin b = himmelblau_basin();
  CHECK(takes_lanes(b.objective, b.run, b.training));
  const BasinMap lanes = basin(b);
  const BasinMap loop = basin(b, nullptr, {.threads = 2, .lanes = false});
  for (const std::string& target : simd_targets()) {
    INFO("SIMD target " << target);
    const UseSimdTarget use(target);
    const BasinMap on_target = basin(b);
    CHECK(on_target.cells == loop.cells);
    CHECK(on_target.minimum == loop.minimum);
  }
  REQUIRE(lanes.minima.size() == 4);
  CHECK(lanes.minimum == loop.minimum);
  int found = 0;
  for (int j = 0; j < b.rows; ++j) {
    for (int i = 0; i < b.columns; ++i) {
      const Vec2 start = cell_start(b, i, j);
      CHECK(start.x == b.view.min.x + (i + 0.5) / b.columns * 10);
      const Trajectory t = single_run(b.objective, b.run, start, b.steps, b.training);
      const std::size_t c = static_cast<std::size_t>(j) * b.columns + i;
      check_cell(lanes.cells[c], t);
      CHECK(lanes.cells[c] == loop.cells[c]);
      int expected = -1;
      for (std::size_t m = 0; m < lanes.minima.size(); ++m) {
        const Vec2 d = t.position.back() - lanes.minima[m];
        if (!t.diverged_at && std::hypot(d.x, d.y) <= kBasinRadius) expected = static_cast<int>(m);
      }
      CHECK(lanes.minimum[c] == expected);
      found += expected >= 0;
    }
  }
  CHECK(found > b.columns * b.rows / 2);
}

TEST_CASE("a basin map of a typed function uses the minima found in its view", "[sweep][basin]") {
  Basin b;
  b.objective = Objective::typed("(x^2-1)^2 + y^2");
  b.run = make_run(OptimizerKind::sgd);
  b.run.hyper.eta = 0.05;
  b.view = {{-2, -1}, {2, 1}};
  b.columns = 8;
  b.rows = 3;
  b.steps = 2000;
  CHECK_FALSE(takes_lanes(b.objective, b.run, b.training));
  const BasinMap map = basin(b);
  REQUIRE(map.minima.size() == 2);
  for (int j = 0; j < b.rows; ++j)
    for (int i = 0; i < b.columns; ++i) {
      const Vec2 start = cell_start(b, i, j);
      const int m = map.minimum[static_cast<std::size_t>(j) * b.columns + i];
      REQUIRE(m >= 0);
      CHECK((map.minima[static_cast<std::size_t>(m)].x > 0) == (start.x > 0));
    }
}

TEST_CASE("axes: inclusive ends, even spacing, log spacing", "[sweep][axis]") {
  const Axis linear = axis("rho", 0.5, 0.999, 5);
  CHECK(linear.value(0) == 0.5);
  CHECK(linear.value(4) == 0.999);
  CHECK(linear.value(2) == Approx(0.7495));
  CHECK(linear.position(0.7495) == Approx(0.5));
  const Axis log = axis("eta", 1e-4, 1e-1, 4, true);
  CHECK(log.value(0) == 1e-4);
  CHECK(log.value(1) == Approx(1e-3));
  CHECK(log.value(2) == Approx(1e-2));
  CHECK(log.value(3) == 1e-1);
  CHECK(log.position(1e-2) == Approx(2.0 / 3));
  const Axis one = axis("eta", 0.3, 0.7, 1);
  CHECK(one.value(0) == 0.3);
  // Values never leave [from, to], so a cell is valid when the ends are.
  const Axis up_to_one = axis("rho", 1e-3, 1, 1000, true);
  for (int i = 0; i < up_to_one.count; ++i) CHECK(up_to_one.value(i) <= 1);
}

TEST_CASE("axis specifications and their messages", "[sweep][axis]") {
  const RunSpec rmsprop = make_run(OptimizerKind::rmsprop);
  const Axis a = parse_axis("eta:1e-4:1e-1:log", rmsprop, 64);
  CHECK(a.parameter->name == "eta");
  CHECK(a.from == 1e-4);
  CHECK(a.to == 1e-1);
  CHECK(a.log);
  CHECK(a.count == 64);
  const Axis b = parse_axis("rho:0.999:0.5", rmsprop, 3);
  CHECK_FALSE(b.log);
  CHECK(b.value(0) == 0.999);

  const RunSpec rule = make_rule_run(Rule("theta = theta - eta*g/(1 + t*lr_decay)"));
  struct Row {
    std::string text;
    const RunSpec* run;
    std::string message;
  };
  const std::vector<Row> rows = {
      {"etaa:0:1", &rmsprop, "unknown hyperparameter \"etaa\" of rmsprop (eta, rho, eps, momentum, weight_decay)"},
      {"beta1:0:1", &rmsprop, "unknown hyperparameter \"beta1\" of rmsprop (eta, rho, eps, momentum, weight_decay)"},
      {"rho:0:1", &rule, "unknown hyperparameter \"rho\" of the rule (eta, lr_decay)"},
      {"eta", &rmsprop, "expected NAME:FROM:TO or NAME:FROM:TO:log, for example eta:1e-4:1e-1:log, got \"eta\""},
      {"eta:1", &rmsprop, "expected NAME:FROM:TO or NAME:FROM:TO:log, for example eta:1e-4:1e-1:log, got \"eta:1\""},
      {"eta:1:2:log:x", &rmsprop,
       "expected NAME:FROM:TO or NAME:FROM:TO:log, for example eta:1e-4:1e-1:log, got \"eta:1:2:log:x\""},
      {"eta:a:1", &rmsprop, "FROM is not a number: \"a\""},
      {"eta:0:", &rmsprop, "TO is not a number: \"\""},
      {"eta:0:1e999", &rmsprop, "TO is not a number: \"1e999\""},
      {"eta:0:1:lin", &rmsprop, "unknown scale \"lin\" (leave it out for a linear axis, or write :log)"},
      {"eta:0:1:log", &rmsprop, "FROM must be > 0 for :log"},
      {"eta:1:-1:log", &rmsprop, "TO -1 is out of range: eta must be >= 0"},
      {"rho:0.5:1.5", &rmsprop, "TO 1.5 is out of range: rho must be in [0, 1]"},
      {"eta:nan:1", &rmsprop, "FROM nan is out of range: eta must be a finite number"},
      {"lr_decay:0:-1", &rule, "TO -1 is out of range: lr_decay must be >= 0"},
  };
  for (const Row& row : rows) {
    INFO(row.text);
    try {
      parse_axis(row.text, *row.run, 8);
      FAIL("no error");
    } catch (const std::invalid_argument& e) {
      CHECK(std::string(e.what()) == row.message);
    }
  }
  CHECK(parse_axis("lr_decay:0:1", rule, 2).parameter->name == "lr_decay");
}

TEST_CASE("sweep and basin limits and problems", "[sweep][validation]") {
  Sweep s = builtin_sweep(OptimizerKind::rmsprop, axis("eta", 1e-4, 1e-1, 8, true), axis("rho", 0.5, 0.99, 8));
  CHECK(find_sweep_problem(s) == "");
  Sweep same = s;
  same.y = axis("eta", 0.1, 0.2, 8);
  CHECK(find_sweep_problem(same) == "x and y sweep the same hyperparameter, eta: give two");
  Sweep big = s;
  big.x.count = big.y.count = 1024;
  big.steps = 100'000;
  CHECK(find_sweep_problem(big) ==
        "too much work: 1024x1024 cells x 100000 steps is 104857600000 updates, at most 2000000000; use fewer cells or "
        "steps");
  big.x.count = 1025;
  CHECK(find_sweep_problem(big) == "size: must be at most 1024x1024 and at least 1x1, got 1025x1024");
  Sweep long_run = s;
  long_run.steps = 100'001;
  CHECK(find_sweep_problem(long_run) == "steps: must be in [0, 100000], got 100001");
  Sweep wrong = s;
  wrong.y = axis("beta1", 0.1, 0.2, 8);
  CHECK(find_sweep_problem(wrong) ==
        "y: unknown hyperparameter \"beta1\" of rmsprop (eta, rho, eps, momentum, weight_decay)");
  CHECK_THROWS_WITH(sweep(wrong),
                    "y: unknown hyperparameter \"beta1\" of rmsprop (eta, rho, eps, momentum, weight_decay)");

  Basin b;
  b.run = make_run(OptimizerKind::adam);
  b.view = {{-1, -1}, {1, 1}};
  CHECK(find_basin_problem(b) == "");
  b.view = {{1, -1}, {1, 1}};
  CHECK(find_basin_problem(b) ==
        "view: must be x0,x1,y0,y1 with x0 < x1 and y0 < y1, each finite and within 1e12, got 1,1,-1,1");
  b.view = {{-1, -1}, {1, 1}};
  b.run.hyper.eta = -1;
  CHECK(find_basin_problem(b) == "invalid eta: -1 (must be >= 0)");
}

TEST_CASE("a cancelled map says so; progress counts the cells", "[sweep]") {
  const Sweep s = builtin_sweep(OptimizerKind::adam, axis("eta", 1e-3, 1e-1, 40, true), axis("beta1", 0.5, 0.9, 30));
  Progress progress;
  const Map all = sweep(s, &progress);
  CHECK(all.complete);
  CHECK(progress.cells_done == 1200);
  Progress cancelled;
  cancelled.cancel = true;
  const Map none = sweep(s, &cancelled);
  CHECK_FALSE(none.complete);
  CHECK(cancelled.cells_done == 0);
  // The same cells on one thread and on many.
  CHECK(sweep(s, nullptr, {.threads = 1}).cells == sweep(s, nullptr, {.threads = 3}).cells);
}

TEST_CASE("summarize_run is the last row of run(), for a rule on a data loss too", "[sweep]") {
  const Objective f = Objective::from_data(parse_data_csv("x,y\n0,1\n1,3\n2,5.5\n3,6.5\n"), DataLoss::linear, "d.csv");
  const RunSpec rule = make_rule_run(Rule("m = 0.9*m + g; theta = theta - eta*m"), defaults(OptimizerKind::sgd));
  RunSpec batched = rule;
  batched.batch = 2;
  for (const RunSpec& run : {rule, batched}) {
    const Training training = training_of(run, 3, 0);
    const RunSummary s = summarize_run(f, run, {0, 0}, 60, training);
    check_cell(s, single_run(f, run, {0, 0}, 60, training));
  }
  RunSpec bad = make_run(OptimizerKind::sgd);
  bad.hyper.eta = -1;
  CHECK_THROWS_WITH(summarize_run(f, bad, {0, 0}, 10, {}), "invalid eta: -1 (must be >= 0)");
}

TEST_CASE("for_each_field visits every hyperparameter, so a lane gets all of a run's", "[sweep]") {
  Hyperparameters h = defaults(OptimizerKind::adam);
  h.kind = OptimizerKind::nadam;
  double value = 0.125;
  for (const RealParameter& p : real_parameters()) h.*p.member = (value += 0.0625);
  for (const FlagParameter& p : flag_parameters()) h.*p.member = !(h.*p.member);
  Hyperparameters copy;
  for_each_field(copy, h, [](auto& to, const auto& from) { to = from; });
  CHECK(copy == h);
}

TEST_CASE("the CSV of a sweep and of a basin map", "[sweep][csv]") {
  Sweep s = builtin_sweep(OptimizerKind::sgd, axis("eta", 0.1, 0.2, 2), axis("weight_decay", 0, 1, 2), "quadratic", 3);
  s.run.hyper.eta = 0.1;
  const Map map = sweep(s);
  std::ostringstream csv;
  write_sweep_csv(csv, s, map);
  std::istringstream lines(csv.str());
  std::string line;
  std::getline(lines, line);
  CHECK(line == "eta,weight_decay,x,y,f,diverged_at");
  std::getline(lines, line);
  // x = 2.5 (1 - 0.1)^3, y = 1.5 (1 - 2.5)^3: the first cell, x varying fastest.
  INFO(line);
  CHECK(line.rfind("0.10000000000000001,0,1.8224999999999998,-5.0625,", 0) == 0);
  CHECK(line.back() == ',');
  std::getline(lines, line);
  CHECK(line.rfind("0.20000000000000001,0,", 0) == 0);

  Sweep diverging = builtin_sweep(OptimizerKind::sgd, axis("eta", 1e300, 1e301, 2), axis("weight_decay", 0, 1, 1));
  std::ostringstream diverged;
  write_sweep_csv(diverged, diverging, sweep(diverging));
  CHECK(diverged.str().find(",1\n") != std::string::npos);

  Basin b;
  b.objective = *find_function("quadratic");
  b.run = make_run(OptimizerKind::sgd);
  b.run.hyper.eta = 0.5;
  b.view = {{-1, -1}, {1, 1}};
  b.columns = 2;
  b.rows = 1;
  b.steps = 100;
  std::ostringstream basin_csv;
  write_basin_csv(basin_csv, b, basin(b));
  CHECK(basin_csv.str().rfind("x0,y0,x,y,f,minimum,diverged_at\n-0.5,0,", 0) == 0);
  CHECK(basin_csv.str().find(",0,\n") != std::string::npos);
}

TEST_CASE("a map computed in parts, block by block, is the map of sweep() and basin()", "[sweep]") {
  // 360 cells: blocks of 64 (kLaneMultiple, the lanes of AVX-512's kernel) at the least, so 6 of them.
  Sweep s = builtin_sweep(OptimizerKind::rmsprop, axis("eta", 1e-4, 1e-1, 20, true), axis("rho", 0.5, 0.99, 18));
  const Map whole = sweep(s);
  MapInParts parts(s, {.threads = 1, .block_updates = 2000});
  REQUIRE(parts.blocks() > 4);
  std::size_t advanced = 0;
  while (parts.advance()) {
    ++advanced;
    CHECK(parts.done() == (advanced == parts.blocks()));
  }
  CHECK(advanced == parts.blocks());
  CHECK(parts.cells_done() == parts.cells());
  const Map in_parts = std::move(parts).map();
  CHECK(in_parts.complete);
  REQUIRE(in_parts.cells.size() == whole.cells.size());
  for (std::size_t c = 0; c < whole.cells.size(); ++c) {
    CHECK(in_parts.cells[c].position == whole.cells[c].position);
    CHECK(in_parts.cells[c].reached_at == whole.cells[c].reached_at);
  }

  MapInParts unfinished(s, {.block_updates = 2000});
  unfinished.advance();
  CHECK_FALSE(std::move(unfinished).map().complete);

  Basin b = himmelblau_basin();
  const BasinMap whole_basin = basin(b);
  MapInParts basin_parts(b, {.threads = 1, .block_updates = 2000});
  while (basin_parts.advance()) {
  }
  const BasinMap basin_in_parts = std::move(basin_parts).basin_map();
  CHECK(basin_in_parts.complete);
  CHECK(basin_in_parts.minimum == whole_basin.minimum);
  CHECK(basin_in_parts.minima == whole_basin.minima);

  s.steps = -1;
  CHECK_THROWS_AS(MapInParts(s), std::invalid_argument);
  b.columns = 0;
  CHECK_THROWS_AS(MapInParts(b), std::invalid_argument);
}
