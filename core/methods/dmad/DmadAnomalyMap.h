#pragma once
// DMAD's scoring (internal torch header): a patch's anomaly score is the
// discriminator's -D(r) on its knowledge from both banks plus a weighted,
// unitless distance to its nearest normal memory; the patch grid is upsampled and
// smoothed into the anomaly map; the image score is the mean of its highest
// pixels (image_score=top, top_fraction) or its maximum (image_score=max).
#include "components/PatchFeatures.h"
#include "engine/Detector.h"
#include "methods/dmad/DmadDetector.h"
#include "methods/dmad/DmadNetwork.h"
#include "methods/dmad/DmadParams.h"
#include "methods/dmad/DualMemoryBank.h"

#include <memory>
#include <vector>

namespace dl {

// A fitted DMAD model: patch features, both memory banks, the heads, and the
// calibration of the distance term. Filled by DmadTrainer or from a bundle.
struct DmadModel {
    std::unique_ptr<PatchFeatureExtractor> features;
    MemoryBank normal, abnormal;
    DmadNetwork network{nullptr};
    DmadBankSizes sizes;
    int gridH = 0, gridW = 0; // known after the first extraction
    // Typical nearest-normal distance of a normal patch (held-out images); makes
    // the distance term of the patch score unitless.
    float distanceScale = 1.0f;

    int dim() const { return features->dim(); }
    std::int64_t patchesPerImage() const { return std::int64_t(gridH) * gridW; }
    // Fresh heads for these parameters and the feature width (torch's global generator).
    void createNetwork(const DmadParams& params);
    // Patch features [images, gridH*gridW, dim]; sets the grid size.
    torch::Tensor extract(const std::vector<cv::Mat>& images, const PreprocessSpec& preprocess);
};

// A bank's memories as a [size, dim] tensor viewing the bank (no copy).
torch::Tensor bankTensor(const MemoryBank& bank, int dim);
// The memories with ids [n*k] of a bank, [n, k, dim].
torch::Tensor gatherMemories(const MemoryBank& bank, const std::vector<std::int64_t>& ids, std::int64_t n, int k,
                             int dim);

class DmadAnomalyMap {
public:
    DmadAnomalyMap(const DmadParams& params, DmadModel& model) : params_(params), model_(model) {}

    // Scores query patches [n, dim] (eval mode, no grad) against their k nearest
    // memories of each bank (ids row-major [n, k]): higher = more anomalous.
    torch::Tensor scoreWithNeighbours(const float* queries, std::int64_t n, const std::vector<std::int64_t>& nn,
                                      const std::vector<std::int64_t>& na);
    // Distance of each query [n, dim] to its nearest retrieved normal memory, [n].
    torch::Tensor nearestNormalDistance(const torch::Tensor& queries, const std::vector<std::int64_t>& nn,
                                        std::int64_t n) const;
    // The heads' weights changed (a training step, a restore, a load): refold them.
    void weightsChanged() { fusedCurrent_ = false; }

    // Anomaly maps and image scores of images whose patch features [images, patches, dim] are
    // given, with the bank disagreement at each image's highest-scoring patch.
    std::vector<Prediction> predict(const torch::Tensor& patchFeatures, std::size_t images, int width, int height);

private:
    // 2·min(dn, da) / (dn + da) for one patch's distances to its nearest normal and
    // abnormal memories: 0 when one bank clearly holds it, 1 when neither does more.
    float bankDisagreement(const float* query, std::int64_t nearestNormal, std::int64_t nearestAbnormal) const;

    const DmadParams& params_;
    DmadModel& model_;
    // The heads folded for scoring (DmadNetwork.h, FusedHeads), rebuilt after the weights change.
    FusedHeads fused_;
    bool fusedCurrent_ = false;
};

} // namespace dl
