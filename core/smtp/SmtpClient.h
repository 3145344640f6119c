#pragma once

#include "core/base/Secret.h"
#include "core/policy/Account.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QSslCertificate>
#include <QStringList>

#include <deque>
#include <functional>
#include <memory>

class QSslSocket;
class QTimer;

namespace Postern::Smtp {

/** One SMTP reply (RFC 5321 4.2), possibly of several lines. Code 0: no reply came, the
 *  connection failed or timed out, and `lines` says how. */
struct Reply
{
    int code = 0;
    QList<QByteArray> lines;

    bool isPositive() const { return code >= 200 && code < 400; }

    bool isTransient() const { return code == 0 || (code >= 400 && code < 500); }

    QByteArray text() const;
};

/** The result of handing one message upstream. */
struct Delivery
{
    bool delivered = false;
    Reply reply;                   // the final reply, or the one that failed the transaction
    QStringList refusedRecipients; // RCPT TO replies that were negative
};

/**
 * The upstream half of a proxied session: a client of the account's real SMTP server, over
 * implicit TLS or STARTTLS (required when configured, never silently dropped) with the
 * server's certificate verified against the system's roots and the account's own, or plain
 * text to a loopback server. Pipelines MAIL, RCPT and DATA when the server offers PIPELINING.
 */
class SmtpClient : public QObject
{
    Q_OBJECT

public:
    using ReplyHandler = std::function<void(const Reply &)>;

    SmtpClient(Policy::Server server, QList<QSslCertificate> extraRoots, QObject *parent = nullptr);
    ~SmtpClient() override;

    /** Connects, reads the greeting, says EHLO, and upgrades with STARTTLS when configured. */
    void open(const ReplyHandler &done);

    bool isOpen() const;
    bool hasExtension(const QByteArray &keyword) const;
    QByteArray extensionValue(const QByteArray &keyword) const;

    /** AUTH PLAIN, or LOGIN when the server offers only that. */
    void authenticate(const QByteArray &user, const Secret &password, const ReplyHandler &done);

    void send(const QByteArray &sender,
              const QList<QByteArray> &mailParameters,
              const QStringList &recipients,
              const QByteArray &message,
              const std::function<void(const Delivery &)> &done);

    void reset(const ReplyHandler &done);
    void quit();

    /** Test hook: replies longer than this are a protocol error. */
    static constexpr qsizetype maximumLine = 4096;

Q_SIGNALS:
    void closed();

private:
    void command(const QByteArray &line, ReplyHandler handler);
    void expect(ReplyHandler handler);
    void onReadyRead();
    void failAll(const QByteArray &why);
    void ehlo(const ReplyHandler &done);
    void startTls(const ReplyHandler &done);

    Policy::Server m_server;
    QList<QSslCertificate> m_extraRoots;
    QSslSocket *m_socket = nullptr;
    QTimer *m_timer = nullptr;
    QByteArray m_buffer;
    Reply m_partial;
    std::deque<ReplyHandler> m_pending;
    QList<QByteArray> m_extensions;
    // Breaks the reference cycle of a send() that never finished, so a client deleted in the
    // middle of a message (Postern stopping, the mail client gone) leaks nothing.
    std::function<void()> m_abandonSend;
    bool m_open = false;
};

/** "x.y.z" from a reply's first line when it has one (RFC 3463). */
QByteArray enhancedStatus(const Reply &reply);

/** Dot-stuffs @p message and ends it with CRLF.CRLF (RFC 5321 4.5.2). */
QByteArray dotStuffed(const QByteArray &message);

} // namespace Postern::Smtp
