#include "methods/dmad/DmadParams.h"

#include "common/Error.h"
#include "components/ParamReader.h"
#include "components/PatchFeatures.h"

namespace dl {
namespace {

int atLeast(const ParamReader& reader, const std::string& key, int low)
{
    const int value = reader.get<int>(key);
    if (value < low)
        throw Error("dmad " + key + (low == 0 ? " must not be negative" : " must be at least " + std::to_string(low)));
    return value;
}

} // namespace

PatchFeatureSpec DmadParams::featureSpec() const
{
    return PatchFeatureSpec{taps, neighbourhood, featureDim};
}

NearestNeighbourOptions DmadParams::searchOptions() const
{
    NearestNeighbourOptions options;
    options.kind = searchKind;
    options.pcaDim = searchDim;
    options.refineFactor = searchRefine;
    return options;
}

nlohmann::json DmadParams::defaults()
{
    const DmadParams d;
    return {
        {"taps", d.taps}, {"neighbourhood", d.neighbourhood}, {"feature_dim", d.featureDim}, {"image_size", d.imageSize},
        {"coreset_ratio", d.coresetRatio}, {"neighbours", d.neighbours}, {"knowledge", d.knowledge},
        {"search", d.searchKind}, {"search_dim", d.searchDim}, {"search_refine", d.searchRefine},
        {"projection_dim", d.projectionDim}, {"hidden_dim", d.hiddenDim}, {"epochs", d.epochs},
        {"batch_size", d.batchSize}, {"learning_rate", d.learningRate}, {"margin", d.margin},
        {"fake_noise", d.fakeNoise}, {"labelled_weight", d.labelledWeight}, {"normal_patches", d.normalPatches},
        {"synthetic_images", d.syntheticImages}, {"object_foreground", d.objectForeground},
        {"texture_images", d.textureImages}, {"texture_coreset_ratio", d.textureCoresetRatio},
        {"max_defect_memories", d.maxDefectMemories}, {"synthetic_with_labels", d.syntheticWithLabels},
        {"texture_dir", d.textureDir}, {"centres", d.centres}, {"centre_noise", d.centreNoise},
        {"validation_fraction", d.validationFraction}, {"smoothing_sigma", d.smoothingSigma},
        {"distance_weight", d.distanceWeight}, {"seed", int(d.seed)},
    };
}

DmadParams DmadParams::parse(const nlohmann::json& merged)
{
    const ParamReader r("dmad", merged);
    DmadParams p;
    p.taps = r.get<std::vector<std::string>>("taps");
    p.neighbourhood = r.get<int>("neighbourhood");
    p.featureDim = r.get<int>("feature_dim");
    (void)PatchFeatureSpec::fromParams(merged); // its own checks: a tap at least, an odd neighbourhood
    p.imageSize = r.integer("image_size", 32, 2048);

    p.coresetRatio = r.number("coreset_ratio", 0.0, 1.0);
    p.neighbours = atLeast(r, "neighbours", 1);
    p.searchKind = r.oneOf("search", {"exact", "pca-refine"});
    p.searchDim = atLeast(r, "search_dim", 1);
    p.searchRefine = atLeast(r, "search_refine", 1);
    p.maxDefectMemories = atLeast(r, "max_defect_memories", 0);
    p.syntheticWithLabels = r.get<bool>("synthetic_with_labels");
    p.syntheticImages = atLeast(r, "synthetic_images", 0);
    p.objectForeground = r.get<bool>("object_foreground");
    p.centres = atLeast(r, "centres", 0);
    p.centreNoise = r.nonNegative("centre_noise");
    p.textureImages = atLeast(r, "texture_images", 0);
    p.textureCoresetRatio = r.number("texture_coreset_ratio", 0.0, 1.0);
    p.textureDir = r.get<std::string>("texture_dir");

    p.knowledge = r.oneOf("knowledge", {"distance", "distance+attention"});
    p.projectionDim = atLeast(r, "projection_dim", 0);
    p.hiddenDim = atLeast(r, "hidden_dim", 0);
    // At least one epoch and one patch per batch: the kept epoch must exist and the
    // batch loop must advance.
    p.epochs = atLeast(r, "epochs", 1);
    p.batchSize = atLeast(r, "batch_size", 1);
    p.learningRate = r.positive("learning_rate");
    p.margin = r.nonNegative("margin");
    p.fakeNoise = r.nonNegative("fake_noise");
    p.labelledWeight = r.nonNegative("labelled_weight");
    p.normalPatches = atLeast(r, "normal_patches", 0);
    // At most half held out: at least ten images are split, and training needs most of them.
    p.validationFraction = r.number("validation_fraction", 0.0, 0.5);
    p.seed = unsigned(atLeast(r, "seed", 0));

    p.smoothingSigma = r.nonNegative("smoothing_sigma");
    p.distanceWeight = r.get<double>("distance_weight"); // 0 or less: the discriminator alone
    return p;
}

} // namespace dl
