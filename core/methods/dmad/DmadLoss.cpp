#include "methods/dmad/DmadLoss.h"

namespace dl {

torch::Tensor dmadHingeLoss(const torch::Tensor& logits, const torch::Tensor& isNormal, const torch::Tensor& weights,
                            double margin)
{
    torch::Tensor sign = isNormal.to(logits.dtype()) * 2.0 - 1.0;
    return (weights * torch::relu(margin - sign * logits)).mean();
}

} // namespace dl
