#include "StoreSettings.h"

#include "core/base/Logging.h"
#include "core/base/Profile.h"

#include <QSettings>

namespace Postern::Store {

namespace {

const QLatin1String unlockTimeoutKey("store/unlockTimeout");
const QLatin1String keyringKey("store/passphraseInKeyring");
const QLatin1String diskCacheKey("cache/imapOnDisk");
const QLatin1String diskCacheSizeKey("cache/imapOnDiskMegabytes");

// QVariant takes any word but "false" and "0" for true; a switch that turns something on is on
// only when it says so (true, yes, on, 1), and a word it does not know is reported.
bool readSwitch(const QSettings &ini, QLatin1String key, const QString &file)
{
    const QString value = ini.value(key).toString().trimmed().toLower();
    static const QStringList on{QStringLiteral("true"), QStringLiteral("1"), QStringLiteral("yes"),
                                QStringLiteral("on")};
    static const QStringList off{QStringLiteral("false"), QStringLiteral("0"), QStringLiteral("no"),
                                 QStringLiteral("off")};
    if (on.contains(value)) {
        return true;
    }
    if (!value.isEmpty() && !off.contains(value)) {
        qCWarning(lcStore) << key << "in" << file << "is neither true nor false; taken as false";
    }
    return false;
}

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
    settings.passphraseInKeyring = readSwitch(ini, keyringKey, file);
    settings.diskCache = readSwitch(ini, diskCacheKey, file);
    const int megabytes = ini.value(diskCacheSizeKey, defaultDiskCacheMegabytes).toInt(&valid);
    if (!valid || megabytes < 1) {
        qCWarning(lcStore) << "imapOnDiskMegabytes in" << file
                           << "is not a positive number; using the default";
    }
    settings.diskCacheMegabytes = valid && megabytes >= 1 ? megabytes : defaultDiskCacheMegabytes;
    return settings;
}

Result<bool, StoreError> StoreSettings::save(const QString &file) const
{
    QSettings ini(file, QSettings::IniFormat);
    ini.setValue(unlockTimeoutKey, unlockTimeout);
    ini.setValue(keyringKey, passphraseInKeyring);
    ini.setValue(diskCacheKey, diskCache);
    ini.setValue(diskCacheSizeKey, diskCacheMegabytes);
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
