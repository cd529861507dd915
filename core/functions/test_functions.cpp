// The test functions of ../shared/reference/torch/README.md: their metadata here, their values and
// analytic gradients in formulas.hpp (templates that the sweeps also run on packs of points).
#include "formulas.hpp"
#include "test_function.hpp"

namespace optviz {
namespace {

// Minimizers to full double precision (refined by Newton's method from the rounded values of
// the literature), so that tests can require a zero gradient there.
constexpr double kStyblinskiX = -2.903534027771177;
constexpr double kCamelX = 0.08984201310031807;
constexpr double kCamelY = -0.7126564030207396;

const std::vector<TestFunction> kFunctions = {
    {"rosenbrock", "Rosenbrock", "(1-x)^2 + 100*(y-x^2)^2",
     formulas::Rosenbrock::value<Vec2>, formulas::Rosenbrock::gradient<Vec2>,
     {{-2, -1}, {2, 3}}, {-1.5, 2}, {{1, 1}}, 0},
    {"beale", "Beale", "(1.5-x+x*y)^2 + (2.25-x+x*y^2)^2 + (2.625-x+x*y^3)^2",
     formulas::Beale::value<Vec2>, formulas::Beale::gradient<Vec2>,
     {{-4.5, -4.5}, {4.5, 4.5}}, {1, 1.5}, {{3, 0.5}}, 0},
    {"himmelblau", "Himmelblau", "(x^2+y-11)^2 + (x+y^2-7)^2",
     formulas::Himmelblau::value<Vec2>, formulas::Himmelblau::gradient<Vec2>,
     {{-5, -5}, {5, 5}}, {-1, -0.5},
     {{3, 2},
      {-2.805118086952745, 3.131312518250573},
      {-3.779310253377747, -3.2831859912861696},
      {3.5844283403304917, -1.8481265269644034}},
     0},
    {"booth", "Booth", "(x+2*y-7)^2 + (2*x+y-5)^2",
     formulas::Booth::value<Vec2>, formulas::Booth::gradient<Vec2>, {{-10, -10}, {10, 10}},
     {-6, -4}, {{1, 3}}, 0},
    {"rastrigin", "Rastrigin", "20 + x^2 - 10*cos(2*pi*x) + y^2 - 10*cos(2*pi*y)", formulas::Rastrigin::value<Vec2>,
     formulas::Rastrigin::gradient<Vec2>, {{-5.12, -5.12}, {5.12, 5.12}}, {2.3, -1.7}, {{0, 0}}, 0},
    {"ackley", "Ackley",
     "-20*exp(-0.2*sqrt(0.5*(x^2+y^2))) - exp(0.5*(cos(2*pi*x) + cos(2*pi*y))) + e + 20", formulas::Ackley::value<Vec2>,
     formulas::Ackley::gradient<Vec2>, {{-5, -5}, {5, 5}}, {1.7, -1.3}, {{0, 0}}, 0},
    {"goldstein_price", "Goldstein-Price",
     "(1 + (x+y+1)^2*(19-14*x+3*x^2-14*y+6*x*y+3*y^2)) * (30 + (2*x-3*y)^2*(18-32*x+12*x^2+48*y-36*x*y+27*y^2))",
     formulas::GoldsteinPrice::value<Vec2>, formulas::GoldsteinPrice::gradient<Vec2>,
     {{-2, -2}, {2, 2}}, {-0.5, 0.5}, {{0, -1}}, 3},
    {"saddle", "Saddle", "x^2 - y^2",
     formulas::Saddle::value<Vec2>, formulas::Saddle::gradient<Vec2>, {{-2, -2}, {2, 2}}, {1, 0.001}, {}, 0},
    {"quadratic", "Quadratic", "0.5*(x^2 + 25*y^2)",
     formulas::Quadratic::value<Vec2>, formulas::Quadratic::gradient<Vec2>,
     {{-3, -2}, {3, 2}}, {2.5, 1.5}, {{0, 0}}, 0},
    {"six_hump_camel", "Six-hump camel", "(4 - 2.1*x^2 + x^4/3)*x^2 + x*y + (-4 + 4*y^2)*y^2",
     formulas::SixHumpCamel::value<Vec2>, formulas::SixHumpCamel::gradient<Vec2>, {{-2, -1.2}, {2, 1.2}}, {-1.5, -0.9},
     {{kCamelX, kCamelY}, {-kCamelX, -kCamelY}}, -1.0316284534898774},
    {"styblinski_tang", "Styblinski-Tang", "0.5*(x^4 - 16*x^2 + 5*x + y^4 - 16*y^2 + 5*y)",
     formulas::StyblinskiTang::value<Vec2>, formulas::StyblinskiTang::gradient<Vec2>, {{-5, -5}, {5, 5}}, {0.5, -0.5},
     {{kStyblinskiX, kStyblinskiX}}, -78.33233140754284},
    {"matyas", "Matyas", "0.26*(x^2 + y^2) - 0.48*x*y", formulas::Matyas::value<Vec2>, formulas::Matyas::gradient<Vec2>,
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
