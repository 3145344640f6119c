// Crash safety of the certificate store: CertificateStore::failWritesAfter(n) makes the n-th
// write from now fail (and every one after it, as a crash would), in the middle of an import
// of a PKCS#12 plus three PEM certificates into a store that already holds two. Whatever n is,
// the store that is opened afterwards must hold the earlier certificates intact, every file in
// it must be whole, and the same import must then succeed.

#include "StoreFixtures.h"

#include <QDir>
#include <QDirIterator>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace Postern;
using namespace Postern::Test;

namespace {

const QByteArray filePassphrase = QByteArrayLiteral("crash safety file passphrase");

} // namespace

class TestStoreCrashSafety : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void interruptedImport_data();
    void interruptedImport();
    void interruptedImportChangesNothing_data();
    void interruptedImportChangesNothing();

private:
    void storeWithTwoCertificates(StoreFixture &store);
    void checkEarlierCertificates(StoreFixture &store);
    void checkEveryFileWhole(StoreFixture &store);
    void checkKeysOpen(StoreFixture &store, int keyFiles);

    QTemporaryDir m_dir;
    TestPki m_pki;
    QByteArray m_import; // PEM-armoured PKCS#12 (alice, the CA) and bob, carol and erin
    QHash<QString, QString> m_ids;
};

void TestStoreCrashSafety::initTestCase()
{
    POSTERN_REQUIRE_TOOL("openssl");
    QVERIFY(m_dir.isValid());
    QVERIFY2(m_pki.create(m_dir.path()), qPrintable(m_pki.error()));
    const QString p12 = m_pki.makePkcs12(QStringLiteral("alice"), filePassphrase, false);
    QVERIFY(!p12.isEmpty());
    const QString erin = m_dir.filePath(QStringLiteral("erin.pem"));
    const ToolRun made = openssl(
            {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
             QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
             QStringLiteral("ec_paramgen_curve:P-256"), QStringLiteral("-nodes"),
             QStringLiteral("-keyout"), m_dir.filePath(QStringLiteral("erin.key")),
             QStringLiteral("-subj"), QStringLiteral("/CN=Erin/emailAddress=erin@example.org"),
             QStringLiteral("-days"), QStringLiteral("30"), QStringLiteral("-out"), erin});
    QVERIFY2(made.succeeded(), qPrintable(made.summary()));

    m_import = "-----BEGIN PKCS12-----\n" + readFile(p12).toBase64() + "\n-----END PKCS12-----\n"
               + readFile(m_pki.person(QStringLiteral("bob")).certPath)
               + readFile(m_pki.person(QStringLiteral("carol")).certPath) + readFile(erin);
    QCOMPARE(pemBlocks(m_import, "CERTIFICATE").size(), 3);
    m_ids.insert(QStringLiteral("ca"), certificateFacts(m_pki.caCertPath()).fingerprint);
    m_ids.insert(QStringLiteral("erin"), certificateFacts(erin).fingerprint);
    for (const char *name : {"alice", "bob", "carol", "dave"}) {
        m_ids.insert(QLatin1String(name),
                     certificateFacts(m_pki.person(QLatin1String(name)).certPath).fingerprint);
    }
}

void TestStoreCrashSafety::cleanup()
{
    Store::CertificateStore::failWritesAfter(-1);
}

// The two earlier certificates: the CA (trusted) and dave's (with a label).
void TestStoreCrashSafety::storeWithTwoCertificates(StoreFixture &store)
{
    QVERIFY(store.open());
    QVERIFY(store->initialise(secret(storePassphrase)).has_value());
    const QByteArray earlier =
            readFile(m_pki.caCertPath()) + readFile(m_pki.person(QStringLiteral("dave")).certPath);
    QVERIFY(store->importData(earlier, Secret()).has_value());
    QVERIFY(store->setTrust(m_ids.value(QStringLiteral("ca")), Store::Trust::Trusted));
    QVERIFY(store->setLabel(m_ids.value(QStringLiteral("dave")), QStringLiteral("Dave")));
    QCOMPARE(store->entries().size(), 2);
}

void TestStoreCrashSafety::checkEarlierCertificates(StoreFixture &store)
{
    const auto ca = store->entry(m_ids.value(QStringLiteral("ca")));
    const auto dave = store->entry(m_ids.value(QStringLiteral("dave")));
    QVERIFY2(ca && dave, "an earlier certificate is missing");
    QVERIFY(ca->certificate == m_pki.caCertificate());
    QVERIFY(dave->certificate == m_pki.certificate(QStringLiteral("dave")));
    QCOMPARE(Store::toString(ca->trust), Store::toString(Store::Trust::Trusted));
    QCOMPARE(dave->label, QStringLiteral("Dave"));
    QCOMPARE(store->findByEmail(QStringLiteral("dave@example.org")).size(), 1);
}

// Every file is one the store knows and complete: certificates parse and carry the name of
// their fingerprint, the JSON files parse, key files are encrypted PKCS#8.
void TestStoreCrashSafety::checkEveryFileWhole(StoreFixture &store)
{
    const QDir root(store.path());
    int keyFiles = 0;
    QDirIterator it(store.path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString relative = root.relativeFilePath(it.next());
        const QByteArray data = readFile(it.filePath());
        const QString base = it.fileInfo().completeBaseName();
        if (relative.startsWith(QLatin1String("certs/"))
            && relative.endsWith(QLatin1String(".der"))) {
            const auto parsed = Crypto::Certificate::parseAll(data);
            QVERIFY2(parsed.size() == 1, qPrintable(relative));
            QCOMPARE(QString::fromLatin1(parsed.constFirst().sha256Fingerprint()), base);
        } else if (relative.endsWith(QLatin1String(".json"))) {
            QVERIFY2(QJsonDocument::fromJson(data).isObject(), qPrintable(relative));
            QVERIFY2(!relative.startsWith(QLatin1String("certs/"))
                             || QFile::exists(
                                     store.filePath(QStringLiteral("certs/%1.der").arg(base))),
                     qPrintable(relative + QStringLiteral(": settings without a certificate")));
        } else if (relative.startsWith(QLatin1String("keys/"))
                   && relative.endsWith(QLatin1String(".p8"))) {
            QVERIFY2(data.startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----")
                             && data.trimmed().endsWith("-----END ENCRYPTED PRIVATE KEY-----"),
                     qPrintable(relative));
            QVERIFY2(QFile::exists(store.filePath(QStringLiteral("certs/%1.der").arg(base))),
                     qPrintable(relative + QStringLiteral(": a key without its certificate")));
            ++keyFiles;
        } else {
            QFAIL(qPrintable(QStringLiteral("a file the store does not know: ") + relative));
        }
    }
    checkKeysOpen(store, keyFiles);
}

void TestStoreCrashSafety::checkKeysOpen(StoreFixture &store, int keyFiles)
{
    QVERIFY(store->unlock(secret(storePassphrase)).has_value());
    const auto identities = store->identities();
    QVERIFY(identities);
    QCOMPARE(identities->size(), keyFiles);
    for (const Crypto::Identity &identity : *identities) {
        QVERIFY(identity.key.matches(identity.certificate));
    }
}

void TestStoreCrashSafety::interruptedImport_data()
{
    QTest::addColumn<int>("failingWrite");
    for (int n = 0; n <= 6; ++n) {
        QTest::addRow("write %d fails", n) << n;
    }
}

void TestStoreCrashSafety::interruptedImport()
{
    QFETCH(int, failingWrite);
    StoreFixture store;
    storeWithTwoCertificates(store);

    Store::CertificateStore::failWritesAfter(failingWrite);
    const auto interrupted = store->importData(m_import, secret(filePassphrase));
    Store::CertificateStore::failWritesAfter(-1);
    QVERIFY2(!interrupted, "the import succeeded although a write failed");
    QCOMPARE(Store::describe(interrupted.error().code), Store::describe(Store::StoreError::Io));
    QVERIFY(!interrupted.error().detail.isEmpty());

    QVERIFY(store.reopen());
    checkEarlierCertificates(store);
    checkEveryFileWhole(store);

    const auto retried = store->importData(m_import, secret(filePassphrase));
    QVERIFY2(retried, qPrintable(retried ? QString() : describeStoreError(retried.error())));
    QCOMPARE(store->entries().size(), 6);
    QVERIFY(store->entry(m_ids.value(QStringLiteral("alice")))->hasPrivateKey);
    QCOMPARE(store->identities()->size(), 1);
    QVERIFY(store.reopen());
    checkEarlierCertificates(store);
    QCOMPARE(store->entries().size(), 6);
    checkEveryFileWhole(store);
}

void TestStoreCrashSafety::interruptedImportChangesNothing_data()
{
    interruptedImport_data();
}

// The header promises more than a sound store: a change is written "whole, or nothing", and
// StoreError::Io means "nothing was changed". So no certificate or key of the failed import may
// be left behind, before or after reopening.
void TestStoreCrashSafety::interruptedImportChangesNothing()
{
    QFETCH(int, failingWrite);
    StoreFixture store;
    storeWithTwoCertificates(store);
    const QMap<QString, qint64> before = store.listing();

    Store::CertificateStore::failWritesAfter(failingWrite);
    const auto interrupted = store->importData(m_import, secret(filePassphrase));
    Store::CertificateStore::failWritesAfter(-1);
    QVERIFY(!interrupted);

    QStringList ids;
    for (const Store::Entry &entry : store->entries()) {
        ids.append(entry.id);
    }
    QCOMPARE(ids.size(), 2);
    QVERIFY(store.reopen());
    QCOMPARE(store->entries().size(), 2);
    QCOMPARE(store.listing().keys(), before.keys());
}

QTEST_GUILESS_MAIN(TestStoreCrashSafety)
#include "tst_storecrashsafety.moc"
