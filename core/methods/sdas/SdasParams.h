#pragma once
// SDAS's parameters, typed (the diffusion model RealNet's anomaly synthesis samples
// from). defaults() is the default set (the keys a --param may name); parse() reads a
// merged set (defaults + overrides) and checks every value before any work, naming
// the key of a bad one. Torch-free.
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace dl {

struct SdasParams {
    // The network.
    int resolution = 64;                     // images are resized to resolution x resolution
    int baseWidth = 32;                      // base_width: channels of the first level
    std::vector<int> channelMultipliers{1, 1, 2, 2}; // channel_multipliers: one per level, fine to coarse
    int residualBlocks = 1;                  // residual_blocks per level (the up path has one more)
    int attentionLevels = 1;                 // attention_levels: the coarsest levels with self-attention
    // The diffusion.
    int timesteps = 1000;                    // T of the linear schedule
    double betaStart = 1e-4;                 // beta_start
    double betaEnd = 0.02;                   // beta_end
    int samplingSteps = 20;                  // sampling_steps: respaced ancestral steps by default
    // Training.
    int batchSize = 16;                      // batch_size (training and sampling)
    double learningRate = 2e-4;              // learning_rate (Adam)
    double emaDecay = 0.999;                 // ema_decay (with warm-up: min(decay, (1+n)/(10+n)))
    double maxMinutes = 60.0;                // max_minutes: training time budget, summed over resumes
    int maxIterations = 200000;              // max_iterations
    double checkpointMinutes = 2.0;          // checkpoint_minutes: 0 = only on cancellation
    int curveInterval = 50;                  // curve_interval: iterations per loss-curve point
    bool flip = false;                       // flip: random horizontal flips of the training images
    unsigned seed = 0;

    static nlohmann::json defaults();
    // Throws dl::Error naming the key of the first bad value.
    static SdasParams parse(const nlohmann::json& merged);
    // Defaults overridden by `overrides`; an unknown key is an error naming it.
    static SdasParams fromOverrides(const nlohmann::json& overrides, nlohmann::json* merged = nullptr);

    // Every key with its check; see components/ParamReader.h.
    template <typename Fields>
    void fields(Fields& f)
    {
        f.integer("resolution", resolution, 32, 128);
        f.integer("base_width", baseWidth, 8, 256);
        f.get("channel_multipliers", channelMultipliers);
        f.integer("residual_blocks", residualBlocks, 1, 2);
        f.integer("attention_levels", attentionLevels, 0, 4);
        f.integer("timesteps", timesteps, 2, 4000);
        f.number("beta_start", betaStart, 1e-6, 0.5);
        f.number("beta_end", betaEnd, 1e-6, 0.999);
        f.integer("sampling_steps", samplingSteps, 1, 4000);
        f.integer("batch_size", batchSize, 1, 512);
        f.positive("learning_rate", learningRate);
        f.number("ema_decay", emaDecay, 0.0, 0.99999);
        f.positive("max_minutes", maxMinutes);
        f.atLeast("max_iterations", maxIterations, 1);
        f.nonNegative("checkpoint_minutes", checkpointMinutes);
        f.atLeast("curve_interval", curveInterval, 1);
        f.get("flip", flip);
        f.get("seed", seed);
    }
};

} // namespace dl
