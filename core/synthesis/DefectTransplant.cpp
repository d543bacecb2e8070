#include "synthesis/DefectTransplant.h"

#include "common/Error.h"
#include "common/Log.h"
#include "data/ImageIO.h"
#include "synthesis/Random.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>

namespace dl {
namespace {

cv::Mat dilated(const cv::Mat& mask, int radius)
{
    cv::Mat out;
    cv::dilate(mask, out, cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(2 * radius + 1, 2 * radius + 1)));
    return out;
}

// Where the sticker's top-left corner goes along one axis: a defect touching a border
// stays at it, any other goes anywhere it fits.
int placement(std::mt19937& rng, int start, int extent, int size)
{
    if (extent >= size) return 0;
    if (start == 0) return 0;
    if (start + extent == size) return size - extent;
    return randomInt(rng, 0, size - extent);
}

} // namespace

TransplantedDefect transplantDefect(const cv::Mat& base, const cv::Mat& defectImage, const cv::Mat& defectMask,
                                    std::mt19937& rng)
{
    if (base.type() != CV_8UC3 || defectImage.type() != CV_8UC3 || defectMask.type() != CV_8UC1
        || base.size() != defectImage.size() || base.size() != defectMask.size())
        throw Error("defect transplant needs an RGB base, an RGB defect image and a single-channel mask of one size");
    TransplantedDefect out;
    out.image = base.clone();
    out.mask = cv::Mat::zeros(base.size(), CV_8UC1);
    cv::Mat binary = defectMask > 0;
    if (cv::countNonZero(binary) == 0) return out;

    // The sticker: the defect with a margin of its surroundings, for the feathered
    // edge and the brightness reference ring.
    constexpr int kFeather = 2, kRing = 6;
    const cv::Rect whole(0, 0, base.cols, base.rows);
    const cv::Rect box = cv::boundingRect(binary);
    const cv::Rect padded = cv::Rect(box.x - kRing, box.y - kRing, box.width + 2 * kRing, box.height + 2 * kRing) & whole;
    cv::Mat stickerMask = binary(padded).clone();
    cv::Mat sticker = defectImage(padded).clone();
    const bool flipX = randomUnit(rng) < 0.5, flipY = randomUnit(rng) < 0.5;
    if (flipX || flipY) {
        const int code = flipX && flipY ? -1 : (flipX ? 1 : 0);
        cv::flip(stickerMask, stickerMask, code);
        cv::flip(sticker, sticker, code);
    }
    // Border contact after the flip decides the anchoring.
    const int startX = flipX ? base.cols - padded.x - padded.width : padded.x;
    const int startY = flipY ? base.rows - padded.y - padded.height : padded.y;
    const cv::Rect target(placement(rng, startX, padded.width, base.cols), placement(rng, startY, padded.height, base.rows),
                          padded.width, padded.height);

    // Brightness: the sticker's surroundings matched to the destination's.
    cv::Mat ring = dilated(stickerMask, kRing) & ~dilated(stickerMask, kFeather);
    cv::Mat destination = out.image(target);
    cv::Scalar shift(0, 0, 0);
    if (cv::countNonZero(ring) > 0) shift = cv::mean(destination, ring) - cv::mean(sticker, ring);

    cv::Mat alpha;
    dilated(stickerMask, kFeather).convertTo(alpha, CV_32F, 1.0 / 255.0);
    cv::GaussianBlur(alpha, alpha, cv::Size(2 * kFeather + 1, 2 * kFeather + 1), 0);
    cv::Mat stickerF, destinationF;
    sticker.convertTo(stickerF, CV_32FC3);
    stickerF += shift;
    destination.convertTo(destinationF, CV_32FC3);
    cv::Mat alpha3;
    cv::merge(std::vector<cv::Mat>{alpha, alpha, alpha}, alpha3);
    cv::Mat blended = destinationF.mul(cv::Scalar::all(1.0) - alpha3) + stickerF.mul(alpha3);
    blended.convertTo(destination, CV_8UC3); // saturating
    stickerMask.copyTo(out.mask(target));
    return out;
}

WorkingSizeDefects loadWorkingSizeDefects(const std::vector<Sample>& labelled, const PreprocessSpec& preprocess,
                                          const std::string& method, const ProgressContext& progress)
{
    WorkingSizeDefects out;
    const cv::Size size(preprocess.width, preprocess.height);
    for (std::size_t i = 0; i < labelled.size(); ++i) {
        progress.checkCancelled();
        progress.report(double(i) / double(labelled.size()), DL_TR("Engine", "caching labelled defects"));
        const Sample& d = labelled[i];
        cv::Mat mask;
        cv::resize(loadMask(d.maskPath), mask, size, 0, 0, cv::INTER_NEAREST);
        if (cv::countNonZero(mask) == 0) {
            logWarning(DL_TR("Engine", "%1: labelled defect %2 has no defect pixels at %3x%4 px; left out"), method,
                       d.path, preprocess.width, preprocess.height);
            continue;
        }
        out.rgb.push_back(preprocess.resize(preprocess.decode(d.path).rgb));
        out.mask.push_back(mask);
        out.category.push_back(d.category);
    }
    return out;
}

LabelledTransplants::LabelledTransplants(WorkingSizeDefects labelled, double share)
    : labelled_(std::move(labelled)), share_(share)
{
    for (std::size_t i = 0; i < labelled_.size(); ++i)
        byCategory_[labelled_.category[i]].push_back(i);
}

LabelledTransplants LabelledTransplants::load(const std::vector<Sample>& input, double share,
                                              const PreprocessSpec& preprocess, const std::string& method,
                                              const ProgressContext& progress)
{
    if (share <= 0 || input.empty())
        return {};
    LabelledTransplants out(loadWorkingSizeDefects(input, preprocess, method, progress), share);
    if (!out.empty())
        logInfo(DL_TR("Engine", "%1: %2 labelled defects, transplanted onto normal images for %3 % of the anomalies"),
                method, out.labelled_.size(), long(std::lround(100.0 * share)));
    return out;
}

SyntheticAnomaly LabelledTransplants::make(const cv::Mat& rgb8, const std::string& category, std::mt19937& rng,
                                           const std::function<SyntheticAnomaly()>& synthetic)
{
    const auto own = byCategory_.find(category);
    if (own != byCategory_.end() && randomUnit(rng) < share_) {
        const std::size_t j = own->second[randomBelow(rng, std::uint32_t(own->second.size()))];
        TransplantedDefect t = transplantDefect(rgb8, labelled_.rgb[j], labelled_.mask[j], rng);
        if (cv::countNonZero(t.mask) > 0) {
            ++transplanted_;
            return {std::move(t.image), std::move(t.mask), DefectKind::Transplanted};
        }
    }
    ++synthetic_;
    return synthetic();
}

nlohmann::json LabelledTransplants::describe() const
{
    if (empty())
        return nullptr;
    return {{"defects", labelled_.size()},
            {"labelled_share", share_},
            {"transplanted", transplanted_},
            {"synthetic", synthetic_}};
}

} // namespace dl
