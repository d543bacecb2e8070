#include "synthesis/Random.h"

#include <limits>

namespace dl {

std::uint32_t randomBelow(std::mt19937& rng, std::uint32_t bound)
{
    if (bound <= 1)
        return 0;
    // Only raw values below the largest multiple of `bound` are accepted, so every
    // residue is equally likely.
    const std::uint64_t range = std::uint64_t(std::numeric_limits<std::uint32_t>::max()) + 1;
    const std::uint64_t acceptBelow = range - range % bound;
    for (;;) {
        const std::uint64_t value = std::uint64_t(rng()) & 0xFFFFFFFFu;
        if (value < acceptBelow)
            return std::uint32_t(value % bound);
    }
}

int randomInt(std::mt19937& rng, int low, int high)
{
    if (high <= low)
        return low;
    const auto span = std::uint32_t(std::int64_t(high) - std::int64_t(low) + 1);
    return int(std::int64_t(low) + randomBelow(rng, span));
}

double randomUnit(std::mt19937& rng)
{
    return double(std::uint64_t(rng()) & 0xFFFFFFFFu) / 4294967296.0;
}

double randomUniform(std::mt19937& rng, double low, double high)
{
    return low + (high - low) * randomUnit(rng);
}

} // namespace dl
