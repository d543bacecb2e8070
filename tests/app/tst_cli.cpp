// defectlens-cli as a user runs it: the published options, JSON outputs and
// clear, file-naming errors with non-zero exit codes.
#include "TestSupport.h"
#include "app/CliRunner.h"
#include "common/BlasKernel.h"
#include "database/Store.h"

#include <QDataStream>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

#include <sys/stat.h>

class TestCli : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;

    using Outcome = dltest::CliOutcome;
    Outcome run(const QStringList& args, int timeoutMs = 300000) { return dltest::runCli(args, timeoutMs); }
    QJsonObject readJson(const QString& path)
    {
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly)) return {};
        return QJsonDocument::fromJson(f.readAll()).object();
    }
    QString path(const QString& name) const { return dir_.path() + "/" + name; }

    // A PatchCore model of the sample set, fitted once for the tests that need any model.
    QString fittedSampleModel()
    {
        const QString model = path("hostile.dlm");
        if (QFile::exists(model))
            return model;
        const Outcome o = run({"fit", "--method", "patchcore", "--data", path("sample"), "--out", model, "--no-db", "--quiet"});
        return o.exitCode == 0 ? model : QString();
    }

    // Starts the CLI and returns once its progress names image `index` ("[index/N]").
    static int startAndWaitFor(QProcess& process, const QStringList& args, int index)
    {
        process.setReadChannel(QProcess::StandardError);
        process.start(QStringLiteral(DL_CLI_PATH), args);
        QString err;
        const QString marker = QStringLiteral("[%1/").arg(index);
        while (!err.contains(marker) && process.waitForReadyRead(120000))
            err += QString::fromUtf8(process.readAllStandardError());
        return index - 1; // every image before the one announced has been scored
    }

    // A PNG whose header announces width x height pixels, with a token of pixel
    // data: a decompression bomb as the header check sees it.
    static QByteArray pngAnnouncing(quint32 width, quint32 height)
    {
        auto chunk = [](const QByteArray& type, const QByteArray& data) {
            QByteArray out;
            QDataStream stream(&out, QIODevice::WriteOnly);
            stream << quint32(data.size());
            out += type + data;
            quint32 crc = 0xffffffffu; // CRC-32 over type and data, as PNG requires
            for (char byte : type + data) {
                crc ^= quint8(byte);
                for (int bit = 0; bit < 8; ++bit)
                    crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
            }
            QByteArray tail;
            QDataStream(&tail, QIODevice::WriteOnly) << quint32(~crc);
            return out + tail;
        };
        QByteArray header;
        QDataStream(&header, QIODevice::WriteOnly) << width << height << quint8(8) << quint8(0) << quint8(0)
                                                   << quint8(0) << quint8(0);
        return QByteArray("\x89PNG\r\n\x1a\n", 8) + chunk("IHDR", header)
               + chunk("IDAT", QByteArray::fromHex("789c63000000010001")) + chunk("IEND", {});
    }

private slots:
    void initTestCase()
    {
        QVERIFY(dir_.isValid());
        Outcome o = run({"make-sample", "--out", path("sample")});
        QCOMPARE(o.exitCode, 0);
    }

    void usageErrorsExitNonZero()
    {
        Outcome o = run({"fit", "--method", "patchcore", "--data", path("sample"), "--bogus"});
        QCOMPARE(o.exitCode, 2);
        QVERIFY(o.err.contains("--bogus"));
        o = run({"fit", "--data", path("sample"), "--out", path("x.dlm")});
        QCOMPARE(o.exitCode, 2);
        QVERIFY(o.err.contains("--method"));
        o = run({"frobnicate"});
        QCOMPARE(o.exitCode, 2);
        o = run({"fit", "--method", "nosuchmethod", "--data", path("sample"), "--out", path("x.dlm"), "--no-db"});
        QCOMPARE(o.exitCode, 2);
        QVERIFY(o.err.contains("nosuchmethod"));
    }

    void tileOptionsAreChecked()
    {
        Outcome o = run({"fit", "--method", "patchcore", "--data", path("sample"), "--out", path("t.dlm"), "--overlap", "8"});
        QCOMPARE(o.exitCode, 2);
        QVERIFY2(o.err.contains("--overlap needs --tile"), qPrintable(o.err));
        o = run({"fit", "--method", "patchcore", "--data", path("sample"), "--out", path("t.dlm"), "--tile", "16"});
        QCOMPARE(o.exitCode, 2);
        QVERIFY2(o.err.contains("tile_size must lie within 32..8192"), qPrintable(o.err));
        o = run({"predict", "--model", path("t.dlm"), "--input", path("sample"), "--tile", "256", "--overlap", "200"});
        QCOMPARE(o.exitCode, 2);
        QVERIFY2(o.err.contains("tile_overlap must lie within 0..127"), qPrintable(o.err));
    }

    void missingFolderAndBadModelAreNamed()
    {
        Outcome o = run({"fit", "--method", "patchcore", "--data", path("does-not-exist"), "--out", path("x.dlm"), "--no-db"});
        QCOMPARE(o.exitCode, 2);
        QVERIFY2(o.err.contains("does-not-exist"), qPrintable(o.err));
        QFile bad(path("bad.dlm"));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write("not a model at all");
        bad.close();
        o = run({"predict", "--model", path("bad.dlm"), "--input", path("sample/test"), "--no-db"});
        QCOMPARE(o.exitCode, 2);
        QVERIFY2(o.err.contains("bad.dlm"), qPrintable(o.err));
        QVERIFY(!QFile::exists(path("x.dlm")));
    }

    void databaseThatIsAFolderIsRefusedByName()
    {
        QDir().mkpath(path("db-folder"));
        Outcome o = run({"fit", "--method", "patchcore", "--data", path("sample"), "--out", path("y.dlm"), "--db", path("db-folder")});
        QCOMPARE(o.exitCode, 2);
        QVERIFY2(o.err.contains("db-folder"), qPrintable(o.err));
    }

    void fitTestPredictBenchmarkEndToEnd()
    {
        DL_REQUIRE_SHARED("models/mobilenetv2-12-int8.onnx");
        const QString db = path("runs.sqlite");
        Outcome o = run({"fit", "--method", "patchcore", "--data", path("sample"), "--out", path("m.dlm"), "--db", db});
        QVERIFY2(o.exitCode == 0, qPrintable(o.err));
        QVERIFY(QFile::exists(path("m.dlm")));

        o = run({"test", "--model", path("m.dlm"), "--data", path("sample"), "--json", path("test.json"), "--maps-dir",
                 path("maps"), "--db", db});
        QVERIFY2(o.exitCode == 0, qPrintable(o.err));
        QJsonObject test = readJson(path("test.json"));
        QJsonObject mean = test["mean"].toObject();
        for (const char* key : {"image_auroc", "pixel_auroc", "aupro", "f1_max", "ap", "n_images"})
            QVERIFY2(mean.contains(key), key);
        QVERIFY(mean["image_auroc"].toDouble() > 0.9);
        QVERIFY(test["categories"].toObject().contains("sample"));
        QVERIFY(test.contains("seconds_per_image") && test.contains("threshold"));
        const QJsonArray images = test["images"].toArray();
        QCOMPARE(images.size(), 24);
        const QJsonObject first = images[0].toObject();
        QVERIFY(first["path"].toString().startsWith("test/"));
        QVERIFY(first.contains("category") && first.contains("label") && first.contains("score"));
        // One float map per test image, mirroring the image path.
        QVERIFY(QFile::exists(path("maps/test/scratch/000.tiff")));

        // A corrupt file among the inputs is reported by name; the others are scored.
        QDir().mkpath(path("inputs"));
        QFile::copy(path("sample/test/stain/000.png"), path("inputs/stain.png"));
        QFile corrupt(path("inputs/broken.png"));
        QVERIFY(corrupt.open(QIODevice::WriteOnly));
        corrupt.write("\x89PNG\r\n\x1a\ngarbage");
        corrupt.close();
        o = run({"predict", "--model", path("m.dlm"), "--input", path("inputs"), "--json", path("predict.json"),
                 "--overlay-dir", path("overlays"), "--db", db});
        QCOMPARE(o.exitCode, 3);
        QVERIFY(o.err.contains("broken.png"));
        QJsonArray predicted = readJson(path("predict.json"))["images"].toArray();
        QCOMPARE(predicted.size(), 2);
        bool sawDefect = false;
        for (const auto& v : predicted) {
            QJsonObject e = v.toObject();
            if (e["path"].toString().endsWith("stain.png")) {
                sawDefect = e["verdict"].toString() == "defect";
                QVERIFY(QFile::exists(e["overlay"].toString()));
            } else {
                QVERIFY(e["error"].toString().contains("broken.png"));
            }
        }
        QVERIFY(sawDefect);

        // Started without OpenMP settings, the CLI waits passively with a short spin.
        QProcessEnvironment unset = QProcessEnvironment::systemEnvironment();
        unset.remove("OMP_WAIT_POLICY");
        unset.remove("GOMP_SPINCOUNT");
        unset.remove("OPENBLAS_CORETYPE");
        o = dltest::runCli({"benchmark", "--model", path("m.dlm"), "--data", path("sample"), "--json", path("bench.json"),
                            "--images", "10", "--db", db},
                           300000, {}, unset);
        QVERIFY2(o.exitCode == 0, qPrintable(o.err));
        QJsonObject bench = readJson(path("bench.json"));
        for (const char* key : {"e2e_ms_median", "e2e_ms_p95", "net_ms_median", "images_per_second", "peak_rss_mb",
                                "net_speedup", "peak_gflops_per_second", "e2e_over_decode_plus_network",
                                "batched_share_of_overlap_bound"})
            QVERIFY2(bench[key].toDouble() > 0, key);
        QCOMPARE(bench["reduced_decodes"].toInt(-1), 0); // the generated PNGs decode in full
        // Both inference paths are measured: the plain one as a comparison, and the
        // backbone alone with its arithmetic.
        QVERIFY(bench["fast_path"].toBool());
        QVERIFY(bench["plain"].toObject()["net_ms_median"].toDouble() > 0);
        const QJsonObject backbone = bench["networks"].toArray().first().toObject();
        QVERIFY(backbone["network"].toString().startsWith("backbone mobilenetv2"));
        QVERIFY(backbone["gflop"].toDouble() > 0.1);
        QVERIFY(backbone["fast_ms"].toDouble() > 0 && backbone["plain_ms"].toDouble() > 0);
        QVERIFY(backbone["share_of_peak"].toDouble() > 0);
        QCOMPARE(bench["openmp"].toObject()["wait_policy"].toString(), QString("PASSIVE"));
        QCOMPARE(bench["openmp"].toObject()["spin_count"].toString(), QString("1000"));
        // OpenBLAS (Debian's libtorch runs on it) never runs kernels older than the CPU's.
        const QJsonObject blas = bench["blas"].toObject();
        if (!blas["openblas_kernel"].isNull())
            QVERIFY2(dl::betterOpenBlasKernel(blas["openblas_kernel"].toString().toStdString(), dl::cpuVectorUnits()).empty(),
                     qPrintable(blas["openblas_kernel"].toString()));

        // fast_path=off: a run-time choice, refused when misspelt, never a model parameter.
        // A policy the user chose is kept, spin included.
        QProcessEnvironment active = unset;
        active.insert("OMP_WAIT_POLICY", "ACTIVE");
        active.insert("OPENBLAS_CORETYPE", "Prescott"); // every x86 CPU runs it
        o = dltest::runCli({"benchmark", "--model", path("m.dlm"), "--data", path("sample"), "--json",
                            path("bench-plain.json"), "--images", "4", "--no-db", "--param", "fast_path=off"},
                           300000, {}, active);
        QVERIFY2(o.exitCode == 0, qPrintable(o.err));
        const QJsonObject plainOnly = readJson(path("bench-plain.json"));
        QCOMPARE(plainOnly["openmp"].toObject()["wait_policy"].toString(), QString("ACTIVE"));
        QVERIFY(plainOnly["openmp"].toObject()["spin_count"].isNull());
        const QJsonObject userBlas = plainOnly["blas"].toObject();
        QCOMPARE(userBlas["coretype"].toString(), QString("Prescott"));
        if (!userBlas["openblas_kernel"].isNull())
            QCOMPARE(userBlas["openblas_kernel"].toString(), QString("Prescott"));
        QVERIFY(!plainOnly["fast_path"].toBool());
        QVERIFY(!plainOnly.contains("plain"));
        o = run({"predict", "--model", path("m.dlm"), "--input", path("sample"), "--no-db", "--param", "fast_path=maybe"});
        QCOMPARE(o.exitCode, 2);
        QVERIFY2(o.err.contains("fast_path"), qPrintable(o.err));
        // A training parameter given to an inference command is refused, not ignored.
        o = run({"test", "--model", path("m.dlm"), "--data", path("sample"), "--json", path("t.json"), "--no-db",
                 "--param", "smoothing_sigma=2"});
        QCOMPARE(o.exitCode, 2);
        QVERIFY2(o.err.contains("--param smoothing_sigma applies when a model is trained"), qPrintable(o.err));
    }

    // crossvalidate: folds over the training split only, labelled defects held out in
    // turn, and clear refusals of what it cannot validate.
    void crossvalidateStaysInsideTheTrainingSplit()
    {
        Outcome o = run({"crossvalidate", "--method", "patchcore", "--data", path("sample"), "--no-db"});
        QCOMPARE(o.exitCode, 2);
        QVERIFY2(o.err.contains("labelled defects"), qPrintable(o.err));
        o = run({"crossvalidate", "--method", "patchcore", "--data", path("sample"), "--folds", "1"});
        QCOMPARE(o.exitCode, 2);
        QVERIFY2(o.err.contains("--folds"), qPrintable(o.err));
        o = run({"crossvalidate", "--method", "patchcore", "--data", path("sample"), "--parent", path("m.dlm")});
        QCOMPARE(o.exitCode, 2);
        QVERIFY2(o.err.contains("--parent"), qPrintable(o.err));

        DL_REQUIRE_SHARED("models/mobilenetv2-12-int8.onnx");
        o = run({"crossvalidate", "--method", "patchcore", "--data", path("sample"), "--labelled-defects", "4",
                 "--folds", "2", "--param", "image_size=64", "--json", path("cv.json"), "--no-db"});
        QVERIFY2(o.exitCode == 0, qPrintable(o.err));
        const QJsonObject summary = QJsonDocument::fromJson(o.out.toUtf8()).object();
        QCOMPARE(summary["folds"].toInt(), 2);
        QVERIFY(summary["mean"].toObject()["image_auroc"].toDouble() > 0.5);
        QCOMPARE(summary["per_fold"].toArray().size(), 2);
        const QJsonArray images = readJson(path("cv.json"))["images"].toArray();
        int normals = 0, defects = 0;
        for (const auto& v : images) (v.toObject()["label"].toInt() == 1 ? defects : normals)++;
        QCOMPARE(normals, 60); // every normal training image, once
        QCOMPARE(defects, 4);  // the labelled defects only: the 20 test images left are never scored
        QVERIFY(summary["defect_types"].toObject().contains("sample/scratch"));
        QCOMPARE(summary["training_labels"].toString(), QString("all"));
        QCOMPARE(summary["per_fold"].toArray()[0].toObject()["training_labels"].toInt(), 2);
        // --training-labels: each fold model trains on one of the other fold's labels.
        o = run({"crossvalidate", "--method", "patchcore", "--data", path("sample"), "--labelled-defects", "4",
                 "--folds", "2", "--param", "image_size=64", "--training-labels", "1", "--no-db"});
        QVERIFY2(o.exitCode == 0, qPrintable(o.err));
        const QJsonObject fewLabels = QJsonDocument::fromJson(o.out.toUtf8()).object();
        QCOMPARE(fewLabels["training_labels"].toInt(), 1);
        for (const auto& fold : fewLabels["per_fold"].toArray()) {
            QCOMPARE(fold.toObject()["training_labels"].toInt(), 1);
            QCOMPARE(fold.toObject()["defect_images"].toInt(), 2); // every held-out label is still scored
        }

        // --sweep: every value of a scoring parameter on the same fold models; the value
        // the plain run used reproduces it, and a parameter training reads is refused.
        o = run({"crossvalidate", "--method", "patchcore", "--data", path("sample"), "--labelled-defects", "4",
                 "--folds", "2", "--param", "image_size=64", "--sweep", "smoothing_sigma=4,0", "--no-db"});
        QVERIFY2(o.exitCode == 0, qPrintable(o.err));
        const QJsonArray sweep = QJsonDocument::fromJson(o.out.toUtf8()).object()["sweep"].toArray();
        QCOMPARE(sweep.size(), 2);
        QCOMPARE(sweep[0].toObject()["scoring_params"].toObject()["smoothing_sigma"].toInt(), 4);
        QCOMPARE(sweep[0].toObject()["mean"].toObject()["image_auroc"].toDouble(),
                 summary["mean"].toObject()["image_auroc"].toDouble());
        QCOMPARE(sweep[0].toObject()["mean"].toObject()["aupro"].toDouble(),
                 summary["mean"].toObject()["aupro"].toDouble());
        QVERIFY(sweep[1].toObject()["mean"].toObject()["aupro"].toDouble()
                != summary["mean"].toObject()["aupro"].toDouble());
        o = run({"crossvalidate", "--method", "patchcore", "--data", path("sample"), "--labelled-defects", "4",
                 "--folds", "2", "--sweep", "coreset_ratio=0.1,0.2", "--no-db"});
        QCOMPARE(o.exitCode, 2);
        QVERIFY2(o.err.contains("'coreset_ratio' is not a scoring parameter") && o.err.contains("smoothing_sigma"),
                 qPrintable(o.err));
        o = run({"crossvalidate", "--method", "patchcore", "--data", path("sample"), "--labelled-defects", "4",
                 "--labelled-draw", "random"});
        QCOMPARE(o.exitCode, 2);
        QVERIFY2(o.err.contains("--labelled-draw must be round-robin or proportional"), qPrintable(o.err));
        o = run({"crossvalidate", "--method", "patchcore", "--data", path("sample"), "--sweep", "smoothing_sigma=4,,8"});
        QCOMPARE(o.exitCode, 2);
        QVERIFY2(o.err.contains("empty value"), qPrintable(o.err));
        o = run({"test", "--model", path("m.dlm"), "--data", path("sample"), "--sweep", "smoothing_sigma=4"});
        QCOMPARE(o.exitCode, 2);
        QVERIFY2(o.err.contains("--sweep applies to crossvalidate"), qPrintable(o.err));
        o = run({"crossvalidate", "--method", "patchcore", "--data", path("sample"), "--training-labels", "-1"});
        QCOMPARE(o.exitCode, 2);
        QVERIFY2(o.err.contains("--training-labels must be 0 or more"), qPrintable(o.err));
        o = run({"test", "--model", path("m.dlm"), "--data", path("sample"), "--training-labels", "1"});
        QCOMPARE(o.exitCode, 2);
        QVERIFY2(o.err.contains("--training-labels applies to crossvalidate"), qPrintable(o.err));
    }

    // threshold: a threshold for a target false-reject rate from cross-validated normal
    // training scores; the copy with it is recorded as the model's child.
    void thresholdForATargetFalseRejectRate()
    {
        Outcome o = run({"threshold", "--model", path("m.dlm"), "--data", path("sample"), "--target-false-reject", "1.5"});
        QCOMPARE(o.exitCode, 2);
        QVERIFY2(o.err.contains("--target-false-reject"), qPrintable(o.err));
        o = run({"threshold", "--model", path("m.dlm"), "--data", path("sample")});
        QCOMPARE(o.exitCode, 2);
        QVERIFY2(o.err.contains("--target-false-reject"), qPrintable(o.err));

        DL_REQUIRE_SHARED("models/mobilenetv2-12-int8.onnx");
        const QString db = path("threshold.sqlite");
        o = run({"fit", "--method", "patchcore", "--data", path("sample"), "--param", "image_size=64", "--out",
                 path("thr.dlm"), "--db", db, "--quiet"});
        QVERIFY2(o.exitCode == 0, qPrintable(o.err));
        o = run({"threshold", "--model", path("thr.dlm"), "--data", path("sample"), "--target-false-reject", "0.05",
                 "--folds", "3", "--out", path("thr-frr5.dlm"), "--db", db, "--json", path("thr.json"), "--quiet"});
        QVERIFY2(o.exitCode == 0, qPrintable(o.err));
        const QJsonObject summary = QJsonDocument::fromJson(o.out.toUtf8()).object();
        QCOMPARE(summary["folds"].toInt(), 3);
        const QJsonObject chosen = summary["chosen"].toObject();
        QCOMPARE(chosen["normal_images"].toInt(), 60); // every normal training image, once
        QVERIFY(chosen["false_reject_rate"].toDouble() <= 0.05);
        QCOMPARE(chosen["rejected"].toInt(), 3);       // floor(60 x 0.05)
        const QJsonArray interval = chosen["interval_95"].toArray();
        QVERIFY(interval[0].toDouble() <= chosen["false_reject_rate"].toDouble()
                && interval[1].toDouble() > chosen["false_reject_rate"].toDouble());
        QVERIFY(summary["test_split_check"].toObject().contains("false_reject_rate_at_chosen"));
        QCOMPARE(readJson(path("thr.json"))["chosen"].toObject()["threshold"].toDouble(), chosen["threshold"].toDouble());

        // The copy carries the threshold and its estimate, and is the fitted model's child.
        o = run({"info", "--model", path("thr-frr5.dlm")});
        QVERIFY2(o.exitCode == 0, qPrintable(o.err));
        const QJsonObject threshold = QJsonDocument::fromJson(o.out.toUtf8()).object()["threshold"].toObject();
        QCOMPARE(threshold["source"].toString(), QString("target-false-reject"));
        QCOMPARE(threshold["value"].toDouble(), chosen["threshold"].toDouble());
        QCOMPARE(threshold["target_false_reject_rate"].toDouble(), 0.05);
        dl::db::Store store;
        store.open(db);
        const auto models = store.listModels(); // newest first
        QCOMPARE(int(models.size()), 2);
        QCOMPARE(models[0].bundlePath, path("thr-frr5.dlm"));
        QCOMPARE(models[0].parentModelId.value_or(0), models[1].id);
    }

    // SDAS: a tiny synthesis model, byte-identical samples for a seed, and clear refusals.
    void sdasFitAndSynth()
    {
        const QStringList tiny{"--param", "resolution=32", "--param", "base_width=8", "--param", "channel_multipliers=[1,2]",
                               "--param", "batch_size=4", "--param", "max_iterations=3", "--param", "sampling_steps=3"};
        Outcome o = run(QStringList{"fit", "--method", "sdas", "--data", path("sample"), "--out", path("sdas.dlm"), "--no-db",
                                    "--quiet"} + tiny);
        QVERIFY2(o.exitCode == 0, qPrintable(o.err));
        QCOMPARE(QJsonDocument::fromJson(o.out.toUtf8()).object()["iterations"].toInt(), 3);
        for (const char* dir : {"synth-a", "synth-b"}) {
            o = run({"synth", "--model", path("sdas.dlm"), "--strength", "0.15", "--count", "2", "--seed", "4", "--out",
                     path(dir), "--quiet"});
            QVERIFY2(o.exitCode == 0, qPrintable(o.err));
        }
        for (const char* name : {"sample_0000.png", "sample_0001.png"}) {
            QFile a(path("synth-a/") + name), b(path("synth-b/") + name);
            QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
            const QByteArray bytes = a.readAll();
            QVERIFY(!bytes.isEmpty());
            QVERIFY(bytes == b.readAll());
        }
        QVERIFY(!QFile::exists(path("synth-a/sample_0002.png")));
        // Bad requests exit 2 and name the problem.
        o = run({"synth", "--model", path("sdas.dlm"), "--strength", "0.1", "--count", "0", "--out", path("x")});
        QCOMPARE(o.exitCode, 2);
        QVERIFY2(o.err.contains("--count"), qPrintable(o.err));
        o = run({"synth", "--model", path("sdas.dlm"), "--strength", "-1", "--count", "1", "--out", path("x")});
        QCOMPARE(o.exitCode, 2);
        QVERIFY2(o.err.contains("--strength"), qPrintable(o.err));
        o = run({"synth", "--model", path("no-such.dlm"), "--strength", "0.1", "--count", "1", "--out", path("x")});
        QCOMPARE(o.exitCode, 2);
        QVERIFY2(o.err.contains("no-such.dlm"), qPrintable(o.err));
        o = run({"predict", "--model", path("sdas.dlm"), "--input", path("sample/test/good"), "--no-db"});
        QCOMPARE(o.exitCode, 2);
        QVERIFY2(o.err.contains("SDAS synthesis model") && o.err.contains("synth"), qPrintable(o.err));
        o = run(QStringList{"fit", "--method", "sdas", "--data", path("sample"), "--out", path("y.dlm"), "--no-db",
                            "--param", "resolution=40"});
        QCOMPARE(o.exitCode, 2);
        QVERIFY2(o.err.contains("resolution"), qPrintable(o.err));
        o = run({"methods"});
        QVERIFY(o.out.contains("\"synthesis\""));
        // Which methods learn from labelled defects, and how; which reuse a parent.
        for (const QJsonValue& entry : QJsonDocument::fromJson(o.out.toUtf8()).array()) {
            const QJsonObject m = entry.toObject();
            if (m["kind"].toString() != "detector")
                continue;
            const QString name = m["name"].toString();
            const bool learns = name == "dmad" || name == "cse" || name == "realnet" || name == "stlm";
            QVERIFY2(m["semi_supervised"].toBool() == learns, qPrintable(name));
            QVERIFY2(m["label_use"].toString().isEmpty() != learns, qPrintable(name));
            QVERIFY2(m["warm_starts"].toBool() == (name == "dmad"), qPrintable(name));
        }
    }

    // synth --measure-novelty and --grid on the tiny model of sdasFitAndSynth.
    void sdasNoveltyAndSheet()
    {
        DL_REQUIRE_SHARED("models/mobilenetv2-12-int8.onnx");
        QVERIFY2(QFile::exists(path("sdas.dlm")), "sdasFitAndSynth runs first");
        Outcome o = run({"synth", "--model", path("sdas.dlm"), "--measure-novelty", "--data", path("sample"),
                         "--strength", "0,0.2", "--count", "2", "--seed", "3", "--json", path("novelty.json"),
                         "--grid", path("novelty.png"), "--quiet"});
        QVERIFY2(o.exitCode == 0, qPrintable(o.err));
        QVERIFY2(o.out.contains("training (leave-one-out)") && o.out.contains("s=0.2"), qPrintable(o.out));
        const QJsonObject novelty = readJson(path("novelty.json"));
        QCOMPARE(novelty["strengths"].toArray().size(), 2);
        QCOMPARE(novelty["strengths"].toArray()[1].toObject()["distances"].toArray().size(), 2);
        QVERIFY(novelty["reference"].toObject()["mean"].toDouble() > 0);
        QCOMPARE(novelty["tap"].toString(), QString("features.13"));
        QVERIFY(QFile::exists(path("novelty.png")));
        // The sheet alone: rows of strengths, columns of samples.
        o = run({"synth", "--model", path("sdas.dlm"), "--grid", path("sheet.png"), "--count", "3", "--quiet"});
        QVERIFY2(o.exitCode == 0, qPrintable(o.err));
        QCOMPARE(QJsonDocument::fromJson(o.out.toUtf8()).object()["strengths"].toArray().size(), 4);
        QVERIFY(QFile::exists(path("sheet.png")));
        // Refusals: a range, a bad list, no --data, --out with a list.
        o = run({"synth", "--model", path("sdas.dlm"), "--measure-novelty", "--data", path("sample"), "--strength",
                 "0.1:0.2"});
        QCOMPARE(o.exitCode, 2);
        QVERIFY2(o.err.contains("list of strengths"), qPrintable(o.err));
        o = run({"synth", "--model", path("sdas.dlm"), "--grid", path("x.png"), "--strength", "0,-0.1"});
        QCOMPARE(o.exitCode, 2);
        QVERIFY2(o.err.contains("--strength"), qPrintable(o.err));
        o = run({"synth", "--model", path("sdas.dlm"), "--measure-novelty"});
        QCOMPARE(o.exitCode, 2);
        QVERIFY2(o.err.contains("--data"), qPrintable(o.err));
        o = run({"synth", "--model", path("sdas.dlm"), "--strength", "0,0.1", "--count", "1", "--out", path("x")});
        QCOMPARE(o.exitCode, 2);
        QVERIFY2(o.err.contains("list is for --measure-novelty"), qPrintable(o.err));
        o = run({"synth", "--model", path("sdas.dlm"), "--measure-novelty", "--data", path("sample"), "--category",
                 "bottle", "--count", "1"});
        QCOMPARE(o.exitCode, 2);
        QVERIFY2(o.err.contains("bottle"), qPrintable(o.err));
    }

    // The line's model: `promote` records who put which model into use, `models`
    // lists them with the active one marked, and `--model active` follows it.
    void promotedModelIsUsedAsActive()
    {
        DL_REQUIRE_SHARED("models/mobilenetv2-12-int8.onnx");
        const QString db = path("promote.sqlite");
        Outcome o = run({"predict", "--model", "active", "--input", path("sample/test/good"), "--db", db});
        QCOMPARE(o.exitCode, 2);
        QVERIFY2(o.err.contains("no active model") && o.err.contains("promote.sqlite"), qPrintable(o.err));
        o = run({"models", "--no-db"});
        QCOMPARE(o.exitCode, 2);
        QVERIFY2(o.err.contains("--no-db"), qPrintable(o.err));

        for (const char* name : {"first.dlm", "second.dlm"}) {
            o = run({"fit", "--method", "patchcore", "--data", path("sample"), "--out", path(name), "--db", db, "--quiet"});
            QVERIFY2(o.exitCode == 0, qPrintable(o.err));
        }
        o = run({"promote", "--model", path("first.dlm"), "--reason", "baseline", "--db", db});
        QVERIFY2(o.exitCode == 0, qPrintable(o.err));
        const qint64 firstId = QJsonDocument::fromJson(o.out.toUtf8()).object()["id"].toInteger();
        o = run({"models", "--db", db, "--json", path("models.json")});
        QVERIFY2(o.exitCode == 0, qPrintable(o.err));
        QFile listed(path("models.json"));
        QVERIFY(listed.open(QIODevice::ReadOnly));
        const QJsonArray models = QJsonDocument::fromJson(listed.readAll()).array();
        QCOMPARE(models.size(), 2);
        QCOMPARE(models[0].toObject()["bundle_path"].toString(), path("second.dlm")); // newest first
        QVERIFY(!models[0].toObject()["active"].toBool());
        QCOMPARE(models[1].toObject()["id"].toInteger(), firstId);
        QVERIFY(models[1].toObject()["active"].toBool());

        o = run({"predict", "--model", "active", "--input", path("sample/test/good"), "--json", path("active.json"),
                 "--db", db, "--quiet"});
        QVERIFY2(o.exitCode == 0, qPrintable(o.err));
        QCOMPARE(readJson(path("active.json"))["model"].toString(), path("first.dlm"));

        o = run({"promote", "--model-id", QString::number(firstId + 1), "--db", db});
        QVERIFY2(o.exitCode == 0, qPrintable(o.err));
        o = run({"promote", "--model-id", "999", "--db", db});
        QCOMPARE(o.exitCode, 2);
        QVERIFY2(o.err.contains("no model 999"), qPrintable(o.err));
        // The promoted bundle is in the database: a station without the file
        // (here: the file moved away) fetches it into its cache and scores with it.
        QVERIFY(QFile::rename(path("second.dlm"), path("second-moved.dlm")));
        {
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.insert("XDG_CACHE_HOME", path("station-cache"));
            const Outcome cached = dltest::runCli({"predict", "--model", "active", "--input", path("sample/test/good"),
                                                   "--json", path("cached.json"), "--db", db, "--quiet"},
                                                  300000, {}, env);
            QVERIFY2(cached.exitCode == 0, qPrintable(cached.err));
            const QString used = readJson(path("cached.json"))["model"].toString();
            QVERIFY2(used.startsWith(path("station-cache")), qPrintable(used));
            QVERIFY(QFile::exists(used));
        }
        QVERIFY(QFile::rename(path("second-moved.dlm"), path("second.dlm")));
        dl::db::Store store;
        store.open(db);
        QCOMPARE(store.activeModel()->bundlePath, path("second.dlm"));
        const auto history = store.promotionHistory();
        QCOMPARE(history.size(), std::size_t(2));
        QCOMPARE(history[1].reason, QStringLiteral("baseline"));
        QVERIFY(!history[0].user.isEmpty());
    }

    // label-next: operator overrides first, then the scores nearest the threshold;
    // --labelled-list moves the chosen defects into training, by name.
    void labelNextRanksAndLabelledListsAreChecked()
    {
        DL_REQUIRE_SHARED("models/mobilenetv2-12-int8.onnx");
        const QString model = fittedSampleModel();
        QVERIFY(!model.isEmpty());
        const QString db = path("label-next.sqlite");
        // An operator overrides one predicted image: it must head the queue.
        Outcome o = run({"predict", "--model", model, "--input", path("sample/test"), "--db", db, "--quiet",
                         "--json", path("ln-predict.json")});
        QVERIFY2(o.exitCode == 0, qPrintable(o.err));
        QString overriddenPath;
        {
            dl::db::Store store;
            store.open(db);
            const auto results = store.resultsOfRun(store.listRuns().front().id);
            QVERIFY(results.size() > 3);
            overriddenPath = results[2].imagePath;
            store.addOverride(results[2].id, dl::db::Verdict::Defect, "crack seen under the lamp", "tester");
        }
        o = run({"label-next", "--model", model, "--data", path("sample"), "--db", db, "--json", path("queue.json"),
                 "--quiet"});
        QVERIFY2(o.exitCode == 0, qPrintable(o.err));
        const QJsonObject out = readJson(path("queue.json"));
        const QJsonArray queue = out["queue"].toArray();
        QCOMPARE(queue.size(), out["ranked"].toInt());
        QVERIFY(queue.size() > 3);
        QCOMPARE(queue[0].toObject()["path"].toString(), overriddenPath);
        QVERIFY(queue[0].toObject()["operator_override"].toBool());
        for (int i = 2; i < queue.size(); ++i)
            QVERIFY(queue[i - 1].toObject()["distance_from_threshold"].toDouble()
                    <= queue[i].toObject()["distance_from_threshold"].toDouble());

        // The first defect of the queue becomes a labelled training defect; it leaves the queue.
        QString firstDefect;
        for (const QJsonValue& entry : queue)
            if (entry.toObject()["known_label"].toInt() == 1) {
                firstDefect = entry.toObject()["relative_path"].toString();
                break;
            }
        QVERIFY(!firstDefect.isEmpty());
        QFile list(path("labelled.txt"));
        QVERIFY(list.open(QIODevice::WriteOnly));
        list.write(("# chosen from the queue\n" + firstDefect + "\n").toUtf8());
        list.close();
        o = run({"label-next", "--model", model, "--data", path("sample"), "--no-db", "--labelled-list",
                 path("labelled.txt"), "--count", "3", "--json", path("queue2.json"), "--quiet"});
        QVERIFY2(o.exitCode == 0, qPrintable(o.err));
        const QJsonObject second = readJson(path("queue2.json"));
        QCOMPARE(second["queue"].toArray().size(), 3);
        QCOMPARE(second["ranked"].toInt(), out["ranked"].toInt() - 1);
        QCOMPARE(second["rank_by"].toString(), QString("threshold"));
        // A method without memory banks reports no disagreement; ranking by the
        // banks as well then keeps the threshold order.
        o = run({"label-next", "--model", model, "--data", path("sample"), "--no-db", "--labelled-list",
                 path("labelled.txt"), "--rank-by", "threshold+banks", "--json", path("queue3.json"), "--quiet"});
        QVERIFY2(o.exitCode == 0, qPrintable(o.err));
        const QJsonObject third = readJson(path("queue3.json"));
        QCOMPARE(third["rank_by"].toString(), QString("threshold+banks"));
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(third["queue"].toArray()[i].toObject()["path"], second["queue"].toArray()[i].toObject()["path"]);
            QVERIFY(third["queue"].toArray()[i].toObject()["bank_disagreement"].isNull());
        }
        o = run({"label-next", "--model", model, "--data", path("sample"), "--no-db", "--rank-by", "banks"});
        QCOMPARE(o.exitCode, 2);
        QVERIFY2(o.err.contains("unknown label ranking 'banks'"), qPrintable(o.err));

        QVERIFY(list.open(QIODevice::WriteOnly));
        list.write("good/000.png\n"); // a normal image cannot be a labelled defect
        list.close();
        o = run({"fit", "--method", "dmad", "--data", path("sample"), "--labelled-list", path("labelled.txt"), "--out",
                 path("x.dlm"), "--no-db"});
        QCOMPARE(o.exitCode, 2);
        QVERIFY2(o.err.contains("good/000.png") && o.err.contains("not a defect image"), qPrintable(o.err));
        o = run({"fit", "--method", "dmad", "--data", path("sample"), "--labelled-list", path("labelled.txt"),
                 "--labelled-defects", "2", "--out", path("x.dlm"), "--no-db"});
        QCOMPARE(o.exitCode, 2);
        QVERIFY2(o.err.contains("give one of the two"), qPrintable(o.err));
    }

    // An engineer's annotation stored in the database becomes a labelled defect for DMAD.
    void annotationsInTheDatabaseFeedDmad()
    {
        DL_REQUIRE_SHARED("models/mobilenetv2-12-int8.onnx");
        const QString db = path("labels.sqlite");
        // Register the dataset and its images (a quick PatchCore fit records them).
        Outcome o = run({"fit", "--method", "patchcore", "--data", path("sample"), "--out", path("pc.dlm"), "--db", db, "--quiet"});
        QVERIFY2(o.exitCode == 0, qPrintable(o.err));
        {
            dl::db::Store store;
            store.open(db);
            auto dataset = store.findDatasetByRoot(QFileInfo(path("sample")).canonicalFilePath());
            if (!dataset) dataset = store.findDatasetByRoot(QFileInfo(path("sample")).absoluteFilePath());
            QVERIFY(dataset.has_value());
            dl::db::RowId imageId = 0;
            for (const auto& image : store.imagesOfDataset(dataset->id))
                if (image.relativePath == "test/stain/000.png") imageId = image.id;
            QVERIFY(imageId != 0);
            QFile mask(path("sample/ground_truth/stain/000_mask.png"));
            QVERIFY(mask.open(QIODevice::ReadOnly));
            store.addAnnotation(imageId, mask.readAll(), "engineer");
        }
        o = run({"fit", "--method", "dmad", "--data", path("sample"), "--labels-from-db", "--out", path("dmad.dlm"), "--db", db,
                 "--param", "epochs=2", "--param", "synthetic_images=4", "--param", "texture_images=4"});
        QVERIFY2(o.exitCode == 0, qPrintable(o.err));
        QVERIFY2(o.err.contains("1 annotated defect image(s)"), qPrintable(o.err));
        o = run({"info", "--model", path("dmad.dlm")});
        const QJsonObject provenance = QJsonDocument::fromJson(o.out.toUtf8()).object()["provenance"].toObject();
        QCOMPARE(provenance["labelled_defects"].toInt(), 1);
        // --labels-from-db without a database is refused.
        o = run({"fit", "--method", "dmad", "--data", path("sample"), "--labels-from-db", "--no-db", "--out", path("x.dlm")});
        QCOMPARE(o.exitCode, 2);
    }

    // Regressions of issue 13 (found by trying the CLI as a hostile user would).
    void hostileFilesAreRefusedByName()
    {
        // A FIFO as the model used to block forever, a folder to fail with "std::bad_alloc".
        QCOMPARE(::mkfifo(QFile::encodeName(path("pipe.dlm")).constData(), 0600), 0);
        Outcome o = run({"info", "--model", path("pipe.dlm")}, 30000);
        QCOMPARE(o.exitCode, 2);
        QVERIFY2(o.err.contains("pipe.dlm") && o.err.contains("not a regular file"), qPrintable(o.err));
        QVERIFY(QDir().mkpath(path("folder.dlm")));
        o = run({"info", "--model", path("folder.dlm")});
        QCOMPARE(o.exitCode, 2);
        QVERIFY2(o.err.contains("folder.dlm") && o.err.contains("is a folder"), qPrintable(o.err));

        // fit finds an unwritable --out before it trains, not after.
        o = run({"fit", "--method", "patchcore", "--data", path("sample"), "--out",
                 path("sample/train/good/000.png/model.dlm"), "--no-db"});
        QCOMPARE(o.exitCode, 2);
        QVERIFY2(o.err.contains("000.png") && o.err.contains("cannot create directory"), qPrintable(o.err));
        QVERIFY2(!o.err.contains("%]"), qPrintable(o.err)); // no progress: nothing was imported or trained

        o = run({"predict", "--model", path("m.dlm"), "--input", path("sample"), "--max-image-pixels", "0"});
        QCOMPARE(o.exitCode, 2);
        QVERIFY2(o.err.contains("--max-image-pixels"), qPrintable(o.err));
    }

    // A decompression bomb (a small file announcing 20000 x 20000 pixels) is
    // refused by its header; the other images of the batch are scored.
    void decompressionBombIsRefusedBeforeDecoding()
    {
        DL_REQUIRE_SHARED("models/mobilenetv2-12-int8.onnx");
        const QString model = fittedSampleModel();
        QVERIFY(!model.isEmpty());
        QVERIFY(QDir().mkpath(path("bomb")));
        QVERIFY(QFile::copy(path("sample/test/good/000.png"), path("bomb/good.png")));
        QFile bomb(path("bomb/huge.png"));
        QVERIFY(bomb.open(QIODevice::WriteOnly));
        bomb.write(pngAnnouncing(20000, 20000));
        bomb.close();
        Outcome o = run({"predict", "--model", model, "--input", path("bomb"), "--no-db"});
        QCOMPARE(o.exitCode, 3);
        QVERIFY2(o.err.contains("huge.png") && o.err.contains("20000 x 20000") && o.err.contains("limit of 100000000"),
                 qPrintable(o.err));
        const QJsonArray images = QJsonDocument::fromJson(o.out.toUtf8()).object()["images"].toArray();
        QCOMPARE(images.size(), 2);
        // The limit is the user's to choose.
        o = run({"predict", "--model", model, "--input", path("bomb/good.png"), "--no-db", "--max-image-pixels", "100"});
        QCOMPARE(o.exitCode, 2);
        QVERIFY2(o.err.contains("limit of 100 "), qPrintable(o.err));
    }

    // Ctrl-C / SIGTERM used to be ignored by predict (exit 0 after every image),
    // and a kill lost every result because they were stored at the end.
    // A fit killed (SIGKILL) once an epoch is saved continues with --resume and
    // ends with the model of an uninterrupted fit: the same threshold to the last bit.
    void killedFitResumesToTheSameModel()
    {
        DL_REQUIRE_SHARED("models/mobilenetv2-12-int8.onnx");
        const QStringList fit = {"fit", "--method", "dskd", "--data", path("sample"), "--param", "image_size=64",
                                 "--param", "epochs=8", "--param", "batch_size=8", "--no-db", "--quiet"};
        const Outcome whole = run(fit + QStringList{"--out", path("dskd-whole.dlm")});
        QVERIFY2(whole.exitCode == 0, qPrintable(whole.err));
        const QString resumed = path("dskd-resumed.dlm");
        QProcess killed;
        killed.start(QStringLiteral(DL_CLI_PATH), fit + QStringList{"--out", resumed});
        QVERIFY(killed.waitForStarted());
        QElapsedTimer waited;
        waited.start();
        while (!QFile::exists(resumed + ".checkpoint") && waited.elapsed() < 120000)
            QThread::msleep(5);
        killed.kill(); // SIGKILL: no chance to clean up
        QVERIFY(killed.waitForFinished());
        QVERIFY2(QFile::exists(resumed + ".checkpoint"), "the fit ended before its first checkpoint was seen");
        QVERIFY(!QFile::exists(resumed));
        const Outcome continued = run(fit + QStringList{"--out", resumed, "--resume"});
        QVERIFY2(continued.exitCode == 0, qPrintable(continued.err));
        QVERIFY2(continued.err.contains("dskd: resuming after epoch"), qPrintable(continued.err));
        QVERIFY(!QFile::exists(resumed + ".checkpoint")); // removed once the bundle is written
        const double expected = QJsonDocument::fromJson(whole.out.toUtf8()).object().value("threshold").toDouble();
        const double got = QJsonDocument::fromJson(continued.out.toUtf8()).object().value("threshold").toDouble();
        QCOMPARE(got, expected);
    }

    void interruptedPredictKeepsWhatItScored()
    {
        DL_REQUIRE_SHARED("models/mobilenetv2-12-int8.onnx");
        const QString model = fittedSampleModel();
        QVERIFY(!model.isEmpty());
        QVERIFY(QDir().mkpath(path("line")));
        int copies = 0;
        QStringList images;
        for (QDirIterator it(path("sample/test"), {"*.png"}, QDir::Files, QDirIterator::Subdirectories); it.hasNext();)
            images << it.next();
        for (int round = 0; round < 14; ++round)
            for (const QString& image : images)
                copies += QFile::copy(image, path("line/%1_%2.png").arg(round).arg(copies)) ? 1 : 0;
        QVERIFY(copies >= 300);
        const QString db = path("interrupted.sqlite");

        // SIGTERM: the image in hand is finished, the run is recorded as cancelled, exit 130.
        QProcess term;
        const int termScored = startAndWaitFor(term, {"predict", "--model", model, "--input", path("line"), "--db", db}, 5);
        term.terminate();
        QVERIFY(term.waitForFinished(60000));
        QCOMPARE(term.exitStatus(), QProcess::NormalExit);
        QCOMPARE(term.exitCode(), 130);
        // SIGKILL: nothing can be finished; batches already committed stay.
        QProcess kill;
        const int killScored = startAndWaitFor(kill, {"predict", "--model", model, "--input", path("line"), "--db", db}, 100);
        kill.kill();
        QVERIFY(kill.waitForFinished(60000));

        dl::db::Store store;
        store.open(db); // closes the killed run as abandoned
        const auto runs = store.listRuns(); // newest first
        QCOMPARE(runs.size(), std::size_t(2));
        QCOMPARE(runs[1].status, dl::db::RunStatus::Cancelled);
        QCOMPARE(runs[0].status, dl::db::RunStatus::Abandoned);
        QVERIFY2(runs[0].errorMessage.contains("pid"), qPrintable(runs[0].errorMessage));
        const auto cancelledResults = store.resultsOfRun(runs[1].id);
        QVERIFY2(int(cancelledResults.size()) >= termScored, qPrintable(QString::number(cancelledResults.size())));
        const auto killedResults = store.resultsOfRun(runs[0].id);
        QVERIFY2(int(killedResults.size()) >= killScored - 32 && int(killedResults.size()) <= copies,
                 qPrintable(QStringLiteral("%1 stored of %2 scored").arg(killedResults.size()).arg(killScored)));
    }
};

QTEST_MAIN(TestCli)
#include "tst_cli.moc"
