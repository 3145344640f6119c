// Where the command line takes the store passphrase from: --store-pass-file, then the keyring
// when the profile's settings say the passphrase is there, then the terminal. The keyring and
// the terminal are fakes here (the real keyring is tst_storekeyring's), so the test can count
// who was asked and check that the passphrase never reaches the log.

#include "StoreFixtures.h"

#include "app/StoreAccess.h"
#include "core/base/Profile.h"
#include "core/store/StoreSettings.h"

#include <QLoggingCategory>
#include <QTemporaryDir>
#include <QTest>

using namespace Postern;
using namespace Postern::Test;

namespace {

const QByteArray wrongPassphrase = QByteArrayLiteral("not the store passphrase");

class FakeKeyring : public Store::PassphraseKeyring
{
public:
    std::optional<QByteArray> held;
    std::optional<Store::KeyringError> failure;
    int reads = 0;

    Result<Secret, Store::KeyringError> read(const QString &key) override
    {
        ++reads;
        lastKey = key;
        if (failure) {
            return fail(*failure, QStringLiteral("fake keyring failure"));
        }
        if (!held) {
            return fail(Store::KeyringError::NotFound, QStringLiteral("nothing held"));
        }
        return Secret(*held);
    }

    Result<bool, Store::KeyringError> write(const QString &, const Secret &secret) override
    {
        held = secret.bytes();
        return true;
    }

    Result<bool, Store::KeyringError> remove(const QString &) override
    {
        held.reset();
        return true;
    }

    QString lastKey;
};

QStringList logged;

void collectMessages(QtMsgType, const QMessageLogContext &, const QString &message)
{
    logged.append(message);
}

} // namespace

class TestStoreAccess : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void resolutionOrder_data();
    void resolutionOrder();
    void passphraseNeverLogged();

private:
    QTemporaryDir m_dir;
    QString m_passFile;
    QString m_wrongPassFile;
};

void TestStoreAccess::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_passFile = m_dir.filePath(QStringLiteral("store-pass"));
    m_wrongPassFile = m_dir.filePath(QStringLiteral("wrong-pass"));
    QVERIFY(writeFile(m_passFile, storePassphrase + '\n'));
    QVERIFY(writeFile(m_wrongPassFile, wrongPassphrase + '\n'));
}

void TestStoreAccess::init()
{
    logged.clear();
}

void TestStoreAccess::resolutionOrder_data()
{
    QTest::addColumn<bool>("keyringEnabled");
    QTest::addColumn<QString>("passFile");     // "right", "wrong" or empty
    QTest::addColumn<QString>("keyringHolds"); // "right", "wrong", "unavailable" or empty
    QTest::addColumn<int>("keyringReads");
    QTest::addColumn<int>("prompts");
    QTest::addColumn<bool>("unlocked");

    QTest::newRow("pass file first, keyring not asked")
            << true << QStringLiteral("right") << QStringLiteral("right") << 0 << 0 << true;
    QTest::newRow("a wrong pass file is not rescued by the keyring")
            << true << QStringLiteral("wrong") << QStringLiteral("right") << 0 << 0 << false;
    QTest::newRow("keyring when enabled")
            << true << QString() << QStringLiteral("right") << 1 << 0 << true;
    QTest::newRow("keyring disabled: prompt")
            << false << QString() << QStringLiteral("right") << 0 << 1 << true;
    QTest::newRow("stale passphrase in keyring: prompt")
            << true << QString() << QStringLiteral("wrong") << 1 << 1 << true;
    QTest::newRow("nothing in keyring: prompt") << true << QString() << QString() << 1 << 1 << true;
    QTest::newRow("no keyring service: prompt")
            << true << QString() << QStringLiteral("unavailable") << 1 << 1 << true;
}

void TestStoreAccess::resolutionOrder()
{
    QFETCH(bool, keyringEnabled);
    QFETCH(QString, passFile);
    QFETCH(QString, keyringHolds);
    QFETCH(int, keyringReads);
    QFETCH(int, prompts);
    QFETCH(bool, unlocked);

    QTemporaryDir profileDir;
    auto profile = Profile::open(profileDir.path());
    QVERIFY(profile.has_value());
    Store::StoreSettings settings;
    settings.passphraseInKeyring = keyringEnabled;
    QVERIFY(settings.save(Store::StoreSettings::filePath(*profile)).has_value());
    {
        auto created = Cli::openStore(*profile);
        QVERIFY(created.has_value());
        QVERIFY((*created)->initialise(secret(storePassphrase)).has_value());
    }
    auto store = Cli::openStore(*profile);
    QVERIFY(store.has_value());
    QVERIFY(!(*store)->isUnlocked());

    FakeKeyring keyring;
    if (keyringHolds == QLatin1String("right")) {
        keyring.held = storePassphrase;
    } else if (keyringHolds == QLatin1String("wrong")) {
        keyring.held = wrongPassphrase;
    } else if (keyringHolds == QLatin1String("unavailable")) {
        keyring.failure = Store::KeyringError::Unavailable;
    }
    int asked = 0;
    Cli::PassphraseSources sources;
    sources.keyring = &keyring;
    sources.prompt = [&asked](const QString &) -> Cli::Step<Secret> {
        ++asked;
        return Secret(storePassphrase);
    };
    Cli::Invocation invocation;
    if (!passFile.isEmpty()) {
        invocation.options.insert(
                QStringLiteral("store-pass-file"),
                {passFile == QLatin1String("right") ? m_passFile : m_wrongPassFile});
    }

    const auto result = Cli::unlockStore(**store, invocation, false, sources);
    QCOMPARE(result.has_value(), unlocked);
    QCOMPARE((*store)->isUnlocked(), unlocked);
    QCOMPARE(keyring.reads, keyringReads);
    QCOMPARE(asked, prompts);
    if (keyringReads > 0) {
        QCOMPARE(keyring.lastKey, Store::storePassphraseKey(profile->directory()));
    }
}

// Every path that handles the passphrase logs something (a failed keyring, a stale entry), and
// none of those lines may hold it.
void TestStoreAccess::passphraseNeverLogged()
{
    const QtMessageHandler previous = qInstallMessageHandler(collectMessages);
    QLoggingCategory::setFilterRules(QStringLiteral("postern.*=true"));
    QTemporaryDir profileDir;
    auto profile = Profile::open(profileDir.path());
    QVERIFY(profile.has_value());
    Store::StoreSettings settings;
    settings.passphraseInKeyring = true;
    QVERIFY(settings.save(Store::StoreSettings::filePath(*profile)).has_value());
    auto store = Cli::openStore(*profile);
    QVERIFY(store.has_value());
    QVERIFY((*store)->initialise(secret(storePassphrase)).has_value());
    (*store)->lock();

    FakeKeyring keyring;
    keyring.held = wrongPassphrase;
    Cli::PassphraseSources sources;
    sources.keyring = &keyring;
    sources.prompt = [](const QString &) -> Cli::Step<Secret> {
        return Secret(storePassphrase);
    };
    const auto result = Cli::unlockStore(**store, Cli::Invocation(), false, sources);
    qInstallMessageHandler(previous);
    QLoggingCategory::setFilterRules(QString());

    QVERIFY(result.has_value());
    QVERIFY2(!logged.isEmpty(), "the stale keyring entry was not reported");
    for (const QString &line : std::as_const(logged)) {
        QVERIFY2(!line.contains(QString::fromLatin1(storePassphrase))
                         && !line.contains(QString::fromLatin1(wrongPassphrase)),
                 qPrintable(line));
    }
}

QTEST_GUILESS_MAIN(TestStoreAccess)
#include "tst_storeaccess.moc"
