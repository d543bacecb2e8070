#pragma once
// SDAS's ancestral sampling (internal torch header): the posterior mean of one
// respaced step from the predicted noise, the strength-controlled step, and the
// sampling of a batch of images whose randomness comes from one generator per image
// (so that an image depends on the seed and its index only, not on its batch mates).
#include "common/Progress.h"
#include "methods/sdas/SdasNetwork.h"
#include "methods/sdas/SdasSchedule.h"

#include <torch/torch.h>

#include <cstdint>
#include <vector>

namespace dl {

// mu(x_k) of step k: x_0 = x0CoefXt x_k - x0CoefEps eps, clipped to [-1, 1], then the
// posterior mean posteriorCoefX0 x_0 + posteriorCoefXt x_k.
torch::Tensor sdasPosteriorMean(const SdasSchedule& schedule, int k, const torch::Tensor& xk, const torch::Tensor& eps);

// The SDAS step x_{k-1} = mean + sqrt(1 + s_i) sigma_k z (z ignored on the last step, k = 0);
// `strength` [N] holds each image's s.
torch::Tensor sdasStep(const SdasSchedule& schedule, int k, const torch::Tensor& mean, const torch::Tensor& strength,
                       const torch::Tensor& z);

// The generator of image `index` of a sampling run with `seed`.
at::Generator sdasImageGenerator(unsigned seed, std::int64_t index);

// Samples one batch: x_K ~ N(0, I) and every step's z from each image's generator,
// `strength` [N] and `categories` [N] per image. Reports progress (the fraction of
// steps done) and checks cancellation before every step. Returns x_0 in [-1, 1].
torch::Tensor sdasSampleBatch(SdasUNet& net, const SdasSchedule& schedule, std::vector<at::Generator>& generators,
                              const torch::Tensor& strength, const torch::Tensor& categories,
                              const ProgressContext& progress);

} // namespace dl
