#pragma once
// STLM's anomaly map (internal torch header). "fa" (default): the FA module's
// anomaly probability; "discrepancy": the product over the two levels of the
// streams' cosine distance 1 - cos(P_l, D_l) (the paper's map without FA);
// "product": the two multiplied. Each
// is upsampled to the input size and Gaussian-smoothed; the image score is the
// mean of the top_k map pixels.
#include "components/ImageScore.h"
#include "engine/Detector.h"
#include "methods/stlm/StlmNetwork.h"

#include <torch/torch.h>

#include <string>

namespace dl {

// The network's outputs -> one map per image on the feature grid, [N,h,w].
torch::Tensor stlmGridMaps(const StlmNetwork::Outputs& outputs, const std::string& map);

// One image's grid map [h,w] -> its smoothed map at width x height and top-k mean score.
Prediction stlmPrediction(const torch::Tensor& grid, int width, int height, double smoothingSigma, int topK);

} // namespace dl
