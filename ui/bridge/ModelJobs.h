#pragma once
// What the GUI asks EngineBridge to train or evaluate, and what comes back.
// Plain values, torch-free; the work itself runs on EngineBridge's model lane.
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
    QString parentModelPath;       // warm start (retrain) from this bundle; empty = none
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

struct CategoryCurve {
    QString category;
    QVector<QPointF> roc;          // image ROC: (FPR, TPR)
    QVector<QPointF> pro;          // pixel PRO: (FPR, PRO) up to FPR 0.3
};

// One category's metrics from an evaluation (the engine's per-category report).
struct CategoryScores {
    QString category;
    double imageAuroc = -1, pixelAuroc = -1, aupro = -1, f1Max = -1, ap = -1; // -1: undefined
    int images = 0;
};

struct ModelEvaluation {
    QString bundlePath;
    QString tag;
    qint64 modelId = 0;            // database row of the model, when known
    double imageAuroc = -1, pixelAuroc = -1, aupro = -1, f1Max = -1, ap = -1; // -1: undefined
    int images = 0;
    double threshold = 0.0;
    QList<CategoryCurve> curves;   // every category's curves, in the engine's order
    QList<CategoryScores> categoryScores; // every category's metrics; the fields above are their mean
};

} // namespace dl::ui

Q_DECLARE_METATYPE(dl::ui::TrainedModel)
Q_DECLARE_METATYPE(dl::ui::ModelEvaluation)
