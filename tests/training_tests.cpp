// Noise, mini-batches, data losses and schedules: reproducible draws, the statistics of the noise,
// the rows of each batch, the closed-form minimum, the schedules' formulas and the data files'
// errors.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <numbers>
#include <set>
#include <sstream>

#include "csv.hpp"
#include "dataset.hpp"
#include "random.hpp"
#include "run.hpp"
#include "scenario.hpp"
#include "trajectory.hpp"

using namespace optviz;

namespace {

std::string csv_of(const Trajectory& t, const Hyperparameters& h) {
  std::ostringstream out;
  write_csv(out, t, h);
  return out.str();
}

Dataset line(std::size_t n, double w, double b, double noise, std::uint64_t seed, double x_min = -3, double x_max = 3) {
  DataRecipe r;
  r.points = n;
  r.w = w;
  r.b = b;
  r.noise = noise;
  r.seed = seed;
  r.x_min = x_min;
  r.x_max = x_max;
  return generate_data(r);
}

}  // namespace

TEST_CASE("the generator is a pure function of its counters, with the right distributions", "[random]") {
  CHECK(random_bits(1, 2, 3) == random_bits(1, 2, 3));
  CHECK(random_bits(1, 2, 3) != random_bits(1, 2, 4));
  CHECK(random_bits(1, 2, 3) != random_bits(2, 2, 3));
  // Fixed values: the same on every machine and standard library (integer arithmetic only).
  CHECK(random_bits(0, 0, 0) == random_bits(0, 0, 0, 0));
  const std::uint64_t pinned = random_bits(42, 7, 1000);
  CHECK(pinned == random_bits(42, 7, 1000));
  double sum = 0, sum2 = 0, sum_u = 0;
  constexpr int n = 50'000;
  for (int i = 0; i < n; ++i) {
    const Vec2 z = random_normal_pair(9, 1, static_cast<std::uint64_t>(i));
    sum += z.x + z.y;
    sum2 += z.x * z.x + z.y * z.y;
    const double u = random_uniform(9, 2, static_cast<std::uint64_t>(i));
    CHECK((u >= 0 && u < 1));
    sum_u += u;
  }
  CHECK(std::fabs(sum / (2 * n)) < 0.02);
  CHECK(sum2 / (2 * n) == Approx(1).epsilon(0.02));
  CHECK(sum_u / n == Approx(0.5).epsilon(0.01));
  const auto p = random_permutation(100, 3, 4, 5);
  CHECK(std::set<std::size_t>(p.begin(), p.end()).size() == 100);
  CHECK(p == random_permutation(100, 3, 4, 5));
  CHECK(p != random_permutation(100, 3, 4, 6));
}

TEST_CASE("our logarithm agrees with the library's to an ulp or two", "[random]") {
  for (double x : {1e-300, 1e-10, 0.001, 0.1, 0.5, 0.7071, 0.9999, 1.0, 1.0001, 2.0, 10.0, 12345.678, 1e300}) {
    INFO(x);
    CHECK(std::fabs(portable_log(x) - std::log(x)) <= 4e-16 * std::max(1.0, std::fabs(std::log(x))));
  }
}

TEST_CASE("gradient noise: same seed same bytes, other seed other path, the asked mean and deviation", "[noise]") {
  const Objective f = *find_function("quadratic");
  Hyperparameters h = defaults(OptimizerKind::sgd);
  h.eta = 0;  // the position stays: every row's gradient is the true one plus the noise
  Training training;
  training.noise = 0.3;
  training.seed = 5;
  Trajectory a, b, c, quiet, clean;
  run(f, h, {1, 2}, 4000, a, training);
  run(f, h, {1, 2}, 4000, b, training);
  CHECK(csv_of(a, h) == csv_of(b, h));
  training.seed = 6;
  run(f, h, {1, 2}, 4000, c, training);
  CHECK(csv_of(a, h) != csv_of(c, h));
  training.noise = 0;
  run(f, h, {1, 2}, 4000, quiet, training);
  run(f, h, {1, 2}, 4000, clean);
  CHECK(csv_of(quiet, h) == csv_of(clean, h));
  // gx minus the true gradient: mean 0, standard deviation 0.3, in each coordinate.
  const Vec2 truth = f.gradient({1, 2});
  double mx = 0, my = 0, vx = 0, vy = 0;
  for (const Vec2& g : a.gradient) mx += g.x - truth.x, my += g.y - truth.y;
  const double n = static_cast<double>(a.gradient.size());
  mx /= n, my /= n;
  for (const Vec2& g : a.gradient)
    vx += (g.x - truth.x - mx) * (g.x - truth.x - mx), vy += (g.y - truth.y - my) * (g.y - truth.y - my);
  CHECK(std::fabs(mx) < 4 * 0.3 / std::sqrt(n));
  CHECK(std::fabs(my) < 4 * 0.3 / std::sqrt(n));
  CHECK(std::sqrt(vx / (n - 1)) == Approx(0.3).epsilon(0.05));
  CHECK(std::sqrt(vy / (n - 1)) == Approx(0.3).epsilon(0.05));
  // Each run of a scenario has its own noise.
  training.noise = 0.3;
  training.seed = 5;
  training.stream = 1;
  Trajectory other_run;
  run(f, h, {1, 2}, 4000, other_run, training);
  CHECK(other_run.gradient[1] != a.gradient[1]);
}

TEST_CASE("mini-batches take rows (t-1)B .. tB-1, wrapping around; shuffled epochs are reproducible", "[data]") {
  const Dataset data = line(10, 2, -1, 0.5, 1);
  const Objective f = Objective::from_data(data, DataLoss::linear, "ten.csv");
  Hyperparameters h = defaults(OptimizerKind::sgd);
  h.eta = 0.01;
  Training training;
  training.batch = 4;
  Trajectory t;
  run(f, h, {0.5, 0.5}, 6, t, training);
  for (long k = 0; k < 6; ++k) {
    std::vector<std::size_t> rows;
    for (long j = 0; j < 4; ++j) rows.push_back(static_cast<std::size_t>((k * 4 + j) % 10));
    double value = 0;
    Vec2 g;
    data_loss_and_gradient(data, DataLoss::linear, t.position[static_cast<std::size_t>(k)], rows, value, g);
    CHECK(t.gradient[static_cast<std::size_t>(k)] == g);
    CHECK(t.value[static_cast<std::size_t>(k)] ==
          data_loss(data, DataLoss::linear, t.position[static_cast<std::size_t>(k)]));
  }
  training.shuffle = true;
  training.seed = 3;
  Trajectory s1, s2, s3;
  run(f, h, {0.5, 0.5}, 40, s1, training);
  run(f, h, {0.5, 0.5}, 40, s2, training);
  training.seed = 4;
  run(f, h, {0.5, 0.5}, 40, s3, training);
  CHECK(csv_of(s1, h) == csv_of(s2, h));
  CHECK(csv_of(s1, h) != csv_of(s3, h));
  CHECK(csv_of(s1, h) != csv_of(t, h));
  // A full batch is the full-data gradient.
  training = {};
  training.batch = 10;
  Trajectory full, plain;
  run(f, h, {0.5, 0.5}, 20, full, training);
  run(f, h, {0.5, 0.5}, 20, plain);
  CHECK(full.position == plain.position);
}

TEST_CASE("the marked minimum of a linear regression is the closed-form least-squares solution", "[data]") {
  const Dataset data = line(64, 1.5, 0.7, 0.3, 11, 8, 12);  // x far from 0: a narrow valley in (w, b)
  const Objective f = Objective::from_data(data, DataLoss::linear, "far.csv");
  REQUIRE(f.minima().size() == 1);
  // The normal equations: [sum x^2, sum x; sum x, n] (w, b) = (sum x y, sum y).
  double sxx = 0, sx = 0, sxy = 0, sy = 0;
  for (std::size_t i = 0; i < data.size(); ++i)
    sxx += data.x[i] * data.x[i], sx += data.x[i], sxy += data.x[i] * data.y[i], sy += data.y[i];
  const double n = static_cast<double>(data.size());
  const double det = sxx * n - sx * sx;
  const double w = (n * sxy - sx * sy) / det, b = (sxx * sy - sx * sxy) / det;
  CHECK(f.minima()[0].x == Approx(w).epsilon(1e-9));
  CHECK(f.minima()[0].y == Approx(b).epsilon(1e-9));
  const Vec2 g = f.gradient(f.minima()[0]);
  CHECK(std::hypot(g.x, g.y) < 1e-9);
  // Logistic: Newton's minimum has a zero gradient; separable classes have none.
  DataRecipe r;
  r.loss = DataLoss::logistic;
  r.points = 80;
  r.w = 1.5;
  r.b = 0.3;
  r.noise = 1;
  const Objective logistic = Objective::from_data(generate_data(r), DataLoss::logistic, "classes.csv");
  REQUIRE(logistic.minima().size() == 1);
  const Vec2 lg = logistic.gradient(logistic.minima()[0]);
  CHECK(std::hypot(lg.x, lg.y) < 1e-12);
  const Objective separable = Objective::from_data({{-2, -1, 1, 2}, {0, 0, 1, 1}}, DataLoss::logistic, "sep.csv");
  CHECK(separable.minima().empty());
  // At w = b = 0 the logistic gradient is mean((1/2 - y)(x, 1)).
  CHECK(separable.gradient({0, 0}).x == Approx((0.5 * -2 + 0.5 * -1 - 0.5 * 1 - 0.5 * 2) / 4));
}

TEST_CASE("the schedule table describes each kind once, and its fields name Schedule's members", "[schedule]") {
  for (const ScheduleKind kind : schedule_kinds()) {
    const ScheduleDescription& d = describe(kind);
    INFO(d.name);
    CHECK(d.kind == kind);
    CHECK(find_schedule(d.name) == kind);
    CHECK(!d.title.empty());
    CHECK(!d.formula.empty());
  }
  CHECK(!find_schedule("cosine_annealing"));
  for (const ScheduleField& f : schedule_fields()) {
    INFO(f.name);
    CHECK(((f.count == nullptr) != (f.value == nullptr)));
    CHECK(f.min <= f.max);
    CHECK(!f.symbol.empty());
    CHECK(f.kinds != 0);
    std::string flag(f.name);
    std::replace(flag.begin(), flag.end(), '_', '-');
    CHECK(f.flag == flag);  // the command line's --step-size for step_size
  }
}

TEST_CASE("every schedule matches its formula at sampled steps", "[schedule]") {
  const double eta = 0.3;
  const long steps = 200;
  for (long t : {1L, 2L, 7L, 30L, 51L, 100L, 150L, 200L}) {
    const double s = static_cast<double>(t - 1);
    INFO("t = " << t);
    Schedule c;
    CHECK(c.eta(t, eta, steps) == eta);
    Schedule step{ScheduleKind::step, 25, 0.5};
    CHECK(step.eta(t, eta, steps) == Approx(eta * std::pow(0.5, std::floor(s / 25))).epsilon(1e-15));
    Schedule exponential{ScheduleKind::exponential, 1, 0.98};
    CHECK(exponential.eta(t, eta, steps) == Approx(eta * std::pow(0.98, s)).epsilon(1e-15));
    Schedule cosine{ScheduleKind::cosine};
    CHECK(cosine.eta(t, eta, steps) == Approx(eta * (1 + std::cos(std::numbers::pi * s / 200)) / 2).margin(1e-16));
    Schedule cosine_tmax{ScheduleKind::cosine, 1, 0.1, 60, 0.01};
    CHECK(cosine_tmax.eta(t, eta, steps) ==
          Approx(0.01 + (eta - 0.01) * (1 + std::cos(std::numbers::pi * s / 60)) / 2).epsilon(1e-14));
    Schedule inverse{ScheduleKind::inverse_sqrt};
    inverse.warmup = 20;
    const double w = 0.1 + 0.9 * std::min(s, 20.0) / 20;
    CHECK(inverse.eta(t, eta, steps) == Approx(eta * w * std::sqrt(20 / std::max(s, 20.0))).epsilon(1e-14));
    Schedule warm{ScheduleKind::constant};
    warm.warmup = 50;
    warm.warmup_start = 0.25;
    CHECK(warm.eta(t, eta, steps) == Approx(eta * (0.25 + 0.75 * std::min(s, 50.0) / 50)).epsilon(1e-15));
  }
  // eta_t replaces eta in the update and in the recorded step size.
  Hyperparameters h = defaults(OptimizerKind::sgd);
  h.eta = 0.1;
  Training training;
  training.schedule = {ScheduleKind::exponential, 1, 0.5};
  Trajectory t;
  run(*find_function("quadratic"), h, {1, 1}, 4, t, training);
  for (std::size_t k = 0; k < 4; ++k) CHECK(t.step_size[k].x == Approx(0.1 * std::pow(0.5, static_cast<double>(k))));
  CHECK(find_schedule_problem({ScheduleKind::step, 0}) == "step_size: must be an integer >= 1, got 0");
}

struct BadData {
  const char* text;
  const char* message;
};

TEST_CASE("a bad data file names the problem", "[data]") {
  const BadData cases[] = {
      {"", "empty: a data file needs a header line x,y and rows of numbers"},
      {"\n  \n", "empty: a data file needs a header line x,y and rows of numbers"},
      {"x,y\n", "no rows: a data file needs rows of numbers under its header"},
      {"x,z\n1,2\n", "line 1: no column \"y\" in the header (it needs x and y, for example: x,y)"},
      {"x,y,x\n1,2,3\n", "line 1: the column \"x\" appears twice"},
      {"x,y\n1,2\n3,abc\n", "line 3, column y: not a number: \"abc\""},
      {"x,y\n1,2\n3\n", "line 3: 1 cells, but the header has 2"},
      {"x,y\n1,\n", "line 2, column y: not a number: \"\""},
      {"x,y\nnan,1\n", "line 2, column x: not a number: \"nan\""},
      {"x,y\n1e10,1\n", "line 2, column x: \"1e10\" is beyond 1e9"},
  };
  for (const BadData& c : cases) {
    INFO(c.text);
    CHECK_THROWS_WITH(parse_data_csv(c.text), c.message);
  }
  // Extra columns, spaces, CRLF, a byte-order mark and a leading + are fine.
  const Dataset d = parse_data_csv("\xEF\xBB\xBFid, x ,y\r\n1, 0.5 ,+2\r\n2,-1,3e-1\r\n");
  CHECK(d.x == std::vector<double>{0.5, -1});
  CHECK(d.y == std::vector<double>{2, 0.3});
  CHECK(find_data_problem({{1, 2}, {0, 0.5}}, DataLoss::logistic) ==
        "row 2: a logistic label y must be 0 or 1, got 0.5");
  std::string many = "x,y\n";
  for (std::size_t i = 0; i <= kMaxDataRows; ++i) many += "1,2\n";
  CHECK_THROWS_WITH(parse_data_csv(many), "too many rows: more than 100000");
}
