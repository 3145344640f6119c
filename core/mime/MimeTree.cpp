#include "MimeTree.h"

#include "core/base/Bytes.h"
#include "core/base/Handles.h"
#include "core/mime/GMimeRuntime.h"

#include <QJsonArray>
#include <QRegularExpression>

namespace Postern::Mime {

namespace {

using Handles::GlibString;
using Handles::GObjectRef;

QByteArray mimeTypeOf(GMimeObject *object)
{
    GMimeContentType *type = g_mime_object_get_content_type(object);
    if (type == nullptr) {
        return QByteArrayLiteral("text/plain");
    }
    const GlibString name(g_mime_content_type_get_mime_type(type));
    return QByteArray(name.get()).toLower();
}

QString addressList(InternetAddressList *list)
{
    if (list == nullptr || internet_address_list_length(list) == 0) {
        return {};
    }
    const GlibString text(internet_address_list_to_string(list, nullptr, FALSE));
    return QString::fromUtf8(text.get());
}

// RFC 5322 unfolding only removes the line breaks, which leaves broken mailers' runs of blanks
// around each fold in the text; readers (and people) expect one space per fold.
QString displayHeader(GMimeObject *object, const char *name)
{
    GMimeHeader *header =
            g_mime_header_list_get_header(g_mime_object_get_header_list(object), name);
    if (header == nullptr) {
        return {};
    }
    QByteArray raw(g_mime_header_get_raw_value(header));
    static const QRegularExpression fold(QStringLiteral("(?:[ \\t]*\\r?\\n[ \\t]*)+"));
    const QString collapsed = QString::fromLatin1(raw).replace(fold, QStringLiteral(" ")).trimmed();
    const GlibString decoded(
            g_mime_utils_header_decode_text(nullptr, collapsed.toLatin1().constData()));
    return QString::fromUtf8(decoded.get());
}

// GMime falls back to application/octet-stream for a type it cannot parse (no slash, say) and
// drops its parameters with it; the file's name is still wanted, so it is read from the raw
// header.
QString fileNameOf(GMimePart *part)
{
    const char *known = g_mime_part_get_filename(part);
    if (known != nullptr) {
        return QString::fromUtf8(known);
    }
    const QByteArray raw(g_mime_object_get_header(GMIME_OBJECT(part), "Content-Type"));
    const int separator = raw.indexOf(';');
    if (separator < 0) {
        return {};
    }
    GMimeParamList *parameters =
            g_mime_param_list_parse(nullptr, raw.mid(separator + 1).constData());
    if (parameters == nullptr) {
        return {};
    }
    auto owned = Handles::GObjectRef<GMimeParamList>::adopt(parameters);
    GMimeParam *name = g_mime_param_list_get_parameter(parameters, "name");
    return name != nullptr ? QString::fromUtf8(g_mime_param_get_value(name)) : QString();
}

qint64 contentLength(GMimePart *part)
{
    GMimeDataWrapper *content = g_mime_part_get_content(part);
    if (content == nullptr) {
        return 0;
    }
    GMimeStream *stream = g_mime_data_wrapper_get_stream(content);
    const gint64 length = stream != nullptr ? g_mime_stream_length(stream) : 0;
    return length > 0 ? length : 0;
}

QByteArray childSection(const QByteArray &parent, int index)
{
    const QByteArray number = QByteArray::number(index + 1);
    return parent.isEmpty() ? number : parent + '.' + number;
}

Result<PartSummary, MimeError> describe(GMimeObject *object, const QByteArray &section, int depth);

// Fills in the children of a multipart or an attached message. An attached message's body
// takes the attached part's own section number when it is not multipart, as in RFC 3501.
Result<bool, MimeError> describeChildren(GMimeObject *object, PartSummary &summary, int depth)
{
    if (GMIME_IS_MULTIPART(object)) {
        GMimeMultipart *multipart = GMIME_MULTIPART(object);
        const int count = g_mime_multipart_get_count(multipart);
        for (int index = 0; index < count; ++index) {
            auto child = describe(g_mime_multipart_get_part(multipart, index),
                                  childSection(summary.section, index), depth + 1);
            if (!child) {
                return tl::unexpected(child.error());
            }
            summary.children.append(std::move(*child));
        }
        return true;
    }

    if (GMIME_IS_MESSAGE_PART(object)) {
        GMimeMessage *inner = g_mime_message_part_get_message(GMIME_MESSAGE_PART(object));
        GMimeObject *body = inner != nullptr ? g_mime_message_get_mime_part(inner) : nullptr;
        if (body != nullptr) {
            const QByteArray bodySection =
                    GMIME_IS_MULTIPART(body) ? summary.section : summary.section + ".1";
            auto child = describe(body, bodySection, depth + 1);
            if (!child) {
                return tl::unexpected(child.error());
            }
            summary.children.append(std::move(*child));
        }
    }
    return true;
}

Result<PartSummary, MimeError> describe(GMimeObject *object, const QByteArray &section, int depth)
{
    if (depth > maxDepth) {
        return fail(MimeError::TooDeep,
                    QStringLiteral("MIME nesting deeper than %1 levels").arg(maxDepth));
    }

    PartSummary summary;
    summary.section = section;
    summary.contentType = mimeTypeOf(object);
    summary.charset = g_mime_object_get_content_type_parameter(object, "charset");
    summary.contentDisposition = QByteArray(g_mime_object_get_disposition(object)).toLower();

    if (GMIME_IS_PART(object)) {
        GMimePart *part = GMIME_PART(object);
        summary.fileName = fileNameOf(part);
        summary.transferEncoding =
                g_mime_content_encoding_to_string(g_mime_part_get_content_encoding(part));
        summary.contentBytes = contentLength(part);
    }

    auto children = describeChildren(object, summary, depth);
    if (!children) {
        return tl::unexpected(children.error());
    }
    return summary;
}

QJsonObject partToJson(const PartSummary &part)
{
    QJsonObject object;
    object.insert(QLatin1String("section"), QString::fromLatin1(part.section));
    object.insert(QLatin1String("contentType"), QString::fromLatin1(part.contentType));
    if (!part.charset.isEmpty()) {
        object.insert(QLatin1String("charset"), QString::fromLatin1(part.charset));
    }
    if (!part.contentDisposition.isEmpty()) {
        object.insert(QLatin1String("disposition"), QString::fromLatin1(part.contentDisposition));
    }
    if (!part.fileName.isEmpty()) {
        object.insert(QLatin1String("fileName"), part.fileName);
    }
    if (!part.transferEncoding.isEmpty()) {
        object.insert(QLatin1String("transferEncoding"),
                      QString::fromLatin1(part.transferEncoding));
        object.insert(QLatin1String("encodedBytes"), part.contentBytes);
    }
    if (!part.children.isEmpty()) {
        QJsonArray children;
        for (const PartSummary &child : part.children) {
            children.append(partToJson(child));
        }
        object.insert(QLatin1String("children"), children);
    }
    return object;
}

void partToText(const PartSummary &part, int indent, QString &out)
{
    out += QString(qsizetype{2} * indent, QLatin1Char(' '));
    out += part.section.isEmpty() ? QStringLiteral("-") : QString::fromLatin1(part.section);
    out += QLatin1Char(' ') + QString::fromLatin1(part.contentType);
    if (!part.charset.isEmpty()) {
        out += QStringLiteral(" charset=") + QString::fromLatin1(part.charset);
    }
    if (!part.contentDisposition.isEmpty()) {
        out += QLatin1Char(' ') + QString::fromLatin1(part.contentDisposition);
    }
    if (!part.fileName.isEmpty()) {
        out += QStringLiteral(" \"") + part.fileName + QLatin1Char('"');
    }
    if (!part.transferEncoding.isEmpty()) {
        out += QStringLiteral(" (%1, %2 bytes)")
                       .arg(QString::fromLatin1(part.transferEncoding))
                       .arg(part.contentBytes);
    }
    out += QLatin1Char('\n');
    for (const PartSummary &child : part.children) {
        partToText(child, indent + 1, out);
    }
}

} // namespace

Result<MessageSummary, MimeError> summarize(const QByteArray &message)
{
    if (isBlank(message)) {
        return fail(MimeError::Empty, QStringLiteral("the input is empty"));
    }
    ensureGMime();

    auto stream = GObjectRef<GMimeStream>::adopt(g_mime_stream_mem_new_with_buffer(
            message.constData(), static_cast<size_t>(message.size())));
    auto parser = GObjectRef<GMimeParser>::adopt(g_mime_parser_new_with_stream(stream.get()));
    auto parsed =
            GObjectRef<GMimeMessage>::adopt(g_mime_parser_construct_message(parser.get(), nullptr));
    if (!parsed || g_mime_message_get_mime_part(parsed.get()) == nullptr) {
        return fail(MimeError::NotMime, QStringLiteral("the input is not an RFC 5322 message"));
    }

    MessageSummary summary;
    summary.subject = displayHeader(GMIME_OBJECT(parsed.get()), "Subject");
    summary.from = addressList(g_mime_message_get_from(parsed.get()));
    summary.to = addressList(g_mime_message_get_addresses(parsed.get(), GMIME_ADDRESS_TYPE_TO));
    summary.date = QString::fromUtf8(g_mime_object_get_header(GMIME_OBJECT(parsed.get()), "Date"));
    summary.messageId = QString::fromUtf8(g_mime_message_get_message_id(parsed.get()));

    GMimeObject *body = g_mime_message_get_mime_part(parsed.get());
    auto root = describe(body, GMIME_IS_MULTIPART(body) ? QByteArray() : QByteArrayLiteral("1"), 0);
    if (!root) {
        return tl::unexpected(root.error());
    }
    summary.root = std::move(*root);
    return summary;
}

QJsonObject toJson(const MessageSummary &summary)
{
    QJsonObject object;
    object.insert(QLatin1String("subject"), summary.subject);
    object.insert(QLatin1String("from"), summary.from);
    object.insert(QLatin1String("to"), summary.to);
    object.insert(QLatin1String("date"), summary.date);
    object.insert(QLatin1String("messageId"), summary.messageId);
    object.insert(QLatin1String("mime"), partToJson(summary.root));
    return object;
}

QString toText(const MessageSummary &summary)
{
    QString out;
    out += QStringLiteral("Subject: ") + summary.subject + QLatin1Char('\n');
    out += QStringLiteral("From: ") + summary.from + QLatin1Char('\n');
    out += QStringLiteral("To: ") + summary.to + QLatin1Char('\n');
    out += QStringLiteral("Date: ") + summary.date + QLatin1Char('\n');
    out += QStringLiteral("Message-ID: ") + summary.messageId + QLatin1Char('\n');
    out += QStringLiteral("MIME structure:\n");
    partToText(summary.root, 1, out);
    return out;
}

} // namespace Postern::Mime
