// The networks' data (core/network/net_data.hpp): the shape of each of TensorFlow Playground's sets,
// their noise and seeds, the CSV files and their errors, the split into training and test rows and
// the input features.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <numbers>
#include <set>
#include <tuple>

#include "net_data.hpp"

using namespace optviz;

namespace {

NetData drawn(Playground set, std::size_t rows, double noise, std::uint64_t seed = 1) {
  return generate_playground({set, rows, noise, seed});
}

double radius(const NetData& d, std::size_t i) { return std::sqrt(d.x1[i] * d.x1[i] + d.x2[i] * d.x2[i]); }

bool same_bytes(const std::vector<double>& a, const std::vector<double>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0;
}
bool same_bytes(const NetData& a, const NetData& b) {
  return same_bytes(a.x1, b.x1) && same_bytes(a.x2, b.x2) && same_bytes(a.y, b.y);
}

constexpr Playground kSets[] = {Playground::circle, Playground::xor_,  Playground::gauss,
                                Playground::spiral, Playground::plane, Playground::multi_gauss};

}  // namespace

TEST_CASE("circle: label 1 inside radius 2.5, 0 in the ring from 3.5 to 5, half each", "[netdata]") {
  const NetData d = drawn(Playground::circle, 400, 0);
  REQUIRE(d.size() == 400);
  for (std::size_t i = 0; i < d.size(); ++i) {
    INFO(i);
    const double r = radius(d, i);
    CHECK(d.y[i] == (r < 2.5 ? 1 : 0));
    if (i < 200) CHECK(r < 2.5);
    if (i >= 200) CHECK((r >= 3.5 - 1e-12 && r < 5 + 1e-12));
  }
  CHECK(std::count(d.y.begin(), d.y.end(), 1.0) == 200);
  // Noise moves the point whose label is read: some labels no longer follow the radius.
  const NetData noisy = drawn(Playground::circle, 400, 0.5);
  std::size_t flipped = 0;
  for (std::size_t i = 0; i < noisy.size(); ++i) flipped += noisy.y[i] != (radius(noisy, i) < 2.5 ? 1 : 0);
  CHECK(flipped > 40);
  CHECK(flipped < 200);
  // An odd count: the inside takes the extra row.
  const NetData odd = drawn(Playground::circle, 7, 0);
  CHECK(std::count(odd.y.begin(), odd.y.end(), 1.0) == 4);
}

TEST_CASE("xor: label 1 where x1 x2 >= 0, points 0.3 away from the axes", "[netdata]") {
  const NetData d = drawn(Playground::xor_, 1000, 0);
  for (std::size_t i = 0; i < d.size(); ++i) {
    CHECK(d.y[i] == (d.x1[i] * d.x2[i] >= 0 ? 1 : 0));
    for (const double x : {d.x1[i], d.x2[i]}) CHECK((std::fabs(x) >= 0.3 && std::fabs(x) <= 5.3));
  }
  const auto ones = std::count(d.y.begin(), d.y.end(), 1.0);
  CHECK(ones > 400);
  CHECK(ones < 600);
}

TEST_CASE("gauss: label 1 around (2, 2), 0 around (-2, -2), variance 0.5 + 7 noise", "[netdata]") {
  for (const double noise : {0.0, 0.5}) {
    const NetData d = drawn(Playground::gauss, 4000, noise);
    for (const double label : {1.0, 0.0}) {
      INFO("noise " << noise << ", label " << label);
      double n = 0, s1 = 0, s2 = 0, q1 = 0;
      for (std::size_t i = 0; i < d.size(); ++i) {
        if (d.y[i] != label) continue;
        n += 1, s1 += d.x1[i], s2 += d.x2[i], q1 += d.x1[i] * d.x1[i];
      }
      CHECK(n == 2000);
      const double centre = label == 1 ? 2 : -2;
      const double variance = q1 / n - (s1 / n) * (s1 / n);
      CHECK(s1 / n == Approx(centre).margin(0.15));
      CHECK(s2 / n == Approx(centre).margin(0.15));
      CHECK(variance == Approx(0.5 + 7 * noise).epsilon(0.08));
    }
  }
}

TEST_CASE("spiral: two arms of 1.75 turns to radius 5, the second the first turned by pi", "[netdata]") {
  const NetData d = drawn(Playground::spiral, 200, 0);
  for (std::size_t i = 0; i < 100; ++i) {
    INFO(i);
    CHECK(d.y[i] == 1);
    CHECK(d.y[100 + i] == 0);
    CHECK(radius(d, i) == Approx(5.0 * static_cast<double>(i) / 100).margin(1e-12));
    CHECK(d.x1[100 + i] == Approx(-d.x1[i]).margin(1e-12));
    CHECK(d.x2[100 + i] == Approx(-d.x2[i]).margin(1e-12));
  }
  // The angle from the x2 axis grows by 1.75 turns over the arm.
  for (std::size_t i = 1; i < 100; ++i) {
    const double turned = 1.75 * 2 * std::numbers::pi * static_cast<double>(i) / 100;
    CHECK(std::atan2(d.x1[i], d.x2[i]) == Approx(std::remainder(turned, 2 * std::numbers::pi)).margin(1e-9));
  }
  const NetData noisy = drawn(Playground::spiral, 200, 0.5);
  for (std::size_t i = 0; i < 200; ++i) {
    CHECK(std::fabs(noisy.x1[i] - d.x1[i]) <= 0.5);
    CHECK(std::fabs(noisy.x2[i] - d.x2[i]) <= 0.5);
  }
}

TEST_CASE("plane: y = (x1 + x2) / 10, within the noise", "[netdata]") {
  const NetData d = drawn(Playground::plane, 500, 0);
  const NetData noisy = drawn(Playground::plane, 500, 0.5);
  double largest = 0;
  for (std::size_t i = 0; i < d.size(); ++i) {
    CHECK(d.y[i] == Approx((d.x1[i] + d.x2[i]) / 10).margin(1e-15));
    for (const double x : {d.x1[i], d.x2[i]}) CHECK((x >= -6 && x < 6));
    // The noise moves each coordinate by up to 0.5 * 6 before the label is read.
    const double off = std::fabs(noisy.y[i] - (noisy.x1[i] + noisy.x2[i]) / 10);
    CHECK(off <= 0.6);
    largest = std::max(largest, off);
  }
  CHECK(largest > 0.4);
}

TEST_CASE("multi-gauss: six bumps of radius 2, signed, zero between them", "[netdata]") {
  const NetData d = drawn(Playground::multi_gauss, 2000, 0);
  std::size_t zeros = 0, positive = 0, negative = 0;
  for (std::size_t i = 0; i < d.size(); ++i) {
    INFO(d.x1[i] << ", " << d.x2[i]);
    const double column = std::round(d.x1[i] / 4), row = d.x2[i] > 0 ? 2.5 : -2.5;
    const double gap = std::hypot(d.x1[i] - 4 * column, d.x2[i] - row);
    // Positive at (-4, 2.5), (4, 2.5) and (0, -2.5): odd columns above, the even one below.
    const double sign = (static_cast<int>(std::fabs(column)) + (row > 0 ? 1 : 0)) % 2 == 0 ? 1 : -1;
    CHECK(d.y[i] == Approx(gap < 2 ? sign * (1 - gap / 2) : 0).margin(1e-12));
    zeros += d.y[i] == 0, positive += d.y[i] > 0, negative += d.y[i] < 0;
  }
  CHECK(zeros > 0);
  CHECK(positive > 300);
  CHECK(negative > 300);
}

TEST_CASE("a recipe gives the same bytes for a seed, others for another seed or noise", "[netdata]") {
  for (const Playground set : kSets) {
    INFO(name(set));
    const NetData a = drawn(set, 300, 0.2, 7);
    CHECK(same_bytes(a, drawn(set, 300, 0.2, 7)));
    CHECK(!same_bytes(a, drawn(set, 300, 0.2, 8)));
    CHECK(!same_bytes(drawn(set, 300, 0, 7), drawn(set, 300, 0.5, 7)));
    CHECK(find_net_data_problem(a, is_classification(set) ? NetLoss::logistic : NetLoss::mse).empty());
    CHECK(find_playground(name(set)) == set);
  }
  CHECK(!find_playground("circles"));
  CHECK(name(Playground::multi_gauss) == "multi-gauss");
}

TEST_CASE("a recipe that cannot be drawn names its problem", "[netdata]") {
  const std::pair<PlaygroundRecipe, const char*> cases[] = {
      {{Playground::circle, 0, 0, 1}, "rows: must be 1 .. 100000, got 0"},
      {{Playground::circle, 100'001, 0, 1}, "rows: must be 1 .. 100000, got 100001"},
      {{Playground::xor_, 10, 0.6, 1}, "noise: must be 0 .. 0.5, got 0.6"},
      {{Playground::xor_, 10, -0.1, 1}, "noise: must be 0 .. 0.5, got -0.1"},
      {{Playground::xor_, 10, std::nan(""), 1}, "noise: must be 0 .. 0.5, got nan"},
  };
  for (const auto& [recipe, message] : cases) {
    CHECK(find_recipe_problem(recipe) == message);
    CHECK_THROWS_AS(generate_playground(recipe), DataError);
  }
  CHECK(find_recipe_problem({Playground::spiral, 1, 0.5, 1}).empty());
  CHECK(drawn(Playground::spiral, 1, 0.5).size() == 1);
}

TEST_CASE("net_csv reads back to the same bits", "[netdata]") {
  for (const Playground set : kSets) {
    const NetData d = drawn(set, 250, 0.3, 11);
    CHECK(same_bytes(parse_net_csv(net_csv(d)), d));
  }
  const NetData tiny{{5e-324, -0.0, 1e9}, {0.1, -1e-300, 123456789.125}, {1, 0, 1}};
  CHECK(same_bytes(parse_net_csv(net_csv(tiny)), tiny));
  CHECK(net_csv({{0.5}, {-2}, {1}}) == "x1,x2,y\n0.5,-2,1\n");
}

struct BadNetData {
  std::string text;
  const char* message;
};

TEST_CASE("a bad network data file names the problem as the 2D data files do", "[netdata]") {
  std::string many = "x1,x2,y\n";
  for (std::size_t i = 0; i <= kMaxNetRows; ++i) many += "1,2,0\n";
  const BadNetData cases[] = {
      {"", "empty: a data file needs a header line x1,x2,y and rows of numbers"},
      {"x1,y\n1,0\n", "line 1: no column \"x2\" in the header (it needs x1, x2 and y, for example: x1,x2,y)"},
      {"x1,x2\n1,0\n", "line 1: no column \"y\" in the header (it needs x1, x2 and y, for example: x1,x2,y)"},
      {"x1,x2,y\n", "no rows: a data file needs rows of numbers under its header"},
      {"x1,x2,y\n1,2,0\n\n3,abc,1\n", "line 4, column x2: not a number: \"abc\""},
      {"x1,x2,y\n1,2,1e10\n", "line 2, column y: \"1e10\" is beyond 1e9"},
      {"x1,x2,y\n1,2\n", "line 2: 2 cells, but the header has 3"},
      {"x1,x2,y,x1\n1,2,0,3\n", "line 1: the column \"x1\" appears twice"},
      {many, "too many rows: more than 100000"},
  };
  for (const BadNetData& c : cases) {
    INFO(c.text.substr(0, 40));
    CHECK_THROWS_WITH(parse_net_csv(c.text), c.message);
  }
  // Extra columns in any order, spaces, CRLF, a byte-order mark and a leading + are fine.
  const NetData d = parse_net_csv("\xEF\xBB\xBFy, x2 ,id,x1\r\n1, 0.5 ,7,+2\r\n0,-1,8,3e-1\r\n");
  CHECK(d == NetData{{2, 0.3}, {0.5, -1}, {1, 0}});
}

TEST_CASE("a data set's problem for a loss: labels 0 and 1 for logistic", "[netdata]") {
  const NetData labels{{0, 1, 2}, {0, 0, 0}, {0, 1, 2}};
  CHECK(find_net_data_problem(labels, NetLoss::logistic) == "row 3: a logistic label y must be 0 or 1, got 2");
  CHECK(find_net_data_problem(labels, NetLoss::mse).empty());
  CHECK(find_net_data_problem({}, NetLoss::mse) == "no rows");
  CHECK(find_net_data_problem({{1, 2}, {1}, {1, 2}}, NetLoss::mse) == "x1, x2 and y have different lengths");
  CHECK(find_net_data_problem({{1}, {std::nan("")}, {1}}, NetLoss::mse) ==
        "row 1: values must be finite and within 1e9");
  CHECK(find_net_data_problem({{2e9}, {0}, {1}}, NetLoss::mse) == "row 1: values must be finite and within 1e9");
  CHECK(find_net_loss("logistic") == NetLoss::logistic);
  CHECK(find_net_loss("mse") == NetLoss::mse);
  CHECK(!find_net_loss("linear"));
  CHECK(name(NetLoss::mse) == "mse");
}

TEST_CASE("a network data file: its rows, or its path in the message", "[netdata]") {
  const std::filesystem::path dir = std::filesystem::temp_directory_path() / "optviz_net_data_tests";
  std::filesystem::create_directories(dir);
  const std::filesystem::path good = dir / "good.csv", bad = dir / "bad.csv";
  std::ofstream(good) << "x1,x2,y\n1,2,1\n";
  std::ofstream(bad) << "x1,x2,y\n1,2,z\n";
  CHECK(load_net_csv(good) == NetData{{1}, {2}, {1}});
  CHECK_THROWS_WITH(load_net_csv(bad), bad.string() + ": line 2, column y: not a number: \"z\"");
  CHECK_THROWS_WITH(load_net_csv(dir / "none.csv"), (dir / "none.csv").string() + ": no such file");
  CHECK_THROWS_WITH(load_net_csv(dir), dir.string() + ": not a regular file, so not a data file");
  std::filesystem::resize_file(good, kMaxDataFileBytes + 1);
  CHECK_THROWS_WITH(load_net_csv(good), good.string() + ": too large for a data file (more than 8 MB)");
  std::filesystem::remove_all(dir);
}

TEST_CASE("split: round(fraction n) test rows, disjoint from the training rows, the same for a seed", "[netdata]") {
  NetData d;
  for (std::size_t i = 0; i < 101; ++i) {
    d.x1.push_back(static_cast<double>(i));
    d.x2.push_back(-static_cast<double>(i));
    d.y.push_back(static_cast<double>(i % 2));
  }
  const NetSplit s = split(d, 0.25, 3);
  CHECK(s.test.size() == 25);
  CHECK(s.train.size() == 76);
  std::set<double> seen;
  for (const NetData* part : {&s.train, &s.test})
    for (std::size_t i = 0; i < part->size(); ++i) {
      const double row = part->x1[i];
      CHECK(part->x2[i] == -row);  // the columns stay together
      CHECK(part->y[i] == static_cast<double>(static_cast<int>(row) % 2));
      seen.insert(row);
    }
  CHECK(seen.size() == 101);
  const NetSplit again = split(d, 0.25, 3);
  CHECK((again.train == s.train && again.test == s.test));
  const NetSplit other = split(d, 0.25, 4);
  CHECK(other.test != s.test);
  // Not in file order: the permutation's.
  CHECK(!std::is_sorted(s.train.x1.begin(), s.train.x1.end()));
  const NetSplit none = split(d, 0, 3);
  CHECK(none.test.size() == 0);
  CHECK(none.train.size() == 101);
  CHECK_THROWS_WITH(split(d, 1, 3), "test fraction: must be 0 .. 1 (1 excluded), got 1");
  CHECK_THROWS_WITH(split(d, -0.5, 3), "test fraction: must be 0 .. 1 (1 excluded), got -0.5");
  CHECK_THROWS_WITH(split(d, 0.999, 3), "test fraction 0.999 of 101 rows leaves no training row");
}

TEST_CASE("feature_matrix: one row per data row, the chosen features in their order", "[netdata]") {
  const NetData d{{0.5, 3}, {-2, 0}, {1, 0}};
  const std::vector<Feature> all = {Feature::x1,    Feature::x2,     Feature::x1_squared, Feature::x2_squared,
                                    Feature::x1_x2, Feature::sin_x1, Feature::sin_x2};
  REQUIRE(all.size() == kFeatureCount);
  const std::vector<double> m = feature_matrix(d, all);
  const std::vector<double> expected = {0.5, -2, 0.25, 4, -1, std::sin(0.5), std::sin(-2.0),
                                        3,   0,  9,    0, 0,  std::sin(3.0), 0};
  CHECK(m == expected);
  const std::vector<Feature> some = {Feature::x1_x2, Feature::x1};
  CHECK(feature_matrix(d, some) == std::vector<double>{-1, 0.5, 0, 3});
  CHECK(feature_matrix(d, {}).empty());
  for (const Feature f : all) CHECK(find_feature(name(f)) == f);
  CHECK(name(Feature::x1_squared) == "x1^2");
  CHECK(name(Feature::sin_x2) == "sin_x2");
  CHECK(!find_feature("x3"));
}
