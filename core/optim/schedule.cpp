#include "schedule.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <initializer_list>
#include <numbers>

#include "parameters.hpp"
#include "translate.hpp"

namespace optviz {
namespace {

using K = ScheduleKind;
constexpr std::array<K, 5> kKinds = {K::constant, K::step, K::exponential, K::cosine, K::inverse_sqrt};

// In the order of ScheduleKind.
constexpr std::array<ScheduleDescription, 5> kDescriptions = {{
    {K::constant, "constant", translatable("constant"), translatable("η_t = η (times the warm-up)")},
    {K::step, "step", translatable("step decay"),
     translatable("η_t = η·γ^floor((t−1)/K): γ times smaller every K updates (torch's StepLR)")},
    {K::exponential, "exponential", translatable("exponential"),
     translatable("η_t = η·γ^(t−1) (torch's ExponentialLR)")},
    {K::cosine, "cosine", translatable("cosine"),
     translatable("η_t = η_min + (η − η_min)·(1 + cos(π(t−1)/T))/2 (torch's CosineAnnealingLR)")},
    {K::inverse_sqrt, "inverse_sqrt", "1/√t", translatable("η_t = η·√(W/max(t−1, W)), W = max(warm-up, 1)")},
}};

constexpr unsigned bits(std::initializer_list<K> kinds) {
  unsigned b = 0;
  for (K k : kinds) b |= 1u << static_cast<unsigned>(k);
  return b;
}
constexpr unsigned kEvery = bits({K::constant, K::step, K::exponential, K::cosine, K::inverse_sqrt});

// clang-format off
const std::array kFields = {
    ScheduleField{"step_size", "step-size", "K", translatable("updates between two decays"),
                  bits({K::step}), &Schedule::step_size, nullptr, 1, 1, SliderScale::linear, translatable("every %d updates"), ""},
    ScheduleField{"gamma", "gamma", "γ", translatable("the decay factor: per step_size updates (step), per update (exponential)"),
                  bits({K::step, K::exponential}), nullptr, &Schedule::gamma, 1e-3, 1, SliderScale::one_minus_log, "", ""},
    ScheduleField{"t_max", "t-max", "T", translatable("the half period; past it the rate rises again (0: the run's steps)"),
                  bits({K::cosine}), &Schedule::t_max, nullptr, 0, 2, SliderScale::linear, translatable("T = %d updates"),
                  translatable("T = the run's steps")},
    ScheduleField{"eta_min", "eta-min", "η_min", translatable("the lowest rate of the cosine"),
                  bits({K::cosine}), nullptr, &Schedule::eta_min, 0, 10, SliderScale::log, "", ""},
    ScheduleField{"warmup", "warmup", "W", translatable("updates of linear warm-up from a fraction of eta"),
                  kEvery, &Schedule::warmup, nullptr, 0, 1, SliderScale::linear, translatable("warm-up %d updates"), translatable("no warm-up")},
    ScheduleField{"warmup_start", "warmup-start", "from", translatable("the fraction of eta the first update of the warm-up takes"),
                  kEvery, nullptr, &Schedule::warmup_start, 0, 1, SliderScale::linear, "", "", "warmup"},
};
// clang-format on

}  // namespace

const ScheduleDescription& describe(ScheduleKind kind) { return kDescriptions[static_cast<std::size_t>(kind)]; }
std::span<const ScheduleField> schedule_fields() { return kFields; }

const ScheduleField* find_schedule_field(std::string_view name) {
  for (const ScheduleField& f : kFields)
    if (f.name == name) return &f;
  return nullptr;
}

std::string_view name(ScheduleKind kind) { return describe(kind).name; }

std::optional<ScheduleKind> find_schedule(std::string_view text) {
  for (const ScheduleDescription& d : kDescriptions)
    if (d.name == text) return d.kind;
  return std::nullopt;
}

std::span<const ScheduleKind> schedule_kinds() { return kKinds; }

double Schedule::eta(long t, double eta, long steps) const {
  const double s = static_cast<double>(t - 1);
  const double w = warmup > 0 ? warmup_start + (1 - warmup_start) * std::min(s, static_cast<double>(warmup)) /
                                                   static_cast<double>(warmup)
                              : 1.0;
  switch (kind) {
    case K::constant:
      return eta * w;
    case K::step:
      return eta * w * std::pow(gamma, std::floor(s / static_cast<double>(step_size)));
    case K::exponential:
      return eta * w * std::pow(gamma, s);
    case K::inverse_sqrt: {
      const double w0 = static_cast<double>(std::max(warmup, 1L));
      return eta * w * std::sqrt(w0 / std::max(s, w0));
    }
    case K::cosine: {
      const double period = static_cast<double>(t_max > 0 ? t_max : std::max(steps, 1L));
      return w * (eta_min + (eta - eta_min) * (1 + std::cos(std::numbers::pi * s / period)) / 2);
    }
  }
  return eta;
}

std::string find_schedule_problem(const Schedule& s) {
  if (s.step_size < 1)
    return "step_size: " + tr_format("must be an integer >= 1, got {0}", {std::to_string(s.step_size)});
  if (!std::isfinite(s.gamma) || s.gamma <= 0)
    return "gamma: " + tr_format("must be a number > 0, got {0}", {format_number(s.gamma)});
  if (s.t_max < 0)
    return "t_max: " + tr_format("must be an integer >= 1 (0: the run's steps), got {0}", {std::to_string(s.t_max)});
  if (!std::isfinite(s.eta_min) || s.eta_min < 0)
    return "eta_min: " + tr_format("must be >= 0, got {0}", {format_number(s.eta_min)});
  if (s.warmup < 0) return "warmup: " + tr_format("must be an integer >= 0, got {0}", {std::to_string(s.warmup)});
  if (!std::isfinite(s.warmup_start) || s.warmup_start < 0 || s.warmup_start > 1)
    return "warmup_start: " + tr_format("must be in [0, 1], got {0}", {format_number(s.warmup_start)});
  return "";
}

std::string schedule_summary(const Schedule& s, Words words) {
  std::string out;
  switch (s.kind) {
    case K::constant:
      break;
    case K::step:
      out = words_format(words, "step ×{0} every {1}", {format_number(s.gamma), std::to_string(s.step_size)});
      break;
    case K::exponential:
      out = words_format(words, "exponential γ = {0}", {format_number(s.gamma)});
      break;
    case K::cosine:
      out = words(translatable("cosine")) + (s.t_max > 0 ? ", T = " + std::to_string(s.t_max) : std::string()) +
            (s.eta_min > 0 ? ", η_min = " + format_number(s.eta_min) : std::string());
      break;
    case K::inverse_sqrt:
      out = "1/√t";
      break;
  }
  if (s.warmup > 0) out += (out.empty() ? "" : ", ") + words_format(words, "warm-up {0}", {std::to_string(s.warmup)});
  return out;
}

}  // namespace optviz
