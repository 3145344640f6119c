#pragma once

// Byte-level handling of MIME entities for the S/MIME reader and writer. Signatures cover exact
// bytes, so entities are cut out of the message as they are, never re-serialised; GMime parses
// only header blocks here.

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

#include <tl/expected.hpp>
#include <utility>

namespace Postern::Mime {

/** The fields of a header block, each with its folded continuation lines, as exact bytes. */
QList<QByteArray> headerFieldsOf(const QByteArray &headerBlock);

/** Whether @p line starts a header field ("Name:"). */
bool isHeaderFieldLine(const QByteArray &line);

/** The length of a line before a message's header block that is not part of it: an mbox
 *  "From " separator or an HTTP request line (AS2). Zero when there is none. */
qsizetype preambleLength(const QByteArray &message);

/**
 * Why @p message is not a mail message, or an empty string when it is one. Any text with
 * "Name: value" lines parses as a header block, so an iCalendar, vCard or PEM file, or a
 * header block without a single field of a message (From, Date, Subject, Content-Type…), is
 * named as what it is rather than taken for a message without a body.
 */
QString notAMessageReason(const QByteArray &message);

struct EntityParts
{
    QByteArray headers;  // up to and including the empty line; empty if there is none
    QByteArrayView body; // a view into the entity: valid only while the entity is
};

/** Splits at the first empty line (CRLF or LF). Input without a header block gives empty
 *  headers and the whole input as body. */
EntityParts splitEntity(const QByteArray &entity);

struct EntityHeaders
{
    QByteArray mimeType; // lower case; text/plain when absent
    QByteArray smimeType;
    QByteArray protocol; // lower case
    QByteArray boundary;
    QByteArray encoding;    // lower case Content-Transfer-Encoding
    QString fileName;       // Content-Disposition filename or Content-Type name
    QString fromAddress;    // the first From: address
    QByteArray disposition; // lower case: inline, attachment, or empty
    QList<std::pair<QByteArray, QByteArray>> parameters; // Content-Type parameters, in order
};

EntityHeaders parseHeaders(const QByteArray &headerBlock);

/** Undoes a Content-Transfer-Encoding (base64, quoted-printable, uuencode; others as is). */
QByteArray decodeBody(QByteArrayView body, const QByteArray &encoding);

/** Where one body part of a multipart lies in the multipart's body: from after its delimiter
 *  line to before the line break that precedes the next delimiter. */
struct PartRange
{
    qsizetype start = 0;
    qsizetype end = 0;
    bool delimited = true; // false: no delimiter followed (a truncated multipart)
};

/** The body parts of a multipart body (RFC 2046, 5.1.1), at most @p maximumParts (-1: all). */
QList<PartRange>
multipartRanges(QByteArrayView body, const QByteArray &boundary, int maximumParts = -1);

/** RFC 1847 / RFC 2046: the exact bytes of the first (signed) part and of the second
 *  (signature) part of a multipart/signed body. */
tl::expected<std::pair<QByteArray, QByteArray>, QString>
splitMultipartSigned(QByteArrayView body, const QByteArray &boundary);

/** Line breaks as CRLF: bare LF and bare CR become CRLF (the canonical form, RFC 5322 2.3). */
QByteArray toCrlf(QByteArrayView bytes);

/** @p headerBlock without its Content-* fields and without the final empty line. */
QByteArray withoutContentHeaders(const QByteArray &headerBlock);

/** The Content-* fields of @p headerBlock, without the final empty line. */
QByteArray contentHeadersOf(const QByteArray &headerBlock);

} // namespace Postern::Mime
