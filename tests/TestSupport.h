#pragma once
// Helpers shared by the Qt Test suites: where the shared data lives and how to
// skip clearly when it is absent.
#include <QFileInfo>
#include <QString>
#include <QTest>

namespace dltest {

inline QString sharedPath(const QString& relative)
{
    return QStringLiteral(DL_SHARED_DIR) + QLatin1Char('/') + relative;
}

inline bool sharedExists(const QString& relative)
{
    return QFileInfo::exists(sharedPath(relative));
}

// How much slower this build runs than a plain one: AddressSanitizer builds
// (installer/sanitize.sh) get their few wall-clock limits stretched by it.
constexpr int sanitizerSlowdown()
{
#if defined(__SANITIZE_ADDRESS__)
    return 5;
#else
    return 1;
#endif
}

} // namespace dltest

// Skips the current test with a message naming the missing shared resource.
#define DL_REQUIRE_SHARED(relative)                                                                        \
    do {                                                                                                   \
        if (!dltest::sharedExists(relative))                                                               \
            QSKIP(qPrintable(QStringLiteral("shared resource absent: ") + dltest::sharedPath(relative)     \
                             + QStringLiteral(" (real-data test skipped)")));                              \
    } while (0)
