#pragma once
// Does SDAS's strength do what it claims? A measurement (torch-free header): samples
// drawn at each strength s, and the training images themselves, are embedded with the
// MobileNetV2 backbone, and each sample's distance to its nearest training image is
// averaged per s. Normal-looking samples (s = 0 of a well-trained model) sit about as
// close to the training set as a held-out training image does to the rest (the
// reference row, leave-one-out); the distance should rise with s.
//
// Embedding: the image at the SDAS resolution R (training images resized to R x R with
// area averaging, as SDAS trains on them; samples are generated at R), upsampled
// bilinearly to embedSize x embedSize (224, MobileNetV2's ImageNet size), ImageNet-
// normalised, the backbone's `tap` map averaged over its positions and L2-normalised.
// Distances are Euclidean between these unit vectors (0..2). Going through R first
// keeps the training images' extra detail from counting as the samples' novelty.
#include "backbone/BackboneSpec.h"
#include "common/Progress.h"

#include <opencv2/core.hpp>

#include <string>
#include <vector>

namespace dl {

class SdasGenerator;

struct SdasNoveltyOptions {
    std::vector<double> strengths{0.0, 0.1, 0.2, 0.3}; // each >= 0, in the order to report
    int count = 16;                  // samples per strength
    unsigned seed = 42;              // the same seed at every strength: sample i shares its noise across rows
    std::string category;            // "" = the model's first category
    int steps = 0;                   // 0 = the model's sampling_steps
    std::string tap = "features.13"; // MobileNetV2 tap (stride 16, 96 channels); features.17 is the deepest block
    int embedSize = 224;
    BackboneSpec backbone;           // MobileNetV2, the default weights unless a path is given
    bool keepSamples = false;        // keep the generated images in the rows (e.g. for a sample sheet)
};

struct SdasNoveltyRow {
    double strength = 0.0;        // the reference row: 0 (it is no sample)
    std::vector<double> distances; // per image: the distance to its nearest training image
    double mean = 0.0, stdev = 0.0, min = 0.0, max = 0.0; // of `distances` (stdev: population)
    std::vector<cv::Mat> samples; // RGB CV_8UC3 at the SDAS resolution, with keepSamples
};

struct SdasNovelty {
    SdasNoveltyRow reference;         // each training image to its nearest other training image
    std::vector<SdasNoveltyRow> rows; // per strength, in the options' order
    std::string category;             // the category sampled
    std::string tap;
    int resolution = 0;               // SDAS's
    int embedSize = 0;
    int trainingImages = 0;
};

// `training`: RGB CV_8UC3 images of the category (at least two, any size). Throws dl::Error
// for an empty or bad strength list, a count below 1, fewer than two or empty training
// images, an unknown tap or category; honours cancellation.
SdasNovelty measureSdasNovelty(const SdasGenerator& generator, const std::vector<cv::Mat>& training,
                               const SdasNoveltyOptions& options, const ProgressContext& progress);
// The same with the training images given by path (decoded and shrunk to the SDAS
// resolution one by one; a file that cannot be read is an error naming it), and with the
// bundle given by path too.
SdasNovelty measureSdasNovelty(const SdasGenerator& generator, const std::vector<std::string>& trainingPaths,
                               const SdasNoveltyOptions& options, const ProgressContext& progress);
SdasNovelty measureSdasNovelty(const std::string& bundlePath, const std::vector<std::string>& trainingPaths,
                               const SdasNoveltyOptions& options, const ProgressContext& progress);

// "s=0.1": a strength as a row label.
std::string sdasStrengthLabel(double strength);

// One RGB image: a row per entry of `rows` (its images side by side, each scaled to
// `cell` x `cell` pixels, 0 = as they are), its label (e.g. "s=0.10") in a column on the left.
cv::Mat sdasSampleSheet(const std::vector<std::vector<cv::Mat>>& rows, const std::vector<std::string>& labels,
                        int cell = 0);

} // namespace dl
