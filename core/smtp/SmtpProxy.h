#pragma once

#include "core/policy/Account.h"

#include <QList>
#include <QObject>
#include <QSslConfiguration>
#include <QString>

#include <functional>
#include <optional>

class QTcpServer;

namespace Postern {
class ActivityLog;
} // namespace Postern

namespace Postern::Store {
class CertificateStore;
} // namespace Postern::Store

namespace Postern::Smtp {

struct ProxyLimits
{
    qint64 maximumMessageSize = 50LL * 1024 * 1024; // advertised with SIZE (RFC 1870)
    int maximumRecipients = 1000;
    qsizetype maximumCommandLine = 2048; // RFC 5321 asks for at least 512
};

/**
 * An account's local SMTP proxy: the mail client submits to 127.0.0.1 (and ::1) on the
 * account's port; each message is decided by the account's policy, built by the S/MIME engine
 * and relayed to the real server over one upstream session per client session. The client is
 * told 250 only once the upstream server accepted everything; a refusal of the policy is a 5xx
 * that names the reason, and an upstream that fails temporarily is a 4xx, so the client keeps
 * the message and tries again.
 */
class SmtpProxy : public QObject
{
    Q_OBJECT

public:
    SmtpProxy(Policy::Account account,
              Store::CertificateStore *store,
              ActivityLog *activity,
              QObject *parent = nullptr);
    ~SmtpProxy() override;

    /** Listens on the loopback addresses only; false with @p error when the port is taken. */
    bool listen(QString *error);
    void close();

    /**
     * Stops taking connections and lets every session finish the message it is in the middle
     * of (from MAIL FROM until the client has heard whether the real server took it); the other
     * sessions are told 421 and closed at once, and each busy one after its message. drained()
     * follows when the last session has ended. Deleting the proxy ends the rest with 421.
     */
    void drain();

    bool isDraining() const { return m_draining; }

    /** Client sessions open now. */
    int sessionCount() const { return static_cast<int>(m_sessions.size()); }

    quint16 port() const;

    const Policy::Account &account() const { return m_account; }

    void setLimits(const ProxyLimits &limits) { m_limits = limits; }

    const ProxyLimits &limits() const { return m_limits; }

    /** Offers STARTTLS, and serves the account's implicit-TLS port, with this configuration. */
    void setTlsConfiguration(const std::optional<QSslConfiguration> &configuration)
    {
        m_tls = configuration;
    }

    const std::optional<QSslConfiguration> &tlsConfiguration() const { return m_tls; }

    Store::CertificateStore *store() const { return m_store; }

    void setUnlocker(std::function<bool()> unlock) { m_unlock = std::move(unlock); }

    const std::function<bool()> &unlocker() const { return m_unlock; }

    ActivityLog *activity() const { return m_activity; }

Q_SIGNALS:
    /** After drain(), the last session has ended. */
    void drained();

private:
    void sessionEnded(QObject *session);

    Policy::Account m_account;
    Store::CertificateStore *m_store;
    ActivityLog *m_activity;
    ProxyLimits m_limits;
    std::optional<QSslConfiguration> m_tls;
    std::function<bool()> m_unlock;
    QList<QTcpServer *> m_servers;
    QList<QObject *> m_sessions; // the Session objects, children of this proxy
    bool m_draining = false;
};

} // namespace Postern::Smtp
