#pragma once
// The engine's front door for the CLI and the GUI: train a model on datasets,
// save/load bundles, score images, evaluate on test splits. Torch-free header.
#include "engine/Detector.h"
#include "metrics/Metrics.h"

#include <memory>
#include <string>
#include <vector>

namespace dl {

struct TrainRequest {
    std::string method = "patchcore";
    // Method parameters; "tile_size" and "tile_overlap" (engine/TiledDetector.h)
    // make the model train and score in tiles.
    nlohmann::json params = nlohmann::json::object();
    BackboneSpec backbone;
    std::vector<const Dataset*> datasets;   // one or several (unified)
    bool unified = false;                   // one model over all categories
    double calibrationFraction = 0.1;       // normal train images held out for the threshold
    unsigned seed = 42;
    std::string parentModelPath;            // warm start (retrain) from this bundle; empty = none
    // Methods that train for epochs save each one here (empty: no checkpoints);
    // with `resume`, a checkpoint of the same fit (method, parameters, backbone,
    // seed and training images) is continued; another fit's checkpoint is
    // ignored with a warning. The caller removes the file once the bundle is written.
    std::string checkpointPath;
    bool resume = false;
};

// Trains, calibrates the threshold on held-out normal images, fills ModelInfo.
std::unique_ptr<Detector> trainDetector(const TrainRequest& request, const ProgressContext& progress);

// Writes the detector to a .dlm bundle atomically; returns the bundle checksum.
std::string saveDetector(const Detector& detector, const std::string& path);
// Loads a bundle: verifies its checksum and the backbone weights' sha256.
// `weightsOverride` replaces the recorded backbone weights path (hash still checked).
// A bundle trained in tiles (header "tiling") comes back wrapped in a
// TiledDetector; `tilingOverride`, when enabled, tiles any model with that
// spec instead (the CLI's --tile on scoring commands).
std::unique_ptr<Detector> loadDetector(const std::string& path, const std::string& weightsOverride = {},
                                       const TileSpec& tilingOverride = {});

// Throws dl::Error unless every key of `params` is one of `method`'s scoring
// parameters (MethodDescription::scoringParams: read when images are scored, never by fit).
void checkScoringParameters(const std::string& method, const nlohmann::json& params);
// `trained` scoring with other values of its method's scoring parameters, recalibrated
// (threshold, score normalisation) on `request`'s held-out normal images: the model a
// fit of `request` with those values would have produced, without training again
// (crossvalidate --sweep compares values this way). Throws for a key fit reads.
std::unique_ptr<Detector> rescoredDetector(const Detector& trained, const nlohmann::json& scoringParams,
                                           const TrainRequest& request, const ProgressContext& progress);

// Decodes and scores one image file (errors name the file).
Prediction predictFile(Detector& detector, const std::string& imagePath);

struct EvaluatedImage {
    const Sample* sample = nullptr;
    float score = 0.0f;
    cv::Mat map; // at the preprocessing size
};

// One defect type of a category, measured against the category's good images:
// which kinds of defect a model misses, and which of them the pooled pixel
// metrics mostly measure (a type with large masks outweighs the others).
struct DefectTypeMetrics {
    std::string defectType;
    int images = 0;               // defect images of this type
    double imageAuroc = -1;       // -1: undefined
    double pixelAuroc = -1, aupro = -1;
    // The type's defect pixels against the other pixels of its own images only: whether
    // the map finds the region inside an image it flags (pixelAuroc also counts the good
    // images' pixels, so a map raised over the whole defect image scores well there).
    double pixelAurocWithinImages = -1;
    double defectPixelShare = -1; // this type's share of the category's defect pixels
};

struct CategoryMetrics {
    std::string category;
    double imageAuroc = -1, pixelAuroc = -1, aupro = -1, f1Max = -1, ap = -1; // -1: undefined
    int images = 0;
    std::vector<DefectTypeMetrics> defectTypes; // evaluateDetector, where a category has two or more types
};

// Curves for plotting, per category (computed only when asked for).
struct CategoryCurves {
    std::string category;
    std::vector<CurvePoint> roc; // image-level; empty without both normal and defect images
    std::vector<CurvePoint> pro; // pixel PRO up to FPR 0.3; empty without ground-truth masks
};

struct EvaluationReport {
    std::vector<CategoryMetrics> categories;
    std::vector<CategoryCurves> curves; // filled when evaluateDetector is called withCurves
    CategoryMetrics mean;   // unweighted mean over categories of each defined metric
    double secondsPerImage = 0;
    std::vector<EvaluatedImage> images;
};

// Runs the detector on every test sample and computes the metrics. Pixel metrics
// are computed at each ground-truth mask's own resolution (the map is resized).
// `onImage` is called for each scored image (e.g. to write maps), may be empty.
// `withCurves` also fills report.curves (ROC and PRO points, for the GUI's plots).
EvaluationReport evaluateDetector(Detector& detector, const std::vector<const Dataset*>& datasets,
                                  const ProgressContext& progress,
                                  const std::function<void(const EvaluatedImage&, const cv::Mat& mapAtMaskSize)>& onImage = {},
                                  bool withCurves = false);

// Resizes a map to an image's original size (bilinear), as used for masks/overlays.
cv::Mat resizeMap(const cv::Mat& map, int width, int height);

} // namespace dl
