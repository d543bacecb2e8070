#pragma once
// Uniform integer in [0, bound) from raw mt19937 output by rejection. The
// standard fixes mt19937's output but not std::uniform_int_distribution's or
// std::shuffle's algorithms, so seeded dataset splits and synthetic defects use
// this one to be identical on every platform.
#include <cstdint>
#include <limits>
#include <random>

namespace dl {

inline std::uint32_t uniformBelow(std::mt19937& rng, std::uint32_t bound)
{
    if (bound <= 1)
        return 0;
    // Accept only raw values below the largest multiple of `bound`, so every
    // residue is equally likely.
    const std::uint64_t range = std::uint64_t(std::numeric_limits<std::uint32_t>::max()) + 1;
    const std::uint64_t acceptBelow = range - range % bound;
    for (;;) {
        const std::uint64_t value = std::uint64_t(rng()) & 0xFFFFFFFFu;
        if (value < acceptBelow)
            return std::uint32_t(value % bound);
    }
}

} // namespace dl
