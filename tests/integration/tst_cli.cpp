// Drives the real `postern` executable as a user or a script would, and checks what it prints
// and how it exits.

#include "TestSupport.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

namespace {

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Run runPostern(const QStringList &arguments,
               const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment())
{
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(POSTERN_EXECUTABLE), arguments);
    process.closeWriteChannel();
    if (!process.waitForFinished(60000)) {
        process.kill();
        process.waitForFinished();
    }
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            process.readAllStandardOutput(), process.readAllStandardError()};
}

} // namespace

class TestCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void version();
    void help();
    void badUsage_data();
    void badUsage();
    void missingFile();
    void directoryAsFile();
    void unusableProfile();
    void profileFromEnvironment();
    void inspectShowsTree();
    void inspectJson();
    void inspectRejectsNonMime();
    void guiWithoutDisplay();
    void headlessRunsAndStopsOnSigterm();
    void secondInstanceIsRefused();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_profile;
};

void TestCli::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_profile = m_dir->filePath(QStringLiteral("profile"));
}

void TestCli::version()
{
    const Run run = runPostern({QStringLiteral("--version")});
    QCOMPARE(run.exitCode, 0);
    QVERIFY(run.out.startsWith("postern 0."));
}

void TestCli::help()
{
    const Run run = runPostern({QStringLiteral("--help")});
    QCOMPARE(run.exitCode, 0);
    // The command people type, not QCommandLineParser's placeholder or the path it was run by.
    QVERIFY2(run.out.startsWith("Usage: postern [options]"), run.out.constData());
    QVERIFY(run.out.contains("--headless"));
    QVERIFY(run.out.contains("--stop-timeout"));
    QVERIFY(run.out.contains("inspect"));

    const Run command = runPostern({QStringLiteral("account"), QStringLiteral("--help")});
    QCOMPARE(command.exitCode, 0);
    QVERIFY2(command.out.startsWith("Usage: postern [options] account"), command.out.constData());
    QVERIFY(!command.out.contains("executable_name"));
}

void TestCli::badUsage_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QByteArray>("mentions");
    QTest::newRow("unknown option")
            << QStringList{QStringLiteral("--bogus")} << QByteArray("bogus");
    QTest::newRow("unknown command")
            << QStringList{QStringLiteral("teleport")} << QByteArray("teleport");
    QTest::newRow("missing argument")
            << QStringList{QStringLiteral("inspect")} << QByteArray("FILE");
    QTest::newRow("stop timeout not a number")
            << QStringList{QStringLiteral("--headless"), QStringLiteral("--stop-timeout"),
                           QStringLiteral("soon")}
            << QByteArray("--stop-timeout needs a number of seconds");
}

void TestCli::badUsage()
{
    QFETCH(QStringList, arguments);
    QFETCH(QByteArray, mentions);
    const Run run = runPostern(QStringList{QStringLiteral("--profile"), m_profile} + arguments);
    QCOMPARE(run.exitCode, 2);
    QCOMPARE(run.err.count('\n'), 1);
    QVERIFY2(run.err.contains(mentions), run.err.constData());
    QVERIFY(run.out.isEmpty());
    QVERIFY2(!QFile::exists(m_profile), "a usage error must not create a profile");
}

void TestCli::missingFile()
{
    const QString missing = m_dir->filePath(QStringLiteral("nowhere.eml"));
    const Run run = runPostern(
            {QStringLiteral("--profile"), m_profile, QStringLiteral("inspect"), missing});
    QCOMPARE(run.exitCode, 3);
    QCOMPARE(run.err.count('\n'), 1);
    QVERIFY(run.err.contains(missing.toUtf8()));
    QVERIFY(run.err.contains("no such file"));
}

void TestCli::directoryAsFile()
{
    const Run run = runPostern(
            {QStringLiteral("--profile"), m_profile, QStringLiteral("inspect"), m_dir->path()});
    QCOMPARE(run.exitCode, 3);
    QVERIFY(run.err.contains("directory"));
}

void TestCli::unusableProfile()
{
    const QString file = m_dir->filePath(QStringLiteral("a-file"));
    QFile f(file);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("x");
    f.close();

    for (const QString &profile : QStringList{file, file + QStringLiteral("/below")}) {
        const Run run =
                runPostern({QStringLiteral("--profile"), profile, QStringLiteral("--headless")});
        QCOMPARE(run.exitCode, 4);
        QCOMPARE(run.err.count('\n'), 1);
        QVERIFY2(run.err.contains(profile.toUtf8()), run.err.constData());
    }
    QCOMPARE(QFileInfo(file).size(), 1);
}

void TestCli::profileFromEnvironment()
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("POSTERN_PROFILE"), m_profile);
    const QString message = m_dir->filePath(QStringLiteral("m.eml"));
    QFile file(message);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("Subject: hi\r\n\r\nbody\r\n");
    file.close();

    const Run run = runPostern({QStringLiteral("inspect"), message}, environment);
    QCOMPARE(run.exitCode, 0);
    QVERIFY(QFile::exists(m_profile + QStringLiteral("/profile.json")));
}

void TestCli::inspectShowsTree()
{
    const QString message = m_dir->filePath(QStringLiteral("m.eml"));
    QFile file(message);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("From: a@example.org\r\nSubject: Tree\r\nMIME-Version: 1.0\r\n"
               "Content-Type: multipart/alternative; boundary=x\r\n\r\n--x\r\nContent-Type: "
               "text/plain\r\n\r\nhi\r\n"
               "--x\r\nContent-Type: text/calendar; "
               "method=REQUEST\r\n\r\nBEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n--x--\r\n");
    file.close();

    const Run run = runPostern(
            {QStringLiteral("--profile"), m_profile, QStringLiteral("inspect"), message});
    QCOMPARE(run.exitCode, 0);
    QVERIFY(run.out.contains("Subject: Tree"));
    QVERIFY(run.out.contains("- multipart/alternative"));
    QVERIFY(run.out.contains("2 text/calendar"));
}

void TestCli::inspectJson()
{
    POSTERN_REQUIRE_CORPUS();
    const Run run = runPostern({QStringLiteral("--profile"), m_profile, QStringLiteral("inspect"),
                                QStringLiteral("--json"),
                                Postern::Test::corpusFile(QStringLiteral(
                                        "ical/comm-central__outlook-test-invite.eml"))});
    QCOMPARE(run.exitCode, 0);
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(run.out, &error);
    QCOMPARE(error.error, QJsonParseError::NoError);
    QVERIFY(document.object().contains(QLatin1String("mime")));
}

void TestCli::inspectRejectsNonMime()
{
    const QString empty = m_dir->filePath(QStringLiteral("empty.eml"));
    QFile file(empty);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.close();

    const Run run =
            runPostern({QStringLiteral("--profile"), m_profile, QStringLiteral("inspect"), empty});
    QCOMPARE(run.exitCode, 5);
    QVERIFY(run.err.contains("empty"));
}

void TestCli::guiWithoutDisplay()
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(QStringLiteral("DISPLAY"));
    environment.remove(QStringLiteral("WAYLAND_DISPLAY"));
    environment.remove(QStringLiteral("QT_QPA_PLATFORM"));
    const Run run = runPostern({QStringLiteral("--profile"), m_profile}, environment);
    QCOMPARE(run.exitCode, 8);
    QVERIFY(run.err.contains("--headless"));
}

void TestCli::headlessRunsAndStopsOnSigterm()
{
    QProcess process;
    process.start(QStringLiteral(POSTERN_EXECUTABLE),
                  {QStringLiteral("--headless"), QStringLiteral("--profile"), m_profile});
    QVERIFY(process.waitForStarted());

    const QString log = m_profile + QStringLiteral("/logs/postern.log");
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(log) && QFileInfo(log).size() > 0, 20000);
    QCOMPARE(process.state(), QProcess::Running);

    ::kill(static_cast<pid_t>(process.processId()), SIGTERM);
    QVERIFY(process.waitForFinished(20000));
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), 0);

    QFile file(log);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray text = file.readAll();
    QVERIFY(text.contains("running headless"));
    QVERIFY(text.contains("stopped"));
}

void TestCli::secondInstanceIsRefused()
{
    QProcess first;
    first.start(QStringLiteral(POSTERN_EXECUTABLE),
                {QStringLiteral("--headless"), QStringLiteral("--profile"), m_profile});
    QVERIFY(first.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(m_profile + QStringLiteral("/postern.lock")), 20000);

    const Run second =
            runPostern({QStringLiteral("--headless"), QStringLiteral("--profile"), m_profile});
    QCOMPARE(second.exitCode, 4);
    const QByteArray holder =
            QByteArray("already in use by process ") + QByteArray::number(first.processId());
    QVERIFY2(second.err.contains(holder), second.err.constData());
    QVERIFY(second.err.contains("only one Postern may serve a profile"));
    QCOMPARE(first.state(), QProcess::Running);

    first.terminate();
    QVERIFY(first.waitForFinished(20000));
    QCOMPARE(first.exitCode(), 0);
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
