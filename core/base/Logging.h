#pragma once

#include <QLoggingCategory>
#include <QString>

Q_DECLARE_LOGGING_CATEGORY(lcCore)
Q_DECLARE_LOGGING_CATEGORY(lcMime)
Q_DECLARE_LOGGING_CATEGORY(lcCrypto)
Q_DECLARE_LOGGING_CATEGORY(lcStore)
Q_DECLARE_LOGGING_CATEGORY(lcCalendar)
Q_DECLARE_LOGGING_CATEGORY(lcPolicy)
Q_DECLARE_LOGGING_CATEGORY(lcSmtp)
Q_DECLARE_LOGGING_CATEGORY(lcImap)
Q_DECLARE_LOGGING_CATEGORY(lcUi)

namespace Postern::Logging {

/** Size at which the log file is rotated, and how many old files are kept. */
constexpr qint64 rotateAtBytes = qint64{2} * 1024 * 1024;
constexpr int keptFiles = 5;

/**
 * Sends every Qt log message to standard error and to `postern.log` in @p logDirectory
 * (rotated by size). Debug messages of the postern.* categories are enabled only when
 * @p verbose is set. Callable once per process; later calls only change the filter.
 */
void install(const QString &logDirectory, bool verbose);

/** Restores Qt's default handler and closes the log file. */
void uninstall();

/** The current log file, empty before install(). */
QString logFilePath();

/** Replaces credentials in a protocol line (IMAP LOGIN/AUTHENTICATE, SMTP AUTH) so it can be
 *  logged. Anything after a recognised auth verb is masked. */
QByteArray maskCredentials(const QByteArray &protocolLine);

} // namespace Postern::Logging
