#include "MessageView.h"

#include "core/base/Handles.h"
#include "core/base/Logging.h"
#include "core/mime/GMimeRuntime.h"

#include <algorithm>
#include <vector>

// The rendering follows what Dovecot 2.3 writes for the same bytes (the tests compare against a
// running Dovecot): its header parser, its RFC 822 tokeniser for addresses and MIME
// parameters, its RFC 2231 merging and its choice between quoted strings and literals. GMime
// decides the MIME tree (which parts are multiparts and attached messages, and their
// boundaries); the byte ranges of each part are then located along that tree the way an IMAP
// server counts them: a part's header includes its blank line, and the line break before a
// boundary line belongs to the boundary.

namespace Postern::Imap {

namespace {

struct Field
{
    QByteArray name;
    QByteArray value; // after the colon, leading blanks skipped, line breaks removed
    qint64 start = 0; // the field's raw lines, line ends included
    qint64 end = 0;
};

struct Param
{
    QByteArray name;
    QByteArray value;
};

struct Address
{
    std::optional<QByteArray> name;
    std::optional<QByteArray> route;
    std::optional<QByteArray> mailbox;
    std::optional<QByteArray> domain;
};

// --- IMAP string output (Dovecot's imap-quote.c) -------------------------------------------

void appendLiteral(QByteArray &out, QByteArrayView value)
{
    out.reserve(out.size() + value.size() + 24);
    out += '{' + QByteArray::number(value.size()) + "}\r\n";
    out += value;
}

// A quoted string unless it needs a literal: CR, LF, 8-bit bytes, or more than four
// characters that would need a backslash.
void appendString(QByteArray &out, const QByteArray &value)
{
    int escapes = 0;
    bool literal = false;
    for (const char c : value) {
        if (c == '"' || c == '\\') {
            if (++escapes > 4) {
                literal = true;
            }
        } else if (c == '\r' || c == '\n' || (static_cast<unsigned char>(c) & 0x80U) != 0) {
            literal = true;
        }
    }
    if (literal) {
        appendLiteral(out, value);
        return;
    }
    out += '"';
    for (const char c : value) {
        if (c == '"' || c == '\\') {
            out += '\\';
        }
        out += c;
    }
    out += '"';
}

void appendNString(QByteArray &out, const std::optional<QByteArray> &value)
{
    if (!value) {
        out += "NIL";
        return;
    }
    appendString(out, *value);
}

// Line breaks removed; a space put in where the next line does not start with one.
void appendNStringNoLf(QByteArray &out, const std::optional<QByteArray> &value)
{
    if (!value || (!value->contains('\r') && !value->contains('\n'))) {
        appendNString(out, value);
        return;
    }
    QByteArray clean;
    for (qsizetype i = 0; i < value->size(); ++i) {
        const char c = value->at(i);
        if (c != '\r' && c != '\n') {
            clean += c;
            continue;
        }
        const char next = i + 1 < value->size() ? value->at(i + 1) : '\0';
        if (next != ' ' && next != '\t' && next != '\r' && next != '\n') {
            clean += ' ';
        }
    }
    appendString(out, clean);
}

// Subjects and display names: runs of blanks and line breaks become one space, leading and
// trailing ones go; anything changed, escaped or 8-bit makes a literal.
void appendForHumans(QByteArray &out, const QByteArray &value)
{
    bool modify = false;
    bool lastSpace = true;
    bool onlySpacesSoFar = true;
    qsizetype removed = 0;
    for (const char c : value) {
        switch (c) {
        case '\0':
            lastSpace = false;
            modify = true;
            break;
        case '\r':
        case '\n':
        case '\t':
            modify = true;
            [[fallthrough]];
        case ' ':
            if (lastSpace) {
                modify = true;
                ++removed;
            }
            lastSpace = true;
            break;
        case '"':
        case '\\':
            modify = true;
            lastSpace = false;
            break;
        default:
            if ((static_cast<unsigned char>(c) & 0x80U) != 0) {
                modify = true;
            }
            lastSpace = false;
            break;
        }
        if (!lastSpace) {
            onlySpacesSoFar = false;
        }
    }
    if (lastSpace && !value.isEmpty() && !onlySpacesSoFar) {
        modify = true;
        ++removed;
    }
    if (!modify) {
        out += '"' + value + '"';
        return;
    }
    if (removed == value.size()) {
        out += "\"\"";
        return;
    }
    QByteArray clean;
    lastSpace = true;
    for (const char c : value) {
        if (c == '\0') {
            clean += '\x80';
            lastSpace = false;
        } else if (c == '\r' || c == '\n' || c == '\t' || c == ' ') {
            if (!lastSpace) {
                clean += ' ';
            }
            lastSpace = true;
        } else {
            clean += c;
            lastSpace = false;
        }
    }
    if (clean.endsWith(' ')) {
        clean.chop(1);
    }
    appendLiteral(out, clean);
}

// --- RFC 822 tokens (Dovecot's rfc822-parser.c) ---------------------------------------------

bool isAtext(unsigned char c)
{
    if (c >= 0x80) {
        return true;
    }
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
        return true;
    }
    return QByteArrayView("!#$%&'*+-/=?^_`{|}~").indexOf(static_cast<char>(c)) >= 0;
}

bool isTokenChar(unsigned char c)
{
    if (c >= 0x80) {
        return true;
    }
    if (c <= 0x20 || c == 0x7f) {
        return false;
    }
    return QByteArrayView("()<>@,;:\\\"/[]?=").indexOf(static_cast<char>(c)) < 0;
}

class Tokens
{
public:
    explicit Tokens(const QByteArray &data)
        : m_data(data)
    {
    }

    bool atEnd() const { return m_at >= m_data.size(); }

    unsigned char current() const
    {
        return atEnd() ? 0 : static_cast<unsigned char>(m_data.at(m_at));
    }

    qsizetype position() const { return m_at; }

    void setPosition(qsizetype at) { m_at = at; }

    void advance() { ++m_at; }

    // > 0 more data, 0 at the end, < 0 broken comment.
    int skipLwsp()
    {
        while (!atEnd()) {
            const unsigned char c = current();
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                ++m_at;
                continue;
            }
            if (c != '(') {
                break;
            }
            if (!skipComment()) {
                return -1;
            }
        }
        return atEnd() ? 0 : 1;
    }

    int atom(QByteArray &out, bool allowDot = false)
    {
        if (atEnd() || !(isAtext(current()) || (allowDot && current() == '.'))) {
            return -1;
        }
        const qsizetype start = m_at;
        while (!atEnd() && (isAtext(current()) || (allowDot && current() == '.'))) {
            ++m_at;
        }
        out += m_data.mid(start, m_at - start);
        return skipLwsp();
    }

    int dotAtom(QByteArray &out)
    {
        if (atEnd() || !isAtext(current())) {
            return -1;
        }
        qsizetype start = m_at++;
        while (!atEnd()) {
            if (isAtext(current())) {
                ++m_at;
                continue;
            }
            if (start == m_at) {
                return -1;
            }
            out += m_data.mid(start, m_at - start);
            int result = skipLwsp();
            if (result <= 0) {
                return result;
            }
            if (current() != '.') {
                return 1;
            }
            ++m_at;
            out += '.';
            result = skipLwsp();
            if (result <= 0) {
                return result;
            }
            start = m_at;
        }
        out += m_data.mid(start, m_at - start);
        return 0;
    }

    int mimeToken(QByteArray &out)
    {
        const qsizetype start = m_at;
        while (!atEnd() && isTokenChar(current())) {
            ++m_at;
        }
        out += m_data.mid(start, m_at - start);
        return skipLwsp();
    }

    int quotedString(QByteArray &out)
    {
        ++m_at; // the opening quote
        qsizetype start = m_at;
        while (!atEnd()) {
            const char c = m_data.at(m_at);
            if (c == '"') {
                out += m_data.mid(start, m_at - start);
                ++m_at;
                return skipLwsp();
            }
            if (c == '\r' || c == '\n') {
                out += m_data.mid(start, m_at - start);
                start = m_at + 1;
            } else if (c == '\0') {
                out += m_data.mid(start, m_at - start) + "\xef\xbf\xbd"; // U+FFFD
                start = m_at + 1;
            } else if (c == '\\') {
                ++m_at;
                if (atEnd()) {
                    return -1;
                }
                out += m_data.mid(start, m_at - start - 1);
                start = m_at;
            }
            ++m_at;
        }
        return -1;
    }

    int phrase(QByteArray &out)
    {
        if (atEnd()) {
            return 0;
        }
        if (current() == '.') {
            return -1;
        }
        while (true) {
            const int result = current() == '"' ? quotedString(out) : atom(out, true);
            if (result <= 0) {
                return result;
            }
            if (!isAtext(current()) && current() != '"' && current() != '.') {
                break;
            }
            out += ' ';
        }
        return skipLwsp();
    }

    int domainLiteral(QByteArray &out)
    {
        const qsizetype start = m_at;
        while (!atEnd() && current() != ']') {
            if (current() == '\\') {
                ++m_at;
            }
            ++m_at;
        }
        if (atEnd()) {
            return -1;
        }
        ++m_at;
        QByteArray literal = m_data.mid(start, m_at - start);
        literal.replace("\r", "").replace("\n", "");
        out += literal;
        return skipLwsp();
    }

    // After '@'.
    int domain(QByteArray &out)
    {
        ++m_at;
        if (skipLwsp() <= 0) {
            return -1;
        }
        if (current() == '[') {
            return domainLiteral(out);
        }
        return dotAtom(out);
    }

    QByteArray lastComment;

private:
    bool skipComment()
    {
        lastComment.clear();
        int depth = 1;
        ++m_at;
        qsizetype start = m_at;
        while (!atEnd()) {
            const char c = m_data.at(m_at);
            if (c == '(') {
                ++depth;
            } else if (c == ')') {
                if (--depth == 0) {
                    lastComment += m_data.mid(start, m_at - start);
                    ++m_at;
                    return true;
                }
            } else if (c == '\r' || c == '\n') {
                lastComment += m_data.mid(start, m_at - start);
                start = m_at + 1;
            } else if (c == '\\') {
                lastComment += m_data.mid(start, m_at - start);
                start = m_at + 1;
                ++m_at;
                if (atEnd()) {
                    return false;
                }
            }
            ++m_at;
        }
        return false;
    }

    const QByteArray &m_data;
    qsizetype m_at = 0;
};

// --- Addresses (Dovecot's message-address.c, with missing parts filled in) ------------------

class AddressParser
{
public:
    explicit AddressParser(const QByteArray &value)
        : m_tokens(value)
    {
    }

    QList<Address> parse()
    {
        if (m_tokens.skipLwsp() <= 0) {
            return {};
        }
        while (true) {
            const int result = address();
            if (result <= 0 && (m_tokens.atEnd() || m_tokens.current() != ',')) {
                break;
            }
            if (m_tokens.atEnd() || m_tokens.current() != ',') {
                break;
            }
            m_tokens.advance();
            if (m_tokens.skipLwsp() <= 0) {
                break;
            }
        }
        return m_list;
    }

private:
    int address()
    {
        const qsizetype start = m_tokens.position();
        if (m_tokens.skipLwsp() <= 0) {
            return 0;
        }
        QByteArray name;
        const int result = m_tokens.phrase(name);
        if (result <= 0 || m_tokens.current() != ':') {
            m_tokens.setPosition(start);
            return mailbox();
        }
        return group(name);
    }

    int group(const QByteArray &name)
    {
        m_tokens.advance(); // ':'
        int result = m_tokens.skipLwsp();
        if (result <= 0) {
            return result;
        }
        Address start;
        start.mailbox = name;
        m_list.append(start);
        if (m_tokens.current() != ';') {
            while (true) {
                if (mailbox() <= 0) {
                    result = -1;
                    break;
                }
                if (m_tokens.atEnd() || m_tokens.current() == ';') {
                    break;
                }
                if (m_tokens.current() != ',') {
                    result = -1;
                    break;
                }
                m_tokens.advance();
                if (m_tokens.skipLwsp() <= 0) {
                    result = -1;
                    break;
                }
            }
        }
        if (result >= 0) {
            if (m_tokens.atEnd() || m_tokens.current() != ';') {
                result = -1;
            } else {
                m_tokens.advance();
                result = m_tokens.skipLwsp();
            }
        }
        m_list.append(Address());
        return result < 0 ? -1 : 1;
    }

    int mailbox()
    {
        m_address = Address();
        const qsizetype start = m_tokens.position();
        int result = nameAddress();
        if (result < 0) {
            m_tokens.setPosition(start);
            m_address = Address();
            m_invalid = false;
            result = addressSpec();
            if (m_invalid && !m_address.name && m_address.mailbox && !m_address.domain) {
                m_address.name = m_address.mailbox;
                m_address.mailbox.reset();
            }
        }
        if (!m_address.mailbox) {
            m_address.mailbox = QByteArrayLiteral("MISSING_MAILBOX");
        }
        if (!m_address.domain || m_address.domain->isEmpty()) {
            m_address.domain = QByteArrayLiteral("MISSING_DOMAIN");
        }
        m_list.append(m_address);
        return result;
    }

    int nameAddress()
    {
        QByteArray name;
        if (m_tokens.current() != '<') {
            const int result = m_tokens.phrase(name);
            if (result < 0 || m_tokens.current() != '<') {
                return -1;
            }
        }
        if (!name.isEmpty()) {
            m_address.name = name;
        }
        if (angleAddress() < 0) {
            m_address.domain = QByteArrayLiteral("SYNTAX_ERROR");
        }
        return m_tokens.atEnd() ? 0 : 1;
    }

    int angleAddress()
    {
        m_tokens.advance(); // '<'
        if (m_tokens.skipLwsp() <= 0) {
            return -1;
        }
        if (m_tokens.current() == '@') {
            if (domainList() > 0 && m_tokens.current() == ':') {
                m_tokens.advance();
            } else {
                m_address.route = QByteArrayLiteral("INVALID_ROUTE");
                if (m_tokens.atEnd()) {
                    return -1;
                }
            }
            if (m_tokens.skipLwsp() <= 0) {
                return -1;
            }
        }
        if (m_tokens.current() != '>') {
            if (localPart() <= 0) {
                return -1;
            }
            if (m_tokens.current() == '@') {
                QByteArray domain;
                if (m_tokens.domain(domain) <= 0) {
                    return -1;
                }
                m_address.domain = domain;
            }
        }
        if (m_tokens.current() != '>') {
            return -1;
        }
        m_tokens.advance();
        return m_tokens.skipLwsp();
    }

    int domainList()
    {
        QByteArray route;
        while (true) {
            if (m_tokens.atEnd()) {
                return 0;
            }
            if (m_tokens.current() != '@') {
                break;
            }
            if (!route.isEmpty()) {
                route += ',';
            }
            route += '@';
            const int result = m_tokens.domain(route);
            if (result <= 0) {
                return result;
            }
            while (m_tokens.skipLwsp() > 0 && m_tokens.current() == ',') {
                m_tokens.advance();
            }
        }
        m_address.route = route;
        return 1;
    }

    int localPart()
    {
        QByteArray local;
        const int result =
                m_tokens.current() == '"' ? m_tokens.quotedString(local) : m_tokens.dotAtom(local);
        if (result < 0) {
            return -1;
        }
        m_address.mailbox = local;
        return result;
    }

    int addressSpec()
    {
        m_tokens.lastComment.clear();
        const bool quoted = m_tokens.current() == '"';
        int result = localPart();
        int domainResult = -2;
        if (result <= 0) {
            m_invalid = true;
        }
        if (result != 0 && m_tokens.current() == '@') {
            QByteArray domain;
            domainResult = m_tokens.domain(domain);
            if (domainResult >= 0) {
                m_address.domain = domain;
            }
            if (domainResult <= 0) {
                result = domainResult;
            }
        }
        if (!m_tokens.lastComment.isEmpty()) {
            m_address.name = m_tokens.lastComment;
        } else if (domainResult == -2) {
            QByteArray text = m_address.mailbox.value_or(QByteArray()) + ' ';
            const qsizetype before = text.size();
            m_tokens.phrase(text);
            if (text.size() != before) {
                m_address.mailbox.reset();
                m_address.name = text;
            } else if (!quoted) {
                m_address.domain = QByteArray();
            }
            m_invalid = true;
            result = -1;
        }
        return result;
    }

    Tokens m_tokens;
    Address m_address;
    bool m_invalid = false;
    QList<Address> m_list;
};

void appendAddresses(QByteArray &out, const std::optional<QList<Address>> &list)
{
    if (!list || list->isEmpty()) {
        out += "NIL";
        return;
    }
    out += '(';
    for (const Address &address : *list) {
        out += '(';
        if (address.name) {
            appendForHumans(out, *address.name);
        } else {
            out += "NIL";
        }
        out += ' ';
        appendNStringNoLf(out, address.route);
        out += ' ';
        appendNStringNoLf(out, address.mailbox);
        out += ' ';
        appendNStringNoLf(out, address.domain);
        out += ')';
    }
    out += ')';
}

// --- MIME parameters (Dovecot's rfc2231-parser.c) -------------------------------------------

QList<Param> parseParameters(Tokens &tokens)
{
    struct Continued
    {
        QByteArray key;
        unsigned index = 0;
        bool extended = false;
        QByteArray value;
    };

    QList<Param> result;
    std::vector<Continued> continued;
    unsigned index = 0;

    while (!tokens.atEnd()) {
        if (tokens.current() != ';') {
            tokens.advance();
            continue;
        }
        tokens.advance();
        if (tokens.skipLwsp() <= 0) {
            continue;
        }
        QByteArray key;
        tokens.mimeToken(key);
        if (key.isEmpty() || tokens.current() != '=') {
            continue;
        }
        tokens.advance();
        QByteArray value;
        int status = tokens.skipLwsp();
        if (status <= 0) {
            // no value
        } else if (tokens.current() == '"') {
            status = tokens.quotedString(value);
        } else if (tokens.current() == '=') {
            // Broken senders write name==?utf-8?b?...?= unquoted.
            while (!tokens.atEnd() && QByteArrayView("; \t\r\n").indexOf(tokens.current()) < 0) {
                value += static_cast<char>(tokens.current());
                tokens.advance();
            }
        } else {
            status = tokens.mimeToken(value);
        }
        if (status < 0) {
            continue;
        }

        const qsizetype star = key.indexOf('*');
        bool plain = star < 0;
        if (!plain) {
            qsizetype at = star;
            if (at + 1 < key.size()) {
                ++at;
                index = 0;
                while (at < key.size() && key.at(at) >= '0' && key.at(at) <= '9') {
                    index = index * 10 + static_cast<unsigned>(key.at(at) - '0');
                    ++at;
                }
            }
            bool extended = false;
            if (at < key.size() && key.at(at) == '*') {
                extended = true;
                ++at;
            }
            if (at != key.size()) {
                plain = true;
            } else {
                continued.push_back({key.left(star), index, extended, value});
            }
        }
        if (plain) {
            result.append({key, value});
        }
    }

    std::stable_sort(continued.begin(), continued.end(),
                     [](const Continued &a, const Continued &b) {
                         const int order = qstricmp(a.key.constData(), b.key.constData());
                         return order != 0 ? order < 0 : a.index < b.index;
                     });
    for (std::size_t i = 0; i < continued.size();) {
        std::size_t next = i;
        bool complete = true;
        bool extended = false;
        unsigned expected = 0;
        while (next < continued.size()
               && qstricmp(continued[i].key.constData(), continued[next].key.constData()) == 0) {
            complete = complete && continued[next].index == expected;
            extended = extended || continued[next].extended;
            ++expected;
            ++next;
        }
        if (!complete) {
            for (std::size_t j = i; j < next; ++j) {
                const Continued &piece = continued[j];
                result.append({piece.key + '*' + QByteArray::number(piece.index)
                                       + (piece.extended ? "*" : ""),
                               piece.value});
            }
        } else {
            QByteArray value;
            if (!continued[i].extended && extended) {
                value += "''";
            }
            for (std::size_t j = i; j < next; ++j) {
                if (!continued[j].extended && extended) {
                    value += QByteArray(continued[j].value).replace("%", "%25");
                } else {
                    value += continued[j].value;
                }
            }
            result.append({continued[i].key + (extended ? "*" : ""), value});
        }
        i = next;
    }
    return result;
}

void appendParams(QByteArray &out, const QList<Param> &params, bool defaultCharset)
{
    if (!defaultCharset && params.isEmpty()) {
        out += "NIL";
        return;
    }
    out += '(';
    bool seenCharset = false;
    for (qsizetype i = 0; i < params.size(); ++i) {
        if (i > 0) {
            out += ' ';
        }
        if (params[i].name.compare("charset", Qt::CaseInsensitive) == 0) {
            seenCharset = true;
        }
        appendString(out, params[i].name);
        out += ' ';
        appendString(out, params[i].value);
    }
    if (defaultCharset && !seenCharset) {
        if (!params.isEmpty()) {
            out += ' ';
        }
        out += "\"charset\" \"us-ascii\"";
    }
    out += ')';
}

// --- Header fields --------------------------------------------------------------------------

// Returns where the body starts: after the blank line, or @p end when there is none.
qint64 parseHeader(const QByteArray &bytes,
                   qint64 start,
                   qint64 end,
                   QList<Field> &fields,
                   bool *terminated = nullptr)
{
    if (terminated != nullptr) {
        *terminated = false;
    }
    qint64 at = start;
    while (at < end) {
        qint64 lineEnd = bytes.indexOf('\n', at);
        if (lineEnd < 0 || lineEnd >= end) {
            lineEnd = end;
        } else {
            ++lineEnd;
        }
        qint64 contentEnd = lineEnd;
        if (contentEnd > at && bytes.at(contentEnd - 1) == '\n') {
            --contentEnd;
            if (contentEnd > at && bytes.at(contentEnd - 1) == '\r') {
                --contentEnd;
            }
        }
        if (contentEnd == at && lineEnd > at && bytes.at(lineEnd - 1) == '\n') {
            if (terminated != nullptr) {
                *terminated = true;
            }
            return lineEnd;
        }
        const QByteArray line = bytes.mid(at, contentEnd - at);
        if ((line.startsWith(' ') || line.startsWith('\t')) && !fields.isEmpty()) {
            fields.last().value += line;
            fields.last().end = lineEnd;
        } else {
            Field field;
            field.start = at;
            field.end = lineEnd;
            const qsizetype colon = line.indexOf(':');
            if (colon < 0) {
                field.name = line;
            } else {
                field.name = line.left(colon);
                while (field.name.endsWith(' ') || field.name.endsWith('\t')) {
                    field.name.chop(1);
                }
                // Blanks after the colon are skipped, but of a value that is nothing but blanks
                // Dovecot skips only the first.
                qsizetype valueStart = colon + 1;
                while (valueStart < line.size()
                       && (line.at(valueStart) == ' ' || line.at(valueStart) == '\t')) {
                    ++valueStart;
                }
                if (valueStart == line.size() && valueStart > colon + 1) {
                    valueStart = colon + 2;
                }
                field.value = line.mid(valueStart);
            }
            fields.append(field);
        }
        at = lineEnd;
    }
    return end;
}

const Field *lastField(const QList<Field> &fields, const char *name)
{
    for (qsizetype i = fields.size() - 1; i >= 0; --i) {
        if (fields[i].name.compare(name, Qt::CaseInsensitive) == 0) {
            return &fields[i];
        }
    }
    return nullptr;
}

std::optional<QByteArray> fieldValue(const Field *field)
{
    return field != nullptr ? std::optional<QByteArray>(field->value) : std::nullopt;
}

QByteArray renderEnvelope(const QList<Field> &fields)
{
    // Every occurrence of an address field counts; of the others, the last one.
    auto addresses = [&](const char *name) -> std::optional<QList<Address>> {
        std::optional<QList<Address>> list;
        for (const Field &field : fields) {
            if (field.name.compare(name, Qt::CaseInsensitive) == 0) {
                list = list.value_or(QList<Address>()) + AddressParser(field.value).parse();
            }
        }
        return list;
    };
    QByteArray out;
    appendNStringNoLf(out, fieldValue(lastField(fields, "Date")));
    out += ' ';
    const Field *subject = lastField(fields, "Subject");
    if (subject == nullptr) {
        out += "NIL";
    } else {
        appendForHumans(out, subject->value);
    }
    const auto from = addresses("From");
    auto sender = addresses("Sender");
    auto replyTo = addresses("Reply-To");
    if (!sender || sender->isEmpty()) {
        sender = from;
    }
    if (!replyTo || replyTo->isEmpty()) {
        replyTo = from;
    }
    for (const auto &list :
         {from, sender, replyTo, addresses("To"), addresses("Cc"), addresses("Bcc")}) {
        out += ' ';
        appendAddresses(out, list);
    }
    out += ' ';
    appendNStringNoLf(out, fieldValue(lastField(fields, "In-Reply-To")));
    out += ' ';
    appendNStringNoLf(out, fieldValue(lastField(fields, "Message-ID")));
    return out;
}

// What the Content-* fields of one part say, parsed as Dovecot's message-part-data.c does.
struct Content
{
    bool hasType = false;
    QByteArray type;
    QByteArray subtype;
    QList<Param> params;
    std::optional<QByteArray> id;
    std::optional<QByteArray> description;
    std::optional<QByteArray> encoding;
    std::optional<QByteArray> md5;
    std::optional<QByteArray> location;
    std::optional<QByteArray> disposition;
    QList<Param> dispositionParams;
    QList<QByteArray> languages;
};

void parseContentType(const QByteArray &value, Content &content)
{
    content.hasType = true;
    Tokens tokens(value);
    tokens.skipLwsp();
    QByteArray type;
    bool ok = tokens.skipLwsp() > 0;
    if (ok) {
        tokens.mimeToken(type);
        ok = !type.isEmpty() && tokens.current() == '/';
    }
    QByteArray subtype;
    const bool sawSlash = ok;
    if (ok) {
        tokens.advance();
        ok = tokens.skipLwsp() > 0;
        if (ok) {
            tokens.mimeToken(subtype);
        }
    }
    if (!ok) {
        // Dovecot keeps a type that lacks its slash, but drops one whose subtype is missing.
        content.type = !type.isEmpty() && !sawSlash ? type : QByteArray();
        content.subtype = QByteArray();
        return;
    }
    content.type = type;
    content.subtype = subtype;
    content.params = parseParameters(tokens);
}

// @p messageHeader: the header of a whole message (not of a part of a multipart). Without
// MIME-Version or Content-Type such a header is not MIME, and Dovecot ignores its Content-*.
Content parseContent(const QList<Field> &fields, bool messageHeader)
{
    Content content;
    if (messageHeader) {
        bool mime = false;
        for (const Field &field : fields) {
            mime = mime || field.name.compare("MIME-Version", Qt::CaseInsensitive) == 0
                   || field.name.compare("Content-Type", Qt::CaseInsensitive) == 0;
        }
        if (!mime) {
            return content;
        }
    }
    for (const Field &field : fields) {
        if (!field.name.startsWith("Content-") && !field.name.startsWith("content-")
            && field.name.left(8).compare("Content-", Qt::CaseInsensitive) != 0) {
            continue;
        }
        const QByteArray name = field.name.mid(8).toLower();
        if (name == "type" && !content.hasType) {
            parseContentType(field.value, content);
        } else if (name == "transfer-encoding" && !content.encoding) {
            Tokens tokens(field.value);
            tokens.skipLwsp();
            QByteArray token;
            if (tokens.mimeToken(token) == 0 && !token.isEmpty()) {
                content.encoding = token;
            }
        } else if (name == "id" && !content.id) {
            content.id = field.value;
        } else if (name == "md5" && !content.md5) {
            content.md5 = field.value;
        } else if (name == "description" && !content.description) {
            content.description = field.value;
        } else if (name == "location" && !content.location) {
            content.location = field.value;
        } else if (name == "disposition" && content.dispositionParams.isEmpty()) {
            Tokens tokens(field.value);
            tokens.skipLwsp();
            QByteArray token;
            tokens.mimeToken(token);
            content.disposition = token;
            content.dispositionParams = parseParameters(tokens);
        } else if (name == "language") {
            content.languages.clear();
            Tokens tokens(field.value);
            if (tokens.skipLwsp() <= 0) {
                continue;
            }
            QByteArray language;
            if (tokens.atom(language) >= 0) {
                content.languages.append(language);
                while (tokens.current() == ',') {
                    tokens.advance();
                    if (tokens.skipLwsp() <= 0) {
                        break;
                    }
                    language.clear();
                    if (tokens.atom(language) < 0) {
                        break;
                    }
                    content.languages.append(language);
                }
            }
        }
    }
    return content;
}

qint64 countLines(const QByteArray &bytes, qint64 start, qint64 end)
{
    return QByteArrayView(bytes).sliced(start, end - start).count('\n');
}

} // namespace

struct MessageView::Part
{
    qint64 headerStart = 0;
    qint64 bodyStart = 0; // the header includes its blank line
    qint64 bodyEnd = 0;
    QList<Field> fields;
    Content content;
    bool multipart = false;
    bool message = false;          // message/rfc822: one child, the attached message
    bool messageRoot = false;      // the top of an attached message
    bool headerTerminated = false; // by a blank line
    QByteArray boundary;
    std::vector<std::unique_ptr<Part>> children;
};

namespace {

using Part = MessageView::Part;

void collectBoundaries(GMimeObject *object, QList<QByteArray> &out)
{
    if (GMIME_IS_MULTIPART(object)) {
        GMimeMultipart *multipart = GMIME_MULTIPART(object);
        const char *boundary = g_mime_multipart_get_boundary(multipart);
        if (boundary != nullptr) {
            out.append(QByteArray(boundary));
        }
        for (int i = 0; i < g_mime_multipart_get_count(multipart); ++i) {
            collectBoundaries(g_mime_multipart_get_part(multipart, i), out);
        }
    } else if (GMIME_IS_MESSAGE_PART(object)) {
        GMimeMessage *inner = g_mime_message_part_get_message(GMIME_MESSAGE_PART(object));
        if (inner != nullptr && g_mime_message_get_mime_part(inner) != nullptr) {
            collectBoundaries(g_mime_message_get_mime_part(inner), out);
        }
    }
}

void build(const QByteArray &bytes,
           GMimeObject *object,
           qint64 start,
           qint64 end,
           Part &part,
           bool digestChild,
           int depth,
           bool borrowedLineEnd);

// Dovecot enters message/rfc822 only (not message/global), whatever its transfer encoding,
// and takes a digest's part without Content-Type for one.
bool isAttachedMessage(const Content &content, bool digestChild)
{
    if (!content.hasType) {
        return digestChild;
    }
    return content.type.compare("message", Qt::CaseInsensitive) == 0
           && content.subtype.compare("rfc822", Qt::CaseInsensitive) == 0;
}

bool headerTerminated(const QByteArray &bytes, qint64 start, qint64 end)
{
    QList<Field> fields;
    bool terminated = false;
    parseHeader(bytes, start, end, fields, &terminated);
    return terminated;
}

qint64 lineEndBefore(const QByteArray &bytes, qint64 start, qint64 at)
{
    if (at > start && bytes.at(at - 1) == '\n') {
        return at - 1 > start && bytes.at(at - 2) == '\r' ? 2 : 1;
    }
    return 0;
}

// An attached message whose header runs into the next boundary keeps the line break before
// that boundary (Dovecot's header parser has taken it), though its header does not.
bool attachedHeaderRunsOn(const QByteArray &bytes,
                          qint64 childStart,
                          qint64 boundaryLine,
                          bool digest)
{
    QList<Field> fields;
    const qint64 end = boundaryLine - lineEndBefore(bytes, childStart, boundaryLine);
    bool mimeHeaderEnded = false;
    const qint64 bodyStart = parseHeader(bytes, childStart, end, fields, &mimeHeaderEnded);
    return mimeHeaderEnded && isAttachedMessage(parseContent(fields, false), digest)
           && !headerTerminated(bytes, bodyStart, end);
}

// Dovecot answers a message that is one plain US-ASCII text part from a fixed template (its
// index keeps no structure for those), which normalises the charset and 7bit spellings.
bool isPlainSevenBit(const Part &root)
{
    const Content &content = root.content;
    if (root.multipart || root.message) {
        return false;
    }
    if (content.hasType
        && (content.type.compare("text", Qt::CaseInsensitive) != 0
            || content.subtype.compare("plain", Qt::CaseInsensitive) != 0)) {
        return false;
    }
    if (!content.params.isEmpty()
        && (content.params.size() != 1
            || content.params[0].name.compare("charset", Qt::CaseInsensitive) != 0
            || content.params[0].value.compare("us-ascii", Qt::CaseInsensitive) != 0)) {
        return false;
    }
    if (content.encoding && content.encoding->compare("7bit", Qt::CaseInsensitive) != 0) {
        return false;
    }
    return !content.id && !content.description && !content.md5 && !content.disposition
           && content.languages.isEmpty() && !content.location;
}

// The line break before a boundary belongs to the boundary, except (as Dovecot counts) when it
// ends the close delimiter line of a nested multipart: then it stays with that multipart.
bool keepsLineEnd(const QByteArray &bytes, GMimeObject *child, qint64 start, qint64 boundaryLine)
{
    if (child != nullptr && GMIME_IS_MESSAGE_PART(child)) {
        GMimeMessage *inner = g_mime_message_part_get_message(GMIME_MESSAGE_PART(child));
        child = inner != nullptr ? g_mime_message_get_mime_part(inner) : nullptr;
    }
    if (child == nullptr || !GMIME_IS_MULTIPART(child)) {
        return false;
    }
    const char *boundary = g_mime_multipart_get_boundary(GMIME_MULTIPART(child));
    if (boundary == nullptr || *boundary == '\0') {
        return false;
    }
    const QByteArray close = "\n--" + QByteArray(boundary) + "--";
    const QByteArrayView range = QByteArrayView(bytes).sliced(start, boundaryLine - start);
    const qsizetype found = range.lastIndexOf(close);
    if (found < 0) {
        return false;
    }
    qsizetype closeEnd = range.indexOf('\n', found + 1);
    if (closeEnd < 0) {
        return false;
    }
    return closeEnd + 1 == range.size();
}

// The child ranges of a multipart body: a line starting with "--boundary" separates parts
// (the longest boundary a line starts with wins, as nested parts may share prefixes).
void splitMultipart(const QByteArray &bytes, GMimeObject *object, Part &part, int depth)
{
    GMimeMultipart *multipart = GMIME_MULTIPART(object);
    QList<QByteArray> nested;
    for (int i = 0; i < g_mime_multipart_get_count(multipart); ++i) {
        collectBoundaries(g_mime_multipart_get_part(multipart, i), nested);
    }
    const QByteArray delimiter = "--" + part.boundary;
    const bool digest = part.content.subtype.compare("digest", Qt::CaseInsensitive) == 0;

    struct Range
    {
        qint64 start;
        qint64 end;
        bool borrowedLineEnd; // an attached message's header ran into the boundary
    };

    QList<Range> ranges;
    qint64 childStart = -1;
    qint64 at = part.bodyStart;
    // A child multipart with the very same boundary owns the lines up to its close delimiter
    // (the innermost boundary is looked for first).
    bool childOwnsBoundary = false;
    while (at < part.bodyEnd) {
        qint64 lineEnd = bytes.indexOf('\n', at);
        lineEnd = lineEnd < 0 || lineEnd >= part.bodyEnd ? part.bodyEnd : lineEnd + 1;
        const QByteArrayView line = QByteArrayView(bytes).sliced(at, lineEnd - at);
        bool matches = line.startsWith(delimiter);
        if (matches && childOwnsBoundary) {
            childOwnsBoundary = !line.sliced(delimiter.size()).startsWith("--");
            at = lineEnd;
            continue;
        }
        if (matches) {
            const QByteArrayView rest = line.sliced(2);
            for (const QByteArray &other : std::as_const(nested)) {
                if (other.size() > part.boundary.size() && rest.startsWith(other)) {
                    matches = false;
                }
            }
        }
        if (matches) {
            if (childStart >= 0) {
                qint64 childEnd = at;
                GMimeObject *childObject =
                        ranges.size() < g_mime_multipart_get_count(multipart)
                                ? g_mime_multipart_get_part(multipart,
                                                            static_cast<int>(ranges.size()))
                                : nullptr;
                const bool borrowed = attachedHeaderRunsOn(bytes, childStart, at, digest);
                if (borrowed || keepsLineEnd(bytes, childObject, childStart, at)) {
                    // as is
                } else if (childEnd > childStart && bytes.at(childEnd - 1) == '\n') {
                    --childEnd;
                    if (childEnd > childStart && bytes.at(childEnd - 1) == '\r') {
                        --childEnd;
                    }
                }
                ranges.append({childStart, childEnd, borrowed});
            }
            if (line.sliced(delimiter.size()).startsWith("--")) {
                childStart = -1;
                break;
            }
            childStart = lineEnd;
            const int next = static_cast<int>(ranges.size());
            GMimeObject *nextObject = next < g_mime_multipart_get_count(multipart)
                                              ? g_mime_multipart_get_part(multipart, next)
                                              : nullptr;
            childOwnsBoundary =
                    nextObject != nullptr && GMIME_IS_MULTIPART(nextObject)
                    && part.boundary == g_mime_multipart_get_boundary(GMIME_MULTIPART(nextObject));
        }
        at = lineEnd;
    }
    if (childStart >= 0) {
        ranges.append({childStart, part.bodyEnd, false});
    }

    const int count = g_mime_multipart_get_count(multipart);
    for (qsizetype i = 0; i < ranges.size(); ++i) {
        auto child = std::make_unique<Part>();
        GMimeObject *childObject =
                i < count ? g_mime_multipart_get_part(multipart, static_cast<int>(i)) : nullptr;
        build(bytes, childObject, ranges[i].start, ranges[i].end, *child, digest, depth + 1,
              ranges[i].borrowedLineEnd);
        part.children.push_back(std::move(child));
    }
}

void build(const QByteArray &bytes,
           GMimeObject *object,
           qint64 start,
           qint64 end,
           Part &part,
           bool digestChild,
           int depth,
           bool borrowedLineEnd)
{
    part.headerStart = start;
    part.bodyEnd = end;
    part.bodyStart = parseHeader(bytes, start, end, part.fields, &part.headerTerminated);
    part.content = parseContent(part.fields, depth == 0 || part.messageRoot);
    if (depth > 100) {
        return;
    }

    if (isAttachedMessage(part.content, digestChild)) {
        part.message = true;
        GMimeObject *innerObject = nullptr;
        if (object != nullptr && GMIME_IS_MESSAGE_PART(object)) {
            GMimeMessage *inner = g_mime_message_part_get_message(GMIME_MESSAGE_PART(object));
            innerObject = inner != nullptr ? g_mime_message_get_mime_part(inner) : nullptr;
        }
        qint64 innerEnd = part.bodyEnd;
        if (borrowedLineEnd) {
            innerEnd -= lineEndBefore(bytes, part.bodyStart, part.bodyEnd);
        }
        auto child = std::make_unique<Part>();
        child->messageRoot = true;
        build(bytes, innerObject, part.bodyStart, innerEnd, *child, false, depth + 1, false);
        part.children.push_back(std::move(child));
        return;
    }

    if (object != nullptr && GMIME_IS_MULTIPART(object)) {
        const char *boundary = g_mime_multipart_get_boundary(GMIME_MULTIPART(object));
        if (boundary != nullptr && *boundary != '\0') {
            part.multipart = true;
            part.boundary = boundary;
            splitMultipart(bytes, object, part, depth);
        }
    }
}

void writeStructure(const QByteArray &bytes, const Part &part, bool extended, QByteArray &out);

void writeSiblings(const QByteArray &bytes, const Part &part, bool extended, QByteArray &out)
{
    for (const auto &child : part.children) {
        out += '(';
        writeStructure(bytes, *child, extended, out);
        out += ')';
    }
}

void writeCommonExtension(const Content &content, QByteArray &out)
{
    out += ' ';
    if (!content.disposition) {
        out += "NIL";
    } else {
        out += '(';
        appendString(out, *content.disposition);
        out += ' ';
        appendParams(out, content.dispositionParams, false);
        out += ')';
    }
    out += ' ';
    if (content.languages.isEmpty()) {
        out += "NIL";
    } else {
        out += '(';
        for (qsizetype i = 0; i < content.languages.size(); ++i) {
            if (i > 0) {
                out += ' ';
            }
            appendString(out, content.languages[i]);
        }
        out += ')';
    }
    out += ' ';
    appendNStringNoLf(out, content.location);
}

// RFC 3501 section 7.4.2 BODYSTRUCTURE (or BODY without @p extended), in Dovecot's spelling
// (imap-bodystructure.c): no Content-Type means text/plain; text parts get a default
// charset; a multipart without parts is shown with one empty text part.
void writeStructure(const QByteArray &bytes, const Part &part, bool extended, QByteArray &out)
{
    const Content &content = part.content;
    if (part.multipart) {
        if (part.children.empty()) {
            out += extended
                           ? "(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 0 0 "
                             "NIL NIL NIL NIL)"
                           : "(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 0 0)";
        } else {
            writeSiblings(bytes, part, extended, out);
        }
        out += ' ';
        appendString(out, content.subtype);
        if (!extended) {
            return;
        }
        out += ' ';
        if (content.params.isEmpty()) {
            out += "NIL";
        } else {
            appendParams(out, content.params, false);
        }
        writeCommonExtension(content, out);
        return;
    }

    bool text = false;
    if (part.message) {
        out += "\"message\" \"rfc822\"";
    } else if (!content.hasType) {
        text = true;
        out += "\"text\" \"plain\"";
    } else {
        text = content.type.compare("text", Qt::CaseInsensitive) == 0;
        appendString(out, content.type);
        out += ' ';
        appendString(out, content.subtype);
    }
    out += ' ';
    appendParams(out, content.params, text);
    out += ' ';
    appendNStringNoLf(out, content.id);
    out += ' ';
    appendNStringNoLf(out, content.description);
    out += ' ';
    if (content.encoding) {
        appendString(out, *content.encoding);
    } else {
        out += "\"7bit\"";
    }
    out += ' ' + QByteArray::number(part.bodyEnd - part.bodyStart);
    if (text) {
        out += ' ' + QByteArray::number(countLines(bytes, part.bodyStart, part.bodyEnd));
    } else if (part.message && !part.children.empty()) {
        const Part &inner = *part.children.front();
        out += " (" + renderEnvelope(inner.fields) + ") ";
        out += '(';
        writeStructure(bytes, inner, extended, out);
        out += ')';
        out += ' ' + QByteArray::number(countLines(bytes, part.bodyStart, part.bodyEnd));
    }
    if (!extended) {
        return;
    }
    out += ' ';
    appendNStringNoLf(out, content.md5);
    writeCommonExtension(content, out);
}

std::size_t partCost(const Part &part)
{
    std::size_t cost = sizeof(Part);
    for (const Field &field : part.fields) {
        cost += sizeof(Field) + static_cast<std::size_t>(field.name.size() + field.value.size());
    }
    for (const auto &child : part.children) {
        cost += partCost(*child);
    }
    return cost;
}

} // namespace

QByteArray canonicalLineEnds(const QByteArray &message)
{
    QByteArray out;
    out.reserve(message.size() + message.size() / 32);
    for (qsizetype i = 0; i < message.size(); ++i) {
        const char c = message.at(i);
        if (c == '\r') {
            out += "\r\n";
            if (i + 1 < message.size() && message.at(i + 1) == '\n') {
                ++i;
            }
        } else if (c == '\n') {
            out += "\r\n";
        } else {
            out += c;
        }
    }
    return out;
}

MessageView::MessageView(QByteArray message)
    : m_bytes(std::move(message))
    , m_root(std::make_unique<Part>())
{
    Mime::ensureGMime();
    // The parser reads a copy, so the view's own bytes are never touched by GMime.
    GByteArray *array = g_byte_array_new();
    g_byte_array_append(array, reinterpret_cast<const guint8 *>(m_bytes.constData()),
                        static_cast<guint>(m_bytes.size()));
    auto stream =
            Handles::GObjectRef<GMimeStream>::adopt(g_mime_stream_mem_new_with_byte_array(array));
    auto parser =
            Handles::GObjectRef<GMimeParser>::adopt(g_mime_parser_new_with_stream(stream.get()));
    // Persisting keeps part contents as windows on the stream instead of copies.
    g_mime_parser_set_persist_stream(parser.get(), TRUE);
    auto parsed = Handles::GObjectRef<GMimeMessage>::adopt(
            g_mime_parser_construct_message(parser.get(), nullptr));
    GMimeObject *body = parsed ? g_mime_message_get_mime_part(parsed.get()) : nullptr;
    if (!parsed) {
        qCWarning(lcImap) << "GMime could not parse a message of" << m_bytes.size()
                          << "bytes; describing it as one text part";
    }

    build(m_bytes, body, 0, m_bytes.size(), *m_root, false, 0, false);
    m_envelope = "ENVELOPE (" + renderEnvelope(m_root->fields) + ')';
    // Dovecot serves a NUL byte as 0x80 (the size stays the same).
    if (m_bytes.contains('\0')) {
        m_bytes.replace('\0', '\x80');
        m_nulReplaced = true;
    }
    if (isPlainSevenBit(*m_root)) {
        const QByteArray plain =
                "\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" "
                + QByteArray::number(m_root->bodyEnd - m_root->bodyStart) + ' '
                + QByteArray::number(countLines(m_bytes, m_root->bodyStart, m_root->bodyEnd));
        m_bodyStructure = "BODYSTRUCTURE (" + plain + " NIL NIL NIL NIL)";
        m_body = "BODY (" + plain + ')';
    } else {
        m_bodyStructure = "BODYSTRUCTURE (";
        writeStructure(m_bytes, *m_root, true, m_bodyStructure);
        m_bodyStructure += ')';
        m_body = "BODY (";
        writeStructure(m_bytes, *m_root, false, m_body);
        m_body += ')';
    }
}

MessageView::~MessageView() = default;

const QByteArray &MessageView::bytes() const
{
    return m_bytes;
}

qint64 MessageView::size() const
{
    return m_bytes.size();
}

qsizetype MessageView::memoryCost() const
{
    return m_bytes.size() + m_envelope.size() + m_bodyStructure.size() + m_body.size()
           + static_cast<qsizetype>(partCost(*m_root)) + static_cast<qsizetype>(sizeof(*this));
}

// RFC 3501 section 6.4.5 section-spec, resolved as Dovecot's imap-msgpart.c does: a number
// into a non-multipart part is only valid as 1, an attached message is entered on the way,
// and a section that does not exist is empty.
// The bytes of a range, without a copy: valid while the view lives, which covers render().
QByteArray MessageView::slice(qint64 from, qint64 to) const
{
    return QByteArray::fromRawData(m_bytes.constData() + from, to - from);
}

QByteArray MessageView::section(const QByteArray &spec) const
{
    const Part *part = m_root.get();
    qsizetype at = 0;
    bool numbered = false;
    while (at < spec.size() && spec.at(at) >= '0' && spec.at(at) <= '9') {
        qsizetype end = at;
        while (end < spec.size() && spec.at(end) >= '0' && spec.at(end) <= '9') {
            ++end;
        }
        const qint64 number = spec.mid(at, end - at).toLongLong();
        at = end < spec.size() && spec.at(end) == '.' ? end + 1 : end;
        // A number after an attached message's own number goes into that message (at the top,
        // the message is already entered); after any other single part nothing is left.
        if (numbered && part->message && !part->children.empty()) {
            part = part->children.front().get();
        } else if (numbered && !part->multipart) {
            return {};
        }
        numbered = true;
        if (part->multipart) {
            if (number < 1 || number > static_cast<qint64>(part->children.size())) {
                return {};
            }
            part = part->children[static_cast<std::size_t>(number - 1)].get();
        } else if (number != 1) {
            return {};
        }
    }
    const QByteArray rest = spec.mid(at);

    if (rest.isEmpty()) {
        return numbered ? slice(part->bodyStart, part->bodyEnd) : m_bytes;
    }
    if (rest == "MIME") {
        return slice(part->headerStart, part->bodyStart);
    }
    if (numbered) {
        if (!part->message || part->children.empty()) {
            return {};
        }
        part = part->children.front().get();
    }
    if (rest == "HEADER") {
        return slice(part->headerStart, part->bodyStart);
    }
    if (rest == "TEXT") {
        return slice(part->bodyStart, part->bodyEnd);
    }
    const bool exclude = rest.startsWith("HEADER.FIELDS.NOT ");
    if (!exclude && !rest.startsWith("HEADER.FIELDS ")) {
        return {};
    }
    const qsizetype open = rest.indexOf('(');
    const QList<QByteArray> names = rest.mid(open + 1, rest.size() - open - 2).split(' ');
    // A header that runs into the part's end is read on, past it, to the next blank line.
    const QList<Field> *fields = &part->fields;
    bool terminated = part->headerTerminated;
    QList<Field> readOn;
    if (!terminated && !part->fields.isEmpty()) {
        parseHeader(m_bytes, part->headerStart, m_bytes.size(), readOn, &terminated);
        fields = &readOn;
    }
    QByteArray out;
    for (const Field &field : *fields) {
        bool listed = false;
        for (const QByteArray &name : names) {
            listed = listed || field.name.compare(name, Qt::CaseInsensitive) == 0;
        }
        if (listed != exclude) {
            out += QByteArrayView(m_bytes).sliced(field.start, field.end - field.start);
        }
    }
    // Dovecot ends an included list with the blank line even when the header has none, but
    // an excluded list only when the header has one (or has no fields at all).
    if (!exclude || terminated || fields->isEmpty()) {
        out += "\r\n";
    }
    return out;
}

QByteArray MessageView::render(const FetchItem &item) const
{
    using Kind = FetchItem::Kind;
    QByteArray out;
    switch (item.kind) {
    case Kind::Rfc822Size:
        return "RFC822.SIZE " + QByteArray::number(size());
    case Kind::Envelope:
        return m_envelope;
    case Kind::BodyStructure:
        return m_bodyStructure;
    case Kind::Body:
        return m_body;
    case Kind::Rfc822:
        out = "RFC822 ";
        appendLiteral(out, m_bytes);
        return out;
    case Kind::Rfc822Header:
        out = "RFC822.HEADER ";
        appendLiteral(out, section("HEADER"));
        return out;
    case Kind::Rfc822Text:
        out = "RFC822.TEXT ";
        appendLiteral(out, section("TEXT"));
        return out;
    case Kind::Section: {
        const QByteArray whole = section(item.section);
        QByteArrayView data(whole);
        out = "BODY[" + item.section + ']';
        if (item.partialOffset) {
            out += '<' + QByteArray::number(*item.partialOffset) + '>';
            const qint64 offset = *item.partialOffset;
            const qint64 length = item.partialLength.value_or(data.size());
            data = offset >= data.size()
                           ? QByteArrayView()
                           : data.sliced(offset, std::min(length, data.size() - offset));
        }
        out += ' ';
        appendLiteral(out, data);
        return out;
    }
    default:
        Q_ASSERT_X(false, "MessageView::render", "item does not describe content");
        return {};
    }
}

} // namespace Postern::Imap
