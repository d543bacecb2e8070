#pragma once
// CSE's parameters, typed. defaults() is the registry's default set (the keys a
// --param may name); parse() reads a merged set (defaults + overrides) and checks
// every value before any work, naming the key of a bad one. Torch-free.
#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace dl {

struct CseParams {
    // The two layouts of the taps and the map (README, "Surfaces and objects"): for
    // surfaces 8x8 and 16x16 maps averaged (at 256 px), for aligned objects one fine 32x32 map.
    static std::vector<std::string> surfaceTaps() { return {"features.13", "features.17"}; }
    static constexpr int kSurfacePool = 2;
    static constexpr int kSurfaceScales = 2;
    static std::vector<std::string> objectTaps() { return {"features.6", "features.13", "features.17"}; }
    static constexpr int kObjectPool = 1;
    static constexpr int kObjectScales = 1;
    // The map's smoothing, per layout (README, "Smoothing"): the surface's coarse cells
    // want a wide blur, the object's fine map a narrow one. Each chosen on its own data.
    static constexpr double kSurfaceSmoothingSigma = 32.0;
    static constexpr double kObjectSmoothingSigma = 4.0;

    std::string layout = "auto";                                // layout: auto, surface or object (sets taps, pool, scales, smoothing)
    int imageSize = 256;                                        // image_size
    std::vector<std::string> taps = surfaceTaps();              // one to three backbone maps, fine to coarse
    std::vector<int> widths{256, 128, 64};                     // embedder layers; the last is the embedding
    int pool = kSurfacePool;                                    // average pooling of e before bank and contrast
    int scales = kSurfaceScales;                                // scales: 2 adds maps at pool/2, 3 at pool/4 too
    int epochs = 50;
    int batchSize = 8;                                          // batch_size (anchors per step)
    double learningRate = 0.0004;                               // learning_rate: the one-cycle base
    double maxLearningRate = 0.004;                             // max_learning_rate: the one-cycle peak
    double contrastiveWeight = 3.0;                             // contrastive_weight (chosen by cross-validation, README)
    double defectProbability = 0.5;                             // defect_probability of a partner
    // labelled_share: of the defective partners, the share drawn from the fit's labelled
    // defects (their own images or transplanted onto the partner) where its category has any.
    double labelledShare = 0.5;
    std::string contrastRegion = "mask";                        // contrast_region: mask or image
    std::string bank = "map";                                   // bank: map or positions
    int clusters = 256;                                         // k-means centres (chosen by cross-validation, README)
    std::string imageScore = "mean";                            // image_score: mean (chosen by cross-validation, README), max or top
    double topFraction = 0.01;                                  // top_fraction: of the map, for "top"
    double validationFraction = 0.2;                            // validation_fraction
    // smoothing_sigma (pixels at image_size): "auto" (empty) takes the layout's.
    std::optional<double> smoothingSigma;
    bool objectForeground = false;                              // object_foreground
    bool matchGreyscale = true;                                 // match_greyscale: grey defects on grey images
    std::string textureDir;                                     // texture_dir ("" = the default search)
    unsigned seed = 0;
    double maxMinutes = 25.0;                                   // max_minutes (the time budget)

    static nlohmann::json defaults();
    // Throws dl::Error naming the key of the first bad value.
    static CseParams parse(const nlohmann::json& merged);

    bool mapBank() const { return bank == "map"; }
    bool meanScore() const { return imageScore == "mean"; }
    bool topScore() const { return imageScore == "top"; }
    bool wholeImageContrast() const { return contrastRegion == "image"; }
    // `layout=auto` decides at fit time only while taps, pool and scales are the defaults;
    // a fit given its own taps keeps them.
    bool layoutLeftToTheData() const
    {
        return layout == "auto" && taps == surfaceTaps() && pool == kSurfacePool && scales == kSurfaceScales;
    }
    // Sets taps, pool and scales to the layout's ("surface" or "object"), and the
    // smoothing too unless it was given.
    void applyLayout(const std::string& chosen);
    // The smoothing in use: the given one, else the layout's (the surface's while the
    // layout is undecided, as with taps of the user's own).
    double smoothing() const
    {
        return smoothingSigma.value_or(layout == "object" ? kObjectSmoothingSigma : kSurfaceSmoothingSigma);
    }
    // The pooling of each scale, coarse to fine: pool, pool/2, ... (`scales` of them).
    std::vector<int> pools() const
    {
        std::vector<int> out;
        for (int s = 0, p = pool; s < scales; ++s, p /= 2)
            out.push_back(p);
        return out;
    }

    // Every key with its check; see components/ParamReader.h.
    template <typename Fields>
    void fields(Fields& f)
    {
        // The networks.
        f.oneOf("layout", layout, {"auto", "surface", "object"});
        f.get("image_size", imageSize);
        f.get("taps", taps);
        f.get("widths", widths);
        f.integer("pool", pool, 1, 4);
        f.integer("scales", scales, 1, 3);
        // Training.
        f.atLeast("epochs", epochs, 1);
        f.atLeast("batch_size", batchSize, 1);
        f.positive("learning_rate", learningRate);
        f.get("max_learning_rate", maxLearningRate);
        f.nonNegative("contrastive_weight", contrastiveWeight);
        f.number("defect_probability", defectProbability, 0.0, 1.0);
        f.number("labelled_share", labelledShare, 0.0, 1.0);
        f.oneOf("contrast_region", contrastRegion, {"mask", "image"});
        f.get("object_foreground", objectForeground);
        f.get("match_greyscale", matchGreyscale);
        f.get("texture_dir", textureDir);
        f.number("validation_fraction", validationFraction, 0.0, 0.5);
        f.positive("max_minutes", maxMinutes);
        f.get("seed", seed);
        // The bank and the map.
        f.oneOf("bank", bank, {"map", "positions"});
        f.integer("clusters", clusters, 1, 4096);
        f.oneOf("image_score", imageScore, {"max", "mean", "top"});
        f.number("top_fraction", topFraction, 1e-6, 1.0);
        f.autoOrNonNegative("smoothing_sigma", smoothingSigma);
    }
};

} // namespace dl
