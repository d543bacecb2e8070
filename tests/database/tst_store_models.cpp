// Model lookups and metric updates used by training in the CLI and the GUI:
// find a model by its bundle checksum, merge evaluation metrics into its row,
// promote a model into use and read the active one back.
#include "StoreTestSupport.h"

#include "database/Store.h"

#include <QFile>
#include <QFileInfo>
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
        const QString problem = test::TestDatabases::instance().problem();
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        store_.open(test::TestDatabases::instance().create(QStringLiteral("models")));
    }

    void cleanupTestCase()
    {
        store_.close();
        test::TestDatabases::instance().shutdown();
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

    void promotionsNameTheActiveModelAndKeepTheirHistory()
    {
        const QString path = test::TestDatabases::instance().create(QStringLiteral("promotions"));
        Store store;
        store.open(path);
        QVERIFY(!store.activeModel()); // nothing promoted yet
        ModelRecord model;
        model.method = QStringLiteral("dmad");
        model.bundlePath = QStringLiteral("/models/first.dlm");
        const RowId first = store.addModel(model).id;
        model.bundlePath = QStringLiteral("/models/second.dlm");
        const RowId second = store.addModel(model).id;
        QVERIFY(!store.activeModel()); // adding a model does not put it into use

        const ModelPromotionRecord p1 = store.promoteModel(first, QStringLiteral("ana"), QStringLiteral("baseline"));
        QCOMPARE(p1.modelId, first);
        QCOMPARE(store.activeModel()->id, first);
        store.promoteModel(second, QStringLiteral("ben"), QStringLiteral("AU-PRO 0.73 -> 0.76"));
        QCOMPARE(store.activeModel()->bundlePath, QStringLiteral("/models/second.dlm"));

        const std::vector<ModelPromotionRecord> history = store.promotionHistory();
        QCOMPARE(history.size(), std::size_t(2));
        QCOMPARE(history[0].modelId, second); // newest first
        QCOMPARE(history[0].user, QStringLiteral("ben"));
        QCOMPARE(history[0].reason, QStringLiteral("AU-PRO 0.73 -> 0.76"));
        QCOMPARE(history[1].user, QStringLiteral("ana"));
        QVERIFY(history[0].createdAt.isValid());

        try {
            store.promoteModel(second + 100, QStringLiteral("ben"));
            QFAIL("promoting a missing model must fail");
        } catch (const DatabaseError& e) {
            QCOMPARE(e.reason(), DatabaseError::Reason::NotFound);
        }
        try {
            store.promoteModel(first, QString());
            QFAIL("a promotion without a user name must fail");
        } catch (const DatabaseError& e) {
            QCOMPARE(e.reason(), DatabaseError::Reason::InvalidArgument);
        }
        QCOMPARE(store.promotionHistory().size(), std::size_t(2)); // failed calls stored nothing
        store.close();

        // Deleting the active model falls back to the one promoted before it.
        {
            test::RawConnection raw(path);
            if (!test::TestDatabases::onPostgres())
                QVERIFY(raw.exec(QStringLiteral("PRAGMA foreign_keys = ON")));
            QVERIFY(raw.exec(QStringLiteral("DELETE FROM models WHERE id = %1").arg(second)));
        }
        store.open(path);
        QCOMPARE(store.activeModel()->id, first);
        QCOMPARE(store.promotionHistory().size(), std::size_t(1));
    }

    // A promoted model's bundle is stored in the database, so a station without
    // the file (or with another file under that name) loads the same bytes.
    void aPromotedBundleTravelsInTheDatabase()
    {
        QTemporaryDir dir;
        Store store;
        store.open(test::TestDatabases::instance().create(QStringLiteral("bundles")));
        const QString bundlePath = dir.path() + QStringLiteral("/model.dlm");
        const QByteArray bytes = QByteArray("DLMB") + QByteArray(200000, 'x') + QByteArray("end");
        {
            QFile f(bundlePath);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(bytes);
        }
        ModelRecord model;
        model.method = QStringLiteral("patchcore");
        model.bundlePath = bundlePath;
        model = store.addModel(model);
        QVERIFY(!store.hasModelBundle(model.id));
        QCOMPARE(store.bundleFileForModel(model), bundlePath); // nothing stored: the file as recorded

        const ModelPromotionRecord promotion = store.promoteModel(model.id, QStringLiteral("engineer"));
        QVERIFY(promotion.bundleInDatabase);
        QVERIFY(store.hasModelBundle(model.id));
        const QString cache = dir.path() + QStringLiteral("/cache");
        QCOMPARE(store.bundleFileForModel(model, cache), bundlePath); // the file holds the stored bytes

        // The file is gone (another station): a copy from the database, fetched once.
        QVERIFY(QFile::remove(bundlePath));
        const QString cached = store.bundleFileForModel(model, cache);
        QVERIFY(cached.startsWith(cache + QLatin1Char('/')));
        QFile copy(cached);
        QVERIFY(copy.open(QIODevice::ReadOnly));
        QCOMPARE(copy.readAll(), bytes);
        copy.close();
        const QDateTime fetched = QFileInfo(cached).lastModified();
        QTest::qWait(20);
        QCOMPARE(store.bundleFileForModel(model, cache), cached);
        QCOMPARE(QFileInfo(cached).lastModified(), fetched); // not written again

        // Another file under the recorded name, or a damaged cache: the stored bytes win.
        {
            QFile f(bundlePath);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("someone else's model");
        }
        {
            QFile f(cached);
            QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
            f.write("damaged");
        }
        QCOMPARE(store.bundleFileForModel(model, cache), cached);
        QVERIFY(copy.open(QIODevice::ReadOnly));
        QCOMPARE(copy.readAll(), bytes);

        // A promotion whose file cannot be read says so; the promotion itself stands.
        ModelRecord missing;
        missing.method = QStringLiteral("patchcore");
        missing.bundlePath = dir.path() + QStringLiteral("/nowhere.dlm");
        missing = store.addModel(missing);
        const ModelPromotionRecord second = store.promoteModel(missing.id, QStringLiteral("engineer"));
        QVERIFY(!second.bundleInDatabase);
        QCOMPARE(store.activeModel()->id, missing.id);
        QCOMPARE(store.bundleFileForModel(missing, cache), missing.bundlePath);
    }

    void mergesMetricsKeepingOtherKeys()
    {
        ModelRecord model;
        model.method = QStringLiteral("patchcore");
        model.bundlePath = QStringLiteral("/models/b.dlm");
        model.metrics = {{"threshold", 1.5}, {"image_auroc", 0.5}};
        const RowId id = store_.addModel(model).id;
        store_.mergeModelMetrics(id, {{"image_auroc", 0.9}, {"aupro", 0.8}});
        const nlohmann::json metrics = store_.model(id)->metrics;
        QCOMPARE(metrics.value("threshold", 0.0), 1.5);
        QCOMPARE(metrics.value("image_auroc", 0.0), 0.9);
        QCOMPARE(metrics.value("aupro", 0.0), 0.8);
        try {
            store_.mergeModelMetrics(id + 1000, {{"aupro", 0.1}});
            QFAIL("merging into a missing model must fail");
        } catch (const DatabaseError& e) {
            QCOMPARE(e.reason(), DatabaseError::Reason::NotFound);
        }
    }

    void readsJsonMembersWithoutThrowing()
    {
        const nlohmann::json metrics{{"threshold", 2}, {"image_auroc", nullptr}, {"model", "/m/a.dlm"}};
        QCOMPARE(numberAt(metrics, "threshold"), std::optional<double>(2.0));
        QVERIFY(!numberAt(metrics, "image_auroc")); // null: undefined metric
        QVERIFY(!numberAt(metrics, "model"));
        QVERIFY(!numberAt(metrics, "missing"));
        QVERIFY(!numberAt(nlohmann::json::array({1}), "threshold"));
        QCOMPARE(textAt(metrics, "model"), QStringLiteral("/m/a.dlm"));
        QVERIFY(textAt(metrics, "threshold").isEmpty());
        QVERIFY(textAt(nlohmann::json(), "model").isEmpty());
    }
};

QTEST_MAIN(TestStoreModels)
#include "tst_store_models.moc"
