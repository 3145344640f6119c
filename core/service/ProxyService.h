#pragma once

#include "core/policy/AccountsFile.h"

#include <QObject>
#include <QStringList>

#include <chrono>
#include <functional>
#include <memory>

namespace Postern {
class ActivityLog;
} // namespace Postern

namespace Postern::Store {
class CertificateStore;
} // namespace Postern::Store

namespace Postern::Smtp {
class SmtpProxy;
} // namespace Postern::Smtp

namespace Postern::Imap {
class ImapProxy;
} // namespace Postern::Imap

namespace Postern::Service {

/**
 * The proxies of every configured account, as the window and `postern --headless` run them.
 * Reloading re-reads the accounts file; a broken file keeps the last good accounts running and
 * says why, as AccountsFile does.
 *
 * An SMTP proxy that goes away (its account changed or was removed, or Postern stops) first
 * lets its sessions finish the messages they are relaying, for at most the grace period, so a
 * client is never cut off between DATA and the reply it waits for without need.
 */
class ProxyService : public QObject
{
    Q_OBJECT

public:
    ProxyService(const QString &profileDirectory,
                 Store::CertificateStore *store,
                 QObject *parent = nullptr);
    ~ProxyService() override;

    /** How the proxies unlock the store again after its unlock timeout, without asking. */
    void setUnlocker(std::function<bool()> unlock) { m_unlock = std::move(unlock); }

    /** How long a retiring SMTP proxy may go on relaying messages in flight (default 30 s). */
    void setGracePeriod(std::chrono::milliseconds grace) { m_grace = grace; }

    std::chrono::milliseconds gracePeriod() const { return m_grace; }

    /** Starts (or restarts) a proxy for each account; returns the problems, one line each. */
    QStringList start();

    /**
     * Stops serving gracefully: every port is closed at once; IMAP sessions end with BYE (a
     * client reconnects and loses nothing); SMTP sessions finish the message they are in the
     * middle of and then end with 421. drained() follows when none is left, at the latest after
     * the grace period, when the rest are ended with 421 and their messages stay with the client.
     */
    void drain();

    bool isDraining() const { return m_draining; }

    /**
     * Gives the IMAP proxies the message cache on disk the store settings ask for, under the
     * profile's `cache/imap`, and deletes what no proxy may read any more. start() does this;
     * call it again after the settings changed.
     */
    void applyDiskCache();

    /** Stops every proxy at once. */
    void stop();

    ActivityLog *activity() const { return m_activity; }

    const Policy::Configuration &configuration() const { return m_configuration; }

    QList<Smtp::SmtpProxy *> smtpProxies() const { return m_smtp; }

    QList<Imap::ImapProxy *> imapProxies() const { return m_imap; }

Q_SIGNALS:
    /** After drain(), every SMTP session has ended. */
    void drained();

private:
    QString diskCacheDirectory(const Policy::Account &account) const;
    void retire(Smtp::SmtpProxy *proxy);
    void retired(Smtp::SmtpProxy *proxy);

    QString m_profileDirectory;
    Policy::AccountsFile m_file;
    Store::CertificateStore *m_store;
    ActivityLog *m_activity;
    Policy::Configuration m_configuration;
    QList<Smtp::SmtpProxy *> m_smtp;
    QList<Imap::ImapProxy *> m_imap;
    QList<Smtp::SmtpProxy *> m_retiring; // draining, no longer serving an account
    std::function<bool()> m_unlock;
    std::chrono::milliseconds m_grace = std::chrono::seconds(30);
    bool m_draining = false;
};

} // namespace Postern::Service
