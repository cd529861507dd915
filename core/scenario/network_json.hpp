// A network scenario's "network" section as JSON (network_json.cpp): read with messages that name
// the field, written in a fixed order. Internal to the scenario floor.
#pragma once

#include "network_setup.hpp"
#include "scenario_fields.hpp"

namespace optviz::scenario_fields {

NetworkSetup parse_network(const Json& value);
OrderedJson network_json(const NetworkSetup& setup);

}  // namespace optviz::scenario_fields
