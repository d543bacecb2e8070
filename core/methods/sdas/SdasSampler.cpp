#include "methods/sdas/SdasSampler.h"

#include "common/Error.h"

#include <ATen/CPUGeneratorImpl.h>

#include <random>

namespace dl {

torch::Tensor sdasPosteriorMean(const SdasSchedule& schedule, int k, const torch::Tensor& xk, const torch::Tensor& eps)
{
    const torch::Tensor x0 = (schedule.x0CoefXt(k) * xk - schedule.x0CoefEps(k) * eps).clamp(-1.0, 1.0);
    return schedule.posteriorCoefX0(k) * x0 + schedule.posteriorCoefXt(k) * xk;
}

torch::Tensor sdasStep(const SdasSchedule& schedule, int k, const torch::Tensor& mean, const torch::Tensor& strength,
                       const torch::Tensor& z)
{
    if (k == 0)
        return mean;
    if (strength.dim() != 1 || strength.size(0) != mean.size(0) || !z.sizes().equals(mean.sizes()))
        throw Error("sdas: strengths, noise and images do not match");
    if ((strength < 0).any().item<bool>())
        throw Error("sdas strength must not be negative");
    const torch::Tensor scale =
        torch::sqrt(1.0 + strength.to(torch::kFloat64)) * std::sqrt(schedule.posteriorVariance(k));
    return mean + scale.to(torch::kFloat32).reshape({-1, 1, 1, 1}) * z;
}

at::Generator sdasImageGenerator(unsigned seed, std::int64_t index)
{
    std::seed_seq sequence{std::uint32_t(seed), std::uint32_t(std::uint64_t(index) & 0xffffffffu),
                           std::uint32_t(std::uint64_t(index) >> 32), 0x5d45u};
    std::uint32_t words[2];
    sequence.generate(words, words + 2);
    return at::detail::createCPUGenerator((std::uint64_t(words[0]) << 32) | words[1]);
}

torch::Tensor sdasSampleBatch(SdasUNet& net, const SdasSchedule& schedule, std::vector<at::Generator>& generators,
                              const torch::Tensor& strength, const torch::Tensor& categories,
                              const ProgressContext& progress)
{
    const auto n = std::int64_t(generators.size());
    const std::int64_t r = net->architecture.resolution;
    const auto noise = [&] {
        std::vector<torch::Tensor> parts;
        for (auto& g : generators)
            parts.push_back(torch::randn({1, 3, r, r}, g));
        return torch::cat(parts, 0);
    };
    torch::NoGradGuard noGrad;
    torch::Tensor x = noise();
    const int steps = schedule.steps();
    for (int k = steps - 1; k >= 0; --k) {
        progress.checkCancelled();
        progress.report(double(steps - 1 - k) / double(steps),
                        engineText(DL_TR("Engine", "sampling step %1/%2"), steps - k, steps));
        const torch::Tensor t = torch::full({n}, std::int64_t(schedule.timestep(k)), torch::kInt64);
        const torch::Tensor eps = net->forward(x, t, categories);
        const torch::Tensor mean = sdasPosteriorMean(schedule, k, x, eps);
        x = k == 0 ? mean : sdasStep(schedule, k, mean, strength, noise());
    }
    progress.report(1.0, DL_TR("Engine", "sampled"));
    return x.clamp(-1.0, 1.0);
}

} // namespace dl
