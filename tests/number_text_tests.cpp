// Numbers as text (core/base/number_text.hpp). The same tests run twice: against the standard library's
// charconv (core_tests) and against the C library's fallback that the browser build uses
// (number_text_c_library_tests, built with OPTVIZ_NUMBERS_FROM_C_LIBRARY).
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <random>

#include "number_text.hpp"

using optviz::format_number;
using optviz::format_shown;
using optviz::parse_number;
using optviz::round_shown;

TEST_CASE("parse_number reads a whole number and nothing else", "[number_text]") {
  CHECK(parse_number("1") == 1.0);
  CHECK(parse_number("-2.5") == -2.5);
  CHECK(parse_number("1e-3") == 1e-3);
  CHECK(parse_number(".5") == 0.5);
  CHECK(parse_number("inf") == std::numeric_limits<double>::infinity());
  CHECK(std::isnan(parse_number("nan").value_or(0)));
  CHECK(parse_number("1e-400") == 0.0);  // too small: 0
  for (const char* bad : {"", "+1", " 1", "1 ", "0x10", "-0x1p3", "1e999", "-1e999", "1..2", "abc", "1,5", "--1"}) {
    INFO(bad);
    CHECK_FALSE(parse_number(bad).has_value());
  }
}

TEST_CASE("format_number gives the shortest text that reads back", "[number_text]") {
  CHECK(format_number(0.01) == "0.01");
  CHECK(format_number(1e-8) == "1e-08");
  CHECK(format_number(2.5) == "2.5");
  CHECK(format_number(-3) == "-3");
  CHECK(format_number(0.1 + 0.2) == "0.30000000000000004");
  CHECK(format_number(std::nan("")) == "nan");
  CHECK(format_number(-std::numeric_limits<double>::infinity()) == "-inf");
  std::mt19937_64 random(7);
  std::uniform_real_distribution<double> exponent(-300, 300);
  for (int i = 0; i < 10000; ++i) {
    const double x = std::pow(10.0, exponent(random)) * (i % 2 ? -1 : 1);
    INFO(x);
    REQUIRE(parse_number(format_number(x)) == x);
  }
}

TEST_CASE("round_shown keeps 3 significant digits, of 1 - value near 1", "[number_text]") {
  CHECK(round_shown(0.30221426551783787) == 0.302);
  CHECK(format_shown(0.30221426551783787) == "0.302");
  CHECK(format_shown(1.23456e-5) == "1.23e-5");
  CHECK(format_shown(1e-8) == "1e-8");
  CHECK(format_shown(1e12) == "1e12");
  CHECK(format_shown(-2.5e-300) == "-2.5e-300");
  CHECK(parse_number(format_shown(1.23456e-5)) == 1.23e-5);
  CHECK(round_shown(12345.6) == 12300);
  CHECK(format_shown(-0.0456789) == "-0.0457");
  CHECK(format_shown(0.5) == "0.5");
  CHECK(format_shown(0.9) == "0.9");
  CHECK(format_shown(0.95) == "0.95");
  CHECK(format_shown(0.999) == "0.999");
  CHECK(format_shown(0.99935) == "0.99935");
  CHECK(format_shown(0.9991234) == "0.999123");
  CHECK(format_shown(0.9123456) == "0.9123");
  CHECK(format_shown(1) == "1");
  CHECK(format_shown(0) == "0");
  CHECK(std::isnan(round_shown(std::nan(""))));
  CHECK(round_shown(std::numeric_limits<double>::infinity()) == std::numeric_limits<double>::infinity());
  // Rounding twice changes nothing: a loaded value shows as it was loaded.
  for (double x : {0.30221426551783787, 0.99935123, 3.3333e-7, 0.9000001})
    CHECK(round_shown(round_shown(x)) == round_shown(x));
}
