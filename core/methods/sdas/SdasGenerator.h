#pragma once
// SDAS (strength-controllable diffusion anomaly synthesis, RealNet, paper 004): a
// trained SDAS bundle as an image generator. This header is the contract RealNet's
// synthesis codes against; it is torch-free. Training is in SdasTraining.h.
#include "common/Progress.h"

#include <opencv2/core.hpp>

#include <memory>
#include <string>
#include <vector>

namespace dl {

class ModelBundle;

class SdasGenerator {
public:
    // Loads an SDAS bundle (.dlm whose header method is "sdas"); dl::Error naming the file otherwise.
    static std::unique_ptr<SdasGenerator> load(const std::string& bundlePath);
    // The same from a bundle already read (its checksum verified); `name` names it in errors.
    // The header must describe a network that the bundle's tensors fill: a header asking for
    // a larger network than the file holds is refused before the network is allocated.
    static std::unique_ptr<SdasGenerator> fromBundle(const ModelBundle& bundle, const std::string& name);
    ~SdasGenerator();
    int resolution() const;
    const std::vector<std::string>& categories() const;
    // `count` RGB CV_8UC3 images at resolution() of `category` ("" = the first category),
    // each with its strength drawn uniformly in [strengthMin, strengthMax] (equal = fixed s),
    // by `steps` respaced ancestral steps (0 = the model's sampling_steps). Deterministic for
    // a seed (same thread count); batched; reports progress and honours cancellation.
    std::vector<cv::Mat> generate(int count, double strengthMin, double strengthMax, unsigned seed,
                                  const std::string& category, const ProgressContext& progress,
                                  int steps = 0) const;

private:
    struct State;
    explicit SdasGenerator(std::unique_ptr<State> state);
    std::unique_ptr<State> state_;
};

} // namespace dl
