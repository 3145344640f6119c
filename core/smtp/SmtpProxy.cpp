#include "SmtpProxy.h"

#include "core/activity/ActivityLog.h"
#include "core/base/Logging.h"
#include "core/base/Secret.h"
#include "core/policy/MessageFacts.h"
#include "core/service/LoopbackServer.h"
#include "core/smtp/Outgoing.h"
#include "core/smtp/SmtpClient.h"

#include <QPointer>
#include <QSslCertificate>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <chrono>
#include <utility>

namespace Postern::Smtp {

namespace {

QList<QSslCertificate> rootsOf(const Policy::Account &account)
{
    QList<QSslCertificate> roots;
    for (const QString &pem : account.caCertificates) {
        roots += QSslCertificate::fromData(pem.toLatin1(), QSsl::Pem);
    }
    return roots;
}

// "<address> PARAM=VALUE..." after "MAIL FROM:" or "RCPT TO:".
bool parsePath(const QByteArray &argument, QByteArray &address, QList<QByteArray> &parameters)
{
    const QByteArray text = argument.trimmed();
    if (!text.startsWith('<')) {
        return false;
    }
    const auto close = text.indexOf('>');
    if (close < 0) {
        return false;
    }
    address = text.mid(1, close - 1).trimmed();
    // A source route (RFC 5321 4.1.2) is accepted and ignored.
    if (address.startsWith('@')) {
        const auto colon = address.indexOf(':');
        address = colon < 0 ? QByteArray() : address.mid(colon + 1);
    }
    parameters.clear();
    for (const QByteArray &parameter : text.mid(close + 1).split(' ')) {
        if (!parameter.isEmpty()) {
            parameters.append(parameter);
        }
    }
    return true;
}

// Strict: a client that sends something that is not base64 gets told, rather than an empty or
// garbled name being passed on (RFC 4954 4).
std::optional<QByteArray> base64(const QByteArray &text)
{
    const auto decoded =
            QByteArray::fromBase64Encoding(text.trimmed(), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded) {
        return std::nullopt;
    }
    return *decoded;
}

using Service::LoopbackServer;

/** One mail client's connection, and its upstream session. */
class Session : public QObject
{
public:
    Session(QTcpSocket *socket, SmtpProxy *proxy)
        : QObject(proxy)
        , m_proxy(proxy)
        , m_account(proxy->account())
        , m_limits(proxy->limits())
        , m_socket(socket)
        , m_upstream(new SmtpClient(m_account.smtp, rootsOf(m_account), this))
        , m_tag(QStringLiteral("%1#%2").arg(m_account.name).arg(++sessionCounter))
    {
        m_socket->setParent(this);
        connect(m_socket, &QTcpSocket::readyRead, this, &Session::onReadyRead);
        if (auto *tls = qobject_cast<QSslSocket *>(m_socket)) {
            connect(tls, &QSslSocket::sslErrors, this,
                    [tls](const QList<QSslError> &) { tls->abort(); });
        }
        connect(m_socket, &QTcpSocket::disconnected, this, [this] {
            m_clientGone = true;
            m_upstream->quit();
            // While the policy runs, a passphrase question may spin a nested event loop; the
            // session must outlive that call, and ends right after it.
            if (!m_preparing) {
                deleteLater();
            }
        });
        m_busy = true;
        m_upstream->open([this](const Reply &reply) {
            if (!reply.isPositive()) {
                qCWarning(lcSmtp).noquote() << m_tag << ": upstream unavailable:" << reply.text();
                write(421, "4.4.1",
                      "Postern cannot reach " + m_account.smtp.host.toUtf8() + ": " + reply.text());
                m_socket->disconnectFromHost();
                return;
            }
            write(220, QByteArray(),
                  "127.0.0.1 Postern ESMTP ready for " + m_account.name.toUtf8());
            m_busy = false;
            process();
        });
    }

    /** The proxy stops (Postern stops, or the account changed): no new message, and the
     *  session ends once the one it is in the middle of (if any) is through. */
    void drain()
    {
        m_draining = true;
        endIfIdle();
    }

    /** The proxy is going away before this session finished: the client hears why, and keeps
     *  any message it has not been told 250 for. */
    void stopping()
    {
        if (m_ending || m_socket->state() != QAbstractSocket::ConnectedState) {
            return;
        }
        if (m_inTransaction) {
            qCWarning(lcSmtp).noquote() << m_tag << ": ended before its message was relayed";
        }
        m_ending = true;
        write(421, "4.3.2",
              "Postern is stopping or reloading this account; the message was not sent, try "
              "again later");
        m_socket->flush();
    }

private:
    enum class Stage {
        Command,
        AuthPlain,
        AuthLoginUser,
        AuthLoginPassword,
        Data,
    };

    void write(int code, const QByteArray &status, const QByteArray &text)
    {
        QByteArray line = QByteArray::number(code) + ' ';
        if (!status.isEmpty()) {
            line += status + ' ';
        }
        QByteArray clean = text;
        clean.replace('\r', ' ').replace('\n', ' ');
        // RFC 5321 4.5.3.1.5: a reply line is at most 512 octets.
        constexpr qsizetype room = 480;
        if (clean.size() > room) {
            clean = clean.left(room - 4) + " ...";
        }
        m_socket->write(line + clean + "\r\n");
    }

    void writeLines(int code, const QList<QByteArray> &lines)
    {
        QByteArray out;
        for (qsizetype index = 0; index < lines.size(); ++index) {
            out += QByteArray::number(code) + (index + 1 < lines.size() ? '-' : ' ')
                   + lines.at(index) + "\r\n";
        }
        m_socket->write(out);
    }

    void onReadyRead()
    {
        m_input += m_socket->readAll();
        process();
    }

    void process()
    {
        processLines();
        if (m_draining && !m_awaitingQuit) {
            endIfIdle();
        }
    }

    // A draining session ends as soon as it holds no message: not while one is being received,
    // decided or relayed, nor while it waits for the real server.
    void endIfIdle()
    {
        if (m_ending || m_busy || m_preparing || m_inTransaction || m_stage == Stage::Data
            || m_socket->state() != QAbstractSocket::ConnectedState) {
            return;
        }
        endForShutdown();
    }

    // RFC 5321 3.8: a server that is shut down sends 421 before it closes the connection.
    void endForShutdown()
    {
        qCInfo(lcSmtp).noquote() << m_tag << ": ended: the proxy stops";
        m_ending = true;
        m_busy = true;
        write(421, "4.3.2", "Postern is stopping or reloading this account, try again later");
        m_socket->disconnectFromHost();
    }

    void processLines()
    {
        while (!m_busy) {
            const auto end = m_input.indexOf('\n');
            const qsizetype limit =
                    m_stage == Stage::Data ? maximumDataLine : m_limits.maximumCommandLine;
            if (end < 0) {
                if (m_discardingLine) {
                    m_input.clear();
                } else if (m_input.size() > limit) {
                    overlongLine();
                }
                return;
            }
            QByteArray line = m_input.left(end);
            m_input.remove(0, end + 1);
            if (line.endsWith('\r')) {
                line.chop(1);
            }
            if (m_discardingLine) {
                m_discardingLine = false;
                continue;
            }
            if (line.size() > limit) {
                // The same answer however the bytes were split into segments: one reply per
                // overlong line, and nothing of it runs.
                if (m_stage == Stage::Data) {
                    m_dataTooLong = true;
                } else {
                    m_stage = Stage::Command;
                    write(500, "5.5.2", "line too long");
                }
                continue;
            }
            handle(line);
        }
    }

    void overlongLine()
    {
        m_input.clear();
        m_discardingLine = true;
        if (m_stage == Stage::Data) {
            m_dataTooLong = true;
            return;
        }
        m_stage = Stage::Command;
        write(500, "5.5.2", "line too long");
    }

    void handle(const QByteArray &line)
    {
        switch (m_stage) {
        case Stage::Data:
            dataLine(line);
            return;
        case Stage::AuthPlain:
            m_stage = Stage::Command;
            authPlain(line);
            return;
        case Stage::AuthLoginUser:
            if (line == "*") {
                m_stage = Stage::Command;
                write(501, "5.7.0", "authentication cancelled");
                return;
            }
            if (const auto user = base64(line); user && !user->isEmpty()) {
                m_user = *user;
                m_stage = Stage::AuthLoginPassword;
                write(334, QByteArray(), "UGFzc3dvcmQ6");
            } else {
                m_stage = Stage::Command;
                write(501, "5.5.2", "the user name is not valid base64");
            }
            return;
        case Stage::AuthLoginPassword:
            m_stage = Stage::Command;
            if (line == "*") {
                write(501, "5.7.0", "authentication cancelled");
                return;
            }
            if (auto password = base64(line)) {
                login(m_user, Secret(std::move(*password)));
            } else {
                write(501, "5.5.2", "the password is not valid base64");
            }
            return;
        case Stage::Command:
            break;
        }

        const auto space = line.indexOf(' ');
        const QByteArray verb = (space < 0 ? line : line.left(space)).toUpper();
        const QByteArray argument = space < 0 ? QByteArray() : line.mid(space + 1);
        if (verb != "AUTH") {
            qCDebug(lcSmtp).noquote() << m_tag << "client:" << line.left(200);
        }
        if (m_draining && !m_inTransaction && verb != "QUIT") {
            // A client that pipelined its next message after the last one is told to come back.
            endForShutdown();
            return;
        }

        if (verb == "EHLO" || verb == "HELO") {
            if (argument.trimmed().isEmpty()) {
                write(501, "5.5.4", verb + " needs a domain");
                return;
            }
            m_greeted = true;
            resetTransaction();
            if (verb == "HELO") {
                write(250, QByteArray(), "127.0.0.1 Postern");
                return;
            }
            QList<QByteArray> lines = {"127.0.0.1 Postern",
                                       "PIPELINING",
                                       "8BITMIME",
                                       "SIZE " + QByteArray::number(m_limits.maximumMessageSize),
                                       "ENHANCEDSTATUSCODES",
                                       "AUTH PLAIN LOGIN"};
            if (canStartTls()) {
                lines.append("STARTTLS");
            }
            if (m_upstream->hasExtension("SMTPUTF8")) {
                lines.append("SMTPUTF8");
            }
            lines.append("HELP");
            writeLines(250, lines);
            return;
        }
        if (verb == "AUTH") {
            auth(argument);
            return;
        }
        if (verb == "MAIL") {
            mailFrom(argument);
            return;
        }
        if (verb == "RCPT") {
            rcptTo(argument);
            return;
        }
        if (verb == "DATA") {
            if (!m_inTransaction) {
                write(503, "5.5.1", "MAIL FROM first");
            } else if (m_recipients.isEmpty()) {
                write(554, "5.5.1", "no valid recipients");
            } else {
                m_stage = Stage::Data;
                m_data.clear();
                m_dataTooBig = false;
                m_dataTooLong = false;
                write(354, QByteArray(), "end data with <CR><LF>.<CR><LF>");
            }
            return;
        }
        if (verb == "RSET") {
            resetTransaction();
            write(250, "2.0.0", "reset");
            return;
        }
        if (verb == "NOOP") {
            write(250, "2.0.0", "OK");
            return;
        }
        if (verb == "VRFY" || verb == "EXPN") {
            write(502, "5.5.1", verb + " is not offered");
            return;
        }
        if (verb == "HELP") {
            write(214, "2.0.0",
                  "Postern relays for " + m_account.name.toUtf8()
                          + "; see https://www.rfc-editor.org/rfc/rfc5321");
            return;
        }
        if (verb == "QUIT") {
            write(221, "2.0.0", "bye");
            m_busy = true;
            m_socket->disconnectFromHost();
            return;
        }
        if (verb == "STARTTLS") {
            startTls();
            return;
        }
        write(500, "5.5.2", "command not recognised");
    }

    bool canStartTls() const
    {
        auto *tls = qobject_cast<QSslSocket *>(m_socket);
        return m_proxy->tlsConfiguration().has_value() && tls != nullptr && !tls->isEncrypted()
               && tls->mode() == QSslSocket::UnencryptedMode;
    }

    void startTls()
    {
        if (!canStartTls()) {
            write(502, "5.5.1", "STARTTLS is not offered here");
            return;
        }
        if (m_inTransaction) {
            write(503, "5.5.1", "not during a mail transaction");
            return;
        }
        write(220, "2.0.0", "ready to start TLS");
        // Whatever followed STARTTLS in the clear must not count once encrypted (RFC 3207 6).
        m_input.clear();
        m_greeted = false;
        m_authenticated = false;
        qobject_cast<QSslSocket *>(m_socket)->startServerEncryption();
    }

    void auth(const QByteArray &argument)
    {
        if (!m_greeted) {
            write(503, "5.5.1", "EHLO first");
            return;
        }
        if (m_authenticated) {
            write(503, "5.5.1", "already authenticated");
            return;
        }
        if (m_inTransaction) {
            write(503, "5.5.1", "not during a mail transaction");
            return;
        }
        const QList<QByteArray> words = argument.trimmed().split(' ');
        const QByteArray mechanism = words.value(0).toUpper();
        const QByteArray initial = words.value(1);
        if (mechanism == "PLAIN") {
            if (initial.isEmpty()) {
                m_stage = Stage::AuthPlain;
                write(334, QByteArray(), QByteArray());
                return;
            }
            authPlain(initial);
            return;
        }
        if (mechanism == "LOGIN") {
            if (initial.isEmpty()) {
                m_stage = Stage::AuthLoginUser;
                write(334, QByteArray(), "VXNlcm5hbWU6");
                return;
            }
            const auto user = base64(initial);
            if (!user || user->isEmpty()) {
                write(501, "5.5.2", "the user name is not valid base64");
                return;
            }
            m_user = *user;
            m_stage = Stage::AuthLoginPassword;
            write(334, QByteArray(), "UGFzc3dvcmQ6");
            return;
        }
        write(504, "5.5.4", "unrecognised authentication mechanism");
    }

    void authPlain(const QByteArray &token)
    {
        if (token == "*") {
            write(501, "5.7.0", "authentication cancelled");
            return;
        }
        const auto decoded = base64(token);
        const QList<QByteArray> parts = decoded ? decoded->split('\0') : QList<QByteArray>();
        if (parts.size() != 3 || parts.at(1).isEmpty()) {
            write(501, "5.5.2", "malformed AUTH PLAIN response");
            return;
        }
        login(parts.at(1), Secret(parts.at(2)));
    }

    void login(const QByteArray &user, const Secret &password)
    {
        const QString name = QString::fromUtf8(user);
        if (name.contains(QLatin1Char('@')) && !m_account.hasAddress(name)) {
            write(535, "5.7.8",
                  user + " is not an address of the account " + m_account.name.toUtf8());
            return;
        }
        if (!m_upstream->hasExtension("AUTH")) {
            // The upstream server asks for no login (a loopback relay, say); nothing to check.
            m_authenticated = true;
            write(235, "2.7.0", "authenticated");
            return;
        }
        m_busy = true;
        m_user = user;
        m_password = Secret(QByteArray(password.bytes()));
        m_upstream->authenticate(user, password, [this](const Reply &reply) {
            m_busy = false;
            if (reply.code == 235) {
                m_authenticated = true;
                write(235, "2.7.0", "authenticated upstream");
            } else if (reply.code == 0) {
                m_password = Secret();
                write(454, "4.7.0", "upstream authentication failed: " + reply.text());
            } else {
                m_password = Secret();
                write(reply.code,
                      enhancedStatus(reply).isEmpty() ? QByteArray("5.7.8") : QByteArray(),
                      reply.text());
            }
            process();
        });
    }

    void mailFrom(const QByteArray &argument)
    {
        if (!m_greeted) {
            write(503, "5.5.1", "EHLO first");
            return;
        }
        if (m_inTransaction) {
            write(503, "5.5.1", "nested MAIL command");
            return;
        }
        if (!m_authenticated && m_upstream->hasExtension("AUTH")) {
            // The real server wants a login; asking for it now saves encrypting a message
            // that would be refused after DATA (RFC 4954 6).
            write(530, "5.7.0", "authentication required");
            return;
        }
        if (!argument.toUpper().startsWith("FROM:")) {
            write(501, "5.5.4", "syntax: MAIL FROM:<address>");
            return;
        }
        QByteArray address;
        QList<QByteArray> parameters;
        if (!parsePath(argument.mid(5), address, parameters)) {
            write(501, "5.1.7", "bad sender address syntax");
            return;
        }
        const QString sender = QString::fromUtf8(address);
        if (sender.isEmpty()) {
            write(553, "5.1.7", "a mail client's message needs a sender address");
            return;
        }
        if (!m_account.hasAddress(sender)) {
            write(553, "5.7.1",
                  address + " is not an address of the account " + m_account.name.toUtf8());
            return;
        }
        m_mailParameters.clear();
        for (const QByteArray &parameter : std::as_const(parameters)) {
            const QByteArray upper = parameter.toUpper();
            if (upper.startsWith("SIZE=")) {
                bool ok = false;
                const qint64 size = parameter.mid(5).toLongLong(&ok);
                if (!ok || size < 0) {
                    write(501, "5.5.4", "SIZE needs a number of bytes");
                    return;
                }
                if (size > m_limits.maximumMessageSize) {
                    write(552, "5.3.4", "message size exceeds the limit");
                    return;
                }
            } else if (upper == "BODY=8BITMIME" || upper == "BODY=7BIT" || upper == "SMTPUTF8") {
                m_mailParameters.append(upper);
            } else {
                write(555, "5.5.4", "MAIL parameter not recognised: " + parameter.left(40));
                return;
            }
        }
        m_sender = address;
        m_inTransaction = true;
        write(250, "2.1.0", "sender OK");
    }

    void rcptTo(const QByteArray &argument)
    {
        if (!m_inTransaction) {
            write(503, "5.5.1", "MAIL FROM first");
            return;
        }
        if (!argument.toUpper().startsWith("TO:")) {
            write(501, "5.5.4", "syntax: RCPT TO:<address>");
            return;
        }
        QByteArray address;
        QList<QByteArray> parameters;
        if (!parsePath(argument.mid(3), address, parameters) || !address.contains('@')) {
            write(501, "5.1.3", "bad recipient address syntax");
            return;
        }
        if (!parameters.isEmpty()) {
            // DSN (NOTIFY, ORCPT) is not offered, so a client has no reason to send any.
            write(555, "5.5.4",
                  "RCPT parameter not recognised: " + parameters.constFirst().left(40));
            return;
        }
        if (m_recipients.size() >= m_limits.maximumRecipients) {
            write(452, "4.5.3", "too many recipients");
            return;
        }
        const QString recipient = QString::fromUtf8(address);
        if (!m_recipients.contains(recipient)) {
            m_recipients.append(recipient);
        }
        write(250, "2.1.5", "recipient OK");
    }

    void dataLine(const QByteArray &line)
    {
        if (line == ".") {
            m_stage = Stage::Command;
            finishData();
            return;
        }
        if (m_dataTooBig || m_dataTooLong) {
            return;
        }
        const QByteArray content = line.startsWith('.') ? line.mid(1) : line;
        if (m_data.size() + content.size() + 2 > m_limits.maximumMessageSize) {
            m_dataTooBig = true;
            m_data.clear();
            return;
        }
        m_data += content;
        m_data += "\r\n";
    }

    void finishData()
    {
        if (m_dataTooBig) {
            resetTransaction();
            write(552, "5.3.4", "message size exceeds the limit");
            return;
        }
        if (m_dataTooLong) {
            resetTransaction();
            write(500, "5.5.2", "a line of the message is too long");
            return;
        }
        Policy::Envelope envelope;
        envelope.sender = QString::fromUtf8(m_sender);
        envelope.recipients = m_recipients;

        m_busy = true;
        m_preparing = true;
        Outgoing outgoing = prepareOutgoing(m_data, envelope, m_account, *m_proxy->store(),
                                            m_proxy->unlocker());
        m_preparing = false;
        m_data.clear();
        if (m_clientGone) {
            // No one is left to tell whether it was sent, and the client will send it again.
            deleteLater();
            return;
        }

        ActivityEvent event;
        event.account = m_account.name;
        event.direction = QStringLiteral("outgoing");
        event.sender = envelope.sender;
        event.recipients = m_recipients;
        event.subject = outgoing.subject;
        event.action = Policy::toString(outgoing.decision.action);
        event.convertedInvitation = outgoing.decision.convertInvitation;
        event.rule = outgoing.decision.rule;

        if (outgoing.refusal) {
            const Refusal &refusal = *outgoing.refusal;
            event.result =
                    refusal.code < 500 ? QStringLiteral("deferred") : QStringLiteral("refused");
            event.detail = refusal.text;
            record(event);
            write(refusal.code, refusal.status, refusal.text.toUtf8());
            finishTransaction();
            return;
        }
        m_copies = outgoing.copies;
        m_event = event;
        m_delivered.clear();
        deliverNext();
    }

    void deliverNext()
    {
        if (m_copies.isEmpty()) {
            m_event.result = QStringLiteral("delivered");
            m_event.detail = m_lastReply;
            record(m_event);
            write(250, "2.0.0", "delivered upstream: " + m_lastReply.toUtf8());
            finishTransaction();
            return;
        }
        if (!m_upstream->isOpen()) {
            reopenUpstream();
            return;
        }
        const Copy copy = m_copies.takeFirst();
        QList<QByteArray> parameters;
        for (const QByteArray &parameter : std::as_const(m_mailParameters)) {
            const bool passes = parameter == "SMTPUTF8" ? m_upstream->hasExtension("SMTPUTF8")
                                                        : (parameter.startsWith("BODY=")
                                                           && copy.kind == Copy::Kind::Clear
                                                           && m_upstream->hasExtension("8BITMIME"));
            if (passes) {
                parameters.append(parameter);
            }
        }
        if (m_upstream->hasExtension("SIZE")) {
            parameters.append("SIZE=" + QByteArray::number(copy.message.size()));
        }
        m_upstream->send(m_sender, parameters, copy.recipients, copy.message,
                         [this, copy](const Delivery &delivery) {
                             if (!delivery.delivered) {
                                 failDelivery(copy, delivery);
                                 return;
                             }
                             m_delivered += copy.recipients;
                             m_lastReply = QString::fromUtf8(delivery.reply.text());
                             deliverNext();
                         });
    }

    void reopenUpstream()
    {
        m_upstream->deleteLater();
        m_upstream = new SmtpClient(m_account.smtp, rootsOf(m_account), this);
        m_upstream->open([this](const Reply &reply) {
            if (!reply.isPositive()) {
                failDelivery(Copy{}, Delivery{false, reply, {}});
                return;
            }
            if (!m_authenticated || !m_upstream->hasExtension("AUTH") || m_user.isEmpty()) {
                deliverNext();
                return;
            }
            m_upstream->authenticate(m_user, m_password, [this](const Reply &auth) {
                if (auth.code != 235) {
                    failDelivery(Copy{}, Delivery{false, auth, {}});
                    return;
                }
                deliverNext();
            });
        });
    }

    void failDelivery(const Copy &copy, const Delivery &delivery)
    {
        m_copies.clear();
        const Reply &reply = delivery.reply;
        QByteArray text = reply.text();
        if (!copy.recipients.isEmpty() && !delivery.refusedRecipients.isEmpty()) {
            text = "refused upstream for "
                   + delivery.refusedRecipients.join(QStringLiteral(", ")).toUtf8() + ": " + text;
        }
        if (!m_delivered.isEmpty()) {
            text += " (already delivered to " + m_delivered.join(QStringLiteral(", ")).toUtf8()
                    + ")";
        }
        m_event.detail = QString::fromUtf8(text);
        if (reply.isTransient()) {
            m_event.result = QStringLiteral("deferred");
            record(m_event);
            write(451,
                  reply.code == 0                   ? QByteArray("4.4.2")
                  : enhancedStatus(reply).isEmpty() ? QByteArray("4.3.0")
                                                    : QByteArray(),
                  reply.code == 0 ? "upstream failed, nothing lost, try again: " + text : text);
        } else {
            m_event.result = QStringLiteral("refused");
            record(m_event);
            write(reply.code, enhancedStatus(reply).isEmpty() ? QByteArray("5.0.0") : QByteArray(),
                  text);
        }
        finishTransaction();
    }

    void record(const ActivityEvent &event)
    {
        qCInfo(lcSmtp).noquote() << m_tag << "message for" << event.recipients.size()
                                 << "recipient(s):" << event.action << "->" << event.result;
        if (m_proxy->activity() != nullptr) {
            m_proxy->activity()->record(event);
        }
    }

    void finishTransaction()
    {
        resetTransaction();
        m_busy = false;
        if (m_draining) {
            // Most clients say QUIT right after the reply to their message; they hear 221, not
            // 421, if it comes soon. Any other command is answered 421 (see handle()).
            m_awaitingQuit = true;
            QTimer::singleShot(quitWait, this, [this] {
                m_awaitingQuit = false;
                endIfIdle();
            });
        }
        // The next command may already be waiting (PIPELINING).
        QMetaObject::invokeMethod(
                this, [this] { process(); }, Qt::QueuedConnection);
    }

    void resetTransaction()
    {
        m_inTransaction = false;
        m_sender.clear();
        m_recipients.clear();
        m_mailParameters.clear();
        m_data.clear();
        m_copies.clear();
        m_lastReply.clear();
    }

    // Lines of a message longer than this (RFC 5321 allows 1000) are refused rather than kept.
    static constexpr qsizetype maximumDataLine = 64LL * 1024;

    // How long a draining session waits for QUIT after the reply to its last message.
    static constexpr std::chrono::milliseconds quitWait{1000};

    static inline quint64 sessionCounter = 0; // only touched on the proxy's thread

    SmtpProxy *m_proxy;
    Policy::Account m_account;
    ProxyLimits m_limits;
    QTcpSocket *m_socket;
    SmtpClient *m_upstream;
    QString m_tag; // names the session in the log: account and a running number
    QByteArray m_input;
    Stage m_stage = Stage::Command;
    bool m_busy = false;
    bool m_preparing = false;
    bool m_clientGone = false;
    bool m_draining = false;
    bool m_ending = false; // 421 sent, the connection is closing
    bool m_awaitingQuit = false;
    bool m_greeted = false;
    bool m_authenticated = false;
    bool m_discardingLine = false;
    bool m_inTransaction = false;
    bool m_dataTooBig = false;
    bool m_dataTooLong = false;
    QByteArray m_user;
    Secret m_password;
    QByteArray m_sender;
    QStringList m_recipients;
    QList<QByteArray> m_mailParameters;
    QByteArray m_data;
    QList<Copy> m_copies;
    QStringList m_delivered;
    QString m_lastReply;
    ActivityEvent m_event;
};

} // namespace

SmtpProxy::SmtpProxy(Policy::Account account,
                     Store::CertificateStore *store,
                     ActivityLog *activity,
                     QObject *parent)
    : QObject(parent)
    , m_account(std::move(account))
    , m_store(store)
    , m_activity(activity)
{
}

SmtpProxy::~SmtpProxy()
{
    close();
    const QList<QObject *> sessions = std::exchange(m_sessions, {});
    for (QObject *session : sessions) {
        disconnect(session, nullptr, this, nullptr);
        static_cast<Session *>(session)->stopping();
    }
    qDeleteAll(sessions);
}

bool SmtpProxy::listen(QString *error)
{
    close();
    QList<std::pair<quint16, bool>> ports = {{m_account.smtpListen, false}};
    if (m_account.smtpListenTls != 0) {
        if (!m_tls) {
            if (error != nullptr) {
                *error = QStringLiteral("no TLS certificate for the implicit-TLS port %1 of %2")
                                 .arg(m_account.smtpListenTls)
                                 .arg(m_account.name);
            }
            return false;
        }
        ports.append({m_account.smtpListenTls, true});
    }
    for (const auto &[port, implicitTls] : std::as_const(ports)) {
        for (const QHostAddress &address :
             {QHostAddress(QHostAddress::LocalHost), QHostAddress(QHostAddress::LocalHostIPv6)}) {
            auto *server = new LoopbackServer(m_tls, implicitTls, this);
            if (!server->listen(address, port)) {
                const QString why = server->errorString();
                delete server;
                if (address == QHostAddress(QHostAddress::LocalHostIPv6)) {
                    // Machines without IPv6 loopback still serve on 127.0.0.1.
                    qCInfo(lcSmtp).noquote() << "not listening on [::1]:" << port << why;
                    continue;
                }
                if (error != nullptr) {
                    *error = QStringLiteral("cannot listen on 127.0.0.1:%1 for %2: %3")
                                     .arg(port)
                                     .arg(m_account.name, why);
                }
                close();
                return false;
            }
            connect(server, &QTcpServer::newConnection, this, [this, server] {
                while (QTcpSocket *socket = server->nextPendingConnection()) {
                    auto *session = new Session(socket, this);
                    m_sessions.append(session);
                    connect(session, &QObject::destroyed, this, &SmtpProxy::sessionEnded);
                }
            });
            m_servers.append(server);
        }
    }
    QString listening = QStringLiteral("127.0.0.1:%1").arg(m_account.smtpListen);
    if (m_account.smtpListenTls != 0) {
        listening += QStringLiteral(" and %1 (TLS)").arg(m_account.smtpListenTls);
    }
    qCInfo(lcSmtp).noquote() << "SMTP proxy for" << m_account.name << "on" << listening << "->"
                             << m_account.smtp.display();
    return true;
}

void SmtpProxy::close()
{
    qDeleteAll(m_servers);
    m_servers.clear();
}

void SmtpProxy::drain()
{
    close();
    m_draining = true;
    qCInfo(lcSmtp).noquote() << "SMTP proxy for" << m_account.name << "stops taking connections;"
                             << m_sessions.size() << "session(s) open";
    const QList<QObject *> sessions = m_sessions;
    for (QObject *session : sessions) {
        static_cast<Session *>(session)->drain();
    }
}

void SmtpProxy::sessionEnded(QObject *session)
{
    m_sessions.removeOne(session);
    if (m_draining && m_sessions.isEmpty()) {
        Q_EMIT drained();
    }
}

quint16 SmtpProxy::port() const
{
    return m_servers.isEmpty() ? 0 : m_servers.constFirst()->serverPort();
}

} // namespace Postern::Smtp
