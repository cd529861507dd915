// The name a run is shown with, everywhere a name appears: the run list, the legends, the
// inspector, the maps, the exported figures and the file names of exported runs. A name the user
// typed (RunLook::label) stays as typed; an empty label is automatic: the optimizer's title and
// the values in which the run differs from the scenario's other runs of the same optimizer,
// recomputed from the current values each time it is asked for, so that it never lies.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "scenario.hpp"
#include "translate.hpp"

namespace optviz {

// "RMSprop" for a run alone of its optimizer, "RMSprop rho=0.99" beside an RMSprop run with
// rho = 0.999, "RMSprop centered" beside one that is not; values as format_shown writes them.
// Two runs that would still read the same are told apart by " (2)", " (3)" on the later ones.
// In the language shown; with as_english as files store them (an exported run's file name).
std::vector<std::string> run_names(const Scenario& s, Words words = tr);
std::string run_name(const Scenario& s, std::size_t index, Words words = tr);

// Whether a stored label says nothing but what an automatic name would: none, the run's title ("RMSprop",
// "Rule"), then only `name=value` pairs (the parameter's name or symbol: "eta=0.1", "η=0.1") that
// are the run's own values as shown. Scenario files read such a label as automatic, so that the
// names written with their values by earlier versions follow the values from now on.
bool is_value_label(const RunSpec& run, std::string_view label);

}  // namespace optviz
