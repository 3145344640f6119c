#pragma once

#include "core/base/Result.h"
#include "core/store/CertificateStore.h"

#include <QString>

namespace Postern {
class Profile;
} // namespace Postern

namespace Postern::Store {

/**
 * What the user chose for the profile's certificate store, kept in the profile's
 * `config/store.ini` (group `store`) so the window, the headless service and every `postern`
 * command read the same values:
 *
 * - `unlockTimeout`: seconds the store stays unlocked after the passphrase was given; 0 keeps
 *   it unlocked until the program ends. Default 900 (15 minutes).
 * - `passphraseInKeyring`: whether the passphrase was put into the desktop keyring
 *   (see Keyring.h) and is to be taken from there before the user is asked.
 * - `cache/imapOnDisk` and `cache/imapOnDiskMegabytes`: whether the IMAP proxies keep
 *   decrypted messages between runs, sealed under a key from the store (see DiskCache), and
 *   how much disk that may take. Off by default; 1024 MB.
 *
 * Missing or unreadable values fall back to the defaults; a negative timeout is taken as 0.
 */
struct StoreSettings
{
    static constexpr int defaultUnlockTimeout = 15 * 60;

    static constexpr int defaultDiskCacheMegabytes = 1024;

    int unlockTimeout = defaultUnlockTimeout;
    bool passphraseInKeyring = false;
    bool diskCache = false;
    int diskCacheMegabytes = defaultDiskCacheMegabytes;

    /** The settings file of @p profile, or of the profile in @p profileDirectory. */
    static QString filePath(const Profile &profile);
    static QString filePath(const QString &profileDirectory);

    static StoreSettings load(const QString &file);

    /** Writes every value; the file keeps any other group or key it holds. */
    Result<bool, StoreError> save(const QString &file) const;
};

/** Opens the store of @p profile with its settings applied (the unlock timeout). */
Result<std::unique_ptr<CertificateStore>, StoreError> openProfileStore(const Profile &profile);

} // namespace Postern::Store
