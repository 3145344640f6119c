#include "Incoming.h"

#include "core/calendar/Invitation.h"
#include "core/calendar/Rehydration.h"
#include "core/imap/MessageView.h"
#include "core/mime/Entity.h"
#include "core/policy/Account.h"
#include "core/policy/MessageFacts.h"
#include "core/policy/PolicyEngine.h"
#include "core/store/CertificateStore.h"

#include <QLocale>
#include <QTimeZone>

namespace Postern::Imap {

namespace {

QString layerText(const Smime::Layer &layer)
{
    switch (layer.kind) {
    case Smime::LayerKind::Encrypted:
        if (!layer.opened) {
            return QStringLiteral("encrypted: not decrypted, %1").arg(layer.problem);
        }
        return QStringLiteral("encrypted (%1)").arg(layer.decryption.contentCipher);
    case Smime::LayerKind::Signed: {
        QString text = QStringLiteral("signed: %1").arg(Crypto::describe(layer.signature.status));
        if (!layer.signature.signers.isEmpty()
            && !layer.signature.signers.constFirst().certificate.isNull()) {
            const Crypto::Certificate &signer = layer.signature.signers.constFirst().certificate;
            const QStringList addresses = signer.emailAddresses();
            text += QStringLiteral(", by %1").arg(signer.commonName());
            if (!addresses.isEmpty()) {
                text += QStringLiteral(" <%1>").arg(addresses.constFirst());
            }
        }
        return text;
    }
    case Smime::LayerKind::Compressed:
        return layer.opened ? QStringLiteral("compressed")
                            : QStringLiteral("compressed: %1").arg(layer.problem);
    }
    return {};
}

QString firstProblem(const Smime::ReadResult &result)
{
    for (const Smime::Layer &layer : result.layers) {
        if (!layer.opened) {
            return layer.problem;
        }
    }
    return QStringLiteral("a security layer could not be removed");
}

QString invitationSummary(const QByteArray &entity)
{
    for (const Calendar::CalendarPart &part : Calendar::findCalendarParts(entity)) {
        if (!part.live) {
            continue;
        }
        const Calendar::Invitation invitation = Calendar::parseInvitation(part.calendar);
        const Calendar::Event *event = invitation.mainEvent();
        QString text = invitation.method.isEmpty() ? part.method : invitation.method;
        if (event != nullptr) {
            text += QStringLiteral(": ") + event->summary;
            if (event->start.isValid()) {
                text += QStringLiteral(", ")
                        + QLocale::c().toString(
                                event->start.toTimeZone(QTimeZone::systemTimeZone()),
                                QStringLiteral("d MMMM yyyy HH:mm"));
            }
        }
        return text;
    }
    return {};
}

void describeMessage(ActivityEvent &event, const QByteArray &message)
{
    const auto facts = Policy::factsOf(message);
    if (facts) {
        event.subject = facts->subject;
        event.sender = facts->sender;
        event.recipients = facts->visibleRecipients;
    }
}

} // namespace

bool looksEncrypted(const QByteArray &headerBlock)
{
    // Asked for every message of every FETCH: most are clear, and a header block that names
    // neither type nor file is not worth a parser.
    const QByteArray lower = headerBlock.toLower();
    if (!lower.contains("pkcs7-mime") && !lower.contains(".p7m")) {
        return false;
    }
    const Mime::EntityHeaders headers = Mime::parseHeaders(headerBlock);
    const QByteArray smimeType = headers.smimeType.toLower();
    if (headers.mimeType == "application/pkcs7-mime"
        || headers.mimeType == "application/x-pkcs7-mime") {
        // Opaque signed data and certificate bundles are not encrypted; no smime-type at all is
        // what some gateways write for enveloped data.
        return smimeType != "signed-data" && smimeType != "certs-only"
               && smimeType != "compressed-data";
    }
    if (headers.mimeType == "application/octet-stream") {
        return headers.fileName.endsWith(QLatin1String(".p7m"), Qt::CaseInsensitive);
    }
    return false;
}

bool carriesPosternFields(const QByteArray &headerBlock)
{
    for (const QByteArray &field : Mime::headerFieldsOf(headerBlock)) {
        if (field.toLower().startsWith("x-postern-")) {
            return true;
        }
    }
    return false;
}

bool needsView(const QByteArray &headerBlock)
{
    return looksEncrypted(headerBlock) || carriesPosternFields(headerBlock);
}

namespace {

// The message with its top-level X-Postern fields removed; nothing when it has none.
std::optional<QByteArray> withoutPosternFields(const QByteArray &message)
{
    const Mime::EntityParts parts = Mime::splitEntity(message);
    if (!carriesPosternFields(parts.headers)) {
        return std::nullopt;
    }
    QByteArray headers;
    for (const QByteArray &field : Mime::headerFieldsOf(parts.headers)) {
        if (!field.toLower().startsWith("x-postern-")) {
            headers += field;
        }
    }
    // The empty line that ends the header block.
    headers += parts.headers.endsWith("\r\n\r\n") ? "\r\n" : "\n";
    return headers + parts.body.toByteArray();
}

Opened servedWithoutForgedFields(const QByteArray &message, Opened opened)
{
    const auto cleaned = withoutPosternFields(message);
    if (!cleaned) {
        return opened;
    }
    opened.view = std::make_shared<const MessageView>(canonicalLineEnds(*cleaned));
    opened.problem.clear();
    opened.event.action = QStringLiteral("check");
    opened.event.result = QStringLiteral("forged verdict removed");
    opened.event.detail = QStringLiteral("an X-Postern-Security field that Postern did not write "
                                         "was removed");
    return opened;
}

} // namespace

Opened openStoredMessage(const QByteArray &message, const OpenOptions &options)
{
    Opened opened;
    opened.event.time = QDateTime::currentDateTimeUtc();
    opened.event.direction = QStringLiteral("incoming");
    opened.event.action = QStringLiteral("decrypt");
    describeMessage(opened.event, message);
    auto result = Smime::read(message, options.read);
    if (!result) {
        opened.problem = QStringLiteral("not readable S/MIME: %1").arg(result.error().detail);
        opened.event.result = QStringLiteral("served unchanged");
        opened.event.detail = opened.problem;
        return servedWithoutForgedFields(message, opened);
    }
    opened.collected = result->collectedCertificates;
    for (const Smime::Layer &layer : result->layers) {
        opened.event.layers.append(layerText(layer));
    }
    if (const Smime::Layer *signature = result->firstSignature()) {
        opened.event.signature = Crypto::describe(signature->signature.status);
    }
    if (!result->isEncrypted()) {
        opened.problem = QStringLiteral("not encrypted");
        opened.event.result = QStringLiteral("served unchanged");
        opened.event.detail = opened.problem;
        return servedWithoutForgedFields(message, opened);
    }
    if (!result->complete) {
        opened.problem = firstProblem(*result);
        opened.event.result = QStringLiteral("served unchanged");
        opened.event.detail = opened.problem;
        return opened;
    }
    // Every decrypted message goes through rehydration, not only invitations: it is what
    // strips X-Postern fields forged outside and adds the security result the client shows.
    const QByteArray shown = Mime::toCrlf(Calendar::rehydrate(*result));
    opened.view = std::make_shared<const MessageView>(canonicalLineEnds(shown));
    describeMessage(opened.event, shown);
    opened.event.invitation = invitationSummary(result->innerEntity);
    opened.event.result = QStringLiteral("decrypted");
    opened.event.detail = Smime::describe(result->integrity);
    return opened;
}

StoredCopy protectStoredCopy(const QByteArray &message,
                             const Policy::Account &account,
                             const Store::CertificateStore &store)
{
    StoredCopy copy;
    copy.message = message;
    const auto facts = Policy::factsOf(message);
    if (!facts) {
        return copy;
    }
    copy.subject = facts->subject;
    if (looksEncrypted(Mime::splitEntity(message).headers)) {
        return copy;
    }
    // Only the account's own mail: a message filed from elsewhere is stored as it came.
    const QString sender = Crypto::normalisedAddress(facts->sender);
    const bool ownMail = std::any_of(account.addresses.cbegin(), account.addresses.cend(),
                                     [&sender](const QString &address) {
                                         return Crypto::normalisedAddress(address) == sender;
                                     });
    if (!ownMail) {
        return copy;
    }
    const Policy::Decision decision =
            Policy::decide(account.policy, *facts, [&store](const QString &address) {
                return store.encryptionCertificateFor(address).has_value();
            });
    copy.rule = decision.rule;
    if (decision.action != Policy::Outcome::Encrypt
        && decision.action != Policy::Outcome::SignEncrypt) {
        return copy;
    }
    std::optional<Crypto::Certificate> own;
    if (!account.identity.isEmpty()) {
        const auto entry = store.entry(account.identity);
        if (entry && entry->certificate.allowsEncryption()) {
            own = entry->certificate;
        }
    }
    if (!own) {
        if (const auto entry = store.encryptionCertificateFor(facts->sender)) {
            own = entry->certificate;
        }
    }
    if (!own) {
        copy.refusal = QStringLiteral("the policy of %1 encrypts this message (rule \"%2\") and "
                                      "there is no certificate of your own to store its copy "
                                      "encrypted; import or generate one")
                               .arg(account.name, decision.rule);
        return copy;
    }
    auto encrypted = Smime::encryptMessage(message, {*own}, Crypto::EncryptOptions{});
    if (!encrypted) {
        copy.refusal =
                QStringLiteral("the copy could not be encrypted: %1").arg(encrypted.error().detail);
        return copy;
    }
    copy.message = *encrypted;
    copy.encrypted = true;
    return copy;
}

} // namespace Postern::Imap
