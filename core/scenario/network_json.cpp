// A network scenario's "network" section (version 3), read and written:
//   "network": {
//     "data": {"set": "spiral", "rows": 500, "noise": 0, "seed": 1},
//             (or {"source": "moons.csv", "x1": [...], "x2": [...], "y": [...]}: the rows copied in)
//     "test_fraction": 0.5, "features": ["x1", "x2"], "hidden": [8, 8],
//     "activation": "tanh", "loss": "logistic"}
// Every key but "data" may be left out (Playground's defaults: network_setup.hpp).
#include "network_json.hpp"

#include <cmath>

#include "number_text.hpp"
#include "translate.hpp"

namespace optviz::scenario_fields {
namespace {

PlaygroundRecipe parse_recipe(const Json& data) {
  reject_unknown_keys(data, "network.data.", {"set", "rows", "noise", "seed"});
  PlaygroundRecipe r;
  const Json& set = member(data, "set", "network.data.set");
  const auto found = find_playground(text(set, "network.data.set"));
  if (!found)
    fail("network.data.set",
         tr_format("must be one of {0}, got {1}", {"circle, xor, gauss, spiral, plane, multi-gauss", shown(set)}));
  r.set = *found;
  if (const auto it = data.find("rows"); it != data.end())
    r.rows = static_cast<std::size_t>(integer(*it, "network.data.rows", 1, static_cast<long>(kMaxNetRows)));
  if (const auto it = data.find("noise"); it != data.end()) r.noise = number(*it, "network.data.noise");
  if (const auto it = data.find("seed"); it != data.end()) {
    if (!it->is_number_unsigned())
      fail("network.data.seed", tr_format("must be an integer >= 0, got {0}", {shown(*it)}));
    r.seed = it->get<std::uint64_t>();
  }
  return r;
}

void parse_data(const Json& data, NetworkSetup& n) {
  require_object(data, "network.data");
  if (data.find("set") != data.end()) {
    n.recipe = parse_recipe(data);
    return;
  }
  reject_unknown_keys(data, "network.data.", {"source", "x1", "x2", "y"});
  n.recipe.reset();
  n.source = text(member(data, "source", tr("network.data.source (or \"set\")")), "network.data.source");
  for (const auto& [key, column] :
       {std::pair{"x1", &n.rows.x1}, std::pair{"x2", &n.rows.x2}, std::pair{"y", &n.rows.y}}) {
    const std::string field = std::string("network.data.") + key;
    const Json& list = member(data, key, field);
    if (!list.is_array()) fail(field, tr_format("must be an array of numbers, got {0}", {shown(list)}));
    if (list.size() > kMaxNetRows) fail(field, tr_format("must have at most {0} rows", {std::to_string(kMaxNetRows)}));
    for (const Json& item : list) {
      const std::string at = field + "[" + std::to_string(column->size()) + "]";
      const double v = number(item, at);
      if (!(std::abs(v) <= kMaxDataValue)) fail(at, tr_format("must be within {0}", {format_number(kMaxDataValue)}));
      column->push_back(v);
    }
  }
}

}  // namespace

NetworkSetup parse_network(const Json& value) {
  require_object(value, "network");
  reject_unknown_keys(value, "network.", {"data", "test_fraction", "features", "hidden", "activation", "loss"});
  NetworkSetup n;
  parse_data(member(value, "data", "network.data"), n);
  if (const auto it = value.find("test_fraction"); it != value.end())
    n.test_fraction = number(*it, "network.test_fraction");
  if (const auto it = value.find("features"); it != value.end()) {
    if (!it->is_array()) fail("network.features", tr_format("must be an array of names, got {0}", {shown(*it)}));
    if (it->size() > kFeatureCount)
      fail("network.features",
           tr_format("at most {0} features, got {1}", {std::to_string(kFeatureCount), std::to_string(it->size())}));
    n.features.clear();
    for (const Json& item : *it) {
      const std::string field = "network.features[" + std::to_string(n.features.size()) + "]";
      const auto f = find_feature(text(item, field));
      if (!f)
        fail(field,
             tr_format("must be one of {0}, got {1}", {"x1, x2, x1^2, x2^2, x1x2, sin_x1, sin_x2", shown(item)}));
      n.features.push_back(*f);
    }
  }
  if (const auto it = value.find("hidden"); it != value.end()) {
    if (!it->is_array()) fail("network.hidden", tr_format("must be an array of widths, got {0}", {shown(*it)}));
    if (it->size() > kMaxHiddenLayers)
      fail("network.hidden", tr_format("at most {0} hidden layers, got {1}",
                                       {std::to_string(kMaxHiddenLayers), std::to_string(it->size())}));
    n.hidden.clear();
    for (const Json& item : *it)
      n.hidden.push_back(static_cast<std::size_t>(
          integer(item, "network.hidden[" + std::to_string(n.hidden.size()) + "]", 1, static_cast<long>(kMaxUnits))));
  }
  if (const auto it = value.find("activation"); it != value.end()) {
    const auto a = find_activation(text(*it, "network.activation"));
    if (!a) fail("network.activation", tr_format("must be \"tanh\", \"relu\" or \"sigmoid\", got {0}", {shown(*it)}));
    n.activation = *a;
  }
  n.loss = n.recipe && !is_classification(n.recipe->set) ? NetLoss::mse : NetLoss::logistic;
  if (const auto it = value.find("loss"); it != value.end()) {
    const auto l = find_net_loss(text(*it, "network.loss"));
    if (!l) fail("network.loss", tr_format("must be \"logistic\" or \"mse\", got {0}", {shown(*it)}));
    n.loss = *l;
  }
  return n;
}

OrderedJson network_json(const NetworkSetup& n) {
  OrderedJson out;
  if (n.recipe) {
    out["data"] = {
        {"set", name(n.recipe->set)}, {"rows", n.recipe->rows}, {"noise", n.recipe->noise}, {"seed", n.recipe->seed}};
  } else {
    out["data"] = {{"source", n.source}, {"x1", n.rows.x1}, {"x2", n.rows.x2}, {"y", n.rows.y}};
  }
  out["test_fraction"] = n.test_fraction;
  OrderedJson features = OrderedJson::array();
  for (Feature f : n.features) features.push_back(std::string(name(f)));
  out["features"] = std::move(features);
  out["hidden"] = n.hidden;
  out["activation"] = name(n.activation);
  out["loss"] = name(n.loss);
  return out;
}

}  // namespace optviz::scenario_fields
