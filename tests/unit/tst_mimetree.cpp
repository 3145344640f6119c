#include "TestSupport.h"

#include "core/mime/MimeTree.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QTest>

using namespace Postern::Mime;

namespace {

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

const QByteArray alternativeWithCalendar =
        "From: Alice <alice@example.org>\r\n"
        "To: bob@example.org\r\n"
        "Subject: =?utf-8?q?Planung_f=C3=BCr_2027?=\r\n"
        "Message-ID: <m1@example.org>\r\n"
        "MIME-Version: 1.0\r\n"
        "Content-Type: multipart/mixed; boundary=outer\r\n"
        "\r\n"
        "--outer\r\n"
        "Content-Type: multipart/alternative; boundary=inner\r\n"
        "\r\n"
        "--inner\r\n"
        "Content-Type: text/plain; charset=utf-8\r\n"
        "\r\n"
        "Hello\r\n"
        "--inner\r\n"
        "Content-Type: text/calendar; method=REQUEST; charset=utf-8\r\n"
        "Content-Transfer-Encoding: base64\r\n"
        "\r\n"
        "QkVHSU46VkNBTEVOREFSDQpFTkQ6VkNBTEVOREFSDQo=\r\n"
        "--inner--\r\n"
        "--outer\r\n"
        "Content-Type: message/rfc822\r\n"
        "\r\n"
        "Subject: forwarded\r\n"
        "Content-Type: text/plain\r\n"
        "\r\n"
        "inner body\r\n"
        "--outer\r\n"
        "Content-Type: application/pdf; name=plan.pdf\r\n"
        "Content-Disposition: attachment; filename=plan.pdf\r\n"
        "Content-Transfer-Encoding: base64\r\n"
        "\r\n"
        "JVBERi0xLjQK\r\n"
        "--outer--\r\n";

} // namespace

class TestMimeTree : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void describesNestedTree();
    void singlePartIsSectionOne();
    void rejectsEmptyInput();
    void refusesAbsurdNesting();
    void jsonCarriesTheTree();
    void corpusMissingSubtype();
    void corpusEmptyMultipart();
    void corpusBadlyFoldedHeaders();
    void everyCorpusMimeSampleParses_data();
    void everyCorpusMimeSampleParses();
};

void TestMimeTree::describesNestedTree()
{
    const auto summary = summarize(alternativeWithCalendar);
    QVERIFY(summary.has_value());
    QCOMPARE(summary->subject, QStringLiteral("Planung für 2027"));
    QCOMPARE(summary->from, QStringLiteral("Alice <alice@example.org>"));
    QCOMPARE(summary->messageId, QStringLiteral("m1@example.org"));

    const PartSummary &root = summary->root;
    QCOMPARE(root.contentType, QByteArray("multipart/mixed"));
    QCOMPARE(root.children.size(), 3);

    const PartSummary &alternative = root.children.at(0);
    QCOMPARE(alternative.section, QByteArray("1"));
    QCOMPARE(alternative.children.at(1).section, QByteArray("1.2"));
    QCOMPARE(alternative.children.at(1).contentType, QByteArray("text/calendar"));
    QCOMPARE(alternative.children.at(1).transferEncoding, QByteArray("base64"));

    const PartSummary &forwarded = root.children.at(1);
    QCOMPARE(forwarded.contentType, QByteArray("message/rfc822"));
    QCOMPARE(forwarded.children.size(), 1);
    QCOMPARE(forwarded.children.at(0).section, QByteArray("2.1"));

    const PartSummary &attachment = root.children.at(2);
    QCOMPARE(attachment.section, QByteArray("3"));
    QCOMPARE(attachment.fileName, QStringLiteral("plan.pdf"));
    QCOMPARE(attachment.contentDisposition, QByteArray("attachment"));
}

void TestMimeTree::singlePartIsSectionOne()
{
    const auto summary = summarize("Subject: x\r\nContent-Type: text/plain\r\n\r\nbody\r\n");
    QVERIFY(summary.has_value());
    QCOMPARE(summary->root.section, QByteArray("1"));
    QCOMPARE(summary->root.contentType, QByteArray("text/plain"));
}

void TestMimeTree::rejectsEmptyInput()
{
    const auto summary = summarize(" \r\n");
    QVERIFY(!summary.has_value());
    QCOMPARE(summary.error().code, MimeError::Empty);
}

void TestMimeTree::refusesAbsurdNesting()
{
    QByteArray message = "Subject: deep\r\nMIME-Version: 1.0\r\n";
    const int depth = maxDepth + 10;
    for (int level = 0; level < depth; ++level) {
        message += "Content-Type: multipart/mixed; boundary=b" + QByteArray::number(level)
                   + "\r\n\r\n--b" + QByteArray::number(level) + "\r\n";
    }
    message += "Content-Type: text/plain\r\n\r\nbottom\r\n";

    const auto summary = summarize(message);
    QVERIFY(!summary.has_value());
    QCOMPARE(summary.error().code, MimeError::TooDeep);
}

void TestMimeTree::jsonCarriesTheTree()
{
    const auto summary = summarize(alternativeWithCalendar);
    QVERIFY(summary.has_value());
    const QJsonObject json = toJson(*summary);
    QCOMPARE(json.value(QLatin1String("subject")).toString(), QStringLiteral("Planung für 2027"));
    const QJsonObject mime = json.value(QLatin1String("mime")).toObject();
    QCOMPARE(mime.value(QLatin1String("children")).toArray().size(), 3);
}

// Expected values from the samples' own projects, as the corpus MANIFEST.md records them.
void TestMimeTree::corpusMissingSubtype()
{
    POSTERN_REQUIRE_CORPUS();
    const auto summary = summarize(readFile(
            Postern::Test::corpusFile(QStringLiteral("mime/MimeKit__missing-subtype.txt"))));
    QVERIFY(summary.has_value());
    QCOMPARE(summary->root.contentType, QByteArray("application/octet-stream"));
    QCOMPARE(summary->root.fileName, QStringLiteral("document.xml.gz"));
}

void TestMimeTree::corpusEmptyMultipart()
{
    POSTERN_REQUIRE_CORPUS();
    const auto summary = summarize(readFile(
            Postern::Test::corpusFile(QStringLiteral("mime/MimeKit__empty-multipart.txt"))));
    QVERIFY(summary.has_value());
    QCOMPARE(summary->root.contentType, QByteArray("multipart/mixed"));
    QCOMPARE(summary->root.children.size(), 2);
    QCOMPARE(summary->root.children.at(0).contentType, QByteArray("multipart/alternative"));
    QCOMPARE(summary->root.children.at(0).children.size(), 0);
    QCOMPARE(summary->root.children.at(1).contentType, QByteArray("text/plain"));
}

void TestMimeTree::corpusBadlyFoldedHeaders()
{
    POSTERN_REQUIRE_CORPUS();
    const auto summary = summarize(readFile(Postern::Test::corpusFile(
            QStringLiteral("mime/comm-central__badly-folded-headers.eml"))));
    QVERIFY(summary.has_value());
    QCOMPARE(summary->subject,
             QStringLiteral("Badly folded headers, one line with   space   between   To and From"));
    QVERIFY(summary->from.contains(QStringLiteral("sender@example.com")));
}

void TestMimeTree::everyCorpusMimeSampleParses_data()
{
    QTest::addColumn<QString>("path");
    const QDir directory(Postern::Test::corpusFile(QStringLiteral("mime")));
    for (const QString &name : directory.entryList(QDir::Files)) {
        QTest::newRow(qPrintable(name)) << directory.filePath(name);
    }
}

void TestMimeTree::everyCorpusMimeSampleParses()
{
    POSTERN_REQUIRE_CORPUS();
    QFETCH(QString, path);
    const auto summary = summarize(readFile(path));
    QVERIFY2(summary.has_value(), qPrintable(summary ? QString() : summary.error().detail));
    QVERIFY(!summary->root.contentType.isEmpty());
}

QTEST_GUILESS_MAIN(TestMimeTree)
#include "tst_mimetree.moc"
