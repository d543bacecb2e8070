// "Label next" ranking: operator overrides first, then the images whose score is
// nearest the threshold; with RankBy::ThresholdAndBanks the banks' disagreement
// joins by rank sum where the method reports one, and changes nothing where it
// does not. A scripted detector reads each image's score and disagreement from
// its pixels, so the expected orders can be worked out by hand.
#include "common/Error.h"
#include "engine/LabelRanking.h"

#include <QTemporaryDir>
#include <QtTest>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <cmath>

namespace {

// Score = red / 10, disagreement = green / 100 (blue 1: no disagreement).
class ScriptedDetector : public dl::Detector {
public:
    ScriptedDetector()
    {
        info_.method = "scripted";
        info_.threshold = 10.0;
        info_.normalisation = {{"image_score_std", 2.0}};
    }
    std::string method() const override { return "scripted"; }
    void fit(const dl::FitInput&, const dl::ProgressContext&) override {}
    dl::Prediction predict(const cv::Mat& rgb8) override
    {
        const cv::Vec3b pixel = rgb8.at<cv::Vec3b>(0, 0);
        dl::Prediction p;
        p.score = float(pixel[0]) / 10.0f;
        if (pixel[2] == 0)
            p.bankDisagreement = float(pixel[1]) / 100.0f;
        return p;
    }
    void save(dl::ModelBundle&) const override {}
    void load(const dl::ModelBundle&) override {}
};

struct Image {
    std::string name;
    int red = 0;   // score × 10
    int green = 0; // disagreement × 100
    bool hasDisagreement = true;
};

class Pool {
public:
    explicit Pool(const std::vector<Image>& images)
    {
        for (const Image& image : images) {
            dl::Sample s;
            s.path = (dir_.path() + QLatin1Char('/') + QString::fromStdString(image.name) + ".png").toStdString();
            s.relativePath = image.name + ".png";
            const cv::Mat rgb(4, 4, CV_8UC3, cv::Scalar(image.red, image.green, image.hasDisagreement ? 0 : 1));
            cv::Mat bgr;
            cv::cvtColor(rgb, bgr, cv::COLOR_RGB2BGR);
            cv::imwrite(s.path, bgr);
            samples_.push_back(s);
        }
        for (const dl::Sample& s : samples_)
            pointers_.push_back(&s);
    }
    const std::vector<const dl::Sample*>& samples() const { return pointers_; }
    std::string path(const std::string& name) const
    {
        return (dir_.path() + QLatin1Char('/') + QString::fromStdString(name) + ".png").toStdString();
    }

private:
    QTemporaryDir dir_;
    std::vector<dl::Sample> samples_;
    std::vector<const dl::Sample*> pointers_;
};

std::vector<std::string> order(const std::vector<dl::LabelCandidate>& ranked)
{
    std::vector<std::string> names;
    for (const dl::LabelCandidate& c : ranked)
        names.push_back(c.sample->relativePath.substr(0, c.sample->relativePath.size() - 4));
    return names;
}

using Names = std::vector<std::string>;

} // namespace

class TestLabelRanking : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void overridesFirstThenNearestTheThreshold()
    {
        // threshold 10, spread 2: distances a 2.5, b 0.5, c 1.0, d 5.0
        Pool pool({{"a", 150, 10}, {"b", 110, 90}, {"c", 80, 50}, {"d", 200, 99}});
        ScriptedDetector detector;
        const auto ranked = dl::rankForLabelling(detector, pool.samples(), {pool.path("d")}, {});
        QCOMPARE(order(ranked), (Names{"d", "b", "c", "a"}));
        QVERIFY(ranked[0].overridden);
        QCOMPARE(ranked[1].distance, 0.5);
        QCOMPARE(ranked[1].bankDisagreement, double(0.9f));
    }

    void banksJoinByRankSum()
    {
        // Threshold places (distances 0.5, 1.0, 1.25, 2.5): b 0, c 1, e 2, a 3.
        // Disagreement places: e 0 (0.95), a 1 (0.6), c 2 (0.3), b 3 (0.1).
        // Sums: e 2, b 3, c 3, a 4.
        Pool pool({{"a", 150, 60}, {"b", 110, 10}, {"c", 80, 30}, {"e", 125, 95}});
        ScriptedDetector detector;
        QCOMPARE(order(dl::rankForLabelling(detector, pool.samples(), {}, {})), (Names{"b", "c", "e", "a"}));
        // Equal sums keep the threshold order (b before c).
        QCOMPARE(order(dl::rankForLabelling(detector, pool.samples(), {}, {}, dl::RankBy::ThresholdAndBanks)),
                 (Names{"e", "b", "c", "a"}));
    }

    void overridesStayFirstWithBanks()
    {
        Pool pool({{"a", 150, 60}, {"b", 110, 10}, {"c", 80, 30}, {"e", 125, 95}});
        ScriptedDetector detector;
        const auto ranked =
            dl::rankForLabelling(detector, pool.samples(), {pool.path("a")}, {}, dl::RankBy::ThresholdAndBanks);
        QCOMPARE(ranked.front().sample->path, pool.path("a"));
    }

    void methodWithoutBanksKeepsTheThresholdOrder()
    {
        Pool pool({{"a", 150, 0, false}, {"b", 110, 0, false}, {"c", 80, 0, false}, {"d", 300, 0, false}});
        ScriptedDetector detector;
        const auto plain = dl::rankForLabelling(detector, pool.samples(), {}, {});
        const auto banks = dl::rankForLabelling(detector, pool.samples(), {}, {}, dl::RankBy::ThresholdAndBanks);
        QCOMPARE(order(banks), order(plain));
        QVERIFY(std::isnan(banks.front().bankDisagreement));
    }

    void rankingNamesAreChecked()
    {
        QVERIFY(dl::parseRankBy("threshold") == dl::RankBy::Threshold);
        QVERIFY(dl::parseRankBy("threshold+banks") == dl::RankBy::ThresholdAndBanks);
        QCOMPARE(dl::rankByName(dl::RankBy::ThresholdAndBanks), std::string("threshold+banks"));
        try {
            dl::parseRankBy("banks");
            QFAIL("a misspelt ranking was accepted");
        } catch (const dl::Error& e) {
            QVERIFY(std::string(e.what()).find("threshold+banks") != std::string::npos);
        }
    }
};

QTEST_GUILESS_MAIN(TestLabelRanking)
#include "tst_labelranking.moc"
