#include "methods/sdas/SdasSchedule.h"

#include "common/Error.h"

#include <cmath>
#include <string>

namespace dl {

SdasSchedule SdasSchedule::linear(int timesteps, double betaStart, double betaEnd)
{
    if (timesteps < 2)
        throw Error("sdas timesteps must be at least 2, got " + std::to_string(timesteps));
    if (!(betaStart > 0.0 && betaStart < 1.0 && betaEnd > 0.0 && betaEnd < 1.0))
        throw Error("sdas betas must lie within (0, 1)");
    SdasSchedule s;
    double product = 1.0;
    for (int i = 0; i < timesteps; ++i) {
        const double beta = betaStart + (betaEnd - betaStart) * double(i) / double(timesteps - 1);
        product *= 1.0 - beta;
        s.timesteps_.push_back(i);
        s.betas_.push_back(beta);
        s.alphasCumprod_.push_back(product);
    }
    return s;
}

SdasSchedule SdasSchedule::respaced(int steps) const
{
    const int total = this->steps();
    if (steps < 1 || steps > total)
        throw Error("sdas sampling steps must be within 1.." + std::to_string(total) + ", got " + std::to_string(steps));
    SdasSchedule s;
    double previous = 1.0;
    for (int k = 0; k < steps; ++k) {
        // Evenly spaced, both ends kept; with one step only the noisiest timestep.
        const int index = steps == 1 ? total - 1
                                     : int(std::floor(double(k) * double(total - 1) / double(steps - 1) + 0.5));
        const double abar = alphasCumprod_[std::size_t(index)];
        s.timesteps_.push_back(timesteps_[std::size_t(index)]);
        s.betas_.push_back(1.0 - abar / previous);
        s.alphasCumprod_.push_back(abar);
        previous = abar;
    }
    return s;
}

double SdasSchedule::posteriorVariance(int k) const
{
    return beta(k) * (1.0 - alphaCumprodPrev(k)) / (1.0 - alphaCumprod(k));
}

double SdasSchedule::posteriorCoefX0(int k) const
{
    return beta(k) * std::sqrt(alphaCumprodPrev(k)) / (1.0 - alphaCumprod(k));
}

double SdasSchedule::posteriorCoefXt(int k) const
{
    return (1.0 - alphaCumprodPrev(k)) * std::sqrt(1.0 - beta(k)) / (1.0 - alphaCumprod(k));
}

double SdasSchedule::x0CoefXt(int k) const
{
    return std::sqrt(1.0 / alphaCumprod(k));
}

double SdasSchedule::x0CoefEps(int k) const
{
    return std::sqrt(1.0 / alphaCumprod(k) - 1.0);
}

double SdasSchedule::sqrtAlphaCumprod(int k) const
{
    return std::sqrt(alphaCumprod(k));
}

double SdasSchedule::sqrtOneMinusAlphaCumprod(int k) const
{
    return std::sqrt(1.0 - alphaCumprod(k));
}

double SdasSchedule::noiseScale(int k, double strength) const
{
    if (!(strength >= 0.0))
        throw Error("sdas strength must not be negative");
    if (k == 0)
        return 0.0;
    return std::sqrt(1.0 + strength) * std::sqrt(posteriorVariance(k));
}

} // namespace dl
