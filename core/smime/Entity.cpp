#include "Entity.h"

#include "core/base/Handles.h"
#include "core/mime/GMimeRuntime.h"

#include <QList>

namespace Postern::Smime {

namespace {

using Handles::GObjectRef;

// Header fields with their folded continuation lines, each as the exact bytes it occupies.
QList<QByteArray> headerFields(const QByteArray &headerBlock)
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

bool isContentField(const QByteArray &field)
{
    return field.left(8).toLower() == "content-";
}

} // namespace

EntityParts splitEntity(const QByteArray &entity)
{
    // An entity that starts with an empty line has no headers: its body starts right after.
    if (entity.startsWith("\r\n")) {
        return {QByteArray(), entity.mid(2)};
    }
    if (entity.startsWith('\n')) {
        return {QByteArray(), entity.mid(1)};
    }
    const qsizetype crlf = entity.indexOf("\r\n\r\n");
    const qsizetype lf = entity.indexOf("\n\n");
    if (crlf < 0 && lf < 0) {
        // Headers only, or no header at all: a first line that is not a field means a body.
        const qsizetype colon = entity.indexOf(':');
        const qsizetype newline = entity.indexOf('\n');
        if (colon > 0 && (newline < 0 || colon < newline)) {
            return {entity, QByteArray()};
        }
        return {QByteArray(), entity};
    }
    const qsizetype split = (crlf >= 0 && (lf < 0 || crlf < lf)) ? crlf + 4 : lf + 2;
    const QByteArray firstLine = entity.left(entity.indexOf('\n'));
    if (!firstLine.contains(':')) {
        return {QByteArray(), entity};
    }
    return {entity.left(split), entity.mid(split)};
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
    }
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

QByteArray decodeBody(const QByteArray &body, const QByteArray &encoding)
{
    if (encoding == "base64") {
        return QByteArray::fromBase64(body);
    }
    GMimeContentEncoding kind = GMIME_CONTENT_ENCODING_DEFAULT;
    if (encoding == "quoted-printable") {
        kind = GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE;
    } else if (encoding == "x-uuencode" || encoding == "uuencode") {
        kind = GMIME_CONTENT_ENCODING_UUENCODE;
    } else {
        return body;
    }
    Mime::ensureGMime();
    GMimeEncoding state;
    g_mime_encoding_init_decode(&state, kind);
    QByteArray out(static_cast<qsizetype>(
                           g_mime_encoding_outlen(&state, static_cast<size_t>(body.size()))),
                   Qt::Uninitialized);
    size_t written = g_mime_encoding_step(&state, body.constData(),
                                          static_cast<size_t>(body.size()), out.data());
    written += g_mime_encoding_flush(&state, nullptr, 0, out.data() + written);
    out.truncate(static_cast<qsizetype>(written));
    return out;
}

tl::expected<std::pair<QByteArray, QByteArray>, QString>
splitMultipartSigned(const QByteArray &body, const QByteArray &boundary)
{
    if (boundary.isEmpty()) {
        return tl::unexpected(QStringLiteral("multipart/signed without a boundary"));
    }
    const QByteArray delimiter = "--" + boundary;

    // Delimiter lines start a line; the line break before one belongs to it (RFC 2046, 5.1.1).
    QList<qsizetype> lineStarts;
    QList<qsizetype> contentStarts;
    qsizetype at = 0;
    while (lineStarts.size() < 3) {
        const qsizetype found = body.indexOf(delimiter, at);
        if (found < 0) {
            break;
        }
        at = found + delimiter.size();
        const char next = at < body.size() ? body.at(at) : '\n';
        const bool endsDelimiter =
                next == '\r' || next == '\n' || next == ' ' || next == '\t' || next == '-';
        if ((found != 0 && body.at(found - 1) != '\n') || !endsDelimiter) {
            continue;
        }
        const qsizetype lineEnd = body.indexOf('\n', at);
        lineStarts.append(found);
        contentStarts.append(lineEnd < 0 ? body.size() : lineEnd + 1);
    }
    if (lineStarts.size() < 2) {
        return tl::unexpected(
                QStringLiteral("multipart/signed needs two parts; found %1 boundary line(s)")
                        .arg(lineStarts.size()));
    }
    if (lineStarts.size() == 2) {
        // A missing closing boundary (truncated or broken mailers): the signature runs to the end.
        lineStarts.append(body.size());
    }
    auto partBetween = [&body](qsizetype start, qsizetype nextDelimiter) {
        qsizetype end = nextDelimiter;
        if (end > start && body.at(end - 1) == '\n') {
            --end;
            if (end > start && body.at(end - 1) == '\r') {
                --end;
            }
        }
        return body.mid(start, end - start);
    };
    return std::make_pair(partBetween(contentStarts.at(0), lineStarts.at(1)),
                          partBetween(contentStarts.at(1), lineStarts.at(2)));
}

QByteArray withoutContentHeaders(const QByteArray &headerBlock)
{
    QByteArray out;
    for (const QByteArray &field : headerFields(headerBlock)) {
        if (!isContentField(field)) {
            out.append(field);
        }
    }
    return out;
}

QByteArray contentHeadersOf(const QByteArray &headerBlock)
{
    QByteArray out;
    for (const QByteArray &field : headerFields(headerBlock)) {
        if (isContentField(field)) {
            out.append(field);
        }
    }
    return out;
}

} // namespace Postern::Smime
