#pragma once
// RealNet's parameters, typed. defaults() is the registry's default set (the keys a
// --param may name); parse() reads a merged set (defaults + overrides) and checks
// every value before any work, naming the key of a bad one. Torch-free.
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace dl {

struct RealnetParams {
    int imageSize = 256; // image_size
    // Backbone maps, fine to coarse (strides 8, 16, 32 on MobileNetV2): the expanded
    // activations where they are wide enough for feature selection to choose. The
    // paper's fourth, stride-4 layer ("features.3.expand") is an option: it triples
    // the networks' cost on a CPU (README).
    std::vector<std::string> taps{"features.6.expand", "features.13.expand", "features.17"};
    std::vector<int> selectedChannels{48, 96, 64};      // selected_channels: AFS keeps this many per tap
    int afsImages = 160;                                // afs_images: synthetic images AFS ranks channels on
    std::vector<int> channelMultipliers{1, 2};          // channel_multipliers of each reconstruction UNet
    int residualBlocks = 1;                             // residual_blocks per UNet level
    int minimumWidth = 16;                              // minimum_width of a reconstruction UNet
    int residualsByMax = 48;                            // residuals_by_max: RRS keeps top-k channels by max
    int residualsByMean = 48;                           // residuals_by_mean: ... and by mean
    int headWidth = 32;                                 // head_width of the segmentation head
    int epochs = 200;
    int batchSize = 16;               // batch_size
    double learningRate = 0.0005;     // learning_rate (Adam)
    double syntheticShare = 0.5;      // synthetic_share of each batch's images made anomalous
    double featureLossWeight = 1.0;   // feature_loss_weight: reconstruction MSE beside the cross-entropy
    std::string synthesis = "dtd";    // dtd, sdas or both
    // labelled_share: where an image's category has labelled defects, this share of the
    // anomalies made from it are one of them transplanted onto it (the rest synthetic).
    // 0.5: chosen over 0 by the tile's cross-validation inside the training split (README).
    double labelledShare = 0.5;
    std::string sdasModel;            // sdas_model: the SDAS bundle (synthesis sdas / both)
    int sdasPool = 128;               // sdas_pool: generated images per category, made once per fit
    double sdasStrengthMin = 0.1;     // sdas_strength_min
    double sdasStrengthMax = 0.2;     // sdas_strength_max
    double validationFraction = 0.2;  // validation_fraction
    int scoreWindow = 16;             // score_window: image score = max of the window-mean map
    double smoothingSigma = 0.0;      // smoothing_sigma (pixels); RealNet's map is already pixel-level
    bool objectForeground = false;    // object_foreground: defects only on the Otsu foreground
    std::string textureDir;           // texture_dir ("" = the default search)
    unsigned seed = 0;
    double maxMinutes = 25.0;         // max_minutes (the time budget)

    static nlohmann::json defaults();
    // Throws dl::Error naming the key of the first bad value.
    static RealnetParams parse(const nlohmann::json& merged);

    bool usesSdas() const { return synthesis != "dtd"; }
    bool usesTextures() const { return synthesis != "sdas"; }

    // Every key with its check; see components/ParamReader.h.
    template <typename Fields>
    void fields(Fields& f)
    {
        // The networks.
        f.get("image_size", imageSize);
        f.get("taps", taps);
        f.get("selected_channels", selectedChannels);
        f.integer("afs_images", afsImages, 8, 100000);
        f.get("channel_multipliers", channelMultipliers);
        f.integer("residual_blocks", residualBlocks, 1, 4);
        f.integer("minimum_width", minimumWidth, 4, 512);
        f.integer("residuals_by_max", residualsByMax, 1, 4096);
        f.integer("residuals_by_mean", residualsByMean, 1, 4096);
        f.integer("head_width", headWidth, 4, 1024);
        // Training.
        f.atLeast("epochs", epochs, 1);
        f.atLeast("batch_size", batchSize, 2);
        f.positive("learning_rate", learningRate);
        f.number("synthetic_share", syntheticShare, 0.0, 1.0);
        f.nonNegative("feature_loss_weight", featureLossWeight);
        f.oneOf("synthesis", synthesis, {"dtd", "sdas", "both"});
        f.number("labelled_share", labelledShare, 0.0, 1.0);
        f.get("sdas_model", sdasModel);
        f.integer("sdas_pool", sdasPool, 1, 100000);
        f.number("sdas_strength_min", sdasStrengthMin, 0.0, 10.0);
        f.number("sdas_strength_max", sdasStrengthMax, 0.0, 10.0);
        f.get("object_foreground", objectForeground);
        f.get("texture_dir", textureDir);
        f.number("validation_fraction", validationFraction, 0.0, 0.5);
        f.positive("max_minutes", maxMinutes);
        f.get("seed", seed);
        // The map and the score.
        f.integer("score_window", scoreWindow, 1, 512);
        f.nonNegative("smoothing_sigma", smoothingSigma);
    }
};

} // namespace dl
