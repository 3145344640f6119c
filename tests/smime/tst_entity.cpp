#include "core/mime/Entity.h"

#include <QTest>

using namespace Postern::Mime;

class TestEntity : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void splitsAtFirstEmptyLine_data();
    void splitsAtFirstEmptyLine();
    void recognisesPreambles_data();
    void recognisesPreambles();
    void multipartSignedPartsAreExact();
    void boundaryPrefixIsNotADelimiter();
    void missingClosingBoundaryKeepsSignature();
    void singleDelimiterIsAnError();
    void contentFieldsAreSeparated();
    void decodesTransferEncodings_data();
    void decodesTransferEncodings();
    void readsHeaderParameters();
    void tellsMessagesFromOtherText_data();
    void tellsMessagesFromOtherText();
};

void TestEntity::splitsAtFirstEmptyLine_data()
{
    QTest::addColumn<QByteArray>("entity");
    QTest::addColumn<QByteArray>("headers");
    QTest::addColumn<QByteArray>("body");

    QTest::newRow("CRLF") << QByteArray("A: 1\r\nB: 2\r\n\r\nbody\r\n\r\nmore")
                          << QByteArray("A: 1\r\nB: 2\r\n\r\n") << QByteArray("body\r\n\r\nmore");
    QTest::newRow("LF") << QByteArray("A: 1\n\nbody\n") << QByteArray("A: 1\n\n")
                        << QByteArray("body\n");
    QTest::newRow("folded header") << QByteArray("A: 1\r\n  continued\r\n\r\nx")
                                   << QByteArray("A: 1\r\n  continued\r\n\r\n") << QByteArray("x");
    QTest::newRow("no headers, RFC 2046 empty header block")
            << QByteArray("\r\nbody") << QByteArray() << QByteArray("body");
    QTest::newRow("not a header at all") << QByteArray("just text\r\n\r\nmore") << QByteArray()
                                         << QByteArray("just text\r\n\r\nmore");
    QTest::newRow("headers only") << QByteArray("A: 1\r\nB: 2\r\n")
                                  << QByteArray("A: 1\r\nB: 2\r\n") << QByteArray();
}

void TestEntity::splitsAtFirstEmptyLine()
{
    QFETCH(QByteArray, entity);
    QFETCH(QByteArray, headers);
    QFETCH(QByteArray, body);
    const EntityParts parts = splitEntity(entity);
    QCOMPARE(parts.headers, headers);
    QCOMPARE(parts.body.toByteArray(), body);
}

void TestEntity::recognisesPreambles_data()
{
    QTest::addColumn<QByteArray>("message");
    QTest::addColumn<int>("length");
    QTest::newRow("mbox separator")
            << QByteArray("From - Sat Apr 14 14:01:30 2018\r\nSubject: x\r\n\r\n") << 33;
    QTest::newRow("AS2 HTTP request") << QByteArray("POST / HTTP/1.1\r\nHost: a\r\n\r\n") << 17;
    QTest::newRow("ordinary message") << QByteArray("From: a@example.org\r\n\r\n") << 0;
    QTest::newRow("plain text") << QByteArray("hello world\r\nsecond line\r\n") << 0;
}

void TestEntity::recognisesPreambles()
{
    QFETCH(QByteArray, message);
    QFETCH(int, length);
    QCOMPARE(preambleLength(message), qsizetype(length));
}

void TestEntity::multipartSignedPartsAreExact()
{
    // RFC 1847 2.1: the signed part is the first body part, exactly; the line break before the
    // next delimiter belongs to the delimiter (RFC 2046 5.1.1).
    const QByteArray body =
            "preamble text\r\n--b\r\nContent-Type: text/plain\r\n\r\nsigned \r\n\r\n--b\r\n"
            "Content-Type: application/pkcs7-signature\r\n\r\nMIIB\r\n--b--\r\nepilogue\r\n";
    const auto parts = splitMultipartSigned(body, "b");
    QVERIFY(parts.has_value());
    QCOMPARE(parts->first, QByteArray("Content-Type: text/plain\r\n\r\nsigned \r\n"));
    QCOMPARE(parts->second, QByteArray("Content-Type: application/pkcs7-signature\r\n\r\nMIIB"));
}

void TestEntity::boundaryPrefixIsNotADelimiter()
{
    const QByteArray body = "--b\nA: 1\n\n--bx is text, and so is -- b\n--b-\n--b\nsig\n--b--\n";
    const auto parts = splitMultipartSigned(body, "b");
    QVERIFY(parts.has_value());
    QCOMPARE(parts->first, QByteArray("A: 1\n\n--bx is text, and so is -- b\n--b-"));
    QCOMPARE(parts->second, QByteArray("sig"));
}

void TestEntity::missingClosingBoundaryKeepsSignature()
{
    const auto parts = splitMultipartSigned("--b\r\nsigned\r\n--b\r\nsignature\r\n", "b");
    QVERIFY(parts.has_value());
    QCOMPARE(parts->first, QByteArray("signed"));
    QCOMPARE(parts->second, QByteArray("signature\r\n"));
}

void TestEntity::singleDelimiterIsAnError()
{
    QVERIFY(!splitMultipartSigned("--b\r\nonly one part\r\n", "b").has_value());
    QVERIFY(!splitMultipartSigned("--b\r\nx\r\n--b\r\ny\r\n", QByteArray()).has_value());
}

void TestEntity::contentFieldsAreSeparated()
{
    const QByteArray headers =
            "From: a@example.org\r\nContent-Type: application/pkcs7-mime;\r\n "
            "smime-type=enveloped-data\r\n"
            "Subject: long\r\n subject\r\nContent-Transfer-Encoding: base64\r\n\r\n";
    QCOMPARE(withoutContentHeaders(headers),
             QByteArray("From: a@example.org\r\nSubject: long\r\n subject\r\n"));
    QCOMPARE(contentHeadersOf(headers),
             QByteArray("Content-Type: application/pkcs7-mime;\r\n smime-type=enveloped-data\r\n"
                        "Content-Transfer-Encoding: base64\r\n"));
}

void TestEntity::decodesTransferEncodings_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("encoding");
    QTest::addColumn<QByteArray>("decoded");
    QTest::newRow("base64 with CRLF, RFC 2045 6.8")
            << QByteArray("cG9z\r\ndGVy\r\nbg==\r\n") << QByteArray("base64")
            << QByteArray("postern");
    QTest::newRow("quoted-printable, RFC 2045 6.7")
            << QByteArray("F=C3=BCr =\r\nalle") << QByteArray("quoted-printable")
            << QByteArray("F\xc3\xbcr alle");
    QTest::newRow("7bit is unchanged")
            << QByteArray("a=b\r\n") << QByteArray("7bit") << QByteArray("a=b\r\n");
}

void TestEntity::decodesTransferEncodings()
{
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, encoding);
    QFETCH(QByteArray, decoded);
    QCOMPARE(decodeBody(body, encoding), decoded);
}

void TestEntity::readsHeaderParameters()
{
    const EntityHeaders headers = parseHeaders(
            "From: \"Alice A.\" <alice@example.org>\r\n"
            "Content-Type: Application/X-PKCS7-MIME; smime-type=Enveloped-Data; name=smime.p7m\r\n"
            "Content-Transfer-Encoding: BASE64\r\n\r\n");
    QCOMPARE(headers.mimeType, QByteArray("application/x-pkcs7-mime"));
    QCOMPARE(headers.smimeType, QByteArray("enveloped-data"));
    QCOMPARE(headers.encoding, QByteArray("base64"));
    QCOMPARE(headers.fileName, QStringLiteral("smime.p7m"));
    QCOMPARE(headers.fromAddress, QStringLiteral("alice@example.org"));
}

void TestEntity::tellsMessagesFromOtherText_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("reason"); // a part of the reason; empty for a message

    QTest::newRow("message") << QByteArray("From: a@example.org\r\nSubject: x\r\n\r\nbody")
                             << QString();
    QTest::newRow("MIME entity") << QByteArray("Content-Type: text/calendar\r\n\r\nBEGIN:")
                                 << QString();
    QTest::newRow("mbox separator first")
            << QByteArray("From a@example.org Mon Feb  1 10:00:00 2027\nDate: x\n\nbody")
            << QString();
    QTest::newRow("header fields in capitals")
            << QByteArray("MESSAGE-ID: <1@example.org>\r\n\r\n") << QString();
    QTest::newRow("iCalendar") << QByteArray("BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\n")
                               << QStringLiteral("an iCalendar file");
    QTest::newRow("iCalendar after blank lines, lower case")
            << QByteArray("\n\nbegin:vcalendar\nversion:2.0\n") << QStringLiteral("iCalendar");
    QTest::newRow("vCard") << QByteArray("BEGIN:VCARD\nFN:Alice\nEND:VCARD\n")
                           << QStringLiteral("a vCard file");
    QTest::newRow("PEM") << QByteArray("-----BEGIN CERTIFICATE-----\nMIIB\n")
                         << QStringLiteral("a PEM file");
    QTest::newRow("no header block")
            << QByteArray("just words\r\n") << QStringLiteral("no header block");
    QTest::newRow("fields of no message")
            << QByteArray("Name: x\r\nPlace: y\r\n\r\nz") << QStringLiteral("none of the fields");
}

void TestEntity::tellsMessagesFromOtherText()
{
    QFETCH(QByteArray, input);
    QFETCH(QString, reason);
    const QString said = notAMessageReason(input);
    if (reason.isEmpty()) {
        QVERIFY2(said.isEmpty(), qPrintable(said));
    } else {
        QVERIFY2(said.contains(reason), qPrintable(said));
    }
}

QTEST_GUILESS_MAIN(TestEntity)
#include "tst_entity.moc"
