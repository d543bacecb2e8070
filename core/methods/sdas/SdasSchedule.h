#pragma once
// The arithmetic of SDAS's diffusion (torch-free): the linear beta schedule of a
// T-step DDPM, its respacing to K sampling steps, the posterior q(x_{k-1} | x_k, x_0)
// of the (respaced) chain, and the strength-controlled noise scale of an ancestral
// step:
//
//   x_{k-1} = mu_theta(x_k, k) + sqrt(1 + s) * sigma_k * z,   z ~ N(0, I), z = 0 on the last step
//
// with sigma_k^2 the posterior variance. s = 0 is plain ancestral sampling; a larger s
// perturbs every step more and drifts the sample off the normal images' distribution
// (RealNet's strength-controllable diffusion anomaly synthesis).
//
// Indices: step k = 0..steps()-1 in increasing noise; timestep(k) is the index into
// the original T-step schedule (0..T-1) that the network is conditioned on.
#include <vector>

namespace dl {

class SdasSchedule {
public:
    // beta_i = betaStart + (betaEnd - betaStart) * i / (T - 1), i = 0..T-1. Throws dl::Error
    // for T < 2 or betas outside (0, 1).
    static SdasSchedule linear(int timesteps, double betaStart, double betaEnd);

    // `steps` timesteps evenly spaced over 0..T-1, both ends kept (index round(k (T-1)/(K-1)),
    // rounded half up), with betas recomputed so that the kept steps have the original
    // cumulative products: beta'_k = 1 - abar(t_k) / abar(t_{k-1}), abar(t_{-1}) = 1.
    // Throws dl::Error unless 1 <= steps <= T (steps 1 keeps the last timestep only).
    SdasSchedule respaced(int steps) const;

    int steps() const { return int(betas_.size()); }
    int timestep(int k) const { return timesteps_[std::size_t(k)]; }
    const std::vector<int>& timesteps() const { return timesteps_; }
    const std::vector<double>& betas() const { return betas_; }
    const std::vector<double>& alphasCumprod() const { return alphasCumprod_; }

    double beta(int k) const { return betas_[std::size_t(k)]; }
    double alphaCumprod(int k) const { return alphasCumprod_[std::size_t(k)]; }
    double alphaCumprodPrev(int k) const { return k == 0 ? 1.0 : alphasCumprod_[std::size_t(k - 1)]; }

    // Posterior q(x_{k-1} | x_k, x_0) = N(coefX0 * x_0 + coefXt * x_k, variance).
    double posteriorVariance(int k) const;
    double posteriorCoefX0(int k) const;
    double posteriorCoefXt(int k) const;
    // x_0 from x_k and the predicted noise: x_0 = recipSqrt * x_k - recipSqrtM1 * eps.
    double x0CoefXt(int k) const;
    double x0CoefEps(int k) const;
    // The forward process q(x_k | x_0): x_k = sqrt(abar) x_0 + sqrt(1 - abar) eps.
    double sqrtAlphaCumprod(int k) const;
    double sqrtOneMinusAlphaCumprod(int k) const;

    // The standard deviation of the SDAS step's noise: sqrt(1 + s) * sigma_k; 0 on the last
    // step (k = 0). Throws dl::Error for s < 0.
    double noiseScale(int k, double strength) const;

private:
    std::vector<int> timesteps_;
    std::vector<double> betas_;
    std::vector<double> alphasCumprod_;
};

} // namespace dl
