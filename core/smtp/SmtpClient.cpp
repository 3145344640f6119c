#include "SmtpClient.h"

#include "core/base/Logging.h"
#include "core/base/UpstreamTls.h"

#include <QHostAddress>
#include <QSslSocket>
#include <QTimer>

namespace Postern::Smtp {

namespace {

// RFC 5321 4.5.3.2 asks clients to wait minutes for each reply; ten covers the end of DATA.
constexpr int replyTimeoutMs = 10 * 60 * 1000;

Reply failure(const QByteArray &why)
{
    return Reply{0, {why}};
}

} // namespace

QByteArray Reply::text() const
{
    QByteArray joined;
    for (const QByteArray &line : lines) {
        if (!joined.isEmpty()) {
            joined += ' ';
        }
        joined += line;
    }
    return joined;
}

QByteArray enhancedStatus(const Reply &reply)
{
    if (reply.lines.isEmpty()) {
        return {};
    }
    const QByteArray first = reply.lines.constFirst();
    const auto space = first.indexOf(' ');
    QByteArray candidate = space < 0 ? first : first.left(space);
    const QList<QByteArray> parts = candidate.split('.');
    if (parts.size() != 3) {
        return {};
    }
    for (const QByteArray &part : parts) {
        bool ok = false;
        part.toInt(&ok);
        if (!ok) {
            return {};
        }
    }
    return candidate;
}

QByteArray dotStuffed(const QByteArray &message)
{
    QByteArray out;
    out.reserve(message.size() + message.size() / 50 + 8);
    bool lineStart = true;
    for (qsizetype index = 0; index < message.size(); ++index) {
        const char character = message.at(index);
        if (lineStart && character == '.') {
            out += '.';
        }
        // A bare LF is not a line end on the wire; every line leaves as CRLF.
        if (character == '\n' && (index == 0 || message.at(index - 1) != '\r')) {
            out += '\r';
        }
        out += character;
        lineStart = character == '\n';
    }
    if (!out.endsWith("\r\n")) {
        out += "\r\n";
    }
    out += ".\r\n";
    return out;
}

SmtpClient::SmtpClient(Policy::Server server, QList<QSslCertificate> extraRoots, QObject *parent)
    : QObject(parent)
    , m_server(std::move(server))
    , m_extraRoots(std::move(extraRoots))
    , m_socket(new QSslSocket(this))
    , m_timer(new QTimer(this))
{
    m_timer->setSingleShot(true);
    m_timer->setInterval(replyTimeoutMs);
    connect(m_timer, &QTimer::timeout, this, [this] {
        qCWarning(lcSmtp) << "upstream" << m_server.host << "did not answer in time";
        failAll(QByteArrayLiteral("the upstream server did not answer in time"));
        m_socket->abort();
    });

    m_socket->setSslConfiguration(upstreamTlsConfiguration(m_extraRoots));
    m_socket->setPeerVerifyName(m_server.host);

    connect(m_socket, &QSslSocket::readyRead, this, &SmtpClient::onReadyRead);
    connect(m_socket, &QSslSocket::disconnected, this, [this] {
        m_open = false;
        failAll(QByteArrayLiteral("the upstream server closed the connection"));
        Q_EMIT closed();
    });
    connect(m_socket, &QSslSocket::errorOccurred, this, [this](QAbstractSocket::SocketError) {
        const QByteArray why = m_socket->errorString().toUtf8();
        qCWarning(lcSmtp).noquote() << "upstream" << m_server.display() << ":" << why;
        m_open = false;
        failAll(why);
    });
    connect(m_socket, &QSslSocket::sslErrors, this, [this](const QList<QSslError> &errors) {
        QStringList texts;
        for (const QSslError &error : errors) {
            texts.append(error.errorString());
        }
        const QByteArray why =
                QStringLiteral("the upstream server's certificate is not trusted: %1")
                        .arg(texts.join(QStringLiteral("; ")))
                        .toUtf8();
        qCWarning(lcSmtp).noquote() << m_server.display() << ":" << why;
        failAll(why);
        m_socket->abort();
    });
}

SmtpClient::~SmtpClient()
{
    m_pending.clear();
    if (m_abandonSend) {
        m_abandonSend();
    }
    m_socket->disconnect(this);
    m_socket->abort();
}

bool SmtpClient::isOpen() const
{
    return m_open && m_socket->state() == QAbstractSocket::ConnectedState;
}

bool SmtpClient::hasExtension(const QByteArray &keyword) const
{
    for (const QByteArray &line : m_extensions) {
        const QByteArray name = line.split(' ').constFirst().toUpper();
        if (name == keyword.toUpper()) {
            return true;
        }
    }
    return false;
}

QByteArray SmtpClient::extensionValue(const QByteArray &keyword) const
{
    for (const QByteArray &line : m_extensions) {
        const auto space = line.indexOf(' ');
        if (line.left(space).toUpper() == keyword.toUpper()) {
            return space < 0 ? QByteArray() : line.mid(space + 1);
        }
    }
    return {};
}

void SmtpClient::failAll(const QByteArray &why)
{
    m_timer->stop();
    std::deque<ReplyHandler> pending;
    pending.swap(m_pending);
    for (ReplyHandler &handler : pending) {
        handler(failure(why));
    }
}

void SmtpClient::expect(ReplyHandler handler)
{
    m_pending.push_back(std::move(handler));
    if (!m_timer->isActive()) {
        m_timer->start();
    }
}

void SmtpClient::command(const QByteArray &line, ReplyHandler handler)
{
    if (m_socket->state() != QAbstractSocket::ConnectedState) {
        handler(failure(QByteArrayLiteral("not connected to the upstream server")));
        return;
    }
    m_socket->write(line + "\r\n");
    expect(std::move(handler));
}

void SmtpClient::onReadyRead()
{
    m_buffer += m_socket->readAll();
    for (;;) {
        const auto end = m_buffer.indexOf("\n");
        if (end < 0) {
            if (m_buffer.size() > maximumLine) {
                failAll(QByteArrayLiteral("the upstream server sent an overlong line"));
                m_socket->abort();
            }
            return;
        }
        QByteArray line = m_buffer.left(end);
        m_buffer.remove(0, end + 1);
        if (line.endsWith('\r')) {
            line.chop(1);
        }
        bool ok = false;
        const int code = line.left(3).toInt(&ok);
        if (line.size() < 3 || !ok || code < 200 || code > 599
            || (line.size() > 3 && line.at(3) != ' ' && line.at(3) != '-')) {
            failAll(QByteArrayLiteral("the upstream server's reply is not SMTP: ") + line.left(80));
            m_socket->abort();
            return;
        }
        m_partial.code = code;
        m_partial.lines.append(line.mid(4));
        if (line.size() > 3 && line.at(3) == '-') {
            continue;
        }
        const Reply reply = m_partial;
        m_partial = Reply();
        if (m_pending.empty()) {
            qCDebug(lcSmtp) << "unexpected upstream reply" << reply.code;
            continue;
        }
        ReplyHandler handler = std::move(m_pending.front());
        m_pending.pop_front();
        if (m_pending.empty()) {
            m_timer->stop();
        } else {
            m_timer->start();
        }
        handler(reply);
    }
}

void SmtpClient::ehlo(const ReplyHandler &done)
{
    command(QByteArrayLiteral("EHLO localhost"), [this, done](const Reply &reply) {
        if (!reply.isPositive()) {
            done(reply);
            return;
        }
        m_extensions = reply.lines.mid(1);
        done(reply);
    });
}

void SmtpClient::startTls(const ReplyHandler &done)
{
    if (!hasExtension("STARTTLS")) {
        done(failure(QByteArrayLiteral("the upstream server does not offer STARTTLS, which this "
                                       "account requires; not continuing in plain text")));
        m_socket->abort();
        return;
    }
    command(QByteArrayLiteral("STARTTLS"), [this, done](const Reply &reply) {
        if (reply.code != 220) {
            done(reply.code == 0 ? reply
                                 : failure("STARTTLS was refused upstream: " + reply.text()));
            m_socket->abort();
            return;
        }
        // Anything the server sent before the handshake is not to be trusted (RFC 3207 6).
        m_buffer.clear();
        auto connection = std::make_shared<QMetaObject::Connection>();
        *connection = connect(m_socket, &QSslSocket::encrypted, this, [this, done, connection] {
            disconnect(*connection);
            // The placeholder below only stands for a failing handshake; it is done with.
            if (!m_pending.empty()) {
                m_pending.pop_front();
            }
            m_timer->stop();
            m_extensions.clear();
            ehlo([this, done](const Reply &again) {
                m_open = again.isPositive();
                done(again);
            });
        });
        expect([done, connection](const Reply &failed) {
            // Only reached when the handshake fails (or times out) before `encrypted`.
            QObject::disconnect(*connection);
            done(failed);
        });
        m_socket->startClientEncryption();
    });
}

void SmtpClient::open(const ReplyHandler &done)
{
    m_extensions.clear();
    m_buffer.clear();
    m_partial = Reply();
    const auto greeted = [this, done](const Reply &greeting) {
        if (greeting.code != 220) {
            done(greeting.code == 0
                         ? greeting
                         : failure("the upstream server refused the session: "
                                   + QByteArray::number(greeting.code) + ' ' + greeting.text()));
            return;
        }
        ehlo([this, done](const Reply &reply) {
            if (!reply.isPositive()) {
                done(reply);
                return;
            }
            if (m_server.security == Policy::Security::StartTls) {
                startTls(done);
                return;
            }
            m_open = true;
            done(reply);
        });
    };

    if (m_server.security == Policy::Security::Tls) {
        expect(greeted);
        m_socket->connectToHostEncrypted(m_server.host, m_server.port);
        return;
    }
    if (m_server.security == Policy::Security::None && !Policy::isLoopbackHost(m_server.host)) {
        done(failure(QByteArrayLiteral("plain text is allowed only to a loopback server")));
        return;
    }
    expect(greeted);
    m_socket->connectToHost(m_server.host, m_server.port);
}

void SmtpClient::authenticate(const QByteArray &user,
                              const Secret &password,
                              const ReplyHandler &done)
{
    const QByteArray mechanisms = extensionValue("AUTH").toUpper();
    const QList<QByteArray> offered = mechanisms.split(' ');
    if (offered.contains("PLAIN") || !offered.contains("LOGIN")) {
        const QByteArray token =
                QByteArray(QByteArray(1, '\0') + user + QByteArray(1, '\0') + password.bytes())
                        .toBase64();
        command("AUTH PLAIN " + token, done);
        return;
    }
    const QByteArray &secret = password.bytes();
    command(QByteArrayLiteral("AUTH LOGIN"), [this, user, secret, done](const Reply &first) {
        if (first.code != 334) {
            done(first);
            return;
        }
        command(user.toBase64(), [this, secret, done](const Reply &second) {
            if (second.code != 334) {
                done(second);
                return;
            }
            command(secret.toBase64(), done);
        });
    });
}

void SmtpClient::send(const QByteArray &sender,
                      const QList<QByteArray> &mailParameters,
                      const QStringList &recipients,
                      const QByteArray &message,
                      const std::function<void(const Delivery &)> &done)
{
    struct State
    {
        Delivery delivery;
        int accepted = 0;
        bool mailFailed = false;
        bool finished = false;
        std::function<void(qsizetype)> nextRecipient; // breaks its own cycle when finished
    };

    auto state = std::make_shared<State>();
    const auto finish = [state, done] {
        if (state->finished) {
            return;
        }
        state->finished = true;
        state->nextRecipient = nullptr;
        done(state->delivery);
    };
    const auto onRecipient = [state](const QString &recipient, const Reply &answer) {
        if (answer.isPositive()) {
            ++state->accepted;
        } else if (!state->mailFailed) {
            state->delivery.refusedRecipients.append(recipient);
            state->delivery.reply = answer;
        }
    };
    const QByteArray body = dotStuffed(message);
    const auto onData = [this, state, body, finish](const Reply &go) {
        if (state->mailFailed || state->accepted == 0 || go.code != 354) {
            if (go.code == 354) {
                // Some servers start DATA although nothing was accepted; send an empty
                // message's end so the session stays in step, and deliver nothing.
                m_socket->write(QByteArrayLiteral(".\r\n"));
                expect([](const Reply &) {});
            }
            if (!state->mailFailed && state->accepted > 0) {
                state->delivery.reply = go;
            } else if (state->delivery.reply.lines.isEmpty()) {
                state->delivery.reply = go.code == 354 ? failure("no recipient was accepted") : go;
            }
            finish();
            return;
        }
        m_socket->write(body);
        expect([state, finish](const Reply &final) {
            state->delivery.reply = final;
            state->delivery.delivered = final.isPositive();
            finish();
        });
    };

    QByteArray mail = "MAIL FROM:<" + sender + '>';
    for (const QByteArray &parameter : mailParameters) {
        mail += ' ' + parameter;
    }
    const auto onMail = [state](const Reply &reply) {
        if (!reply.isPositive()) {
            state->mailFailed = true;
            state->delivery.reply = reply;
        }
    };

    if (hasExtension("PIPELINING")) {
        // RFC 2920: MAIL, every RCPT and DATA in one go; the replies come back in order.
        command(mail, onMail);
        for (const QString &recipient : recipients) {
            command("RCPT TO:<" + recipient.toUtf8() + '>',
                    [recipient, onRecipient](const Reply &answer) {
                        onRecipient(recipient, answer);
                    });
        }
        command(QByteArrayLiteral("DATA"), onData);
        return;
    }

    m_abandonSend = [weak = std::weak_ptr<State>(state)] {
        if (const auto abandoned = weak.lock()) {
            abandoned->nextRecipient = nullptr;
        }
    };
    state->nextRecipient = [this, state, recipients, onRecipient, onData, finish](qsizetype index) {
        if (index == recipients.size()) {
            if (state->accepted == 0) {
                reset([](const Reply &) {});
                finish();
                return;
            }
            command(QByteArrayLiteral("DATA"), onData);
            return;
        }
        const QString &recipient = recipients.at(index);
        command("RCPT TO:<" + recipient.toUtf8() + '>',
                [state, recipient, index, onRecipient, finish](const Reply &answer) {
                    if (answer.code == 0) {
                        state->delivery.reply = answer;
                        finish();
                        return;
                    }
                    onRecipient(recipient, answer);
                    if (state->nextRecipient) {
                        state->nextRecipient(index + 1);
                    }
                });
    };
    command(mail, [state, onMail, finish](const Reply &reply) {
        onMail(reply);
        if (state->mailFailed) {
            finish();
            return;
        }
        if (state->nextRecipient) {
            state->nextRecipient(0);
        }
    });
}

void SmtpClient::reset(const ReplyHandler &done)
{
    command(QByteArrayLiteral("RSET"), done);
}

void SmtpClient::quit()
{
    if (m_socket->state() == QAbstractSocket::ConnectedState) {
        command(QByteArrayLiteral("QUIT"),
                [this](const Reply &) { m_socket->disconnectFromHost(); });
    }
}

} // namespace Postern::Smtp
