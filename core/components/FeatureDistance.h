#pragma once
// Per-position distances between two feature maps, shared by the distillation
// methods (DSKD, STLM). Internal torch header.
#include <torch/torch.h>

namespace dl {

// Per-position cosine distance 1 - cos(a, b) over channels:
// [N,C,H,W] x [N,C,H,W] -> [N,H,W]. A zero vector counts as distance 1.
// Throws dl::Error when the shapes differ.
torch::Tensor cosineDistanceMap(const torch::Tensor& a, const torch::Tensor& b);

} // namespace dl
