#include "methods/dmad/DmadAnomalyMap.h"

#include "components/TensorConvert.h"

#include <opencv2/core.hpp>

namespace dl {

void DmadModel::createNetwork(const DmadParams& params)
{
    DmadNetworkOptions options;
    options.featureDim = dim();
    options.projectionDim = params.projectionDim;
    options.hiddenDim = params.hiddenDim;
    options.attention = params.attention();
    network = DmadNetwork(options);
}

torch::Tensor DmadModel::extract(const std::vector<cv::Mat>& images, const PreprocessSpec& preprocess)
{
    return features->extract(imagesToTensor(images, preprocess), gridH, gridW);
}

torch::Tensor bankTensor(const MemoryBank& bank, int dim)
{
    return torch::from_blob(const_cast<float*>(bank.index.bank().data()), {bank.index.size(), dim}, torch::kFloat32);
}

torch::Tensor gatherMemories(const MemoryBank& bank, const std::vector<std::int64_t>& ids, std::int64_t n, int k,
                             int dim)
{
    torch::Tensor idx = torch::from_blob(const_cast<std::int64_t*>(ids.data()), {n * k}, torch::kInt64);
    return bankTensor(bank, dim).index_select(0, idx).reshape({n, k, dim});
}

torch::Tensor DmadAnomalyMap::scorePatches(const float* queries, std::int64_t n)
{
    const int k = params_.neighbours;
    std::vector<std::int64_t> nn = model_.normal.nearestExcluding(queries, n, k, nullptr);
    std::vector<std::int64_t> na = model_.abnormal.nearestExcluding(queries, n, k, nullptr);
    return scoreWithNeighbours(queries, n, nn, na);
}

torch::Tensor DmadAnomalyMap::nearestNormalDistance(const torch::Tensor& queries, const std::vector<std::int64_t>& nn,
                                                    std::int64_t n) const
{
    torch::Tensor nearest = gatherMemories(model_.normal, nn, n, params_.neighbours, model_.dim()).select(1, 0);
    return (queries - nearest).norm(2, 1);
}

torch::Tensor DmadAnomalyMap::scoreWithNeighbours(const float* queries, std::int64_t n,
                                                  const std::vector<std::int64_t>& nn,
                                                  const std::vector<std::int64_t>& na)
{
    torch::NoGradGuard noGrad;
    DmadNetwork& network = model_.network;
    network->eval();
    const int dim = model_.dim();
    if (!fusedCurrent_) {
        fused_ = network->fuse(bankTensor(model_.normal, dim), bankTensor(model_.abnormal, dim));
        fusedCurrent_ = true;
    }
    const int k = params_.neighbours;
    torch::Tensor q = torch::from_blob(const_cast<float*>(queries), {n, dim}, torch::kFloat32);
    auto ids = [&](const std::vector<std::int64_t>& v) {
        return torch::from_blob(const_cast<std::int64_t*>(v.data()), {n * k}, torch::kInt64);
    };
    torch::Tensor nearest;
    torch::Tensor score = network->fusedScore(fused_, q, ids(nn), ids(na), k, &nearest);
    // The hinge loss stops ordering patches once they clear the margin; the
    // nearest-normal distance (the knowledge's own first term) restores a fine
    // ranking inside each class. Weight 0 gives the pure discriminator.
    const double w = params_.distanceWeight;
    if (w > 0)
        score = score + w * (q - nearest).norm(2, 1) / model_.distanceScale;
    return score;
}

std::vector<Prediction> DmadAnomalyMap::predict(const torch::Tensor& patchFeatures, std::size_t images, int width,
                                                int height)
{
    const std::int64_t patches = model_.patchesPerImage();
    torch::Tensor scores = scorePatches(patchFeatures.data_ptr<float>(), std::int64_t(images) * patches).contiguous();
    std::vector<Prediction> out;
    for (std::size_t n = 0; n < images; ++n) {
        cv::Mat grid(model_.gridH, model_.gridW, CV_32FC1, scores.data_ptr<float>() + std::int64_t(n) * patches);
        Prediction p;
        p.map = upsampleAndSmooth(grid.clone(), width, height, params_.smoothingSigma);
        double maxValue = 0;
        cv::minMaxLoc(p.map, nullptr, &maxValue);
        p.score = float(maxValue);
        out.push_back(std::move(p));
    }
    return out;
}

} // namespace dl
