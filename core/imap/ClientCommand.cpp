#include "ClientCommand.h"

namespace Postern::Imap {

namespace {

struct Announcement
{
    qsizetype markerStart = 0; // where "{" (or "~{") begins in the line
    qint64 size = 0;
    bool synchronising = true;
};

// A line (without its line end) that ends in "{n}", "{n+}" or "~{n}" announces a literal.
std::optional<Announcement> announcement(const QByteArray &line)
{
    if (!line.endsWith('}')) {
        return std::nullopt;
    }
    qsizetype digitsEnd = line.size() - 1;
    Announcement found;
    if (digitsEnd > 0 && line.at(digitsEnd - 1) == '+') {
        found.synchronising = false;
        --digitsEnd;
    }
    qsizetype digitsStart = digitsEnd;
    while (digitsStart > 0 && line.at(digitsStart - 1) >= '0' && line.at(digitsStart - 1) <= '9') {
        --digitsStart;
    }
    if (digitsStart == digitsEnd || digitsStart == 0 || line.at(digitsStart - 1) != '{'
        || digitsEnd - digitsStart > 18) {
        return std::nullopt;
    }
    found.markerStart = digitsStart - 1;
    if (found.markerStart > 0 && line.at(found.markerStart - 1) == '~') {
        --found.markerStart;
    }
    found.size = line.mid(digitsStart, digitsEnd - digitsStart).toLongLong();
    return found;
}

QByteArray withoutLineEnd(const QByteArray &line)
{
    qsizetype end = line.size();
    while (end > 0 && (line.at(end - 1) == '\n' || line.at(end - 1) == '\r')) {
        --end;
    }
    return line.left(end);
}

bool isAtomSafe(const QByteArray &text)
{
    if (text.isEmpty()) {
        return false;
    }
    for (const char character : text) {
        const auto byte = static_cast<uchar>(character);
        if (byte <= 0x20 || byte >= 0x7f || character == '(' || character == ')' || character == '{'
            || character == '"' || character == '\\' || character == '%' || character == '*'
            || character == ']') {
            return false;
        }
    }
    return true;
}

// RFC 3501 9: a tag is ASTRING-CHARs other than "+"; a server answers nothing else by tag, so
// a command with another one would never be answered.
bool isValidTag(const QByteArray &tag)
{
    if (tag.isEmpty()) {
        return false;
    }
    for (const char character : tag) {
        const auto byte = static_cast<uchar>(character);
        if (byte <= 0x20 || byte >= 0x7f || character == '(' || character == ')' || character == '{'
            || character == '"' || character == '\\' || character == '%' || character == '*'
            || character == '+') {
            return false;
        }
    }
    return true;
}

} // namespace

QByteArray ClientCommand::bytes() const
{
    QByteArray all;
    for (const Piece &piece : pieces) {
        all += piece.line;
        all += piece.literal;
    }
    return all;
}

qsizetype ClientCommand::size() const
{
    qsizetype total = 0;
    for (const Piece &piece : pieces) {
        total += piece.line.size() + piece.literal.size();
    }
    return total;
}

QList<QByteArray> ClientCommand::upstreamPieces(bool nonSynchronising) const
{
    QList<QByteArray> out;
    QByteArray current;
    for (const Piece &piece : pieces) {
        if (!piece.hasLiteral) {
            current += piece.line;
            continue;
        }
        const QByteArray line = withoutLineEnd(piece.line);
        const auto marker = announcement(line);
        const qsizetype cut = marker ? marker->markerStart : line.size();
        const bool literal8 = marker && line.at(cut) == '~';
        current += line.left(cut);
        current += literal8 ? "~{" : "{";
        current += QByteArray::number(piece.literal.size());
        current += nonSynchronising ? "+}\r\n" : "}\r\n";
        if (!nonSynchronising) {
            out.append(current);
            current.clear();
        }
        current += piece.literal;
    }
    out.append(current);
    return out;
}

QByteArray astring(const QByteArray &text)
{
    if (isAtomSafe(text)) {
        return text;
    }
    bool quotable = text.size() < 1024;
    for (const char character : text) {
        const auto byte = static_cast<uchar>(character);
        if (byte == 0 || byte >= 0x80 || character == '\r' || character == '\n') {
            quotable = false;
            break;
        }
    }
    if (!quotable) {
        return '{' + QByteArray::number(text.size()) + "}\r\n" + text;
    }
    QByteArray quoted = "\"";
    for (const char character : text) {
        if (character == '"' || character == '\\') {
            quoted += '\\';
        }
        quoted += character;
    }
    return quoted + '"';
}

ClientCommandReader::ClientCommandReader(qsizetype maximumLine, qint64 maximumLiteral)
    : m_maximumLine(maximumLine)
    , m_maximumLiteral(maximumLiteral)
{
}

void ClientCommandReader::feed(const QByteArray &bytes)
{
    m_buffer += bytes;
}

ClientCommandReader::Status ClientCommandReader::next()
{
    if (m_ready) {
        return Status::Command;
    }
    if (!m_error.isEmpty()) {
        return Status::Error;
    }
    for (;;) {
        if (m_inLiteral) {
            if (m_buffer.size() - m_position < m_literalSize) {
                return Status::NeedMore;
            }
            m_current.pieces.last().literal = m_buffer.mid(m_position, m_literalSize);
            m_position += m_literalSize;
            m_inLiteral = false;
            continue;
        }
        const qsizetype newline = m_buffer.indexOf('\n', m_position);
        if (newline < 0) {
            if (m_buffer.size() - m_position > m_maximumLine) {
                m_fatal = true;
                m_error = QStringLiteral("a command line longer than %1 bytes").arg(m_maximumLine);
                return Status::Error;
            }
            return Status::NeedMore;
        }
        const QByteArray line = m_buffer.mid(m_position, newline + 1 - m_position);
        m_position = newline + 1;
        if (line.size() > m_maximumLine) {
            m_fatal = true;
            m_error = QStringLiteral("a command line longer than %1 bytes").arg(m_maximumLine);
            return Status::Error;
        }
        ClientCommand::Piece piece;
        piece.line = line;
        const auto literal = announcement(withoutLineEnd(line));
        if (m_current.pieces.isEmpty()) {
            // The tag, for a BAD reply should the rest go wrong.
            const qsizetype space = line.indexOf(' ');
            m_badTag = space > 0 && isValidTag(line.left(space)) ? line.left(space) : QByteArray();
        }
        if (!literal) {
            m_current.pieces.append(piece);
            ClientCommand command = std::move(m_current);
            m_current = {};
            m_buffer.remove(0, m_position);
            m_position = 0;
            if (!parseCommand(command)) {
                return Status::Error;
            }
            m_ready = std::move(command);
            return Status::Command;
        }
        if (literal->size > m_maximumLiteral) {
            m_fatal = true;
            m_error = QStringLiteral("a literal of %1 bytes, more than the %2 a command may hold")
                              .arg(literal->size)
                              .arg(m_maximumLiteral);
            return Status::Error;
        }
        piece.hasLiteral = true;
        m_current.pieces.append(piece);
        m_inLiteral = true;
        m_literalSize = literal->size;
        if (literal->synchronising) {
            return Status::Continue;
        }
    }
}

bool ClientCommandReader::parseCommand(ClientCommand &command)
{
    QString why;
    auto parsed = parseResponse(command.bytes(), &why);
    if (!parsed || parsed->kind != Response::Kind::Tagged || parsed->values.isEmpty()
        || parsed->values.constFirst().kind != Value::Kind::Atom) {
        m_error = QStringLiteral("not an IMAP command: a tag, a command name and its arguments "
                                 "were expected");
        return false;
    }
    command.tag = parsed->tag;
    if (!isValidTag(command.tag)) {
        m_error = QStringLiteral("a tag may hold letters, digits and punctuation other than "
                                 "( ) { \" \\ % * +");
        return false;
    }
    QList<Value> values = parsed->values;
    command.name = values.takeFirst().text.toUpper();
    if (command.name == "UID" && !values.isEmpty()
        && values.constFirst().kind == Value::Kind::Atom) {
        command.name += ' ' + values.takeFirst().text.toUpper();
    }
    command.arguments = values;
    return true;
}

bool ClientCommandReader::recover()
{
    if (m_fatal) {
        return false;
    }
    m_error.clear();
    m_badTag.clear();
    return true;
}

ClientCommand ClientCommandReader::takeCommand()
{
    ClientCommand command = std::move(*m_ready);
    m_ready.reset();
    return command;
}

std::optional<QByteArray> ClientCommandReader::takeLine()
{
    const qsizetype newline = m_buffer.indexOf('\n', m_position);
    if (newline < 0) {
        return std::nullopt;
    }
    QByteArray line = m_buffer.mid(m_position, newline + 1 - m_position);
    m_buffer.remove(0, newline + 1);
    m_position = 0;
    return line;
}

QByteArray ClientCommandReader::takePending()
{
    QByteArray pending;
    for (const ClientCommand::Piece &piece : std::as_const(m_current.pieces)) {
        pending += piece.line + piece.literal;
    }
    pending += m_buffer.mid(m_position);
    m_buffer.clear();
    m_position = 0;
    m_current = {};
    m_inLiteral = false;
    return pending;
}

} // namespace Postern::Imap
