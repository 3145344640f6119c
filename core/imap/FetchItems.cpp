#include "FetchItems.h"

namespace Postern::Imap {

namespace {

bool isAtomChar(char c)
{
    // RFC 3501 ATOM-CHAR, minus the brackets and angle brackets that a fetch-att spells out.
    const auto byte = static_cast<unsigned char>(c);
    if (byte <= 0x20 || byte >= 0x7f) {
        return false;
    }
    return QByteArrayView("(){%*\"\\[]<>").indexOf(c) < 0;
}

class ItemParser
{
public:
    explicit ItemParser(const QByteArray &text)
        : m_text(text)
    {
    }

    std::optional<QList<FetchItem>> parse(qsizetype *consumed, QString *error);

private:
    std::optional<FetchItem> item();
    bool section(FetchItem &result);
    bool headerList(QByteArray &out);
    bool partial(FetchItem &result);
    std::optional<qint64> number();

    // The command's line end, when the caller passes the rest of the line, ends the items too.
    bool atEnd() const
    {
        return m_at >= m_text.size() || m_text.at(m_at) == '\r' || m_text.at(m_at) == '\n';
    }

    char peekChar() const { return atEnd() ? '\0' : m_text.at(m_at); }

    bool fail(const QString &message)
    {
        if (m_error.isEmpty()) {
            m_error = message;
        }
        return false;
    }

    const QByteArray &m_text;
    qsizetype m_at = 0;
    QString m_error;
};

std::optional<QList<FetchItem>> ItemParser::parse(qsizetype *consumed, QString *error)
{
    auto finish = [&](std::optional<QList<FetchItem>> result) {
        if (consumed != nullptr) {
            *consumed = m_at;
        }
        if (!result && error != nullptr) {
            *error = m_error;
        }
        return result;
    };

    while (peekChar() == ' ') {
        ++m_at;
    }
    if (atEnd()) {
        fail(QStringLiteral("no fetch items"));
        return finish(std::nullopt);
    }

    QList<FetchItem> items;
    if (peekChar() != '(') {
        const qsizetype start = m_at;
        qsizetype end = start;
        while (end < m_text.size() && isAtomChar(m_text.at(end))) {
            ++end;
        }
        const QByteArray word = m_text.mid(start, end - start).toUpper();
        // RFC 3501 6.4.5: the macros stand alone, never inside a list.
        static const QList<QByteArray> fast = {"FLAGS", "INTERNALDATE", "RFC822.SIZE"};
        QList<QByteArray> expansion;
        if (word == "ALL") {
            expansion = fast + QList<QByteArray>{"ENVELOPE"};
        } else if (word == "FAST") {
            expansion = fast;
        } else if (word == "FULL") {
            expansion = fast + QList<QByteArray>{"ENVELOPE", "BODY"};
        }
        if (!expansion.isEmpty()
            && (end == m_text.size() || m_text.at(end) == ' ' || m_text.at(end) == '\r'
                || m_text.at(end) == '\n')) {
            m_at = end;
            for (const QByteArray &name : std::as_const(expansion)) {
                ItemParser inner(name);
                items.append(*inner.item());
            }
            return finish(items);
        }
        auto single = item();
        if (!single) {
            return finish(std::nullopt);
        }
        items.append(*single);
        return finish(items);
    }

    ++m_at;
    while (true) {
        auto next = item();
        if (!next) {
            return finish(std::nullopt);
        }
        items.append(*next);
        if (peekChar() == ')') {
            ++m_at;
            return finish(items);
        }
        if (peekChar() != ' ') {
            fail(atEnd() ? QStringLiteral("unterminated fetch item list")
                         : QStringLiteral("unexpected character after a fetch item"));
            return finish(std::nullopt);
        }
        ++m_at;
    }
}

std::optional<FetchItem> ItemParser::item()
{
    const qsizetype start = m_at;
    while (!atEnd() && (isAtomChar(peekChar()))) {
        ++m_at;
    }
    if (m_at == start) {
        fail(atEnd() ? QStringLiteral("missing fetch item")
                     : QStringLiteral("unexpected character where a fetch item belongs"));
        return std::nullopt;
    }

    FetchItem result;
    const QByteArray word = m_text.mid(start, m_at - start).toUpper();
    using Kind = FetchItem::Kind;
    static const QList<std::pair<QByteArray, Kind>> simple = {
            {"UID", Kind::Uid},
            {"FLAGS", Kind::Flags},
            {"INTERNALDATE", Kind::InternalDate},
            {"MODSEQ", Kind::ModSeq},
            {"RFC822.SIZE", Kind::Rfc822Size},
            {"ENVELOPE", Kind::Envelope},
            {"BODYSTRUCTURE", Kind::BodyStructure},
            {"RFC822", Kind::Rfc822},
            {"RFC822.HEADER", Kind::Rfc822Header},
            {"RFC822.TEXT", Kind::Rfc822Text},
    };

    if (peekChar() == '[') {
        if (word == "BODY" || word == "BODY.PEEK") {
            result.kind = Kind::Section;
            result.peek = word == "BODY.PEEK";
            if (!section(result)) {
                return std::nullopt;
            }
        } else {
            // BINARY[...] and extensions: kept whole, the server judges them.
            const qsizetype close = m_text.indexOf(']', m_at);
            if (close < 0) {
                fail(QStringLiteral("unterminated section in %1").arg(QString::fromLatin1(word)));
                return std::nullopt;
            }
            m_at = close + 1;
        }
        if (peekChar() == '<' && !partial(result)) {
            return std::nullopt;
        }
    } else if (word == "BODY") {
        result.kind = Kind::Body;
    } else if (word == "BODY.PEEK") {
        fail(QStringLiteral("BODY.PEEK without a section"));
        return std::nullopt;
    } else {
        for (const auto &[name, kind] : simple) {
            if (word == name) {
                result.kind = kind;
            }
        }
    }
    if (!atEnd() && peekChar() != ' ' && peekChar() != ')') {
        fail(QStringLiteral("unexpected character after %1").arg(QString::fromLatin1(word)));
        return std::nullopt;
    }
    result.name = m_text.mid(start, m_at - start);
    return result;
}

// section = "[" [section-spec] "]" (RFC 3501 section 9).
bool ItemParser::section(FetchItem &result)
{
    ++m_at; // '['
    QByteArray spec;

    // section-part: nz-number *("." nz-number)
    while (peekChar() >= '0' && peekChar() <= '9') {
        const qsizetype start = m_at;
        while (peekChar() >= '0' && peekChar() <= '9') {
            ++m_at;
        }
        const QByteArray digits = m_text.mid(start, m_at - start);
        if (digits.startsWith('0')) {
            return fail(QStringLiteral("section part numbers start at 1"));
        }
        spec += digits;
        if (peekChar() != '.') {
            break;
        }
        ++m_at;
        spec += '.';
    }

    const bool afterPart = !spec.isEmpty();
    if (afterPart && !spec.endsWith('.')) {
        // A bare part number, done.
    } else {
        const qsizetype start = m_at;
        while (!atEnd() && (isAtomChar(peekChar()) || peekChar() == '.')) {
            ++m_at;
        }
        const QByteArray keyword = m_text.mid(start, m_at - start).toUpper();
        if (keyword.isEmpty() && afterPart) {
            return fail(QStringLiteral("section ends with a dot"));
        }
        if (keyword == "HEADER.FIELDS" || keyword == "HEADER.FIELDS.NOT") {
            QByteArray names;
            if (peekChar() != ' ') {
                return fail(QStringLiteral("%1 needs a list of header names")
                                    .arg(QString::fromLatin1(keyword)));
            }
            ++m_at;
            if (!headerList(names)) {
                return false;
            }
            spec += keyword + ' ' + names;
        } else if (keyword == "HEADER" || keyword == "TEXT" || keyword.isEmpty()
                   || (keyword == "MIME" && afterPart)) {
            spec += keyword;
        } else {
            return fail(QStringLiteral("unknown section %1").arg(QString::fromLatin1(keyword)));
        }
    }

    if (peekChar() != ']') {
        return fail(QStringLiteral("section not closed by ]"));
    }
    ++m_at;
    result.section = spec;
    return true;
}

// header-list = "(" header-fld-name *(SP header-fld-name) ")", names being astrings.
bool ItemParser::headerList(QByteArray &out)
{
    if (peekChar() != '(') {
        return fail(QStringLiteral("header list does not start with ("));
    }
    ++m_at;
    QList<QByteArray> names;
    while (true) {
        QByteArray name;
        if (peekChar() == '"') {
            ++m_at;
            while (!atEnd() && peekChar() != '"') {
                if (peekChar() == '\\') {
                    ++m_at;
                }
                if (!atEnd()) {
                    name += peekChar();
                    ++m_at;
                }
            }
            if (atEnd()) {
                return fail(QStringLiteral("unterminated quoted header name"));
            }
            ++m_at;
        } else {
            while (!atEnd() && (isAtomChar(peekChar()) || peekChar() == ']')) {
                ++m_at;
                name += m_text.at(m_at - 1);
            }
        }
        if (name.isEmpty()) {
            return fail(QStringLiteral("empty header name in list"));
        }
        names.append(name.toUpper());
        if (peekChar() == ')') {
            ++m_at;
            break;
        }
        if (peekChar() != ' ') {
            return fail(QStringLiteral("malformed header list"));
        }
        ++m_at;
    }
    out = '(' + names.join(' ') + ')';
    return true;
}

bool ItemParser::partial(FetchItem &result)
{
    ++m_at; // '<'
    const auto offset = number();
    if (!offset || peekChar() != '.') {
        return fail(QStringLiteral("partial range needs <offset.length>"));
    }
    ++m_at;
    const auto length = number();
    if (!length || *length == 0 || peekChar() != '>') {
        return fail(QStringLiteral("partial range needs a length above zero"));
    }
    ++m_at;
    result.partialOffset = offset;
    result.partialLength = length;
    return true;
}

std::optional<qint64> ItemParser::number()
{
    const qsizetype start = m_at;
    while (peekChar() >= '0' && peekChar() <= '9') {
        ++m_at;
    }
    bool ok = false;
    const qint64 value = m_text.mid(start, m_at - start).toLongLong(&ok);
    if (!ok || m_at - start > 10 || value > 4294967295LL) {
        return std::nullopt;
    }
    return value;
}

} // namespace

bool FetchItem::describesContent() const
{
    switch (kind) {
    case Kind::Other:
    case Kind::Uid:
    case Kind::Flags:
    case Kind::InternalDate:
    case Kind::ModSeq:
        return false;
    default:
        return true;
    }
}

std::optional<QList<FetchItem>>
parseFetchItems(const QByteArray &text, qsizetype *consumed, QString *error)
{
    ItemParser parser(text);
    return parser.parse(consumed, error);
}

} // namespace Postern::Imap
