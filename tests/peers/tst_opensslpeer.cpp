// OpenSSL's `cms` command as an independent S/MIME peer, in both directions: what openssl
// writes, Postern must read byte-exactly and verify; what Postern writes, openssl must open.
// Every key and certificate is made at run time (TestPki), so nothing here needs a corpus.

#include "MimeSamples.h"
#include "PeerTools.h"
#include "TestSupport.h"

#include "core/crypto/Cms.h"
#include "core/smime/SecureMessage.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Postern;
using namespace Postern::Test;

Q_DECLARE_METATYPE(Postern::Crypto::ContentCipher)
Q_DECLARE_METATYPE(Postern::Smime::SignMode)

class TestOpensslPeer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void opensslEncrypts_data();
    void opensslEncrypts();
    void opensslSigns_data();
    void opensslSigns();
    void opensslSignsThenEncrypts_data();
    void opensslSignsThenEncrypts();
    void posternEncrypts_data();
    void posternEncrypts();
    void posternSigns_data();
    void posternSigns();
    void posternSignsAndEncrypts_data();
    void posternSignsAndEncrypts();

private:
    ToolRun openssl(const QStringList &arguments, const QByteArray &input = {}) const;
    QString writeTemporary(const QString &name, const QByteArray &data) const;
    Smime::ReadOptions readOptionsFor(const QString &person) const;
    ToolRun opensslDecrypt(const QString &file, const QString &person) const;

    QTemporaryDir m_dir;
    TestPki m_pki;
};

namespace {

QByteArray email(const QString &person)
{
    return person.toUtf8() + "@example.org";
}

QString detailOf(const Result<Smime::ReadResult, Smime::ReadError> &result)
{
    return result ? QString() : result.error().detail;
}

} // namespace

void TestOpensslPeer::initTestCase()
{
    POSTERN_REQUIRE_TOOL("openssl");
    QVERIFY(m_dir.isValid());
    QVERIFY2(m_pki.create(m_dir.path()), qPrintable(m_pki.error()));
    QVERIFY(!m_pki.caCertificate().isNull());
    for (const QString &person : {QStringLiteral("alice"), QStringLiteral("bob"),
                                  QStringLiteral("carol"), QStringLiteral("dave")}) {
        QVERIFY2(!m_pki.identity(person).key.isNull(), qPrintable(person));
    }
}

ToolRun TestOpensslPeer::openssl(const QStringList &arguments, const QByteArray &input) const
{
    return runTool(QStringLiteral("openssl"), arguments, input);
}

QString TestOpensslPeer::writeTemporary(const QString &name, const QByteArray &data) const
{
    const QString path = m_dir.filePath(name);
    return writeFile(path, data) ? path : QString();
}

// Every identity is offered, the right one last, so the reader has to pick the recipient.
Smime::ReadOptions TestOpensslPeer::readOptionsFor(const QString &person) const
{
    Smime::ReadOptions options;
    for (const QString &other : {QStringLiteral("alice"), QStringLiteral("bob"),
                                 QStringLiteral("carol"), QStringLiteral("dave")}) {
        if (other != person) {
            options.identities.append(m_pki.identity(other));
        }
    }
    options.identities.append(m_pki.identity(person));
    options.trust = m_pki.trust();
    return options;
}

ToolRun TestOpensslPeer::opensslDecrypt(const QString &file, const QString &person) const
{
    return openssl({QStringLiteral("cms"), QStringLiteral("-decrypt"), QStringLiteral("-in"), file,
                    QStringLiteral("-recip"), m_pki.person(person).certPath,
                    QStringLiteral("-inkey"), m_pki.person(person).keyPath});
}

void TestOpensslPeer::opensslEncrypts_data()
{
    QTest::addColumn<QStringList>("cipherOptions");
    QTest::addColumn<QStringList>("recipientOptions");
    QTest::addColumn<QString>("recipient");
    QTest::addColumn<QString>("contentCipher");
    QTest::addColumn<QString>("keyManagement");

    const QStringList none;
    const QStringList oaep{QStringLiteral("-keyopt"), QStringLiteral("rsa_padding_mode:oaep")};
    const QString rsa = QStringLiteral("RSA PKCS#1 v1.5");
    const QString ecdh = QStringLiteral("ECDH");
    QTest::newRow("aes128-cbc, rsa")
            << QStringList{QStringLiteral("-aes128")} << none << QStringLiteral("alice")
            << QStringLiteral("AES-128-CBC") << rsa;
    QTest::newRow("aes192-cbc, rsa")
            << QStringList{QStringLiteral("-aes192")} << none << QStringLiteral("bob")
            << QStringLiteral("AES-192-CBC") << rsa;
    QTest::newRow("aes256-cbc, rsa")
            << QStringList{QStringLiteral("-aes256")} << none << QStringLiteral("alice")
            << QStringLiteral("AES-256-CBC") << rsa;
    QTest::newRow("aes128-gcm, rsa")
            << QStringList{QStringLiteral("-aes-128-gcm")} << none << QStringLiteral("alice")
            << QStringLiteral("AES-128-GCM") << rsa;
    QTest::newRow("aes256-gcm, rsa")
            << QStringList{QStringLiteral("-aes-256-gcm")} << none << QStringLiteral("bob")
            << QStringLiteral("AES-256-GCM") << rsa;
    QTest::newRow("aes256-cbc, rsa-oaep")
            << QStringList{QStringLiteral("-aes256")} << oaep << QStringLiteral("alice")
            << QStringLiteral("AES-256-CBC") << QStringLiteral("RSA-OAEP");
    QTest::newRow("aes128-gcm, rsa-oaep")
            << QStringList{QStringLiteral("-aes-128-gcm")} << oaep << QStringLiteral("bob")
            << QStringLiteral("AES-128-GCM") << QStringLiteral("RSA-OAEP");
    QTest::newRow("aes128-cbc, ecdh p-256")
            << QStringList{QStringLiteral("-aes128")} << none << QStringLiteral("carol")
            << QStringLiteral("AES-128-CBC") << ecdh;
    QTest::newRow("aes256-cbc, ecdh p-384")
            << QStringList{QStringLiteral("-aes256")} << none << QStringLiteral("dave")
            << QStringLiteral("AES-256-CBC") << ecdh;
    QTest::newRow("aes256-gcm, ecdh p-256")
            << QStringList{QStringLiteral("-aes-256-gcm")} << none << QStringLiteral("carol")
            << QStringLiteral("AES-256-GCM") << ecdh;
    QTest::newRow("des3, rsa (old mail)")
            << QStringList{QStringLiteral("-des3")} << none << QStringLiteral("alice")
            << QStringLiteral("DES-EDE3-CBC") << rsa;
}

void TestOpensslPeer::opensslEncrypts()
{
    QFETCH(QStringList, cipherOptions);
    QFETCH(QStringList, recipientOptions);
    QFETCH(QString, recipient);
    QFETCH(QString, contentCipher);
    QFETCH(QString, keyManagement);

    const ToolRun encrypted = openssl(
            QStringList{QStringLiteral("cms"), QStringLiteral("-encrypt"),
                        QStringLiteral("-binary"), QStringLiteral("-crlfeol"),
                        QStringLiteral("-from"), QStringLiteral("alice@example.org"),
                        QStringLiteral("-to"), QString::fromUtf8(email(recipient)),
                        QStringLiteral("-subject"), QStringLiteral("Interop review")}
                    + cipherOptions
                    + QStringList{QStringLiteral("-recip"), m_pki.person(recipient).certPath}
                    + recipientOptions,
            sampleEntity());
    QVERIFY2(encrypted.succeeded(), qPrintable(encrypted.summary()));

    const auto result = Smime::read(encrypted.out, readOptionsFor(recipient));
    QVERIFY2(result, qPrintable(detailOf(result)));
    QCOMPARE(result->layers.size(), 1);
    const Smime::Layer &layer = result->layers.constFirst();
    QVERIFY2(layer.opened, qPrintable(layer.problem));
    QCOMPARE(layer.kind, Smime::LayerKind::Encrypted);
    QVERIFY(result->complete);
    QCOMPARE(result->innerEntity, sampleEntity());
    QCOMPARE(layer.decryption.contentCipher, contentCipher);
    QCOMPARE(layer.decryption.keyManagement, keyManagement);
    QVERIFY(layer.decryption.recipient == m_pki.certificate(recipient));

    const bool gcm = contentCipher.endsWith(QLatin1String("GCM"));
    QCOMPARE(layer.cmsType,
             gcm ? Crypto::CmsType::AuthEnvelopedData : Crypto::CmsType::EnvelopedData);
    QCOMPARE(layer.decryption.authenticated, gcm);
    QCOMPARE(result->integrity, gcm ? Smime::Integrity::Intact : Smime::Integrity::Unverifiable);
}

void TestOpensslPeer::opensslSigns_data()
{
    QTest::addColumn<QStringList>("signOptions");
    QTest::addColumn<QString>("signer");
    QTest::addColumn<QString>("digest");

    const QString sha256 = QStringLiteral("SHA256");
    QTest::newRow("detached, rsa, crlf")
            << QStringList{QStringLiteral("-crlfeol")} << QStringLiteral("alice") << sha256;
    QTest::newRow("detached, rsa, lf line ends (openssl default)")
            << QStringList{} << QStringLiteral("alice") << sha256;
    QTest::newRow("opaque, rsa") << QStringList{QStringLiteral("-nodetach"),
                                                QStringLiteral("-crlfeol")}
                                 << QStringLiteral("alice") << sha256;
    QTest::newRow("detached, ecdsa p-256")
            << QStringList{QStringLiteral("-crlfeol")} << QStringLiteral("carol") << sha256;
    QTest::newRow("opaque, ecdsa p-384, sha384")
            << QStringList{QStringLiteral("-nodetach"), QStringLiteral("-crlfeol"),
                           QStringLiteral("-md"), QStringLiteral("sha384")}
            << QStringLiteral("dave") << QStringLiteral("SHA384");
}

void TestOpensslPeer::opensslSigns()
{
    QFETCH(QStringList, signOptions);
    QFETCH(QString, signer);
    QFETCH(QString, digest);

    const TestPki::Person &who = m_pki.person(signer);
    const ToolRun signedRun =
            openssl(QStringList{QStringLiteral("cms"), QStringLiteral("-sign"),
                                QStringLiteral("-signer"), who.certPath, QStringLiteral("-inkey"),
                                who.keyPath, QStringLiteral("-from"), who.email,
                                QStringLiteral("-to"), QStringLiteral("bob@example.org"),
                                QStringLiteral("-subject"), QStringLiteral("Interop review")}
                            + signOptions,
                    sampleEntity());
    QVERIFY2(signedRun.succeeded(), qPrintable(signedRun.summary()));

    const auto result = Smime::read(signedRun.out, readOptionsFor(QStringLiteral("bob")));
    QVERIFY2(result, qPrintable(detailOf(result)));
    QCOMPARE(result->layers.size(), 1);
    QCOMPARE(result->layers.constFirst().kind, Smime::LayerKind::Signed);
    const Crypto::SignatureOutcome &signature = result->layers.constFirst().signature;
    QVERIFY2(signature.status == Crypto::SignatureStatus::Valid,
             qPrintable(Crypto::describe(signature.status) + QStringLiteral(": ")
                        + signature.detail));
    QVERIFY(signature.signatureIntact);
    QCOMPARE(signature.signers.size(), 1);
    QVERIFY(signature.signers.constFirst().certificate == m_pki.certificate(signer));
    QCOMPARE(signature.signers.constFirst().digestAlgorithm, digest);
    QCOMPARE(result->fromAddress, who.email);
    QCOMPARE(result->integrity, Smime::Integrity::Intact);
    QVERIFY(result->complete);
    QCOMPARE(result->innerEntity, sampleEntity());
}

void TestOpensslPeer::opensslSignsThenEncrypts_data()
{
    QTest::addColumn<QStringList>("signOptions");
    QTest::addColumn<QString>("cipher");
    QTest::addColumn<QString>("recipient");

    QTest::newRow("detached signature, aes256-cbc to rsa")
            << QStringList{} << QStringLiteral("-aes256") << QStringLiteral("bob");
    QTest::newRow("opaque signature, aes128-gcm to ec p-256")
            << QStringList{QStringLiteral("-nodetach")} << QStringLiteral("-aes-128-gcm")
            << QStringLiteral("carol");
    QTest::newRow("detached signature, aes128-cbc to ec p-384")
            << QStringList{} << QStringLiteral("-aes128") << QStringLiteral("dave");
}

void TestOpensslPeer::opensslSignsThenEncrypts()
{
    QFETCH(QStringList, signOptions);
    QFETCH(QString, cipher);
    QFETCH(QString, recipient);

    const TestPki::Person &alice = m_pki.person(QStringLiteral("alice"));
    const ToolRun signedRun =
            openssl(QStringList{QStringLiteral("cms"), QStringLiteral("-sign"),
                                QStringLiteral("-crlfeol"), QStringLiteral("-signer"),
                                alice.certPath, QStringLiteral("-inkey"), alice.keyPath}
                            + signOptions,
                    sampleEntity());
    QVERIFY2(signedRun.succeeded(), qPrintable(signedRun.summary()));
    const ToolRun encrypted = openssl(
            {QStringLiteral("cms"), QStringLiteral("-encrypt"), QStringLiteral("-binary"),
             QStringLiteral("-crlfeol"), QStringLiteral("-from"), alice.email,
             QStringLiteral("-to"), m_pki.person(recipient).email, QStringLiteral("-subject"),
             QStringLiteral("Interop review"), cipher, m_pki.person(recipient).certPath},
            signedRun.out);
    QVERIFY2(encrypted.succeeded(), qPrintable(encrypted.summary()));

    const auto result = Smime::read(encrypted.out, readOptionsFor(recipient));
    QVERIFY2(result, qPrintable(detailOf(result)));
    QCOMPARE(result->layers.size(), 2);
    QCOMPARE(result->layers.at(0).kind, Smime::LayerKind::Encrypted);
    QCOMPARE(result->layers.at(1).kind, Smime::LayerKind::Signed);
    const Crypto::SignatureOutcome &signature = result->layers.at(1).signature;
    QVERIFY2(signature.status == Crypto::SignatureStatus::Valid,
             qPrintable(Crypto::describe(signature.status) + QStringLiteral(": ")
                        + signature.detail));
    QCOMPARE(result->integrity, Smime::Integrity::Intact);
    QVERIFY(result->complete);
    QCOMPARE(result->innerEntity, sampleEntity());
}

void TestOpensslPeer::posternEncrypts_data()
{
    QTest::addColumn<Crypto::ContentCipher>("cipher");
    QTest::addColumn<bool>("oaep");
    QTest::addColumn<QStringList>("recipients");
    QTest::addColumn<QString>("printedCipher");
    QTest::addColumn<QString>("printedKeyAlgorithm");

    using Crypto::ContentCipher;
    const QStringList alice{QStringLiteral("alice")};
    const QString rsa = QStringLiteral("rsaEncryption");
    const QString kari = QStringLiteral("d.kari:");
    QTest::newRow("aes128-cbc") << ContentCipher::Aes128Cbc << false << alice
                                << QStringLiteral("aes-128-cbc") << rsa;
    QTest::newRow("aes192-cbc") << ContentCipher::Aes192Cbc << false << alice
                                << QStringLiteral("aes-192-cbc") << rsa;
    QTest::newRow("aes256-cbc") << ContentCipher::Aes256Cbc << false << alice
                                << QStringLiteral("aes-256-cbc") << rsa;
    QTest::newRow("aes128-gcm") << ContentCipher::Aes128Gcm << false << alice
                                << QStringLiteral("aes-128-gcm") << rsa;
    QTest::newRow("aes256-gcm") << ContentCipher::Aes256Gcm << false << alice
                                << QStringLiteral("aes-256-gcm") << rsa;
    QTest::newRow("aes256-cbc, rsa-oaep")
            << ContentCipher::Aes256Cbc << true << alice << QStringLiteral("aes-256-cbc")
            << QStringLiteral("rsaesOaep");
    QTest::newRow("aes256-gcm, rsa-oaep")
            << ContentCipher::Aes256Gcm << true << alice << QStringLiteral("aes-256-gcm")
            << QStringLiteral("rsaesOaep");
    QTest::newRow("aes256-cbc, ecdh p-256")
            << ContentCipher::Aes256Cbc << false << QStringList{QStringLiteral("carol")}
            << QStringLiteral("aes-256-cbc") << kari;
    QTest::newRow("aes128-gcm, ecdh p-384")
            << ContentCipher::Aes128Gcm << false << QStringList{QStringLiteral("dave")}
            << QStringLiteral("aes-128-gcm") << kari;
    QTest::newRow("rsa and ec recipients together")
            << ContentCipher::Aes256Cbc << false
            << QStringList{QStringLiteral("alice"), QStringLiteral("bob"), QStringLiteral("carol"),
                           QStringLiteral("dave")}
            << QStringLiteral("aes-256-cbc") << kari;
}

void TestOpensslPeer::posternEncrypts()
{
    QFETCH(Crypto::ContentCipher, cipher);
    QFETCH(bool, oaep);
    QFETCH(QStringList, recipients);
    QFETCH(QString, printedCipher);
    QFETCH(QString, printedKeyAlgorithm);

    QList<Crypto::Certificate> certificates;
    for (const QString &recipient : recipients) {
        certificates.append(m_pki.certificate(recipient));
    }
    const auto encrypted =
            Smime::encryptMessage(sampleMessage("alice@example.org", "bob@example.org"),
                                  certificates, Crypto::EncryptOptions{cipher, oaep});
    QVERIFY2(encrypted, qPrintable(encrypted ? QString() : encrypted.error().detail));
    const EntityParts top = splitEntity(*encrypted);
    QCOMPARE(headerValue(top.headers, "Subject"), QByteArray("Interop review"));
    QVERIFY(headerValue(top.headers, "Content-Type").startsWith("application/pkcs7-mime"));
    const QString file = writeTemporary(QStringLiteral("postern-encrypted.eml"), *encrypted);

    const ToolRun printed =
            openssl({QStringLiteral("cms"), QStringLiteral("-cmsout"), QStringLiteral("-print"),
                     QStringLiteral("-noout"), QStringLiteral("-in"), file});
    QVERIFY2(printed.succeeded(), qPrintable(printed.summary()));
    QVERIFY2(printed.out.contains(printedCipher.toUtf8()), printed.out.constData());
    QVERIFY2(printed.out.contains(printedKeyAlgorithm.toUtf8()), printed.out.constData());

    for (const QString &recipient : recipients) {
        const ToolRun decrypted = opensslDecrypt(file, recipient);
        QVERIFY2(decrypted.succeeded(),
                 qPrintable(recipient + QLatin1Char(' ') + decrypted.summary()));
        QString difference;
        QVERIFY2(sameEntity(decrypted.out, sampleEntity(), &difference), qPrintable(difference));
    }
}

void TestOpensslPeer::posternSigns_data()
{
    QTest::addColumn<Smime::SignMode>("mode");
    QTest::addColumn<QString>("signer");

    QTest::newRow("detached, rsa") << Smime::SignMode::Detached << QStringLiteral("alice");
    QTest::newRow("opaque, rsa") << Smime::SignMode::Opaque << QStringLiteral("alice");
    QTest::newRow("detached, ecdsa p-256") << Smime::SignMode::Detached << QStringLiteral("carol");
    QTest::newRow("opaque, ecdsa p-384") << Smime::SignMode::Opaque << QStringLiteral("dave");
}

void TestOpensslPeer::posternSigns()
{
    QFETCH(Smime::SignMode, mode);
    QFETCH(QString, signer);

    const auto signedMessage = Smime::signMessage(sampleMessage(email(signer), "bob@example.org"),
                                                  m_pki.identity(signer), mode);
    QVERIFY2(signedMessage, qPrintable(signedMessage ? QString() : signedMessage.error().detail));
    const QByteArray contentType = headerValue(splitEntity(*signedMessage).headers, "Content-Type");
    if (mode == Smime::SignMode::Detached) {
        QVERIFY2(contentType.startsWith("multipart/signed"), contentType.constData());
        QCOMPARE(parameterValue(contentType, "protocol"),
                 QByteArray("application/pkcs7-signature"));
        QVERIFY2(!parameterValue(contentType, "micalg").isEmpty(), contentType.constData());
    } else {
        QVERIFY2(contentType.startsWith("application/pkcs7-mime"), contentType.constData());
    }
    const QString file = writeTemporary(QStringLiteral("postern-signed.eml"), *signedMessage);

    const ToolRun verified =
            openssl({QStringLiteral("cms"), QStringLiteral("-verify"), QStringLiteral("-in"), file,
                     QStringLiteral("-CAfile"), m_pki.caCertPath()});
    QVERIFY2(verified.succeeded(), qPrintable(verified.summary()));
    QString difference;
    QVERIFY2(sameEntity(verified.out, sampleEntity(), &difference), qPrintable(difference));
}

void TestOpensslPeer::posternSignsAndEncrypts_data()
{
    QTest::addColumn<Crypto::ContentCipher>("cipher");
    QTest::addColumn<bool>("oaep");
    QTest::addColumn<QString>("recipient");

    QTest::newRow("aes256-cbc to rsa")
            << Crypto::ContentCipher::Aes256Cbc << false << QStringLiteral("bob");
    QTest::newRow("aes128-gcm to rsa-oaep")
            << Crypto::ContentCipher::Aes128Gcm << true << QStringLiteral("bob");
    QTest::newRow("aes192-cbc to ec p-256")
            << Crypto::ContentCipher::Aes192Cbc << false << QStringLiteral("carol");
    QTest::newRow("aes256-gcm to ec p-384")
            << Crypto::ContentCipher::Aes256Gcm << false << QStringLiteral("dave");
}

void TestOpensslPeer::posternSignsAndEncrypts()
{
    QFETCH(Crypto::ContentCipher, cipher);
    QFETCH(bool, oaep);
    QFETCH(QString, recipient);

    const auto protectedMessage = Smime::signAndEncryptMessage(
            sampleMessage("alice@example.org", email(recipient)),
            m_pki.identity(QStringLiteral("alice")), {m_pki.certificate(recipient)},
            Crypto::EncryptOptions{cipher, oaep});
    QVERIFY2(protectedMessage,
             qPrintable(protectedMessage ? QString() : protectedMessage.error().detail));
    const QString file = writeTemporary(QStringLiteral("postern-both.eml"), *protectedMessage);

    const ToolRun decrypted = opensslDecrypt(file, recipient);
    QVERIFY2(decrypted.succeeded(), qPrintable(decrypted.summary()));
    const QString inner = writeTemporary(QStringLiteral("postern-both-inner.eml"), decrypted.out);
    const ToolRun verified =
            openssl({QStringLiteral("cms"), QStringLiteral("-verify"), QStringLiteral("-in"), inner,
                     QStringLiteral("-CAfile"), m_pki.caCertPath()});
    QVERIFY2(verified.succeeded(), qPrintable(verified.summary()));
    QString difference;
    QVERIFY2(sameEntity(verified.out, sampleEntity(), &difference), qPrintable(difference));
}

QTEST_GUILESS_MAIN(TestOpensslPeer)
#include "tst_opensslpeer.moc"
