// Undo and redo of the scenario: snapshots of what the user edits (the scenario and the recipe of
// generated data), recorded once a change is complete (a slider's drag when it is released, a
// field when it is left), so that one gesture is one entry. The view (zoom, theme, panel sizes,
// the playhead, the 2D or 3D view and the camera) is never recorded. No ImGui: the panels say
// when a widget is being edited.
#pragma once

#include <cstddef>
#include <deque>
#include <optional>
#include <string>

#include "dataset.hpp"
#include "objective.hpp"
#include "scenario.hpp"

namespace optviz::gui {

// The data set the app draws itself: the recipe the data fields edit, and the objective it gave
// (the fields show while the scenario's objective is that one).
struct GeneratedData {
  DataRecipe recipe;
  std::optional<Objective> objective;
};

// What one undo entry restores.
struct Snapshot {
  Scenario scenario;
  GeneratedData generated;
};

// True when a and b differ in nothing an undo restores: the scenario less its view-only display
// (the 2D or 3D view and the camera). Cheap: a data set is compared by its pointer first.
bool same_edit(const Scenario& a, const Scenario& b);

// What changed from `before` to `after`, as the Edit menu names it ("eta", "start", "add run",
// "function", "lesson"); "change" when it cannot tell.
std::string describe_change(const Scenario& before, const Scenario& after);
// A change's name as the Edit menu and the notices show it, in the current language ("open X" as
// tr_format("open {0}")). The names stay English where they are kept: record() compares them (a
// hyperparameter's nudges merge); describe_change marks them translatable().
std::string shown_change_name(const std::string& name);

// At the limit the oldest entry is dropped: the last kHistoryLimit changes can be undone. Data
// sets are shared by the entries that hold the same one; when the distinct data sets held pass
// kHistoryDataBytes (200 "New points" of 100000 rows would hold 320 MB), the oldest entries go too,
// the last one always kept.
inline constexpr std::size_t kHistoryLimit = 200;
inline constexpr std::size_t kHistoryDataBytes = std::size_t{64} << 20;

class History {
 public:
  explicit History(std::size_t limit = kHistoryLimit, std::size_t data_bytes = kHistoryDataBytes)
      : limit_(limit == 0 ? 1 : limit), data_limit_(data_bytes) {}

  // Records the scenario and the generated data when the scenario differs from the last recorded
  // one (same_edit): that one becomes an undo entry named `name` (by describe_change when empty),
  // and redo is cleared. The first call only starts the history (and marks the scenario as saved,
  // unless something was). With `merge`, a change of a hyperparameter named as the last entry,
  // itself merged, joins it instead (the nudges of one slider, notch after notch). True when it
  // recorded.
  bool record(const Scenario& scenario, const GeneratedData& generated, std::string name = {}, bool merge = false);
  // The next change starts an entry of its own, merged or not.
  void stop_merging() { merging_ = false; }
  // The snapshot to restore, or nothing. The current one (recorded first if it is a change) goes
  // to the other list; a change not yet recorded clears what could be redone.
  std::optional<Snapshot> undo(const Scenario& scenario, const GeneratedData& generated);
  std::optional<Snapshot> redo(const Scenario& scenario, const GeneratedData& generated);

  bool can_undo() const { return !undo_.empty(); }
  bool can_redo() const { return !redo_.empty(); }
  // What the next undo or redo changes back ("" when there is none).
  std::string undo_name() const { return undo_.empty() ? std::string() : undo_.back().name; }
  std::string redo_name() const { return redo_.empty() ? std::string() : redo_.back().name; }
  std::size_t undo_count() const { return undo_.size(); }
  std::size_t redo_count() const { return redo_.size(); }

  // The scenario as last saved or opened; modified() tells whether `now` differs from it.
  void mark_saved(const Scenario& scenario) { saved_ = scenario; }
  bool modified(const Scenario& now) const { return saved_ && !same_edit(*saved_, now); }

 private:
  struct Entry {
    Snapshot snapshot;
    std::string name;
  };
  void push(std::deque<Entry>& list, Entry entry);
  // Moves the last entry of `from` in as the recorded snapshot, the recorded one onto `to`.
  std::optional<Snapshot> step(std::deque<Entry>& from, std::deque<Entry>& to);

  // The bytes of the distinct data sets the entries (and the recorded snapshot, between pushes) hold.
  std::size_t data_bytes() const;

  std::size_t limit_;
  std::size_t data_limit_;
  std::deque<Entry> undo_, redo_;  // the most recent at the back
  std::optional<Snapshot> recorded_;
  std::optional<Scenario> saved_;
  bool merging_ = false;  // the last entry was recorded with `merge`
};

}  // namespace optviz::gui
