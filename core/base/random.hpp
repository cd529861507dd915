// The project's own counter-based random numbers: every draw is a pure function of (seed, stream,
// counter), so a scenario gives the same bytes on every machine, compiler and standard library
// (std::normal_distribution's output is not specified, and libm's log and cos may differ in their
// last bit). Only integer arithmetic and IEEE +, -, *, / and sqrt are used.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "vec2.hpp"

namespace optviz {

// 64 well-mixed bits from the four words (SplitMix64's finaliser applied in a chain).
std::uint64_t random_bits(std::uint64_t seed, std::uint64_t stream, std::uint64_t counter, std::uint64_t index = 0);

// A double uniform in [0, 1), with 53 random bits.
double random_uniform(std::uint64_t seed, std::uint64_t stream, std::uint64_t counter, std::uint64_t index = 0);

// Two independent standard normal numbers (Marsaglia's polar method with a log of our own).
Vec2 random_normal_pair(std::uint64_t seed, std::uint64_t stream, std::uint64_t counter);

// A permutation of 0 .. n-1 (Fisher-Yates), one per (seed, stream, counter).
std::vector<std::size_t> random_permutation(std::size_t n, std::uint64_t seed, std::uint64_t stream,
                                            std::uint64_t counter);

// The natural logarithm of a positive finite x, to about 1 ulp, from IEEE arithmetic alone.
double portable_log(double x);

}  // namespace optviz
