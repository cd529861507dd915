// The test functions of ../shared/reference/torch/README.md: their metadata here, their values and
// analytic gradients in formulas.hpp (templates that the sweeps also run on packs of points).
#include <utility>

#include "formulas.hpp"
#include "test_function.hpp"
#include "translate.hpp"

namespace optviz {
namespace {

// Minimizers to full double precision (refined by Newton's method from the rounded values of
// the literature), so that tests can require a zero gradient there.
constexpr double kStyblinskiX = -2.903534027771177;
constexpr double kCamelX = 0.08984201310031807;
constexpr double kCamelY = -0.7126564030207396;

// A built-in function with the value, gradient and index of its formula.
template <class Formula>
TestFunction builtin(std::string_view name, std::string_view title, std::string_view text, Box view, Vec2 start,
                     std::vector<Vec2> minima, double minimum_value) {
  return {name,
          title,
          text,
          Formula::template value<Vec2>,
          Formula::template gradient<Vec2>,
          view,
          start,
          std::move(minima),
          minimum_value,
          formulas::kIndexOf<Formula>};
}

const std::vector<TestFunction> kFunctions = {
    builtin<formulas::Rosenbrock>("rosenbrock", "Rosenbrock", "(1-x)^2 + 100*(y-x^2)^2", {{-2, -1}, {2, 3}}, {-1.5, 2},
                                  {{1, 1}}, 0),
    builtin<formulas::Beale>("beale", "Beale", "(1.5-x+x*y)^2 + (2.25-x+x*y^2)^2 + (2.625-x+x*y^3)^2",
                             {{-4.5, -4.5}, {4.5, 4.5}}, {1, 1.5}, {{3, 0.5}}, 0),
    builtin<formulas::Himmelblau>("himmelblau", "Himmelblau", "(x^2+y-11)^2 + (x+y^2-7)^2", {{-5, -5}, {5, 5}},
                                  {-1, -0.5},
                                  {{3, 2},
                                   {-2.805118086952745, 3.131312518250573},
                                   {-3.779310253377747, -3.2831859912861696},
                                   {3.5844283403304917, -1.8481265269644034}},
                                  0),
    builtin<formulas::Booth>("booth", "Booth", "(x+2*y-7)^2 + (2*x+y-5)^2", {{-10, -10}, {10, 10}}, {-6, -4}, {{1, 3}},
                             0),
    builtin<formulas::Rastrigin>("rastrigin", "Rastrigin", "20 + x^2 - 10*cos(2*pi*x) + y^2 - 10*cos(2*pi*y)",
                                 {{-5.12, -5.12}, {5.12, 5.12}}, {2.3, -1.7}, {{0, 0}}, 0),
    builtin<formulas::Ackley>("ackley", "Ackley",
                              "-20*exp(-0.2*sqrt(0.5*(x^2+y^2))) - exp(0.5*(cos(2*pi*x) + cos(2*pi*y))) + e + 20",
                              {{-5, -5}, {5, 5}}, {1.7, -1.3}, {{0, 0}}, 0),
    builtin<formulas::GoldsteinPrice>(
        "goldstein_price", "Goldstein-Price",
        "(1 + (x+y+1)^2*(19-14*x+3*x^2-14*y+6*x*y+3*y^2)) * (30 + (2*x-3*y)^2*(18-32*x+12*x^2+48*y-36*x*y+27*y^2))",
        {{-2, -2}, {2, 2}}, {-0.5, 0.5}, {{0, -1}}, 3),
    builtin<formulas::Saddle>("saddle", translatable("Saddle"), "x^2 - y^2", {{-2, -2}, {2, 2}}, {1, 0.001}, {}, 0),
    builtin<formulas::Quadratic>("quadratic", translatable("Quadratic"), "0.5*(x^2 + 25*y^2)", {{-3, -2}, {3, 2}},
                                 {2.5, 1.5}, {{0, 0}}, 0),
    builtin<formulas::SixHumpCamel>("six_hump_camel", translatable("Six-hump camel"),
                                    "(4 - 2.1*x^2 + x^4/3)*x^2 + x*y + (-4 + 4*y^2)*y^2", {{-2, -1.2}, {2, 1.2}},
                                    {-1.5, -0.9}, {{kCamelX, kCamelY}, {-kCamelX, -kCamelY}}, -1.0316284534898774),
    builtin<formulas::StyblinskiTang>("styblinski_tang", "Styblinski-Tang",
                                      "0.5*(x^4 - 16*x^2 + 5*x + y^4 - 16*y^2 + 5*y)", {{-5, -5}, {5, 5}}, {0.5, -0.5},
                                      {{kStyblinskiX, kStyblinskiX}}, -78.33233140754284),
    builtin<formulas::Matyas>("matyas", "Matyas", "0.26*(x^2 + y^2) - 0.48*x*y", {{-10, -10}, {10, 10}}, {8, -6},
                              {{0, 0}}, 0),
};

}  // namespace

std::span<const TestFunction> test_functions() { return kFunctions; }

const TestFunction* find_function(std::string_view name) {
  for (const TestFunction& f : kFunctions)
    if (f.name == name) return &f;
  return nullptr;
}

}  // namespace optviz
