#pragma once
// Small helpers the training code of every method shares: wall-clock seconds,
// fixed-point numbers for log lines, a seeded shuffle and a validation split.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
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

// A fit's wall-clock budget: `maxMinutes` per category, so that a unified model over N
// categories may train as long as the N per-class models it replaces (a budget for the
// whole fit would buy it 1/N of their epochs per image).
inline double fitBudgetSeconds(double maxMinutes, std::size_t categories)
{
    return 60.0 * maxMinutes * double(std::max<std::size_t>(1, categories));
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

// 0..count-1 in the seeded order of seededShuffle: each epoch's batch order.
inline std::vector<std::int64_t> seededPermutation(std::int64_t count, std::mt19937& rng)
{
    std::vector<std::int64_t> order(static_cast<std::size_t>(std::max<std::int64_t>(0, count)));
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = std::int64_t(i);
    seededShuffle(order, rng);
    return order;
}

// Indices 0..count-1 split into training and validation (each sorted), drawn from
// `rng`: round(fraction x count) held out, at least `minimumHeldOut`; none when
// fraction <= 0 or count < `minimumCount` (callers then keep the last epoch).
struct IndexSplit {
    std::vector<std::int64_t> train, validation;
};

inline IndexSplit splitForValidation(std::size_t count, double fraction, std::size_t minimumHeldOut, std::mt19937& rng,
                                     std::size_t minimumCount = 5)
{
    std::vector<std::int64_t> order(count);
    for (std::size_t i = 0; i < count; ++i) order[i] = std::int64_t(i);
    seededShuffle(order, rng);
    std::size_t held = 0;
    if (fraction > 0 && count >= minimumCount)
        held = std::max(minimumHeldOut, std::size_t(std::lround(fraction * double(count))));
    IndexSplit split;
    split.validation.assign(order.begin(), order.begin() + std::ptrdiff_t(held));
    split.train.assign(order.begin() + std::ptrdiff_t(held), order.end());
    std::sort(split.validation.begin(), split.validation.end());
    std::sort(split.train.begin(), split.train.end());
    return split;
}

} // namespace dl
