// Typed functions: parsing, precedence, exact gradients, errors with their columns, hostile
// inputs, and the minimum search.
#include <array>
#include <catch2/catch.hpp>
#include <cmath>
#include <numbers>
#include <string>

#include "objective.hpp"

using namespace optviz;

namespace {

double eval(const std::string& text, Vec2 p = {0.3, -0.7}) { return Objective::typed(text).value(p); }

Vec2 central_difference(const Objective& f, Vec2 p) {
  const double hx = 1e-6 * std::max(1.0, std::fabs(p.x));
  const double hy = 1e-6 * std::max(1.0, std::fabs(p.y));
  return {(f.value({p.x + hx, p.y}) - f.value({p.x - hx, p.y})) / (2 * hx),
          (f.value({p.x, p.y + hy}) - f.value({p.x, p.y - hy})) / (2 * hy)};
}

bool close(double a, double b, double rtol) { return std::fabs(a - b) <= rtol * std::max(1.0, std::fabs(b)); }

}  // namespace

TEST_CASE("numbers, constants, operators and precedence", "[expression]") {
  CHECK(eval("1") == 1);
  CHECK(eval(".5") == 0.5);
  CHECK(eval("2.") == 2);
  CHECK(eval("1e-3") == 1e-3);
  CHECK(eval("1.5E+2") == 150);
  CHECK(eval("pi") == std::numbers::pi);
  CHECK(eval("e") == std::numbers::e);
  CHECK(eval("-x^2", {3, 0}) == -9);  // ^ binds tighter than unary minus
  CHECK(eval("2^3^2") == 512);        // right-associative
  CHECK(eval("2^-1") == 0.5);
  CHECK(eval("-2^2") == -4);
  CHECK(eval("(-2)^2") == 4);
  CHECK(eval("1 - 2 - 3") == -4);  // left-associative
  CHECK(eval("8 / 4 / 2") == 1);
  CHECK(eval("1 + 2 * 3") == 7);
  CHECK(eval("x*y", {2, 5}) == 10);
  CHECK(eval("--x", {2, 0}) == 2);
  CHECK(eval("+x", {2, 0}) == 2);
  CHECK(eval("min(x, y)", {2, 5}) == 2);
  CHECK(eval("max(x, y)", {2, 5}) == 5);
  CHECK(eval("sign(x) + sign(y) + sign(0)", {-2, 5}) == 0);
  CHECK(eval("abs(x)", {-2, 5}) == 2);
  CHECK(eval("x < y", {1, 2}) == 1);
  CHECK(eval("x >= y", {1, 2}) == 0);
  CHECK(eval("x == 1", {1, 2}) == 1);
  CHECK(eval("x != 1", {1, 2}) == 0);
  CHECK(eval("if(x > 0, 10, 20)", {1, 2}) == 10);
  CHECK(eval("if(x > 0, 10, 20)", {-1, 2}) == 20);
  CHECK(eval("1e-400") == 0);  // underflows to 0
  CHECK(eval("  x\n+\ty  ", {1, 2}) == 3);
}

TEST_CASE("every built-in formula typed out gives the built-in's value and gradient", "[expression]") {
  for (const TestFunction& builtin : test_functions()) {
    INFO(builtin.name << ": " << builtin.formula);
    const Objective typed = Objective::typed(builtin.formula);
    const Box b = builtin.view;
    for (int i = 0; i <= 16; ++i) {
      for (int j = 0; j <= 16; ++j) {
        const Vec2 p = {b.min.x + (b.max.x - b.min.x) * (i + 0.1234) / 17.0,
                        b.min.y + (b.max.y - b.min.y) * (j + 0.5678) / 17.0};
        INFO("at " << p.x << ", " << p.y);
        const Vec2 want = builtin.gradient(p);
        const Vec2 got = typed.gradient(p);
        const double scale = std::max({1.0, std::fabs(want.x), std::fabs(want.y)});
        CHECK(close(typed.value(p), builtin.value(p), 1e-12));
        CHECK(std::fabs(got.x - want.x) <= 1e-12 * scale);
        CHECK(std::fabs(got.y - want.y) <= 1e-12 * scale);
      }
    }
  }
  // Ackley's gradient is defined as 0 at its kink, the origin; the typed formula agrees.
  const Objective ackley = Objective::typed(find_function("ackley")->formula);
  CHECK(ackley.gradient({0, 0}) == Vec2{0, 0});
}

TEST_CASE("gradients of every function and operator match central differences", "[expression]") {
  const std::array<const char*, 14> formulas = {
      "sin(x)*cos(y) + tan(0.3*x)",
      "exp(0.5*x) - log(2 + y^2)",
      "sqrt(1 + x^2 + y^4)",
      "abs(x - 0.1) + abs(y + 0.2)",
      "tanh(x) * sinh(y) + cosh(x*y)",
      "atan(x / (1 + y^2))",
      "min(x^2, y^2) + max(x, 2*y)",
      "x^y",
      "(1 + x^2)^(0.5*y)",
      "2^x + x^3 - y^-2",
      "x / (1 + y^2) - y / (2 + x^2)",
      "if(x > y, x^2, -y^3) + sign(x)*y",
      "-(x - 1)^2 * 3 + pi*e*y",
      "(x^2 + y^2)^1.5",
  };
  for (const char* text : formulas) {
    INFO(text);
    const Objective f = Objective::typed(text);
    for (int i = 0; i < 9; ++i) {
      for (int j = 0; j < 9; ++j) {
        const Vec2 p = {0.3 + 0.21 * i + 0.0123, 0.4 + 0.17 * j + 0.0456};  // x, y > 0, off every kink
        INFO("at " << p.x << ", " << p.y);
        const Vec2 want = central_difference(f, p);
        const Vec2 got = f.gradient(p);
        const double scale = std::max({1.0, std::fabs(want.x), std::fabs(want.y)});
        CHECK(std::fabs(got.x - want.x) <= 1e-6 * scale);
        CHECK(std::fabs(got.y - want.y) <= 1e-6 * scale);
      }
    }
  }
  // x^2 stays differentiable for x < 0 (the exponent is constant: no log(x) term).
  CHECK(Objective::typed("x^2").gradient({-3, 0}) == Vec2{-6, 0});
  CHECK(Objective::typed("x^3").gradient({-2, 0}).x == Approx(12));
}

struct BadFormula {
  const char* text;
  std::size_t column;
  const char* problem;
};

TEST_CASE("a bad formula names its problem and its 1-based column", "[expression]") {
  const std::array<BadFormula, 22> cases = {{
      {"", 1, "expected a number, a name or '(', got the end of the formula"},
      {"x +", 4, "expected a number, a name or '(', got the end of the formula"},
      {"(x + y", 1, "'(' is not closed"},
      {"x + y)", 6, "unmatched ')'"},
      {"2x", 2, "expected an operator before 'x' (write 2*x, not 2x)"},
      {"x y", 3, "expected an operator before 'y' (write 2*x, not 2x)"},
      {"x + z", 5, "unknown name \"z\" (known: x, y, pi, e)"},
      {"foo(x)", 1, "unknown function \"foo\""},
      {"sin x", 1, "\"sin\" is a function: write sin(x)"},
      {"sin(x, y)", 1, "sin takes 1 argument, got 2"},
      {"min(x)", 1, "min takes 2 arguments, got 1"},
      {"if(x, y)", 1, "if takes 3 arguments, got 2"},
      {"sin(x", 4, "'(' of sin is not closed"},
      {"max(x; y)", 6, "expected ',' or ')' in max(...), got ';'"},
      {"x # y", 3, "unexpected character '#'"},
      {"1e999", 1, "number out of range: 1e999"},
      {"1.2.3", 4, "malformed number: a second '.'"},
      {".", 1, "expected a number, got '.'"},
      {"x = 1", 3, "'=' assigns, and only at the start of a statement; compare with '=='"},
      {"x < y < 1", 7, "comparisons do not chain: write if(a < b, ...) around one of them"},
      {"x * * y", 5, "expected a number, a name or '(', got '*'"},
      {"()", 2, "expected a number, a name or '(' before ')'"},
  }};
  for (const BadFormula& c : cases) {
    INFO(c.text);
    try {
      Objective::typed(c.text);
      FAIL("accepted");
    } catch (const ExpressionError& e) {
      CHECK(e.problem() == c.problem);
      CHECK(e.column() == c.column);
      CHECK(std::string(e.what()) == "column " + std::to_string(c.column) + ": " + c.problem);
    }
  }
}

TEST_CASE("hostile formulas are refused or evaluated in bounded time and memory", "[expression]") {
  const std::string nested = std::string(100'000, '(') + "x" + std::string(100'000, ')');
  CHECK_THROWS_WITH(Objective::typed(nested), Catch::Contains("too long"));
  const std::string deep = std::string(5'000, '(') + "x" + std::string(5'000, ')');
  CHECK_THROWS_WITH(Objective::typed(deep), "column 201: nested too deeply (more than 200 levels)");
  CHECK_THROWS_WITH(Objective::typed(std::string(5'000, '-') + "x"), Catch::Contains("nested too deeply"));
  CHECK_THROWS_WITH(Objective::typed("x" + std::string(5'000, '^')), Catch::Contains("expected a number"));
  std::string power_tower = "x";
  for (int i = 0; i < 2'000; ++i) power_tower += "^x";
  CHECK_THROWS_WITH(Objective::typed(power_tower), Catch::Contains("nested too deeply"));
  const std::string megabyte(1 << 20, 'x');
  CHECK_THROWS_WITH(Objective::typed(megabyte), "column 100001: too long: 1048576 characters (at most 100000)");
  // Long but legal: a sum of 20,000 terms compiles and evaluates.
  std::string sum = "x";
  for (int i = 0; i < 20'000; ++i) sum += "+y";
  CHECK(Objective::typed(sum).value({1, 2}) == 40'001);
  CHECK(std::isinf(eval("x^1e308", {2, 0})));
  CHECK(eval("x^1e308", {0.5, 0}) == 0);
  CHECK(std::isnan(eval("x^1e308 - x^1e308", {2, 0})));
}

TEST_CASE("constant subexpressions are folded at compile time", "[expression]") {
  const std::array<std::string_view, 2> xy = {"x", "y"};
  CHECK(compile_expression("2*pi*3 + exp(1)", xy).instructions().empty());
  CHECK(compile_expression("x + 2*3", xy).instructions().size() == 1);
  CHECK(compile_expression("x^2", xy).instructions().front().op == Program::Op::powi);
  CHECK(compile_expression("x^2.5", xy).instructions().front().op == Program::Op::pow);
  CHECK(compile_expression("x^9", xy).instructions().front().op == Program::Op::pow);
}

TEST_CASE("the minimum search finds the listed minima of every built-in typed out", "[expression][minima]") {
  for (const TestFunction& builtin : test_functions()) {
    INFO(builtin.name);
    Objective typed = Objective::typed(builtin.formula);
    CHECK(typed.minima().empty());
    typed.search_minima(builtin.view);
    const double size = std::max(builtin.view.max.x - builtin.view.min.x, builtin.view.max.y - builtin.view.min.y);
    for (const Vec2& listed : builtin.minima) {
      INFO("listed minimum " << listed.x << ", " << listed.y);
      bool found = false;
      for (const Vec2& m : typed.minima()) found = found || std::hypot(m.x - listed.x, m.y - listed.y) < 1e-6 * size;
      CHECK(found);
    }
    if (!builtin.minima.empty()) CHECK(typed.minimum_value() == Approx(builtin.minimum_value).margin(1e-9));
  }
  // The saddle has no minimum in its box, and neither has a plane.
  Objective saddle = Objective::typed("x^2 - y^2");
  saddle.search_minima({{-2, -2}, {2, 2}});
  CHECK(saddle.minima().empty());
  Objective bowl = Objective::typed("(x - 0.3)^2 + 2*(y + 0.4)^2 + 1");
  bowl.search_minima({{-2, -2}, {2, 2}});
  REQUIRE(bowl.minima().size() == 1);
  CHECK(bowl.minima()[0].x == Approx(0.3).margin(1e-9));
  CHECK(bowl.minima()[0].y == Approx(-0.4).margin(1e-9));
  CHECK(bowl.minimum_value() == Approx(1));
}

TEST_CASE("objectives compare by what they compute", "[expression]") {
  CHECK(Objective() == Objective(*find_function("rosenbrock")));
  CHECK_FALSE(Objective() == Objective(*find_function("beale")));
  CHECK(Objective::typed("x^2") == Objective::typed("x^2"));
  CHECK_FALSE(Objective::typed("x^2") == Objective::typed("x^2 + 0"));
  CHECK_FALSE(Objective::typed(find_function("rosenbrock")->formula) == Objective());
  CHECK(Objective::typed("x").name() == "expression");
  CHECK(Objective::typed("x").formula() == "x");
}
