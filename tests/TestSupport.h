#pragma once

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QString>
#include <QTest>

#include <sys/stat.h>

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

// Puts at @p path something that exists but cannot be read as a store file, for root too (who
// reads past permission bits): "directory", "dangling link", "fifo" or "file" (for a folder).
inline bool makeUnreadable(const QString &path, const QString &how)
{
    const QFileInfo info(path);
    const bool removed = info.isDir() && !info.isSymLink() ? QDir(path).removeRecursively()
                                                           : QFile::remove(path);
    if (!removed) {
        return false;
    }
    if (how == QLatin1String("directory")) {
        return QDir().mkdir(path);
    }
    if (how == QLatin1String("dangling link")) {
        return QFile::link(QStringLiteral("/nonexistent/postern-test"), path);
    }
    if (how == QLatin1String("fifo")) {
        return ::mkfifo(QFile::encodeName(path).constData(), 0600) == 0;
    }
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write("not a folder") == 12;
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
