#include "core/imap/ClientCommand.h"
#include "core/imap/FetchItems.h"
#include "core/imap/ImapProxy.h"
#include "core/imap/Incoming.h"
#include "core/imap/MessageCache.h"

#include <QTest>

using namespace Postern::Imap;

class TestClientCommand : public QObject
{
    Q_OBJECT

private Q_SLOTS:

    void simpleCommand()
    {
        ClientCommandReader reader;
        reader.feed("a1 uid fetch 1:* (FLAGS BODY.PEEK[HEADER.FIELDS (SUBJECT)])\r\n");
        QVERIFY(reader.next() == ClientCommandReader::Status::Command);
        const ClientCommand command = reader.takeCommand();
        QCOMPARE(command.tag, QByteArray("a1"));
        QCOMPARE(command.name, QByteArray("UID FETCH"));
        QCOMPARE(command.arguments.size(), 2);
        QCOMPARE(command.arguments.at(0).text, QByteArray("1:*"));
        QCOMPARE(command.bytes(),
                 QByteArray("a1 uid fetch 1:* (FLAGS BODY.PEEK[HEADER.FIELDS (SUBJECT)])\r\n"));
        QVERIFY(reader.next() == ClientCommandReader::Status::NeedMore);
    }

    void pipelinedCommandsArriveInPieces()
    {
        ClientCommandReader reader;
        const QByteArray stream = "a1 NOOP\r\na2 SELECT \"Sent Items\"\r\na3 LOGOUT\r\n";
        QList<ClientCommand> commands;
        for (const char byte : stream) {
            reader.feed(QByteArray(1, byte));
            while (reader.next() == ClientCommandReader::Status::Command) {
                commands.append(reader.takeCommand());
            }
        }
        QCOMPARE(commands.size(), 3);
        QCOMPARE(commands.at(1).name, QByteArray("SELECT"));
        QCOMPARE(commands.at(1).arguments.at(0).text, QByteArray("Sent Items"));
        QCOMPARE(commands.at(2).tag, QByteArray("a3"));
    }

    void synchronisingLiteralAsksToContinue()
    {
        ClientCommandReader reader;
        reader.feed("a1 LOGIN {5}\r\n");
        QVERIFY(reader.next() == ClientCommandReader::Status::Continue);
        QVERIFY(reader.next() == ClientCommandReader::Status::NeedMore);
        reader.feed("alice {6}\r\n");
        QVERIFY(reader.next() == ClientCommandReader::Status::Continue);
        reader.feed("se\"cr)");
        QVERIFY(reader.next() == ClientCommandReader::Status::NeedMore);
        reader.feed("\r\n");
        QVERIFY(reader.next() == ClientCommandReader::Status::Command);
        const ClientCommand command = reader.takeCommand();
        QCOMPARE(command.arguments.at(0).text, QByteArray("alice"));
        QCOMPARE(command.arguments.at(1).text, QByteArray("se\"cr)"));
        // Upstream gets the literals as the server can take them.
        QCOMPARE(command.upstreamPieces(true),
                 QList<QByteArray>{"a1 LOGIN {5+}\r\nalice {6+}\r\nse\"cr)\r\n"});
        QCOMPARE(command.upstreamPieces(false),
                 (QList<QByteArray>{"a1 LOGIN {5}\r\n", "alice {6}\r\n", "se\"cr)\r\n"}));
    }

    void nonSynchronisingLiteralNeedsNoContinuation()
    {
        ClientCommandReader reader;
        reader.feed("a2 APPEND INBOX (\\Seen) {12+}\r\nHello\r\nthere\r\n");
        QVERIFY(reader.next() == ClientCommandReader::Status::Command);
        const ClientCommand command = reader.takeCommand();
        QCOMPARE(command.name, QByteArray("APPEND"));
        QCOMPARE(command.arguments.size(), 3);
        QCOMPARE(command.arguments.at(2).text, QByteArray("Hello\r\nthere"));
    }

    void literalBeyondTheLimitEndsTheStream()
    {
        ClientCommandReader reader(1024, 100);
        reader.feed("a1 APPEND INBOX {101}\r\n");
        QVERIFY(reader.next() == ClientCommandReader::Status::Error);
        QVERIFY(reader.error().contains(QLatin1String("101")));
        QCOMPARE(reader.badTag(), QByteArray("a1"));
        QVERIFY(!reader.recover());
    }

    void overlongLineEndsTheStream()
    {
        ClientCommandReader reader(64, 100);
        reader.feed("a1 NOOP " + QByteArray(100, 'x'));
        QVERIFY(reader.next() == ClientCommandReader::Status::Error);
        QVERIFY(!reader.recover());
    }

    void garbageIsRefusedAndReadingGoesOn()
    {
        ClientCommandReader reader;
        reader.feed("a1 \"unterminated\r\n\r\na2 NOOP\r\n");
        QVERIFY(reader.next() == ClientCommandReader::Status::Error);
        QCOMPARE(reader.badTag(), QByteArray("a1"));
        QVERIFY(reader.recover());
        QVERIFY(reader.next() == ClientCommandReader::Status::Error);
        QVERIFY(reader.recover());
        QVERIFY(reader.next() == ClientCommandReader::Status::Command);
        QCOMPARE(reader.takeCommand().tag, QByteArray("a2"));
    }

    void tagsAServerCannotAnswerAreRefusedHere()
    {
        // The server would answer these untagged; the client would wait for ever.
        for (const QByteArray &line :
             {QByteArray("A% NOOP\r\n"), QByteArray("a*1 NOOP\r\n"), QByteArray("\"q\" NOOP\r\n"),
              QByteArray("+ NOOP\r\n"), QByteArray("t\xc3\xa4 NOOP\r\n")}) {
            ClientCommandReader reader;
            reader.feed(line + "ok2 NOOP\r\n");
            QVERIFY2(reader.next() == ClientCommandReader::Status::Error, line.constData());
            QVERIFY(reader.badTag().isEmpty());
            QVERIFY(reader.recover());
            QVERIFY(reader.next() == ClientCommandReader::Status::Command);
            QCOMPARE(reader.takeCommand().tag, QByteArray("ok2"));
        }
        ClientCommandReader reader;
        reader.feed("a.b-c_d]e NOOP\r\n");
        QVERIFY(reader.next() == ClientCommandReader::Status::Command);
        QCOMPARE(reader.takeCommand().tag, QByteArray("a.b-c_d]e"));
    }

    void rawLinesForContinuations()
    {
        ClientCommandReader reader;
        reader.feed("DONE\r\na3 NOOP\r\n");
        QCOMPARE(reader.takeLine(), std::optional<QByteArray>("DONE\r\n"));
        QVERIFY(reader.next() == ClientCommandReader::Status::Command);
        QCOMPARE(reader.takeCommand().tag, QByteArray("a3"));
        QVERIFY(!reader.takeLine());
    }

    void fetchItemsAfterTheSetAsTheProxyPassesThem()
    {
        // The proxy hands the parser what follows the sequence set, line end included.
        for (const QByteArray &text :
             {QByteArray(" BODY.PEEK[]\r\n"), QByteArray(" (BODY.PEEK[] UID)\r\n"),
              QByteArray(" BODY[]<0.100> (CHANGEDSINCE 5)\r\n")}) {
            qsizetype consumed = 0;
            QString error;
            const auto items = parseFetchItems(text, &consumed, &error);
            QVERIFY2(items, qPrintable(error));
            QVERIFY(items->constFirst().describesContent());
        }
    }

    void astringChoosesTheForm()
    {
        QCOMPARE(astring("INBOX"), QByteArray("INBOX"));
        QCOMPARE(astring("Sent Items"), QByteArray("\"Sent Items\""));
        QCOMPARE(astring("a\"b\\c"), QByteArray("\"a\\\"b\\\\c\""));
        QCOMPARE(astring("Gesendete Elemente \xc3\xa4"),
                 QByteArray("{21}\r\nGesendete Elemente \xc3\xa4"));
        QCOMPARE(astring(""), QByteArray("\"\""));
    }

    void capabilitiesAreThoseTheProxyRelaysFaithfully()
    {
        const QList<QByteArray> server = {
                "IMAP4rev1",  "SASL-IR",       "LOGIN-REFERRALS",   "ID",
                "ENABLE",     "IDLE",          "LITERAL+",          "STARTTLS",
                "AUTH=PLAIN", "AUTH=CRAM-MD5", "COMPRESS=DEFLATE",  "BINARY",
                "CATENATE",   "MULTIAPPEND",   "THREAD=REFERENCES", "IMAP4rev2",
                "PREVIEW",    "CONDSTORE"};
        QCOMPARE(filterCapabilities(server),
                 (QList<QByteArray>{"IMAP4rev1", "SASL-IR", "ID", "ENABLE", "IDLE", "LITERAL+",
                                    "AUTH=PLAIN", "THREAD=REFERENCES", "CONDSTORE"}));
    }

    void encryptedMessagesAreRecognisedByTheirHeader()
    {
        QVERIFY(looksEncrypted("Content-Type: application/pkcs7-mime; smime-type=enveloped-data;"
                               "\r\n name=smime.p7m\r\n\r\n"));
        QVERIFY(looksEncrypted(
                "Content-Type: application/x-pkcs7-mime; name=\"smime.p7m\"\r\n\r\n"));
        QVERIFY(looksEncrypted("content-type: Application/PKCS7-MIME; smime-type=authEnveloped-data"
                               "\r\n\r\n"));
        QVERIFY(looksEncrypted(
                "Content-Type: application/octet-stream; name=\"SMIME.P7M\"\r\n\r\n"));
        QVERIFY(!looksEncrypted(
                "Content-Type: application/pkcs7-mime; smime-type=signed-data\r\n\r\n"));
        QVERIFY(!looksEncrypted("Content-Type: multipart/signed; protocol=\"application/pkcs7-"
                                "signature\"; boundary=x\r\n\r\n"));
        QVERIFY(!looksEncrypted("Content-Type: text/plain\r\n\r\n"));
        QVERIFY(!looksEncrypted("\r\n"));
        QVERIFY(!looksEncrypted("Content-Type: application/octet-stream; name=report.pdf\r\n\r\n"));
    }

    void cacheKeepsTheRecentWithinItsBudget()
    {
        MessageCache cache(2000);
        const QString first = MessageCache::key(QStringLiteral("u"), QStringLiteral("INBOX"), 7, 1);
        const QString second =
                MessageCache::key(QStringLiteral("u"), QStringLiteral("INBOX"), 7, 2);
        const QString third = MessageCache::key(QStringLiteral("u"), QStringLiteral("INBOX"), 7, 3);
        QVERIFY(first != MessageCache::key(QStringLiteral("u"), QStringLiteral("INBOX"), 8, 1));
        cache.insert(first, {nullptr, QString(300, QLatin1Char('a'))});
        cache.insert(second, {nullptr, QString(300, QLatin1Char('b'))});
        QCOMPARE(cache.count(), 2);
        QVERIFY(cache.find(first)); // now the most recent
        cache.insert(third, {nullptr, QString(300, QLatin1Char('c'))});
        QVERIFY(cache.cost() <= cache.budget());
        QVERIFY(cache.find(first));
        QVERIFY(!cache.find(second));
        QCOMPARE(cache.find(third)->problem, QString(300, QLatin1Char('c')));
    }
};

QTEST_GUILESS_MAIN(TestClientCommand)
#include "tst_clientcommand.moc"
