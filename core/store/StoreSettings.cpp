#include "StoreSettings.h"

#include "core/base/Logging.h"
#include "core/base/Profile.h"

#include <QSettings>

namespace Postern::Store {

namespace {

const QLatin1String unlockTimeoutKey("store/unlockTimeout");
const QLatin1String keyringKey("store/passphraseInKeyring");

} // namespace

QString StoreSettings::filePath(const Profile &profile)
{
    return filePath(profile.directory());
}

QString StoreSettings::filePath(const QString &profileDirectory)
{
    return profileDirectory + QStringLiteral("/config/store.ini");
}

StoreSettings StoreSettings::load(const QString &file)
{
    StoreSettings settings;
    const QSettings ini(file, QSettings::IniFormat);
    if (ini.status() != QSettings::NoError) {
        qCWarning(lcStore) << "the store settings cannot be read; using the defaults:" << file;
        return settings;
    }
    bool valid = false;
    const int timeout = ini.value(unlockTimeoutKey, defaultUnlockTimeout).toInt(&valid);
    if (!valid) {
        qCWarning(lcStore) << "unlockTimeout in" << file << "is not a number; using the default";
    }
    settings.unlockTimeout = valid ? std::max(timeout, 0) : defaultUnlockTimeout;
    settings.passphraseInKeyring = ini.value(keyringKey, false).toBool();
    return settings;
}

Result<bool, StoreError> StoreSettings::save(const QString &file) const
{
    QSettings ini(file, QSettings::IniFormat);
    ini.setValue(unlockTimeoutKey, unlockTimeout);
    ini.setValue(keyringKey, passphraseInKeyring);
    ini.sync();
    if (ini.status() != QSettings::NoError) {
        return fail(StoreError::Io, QStringLiteral("cannot write %1").arg(file));
    }
    return true;
}

Result<std::unique_ptr<CertificateStore>, StoreError> openProfileStore(const Profile &profile)
{
    auto store = CertificateStore::open(profile.filePath(QStringLiteral("store")));
    if (store) {
        (*store)->setUnlockTimeout(
                StoreSettings::load(StoreSettings::filePath(profile)).unlockTimeout);
    }
    return store;
}

} // namespace Postern::Store
