// Defect transplanting: a labelled defect pasted onto another normal image. The
// defect's mask moves with it, the base stays untouched away from it, border defects
// stay on their border, the brightness follows the destination, and a seed repeats.
// Labelled defects load at a model's working size; one whose mask vanishes there is left
// out, an unreadable one is an error naming the file. Mixed into a method's own
// anomalies, they replace the share asked for, only in their own category, and a
// category without labels draws nothing from the generator.
#include "ErrorMessage.h"
#include "common/Error.h"
#include "data/ImageIO.h"
#include "synthesis/DefectTransplant.h"

#include <QTemporaryDir>
#include <QtTest>

#include <opencv2/imgproc.hpp>

#include <set>

namespace {

cv::Mat flatImage(int value) { return cv::Mat(64, 64, CV_8UC3, cv::Scalar::all(value)); }

// A dark disc on a mid-grey image and its mask.
std::pair<cv::Mat, cv::Mat> discDefect(cv::Point centre, int radius, int background = 120, int defect = 20)
{
    cv::Mat image = flatImage(background), mask = cv::Mat::zeros(64, 64, CV_8UC1);
    cv::circle(image, centre, radius, cv::Scalar::all(defect), cv::FILLED);
    cv::circle(mask, centre, radius, cv::Scalar(255), cv::FILLED);
    return {image, mask};
}

} // namespace

class TestDefectTransplant : public QObject {
    Q_OBJECT
private slots:
    void maskMovesWithTheDefectAndTheRestStays()
    {
        auto [defect, mask] = discDefect({20, 30}, 5);
        const cv::Mat base = flatImage(200);
        std::mt19937 rng(3);
        const dl::TransplantedDefect t = dl::transplantDefect(base, defect, mask, rng);
        QCOMPARE(t.image.size(), base.size());
        QCOMPARE(cv::countNonZero(t.mask), cv::countNonZero(mask)); // flips and moves keep the area
        // Under the new mask the defect is darker than the base by its own contrast
        // (100 below its surroundings), wherever it landed.
        const double inside = cv::mean(t.image, t.mask)[0];
        QVERIFY2(std::abs(inside - (200 - 100)) < 6, qPrintable(QString::number(inside)));
        // Away from the mask (beyond the feathered edge) the base is untouched.
        cv::Mat near;
        cv::dilate(t.mask, near, cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(11, 11)));
        cv::Mat diff;
        cv::absdiff(t.image, base, diff);
        cv::cvtColor(diff, diff, cv::COLOR_RGB2GRAY);
        QCOMPARE(cv::countNonZero(diff & ~near), 0);
    }

    void borderDefectsStayOnTheirBorder()
    {
        // A break along the top edge: after any flip it touches the top or the bottom edge.
        cv::Mat defect = flatImage(120), mask = cv::Mat::zeros(64, 64, CV_8UC1);
        cv::rectangle(defect, cv::Rect(10, 0, 30, 6), cv::Scalar::all(0), cv::FILLED);
        cv::rectangle(mask, cv::Rect(10, 0, 30, 6), cv::Scalar(255), cv::FILLED);
        for (unsigned seed = 0; seed < 8; ++seed) {
            std::mt19937 rng(seed);
            const cv::Rect box = cv::boundingRect(dl::transplantDefect(flatImage(120), defect, mask, rng).mask);
            QVERIFY2(box.y == 0 || box.y + box.height == 64, qPrintable(QString("seed %1: y %2 h %3").arg(seed).arg(box.y).arg(box.height)));
        }
    }

    void sameSeedSameTransplantOtherSeedsMove()
    {
        auto [defect, mask] = discDefect({32, 32}, 4);
        std::mt19937 a(11), b(11);
        const auto first = dl::transplantDefect(flatImage(150), defect, mask, a);
        const auto again = dl::transplantDefect(flatImage(150), defect, mask, b);
        QCOMPARE(cv::norm(first.image, again.image, cv::NORM_INF), 0.0);
        std::set<std::pair<int, int>> places;
        for (unsigned seed = 0; seed < 10; ++seed) {
            std::mt19937 rng(seed);
            const cv::Rect box = cv::boundingRect(dl::transplantDefect(flatImage(150), defect, mask, rng).mask);
            places.insert({box.x, box.y});
        }
        QVERIFY(places.size() > 5);
    }

    void emptyMaskLeavesTheBaseAndBadInputIsRefused()
    {
        const cv::Mat base = flatImage(90);
        std::mt19937 rng(1);
        const auto t = dl::transplantDefect(base, flatImage(10), cv::Mat::zeros(64, 64, CV_8UC1), rng);
        QCOMPARE(cv::norm(t.image, base, cv::NORM_INF), 0.0);
        QCOMPARE(cv::countNonZero(t.mask), 0);
        QVERIFY_EXCEPTION_THROWN(dl::transplantDefect(base, cv::Mat(32, 32, CV_8UC3), cv::Mat::zeros(32, 32, CV_8UC1), rng),
                                 dl::Error);
        QVERIFY_EXCEPTION_THROWN(dl::transplantDefect(base, flatImage(10), cv::Mat::zeros(64, 64, CV_32F), rng), dl::Error);
    }

    void labelledDefectsLoadAtTheWorkingSize()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const auto file = [&](const char* name) { return (dir.path() + "/" + name).toStdString(); };
        auto [defect, mask] = discDefect({32, 32}, 8);
        dl::writeImage(file("disc.png"), defect);
        dl::writeImage(file("disc_mask.png"), mask);
        cv::Mat speck = cv::Mat::zeros(64, 64, CV_8UC1); // one pixel: gone at 16 px
        speck.at<uchar>(1, 1) = 255;
        dl::writeImage(file("speck_mask.png"), speck);
        const auto sample = [&](const char* image, const char* maskFile, const char* category) {
            dl::Sample s;
            s.path = file(image);
            s.maskPath = file(maskFile);
            s.category = category;
            s.label = 1;
            return s;
        };
        dl::PreprocessSpec preprocess;
        preprocess.width = preprocess.height = 16;
        const dl::WorkingSizeDefects loaded = dl::loadWorkingSizeDefects(
            {sample("disc.png", "disc_mask.png", "tile"), sample("disc.png", "speck_mask.png", "tile"),
             sample("disc.png", "disc_mask.png", "bottle")},
            preprocess, "realnet", {});
        QCOMPARE(loaded.size(), std::size_t(2)); // the speck is left out
        QCOMPARE(loaded.rgb[0].size(), cv::Size(16, 16));
        QCOMPARE(loaded.mask[0].size(), cv::Size(16, 16));
        QVERIFY(cv::countNonZero(loaded.mask[0]) > 0);
        QCOMPARE(loaded.category, (std::vector<std::string>{"tile", "bottle"}));
        const std::string message = dltest::errorMessageOf(
            [&] { dl::loadWorkingSizeDefects({sample("missing.png", "disc_mask.png", "tile")}, preprocess, "cse", {}); });
        QVERIFY2(message.find("missing.png") != std::string::npos, message.c_str());
    }

    void labelledTransplantsReplaceTheirShareOfTheAnomalies()
    {
        auto [defect, mask] = discDefect({32, 32}, 8);
        dl::WorkingSizeDefects labelled;
        labelled.rgb = {defect};
        labelled.mask = {mask};
        labelled.category = {"tile"};
        dl::LabelledTransplants mix(labelled, 0.5);
        QVERIFY(!mix.empty());
        const cv::Mat base = flatImage(120);
        int ownCalls = 0;
        const auto own = [&] {
            ++ownCalls;
            return dl::SyntheticAnomaly{base.clone(), cv::Mat(64, 64, CV_8UC1, cv::Scalar(255)), dl::DefectKind::Structural};
        };
        // A category without labels: the method's own anomaly, and no draw from the stream.
        std::mt19937 rng(7), untouched(7);
        QCOMPARE(int(mix.make(base, "bottle", rng, own).kind), int(dl::DefectKind::Structural));
        QCOMPARE(rng(), untouched());
        ownCalls = 0;
        int transplanted = 0;
        for (int i = 0; i < 200; ++i) {
            const dl::SyntheticAnomaly a = mix.make(base, "tile", rng, own);
            if (a.kind == dl::DefectKind::Transplanted) {
                ++transplanted;
                QCOMPARE(cv::countNonZero(a.mask), cv::countNonZero(mask)); // the disc, moved
            }
        }
        QVERIFY2(transplanted > 70 && transplanted < 130, qPrintable(QString::number(transplanted)));
        QCOMPARE(ownCalls, 200 - transplanted);
        const nlohmann::json record = mix.describe();
        QCOMPARE(record.at("defects").get<int>(), 1);
        QCOMPARE(record.at("labelled_share").get<double>(), 0.5);
        QCOMPARE(record.at("transplanted").get<int>(), transplanted);
        QCOMPARE(record.at("synthetic").get<int>(), 201 - transplanted); // the bottle one too
        // No labels, or share 0: nothing to mix in.
        QVERIFY(dl::LabelledTransplants().empty());
        QVERIFY(dl::LabelledTransplants().describe().is_null());
        QVERIFY(dl::LabelledTransplants::load({}, 0.5, {}, "stlm", {}).empty());
    }
};

QTEST_APPLESS_MAIN(TestDefectTransplant)
#include "tst_defecttransplant.moc"
