// A network scenario's inspector and explained update: the chosen parameter's next update at the
// playhead (core/network/net_explain.hpp), replayed from the selected run's training. The replay is
// kept between frames and reused while the run's training, its spec and the parameter stay the same:
// a playhead that moves forward replays only the steps it moved (2,000 steps of a 2-8-8-1 network
// take about 5 ms from the start), and a playhead that stays costs nothing.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>

#include "explain.hpp"
#include "net_explain.hpp"
#include "scenario.hpp"

namespace optviz::gui {

struct NetInspection {
  // What the replay was built for: the training's start (its address), the run's result version,
  // its spec, steps and seed, and the parameter.
  const NetStart* start = nullptr;
  std::uint64_t version = 0;
  std::size_t run = 0;
  RunSpec spec;
  long steps = 0;
  std::uint64_t seed = 0;
  std::optional<ParameterReplay> replay;
  long step = -1;  // the step `explanation` explains (-1: none yet)
  Explanation explanation;
  std::uint64_t replays = 0;  // explanations computed (not taken from the cache)
};

struct AppState;

// The chosen parameter's update at the playhead, for the selected run of a network scenario; null
// while there is none: not a network scenario, no run selected, its training not finished, no
// parameter chosen (or one the network does not have).
const Explanation* inspected_parameter_update(AppState& state);

}  // namespace optviz::gui
