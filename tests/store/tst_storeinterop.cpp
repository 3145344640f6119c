// The certificate store's PKCS#12 files against independent programs: openssl opens what the
// store exports (modern scheme), gpgsm 2.2 imports the legacy export and decrypts mail Postern
// encrypted to that identity, and the store imports what `openssl pkcs12 -export` writes.

#include "MimeSamples.h"
#include "StoreFixtures.h"

#include "core/smime/SecureMessage.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Postern;
using namespace Postern::Test;

namespace {

const QByteArray exportPassphrase = QByteArrayLiteral("export passphrase 11");

} // namespace

class TestStoreInterop : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void modernExportOpensWithOpenssl();
    void legacyExportWorksInGpgsm();
    void opensslExportImports_data();
    void opensslExportImports();

private:
    void storeWithAlice(StoreFixture &store);
    QByteArray exported(StoreFixture &store, Crypto::Pkcs12Scheme scheme);
    bool prepareGpgsmHome();
    ToolRun gpgsm(const QStringList &arguments, const QByteArray &input = {}) const;

    QTemporaryDir m_dir;
    TestPki m_pki;
    QString m_alice;
    QString m_ca;
    QString m_home;
    bool m_agentMayRun = false;
};

void TestStoreInterop::initTestCase()
{
    POSTERN_REQUIRE_TOOL("openssl");
    QVERIFY(m_dir.isValid());
    QVERIFY2(m_pki.create(m_dir.path()), qPrintable(m_pki.error()));
    m_alice = certificateFacts(m_pki.person(QStringLiteral("alice")).certPath).fingerprint;
    m_ca = certificateFacts(m_pki.caCertPath()).fingerprint;
    QVERIFY(!m_alice.isEmpty() && !m_ca.isEmpty());
}

void TestStoreInterop::cleanupTestCase()
{
    if (m_agentMayRun) {
        const ToolRun killed = runTool(QStringLiteral("gpgconf"),
                                       {QStringLiteral("--homedir"), m_home,
                                        QStringLiteral("--kill"), QStringLiteral("all")});
        QVERIFY2(killed.succeeded(), qPrintable(killed.summary()));
    }
}

void TestStoreInterop::storeWithAlice(StoreFixture &store)
{
    QVERIFY(store.open());
    QVERIFY(store->initialise(secret(storePassphrase)).has_value());
    const QByteArray data = readFile(m_pki.person(QStringLiteral("alice")).identityPath)
                            + readFile(m_pki.caCertPath());
    const auto imported = store->importData(data, Secret());
    QVERIFY2(imported, qPrintable(imported ? QString() : describeStoreError(imported.error())));
    QCOMPARE(imported->keysAdded, 1);
    QVERIFY(store->setTrust(m_ca, Store::Trust::Trusted).has_value());
}

QByteArray TestStoreInterop::exported(StoreFixture &store, Crypto::Pkcs12Scheme scheme)
{
    const auto bundle = store->exportIdentity(m_alice.left(10), secret(exportPassphrase), scheme);
    if (!bundle) {
        qWarning("export failed: %s", qPrintable(describeStoreError(bundle.error())));
        return {};
    }
    return *bundle;
}

void TestStoreInterop::modernExportOpensWithOpenssl()
{
    StoreFixture store;
    storeWithAlice(store);
    const QString path = m_dir.filePath(QStringLiteral("exported-modern.p12"));
    QVERIFY(writeFile(path, exported(store, Crypto::Pkcs12Scheme::Modern)));

    const QString pass = QStringLiteral("pass:") + QString::fromLatin1(exportPassphrase);
    const ToolRun opened = openssl({QStringLiteral("pkcs12"), QStringLiteral("-in"), path,
                                    QStringLiteral("-nodes"), QStringLiteral("-passin"), pass});
    QVERIFY2(opened.succeeded(), qPrintable(opened.summary()));
    const QList<QByteArray> certificates = pemBlocks(opened.out, "CERTIFICATE");
    const QList<QByteArray> keys = pemBlocks(opened.out, "PRIVATE KEY");
    QCOMPARE(certificates.size(), 2); // alice and the CA that issued her certificate
    QCOMPARE(keys.size(), 1);
    const QString first = m_dir.filePath(QStringLiteral("first.pem"));
    QVERIFY(writeFile(first, certificates.constFirst()));
    const CertificateFacts facts = certificateFacts(first);
    QCOMPARE(facts.fingerprint, m_alice);
    QCOMPARE(publicKeyOfPrivateKey(keys.constFirst()), facts.publicKeyPem);

    const ToolRun info =
            openssl({QStringLiteral("pkcs12"), QStringLiteral("-in"), path, QStringLiteral("-info"),
                     QStringLiteral("-noout"), QStringLiteral("-passin"), pass});
    QVERIFY2(info.err.contains("AES-256-CBC") && info.err.contains("MAC: sha256"),
             info.err.constData());
}

ToolRun TestStoreInterop::gpgsm(const QStringList &arguments, const QByteArray &input) const
{
    return runTool(QStringLiteral("gpgsm"),
                   QStringList{QStringLiteral("--homedir"), m_home, QStringLiteral("--batch"),
                               QStringLiteral("--no-tty")}
                           + arguments,
                   input);
}

// Loopback pinentry, the test CA as a root, no CRL checks: what gpgsm needs to run unattended.
bool TestStoreInterop::prepareGpgsmHome()
{
    m_home = m_dir.filePath(QStringLiteral("gnupg"));
    QDir().mkpath(m_home);
    QFile::setPermissions(m_home,
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    const ToolRun fingerprint = openssl({QStringLiteral("x509"), QStringLiteral("-in"),
                                         m_pki.caCertPath(), QStringLiteral("-noout"),
                                         QStringLiteral("-fingerprint"), QStringLiteral("-sha1")});
    const QByteArray colonHex = fingerprint.out.mid(fingerprint.out.indexOf('=') + 1).trimmed();
    m_agentMayRun = true;
    return fingerprint.succeeded() && !colonHex.isEmpty()
           && writeFile(m_home + QStringLiteral("/gpg-agent.conf"), "allow-loopback-pinentry\n")
           && writeFile(m_home + QStringLiteral("/gpgsm.conf"), "disable-crl-checks\n")
           && writeFile(m_home + QStringLiteral("/trustlist.txt"), colonHex + " S relax\n");
}

void TestStoreInterop::legacyExportWorksInGpgsm()
{
    POSTERN_REQUIRE_TOOL("gpgsm");
    POSTERN_REQUIRE_TOOL("gpgconf");
    StoreFixture store;
    storeWithAlice(store);
    const QString p12 = m_dir.filePath(QStringLiteral("exported-legacy.p12"));
    QVERIFY(writeFile(p12, exported(store, Crypto::Pkcs12Scheme::Legacy)));
    QVERIFY(prepareGpgsmHome());
    for (const QString &certificate :
         {m_pki.caCertPath(), m_pki.person(QStringLiteral("alice")).certPath}) {
        const ToolRun imported = gpgsm({QStringLiteral("--import"), certificate});
        QVERIFY2(imported.succeeded(), qPrintable(imported.summary()));
    }
    const QStringList loopback{QStringLiteral("--pinentry-mode"), QStringLiteral("loopback"),
                               QStringLiteral("--passphrase-fd"), QStringLiteral("0")};
    const ToolRun importedKey =
            gpgsm(loopback + QStringList{QStringLiteral("--import"), p12}, exportPassphrase + '\n');
    QVERIFY2(importedKey.succeeded(), qPrintable(importedKey.summary()));
    const ToolRun secretKeys = gpgsm({QStringLiteral("--list-secret-keys")});
    QVERIFY2(secretKeys.out.contains("alice@example.org"), qPrintable(secretKeys.summary()));

    // Postern encrypts to the certificate the store chooses; gpgsm decrypts with the exported key.
    const auto recipient = store->encryptionCertificateFor(QStringLiteral("alice@example.org"));
    QVERIFY(recipient.has_value());
    const auto encrypted =
            Smime::encryptMessage(sampleMessage("bob@example.org", "alice@example.org"),
                                  {recipient->certificate}, Crypto::EncryptOptions{});
    QVERIFY(encrypted);
    const QString cms = m_dir.filePath(QStringLiteral("to-alice.p7m"));
    QVERIFY(writeFile(cms, decodeBase64Body(*encrypted)));
    const QString plain = m_dir.filePath(QStringLiteral("from-gpgsm.txt"));
    const ToolRun decrypted = gpgsm(loopback
                                            + QStringList{QStringLiteral("--decrypt"),
                                                          QStringLiteral("--output"), plain, cms},
                                    exportPassphrase + '\n');
    QVERIFY2(decrypted.succeeded(), qPrintable(decrypted.summary()));
    QString difference;
    QVERIFY2(sameEntity(readFile(plain), sampleEntity(), &difference), qPrintable(difference));
}

void TestStoreInterop::opensslExportImports_data()
{
    QTest::addColumn<QStringList>("options");
    QTest::newRow("openssl 3 default (AES, PBKDF2)") << QStringList();
    QTest::newRow("-legacy (RC2-40, 3DES)") << QStringList{QStringLiteral("-legacy")};
}

void TestStoreInterop::opensslExportImports()
{
    QFETCH(QStringList, options);
    const TestPki::Person &bob = m_pki.person(QStringLiteral("bob"));
    const QString path = m_dir.filePath(QStringLiteral("bob-from-openssl.p12"));
    const ToolRun made = openssl(
            QStringList{QStringLiteral("pkcs12"), QStringLiteral("-export"),
                        QStringLiteral("-inkey"), bob.keyPath, QStringLiteral("-in"), bob.certPath,
                        QStringLiteral("-certfile"), m_pki.caCertPath(), QStringLiteral("-passout"),
                        QStringLiteral("pass:") + QString::fromLatin1(exportPassphrase),
                        QStringLiteral("-out"), path}
            + options);
    QVERIFY2(made.succeeded(), qPrintable(made.summary()));

    StoreFixture store;
    QVERIFY(store.open());
    QVERIFY(store->initialise(secret(storePassphrase)).has_value());
    const auto imported = store->importData(readFile(path), secret(exportPassphrase));
    QVERIFY2(imported, qPrintable(imported ? QString() : describeStoreError(imported.error())));
    const QString bobId = certificateFacts(bob.certPath).fingerprint;
    QStringList added = imported->added;
    std::sort(added.begin(), added.end());
    QStringList expected{bobId, m_ca};
    std::sort(expected.begin(), expected.end());
    QCOMPARE(added, expected);
    QCOMPARE(imported->keysAdded, 1);
    const auto identity = store->identityFor(QStringLiteral("bob@example.org"));
    QVERIFY(identity);
    QCOMPARE(QString::fromLatin1(identity->certificate.sha256Fingerprint()), bobId);
    QVERIFY(identity->key.matches(identity->certificate));
}

QTEST_GUILESS_MAIN(TestStoreInterop)
#include "tst_storeinterop.moc"
