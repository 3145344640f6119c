#pragma once

#include "core/imap/MessageCache.h"
#include "core/policy/Account.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QSslConfiguration>
#include <QString>
#include <QThreadPool>

#include <functional>
#include <optional>

class QTcpServer;

namespace Postern {
class ActivityLog;
} // namespace Postern

namespace Postern::Store {
class CertificateStore;
} // namespace Postern::Store

namespace Postern::Imap {

struct ProxyLimits
{
    qsizetype maximumResponse = 512LL * 1024 * 1024; // one server response, literals included
    qint64 maximumLiteral = 100LL * 1024 * 1024;     // one literal a client sends (APPEND)
    qsizetype maximumCommandLine = qsizetype{64} * 1024;
    qsizetype cacheBudget = 128LL * 1024 * 1024; // decrypted messages kept in memory
    int connectTimeout = 30000;                  // milliseconds, to reach and greet upstream
    // Milliseconds the server may stay silent while it owes an answer; long commands keep
    // talking (Dovecot sends progress), so silence this long means a stalled server.
    int answerTimeout = 300000;
};

/**
 * An account's local IMAP proxy. The mail client reads through 127.0.0.1 (and ::1) on the
 * account's port; each client session gets its own upstream session. Sessions logged in as the
 * account see every encrypted message decrypted and, for invitations, rehydrated, with every
 * FETCH item describing that message; any other session is relayed untouched. The server's copy
 * of a message is never changed; what the client stores (APPEND) is encrypted to the account's
 * own certificate when the policy would encrypt it.
 */
class ImapProxy : public QObject
{
    Q_OBJECT

public:
    ImapProxy(Policy::Account account,
              Store::CertificateStore *store,
              ActivityLog *activity,
              QObject *parent = nullptr);
    ~ImapProxy() override;

    /** Listens on the loopback addresses only; false with @p error when a port is taken. */
    bool listen(QString *error);
    void close();

    quint16 port() const;

    const Policy::Account &account() const { return m_account; }

    void setLimits(const ProxyLimits &limits);

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

    MessageCache &cache() { return m_cache; }

    /**
     * Keeps decrypted messages in @p directory too, sealed under a key the store derives (see
     * DiskCache), at most @p budget bytes; an empty directory: memory only. The files of a
     * cache turned off stay; ProxyService removes them.
     */
    void setDiskCache(const QString &directory, qint64 budget);

    /** What sessions learned of a mailbox: which messages are encrypted, for every UID up to
     *  classifiedUpTo. A later session whose mailbox has no newer message needs no probe. */
    struct MailboxKnowledge
    {
        quint32 classifiedUpTo = 0;
        QHash<quint32, bool> encrypted;
        qsizetype encryptedCount = 0;
    };

    const MailboxKnowledge *knowledge(const QString &key) const;
    void learn(const QString &key, const MailboxKnowledge &knowledge);

    QThreadPool *workers() { return &m_workers; }

    /** Client sessions open now. */
    int sessionCount() const;

private:
    Policy::Account m_account;
    Store::CertificateStore *m_store;
    ActivityLog *m_activity;
    ProxyLimits m_limits;
    std::optional<QSslConfiguration> m_tls;
    std::function<bool()> m_unlock;
    QList<QTcpServer *> m_servers;
    MessageCache m_cache;
    QHash<QString, MailboxKnowledge> m_knowledge;
    QThreadPool m_workers;
};

/** The capabilities a client may see through the proxy: those it relays faithfully. */
QList<QByteArray> filterCapabilities(const QList<QByteArray> &capabilities);

} // namespace Postern::Imap
