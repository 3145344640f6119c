#include "ProxyService.h"

#include "core/activity/ActivityLog.h"
#include "core/base/Logging.h"
#include "core/imap/DiskCache.h"
#include "core/imap/ImapProxy.h"
#include "core/service/LoopbackTls.h"
#include "core/smtp/SmtpProxy.h"
#include "core/store/StoreSettings.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QTimer>

#include <utility>

namespace Postern::Service {

ProxyService::ProxyService(const QString &profileDirectory,
                           Store::CertificateStore *store,
                           QObject *parent)
    : QObject(parent)
    , m_profileDirectory(profileDirectory)
    , m_file(Policy::AccountsFile::inProfile(profileDirectory))
    , m_store(store)
    , m_activity(new ActivityLog(QDir(profileDirectory).filePath(QStringLiteral("activity.jsonl")),
                                 this))
{
}

ProxyService::~ProxyService()
{
    stop();
}

QStringList ProxyService::start()
{
    if (m_draining) {
        return {QStringLiteral("Postern is stopping; the accounts are not reloaded")};
    }
    QStringList problems;
    const Policy::AccountsFile::Loaded loaded = m_file.load();
    if (loaded.problem) {
        problems.append(loaded.problem->toString());
        if (loaded.fromLastGood) {
            problems.append(QStringLiteral("running with the last good accounts file, %1")
                                    .arg(m_file.lastGoodPath()));
        }
    }
    m_configuration = loaded.configuration;
    if (m_configuration.accounts.isEmpty() && !loaded.problem) {
        qCInfo(lcCore) << "no accounts are configured; add one with 'postern account add'";
    }
    QString tlsProblem;
    const std::optional<QSslConfiguration> tls =
            loopbackTlsConfiguration(m_profileDirectory, &tlsProblem);
    if (!tls) {
        problems.append(QStringLiteral("TLS towards the mail client is off: %1").arg(tlsProblem));
    }

    // An account that did not change keeps its proxies, and with them its clients' open
    // sessions and its decrypted-message cache; the others are closed before their ports are
    // taken again.
    const auto unchanged = [&tls](const Policy::Account &before, const Policy::Account &after,
                                  const std::optional<QSslConfiguration> &tlsBefore) {
        return Policy::toJson(before) == Policy::toJson(after) && tlsBefore == tls;
    };
    QHash<QString, Smtp::SmtpProxy *> keptSmtp;
    QHash<QString, Imap::ImapProxy *> keptImap;
    for (const Policy::Account &account : std::as_const(m_configuration.accounts)) {
        for (Smtp::SmtpProxy *proxy : std::as_const(m_smtp)) {
            if (unchanged(proxy->account(), account, proxy->tlsConfiguration())) {
                keptSmtp.insert(account.name, proxy);
            }
        }
        for (Imap::ImapProxy *proxy : std::as_const(m_imap)) {
            if (unchanged(proxy->account(), account, proxy->tlsConfiguration())) {
                keptImap.insert(account.name, proxy);
            }
        }
    }
    for (Smtp::SmtpProxy *proxy : std::as_const(m_smtp)) {
        if (!keptSmtp.values().contains(proxy)) {
            retire(proxy);
        }
    }
    for (Imap::ImapProxy *proxy : std::as_const(m_imap)) {
        if (!keptImap.values().contains(proxy)) {
            delete proxy;
        }
    }
    m_smtp.clear();
    m_imap.clear();

    for (const Policy::Account &account : std::as_const(m_configuration.accounts)) {
        QString error;
        Smtp::SmtpProxy *smtp = keptSmtp.value(account.name);
        if (smtp == nullptr) {
            smtp = new Smtp::SmtpProxy(account, m_store, m_activity, this);
            smtp->setTlsConfiguration(tls);
            smtp->setUnlocker(m_unlock);
            if (!smtp->listen(&error)) {
                problems.append(error);
                delete smtp;
                smtp = nullptr;
            }
        }
        if (smtp != nullptr) {
            m_smtp.append(smtp);
        }
        Imap::ImapProxy *imap = keptImap.value(account.name);
        if (imap == nullptr) {
            imap = new Imap::ImapProxy(account, m_store, m_activity, this);
            imap->setTlsConfiguration(tls);
            imap->setUnlocker(m_unlock);
            if (!imap->listen(&error)) {
                problems.append(error);
                delete imap;
                imap = nullptr;
            }
        }
        if (imap != nullptr) {
            m_imap.append(imap);
        }
    }
    applyDiskCache();
    for (const QString &problem : std::as_const(problems)) {
        qCWarning(lcCore).noquote() << problem;
    }
    return problems;
}

// One folder per account and server, named by a digest so that neither the account's name nor
// its server shows in the file system, and a message cached from one server is never served as
// another server's message with the same mailbox and UID.
QString ProxyService::diskCacheDirectory(const Policy::Account &account) const
{
    const QByteArray identity = account.name.toUtf8() + '\n' + account.imap.host.toUtf8() + '\n'
                                + QByteArray::number(account.imap.port) + '\n'
                                + account.imap.user.toUtf8();
    const QByteArray digest = QCryptographicHash::hash(identity, QCryptographicHash::Sha256);
    return Imap::DiskCache::profileFolder(m_profileDirectory) + QLatin1Char('/')
           + QString::fromLatin1(digest.toHex().left(24));
}

void ProxyService::applyDiskCache()
{
    const Store::StoreSettings settings =
            Store::StoreSettings::load(Store::StoreSettings::filePath(m_profileDirectory));
    const qint64 budget = qint64{settings.diskCacheMegabytes} * 1024 * 1024;
    for (Imap::ImapProxy *proxy : std::as_const(m_imap)) {
        proxy->setDiskCache(settings.diskCache ? diskCacheDirectory(proxy->account()) : QString(),
                            budget);
    }
    // Every configured account's folder stays, also one whose proxy could not listen this time.
    QStringList kept;
    for (const Policy::Account &account : std::as_const(m_configuration.accounts)) {
        kept.append(QFileInfo(diskCacheDirectory(account)).fileName());
    }
    // Decrypted messages, however well sealed, stay on disk no longer than they are wanted:
    // the cache turned off, or an account removed or pointed at another server, and they go.
    const QString root = Imap::DiskCache::profileFolder(m_profileDirectory);
    if (!settings.diskCache) {
        if (QFileInfo::exists(root)) {
            qCInfo(lcImap) << "the message cache on disk is off: its files are deleted";
        }
        Imap::DiskCache::remove(root);
        return;
    }
    const QStringList folders = QDir(root).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &folder : folders) {
        if (!kept.contains(folder)) {
            Imap::DiskCache::remove(QDir(root).filePath(folder));
        }
    }
}

void ProxyService::drain()
{
    if (m_draining) {
        return;
    }
    m_draining = true;
    qDeleteAll(m_imap);
    m_imap.clear();
    const QList<Smtp::SmtpProxy *> serving = std::exchange(m_smtp, {});
    for (Smtp::SmtpProxy *proxy : serving) {
        retire(proxy);
    }
    if (m_retiring.isEmpty()) {
        // Queued, so a caller that connects to drained() right after this call still hears it.
        QMetaObject::invokeMethod(this, &ProxyService::drained, Qt::QueuedConnection);
        return;
    }
    int sessions = 0;
    for (const Smtp::SmtpProxy *proxy : std::as_const(m_retiring)) {
        sessions += proxy->sessionCount();
    }
    qCInfo(lcCore).noquote() << "waiting up to"
                             << std::chrono::duration_cast<std::chrono::seconds>(m_grace).count()
                             << "s for" << sessions << "SMTP session(s) to finish their messages";
}

void ProxyService::retire(Smtp::SmtpProxy *proxy)
{
    if (m_retiring.contains(proxy)) {
        return;
    }
    proxy->drain();
    if (proxy->sessionCount() == 0) {
        delete proxy;
        return;
    }
    m_retiring.append(proxy);
    connect(proxy, &Smtp::SmtpProxy::drained, this, [this, proxy] { retired(proxy); });
    // The bound: a session still busy then (a stalled server, a client that never sends the
    // final dot) is ended with 421 when the proxy is deleted; the client keeps its message.
    QTimer::singleShot(m_grace, proxy, [this, proxy] {
        qCWarning(lcCore).noquote()
                << "the SMTP proxy for" << proxy->account().name << "still had"
                << proxy->sessionCount() << "session(s) busy after the grace period; ending them";
        retired(proxy);
    });
}

void ProxyService::retired(Smtp::SmtpProxy *proxy)
{
    if (!m_retiring.removeOne(proxy)) {
        return;
    }
    // Later, not now: this runs inside the proxy's own signal or timer.
    proxy->deleteLater();
    if (m_draining && m_retiring.isEmpty()) {
        Q_EMIT drained();
    }
}

void ProxyService::stop()
{
    m_smtp.clear();
    m_imap.clear();
    m_retiring.clear();
    // Every proxy is a child: those already handed to deleteLater() go now too, before the
    // activity log they write to.
    qDeleteAll(findChildren<Smtp::SmtpProxy *>(Qt::FindDirectChildrenOnly));
    qDeleteAll(findChildren<Imap::ImapProxy *>(Qt::FindDirectChildrenOnly));
}

} // namespace Postern::Service
