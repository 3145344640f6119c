// Drives the real `postern` executable as a user or a script would, and checks what it prints
// and how it exits.

#include "TestSupport.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <memory>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

using Postern::Test::makeUnreadable;

namespace {

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

// Every run is in a session of its own, without a controlling terminal, as from a script or a
// service: a command that would ask for a passphrase must say so instead of waiting for one.
Run runProgram(const QString &program,
               const QStringList &arguments,
               const QProcessEnvironment &environment,
               mode_t umaskValue)
{
    QProcess process;
    process.setProcessEnvironment(environment);
    process.setChildProcessModifier([umaskValue] {
        ::setsid();
        ::umask(umaskValue);
    });
    process.start(program, arguments);
    process.closeWriteChannel();
    if (!process.waitForFinished(60000)) {
        process.kill();
        process.waitForFinished();
    }
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            process.readAllStandardOutput(), process.readAllStandardError()};
}

Run runPostern(const QStringList &arguments,
               const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment(),
               mode_t umaskValue = 022)
{
    return runProgram(QStringLiteral(POSTERN_EXECUTABLE), arguments, environment, umaskValue);
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// Modification times are kept, so the copied store's index still matches its files.
bool copyTree(const QString &from, const QString &to)
{
    if (!QDir().mkpath(to)) {
        return false;
    }
    const QDir source(from);
    for (const QFileInfo &entry :
         source.entryInfoList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot)) {
        const QString target = to + QLatin1Char('/') + entry.fileName();
        if (entry.isDir()) {
            if (!copyTree(entry.filePath(), target)) {
                return false;
            }
            continue;
        }
        QFile copy(target);
        if (!QFile::copy(entry.filePath(), target) || !copy.open(QIODevice::ReadWrite)
            || !copy.setFileTime(entry.lastModified(), QFileDevice::FileModificationTime)) {
            return false;
        }
    }
    return true;
}

/** The permission bits of @p path, as the system has them. */
mode_t modeOf(const QString &path)
{
    struct stat status = {};
    return ::stat(QFile::encodeName(path).constData(), &status) == 0 ? status.st_mode & 07777
                                                                     : 07777;
}

QJsonObject firstEntry(const Run &listed)
{
    return QJsonDocument::fromJson(listed.out).array().first().toObject();
}

const QByteArray secretLine("the secret line of the test message");

} // namespace

class TestCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void version();
    void help();
    void parallelCommandsCreateOneProfile();
    void parallelKeyImportsShareOneStore();
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
    void lockedStoreIsNamed();
    void noKeyIsRecipientNamesRecipients();
    void keyDeletionNeedsPassphrase_data();
    void keyDeletionNeedsPassphrase();
    void unreadableStoreIsAnError_data();
    void unreadableStoreIsAnError();
    void unreadableFolderAsAnotherUser();
    void secretFilesAreOwnerOnly();
    void emptyExportPasswordRefused();
    void subjectFieldsCheckedFirst_data();
    void subjectFieldsCheckedFirst();
    void longestSubjectFieldsAccepted();
    void preconditionsBeforePassphrase_data();
    void preconditionsBeforePassphrase();

private:
    QString identityProfile();

    QString fixture(const QString &name) const { return m_fixture.filePath(name); }

    QStringList withIdentity(const QString &profile, const QStringList &arguments) const;

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_profile;
    // Made once: a profile whose store holds the identity of me@example.org (and the certificate
    // of other@example.org without its key), a message encrypted to it, and other's PKCS#12.
    QTemporaryDir m_fixture;
    QString m_meId;
    QString m_otherId;
    QByteArray m_meSerial;
    bool m_fixtureReady = false;
};

void TestCli::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_profile = m_dir->filePath(QStringLiteral("profile"));
}

void TestCli::initTestCase()
{
    QVERIFY(m_fixture.isValid());
    QVERIFY(writeFile(fixture(QStringLiteral("store.pass")), "fixture store passphrase\n"));
    QVERIFY(writeFile(fixture(QStringLiteral("wrong.pass")), "not the store passphrase\n"));
    QVERIFY(writeFile(fixture(QStringLiteral("other.pass")), "other's export password\n"));
    QVERIFY(writeFile(fixture(QStringLiteral("empty.pass")), ""));
    QVERIFY(writeFile(fixture(QStringLiteral("m.eml")),
                      "From: other@example.org\r\nTo: me@example.org\r\nSubject: test\r\n\r\n"
                              + secretLine + "\r\n"));
    QVERIFY(writeFile(fixture(QStringLiteral("stranger.eml")),
                      "From: stranger@example.org\r\nTo: me@example.org\r\nSubject: "
                      "test\r\n\r\nhello\r\n"));

    const QString me = fixture(QStringLiteral("me"));
    const QString other = fixture(QStringLiteral("other"));
    const QString pass = fixture(QStringLiteral("store.pass"));
    const auto succeeds = [](const Run &run) {
        if (run.exitCode != 0) {
            qWarning("%s", run.err.constData());
        }
        return run.exitCode == 0;
    };
    QVERIFY(succeeds(runPostern(
            {QStringLiteral("--profile"), me, QStringLiteral("cert"), QStringLiteral("generate"),
             QStringLiteral("me@example.org"), QStringLiteral("--name"), QStringLiteral("Me"),
             QStringLiteral("--ec"), QStringLiteral("--store-pass-file"), pass})));
    QVERIFY(succeeds(
            runPostern({QStringLiteral("--profile"), other, QStringLiteral("cert"),
                        QStringLiteral("generate"), QStringLiteral("other@example.org"),
                        QStringLiteral("--ec"), QStringLiteral("--store-pass-file"), pass})));
    const QJsonObject meEntry =
            firstEntry(runPostern({QStringLiteral("--profile"), me, QStringLiteral("cert"),
                                   QStringLiteral("list"), QStringLiteral("--json")}));
    const QJsonObject otherEntry =
            firstEntry(runPostern({QStringLiteral("--profile"), other, QStringLiteral("cert"),
                                   QStringLiteral("list"), QStringLiteral("--json")}));
    m_meId = meEntry.value(QLatin1String("id")).toString();
    m_otherId = otherEntry.value(QLatin1String("id")).toString();
    m_meSerial = meEntry.value(QLatin1String("serial")).toString().toLatin1();
    QCOMPARE(m_meId.size(), 64);
    QCOMPARE(m_otherId.size(), 64);
    QVERIFY(!m_meSerial.isEmpty());

    const QString otherPem = fixture(QStringLiteral("other.pem"));
    QVERIFY(succeeds(
            runPostern({QStringLiteral("--profile"), other, QStringLiteral("cert"),
                        QStringLiteral("export"), m_otherId, QStringLiteral("-o"), otherPem})));
    QVERIFY(succeeds(runPostern(
            {QStringLiteral("--profile"), other, QStringLiteral("cert"), QStringLiteral("export"),
             m_otherId, QStringLiteral("--p12"), QStringLiteral("--pass-file"),
             fixture(QStringLiteral("other.pass")), QStringLiteral("--store-pass-file"), pass,
             QStringLiteral("-o"), fixture(QStringLiteral("other.p12"))})));
    QVERIFY(succeeds(runPostern({QStringLiteral("--profile"), me, QStringLiteral("cert"),
                                 QStringLiteral("import"), otherPem})));
    QVERIFY(succeeds(runPostern({QStringLiteral("--profile"), me, QStringLiteral("cert"),
                                 QStringLiteral("trust"), m_meId})));
    QVERIFY(succeeds(runPostern({QStringLiteral("--profile"), me, QStringLiteral("encrypt"),
                                 QStringLiteral("--to"), QStringLiteral("me@example.org"),
                                 fixture(QStringLiteral("m.eml")), QStringLiteral("-o"),
                                 fixture(QStringLiteral("enc.eml"))})));
    m_fixtureReady = true;
}

QString TestCli::identityProfile()
{
    if (!m_fixtureReady || !copyTree(fixture(QStringLiteral("me")), m_profile)) {
        return {};
    }
    return m_profile;
}

QStringList TestCli::withIdentity(const QString &profile, const QStringList &arguments) const
{
    QStringList all{QStringLiteral("--profile"), profile};
    for (const QString &argument : arguments) {
        all.append(argument == QLatin1String("ME")                  ? m_meId
                   : argument == QLatin1String("OTHER")             ? m_otherId
                   : argument.startsWith(QLatin1String("FIXTURE/")) ? fixture(argument.mid(8))
                                                                    : argument);
    }
    return all;
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

// A script that starts several commands at once on a profile that does not exist yet: one of
// them makes it, and none may take the others' half-made profile for somebody else's folder.
void TestCli::parallelCommandsCreateOneProfile()
{
    const QString fresh = m_dir->filePath(QStringLiteral("fresh-profile"));
    std::vector<std::unique_ptr<QProcess>> commands;
    for (int index = 0; index < 8; ++index) {
        auto command = std::make_unique<QProcess>();
        command->start(QStringLiteral(POSTERN_EXECUTABLE),
                       {QStringLiteral("--profile"), fresh, QStringLiteral("cert"),
                        QStringLiteral("list")});
        commands.push_back(std::move(command));
    }
    for (const auto &command : commands) {
        QVERIFY(command->waitForFinished(60000));
        QVERIFY2(command->exitStatus() == QProcess::NormalExit && command->exitCode() == 0,
                 command->readAllStandardError().constData());
    }
    QVERIFY(QFileInfo::exists(fresh + QStringLiteral("/profile.json")));
    const QStringList left =
            QDir(fresh).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden);
    for (const QString &name : left) {
        QVERIFY2(!name.startsWith(QLatin1String(".profile-create"))
                         && !name.startsWith(QLatin1String(".write-probe")),
                 qPrintable(name));
    }
}

// Keys generated at once into a store that has no passphrase yet: every process must end up
// under the same store.json, or the keys saved under the others' master key are lost.
void TestCli::parallelKeyImportsShareOneStore()
{
    const QString fresh = m_dir->filePath(QStringLiteral("fresh-store"));
    const QString pass = fixture(QStringLiteral("store.pass"));
    std::vector<std::unique_ptr<QProcess>> commands;
    for (int index = 0; index < 4; ++index) {
        auto command = std::make_unique<QProcess>();
        command->start(QStringLiteral(POSTERN_EXECUTABLE),
                       {QStringLiteral("--profile"), fresh, QStringLiteral("cert"),
                        QStringLiteral("generate"), QStringLiteral("user%1@example.org").arg(index),
                        QStringLiteral("--ec"), QStringLiteral("--store-pass-file"), pass});
        commands.push_back(std::move(command));
    }
    for (const auto &command : commands) {
        QVERIFY(command->waitForFinished(60000));
        QVERIFY2(command->exitStatus() == QProcess::NormalExit && command->exitCode() == 0,
                 command->readAllStandardError().constData());
    }
    const Run listed = runPostern({QStringLiteral("--profile"), fresh, QStringLiteral("cert"),
                                   QStringLiteral("list"), QStringLiteral("--json")});
    const QJsonArray entries = QJsonDocument::fromJson(listed.out).array();
    QCOMPARE(entries.size(), 4);
    for (const QJsonValue &entry : entries) {
        const QString id = entry.toObject().value(QLatin1String("id")).toString();
        const Run exported =
                runPostern({QStringLiteral("--profile"), fresh, QStringLiteral("cert"),
                            QStringLiteral("export"), id, QStringLiteral("--p12"),
                            QStringLiteral("--pass-file"), fixture(QStringLiteral("other.pass")),
                            QStringLiteral("-o"), m_dir->filePath(id + QStringLiteral(".p12")),
                            QStringLiteral("--store-pass-file"), pass});
        QVERIFY2(exported.exitCode == 0, exported.err.constData());
    }
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
    // --pass-file opens a --key file; taken for the store's passphrase, it went nowhere.
    const QString passFile = QStringLiteral("--pass-file");
    const QString pass = QStringLiteral("p.pass");
    for (const char *command : {"decrypt", "inspect", "verify", "sign"}) {
        QTest::addRow("%s --pass-file without --key", command)
                << QStringList{QLatin1String(command), QStringLiteral("m.eml"), passFile, pass}
                << QByteArray("--pass-file is the password of the --key file, and no --key is "
                              "given; the store's passphrase is --store-pass-file");
    }
    QTest::newRow("cert generate --pass-file")
            << QStringList{QStringLiteral("cert"), QStringLiteral("generate"),
                           QStringLiteral("a@example.org"), passFile, pass}
            << QByteArray("the store's passphrase is --store-pass-file");
    QTest::newRow("cert export --pass-file without --p12")
            << QStringList{QStringLiteral("cert"), QStringLiteral("export"), QStringLiteral("ABCD"),
                           passFile, pass}
            << QByteArray("'cert export --p12'");
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

// The store holds the identity the message is for, but nothing can unlock it: the reason is
// the locked store and its remedy, not "0 keys".
void TestCli::lockedStoreIsNamed()
{
    const QString profile = identityProfile();
    QVERIFY(!profile.isEmpty());
    const QByteArray locked("the certificate store is locked: give --store-pass-file FILE, or "
                            "run in a terminal to be asked");

    const Run inspected = runPostern(
            withIdentity(profile, {QStringLiteral("inspect"), QStringLiteral("FIXTURE/enc.eml")}));
    QCOMPARE(inspected.exitCode, 0);
    QVERIFY2(inspected.out.contains(QByteArray(QByteArray("not opened: ") + locked)),
             inspected.out.constData());
    QVERIFY2(!inspected.out.contains("key(s) given"), inspected.out.constData());

    const Run json =
            runPostern(withIdentity(profile, {QStringLiteral("inspect"), QStringLiteral("--json"),
                                              QStringLiteral("FIXTURE/enc.eml")}));
    QCOMPARE(json.exitCode, 0);
    const QJsonObject layer = QJsonDocument::fromJson(json.out)
                                      .object()
                                      .value(QLatin1String("layers"))
                                      .toArray()
                                      .first()
                                      .toObject();
    QCOMPARE(layer.value(QLatin1String("problem")).toString().toUtf8(), locked);

    const Run decrypted = runPostern(
            withIdentity(profile, {QStringLiteral("decrypt"), QStringLiteral("FIXTURE/enc.eml")}));
    QCOMPARE(decrypted.exitCode, 6);
    QCOMPARE(decrypted.err.count('\n'), 1);
    QVERIFY2(decrypted.err.contains(locked), decrypted.err.constData());
    QVERIFY(decrypted.out.isEmpty());

    // With the passphrase the same message opens: the locked store was all that was missing.
    const Run opened = runPostern(withIdentity(
            profile, {QStringLiteral("decrypt"), QStringLiteral("FIXTURE/enc.eml"),
                      QStringLiteral("--store-pass-file"), QStringLiteral("FIXTURE/store.pass")}));
    QCOMPARE(opened.exitCode, 0);
    QVERIFY(opened.out.contains(secretLine));
}

// With the identity's key deleted (or another key given), no key fits: the message says so and
// names the certificate it was encrypted to, as `cert show` names it.
void TestCli::noKeyIsRecipientNamesRecipients()
{
    const QString profile = identityProfile();
    QVERIFY(!profile.isEmpty());
    const Run deleted = runPostern(withIdentity(
            profile, {QStringLiteral("cert"), QStringLiteral("delete"), QStringLiteral("ME"),
                      QStringLiteral("--key-only"), QStringLiteral("--store-pass-file"),
                      QStringLiteral("FIXTURE/store.pass")}));
    QCOMPARE(deleted.exitCode, 0);
    const QByteArray noKey("none of your private keys is a recipient of this message");
    const QByteArray recipient =
            "issuer \"emailAddress=me@example.org,CN=Me\" serial " + m_meSerial;

    const QList<QStringList> keySources = {
            {},
            {QStringLiteral("--key"), QStringLiteral("FIXTURE/other.p12"),
             QStringLiteral("--pass-file"), QStringLiteral("FIXTURE/other.pass")},
    };
    for (const QStringList &keys : keySources) {
        const Run decrypted = runPostern(withIdentity(
                profile,
                QStringList{QStringLiteral("decrypt"), QStringLiteral("FIXTURE/enc.eml")} + keys));
        QCOMPARE(decrypted.exitCode, 6);
        QCOMPARE(decrypted.err.count('\n'), 1);
        QVERIFY2(decrypted.err.contains(noKey), decrypted.err.constData());
        QVERIFY2(decrypted.err.contains(recipient), decrypted.err.constData());
        QVERIFY2(!decrypted.err.contains("key(s) given"), decrypted.err.constData());
        QVERIFY(decrypted.out.isEmpty());
    }

    const Run inspected = runPostern(
            withIdentity(profile, {QStringLiteral("inspect"), QStringLiteral("FIXTURE/enc.eml")}));
    QCOMPARE(inspected.exitCode, 0);
    QVERIFY2(inspected.out.contains(noKey), inspected.out.constData());
    QVERIFY2(inspected.out.contains(recipient), inspected.out.constData());
}

void TestCli::keyDeletionNeedsPassphrase_data()
{
    QTest::addColumn<QStringList>("flags");
    QTest::newRow("the key only") << QStringList{QStringLiteral("--key-only")};
    QTest::newRow("the identity with its key") << QStringList{};
}

void TestCli::keyDeletionNeedsPassphrase()
{
    QFETCH(QStringList, flags);
    const QString profile = identityProfile();
    QVERIFY(!profile.isEmpty());
    const QStringList remove =
            QStringList{QStringLiteral("cert"), QStringLiteral("delete"), QStringLiteral("ME")}
            + flags;
    const auto keyKept = [&] {
        const Run shown =
                runPostern(withIdentity(profile, {QStringLiteral("cert"), QStringLiteral("show"),
                                                  QStringLiteral("ME"), QStringLiteral("--json")}));
        return QJsonDocument::fromJson(shown.out)
                .object()
                .value(QLatin1String("privateKey"))
                .toBool();
    };

    const Run refused = runPostern(withIdentity(profile, remove));
    QCOMPARE(refused.exitCode, 6);
    QVERIFY2(refused.err.contains("deleting a private key needs the store passphrase"),
             refused.err.constData());
    QVERIFY2(refused.err.contains("--store-pass-file"), refused.err.constData());
    QVERIFY(refused.out.isEmpty());
    QVERIFY(keyKept());

    const Run wrong = runPostern(
            withIdentity(profile, remove
                                          + QStringList{QStringLiteral("--store-pass-file"),
                                                        QStringLiteral("FIXTURE/wrong.pass")}));
    QCOMPARE(wrong.exitCode, 6);
    QVERIFY2(wrong.err.contains("passphrase is wrong"), wrong.err.constData());
    QVERIFY(keyKept());

    const Run done = runPostern(
            withIdentity(profile, remove
                                          + QStringList{QStringLiteral("--store-pass-file"),
                                                        QStringLiteral("FIXTURE/store.pass")}));
    QCOMPARE(done.exitCode, 0);
    QVERIFY2(done.out.contains("mail encrypted to this certificate"), done.out.constData());
    QVERIFY2(done.out.contains("can no longer be read"), done.out.constData());
    QVERIFY(!keyKept());

    // A certificate without a key is someone else's: deleting it needs no passphrase.
    const Run plain = runPostern(withIdentity(
            profile, {QStringLiteral("cert"), QStringLiteral("delete"), QStringLiteral("OTHER")}));
    QCOMPARE(plain.exitCode, 0);
    QVERIFY(!plain.out.contains("can no longer be read"));
}

void TestCli::unreadableStoreIsAnError_data()
{
    QTest::addColumn<QString>("target"); // below the store folder; ID: the identity's id
    QTest::addColumn<QString>("how");
    QTest::addColumn<QByteArray>("reason");
    QTest::newRow("certificate file is a directory")
            << QStringLiteral("certs/ID.der") << QStringLiteral("directory")
            << QByteArray("it is a directory, not a file");
    QTest::newRow("certificate file is a dangling link")
            << QStringLiteral("certs/ID.der") << QStringLiteral("dangling link")
            << QByteArray("No such file or directory");
    QTest::newRow("key file is a FIFO") << QStringLiteral("keys/ID.p8") << QStringLiteral("fifo")
                                        << QByteArray("it is not a regular file");
    QTest::newRow("index is a directory")
            << QStringLiteral("index.json") << QStringLiteral("directory")
            << QByteArray("it is a directory, not a file");
    QTest::newRow("certificates folder is a file")
            << QStringLiteral("certs") << QStringLiteral("file") << QByteArray("Not a directory");
}

// Before, an unreadable store file or folder made an empty-looking store, and the rebuilt index
// wrote the emptiness down. Each of these makes reads fail for root as well.
void TestCli::unreadableStoreIsAnError()
{
    QFETCH(QString, target);
    QFETCH(QString, how);
    QFETCH(QByteArray, reason);
    const QString profile = identityProfile();
    QVERIFY(!profile.isEmpty());
    const QString index = profile + QStringLiteral("/store/index.json");
    const QByteArray indexBefore = readFile(index);
    QVERIFY(indexBefore.contains(m_meId.toLatin1()));
    const QString broken = profile + QStringLiteral("/store/")
                           + QString(target).replace(QLatin1String("ID"), m_meId);
    QVERIFY(makeUnreadable(broken, how));

    const QList<QStringList> commands = {
            {QStringLiteral("cert"), QStringLiteral("list")},
            {QStringLiteral("encrypt"), QStringLiteral("--to"), QStringLiteral("me@example.org"),
             QStringLiteral("FIXTURE/m.eml")},
            {QStringLiteral("decrypt"), QStringLiteral("FIXTURE/enc.eml"),
             QStringLiteral("--store-pass-file"), QStringLiteral("FIXTURE/store.pass")},
    };
    for (const QStringList &command : commands) {
        const Run run = runPostern(withIdentity(profile, command));
        QCOMPARE(run.exitCode, 4);
        QCOMPARE(run.err.count('\n'), 1);
        QVERIFY2(run.err.contains(
                         QByteArray(QByteArray("cannot read ") + broken.toUtf8() + ": " + reason)),
                 run.err.constData());
        QVERIFY(run.out.isEmpty());
    }
    if (target != QLatin1String("index.json")) {
        QCOMPARE(readFile(index), indexBefore);
    }
}

// The trial's own case: the certificates folder with mode 000. Permission bits do not stop
// root, so as root the command runs as nobody (setpriv), when that is possible here.
void TestCli::unreadableFolderAsAnotherUser()
{
    const QString profile = identityProfile();
    QVERIFY(!profile.isEmpty());
    const QString message = m_dir->filePath(QStringLiteral("m.eml")); // the fixture's is root's
    QVERIFY(QFile::copy(fixture(QStringLiteral("m.eml")), message));
    QStringList wrapper;
    if (::geteuid() == 0) {
        const passwd *nobody = ::getpwnam("nobody");
        const QString setpriv = QStandardPaths::findExecutable(QStringLiteral("setpriv"));
        if (nobody == nullptr || setpriv.isEmpty()) {
            QSKIP("running as root without setpriv or a user nobody; the other cases cover it");
        }
        wrapper = {setpriv, QStringLiteral("--reuid=%1").arg(nobody->pw_uid),
                   QStringLiteral("--regid=%1").arg(nobody->pw_gid),
                   QStringLiteral("--clear-groups")};
        QDirIterator it(m_dir->path(), QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot,
                        QDirIterator::Subdirectories);
        QVERIFY(::chown(QFile::encodeName(m_dir->path()).constData(), nobody->pw_uid,
                        nobody->pw_gid)
                == 0);
        while (it.hasNext()) {
            QVERIFY(::lchown(QFile::encodeName(it.next()).constData(), nobody->pw_uid,
                             nobody->pw_gid)
                    == 0);
        }
        const Run probe = runProgram(wrapper.constFirst(),
                                     wrapper.mid(1)
                                             + QStringList{QStringLiteral(POSTERN_EXECUTABLE),
                                                           QStringLiteral("--version")},
                                     QProcessEnvironment::systemEnvironment(), 022);
        if (probe.exitCode != 0) {
            QSKIP("nobody cannot run the postern executable from this build folder");
        }
    }
    const QString certs = profile + QStringLiteral("/store/certs");
    const QString index = profile + QStringLiteral("/store/index.json");
    const QByteArray indexBefore = readFile(index);
    QVERIFY(::chmod(QFile::encodeName(certs).constData(), 0) == 0);

    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("HOME"), m_dir->path());
    const QList<QStringList> commands = {
            {QStringLiteral("cert"), QStringLiteral("list")},
            {QStringLiteral("encrypt"), QStringLiteral("--to"), QStringLiteral("me@example.org"),
             message},
    };
    for (const QStringList &command : commands) {
        const QStringList arguments = withIdentity(profile, command);
        const Run run =
                wrapper.isEmpty()
                        ? runPostern(arguments, environment)
                        : runProgram(wrapper.constFirst(),
                                     wrapper.mid(1)
                                             + QStringList{QStringLiteral(POSTERN_EXECUTABLE)}
                                             + arguments,
                                     environment, 022);
        QCOMPARE(run.exitCode, 4);
        QVERIFY2(run.err.contains(QByteArray(QByteArray("cannot read ") + certs.toUtf8()
                                             + ": Permission denied")),
                 run.err.constData());
        QVERIFY(run.out.isEmpty());
    }
    QVERIFY(::chmod(QFile::encodeName(certs).constData(), 0700) == 0);
    QCOMPARE(readFile(index), indexBefore);
}

// Whatever the umask, a file with a private key or decrypted content is the owner's alone; a
// certificate follows the umask.
void TestCli::secretFilesAreOwnerOnly()
{
    const QString profile = identityProfile();
    QVERIFY(!profile.isEmpty());
    const QString p12 = m_dir->filePath(QStringLiteral("me.p12"));
    const QString decrypted = m_dir->filePath(QStringLiteral("decrypted.eml"));
    const QString entity = m_dir->filePath(QStringLiteral("entity.eml"));
    const QString pem = m_dir->filePath(QStringLiteral("me.pem"));
    QVERIFY(writeFile(decrypted, "an older file, readable by all\n"));
    QVERIFY(::chmod(QFile::encodeName(decrypted).constData(), 0644) == 0);

    const QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    const QStringList storePass{QStringLiteral("--store-pass-file"),
                                QStringLiteral("FIXTURE/store.pass")};
    const Run exported = runPostern(
            withIdentity(profile, QStringList{QStringLiteral("cert"), QStringLiteral("export"),
                                              QStringLiteral("ME"), QStringLiteral("--p12"),
                                              QStringLiteral("--pass-file"),
                                              QStringLiteral("FIXTURE/other.pass"),
                                              QStringLiteral("-o"), p12}
                                          + storePass),
            environment, 0);
    QCOMPARE(exported.exitCode, 0);
    QCOMPARE(modeOf(p12), mode_t(0600));

    for (const auto &[output, flags] :
         {std::pair{decrypted, QStringList{}},
          std::pair{entity, QStringList{QStringLiteral("--entity-only")}}}) {
        const Run run =
                runPostern(withIdentity(profile, QStringList{QStringLiteral("decrypt"),
                                                             QStringLiteral("FIXTURE/enc.eml"),
                                                             QStringLiteral("-o"), output}
                                                         + flags + storePass),
                           environment, 0);
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(modeOf(output), mode_t(0600));
        QVERIFY(readFile(output).contains(secretLine));
    }

    const Run certificate =
            runPostern(withIdentity(profile, {QStringLiteral("cert"), QStringLiteral("export"),
                                              QStringLiteral("ME"), QStringLiteral("-o"), pem}),
                       environment, 022);
    QCOMPARE(certificate.exitCode, 0);
    QCOMPARE(modeOf(pem), mode_t(0644));
}

void TestCli::emptyExportPasswordRefused()
{
    const QString profile = identityProfile();
    QVERIFY(!profile.isEmpty());
    const QString p12 = m_dir->filePath(QStringLiteral("me.p12"));
    for (const QString &format : {QStringLiteral("--p12"), QStringLiteral("--legacy-p12")}) {
        const Run run = runPostern(withIdentity(
                profile, {QStringLiteral("cert"), QStringLiteral("export"), QStringLiteral("ME"),
                          format, QStringLiteral("--pass-file"),
                          QStringLiteral("FIXTURE/empty.pass"), QStringLiteral("--store-pass-file"),
                          QStringLiteral("FIXTURE/store.pass"), QStringLiteral("-o"), p12}));
        QCOMPARE(run.exitCode, 2);
        QCOMPARE(run.err.count('\n'), 1);
        QVERIFY2(run.err.contains("empty.pass is empty"), run.err.constData());
        QVERIFY2(run.err.contains("needs a password"), run.err.constData());
        QVERIFY(!QFile::exists(p12));
    }
}

void TestCli::subjectFieldsCheckedFirst_data()
{
    QTest::addColumn<QStringList>("arguments"); // after "cert generate"
    QTest::addColumn<QByteArray>("mentions");
    const QString label = QString(60, QLatin1Char('b'));
    QTest::newRow("local part of 65 octets")
            << QStringList{QString(65, QLatin1Char('a')) + QStringLiteral("@example.org")}
            << QByteArray("local part is 65 octets long; at most 64 are allowed");
    QTest::newRow("address of 261 octets")
            << QStringList{QString(10, QLatin1Char('a')) + QLatin1Char('@')
                           + QStringList{label, label, label, label}.join(QLatin1Char('.'))
                           + QStringLiteral(".exampl")}
            << QByteArray("address is 261 octets long; at most 254 are allowed");
    QTest::newRow("name of 65 characters")
            << QStringList{QStringLiteral("a@example.org"), QStringLiteral("--name"),
                           QString(65, QLatin1Char('N'))}
            << QByteArray("name is 65 characters long; a certificate's common name holds at "
                          "most 64");
    QTest::newRow("a second name after a comma")
            << QStringList{QStringLiteral("a@example.org,DNS:evil.example")}
            << QByteArray("is not a valid domain name");
    QTest::newRow("non-ASCII local part")
            << QStringList{QStringLiteral("jörg@example.org")} << QByteArray("local part");
}

// Refused before any passphrase is asked for, naming the field and its limit.
void TestCli::subjectFieldsCheckedFirst()
{
    QFETCH(QStringList, arguments);
    QFETCH(QByteArray, mentions);
    const Run run = runPostern(QStringList{QStringLiteral("--profile"), m_profile,
                                           QStringLiteral("cert"), QStringLiteral("generate")}
                               + arguments);
    QCOMPARE(run.exitCode, 2);
    QCOMPARE(run.err.count('\n'), 1);
    QVERIFY2(run.err.contains(mentions), run.err.constData());
    QVERIFY2(!run.err.contains("asn1") && !run.err.contains("terminal"), run.err.constData());
    QVERIFY(!QFile::exists(m_profile + QStringLiteral("/store/store.json")));
}

void TestCli::longestSubjectFieldsAccepted()
{
    const QString label = QString(60, QLatin1Char('b'));
    const QString address = QString(64, QLatin1Char('a')) + QLatin1Char('@')
                            + QStringList{label, label, label}.join(QLatin1Char('.'))
                            + QStringLiteral(".exampl");
    QCOMPARE(address.size(), 254);
    const QString name(64, QChar(0x00dc));
    const Run made = runPostern({QStringLiteral("--profile"), m_profile, QStringLiteral("cert"),
                                 QStringLiteral("generate"), address, QStringLiteral("--name"),
                                 name, QStringLiteral("--ec"), QStringLiteral("--store-pass-file"),
                                 fixture(QStringLiteral("store.pass"))});
    QCOMPARE(made.exitCode, 0);
    const QJsonObject entry =
            firstEntry(runPostern({QStringLiteral("--profile"), m_profile, QStringLiteral("cert"),
                                   QStringLiteral("list"), QStringLiteral("--json")}));
    QCOMPARE(entry.value(QLatin1String("emails")).toArray().first().toString(), address);
    QCOMPARE(entry.value(QLatin1String("name")).toString(), name);
}

void TestCli::preconditionsBeforePassphrase_data()
{
    QTest::addColumn<QStringList>("arguments"); // ME, OTHER and FIXTURE/ are replaced
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QByteArray>("mentions");
    QTest::newRow("request for a certificate without its key")
            << QStringList{QStringLiteral("cert"), QStringLiteral("request"),
                           QStringLiteral("OTHER")}
            << 5 << QByteArray("has no private key in the store");
    QTest::newRow("PKCS#12 export of a certificate without its key")
            << QStringList{QStringLiteral("cert"),        QStringLiteral("export"),
                           QStringLiteral("OTHER"),       QStringLiteral("--p12"),
                           QStringLiteral("--pass-file"), QStringLiteral("FIXTURE/other.pass")}
            << 5 << QByteArray("has no private key in the store");
    QTest::newRow("import with a file missing after one with a key")
            << QStringList{QStringLiteral("cert"),
                           QStringLiteral("import"),
                           QStringLiteral("FIXTURE/other.p12"),
                           QStringLiteral("FIXTURE/nowhere.p12"),
                           QStringLiteral("--pass-file"),
                           QStringLiteral("FIXTURE/other.pass")}
            << 3 << QByteArray("nowhere.p12: no such file");
    QTest::newRow("sign as a sender without an identity")
            << QStringList{QStringLiteral("sign"), QStringLiteral("FIXTURE/stranger.eml")} << 6
            << QByteArray("no valid identity for stranger@example.org in the store");
}

// What can be checked without the passphrase is checked first: without a terminal the answer
// is the real problem, not "no terminal to ask".
void TestCli::preconditionsBeforePassphrase()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(QByteArray, mentions);
    const QString profile = identityProfile();
    QVERIFY(!profile.isEmpty());
    const Run run = runPostern(withIdentity(profile, arguments));
    QCOMPARE(run.exitCode, exitCode);
    QCOMPARE(run.err.count('\n'), 1);
    QVERIFY2(run.err.contains(mentions), run.err.constData());
    QVERIFY2(!run.err.contains("terminal") && !run.err.contains("locked"), run.err.constData());
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
