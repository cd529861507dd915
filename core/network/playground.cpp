// TensorFlow Playground's data sets (its src/dataset.ts), drawn from the project's seeded generator:
// row i takes its numbers from the streams below at counter i, so a recipe gives the same rows on
// every run and every machine with the same libm. See net_data.hpp for where we differ.
#include <algorithm>
#include <cmath>
#include <numbers>

#include "net_data.hpp"
#include "number_text.hpp"
#include "random.hpp"
#include "translate.hpp"

namespace optviz {
namespace {

// One stream per kind of number a row draws.
enum Stream : std::uint64_t { kFirst = 1, kSecond, kNoiseX1, kNoiseX2, kNormal };

struct Row {
  double x1 = 0, x2 = 0, y = 0;
};

class Draw {
 public:
  Draw(const PlaygroundRecipe& recipe, std::size_t row) : recipe_(recipe), row_(row) {}
  // Uniform in [a, b).
  double uniform(Stream stream, double a, double b) const {
    return a + (b - a) * random_uniform(recipe_.seed, stream, row_);
  }
  // Playground's label noise: the point whose label is read is moved by up to noise * half each way.
  double shift(Stream stream, double half) const { return uniform(stream, -half, half) * recipe_.noise; }
  Vec2 normal() const { return random_normal_pair(recipe_.seed, kNormal, row_); }

 private:
  const PlaygroundRecipe& recipe_;
  std::size_t row_;
};

double distance(double x1, double x2) { return std::sqrt(x1 * x1 + x2 * x2); }

// Radius 5: label 1 inside 2.5 and 0 outside, read at the point moved by the noise; the first half
// of the rows drawn inside (r in [0, 2.5)), the others in the ring r in [3.5, 5).
Row circle(const Draw& d, bool inner) {
  constexpr double kRadius = 5;
  const double r = inner ? d.uniform(kFirst, 0, kRadius * 0.5) : d.uniform(kFirst, kRadius * 0.7, kRadius);
  const double angle = d.uniform(kSecond, 0, 2 * std::numbers::pi);
  Row row{r * std::sin(angle), r * std::cos(angle)};
  row.y = distance(row.x1 + d.shift(kNoiseX1, kRadius), row.x2 + d.shift(kNoiseX2, kRadius)) < kRadius * 0.5 ? 1 : 0;
  return row;
}

// Uniform in [-5, 5) pushed 0.3 away from each axis; label 1 where x1 x2 >= 0 (moved by the noise).
Row xor_row(const Draw& d) {
  constexpr double kPadding = 0.3;
  Row row{d.uniform(kFirst, -5, 5), d.uniform(kSecond, -5, 5)};
  row.x1 += row.x1 > 0 ? kPadding : -kPadding;
  row.x2 += row.x2 > 0 ? kPadding : -kPadding;
  row.y = (row.x1 + d.shift(kNoiseX1, 5)) * (row.x2 + d.shift(kNoiseX2, 5)) >= 0 ? 1 : 0;
  return row;
}

// Two Gaussians of variance 0.5 + 7 noise (Playground's scale from [0, 0.5] to [0.5, 4]) around
// (2, 2), label 1, and (-2, -2), label 0.
Row gauss(const Draw& d, double noise, bool positive) {
  const double sd = std::sqrt(0.5 + 7 * noise);
  const double centre = positive ? 2 : -2;
  const Vec2 z = d.normal();
  return {centre + sd * z.x, centre + sd * z.y, positive ? 1.0 : 0.0};
}

// Two arms of 1.75 turns out to radius 5, the second turned by pi; point i of an arm of `half` rows
// (half = rows / 2, as Playground) at r = 5 i / half, moved by up to noise each way.
Row spiral(const Draw& d, std::size_t i, double half, bool first_arm) {
  const double progress = static_cast<double>(i) / half;
  const double r = progress * 5;
  const double t = 1.75 * progress * 2 * std::numbers::pi + (first_arm ? 0 : std::numbers::pi);
  return {r * std::sin(t) + d.shift(kNoiseX1, 1), r * std::cos(t) + d.shift(kNoiseX2, 1), first_arm ? 1.0 : 0.0};
}

// Uniform in [-6, 6)^2, y = (x1 + x2) / 10 read at the point moved by the noise.
Row plane(const Draw& d) {
  const Row row{d.uniform(kFirst, -6, 6), d.uniform(kSecond, -6, 6)};
  return {row.x1, row.x2, (row.x1 + d.shift(kNoiseX1, 6) + row.x2 + d.shift(kNoiseX2, 6)) / 10};
}

// Uniform in [-6, 6)^2; six bumps of radius 2 with signs +, -, + over -, +, -, y = sign max(0, 1 -
// distance / 2) of the bump largest in absolute value, read at the point moved by the noise.
Row multi_gauss(const Draw& d) {
  struct Bump {
    double x1, x2, sign;
  };
  constexpr Bump kBumps[] = {{-4, 2.5, 1}, {0, 2.5, -1}, {4, 2.5, 1}, {-4, -2.5, -1}, {0, -2.5, 1}, {4, -2.5, -1}};
  Row row{d.uniform(kFirst, -6, 6), d.uniform(kSecond, -6, 6)};
  const double at1 = row.x1 + d.shift(kNoiseX1, 6), at2 = row.x2 + d.shift(kNoiseX2, 6);
  for (const Bump& b : kBumps) {
    const double value = b.sign * std::max(0.0, 1 - distance(at1 - b.x1, at2 - b.x2) / 2);
    if (std::fabs(value) > std::fabs(row.y)) row.y = value;
  }
  return row;
}

Row playground_row(const PlaygroundRecipe& recipe, std::size_t i) {
  const Draw d(recipe, i);
  // The classes that come in two parts: the first ceil(rows / 2) rows, then the others.
  const std::size_t first = (recipe.rows + 1) / 2;
  const bool in_first = i < first;
  switch (recipe.set) {
    case Playground::circle:
      return circle(d, in_first);
    case Playground::xor_:
      return xor_row(d);
    case Playground::gauss:
      return gauss(d, recipe.noise, in_first);
    case Playground::spiral:
      return spiral(d, in_first ? i : i - first, static_cast<double>(recipe.rows) / 2, in_first);
    case Playground::plane:
      return plane(d);
    case Playground::multi_gauss:
      return multi_gauss(d);
  }
  return {};
}

}  // namespace

std::string find_recipe_problem(const PlaygroundRecipe& recipe) {
  if (recipe.rows < 1 || recipe.rows > kMaxNetRows)
    return "rows: " +
           tr_format("must be 1 .. {0}, got {1}", {std::to_string(kMaxNetRows), std::to_string(recipe.rows)});
  if (!(recipe.noise >= 0 && recipe.noise <= 0.5))
    return "noise: " + tr_format("must be 0 .. 0.5, got {0}", {format_number(recipe.noise)});
  if (name(recipe.set).empty()) return "set: " + std::string(tr("not one of Playground's six"));
  return "";
}

NetData generate_playground(const PlaygroundRecipe& recipe) {
  if (const std::string problem = find_recipe_problem(recipe); !problem.empty()) throw DataError(problem);
  NetData data;
  for (std::size_t i = 0; i < recipe.rows; ++i) {
    const Row row = playground_row(recipe, i);
    data.x1.push_back(row.x1);
    data.x2.push_back(row.x2);
    data.y.push_back(row.y);
  }
  return data;
}

}  // namespace optviz
