// "Explain the next update": the selected run's next update played as its sub-steps
// (core/run/explain.hpp), each shown for a moment, with previous, next, pause and close. While it is
// open the playback is paused; after the last sub-step the playhead moves one step and it closes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>

#include "explain.hpp"
#include "geometry.hpp"

namespace optviz::gui {

inline constexpr double kExplainPartSeconds = 1.8;  // how long each sub-step shows while playing

// Where the last frame drew the inset: its text's bottom and its buttons (previous, play, next,
// close), which never overlap and stay clear of the text.
struct ExplainLayout {
  PixelRect inset;
  float text_bottom = 0;
  PixelRect buttons[4];
};

struct ExplainMode {
  bool open = false;
  bool playing = true;
  std::size_t run = 0;           // the explained run's index
  long step = 0;                 // the playhead's step it explains (row step to row step + 1)
  std::uint64_t generation = 0;  // of the simulation it explains
  // A network scenario's: the parameter it explains (the inspector draws it: net_inspection.hpp).
  std::optional<std::size_t> parameter;
  std::size_t part = 0;  // the sub-step shown
  double shown = 0;      // seconds the sub-step has shown
  Explanation explanation;
  ExplainLayout layout;
};

struct AppState;

// Opens the mode on the selected run at the playhead (a notice when no run is selected) and
// pauses the playback.
void start_explaining(AppState& state);
void stop_explaining(AppState& state);
void toggle_explaining(AppState& state);
// The next sub-step; after the last one the playhead moves one step and the mode closes.
void explain_next(AppState& state);
void explain_previous(AppState& state);
// Once per frame: follows the playhead, the selection and the simulation (explaining again when
// they change, closing when the run is gone) and plays the sub-steps.
void advance_explaining(AppState& state, double dt);

}  // namespace optviz::gui
