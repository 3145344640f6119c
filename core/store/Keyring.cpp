#include "Keyring.h"

#include "core/base/Logging.h"

#include <QCoreApplication>
#include <QDir>
#include <QEventLoop>
#include <QFileInfo>
#include <QTimer>

#include <memory>
#include <qt6keychain/keychain.h>

namespace Postern::Store {

namespace {

const QLatin1String serviceName("org.postern.Postern");

KeyringError fromJobError(QKeychain::Error error)
{
    switch (error) {
    case QKeychain::EntryNotFound:
        return KeyringError::NotFound;
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
        return KeyringError::Denied;
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
        return KeyringError::Unavailable;
    default:
        return KeyringError::Failed;
    }
}

/**
 * Runs @p job to its end or for at most @p timeoutMs. A job that runs out of time is not
 * deleted under the keyring library's feet: it is let go, to delete itself when it finishes.
 */
template <typename Job>
Result<bool, KeyringError> runJob(std::unique_ptr<Job> &job, int timeoutMs)
{
    if (QCoreApplication::instance() == nullptr) {
        return fail(KeyringError::Unavailable,
                    QStringLiteral("the keyring needs an application object"));
    }
    job->setAutoDelete(false);
    job->setInsecureFallback(false);
    QEventLoop loop;
    bool finished = false;
    QObject::connect(job.get(), &QKeychain::Job::finished, &loop, [&loop, &finished] {
        finished = true;
        loop.quit();
    });
    QTimer timer;
    timer.setSingleShot(true);
    QObject::connect(&timer, &QTimer::timeout, &loop, &QEventLoop::quit);
    job->start();
    timer.start(timeoutMs);
    loop.exec(QEventLoop::ExcludeUserInputEvents);

    if (!finished) {
        QObject::disconnect(job.get(), nullptr, &loop, nullptr);
        job->setAutoDelete(true);
        (void)job.release();
        return fail(KeyringError::TimedOut,
                    QStringLiteral("the keyring did not answer within %1 s").arg(timeoutMs / 1000));
    }
    const QKeychain::Error error = job->error();
    const QString detail = job->errorString();
    if (error != QKeychain::NoError) {
        return fail(fromJobError(error), QStringLiteral("keyring: %1").arg(detail));
    }
    return true;
}

} // namespace

DesktopKeyring::DesktopKeyring(int timeoutMs)
    : m_timeoutMs(timeoutMs)
{
}

Result<Secret, KeyringError> DesktopKeyring::read(const QString &key)
{
    auto job = std::make_unique<QKeychain::ReadPasswordJob>(serviceName);
    job->setKey(key);
    auto done = runJob(job, m_timeoutMs);
    if (!done) {
        qCInfo(lcStore) << "no passphrase from the desktop keyring:" << done.error().detail;
        return tl::unexpected(done.error());
    }
    // QtKeychain hands the data over in a QByteArray of its own; the copy taken here is the one
    // that is wiped, the job's buffer goes with the job.
    QByteArray data = job->binaryData();
    data.detach();
    return Secret(std::move(data));
}

Result<bool, KeyringError> DesktopKeyring::write(const QString &key, const Secret &secret)
{
    auto job = std::make_unique<QKeychain::WritePasswordJob>(serviceName);
    job->setKey(key);
    job->setBinaryData(secret.bytes());
    auto done = runJob(job, m_timeoutMs);
    if (!done) {
        qCWarning(lcStore) << "the desktop keyring did not take the passphrase:"
                           << done.error().detail;
    }
    return done;
}

Result<bool, KeyringError> DesktopKeyring::remove(const QString &key)
{
    auto job = std::make_unique<QKeychain::DeletePasswordJob>(serviceName);
    job->setKey(key);
    return runJob(job, m_timeoutMs);
}

QString storePassphraseKey(const QString &profileDirectory)
{
    const QFileInfo info(profileDirectory);
    const QString path = info.exists() ? info.canonicalFilePath() : info.absoluteFilePath();
    return QStringLiteral("store-passphrase:") + QDir::cleanPath(path);
}

QString describe(KeyringError error)
{
    switch (error) {
    case KeyringError::Unavailable:
        return QStringLiteral("no desktop keyring");
    case KeyringError::NotFound:
        return QStringLiteral("not in the keyring");
    case KeyringError::Denied:
        return QStringLiteral("keyring access denied");
    case KeyringError::TimedOut:
        return QStringLiteral("keyring timed out");
    case KeyringError::Failed:
        return QStringLiteral("keyring failed");
    }
    return {};
}

} // namespace Postern::Store
