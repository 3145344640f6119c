#pragma once

#include "core/base/Secret.h"
#include "core/policy/Account.h"

#include <QByteArray>
#include <QList>
#include <QMetaType>
#include <QObject>
#include <QSslCertificate>
#include <QSslError>
#include <QString>
#include <QStringList>

#include <chrono>
#include <memory>

class QLoggingCategory;
class QSslSocket;
class QTimer;

namespace Postern::Imap {
class ResponseReader;
struct Response;
} // namespace Postern::Imap

namespace Postern::Service {

/** What a connection test found: whether everything asked for worked, one sentence on the
 *  outcome (the first failure, when there is one), and each step tried, in order. */
struct ConnectionReport
{
    bool ok = false;
    QString summary;
    QStringList steps;
};

/**
 * The account editor's "test connection": connects to an account's IMAP or SMTP server the way
 * the proxies do (implicit TLS, STARTTLS, or plain text to a loopback host only; the
 * certificate verified with the system's roots and the account's CA certificates, see
 * upstreamTlsConfiguration()), reads the greeting, asks IMAP for CAPABILITY, upgrades with
 * STARTTLS, and with a password logs in (IMAP LOGIN, or SMTP EHLO and AUTH PLAIN), then says
 * goodbye. Each step and the first failure are described in plain words for someone who is not
 * an administrator. The password is never logged nor put into the report.
 *
 * One test per object: start() once; finished() is emitted exactly once, unless cancel() came
 * first, after which nothing is emitted. When the settings alone decide (plain text to a remote
 * host, no host), finished() comes before start() returns.
 */
class ConnectionTest : public QObject
{
    Q_OBJECT

public:
    enum class Protocol {
        Imap,
        Smtp,
    };

    ConnectionTest(Policy::Server server,
                   QList<QSslCertificate> extraRoots,
                   Protocol protocol,
                   QObject *parent = nullptr);
    ~ConnectionTest() override;

    /** Runs the test; an empty @p password tests the connection and TLS only. */
    void start(const QString &user, const QString &password);
    void cancel();

    /** How long each step (connecting, the TLS handshake, each answer) may take; 20 s unless
     *  set before start(). */
    void setStepTimeout(std::chrono::milliseconds timeout);

Q_SIGNALS:
    void finished(const Postern::Service::ConnectionReport &report);

private:
    enum class Stage {
        Idle,
        Connecting,
        Handshake,
        Greeting,
        Capability,
        StartTls,
        StartTlsHandshake,
        Ehlo,
        Login,
        Logout,
        Done,
    };

    void onConnected();
    void onEncrypted();
    void onReadyRead();
    void onSocketError();
    void onSslErrors(const QList<QSslError> &errors);
    void onTimeout();

    void readImap();
    void readSmtp();
    void imapResponse(const Imap::Response &response);
    void smtpReply(int code, const QList<QByteArray> &lines);

    void sendImap(const QByteArray &command, Stage stage);
    void sendImapLogin();
    void sendSmtp(const QByteArray &command, Stage stage);
    void afterImapCapability();
    void afterEhlo();
    void startTlsHandshake();

    void enter(Stage stage);
    void step(const QString &text);
    void succeed(const QString &summary);
    void fail(const QString &summary);
    void finish(bool ok, const QString &summary);

    QString stageText() const;
    QString certificateText() const;
    QString protocolName() const;
    const QLoggingCategory &category() const;

    Policy::Server m_server;
    QList<QSslCertificate> m_extraRoots;
    Protocol m_protocol;
    std::chrono::milliseconds m_stepTimeout{20000};

    QSslSocket *m_socket = nullptr;
    QTimer *m_timer = nullptr;
    std::unique_ptr<Imap::ResponseReader> m_imapReader;
    QByteArray m_smtpBuffer;
    QList<QByteArray> m_smtpLines;

    Stage m_stage = Stage::Idle;
    QByteArray m_user;
    Secret m_password;
    QList<QByteArray> m_capabilities; // IMAP capabilities or SMTP EHLO keywords, upper case
    QList<QByteArray> m_loginParts;   // IMAP LOGIN, cut where a literal waits for "+"
    int m_nextTag = 0;
    QByteArray m_tag;
    ConnectionReport m_report;
};

} // namespace Postern::Service

Q_DECLARE_METATYPE(Postern::Service::ConnectionReport)
