#pragma once

#include "app/CommandLine.h"
#include "app/ExitCode.h"
#include "core/base/Secret.h"
#include "core/store/CertificateStore.h"

#include <QString>

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

/** Writes to -o/--output, or standard output, piece after piece. */
Step<bool> writeOutput(const Invocation &invocation, const QList<QByteArray> &pieces);

/** The first line of @p path, as a secret. */
Step<Secret> readSecretFile(const QString &path);

/** Asks on the terminal without echo; fails when there is no terminal. */
Step<Secret> promptSecret(const QString &question);

Step<std::unique_ptr<Store::CertificateStore>> openStore(const Profile &profile);

/** Unlocks (or, when @p create is set and the store has no passphrase yet, initialises) the
 *  store with the passphrase from --store-pass-file or, on a terminal, a prompt. */
Step<bool> unlockStore(Store::CertificateStore &store, const Invocation &invocation, bool create);

} // namespace Postern::Cli
