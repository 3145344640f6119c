#pragma once

#include "core/base/Result.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace Postern::Policy {

/** The SMTP envelope of a message, when it is known (the proxy knows it; a file does not). */
struct Envelope
{
    QString sender;
    QStringList recipients;
};

struct HeaderField
{
    QString name;  // lower case
    QString value; // unfolded and decoded
    int part = 0;  // 0: the message's own header block; then the MIME parts in tree order
};

struct Attachment
{
    QString mimeType; // lower case
    QString fileName;
};

/**
 * What the rules of a policy look at, read from a message once so that deciding costs no
 * parsing. Addresses are in the form the certificate store compares them
 * (Crypto::normalisedAddress: ASCII domain, ASCII letters of the local part folded, NFC), so that
 * a rule naming "bücher.example", the store's look-up and the account's addresses all agree on
 * mail to "xn--bcher-kva.example". Crypto::displayAddress() gives the form for people.
 */
struct MessageFacts
{
    QList<HeaderField> headers; // every header field of every MIME part
    QString subject;
    QString sender;
    QStringList fromAddresses;     // the From: field's, normalised (whom the message claims)
    QStringList recipients;        // the envelope's, or else To, Cc and Bcc
    QStringList visibleRecipients; // To and Cc: whom every recipient can see
    QStringList invitationMethods; // the iTIP method of each live invitation, upper case
    QList<Attachment> attachments; // parts sent as files, forwarded messages included
    qint64 size = 0;

    bool isInvitation() const { return !invitationMethods.isEmpty(); }
};

enum class FactsError {
    Empty,
    NotMime,
};

Result<MessageFacts, FactsError> factsOf(const QByteArray &message, const Envelope &envelope = {});

/** @p address, possibly in angle brackets, in the form MessageFacts uses: exactly
 *  Crypto::normalisedAddress(), the one rule by which Postern compares addresses. */
QString normaliseAddress(const QString &address);

/** The domain of an address, as it is written there (everything after the last "@"). */
QString domainOf(const QString &address);

} // namespace Postern::Policy
