#include "ImapResponse.h"

namespace Postern::Imap {

namespace {

// Deeper lists than this come from no real server; the limit keeps a hostile one from
// exhausting the stack.
constexpr int maximumDepth = 64;

bool isStatus(const QByteArray &name)
{
    return name == "OK" || name == "NO" || name == "BAD" || name == "BYE" || name == "PREAUTH";
}

class Parser
{
public:
    explicit Parser(const QByteArray &bytes)
        : m_bytes(bytes)
    {
    }

    bool atEnd() const { return m_position >= m_bytes.size() || atLineEnd(); }

    bool atLineEnd() const
    {
        return m_position < m_bytes.size()
               && (m_bytes.at(m_position) == '\r' || m_bytes.at(m_position) == '\n');
    }

    void skipSpaces()
    {
        while (m_position < m_bytes.size() && m_bytes.at(m_position) == ' ') {
            ++m_position;
        }
    }

    char peek() const { return m_position < m_bytes.size() ? m_bytes.at(m_position) : '\0'; }

    qsizetype position() const { return m_position; }

    QByteArray rest()
    {
        qsizetype end = m_bytes.size();
        while (end > m_position && (m_bytes.at(end - 1) == '\n' || m_bytes.at(end - 1) == '\r')) {
            --end;
        }
        QByteArray text = m_bytes.mid(m_position, end - m_position);
        m_position = m_bytes.size();
        return text;
    }

    std::optional<Value> value(int depth, QString *error)
    {
        if (depth > maximumDepth) {
            *error = QStringLiteral("lists nested deeper than %1").arg(maximumDepth);
            return std::nullopt;
        }
        Value value;
        value.start = m_position;
        const char first = peek();
        if (first == '(') {
            ++m_position;
            value.kind = Value::Kind::List;
            for (;;) {
                skipSpaces();
                if (peek() == ')') {
                    ++m_position;
                    break;
                }
                if (atEnd()) {
                    *error = QStringLiteral("a list is not closed");
                    return std::nullopt;
                }
                auto item = this->value(depth + 1, error);
                if (!item) {
                    return std::nullopt;
                }
                value.items.append(std::move(*item));
            }
        } else if (first == ')') {
            *error = QStringLiteral("a ')' without its '(' at byte %1").arg(m_position);
            return std::nullopt;
        } else if (first == '"') {
            value.kind = Value::Kind::Quoted;
            ++m_position;
            // Most strings have no escapes: taken in one piece, up to the first one.
            qsizetype runStart = m_position;
            for (;;) {
                if (m_position >= m_bytes.size() || atLineEnd()) {
                    *error = QStringLiteral("a quoted string is not closed");
                    return std::nullopt;
                }
                const char character = m_bytes.at(m_position);
                if (character == '"') {
                    value.text += QByteArrayView(m_bytes).sliced(runStart, m_position - runStart);
                    ++m_position;
                    break;
                }
                if (character == '\\' && m_position + 1 < m_bytes.size()) {
                    value.text += QByteArrayView(m_bytes).sliced(runStart, m_position - runStart);
                    value.text += m_bytes.at(m_position + 1);
                    m_position += 2;
                    runStart = m_position;
                    continue;
                }
                ++m_position;
            }
        } else if (first == '{'
                   || (first == '~' && m_position + 1 < m_bytes.size()
                       && m_bytes.at(m_position + 1) == '{')) {
            if (!literal(value, error)) {
                return std::nullopt;
            }
        } else {
            atom(value);
            if (value.text.isEmpty()) {
                *error = QStringLiteral("an unexpected byte 0x%1 at %2")
                                 .arg(static_cast<uchar>(first), 2, 16, QLatin1Char('0'))
                                 .arg(m_position);
                return std::nullopt;
            }
            if (value.text.compare("NIL", Qt::CaseInsensitive) == 0) {
                value.kind = Value::Kind::Nil;
                value.text.clear();
            }
        }
        value.end = m_position;
        return value;
    }

    /** "[CODE arguments]" of a status response, kept as one atom with its brackets. */
    std::optional<Value> responseCode(QString *error)
    {
        Value value;
        value.kind = Value::Kind::Atom;
        value.start = m_position;
        const auto close = m_bytes.indexOf(']', m_position);
        const auto lineEnd = m_bytes.indexOf('\n', m_position);
        if (close < 0 || (lineEnd >= 0 && close > lineEnd)) {
            *error = QStringLiteral("a response code is not closed");
            return std::nullopt;
        }
        value.text = m_bytes.mid(m_position, close + 1 - m_position);
        m_position = close + 1;
        value.end = m_position;
        return value;
    }

private:
    void atom(Value &value)
    {
        // An atom is one run of bytes (a section in brackets included): taken in one piece.
        value.kind = Value::Kind::Atom;
        const qsizetype begin = m_position;
        while (m_position < m_bytes.size()) {
            const char character = m_bytes.at(m_position);
            if (character == '[') {
                // A section such as [HEADER.FIELDS (DATE FROM)] belongs to the atom.
                const auto close = m_bytes.indexOf(']', m_position);
                const auto lineEnd = m_bytes.indexOf('\n', m_position);
                if (close < 0 || (lineEnd >= 0 && close > lineEnd)) {
                    ++m_position;
                    continue;
                }
                m_position = close + 1;
                continue;
            }
            if (character == ' ' || character == '(' || character == ')' || character == '"'
                || character == '{' || character == '\r' || character == '\n'
                || static_cast<uchar>(character) < 0x20 || character == 0x7f) {
                break;
            }
            ++m_position;
        }
        value.text = m_bytes.mid(begin, m_position - begin);
    }

    bool literal(Value &value, QString *error)
    {
        value.kind = Value::Kind::Literal;
        if (peek() == '~') {
            ++m_position;
        }
        const auto close = m_bytes.indexOf('}', m_position);
        if (close < 0) {
            *error = QStringLiteral("a literal's size is not closed");
            return false;
        }
        QByteArray count = m_bytes.mid(m_position + 1, close - m_position - 1);
        if (count.endsWith('+')) {
            count.chop(1);
        }
        bool ok = false;
        const qint64 size = count.toLongLong(&ok);
        if (!ok || size < 0 || count.isEmpty() || count.startsWith('+')) {
            *error = QStringLiteral("a literal's size is not a number");
            return false;
        }
        qsizetype start = close + 1;
        if (start < m_bytes.size() && m_bytes.at(start) == '\r') {
            ++start;
        }
        if (start >= m_bytes.size() || m_bytes.at(start) != '\n') {
            *error = QStringLiteral("a literal's size is not followed by a line end");
            return false;
        }
        ++start;
        if (size > m_bytes.size() - start) {
            *error = QStringLiteral("a literal is shorter than its announced %1 bytes").arg(size);
            return false;
        }
        value.text = m_bytes.mid(start, size);
        m_position = start + size;
        return true;
    }

    const QByteArray &m_bytes;
    qsizetype m_position = 0;
};

// Where a line ending at @p lineEnd (the index of its LF) announces a literal, its size.
std::optional<qint64>
announcedLiteral(const QByteArray &buffer, qsizetype lineStart, qsizetype lineEnd)
{
    qsizetype end = lineEnd;
    if (end > lineStart && buffer.at(end - 1) == '\r') {
        --end;
    }
    if (end <= lineStart || buffer.at(end - 1) != '}') {
        return std::nullopt;
    }
    qsizetype digitsEnd = end - 1;
    if (digitsEnd > lineStart && buffer.at(digitsEnd - 1) == '+') {
        --digitsEnd;
    }
    qsizetype digitsStart = digitsEnd;
    while (digitsStart > lineStart && buffer.at(digitsStart - 1) >= '0'
           && buffer.at(digitsStart - 1) <= '9') {
        --digitsStart;
    }
    if (digitsStart == digitsEnd || digitsStart <= lineStart || buffer.at(digitsStart - 1) != '{'
        || digitsEnd - digitsStart > 18) {
        return std::nullopt;
    }
    return buffer.mid(digitsStart, digitsEnd - digitsStart).toLongLong();
}

} // namespace

bool Value::isAtom(const char *name) const
{
    return kind == Kind::Atom && text.compare(name, Qt::CaseInsensitive) == 0;
}

bool Value::isNumber() const
{
    if (kind != Kind::Atom || text.isEmpty() || text.size() > 18) {
        return false;
    }
    for (const char character : text) {
        if (character < '0' || character > '9') {
            return false;
        }
    }
    return true;
}

qint64 Value::number() const
{
    return isNumber() ? text.toLongLong() : -1;
}

QByteArray Response::name() const
{
    for (const Value &value : values) {
        if (value.kind == Value::Kind::Atom && !value.isNumber()) {
            return value.text.toUpper();
        }
        if (!value.isNumber()) {
            break;
        }
    }
    return {};
}

std::optional<qint64> Response::number() const
{
    if (kind == Kind::Untagged && values.size() >= 2 && values.constFirst().isNumber()) {
        return values.constFirst().number();
    }
    return std::nullopt;
}

std::optional<Response> parseResponse(const QByteArray &bytes, QString *error)
{
    QString ignored;
    QString &why = error != nullptr ? *error : ignored;
    Response response;
    response.bytes = bytes;
    Parser parser(bytes);
    if (parser.peek() == '+') {
        response.kind = Response::Kind::Continuation;
        return response;
    }
    if (parser.peek() == '*') {
        response.kind = Response::Kind::Untagged;
        if (!parser.value(0, &why)) {
            return std::nullopt;
        }
    } else {
        response.kind = Response::Kind::Tagged;
        auto tag = parser.value(0, &why);
        if (!tag || tag->kind != Value::Kind::Atom) {
            if (why.isEmpty()) {
                why = QStringLiteral("a response starts with neither '*', '+' nor a tag");
            }
            return std::nullopt;
        }
        response.tag = tag->text;
    }
    if (parser.peek() != ' ') {
        why = QStringLiteral("no space after the tag");
        return std::nullopt;
    }
    parser.skipSpaces();

    bool statusText = false;
    while (!parser.atEnd()) {
        if (statusText) {
            if (parser.peek() == '[') {
                auto code = parser.responseCode(&why);
                if (!code) {
                    return std::nullopt;
                }
                response.values.append(*code);
                parser.skipSpaces();
            }
            Value text;
            text.kind = Value::Kind::Atom;
            text.start = parser.position();
            text.text = parser.rest();
            text.end = parser.position();
            if (!text.text.isEmpty()) {
                response.values.append(text);
            }
            break;
        }
        auto value = parser.value(0, &why);
        if (!value) {
            return std::nullopt;
        }
        response.values.append(*value);
        // The human-readable text after a status (and after "* n EXPUNGE"-like names nothing
        // follows) is free text: quotes and parentheses in it mean nothing.
        const bool firstOrAfterNumber =
                response.values.size() == 1
                || (response.values.size() == 2 && response.values.constFirst().isNumber());
        if (firstOrAfterNumber && value->kind == Value::Kind::Atom
            && isStatus(value->text.toUpper())) {
            statusText = true;
        }
        if (!parser.atEnd() && parser.peek() != ' ' && parser.peek() != ')') {
            // Values follow each other with a space; "(a)(b)" is tolerated, other runs are not.
            if (value->kind != Value::Kind::List && parser.peek() != '(') {
                why = QStringLiteral("no space between values at byte %1").arg(parser.position());
                return std::nullopt;
            }
        }
        parser.skipSpaces();
    }
    return response;
}

ResponseReader::ResponseReader(qsizetype maximumResponse)
    : m_maximum(maximumResponse)
{
}

void ResponseReader::feed(const QByteArray &bytes)
{
    if (m_error.isEmpty()) {
        m_buffer += bytes;
    }
}

bool ResponseReader::findEnd(qsizetype &end)
{
    while (m_lineStart <= m_buffer.size()) {
        const qsizetype newline = m_buffer.indexOf('\n', qMax(m_lineStart, m_searchFrom));
        if (newline < 0) {
            m_searchFrom = m_buffer.size();
            break;
        }
        const auto literal = announcedLiteral(m_buffer, m_lineStart, newline);
        if (!literal) {
            end = newline + 1;
            return true;
        }
        if (*literal > m_maximum - (newline + 1 - m_start)) {
            m_error = QStringLiteral("the server announced a literal of %1 bytes, more than the "
                                     "%2 bytes a response may hold")
                              .arg(*literal)
                              .arg(m_maximum);
            return false;
        }
        // The response goes on after the literal's bytes, with a line of its own.
        m_lineStart = newline + 1 + *literal;
        m_searchFrom = m_lineStart;
    }
    if (m_buffer.size() - m_start > m_maximum) {
        m_error = QStringLiteral("a response of more than %1 bytes").arg(m_maximum);
    }
    return false;
}

QByteArray ResponseReader::takePending()
{
    QByteArray pending = m_buffer.mid(m_start);
    m_buffer.clear();
    m_start = 0;
    m_lineStart = 0;
    m_searchFrom = 0;
    return pending;
}

std::optional<QByteArray> ResponseReader::nextBytes()
{
    if (!m_error.isEmpty()) {
        return std::nullopt;
    }
    qsizetype end = 0;
    if (!findEnd(end)) {
        return std::nullopt;
    }
    QByteArray bytes = m_buffer.mid(m_start, end - m_start);
    m_start = end;
    // Responses are taken from the front without moving the rest each time: a chunk holding
    // a thousand small responses would otherwise be copied a thousand times.
    if (m_start == m_buffer.size()) {
        m_buffer.clear();
        m_start = 0;
    } else if (m_start > qsizetype{64} * 1024 && m_start > m_buffer.size() / 2) {
        m_buffer.remove(0, m_start);
        m_start = 0;
    }
    m_lineStart = m_start;
    m_searchFrom = m_start;
    return bytes;
}

std::optional<Response> ResponseReader::next()
{
    const auto framed = nextBytes();
    if (!framed) {
        return std::nullopt;
    }
    const QByteArray &bytes = *framed;
    QString why;
    auto response = parseResponse(bytes, &why);
    if (!response) {
        m_error = QStringLiteral("a response that is not IMAP: %1").arg(why);
        return std::nullopt;
    }
    return response;
}

} // namespace Postern::Imap
