// Tests of core/common: SHA-256 against the FIPS 180 examples, file helpers
// (atomic writes, error messages that name the file) and progress/cancellation.
#include "common/BlasKernel.h"
#include "common/Error.h"
#include "common/FileUtil.h"
#include "common/LibrarySettings.h"
#include "common/Log.h"
#include "common/Progress.h"
#include "common/Sha256.h"

#include <QDir>
#include <QTemporaryDir>
#include <QtTest>

#include <dlfcn.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace {

std::optional<std::string> errorOf(const std::function<void()>& call)
{
    try {
        call();
    } catch (const dl::Error& e) {
        return std::string(e.what());
    }
    return std::nullopt;
}

void writePlainFile(const std::string& path, const std::string& bytes)
{
    std::ofstream out(path, std::ios::binary);
    out << bytes;
}

std::vector<std::string> entriesOf(const std::string& directory)
{
    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(directory))
        names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

constexpr const char* kDigestEmpty = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
constexpr const char* kDigestAbc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
constexpr const char* kMessage448 = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
constexpr const char* kDigest448 = "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1";
constexpr const char* kDigestMillionA = "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0";

} // namespace

class TestCommon : public QObject {
    Q_OBJECT

private slots:
    // Log lines marked for translation carry their source and arguments; the
    // English text fills Qt-style placeholders (one or two digits) in one pass.
    void logLinesFillPlaceholdersOnce()
    {
        QCOMPARE(dl::fillPlaceholders("%2 then %1, %1 again", {"a", "b"}), std::string("b then a, a again"));
        // An argument's own "%1" is not substituted again; unknown placeholders stay.
        QCOMPARE(dl::fillPlaceholders("%1 and %3", {"50%1", "x"}), std::string("50%1 and %3"));
        std::vector<std::string> eleven;
        for (int i = 1; i <= 11; ++i)
            eleven.push_back("v" + std::to_string(i));
        QCOMPARE(dl::fillPlaceholders("%10/%11/%1", eleven), std::string("v10/v11/v1"));
        QCOMPARE(dl::fillPlaceholders("100% sure, %0 stays", {"x"}), std::string("100% sure, %0 stays"));
        const dl::EngineText m =
            dl::engineText(DL_TR("Engine", "%1 of %2 images in %3 s"), std::size_t(3), 4, std::string("0.5"));
        QCOMPARE(m.text, std::string("3 of 4 images in 0.5 s"));
        QCOMPARE(std::string(m.context), std::string("Engine"));
        QCOMPARE(std::string(m.source), std::string("%1 of %2 images in %3 s"));
        QCOMPARE(m.arguments.size(), std::size_t(3));
        std::vector<std::pair<dl::LogLevel, std::string>> seen;
        dl::setLogSink([&seen](dl::LogLevel level, const dl::EngineText& line) { seen.emplace_back(level, line.text); });
        dl::logWarning(DL_TR("Engine", "%1: gone before it could be inspected"), std::string("/in/a.png"));
        dl::logInfo(std::string("plain"));
        dl::setLogSink(nullptr);
        QCOMPARE(seen.size(), std::size_t(2));
        QVERIFY(seen[0].first == dl::LogLevel::Warning);
        QCOMPARE(seen[0].second, std::string("/in/a.png: gone before it could be inspected"));
        QCOMPARE(seen[1].second, std::string("plain"));
    }

    void sha256FipsVectors();
    void sha256IncrementalEqualsOneShot();
    void sha256OfFile();
    void sha256OfMissingFileNamesIt();
    void writeFileAtomicallyWritesAndReplaces();
    void writeFileAtomicallyCreatesParents();
    void writeFileAtomicallyUnwritableNamesPath();
    void readFileBytesRoundTrip();
    void readFileBytesMissingNamesFile();
    void progressSubScales();
    void progressWithoutSinksIsHarmless();
    void cancelTokenStopsWork();
    void openBlasKernelsOlderThanTheCpuAreReplaced();
    void librarySettingsAddOnlyWhatTheUserLeftUnset();
    void privateOpenBlasCopyReportsTheLibrarysChoice();
};

void TestCommon::sha256FipsVectors()
{
    QCOMPARE(dl::Sha256::ofBytes("", 0), std::string(kDigestEmpty));
    QCOMPARE(dl::Sha256::ofBytes("abc", 3), std::string(kDigestAbc));
    QCOMPARE(dl::Sha256::ofBytes(kMessage448, std::strlen(kMessage448)), std::string(kDigest448));
    const std::string millionA(1000000, 'a');
    QCOMPARE(dl::Sha256::ofBytes(millionA.data(), millionA.size()), std::string(kDigestMillionA));
}

void TestCommon::sha256IncrementalEqualsOneShot()
{
    // Chunks of awkward sizes cross the 64-byte block boundary in every way.
    const std::string millionA(1000000, 'a');
    dl::Sha256 hash;
    std::size_t offset = 0;
    std::size_t chunk = 1;
    while (offset < millionA.size()) {
        const std::size_t take = std::min(chunk, millionA.size() - offset);
        hash.update(millionA.data() + offset, take);
        offset += take;
        chunk = chunk * 7 % 131 + 1;
    }
    QCOMPARE(hash.hexDigest(), std::string(kDigestMillionA));

    dl::Sha256 text;
    text.update(std::string("ab"));
    text.update(std::string("c"));
    QCOMPARE(text.hexDigest(), std::string(kDigestAbc));
}

void TestCommon::sha256OfFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::string abcPath = dir.filePath("abc.bin").toStdString();
    writePlainFile(abcPath, "abc");
    QCOMPARE(dl::Sha256::ofFile(abcPath), std::string(kDigestAbc));

    const std::string emptyPath = dir.filePath("empty.bin").toStdString();
    writePlainFile(emptyPath, "");
    QCOMPARE(dl::Sha256::ofFile(emptyPath), std::string(kDigestEmpty));

    // Larger than the internal read chunk, so several reads are needed.
    const std::string bigPath = dir.filePath("big.bin").toStdString();
    writePlainFile(bigPath, std::string(1000000, 'a'));
    QCOMPARE(dl::Sha256::ofFile(bigPath), std::string(kDigestMillionA));
}

void TestCommon::sha256OfMissingFileNamesIt()
{
    QTemporaryDir dir;
    const std::string missing = dir.filePath("no-such-file.bin").toStdString();
    const auto error = errorOf([&] { dl::Sha256::ofFile(missing); });
    QVERIFY(error.has_value());
    QVERIFY2(error->find(missing) != std::string::npos, error->c_str());
}

void TestCommon::writeFileAtomicallyWritesAndReplaces()
{
    QTemporaryDir dir;
    const std::string target = dir.filePath("model.bin").toStdString();
    const std::string first("first\0with zero", 15);
    dl::writeFileAtomically(target, first);
    const std::vector<char> readBack = dl::readFileBytes(target);
    QCOMPARE(std::string(readBack.begin(), readBack.end()), first);

    dl::writeFileAtomically(target, "second");
    const std::vector<char> replaced = dl::readFileBytes(target);
    QCOMPARE(std::string(replaced.begin(), replaced.end()), std::string("second"));

    dl::writeFileAtomically(target, "");
    QCOMPARE(dl::readFileBytes(target).size(), std::size_t(0));

    // No temporary sibling may survive a successful write.
    QCOMPARE(entriesOf(dir.path().toStdString()), std::vector<std::string>{"model.bin"});
}

void TestCommon::writeFileAtomicallyCreatesParents()
{
    QTemporaryDir dir;
    const std::string target = dir.filePath("a/b/c/out.json").toStdString();
    dl::writeFileAtomically(target, "{}");
    const std::vector<char> bytes = dl::readFileBytes(target);
    QCOMPARE(std::string(bytes.begin(), bytes.end()), std::string("{}"));
    QCOMPARE(entriesOf(dir.filePath("a/b/c").toStdString()), std::vector<std::string>{"out.json"});
}

void TestCommon::writeFileAtomicallyUnwritableNamesPath()
{
    // A path below a regular file cannot be created, even by root.
    QTemporaryDir dir;
    const std::string regularFile = dir.filePath("plain.txt").toStdString();
    writePlainFile(regularFile, "x");

    const std::string directlyBelow = regularFile + "/out.bin";
    const auto directError = errorOf([&] { dl::writeFileAtomically(directlyBelow, "data"); });
    QVERIFY(directError.has_value());
    QVERIFY2(directError->find(regularFile) != std::string::npos, directError->c_str());

    const std::string deeper = regularFile + "/sub/out.bin";
    const auto deepError = errorOf([&] { dl::writeFileAtomically(deeper, "data"); });
    QVERIFY(deepError.has_value());
    QVERIFY2(deepError->find(regularFile) != std::string::npos, deepError->c_str());

    // Nothing was left behind next to the regular file.
    QCOMPARE(entriesOf(dir.path().toStdString()), std::vector<std::string>{"plain.txt"});
}

void TestCommon::readFileBytesRoundTrip()
{
    QTemporaryDir dir;
    const std::string path = dir.filePath("bytes.bin").toStdString();
    std::string all;
    for (int b = 0; b < 256; ++b)
        all.push_back(char(b));
    writePlainFile(path, all);
    const std::vector<char> bytes = dl::readFileBytes(path);
    QCOMPARE(std::string(bytes.begin(), bytes.end()), all);
}

void TestCommon::readFileBytesMissingNamesFile()
{
    QTemporaryDir dir;
    const std::string missing = dir.filePath("missing.cfg").toStdString();
    const auto error = errorOf([&] { dl::readFileBytes(missing); });
    QVERIFY(error.has_value());
    QVERIFY2(error->find(missing) != std::string::npos, error->c_str());
}

void TestCommon::progressSubScales()
{
    std::vector<std::pair<double, std::string>> reports;
    dl::ProgressContext root;
    root.onProgress = [&](double fraction, const dl::EngineText& stage) { reports.emplace_back(fraction, stage.text); };

    const dl::ProgressContext middle = root.sub(0.2, 0.6);
    middle.report(0.0, "start");
    middle.report(0.5, "half");
    middle.report(1.0, "end");
    // Nested: second half of the parent, then its first quarter.
    const dl::ProgressContext nested = root.sub(0.5, 1.0).sub(0.0, 0.5);
    nested.report(0.5, "nested");

    QCOMPARE(reports.size(), std::size_t(4));
    QVERIFY(std::abs(reports[0].first - 0.2) < 1e-12);
    QVERIFY(std::abs(reports[1].first - 0.4) < 1e-12);
    QVERIFY(std::abs(reports[2].first - 0.6) < 1e-12);
    QVERIFY(std::abs(reports[3].first - 0.625) < 1e-12); // 0.5 + 0.5 * (0 + 0.5 * 0.5)
    QCOMPARE(reports[1].second, std::string("half"));
    QCOMPARE(reports[3].second, std::string("nested"));

    // Metrics pass through a sub-context unchanged.
    std::vector<double> metricValues;
    root.onMetric = [&](const std::string&, int, double value) { metricValues.push_back(value); };
    root.sub(0.1, 0.2).metric("loss", 3, 0.25);
    QCOMPARE(metricValues, std::vector<double>{0.25});
}

void TestCommon::progressWithoutSinksIsHarmless()
{
    const dl::ProgressContext empty;
    const dl::ProgressContext child = empty.sub(0.3, 0.7);
    child.report(0.5, "nobody listens");
    child.metric("loss", 1, 1.0);
    child.checkCancelled(); // no token: never cancelled
    QVERIFY(!child.onProgress);
}

void TestCommon::cancelTokenStopsWork()
{
    dl::ProgressContext root;
    root.cancel = std::make_shared<dl::CancelToken>();
    const dl::ProgressContext child = root.sub(0.0, 0.5);
    child.checkCancelled();
    QVERIFY(!root.cancel->isCancelled());

    root.cancel->cancel();
    QVERIFY(child.cancel->isCancelled()); // the token is shared, not copied
    bool cancelledSeen = false;
    try {
        child.checkCancelled();
    } catch (const dl::Cancelled&) {
        cancelledSeen = true;
    }
    QVERIFY(cancelledSeen);
    // Cancelled is a dl::Error, so generic handlers still see a readable message.
    const auto message = errorOf([&] { root.checkCancelled(); });
    QVERIFY(message.has_value());
    QVERIFY(message->find("cancel") != std::string::npos);
}

void TestCommon::openBlasKernelsOlderThanTheCpuAreReplaced()
{
    const dl::CpuVectorUnits avx512{true, true, true}, avx2{true, true, false}, avx{true, false, false}, none{};
    QCOMPARE(dl::betterOpenBlasKernel("Prescott", avx512), std::string("SkylakeX"));
    QCOMPARE(dl::betterOpenBlasKernel("prescott", avx512), std::string("SkylakeX"));
    QCOMPARE(dl::betterOpenBlasKernel("Nehalem", avx2), std::string("Haswell"));
    QCOMPARE(dl::betterOpenBlasKernel("Sandybridge", avx2), std::string("Haswell"));
    QCOMPARE(dl::betterOpenBlasKernel("Core2", avx), std::string("Sandybridge"));
    // Kept: modern sets (OpenBLAS's own call, e.g. Zen on an AVX-512 CPU), a set the CPU
    // cannot beat, names of other architectures, no OpenBLAS.
    QCOMPARE(dl::betterOpenBlasKernel("Zen", avx512), std::string());
    QCOMPARE(dl::betterOpenBlasKernel("Haswell", avx512), std::string());
    QCOMPARE(dl::betterOpenBlasKernel("Sandybridge", avx), std::string());
    QCOMPARE(dl::betterOpenBlasKernel("Prescott", none), std::string());
    QCOMPARE(dl::betterOpenBlasKernel("ARMV8", avx512), std::string());
    QCOMPARE(dl::betterOpenBlasKernel("", avx512), std::string());
    // Each level the CPU reports implies the one below.
    const dl::CpuVectorUnits cpu = dl::cpuVectorUnits();
    QVERIFY(!cpu.avx512 || cpu.avx2Fma);
    QVERIFY(!cpu.avx2Fma || cpu.avx);
}

QTEST_MAIN(TestCommon)
void TestCommon::librarySettingsAddOnlyWhatTheUserLeftUnset()
{
    const dl::CpuVectorUnits avx512{true, true, true};
    int asked = 0;
    const auto oldKernels = [&asked] { ++asked; return std::string("Prescott"); };
    const auto ownKernels = [&asked] { ++asked; return std::string("Zen"); };
    auto additions = [](std::vector<std::string> entries, dl::OpenMpSpin spin, const std::function<std::string()>& choice,
                        const dl::CpuVectorUnits& cpu) {
        std::vector<char*> environment;
        for (std::string& entry : entries)
            environment.push_back(entry.data());
        environment.push_back(nullptr);
        return dl::libraryEnvironmentAdditions(environment.data(), spin, choice, cpu);
    };
    using List = std::vector<std::string>;
    QCOMPARE(additions({"HOME=/tmp", "PATH=/bin"}, dl::OpenMpSpin::Short, oldKernels, avx512),
             (List{"OMP_WAIT_POLICY=PASSIVE", "GOMP_SPINCOUNT=1000", "OPENBLAS_CORETYPE=SkylakeX"}));
    QCOMPARE(additions({}, dl::OpenMpSpin::None, ownKernels, avx512), (List{"OMP_WAIT_POLICY=PASSIVE"}));
    QCOMPARE(asked, 2);
    // The user's values stay, and OpenBLAS is not asked when its kernels are chosen already
    // (a name that merely starts like a variable is not that variable).
    QCOMPARE(additions({"OMP_WAIT_POLICY=ACTIVE", "OPENBLAS_CORETYPE=Prescott"}, dl::OpenMpSpin::Short, oldKernels,
                       avx512),
             List{});
    QCOMPARE(asked, 2);
    QCOMPARE(additions({"OMP_WAIT_POLICY_X=1", "GOMP_SPINCOUNT=0"}, dl::OpenMpSpin::Short, ownKernels, avx512),
             (List{"OMP_WAIT_POLICY=PASSIVE"}));
    QCOMPARE(additions({"OMP_WAIT_POLICY=PASSIVE"}, dl::OpenMpSpin::Short, oldKernels, dl::CpuVectorUnits{}), List{});
}

void TestCommon::privateOpenBlasCopyReportsTheLibrarysChoice()
{
    // The process's own copy, loaded the ordinary way, against the private one.
    void* own = dlopen("libblas.so.3", RTLD_NOW | RTLD_LOCAL);
    if (own == nullptr)
        QSKIP("no libblas.so.3 on this machine");
    using CoreName = char* (*)();
    const auto coreName = reinterpret_cast<CoreName>(dlsym(own, "openblas_get_corename"));
    if (coreName == nullptr) {
        dlclose(own);
        QSKIP("libblas.so.3 is not OpenBLAS here");
    }
    const std::string expected = coreName();
    dlclose(own);
    QVERIFY(!expected.empty());
    QCOMPARE(dl::openBlasKernelOf("libblas.so.3"), expected);
    QCOMPARE(dl::openBlasKernelOf("/nonexistent/libopenblas.so.0"), std::string());
    QCOMPARE(dl::openBlasKernelOf("libc.so.6"), std::string()); // loads, but is not OpenBLAS
    // This suite does not link a BLAS.
    QCOMPARE(dl::mappedOpenBlasFile(), std::string());
}

#include "tst_common.moc"
