#include "IcalManifest.h"
#include "TestSupport.h"

#include "core/base/Handles.h"
#include "core/calendar/Rehydration.h"
#include "core/crypto/KeyMaterial.h"
#include "core/mime/GMimeRuntime.h"
#include "core/smime/SecureMessage.h"

#include <QDir>
#include <QFile>
#include <QHash>
#include <QObject>
#include <QRegularExpression>
#include <QStringDecoder>
#include <QTest>

#include <gmime/gmime.h>

using namespace Postern;
namespace IcalManifest = Postern::Test::IcalManifest;
using Handles::GObjectRef;

namespace {

const QByteArray calendarMessageClass = "urn:content-classes:calendarmessage";

// A helper that fails the current test ends it: the caller stops at once.
#define CHECKED(call)                     \
    do {                                  \
        call;                             \
        if (QTest::currentTestFailed()) { \
            return;                       \
        }                                 \
    } while (false)

QByteArray readCorpus(const QString &relative)
{
    QFile file(Test::corpusFile(relative));
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    return file.readAll();
}

// Files on disk keep the line ends of the project they come from; on the wire a message has
// CRLF (RFC 5322, 2.3), and that is the form a sender's client encrypts. An mbox "From " line is
// a separator, not part of the message.
QByteArray wireForm(QByteArray message)
{
    if (message.startsWith("From ")) {
        message.remove(0, message.indexOf('\n') + 1);
    }
    QByteArray out;
    out.reserve(message.size() + message.size() / 16);
    for (qsizetype at = 0; at < message.size(); ++at) {
        const char c = message.at(at);
        if (c != '\r' && c != '\n') {
            out.append(c);
            continue;
        }
        out.append("\r\n");
        if (c == '\r' && at + 1 < message.size() && message.at(at + 1) == '\n') {
            ++at;
        }
    }
    return out;
}

// The invitation e-mails of the corpus: the ical/ rows whose independent parse found the
// calendar in a MIME part whose Content-Type carries method=, which is what makes a text/calendar
// part an iMIP message rather than a calendar file (RFC 6047, 2.4).
QList<IcalManifest::Row> invitationRows()
{
    QFile file(Test::corpusFile(QStringLiteral("MANIFEST.md")));
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    QList<IcalManifest::Row> rows;
    for (const IcalManifest::Row &row : IcalManifest::icalRows(QString::fromUtf8(file.readAll()))) {
        if (row.isMessage && row.parsed.startsWith(QLatin1String("part text/calendar; method="))) {
            rows.append(row);
        }
    }
    return rows;
}

IcalManifest::Row manifestRow(const QString &file)
{
    QFile manifest(Test::corpusFile(QStringLiteral("MANIFEST.md")));
    if (!manifest.open(QIODevice::ReadOnly)) {
        return {};
    }
    for (const auto &row : IcalManifest::icalRows(QString::fromUtf8(manifest.readAll()))) {
        if (row.file == file) {
            return row;
        }
    }
    return {};
}

// An independent view of a message: the top header block read by hand, the body tree by GMime's
// own parser. Nothing here goes through the product's MIME helpers.

struct Field
{
    QByteArray name;
    QByteArray value; // unfolded (RFC 5322, 2.2.3) and trimmed
};

// The fields of the header block at the start of @p entity, each as its exact bytes.
QList<QByteArray> rawFields(const QByteArray &entity)
{
    QList<QByteArray> fields;
    qsizetype at = 0;
    while (at < entity.size()) {
        const qsizetype newline = entity.indexOf('\n', at);
        const qsizetype end = newline < 0 ? entity.size() : newline + 1;
        const QByteArray line = entity.mid(at, end - at);
        if (line == "\r\n" || line == "\n") {
            break;
        }
        const bool continuation = line.startsWith(' ') || line.startsWith('\t');
        if (continuation && !fields.isEmpty()) {
            fields.last() += line;
        } else {
            fields.append(line);
        }
        at = end;
    }
    return fields;
}

Field fieldOf(const QByteArray &raw)
{
    QByteArray unfolded = raw;
    unfolded.replace("\r\n", "").replace("\n", "");
    const qsizetype colon = unfolded.indexOf(':');
    return {unfolded.left(colon).trimmed(), unfolded.mid(colon + 1).trimmed()};
}

bool isContentField(const QByteArray &name)
{
    return name.toLower().startsWith("content-")
           || name.compare("MIME-Version", Qt::CaseInsensitive) == 0;
}

bool isPosternField(const QByteArray &name)
{
    return name.toLower().startsWith("x-postern-");
}

struct Leaf
{
    QByteArray mimeType; // lower case
    QByteArray method;   // the Content-Type's method= as written; empty when absent
    QByteArray charset;
    QByteArray disposition; // lower case; empty without a Content-Disposition
    QByteArray fileName;
    QByteArray bytes;       // the body with its transfer encoding undone
    bool forwarded = false; // inside an attached message/rfc822

    bool isCalendar() const
    {
        return mimeType == "text/calendar" || mimeType == "application/ics"
               || fileName.toLower().endsWith(".ics");
    }
};

struct MessageView
{
    bool parsed = false;
    QByteArray shape; // the tree of content types: "multipart/mixed(text/plain,text/calendar)"
    QByteArray topFileName;
    QList<Field> fields;              // the top header block, in order
    QList<QByteArray> partFieldNames; // lower case, of every header block below the top
    QList<Leaf> leaves;

    QList<QByteArray> values(const QByteArray &name) const
    {
        QList<QByteArray> found;
        for (const Field &field : fields) {
            if (field.name.compare(name, Qt::CaseInsensitive) == 0) {
                found.append(field.value);
            }
        }
        return found;
    }

    QList<Leaf> calendars() const
    {
        QList<Leaf> found;
        std::copy_if(leaves.cbegin(), leaves.cend(), std::back_inserter(found),
                     [](const Leaf &leaf) { return leaf.isCalendar(); });
        return found;
    }
};

QByteArray decodedContent(GMimePart *part)
{
    GMimeDataWrapper *content = g_mime_part_get_content(part);
    if (content == nullptr) {
        return {};
    }
    auto stream = GObjectRef<GMimeStream>::adopt(g_mime_stream_mem_new());
    g_mime_data_wrapper_write_to_stream(content, stream.get());
    const GByteArray *bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(stream.get()));
    return QByteArray(reinterpret_cast<const char *>(bytes->data),
                      static_cast<qsizetype>(bytes->len));
}

Leaf leafOf(GMimeObject *object, const QByteArray &mimeType, bool forwarded)
{
    GMimeContentType *type = g_mime_object_get_content_type(object);
    GMimeContentDisposition *disposition = g_mime_object_get_content_disposition(object);
    Leaf leaf;
    leaf.mimeType = mimeType;
    leaf.method = g_mime_content_type_get_parameter(type, "method");
    leaf.charset = g_mime_content_type_get_parameter(type, "charset");
    if (disposition != nullptr) {
        leaf.disposition =
                QByteArray(g_mime_content_disposition_get_disposition(disposition)).toLower();
    }
    leaf.fileName = g_mime_part_get_filename(GMIME_PART(object));
    leaf.bytes = decodedContent(GMIME_PART(object));
    leaf.forwarded = forwarded;
    return leaf;
}

void visit(GMimeObject *object, bool forwarded, int depth, MessageView &view)
{
    const Handles::GlibString type(
            g_mime_content_type_get_mime_type(g_mime_object_get_content_type(object)));
    const QByteArray mimeType = QByteArray(type.get()).toLower();
    view.shape += mimeType;
    if (depth > 0) {
        GMimeHeaderList *list = g_mime_object_get_header_list(object);
        for (int index = 0; index < g_mime_header_list_get_count(list); ++index) {
            GMimeHeader *header = g_mime_header_list_get_header_at(list, index);
            view.partFieldNames.append(QByteArray(g_mime_header_get_name(header)).toLower());
        }
    }

    if (GMIME_IS_MULTIPART(object)) {
        GMimeMultipart *multipart = GMIME_MULTIPART(object);
        view.shape += '(';
        for (int index = 0; index < g_mime_multipart_get_count(multipart); ++index) {
            view.shape += index > 0 ? "," : "";
            visit(g_mime_multipart_get_part(multipart, index), forwarded, depth + 1, view);
        }
        view.shape += ')';
    } else if (GMIME_IS_MESSAGE_PART(object)) {
        GMimeMessage *inner = g_mime_message_part_get_message(GMIME_MESSAGE_PART(object));
        view.shape += '[';
        if (inner != nullptr && g_mime_message_get_mime_part(inner) != nullptr) {
            visit(g_mime_message_get_mime_part(inner), true, depth + 1, view);
        }
        view.shape += ']';
    } else if (GMIME_IS_PART(object)) {
        view.leaves.append(leafOf(object, mimeType, forwarded));
    }
}

MessageView viewOf(const QByteArray &message)
{
    Mime::ensureGMime();
    MessageView view;
    for (const QByteArray &raw : rawFields(message)) {
        view.fields.append(fieldOf(raw));
    }

    auto stream = GObjectRef<GMimeStream>::adopt(g_mime_stream_mem_new_with_buffer(
            message.constData(), static_cast<size_t>(message.size())));
    auto parser = GObjectRef<GMimeParser>::adopt(g_mime_parser_new_with_stream(stream.get()));
    auto parsed =
            GObjectRef<GMimeMessage>::adopt(g_mime_parser_construct_message(parser.get(), nullptr));
    GMimeObject *top = parsed ? g_mime_message_get_mime_part(parsed.get()) : nullptr;
    if (top == nullptr) {
        return view;
    }
    if (GMIME_IS_PART(top)) {
        view.topFileName = g_mime_part_get_filename(GMIME_PART(top));
    }
    visit(top, false, 0, view);
    view.parsed = true;
    return view;
}

// The METHOD property of a calendar (RFC 5545, 3.7.2), upper case: unfolded, first one found.
QByteArray methodProperty(const QByteArray &calendar)
{
    QByteArray unfolded = calendar;
    unfolded.replace("\r\n ", "").replace("\r\n\t", "").replace("\n ", "").replace("\n\t", "");
    static const QRegularExpression method(QStringLiteral("^METHOD(?:;[^:]*)?:(.*)$"),
                                           QRegularExpression::MultilineOption
                                                   | QRegularExpression::CaseInsensitiveOption);
    const auto match = method.match(QString::fromLatin1(unfolded));
    return match.hasMatch() ? match.captured(1).trimmed().toUpper().toLatin1() : QByteArray();
}

// A calendar part a mail client must treat as an invitation: text/calendar outside any forwarded
// message, with method= (RFC 6047, 2.4), or shown inline with a METHOD property. An attached
// calendar without method= is a file (Thunderbird's reading of comm-central's non-invite mail).
bool isInvitationPart(const Leaf &leaf)
{
    if (leaf.mimeType != "text/calendar" || leaf.forwarded) {
        return false;
    }
    return !leaf.method.isEmpty()
           || (leaf.disposition != "attachment" && !methodProperty(leaf.bytes).isEmpty());
}

// What method= must say: the METHOD property wins over the parameter, as in Outlook.
QByteArray expectedMethod(const Leaf &original)
{
    const QByteArray property = methodProperty(original.bytes);
    return property.isEmpty() ? original.method.toUpper() : property;
}

// The address in a From field: inside angle brackets when there are any.
QString fromAddress(const MessageView &view)
{
    const QList<QByteArray> from = view.values("From");
    if (from.isEmpty()) {
        return {};
    }
    static const QRegularExpression angle(QStringLiteral("<([^>]+)>"));
    const QString value = QString::fromUtf8(from.first());
    const auto match = angle.match(value);
    return (match.hasMatch() ? match.captured(1) : value).trimmed();
}

QByteArray base64Lines(const QByteArray &bytes)
{
    const QByteArray encoded = bytes.toBase64();
    QByteArray out;
    for (qsizetype at = 0; at < encoded.size(); at += 76) {
        out += encoded.mid(at, 76) + "\r\n";
    }
    return out;
}

// Checks shared by the tests. Each fails the current test with the context in its message.

void checkSameShape(const MessageView &before, const MessageView &after)
{
    QVERIFY2(after.parsed, "the rehydrated message does not parse");
    QCOMPARE(after.shape, before.shape);
    QCOMPARE(after.leaves.size(), before.leaves.size());
}

void checkCalendarBytes(const MessageView &before, const MessageView &after)
{
    const QList<Leaf> original = before.calendars();
    const QList<Leaf> result = after.calendars();
    QCOMPARE(result.size(), original.size());
    for (qsizetype index = 0; index < original.size(); ++index) {
        QVERIFY2(result.at(index).bytes == original.at(index).bytes,
                 qPrintable(QStringLiteral("calendar part %1 changed").arg(index + 1)));
    }
}

// Every field of the original top header block, apart from the Content-* ones the rehydrated
// message writes anew, is there with the same value: From, To, Cc, Reply-To, Subject, Date,
// Message-ID, In-Reply-To, References, Thread-Index, Thread-Topic and the rest.
void checkOuterFieldsKept(const MessageView &before, const MessageView &after)
{
    QVERIFY(!before.values("From").isEmpty());
    for (const Field &field : before.fields) {
        if (isContentField(field.name) || isPosternField(field.name)) {
            continue;
        }
        QVERIFY2(after.values(field.name) == before.values(field.name),
                 qPrintable(QString::fromLatin1(field.name) + QStringLiteral(" not kept")));
    }
}

void checkNoSmimeLeft(const MessageView &after)
{
    QVERIFY2(!after.shape.startsWith("application/pkcs7-mime")
                     && !after.shape.startsWith("application/x-pkcs7-mime"),
             after.shape.constData());
    QVERIFY(after.topFileName.compare("smime.p7m", Qt::CaseInsensitive) != 0);
    for (const Field &field : after.fields) {
        QVERIFY2(!field.value.toLower().contains("smime.p7m"), field.value.constData());
    }
}

// The calendar parts that were invitations carry an upper-case method= equal to the METHOD
// property, a charset, and no attachment disposition; the first one's method is the one the
// manifest's independent parse states (@p manifestMethod, empty: not stated).
void checkInvitationParts(const MessageView &before,
                          const MessageView &after,
                          const QString &manifestMethod)
{
    bool first = true;
    for (qsizetype index = 0; index < before.leaves.size(); ++index) {
        const Leaf &original = before.leaves.at(index);
        if (!isInvitationPart(original)) {
            continue;
        }
        const Leaf &part = after.leaves.at(index);
        const QByteArray expected = expectedMethod(original);
        QCOMPARE(part.mimeType, QByteArray("text/calendar"));
        QCOMPARE(part.method, expected);
        QVERIFY2(!part.charset.isEmpty(), "the calendar part has no charset");
        QVERIFY2(part.disposition != "attachment", "the calendar part is an attachment");
        if (first && !manifestMethod.isEmpty()) {
            QCOMPARE(QString::fromLatin1(part.method), manifestMethod.toUpper());
        }
        first = false;
    }
    QVERIFY2(!first, "the original has no invitation part");
}

void checkContentClass(const MessageView &after, bool meeting)
{
    const QList<QByteArray> classes = after.values("Content-Class");
    if (meeting) {
        QCOMPARE(classes, QList<QByteArray>{calendarMessageClass});
    } else {
        QVERIFY2(!classes.contains(calendarMessageClass), "a plain message became a meeting");
    }
}

// Exactly one X-Postern-* field anywhere, Postern's own security field, whose content tells a
// signed-and-encrypted message (with its signer) from an encrypted-only one.
void checkSecurityField(const MessageView &after, const QString &signer)
{
    QList<Field> ours;
    std::copy_if(after.fields.cbegin(), after.fields.cend(), std::back_inserter(ours),
                 [](const Field &field) { return isPosternField(field.name); });
    QCOMPARE(ours.size(), 1);
    QCOMPARE(ours.first().name, QByteArray("X-Postern-Security"));
    QVERIFY(std::none_of(after.partFieldNames.cbegin(), after.partFieldNames.cend(),
                         [](const QByteArray &name) { return isPosternField(name); }));

    QByteArray value = ours.first().value;
    QVERIFY2(value.endsWith(" (by Postern)"), value.constData());
    value.chop(13);
    QHash<QByteArray, QByteArray> items;
    const QList<QByteArray> pieces = value.split(';');
    for (const QByteArray &piece : pieces.mid(1)) {
        const qsizetype equals = piece.indexOf('=');
        items.insert(piece.left(equals).trimmed(), piece.mid(equals + 1).trimmed());
    }
    QCOMPARE(pieces.first().trimmed(), QByteArray("decrypted"));
    if (signer.isEmpty()) {
        QCOMPARE(items.value("signature"), QByteArray("none"));
        QVERIFY2(!items.contains("signer"), value.constData());
        // AES-CBC without a signature cannot show a changed ciphertext (EFAIL).
        QVERIFY2(!items.value("integrity").isEmpty() && items.value("integrity") != "intact",
                 value.constData());
    } else {
        QCOMPARE(items.value("signature"), QByteArray("valid"));
        QCOMPARE(QString::fromUtf8(items.value("signer")), signer);
        QCOMPARE(items.value("integrity"), QByteArray("intact"));
    }
}

enum class ContentTypeEdit {
    LowerCaseMethod,
    NoMethod,
    DifferentMethod,
    NoCharset,
};

// The message as pieces that concatenate back to it: every Content-Type field with its folded
// lines is one piece, any other line is a piece of its own.
QList<QByteArray> contentTypePieces(const QByteArray &message)
{
    QList<QByteArray> pieces;
    bool inContentType = false;
    qsizetype at = 0;
    while (at < message.size()) {
        const qsizetype newline = message.indexOf('\n', at);
        const qsizetype end = newline < 0 ? message.size() : newline + 1;
        const QByteArray line = message.mid(at, end - at);
        const bool continuation = line.startsWith(' ') || line.startsWith('\t');
        if (inContentType && continuation) {
            pieces.last() += line;
        } else {
            pieces.append(line);
            inContentType = line.toLower().startsWith("content-type:");
        }
        at = end;
    }
    return pieces;
}

// The replacement for one matched "; method=..." or "; charset=..." parameter.
QString editedParameter(const QRegularExpressionMatch &match, ContentTypeEdit edit)
{
    const QString value = match.captured(2);
    switch (edit) {
    case ContentTypeEdit::LowerCaseMethod:
        return match.captured(1) + QStringLiteral("method=") + value.toLower();
    case ContentTypeEdit::DifferentMethod:
        return match.captured(1) + QStringLiteral("method=")
               + (value.compare(QLatin1String("PUBLISH"), Qt::CaseInsensitive) == 0
                          ? QStringLiteral("REQUEST")
                          : QStringLiteral("PUBLISH"));
    case ContentTypeEdit::NoMethod:
    case ContentTypeEdit::NoCharset:
        return {};
    }
    return {};
}

// @p message with one parameter of every text/calendar Content-Type field changed; the bodies
// stay as they are.
QByteArray withContentTypeEdited(const QByteArray &message, ContentTypeEdit edit)
{
    static const QRegularExpression method(QStringLiteral("(;\\s*)method=\"?([A-Za-z-]+)\"?"),
                                           QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression charset(QStringLiteral("(;\\s*)charset=\"?([^\";\\s]+)\"?"),
                                            QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression calendarType(QStringLiteral("^content-type:\\s*text/calendar"),
                                                 QRegularExpression::CaseInsensitiveOption);
    const QRegularExpression &parameter = edit == ContentTypeEdit::NoCharset ? charset : method;
    QByteArray out;
    for (const QByteArray &raw : contentTypePieces(message)) {
        QString field = QString::fromLatin1(raw);
        const auto match = parameter.match(field);
        if (!calendarType.match(field).hasMatch() || !match.hasMatch()) {
            out += raw;
            continue;
        }
        field.replace(match.capturedStart(), match.capturedLength(), editedParameter(match, edit));
        out += field.toLatin1();
    }
    return out;
}

// Fields a message may already carry from outside, claiming a verdict Postern never gave.
const QByteArray forgedOutside = "X-Postern-Security: not-encrypted; signature=valid; "
                                 "signer=boss@forged.example; integrity=intact (by Postern)\r\n"
                                 "x-postern-trust:\r\n forged-outside-folded\r\n"
                                 "X-POSTERN-SECURITY: forged-outside-upper-case\r\n";

// The same, written by the sender inside the encrypted (and possibly signed) entity.
const QByteArray forgedInside = "X-Postern-Security: decrypted; signature=valid; "
                                "signer=ceo@forged.example; integrity=intact (by Postern)\r\n"
                                "X-Postern-Verdict: forged-inside\r\n";

const QByteArray envelopedHeaders =
        "Content-Type: application/pkcs7-mime; smime-type=enveloped-data; name=\"smime.p7m\"\r\n"
        "Content-Disposition: attachment; filename=\"smime.p7m\"\r\n"
        "Content-Transfer-Encoding: base64\r\n\r\n";

struct SplitMessage
{
    QByteArray outer;   // the top fields other than Content-*
    QByteArray content; // the top Content-* fields
    QByteArray body;
};

SplitMessage split(const QByteArray &message)
{
    SplitMessage parts;
    for (const QByteArray &raw : rawFields(message)) {
        const bool content = fieldOf(raw).name.toLower().startsWith("content-");
        (content ? parts.content : parts.outer) += raw;
    }
    parts.body = message.mid(message.indexOf("\r\n\r\n") + 4);
    return parts;
}

// @p calendar as an .ics file two levels down in multipart/mixed, under @p message's headers.
QByteArray deepAttachment(const QByteArray &message, const QByteArray &calendar)
{
    return split(message).outer
           + "Content-Type: multipart/mixed; boundary=\"outer-boundary\"\r\n\r\n"
             "--outer-boundary\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
             "The event is in the attached file.\r\n"
             "--outer-boundary\r\nContent-Type: multipart/mixed; "
             "boundary=\"inner-boundary\"\r\n\r\n"
             "--inner-boundary\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
             "Attached as it came.\r\n"
             "--inner-boundary\r\n"
             "Content-Type: text/calendar; charset=utf-8; name=\"invite.ics\"\r\n"
             "Content-Disposition: attachment; filename=\"invite.ics\"\r\n"
             "Content-Transfer-Encoding: base64\r\n\r\n"
           + base64Lines(calendar) + "--inner-boundary--\r\n--outer-boundary--\r\n";
}

// The message of an attachedCalendar row: the corpus file, or its calendar moved deep down.
QByteArray attachedSample(const QString &file, bool deep)
{
    const QByteArray source = wireForm(readCorpus(file));
    const QList<Leaf> calendars = viewOf(source).calendars();
    return deep && !calendars.isEmpty() ? deepAttachment(source, calendars.first().bytes) : source;
}

QString fromAddressOf(const QByteArray &message)
{
    MessageView view;
    for (const QByteArray &raw : rawFields(message)) {
        view.fields.append(fieldOf(raw));
    }
    return fromAddress(view);
}

// RFC 5545, 3.3.11: the manifest writes SUMMARY with its escapes.
QString unescaped(QString text)
{
    text.replace(QLatin1String("\\,"), QLatin1String(","));
    text.replace(QLatin1String("\\;"), QLatin1String(";"));
    text.replace(QLatin1String("\\\\"), QLatin1String("\\"));
    return text;
}

// The detail of a failed result, for a message that is built whether the result failed or not.
template <typename T, typename Code>
QString failureOf(const Result<T, Code> &result)
{
    return result ? QString() : result.error().detail;
}

QString editName(ContentTypeEdit edit)
{
    switch (edit) {
    case ContentTypeEdit::LowerCaseMethod:
        return QStringLiteral("lower-case method=");
    case ContentTypeEdit::NoMethod:
        return QStringLiteral("no method=");
    case ContentTypeEdit::DifferentMethod:
        return QStringLiteral("method= differing from METHOD");
    case ContentTypeEdit::NoCharset:
        return QStringLiteral("no charset=");
    }
    return {};
}

} // namespace

Q_DECLARE_METATYPE(ContentTypeEdit)
Q_DECLARE_METATYPE(Postern::Calendar::ConvertError)

class RehydrationTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void roundTrip_data();
    void roundTrip();
    void threadingFieldsKept_data();
    void threadingFieldsKept();
    void contentTypeFixed_data();
    void contentTypeFixed();
    void forgedFieldsRemoved_data();
    void forgedFieldsRemoved();
    void contentClassOnce_data();
    void contentClassOnce();
    void attachedCalendar_data();
    void attachedCalendar();
    void attachedCalendarPromoted_data();
    void attachedCalendarPromoted();
    void convertToIcs_data();
    void convertToIcs();
    void withoutCalendar_data();
    void withoutCalendar();

private:
    struct Trip
    {
        QByteArray output;
        QString error; // empty when every step worked
    };

    Trip rehydrated(const QByteArray &protectedMessage,
                    const QString &signer,
                    const Calendar::RehydrateOptions &options = {});
    Trip protectAndRehydrate(const QByteArray &message,
                             bool sign,
                             const Calendar::RehydrateOptions &options = {});
    QByteArray withForgedFields(const QByteArray &message, const QString &signer);
    Crypto::Identity signerFor(const QString &address);

    Crypto::Identity m_recipient;
    QHash<QString, Crypto::Identity> m_signers;
};

void RehydrationTest::initTestCase()
{
    auto recipient = Crypto::generateIdentity(QStringLiteral("receiver@example.org"),
                                              QStringLiteral("Receiver"), Crypto::KeyType::Rsa3072);
    QVERIFY2(recipient.has_value(), qPrintable(failureOf(recipient)));
    m_recipient = *recipient;
}

// A signer whose certificate names @p address, so the signature is valid for that From: field;
// a null certificate when none could be made.
Crypto::Identity RehydrationTest::signerFor(const QString &address)
{
    if (!m_signers.contains(address)) {
        auto made = Crypto::generateIdentity(address, QStringLiteral("Signer"),
                                             Crypto::KeyType::EcP256);
        if (!made) {
            return {};
        }
        m_signers.insert(address, *made);
    }
    return m_signers.value(address);
}

RehydrationTest::Trip RehydrationTest::rehydrated(const QByteArray &protectedMessage,
                                                  const QString &signer,
                                                  const Calendar::RehydrateOptions &options)
{
    Smime::ReadOptions readOptions;
    readOptions.identities = {m_recipient};
    readOptions.trust.useSystemRoots = false;
    if (!signer.isEmpty() && m_signers.contains(signer)) {
        readOptions.trust.trustedRoots = {m_signers.value(signer).certificate};
    }

    const auto result = Smime::read(protectedMessage, readOptions);
    if (!result) {
        return {{}, QStringLiteral("reading failed: ") + result.error().detail};
    }
    if (!result->complete || !result->isEncrypted()) {
        return {{}, QStringLiteral("the message was not decrypted")};
    }
    return {Calendar::rehydrate(*result, options), {}};
}

RehydrationTest::Trip
RehydrationTest::protectAndRehydrate(const QByteArray &message,
                                     bool sign,
                                     const Calendar::RehydrateOptions &options)
{
    const QString address = sign ? fromAddressOf(message) : QString();
    const Crypto::Identity signer = sign ? signerFor(address) : Crypto::Identity();
    if (sign && signer.certificate.isNull()) {
        return {{}, QStringLiteral("no signer identity for ") + address};
    }

    const QList<Crypto::Certificate> recipients{m_recipient.certificate};
    const auto protectedMessage =
            sign ? Smime::signAndEncryptMessage(message, signer, recipients, {})
                 : Smime::encryptMessage(message, recipients, {});
    if (!protectedMessage) {
        return {{}, QStringLiteral("protecting failed: ") + protectedMessage.error().detail};
    }
    if (!viewOf(*protectedMessage).shape.startsWith("application/pkcs7-mime")) {
        return {{}, QStringLiteral("the protected message is not enveloped")};
    }
    return rehydrated(*protectedMessage, address, options);
}

// @p message encrypted by hand, so that forged X-Postern-* fields sit both outside and in the
// encrypted entity's own header block (signed opaquely there when @p signer is given).
QByteArray RehydrationTest::withForgedFields(const QByteArray &message, const QString &signer)
{
    const SplitMessage parts = split(message);
    QByteArray entity = forgedInside + parts.content + "\r\n" + parts.body;
    if (!signer.isEmpty()) {
        const auto signedData = Crypto::sign(entity, signerFor(signer), false);
        if (!signedData) {
            return {};
        }
        entity = "Content-Type: application/pkcs7-mime; smime-type=signed-data; "
                 "name=\"smime.p7m\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                 + base64Lines(*signedData);
    }

    const auto enveloped = Crypto::encrypt(entity, {m_recipient.certificate}, {});
    if (!enveloped) {
        return {};
    }
    return parts.outer + forgedOutside + envelopedHeaders + base64Lines(*enveloped);
}

void RehydrationTest::roundTrip_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("method");
    QTest::addColumn<bool>("sign");
    const QList<IcalManifest::Row> rows = invitationRows();
    if (rows.isEmpty()) {
        QTest::newRow("no corpus") << QString() << QString() << false;
        return;
    }
    for (const IcalManifest::Row &row : rows) {
        QTest::addRow("%s | encrypted", qPrintable(row.file)) << row.file << row.method << false;
        QTest::addRow("%s | signed and encrypted", qPrintable(row.file))
                << row.file << row.method << true;
    }
}

// Source: every invitation e-mail of the corpus, picked by its MANIFEST.md row; the expected
// METHOD is the manifest's independent parse.
void RehydrationTest::roundTrip()
{
    POSTERN_REQUIRE_CORPUS();
    QFETCH(QString, file);
    QFETCH(QString, method);
    QFETCH(bool, sign);
    const QByteArray message = wireForm(readCorpus(file));
    QVERIFY2(!message.isEmpty(), qPrintable(file));
    const MessageView before = viewOf(message);
    QVERIFY2(before.parsed && !before.calendars().isEmpty(), qPrintable(file));

    const Trip trip = protectAndRehydrate(message, sign);
    QVERIFY2(trip.error.isEmpty(), qPrintable(trip.error));
    const MessageView after = viewOf(trip.output);

    CHECKED(checkSameShape(before, after));
    CHECKED(checkCalendarBytes(before, after));
    CHECKED(checkOuterFieldsKept(before, after));
    CHECKED(checkNoSmimeLeft(after));
    CHECKED(checkInvitationParts(before, after, method));
    CHECKED(checkContentClass(after, true));
    checkSecurityField(after, sign ? fromAddressOf(message) : QString());
}

void RehydrationTest::threadingFieldsKept_data()
{
    QTest::addColumn<bool>("sign");
    QTest::newRow("encrypted") << false;
    QTest::newRow("signed and encrypted") << true;
}

// The corpus invitations carry few of the fields a reply or a thread adds; these are added to
// one of them (values in the forms RFC 5322, 3.6 and Exchange write).
void RehydrationTest::threadingFieldsKept()
{
    POSTERN_REQUIRE_CORPUS();
    QFETCH(bool, sign);
    const QByteArray added = "Cc: Other Person <other@example.com>, third@example.com\r\n"
                             "Reply-To: organiser@example.com\r\n"
                             "In-Reply-To: <first@example.com>\r\n"
                             "References: <first@example.com>\r\n <second@example.com>\r\n"
                             "Thread-Index: AdfdgAAehFDfsPyXTommZqRYgeMqiQAABo4Q\r\n"
                             "Thread-Topic: =?UTF-8?Q?Sitzung_=C3=BCber_Termine?=\r\n";
    const QByteArray message =
            added + wireForm(readCorpus(QStringLiteral("ical/comm-central__single-event.eml")));

    const Trip trip = protectAndRehydrate(message, sign);
    QVERIFY2(trip.error.isEmpty(), qPrintable(trip.error));
    const MessageView after = viewOf(trip.output);

    using Values = QList<QByteArray>;
    QCOMPARE(after.values("Cc"), Values{"Other Person <other@example.com>, third@example.com"});
    QCOMPARE(after.values("Reply-To"), Values{"organiser@example.com"});
    QCOMPARE(after.values("In-Reply-To"), Values{"<first@example.com>"});
    QCOMPARE(after.values("References"), Values{"<first@example.com> <second@example.com>"});
    QCOMPARE(after.values("Thread-Index"), Values{"AdfdgAAehFDfsPyXTommZqRYgeMqiQAABo4Q"});
    QCOMPARE(after.values("Thread-Topic"), Values{"=?UTF-8?Q?Sitzung_=C3=BCber_Termine?="});
    checkOuterFieldsKept(viewOf(message), after);
}

void RehydrationTest::contentTypeFixed_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("method");
    QTest::addColumn<ContentTypeEdit>("edit");
    const QList<IcalManifest::Row> rows = invitationRows();
    if (rows.isEmpty()) {
        QTest::newRow("no corpus") << QString() << QString() << ContentTypeEdit::NoMethod;
        return;
    }
    for (const IcalManifest::Row &row : rows) {
        for (const ContentTypeEdit edit :
             {ContentTypeEdit::LowerCaseMethod, ContentTypeEdit::NoMethod,
              ContentTypeEdit::DifferentMethod, ContentTypeEdit::NoCharset}) {
            QTest::addRow("%s | %s", qPrintable(row.file), qPrintable(editName(edit)))
                    << row.file << row.method << edit;
        }
    }
}

// Source: the corpus invitations with the Content-Type of their calendar parts edited; the
// expected method is the METHOD property the manifest states, the expected charset without one
// is UTF-8, the default of text/calendar (RFC 5545, 8.1).
void RehydrationTest::contentTypeFixed()
{
    POSTERN_REQUIRE_CORPUS();
    QFETCH(QString, file);
    QFETCH(QString, method);
    QFETCH(ContentTypeEdit, edit);
    const QByteArray original = wireForm(readCorpus(file));
    const QByteArray message = withContentTypeEdited(original, edit);
    QVERIFY2(message != original, "no parameter to edit");
    const MessageView before = viewOf(message);

    const Trip trip = protectAndRehydrate(message, false);
    QVERIFY2(trip.error.isEmpty(), qPrintable(trip.error));
    const MessageView after = viewOf(trip.output);
    CHECKED(checkSameShape(before, after));
    CHECKED(checkCalendarBytes(before, after));

    const bool invitation =
            std::any_of(before.leaves.cbegin(), before.leaves.cend(), &isInvitationPart);
    CHECKED(checkContentClass(after, invitation));
    if (invitation) {
        CHECKED(checkInvitationParts(before, after, method));
    }
    for (qsizetype index = 0; index < before.leaves.size(); ++index) {
        const Leaf &part = before.leaves.at(index);
        const Leaf &result = after.leaves.at(index);
        if (isInvitationPart(part) && edit == ContentTypeEdit::NoCharset) {
            QCOMPARE(result.charset.toLower(), QByteArray("utf-8"));
        }
        // Without method= an attached calendar is a file (RFC 6047, 2.4): it stays as it was.
        if (part.isCalendar() && !isInvitationPart(part)) {
            QCOMPARE(result.method, part.method);
            QCOMPARE(result.disposition, part.disposition);
        }
    }
}

void RehydrationTest::forgedFieldsRemoved_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<bool>("sign");
    // A multipart/alternative invitation and a single-part text/calendar one.
    for (const char *file :
         {"ical/comm-central__single-event.eml", "ical/libical__simple-mime.txt"}) {
        QTest::addRow("%s | encrypted", file) << QString::fromLatin1(file) << false;
        QTest::addRow("%s | signed inside encrypted", file) << QString::fromLatin1(file) << true;
    }
}

void RehydrationTest::forgedFieldsRemoved()
{
    POSTERN_REQUIRE_CORPUS();
    QFETCH(QString, file);
    QFETCH(bool, sign);
    const QByteArray message = wireForm(readCorpus(file));
    QVERIFY2(!message.contains("forged"), "the sample itself mentions the marker");
    const QString signer = sign ? fromAddressOf(message) : QString();
    const QByteArray forged = withForgedFields(message, signer);
    QVERIFY2(!forged.isEmpty(), "could not protect the sample");

    const Trip trip = rehydrated(forged, signer);
    QVERIFY2(trip.error.isEmpty(), qPrintable(trip.error));
    const MessageView after = viewOf(trip.output);

    QVERIFY2(!trip.output.contains("forged"), trip.output.left(2000).constData());
    CHECKED(checkSecurityField(after, signer));
    CHECKED(checkSameShape(viewOf(message), after));
    checkCalendarBytes(viewOf(message), after);
}

void RehydrationTest::contentClassOnce_data()
{
    QTest::addColumn<QByteArray>("contentClass");
    QTest::newRow("Exchange's calendar class") << calendarMessageClass;
    QTest::newRow("a plain message class") << QByteArray("urn:content-classes:message");
}

// Exchange writes Content-Class on meeting messages; an S/MIME writer carries it inside the
// encrypted entity with the other Content-* fields. The result still has exactly one.
void RehydrationTest::contentClassOnce()
{
    POSTERN_REQUIRE_CORPUS();
    QFETCH(QByteArray, contentClass);
    const QByteArray message =
            "Content-Class: " + contentClass + "\r\n"
            + wireForm(readCorpus(QStringLiteral("ical/comm-central__outlook-test-invite.eml")));

    const Trip trip = protectAndRehydrate(message, false);
    QVERIFY2(trip.error.isEmpty(), qPrintable(trip.error));
    const MessageView after = viewOf(trip.output);
    CHECKED(checkContentClass(after, true));
    checkSameShape(viewOf(message), after);
}

void RehydrationTest::attachedCalendar_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<bool>("deep");
    // comm-central's non-invite: text/calendar without method=, attached to multipart/mixed.
    QTest::newRow("event.ics attached")
            << QStringLiteral("ical/comm-central__message-non-invite.eml") << false;
    // repeat-event's calendar moved into an .ics file two multipart/mixed levels down.
    QTest::newRow("invite.ics deep in multipart/mixed")
            << QStringLiteral("ical/comm-central__repeat-event.eml") << true;
}

// A calendar file attached without method= is reported but stays a file by default.
void RehydrationTest::attachedCalendar()
{
    POSTERN_REQUIRE_CORPUS();
    QFETCH(QString, file);
    QFETCH(bool, deep);
    const QByteArray message = attachedSample(file, deep);
    const MessageView before = viewOf(message);
    QCOMPARE(before.calendars().size(), 1);
    const Leaf original = before.calendars().first();
    QVERIFY(original.method.isEmpty() && original.disposition == "attachment");

    const QList<Calendar::CalendarPart> parts = Calendar::findCalendarParts(message);
    QCOMPARE(parts.size(), 1);
    QVERIFY2(!parts.first().live, "an attached calendar file is reported as a live invitation");
    QCOMPARE(parts.first().calendar, original.bytes);

    const Trip trip = protectAndRehydrate(message, false);
    QVERIFY2(trip.error.isEmpty(), qPrintable(trip.error));
    const MessageView after = viewOf(trip.output);
    CHECKED(checkSameShape(before, after));
    CHECKED(checkCalendarBytes(before, after));
    CHECKED(checkContentClass(after, false));
    QCOMPARE(after.calendars().first().disposition, QByteArray("attachment"));
    QCOMPARE(after.calendars().first().method, QByteArray());
}

void RehydrationTest::attachedCalendarPromoted_data()
{
    attachedCalendar_data();
}

// The same files become invitations when the user asks for attached ones to be promoted; the
// expected method is the METHOD the manifest states for the source file.
void RehydrationTest::attachedCalendarPromoted()
{
    POSTERN_REQUIRE_CORPUS();
    QFETCH(QString, file);
    QFETCH(bool, deep);
    const QString expected = manifestRow(file).method.toUpper();
    QVERIFY2(!expected.isEmpty(), qPrintable(file));
    const QByteArray message = attachedSample(file, deep);
    const MessageView before = viewOf(message);

    Calendar::RehydrateOptions promote;
    promote.promoteAttachedInvitations = true;
    const Trip trip = protectAndRehydrate(message, false, promote);
    QVERIFY2(trip.error.isEmpty(), qPrintable(trip.error));
    const MessageView after = viewOf(trip.output);
    CHECKED(checkSameShape(before, after));
    CHECKED(checkCalendarBytes(before, after));
    CHECKED(checkContentClass(after, true));

    QCOMPARE(after.calendars().size(), 1);
    const Leaf live = after.calendars().first();
    QCOMPARE(live.mimeType, QByteArray("text/calendar"));
    QCOMPARE(QString::fromLatin1(live.method), expected);
    QVERIFY(!live.charset.isEmpty());
    QVERIFY(live.disposition != "attachment");
}

void RehydrationTest::convertToIcs_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("summary");
    const QList<IcalManifest::Row> rows = invitationRows();
    if (rows.isEmpty()) {
        QTest::newRow("no corpus") << QString() << QString();
        return;
    }
    for (const IcalManifest::Row &row : rows) {
        QTest::newRow(qPrintable(row.file)) << row.file << unescaped(row.summary);
    }
}

// Source: every invitation e-mail of the corpus; the summary is the manifest's.
void RehydrationTest::convertToIcs()
{
    POSTERN_REQUIRE_CORPUS();
    QFETCH(QString, file);
    QFETCH(QString, summary);
    const QByteArray message = wireForm(readCorpus(file));
    const MessageView before = viewOf(message);
    const auto invitation =
            std::find_if(before.leaves.cbegin(), before.leaves.cend(), &isInvitationPart);
    QVERIFY2(invitation != before.leaves.cend(), qPrintable(file));

    const auto converted = Calendar::convertToIcsAttachment(message);
    QVERIFY2(converted.has_value(), qPrintable(failureOf(converted)));
    const MessageView after = viewOf(*converted);
    QVERIFY2(after.shape.startsWith("multipart/mixed("), after.shape.constData());
    QCOMPARE(after.leaves.size(), 2);

    const Leaf &text = after.leaves.first();
    QCOMPARE(text.mimeType, QByteArray("text/plain"));
    QStringDecoder decoder(text.charset.constData());
    QVERIFY2(decoder.isValid(), text.charset.constData());
    const QString readable = decoder.decode(text.bytes);
    QVERIFY2(!decoder.hasError(), "the text part does not decode in its charset");
    QVERIFY2(readable.contains(summary), qPrintable(readable));

    const Leaf &ics = after.leaves.last();
    QCOMPARE(ics.fileName, QByteArray("invite.ics"));
    QCOMPARE(ics.disposition, QByteArray("attachment"));
    QCOMPARE(ics.bytes, invitation->bytes);
    checkOuterFieldsKept(before, after);
}

void RehydrationTest::withoutCalendar_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<Calendar::ConvertError>("error");
    QTest::newRow("plain text message")
            << QString()
            << QByteArray("From: a@example.org\r\nTo: b@example.org\r\nSubject: Lunch\r\n"
                          "Date: Mon, 1 Feb 2027 10:00:00 +0000\r\nMessage-ID: <x@example.org>\r\n"
                          "\r\nNo calendar here.\r\n")
            << Calendar::ConvertError::NoCalendar;
    QTest::newRow("no header block")
            << QString() << QByteArray("Just some words.\r\n") << Calendar::ConvertError::NotMime;
    // A calendar file is not a message, though its lines look like header fields: converting it
    // would make a message whose header is the calendar.
    QTest::newRow("bare iCalendar file")
            << QString()
            << QByteArray("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:REQUEST\r\n"
                          "PRODID:-//Example//EN\r\nBEGIN:VEVENT\r\nUID:1@example.org\r\n"
                          "DTSTART:20270201T100000Z\r\nSUMMARY:Lunch\r\nEND:VEVENT\r\n"
                          "END:VCALENDAR\r\n")
            << Calendar::ConvertError::NotMime;
    QTest::newRow("header-like lines of no message")
            << QString() << QByteArray("Name: Lunch\nPlace: canteen\n\nBring a fork.\n")
            << Calendar::ConvertError::NotMime;
    // The corpus's e-mails without any calendar (mime/: odd but real MIME).
    const QStringList names =
            QDir(Test::corpusFile(QStringLiteral("mime"))).entryList(QDir::Files, QDir::Name);
    for (const QString &name : names) {
        QTest::newRow(qPrintable(QStringLiteral("mime/") + name))
                << QStringLiteral("mime/") + name << QByteArray()
                << Calendar::ConvertError::NoCalendar;
    }
}

// No calendar: converting says so, and rehydrating makes no meeting message of it.
void RehydrationTest::withoutCalendar()
{
    QFETCH(QString, file);
    QFETCH(QByteArray, input);
    QFETCH(Calendar::ConvertError, error);
    if (!file.isEmpty()) {
        POSTERN_REQUIRE_CORPUS();
        input = wireForm(readCorpus(file));
    }

    const auto converted = Calendar::convertToIcsAttachment(input);
    QVERIFY2(!converted.has_value(), "a message without a calendar was converted");
    QCOMPARE(converted.error().code, error);
    if (error != Calendar::ConvertError::NoCalendar) {
        return;
    }

    const MessageView before = viewOf(input);
    QVERIFY(before.calendars().isEmpty());
    const Trip trip = protectAndRehydrate(input, false);
    QVERIFY2(trip.error.isEmpty(), qPrintable(trip.error));
    const MessageView after = viewOf(trip.output);
    CHECKED(checkContentClass(after, false));
    CHECKED(checkSecurityField(after, QString()));
    checkSameShape(before, after);
}

QTEST_GUILESS_MAIN(RehydrationTest)
#include "tst_rehydration.moc"
