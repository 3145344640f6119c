// Changed bytes must never pass as intact: a flipped byte in signed content or in a signature
// gives Invalid (or Malformed), a flipped byte in AES-GCM gives a decryption problem and no
// content, and CBC without an inner signature is reported as unverifiable (EFAIL).
// Messages come from openssl and from Postern itself; keys are made at run time.

#include "MimeSamples.h"
#include "PeerTools.h"
#include "TestSupport.h"

#include "core/crypto/Cms.h"
#include "core/smime/SecureMessage.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Postern;
using namespace Postern::Test;

class TestTampering : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void signedContentFlip_data();
    void signedContentFlip();
    void signatureDerFlip_data();
    void signatureDerFlip();
    void gcmFlip_data();
    void gcmFlip();
    void cbcIsUnverifiable_data();
    void cbcIsUnverifiable();
    void cbcFlip_data();
    void cbcFlip();
    void cbcFlipInsideSignedText();
    void cbcFlipInsideSignatureBlob();
    void cbcNoiseInTheHeader_data();
    void cbcNoiseInTheHeader();

private:
    QByteArray detachedSigned(const QString &source) const;
    QByteArray encryptedDer(const QString &source, const QString &cipher) const;
    QByteArray signedThenEncryptedDer() const;
    ToolRun decryptedByOpenSsl(const QByteArray &der, const QString &name) const;
    Smime::ReadOptions options() const;

    QTemporaryDir m_dir;
    TestPki m_pki;
};

namespace {

// OIDs as DER (tag, length, value), to find the bytes a row changes.
const QByteArray messageDigestOid = QByteArray::fromHex("06092a864886f70d010904");
const QByteArray signingTimeOid = QByteArray::fromHex("06092a864886f70d010905");
const QByteArray rsa2048SignatureValue = QByteArray::fromHex("04820100");

// The row's byte in a signature: -1 when the layout is not what the row expects.
qsizetype signatureByte(const QByteArray &der, const QString &where)
{
    if (where == QLatin1String("message digest")) {
        const qsizetype at = der.indexOf(messageDigestOid); // OID, SET, OCTET STRING, digest
        return at < 0 ? -1 : at + messageDigestOid.size() + 4 + 5;
    }
    if (where == QLatin1String("signing time")) {
        const qsizetype at = der.indexOf(signingTimeOid); // OID, SET, UTCTime, "YYMMDD…"
        return at < 0 ? -1 : at + signingTimeOid.size() + 4 + 3;
    }
    if (where == QLatin1String("signature value")) {
        const qsizetype at = der.lastIndexOf(rsa2048SignatureValue);
        return at < 0 ? -1 : at + rsa2048SignatureValue.size() + 128;
    }
    return where == QLatin1String("outer tag") ? 0 : -1;
}

const QByteArray aes256CbcOid = QByteArray::fromHex("060960864801650304012a");

// Where the AES-256-CBC ciphertext starts: after the OID, the IV (04 10 …) and the header of
// the primitive [0] encryptedContent. -1 for any other layout.
qsizetype cbcCiphertextStart(const QByteArray &der)
{
    const qsizetype oid = der.indexOf(aes256CbcOid);
    const qsizetype content = oid + aes256CbcOid.size() + 2 + 16;
    if (oid < 0 || content + 2 > der.size() || static_cast<quint8>(der.at(content)) != 0x80) {
        return -1;
    }
    const auto length = static_cast<quint8>(der.at(content + 1));
    return content + 2 + ((length & 0x80) != 0 ? (length & 0x7f) : 0);
}

bool isAuthenticatedFailure(const Smime::Layer &layer)
{
    return !layer.opened && !layer.problem.isEmpty();
}

// The verdict on an untouched message, to prove a row's tampering is what changed it.
Smime::Integrity integrityOf(const QByteArray &message, const Smime::ReadOptions &options)
{
    const auto result = Smime::read(message, options);
    return result ? result->integrity : Smime::Integrity::Unknown;
}

} // namespace

void TestTampering::initTestCase()
{
    POSTERN_REQUIRE_TOOL("openssl");
    QVERIFY(m_dir.isValid());
    QVERIFY2(m_pki.create(m_dir.path()), qPrintable(m_pki.error()));
}

Smime::ReadOptions TestTampering::options() const
{
    Smime::ReadOptions options;
    options.identities = {m_pki.identity(QStringLiteral("alice")),
                          m_pki.identity(QStringLiteral("bob"))};
    options.trust = m_pki.trust();
    return options;
}

QByteArray TestTampering::detachedSigned(const QString &source) const
{
    const TestPki::Person &alice = m_pki.person(QStringLiteral("alice"));
    if (source == QLatin1String("postern")) {
        const auto made = Smime::signMessage(sampleMessage("alice@example.org", "bob@example.org"),
                                             m_pki.identity(alice.name), Smime::SignMode::Detached);
        return made ? *made : QByteArray();
    }
    const ToolRun made =
            runTool(QStringLiteral("openssl"),
                    {QStringLiteral("cms"), QStringLiteral("-sign"), QStringLiteral("-crlfeol"),
                     QStringLiteral("-signer"), alice.certPath, QStringLiteral("-inkey"),
                     alice.keyPath, QStringLiteral("-from"), alice.email, QStringLiteral("-to"),
                     QStringLiteral("bob@example.org"), QStringLiteral("-subject"),
                     QStringLiteral("Interop review")},
                    sampleEntity());
    return made.succeeded() ? made.out : QByteArray();
}

// DER with definite lengths (no streaming), so the GCM tag is the last OCTET STRING.
QByteArray TestTampering::encryptedDer(const QString &source, const QString &cipher) const
{
    if (source == QLatin1String("postern")) {
        const Crypto::ContentCipher contentCipher =
                cipher == QLatin1String("-aes-128-gcm")   ? Crypto::ContentCipher::Aes128Gcm
                : cipher == QLatin1String("-aes-256-gcm") ? Crypto::ContentCipher::Aes256Gcm
                                                          : Crypto::ContentCipher::Aes128Cbc;
        const auto made =
                Smime::encryptMessage(sampleMessage("bob@example.org", "alice@example.org"),
                                      {m_pki.certificate(QStringLiteral("alice"))},
                                      Crypto::EncryptOptions{contentCipher, false});
        return made ? decodeBase64Body(*made) : QByteArray();
    }
    const ToolRun made =
            runTool(QStringLiteral("openssl"),
                    {QStringLiteral("cms"), QStringLiteral("-encrypt"), QStringLiteral("-binary"),
                     QStringLiteral("-outform"), QStringLiteral("DER"), cipher,
                     m_pki.person(QStringLiteral("alice")).certPath},
                    sampleEntity());
    return made.succeeded() ? made.out : QByteArray();
}

void TestTampering::signedContentFlip_data()
{
    QTest::addColumn<QString>("source");
    QTest::newRow("openssl multipart/signed") << QStringLiteral("openssl");
    QTest::newRow("postern multipart/signed") << QStringLiteral("postern");
}

void TestTampering::signedContentFlip()
{
    QFETCH(QString, source);
    const QByteArray message = detachedSigned(source);
    QVERIFY(!message.isEmpty());
    const qsizetype at = message.indexOf(sampleSecretLine);
    QVERIFY2(at > 0, "the signed text is not in the message as written");
    QCOMPARE(integrityOf(message, options()), Smime::Integrity::Intact);

    const auto result = Smime::read(flipByte(message, at), options()); // "Meeting" -> "Leeting"
    QVERIFY2(result, qPrintable(result ? QString() : result.error().detail));
    QCOMPARE(result->layers.size(), 1);
    const Crypto::SignatureOutcome &signature = result->layers.constFirst().signature;
    QVERIFY2(signature.status == Crypto::SignatureStatus::Invalid,
             qPrintable(Crypto::describe(signature.status) + QStringLiteral(": ")
                        + signature.detail));
    QVERIFY(!signature.signatureIntact);
    QCOMPARE(result->integrity, Smime::Integrity::Broken);
}

void TestTampering::signatureDerFlip_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("where");
    for (const QString &source : {QStringLiteral("openssl"), QStringLiteral("postern")}) {
        for (const QString &where :
             {QStringLiteral("message digest"), QStringLiteral("signing time"),
              QStringLiteral("signature value"), QStringLiteral("outer tag")}) {
            QTest::addRow("%s, %s", qPrintable(source), qPrintable(where)) << source << where;
        }
    }
}

void TestTampering::signatureDerFlip()
{
    QFETCH(QString, source);
    QFETCH(QString, where);
    const QByteArray message = detachedSigned(source);
    const QList<QByteArray> parts = multipartBodyParts(message);
    QCOMPARE(parts.size(), 2);
    const QByteArray der = decodeBase64Body(parts.at(1));
    const qsizetype at = signatureByte(der, where);
    QVERIFY2(at >= 0 && at < der.size(), "the signature does not have the expected layout");

    const QByteArray tampered =
            multipartSignedMessage(sampleOuterHeaders("alice@example.org", "bob@example.org"),
                                   parts.at(0), flipByte(der, at));
    const auto result = Smime::read(tampered, options());
    if (!result) {
        QCOMPARE(result.error().code, Smime::ReadError::BadStructure);
        return;
    }
    const Smime::Layer *layer = result->firstSignature();
    QVERIFY(layer != nullptr);
    const Crypto::SignatureStatus status = layer->signature.status;
    QVERIFY2(status == Crypto::SignatureStatus::Invalid
                     || status == Crypto::SignatureStatus::Malformed,
             qPrintable(Crypto::describe(status) + QStringLiteral(": ") + layer->signature.detail));
    QVERIFY(!layer->signature.signatureIntact);
    QVERIFY2(result->integrity == Smime::Integrity::Broken
                     || result->integrity == Smime::Integrity::Unknown,
             qPrintable(Smime::describe(result->integrity)));
}

void TestTampering::gcmFlip_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("cipher");
    QTest::addColumn<int>("fromEnd"); // the byte changed, counted from the end of the DER

    // The DER ends with the 16-byte tag (04 10 …) right after the ciphertext.
    QTest::newRow("openssl aes-256-gcm, ciphertext")
            << QStringLiteral("openssl") << QStringLiteral("-aes-256-gcm") << 18 + 40;
    QTest::newRow("openssl aes-128-gcm, last ciphertext byte")
            << QStringLiteral("openssl") << QStringLiteral("-aes-128-gcm") << 19;
    QTest::newRow("openssl aes-256-gcm, tag")
            << QStringLiteral("openssl") << QStringLiteral("-aes-256-gcm") << 1;
    QTest::newRow("postern aes-128-gcm, ciphertext")
            << QStringLiteral("postern") << QStringLiteral("-aes-128-gcm") << 18 + 100;
    QTest::newRow("postern aes-256-gcm, tag")
            << QStringLiteral("postern") << QStringLiteral("-aes-256-gcm") << 8;
}

void TestTampering::gcmFlip()
{
    QFETCH(QString, source);
    QFETCH(QString, cipher);
    QFETCH(int, fromEnd);
    const QByteArray der = encryptedDer(source, cipher);
    QVERIFY(der.size() > 200);
    QVERIFY2(der.at(der.size() - 18) == 0x04 && der.at(der.size() - 17) == 0x10,
             "the AuthEnvelopedData does not end with its 16-byte tag");
    const QByteArray outer = sampleOuterHeaders("bob@example.org", "alice@example.org");
    QCOMPARE(integrityOf(pkcs7MimeMessage(outer, der, "authEnveloped-data"), options()),
             Smime::Integrity::Intact);

    const QByteArray tampered = flipByte(der, der.size() - fromEnd);
    const auto result =
            Smime::read(pkcs7MimeMessage(outer, tampered, "authEnveloped-data"), options());
    QVERIFY2(result, qPrintable(result ? QString() : result.error().detail));
    QCOMPARE(result->layers.size(), 1);
    QVERIFY2(isAuthenticatedFailure(result->layers.constFirst()),
             "a changed AES-GCM ciphertext was opened without a reported problem");
    QVERIFY(!result->complete);
    QVERIFY(!result->innerEntity.contains(sampleSecretLine));
    QVERIFY(!result->layers.constFirst().decryption.content.contains(sampleSecretLine));
    QCOMPARE(result->integrity, Smime::Integrity::Broken);
}

void TestTampering::cbcIsUnverifiable_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("cipher");
    QTest::newRow("openssl aes-256-cbc") << QStringLiteral("openssl") << QStringLiteral("-aes256");
    QTest::newRow("openssl des3") << QStringLiteral("openssl") << QStringLiteral("-des3");
    QTest::newRow("postern aes-128-cbc") << QStringLiteral("postern") << QStringLiteral("cbc");
}

void TestTampering::cbcIsUnverifiable()
{
    QFETCH(QString, source);
    QFETCH(QString, cipher);
    const QByteArray der = encryptedDer(source, cipher);
    QVERIFY(!der.isEmpty());
    const auto result =
            Smime::read(pkcs7MimeMessage(sampleOuterHeaders("bob@example.org", "alice@example.org"),
                                         der, "enveloped-data"),
                        options());
    QVERIFY2(result, qPrintable(result ? QString() : result.error().detail));
    QVERIFY(result->complete);
    QCOMPARE(result->innerEntity, sampleEntity());
    QVERIFY(!result->layers.constFirst().decryption.authenticated);
    QCOMPARE(result->integrity, Smime::Integrity::Unverifiable);
}

QByteArray TestTampering::signedThenEncryptedDer() const
{
    const auto made = Smime::signAndEncryptMessage(
            sampleMessage("alice@example.org", "alice@example.org"),
            m_pki.identity(QStringLiteral("alice")), {m_pki.certificate(QStringLiteral("alice"))},
            Crypto::EncryptOptions{Crypto::ContentCipher::Aes256Cbc, false});
    return made ? decodeBase64Body(*made) : QByteArray();
}

// What `openssl cms -decrypt` makes of @p der as Alice: the plaintext a test aims its change at.
ToolRun TestTampering::decryptedByOpenSsl(const QByteArray &der, const QString &name) const
{
    const QString file = m_dir.filePath(name);
    if (!writeFile(file, der)) {
        return {};
    }
    const TestPki::Person &alice = m_pki.person(QStringLiteral("alice"));
    return runTool(QStringLiteral("openssl"),
                   {QStringLiteral("cms"), QStringLiteral("-decrypt"), QStringLiteral("-inform"),
                    QStringLiteral("DER"), QStringLiteral("-in"), file, QStringLiteral("-recip"),
                    alice.certPath, QStringLiteral("-inkey"), alice.keyPath});
}

void TestTampering::cbcFlip_data()
{
    QTest::addColumn<bool>("innerSignature");
    QTest::newRow("aes-256-cbc, not signed") << false;
    QTest::newRow("aes-256-cbc around a signature") << true;
}

// A flipped IV byte changes one byte of the first plaintext block and nothing else: CBC cannot
// notice. Whatever the reader makes of the result, it must never call it intact; without an inner
// signature it can only call it unverifiable. (With one, the change hits the inner headers, so
// "unverifiable" is honest there too when the signature is no longer recognisable as one.)
void TestTampering::cbcFlip()
{
    QFETCH(bool, innerSignature);
    const QByteArray der =
            innerSignature ? signedThenEncryptedDer()
                           : encryptedDer(QStringLiteral("openssl"), QStringLiteral("-aes256"));
    const qsizetype oid = der.indexOf(aes256CbcOid);
    QVERIFY2(oid > 0, "no AES-256-CBC algorithm identifier");
    const qsizetype ivByte = oid + aes256CbcOid.size() + 2 + 3; // OCTET STRING 04 10, IV
    const auto result = Smime::read(
            pkcs7MimeMessage(sampleOuterHeaders("alice@example.org", "alice@example.org"),
                             flipByte(der, ivByte), "enveloped-data"),
            options());
    if (!result) {
        return; // refusing the garbled content outright is also safe
    }
    QVERIFY2(result->integrity != Smime::Integrity::Intact,
             "a changed CBC ciphertext was reported intact");
    if (!innerSignature) {
        QCOMPARE(result->integrity, Smime::Integrity::Unverifiable);
    }
}

// Flipping ciphertext block k garbles plaintext block k and flips one byte of block k + 1: aimed
// at the signed text, it leaves the multipart/signed structure alone, so the inner signature
// must catch it.
void TestTampering::cbcFlipInsideSignedText()
{
    const QByteArray der = signedThenEncryptedDer();
    const qsizetype ciphertext = cbcCiphertextStart(der);
    QVERIFY2(ciphertext > 0, "the EnvelopedData does not have the expected layout");
    const ToolRun plain = decryptedByOpenSsl(der, QStringLiteral("signed-then-encrypted.p7m"));
    QVERIFY2(plain.succeeded(), qPrintable(plain.summary()));
    const qsizetype secret = plain.out.indexOf(sampleSecretLine);
    QVERIFY(secret > 16);

    const auto result = Smime::read(
            pkcs7MimeMessage(sampleOuterHeaders("alice@example.org", "alice@example.org"),
                             flipByte(der, ciphertext + secret - 16), "enveloped-data"),
            options());
    QVERIFY2(result, qPrintable(result ? QString() : result.error().detail));
    const Smime::Layer *layer = result->firstSignature();
    QVERIFY2(layer != nullptr, "the signature layer was not found after the change");
    QCOMPARE(layer->signature.status, Crypto::SignatureStatus::Invalid);
    QCOMPARE(result->integrity, Smime::Integrity::Broken);
}

// The same change aimed at the signature itself (the application/pkcs7-signature part's
// base64): the signature no longer parses or no longer matches. Either way the change was
// detected, and the message must be called broken, not merely "without integrity protection".
void TestTampering::cbcFlipInsideSignatureBlob()
{
    const QByteArray der = signedThenEncryptedDer();
    const qsizetype ciphertext = cbcCiphertextStart(der);
    QVERIFY2(ciphertext > 0, "the EnvelopedData does not have the expected layout");
    const ToolRun plain = decryptedByOpenSsl(der, QStringLiteral("signed-then-encrypted-blob.p7m"));
    QVERIFY2(plain.succeeded(), qPrintable(plain.summary()));
    const qsizetype part =
            plain.out.indexOf("application/pkcs7-signature", plain.out.indexOf("\n--"));
    QVERIFY2(part > 0, "no signature part in the decrypted content");
    const qsizetype body = plain.out.indexOf("\r\n\r\n", part);
    QVERIFY(body > 0);
    // Well inside the base64, so that the garbled block before the target is base64 too.
    const qsizetype target = body + 4 + 200;
    QVERIFY(target + 16 < plain.out.size());

    const auto result = Smime::read(
            pkcs7MimeMessage(sampleOuterHeaders("alice@example.org", "alice@example.org"),
                             flipByte(der, ciphertext + target - 16), "enveloped-data"),
            options());
    QVERIFY2(result, qPrintable(result ? QString() : result.error().detail));
    const Smime::Layer *layer = result->firstSignature();
    QVERIFY2(layer != nullptr, "the signature layer was not found after the change");
    QVERIFY2(layer->signature.status == Crypto::SignatureStatus::Malformed
                     || layer->signature.status == Crypto::SignatureStatus::Invalid,
             qPrintable(Crypto::describe(layer->signature.status)));
    QCOMPARE(result->integrity, Smime::Integrity::Broken);
}

void TestTampering::cbcNoiseInTheHeader_data()
{
    QTest::addColumn<QByteArray>("entity");
    QTest::addColumn<Smime::Integrity>("verdict");
    // What a changed ciphertext block leaves where a header was: noise with control bytes. Made
    // here on purpose so the test does not depend on which noise a random flip gives.
    QTest::newRow("noise where the header was")
            << QByteArray("Content-Type: multipart/si\x03\x91\x1b\xe2\x07\x00;\r\n\r\nbody\r\n")
            << Smime::Integrity::Broken;
    // Raw Latin-1 in a header is old mail, not a change: unverifiable, as any CBC message.
    QTest::newRow("raw Latin-1 in a header")
            << QByteArray("Content-Type: text/plain\r\nContent-Description: caf\xe9\r\n\r\n"
                          "body\r\n")
            << Smime::Integrity::Unverifiable;
}

void TestTampering::cbcNoiseInTheHeader()
{
    QFETCH(QByteArray, entity);
    QFETCH(Smime::Integrity, verdict);
    const ToolRun made =
            runTool(QStringLiteral("openssl"),
                    {QStringLiteral("cms"), QStringLiteral("-encrypt"), QStringLiteral("-binary"),
                     QStringLiteral("-outform"), QStringLiteral("DER"), QStringLiteral("-aes256"),
                     m_pki.person(QStringLiteral("alice")).certPath},
                    entity);
    QVERIFY2(made.succeeded(), qPrintable(made.summary()));
    const auto result = Smime::read(
            pkcs7MimeMessage(sampleOuterHeaders("alice@example.org", "alice@example.org"), made.out,
                             "enveloped-data"),
            options());
    QVERIFY2(result, qPrintable(result ? QString() : result.error().detail));
    QCOMPARE(result->innerEntity, entity);
    QCOMPARE(result->integrity, verdict);
}

QTEST_GUILESS_MAIN(TestTampering)
#include "tst_tampering.moc"
