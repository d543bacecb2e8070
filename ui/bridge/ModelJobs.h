#pragma once
// What the GUI asks EngineBridge to train or evaluate, and what comes back.
// Plain values, torch-free; the work itself runs on EngineBridge's model lane.
#include <QImage>
#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QPointF>
#include <QString>
#include <QStringList>
#include <QVector>

#include <memory>
#include <vector>

namespace dl {
struct Dataset;
}

namespace dl::ui {

// A training job. The new bundle is written atomically to `outputPath` (a new
// file), so cancelling or failing never touches an existing model.
struct TrainSpec {
    QString method = QStringLiteral("patchcore");
    std::vector<std::shared_ptr<const Dataset>> datasets; // already imported
    QStringList categories;        // train on these categories only; empty = all
    bool unified = false;          // one model over several categories
    QJsonObject params;            // overrides of the method's default parameters
    QString parentModelPath;       // the model this retrains (recorded as its parent); empty = none
    bool warmStartFromParent = true; // reuse what the method can of the parent (DMAD's normal bank); false:
                                     // train anew (a method that learns from labels but reuses nothing)
    bool inheritParentParameters = false; // start from the parent's parameters; `params` override them
    bool labelsFromDatabase = false; // annotations in the database become labelled defects
    QString databasePath;          // where the run and the model are recorded; empty = nowhere
    QString outputPath;            // the new .dlm file
    QString weightsPath;           // backbone weights; empty = the engine's default search
};

struct TrainedModel {
    QString bundlePath;
    QString checksum;              // SHA-256 of the bundle
    QString method;
    QStringList categories;
    qint64 modelId = 0;            // database row; 0 when not recorded
    qint64 parentModelId = 0;      // 0 when none
    double threshold = 0.0;
    double seconds = 0.0;
    int labelledDefects = 0;       // images labelled from database annotations
    // SDAS (method "sdas", a synthesis model, no threshold): iterations in total and
    // the checkpoint's iteration this training resumed from (0: started afresh).
    int iterations = 0;
    int resumedFrom = 0;
};

// Evaluates a bundle on the test split of the datasets (the same selection and
// database labels as a training job, so that old and new models meet the same images).
struct EvaluateSpec {
    QString bundlePath;
    std::vector<std::shared_ptr<const Dataset>> datasets;
    QStringList categories;        // empty = all
    bool labelsFromDatabase = false; // annotated images leave the test split, as in training
    QString databasePath;          // records a test run and its results; empty = nowhere
    QString weightsPath;
    QString tag;                   // free label handed back (e.g. "before" / "after")
};

// Scores images with a model bundle and records every result in the database, so
// that the operator's results table shows them: a folder of image files (a
// predict run) or the test split of the loaded datasets (a test run, with
// metrics where the images are labelled). A heatmap overlay of each image is
// written under `heatmapFolder` and recorded with its result.
struct InspectSpec {
    QString bundlePath;
    QString folder;                // the image files below it; empty: the datasets' test split
    std::vector<std::shared_ptr<const Dataset>> datasets; // for the test split
    QStringList categories;        // empty = all
    QString databasePath;          // where the run and its results are recorded
    QString weightsPath;
    QString heatmapFolder;         // overlays are written below it; empty: none
};

struct InspectionSummary {
    QString source;                // the folder, or the datasets' roots
    bool testSplit = false;
    int images = 0;                // scored
    int defects = 0;               // model verdicts "defect"
    int failed = 0;                // files that could not be scored (folder inspections)
    QString heatmapFolder;         // where this inspection's overlays went; empty: none
    double imageAuroc = -1;        // test split with labels; -1: undefined
    double seconds = 0.0;
};

// Cross-validates a model's normal training scores for choosing its threshold by
// a target false-reject rate (workflow::studyThreshold), on the datasets loaded.
struct ThresholdStudySpec {
    QString bundlePath;
    std::vector<std::shared_ptr<const Dataset>> datasets;
    QStringList categories;        // empty = all
    QString weightsPath;
    int folds = 5;
};

struct ThresholdStudyResult {
    QString bundlePath;
    QString method;
    double currentThreshold = 0.0;
    QString currentSource;
    int folds = 0;
    QVector<double> normalScores;     // cross-validated normal training scores, ascending
    QVector<double> testNormalScores; // the model's scores of the test split
    QVector<double> testDefectScores;
};

// Saves a copy of a model with a chosen threshold and records it as the model's child.
struct ThresholdApplySpec {
    QString bundlePath;
    QString outputPath;
    QString databasePath;          // empty: not recorded
    double threshold = 0.0;
    double target = 0.01;
    double estimatedRate = 0.0, low = 0.0, high = 0.0;
    int rejected = 0, normalImages = 0, folds = 0;
};

struct CategoryCurve {
    QString category;
    QVector<QPointF> roc;          // image ROC: (FPR, TPR)
    QVector<QPointF> pro;          // pixel PRO: (FPR, PRO) up to FPR 0.3
};

// One defect type of a category, against the category's good images.
struct DefectTypeScores {
    QString defectType;
    double imageAuroc = -1, pixelAuroc = -1, aupro = -1; // -1: undefined
    double defectPixelShare = -1; // the type's share of the category's defect pixels
    int images = 0;               // defect images of this type
    double pixelAurocWithinImages = -1; // its defect pixels against the rest of its own images
};

// One category's metrics from an evaluation (the engine's per-category report).
struct CategoryScores {
    QString category;
    double imageAuroc = -1, pixelAuroc = -1, aupro = -1, f1Max = -1, ap = -1; // -1: undefined
    int images = 0;
    QList<DefectTypeScores> defectTypes; // empty unless the category has two or more defect types
};

struct ModelEvaluation {
    QString bundlePath;
    QString tag;
    qint64 modelId = 0;            // database row of the model, when known
    double imageAuroc = -1, pixelAuroc = -1, aupro = -1, f1Max = -1, ap = -1; // -1: undefined
    int images = 0;
    double threshold = 0.0;
    QString method;                // the model's method: thresholds compare only within one
    QList<CategoryCurve> curves;   // every category's curves, in the engine's order
    QList<CategoryScores> categoryScores; // every category's metrics; the fields above are their mean
};

// Images generated by an SDAS model for the synthesis preview, all at one strength.
struct SynthesisRequest {
    QString modelPath;             // the SDAS bundle (.dlm)
    int count = 8;
    double strength = 0.15;        // the anomaly strength s of every image
    unsigned seed = 0;             // the same seed and strength give the same images
    QString category;              // empty: the model's first category
    int steps = 0;                 // respaced sampling steps; 0: the model's own
};

struct SynthesisResult {
    SynthesisRequest request;
    QList<QImage> images;          // RGB, at the model's resolution
    QStringList categories;        // the model's categories
    int resolution = 0;
    double seconds = 0.0;          // generation time (loading aside)
};

// "Label next": the dataset's test images not yet annotated, ranked by how much
// a label would teach the model (engine/LabelRanking.h).
struct LabelQueueSpec {
    QString bundlePath;
    std::shared_ptr<const Dataset> dataset;
    QString databasePath;          // annotations (already labelled) and operator overrides; may be empty
    QString weightsPath;
};

struct LabelQueueEntry {
    QString imagePath;
    QString relativePath;
    double score = 0.0;
    double distance = 0.0;         // from the threshold, in spreads of normal scores
    bool overridden = false;       // an operator changed the model's verdict on it
};

struct LabelQueue {
    QString bundlePath;
    double threshold = 0.0;
    int alreadyAnnotated = 0;      // left out: labelled before
    std::vector<LabelQueueEntry> entries; // most useful first
};

} // namespace dl::ui

Q_DECLARE_METATYPE(dl::ui::LabelQueue)
Q_DECLARE_METATYPE(dl::ui::TrainedModel)
Q_DECLARE_METATYPE(dl::ui::SynthesisRequest)
Q_DECLARE_METATYPE(dl::ui::SynthesisResult)
Q_DECLARE_METATYPE(dl::ui::ModelEvaluation)
Q_DECLARE_METATYPE(dl::ui::InspectionSummary)
Q_DECLARE_METATYPE(dl::ui::ThresholdStudyResult)
