// The .dlm bundle: exact round trip, checksum verification, clear errors.
#include "common/Error.h"
#include "common/Sha256.h"
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
    // The bundle `bytes` with one field of its first directory entry replaced
    // and a valid checksum, so that parse() gets past the checksum to it.
    static std::string withFirstEntryChanged(const std::string& bytes, const char* field, const nlohmann::json& value)
    {
        auto readU64 = [&](std::size_t at) {
            std::uint64_t v = 0;
            for (int i = 7; i >= 0; --i)
                v = (v << 8) | std::uint8_t(bytes[at + std::size_t(i)]);
            return v;
        };
        const std::size_t headerSize = std::size_t(readU64(16));
        const std::size_t oldDataStart = (24 + headerSize + 63) / 64 * 64;
        nlohmann::json header = nlohmann::json::parse(bytes.substr(24, headerSize));
        header["entries"][0][field] = value;
        const std::string text = header.dump();
        std::string out = bytes.substr(0, 16);
        for (int i = 0; i < 8; ++i)
            out.push_back(char((std::uint64_t(text.size()) >> (8 * i)) & 0xff));
        out += text;
        out.resize((out.size() + 63) / 64 * 64, '\0');
        out += bytes.substr(oldDataStart, bytes.size() - 64 - oldDataStart);
        return out + dl::Sha256::ofBytes(out.data(), out.size());
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

    // Found by fuzz_bundle: a directory value such as "offset": 6.4e30 was
    // converted to an integer (undefined behaviour); dimensions whose product
    // overflows, negative or fractional numbers are refused the same way.
    void malformedDirectoryValuesAreRefused()
    {
        struct Case {
            const char* field;
            nlohmann::json value;
            const char* expected;
        };
        const std::vector<Case> cases = {
            {"offset", 6.4e30, "offset must be a whole number"},
            {"size", -8, "size must be a whole number"},
            {"size", "24", "size must be a whole number"},
            {"shape", nlohmann::json::array({2, -3}), "a dimension must be a whole number"},
            {"shape", nlohmann::json::array({2, 1.5}), "a dimension must be a whole number"},
            {"shape", nlohmann::json::array({4294967296LL, 4294967296LL, 4}), "size does not match its shape"},
            {"shape", 6, "shape must be a list"},
            // "bank" moved onto "ids", the next entry: one stored value read twice.
            {"offset", 64, "'ids' overlaps the entry before it"},
        };
        for (const Case& c : cases) {
            const std::string bytes = withFirstEntryChanged(sample().serialize(), c.field, c.value);
            try {
                dl::ModelBundle::parse(bytes, "odd.dlm");
                QFAIL(qPrintable(QString("accepted %1 = %2").arg(c.field, QString::fromStdString(c.value.dump()))));
            } catch (const dl::Error& e) {
                const std::string message = e.what();
                QVERIFY2(message.find("odd.dlm") != std::string::npos && message.find(c.expected) != std::string::npos,
                         message.c_str());
            }
        }
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

    void headerTextIsCheckedNotTrusted()
    {
        dl::ModelBundle b = sample();
        b.header["method"] = "dmad";
        b.header["kind"] = 7;
        QCOMPARE(b.headerText("method", ""), std::string("dmad"));
        QCOMPARE(b.headerText("absent", "fallback"), std::string("fallback"));
        try {
            b.headerText("kind", "");
            QFAIL("a number was read as text");
        } catch (const dl::Error& e) {
            QVERIFY2(std::string(e.what()).find("'kind' is not text") != std::string::npos, e.what());
        }
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
