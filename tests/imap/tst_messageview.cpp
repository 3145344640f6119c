// The FETCH item parser (RFC 3501 section 6.4.5 grammar) and MessageView values worked out by
// hand from RFC 3501 section 7.4.2 and the Dovecot rules the oracle test established
// (test_view_oracle.py compares everything with a running Dovecot).

#include "core/imap/FetchItems.h"
#include "core/imap/MessageView.h"

#include <QTest>

using namespace Postern::Imap;
using Kind = FetchItem::Kind;

Q_DECLARE_METATYPE(Postern::Imap::FetchItem::Kind)

namespace {

FetchItem item(const QByteArray &text)
{
    qsizetype consumed = 0;
    QString error;
    const auto items = parseFetchItems(text, &consumed, &error);
    if (!items || items->size() != 1) {
        qFatal("not one fetch item: %s", text.constData());
    }
    return items->front();
}

const QByteArray simpleMessage =
        "Subject: hi\r\nFrom: A <a@b.c>\r\nDate: Mon, 1 Jan 2024 10:00:00 +0000"
        "\r\n\r\nhello\r\n";

const QByteArray multipartMessage =
        "From: a@b.c\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n"
        "preamble\r\n--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
        "one\r\n--b\r\n\r\ntwo\r\n--b--\r\nepilogue\r\n";

} // namespace

class TestMessageView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesItems_data();
    void parsesItems();
    void rejectsMalformedItems_data();
    void rejectsMalformedItems();
    void expandsMacros_data();
    void expandsMacros();
    void leavesModifiersAfterTheItems();
    void tellsContentItems();
    void canonicalisesLineEnds();
    void rendersSinglePartMessage();
    void rendersMultipartSections();
    void rendersPartialRanges();
    void quotesLikeDovecot();
};

void TestMessageView::parsesItems_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<Kind>("kind");
    QTest::addColumn<QByteArray>("section");
    QTest::addColumn<bool>("peek");
    QTest::addColumn<qint64>("offset"); // -1: no partial
    QTest::addColumn<qint64>("length");

    // Each row is an item RFC 3501 section 6.4.5 allows, or one of its common extensions.
    QTest::newRow("UID") << QByteArray("UID") << Kind::Uid << QByteArray() << false << -1LL << -1LL;
    QTest::newRow("flags lower case")
            << QByteArray("flags") << Kind::Flags << QByteArray() << false << -1LL << -1LL;
    QTest::newRow("INTERNALDATE") << QByteArray("INTERNALDATE") << Kind::InternalDate
                                  << QByteArray() << false << -1LL << -1LL;
    QTest::newRow("MODSEQ (RFC 7162)")
            << QByteArray("MODSEQ") << Kind::ModSeq << QByteArray() << false << -1LL << -1LL;
    QTest::newRow("RFC822.SIZE") << QByteArray("RFC822.SIZE") << Kind::Rfc822Size << QByteArray()
                                 << false << -1LL << -1LL;
    QTest::newRow("ENVELOPE") << QByteArray("ENVELOPE") << Kind::Envelope << QByteArray() << false
                              << -1LL << -1LL;
    QTest::newRow("BODY") << QByteArray("BODY") << Kind::Body << QByteArray() << false << -1LL
                          << -1LL;
    QTest::newRow("BODYSTRUCTURE") << QByteArray("BODYSTRUCTURE") << Kind::BodyStructure
                                   << QByteArray() << false << -1LL << -1LL;
    QTest::newRow("RFC822") << QByteArray("RFC822") << Kind::Rfc822 << QByteArray() << false << -1LL
                            << -1LL;
    QTest::newRow("RFC822.HEADER") << QByteArray("RFC822.HEADER") << Kind::Rfc822Header
                                   << QByteArray() << false << -1LL << -1LL;
    QTest::newRow("RFC822.TEXT") << QByteArray("RFC822.TEXT") << Kind::Rfc822Text << QByteArray()
                                 << false << -1LL << -1LL;
    QTest::newRow("BODY[]") << QByteArray("BODY[]") << Kind::Section << QByteArray() << false
                            << -1LL << -1LL;
    QTest::newRow("body.peek[text] lower case") << QByteArray("body.peek[text]") << Kind::Section
                                                << QByteArray("TEXT") << true << -1LL << -1LL;
    QTest::newRow("part MIME") << QByteArray("BODY[1.2.mime]") << Kind::Section
                               << QByteArray("1.2.MIME") << false << -1LL << -1LL;
    QTest::newRow("header fields, names upper cased")
            << QByteArray("BODY.PEEK[HEADER.FIELDS (Subject date \"X-Quoted\")]") << Kind::Section
            << QByteArray("HEADER.FIELDS (SUBJECT DATE X-QUOTED)") << true << -1LL << -1LL;
    QTest::newRow("part header fields not")
            << QByteArray("BODY[2.HEADER.FIELDS.NOT (TO)]") << Kind::Section
            << QByteArray("2.HEADER.FIELDS.NOT (TO)") << false << -1LL << -1LL;
    QTest::newRow("partial") << QByteArray("BODY.PEEK[1]<0.2048>") << Kind::Section
                             << QByteArray("1") << true << 0LL << 2048LL;
    QTest::newRow("BINARY (RFC 3516) is left to the server")
            << QByteArray("BINARY.PEEK[1]<0.10>") << Kind::Other << QByteArray() << false << 0LL
            << 10LL;
    QTest::newRow("X-GM-MSGID is left to the server")
            << QByteArray("X-GM-MSGID") << Kind::Other << QByteArray() << false << -1LL << -1LL;
}

void TestMessageView::parsesItems()
{
    QFETCH(QByteArray, text);
    QFETCH(Kind, kind);
    QFETCH(QByteArray, section);
    QFETCH(bool, peek);
    QFETCH(qint64, offset);
    QFETCH(qint64, length);

    qsizetype consumed = 0;
    QString error;
    const auto items = parseFetchItems(text, &consumed, &error);
    QVERIFY2(items.has_value(), qPrintable(error));
    QCOMPARE(items->size(), 1);
    const FetchItem &parsed = items->front();
    QVERIFY(parsed.kind == kind);
    QCOMPARE(parsed.name, text);
    QCOMPARE(parsed.section, section);
    QCOMPARE(parsed.peek, peek);
    QCOMPARE(parsed.partialOffset.value_or(-1), offset);
    QCOMPARE(parsed.partialLength.value_or(-1), length);
    QCOMPARE(consumed, text.size());
}

void TestMessageView::rejectsMalformedItems_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("problem");

    QTest::newRow("nothing") << QByteArray("") << QStringLiteral("no fetch items");
    QTest::newRow("unclosed list") << QByteArray("(FLAGS UID") << QStringLiteral("unterminated");
    QTest::newRow("empty list") << QByteArray("()") << QStringLiteral("fetch item");
    QTest::newRow("double space") << QByteArray("(FLAGS  UID)") << QStringLiteral("fetch item");
    QTest::newRow("unclosed section") << QByteArray("BODY[1") << QStringLiteral("not closed");
    QTest::newRow("unknown section")
            << QByteArray("BODY[FOO]") << QStringLiteral("unknown section");
    QTest::newRow("MIME at the top")
            << QByteArray("BODY[MIME]") << QStringLiteral("unknown section");
    QTest::newRow("part zero") << QByteArray("BODY[0]") << QStringLiteral("start at 1");
    QTest::newRow("trailing dot") << QByteArray("BODY[1.]") << QStringLiteral("dot");
    QTest::newRow("fields without list")
            << QByteArray("BODY[HEADER.FIELDS]") << QStringLiteral("list of header names");
    QTest::newRow("empty field list")
            << QByteArray("BODY[HEADER.FIELDS ()]") << QStringLiteral("empty header name");
    QTest::newRow("partial without length") << QByteArray("BODY[]<5>") << QStringLiteral("partial");
    QTest::newRow("partial of length zero")
            << QByteArray("BODY[]<5.0>") << QStringLiteral("above zero");
    QTest::newRow("peek without section") << QByteArray("BODY.PEEK") << QStringLiteral("BODY.PEEK");
    QTest::newRow("junk after item")
            << QByteArray("FLAGS[") << QStringLiteral("unterminated section");
}

void TestMessageView::rejectsMalformedItems()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, problem);

    qsizetype consumed = 0;
    QString error;
    const auto items = parseFetchItems(text, &consumed, &error);
    QVERIFY(!items.has_value());
    QVERIFY2(error.contains(problem, Qt::CaseInsensitive), qPrintable(error));
    QVERIFY(!error.contains(QLatin1Char('\n')));
}

void TestMessageView::expandsMacros_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QList<QByteArray>>("names");

    // RFC 3501 section 6.4.5: ALL, FAST and FULL.
    QTest::newRow("ALL") << QByteArray("ALL")
                         << QList<QByteArray>{"FLAGS", "INTERNALDATE", "RFC822.SIZE", "ENVELOPE"};
    QTest::newRow("fast") << QByteArray("fast")
                          << QList<QByteArray>{"FLAGS", "INTERNALDATE", "RFC822.SIZE"};
    QTest::newRow("FULL") << QByteArray("FULL")
                          << QList<QByteArray>{"FLAGS", "INTERNALDATE", "RFC822.SIZE", "ENVELOPE",
                                               "BODY"};
}

void TestMessageView::expandsMacros()
{
    QFETCH(QByteArray, text);
    QFETCH(QList<QByteArray>, names);

    qsizetype consumed = 0;
    QString error;
    const auto items = parseFetchItems(text, &consumed, &error);
    QVERIFY2(items.has_value(), qPrintable(error));
    QList<QByteArray> parsed;
    for (const FetchItem &each : *items) {
        parsed.append(each.name);
    }
    QCOMPARE(parsed, names);
    QCOMPARE(consumed, text.size());
    QVERIFY(items->back().kind != Kind::Other);
}

void TestMessageView::leavesModifiersAfterTheItems()
{
    // RFC 7162 section 3.1.4: FETCH modifiers follow the item list.
    const QByteArray list = "(UID FLAGS) (CHANGEDSINCE 5)";
    qsizetype consumed = 0;
    QString error;
    auto items = parseFetchItems(list, &consumed, &error);
    QVERIFY(items.has_value());
    QCOMPARE(items->size(), 2);
    QCOMPARE(list.mid(consumed), QByteArray(" (CHANGEDSINCE 5)"));

    const QByteArray single = " BODY.PEEK[HEADER.FIELDS (A B)]<0.5> (CHANGEDSINCE 7)";
    items = parseFetchItems(single, &consumed, &error);
    QVERIFY(items.has_value());
    QCOMPARE(single.mid(consumed), QByteArray(" (CHANGEDSINCE 7)"));

    const QByteArray macro = "FAST (CHANGEDSINCE 9)";
    items = parseFetchItems(macro, &consumed, &error);
    QVERIFY(items.has_value());
    QCOMPARE(items->size(), 3);
    QCOMPARE(macro.mid(consumed), QByteArray(" (CHANGEDSINCE 9)"));
}

void TestMessageView::tellsContentItems()
{
    for (const char *text : {"UID", "FLAGS", "INTERNALDATE", "MODSEQ", "X-GM-LABELS"}) {
        QVERIFY2(!item(text).describesContent(), text);
    }
    for (const char *text : {"RFC822.SIZE", "ENVELOPE", "BODY", "BODYSTRUCTURE", "RFC822",
                             "RFC822.HEADER", "RFC822.TEXT", "BODY[]", "BODY.PEEK[1.MIME]"}) {
        QVERIFY2(item(text).describesContent(), text);
    }
}

void TestMessageView::canonicalisesLineEnds()
{
    QCOMPARE(canonicalLineEnds("a\nb\rc\r\nd\r"), QByteArray("a\r\nb\r\nc\r\nd\r\n"));
    QCOMPARE(canonicalLineEnds("\n\n"), QByteArray("\r\n\r\n"));
    QCOMPARE(canonicalLineEnds("already\r\n"), QByteArray("already\r\n"));
}

void TestMessageView::rendersSinglePartMessage()
{
    const MessageView view(simpleMessage);
    QCOMPARE(view.size(), simpleMessage.size());
    QCOMPARE(view.render(item("RFC822.SIZE")),
             "RFC822.SIZE " + QByteArray::number(simpleMessage.size()));
    // No Content-Type: text/plain, us-ascii, 7bit; 7 bytes in 1 line (RFC 3501 section 7.4.2).
    QCOMPARE(view.render(item("BODYSTRUCTURE")),
             QByteArray("BODYSTRUCTURE (\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL "
                        "\"7bit\" 7 1 "
                        "NIL NIL NIL NIL)"));
    QCOMPARE(view.render(item("BODY")),
             QByteArray(
                     "BODY (\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 7 1)"));
    // Sender and Reply-To default to From.
    QCOMPARE(view.render(item("ENVELOPE")), QByteArray("ENVELOPE (\"Mon, 1 Jan 2024 10:00:00 "
                                                       "+0000\" \"hi\" ((\"A\" NIL \"a\" \"b.c\")) "
                                                       "((\"A\" NIL \"a\" \"b.c\")) ((\"A\" NIL "
                                                       "\"a\" \"b.c\")) NIL NIL NIL NIL NIL)"));
    QCOMPARE(view.render(item("BODY[1]")), QByteArray("BODY[1] {7}\r\nhello\r\n"));
    QCOMPARE(view.render(item("BODY[TEXT]")), QByteArray("BODY[TEXT] {7}\r\nhello\r\n"));
    QCOMPARE(view.render(item("RFC822.TEXT")), QByteArray("RFC822.TEXT {7}\r\nhello\r\n"));
    QCOMPARE(view.render(item("BODY[2]")), QByteArray("BODY[2] {0}\r\n"));
    QCOMPARE(view.render(item("BODY.PEEK[HEADER.FIELDS (from)]")),
             QByteArray("BODY[HEADER.FIELDS (FROM)] {19}\r\nFrom: A <a@b.c>\r\n\r\n"));
    QCOMPARE(view.render(item("BODY.PEEK[HEADER.FIELDS.NOT (FROM DATE)]")),
             QByteArray("BODY[HEADER.FIELDS.NOT (FROM DATE)] {15}\r\nSubject: hi\r\n\r\n"));
    QCOMPARE(view.render(item("RFC822")),
             "RFC822 {" + QByteArray::number(simpleMessage.size()) + "}\r\n" + simpleMessage);
}

void TestMessageView::rendersMultipartSections()
{
    const MessageView view(multipartMessage);
    QCOMPARE(view.render(item("BODYSTRUCTURE")),
             QByteArray("BODYSTRUCTURE ((\"text\" \"plain\" (\"charset\" \"utf-8\") NIL NIL "
                        "\"7bit\" 3 0 NIL "
                        "NIL NIL NIL)(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL "
                        "\"7bit\" 3 0 "
                        "NIL NIL NIL NIL) \"mixed\" (\"boundary\" \"b\") NIL NIL NIL)"));
    // The line break before a boundary belongs to the boundary.
    QCOMPARE(view.render(item("BODY[1]")), QByteArray("BODY[1] {3}\r\none"));
    QCOMPARE(view.render(item("BODY[1.MIME]")),
             QByteArray("BODY[1.MIME] {43}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"));
    QCOMPARE(view.render(item("BODY[2.MIME]")), QByteArray("BODY[2.MIME] {2}\r\n\r\n"));
    QCOMPARE(view.render(item("BODY[2]")), QByteArray("BODY[2] {3}\r\ntwo"));
    QCOMPARE(view.render(item("BODY[3]")), QByteArray("BODY[3] {0}\r\n"));
    QCOMPARE(view.render(item("BODY[1.1]")), QByteArray("BODY[1.1] {0}\r\n"));
    // HEADER of a part that is not message/rfc822 is empty.
    QCOMPARE(view.render(item("BODY[1.HEADER]")), QByteArray("BODY[1.HEADER] {0}\r\n"));
}

void TestMessageView::rendersPartialRanges()
{
    const MessageView view(simpleMessage);
    QCOMPARE(view.render(item("BODY.PEEK[]<2.3>")), QByteArray("BODY[]<2> {3}\r\nbje"));
    QCOMPARE(view.render(item("BODY[TEXT]<5.100>")), QByteArray("BODY[TEXT]<5> {2}\r\n\r\n"));
    QCOMPARE(view.render(item("BODY[]<100000.5>")), QByteArray("BODY[]<100000> {0}\r\n"));
}

void TestMessageView::quotesLikeDovecot()
{
    // A subject with quotes or folding is sent as a literal with the blanks collapsed.
    const QByteArray message =
            "Subject: say \"hi\"\r\n  again\r\nTo: \"Doe, J\" <j@d.e>, Team: ;\r\n\r\nx";
    const MessageView view(message);
    QCOMPARE(view.render(item("ENVELOPE")),
             QByteArray("ENVELOPE (NIL {14}\r\nsay \"hi\" again NIL NIL NIL ((\"Doe, J\" NIL \"j\" "
                        "\"d.e\")"
                        "(NIL NIL \"Team\" NIL)(NIL NIL NIL NIL)) NIL NIL NIL NIL)"));
    // RFC 2231 continuations are joined and the encoded value kept as it was.
    const MessageView parameters("Content-Type: text/plain; name*0*=utf-8''a%20; name*1=b\r\n\r\n");
    QCOMPARE(parameters.render(item("BODY")),
             QByteArray("BODY (\"text\" \"plain\" (\"name*\" \"utf-8''a%20b\" \"charset\" "
                        "\"us-ascii\") "
                        "NIL NIL \"7bit\" 0 0)"));
}

QTEST_GUILESS_MAIN(TestMessageView)
#include "tst_messageview.moc"
