#include "spread.hpp"

#include <algorithm>
#include <cstdio>
#include <exception>

#include "translate.hpp"

namespace optviz {
namespace {

// The rows of data one update of the run reads (1 for a function of the plane): every row for the
// loss that the row records, and the mini-batch's rows again for its gradient.
double rows_per_update(const RunSpec& run, const Objective& f) {
  if (!f.is_data()) return 1;
  return static_cast<double>(f.data()->size()) + static_cast<double>(std::max(run.batch, 0L));
}

// "2,400,000"
std::string thousands(double v) {
  char text[32];
  std::snprintf(text, sizeof text, "%.0f", v);
  const std::string digits = text;
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

}  // namespace

bool depends_on_seed(const RunSpec& run) { return run.noise > 0 || run.shuffle; }

bool sees_noisy_gradients(const RunSpec& run) { return run.noise > 0 || run.batch > 0; }

void update_spread(Spread& spread, const Course& s, bool wanted) {
  if (!wanted) {
    const std::uint64_t computations = spread.computations;
    spread = Spread{};
    spread.computations = computations;
    return;
  }
  if (spread.computed && spread.course == s) return;
  spread.course = s;
  spread.computed = true;
  ++spread.computations;

  double updates = 0, reads = 0;
  for (const RunSpec& run : s.runs) {
    const double n = static_cast<double>(depends_on_seed(run) ? kSpreadSeeds : 0) + (sees_noisy_gradients(run) ? 1 : 0);
    updates += n * static_cast<double>(s.steps);
    reads += n * static_cast<double>(s.steps) * rows_per_update(run, s.objective);
  }
  if (updates > static_cast<double>(kMaxSpreadUpdates)) {
    spread.runs.clear();
    spread.problem = tr_format("Spread off: it needs {0} updates, at most {1} (fewer steps or noisy runs)",
                               {thousands(updates), thousands(static_cast<double>(kMaxSpreadUpdates))});
    return;
  }
  if (reads > kMaxSpreadRowReads) {
    spread.runs.clear();
    spread.problem = tr_format("Spread off: it reads {0} data rows, at most {1} (fewer steps, smaller batches)",
                               {thousands(reads), thousands(kMaxSpreadRowReads)});
    return;
  }
  spread.problem.clear();
  spread.runs.resize(s.runs.size());
  try {
    for (std::size_t i = 0; i < s.runs.size(); ++i) {
      const RunSpec& run = s.runs[i];
      SpreadRun& out = spread.runs[i];
      out.seeds.resize(depends_on_seed(run) ? kSpreadSeeds : 0);
      for (std::size_t k = 0; k < out.seeds.size(); ++k)
        simulate_run(s.objective, run, s.start, s.steps, training_of(run, s.seed + k + 1, i), out.seeds[k]);
      if (sees_noisy_gradients(run)) {
        Training exact = training_of(run, s.seed, i);
        exact.noise = 0;
        exact.batch = 0;
        exact.shuffle = false;
        simulate_run(s.objective, run, s.start, s.steps, exact, out.reference);
      } else {
        out.reference = Trajectory{};
      }
    }
  } catch (const std::exception& e) {  // a simulated scenario is valid: only a bug gets here
    spread.runs.clear();
    spread.problem = e.what();
  }
}

}  // namespace optviz
