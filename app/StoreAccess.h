#pragma once

#include "app/CommandLine.h"
#include "app/ExitCode.h"
#include "core/base/Secret.h"
#include "core/store/CertificateStore.h"
#include "core/store/Keyring.h"

#include <QString>

#include <functional>
#include <memory>

namespace Postern {
class Profile;
} // namespace Postern

namespace Postern::Cli {

/** A failed step of a command: the exit status and the one line that explains it. */
struct Failure
{
    ExitCode code;
    QString message;
};

template <typename T>
using Step = tl::expected<T, Failure>;

inline tl::unexpected<Failure> failure(ExitCode code, QString message)
{
    return tl::unexpected(Failure{code, std::move(message)});
}

Step<QByteArray> readFile(const QString &path);

/** Who may read a file a command writes. */
enum class OutputAccess {
    Umask,     // as the user's umask says: certificates, requests, protected messages
    OwnerOnly, // mode 0600 whatever the umask: private keys and decrypted content
};

/** Writes to -o/--output, or standard output, piece after piece; the file is replaced whole. */
Step<bool> writeOutput(const Invocation &invocation,
                       const QList<QByteArray> &pieces,
                       OutputAccess access = OutputAccess::Umask);

/** The first line of @p path, as a secret. */
Step<Secret> readSecretFile(const QString &path);

/** Asks on the terminal without echo; fails with @p withoutTerminal when there is none. */
Step<Secret> promptSecret(const QString &question,
                          const QString &withoutTerminal = QStringLiteral(
                                  "no terminal to ask for the passphrase; use --store-pass-file"));

/** The profile's store, with the profile's store settings (unlock timeout) applied. */
Step<std::unique_ptr<Store::CertificateStore>> openStore(const Profile &profile);

/** Where unlockStore() may look for the passphrase besides --store-pass-file. Tests replace
 *  the desktop keyring and the terminal. */
struct PassphraseSources
{
    Store::PassphraseKeyring *keyring = nullptr;                 // null: the desktop keyring
    std::function<Step<Secret>(const QString &question)> prompt; // empty: promptSecret()
};

/**
 * Unlocks (or, when @p create is set and the store has no passphrase yet, initialises) the
 * store. The passphrase comes from, in this order: --store-pass-file; the desktop keyring,
 * when the profile's store settings say it holds the passphrase (a missing or wrong entry
 * there falls through); a prompt on the terminal. The profile is the store's parent folder.
 */
Step<bool> unlockStore(Store::CertificateStore &store,
                       const Invocation &invocation,
                       bool create,
                       const PassphraseSources &sources = {});

/** The passphrase from --store-pass-file or, on a terminal, a prompt; never the keyring.
 *  Without either, the failure says how to give one. */
Step<Secret> storePassphraseFromUser(const Invocation &invocation,
                                     bool initialised,
                                     const PassphraseSources &sources = {});

/** Runs @p work where an application object exists (the keyring answers through the event
 *  loop), making a temporary one when the command runs without. */
void withApplication(const std::function<void()> &work);

} // namespace Postern::Cli
