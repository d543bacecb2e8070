#include "methods/sdas/SdasLoss.h"

#include "common/Error.h"

namespace dl {

namespace {

// One value of the schedule per image, shaped [N,1,1,1] for broadcasting.
torch::Tensor perImage(const std::vector<double>& values, const torch::Tensor& t)
{
    std::vector<float> table(values.begin(), values.end());
    return torch::tensor(table).index_select(0, t).reshape({-1, 1, 1, 1});
}

} // namespace

torch::Tensor sdasNoised(const SdasSchedule& schedule, const torch::Tensor& x0, const torch::Tensor& t,
                         const torch::Tensor& noise)
{
    if (x0.dim() != 4 || t.dim() != 1 || t.size(0) != x0.size(0) || !noise.sizes().equals(x0.sizes()))
        throw Error("sdas: images, timesteps and noise do not match");
    std::vector<double> signal, spread;
    for (int k = 0; k < schedule.steps(); ++k) {
        signal.push_back(schedule.sqrtAlphaCumprod(k));
        spread.push_back(schedule.sqrtOneMinusAlphaCumprod(k));
    }
    return perImage(signal, t) * x0 + perImage(spread, t) * noise;
}

torch::Tensor sdasNoiseLoss(SdasUNet& net, const SdasSchedule& schedule, const torch::Tensor& x0,
                            const torch::Tensor& categories, const torch::Tensor& t, const torch::Tensor& noise)
{
    const torch::Tensor xt = sdasNoised(schedule, x0, t, noise);
    return torch::mse_loss(net->forward(xt, t, categories), noise);
}

} // namespace dl
