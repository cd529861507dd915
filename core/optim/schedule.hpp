// Learning-rate schedules: eta_t as a pure function of the update's number t = 1, 2, ... (as
// optax's schedules are), with s = t - 1 updates before it. They follow torch.optim.lr_scheduler:
//   warm-up factor   w(s) = F + (1 - F) min(s, W) / W      (1 when W = 0)
//   constant         eta_t = eta w(s)
//   step             eta_t = eta w(s) gamma^floor(s / K)                       (StepLR)
//   exponential      eta_t = eta w(s) gamma^s                                  (ExponentialLR)
//   inverse_sqrt     eta_t = eta w(s) sqrt(W0 / max(s, W0)),  W0 = max(W, 1)
//   cosine           eta_t = w(s) (M + (eta - M) (1 + cos(pi s / T)) / 2)      (CosineAnnealingLR's
//                    closed form; T = t_max, or the run's step count; past T it rises again)
// eta_t takes the place of eta wherever the update rule uses it.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "parameters.hpp"
#include "translate.hpp"

namespace optviz {

enum class ScheduleKind { constant, step, exponential, cosine, inverse_sqrt };

struct Schedule {
  ScheduleKind kind = ScheduleKind::constant;
  long step_size = 1;         // K, step
  double gamma = 0.1;         // step (torch's default 0.1) and exponential
  long t_max = 0;             // T, cosine; 0: the run's step count
  double eta_min = 0;         // M, cosine
  long warmup = 0;            // W updates of linear warm-up (0: none)
  double warmup_start = 0.1;  // F, the warm-up's first factor
  friend bool operator==(const Schedule&, const Schedule&) = default;

  bool is_constant() const { return kind == ScheduleKind::constant && warmup == 0; }
  // eta_t for update t of a run of `steps` updates.
  double eta(long t, double eta, long steps) const;
};

// A kind of schedule described once: its name in scenario files and on the command line, its title
// in menus and its formula (with the torch scheduler it follows) for help texts.
struct ScheduleDescription {
  ScheduleKind kind;
  std::string_view name;     // "step"
  std::string_view title;    // "step decay"
  std::string_view formula;  // "η_t = η·γ^floor((t−1)/K): ..."
};

// A field of Schedule described once: its key in scenario files, its command-line flag, its symbol,
// help and the schedules that take it. An integer field (count) has a slider from `min` to `max`
// times the run's steps, written with `format` ("%d" its value) or `zero_text` at 0; a real field
// (value) has a slider over [min, max] moving by `scale`. find_schedule_problem holds the rules.
struct ScheduleField {
  std::string_view name;    // "step_size"
  std::string_view flag;    // "step-size"
  std::string_view symbol;  // "K"
  std::string_view help;
  unsigned kinds;           // bit (1 << kind) for each schedule that takes it
  long Schedule::*count;    // an integer field, or nullptr
  double Schedule::*value;  // a real field, or nullptr
  double min;
  double max;
  SliderScale scale;
  std::string_view format;      // integer fields
  std::string_view zero_text;   // integer fields
  std::string_view needs = {};  // the field that must be set (non-zero) for this one to apply

  bool applies_to(ScheduleKind kind) const { return (kinds >> static_cast<unsigned>(kind)) & 1u; }
};

const ScheduleDescription& describe(ScheduleKind kind);
// The fields in the order the controls show them: K, gamma, T, eta_min, then the warm-up's.
std::span<const ScheduleField> schedule_fields();
const ScheduleField* find_schedule_field(std::string_view name);

std::string_view name(ScheduleKind kind);
std::optional<ScheduleKind> find_schedule(std::string_view name);
std::span<const ScheduleKind> schedule_kinds();

// What is wrong with a schedule ("gamma: must be > 0, got -1"), or "".
std::string find_schedule_problem(const Schedule& s);

// "cosine, T = 300" for legends; "" for a constant rate without warm-up. In the language shown, or
// in English (as_english) for a name a file stores.
std::string schedule_summary(const Schedule& s, Words words = tr);

}  // namespace optviz
