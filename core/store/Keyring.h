#pragma once

#include "core/base/Result.h"
#include "core/base/Secret.h"

#include <QString>

namespace Postern::Store {

enum class KeyringError {
    Unavailable, // no keyring service answers (no D-Bus session, no Secret Service)
    NotFound,    // the keyring holds no entry under that key
    Denied,      // the keyring refused, or the user cancelled its prompt
    TimedOut,    // no answer in time (a prompt nobody answers, a hung service)
    Failed,
};

QString describe(KeyringError error);

/**
 * A place outside the profile where a secret can be kept for the user: the desktop keyring in
 * the program, a fake in tests. Reads and writes are synchronous; implementations bound how
 * long they wait.
 */
class PassphraseKeyring
{
public:
    virtual ~PassphraseKeyring() = default;

    virtual Result<Secret, KeyringError> read(const QString &key) = 0;
    virtual Result<bool, KeyringError> write(const QString &key, const Secret &secret) = 0;
    virtual Result<bool, KeyringError> remove(const QString &key) = 0;

protected:
    PassphraseKeyring() = default;
    PassphraseKeyring(const PassphraseKeyring &) = default;
    PassphraseKeyring &operator=(const PassphraseKeyring &) = default;
};

/**
 * The desktop keyring through QtKeychain (the Secret Service on Linux: GNOME Keyring, KWallet
 * 5.97+, KeePassXC), under the service name "org.postern.Postern". Each call waits in a local
 * event loop, so the calling thread needs a QCoreApplication; without one, or without a
 * keyring service, calls fail with KeyringError::Unavailable instead of blocking.
 */
class DesktopKeyring : public PassphraseKeyring
{
public:
    static constexpr int defaultTimeoutMs = 20000;

    explicit DesktopKeyring(int timeoutMs = defaultTimeoutMs);

    Result<Secret, KeyringError> read(const QString &key) override;
    Result<bool, KeyringError> write(const QString &key, const Secret &secret) override;
    Result<bool, KeyringError> remove(const QString &key) override;

private:
    int m_timeoutMs;
};

/** The keyring key under which the passphrase of the store in @p profileDirectory is kept:
 *  one per profile, so two profiles never share or overwrite each other's passphrase. */
QString storePassphraseKey(const QString &profileDirectory);

} // namespace Postern::Store
