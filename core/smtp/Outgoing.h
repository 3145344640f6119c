#pragma once

#include "core/policy/Account.h"
#include "core/policy/PolicyEngine.h"

#include <QByteArray>
#include <QList>
#include <QStringList>

#include <functional>
#include <optional>

namespace Postern::Store {
class CertificateStore;
} // namespace Postern::Store

namespace Postern::Smtp {

/** One message to hand upstream, and the envelope recipients it goes to. */
struct Copy
{
    enum class Kind {
        Clear,
        Signed,
        Encrypted,
    };

    Kind kind = Kind::Clear;
    QStringList recipients;
    QByteArray message;
};

/** Why a message is not sent, as an SMTP reply: the client keeps the message on a 4xx and
 *  retries, and shows the text of a 5xx to the user. */
struct Refusal
{
    int code = 554;
    QByteArray status; // enhanced status code (RFC 3463), e.g. 5.7.1
    QString text;
};

/** What the policy made of one outgoing message. */
struct Outgoing
{
    Policy::Decision decision;
    QList<Copy> copies;
    std::optional<Refusal> refusal;
    QString subject;
    QStringList recipients;
};

/**
 * Applies @p account's policy to a message the mail client submitted and builds what goes
 * upstream. Encrypted copies are encrypted to each recipient's certificate and to the sender's
 * own, so that the Sent folder stays readable; a recipient who is in the envelope but not in
 * To or Cc (Bcc) gets a copy of its own, so the others cannot see them among the encrypted
 * message's recipients. Nothing the policy says to encrypt ever leaves in clear: a missing
 * certificate, a locked store or a failed encryption turns into a refusal.
 */
/** Unlocks the store without asking anyone (a passphrase file, the keyring); false if it
 *  cannot. Signing calls it when the unlock timeout locked the store. */
using Unlocker = std::function<bool()>;

Outgoing prepareOutgoing(const QByteArray &message,
                         const Policy::Envelope &envelope,
                         const Policy::Account &account,
                         Store::CertificateStore &store,
                         const Unlocker &unlock = {});

QString toString(Copy::Kind kind);

} // namespace Postern::Smtp
