#include "ProxyService.h"

#include "core/activity/ActivityLog.h"
#include "core/base/Logging.h"
#include "core/imap/ImapProxy.h"
#include "core/service/LoopbackTls.h"
#include "core/smtp/SmtpProxy.h"

#include <QDir>

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
    stop();
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
    for (const Policy::Account &account : std::as_const(m_configuration.accounts)) {
        auto *proxy = new Smtp::SmtpProxy(account, m_store, m_activity, this);
        proxy->setTlsConfiguration(tls);
        proxy->setUnlocker(m_unlock);
        QString error;
        if (!proxy->listen(&error)) {
            problems.append(error);
            delete proxy;
            continue;
        }
        m_smtp.append(proxy);

        auto *imap = new Imap::ImapProxy(account, m_store, m_activity, this);
        imap->setTlsConfiguration(tls);
        imap->setUnlocker(m_unlock);
        if (!imap->listen(&error)) {
            problems.append(error);
            delete imap;
            continue;
        }
        m_imap.append(imap);
    }
    for (const QString &problem : std::as_const(problems)) {
        qCWarning(lcCore).noquote() << problem;
    }
    return problems;
}

void ProxyService::stop()
{
    qDeleteAll(m_smtp);
    m_smtp.clear();
    qDeleteAll(m_imap);
    m_imap.clear();
}

} // namespace Postern::Service
