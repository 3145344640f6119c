#include "Profile.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLockFile>
#include <QSaveFile>
#include <QStandardPaths>
#include <QSysInfo>
#include <QTemporaryFile>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace Postern {

namespace {

const QLatin1String markerName("profile.json");

const QLatin1String formatKey("format");

/**
 * Whether a process holds the lock file at @p path now. QLockFile keeps an flock() on it for as
 * long as the lock is taken, so this does not depend on the process number written in it.
 */
bool isHeld(const QString &path)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return false;
    }
    const bool free = ::flock(fd, LOCK_SH | LOCK_NB) == 0;
    if (free) {
        ::flock(fd, LOCK_UN);
    }
    ::close(fd);
    return !free;
}

const QLatin1String creationLockName(".profile-create.lock");
constexpr int creationWaitMs = 10000;
const QLatin1String probePrefix(".write-probe-");

// What processes opening a new profile leave in it meanwhile: the creation lock and the probes
// of isWritableDirectory().
bool holdsOnlyCreationFiles(const QString &directory)
{
    const QStringList entries =
            QDir(directory).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden);
    return std::all_of(entries.cbegin(), entries.cend(), [](const QString &name) {
        return name.startsWith(creationLockName) || name.startsWith(probePrefix);
    });
}

bool isWritableDirectory(const QString &directory)
{
    QTemporaryFile probe(directory + QLatin1Char('/') + probePrefix + QLatin1String("XXXXXX"));
    return probe.open();
}

Result<bool, ProfileError> checkMarker(const QString &markerPath)
{
    QFile marker(markerPath);
    if (!marker.open(QIODevice::ReadOnly)) {
        return fail(ProfileError::Corrupt,
                    QStringLiteral("cannot read %1: %2").arg(markerPath, marker.errorString()));
    }

    QJsonParseError parseError{};
    const QJsonDocument document =
            QJsonDocument::fromJson(marker.read(qint64{64} * 1024), &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        return fail(ProfileError::Corrupt, QStringLiteral("%1 is not valid JSON (%2)")
                                                   .arg(markerPath, parseError.errorString()));
    }

    const int version = document.object().value(formatKey).toInt(0);
    if (version <= 0) {
        return fail(ProfileError::Corrupt,
                    QStringLiteral("%1 has no format version").arg(markerPath));
    }
    if (version > Profile::formatVersion) {
        return fail(
                ProfileError::NewerVersion,
                QStringLiteral("%1 was written by a newer Postern (format %2, this one reads %3)")
                        .arg(markerPath)
                        .arg(version)
                        .arg(Profile::formatVersion));
    }
    return true;
}

Result<bool, ProfileError> writeMarker(const QString &markerPath)
{
    QSaveFile marker(markerPath);
    if (!marker.open(QIODevice::WriteOnly)) {
        return fail(ProfileError::NotWritable,
                    QStringLiteral("cannot write %1: %2").arg(markerPath, marker.errorString()));
    }

    QJsonObject object;
    object.insert(formatKey, Profile::formatVersion);
    marker.write(QJsonDocument(object).toJson());
    if (!marker.commit()) {
        return fail(ProfileError::NotWritable,
                    QStringLiteral("cannot write %1: %2").arg(markerPath, marker.errorString()));
    }
    return true;
}

} // namespace

Profile::Profile(QString directory)
    : m_directory(std::move(directory))
{
}

QString Profile::locate(const QString &explicitDirectory)
{
    QString chosen = explicitDirectory;
    if (chosen.isEmpty()) {
        chosen = qEnvironmentVariable("POSTERN_PROFILE");
    }
    if (chosen.isEmpty()) {
        chosen = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    }
    return QDir::cleanPath(QFileInfo(chosen).absoluteFilePath());
}

Result<Profile, ProfileError> Profile::open(const QString &directory)
{
    const QFileInfo info(directory);
    if (info.exists() && !info.isDir()) {
        return fail(ProfileError::NotADirectory,
                    QStringLiteral("profile %1 is not a directory").arg(directory));
    }

    if (!info.exists()) {
        if (!QDir().mkpath(directory)) {
            return fail(ProfileError::CannotCreate,
                        QStringLiteral("cannot create profile directory %1").arg(directory));
        }
        QFile::setPermissions(directory, QFileDevice::ReadOwner | QFileDevice::WriteOwner
                                                 | QFileDevice::ExeOwner);
    }

    if (!QFileInfo(directory).isReadable() || !isWritableDirectory(directory)) {
        return fail(
                ProfileError::NotWritable,
                QStringLiteral("profile directory %1 is not readable and writable").arg(directory));
    }

    const QString markerPath = directory + QLatin1Char('/') + markerName;
    if (QFileInfo::exists(markerPath)) {
        auto checked = checkMarker(markerPath);
        if (!checked) {
            return tl::unexpected(checked.error());
        }
    } else {
        // Commands started together on a new profile (a script adding accounts in parallel) all
        // get here: one makes the profile under this lock; the others wait and find its marker.
        QLockFile creating(directory + QLatin1Char('/') + creationLockName);
        if (!creating.tryLock(creationWaitMs)) {
            return fail(ProfileError::AlreadyInUse,
                        QStringLiteral("profile %1 is being created by another process")
                                .arg(directory));
        }
        if (QFileInfo::exists(markerPath)) {
            auto checked = checkMarker(markerPath);
            if (!checked) {
                return tl::unexpected(checked.error());
            }
            return Profile(directory);
        }
        if (!holdsOnlyCreationFiles(directory)) {
            // A directory with content but no marker is someone else's data, or a profile whose
            // marker was lost; either way taking it over could destroy files.
            return fail(ProfileError::Corrupt,
                        QStringLiteral("%1 is not empty and is not a Postern profile (no %2)")
                                .arg(directory, markerName));
        }
        for (const char *sub : {"logs", "store", "config"}) {
            if (!QDir(directory).mkpath(QLatin1String(sub))) {
                return fail(
                        ProfileError::CannotCreate,
                        QStringLiteral("cannot create %1/%2").arg(directory, QLatin1String(sub)));
            }
        }
        auto written = writeMarker(markerPath);
        if (!written) {
            return tl::unexpected(written.error());
        }
    }

    return Profile(directory);
}

QString Profile::filePath(const QString &relative) const
{
    return m_directory + QLatin1Char('/') + relative;
}

QString Profile::logDirectory() const
{
    return filePath(QStringLiteral("logs"));
}

ProfileLock::ProfileLock(std::unique_ptr<QLockFile> lock)
    : m_lock(std::move(lock))
{
}

ProfileLock::~ProfileLock() = default;

Result<std::unique_ptr<ProfileLock>, ProfileError> ProfileLock::acquire(const Profile &profile)
{
    auto lock = std::make_unique<QLockFile>(profile.filePath(QStringLiteral("postern.lock")));
    lock->setStaleLockTime(0);
    // A lock file left by a process killed outright may name a number the system has since
    // given to another Postern; nobody holds it, so it is stale all the same.
    const bool taken = lock->tryLock(0) || (lock->removeStaleLockFile() && lock->tryLock(0));
    if (!taken) {
        qint64 pid = 0;
        QString host;
        QString application;
        lock->getLockInfo(&pid, &host, &application);
        return fail(ProfileError::AlreadyInUse,
                    QStringLiteral("profile %1 is already in use by process %2")
                            .arg(profile.directory())
                            .arg(pid));
    }
    return std::unique_ptr<ProfileLock>(new ProfileLock(std::move(lock)));
}

std::optional<qint64> ProfileLock::holder(const Profile &profile)
{
    const QString path = profile.filePath(QStringLiteral("postern.lock"));
    if (!isHeld(path)) {
        return std::nullopt;
    }
    const QLockFile lock(path);
    qint64 pid = 0;
    QString host;
    QString application;
    if (!lock.getLockInfo(&pid, &host, &application) || pid <= 0
        || host != QSysInfo::machineHostName()
        || application != QCoreApplication::applicationName()) {
        return std::nullopt;
    }
    // A lock left by a crashed process names a process that is gone, or a number since given
    // to another program.
    if (::kill(static_cast<pid_t>(pid), 0) != 0 && errno != EPERM) {
        return std::nullopt;
    }
    QFile command(QStringLiteral("/proc/%1/comm").arg(pid));
    if (command.open(QIODevice::ReadOnly)
        && !command.readAll().trimmed().startsWith(
                QCoreApplication::applicationName().toUtf8().left(15))) {
        return std::nullopt;
    }
    return pid;
}

QString describe(ProfileError error)
{
    switch (error) {
    case ProfileError::NotADirectory:
        return QStringLiteral("not a directory");
    case ProfileError::CannotCreate:
        return QStringLiteral("cannot create");
    case ProfileError::NotWritable:
        return QStringLiteral("not writable");
    case ProfileError::Corrupt:
        return QStringLiteral("not a valid profile");
    case ProfileError::NewerVersion:
        return QStringLiteral("made by a newer version");
    case ProfileError::AlreadyInUse:
        return QStringLiteral("already in use");
    }
    return QStringLiteral("unknown error");
}

} // namespace Postern
