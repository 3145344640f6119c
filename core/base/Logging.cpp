#include "Logging.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QMutex>
#include <QMutexLocker>

#include <cstdio>
#include <memory>

Q_LOGGING_CATEGORY(lcCore, "postern.core", QtInfoMsg)
Q_LOGGING_CATEGORY(lcMime, "postern.mime", QtInfoMsg)
Q_LOGGING_CATEGORY(lcCrypto, "postern.crypto", QtInfoMsg)
Q_LOGGING_CATEGORY(lcStore, "postern.store", QtInfoMsg)
Q_LOGGING_CATEGORY(lcCalendar, "postern.calendar", QtInfoMsg)
Q_LOGGING_CATEGORY(lcPolicy, "postern.policy", QtInfoMsg)
Q_LOGGING_CATEGORY(lcSmtp, "postern.smtp", QtInfoMsg)
Q_LOGGING_CATEGORY(lcImap, "postern.imap", QtInfoMsg)
Q_LOGGING_CATEGORY(lcUi, "postern.ui", QtInfoMsg)

namespace Postern::Logging {

namespace {

struct Sink
{
    QMutex mutex;
    QString path;
    std::unique_ptr<QFile> file;
    QtMessageHandler previous = nullptr;
    bool installed = false;
};

Sink &sink()
{
    static Sink instance;
    return instance;
}

const char *levelName(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg:
        return "debug";
    case QtInfoMsg:
        return "info";
    case QtWarningMsg:
        return "warning";
    case QtCriticalMsg:
        return "critical";
    case QtFatalMsg:
        return "fatal";
    }
    return "unknown";
}

// Rotation renames postern.log to postern.log.1 and shifts the older ones up; the oldest falls
// off. Called with the sink's mutex held.
void rotateIfNeeded(Sink &s)
{
    if (!s.file || s.file->size() < rotateAtBytes) {
        return;
    }
    s.file->close();
    QFile::remove(s.path + QLatin1Char('.') + QString::number(keptFiles));
    for (int index = keptFiles - 1; index >= 1; --index) {
        QFile::rename(s.path + QLatin1Char('.') + QString::number(index),
                      s.path + QLatin1Char('.') + QString::number(index + 1));
    }
    QFile::rename(s.path, s.path + QLatin1String(".1"));
    if (!s.file->open(QIODevice::WriteOnly | QIODevice::Append)) {
        s.file.reset();
    }
}

void handler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    const QByteArray line = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs).toUtf8()
                            + ' ' + levelName(type) + ' '
                            + (context.category != nullptr ? context.category : "default") + ": "
                            + message.toUtf8() + '\n';

    (void)std::fwrite(line.constData(), 1, static_cast<size_t>(line.size()), stderr);

    Sink &s = sink();
    QMutexLocker locker(&s.mutex);
    if (s.file) {
        s.file->write(line);
        s.file->flush();
        rotateIfNeeded(s);
    }
}

} // namespace

void install(const QString &logDirectory, bool verbose)
{
    QLoggingCategory::setFilterRules(verbose ? QStringLiteral("postern.*.debug=true")
                                             : QStringLiteral("postern.*.debug=false"));

    Sink &s = sink();
    QMutexLocker locker(&s.mutex);
    if (s.installed) {
        return;
    }

    if (!logDirectory.isEmpty() && QDir().mkpath(logDirectory)) {
        s.path = logDirectory + QLatin1String("/postern.log");
        auto file = std::make_unique<QFile>(s.path);
        if (file->open(QIODevice::WriteOnly | QIODevice::Append)) {
            file->setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
            s.file = std::move(file);
        }
    }
    s.previous = qInstallMessageHandler(handler);
    s.installed = true;
}

void uninstall()
{
    Sink &s = sink();
    QMutexLocker locker(&s.mutex);
    if (!s.installed) {
        return;
    }
    qInstallMessageHandler(s.previous);
    s.file.reset();
    s.path.clear();
    s.installed = false;
}

QString logFilePath()
{
    Sink &s = sink();
    QMutexLocker locker(&s.mutex);
    return s.path;
}

QByteArray maskCredentials(const QByteArray &protocolLine)
{
    const QList<QByteArray> words = protocolLine.trimmed().split(' ');
    // IMAP: "tag LOGIN user pass" / "tag AUTHENTICATE PLAIN data"; SMTP: "AUTH PLAIN data".
    for (int index = 0; index < words.size() && index < 2; ++index) {
        const QByteArray verb = words.at(index).toUpper();
        if (verb == "LOGIN" || verb == "AUTHENTICATE" || verb == "AUTH") {
            QByteArray masked;
            for (int kept = 0; kept <= index; ++kept) {
                masked += words.at(kept) + ' ';
            }
            return masked + "***";
        }
    }
    return protocolLine;
}

} // namespace Postern::Logging
