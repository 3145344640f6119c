#pragma once

#include "core/policy/MessageFacts.h"
#include "core/policy/Policy.h"

#include <QJsonObject>

#include <functional>

namespace Postern::Policy {

/** Whether an address has a certificate Postern could encrypt to (valid, trusted, allowing
 *  encryption). The proxies back it with the certificate store; tests with a plain list. */
using CertificateCheck = std::function<bool(const QString &address)>;

/** The action a decision ends in, as the proxies carry it out. */
enum class Outcome {
    Encrypt,
    Sign,
    SignEncrypt,
    Clear,
    Block,
};

QString toString(Outcome outcome);

/** One rule as the engine tried it, for the activity view's "why". */
struct RuleTrace
{
    QString rule;
    bool matched = false;
    QString why;
};

struct Decision
{
    Outcome action = Outcome::Encrypt;
    bool convertInvitation = false;           // the invitation becomes an .ics attachment first
    QString rule;                             // the rule that decided, or "default"
    QString reason;                           // for a block, the text the user sees
    QStringList recipientsWithoutCertificate; // when encrypting: who cannot be encrypted to
    QStringList clearRecipients;              // "encrypt when possible", split: sent in clear
    QList<RuleTrace> trail;

    /** The proxies refuse rather than send anything in clear that should have been encrypted. */
    bool mustRefuse() const
    {
        return action == Outcome::Block
               || ((action == Outcome::Encrypt || action == Outcome::SignEncrypt)
                   && !recipientsWithoutCertificate.isEmpty());
    }
};

/** The name a decision gives when no rule matched and the default action decided. */
QString defaultRuleName();

/** Applies @p policy to a message: the first enabled rule whose conditions hold decides. */
Decision decide(const Policy &policy, const MessageFacts &facts, const CertificateCheck &check);

QJsonObject toJson(const Decision &decision);

} // namespace Postern::Policy
