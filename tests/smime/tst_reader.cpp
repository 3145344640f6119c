// The reader's structural rules, on messages built here byte by byte: the layer depth limit,
// CompressedData (RFC 3274), the decrypted message's headers and the integrity verdicts.

#include "core/smime/SecureMessage.h"

#include <QTest>

#include <zlib.h>

using namespace Postern;
using namespace Postern::Smime;

namespace {

// DER, just enough to build a CompressedData ContentInfo by hand (X.690 8.1.3: lengths).
QByteArray der(unsigned char tag, const QByteArray &content)
{
    QByteArray out(1, static_cast<char>(tag));
    const qsizetype length = content.size();
    if (length < 0x80) {
        out.append(static_cast<char>(length));
    } else {
        QByteArray bytes;
        for (qsizetype rest = length; rest > 0; rest >>= 8) {
            bytes.prepend(static_cast<char>(rest & 0xff));
        }
        out.append(static_cast<char>(0x80 | bytes.size()));
        out.append(bytes);
    }
    return out + content;
}

QByteArray oid(const QByteArray &encoded)
{
    return der(0x06, encoded);
}

// RFC 3274 section 1.1: CompressedData with id-alg-zlibCompress around id-data content.
QByteArray compressedData(const QByteArray &content)
{
    QByteArray compressed(static_cast<qsizetype>(compressBound(static_cast<uLong>(content.size()))),
                          Qt::Uninitialized);
    uLongf size = static_cast<uLongf>(compressed.size());
    compress(reinterpret_cast<Bytef *>(compressed.data()), &size,
             reinterpret_cast<const Bytef *>(content.constData()),
             static_cast<uLong>(content.size()));
    compressed.truncate(static_cast<qsizetype>(size));

    const QByteArray idCompressedData =
            oid(QByteArray::fromHex("2a864886f70d0109100109")); // 1.2.840.113549.1.9.16.1.9
    const QByteArray idZlib =
            oid(QByteArray::fromHex("2a864886f70d0109100308")); // 1.2.840.113549.1.9.16.3.8
    const QByteArray idData =
            oid(QByteArray::fromHex("2a864886f70d010701")); // 1.2.840.113549.1.7.1
    const QByteArray encapsulated = der(0x30, idData + der(0xA0, der(0x04, compressed)));
    const QByteArray body =
            der(0x30, der(0x02, QByteArray(1, '\0')) + der(0x30, idZlib) + encapsulated);
    return der(0x30, idCompressedData + der(0xA0, body));
}

QByteArray
pkcs7Mime(const QByteArray &headers, const QByteArray &smimeType, const QByteArray &derBody)
{
    return headers + "Content-Type: application/pkcs7-mime; smime-type=" + smimeType
           + "; name=smime.p7z\r\nContent-Transfer-Encoding: base64\r\n\r\n" + derBody.toBase64()
           + "\r\n";
}

} // namespace

class TestReader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsCompressedData();
    void refusesTooManyLayers();
    void keepsThreadingHeadersOnly();
    void plainMessageIsNotProtected();
    void damagedCmsIsReportedNotDropped();
    void integrityVerdicts_data();
    void integrityVerdicts();
};

void TestReader::readsCompressedData()
{
    const QByteArray inner =
            "Content-Type: text/plain; charset=utf-8\r\n\r\nSqueezed but intact.\r\n";
    const QByteArray message =
            pkcs7Mime("From: a@example.org\r\nSubject: small\r\nMIME-Version: 1.0\r\n",
                      "compressed-data", compressedData(inner));

    const auto result = read(message, ReadOptions());
    QVERIFY(result.has_value());
    QCOMPARE(result->layers.size(), 1);
    QCOMPARE(result->layers.first().kind, LayerKind::Compressed);
    QVERIFY2(result->layers.first().opened, qPrintable(result->layers.first().problem));
    QCOMPARE(result->innerEntity, inner);
    QCOMPARE(result->decryptedMessage(),
             "From: a@example.org\r\nSubject: small\r\nMIME-Version: 1.0\r\n" + inner);
}

void TestReader::refusesTooManyLayers()
{
    // Each multipart/signed counts as a layer even with a broken signature, so nesting them is
    // the cheapest way past the limit.
    QByteArray entity = "Content-Type: text/plain\r\n\r\nbottom\r\n";
    for (int level = 0; level <= maxLayers; ++level) {
        const QByteArray boundary = "b" + QByteArray::number(level);
        entity = "Content-Type: multipart/signed; protocol=\"application/pkcs7-signature\"; "
                 "boundary="
                 + boundary + "\r\n\r\n--" + boundary + "\r\n" + entity + "\r\n--" + boundary
                 + "\r\nContent-Type: application/pkcs7-signature\r\nContent-Transfer-Encoding: "
                   "base64\r\n\r\nMAA=\r\n--"
                 + boundary + "--\r\n";
    }
    const auto result = read("Subject: deep\r\n" + entity, ReadOptions());
    QVERIFY(!result.has_value());
    QCOMPARE(result.error().code, ReadError::TooDeep);
}

void TestReader::keepsThreadingHeadersOnly()
{
    const QByteArray inner = "Content-Type: text/plain\r\n\r\nhello\r\n";
    const QByteArray outer =
            "From: a@example.org\r\nTo: b@example.org\r\nSubject: folded\r\n subject\r\n"
            "Message-ID: <1@example.org>\r\nMIME-Version: 1.0\r\n";
    const QByteArray message = pkcs7Mime(outer, "compressed-data", compressedData(inner));
    const auto result = read(message, ReadOptions());
    QVERIFY(result.has_value());
    QVERIFY(result->decryptedMessage().startsWith(outer));
    QVERIFY(!result->decryptedMessage().contains("pkcs7"));
    QVERIFY(!result->decryptedMessage().contains("Content-Transfer-Encoding: base64"));
}

void TestReader::plainMessageIsNotProtected()
{
    const QByteArray message = "From: a@example.org\r\nSubject: plain\r\n\r\nbody\r\n";
    const auto result = read(message, ReadOptions());
    QVERIFY(result.has_value());
    QVERIFY(result->layers.isEmpty());
    QCOMPARE(result->integrity, Integrity::NotProtected);
    QCOMPARE(result->decryptedMessage(), message);
}

void TestReader::damagedCmsIsReportedNotDropped()
{
    const QByteArray message = pkcs7Mime("From: a@example.org\r\n", "enveloped-data",
                                         QByteArray("\x30\x82\x10\x00garbage", 11));
    const auto result = read(message, ReadOptions());
    QVERIFY(result.has_value());
    QCOMPARE(result->layers.size(), 1);
    QVERIFY(!result->layers.first().opened);
    QVERIFY(result->layers.first().structureBroken);
    QVERIFY(result->layers.first().problem.contains(QLatin1String("corrupt")));
    QCOMPARE(result->innerEntity, message);
    QCOMPARE(result->decryptedMessage(), message);
}

void TestReader::integrityVerdicts_data()
{
    QTest::addColumn<QList<Layer>>("layers");
    QTest::addColumn<Integrity>("verdict");

    Layer cbc;
    cbc.kind = LayerKind::Encrypted;
    cbc.opened = true;
    Layer gcm = cbc;
    gcm.decryption.authenticated = true;
    Layer intact;
    intact.kind = LayerKind::Signed;
    intact.opened = true;
    intact.signature.signatureIntact = true;
    intact.signature.status = Crypto::SignatureStatus::UntrustedChain;
    Layer tampered = intact;
    tampered.signature.signatureIntact = false;
    tampered.signature.status = Crypto::SignatureStatus::Invalid;
    Layer locked = cbc;
    locked.opened = false;
    Layer garbled = intact;
    garbled.signature.signatureIntact = false;
    garbled.signature.status = Crypto::SignatureStatus::Malformed;

    QTest::newRow("CBC alone: EFAIL, cannot be checked")
            << QList<Layer>{cbc} << Integrity::Unverifiable;
    QTest::newRow("GCM alone") << QList<Layer>{gcm} << Integrity::Intact;
    QTest::newRow("signed inside CBC") << QList<Layer>{cbc, intact} << Integrity::Intact;
    QTest::newRow("signed around CBC") << QList<Layer>{intact, cbc} << Integrity::Intact;
    QTest::newRow("tampered signature") << QList<Layer>{cbc, tampered} << Integrity::Broken;
    QTest::newRow("layer not opened") << QList<Layer>{locked} << Integrity::Unknown;
    // Under CBC a garbled signature is the change showing itself (EFAIL-style bit flips).
    QTest::newRow("garbled signature inside CBC")
            << QList<Layer>{cbc, garbled} << Integrity::Broken;
    // Under authenticated encryption, or with none, it is a sender's fault we cannot judge.
    QTest::newRow("garbled signature inside GCM")
            << QList<Layer>{gcm, garbled} << Integrity::Unknown;
    QTest::newRow("garbled signature alone") << QList<Layer>{garbled} << Integrity::Unknown;
    Layer noisy = cbc;
    noisy.garbledContent = true;
    QTest::newRow("noise where the decrypted header was")
            << QList<Layer>{noisy} << Integrity::Broken;
    QTest::newRow("nothing") << QList<Layer>{} << Integrity::NotProtected;
}

void TestReader::integrityVerdicts()
{
    QFETCH(QList<Layer>, layers);
    QFETCH(Integrity, verdict);
    QCOMPARE(judgeIntegrity(layers), verdict);
}

QTEST_GUILESS_MAIN(TestReader)
#include "tst_reader.moc"
