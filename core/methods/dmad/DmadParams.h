#pragma once
// DMAD's hyper-parameters as one typed struct: the registry defaults, and the
// up-front validation of the merged parameters (defaults + --param overrides), so a
// bad value fails with a message naming its key before any work starts. Torch-free.
#include "components/NearestNeighbours.h"
#include "components/PatchFeatureSpec.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace dl {

struct DmadParams {
    // Patch features (components/PatchFeatures.h) and the input size.
    PatchFeatureSpec features;          // taps, neighbourhood, feature_dim (components/PatchFeatureSpec.h)
    int imageSize = 256;

    // Memory banks and their search.
    double coresetRatio = 0.01;        // normal bank: coreset of all normal patches
    int neighbours = 4;                // k memories per bank for the knowledge
    std::string searchKind = "pca-refine"; // or "exact"
    int searchDim = 32;                // pca-refine: PCA width of the candidate search
    int searchRefine = 2;              // pca-refine: candidates re-ranked per neighbour
    int maxDefectMemories = 1000;      // abnormal bank (1): defect patches kept
    bool syntheticWithLabels = false;  // keep synthetic defects beside labelled ones
    // With labels, synthetic defect patches fill the room the labelled ones leave in
    // abnormal bank (1) (up to max_defect_memories).
    bool syntheticFill = true;
    int syntheticImages = 40;
    // Labelled defects pasted onto this many normal training images each (defect
    // transplanting); their patches train the heads and join the abnormal bank. 40 was
    // chosen over 0 / 5 / 20 by cross-validation inside the training split
    // (installer/labelled-defects-protocol.sh; README).
    int transplantsPerLabel = 40;
    bool objectForeground = false;
    int centres = 1;                   // abnormal bank (2): anomaly centres
    double centreNoise = 0.1;
    int textureImages = 60;            // abnormal bank (3): outlier textures
    double textureCoresetRatio = 0.03;
    std::string textureDir;

    // Heads and their training.
    std::string knowledge = "distance+attention"; // or "distance"
    int projectionDim = 128;
    int hiddenDim = 256;
    int epochs = 8;
    int batchSize = 512;
    double learningRate = 1e-3;
    // Hinge loss: normal logits above +margin, abnormal below -margin.
    double margin = 0.5;
    double fakeNoise = 0.2;       // noise fakes: spread relative to the normal representations'
    // Loss weight of a labelled defect patch: 30 (10 before 2026-12-05) was chosen over
    // 10 by cross-validation inside the training split (README; a narrow win).
    double labelledWeight = 30.0;
    int normalPatches = 40000;    // normal training patches (synthetic ones: half as many)
    // Share of the normal images (10 or more) held out for the checkpoint choice.
    double validationFraction = 0.1;
    unsigned seed = 0;

    // Anomaly map.
    double smoothingSigma = 4.0;
    // 16 (6 before 2026-12-05, which was chosen on test numbers) was chosen over 1.5, 3, 6,
    // 10 and 25 by cross-validation inside the training split (README); 10..25 tie closely.
    double distanceWeight = 16.0;
    // Image score: "top" is the mean of the smoothed map's top_fraction highest pixels,
    // "max" its maximum (the default before 2026-12-05). top / 0.05 was chosen over max,
    // top 0.01, 0.1 and 0.2 by cross-validation inside the training split (README).
    std::string imageScore = "top";
    double topFraction = 0.05;

    bool attention() const { return knowledge == "distance+attention"; }
    NearestNeighbourOptions searchOptions() const;

    // The registry's defaultParams: every key with its default value.
    static nlohmann::json defaults();
    // Reads and checks every key of `merged`; throws dl::Error naming the key.
    static DmadParams parse(const nlohmann::json& merged);

    // Every key with its check; see components/ParamReader.h.
    template <typename Fields>
    void fields(Fields& f)
    {
        // Patch features and the input size.
        features.fields(f);
        f.integer("image_size", imageSize, 32, 2048);
        // Memory banks and their search.
        f.number("coreset_ratio", coresetRatio, 0.0, 1.0);
        f.atLeast("neighbours", neighbours, 1);
        f.oneOf("search", searchKind, {"exact", "pca-refine"});
        f.atLeast("search_dim", searchDim, 1);
        f.atLeast("search_refine", searchRefine, 1);
        f.atLeast("max_defect_memories", maxDefectMemories, 0);
        f.get("synthetic_with_labels", syntheticWithLabels);
        f.get("synthetic_fill", syntheticFill);
        f.atLeast("synthetic_images", syntheticImages, 0);
        f.atLeast("transplants_per_label", transplantsPerLabel, 0);
        f.get("object_foreground", objectForeground);
        f.atLeast("centres", centres, 0);
        f.nonNegative("centre_noise", centreNoise);
        f.atLeast("texture_images", textureImages, 0);
        f.number("texture_coreset_ratio", textureCoresetRatio, 0.0, 1.0);
        f.get("texture_dir", textureDir);
        // Heads and their training; at least one epoch and one patch per batch, so that
        // the kept epoch exists and the batch loop advances.
        f.oneOf("knowledge", knowledge, {"distance", "distance+attention"});
        f.atLeast("projection_dim", projectionDim, 0);
        f.atLeast("hidden_dim", hiddenDim, 0);
        f.atLeast("epochs", epochs, 1);
        f.atLeast("batch_size", batchSize, 1);
        f.positive("learning_rate", learningRate);
        f.nonNegative("margin", margin);
        f.nonNegative("fake_noise", fakeNoise);
        f.nonNegative("labelled_weight", labelledWeight);
        f.atLeast("normal_patches", normalPatches, 0);
        // At most half held out: at least ten images are split, and training needs most of them.
        f.number("validation_fraction", validationFraction, 0.0, 0.5);
        f.get("seed", seed);
        // Anomaly map; a distance weight of 0 or less leaves the discriminator alone.
        f.nonNegative("smoothing_sigma", smoothingSigma);
        f.get("distance_weight", distanceWeight);
        f.oneOf("image_score", imageScore, {"max", "top"});
        f.number("top_fraction", topFraction, 1e-6, 1.0);
    }
};

} // namespace dl
