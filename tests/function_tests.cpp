// The test functions: analytic gradients against central differences, and the listed minima.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <vector>

#include "dataset.hpp"
#include "formulas.hpp"
#include "grid.hpp"
#include "objective.hpp"
#include "simd_target.hpp"
#include "test_function.hpp"

using namespace optviz;

namespace {

Vec2 central_difference(const TestFunction& f, Vec2 p) {
  const double hx = 1e-6 * std::max(1.0, std::fabs(p.x));
  const double hy = 1e-6 * std::max(1.0, std::fabs(p.y));
  return {(f.value({p.x + hx, p.y}) - f.value({p.x - hx, p.y})) / (2 * hx),
          (f.value({p.x, p.y + hy}) - f.value({p.x, p.y - hy})) / (2 * hy)};
}

}  // namespace

TEST_CASE("there are the twelve reference functions, findable by name", "[functions]") {
  CHECK(test_functions().size() == 12);
  for (const char* name : {"rosenbrock", "beale", "himmelblau", "booth", "rastrigin", "ackley", "goldstein_price",
                           "saddle", "quadratic", "six_hump_camel", "styblinski_tang", "matyas"}) {
    INFO(name);
    REQUIRE(find_function(name) != nullptr);
    CHECK(find_function(name)->name == name);
  }
  CHECK(find_function("rosenbrok") == nullptr);
}

TEST_CASE("each built-in function carries the index of its own formula", "[functions]") {
  for (const TestFunction& f : test_functions()) {
    INFO(f.name);
    REQUIRE(f.formula_index.has_value());
    REQUIRE(*f.formula_index < formulas::kCount);
    formulas::with_formula(*f.formula_index, [&]<class Formula>() {
      CHECK(f.value == &Formula::template value<Vec2>);
      CHECK(f.gradient == &Formula::template gradient<Vec2>);
    });
  }
}

TEST_CASE("a formula that claims finite_in_bound is finite out to the bound", "[functions][sweep]") {
  // A sweep trusts the claim to skip f (lane_kernels.cpp): every power of ten up to the bound, with
  // both signs and 0, covers the corners and edges where a polynomial's terms are largest, and 0
  // where a division would fail.
  std::vector<double> coordinates = {0, 0.5, -0.5};
  for (double a = 1; a <= formulas::kFiniteBound; a *= 10) coordinates.insert(coordinates.end(), {a, -a});
  coordinates.insert(coordinates.end(), {formulas::kFiniteBound / 3, -formulas::kFiniteBound / 3});
  int claiming = 0;
  for (std::size_t index = 0; index < formulas::kCount; ++index) {
    formulas::with_formula(index, [&]<class Formula>() {
      if (!Formula::finite_in_bound) return;
      ++claiming;
      for (double x : coordinates)
        for (double y : coordinates) {
          INFO("formula " << index << " at " << x << ", " << y);
          const Vec2 g = Formula::gradient(Vec2{x, y});
          CHECK(std::isfinite(Formula::value(Vec2{x, y})));
          CHECK((std::isfinite(g.x) && std::isfinite(g.y)));
        }
    });
  }
  CHECK(claiming == 11);  // all but Ackley
}

TEST_CASE("analytic gradients match central differences across the view box", "[functions]") {
  for (const TestFunction& f : test_functions()) {
    const Box b = f.view;
    int checked = 0;
    for (int i = 0; i <= 16; ++i) {
      for (int j = 0; j <= 16; ++j) {
        // An irrational offset keeps the points off Ackley's kink at the origin.
        const Vec2 p = {b.min.x + (b.max.x - b.min.x) * (i + 0.1234) / 17.0,
                        b.min.y + (b.max.y - b.min.y) * (j + 0.4321) / 17.0};
        const Vec2 analytic = f.gradient(p);
        const Vec2 numeric = central_difference(f, p);
        const double scale = 1 + std::fabs(f.value(p));
        INFO(f.name << " at (" << p.x << ", " << p.y << ")");
        CHECK(std::fabs(analytic.x - numeric.x) <= 1e-5 * (scale + std::fabs(analytic.x)));
        CHECK(std::fabs(analytic.y - numeric.y) <= 1e-5 * (scale + std::fabs(analytic.y)));
        ++checked;
      }
    }
    CHECK(checked == 289);
  }
}

TEST_CASE("every listed minimizer has a zero gradient and the listed value", "[functions]") {
  for (const TestFunction& f : test_functions()) {
    for (const Vec2 m : f.minima) {
      INFO(f.name << " at (" << m.x << ", " << m.y << ")");
      const Vec2 g = f.gradient(m);
      CHECK(std::fabs(g.x) < 1e-9);
      CHECK(std::fabs(g.y) < 1e-9);
      CHECK(f.value(m) == Approx(f.minimum_value).margin(1e-12));
      // A minimum: nearby points are not lower.
      for (const Vec2 d : {Vec2{1e-3, 0}, Vec2{-1e-3, 0}, Vec2{0, 1e-3}, Vec2{0, -1e-3}})
        CHECK(f.value(m + d) >= f.value(m));
    }
  }
  CHECK(find_function("saddle")->minima.empty());
}

TEST_CASE("each view box contains the default start and the minima", "[functions]") {
  const auto inside = [](Box b, Vec2 p) {
    return p.x >= b.min.x && p.x <= b.max.x && p.y >= b.min.y && p.y <= b.max.y;
  };
  for (const TestFunction& f : test_functions()) {
    INFO(f.name);
    CHECK(f.view.min.x < f.view.max.x);
    CHECK(f.view.min.y < f.view.max.y);
    CHECK(inside(f.view, f.start));
    for (const Vec2 m : f.minima) CHECK(inside(f.view, m));
    CHECK_FALSE(f.formula.empty());
    CHECK_FALSE(f.title.empty());
  }
}

TEST_CASE("Ackley's gradient is defined as 0 at the origin", "[functions]") {
  const TestFunction& f = *find_function("ackley");
  CHECK(f.gradient({0, 0}) == Vec2{0, 0});
  CHECK(f.value({0, 0}) == Approx(0).margin(1e-14));
}

namespace {

// Every cell of f's grid over its view, in both colour scales, against the scale's position of f at
// the cell's centre.
void check_grid(const Objective& f, int columns, int rows) {
  for (ColourScale kind : {ColourScale::log, ColourScale::linear}) {
    const HeatmapScale scale = heatmap_scale(f, kind);
    const Box box = f.view();
    const HeatmapGrid grid = heatmap_grid(f, scale, box, columns, rows);
    REQUIRE(grid.position.size() == static_cast<std::size_t>(columns * rows));
    const double dx = (box.max.x - box.min.x) / columns, dy = (box.max.y - box.min.y) / rows;
    for (int j = 0; j < rows; ++j)
      for (int i = 0; i < columns; ++i) {
        const Vec2 p{box.min.x + (i + 0.5) * dx, box.min.y + (j + 0.5) * dy};
        REQUIRE(grid.position[static_cast<std::size_t>(j * columns + i)] ==
                static_cast<float>(scale.position(f.value(p))));
      }
  }
}

}  // namespace

TEST_CASE("the heatmap grid holds the colour-scale position of f at every cell's centre", "[functions][heatmap]") {
  // A width that is not a multiple of the lanes, so that a row ends in a partial pack; on every SIMD
  // target this CPU runs.
  constexpr int kColumns = 37, kRows = 23;
  std::vector<Objective> objectives(test_functions().begin(), test_functions().end());
  objectives.push_back(Objective::typed("x^2 + 3*sin(y)"));
  for (const std::string& target : simd_targets()) {
    const UseSimdTarget use(target);
    for (const Objective& f : objectives) {
      INFO(f.name() << ", SIMD target " << target);
      check_grid(f, kColumns, kRows);
    }
  }
}

TEST_CASE("the colour scale of a large data set is measured within its budget of row reads", "[functions][heatmap]") {
  // Built-in functions and small data sets: 257 x 257 samples, as the pixel tests expect.
  for (const TestFunction& f : test_functions()) CHECK(heatmap_scale_samples(f) == 257);
  const Objective small = Objective::from_data(generate_data(DataRecipe{}), DataLoss::linear, "small.csv");
  CHECK(heatmap_scale_samples(small) == 257);

  // 10,000 logistic rows: the most samples whose rows read stay within the budget.
  DataRecipe recipe;
  recipe.loss = DataLoss::logistic;
  recipe.points = 10'000;
  const Objective large = Objective::from_data(generate_data(recipe), DataLoss::logistic, "large.csv");
  const int samples = heatmap_scale_samples(large);
  const double rows = static_cast<double>(large.data()->size());
  CHECK(samples < 257);
  CHECK(static_cast<double>(samples) * samples * rows <= kMaxScaleRowReads);
  CHECK(static_cast<double>(samples + 1) * (samples + 1) * rows > kMaxScaleRowReads);

  // The scale is the extremes of f over exactly that grid of samples (and the known minimum).
  const HeatmapScale scale = heatmap_scale(large, ColourScale::linear);
  const Box view = large.view();
  double low = std::numeric_limits<double>::infinity(), high = -low;
  for (int j = 0; j < samples; ++j)
    for (int i = 0; i < samples; ++i) {
      const double u = static_cast<double>(i) / (samples - 1), v = static_cast<double>(j) / (samples - 1);
      const double value =
          large.value({view.min.x + u * (view.max.x - view.min.x), view.min.y + v * (view.max.y - view.min.y)});
      low = std::min(low, value);
      high = std::max(high, value);
    }
  if (std::isfinite(large.minimum_value())) low = std::min(low, large.minimum_value());
  CHECK(scale.low == low);
  CHECK(scale.high == high);

  // A data set too large for even 17 x 17 samples within the budget still gets 17 x 17.
  CHECK(heatmap_scale_samples(small, 1.0) == 17);
}
