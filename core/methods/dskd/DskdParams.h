#pragma once
// DSKD's parameters, typed. defaults() is the registry's default set (the keys a
// --param may name); parse() reads a merged set (defaults + overrides) and checks
// every value before any work, naming the key of a bad one. Torch-free.
#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace dl {

struct DskdParams {
    int imageSize = 256;                                                        // image_size
    // Two to four teacher maps, fine to coarse. Four (strides 4 to 32) won the tile's
    // cross-validation and keep bottle's localisation; see README.md, "Four taps".
    std::vector<std::string> taps{"features.3", "features.6", "features.13", "features.17"};
    std::vector<int> widths{24, 48, 96, 192};                                   // student channels, one per tap
    int embedDim = 96;                                                          // embed_dim
    // embed_extra_stride: 2 halves the embedding once more beyond the coarsest tap, 4
    // twice, 1 keeps it there; "auto" (empty) takes 2 for surfaces and 1 for aligned objects
    // (README.md, "A 4x4 embedding for surfaces"). The bundle records the value in use.
    std::optional<int> embedExtraStride;
    // 100 (60, and 20 before that, until 2026-12-06): the tile's students were still
    // learning at the last epoch, and 100 won its cross-validation; bottle is level
    // (README.md, "Epochs", "100 epochs").
    int epochs = 100;
    int batchSize = 8;                                                          // batch_size
    double learningRate = 0.001;                                                // learning_rate (Adam)
    double l2Weight = 1.0;                                                      // l2_weight
    std::string teacherNorm = "tap";                                            // teacher_norm: tap or channel
    double validationFraction = 0.1;                                            // validation_fraction
    double smoothingSigma = 4.0;                                                // smoothing_sigma (pixels)
    // scale_weights: "equal" sums the taps' distance maps as they are; "validation"
    // divides each by its spread over the validation images, so a tap whose normal
    // maps are noisy does not decide the maximum; "auto" takes "validation" for
    // surfaces and "equal" for aligned objects (README.md, "Scale weights").
    std::string scaleWeights = "auto";
    // map_distance: "cosine" scores 1 - cos(T, D) per position; "cosine_l2" adds
    // l2_weight x the mean squared difference, the loss's own terms, so a change of
    // the features' magnitude that keeps their direction (uneven light) also counts;
    // "auto" takes "cosine_l2" for surfaces and "cosine" for aligned objects (README.md,
    // "Regions from the squared difference"). The bundle records the value in use.
    std::string mapDistance = "auto";
    // score_distance: "cosine" takes the image score from the taps' 1 - cos alone,
    // whatever the map adds; "map" takes it from the map itself. With a cosine_l2 map
    // the squared difference finds the tiles' regions better but lifts normal images'
    // maxima too (README.md, "Regions from the squared difference").
    std::string scoreDistance = "cosine";
    std::string imageScore = "max";                                             // image_score: max or top
    double topFraction = 0.01;                                                  // top_fraction: of the map, for "top"
    unsigned seed = 0;
    double maxMinutes = 25.0;                                                   // max_minutes (the time budget)

    static nlohmann::json defaults();
    // Throws dl::Error naming the key of the first bad value.
    static DskdParams parse(const nlohmann::json& merged);

    // Every key with its check; see components/ParamReader.h.
    template <typename Fields>
    void fields(Fields& f)
    {
        // The students.
        f.get("image_size", imageSize);
        f.get("taps", taps);
        f.get("widths", widths);
        f.get("embed_dim", embedDim);
        f.autoOrInteger("embed_extra_stride", embedExtraStride, 1, 4);
        f.oneOf("teacher_norm", teacherNorm, {"tap", "channel"});
        // Training.
        f.atLeast("epochs", epochs, 1);
        f.atLeast("batch_size", batchSize, 1);
        f.positive("learning_rate", learningRate);
        f.nonNegative("l2_weight", l2Weight);
        f.number("validation_fraction", validationFraction, 0.0, 0.5);
        f.positive("max_minutes", maxMinutes);
        f.get("seed", seed);
        // The map.
        f.nonNegative("smoothing_sigma", smoothingSigma);
        f.oneOf("scale_weights", scaleWeights, {"auto", "equal", "validation"});
        f.oneOf("map_distance", mapDistance, {"auto", "cosine", "cosine_l2"});
        f.oneOf("score_distance", scoreDistance, {"cosine", "map"});
        f.oneOf("image_score", imageScore, {"max", "top"});
        f.number("top_fraction", topFraction, 1e-6, 1.0);
    }
};

} // namespace dl
