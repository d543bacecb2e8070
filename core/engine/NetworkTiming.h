#pragma once
// Times a model's networks on the fast and the plain inference path (see
// engine/Runtime's setFastInference), for `defectlens-cli benchmark`.
// Torch-free header.
#include <string>
#include <vector>

namespace dl {

struct ModelInfo;

struct NetworkTiming {
    std::string network;      // e.g. "backbone mobilenetv2 to features.13"
    double fastMs = 0.0;      // median per image, batch 1
    double plainMs = 0.0;
    double gflop = 0.0;       // per image; 0 where not counted
};

// The model's frozen backbone up to the taps it uses (params "taps" or
// "teacher_taps", else the backbone's default pair), on one image of the
// model's input size; `repeats` timed runs after two warm-ups on each path.
NetworkTiming timeBackbone(const ModelInfo& info, int repeats);

// The machine's measured float32 matrix-multiply rate (GFLOP/s, best of a few
// 1024^3 products on the configured threads): the peak the networks are compared with.
double measuredPeakGflops();

} // namespace dl
