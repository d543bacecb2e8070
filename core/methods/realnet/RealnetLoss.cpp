#include "methods/realnet/RealnetLoss.h"

#include "methods/realnet/RealnetAnomalyMap.h"

namespace dl {

RealnetLosses realnetLoss(const RealnetNetwork::Outputs& outputs, const std::vector<torch::Tensor>& cleanSelected,
                          const torch::Tensor& masks, double featureLossWeight)
{
    RealnetLosses l;
    const torch::Tensor logits = upsampleLogits(outputs.logits, masks.size(1), masks.size(2));
    l.segmentation = torch::nn::functional::cross_entropy(logits, masks);
    l.reconstruction = torch::zeros({});
    for (std::size_t t = 0; t < cleanSelected.size(); ++t)
        l.reconstruction = l.reconstruction + torch::mse_loss(outputs.reconstructions[t], cleanSelected[t]);
    l.total = l.segmentation + featureLossWeight * l.reconstruction;
    return l;
}

} // namespace dl
