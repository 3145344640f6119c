#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

// Messages for the peer suites and a deliberately small MIME reader of their own, so the tests
// never judge Postern's output with Postern's parser.

namespace Postern::Test {

/** Text that appears only in the body of the sample entity: its presence proves a decryption. */
inline constexpr char sampleSecretLine[] = "Meeting at noon in room 4, bring the figures.";

/** An invitation as Outlook sends one from an IMAP account: multipart/alternative with a text
 *  part and a text/calendar METHOD:REQUEST part; CRLF, 7-bit, already canonical. */
QByteArray sampleEntity();

/** From, To, Subject, Date and Message-ID, CRLF, without MIME-Version or Content-*. */
QByteArray sampleOuterHeaders(const QByteArray &from, const QByteArray &to);

/** The outer headers, MIME-Version and the sample entity. */
QByteArray sampleMessage(const QByteArray &from, const QByteArray &to);

struct EntityParts
{
    QByteArray headers; // up to and including the line break of the last header line
    QByteArray body;    // after the empty line
};

/** Splits at the first empty line (CRLF CRLF or LF LF, whichever comes first). */
EntityParts splitEntity(const QByteArray &entity);

/** The unfolded value of the first header field called @p name (case-insensitive). */
QByteArray headerValue(const QByteArray &headers, const QByteArray &name);

/** A parameter of a structured header value (RFC 2045, 5.1), without quotes. */
QByteArray parameterValue(const QByteArray &value, const QByteArray &name);

/** The body parts of a multipart entity, byte-exact: the line break before each delimiter
 *  belongs to the delimiter (RFC 2046, 5.1.1). Empty when @p entity is not multipart. */
QList<QByteArray> multipartBodyParts(const QByteArray &entity);

/** The decoded body of a base64 entity. */
QByteArray decodeBase64Body(const QByteArray &entity);

/** Base64 in lines of 76 characters, each ended by CRLF. */
QByteArray base64Lines(const QByteArray &data);

/**
 * Whether @p actual is the same entity as @p expected: the same Content-* header fields
 * (names without regard to case; folding, spacing and quotes ignored), and byte-identical
 * bodies. MIME-Version inside an entity is ignored. Says what differs in @p difference.
 */
bool sameEntity(const QByteArray &actual, const QByteArray &expected, QString *difference);

/** An application/pkcs7-mime message around @p der. */
QByteArray pkcs7MimeMessage(const QByteArray &outerHeaders,
                            const QByteArray &der,
                            const QByteArray &smimeType);

/** A multipart/signed message (RFC 8551, 3.5.3) around @p signedEntity and @p signatureDer. */
QByteArray multipartSignedMessage(const QByteArray &outerHeaders,
                                  const QByteArray &signedEntity,
                                  const QByteArray &signatureDer);

/** @p data with the byte at @p index changed (lowest bit flipped). */
QByteArray flipByte(QByteArray data, qsizetype index);

} // namespace Postern::Test
