// Model lookups and metric updates used by training in the CLI and the GUI:
// find a model by its bundle checksum, merge evaluation metrics into its row.
#include "StoreTestSupport.h"

#include "database/Store.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace dl::db;

class TestStoreModels : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    Store store_;

private slots:
    void initTestCase()
    {
        QVERIFY(dir_.isValid());
        store_.open(dir_.path() + QStringLiteral("/models.sqlite"));
    }

    void findsTheNewestModelByChecksum()
    {
        const QString checksum = test::sha256Of("bundle");
        ModelRecord model;
        model.method = QStringLiteral("dmad");
        model.bundlePath = QStringLiteral("/models/a.dlm");
        model.bundleChecksum = checksum;
        store_.addModel(model);
        model.bundlePath = QStringLiteral("/models/a-copy.dlm");
        const ModelRecord newer = store_.addModel(model);
        const std::optional<ModelRecord> found = store_.findModelByChecksum(checksum.toUpper());
        QVERIFY(found);
        QCOMPARE(found->id, newer.id);
        QVERIFY(!store_.findModelByChecksum(test::sha256Of("other")));
        QVERIFY(!store_.findModelByChecksum(QString()));
    }

    void mergesMetricsKeepingOtherKeys()
    {
        ModelRecord model;
        model.method = QStringLiteral("patchcore");
        model.bundlePath = QStringLiteral("/models/b.dlm");
        model.metrics = QJsonObject{{"threshold", 1.5}, {"image_auroc", 0.5}};
        const RowId id = store_.addModel(model).id;
        store_.mergeModelMetrics(id, QJsonObject{{"image_auroc", 0.9}, {"aupro", 0.8}});
        const QJsonObject metrics = store_.model(id)->metrics;
        QCOMPARE(metrics.value("threshold").toDouble(), 1.5);
        QCOMPARE(metrics.value("image_auroc").toDouble(), 0.9);
        QCOMPARE(metrics.value("aupro").toDouble(), 0.8);
        try {
            store_.mergeModelMetrics(id + 1000, QJsonObject{{"aupro", 0.1}});
            QFAIL("merging into a missing model must fail");
        } catch (const DatabaseError& e) {
            QCOMPARE(e.reason(), DatabaseError::Reason::NotFound);
        }
    }
};

QTEST_MAIN(TestStoreModels)
#include "tst_store_models.moc"
