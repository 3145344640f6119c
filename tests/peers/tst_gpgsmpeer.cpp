// GnuPG's gpgsm as an independent S/MIME peer, in both directions. gpgsm gets a home folder of
// its own, imports a 3DES/SHA-1 PKCS#12 (the only scheme gpgsm 2.2 accepts), trusts the test
// CA through trustlist.txt and is driven non-interactively with a loopback pinentry. Its agent
// is stopped when the suite ends.

#include "MimeSamples.h"
#include "PeerTools.h"
#include "TestSupport.h"

#include "core/crypto/Cms.h"
#include "core/smime/SecureMessage.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Postern;
using namespace Postern::Test;

Q_DECLARE_METATYPE(Postern::Crypto::ContentCipher)

namespace {

const QByteArray passphrase = QByteArrayLiteral("peer test passphrase");

} // namespace

class TestGpgsmPeer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void gpgsmEncryptsPosternDecrypts();
    void posternEncryptsGpgsmDecrypts_data();
    void posternEncryptsGpgsmDecrypts();
    void gpgsmSignsPosternVerifies();
    void posternSignsGpgsmVerifies();

private:
    ToolRun gpgsm(const QStringList &arguments, const QByteArray &input = {}) const;
    ToolRun gpgsmWithPassphrase(const QStringList &arguments) const;
    bool prepareHome();
    QString writeTemporary(const QString &name, const QByteArray &data) const;

    QTemporaryDir m_dir;
    TestPki m_pki;
    QString m_home;
    bool m_agentMayRun = false;
};

ToolRun TestGpgsmPeer::gpgsm(const QStringList &arguments, const QByteArray &input) const
{
    return runTool(QStringLiteral("gpgsm"),
                   QStringList{QStringLiteral("--homedir"), m_home, QStringLiteral("--batch"),
                               QStringLiteral("--no-tty")}
                           + arguments,
                   input);
}

ToolRun TestGpgsmPeer::gpgsmWithPassphrase(const QStringList &arguments) const
{
    return gpgsm(QStringList{QStringLiteral("--pinentry-mode"), QStringLiteral("loopback"),
                             QStringLiteral("--passphrase-fd"), QStringLiteral("0")}
                         + arguments,
                 passphrase + '\n');
}

QString TestGpgsmPeer::writeTemporary(const QString &name, const QByteArray &data) const
{
    const QString path = m_dir.filePath(name);
    return writeFile(path, data) ? path : QString();
}

// gpg-agent.conf lets the passphrase come from stdin; trustlist.txt makes the test CA a root
// ("relax": no further checks on it); the CRL checks would need a dirmngr and a network.
bool TestGpgsmPeer::prepareHome()
{
    QDir(m_dir.path()).mkdir(QStringLiteral("gnupg"));
    m_home = m_dir.filePath(QStringLiteral("gnupg"));
    QFile::setPermissions(m_home,
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    const ToolRun fingerprint = runTool(QStringLiteral("openssl"),
                                        {QStringLiteral("x509"), QStringLiteral("-in"),
                                         m_pki.caCertPath(), QStringLiteral("-noout"),
                                         QStringLiteral("-fingerprint"), QStringLiteral("-sha1")});
    const QByteArray colonHex = fingerprint.out.mid(fingerprint.out.indexOf('=') + 1).trimmed();
    return fingerprint.succeeded() && !colonHex.isEmpty()
           && writeFile(m_home + QStringLiteral("/gpg-agent.conf"), "allow-loopback-pinentry\n")
           && writeFile(m_home + QStringLiteral("/gpgsm.conf"), "disable-crl-checks\n")
           && writeFile(m_home + QStringLiteral("/trustlist.txt"), colonHex + " S relax\n");
}

void TestGpgsmPeer::initTestCase()
{
    POSTERN_REQUIRE_TOOL("openssl");
    POSTERN_REQUIRE_TOOL("gpgsm");
    POSTERN_REQUIRE_TOOL("gpgconf");
    QVERIFY(m_dir.isValid());
    QVERIFY2(m_pki.create(m_dir.path()), qPrintable(m_pki.error()));
    QVERIFY(prepareHome());
    m_agentMayRun = true;

    const QString p12 = m_pki.makePkcs12(QStringLiteral("alice"), passphrase, true);
    QVERIFY(!p12.isEmpty());
    for (const QString &certificate :
         {m_pki.caCertPath(), m_pki.person(QStringLiteral("alice")).certPath}) {
        const ToolRun imported = gpgsm({QStringLiteral("--import"), certificate});
        QVERIFY2(imported.succeeded(), qPrintable(imported.summary()));
    }
    const ToolRun importedKey = gpgsmWithPassphrase({QStringLiteral("--import"), p12});
    QVERIFY2(importedKey.succeeded(), qPrintable(importedKey.summary()));
    const ToolRun secret = gpgsm({QStringLiteral("--list-secret-keys")});
    QVERIFY2(secret.out.contains("alice@example.org"), qPrintable(secret.summary()));
}

void TestGpgsmPeer::cleanupTestCase()
{
    if (m_agentMayRun) {
        const ToolRun killed = runTool(QStringLiteral("gpgconf"),
                                       {QStringLiteral("--homedir"), m_home,
                                        QStringLiteral("--kill"), QStringLiteral("all")});
        QVERIFY2(killed.succeeded(), qPrintable(killed.summary()));
    }
}

void TestGpgsmPeer::gpgsmEncryptsPosternDecrypts()
{
    const QString plain = writeTemporary(QStringLiteral("entity.txt"), sampleEntity());
    const QString cms = m_dir.filePath(QStringLiteral("gpgsm-encrypted.p7m"));
    QFile::remove(cms);
    const ToolRun encrypted =
            gpgsm({QStringLiteral("--encrypt"), QStringLiteral("--recipient"),
                   QStringLiteral("alice@example.org"), QStringLiteral("--output"), cms, plain});
    QVERIFY2(encrypted.succeeded(), qPrintable(encrypted.summary()));
    const QByteArray message =
            pkcs7MimeMessage(sampleOuterHeaders("bob@example.org", "alice@example.org"),
                             readFile(cms), "enveloped-data");

    Smime::ReadOptions options;
    options.identities = {m_pki.identity(QStringLiteral("bob")),
                          m_pki.identity(QStringLiteral("alice"))};
    const auto result = Smime::read(message, options);
    QVERIFY2(result, qPrintable(result ? QString() : result.error().detail));
    QCOMPARE(result->layers.size(), 1);
    QVERIFY2(result->layers.constFirst().opened, qPrintable(result->layers.constFirst().problem));
    QCOMPARE(result->layers.constFirst().decryption.contentCipher, QStringLiteral("AES-128-CBC"));
    QCOMPARE(result->innerEntity, sampleEntity());
    QCOMPARE(result->integrity, Smime::Integrity::Unverifiable);
}

void TestGpgsmPeer::posternEncryptsGpgsmDecrypts_data()
{
    QTest::addColumn<Crypto::ContentCipher>("cipher");
    QTest::newRow("aes256-cbc") << Crypto::ContentCipher::Aes256Cbc;
    QTest::newRow("aes128-cbc") << Crypto::ContentCipher::Aes128Cbc;
}

void TestGpgsmPeer::posternEncryptsGpgsmDecrypts()
{
    QFETCH(Crypto::ContentCipher, cipher);

    const auto encrypted = Smime::encryptMessage(
            sampleMessage("bob@example.org", "alice@example.org"),
            {m_pki.certificate(QStringLiteral("alice"))}, Crypto::EncryptOptions{cipher, false});
    QVERIFY2(encrypted, qPrintable(encrypted ? QString() : encrypted.error().detail));
    const QByteArray der = decodeBase64Body(*encrypted);
    QVERIFY(!der.isEmpty());
    const QString cms = writeTemporary(QStringLiteral("postern-encrypted.p7m"), der);

    const QString plain = m_dir.filePath(QStringLiteral("gpgsm-decrypted.txt"));
    QFile::remove(plain);
    const ToolRun decrypted = gpgsmWithPassphrase(
            {QStringLiteral("--decrypt"), QStringLiteral("--output"), plain, cms});
    QVERIFY2(decrypted.succeeded(), qPrintable(decrypted.summary()));
    QString difference;
    QVERIFY2(sameEntity(readFile(plain), sampleEntity(), &difference), qPrintable(difference));
}

void TestGpgsmPeer::gpgsmSignsPosternVerifies()
{
    const QString plain = writeTemporary(QStringLiteral("entity.txt"), sampleEntity());
    const QString signature = m_dir.filePath(QStringLiteral("gpgsm-signature.b64"));
    QFile::remove(signature);
    const ToolRun signedRun = gpgsmWithPassphrase(
            {QStringLiteral("--detach-sign"), QStringLiteral("--base64"),
             QStringLiteral("--local-user"), QStringLiteral("alice@example.org"),
             QStringLiteral("--output"), signature, plain});
    QVERIFY2(signedRun.succeeded(), qPrintable(signedRun.summary()));
    const QByteArray der = QByteArray::fromBase64(readFile(signature));
    QVERIFY(!der.isEmpty());
    const QByteArray message = multipartSignedMessage(
            sampleOuterHeaders("alice@example.org", "bob@example.org"), sampleEntity(), der);

    Smime::ReadOptions options;
    options.trust = m_pki.trust();
    const auto result = Smime::read(message, options);
    QVERIFY2(result, qPrintable(result ? QString() : result.error().detail));
    QCOMPARE(result->layers.size(), 1);
    const Crypto::SignatureOutcome &outcome = result->layers.constFirst().signature;
    QVERIFY2(outcome.status == Crypto::SignatureStatus::Valid,
             qPrintable(Crypto::describe(outcome.status) + QStringLiteral(": ") + outcome.detail));
    QVERIFY(outcome.signers.constFirst().certificate == m_pki.certificate(QStringLiteral("alice")));
    QCOMPARE(result->integrity, Smime::Integrity::Intact);
    QCOMPARE(result->innerEntity, sampleEntity());
}

void TestGpgsmPeer::posternSignsGpgsmVerifies()
{
    const auto signedMessage =
            Smime::signMessage(sampleMessage("alice@example.org", "bob@example.org"),
                               m_pki.identity(QStringLiteral("alice")), Smime::SignMode::Detached);
    QVERIFY2(signedMessage, qPrintable(signedMessage ? QString() : signedMessage.error().detail));
    const QList<QByteArray> parts = multipartBodyParts(*signedMessage);
    QCOMPARE(parts.size(), 2);
    const QString content = writeTemporary(QStringLiteral("postern-signed-part.txt"), parts.at(0));
    const QString signature =
            writeTemporary(QStringLiteral("postern-signature.p7s"), decodeBase64Body(parts.at(1)));

    const ToolRun verified = gpgsm({QStringLiteral("--status-fd"), QStringLiteral("1"),
                                    QStringLiteral("--verify"), signature, content});
    QVERIFY2(verified.succeeded(), qPrintable(verified.summary()));
    QVERIFY2(verified.out.contains("[GNUPG:] GOODSIG"), verified.out.constData());
    QVERIFY2(verified.out.contains("[GNUPG:] TRUST_FULLY"), verified.out.constData());
    QString difference;
    QVERIFY2(sameEntity(parts.at(0), sampleEntity(), &difference), qPrintable(difference));
}

QTEST_GUILESS_MAIN(TestGpgsmPeer)
#include "tst_gpgsmpeer.moc"
