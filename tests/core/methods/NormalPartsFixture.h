#pragma once
// The set-up the method tests share: a folder of generated normal parts
// (SyntheticParts.h), training one method on it, one small model that is
// trained on first use and reloaded by the read-only checks, and the time-budget
// and cancellation runs every trained method must pass.
#include "core/methods/SyntheticParts.h"
#include "data/ImageIO.h"
#include "data/Importers.h"
#include "common/Error.h"
#include "engine/Engine.h"
#include "engine/Runtime.h"

#include <QDir>
#include <QString>
#include <QFile>
#include <QTemporaryDir>

#include <algorithm>
#include <cmath>
#include <map>

#include <memory>
#include <random>
#include <string>
#include <utility>

namespace dltest {

// Writes `count` images into `folder` (created); its path.
inline std::string writeFolder(const QTemporaryDir& dir, const char* folder, cv::Mat (*image)(unsigned), unsigned count)
{
    const QString path = dir.path() + "/" + folder;
    QDir().mkpath(path);
    for (unsigned i = 0; i < count; ++i)
        dl::writeImage((path + QString("/%1.png").arg(i, 2, 10, QChar('0'))).toStdString(), image(i + 1));
    return path.toStdString();
}

// The part with its stripes at half their contrast in the band of rows [48, 80): a
// change of texture over a wide region, like Magnetic Tile's uneven strips.
inline cv::Mat bandedPart(unsigned seed)
{
    cv::Mat img = normalPart(seed);
    std::mt19937 rng(seed + 1000);
    std::normal_distribution<float> noise(0.0f, 6.0f);
    for (int y = 48; y < 80; ++y)
        for (int x = 0; x < img.cols; ++x) {
            const float base = 120.0f + 20.0f * std::sin(0.35f * float(x) + 0.1f * float(seed % 3));
            for (int c = 0; c < 3; ++c)
                img.at<cv::Vec3b>(y, x)[c] = cv::saturate_cast<uchar>(base + float(c) * 10.0f + noise(rng));
        }
    return img;
}

// The band's rows of a map of a 128-px part scaled to `size`, as a mask.
inline cv::Mat bandMask(cv::Size size)
{
    cv::Mat band = cv::Mat::zeros(size, CV_8UC1);
    band(cv::Rect(0, 48 * size.height / 128, size.width, 32 * size.height / 128)).setTo(255);
    return band;
}

// How far the band stands out of a map: mean inside the band over mean outside it.
inline double bandContrast(const cv::Mat& map)
{
    const cv::Mat band = bandMask(map.size());
    return cv::mean(map, band)[0] / std::max(1e-9, cv::mean(map, ~band)[0]);
}

// The map's mean inside the band minus its mean outside it (for maps near 0 everywhere).
inline double bandExcess(const cv::Mat& map)
{
    const cv::Mat band = bandMask(map.size());
    return cv::mean(map, band)[0] - cv::mean(map, ~band)[0];
}

// `measure` of a detector's maps of three new banded parts, summed.
inline double overBandedProbes(dl::Detector& detector, double (*measure)(const cv::Mat&))
{
    double sum = 0;
    for (unsigned seed : {200u, 201u, 202u})
        sum += measure(detector.predict(bandedPart(seed)).map);
    return sum;
}

// `normal` with `count` banded parts added as labelled training defects (mask = the band).
inline dl::Dataset withLabelledBands(const QTemporaryDir& dir, const dl::Dataset& normal, unsigned count)
{
    dl::Dataset labelled = normal;
    cv::Mat mask = cv::Mat::zeros(128, 128, CV_8UC1);
    mask(cv::Rect(0, 48, 128, 32)).setTo(255);
    const std::string maskPath = (dir.path() + "/band_mask.png").toStdString();
    dl::writeImage(maskPath, mask);
    for (unsigned j = 0; j < count; ++j) {
        dl::Sample s;
        s.path = (dir.path() + QString("/band_%1.png").arg(j)).toStdString();
        dl::writeImage(s.path, bandedPart(100 + j));
        s.maskPath = maskPath;
        s.category = normal.samples.front().category;
        s.label = 1;
        s.split = dl::Split::Train;
        s.defectType = "band";
        labelled.samples.push_back(s);
    }
    return labelled;
}

// A fit of `method` on one dataset.
inline std::unique_ptr<dl::Detector> fitOnDataset(const std::string& method, const dl::Dataset& data,
                                                  const nlohmann::json& params, const dl::ProgressContext& progress = {},
                                                  const std::string& checkpointPath = {}, bool resume = false)
{
    dl::TrainRequest request;
    request.method = method;
    request.params = params;
    request.datasets = {&data};
    request.checkpointPath = checkpointPath;
    request.resume = resume;
    return dl::trainDetector(request, progress);
}

// A fit of `method` on the images of one folder.
inline std::unique_ptr<dl::Detector> fitOnFolder(const std::string& method, const std::string& folder,
                                                 const nlohmann::json& params, const dl::ProgressContext& progress = {},
                                                 const std::string& checkpointPath = {}, bool resume = false)
{
    return fitOnDataset(method, dl::importDataset(folder, {}), params, progress, checkpointPath, resume);
}

// For methods that mix labelled defects into their synthetic anomalies (labelled_share):
// `method` with `params` is fitted on 16 normal parts plus two labelled banded parts with
// labelled_share 0.5 and 0, and on the normal parts alone with 0.5. `record` points into the
// provenance at the mixer's {defects, transplanted, synthetic} (absent without labels).
// Empty when the 0.5 fit records 2 defects and about as many transplanted anomalies as
// synthetic ones, the share-0 fit records none, the band excess over three banded probes is
// above 0.05 and 3x the share-0 fit's (printed), and share 0 equals no labels; else what failed.
inline std::string labelledShareMarksTheBand(const std::string& method, const nlohmann::json& params,
                                             const nlohmann::json::json_pointer& record)
{
    QTemporaryDir dir;
    const dl::Dataset unlabelled = dl::importDataset(writeFolder(dir, "normal", &normalPart, 16), {});
    const dl::Dataset labelled = withLabelledBands(dir, unlabelled, 2);
    auto fit = [&](const dl::Dataset& data, double share) {
        nlohmann::json p = params;
        p["labelled_share"] = share;
        return fitOnDataset(method, data, p);
    };
    auto withLabels = fit(labelled, 0.5);
    auto ignoring = fit(labelled, 0.0);
    const nlohmann::json& mixed = withLabels->info().provenance.at(record);
    const int transplanted = mixed.at("transplanted").get<int>(), synthetic = mixed.at("synthetic").get<int>();
    if (mixed.at("defects").get<int>() != 2 || transplanted <= synthetic / 2 || synthetic <= transplanted / 2)
        return "at labelled_share 0.5: " + mixed.dump();
    if (ignoring->info().provenance.contains(record))
        return "labelled_share 0 recorded labelled anomalies";
    const double gained = overBandedProbes(*withLabels, &bandExcess);
    const double ignored = overBandedProbes(*ignoring, &bandExcess);
    qInfo("%s: band excess over three probes %.4f with the labels, %.4f ignoring them", method.c_str(), gained, ignored);
    if (!(gained > 0.05 && gained > 3.0 * std::max(0.0, ignored)))
        return "band excess with labels " + std::to_string(gained) + ", without " + std::to_string(ignored);
    const cv::Mat probe = bandedPart(203);
    if (!sameMap(ignoring->predict(probe).map, fit(unlabelled, 0.5)->predict(probe).map))
        return "labelled_share 0 differs from a fit without labels";
    return {};
}

// For methods whose trained networks have a fast path (components/FrozenInference):
// the maps of a defective and two normal probes, singly and as a batch, after the
// single-image copy was built on another image, match the op-by-op path within 1e-4
// of their range, and the scores likewise; the timing row `benchmark` prints for the
// networks has both paths and an arithmetic count. Empty when so, else what differed.
inline std::string fastPathDifference(dl::Detector& detector)
{
    const std::vector<cv::Mat> probes{defectivePart(21, cv::Rect(30, 40, 24, 24)), normalPart(22), normalPart(23)};
    dl::setFastInference(true);
    detector.predict(normalPart(24));
    std::vector<dl::Prediction> fast = detector.predictBatch(probes);
    fast.push_back(detector.predict(probes[0]));
    dl::setFastInference(false);
    std::vector<dl::Prediction> plain = detector.predictBatch(probes);
    plain.push_back(detector.predict(probes[0]));
    dl::setFastInference(true);
    for (std::size_t i = 0; i < fast.size(); ++i) {
        double low = 0, high = 0;
        cv::minMaxLoc(plain[i].map, &low, &high);
        const double maxDiff = cv::norm(fast[i].map, plain[i].map, cv::NORM_INF);
        if (!(maxDiff <= 1e-4 * std::max(1e-6, high - low)))
            return "map " + std::to_string(i) + " differs by " + std::to_string(maxDiff);
        if (!(std::abs(fast[i].score - plain[i].score) <= 1e-4f * std::max(1.0f, std::abs(plain[i].score))))
            return "score " + std::to_string(i) + ": " + std::to_string(fast[i].score) + " against "
                   + std::to_string(plain[i].score);
    }
    const std::vector<dl::NetworkTiming> timings = detector.timeTrainedNetworks(2);
    if (timings.size() != 1 || !(timings[0].gflop > 0 && timings[0].fastMs > 0 && timings[0].plainMs > 0))
        return "the networks' timing row is missing or incomplete";
    return {};
}

class NormalPartsFixture {
public:
    explicit NormalPartsFixture(std::string method) : method_(std::move(method)) {}

    // Writes `count` parts; false when the temporary folder cannot be used.
    bool create(unsigned count = 16)
    {
        if (!dir_.isValid() || !QDir().mkpath(dir_.path() + "/normal"))
            return false;
        for (unsigned i = 0; i < count; ++i)
            dl::writeImage((dir_.path() + QString("/normal/part_%1.png").arg(i, 2, 10, QChar('0'))).toStdString(),
                           normalPart(i));
        datasetRoot_ = (dir_.path() + "/normal").toStdString();
        return true;
    }

    // A path in the fixture's temporary folder, for bundles the tests write.
    std::string file(const char* name) const { return (dir_.path() + "/" + name).toStdString(); }

    std::unique_ptr<dl::Detector> train(const nlohmann::json& params, const dl::ProgressContext& progress = {},
                                        const std::string& checkpointPath = {}, bool resume = false) const
    {
        return fitOnFolder(method_, datasetRoot_, params, progress, checkpointPath, resume);
    }

    // A fit of `params` (at least 3 epochs) cancelled once epoch 2 is saved, then
    // continued with resume, ends with the model of an uninterrupted fit: the
    // same map, bit for bit, on a defective probe. `why` says what differed.
    bool resumeGivesTheUninterruptedModel(const nlohmann::json& params, std::string* why) const
    {
        const cv::Mat probe = defectivePart(3, cv::Rect(30, 30, 12, 12));
        const cv::Mat uninterrupted = train(params)->predict(probe).map;
        const std::string checkpoint = file("resume.checkpoint");
        dl::ProgressContext progress;
        progress.cancel = std::make_shared<dl::CancelToken>();
        progress.onProgress = [&](double, const dl::EngineText& stage) {
            if (stage.text.rfind("training epoch 3/", 0) == 0) // epochs 1 and 2 are saved
                progress.cancel->cancel();
        };
        try {
            train(params, progress, checkpoint);
            *why = "the fit was not cancelled";
            return false;
        } catch (const dl::Cancelled&) {
        }
        if (!QFile::exists(QString::fromStdString(checkpoint))) {
            *why = "no checkpoint was left";
            return false;
        }
        auto resumed = train(params, {}, checkpoint, true);
        const nlohmann::json record = resumed->info().provenance.at(method_);
        if (record.value("resumed_after_epoch", 0) != 2) {
            *why = "not resumed after epoch 2: " + record.dump();
            return false;
        }
        if (!sameMap(uninterrupted, resumed->predict(probe).map)) {
            *why = "the resumed model scores differently";
            return false;
        }
        return true;
    }

    // The model trained with `params` on first use, reloaded from its bundle afterwards.
    std::unique_ptr<dl::Detector> sharedModel(const nlohmann::json& params)
    {
        if (modelPath_.empty()) {
            auto trained = train(params);
            modelPath_ = file("shared.dlm");
            dl::saveDetector(*trained, modelPath_);
        }
        return dl::loadDetector(modelPath_);
    }

    // True when two fits with `params` give the same map on a defective probe and, when
    // `otherSeedDiffers`, a fit with seed 7 gives another one.
    bool seedDecidesTheModel(const nlohmann::json& params, bool otherSeedDiffers = true) const
    {
        const cv::Mat probe = defectivePart(3, cv::Rect(30, 30, 12, 12));
        const cv::Mat first = train(params)->predict(probe).map;
        if (!sameMap(first, train(params)->predict(probe).map))
            return false;
        if (!otherSeedDiffers)
            return true;
        nlohmann::json other = params;
        other["seed"] = 7;
        return !sameMap(first, train(other)->predict(probe).map);
    }

    // How often a fit with `params` reported each per-epoch metric by name; a
    // non-finite value is counted under "non-finite".
    std::map<std::string, int> metricCounts(const nlohmann::json& params) const
    {
        std::map<std::string, int> counts;
        dl::ProgressContext progress;
        progress.onMetric = [&](const std::string& name, int, double value) {
            ++counts[std::isfinite(value) ? name : std::string("non-finite")];
        };
        train(params, progress);
        return counts;
    }

    // True when a fit with a budget of a few milliseconds finishes exactly one epoch
    // and says the budget stopped it.
    bool stopsAfterOneEpochUnderTinyBudget(const nlohmann::json& params) const
    {
        const nlohmann::json record = provenanceUnderTinyBudget(params);
        return record.at("epochs_run").get<int>() == 1 && record.at("stopped_by").get<std::string>() == "time budget";
    }

    // Provenance of a fit with a time budget of a few milliseconds (max_minutes);
    // such a fit still finishes one epoch, then stops.
    nlohmann::json provenanceUnderTinyBudget(nlohmann::json params) const
    {
        params["max_minutes"] = 0.0001;
        return train(params)->info().provenance.at(method_);
    }

    // True when a fit cancelled as soon as its training stage starts throws
    // dl::Cancelled (and the stage was reached).
    bool cancelsOnceTrainingStarts(const nlohmann::json& params) const
    {
        dl::ProgressContext progress;
        progress.cancel = std::make_shared<dl::CancelToken>();
        bool trainingSeen = false;
        progress.onProgress = [&](double, const dl::EngineText& stage) {
            if (stage.text.rfind("training", 0) == 0) {
                trainingSeen = true;
                progress.cancel->cancel();
            }
        };
        try {
            train(params, progress);
        } catch (const dl::Cancelled&) {
            return trainingSeen;
        }
        return false;
    }

private:
    std::string method_;
    QTemporaryDir dir_;
    std::string datasetRoot_;
    std::string modelPath_;
};

} // namespace dltest
