// The many-run kernels on one SIMD target for a scope, then on the widest again (simd.hpp), so that a
// test can check every target this CPU runs.
#pragma once

#include <string>

#include "simd.hpp"

namespace optviz {

class UseSimdTarget {
 public:
  explicit UseSimdTarget(const std::string& target) { use_simd_target(target); }
  ~UseSimdTarget() { use_simd_target(""); }
  UseSimdTarget(const UseSimdTarget&) = delete;
  UseSimdTarget& operator=(const UseSimdTarget&) = delete;
};

}  // namespace optviz
