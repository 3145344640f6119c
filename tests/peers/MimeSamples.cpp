#include "MimeSamples.h"

#include <QList>

namespace Postern::Test {

QByteArray sampleEntity()
{
    return QByteArrayLiteral("Content-Type: multipart/alternative; boundary=\"peer-alt-1\"\r\n"
                             "Content-Transfer-Encoding: 7bit\r\n"
                             "\r\n"
                             "--peer-alt-1\r\n"
                             "Content-Type: text/plain; charset=utf-8\r\n"
                             "Content-Transfer-Encoding: 7bit\r\n"
                             "\r\n")
           + QByteArray(sampleSecretLine)
           + QByteArrayLiteral("\r\n"
                               "\r\n"
                               "--peer-alt-1\r\n"
                               "Content-Type: text/calendar; method=REQUEST; charset=utf-8\r\n"
                               "Content-Transfer-Encoding: 7bit\r\n"
                               "\r\n"
                               "BEGIN:VCALENDAR\r\n"
                               "METHOD:REQUEST\r\n"
                               "PRODID:-//Postern//Peer Tests//EN\r\n"
                               "VERSION:2.0\r\n"
                               "BEGIN:VEVENT\r\n"
                               "UID:peer-test-1@example.org\r\n"
                               "DTSTAMP:20260101T090000Z\r\n"
                               "DTSTART:20260102T120000Z\r\n"
                               "DTEND:20260102T130000Z\r\n"
                               "SUMMARY:Interop review\r\n"
                               "ORGANIZER:mailto:alice@example.org\r\n"
                               "ATTENDEE;RSVP=TRUE:mailto:bob@example.org\r\n"
                               "END:VEVENT\r\n"
                               "END:VCALENDAR\r\n"
                               "--peer-alt-1--\r\n");
}

QByteArray sampleOuterHeaders(const QByteArray &from, const QByteArray &to)
{
    return "From: " + from + "\r\nTo: " + to
           + "\r\nSubject: Interop review\r\n"
             "Date: Thu, 01 Jan 2026 09:00:00 +0000\r\n"
             "Message-ID: <peer-test-1@example.org>\r\n";
}

QByteArray sampleMessage(const QByteArray &from, const QByteArray &to)
{
    return sampleOuterHeaders(from, to) + "MIME-Version: 1.0\r\n" + sampleEntity();
}

EntityParts splitEntity(const QByteArray &entity)
{
    if (entity.startsWith("\r\n") || entity.startsWith('\n')) {
        return {{}, entity.mid(entity.indexOf('\n') + 1)};
    }
    const qsizetype crlf = entity.indexOf("\r\n\r\n");
    const qsizetype lf = entity.indexOf("\n\n");
    if (crlf < 0 && lf < 0) {
        return {entity, {}};
    }
    if (lf < 0 || (crlf >= 0 && crlf < lf)) {
        return {entity.left(crlf + 2), entity.mid(crlf + 4)};
    }
    return {entity.left(lf + 1), entity.mid(lf + 2)};
}

namespace {

struct HeaderField
{
    QByteArray name;  // lower case
    QByteArray value; // unfolded, spacing collapsed
};

QList<HeaderField> headerFields(const QByteArray &headers)
{
    QList<HeaderField> fields;
    const QList<QByteArray> lines = headers.split('\n');
    for (QByteArray line : lines) {
        if (line.endsWith('\r')) {
            line.chop(1);
        }
        if (line.isEmpty()) {
            continue;
        }
        if ((line.startsWith(' ') || line.startsWith('\t')) && !fields.isEmpty()) {
            fields.last().value += ' ' + line.trimmed();
            continue;
        }
        const qsizetype colon = line.indexOf(':');
        if (colon > 0) {
            fields.append({line.left(colon).trimmed().toLower(), line.mid(colon + 1).trimmed()});
        }
    }
    for (HeaderField &field : fields) {
        field.value = field.value.simplified();
    }
    return fields;
}

} // namespace

QByteArray headerValue(const QByteArray &headers, const QByteArray &name)
{
    const QByteArray wanted = name.toLower();
    for (const HeaderField &field : headerFields(headers)) {
        if (field.name == wanted) {
            return field.value;
        }
    }
    return {};
}

QByteArray parameterValue(const QByteArray &value, const QByteArray &name)
{
    const QList<QByteArray> pieces = value.split(';');
    for (qsizetype i = 1; i < pieces.size(); ++i) {
        const QByteArray piece = pieces.at(i).trimmed();
        const qsizetype equals = piece.indexOf('=');
        if (equals > 0 && piece.left(equals).trimmed().toLower() == name.toLower()) {
            QByteArray result = piece.mid(equals + 1).trimmed();
            if (result.size() >= 2 && result.startsWith('"') && result.endsWith('"')) {
                result = result.mid(1, result.size() - 2);
            }
            return result;
        }
    }
    return {};
}

namespace {

// Where the delimiter line "--boundary" starts at @p from or later, at the start of a line.
qsizetype findDelimiter(const QByteArray &body, const QByteArray &delimiter, qsizetype from)
{
    qsizetype at = body.indexOf(delimiter, from);
    while (at > 0 && body.at(at - 1) != '\n') {
        at = body.indexOf(delimiter, at + 1);
    }
    return at;
}

qsizetype lineBreakBefore(const QByteArray &body, qsizetype delimiterAt)
{
    return delimiterAt >= 2 && body.at(delimiterAt - 2) == '\r' ? 2 : 1;
}

} // namespace

QList<QByteArray> multipartBodyParts(const QByteArray &entity)
{
    const EntityParts parts = splitEntity(entity);
    const QByteArray boundary =
            parameterValue(headerValue(parts.headers, "Content-Type"), "boundary");
    if (boundary.isEmpty()) {
        return {};
    }
    const QByteArray delimiter = "--" + boundary;
    QList<QByteArray> result;
    qsizetype at = findDelimiter(parts.body, delimiter, 0);
    while (at >= 0 && parts.body.mid(at + delimiter.size(), 2) != "--") {
        const qsizetype start = parts.body.indexOf('\n', at) + 1;
        const qsizetype next = findDelimiter(parts.body, delimiter, start);
        if (start <= 0 || next < 0) {
            break;
        }
        result.append(parts.body.mid(start, next - lineBreakBefore(parts.body, next) - start));
        at = next;
    }
    return result;
}

QByteArray decodeBase64Body(const QByteArray &entity)
{
    return QByteArray::fromBase64(splitEntity(entity).body);
}

QByteArray base64Lines(const QByteArray &data)
{
    const QByteArray encoded = data.toBase64();
    QByteArray lines;
    lines.reserve(encoded.size() + encoded.size() / 38 + 2);
    for (qsizetype at = 0; at < encoded.size(); at += 76) {
        lines += encoded.mid(at, 76) + "\r\n";
    }
    return lines;
}

namespace {

QList<HeaderField> contentFields(const QByteArray &headers)
{
    QList<HeaderField> fields;
    for (HeaderField field : headerFields(headers)) {
        if (field.name.startsWith("content-")) {
            field.value.replace('"', QByteArray());
            fields.append(field);
        }
    }
    return fields;
}

QString describeFields(const QList<HeaderField> &fields)
{
    QStringList lines;
    for (const HeaderField &field : fields) {
        lines.append(QString::fromUtf8(field.name + ": " + field.value));
    }
    return lines.join(QStringLiteral(" | "));
}

} // namespace

bool sameEntity(const QByteArray &actual, const QByteArray &expected, QString *difference)
{
    const EntityParts a = splitEntity(actual);
    const EntityParts e = splitEntity(expected);
    const QList<HeaderField> actualFields = contentFields(a.headers);
    const QList<HeaderField> expectedFields = contentFields(e.headers);
    bool same = actualFields.size() == expectedFields.size();
    for (qsizetype i = 0; same && i < actualFields.size(); ++i) {
        same = actualFields.at(i).name == expectedFields.at(i).name
               && actualFields.at(i).value == expectedFields.at(i).value;
    }
    if (!same) {
        *difference = QStringLiteral("Content-* headers differ: got [%1], expected [%2]")
                              .arg(describeFields(actualFields), describeFields(expectedFields));
        return false;
    }
    if (a.body != e.body) {
        *difference = QStringLiteral("bodies differ: got %1 bytes, expected %2; got starts %3")
                              .arg(a.body.size())
                              .arg(e.body.size())
                              .arg(QString::fromLatin1(a.body.left(120).toPercentEncoding()));
        return false;
    }
    return true;
}

QByteArray
pkcs7MimeMessage(const QByteArray &outerHeaders, const QByteArray &der, const QByteArray &smimeType)
{
    return outerHeaders
           + "MIME-Version: 1.0\r\n"
             "Content-Type: application/pkcs7-mime; smime-type="
           + smimeType
           + "; name=\"smime.p7m\"\r\n"
             "Content-Disposition: attachment; filename=\"smime.p7m\"\r\n"
             "Content-Transfer-Encoding: base64\r\n"
             "\r\n"
           + base64Lines(der);
}

QByteArray multipartSignedMessage(const QByteArray &outerHeaders,
                                  const QByteArray &signedEntity,
                                  const QByteArray &signatureDer)
{
    const QByteArray boundary = "peer-signed-7f3a9c";
    return outerHeaders
           + "MIME-Version: 1.0\r\n"
             "Content-Type: multipart/signed; protocol=\"application/pkcs7-signature\";"
             " micalg=sha-256; boundary=\""
           + boundary + "\"\r\n\r\nThis is a cryptographically signed message.\r\n\r\n--" + boundary
           + "\r\n" + signedEntity + "\r\n--" + boundary
           + "\r\n"
             "Content-Type: application/pkcs7-signature; name=\"smime.p7s\"\r\n"
             "Content-Disposition: attachment; filename=\"smime.p7s\"\r\n"
             "Content-Transfer-Encoding: base64\r\n"
             "\r\n"
           + base64Lines(signatureDer) + "\r\n--" + boundary + "--\r\n";
}

QByteArray flipByte(QByteArray data, qsizetype index)
{
    data[index] = static_cast<char>(data.at(index) ^ 0x01);
    return data;
}

} // namespace Postern::Test
