#pragma once
// The one interface every anomaly-detection method implements. Torch-free:
// the CLI, the GUI bridge and tests use it without torch headers.
#include "backbone/BackboneSpec.h"
#include "common/Progress.h"
#include "data/Dataset.h"
#include "data/Preprocess.h"
#include "engine/NetworkTiming.h"

#include <nlohmann/json.hpp>
#include <opencv2/core.hpp>

#include <functional>
#include <limits>
#include <memory>
#include <string>
#include <vector>

namespace dl {

class ModelBundle;

// What a method trains on. Normal images always; labelled defects (with masks)
// only for semi-supervised methods (DMAD); others may ignore them.
// Where a fit that trains for epochs (DSKD, CSE, STLM, RealNet) saves each
// completed epoch, so that a fit killed or cancelled part way can continue
// (fit --resume) and end with the same model (components/EpochLoop.h). Empty
// path: no checkpoints; methods without epochs ignore it.
struct TrainingCheckpoint {
    std::string path;
    std::string key;     // what must match to continue: method, parameters, backbone and training images
    bool resume = false; // continue a saved checkpoint with the same key
};

struct FitInput {
    std::vector<Sample> normal;
    std::vector<Sample> labelledDefects;
    std::vector<std::string> categories;
    TrainingCheckpoint checkpoint;
};

struct Prediction {
    cv::Mat map;          // CV_32FC1 anomaly map at the preprocessing size
    float score = 0.0f;   // image-level anomaly score (higher = more anomalous)
    double networkMs = 0; // time spent in the neural network alone
    // How evenly a method's two references claim the image's most anomalous
    // patch: 0 = one clearly wins, 1 = a tie. NaN where a method has no such
    // pair. DMAD: its normal and abnormal memory banks; "label next" uses it to
    // find the images its banks cannot place (engine/LabelRanking.h).
    float bankDisagreement = std::numeric_limits<float>::quiet_NaN();
};

// Large images (line-scan, 20 MP frames) scored in overlapping tiles at native
// resolution, the maps stitched (engine/TiledDetector.h). size 0: off, the
// whole image is resized to the model's input.
struct TileSpec {
    int size = 0;      // tile edge in image pixels
    int overlap = 0;   // pixels shared by neighbouring tiles
    bool enabled() const { return size > 0; }
};

// Everything a detector needs that is not method-specific; stored in the bundle header.
struct ModelInfo {
    std::string method;
    nlohmann::json params = nlohmann::json::object(); // method hyper-parameters, as used
    BackboneSpec backbone;
    std::string backboneSha256;
    PreprocessSpec preprocess;
    std::vector<std::string> categories;
    double threshold = 0.0;            // image score >= threshold -> defect
    std::string thresholdSource;       // "normal-quantile", "f1-max", "user"
    // Normal-score statistics from held-out normal images, for display normalisation.
    nlohmann::json normalisation = nlohmann::json::object();
    nlohmann::json provenance = nlohmann::json::object(); // datasets, counts, times, version
    TileSpec tiling;                   // trained and scored in tiles when enabled
};

// Decodes an image file as the model described by `info` takes it: a large JPEG at a
// reduced scale where its preprocessing allows (PreprocessSpec::decode), always in full
// for a tiled model, whose tiles are cut at native resolution. Training, calibration
// and every scoring path decode through here (or the preprocessing's decode).
DecodedImage loadModelInput(const std::string& path, const ModelInfo& info);
// The size loadModelInput decodes at least at for `info` (empty: in full).
cv::Size modelDecodeAtLeast(const ModelInfo& info);
// The same decode as a function that keeps only the size it needs (for a decoding thread).
std::function<DecodedImage(const std::string&)> modelInputDecoder(const ModelInfo& info);

class Detector {
public:
    virtual ~Detector() = default;

    virtual std::string method() const = 0;
    // Trains on `input`. Reports progress, honours cancellation (throws dl::Cancelled).
    virtual void fit(const FitInput& input, const ProgressContext& progress) = 0;
    // Scores one decoded RGB 8-bit image of any size.
    virtual Prediction predict(const cv::Mat& rgb8) = 0;
    // Scores several images at once (batched through the network where possible).
    virtual std::vector<Prediction> predictBatch(const std::vector<cv::Mat>& images);
    // Method-specific state in/out of the bundle (ModelInfo is handled by the engine).
    virtual void save(ModelBundle& bundle) const = 0;
    virtual void load(const ModelBundle& bundle) = 0;
    // Reuses expensive state of a parent model (e.g. DMAD's normal memory bank)
    // before fit(); methods that cannot warm-start throw dl::Error.
    virtual void warmStart(const ModelBundle& parent);
    // The method's trained networks that have a fast path (students, decoders, heads),
    // timed on one image of the model's input size on both paths with their arithmetic,
    // for `benchmark`; empty for methods without any (the backbone is timed apart).
    virtual std::vector<NetworkTiming> timeTrainedNetworks(int /*repeats*/) { return {}; }

    ModelInfo& info() { return info_; }
    const ModelInfo& info() const { return info_; }

protected:
    ModelInfo info_;
};

} // namespace dl
