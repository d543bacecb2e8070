#pragma once
// Pseudo-anomaly synthesis shared by the methods that train on synthetic defects
// (DMAD, CSE, RealNet, STLM): a Perlin-noise mask says where, a generator says
// what (a foreign texture, the image's own shuffled structure, or blur).
// Plain C++ and OpenCV; deterministic for a seed (see README.md).
#include "synthesis/Perlin.h"

#include <opencv2/core.hpp>

#include <map>
#include <random>
#include <string>
#include <tuple>
#include <vector>

namespace dl {

// Generated: an image from a generative model (RealNet's SDAS), pasted by pasteGenerated().
// Transplanted: a labelled real defect pasted by transplantDefect() (synthesis/DefectTransplant.h).
enum class DefectKind { TexturePaste, Structural, Blurry, Generated, Transplanted };

// "texture", "structural", "blurry", "generated" or "transplanted" (for logs and file names).
const char* defectKindName(DefectKind kind);

struct SynthesisOptions {
    double betaMin = 0.2, betaMax = 1.0; // texture opacity range (CSE uses 1,1; RealNet 0.2..1)
    bool objectForeground = false;       // restrict masks to foregroundMask() (objects); textures use the whole image
    // A greyscale input (R = G = B everywhere, e.g. a monochrome camera's image) gets a
    // greyscale defect: a coloured texture on a grey surface is a defect that colour
    // alone gives away, and no such camera can show one.
    bool matchGreyscale = false;
    PerlinMaskOptions mask;
};

struct SyntheticAnomaly {
    cv::Mat image;   // RGB CV_8UC3, the input's size
    cv::Mat mask;    // CV_8UC1 {0,255}, same size; never empty
    DefectKind kind; // the kind actually made (TexturePaste falls back to Structural without textures)
};

// Makes synthetic anomalies from normal images. Pixels outside the mask are
// exactly the input's; inside, the generator's result replaces (or, for
// textures, blends with) them. Not thread-safe: use one synthesizer per thread
// (with different seeds) when synthesising in parallel.
class AnomalySynthesizer {
public:
    // texturePaths may be empty (then TexturePaste falls back to Structural).
    // Textures are loaded lazily and cached, resized to the working size.
    // Throws dl::Error for options out of range.
    AnomalySynthesizer(std::vector<std::string> texturePaths, unsigned seed, SynthesisOptions options = {});

    // One anomaly of `kind` in a copy of `rgb8` (RGB CV_8UC3, at least 16x16).
    // Throws dl::Error for other input, or naming a texture file that cannot be decoded.
    SyntheticAnomaly make(const cv::Mat& rgb8, DefectKind kind);
    // The kind drawn uniformly among the three.
    SyntheticAnomaly makeRandom(const cv::Mat& rgb8);
    // `generated` (RGB CV_8UC3 of any size, resized to the input's) blended into a copy
    // of `rgb8` under a Perlin mask (restricted to the foreground for objects) with
    // opacity beta ~ U(betaMin, betaMax), as RealNet pastes SDAS images (beta 0.5..1).
    SyntheticAnomaly pasteGenerated(const cv::Mat& rgb8, const cv::Mat& generated, double betaMin, double betaMax);

    // The generator's state, e.g. for callers that draw their own decisions from the same stream.
    std::mt19937& rng();

    const std::vector<std::string>& texturePaths() const { return texturePaths_; }
    const SynthesisOptions& options() const { return options_; }

private:
    void checkInput(const cv::Mat& rgb8) const; // throws dl::Error for a bad input image
    SyntheticAnomaly maskedCopy(const cv::Mat& rgb8, DefectKind kind); // the mask drawn, the image copied
    void matchInputColour(const cv::Mat& rgb8, SyntheticAnomaly& result) const; // matchGreyscale
    const cv::Mat& texture(std::size_t index, cv::Size size);

    std::vector<std::string> texturePaths_;
    SynthesisOptions options_;
    std::mt19937 rng_;
    std::map<std::tuple<std::size_t, int, int>, cv::Mat> textureCache_; // (index, width, height) -> RGB
};

// Outlier textures for synthesis and DMAD's abnormal bank. The first source that
// holds images wins:
// 1. `configuredDir` when non-empty (dl::Error naming it when it is missing or has no images);
// 2. $DEFECTLENS_TEXTURES_DIR when set (dl::Error naming it likewise);
// 3. ../shared/data/dtd_subset beside the working directory or one of its parents,
//    then beside the executable's folder or one of its parents;
// 4. Debian-packaged textures: python3-skimage's brick/grass/gravel.png and
//    gimp-data's image patterns, whatever of them exists.
// Returns sorted absolute image paths (recursive); empty when nothing was found
// (callers decide whether that is an error).
std::vector<std::string> locateOutlierTextures(const std::string& configuredDir = {});

} // namespace dl
