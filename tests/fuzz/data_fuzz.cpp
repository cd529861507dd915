// libFuzzer target: data files, optviz::parse_data_csv, and the losses over what it accepts.
//
// Any text either gives a data set or a DataError; every other exception, crash or hang is a
// finding. A data set that parses has finite values within the limits and as many y as x; its
// linear loss (and the logistic one, when the labels are 0 and 1) evaluates, with a minimum that
// is finite when there is one.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "dataset.hpp"
#include "objective.hpp"

namespace {

void check(bool condition) {
  if (!condition) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  optviz::Dataset d;
  try {
    d = optviz::parse_data_csv(text);
  } catch (const optviz::DataError& e) {
    check(std::string_view(e.what()).size() > 0);
    return 0;
  }
  check(d.x.size() == d.y.size() && d.size() > 0 && d.size() <= optviz::kMaxDataRows);
  for (std::size_t i = 0; i < d.size(); ++i)
    check(std::isfinite(d.x[i]) && std::isfinite(d.y[i]) && std::fabs(d.x[i]) <= optviz::kMaxDataValue);
  for (const optviz::DataLoss loss : {optviz::DataLoss::linear, optviz::DataLoss::logistic}) {
    if (!optviz::find_data_problem(d, loss).empty()) continue;
    const optviz::Objective f = optviz::Objective::from_data(d, loss, "fuzz.csv");
    double value = 0;
    optviz::Vec2 gradient;
    f.evaluate({0.5, -0.25}, value, gradient);
    for (const optviz::Vec2& m : f.minima()) check(optviz::is_finite(m));
  }
  return 0;
}
