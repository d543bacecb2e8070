#include "synthesis/Random.h"

#include "common/UniformRandom.h"

#include <limits>

namespace dl {

std::uint32_t randomBelow(std::mt19937& rng, std::uint32_t bound)
{
    return uniformBelow(rng, bound);
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
