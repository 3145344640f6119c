#include "Rehydration.h"

#include "core/base/Handles.h"
#include "core/mime/Entity.h"
#include "core/mime/GMimeRuntime.h"

#include <QRandomGenerator>

namespace Postern::Calendar {

namespace {

using namespace Postern::Mime;

constexpr int maxDepth = 32;

const QByteArray securityField = "X-Postern-Security";

QString methodProperty(const QByteArray &calendar)
{
    // RFC 5545 3.1: unfold, then the first METHOD line of the VCALENDAR.
    QByteArray unfolded = calendar;
    unfolded.replace("\r\n ", "").replace("\r\n\t", "").replace("\n ", "").replace("\n\t", "");
    for (const QByteArray &line : unfolded.split('\n')) {
        const QByteArray trimmed = line.trimmed();
        if (trimmed.toUpper().startsWith("METHOD:")) {
            return QString::fromLatin1(trimmed.mid(7).trimmed()).toUpper();
        }
        if (trimmed.toUpper().startsWith("BEGIN:V")
            && !trimmed.toUpper().startsWith("BEGIN:VCALENDAR")) {
            break;
        }
    }
    return {};
}

struct Walk
{
    QList<CalendarPart> parts;
};

void walk(const QByteArray &entity,
          qsizetype offset,
          qsizetype length,
          const QByteArray &section,
          bool reachable,
          bool forwarded,
          int depth,
          Walk &result)
{
    if (depth > maxDepth) {
        return;
    }
    const QByteArray self = entity.mid(offset, length);
    const EntityParts parts = splitEntity(self);
    const EntityHeaders headers = parseHeaders(parts.headers);
    const qsizetype bodyOffset = offset + parts.headers.size();

    if (headers.mimeType.startsWith("multipart/")) {
        const bool container = headers.mimeType == "multipart/alternative"
                               || headers.mimeType == "multipart/mixed"
                               || headers.mimeType == "multipart/related";
        const QList<PartRange> children = multipartRanges(parts.body, headers.boundary);
        for (int index = 0; index < children.size(); ++index) {
            const QByteArray number = QByteArray::number(index + 1);
            walk(entity, bodyOffset + children.at(index).start,
                 children.at(index).end - children.at(index).start,
                 section.isEmpty() ? number : section + '.' + number, reachable && container,
                 forwarded, depth + 1, result);
        }
        return;
    }
    if (headers.mimeType == "message/rfc822") {
        walk(entity, bodyOffset, parts.body.size(), section + ".1", false, true, depth + 1, result);
        return;
    }

    const bool isCalendarType = headers.mimeType == "text/calendar"
                                || headers.mimeType == "application/ics"
                                || headers.mimeType == "text/x-vcalendar";
    const bool icsName = headers.fileName.endsWith(QLatin1String(".ics"), Qt::CaseInsensitive);
    if (!isCalendarType && !icsName) {
        return;
    }
    CalendarPart part;
    part.section = section.isEmpty() ? QByteArrayLiteral("1") : section;
    part.contentType = headers.mimeType;
    part.fileName = headers.fileName;
    part.forwarded = forwarded;
    part.calendar = decodeBody(parts.body, headers.encoding);
    part.method = methodProperty(part.calendar);
    part.headerStart = offset;
    part.headerEnd = bodyOffset;

    for (const auto &[name, value] : headers.parameters) {
        if (name == "method") {
            part.methodParameter = value;
        }
    }
    // RFC 6047, 2.4: method= is what makes a text/calendar part an iMIP message, whatever its
    // disposition (libical's and Thunderbird's samples attach the invitation itself); without
    // it, only an inline part is read as one, and an attached calendar stays a file to import.
    const bool attached = headers.disposition == "attachment";
    part.live = reachable && headers.mimeType == "text/calendar"
                && (!part.methodParameter.isEmpty() || (!attached && !part.method.isEmpty()));
    result.parts.append(part);
}

} // namespace

namespace {

QByteArray quoted(const QByteArray &value)
{
    static const QByteArray special = "()<>@,;:\\\"/[]?= \t";
    const bool needsQuotes =
            value.isEmpty() || std::any_of(value.cbegin(), value.cend(), [](char c) {
                return special.contains(c) || static_cast<unsigned char>(c) < 0x20;
            });
    if (!needsQuotes) {
        return value;
    }
    QByteArray escaped = value;
    escaped.replace('\\', "\\\\").replace('"', "\\\"");
    return '"' + escaped + '"';
}

// The Content-Type a live calendar part must have: method= upper case and equal to the METHOD
// property (which wins, as in Outlook), and a charset; every other parameter is kept.
QByteArray calendarContentType(const EntityHeaders &headers, const CalendarPart &part)
{
    const QByteArray method =
            (part.method.isEmpty() ? QString::fromLatin1(part.methodParameter) : part.method)
                    .toUpper()
                    .toLatin1();
    QByteArray field = "Content-Type: text/calendar; method=" + method;
    bool hasCharset = false;
    for (const auto &[name, value] : headers.parameters) {
        if (name == "method") {
            continue;
        }
        hasCharset = hasCharset || name == "charset";
        field += "; " + name + '=' + quoted(value);
    }
    if (!hasCharset) {
        field += "; charset=utf-8";
    }
    return field + "\r\n";
}

QByteArray fixedCalendarHeaders(const QByteArray &headerBlock, const CalendarPart &part)
{
    const EntityHeaders headers = parseHeaders(headerBlock);
    QByteArray fixed;
    bool typeWritten = false;
    for (const QByteArray &field : headerFieldsOf(headerBlock)) {
        const QByteArray name = field.left(field.indexOf(':')).trimmed().toLower();
        if (name == "content-type") {
            if (!typeWritten) {
                fixed += calendarContentType(headers, part);
                typeWritten = true;
            }
            continue;
        }
        if (name == "content-disposition" && headers.disposition == "attachment") {
            continue;
        }
        fixed += field;
    }
    if (!typeWritten) {
        fixed += calendarContentType(headers, part);
    }
    const bool crlf = headerBlock.endsWith("\r\n\r\n");
    return fixed + (crlf ? "\r\n" : "\n");
}

QByteArray withoutFields(const QByteArray &fields, const QList<QByteArray> &names)
{
    QByteArray kept;
    for (const QByteArray &field : headerFieldsOf(fields)) {
        const QByteArray name = field.left(field.indexOf(':')).trimmed().toLower();
        if (!names.contains(name) && !name.startsWith("x-postern-")) {
            kept += field;
        }
    }
    return kept;
}

// RFC 2045 6.8: base64 in lines of at most 76 characters.
QByteArray base64Lines(const QByteArray &bytes)
{
    const QByteArray encoded = bytes.toBase64();
    QByteArray out;
    for (qsizetype at = 0; at < encoded.size(); at += 76) {
        out += encoded.mid(at, 76) + "\r\n";
    }
    return out;
}

QByteArray headerValue(const QString &text)
{
    QByteArray value = text.simplified().toUtf8();
    value.replace(';', ',');
    return value;
}

} // namespace

QList<CalendarPart> findCalendarParts(const QByteArray &entity)
{
    // A bare .ics file is one calendar object, not a message with a "BEGIN" header field.
    const qsizetype bom = entity.startsWith("\xEF\xBB\xBF") ? 3 : 0;
    const QByteArray start = entity.mid(bom, 32).trimmed().toUpper();
    if (start.startsWith("BEGIN:VCALENDAR") || start.startsWith("BEGIN:VEVENT")) {
        CalendarPart file;
        file.section = "1";
        file.contentType = "text/calendar";
        file.calendar = entity;
        file.method = methodProperty(entity);
        file.standalone = true;
        return {file};
    }
    Walk result;
    walk(entity, 0, entity.size(), QByteArray(), true, false, 0, result);
    return result.parts;
}

QByteArray securityHeaders(const Smime::ReadResult &result)
{
    QByteArray value = result.isEncrypted() ? "decrypted" : "not-encrypted";
    const Smime::Layer *signature = result.firstSignature();
    if (signature != nullptr) {
        value += "; signature=" + Crypto::describe(signature->signature.status).toLatin1();
        if (!signature->signature.signers.isEmpty()) {
            const Crypto::Certificate &signer =
                    signature->signature.signers.constFirst().certificate;
            const QStringList emails = signer.emailAddresses();
            value += "; signer="
                     + headerValue(emails.isEmpty() ? signer.commonName() : emails.constFirst());
        }
    } else {
        value += "; signature=none";
    }
    value += "; integrity="
             + headerValue(Smime::describe(result.integrity).section(QLatin1Char(':'), 0, 0));
    return securityField + ": " + value + " (by Postern)\r\n";
}

QByteArray rehydrate(const Smime::ReadResult &result, const RehydrateOptions &options)
{
    const bool unwrapped = !result.layers.isEmpty() && result.layers.constFirst().opened;
    const EntityParts inner = splitEntity(result.innerEntity);
    const QByteArray outerSource = unwrapped ? result.outerHeaders : inner.headers;

    // The entity: the inner Content-* fields (other inner fields would repeat the outer ones,
    // and X-Postern-* ones could be forged), then the body exactly as it was.
    QByteArray entity = "Content-Type: text/plain\r\n\r\n" + result.innerEntity;
    if (!inner.headers.isEmpty()) {
        const QByteArray blankLine = inner.headers.endsWith("\r\n\r\n") ? "\r\n" : "\n";
        entity = withoutFields(contentHeadersOf(inner.headers), {}) + blankLine
                 + inner.body.toByteArray();
    }

    bool meeting = false;
    QList<CalendarPart> parts = findCalendarParts(entity);
    std::reverse(parts.begin(), parts.end());
    for (CalendarPart &part : parts) {
        const bool promote = options.promoteAttachedInvitations && !part.forwarded
                             && part.contentType == "text/calendar"
                             && (!part.method.isEmpty() || !part.methodParameter.isEmpty());
        if (!part.live && !promote) {
            continue;
        }
        meeting = true;
        const QByteArray headerBlock =
                entity.mid(part.headerStart, part.headerEnd - part.headerStart);
        entity.replace(part.headerStart, part.headerEnd - part.headerStart,
                       fixedCalendarHeaders(headerBlock, part));
    }

    if (meeting) {
        // An S/MIME writer carries the sender's Content-Class inside, with the other Content-*
        // fields; next to Postern's own it would give the message two.
        const EntityParts top = splitEntity(entity);
        const QByteArray blankLine = top.headers.endsWith("\r\n\r\n") ? "\r\n" : "\n";
        if (!top.headers.isEmpty()) {
            entity = withoutFields(top.headers, {"content-class"}) + blankLine
                     + top.body.toByteArray();
        }
    }

    QByteArray outer = toCrlf(withoutFields(
            outerSource, {"content-type", "content-transfer-encoding", "content-disposition",
                          "content-description", "content-id", "content-class", "mime-version"}));
    outer += "MIME-Version: 1.0\r\n" + securityHeaders(result);
    if (meeting) {
        outer += "Content-Class: urn:content-classes:calendarmessage\r\n";
    }
    return outer + entity;
}

Result<QByteArray, ConvertError> convertToIcsAttachment(const QByteArray &message)
{
    if (const QString why = notAMessageReason(message); !why.isEmpty()) {
        return fail(ConvertError::NotMime,
                    QStringLiteral("the input is not a message to convert: %1").arg(why));
    }
    const EntityParts top = splitEntity(message.mid(preambleLength(message)));
    const QList<CalendarPart> parts = findCalendarParts(message.mid(preambleLength(message)));
    const auto chosen = std::find_if(parts.cbegin(), parts.cend(),
                                     [](const CalendarPart &part) { return part.live; });
    const CalendarPart *part =
            chosen != parts.cend() ? &*chosen : (parts.isEmpty() ? nullptr : &parts.constFirst());
    if (part == nullptr) {
        return fail(ConvertError::NoCalendar,
                    QStringLiteral("the message holds no calendar object"));
    }

    const Invitation invitation = parseInvitation(part->calendar);
    const QByteArray text =
            (invitation.summaryText(QTimeZone::systemTimeZone())
             + QStringLiteral("\nThe event is attached as invite.ics: open it to add it to your "
                              "calendar.\n"))
                    .toUtf8();
    QByteArray random(9, Qt::Uninitialized);
    QRandomGenerator::system()->generate(random.begin(), random.end());
    const QByteArray boundary = "----=_Postern_ics_" + random.toHex();

    QByteArray out = toCrlf(withoutFields(
            top.headers, {"content-type", "content-transfer-encoding", "content-disposition",
                          "content-description", "content-class", "mime-version"}));
    out += "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"" + boundary
           + "\"\r\n\r\n";
    out += "--" + boundary
           + "\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: "
             "base64\r\n\r\n";
    out += base64Lines(text);
    out += "--" + boundary + "\r\nContent-Type: application/ics; name=\"invite.ics\"\r\n"
           + "Content-Disposition: attachment; "
             "filename=\"invite.ics\"\r\nContent-Transfer-Encoding: base64\r\n\r\n";
    out += base64Lines(part->calendar);
    return out + "--" + boundary + "--\r\n";
}

} // namespace Postern::Calendar
