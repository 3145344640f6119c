#include "Outgoing.h"

#include "core/base/Logging.h"
#include "core/calendar/Rehydration.h"
#include "core/mime/Entity.h"
#include "core/smime/SecureMessage.h"
#include "core/store/CertificateStore.h"

#include <algorithm>

namespace Postern::Smtp {

namespace {

// A reply line has room for a few names; the rest are counted.
QString someOf(const QStringList &addresses)
{
    constexpr qsizetype shown = 8;
    if (addresses.size() <= shown) {
        return addresses.join(QStringLiteral(", "));
    }
    return QStringLiteral("%1 and %2 more")
            .arg(addresses.mid(0, shown).join(QStringLiteral(", ")))
            .arg(addresses.size() - shown);
}

// A client that leaves its Bcc field in the message would, once that is encrypted, show those
// recipients to everyone who decrypts it; the upstream server can no longer remove it then.
QByteArray withoutBcc(const QByteArray &message)
{
    const Mime::EntityParts parts = Mime::splitEntity(message);
    QByteArray headers;
    qsizetype consumed = 0;
    bool removed = false;
    for (const QByteArray &field : Mime::headerFieldsOf(parts.headers)) {
        consumed += field.size();
        if (field.left(4).compare("bcc:", Qt::CaseInsensitive) == 0) {
            removed = true;
            continue;
        }
        headers += field;
    }
    if (!removed) {
        return message;
    }
    return headers + parts.headers.mid(consumed) + parts.body.toByteArray();
}

Refusal refusal(int code, const char *status, QString text)
{
    return Refusal{code, QByteArray(status), std::move(text)};
}

// The identity to sign with: the account's, or else the store's for the sender's address.
tl::expected<Crypto::Identity, Refusal> signingIdentity(const Policy::Account &account,
                                                        const QString &sender,
                                                        Store::CertificateStore &store,
                                                        const Unlocker &unlock)
{
    if (!store.isUnlocked() && unlock) {
        unlock();
    }
    if (!store.isUnlocked()) {
        return tl::unexpected(refusal(451, "4.7.0",
                                      QStringLiteral("the certificate store is locked; unlock "
                                                     "Postern so it can sign, then send again")));
    }
    if (!account.identity.isEmpty()) {
        auto identities = store.identities();
        if (identities) {
            const auto entry = store.entry(account.identity);
            for (const Crypto::Identity &identity : *identities) {
                if (entry && identity.certificate == entry->certificate) {
                    return identity;
                }
            }
        }
        return tl::unexpected(refusal(
                554, "5.7.0",
                QStringLiteral("the identity of account %1 is no longer in the certificate store")
                        .arg(account.name)));
    }
    auto identity = store.identityFor(sender);
    if (!identity) {
        return tl::unexpected(refusal(
                554, "5.7.0",
                QStringLiteral("no identity to sign as %1: import or generate one, or set the "
                               "account's identity")
                        .arg(sender)));
    }
    return *identity;
}

// The sender's own certificate, so the Sent folder copy can be read.
std::optional<Crypto::Certificate> ownCertificate(const Policy::Account &account,
                                                  const QString &sender,
                                                  const Store::CertificateStore &store)
{
    if (!account.identity.isEmpty()) {
        const auto entry = store.entry(account.identity);
        if (entry && entry->certificate.allowsEncryption()) {
            return entry->certificate;
        }
    }
    const auto entry = store.encryptionCertificateFor(sender);
    if (entry) {
        return entry->certificate;
    }
    return std::nullopt;
}

} // namespace

QString toString(Copy::Kind kind)
{
    switch (kind) {
    case Copy::Kind::Clear:
        return QStringLiteral("clear");
    case Copy::Kind::Signed:
        return QStringLiteral("signed");
    case Copy::Kind::Encrypted:
        return QStringLiteral("encrypted");
    }
    return {};
}

Outgoing prepareOutgoing(const QByteArray &message,
                         const Policy::Envelope &envelope,
                         const Policy::Account &account,
                         Store::CertificateStore &store,
                         const Unlocker &unlock)
{
    Outgoing outgoing;
    outgoing.recipients = envelope.recipients;
    auto facts = Policy::factsOf(message, envelope);
    if (!facts) {
        outgoing.refusal = refusal(
                554, "5.6.0",
                QStringLiteral("the message is not RFC 5322 mail: %1").arg(facts.error().detail));
        outgoing.decision.action = Policy::Outcome::Block;
        outgoing.decision.reason = outgoing.refusal->text;
        return outgoing;
    }
    outgoing.subject = facts->subject;
    outgoing.recipients = facts->recipients;
    // Decisions use normalised addresses; upstream gets each recipient as the client wrote it,
    // because a local part may be case-sensitive (RFC 5321 2.4).
    QHash<QString, QString> spelling;
    for (const QString &recipient : envelope.recipients) {
        spelling.insert(Policy::normaliseAddress(recipient), recipient);
    }
    const auto asWritten = [&spelling](const QStringList &addresses) {
        QStringList written;
        for (const QString &address : addresses) {
            written.append(spelling.value(address, address));
        }
        return written;
    };

    const Store::CertificateStore &certificates = store;
    outgoing.decision =
            Policy::decide(account.policy, *facts, [&certificates](const QString &address) {
                return certificates.encryptionCertificateFor(address).has_value();
            });
    const Policy::Decision &decision = outgoing.decision;
    if (decision.action == Policy::Outcome::Block) {
        outgoing.refusal = refusal(550, "5.7.1", decision.reason);
        return outgoing;
    }
    if (decision.mustRefuse()) {
        outgoing.refusal = refusal(
                550, "5.7.1",
                QStringLiteral("not sent: the policy of %1 requires encryption (rule \"%2\") and "
                               "there is no usable certificate for %3")
                        .arg(account.name, decision.rule,
                             someOf(decision.recipientsWithoutCertificate)));
        return outgoing;
    }

    QByteArray body = message;
    if (decision.convertInvitation) {
        auto converted = Calendar::convertToIcsAttachment(message);
        if (converted) {
            body = *converted;
        } else {
            qCWarning(lcSmtp) << "the invitation could not be converted:"
                              << converted.error().detail;
        }
    }

    const bool signs = decision.action == Policy::Outcome::Sign
                       || decision.action == Policy::Outcome::SignEncrypt;
    std::optional<Crypto::Identity> signer;
    if (signs) {
        auto identity = signingIdentity(account, facts->sender, store, unlock);
        if (!identity) {
            outgoing.refusal = identity.error();
            return outgoing;
        }
        signer = *identity;
        // The signature vouches for the From: field. A message that claims an author who is
        // neither the account nor the signing certificate would go out signed by the user for
        // somebody else.
        const QStringList vouched = signer->certificate.emailAddresses();
        for (const QString &author : std::as_const(facts->fromAddresses)) {
            const bool ours = account.hasAddress(author)
                              || std::any_of(vouched.cbegin(), vouched.cend(),
                                             [&author](const QString &address) {
                                                 return Policy::normaliseAddress(address) == author;
                                             });
            if (!ours) {
                outgoing.refusal =
                        refusal(550, "5.7.1",
                                QStringLiteral("not sent: the message says it is from %1, which is "
                                               "neither an address of the account %2 nor of its "
                                               "signing certificate, and Postern signs only the "
                                               "account's own mail")
                                        .arg(author, account.name));
                return outgoing;
            }
        }
    }

    const auto plainCopy = [&](const QStringList &recipients) -> std::optional<Refusal> {
        if (recipients.isEmpty()) {
            return std::nullopt;
        }
        if (!signer) {
            outgoing.copies.append(Copy{Copy::Kind::Clear, asWritten(recipients), body});
            return std::nullopt;
        }
        auto signedMessage = Smime::signMessage(body, *signer, Smime::SignMode::Detached);
        if (!signedMessage) {
            return refusal(554, "5.7.0",
                           QStringLiteral("signing failed: %1").arg(signedMessage.error().detail));
        }
        outgoing.copies.append(Copy{Copy::Kind::Signed, asWritten(recipients), *signedMessage});
        return std::nullopt;
    };

    if (decision.action == Policy::Outcome::Clear || decision.action == Policy::Outcome::Sign) {
        if (auto failed = plainCopy(facts->recipients)) {
            outgoing.refusal = failed;
            outgoing.copies.clear();
        }
        return outgoing;
    }

    // Encrypting. Each group of recipients gets one copy; Bcc recipients a group of their own.
    const std::optional<Crypto::Certificate> own = ownCertificate(account, facts->sender, store);
    QList<QStringList> groups;
    QStringList visible;
    for (const QString &recipient : facts->recipients) {
        if (decision.clearRecipients.contains(recipient)) {
            continue;
        }
        if (facts->visibleRecipients.contains(recipient)) {
            visible.append(recipient);
        } else {
            groups.append(QStringList{recipient});
        }
    }
    if (!visible.isEmpty()) {
        groups.prepend(visible);
    }
    for (const QStringList &group : std::as_const(groups)) {
        QList<Crypto::Certificate> recipients;
        for (const QString &address : group) {
            const auto entry = store.encryptionCertificateFor(address);
            if (!entry) {
                // The decision saw a certificate a moment ago; never fall back to clear.
                outgoing.copies.clear();
                outgoing.refusal = refusal(
                        451, "4.7.0",
                        QStringLiteral("the certificate for %1 is no longer usable").arg(address));
                return outgoing;
            }
            recipients.append(entry->certificate);
        }
        if (own && !recipients.contains(*own)) {
            recipients.append(*own);
        }
        const QByteArray content = withoutBcc(body);
        auto encrypted = signer ? Smime::signAndEncryptMessage(content, *signer, recipients, {})
                                : Smime::encryptMessage(content, recipients, {});
        if (!encrypted) {
            outgoing.copies.clear();
            outgoing.refusal =
                    refusal(554, "5.7.0",
                            QStringLiteral("encryption failed: %1").arg(encrypted.error().detail));
            return outgoing;
        }
        outgoing.copies.append(Copy{Copy::Kind::Encrypted, asWritten(group), *encrypted});
    }
    if (auto failed = plainCopy(decision.clearRecipients)) {
        outgoing.copies.clear();
        outgoing.refusal = failed;
    }
    return outgoing;
}

} // namespace Postern::Smtp
