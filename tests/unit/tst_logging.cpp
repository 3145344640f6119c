#include "core/base/Logging.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Postern;

class TestLogging : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup();
    void writesToProfileLog();
    void debugOnlyWhenVerbose();
    void rotatesBySize();
    void masksCredentials_data();
    void masksCredentials();
};

namespace {

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

void TestLogging::cleanup()
{
    Logging::uninstall();
}

void TestLogging::writesToProfileLog()
{
    QTemporaryDir dir;
    Logging::install(dir.path(), false);
    QCOMPARE(Logging::logFilePath(), dir.filePath(QStringLiteral("postern.log")));

    qCInfo(lcSmtp) << "session 3 relayed";
    qCWarning(lcImap) << "upstream closed";

    const QByteArray log = readAll(Logging::logFilePath());
    QVERIFY(log.contains("info postern.smtp: session 3 relayed"));
    QVERIFY(log.contains("warning postern.imap: upstream closed"));
    QVERIFY(!(QFile(Logging::logFilePath()).permissions() & QFileDevice::ReadOther));
}

void TestLogging::debugOnlyWhenVerbose()
{
    QTemporaryDir dir;
    Logging::install(dir.path(), false);
    qCDebug(lcCore) << "quiet detail";
    QVERIFY(!readAll(Logging::logFilePath()).contains("quiet detail"));

    Logging::install(dir.path(), true);
    qCDebug(lcCore) << "verbose detail";
    QVERIFY(readAll(Logging::logFilePath()).contains("verbose detail"));
}

void TestLogging::rotatesBySize()
{
    QTemporaryDir dir;
    Logging::install(dir.path(), false);
    const QString line(1000, QLatin1Char('x'));
    const qint64 lines = (Logging::rotateAtBytes / 1000) * (Logging::keptFiles + 2);
    for (qint64 index = 0; index < lines; ++index) {
        qCInfo(lcCore).noquote() << line;
    }

    const QStringList files =
            QDir(dir.path()).entryList({QStringLiteral("postern.log*")}, QDir::Files);
    QCOMPARE(files.size(), Logging::keptFiles + 1);
    QVERIFY(files.contains(QStringLiteral("postern.log.%1").arg(Logging::keptFiles)));
    for (const QString &name : files) {
        QVERIFY2(QFile(dir.filePath(name)).size() <= Logging::rotateAtBytes + 2048,
                 qPrintable(name));
    }
}

void TestLogging::masksCredentials_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("IMAP LOGIN, RFC 3501 6.2.3")
            << QByteArray("a1 LOGIN alice s3cret\r\n") << QByteArray("a1 LOGIN ***");
    QTest::newRow("IMAP AUTHENTICATE, RFC 3501 6.2.2")
            << QByteArray("a2 authenticate PLAIN AGFsaWNlAHMzY3JldA==")
            << QByteArray("a2 authenticate ***");
    QTest::newRow("SMTP AUTH, RFC 4954")
            << QByteArray("AUTH PLAIN AGFsaWNlAHMzY3JldA==") << QByteArray("AUTH ***");
    QTest::newRow("other commands pass")
            << QByteArray("a3 SELECT INBOX") << QByteArray("a3 SELECT INBOX");
    QTest::newRow("login as a later word is not a verb")
            << QByteArray("a4 SEARCH SUBJECT LOGIN") << QByteArray("a4 SEARCH SUBJECT LOGIN");
}

void TestLogging::masksCredentials()
{
    QFETCH(QByteArray, line);
    QFETCH(QByteArray, expected);
    QCOMPARE(Logging::maskCredentials(line), expected);
}

QTEST_GUILESS_MAIN(TestLogging)
#include "tst_logging.moc"
