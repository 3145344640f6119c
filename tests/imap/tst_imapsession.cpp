// A session against a scripted upstream on loopback: what the proxy does when the server
// stops answering, and that waiting for the client (IDLE) is not taken for that.
#include "core/imap/ImapProxy.h"
#include "core/policy/Account.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

using namespace Postern;
using namespace Postern::Imap;

namespace {

constexpr int answerTimeout = 600;

// A server that greets, accepts LOGIN and answers NOOP, IDLE (and its DONE) and LOGOUT, and
// never answers anything else: a stalled server as the client sees it.
class StallingServer : public QObject
{
public:
    StallingServer()
    {
        m_server.listen(QHostAddress::LocalHost);
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            QTcpSocket *socket = m_server.nextPendingConnection();
            socket->write("* OK [CAPABILITY IMAP4rev1 IDLE] stalling server ready\r\n");
            connect(socket, &QTcpSocket::readyRead, this, [this, socket] { answer(socket); });
        });
    }

    quint16 port() const { return m_server.serverPort(); }

private:
    void answer(QTcpSocket *socket)
    {
        while (socket->canReadLine()) {
            const QByteArray line = socket->readLine().trimmed();
            if (line.toUpper() == "DONE") {
                socket->write(m_idleTag + " OK IDLE done\r\n");
                continue;
            }
            const QList<QByteArray> words = line.split(' ');
            const QByteArray tag = words.value(0);
            const QByteArray name = words.value(1).toUpper();
            if (name == "LOGIN" || name == "NOOP") {
                socket->write(tag + " OK " + name + " done\r\n");
            } else if (name == "IDLE") {
                m_idleTag = tag;
                socket->write("+ idling\r\n");
            } else if (name == "LOGOUT") {
                socket->write("* BYE bye\r\n" + tag + " OK LOGOUT done\r\n");
                socket->disconnectFromHost();
            }
        }
    }

    QTcpServer m_server;
    QByteArray m_idleTag;
};

// Reads what the proxy sends until @p pattern appears or the proxy closes; the bytes read. The
// proxy and the server share this thread, so the wait runs the event loop.
QByteArray readUntil(QTcpSocket &client, const QByteArray &pattern, int milliseconds)
{
    QByteArray received;
    QElapsedTimer clock;
    clock.start();
    while (!received.contains(pattern) && clock.elapsed() < milliseconds) {
        QTest::qWait(10);
        received += client.readAll();
        if (client.state() != QAbstractSocket::ConnectedState) {
            break;
        }
    }
    return received;
}

} // namespace

class TestImapSession : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ImapProxy> startProxy(quint16 upstream)
    {
        Policy::Account account;
        account.name = QStringLiteral("stall");
        account.addresses = {QStringLiteral("someone@example.org")};
        account.imap.host = QStringLiteral("127.0.0.1");
        account.imap.port = upstream;
        account.imap.security = Policy::Security::None;
        auto proxy = std::make_unique<ImapProxy>(account, nullptr, nullptr);
        ProxyLimits limits;
        limits.answerTimeout = answerTimeout;
        proxy->setLimits(limits);
        QString error;
        if (!proxy->listen(&error)) {
            qWarning() << error;
            return nullptr;
        }
        return proxy;
    }

    static void login(QTcpSocket &client, quint16 port)
    {
        client.connectToHost(QHostAddress::LocalHost, port);
        QTRY_VERIFY_WITH_TIMEOUT(client.state() == QAbstractSocket::ConnectedState, 5000);
        QVERIFY(readUntil(client, "* OK", 5000).startsWith("* OK"));
        client.write("a1 LOGIN other@example.org secret\r\n");
        QVERIFY(readUntil(client, "a1 OK", 5000).contains("a1 OK"));
    }

private Q_SLOTS:

    void stalledServerEndsTheSessionWithBye()
    {
        StallingServer server;
        auto proxy = startProxy(server.port());
        QVERIFY(proxy);
        QTcpSocket client;
        login(client, proxy->port());
        if (QTest::currentTestFailed()) {
            return;
        }
        QElapsedTimer clock;
        clock.start();
        client.write("a2 SELECT INBOX\r\n");
        const QByteArray received = readUntil(client, "\r\n", 10 * answerTimeout);
        QVERIFY2(received.startsWith("* BYE ") && received.contains("no answer in time"),
                 received.constData());
        QVERIFY(clock.elapsed() >= answerTimeout - 50);
        QTRY_VERIFY_WITH_TIMEOUT(client.state() == QAbstractSocket::UnconnectedState, 5000);
    }

    void answeredCommandsAndIdleAreNotCut()
    {
        StallingServer server;
        auto proxy = startProxy(server.port());
        QVERIFY(proxy);
        QTcpSocket client;
        login(client, proxy->port());
        if (QTest::currentTestFailed()) {
            return;
        }
        // Quiet after an answered command: nothing is owed, nothing ends.
        client.write("a2 NOOP\r\n");
        QVERIFY(readUntil(client, "a2 OK", 5000).contains("a2 OK"));
        QVERIFY(readUntil(client, "* BYE", 3 * answerTimeout).isEmpty());
        // IDLE: the server waits for the client's DONE, however long it takes.
        client.write("a3 IDLE\r\n");
        QVERIFY(readUntil(client, "+ ", 5000).startsWith("+ "));
        QVERIFY(readUntil(client, "* BYE", 3 * answerTimeout).isEmpty());
        client.write("DONE\r\n");
        QVERIFY(readUntil(client, "a3 OK", 5000).contains("a3 OK"));
        QCOMPARE(client.state(), QAbstractSocket::ConnectedState);
    }
};

QTEST_GUILESS_MAIN(TestImapSession)
#include "tst_imapsession.moc"
