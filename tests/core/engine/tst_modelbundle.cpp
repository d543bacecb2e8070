// The .dlm bundle: exact round trip, checksum verification, clear errors.
#include "common/Error.h"
#include "engine/ModelBundle.h"

#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>
#include <fstream>

class TestModelBundle : public QObject {
    Q_OBJECT

    static std::string slurp(const std::string& path)
    {
        std::ifstream in(path, std::ios::binary);
        return std::string(std::istreambuf_iterator<char>(in), {});
    }
    static void spit(const std::string& path, const std::string& bytes)
    {
        std::ofstream(path, std::ios::binary) << bytes;
    }
    static dl::ModelBundle sample()
    {
        dl::ModelBundle b;
        b.header["method"] = "patchcore";
        b.header["threshold"] = {{"value", 1.25}, {"source", "normal-quantile"}};
        std::vector<float> values{1.0f, -2.5f, 3.25f, 1e-30f, 6.0f, 7.0f};
        b.putFloats("bank", {2, 3}, values.data());
        std::vector<std::int64_t> ids{4, 5};
        b.putInt64s("ids", {2}, ids.data());
        b.putBlob("index", std::string("\0\1\2binary", 9));
        return b;
    }

private Q_SLOTS:
    void roundTripIsExact()
    {
        QTemporaryDir dir;
        const std::string path = (dir.path() + "/m.dlm").toStdString();
        dl::ModelBundle original = sample();
        original.save(path);
        dl::ModelBundle loaded = dl::ModelBundle::load(path);
        QCOMPARE(loaded.header.at("method").get<std::string>(), std::string("patchcore"));
        QCOMPARE(loaded.header.at("threshold").at("value").get<double>(), 1.25);
        std::vector<std::int64_t> shape;
        std::vector<float> bank = loaded.floats("bank", &shape);
        QCOMPARE(shape, (std::vector<std::int64_t>{2, 3}));
        QCOMPARE(bank, (std::vector<float>{1.0f, -2.5f, 3.25f, 1e-30f, 6.0f, 7.0f}));
        QCOMPARE(loaded.entry("ids").dtype, std::string("i64"));
        QCOMPARE(loaded.entry("index").bytes, std::string("\0\1\2binary", 9));
        QCOMPARE(loaded.header.at("checksum_sha256").get<std::string>().size(), std::size_t(64));
        // Serialising the same content twice gives the same bytes.
        QCOMPARE(original.serialize(), sample().serialize());
        // No temporary file is left next to the bundle.
        QCOMPARE(int(std::distance(std::filesystem::directory_iterator(dir.path().toStdString()),
                                   std::filesystem::directory_iterator())), 1);
    }

    void corruptionIsDetected()
    {
        QTemporaryDir dir;
        const std::string path = (dir.path() + "/m.dlm").toStdString();
        sample().save(path);
        std::string bytes = slurp(path);
        bytes[bytes.size() / 2] ^= 0x40;
        spit(path, bytes);
        try {
            dl::ModelBundle::load(path);
            QFAIL("corrupt bundle accepted");
        } catch (const dl::Error& e) {
            QVERIFY(std::string(e.what()).find("checksum") != std::string::npos);
            QVERIFY(std::string(e.what()).find("m.dlm") != std::string::npos);
        }
    }

    void truncatedAndForeignFilesAreRejected()
    {
        QTemporaryDir dir;
        const std::string path = (dir.path() + "/m.dlm").toStdString();
        sample().save(path);
        std::string bytes = slurp(path);
        spit(path, bytes.substr(0, bytes.size() - 100));
        QVERIFY_THROWS_EXCEPTION(dl::Error, dl::ModelBundle::load(path));
        spit(path, "PNG pretending to be a model");
        QVERIFY_THROWS_EXCEPTION(dl::Error, dl::ModelBundle::load(path));
        spit(path, "");
        QVERIFY_THROWS_EXCEPTION(dl::Error, dl::ModelBundle::load(path));
        QVERIFY_THROWS_EXCEPTION(dl::Error, dl::ModelBundle::load((dir.path() + "/none.dlm").toStdString()));
    }

    void missingEntryNamesIt()
    {
        dl::ModelBundle b = sample();
        try {
            b.entry("nope");
            QFAIL("missing entry accepted");
        } catch (const dl::Error& e) {
            QVERIFY(std::string(e.what()).find("nope") != std::string::npos);
        }
        QVERIFY_THROWS_EXCEPTION(dl::Error, b.floats("ids"));
    }

    void failedSaveKeepsThePreviousBundle()
    {
        QTemporaryDir dir;
        const std::string path = (dir.path() + "/m.dlm").toStdString();
        sample().save(path);
        const std::string before = slurp(path);
        // Saving into a path whose parent is a regular file must fail and leave `path` intact.
        QVERIFY_THROWS_EXCEPTION(dl::Error, sample().save(path + "/inside.dlm"));
        QCOMPARE(slurp(path), before);
    }
};

QTEST_MAIN(TestModelBundle)
#include "tst_modelbundle.moc"
