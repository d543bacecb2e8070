#pragma once
// Seeded random draws built only on std::mt19937's raw output. The standard fixes
// mt19937's sequence but leaves the algorithms of std::uniform_*_distribution and
// std::shuffle to the library, so synthesis draws through these helpers to give
// the same anomalies for a seed with every compiler and standard library.
#include <cstdint>
#include <random>

namespace dl {

// Uniform integer in [0, bound); 0 when bound <= 1. Unbiased (rejection sampling).
std::uint32_t randomBelow(std::mt19937& rng, std::uint32_t bound);

// Uniform integer in [low, high] (inclusive); low when high <= low.
int randomInt(std::mt19937& rng, int low, int high);

// Uniform double in [0, 1) with 32 bits of resolution (one raw draw).
double randomUnit(std::mt19937& rng);

// Uniform double in [low, high).
double randomUniform(std::mt19937& rng, double low, double high);

} // namespace dl
