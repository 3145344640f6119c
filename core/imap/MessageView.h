#pragma once

#include "core/imap/FetchItems.h"

#include <QByteArray>

#include <memory>

namespace Postern::Imap {

/** Bare LF and bare CR made CRLF, as a message must be before IMAP sizes mean anything. */
QByteArray canonicalLineEnds(const QByteArray &message);

/**
 * How IMAP describes one message: every FETCH data item that depends on the message's bytes
 * (RFC 3501 section 7.4.2), rendered byte for byte as Dovecot renders it for the same bytes, so
 * that a client cannot tell the proxy's answers from the server's. The MIME structure comes
 * from GMime and is computed once in the constructor; afterwards the view is immutable, so one
 * view can be shared read-only between sessions and threads.
 */
class MessageView
{
public:
    explicit MessageView(QByteArray message); // the bytes exactly as they will be served (CRLF)
    ~MessageView();
    MessageView(const MessageView &) = delete;
    MessageView &operator=(const MessageView &) = delete;

    /** What BODY[] serves: the message as given, except that a NUL byte becomes 0x80 as
     *  Dovecot serves it. */
    const QByteArray &bytes() const;
    qint64 size() const; // RFC822.SIZE

    /** The item as it appears inside a FETCH response's parentheses: name, space, value, e.g.
     *  "RFC822.SIZE 1234", "BODY[1]<0> {100}\r\n<100 bytes>", "BODYSTRUCTURE (...)",
     *  "ENVELOPE (...)", exactly as Dovecot writes it. Must not be called for kinds that do
     *  not describe content. */
    QByteArray render(const FetchItem &item) const;

    qsizetype memoryCost() const; // for the proxy's bounded cache

    /** Whether bytes() are the bytes given, so a view made from them again is this view. */
    bool servesBytesAsGiven() const { return !m_nulReplaced; }

    struct Part;

private:
    QByteArray section(const QByteArray &spec) const;
    QByteArray slice(qint64 from, qint64 to) const;

    QByteArray m_bytes;
    std::unique_ptr<Part> m_root;
    QByteArray m_envelope;
    QByteArray m_bodyStructure;
    QByteArray m_body;
    bool m_nulReplaced = false;
};

} // namespace Postern::Imap
