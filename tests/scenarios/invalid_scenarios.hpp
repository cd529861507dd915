// The table of invalid scenario files that the loader and the command line must refuse, each with
// the message that names its field and problem.
#pragma once

#include <string>
#include <vector>

namespace optviz::testing {

struct InvalidScenario {
  std::string name;  // what is wrong, also the file name in the command-line tests
  std::string text;
  std::string message;
};

const std::vector<InvalidScenario>& invalid_scenarios();

}  // namespace optviz::testing
