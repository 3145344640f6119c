#include "EntityText.h"

#include "core/base/Handles.h"
#include "core/mime/GMimeRuntime.h"

#include <QRegularExpression>

namespace Postern::Test {

namespace {

using Handles::GlibString;
using Handles::GObjectRef;

constexpr int maxDepth = 32;

GObjectRef<GMimeParser> parserFor(const QByteArray &bytes)
{
    Mime::ensureGMime();
    auto stream = GObjectRef<GMimeStream>::adopt(
            g_mime_stream_mem_new_with_buffer(bytes.constData(), size_t(bytes.size())));
    return GObjectRef<GMimeParser>::adopt(g_mime_parser_new_with_stream(stream.get()));
}

QByteArray mediaType(GMimeObject *object)
{
    GMimeContentType *type = g_mime_object_get_content_type(object);
    if (type == nullptr) {
        return QByteArrayLiteral("text/plain");
    }
    const GlibString name(g_mime_content_type_get_mime_type(type));
    return QByteArray(name.get()).toLower();
}

// The decoded bytes of a leaf, for text GMime cannot convert from its declared charset.
QByteArray decodedBytes(GMimePart *part)
{
    GMimeDataWrapper *content = g_mime_part_get_content(part);
    if (content == nullptr) {
        return {};
    }
    auto sink = GObjectRef<GMimeStream>::adopt(g_mime_stream_mem_new());
    g_mime_data_wrapper_write_to_stream(content, sink.get());
    GByteArray *bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(sink.get()));
    return QByteArray(reinterpret_cast<const char *>(bytes->data), qsizetype(bytes->len));
}

TextLeaf textOf(GMimeObject *object)
{
    const GlibString text(g_mime_text_part_get_text(GMIME_TEXT_PART(object)));
    if (text) {
        return {mediaType(object), QString::fromUtf8(text.get())};
    }
    return {mediaType(object), QString::fromUtf8(decodedBytes(GMIME_PART(object)))};
}

void collect(GMimeObject *object, QList<TextLeaf> &leaves, int depth)
{
    if (object == nullptr || depth > maxDepth) {
        return;
    }
    if (GMIME_IS_MULTIPART(object)) {
        GMimeMultipart *multipart = GMIME_MULTIPART(object);
        for (int index = 0; index < g_mime_multipart_get_count(multipart); ++index) {
            collect(g_mime_multipart_get_part(multipart, index), leaves, depth + 1);
        }
    } else if (GMIME_IS_MESSAGE_PART(object)) {
        GMimeMessage *inner = g_mime_message_part_get_message(GMIME_MESSAGE_PART(object));
        if (inner != nullptr) {
            collect(g_mime_message_get_mime_part(inner), leaves, depth + 1);
        }
    } else if (GMIME_IS_TEXT_PART(object)) {
        leaves.append(textOf(object));
    }
}

// Content carried bare in CMS ("Hello world!") has no header block; RFC 2045, 5.2 makes such
// an entity text/plain.
bool startsWithHeader(const QByteArray &entity)
{
    static const QRegularExpression field(QStringLiteral("^[!-9;-~]+:"));
    return QString::fromLatin1(entity.left(entity.indexOf('\n'))).contains(field);
}

} // namespace

QByteArray contentTypeOf(const QByteArray &entity)
{
    if (!startsWithHeader(entity)) {
        return QByteArrayLiteral("text/plain");
    }
    auto parser = parserFor(entity);
    auto root = GObjectRef<GMimeObject>::adopt(g_mime_parser_construct_part(parser.get(), nullptr));
    return root ? mediaType(root.get()) : QByteArray();
}

QList<TextLeaf> textLeaves(const QByteArray &entity)
{
    if (!startsWithHeader(entity)) {
        return {{QByteArrayLiteral("text/plain"), QString::fromUtf8(entity)}};
    }
    auto parser = parserFor(entity);
    auto root = GObjectRef<GMimeObject>::adopt(g_mime_parser_construct_part(parser.get(), nullptr));
    QList<TextLeaf> leaves;
    collect(root.get(), leaves, 0);
    return leaves;
}

QString fromAddressOf(const QByteArray &message)
{
    auto parser = parserFor(message);
    auto parsed =
            GObjectRef<GMimeMessage>::adopt(g_mime_parser_construct_message(parser.get(), nullptr));
    InternetAddressList *from = parsed ? g_mime_message_get_from(parsed.get()) : nullptr;
    for (int index = 0; from != nullptr && index < internet_address_list_length(from); ++index) {
        InternetAddress *address = internet_address_list_get_address(from, index);
        if (INTERNET_ADDRESS_IS_MAILBOX(address)) {
            return QString::fromUtf8(
                    internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(address)));
        }
    }
    return {};
}

} // namespace Postern::Test
