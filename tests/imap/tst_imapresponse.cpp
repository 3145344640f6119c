// The IMAP response reader: real servers' responses (Dovecot, Exchange, Gmail forms from RFC 3501
// and the servers' own transcripts), cut into pieces at every byte, and hostile ones.

#include "core/imap/ImapResponse.h"

#include <QTest>

using namespace Postern::Imap;

namespace {

QByteArray fetchWithLiteral(const QByteArray &body)
{
    return "* 12 FETCH (UID 4827 RFC822.SIZE " + QByteArray::number(body.size())
           + " FLAGS (\\Seen $Forwarded) BODY[] {" + QByteArray::number(body.size()) + "}\r\n"
           + body + ")\r\n";
}

QList<Response> readAll(const QByteArray &stream, qsizetype chunk, QString *error = nullptr)
{
    ResponseReader reader;
    QList<Response> responses;
    for (qsizetype offset = 0; offset < stream.size(); offset += chunk) {
        reader.feed(stream.mid(offset, chunk));
        while (auto response = reader.next()) {
            responses.append(*response);
        }
    }
    if (error != nullptr) {
        *error = reader.error();
    }
    return responses;
}

} // namespace

class TestImapResponse : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void framing_data();
    void framing();
    void fetchItems();
    void statusTextIsFreeText();
    void sectionsStayInTheirAtom();
    void nilAndQuotedEscapes();
    void literalContainingLineEnds();
    void hostile_data();
    void hostile();
    void oversizedLiteralIsRefusedBeforeItArrives();
};

void TestImapResponse::framing_data()
{
    QTest::addColumn<QByteArray>("stream");
    QTest::addColumn<QList<QByteArray>>("names");

    QTest::newRow("greeting and capability") << QByteArray(
            "* OK [CAPABILITY IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE "
            "LITERAL+ STARTTLS AUTH=PLAIN] Dovecot (Debian) ready.\r\n"
            "* CAPABILITY IMAP4rev1 IDLE UIDPLUS MOVE CONDSTORE QRESYNC\r\n"
            "a1 OK Pre-login capabilities listed, post-login capabilities have more.\r\n")
                                             << QList<QByteArray>{"OK", "CAPABILITY", "OK"};
    QTest::newRow("select") << QByteArray(
            "* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)\r\n"
            "* OK [PERMANENTFLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft "
            "\\*)] Flags permitted.\r\n* 3 EXISTS\r\n* 0 RECENT\r\n"
            "* OK [UIDVALIDITY 1733230000] UIDs valid\r\n"
            "* OK [UIDNEXT 4] Predicted next UID\r\n"
            "a2 OK [READ-WRITE] Select completed (0.001 + 0.000 secs).\r\n")
                            << QList<QByteArray>{"FLAGS", "OK", "EXISTS", "RECENT",
                                                 "OK",    "OK", "OK"};
    QTest::newRow("fetch with a literal, then a tagged reply")
            << fetchWithLiteral("Subject: hi\r\n\r\nbody (with a parenthesis\r\n")
                       + "a3 OK Fetch completed.\r\n"
            << QList<QByteArray>{"FETCH", "OK"};
    QTest::newRow("continuation") << QByteArray("+ idling\r\n* 4 EXISTS\r\n")
                                  << QList<QByteArray>{QByteArray(), "EXISTS"};
    QTest::newRow("list with a literal mailbox name") << QByteArray(
            "* LIST (\\HasNoChildren) \"/\" {9}\r\nM\xc3\xa4rz \"x\"\r\na4 OK done\r\n")
                                                      << QList<QByteArray>{"LIST", "OK"};
    QTest::newRow("bare LF line ends")
            << QByteArray("* 1 EXISTS\na5 OK done\n") << QList<QByteArray>{"EXISTS", "OK"};
    QTest::newRow("literal8 and LITERAL+")
            << QByteArray(QByteArray("* 1 FETCH (BINARY[1] ~{3}\r\n") + QByteArray("\0\1\2", 3)
                          + ")\r\n* 2 FETCH (BODY[1] {2+}\r\nab)\r\n")
            << QList<QByteArray>{"FETCH", "FETCH"};
}

void TestImapResponse::framing()
{
    QFETCH(QByteArray, stream);
    QFETCH(QList<QByteArray>, names);

    // Whatever the pieces the network delivers, the responses are the same.
    for (const qsizetype chunk : {qsizetype(1), qsizetype(2), qsizetype(7), stream.size()}) {
        QString error;
        const QList<Response> responses = readAll(stream, chunk, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(responses.size(), names.size());
        QByteArray joined;
        for (qsizetype index = 0; index < responses.size(); ++index) {
            QCOMPARE(responses.at(index).name(), names.at(index));
            joined += responses.at(index).bytes;
        }
        // Nothing is lost or changed: the bytes concatenate back to the stream.
        QCOMPARE(joined, stream);
    }
}

void TestImapResponse::fetchItems()
{
    const QByteArray body = "From: a@example.org\r\nSubject: x\r\n\r\n{5}\r\nnot a literal )\r\n";
    const QList<Response> responses = readAll(fetchWithLiteral(body), 3);
    QCOMPARE(responses.size(), 1);
    const Response &fetch = responses.constFirst();
    QVERIFY(fetch.kind == Response::Kind::Untagged);
    QCOMPARE(fetch.number(), std::optional<qint64>(12));
    QCOMPARE(fetch.name(), QByteArray("FETCH"));
    QCOMPARE(fetch.values.size(), 3);
    const Value &items = fetch.values.at(2);
    QVERIFY(items.kind == Value::Kind::List);
    QCOMPARE(items.items.size(), 8);
    QVERIFY(items.items.at(0).isAtom("UID"));
    QCOMPARE(items.items.at(1).number(), 4827);
    QCOMPARE(items.items.at(3).number(), body.size());
    QVERIFY(items.items.at(5).kind == Value::Kind::List);
    QCOMPARE(items.items.at(5).items.at(1).text, QByteArray("$Forwarded"));
    QVERIFY(items.items.at(6).isAtom("BODY[]"));
    QVERIFY(items.items.at(7).kind == Value::Kind::Literal);
    QCOMPARE(items.items.at(7).text, body);
    // Positions point into the response's bytes, so a proxy can replace one item in place.
    const Value &literal = items.items.at(7);
    QVERIFY(fetch.bytes.mid(literal.start, literal.end - literal.start).endsWith(body));
    QVERIFY(fetch.bytes.mid(literal.start)
                    .startsWith(QByteArray("{" + QByteArray::number(body.size()) + "}")));
}

void TestImapResponse::statusTextIsFreeText()
{
    // Quotes and parentheses in human-readable text mean nothing (RFC 3501 resp-text).
    QString error;
    const QList<Response> responses = readAll(
            "* OK [ALERT] Don't \"panic (really\r\na6 NO [TRYCREATE] Mailbox doesn't exist: \"x\r\n"
            "* BYE Logging out ) (\r\n",
            1000, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(responses.size(), 3);
    QCOMPARE(responses.at(0).values.at(1).text, QByteArray("[ALERT]"));
    QCOMPARE(responses.at(0).values.at(2).text, QByteArray("Don't \"panic (really"));
    QCOMPARE(responses.at(1).tag, QByteArray("a6"));
    QCOMPARE(responses.at(1).name(), QByteArray("NO"));
    QCOMPARE(responses.at(1).values.at(1).text, QByteArray("[TRYCREATE]"));
    QCOMPARE(responses.at(2).name(), QByteArray("BYE"));
}

void TestImapResponse::sectionsStayInTheirAtom()
{
    const QList<Response> responses =
            readAll("* 7 FETCH (UID 9 BODY[HEADER.FIELDS (REFERENCES THREAD-TOPIC)] {2}\r\n\r\n "
                    "BODY[1.2.MIME]<0> NIL BODY[TEXT]<100> \"\")\r\n",
                    5);
    QCOMPARE(responses.size(), 1);
    const QList<Value> &items = responses.constFirst().values.at(2).items;
    QCOMPARE(items.size(), 8);
    QCOMPARE(items.at(2).text, QByteArray("BODY[HEADER.FIELDS (REFERENCES THREAD-TOPIC)]"));
    QCOMPARE(items.at(3).text, QByteArray("\r\n"));
    QCOMPARE(items.at(4).text, QByteArray("BODY[1.2.MIME]<0>"));
    QVERIFY(items.at(5).kind == Value::Kind::Nil);
    QCOMPARE(items.at(6).text, QByteArray("BODY[TEXT]<100>"));
    QVERIFY(items.at(7).kind == Value::Kind::Quoted);
    QVERIFY(items.at(7).text.isEmpty());
}

void TestImapResponse::nilAndQuotedEscapes()
{
    const QList<Response> responses = readAll(
            "* 1 FETCH (ENVELOPE (\"Wed, 2 Dec 2026 10:00:00 +0100\" \"say \\\"hi\\\" \\\\o/\" "
            "((\"Alice\" NIL \"alice\" \"example.org\")) nil NIL NIL NIL NIL NIL \"<m@x>\"))\r\n",
            4);
    QCOMPARE(responses.size(), 1);
    const Value &envelope = responses.constFirst().values.at(2).items.at(1);
    QVERIFY(envelope.kind == Value::Kind::List);
    QCOMPARE(envelope.items.size(), 10);
    QCOMPARE(envelope.items.at(1).text, QByteArray("say \"hi\" \\o/"));
    QCOMPARE(envelope.items.at(2).items.at(0).items.at(2).text, QByteArray("alice"));
    QVERIFY(envelope.items.at(3).kind == Value::Kind::Nil);
    QCOMPARE(envelope.items.at(9).text, QByteArray("<m@x>"));
}

void TestImapResponse::literalContainingLineEnds()
{
    // A literal that itself ends in something like a literal announcement must not confuse the
    // framing, nor a line end inside it.
    const QByteArray body = "line one\r\nends with {99}\r\n";
    const QByteArray stream = fetchWithLiteral(body) + "a7 OK done\r\n";
    for (qsizetype chunk = 1; chunk < 12; ++chunk) {
        QString error;
        const QList<Response> responses = readAll(stream, chunk, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(responses.size(), 2);
        QCOMPARE(responses.at(0).values.at(2).items.at(7).text, body);
    }
}

void TestImapResponse::hostile_data()
{
    QTest::addColumn<QByteArray>("stream");
    QTest::addColumn<QString>("problem");

    QTest::newRow("unbalanced open")
            << QByteArray("* 1 FETCH (FLAGS (\\Seen)\r\n") << "a list is not closed";
    QTest::newRow("unbalanced close")
            << QByteArray("* 1 FETCH (FLAGS ()))\r\n") << "without its '('";
    QTest::newRow("unterminated quote")
            << QByteArray("* LIST () \"/ INBOX\r\n") << "a quoted string is not closed";
    QTest::newRow("binary junk") << QByteArray("\x01\x02\x03\r\n", 5) << "unexpected byte";
    QTest::newRow("deep nesting") << QByteArray("* 1 FETCH " + QByteArray(5000, '(') + "\r\n")
                                  << "nested deeper";
    QTest::newRow("no space after tag") << QByteArray("a1\r\n") << "no space after the tag";
}

void TestImapResponse::hostile()
{
    QFETCH(QByteArray, stream);
    QFETCH(QString, problem);
    QString error;
    const QList<Response> responses = readAll(stream + "a9 OK after\r\n", 3, &error);
    QVERIFY(responses.isEmpty());
    QVERIFY2(error.contains(problem), qPrintable(error));
}

void TestImapResponse::oversizedLiteralIsRefusedBeforeItArrives()
{
    ResponseReader reader(1024 * 1024);
    reader.feed("* 1 FETCH (BODY[] {999999999999}\r\n");
    QVERIFY(!reader.next());
    QVERIFY(reader.hasError());
    QVERIFY2(reader.error().contains(QStringLiteral("999999999999")), qPrintable(reader.error()));
    // Nothing is kept once the session is condemned.
    reader.feed(QByteArray(4096, 'x'));
    QVERIFY(reader.pending() < 100);

    ResponseReader endless(4096);
    endless.feed(QByteArray(5000, 'x'));
    QVERIFY(!endless.next());
    QVERIFY(endless.hasError());
}

QTEST_GUILESS_MAIN(TestImapResponse)
#include "tst_imapresponse.moc"
