// libFuzzer target: the networks' data files, optviz::parse_net_csv, and what the networks do with
// the rows it accepts.
//
// Any text either gives a data set or a DataError with a message; every other exception, crash or
// hang is a finding. A data set that parses has three columns of one length within the limits and
// finite values within 1e9; net_csv writes it back to the same bits; mse accepts it and logistic
// names a row when it refuses it; a split keeps every row once; the features are finite.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "net_data.hpp"

namespace {

void check(bool condition) {
  if (!condition) __builtin_trap();
}

bool same_bits(const std::vector<double>& a, const std::vector<double>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0;
}

// The data set a text spells, or none when it is refused with a message.
std::optional<optviz::NetData> read(std::string_view text) {
  try {
    return optviz::parse_net_csv(text);
  } catch (const optviz::DataError& e) {
    check(*e.what() != '\0');
    return std::nullopt;
  }
}

void check_rows(const optviz::NetData& d) {
  check(d.x1.size() == d.y.size() && d.x2.size() == d.y.size());
  check(d.size() > 0 && d.size() <= optviz::kMaxNetRows);
  for (const std::vector<double>* column : {&d.x1, &d.x2, &d.y})
    for (const double v : *column) check(std::isfinite(v) && std::fabs(v) <= optviz::kMaxDataValue);
  const optviz::NetData again = optviz::parse_net_csv(optviz::net_csv(d));
  check(same_bits(again.x1, d.x1) && same_bits(again.x2, d.x2) && same_bits(again.y, d.y));
  check(optviz::find_net_data_problem(d, optviz::NetLoss::mse).empty());
  const std::string logistic = optviz::find_net_data_problem(d, optviz::NetLoss::logistic);
  check(logistic.empty() || logistic.starts_with("row "));
}

void check_uses(const optviz::NetData& d, std::uint64_t seed) {
  const optviz::NetSplit parts = optviz::split(d, 0.25, seed);
  check(parts.train.size() + parts.test.size() == d.size() && parts.train.size() > 0);
  double sum = 0, parts_sum = 0;
  for (const double v : d.x1) sum += std::fabs(v);
  for (const optviz::NetData* part : {&parts.train, &parts.test})
    for (const double v : part->x1) parts_sum += std::fabs(v);
  check(sum == 0 || std::fabs(sum - parts_sum) <= 1e-9 * sum);
  const optviz::Feature all[] = {optviz::Feature::x1,         optviz::Feature::x2,    optviz::Feature::x1_squared,
                                 optviz::Feature::x2_squared, optviz::Feature::x1_x2, optviz::Feature::sin_x1,
                                 optviz::Feature::sin_x2};
  const std::vector<double> m = optviz::feature_matrix(d, all);
  check(m.size() == d.size() * optviz::kFeatureCount);
  for (const double v : m) check(std::isfinite(v));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (const std::optional<optviz::NetData> d = read({reinterpret_cast<const char*>(data), size})) {
    check_rows(*d);
    check_uses(*d, size);
  }
  return 0;
}
