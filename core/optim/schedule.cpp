#include "schedule.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>

#include "parameters.hpp"

namespace optviz {
namespace {

using K = ScheduleKind;
constexpr std::array<K, 5> kKinds = {K::constant, K::step, K::exponential, K::cosine, K::inverse_sqrt};
constexpr std::array<std::string_view, 5> kNames = {"constant", "step", "exponential", "cosine", "inverse_sqrt"};

}  // namespace

std::string_view name(ScheduleKind kind) { return kNames[static_cast<std::size_t>(kind)]; }

std::optional<ScheduleKind> find_schedule(std::string_view text) {
  for (std::size_t i = 0; i < kNames.size(); ++i)
    if (kNames[i] == text) return kKinds[i];
  return std::nullopt;
}

std::span<const ScheduleKind> schedule_kinds() { return kKinds; }

double Schedule::eta(long t, double eta, long steps) const {
  const double s = static_cast<double>(t - 1);
  const double w = warmup > 0 ? warmup_start + (1 - warmup_start) * std::min(s, static_cast<double>(warmup)) /
                                                   static_cast<double>(warmup)
                              : 1.0;
  switch (kind) {
    case K::constant: return eta * w;
    case K::step: return eta * w * std::pow(gamma, std::floor(s / static_cast<double>(step_size)));
    case K::exponential: return eta * w * std::pow(gamma, s);
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
  if (s.step_size < 1) return "step_size: must be an integer >= 1, got " + std::to_string(s.step_size);
  if (!std::isfinite(s.gamma) || s.gamma <= 0) return "gamma: must be a number > 0, got " + format_number(s.gamma);
  if (s.t_max < 0) return "t_max: must be an integer >= 1 (0: the run's steps), got " + std::to_string(s.t_max);
  if (!std::isfinite(s.eta_min) || s.eta_min < 0) return "eta_min: must be >= 0, got " + format_number(s.eta_min);
  if (s.warmup < 0) return "warmup: must be an integer >= 0, got " + std::to_string(s.warmup);
  if (!std::isfinite(s.warmup_start) || s.warmup_start < 0 || s.warmup_start > 1)
    return "warmup_start: must be in [0, 1], got " + format_number(s.warmup_start);
  return "";
}

std::string schedule_summary(const Schedule& s) {
  std::string out;
  switch (s.kind) {
    case K::constant: break;
    case K::step: out = "step ×" + format_number(s.gamma) + " every " + std::to_string(s.step_size); break;
    case K::exponential: out = "exponential γ = " + format_number(s.gamma); break;
    case K::cosine:
      out = "cosine" + (s.t_max > 0 ? ", T = " + std::to_string(s.t_max) : std::string()) +
            (s.eta_min > 0 ? ", η_min = " + format_number(s.eta_min) : std::string());
      break;
    case K::inverse_sqrt: out = "1/√t"; break;
  }
  if (s.warmup > 0) out += (out.empty() ? "" : ", ") + std::string("warm-up ") + std::to_string(s.warmup);
  return out;
}

}  // namespace optviz
