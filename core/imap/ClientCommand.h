#pragma once

#include "core/imap/ImapResponse.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace Postern::Imap {

/**
 * One command as a mail client sent it (RFC 3501 section 6), literals included. The proxy keeps
 * the bytes so that a command it does not change goes upstream exactly as written, and the
 * parsed values so that it can read the ones it must understand (LOGIN, SELECT, FETCH, APPEND).
 */
struct ClientCommand
{
    /** A stretch of the command that ends either with a literal's announcement "{n}" (then
     *  `literal` holds its n bytes) or with the command's final line end. */
    struct Piece
    {
        QByteArray line; // up to and including the CRLF after "{n}" or at the end
        QByteArray literal;
        bool hasLiteral = false;
    };

    QByteArray tag;
    QByteArray name; // upper case; "UID FETCH", "UID STORE"… for UID commands
    QList<Piece> pieces;
    QList<Value> arguments; // after the name, with literals' content in place

    /** The command as the client wrote it, literal markers included. */
    QByteArray bytes() const;

    /** The command with every literal sent synchronising ("{n}") or, when the server has
     *  LITERAL+, non-synchronising ("{n+}"), as pieces to write one after the other. */
    QList<QByteArray> upstreamPieces(bool nonSynchronising) const;

    qsizetype size() const;
};

/** Rebuilds a command from its parts, literals for anything that cannot be quoted. */
QByteArray astring(const QByteArray &text);

/**
 * Cuts a client's byte stream into commands. A synchronising literal is announced to the caller
 * (continuationNeeded) so that the client may go on. Commands and literals have size limits; a
 * command above them or one that is not IMAP is an error the session answers with BAD.
 */
class ClientCommandReader
{
public:
    explicit ClientCommandReader(qsizetype maximumLine = qsizetype{64} * 1024,
                                 qint64 maximumLiteral = 100LL * 1024 * 1024);

    void feed(const QByteArray &bytes);

    enum class Status {
        NeedMore, // nothing complete yet
        Command,  // a command is ready (takeCommand)
        Continue, // a synchronising literal was announced: send "+" to the client
        Error,    // a command the reader cannot make sense of (error(), badTag())
    };

    Status next();
    ClientCommand takeCommand();

    /** A line taken raw, for a client answering a continuation (IDLE's DONE, SASL). */
    std::optional<QByteArray> takeLine();

    /** What has arrived and is not part of anything taken. */
    QByteArray takePending();

    QString error() const { return m_error; }

    /** After a command that is not IMAP, reading goes on with the next one; false when the
     *  stream itself is beyond repair (a line or literal over the limits). */
    bool recover();

    /** The tag of the command that failed, when one could be read, for the BAD reply. */
    QByteArray badTag() const { return m_badTag; }

private:
    bool parseCommand(ClientCommand &command);

    QByteArray m_buffer;
    qsizetype m_position = 0;
    qsizetype m_maximumLine;
    qint64 m_maximumLiteral;
    ClientCommand m_current;
    bool m_inLiteral = false;
    qint64 m_literalSize = 0;
    bool m_announced = false;
    std::optional<ClientCommand> m_ready;
    QString m_error;
    bool m_fatal = false;
    QByteArray m_badTag;
};

} // namespace Postern::Imap
