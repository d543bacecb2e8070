#include "methods/stlm/StlmLoss.h"

namespace dl {

namespace F = torch::nn::functional;

torch::Tensor distillationLoss(const std::vector<torch::Tensor>& predicted, const std::vector<torch::Tensor>& target,
                               const torch::Tensor& weight)
{
    torch::Tensor sum = torch::zeros({});
    for (std::size_t l = 0; l < predicted.size(); ++l) {
        torch::Tensor d = cosineDistanceMap(predicted[l], target[l]);
        if (weight.defined())
            sum = sum + (d * weight).sum() / weight.sum().clamp_min(1.0);
        else
            sum = sum + d.mean();
    }
    return sum / double(predicted.size());
}

torch::Tensor focalLoss(const torch::Tensor& logits, const torch::Tensor& target, double gamma)
{
    torch::Tensor p = torch::sigmoid(logits);
    torch::Tensor positive = target * (1.0 - p).pow(gamma) * F::logsigmoid(logits);
    torch::Tensor negative = (1.0 - target) * p.pow(gamma) * F::logsigmoid(-logits);
    return -(positive + negative).mean();
}

torch::Tensor l1Loss(const torch::Tensor& logits, const torch::Tensor& target)
{
    return (torch::sigmoid(logits) - target).abs().mean();
}

StlmLosses stlmLoss(const std::vector<torch::Tensor>& plain, const std::vector<torch::Tensor>& denoising,
                    const torch::Tensor& faLogits, const std::vector<torch::Tensor>& targets,
                    const torch::Tensor& maskGrid, double focalGamma, double faWeight,
                    const std::vector<torch::Tensor>& plainTargets)
{
    StlmLosses l;
    if (plainTargets.empty()) {
        // Positions the pseudo-anomaly did not touch at all.
        const torch::Tensor untouched = (maskGrid.squeeze(1) <= 0.0).to(torch::kFloat32);
        l.plain = distillationLoss(plain, targets, untouched);
    } else {
        l.plain = distillationLoss(plain, plainTargets);
    }
    l.denoising = distillationLoss(denoising, targets);
    l.focal = focalLoss(faLogits, maskGrid, focalGamma);
    l.l1 = l1Loss(faLogits, maskGrid);
    l.total = l.plain + l.denoising + faWeight * (l.focal + l.l1);
    return l;
}

} // namespace dl
