#pragma once
// SDAS's training loss (internal torch header): the DDPM noise-prediction MSE at
// timesteps drawn uniformly from 0..T-1.
#include "methods/sdas/SdasNetwork.h"
#include "methods/sdas/SdasSchedule.h"

#include <torch/torch.h>

namespace dl {

// q(x_t | x_0): sqrt(abar_t) x_0 + sqrt(1 - abar_t) noise, per image's timestep t [N] (int64).
torch::Tensor sdasNoised(const SdasSchedule& schedule, const torch::Tensor& x0, const torch::Tensor& t,
                         const torch::Tensor& noise);

// Mean over images, channels and pixels of (net(x_t, t, c) - noise)^2 for clean images x0
// [N,3,R,R] in [-1,1], categories c [N], timesteps t [N] and noise [N,3,R,R] (the caller
// draws t and noise, so that its generator decides them).
torch::Tensor sdasNoiseLoss(SdasUNet& net, const SdasSchedule& schedule, const torch::Tensor& x0,
                            const torch::Tensor& categories, const torch::Tensor& t, const torch::Tensor& noise);

} // namespace dl
