#pragma once

#include <QDir>
#include <QFileInfo>
#include <QString>
#include <QTest>

namespace Postern::Test {

inline QString corpusDirectory()
{
    return QDir::cleanPath(QStringLiteral(POSTERN_CORPUS_DIR));
}

inline QString corpusFile(const QString &relative)
{
    return corpusDirectory() + QLatin1Char('/') + relative;
}

inline bool runningInCi()
{
    return !qEnvironmentVariableIsEmpty("CI");
}

} // namespace Postern::Test

// The shared corpus sits beside the checkout in CI but not in a user's fresh clone: there the
// tests that need it skip and say why; in CI its absence is a failure.
#define POSTERN_REQUIRE_CORPUS()                                                \
    do {                                                                        \
        if (!QFileInfo(Postern::Test::corpusDirectory()).isDir()) {             \
            if (Postern::Test::runningInCi()) {                                 \
                QFAIL(qPrintable(QStringLiteral("test corpus missing at ")      \
                                 + Postern::Test::corpusDirectory()));          \
            }                                                                   \
            QSKIP(qPrintable(QStringLiteral("test corpus not found at ")        \
                             + Postern::Test::corpusDirectory()                 \
                             + QStringLiteral(" (set -DPOSTERN_CORPUS_DIR)"))); \
        }                                                                       \
    } while (false)
