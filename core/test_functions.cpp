// The test functions of ../shared/reference/torch/README.md, each with its analytic gradient.
#include <cmath>
#include <numbers>

#include "test_function.hpp"

namespace optviz {
namespace {

using std::numbers::pi;

double sq(double a) { return a * a; }

double rosenbrock(Vec2 p) { return sq(1 - p.x) + 100 * sq(p.y - p.x * p.x); }
Vec2 rosenbrock_gradient(Vec2 p) {
  const double r = p.y - p.x * p.x;
  return {-2 * (1 - p.x) - 400 * p.x * r, 200 * r};
}

double beale(Vec2 p) {
  const auto [x, y] = p;
  return sq(1.5 - x + x * y) + sq(2.25 - x + x * y * y) + sq(2.625 - x + x * y * y * y);
}
Vec2 beale_gradient(Vec2 p) {
  const auto [x, y] = p;
  const double a = 1.5 - x + x * y;
  const double b = 2.25 - x + x * y * y;
  const double c = 2.625 - x + x * y * y * y;
  return {2 * a * (y - 1) + 2 * b * (y * y - 1) + 2 * c * (y * y * y - 1),
          2 * a * x + 4 * b * x * y + 6 * c * x * y * y};
}

double himmelblau(Vec2 p) { return sq(p.x * p.x + p.y - 11) + sq(p.x + p.y * p.y - 7); }
Vec2 himmelblau_gradient(Vec2 p) {
  const double a = p.x * p.x + p.y - 11;
  const double b = p.x + p.y * p.y - 7;
  return {4 * p.x * a + 2 * b, 2 * a + 4 * p.y * b};
}

double booth(Vec2 p) { return sq(p.x + 2 * p.y - 7) + sq(2 * p.x + p.y - 5); }
Vec2 booth_gradient(Vec2 p) {
  const double a = p.x + 2 * p.y - 7;
  const double b = 2 * p.x + p.y - 5;
  return {2 * a + 4 * b, 4 * a + 2 * b};
}

double rastrigin(Vec2 p) {
  return 20 + p.x * p.x - 10 * std::cos(2 * pi * p.x) + p.y * p.y - 10 * std::cos(2 * pi * p.y);
}
Vec2 rastrigin_gradient(Vec2 p) {
  return {2 * p.x + 20 * pi * std::sin(2 * pi * p.x), 2 * p.y + 20 * pi * std::sin(2 * pi * p.y)};
}

double ackley(Vec2 p) {
  const double r = std::sqrt(0.5 * (p.x * p.x + p.y * p.y));
  return -20 * std::exp(-0.2 * r) - std::exp(0.5 * (std::cos(2 * pi * p.x) + std::cos(2 * pi * p.y))) +
         std::numbers::e + 20;
}
Vec2 ackley_gradient(Vec2 p) {
  const double r = std::sqrt(0.5 * (p.x * p.x + p.y * p.y));
  // The first term's gradient 2 p exp(-0.2 r) / r tends to a direction-dependent limit at the
  // origin; the reference defines it as 0 there.
  const double radial = r > 0 ? 2 * std::exp(-0.2 * r) / r : 0.0;
  const double wave = pi * std::exp(0.5 * (std::cos(2 * pi * p.x) + std::cos(2 * pi * p.y)));
  return {radial * p.x + wave * std::sin(2 * pi * p.x), radial * p.y + wave * std::sin(2 * pi * p.y)};
}

double goldstein_price(Vec2 p) {
  const auto [x, y] = p;
  const double a = 1 + sq(x + y + 1) * (19 - 14 * x + 3 * x * x - 14 * y + 6 * x * y + 3 * y * y);
  const double b = 30 + sq(2 * x - 3 * y) * (18 - 32 * x + 12 * x * x + 48 * y - 36 * x * y + 27 * y * y);
  return a * b;
}
Vec2 goldstein_price_gradient(Vec2 p) {
  const auto [x, y] = p;
  const double s = x + y + 1;
  const double ps = 19 - 14 * x + 3 * x * x - 14 * y + 6 * x * y + 3 * y * y;
  const double d = 2 * x - 3 * y;
  const double qd = 18 - 32 * x + 12 * x * x + 48 * y - 36 * x * y + 27 * y * y;
  const double a = 1 + s * s * ps;
  const double b = 30 + d * d * qd;
  const double da = 2 * s * ps + s * s * (-14 + 6 * x + 6 * y);  // the same for x and y
  const double db_dx = 4 * d * qd + d * d * (-32 + 24 * x - 36 * y);
  const double db_dy = -6 * d * qd + d * d * (48 - 36 * x + 54 * y);
  return {da * b + a * db_dx, da * b + a * db_dy};
}

double saddle(Vec2 p) { return p.x * p.x - p.y * p.y; }
Vec2 saddle_gradient(Vec2 p) { return {2 * p.x, -2 * p.y}; }

double quadratic(Vec2 p) { return 0.5 * (p.x * p.x + 25 * p.y * p.y); }
Vec2 quadratic_gradient(Vec2 p) { return {p.x, 25 * p.y}; }

double six_hump_camel(Vec2 p) {
  const auto [x, y] = p;
  return (4 - 2.1 * x * x + x * x * x * x / 3) * x * x + x * y + (-4 + 4 * y * y) * y * y;
}
Vec2 six_hump_camel_gradient(Vec2 p) {
  const auto [x, y] = p;
  return {8 * x - 8.4 * x * x * x + 2 * x * x * x * x * x + y, x - 8 * y + 16 * y * y * y};
}

double styblinski_tang(Vec2 p) {
  const auto [x, y] = p;
  return 0.5 * (x * x * x * x - 16 * x * x + 5 * x + y * y * y * y - 16 * y * y + 5 * y);
}
Vec2 styblinski_tang_gradient(Vec2 p) {
  const auto [x, y] = p;
  return {2 * x * x * x - 16 * x + 2.5, 2 * y * y * y - 16 * y + 2.5};
}

double matyas(Vec2 p) { return 0.26 * (p.x * p.x + p.y * p.y) - 0.48 * p.x * p.y; }
Vec2 matyas_gradient(Vec2 p) { return {0.52 * p.x - 0.48 * p.y, 0.52 * p.y - 0.48 * p.x}; }

// Minimizers to full double precision (refined by Newton's method from the rounded values of
// the literature), so that tests can require a zero gradient there.
constexpr double kStyblinskiX = -2.903534027771177;
constexpr double kCamelX = 0.08984201310031807;
constexpr double kCamelY = -0.7126564030207396;

const std::vector<TestFunction> kFunctions = {
    {"rosenbrock", "Rosenbrock", "(1-x)^2 + 100*(y-x^2)^2", rosenbrock, rosenbrock_gradient,
     {{-2, -1}, {2, 3}}, {-1.5, 2}, {{1, 1}}, 0},
    {"beale", "Beale", "(1.5-x+x*y)^2 + (2.25-x+x*y^2)^2 + (2.625-x+x*y^3)^2", beale, beale_gradient,
     {{-4.5, -4.5}, {4.5, 4.5}}, {1, 1.5}, {{3, 0.5}}, 0},
    {"himmelblau", "Himmelblau", "(x^2+y-11)^2 + (x+y^2-7)^2", himmelblau, himmelblau_gradient,
     {{-5, -5}, {5, 5}}, {-1, -0.5},
     {{3, 2},
      {-2.805118086952745, 3.131312518250573},
      {-3.779310253377747, -3.2831859912861696},
      {3.5844283403304917, -1.8481265269644034}},
     0},
    {"booth", "Booth", "(x+2*y-7)^2 + (2*x+y-5)^2", booth, booth_gradient, {{-10, -10}, {10, 10}},
     {-6, -4}, {{1, 3}}, 0},
    {"rastrigin", "Rastrigin", "20 + x^2 - 10*cos(2*pi*x) + y^2 - 10*cos(2*pi*y)", rastrigin,
     rastrigin_gradient, {{-5.12, -5.12}, {5.12, 5.12}}, {2.3, -1.7}, {{0, 0}}, 0},
    {"ackley", "Ackley",
     "-20*exp(-0.2*sqrt(0.5*(x^2+y^2))) - exp(0.5*(cos(2*pi*x) + cos(2*pi*y))) + e + 20", ackley,
     ackley_gradient, {{-5, -5}, {5, 5}}, {1.7, -1.3}, {{0, 0}}, 0},
    {"goldstein_price", "Goldstein-Price",
     "(1 + (x+y+1)^2*(19-14*x+3*x^2-14*y+6*x*y+3*y^2)) * (30 + (2*x-3*y)^2*(18-32*x+12*x^2+48*y-36*x*y+27*y^2))",
     goldstein_price, goldstein_price_gradient, {{-2, -2}, {2, 2}}, {-0.5, 0.5}, {{0, -1}}, 3},
    {"saddle", "Saddle", "x^2 - y^2", saddle, saddle_gradient, {{-2, -2}, {2, 2}}, {1, 0.001}, {}, 0},
    {"quadratic", "Quadratic", "0.5*(x^2 + 25*y^2)", quadratic, quadratic_gradient,
     {{-3, -2}, {3, 2}}, {2.5, 1.5}, {{0, 0}}, 0},
    {"six_hump_camel", "Six-hump camel", "(4 - 2.1*x^2 + x^4/3)*x^2 + x*y + (-4 + 4*y^2)*y^2",
     six_hump_camel, six_hump_camel_gradient, {{-2, -1.2}, {2, 1.2}}, {-1.5, -0.9},
     {{kCamelX, kCamelY}, {-kCamelX, -kCamelY}}, -1.0316284534898774},
    {"styblinski_tang", "Styblinski-Tang", "0.5*(x^4 - 16*x^2 + 5*x + y^4 - 16*y^2 + 5*y)",
     styblinski_tang, styblinski_tang_gradient, {{-5, -5}, {5, 5}}, {0.5, -0.5},
     {{kStyblinskiX, kStyblinskiX}}, -78.33233140754284},
    {"matyas", "Matyas", "0.26*(x^2 + y^2) - 0.48*x*y", matyas, matyas_gradient,
     {{-10, -10}, {10, 10}}, {8, -6}, {{0, 0}}, 0},
};

}  // namespace

std::span<const TestFunction> test_functions() { return kFunctions; }

const TestFunction* find_function(std::string_view name) {
  for (const TestFunction& f : kFunctions)
    if (f.name == name) return &f;
  return nullptr;
}

}  // namespace optviz
