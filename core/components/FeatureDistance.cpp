#include "components/FeatureDistance.h"

#include "common/Error.h"

namespace dl {

torch::Tensor cosineDistanceMap(const torch::Tensor& a, const torch::Tensor& b)
{
    if (a.sizes() != b.sizes() || a.dim() != 4)
        throw Error("feature maps to compare differ in shape or are not [N,C,H,W]");
    // eps keeps zero vectors finite (cos = 0 there); 1e-8 is torch's own default.
    return 1.0 - torch::nn::functional::cosine_similarity(
                     a, b, torch::nn::functional::CosineSimilarityFuncOptions().dim(1).eps(1e-8));
}

} // namespace dl
