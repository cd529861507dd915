// What reading a scenario throws: the message names the field and the problem.
#pragma once

#include <stdexcept>

namespace optviz {

// An invalid scenario: the message names the field and the problem.
struct ScenarioError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

}  // namespace optviz
