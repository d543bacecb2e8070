#include "synthesis/AnomalySynthesizer.h"

#include "common/Error.h"
#include "data/ImageIO.h"
#include "synthesis/Augment.h"
#include "synthesis/Foreground.h"
#include "synthesis/Random.h"

#include <opencv2/imgproc.hpp>

#include <string>

namespace dl {
namespace {

constexpr int kMinSide = 16; // the 8x8 tile shuffle needs at least 2 px per tile

// Copies `source` into `target` where `mask` is set, blended with opacity `beta`:
// target' = (1 - m) target + m (beta source + (1 - beta) target), m in {0, 1}.
void blendUnderMask(cv::Mat& target, const cv::Mat& source, const cv::Mat& mask, double beta)
{
    for (int y = 0; y < target.rows; ++y) {
        cv::Vec3b* out = target.ptr<cv::Vec3b>(y);
        const cv::Vec3b* in = source.ptr<cv::Vec3b>(y);
        const uchar* m = mask.ptr<uchar>(y);
        for (int x = 0; x < target.cols; ++x) {
            if (!m[x])
                continue;
            for (int c = 0; c < 3; ++c)
                out[x][c] = cv::saturate_cast<uchar>(beta * in[x][c] + (1.0 - beta) * out[x][c]);
        }
    }
}

} // namespace

const char* defectKindName(DefectKind kind)
{
    switch (kind) {
    case DefectKind::TexturePaste: return "texture";
    case DefectKind::Structural: return "structural";
    case DefectKind::Blurry: return "blurry";
    case DefectKind::Generated: return "generated";
    case DefectKind::Transplanted: return "transplanted";
    }
    return "unknown";
}

AnomalySynthesizer::AnomalySynthesizer(std::vector<std::string> texturePaths, unsigned seed, SynthesisOptions options)
    : texturePaths_(std::move(texturePaths)), options_(options), rng_(seed)
{
    if (!(options_.betaMin >= 0.0 && options_.betaMax <= 1.0 && options_.betaMin <= options_.betaMax))
        throw Error("texture opacity range must satisfy 0 <= betaMin <= betaMax <= 1 (got "
                    + std::to_string(options_.betaMin) + ".." + std::to_string(options_.betaMax) + ")");
    validatePerlinMaskOptions(options_.mask);
}

std::mt19937& AnomalySynthesizer::rng() { return rng_; }

const cv::Mat& AnomalySynthesizer::texture(std::size_t index, cv::Size size)
{
    const auto key = std::make_tuple(index, size.width, size.height);
    auto it = textureCache_.find(key);
    if (it == textureCache_.end()) {
        const cv::Mat original = loadImageRgb(texturePaths_[index]); // throws naming the file
        cv::Mat resized;
        // INTER_AREA keeps fine texture detail honest when shrinking large textures.
        cv::resize(original, resized, size, 0, 0, cv::INTER_AREA);
        it = textureCache_.emplace(key, std::move(resized)).first;
    }
    return it->second;
}

void AnomalySynthesizer::checkInput(const cv::Mat& rgb8) const
{
    if (rgb8.empty() || rgb8.type() != CV_8UC3)
        throw Error("anomaly synthesis needs a non-empty 8-bit RGB image");
    if (rgb8.cols < kMinSide || rgb8.rows < kMinSide)
        throw Error("anomaly synthesis needs an image of at least " + std::to_string(kMinSide) + "x"
                    + std::to_string(kMinSide) + " pixels (got " + std::to_string(rgb8.cols) + "x"
                    + std::to_string(rgb8.rows) + ")");
}

SyntheticAnomaly AnomalySynthesizer::maskedCopy(const cv::Mat& rgb8, DefectKind kind)
{
    SyntheticAnomaly result;
    result.kind = kind;
    const cv::Mat foreground = options_.objectForeground ? foregroundMask(rgb8) : cv::Mat();
    result.mask = perlinAnomalyMask(rgb8.size(), rng_, foreground, options_.mask);
    result.image = rgb8.clone();
    return result;
}

namespace {

// Channels equal everywhere: the image came from a single-channel source.
bool isGreyscale(const cv::Mat& rgb8)
{
    std::vector<cv::Mat> channels;
    cv::split(rgb8, channels);
    return cv::countNonZero(channels[0] != channels[1]) == 0 && cv::countNonZero(channels[1] != channels[2]) == 0;
}

} // namespace

void AnomalySynthesizer::matchInputColour(const cv::Mat& rgb8, SyntheticAnomaly& result) const
{
    if (!options_.matchGreyscale || !isGreyscale(rgb8))
        return;
    // Luma of equal channels is the channel value itself, so pixels outside the mask stay exact.
    cv::Mat grey;
    cv::cvtColor(result.image, grey, cv::COLOR_RGB2GRAY);
    cv::cvtColor(grey, result.image, cv::COLOR_GRAY2RGB);
}

SyntheticAnomaly AnomalySynthesizer::pasteGenerated(const cv::Mat& rgb8, const cv::Mat& generated, double betaMin,
                                                    double betaMax)
{
    checkInput(rgb8);
    if (generated.empty() || generated.type() != CV_8UC3)
        throw Error("a generated anomaly source must be a non-empty 8-bit RGB image");
    if (!(betaMin >= 0.0 && betaMax <= 1.0 && betaMin <= betaMax))
        throw Error("generated-paste opacity range must satisfy 0 <= min <= max <= 1");
    SyntheticAnomaly result = maskedCopy(rgb8, DefectKind::Generated);
    cv::Mat source = generated;
    if (generated.size() != rgb8.size())
        cv::resize(generated, source, rgb8.size(), 0, 0, generated.cols < rgb8.cols ? cv::INTER_CUBIC : cv::INTER_AREA);
    blendUnderMask(result.image, source, result.mask, randomUniform(rng_, betaMin, betaMax));
    matchInputColour(rgb8, result);
    return result;
}

SyntheticAnomaly AnomalySynthesizer::make(const cv::Mat& rgb8, DefectKind kind)
{
    checkInput(rgb8);
    if (kind == DefectKind::Generated)
        throw Error("generated anomalies need their source image: use pasteGenerated()");
    if (kind == DefectKind::Transplanted)
        throw Error("transplanted anomalies need a labelled defect: use transplantDefect()");
    if (kind == DefectKind::TexturePaste && texturePaths_.empty())
        kind = DefectKind::Structural;

    SyntheticAnomaly result = maskedCopy(rgb8, kind);

    switch (kind) {
    case DefectKind::TexturePaste: {
        const std::size_t index = randomBelow(rng_, std::uint32_t(texturePaths_.size()));
        const cv::Mat augmented = augment::randomTextureAugment(texture(index, rgb8.size()), rng_);
        const double beta = randomUniform(rng_, options_.betaMin, options_.betaMax);
        blendUnderMask(result.image, augmented, result.mask, beta);
        break;
    }
    case DefectKind::Structural: {
        const cv::Mat augmented = augment::randomStructuralAugment(rgb8, rng_);
        blendUnderMask(result.image, augment::shuffleTiles(augmented, 8, rng_), result.mask, 1.0);
        break;
    }
    case DefectKind::Blurry: {
        const int kernel = 5 + 2 * randomInt(rng_, 0, 5); // odd, 5..15
        cv::Mat blurred;
        cv::GaussianBlur(rgb8, blurred, cv::Size(kernel, kernel), 6.0, 6.0, cv::BORDER_REFLECT_101);
        blendUnderMask(result.image, blurred, result.mask, 1.0);
        break;
    }
    case DefectKind::Generated: break; // refused above
    }
    matchInputColour(rgb8, result);
    return result;
}

SyntheticAnomaly AnomalySynthesizer::makeRandom(const cv::Mat& rgb8)
{
    const auto kind = static_cast<DefectKind>(randomBelow(rng_, 3));
    return make(rgb8, kind);
}

} // namespace dl
