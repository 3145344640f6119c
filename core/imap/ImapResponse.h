#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace Postern::Imap {

/**
 * One value of an IMAP response (RFC 3501 section 9): an atom (which includes numbers and
 * flags such as \Seen), a quoted string, a literal, NIL, or a parenthesised list. Body section
 * names such as BODY[HEADER.FIELDS (A B)]<0.100> are atoms whose `section` holds the bracketed
 * part, so that FETCH items can be matched without re-parsing.
 */
struct Value
{
    enum class Kind {
        Atom,
        Quoted,
        Literal,
        Nil,
        List,
    };

    Kind kind = Kind::Nil;
    QByteArray text;     // atom text, or the string's / literal's content
    QList<Value> items;  // a list's members
    qsizetype start = 0; // where the value begins in the response's bytes
    qsizetype end = 0;   // and one past its end

    bool isAtom(const char *name) const;
    bool isNumber() const;
    qint64 number() const;

    bool isString() const { return kind == Kind::Quoted || kind == Kind::Literal; }

    QByteArray string() const { return text; }
};

/** A complete server response: the line or lines, with the literals they announce. */
struct Response
{
    enum class Kind {
        Tagged,       // "a1 OK …"
        Untagged,     // "* …"
        Continuation, // "+ …"
    };

    Kind kind = Kind::Untagged;
    QByteArray tag;      // for Tagged
    QByteArray bytes;    // the response exactly as received, CRLFs and literals included
    QList<Value> values; // everything after the tag (or "*"), parsed; empty for Continuation

    /** "OK", "FETCH"…: the first atom that names the response, upper case. For "* 12 FETCH"
     *  that is FETCH, and number() is 12. */
    QByteArray name() const;
    std::optional<qint64> number() const;
};

/**
 * Cuts a server's byte stream into complete responses. Literals of any size are allowed up to
 * a limit per response, so one hostile response cannot take all memory; a response above it,
 * or one that does not follow the grammar, is an error that ends the session: the proxy then
 * closes it and keeps serving the others.
 */
class ResponseReader
{
public:
    explicit ResponseReader(qsizetype maximumResponse = 512LL * 1024 * 1024);

    void feed(const QByteArray &bytes);

    /** The next complete response, if one has arrived. After an error, always nothing. */
    std::optional<Response> next();

    /** The next complete response's bytes, unparsed, for a caller that passes most responses
     *  on as they are and parses only those it must read (parseResponse). */
    std::optional<QByteArray> nextBytes();

    bool hasError() const { return !m_error.isEmpty(); }

    QString error() const { return m_error; }

    /** Bytes received but not yet part of a complete response. */
    qsizetype pending() const { return m_buffer.size() - m_start; }

    /** Those bytes, handed back, for a session that stops reading responses (a relay). */
    QByteArray takePending();

private:
    bool findEnd(qsizetype &end);

    QByteArray m_buffer;
    qsizetype m_start = 0;      // where the response being read begins in m_buffer
    qsizetype m_lineStart = 0;  // the current line of the response being read
    qsizetype m_searchFrom = 0; // where the search for its line end goes on
    qsizetype m_maximum;
    QString m_error;
};

/** Parses the values of one complete response; nullopt with @p error when malformed. */
std::optional<Response> parseResponse(const QByteArray &bytes, QString *error);

} // namespace Postern::Imap
