#include "methods/dmad/DmadAnomalyMap.h"

#include "components/ImageScore.h"
#include "components/TensorConvert.h"

#include <opencv2/core.hpp>

#include <algorithm>
#include <cmath>

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

float DmadAnomalyMap::bankDisagreement(const float* query, std::int64_t nearestNormal,
                                       std::int64_t nearestAbnormal) const
{
    const int dim = model_.dim();
    const float* normal = model_.normal.index.bank().data() + nearestNormal * dim;
    const float* abnormal = model_.abnormal.index.bank().data() + nearestAbnormal * dim;
    double toNormal = 0, toAbnormal = 0;
    for (int d = 0; d < dim; ++d) {
        toNormal += double(query[d] - normal[d]) * double(query[d] - normal[d]);
        toAbnormal += double(query[d] - abnormal[d]) * double(query[d] - abnormal[d]);
    }
    toNormal = std::sqrt(toNormal);
    toAbnormal = std::sqrt(toAbnormal);
    if (!(toNormal + toAbnormal > 0))
        return 1.0f; // on both banks at once: as undecided as a patch can be
    // The nearer bank's share: 0 when one bank holds the patch and the other
    // is far, 1 when both are equally near (or equally far: a defect neither knows).
    return float(2.0 * std::min(toNormal, toAbnormal) / (toNormal + toAbnormal));
}

std::vector<Prediction> DmadAnomalyMap::predict(const torch::Tensor& patchFeatures, std::size_t images, int width,
                                                int height)
{
    const std::int64_t patches = model_.patchesPerImage();
    const std::int64_t n = std::int64_t(images) * patches;
    const float* queries = patchFeatures.data_ptr<float>();
    const int k = params_.neighbours;
    const std::vector<std::int64_t> nn = model_.normal.nearestExcluding(queries, n, k, nullptr);
    const std::vector<std::int64_t> na = model_.abnormal.nearestExcluding(queries, n, k, nullptr);
    torch::Tensor scores = scoreWithNeighbours(queries, n, nn, na).contiguous();
    std::vector<Prediction> out;
    for (std::size_t image = 0; image < images; ++image) {
        const std::int64_t first = std::int64_t(image) * patches;
        const float* patchScores = scores.data_ptr<float>() + first;
        cv::Mat grid(model_.gridH, model_.gridW, CV_32FC1, const_cast<float*>(patchScores));
        Prediction p;
        p.map = upsampleAndSmooth(grid.clone(), width, height, params_.smoothingSigma);
        p.score = maxOrTopFractionMean(p.map, params_.imageScore == "top", params_.topFraction);
        const std::int64_t top = first + (std::max_element(patchScores, patchScores + patches) - patchScores);
        p.bankDisagreement = bankDisagreement(queries + top * model_.dim(), nn[std::size_t(top * k)],
                                              na[std::size_t(top * k)]);
        out.push_back(std::move(p));
    }
    return out;
}

} // namespace dl
