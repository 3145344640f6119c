#pragma once

#include "core/base/Result.h"

#include <QString>

#include <memory>
#include <optional>

class QLockFile;

namespace Postern {

enum class ProfileError {
    NotADirectory,
    CannotCreate,
    NotWritable,
    Corrupt,
    NewerVersion,
    AlreadyInUse,
};

/**
 * The directory that holds everything Postern keeps for one user: configuration, certificate
 * store, logs. Tests and scripts point it elsewhere with --profile or POSTERN_PROFILE, so they
 * never touch a real user's data.
 *
 * A profile is created complete or not at all: the marker file that makes a directory a profile
 * is written last and atomically, so an interrupted first start leaves nothing half-made.
 */
class Profile
{
public:
    static constexpr int formatVersion = 1;

    /** The directory chosen by, in order: the explicit value, POSTERN_PROFILE, the platform's
     *  application data location. Relative paths are made absolute. */
    static QString locate(const QString &explicitDirectory);

    /** Opens the profile at @p directory, creating it (mode 0700) when it does not exist. */
    static Result<Profile, ProfileError> open(const QString &directory);

    QString directory() const { return m_directory; }

    QString filePath(const QString &relative) const;

    QString logDirectory() const;

private:
    explicit Profile(QString directory);

    QString m_directory;
};

/**
 * Holds the profile's instance lock for as long as it lives, so two processes never serve the
 * same profile's ports or write its files at once. A lock left by a crashed process is stale
 * and taken over.
 */
class ProfileLock
{
public:
    static Result<std::unique_ptr<ProfileLock>, ProfileError> acquire(const Profile &profile);

    /**
     * The process that serves @p profile now (the window or --headless on this machine), read
     * from its lock without taking it; nothing when none does or the lock is stale.
     */
    static std::optional<qint64> holder(const Profile &profile);

    ~ProfileLock();

    ProfileLock(const ProfileLock &) = delete;
    ProfileLock &operator=(const ProfileLock &) = delete;

private:
    explicit ProfileLock(std::unique_ptr<QLockFile> lock);

    std::unique_ptr<QLockFile> m_lock;
};

QString describe(ProfileError error);

} // namespace Postern
