#include "net_data.hpp"

#include <array>
#include <cmath>
#include <utility>

#include "data_csv.hpp"
#include "names.hpp"
#include "number_text.hpp"
#include "random.hpp"
#include "translate.hpp"

namespace optviz {
namespace {

NetData from_columns(std::vector<std::vector<double>> columns) {
  return {std::move(columns[0]), std::move(columns[1]), std::move(columns[2])};
}

constexpr Names<NetLoss, 2> kLosses{{{NetLoss::logistic, "logistic"}, {NetLoss::mse, "mse"}}};
constexpr Names<Playground, 6> kPlaygrounds{{{Playground::circle, "circle"},
                                             {Playground::xor_, "xor"},
                                             {Playground::gauss, "gauss"},
                                             {Playground::spiral, "spiral"},
                                             {Playground::plane, "plane"},
                                             {Playground::multi_gauss, "multi-gauss"}}};
constexpr Names<Feature, kFeatureCount> kFeatures{{{Feature::x1, "x1"},
                                                   {Feature::x2, "x2"},
                                                   {Feature::x1_squared, "x1^2"},
                                                   {Feature::x2_squared, "x2^2"},
                                                   {Feature::x1_x2, "x1x2"},
                                                   {Feature::sin_x1, "sin_x1"},
                                                   {Feature::sin_x2, "sin_x2"}}};

}  // namespace

NetData parse_net_csv(std::string_view text) {
  return from_columns(read_data_columns(text, {"x1", "x2", "y"}, kMaxNetRows));
}

NetData load_net_csv(const std::filesystem::path& path) {
  return from_columns(load_data_columns(path, {"x1", "x2", "y"}, kMaxNetRows));
}

std::string net_csv(const NetData& data) {
  std::string text = "x1,x2,y\n";
  for (std::size_t i = 0; i < data.size(); ++i)
    text += format_number(data.x1[i]) + ',' + format_number(data.x2[i]) + ',' + format_number(data.y[i]) + '\n';
  return text;
}

std::string_view name(NetLoss loss) { return name_in(kLosses, loss); }

std::optional<NetLoss> find_net_loss(std::string_view text) { return find_in(kLosses, text); }

std::string find_net_data_problem(const NetData& data, NetLoss loss) {
  if (data.x1.size() != data.y.size() || data.x2.size() != data.y.size())
    return tr("x1, x2 and y have different lengths");
  if (data.size() == 0) return tr("no rows");
  if (data.size() > kMaxNetRows) return tr_format("too many rows: more than {0}", {std::to_string(kMaxNetRows)});
  return find_row_problem({&data.x1, &data.x2, &data.y}, loss == NetLoss::logistic ? &data.y : nullptr);
}

std::string_view name(Playground set) { return name_in(kPlaygrounds, set); }

std::optional<Playground> find_playground(std::string_view text) { return find_in(kPlaygrounds, text); }

bool is_classification(Playground set) { return set != Playground::plane && set != Playground::multi_gauss; }

NetSplit split(const NetData& data, double test_fraction, std::uint64_t seed) {
  if (!(test_fraction >= 0 && test_fraction < 1))
    throw DataError(tr_format("test fraction: must be 0 .. 1 (1 excluded), got {0}", {format_number(test_fraction)}));
  const std::size_t n = data.size();
  const auto tests = static_cast<std::size_t>(std::round(test_fraction * static_cast<double>(n)));
  if (tests == n && n > 0)
    throw DataError(tr_format("test fraction {0} of {1} rows leaves no training row",
                              {format_number(test_fraction), std::to_string(n)}));
  constexpr std::uint64_t kSplitStream = 0x5b1175;  // apart from the shuffled batches' stream
  const std::vector<std::size_t> order = random_permutation(n, seed, kSplitStream, 0);
  NetSplit parts;
  for (std::size_t k = 0; k < n; ++k) {
    NetData& part = k < n - tests ? parts.train : parts.test;
    part.x1.push_back(data.x1[order[k]]);
    part.x2.push_back(data.x2[order[k]]);
    part.y.push_back(data.y[order[k]]);
  }
  return parts;
}

std::string_view name(Feature f) { return name_in(kFeatures, f); }

std::optional<Feature> find_feature(std::string_view text) { return find_in(kFeatures, text); }

std::vector<double> feature_matrix(const NetData& data, std::span<const Feature> features) {
  std::vector<double> m;
  m.reserve(data.size() * features.size());
  for (std::size_t i = 0; i < data.size(); ++i) {
    const double a = data.x1[i], b = data.x2[i];
    for (const Feature f : features) {
      switch (f) {
        case Feature::x1:
          m.push_back(a);
          break;
        case Feature::x2:
          m.push_back(b);
          break;
        case Feature::x1_squared:
          m.push_back(a * a);
          break;
        case Feature::x2_squared:
          m.push_back(b * b);
          break;
        case Feature::x1_x2:
          m.push_back(a * b);
          break;
        case Feature::sin_x1:
          m.push_back(std::sin(a));
          break;
        case Feature::sin_x2:
          m.push_back(std::sin(b));
          break;
      }
    }
  }
  return m;
}

}  // namespace optviz
