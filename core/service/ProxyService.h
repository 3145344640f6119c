#pragma once

#include "core/policy/AccountsFile.h"

#include <QObject>
#include <QStringList>

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

    /** Starts (or restarts) a proxy for each account; returns the problems, one line each. */
    QStringList start();
    void stop();

    ActivityLog *activity() const { return m_activity; }

    const Policy::Configuration &configuration() const { return m_configuration; }

    QList<Smtp::SmtpProxy *> smtpProxies() const { return m_smtp; }

    QList<Imap::ImapProxy *> imapProxies() const { return m_imap; }

private:
    QString m_profileDirectory;
    Policy::AccountsFile m_file;
    Store::CertificateStore *m_store;
    ActivityLog *m_activity;
    Policy::Configuration m_configuration;
    QList<Smtp::SmtpProxy *> m_smtp;
    QList<Imap::ImapProxy *> m_imap;
    std::function<bool()> m_unlock;
};

} // namespace Postern::Service
