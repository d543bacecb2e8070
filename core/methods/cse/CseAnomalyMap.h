#pragma once
// CSE's bank and anomaly map (internal torch header). The bank holds k-means centres
// of the pooled, per-position unit-length embeddings e_red of the normal images;
// a position's anomaly is 1 - cos to its nearest centre, bilinearly upsampled to the
// input size and Gaussian-smoothed. Image score: the smoothed map's maximum, or the
// raw map's mean (the paper's), or the mean of the smoothed map's top_fraction highest pixels.
#include "engine/Detector.h"
#include "methods/cse/CseNetwork.h"
#include "methods/cse/CseParams.h"

#include <torch/torch.h>

namespace dl {

// What k-means clusters, from fused backbone features: with the "map" bank one point
// per image (its whole embedding map, so a centre is a reference map compared position
// by position, as the pairs were in training); with "positions" one point per position,
// wherever it lies.
// `pool` is the scale's pooling of the embedding.
torch::Tensor cseBankPoints(CseNetwork& net, const torch::Tensor& fused, const CseParams& params, int pool);

// The banks (k-means centres as stored, one per scale) in the form the search reads,
// prepared once per model: unit length per position, [P,D,K] for the map bank (one
// batched product per call), [D,K] for the positions bank.
std::vector<torch::Tensor> cseSearchCentres(const std::vector<torch::Tensor>& centres, const CseParams& params,
                                            int embeddingDim);

// Per-position distance 1 - cos to the nearest centre, [N,hp,wp]. With several scales
// (`centres`: one bank per scale, coarse to fine, from cseSearchCentres) the mean of the
// scales' maps on the finest scale's grid: a coarse cell sees surface statistics, a fine one small defects.
torch::Tensor cseDistanceMaps(CseNetwork& net, const torch::Tensor& fused, const std::vector<torch::Tensor>& centres,
                              const CseParams& params);

// One image's distance map [hp,wp] -> its anomaly map at width x height and its score.
Prediction csePrediction(const torch::Tensor& distanceMap, int width, int height, const CseParams& params);

} // namespace dl
