#include "Entity.h"

#include "core/base/Handles.h"
#include "core/mime/GMimeRuntime.h"

#include <QList>

#include <algorithm>
#include <iterator>

namespace Postern::Mime {

namespace {

using Handles::GObjectRef;

bool isContentField(const QByteArray &field)
{
    return field.left(8).toLower() == "content-";
}

} // namespace

QList<QByteArray> headerFieldsOf(const QByteArray &headerBlock)
{
    QList<QByteArray> fields;
    qsizetype at = 0;
    while (at < headerBlock.size()) {
        qsizetype end = headerBlock.indexOf('\n', at);
        end = end < 0 ? headerBlock.size() : end + 1;
        const QByteArray line = headerBlock.mid(at, end - at);
        const bool continuation = !line.isEmpty() && (line.at(0) == ' ' || line.at(0) == '\t');
        if (line.trimmed().isEmpty() && !continuation) {
            break;
        }
        if (continuation && !fields.isEmpty()) {
            fields.last().append(line);
        } else {
            fields.append(line);
        }
        at = end;
    }
    return fields;
}

bool isHeaderFieldLine(const QByteArray &line)
{
    // RFC 5322 2.2: a field name is printable US-ASCII except the colon; obsolete syntax allows
    // blanks before the colon (4.5.3).
    qsizetype at = 0;
    while (at < line.size() && line.at(at) > 32 && line.at(at) < 127 && line.at(at) != ':') {
        ++at;
    }
    if (at == 0) {
        return false;
    }
    while (at < line.size() && (line.at(at) == ' ' || line.at(at) == '\t')) {
        ++at;
    }
    return at < line.size() && line.at(at) == ':';
}

QString notAMessageReason(const QByteArray &message)
{
    const QByteArray entity = message.mid(preambleLength(message));
    qsizetype start = 0;
    while (start < entity.size() && QByteArrayView(" \t\r\n").contains(entity.at(start))) {
        ++start;
    }
    const QByteArray opening = entity.mid(start, 64).toUpper();
    static const std::pair<const char *, const char *> kinds[] = {
            {"BEGIN:VCALENDAR", "an iCalendar file"},
            {"BEGIN:VCARD", "a vCard file"},
            {"-----BEGIN ", "a PEM file (a certificate, key or CMS object)"},
    };
    for (const auto &[marker, kind] : kinds) {
        if (opening.startsWith(marker)) {
            return QStringLiteral("it is %1, not a message").arg(QLatin1String(kind));
        }
    }
    const EntityParts parts = splitEntity(entity);
    if (parts.headers.isEmpty()) {
        return QStringLiteral("it has no header block, so it is not a message");
    }
    static const QByteArrayView messageFields[] = {
            "from",        "sender",      "reply-to",     "to",
            "cc",          "bcc",         "subject",      "date",
            "message-id",  "in-reply-to", "references",   "mime-version",
            "received",    "return-path", "delivered-to", "dkim-signature",
            "resent-from", "resent-date",
    };
    for (const QByteArray &field : headerFieldsOf(parts.headers)) {
        const qsizetype colon = field.indexOf(':');
        const QByteArray name = field.left(colon).trimmed().toLower();
        if (name.startsWith("content-")
            || std::find(std::begin(messageFields), std::end(messageFields), name)
                       != std::end(messageFields)) {
            return {};
        }
    }
    return QStringLiteral("its header block has none of the fields of a message (From, "
                          "Date, Subject, Content-Type…), so it is not one");
}

qsizetype preambleLength(const QByteArray &message)
{
    const qsizetype firstEnd = message.indexOf('\n');
    if (firstEnd < 0 || isHeaderFieldLine(message.left(firstEnd))) {
        return 0;
    }
    const qsizetype secondEnd = message.indexOf('\n', firstEnd + 1);
    const QByteArray second =
            message.mid(firstEnd + 1, secondEnd < 0 ? -1 : secondEnd - firstEnd - 1);
    return isHeaderFieldLine(second) ? firstEnd + 1 : 0;
}

EntityParts splitEntity(const QByteArray &entity)
{
    const QByteArrayView all(entity);
    const qsizetype firstEnd = entity.indexOf('\n');
    if (!isHeaderFieldLine(entity.left(firstEnd < 0 ? entity.size() : firstEnd))) {
        // No header block. An entity that starts with an empty line has empty headers and its
        // body right after that line.
        if (entity.startsWith("\r\n")) {
            return {QByteArray(), all.sliced(2)};
        }
        if (entity.startsWith('\n')) {
            return {QByteArray(), all.sliced(1)};
        }
        return {QByteArray(), all};
    }

    // Line by line to the first empty line; searching for "\n\n" would scan a whole large
    // CRLF message for nothing.
    qsizetype at = 0;
    while (at < entity.size()) {
        const qsizetype end = entity.indexOf('\n', at);
        if (end < 0) {
            break;
        }
        const qsizetype length = end - at;
        if (length == 0 || (length == 1 && entity.at(at) == '\r')) {
            return {entity.left(end + 1), all.sliced(end + 1)};
        }
        at = end + 1;
    }
    return {entity, QByteArrayView()};
}

EntityHeaders parseHeaders(const QByteArray &headerBlock)
{
    EntityHeaders headers;
    headers.mimeType = "text/plain";
    if (headerBlock.isEmpty()) {
        return headers;
    }
    Mime::ensureGMime();

    // Only the header block goes to GMime; a body-less part is enough to read its fields.
    QByteArray block = headerBlock;
    if (!block.endsWith("\n\n") && !block.endsWith("\r\n\r\n")) {
        block.append("\r\n");
    }
    auto stream = GObjectRef<GMimeStream>::adopt(g_mime_stream_mem_new_with_buffer(
            block.constData(), static_cast<size_t>(block.size())));
    auto parser = GObjectRef<GMimeParser>::adopt(g_mime_parser_new_with_stream(stream.get()));
    auto object =
            GObjectRef<GMimeObject>::adopt(g_mime_parser_construct_part(parser.get(), nullptr));
    if (!object) {
        return headers;
    }

    GMimeContentType *type = g_mime_object_get_content_type(object.get());
    if (type != nullptr) {
        const Handles::GlibString name(g_mime_content_type_get_mime_type(type));
        headers.mimeType = QByteArray(name.get()).toLower();
        headers.smimeType =
                QByteArray(g_mime_content_type_get_parameter(type, "smime-type")).toLower();
        headers.protocol =
                QByteArray(g_mime_content_type_get_parameter(type, "protocol")).toLower();
        headers.boundary = g_mime_content_type_get_parameter(type, "boundary");
        headers.fileName = QString::fromUtf8(g_mime_content_type_get_parameter(type, "name"));
        GMimeParamList *list = g_mime_content_type_get_parameters(type);
        for (int index = 0; list != nullptr && index < g_mime_param_list_length(list); ++index) {
            GMimeParam *parameter = g_mime_param_list_get_parameter_at(list, index);
            headers.parameters.append({QByteArray(g_mime_param_get_name(parameter)).toLower(),
                                       QByteArray(g_mime_param_get_value(parameter))});
        }
    }
    headers.disposition = QByteArray(g_mime_object_get_disposition(object.get())).toLower();
    const char *fileName =
            g_mime_object_get_content_disposition_parameter(object.get(), "filename");
    if (fileName != nullptr) {
        headers.fileName = QString::fromUtf8(fileName);
    }
    headers.encoding =
            QByteArray(g_mime_object_get_header(object.get(), "Content-Transfer-Encoding"))
                    .trimmed()
                    .toLower();

    const char *from = g_mime_object_get_header(object.get(), "From");
    if (from != nullptr) {
        InternetAddressList *list = internet_address_list_parse(nullptr, from);
        if (list != nullptr) {
            auto owned = GObjectRef<InternetAddressList>::adopt(list);
            InternetAddress *first = internet_address_list_length(list) > 0
                                             ? internet_address_list_get_address(list, 0)
                                             : nullptr;
            if (first != nullptr && INTERNET_ADDRESS_IS_MAILBOX(first)) {
                headers.fromAddress = QString::fromUtf8(
                        internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(first)));
            }
        }
    }
    return headers;
}

QByteArray decodeBody(QByteArrayView body, const QByteArray &encoding)
{
    // GMime's table-driven decoders are several times faster than QByteArray::fromBase64, which
    // matters for large encrypted messages; they skip line breaks and stray characters alike.
    GMimeContentEncoding kind = GMIME_CONTENT_ENCODING_DEFAULT;
    if (encoding == "base64") {
        kind = GMIME_CONTENT_ENCODING_BASE64;
    } else if (encoding == "quoted-printable") {
        kind = GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE;
    } else if (encoding == "x-uuencode" || encoding == "uuencode") {
        kind = GMIME_CONTENT_ENCODING_UUENCODE;
    } else {
        return body.toByteArray();
    }
    Mime::ensureGMime();
    GMimeEncoding state;
    g_mime_encoding_init_decode(&state, kind);
    // Base64 yields at most three bytes per four characters; GMime's own estimate is the input
    // size, which would hold a third more memory than needed in the largest buffer of a read.
    const size_t estimate =
            kind == GMIME_CONTENT_ENCODING_BASE64
                    ? static_cast<size_t>(body.size() / 4 * 3 + 4)
                    : g_mime_encoding_outlen(&state, static_cast<size_t>(body.size()));
    QByteArray out(static_cast<qsizetype>(estimate), Qt::Uninitialized);
    size_t written = g_mime_encoding_step(&state, body.constData(),
                                          static_cast<size_t>(body.size()), out.data());
    written += g_mime_encoding_flush(&state, nullptr, 0, out.data() + written);
    out.truncate(static_cast<qsizetype>(written));
    return out;
}

namespace {

// After "--boundary": an optional "--" (the close delimiter), blanks, then the end of the line.
bool endsDelimiterLine(QByteArrayView body, qsizetype at)
{
    if (body.sliced(at).startsWith("--")) {
        at += 2;
    }
    while (at < body.size() && (body.at(at) == ' ' || body.at(at) == '\t')) {
        ++at;
    }
    return at == body.size() || body.at(at) == '\r' || body.at(at) == '\n';
}

} // namespace

QList<PartRange> multipartRanges(QByteArrayView body, const QByteArray &boundary, int maximumParts)
{
    QList<PartRange> parts;
    if (boundary.isEmpty()) {
        return parts;
    }
    const QByteArray delimiter = "--" + boundary;

    // Delimiter lines start a line; the line break before one belongs to it (RFC 2046, 5.1.1).
    qsizetype contentStart = -1;
    qsizetype at = 0;
    while (maximumParts < 0 || parts.size() < maximumParts) {
        const qsizetype found = body.indexOf(delimiter, at);
        if (found < 0) {
            break;
        }
        at = found + delimiter.size();
        if ((found != 0 && body.at(found - 1) != '\n') || !endsDelimiterLine(body, at)) {
            continue;
        }
        if (contentStart >= 0) {
            qsizetype end = found;
            if (end > contentStart && body.at(end - 1) == '\n') {
                --end;
                if (end > contentStart && body.at(end - 1) == '\r') {
                    --end;
                }
            }
            parts.append({contentStart, end, true});
        }
        const bool closing = body.sliced(at).startsWith("--");
        const qsizetype lineEnd = body.indexOf('\n', at);
        contentStart = lineEnd < 0 ? body.size() : lineEnd + 1;
        if (closing) {
            return parts;
        }
    }
    // A missing closing boundary (truncated or broken mailers): the last part runs to the end.
    if (contentStart >= 0 && contentStart < body.size()
        && (maximumParts < 0 || parts.size() < maximumParts)) {
        parts.append({contentStart, body.size(), false});
    }
    return parts;
}

tl::expected<std::pair<QByteArray, QByteArray>, QString>
splitMultipartSigned(QByteArrayView body, const QByteArray &boundary)
{
    if (boundary.isEmpty()) {
        return tl::unexpected(QStringLiteral("multipart/signed without a boundary"));
    }
    const QList<PartRange> parts = multipartRanges(body, boundary, 2);
    if (parts.size() < 2) {
        return tl::unexpected(
                QStringLiteral("multipart/signed needs two parts; found %1").arg(parts.size()));
    }
    auto bytes = [&body](const PartRange &part) {
        return body.sliced(part.start, part.end - part.start).toByteArray();
    };
    return std::make_pair(bytes(parts.at(0)), bytes(parts.at(1)));
}

QByteArray toCrlf(QByteArrayView bytes)
{
    QByteArray out;
    out.reserve(bytes.size() + bytes.size() / 40);
    for (qsizetype index = 0; index < bytes.size(); ++index) {
        const char c = bytes.at(index);
        if (c == '\n' && (index == 0 || bytes.at(index - 1) != '\r')) {
            out.append('\r');
        } else if (c == '\r' && (index + 1 == bytes.size() || bytes.at(index + 1) != '\n')) {
            out.append("\r\n");
            continue;
        }
        out.append(c);
    }
    return out;
}

QByteArray withoutContentHeaders(const QByteArray &headerBlock)
{
    QByteArray out;
    for (const QByteArray &field : headerFieldsOf(headerBlock)) {
        if (!isContentField(field)) {
            out.append(field);
        }
    }
    return out;
}

QByteArray contentHeadersOf(const QByteArray &headerBlock)
{
    QByteArray out;
    for (const QByteArray &field : headerFieldsOf(headerBlock)) {
        if (isContentField(field)) {
            out.append(field);
        }
    }
    return out;
}

} // namespace Postern::Mime
