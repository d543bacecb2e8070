#pragma once
// Small helpers the training code of every method shares: wall-clock seconds,
// fixed-point numbers for log lines, and a seeded shuffle.
#include <chrono>
#include <cstdio>
#include <random>
#include <string>
#include <utility>
#include <vector>

namespace dl {

using SteadyClock = std::chrono::steady_clock;

inline double secondsSince(SteadyClock::time_point start)
{
    return std::chrono::duration<double>(SteadyClock::now() - start).count();
}

inline std::string formatFixed(double value, int digits)
{
    char buf[64];
    std::snprintf(buf, sizeof(buf), "%.*f", digits, value);
    return buf;
}

// Fisher-Yates from the back over raw mt19937 output (mt19937's output is fixed by the
// standard, std::shuffle's algorithm is not), so a seed gives the same order everywhere.
// The modulo has a negligible bias for the list sizes used here; it is kept so that
// recorded training runs stay reproducible. Dataset splits use the unbiased
// data/ImportSupport.h variant.
template <typename T>
void seededShuffle(std::vector<T>& items, std::mt19937& rng)
{
    for (std::size_t i = items.size(); i > 1; --i)
        std::swap(items[i - 1], items[std::size_t(rng() % i)]);
}

} // namespace dl
