#pragma once
// DMAD's hyper-parameters as one typed struct: the registry defaults, and the
// up-front validation of the merged parameters (defaults + --param overrides), so a
// bad value fails with a message naming its key before any work starts. Torch-free.
#include "components/NearestNeighbours.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace dl {

struct PatchFeatureSpec;

struct DmadParams {
    // Patch features (components/PatchFeatures.h) and the input size.
    std::vector<std::string> taps{"features.6", "features.13"};
    int neighbourhood = 3;
    int featureDim = 0; // 0 = keep the concatenated width
    int imageSize = 256;

    // Memory banks and their search.
    double coresetRatio = 0.01;        // normal bank: coreset of all normal patches
    int neighbours = 4;                // k memories per bank for the knowledge
    std::string searchKind = "pca-refine"; // or "exact"
    int searchDim = 32;                // pca-refine: PCA width of the candidate search
    int searchRefine = 2;              // pca-refine: candidates re-ranked per neighbour
    int maxDefectMemories = 1000;      // abnormal bank (1): defect patches kept
    bool syntheticWithLabels = false;  // keep synthetic defects beside labelled ones
    int syntheticImages = 40;
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
    double labelledWeight = 10.0; // loss weight of a labelled defect patch
    int normalPatches = 40000;    // normal training patches (synthetic ones: half as many)
    // Share of the normal images (10 or more) held out for the checkpoint choice.
    double validationFraction = 0.1;
    unsigned seed = 0;

    // Anomaly map.
    double smoothingSigma = 4.0;
    double distanceWeight = 6.0;

    bool attention() const { return knowledge == "distance+attention"; }
    NearestNeighbourOptions searchOptions() const;
    PatchFeatureSpec featureSpec() const; // defined with the torch code (DmadParams.cpp)

    // The registry's defaultParams: every key with its default value.
    static nlohmann::json defaults();
    // Reads and checks every key of `merged`; throws dl::Error naming the key.
    static DmadParams parse(const nlohmann::json& merged);
};

} // namespace dl
