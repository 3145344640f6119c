// The store settings in the profile (config/store.ini) and the unlock timeout they set: read and
// written by the core, changed with `postern cert settings`, and honoured by a store opened for
// the profile. Time is a fake clock where the test needs to jump, and a real one-second
// timeout once, to see the timer lock an idle store.

#include "StoreFixtures.h"

#include "core/base/Profile.h"
#include "core/store/StoreSettings.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace Postern;
using namespace Postern::Test;

class TestStoreSettings : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup();
    void defaults();
    void roundTripKeepsOtherGroups();
    void badValues_data();
    void badValues();
    void profileStoreHonoursTimeout();
    void timeoutLocksStore_data();
    void timeoutLocksStore();
    void idleStoreLocksItself();
    void commandLineSetsTimeout();
    void commandLineRefusesBadTimeout_data();
    void commandLineRefusesBadTimeout();
    void diskCacheValues_data();
    void diskCacheValues();
    void commandLineTurnsTheDiskCacheOnAndOff();
    void commandLineRefusesBadDiskCacheValues_data();
    void commandLineRefusesBadDiskCacheValues();

private:
    QDateTime m_now = QDateTime::currentDateTimeUtc();
};

void TestStoreSettings::cleanup()
{
    Store::CertificateStore::useClock({});
}

void TestStoreSettings::defaults()
{
    QTemporaryDir dir;
    const Store::StoreSettings settings =
            Store::StoreSettings::load(dir.filePath(QStringLiteral("missing.ini")));
    QCOMPARE(settings.unlockTimeout, 15 * 60);
    QCOMPARE(settings.passphraseInKeyring, false);
    QCOMPARE(settings.diskCache, false);
    QCOMPARE(settings.diskCacheMegabytes, 1024);
}

void TestStoreSettings::roundTripKeepsOtherGroups()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("config/store.ini"));
    {
        QSettings other(file, QSettings::IniFormat);
        other.setValue(QStringLiteral("someone/else"), 7);
    }
    Store::StoreSettings settings;
    settings.unlockTimeout = 42;
    settings.passphraseInKeyring = true;
    settings.diskCache = true;
    settings.diskCacheMegabytes = 300;
    QVERIFY(settings.save(file).has_value());

    const Store::StoreSettings loaded = Store::StoreSettings::load(file);
    QCOMPARE(loaded.unlockTimeout, 42);
    QCOMPARE(loaded.passphraseInKeyring, true);
    QCOMPARE(loaded.diskCache, true);
    QCOMPARE(loaded.diskCacheMegabytes, 300);
    QCOMPARE(QSettings(file, QSettings::IniFormat).value(QStringLiteral("someone/else")).toInt(),
             7);
}

void TestStoreSettings::badValues_data()
{
    QTest::addColumn<QByteArray>("ini");
    QTest::addColumn<int>("timeout");
    QTest::newRow("not a number") << QByteArray("[store]\nunlockTimeout=soon\n") << 15 * 60;
    QTest::newRow("negative") << QByteArray("[store]\nunlockTimeout=-5\n") << 0;
    QTest::newRow("zero") << QByteArray("[store]\nunlockTimeout=0\n") << 0;
    QTest::newRow("not INI at all") << QByteArray("\x00\x01\x02garbage", 10) << 15 * 60;
}

void TestStoreSettings::badValues()
{
    QFETCH(QByteArray, ini);
    QFETCH(int, timeout);
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("store.ini"));
    QVERIFY(writeFile(file, ini));
    QCOMPARE(Store::StoreSettings::load(file).unlockTimeout, timeout);
}

void TestStoreSettings::profileStoreHonoursTimeout()
{
    QTemporaryDir dir;
    auto profile = Profile::open(dir.path());
    QVERIFY(profile.has_value());
    {
        auto store = Store::openProfileStore(*profile);
        QVERIFY(store.has_value());
        QCOMPARE((*store)->unlockTimeout(), Store::StoreSettings::defaultUnlockTimeout);
    }
    Store::StoreSettings settings;
    settings.unlockTimeout = 77;
    QVERIFY(settings.save(Store::StoreSettings::filePath(*profile)).has_value());
    auto store = Store::openProfileStore(*profile);
    QVERIFY(store.has_value());
    QCOMPARE((*store)->unlockTimeout(), 77);
    QCOMPARE((*store)->directory(), profile->filePath(QStringLiteral("store")));
}

void TestStoreSettings::timeoutLocksStore_data()
{
    QTest::addColumn<int>("timeout");
    QTest::addColumn<int>("elapsed");
    QTest::addColumn<bool>("unlocked");
    QTest::newRow("within the timeout") << 60 << 59 << true;
    QTest::newRow("at the timeout") << 60 << 60 << false;
    QTest::newRow("past the timeout") << 60 << 3600 << false;
    QTest::newRow("no timeout, a year later") << 0 << 365 * 24 * 3600 << true;
}

void TestStoreSettings::timeoutLocksStore()
{
    QFETCH(int, timeout);
    QFETCH(int, elapsed);
    QFETCH(bool, unlocked);
    const QDateTime start = QDateTime::currentDateTimeUtc();
    m_now = start;
    Store::CertificateStore::useClock([this] { return m_now; });

    StoreFixture store;
    QVERIFY(store.open());
    store->setUnlockTimeout(timeout);
    QVERIFY(store->initialise(secret(storePassphrase)).has_value());
    QVERIFY(store->isUnlocked());

    m_now = start.addSecs(elapsed);
    QCOMPARE(store->isUnlocked(), unlocked);
    const auto identities = store->identities();
    QCOMPARE(identities.has_value(), unlocked);
    if (!unlocked) {
        QCOMPARE(Store::describe(identities.error().code),
                 Store::describe(Store::StoreError::Locked));
        // The passphrase opens it again, for another full period.
        QVERIFY(store->unlock(secret(storePassphrase)).has_value());
        m_now = m_now.addSecs(timeout - 1);
        QVERIFY(store->isUnlocked());
    }
}

// On a thread with an event loop the store does not wait for the next use to forget its keys.
void TestStoreSettings::idleStoreLocksItself()
{
    StoreFixture store;
    QVERIFY(store.open());
    QVERIFY(store->initialise(secret(storePassphrase)).has_value());
    store->setUnlockTimeout(1);
    QVERIFY(store->isUnlocked());
    QTRY_VERIFY_WITH_TIMEOUT(!store->isUnlocked(), 5000);
}

void TestStoreSettings::commandLineSetsTimeout()
{
    QTemporaryDir profile;
    const QString postern = QStringLiteral(POSTERN_EXECUTABLE);
    const QStringList base{QStringLiteral("--profile"), profile.path(), QStringLiteral("cert"),
                           QStringLiteral("settings")};

    const ToolRun set = runTool(
            postern, base + QStringList{QStringLiteral("--unlock-timeout"), QStringLiteral("5")});
    QVERIFY2(set.succeeded(), qPrintable(set.summary()));
    QVERIFY(set.out.contains("unlockTimeout: 5\n"));

    // Another process reads it back: it is in the profile, not in the process.
    const ToolRun shown = runTool(postern, base + QStringList{QStringLiteral("--json")});
    QVERIFY2(shown.succeeded(), qPrintable(shown.summary()));
    const QJsonObject object = QJsonDocument::fromJson(shown.out).object();
    QCOMPARE(object.value(QLatin1String("unlockTimeout")).toInt(), 5);
    QCOMPARE(object.value(QLatin1String("passphraseInKeyring")).toBool(true), false);
    QCOMPARE(QSettings(profile.filePath(QStringLiteral("config/store.ini")), QSettings::IniFormat)
                     .value(QStringLiteral("store/unlockTimeout"))
                     .toInt(),
             5);
}

void TestStoreSettings::commandLineRefusesBadTimeout_data()
{
    QTest::addColumn<QString>("value");
    QTest::newRow("negative") << QStringLiteral("-3");
    QTest::newRow("words") << QStringLiteral("ten");
    QTest::newRow("empty") << QString();
}

void TestStoreSettings::commandLineRefusesBadTimeout()
{
    QFETCH(QString, value);
    QTemporaryDir profile;
    const ToolRun run =
            runTool(QStringLiteral(POSTERN_EXECUTABLE),
                    {QStringLiteral("--profile"), profile.path(), QStringLiteral("cert"),
                     QStringLiteral("settings"), QStringLiteral("--unlock-timeout"), value});
    QVERIFY(run.finished);
    QCOMPARE(run.exitCode, 2);
    QVERIFY(!QFile::exists(profile.filePath(QStringLiteral("config/store.ini"))));
}

void TestStoreSettings::diskCacheValues_data()
{
    QTest::addColumn<QByteArray>("ini");
    QTest::addColumn<bool>("on");
    QTest::addColumn<int>("megabytes");
    QTest::newRow("absent") << QByteArray("[store]\nunlockTimeout=5\n") << false << 1024;
    QTest::newRow("on, 50 MB") << QByteArray("[cache]\nimapOnDisk=true\nimapOnDiskMegabytes=50\n")
                               << true << 50;
    QTest::newRow("size not a number")
            << QByteArray("[cache]\nimapOnDisk=true\nimapOnDiskMegabytes=lots\n") << true << 1024;
    QTest::newRow("size zero") << QByteArray("[cache]\nimapOnDiskMegabytes=0\n") << false << 1024;
    QTest::newRow("size negative")
            << QByteArray("[cache]\nimapOnDiskMegabytes=-8\n") << false << 1024;
    QTest::newRow("switch: yes") << QByteArray("[cache]\nimapOnDisk=yes\n") << true << 1024;
    QTest::newRow("switch: Off") << QByteArray("[cache]\nimapOnDisk=Off\n") << false << 1024;
    QTest::newRow("switch not a boolean")
            << QByteArray("[cache]\nimapOnDisk=perhaps\n") << false << 1024;
}

void TestStoreSettings::diskCacheValues()
{
    QFETCH(QByteArray, ini);
    QFETCH(bool, on);
    QFETCH(int, megabytes);
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("store.ini"));
    QVERIFY(writeFile(file, ini));
    const Store::StoreSettings loaded = Store::StoreSettings::load(file);
    QCOMPARE(loaded.diskCache, on);
    QCOMPARE(loaded.diskCacheMegabytes, megabytes);
}

void TestStoreSettings::commandLineTurnsTheDiskCacheOnAndOff()
{
    QTemporaryDir profile;
    const QString postern = QStringLiteral(POSTERN_EXECUTABLE);
    const QStringList base{QStringLiteral("--profile"), profile.path(), QStringLiteral("cert"),
                           QStringLiteral("settings")};
    const ToolRun on = runTool(postern, base
                                                + QStringList{QStringLiteral("--disk-cache"),
                                                              QStringLiteral("on"),
                                                              QStringLiteral("--disk-cache-size"),
                                                              QStringLiteral("64")});
    QVERIFY2(on.succeeded(), qPrintable(on.summary()));
    QVERIFY(on.out.contains("diskCache: on\n"));
    QVERIFY(on.out.contains("diskCacheMegabytes: 64\n"));
    const ToolRun shown = runTool(postern, base + QStringList{QStringLiteral("--json")});
    const QJsonObject object = QJsonDocument::fromJson(shown.out).object();
    QCOMPARE(object.value(QLatin1String("diskCache")).toBool(false), true);
    QCOMPARE(object.value(QLatin1String("diskCacheMegabytes")).toInt(), 64);

    // Off deletes what was cached, with or without a running Postern to hear of it.
    const QString entry = profile.filePath(QStringLiteral("cache/imap/0123456789abcdef/x.msg"));
    QVERIFY(QDir().mkpath(QFileInfo(entry).path()));
    QVERIFY(writeFile(entry, "sealed"));
    const ToolRun off = runTool(
            postern, base + QStringList{QStringLiteral("--disk-cache"), QStringLiteral("OFF")});
    QVERIFY2(off.succeeded(), qPrintable(off.summary()));
    QVERIFY(off.out.contains("diskCache: off\n"));
    QVERIFY(off.out.contains("diskCacheMegabytes: 64\n"));
    QVERIFY(!QFileInfo::exists(profile.filePath(QStringLiteral("cache/imap"))));
}

void TestStoreSettings::commandLineRefusesBadDiskCacheValues_data()
{
    QTest::addColumn<QString>("option");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("message");
    QTest::newRow("switch: yes") << "--disk-cache"
                                 << "yes"
                                 << "--disk-cache needs on or off";
    QTest::newRow("switch: empty") << "--disk-cache"
                                   << ""
                                   << "--disk-cache needs on or off";
    QTest::newRow("size: zero") << "--disk-cache-size"
                                << "0"
                                << "--disk-cache-size needs";
    QTest::newRow("size: words") << "--disk-cache-size"
                                 << "big"
                                 << "--disk-cache-size needs";
    QTest::newRow("size: too large") << "--disk-cache-size"
                                     << "99999999"
                                     << "--disk-cache-size needs";
}

void TestStoreSettings::commandLineRefusesBadDiskCacheValues()
{
    QFETCH(QString, option);
    QFETCH(QString, value);
    QFETCH(QString, message);
    QTemporaryDir profile;
    // A valid option beside the bad one changes nothing either.
    const ToolRun run =
            runTool(QStringLiteral(POSTERN_EXECUTABLE),
                    {QStringLiteral("--profile"), profile.path(), QStringLiteral("cert"),
                     QStringLiteral("settings"), QStringLiteral("--unlock-timeout"),
                     QStringLiteral("9"), option, value});
    QVERIFY(run.finished);
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(message.toUtf8()), run.err.constData());
    QVERIFY(!QFile::exists(profile.filePath(QStringLiteral("config/store.ini"))));
}

QTEST_GUILESS_MAIN(TestStoreSettings)
#include "tst_storesettings.moc"
