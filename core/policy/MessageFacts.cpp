#include "MessageFacts.h"

#include "core/base/Bytes.h"
#include "core/base/Handles.h"
#include "core/calendar/Rehydration.h"
#include "core/crypto/Certificate.h"
#include "core/mime/Entity.h"
#include "core/mime/GMimeRuntime.h"

#include <gmime/gmime.h>

namespace Postern::Policy {

namespace {

using Handles::GlibString;
using Handles::GObjectRef;

void addHeaders(GMimeObject *object, int part, MessageFacts &facts)
{
    GMimeHeaderList *list = g_mime_object_get_header_list(object);
    if (list == nullptr) {
        return;
    }
    const int count = g_mime_header_list_get_count(list);
    for (int index = 0; index < count; ++index) {
        GMimeHeader *header = g_mime_header_list_get_header_at(list, index);
        const char *name = g_mime_header_get_name(header);
        const char *value = g_mime_header_get_value(header);
        if (name == nullptr) {
            continue;
        }
        facts.headers.append(HeaderField{QString::fromUtf8(name).toLower(),
                                         QString::fromUtf8(value != nullptr ? value : ""), part});
    }
}

bool isAttachment(GMimeObject *object)
{
    const char *disposition = g_mime_object_get_disposition(object);
    if (disposition != nullptr && g_ascii_strcasecmp(disposition, "attachment") == 0) {
        return true;
    }
    // An image the HTML shows by its Content-ID is part of the message's look, not a file sent
    // along; anything else with a name, inline or not, is a file.
    GMimeContentType *shown = g_mime_object_get_content_type(object);
    if (g_mime_object_get_content_id(object) != nullptr && shown != nullptr
        && g_mime_content_type_is_type(shown, "image", "*") != FALSE) {
        return false;
    }
    if (!GMIME_IS_PART(object)) {
        return false;
    }
    // An invitation's calendar part often carries a name for the event; it is still the
    // invitation, not a file, unless its disposition says otherwise.
    GMimeContentType *type = g_mime_object_get_content_type(object);
    if (type != nullptr && g_mime_content_type_is_type(type, "text", "calendar") != FALSE) {
        return false;
    }
    return g_mime_part_get_filename(GMIME_PART(object)) != nullptr;
}

QString mimeTypeOf(GMimeObject *object)
{
    GMimeContentType *type = g_mime_object_get_content_type(object);
    if (type == nullptr) {
        return QStringLiteral("text/plain");
    }
    const GlibString name(g_mime_content_type_get_mime_type(type));
    return QString::fromUtf8(name.get()).toLower();
}

// Bounded like the S/MIME reader: a message nested deeper than any mail client makes is not
// walked further, but what was read so far still counts.
constexpr int maximumDepth = 64;

void walk(GMimeObject *object, int depth, int &partNumber, MessageFacts &facts)
{
    if (object == nullptr || depth > maximumDepth) {
        return;
    }
    const int number = ++partNumber;
    addHeaders(object, number, facts);

    if (GMIME_IS_MULTIPART(object)) {
        GMimeMultipart *multipart = GMIME_MULTIPART(object);
        const int count = g_mime_multipart_get_count(multipart);
        for (int index = 0; index < count; ++index) {
            walk(g_mime_multipart_get_part(multipart, index), depth + 1, partNumber, facts);
        }
        return;
    }
    if (GMIME_IS_MESSAGE_PART(object)) {
        facts.attachments.append(Attachment{mimeTypeOf(object), QString()});
        GMimeMessage *inner = g_mime_message_part_get_message(GMIME_MESSAGE_PART(object));
        if (inner != nullptr) {
            addHeaders(GMIME_OBJECT(inner), ++partNumber, facts);
            walk(g_mime_message_get_mime_part(inner), depth + 1, partNumber, facts);
        }
        return;
    }
    if (isAttachment(object)) {
        const char *name =
                GMIME_IS_PART(object) ? g_mime_part_get_filename(GMIME_PART(object)) : nullptr;
        facts.attachments.append(Attachment{mimeTypeOf(object),
                                            name != nullptr ? QString::fromUtf8(name) : QString()});
    }
}

void addAddresses(InternetAddressList *list, QStringList &out, int depth = 0)
{
    if (list == nullptr || depth > 4) {
        return;
    }
    const int count = internet_address_list_length(list);
    for (int index = 0; index < count; ++index) {
        InternetAddress *address = internet_address_list_get_address(list, index);
        if (INTERNET_ADDRESS_IS_GROUP(address)) {
            addAddresses(internet_address_group_get_members(INTERNET_ADDRESS_GROUP(address)), out,
                         depth + 1);
        } else if (INTERNET_ADDRESS_IS_MAILBOX(address)) {
            const QString normal = normaliseAddress(QString::fromUtf8(
                    internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(address))));
            if (!normal.isEmpty() && !out.contains(normal)) {
                out.append(normal);
            }
        }
    }
}

} // namespace

QString domainOf(const QString &address)
{
    const auto at = address.lastIndexOf(QLatin1Char('@'));
    return at < 0 ? QString() : address.mid(at + 1);
}

QString normaliseAddress(const QString &address)
{
    // Envelope paths and rule entries may come as "<local@domain>" (RFC 5321, 4.1.2).
    QString text = address.trimmed();
    if (text.startsWith(QLatin1Char('<')) && text.endsWith(QLatin1Char('>'))) {
        text = text.mid(1, text.size() - 2);
    }
    return Crypto::normalisedAddress(text);
}

Result<MessageFacts, FactsError> factsOf(const QByteArray &message, const Envelope &envelope)
{
    if (isBlank(message)) {
        return fail(FactsError::Empty, QStringLiteral("the message is empty"));
    }
    if (const QString why = Mime::notAMessageReason(message); !why.isEmpty()) {
        return fail(FactsError::NotMime, why);
    }
    Mime::ensureGMime();
    auto stream = GObjectRef<GMimeStream>::adopt(g_mime_stream_mem_new_with_buffer(
            message.constData(), static_cast<size_t>(message.size())));
    auto parser = GObjectRef<GMimeParser>::adopt(g_mime_parser_new_with_stream(stream.get()));
    auto parsed =
            GObjectRef<GMimeMessage>::adopt(g_mime_parser_construct_message(parser.get(), nullptr));
    if (!parsed || g_mime_message_get_mime_part(parsed.get()) == nullptr) {
        return fail(FactsError::NotMime, QStringLiteral("the input is not an RFC 5322 message"));
    }

    GMimeHeaderList *own = g_mime_object_get_header_list(GMIME_OBJECT(parsed.get()));
    if (own == nullptr || g_mime_header_list_get_count(own) == 0) {
        return fail(FactsError::NotMime,
                    QStringLiteral("the input has no header block, so it is not a message"));
    }
    MessageFacts facts;
    facts.size = message.size();
    const char *subject = g_mime_message_get_subject(parsed.get());
    facts.subject = QString::fromUtf8(subject != nullptr ? subject : "");

    // GMime keeps the top-level Content-* fields both on the message and on its body part; the
    // message's own block is read without them so each field is seen once.
    GMimeHeaderList *top = g_mime_object_get_header_list(GMIME_OBJECT(parsed.get()));
    const int topCount = top != nullptr ? g_mime_header_list_get_count(top) : 0;
    for (int index = 0; index < topCount; ++index) {
        GMimeHeader *header = g_mime_header_list_get_header_at(top, index);
        const QString name = QString::fromUtf8(g_mime_header_get_name(header)).toLower();
        if (name.startsWith(QLatin1String("content-"))) {
            continue;
        }
        const char *value = g_mime_header_get_value(header);
        facts.headers.append(
                HeaderField{name, QString::fromUtf8(value != nullptr ? value : ""), 0});
    }
    int partNumber = 0;
    walk(g_mime_message_get_mime_part(parsed.get()), 0, partNumber, facts);

    addAddresses(g_mime_message_get_from(parsed.get()), facts.fromAddresses);
    if (!envelope.sender.isEmpty()) {
        facts.sender = normaliseAddress(envelope.sender);
    } else {
        QStringList from = facts.fromAddresses;
        if (from.isEmpty()) {
            addAddresses(g_mime_message_get_sender(parsed.get()), from);
        }
        facts.sender = from.value(0);
    }

    for (const GMimeAddressType type : {GMIME_ADDRESS_TYPE_TO, GMIME_ADDRESS_TYPE_CC}) {
        addAddresses(g_mime_message_get_addresses(parsed.get(), type), facts.visibleRecipients);
    }
    if (!envelope.recipients.isEmpty()) {
        for (const QString &recipient : envelope.recipients) {
            const QString normal = normaliseAddress(recipient);
            if (!normal.isEmpty() && !facts.recipients.contains(normal)) {
                facts.recipients.append(normal);
            }
        }
    } else {
        for (const GMimeAddressType type :
             {GMIME_ADDRESS_TYPE_TO, GMIME_ADDRESS_TYPE_CC, GMIME_ADDRESS_TYPE_BCC}) {
            addAddresses(g_mime_message_get_addresses(parsed.get(), type), facts.recipients);
        }
    }

    for (const Calendar::CalendarPart &part : Calendar::findCalendarParts(message)) {
        if (part.live && !part.forwarded) {
            QString method = part.method;
            if (method.isEmpty()) {
                method = QString::fromLatin1(part.methodParameter).toUpper();
            }
            facts.invitationMethods.append(method.isEmpty() ? QStringLiteral("PUBLISH") : method);
        }
    }
    return facts;
}

} // namespace Postern::Policy
