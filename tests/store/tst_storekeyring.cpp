// The store passphrase in a real desktop keyring: a private D-Bus session bus and
// gnome-keyring-daemon (the Secret Service) started by the test in a throw-away home, and the
// `postern` executable as the program that stores, reads back and forgets the passphrase. The
// test process itself never connects to that bus; only its children do.
//
// Without dbus-daemon or gnome-keyring-daemon, or when they do not come up, the suite skips and
// says why; when the CI environment variable is set, that is a failure.

#include "StoreFixtures.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

using namespace Postern;
using namespace Postern::Test;

namespace {

const QByteArray keyringPassword = QByteArrayLiteral("login keyring password 5");

// The session bus's policy without its service directories: no service is started on demand,
// since an activated gnome-keyring-daemon would look for keyrings in the user's real home.
// Without the receive rule, replies never reach the caller.
QByteArray busConfig(const QString &socketDirectory)
{
    return "<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN\"\n"
           " \"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\n"
           "<busconfig>\n  <type>session</type>\n  <listen>unix:dir="
           + socketDirectory.toUtf8()
           + "</listen>\n  <auth>EXTERNAL</auth>\n"
             "  <policy context=\"default\">\n"
             "    <allow send_destination=\"*\" eavesdrop=\"true\"/>\n"
             "    <allow eavesdrop=\"true\"/>\n    <allow own=\"*\"/>\n"
             "  </policy>\n</busconfig>\n";
}

} // namespace

class TestStoreKeyring : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void rememberReadBackForget();
    void wrongPassphraseIsNotRemembered();
    void profilesHaveTheirOwnEntry();

private:
    QString startSecretService();
    ToolRun postern(const QString &profile,
                    const QStringList &arguments,
                    const QProcessEnvironment &environment) const;

    ToolRun postern(const QString &profile, const QStringList &arguments) const
    {
        return postern(profile, arguments, m_environment);
    }

    QString createStore(const QString &profile);
    void checkNoSecretIn(const ToolRun &run) const;

    QTemporaryDir m_dir;
    QString m_passFile;
    QString m_exportPassFile;
    QProcessEnvironment m_environment;
    QProcess m_bus;
    QProcess m_keyring;
};

void TestStoreKeyring::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_passFile = m_dir.filePath(QStringLiteral("store-pass"));
    m_exportPassFile = m_dir.filePath(QStringLiteral("export-pass"));
    QVERIFY(writeFile(m_passFile, storePassphrase + '\n'));
    QVERIFY(writeFile(m_exportPassFile, "export passphrase 9\n"));

    const QString problem = startSecretService();
    if (!problem.isEmpty()) {
        if (runningInCi()) {
            QFAIL(qPrintable(QStringLiteral("no Secret Service for the keyring test: ") + problem));
        }
        QSKIP(qPrintable(QStringLiteral("no Secret Service for the keyring test (") + problem
                         + QStringLiteral("); install dbus-daemon and gnome-keyring")));
    }
}

void TestStoreKeyring::cleanupTestCase()
{
    for (QProcess *process : {&m_keyring, &m_bus}) {
        if (process->state() != QProcess::NotRunning) {
            process->terminate();
            if (!process->waitForFinished(5000)) {
                process->kill();
                process->waitForFinished(5000);
            }
        }
    }
}

// An empty answer means the bus runs and gnome-keyring-daemon owns org.freedesktop.secrets.
QString TestStoreKeyring::startSecretService()
{
    const QString busDaemon = findTool(QStringLiteral("dbus-daemon"));
    const QString keyringDaemon = findTool(QStringLiteral("gnome-keyring-daemon"));
    const QString dbusSend = findTool(QStringLiteral("dbus-send"));
    if (busDaemon.isEmpty() || keyringDaemon.isEmpty() || dbusSend.isEmpty()) {
        return QStringLiteral("dbus-daemon, dbus-send or gnome-keyring-daemon is not installed");
    }

    const QString home = m_dir.filePath(QStringLiteral("home"));
    const QString runtime = m_dir.filePath(QStringLiteral("runtime"));
    const QString config = m_dir.filePath(QStringLiteral("bus.conf"));
    if (!QDir().mkpath(home) || !QDir().mkpath(runtime)
        || !QFile::setPermissions(runtime, QFileDevice::ReadOwner | QFileDevice::WriteOwner
                                                   | QFileDevice::ExeOwner)
        || !writeFile(config, busConfig(runtime))) {
        return QStringLiteral("cannot prepare the test home");
    }

    m_bus.start(busDaemon, {QStringLiteral("--config-file=") + config, QStringLiteral("--nofork"),
                            QStringLiteral("--print-address=1")});
    if (!m_bus.waitForStarted(10000)) {
        return QStringLiteral("dbus-daemon does not start: ") + m_bus.errorString();
    }
    QByteArray address;
    while (!address.contains('\n') && m_bus.waitForReadyRead(10000)) {
        address += m_bus.readAllStandardOutput();
    }
    address = address.trimmed();
    if (address.isEmpty()) {
        return QStringLiteral("dbus-daemon printed no address: ")
               + QString::fromUtf8(m_bus.readAllStandardError());
    }

    // A desktop session's variables would make QtKeychain pick another backend, and a display
    // would let the keyring ask with a window nobody answers.
    m_environment = QProcessEnvironment::systemEnvironment();
    for (const char *name : {"DISPLAY", "WAYLAND_DISPLAY", "XDG_CURRENT_DESKTOP", "DESKTOP_SESSION",
                             "KDE_FULL_SESSION", "KDE_SESSION_VERSION", "GNOME_DESKTOP_SESSION_ID",
                             "GNOME_KEYRING_CONTROL", "POSTERN_PROFILE"}) {
        m_environment.remove(QLatin1String(name));
    }
    m_environment.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"), QString::fromUtf8(address));
    m_environment.insert(QStringLiteral("HOME"), home);
    m_environment.insert(QStringLiteral("XDG_RUNTIME_DIR"), runtime);
    m_environment.insert(QStringLiteral("XDG_DATA_HOME"), home + QStringLiteral("/.local/share"));
    m_environment.insert(QStringLiteral("XDG_CONFIG_HOME"), home + QStringLiteral("/.config"));
    m_environment.insert(QStringLiteral("XDG_CACHE_HOME"), home + QStringLiteral("/.cache"));

    // --unlock reads the login keyring's password from standard input and, as no keyring
    // exists in the new home, creates the login keyring with it, unlocked.
    m_keyring.setProcessEnvironment(m_environment);
    m_keyring.start(keyringDaemon, {QStringLiteral("--foreground"), QStringLiteral("--unlock"),
                                    QStringLiteral("--components=secrets")});
    if (!m_keyring.waitForStarted(10000)) {
        return QStringLiteral("gnome-keyring-daemon does not start: ") + m_keyring.errorString();
    }
    m_keyring.write(keyringPassword);
    m_keyring.closeWriteChannel();

    const QStringList askOwner{QStringLiteral("--session"),
                               QStringLiteral("--dest=org.freedesktop.DBus"),
                               QStringLiteral("--print-reply"),
                               QStringLiteral("/org/freedesktop/DBus"),
                               QStringLiteral("org.freedesktop.DBus.NameHasOwner"),
                               QStringLiteral("string:org.freedesktop.secrets")};
    for (int attempt = 0; attempt < 100; ++attempt) {
        QProcess probe;
        probe.setProcessEnvironment(m_environment);
        probe.start(dbusSend, askOwner);
        if (probe.waitForFinished(5000) && probe.readAllStandardOutput().contains("true")) {
            return {};
        }
        probe.kill();
        probe.waitForFinished(1000);
        if (m_keyring.state() == QProcess::NotRunning) {
            return QStringLiteral("gnome-keyring-daemon stopped: ")
                   + QString::fromUtf8(m_keyring.readAllStandardError());
        }
        QTest::qWait(100);
    }
    return QStringLiteral("gnome-keyring-daemon did not take org.freedesktop.secrets in time");
}

// Each command runs in a session of its own, without a controlling terminal, so a passphrase
// the keyring does not give cannot be typed either: the command fails instead of waiting.
ToolRun TestStoreKeyring::postern(const QString &profile,
                                  const QStringList &arguments,
                                  const QProcessEnvironment &environment) const
{
    QProcess process;
    process.setProcessEnvironment(environment);
    process.setChildProcessModifier([] { (void)::setsid(); });
    ToolRun run;
    const QStringList all = QStringList{QStringLiteral("--profile"), profile} + arguments;
    run.command = QStringLiteral("postern ") + all.join(QLatin1Char(' '));
    process.start(QStringLiteral(POSTERN_EXECUTABLE), all);
    process.closeWriteChannel();
    run.finished = process.waitForFinished(120000) && process.exitStatus() == QProcess::NormalExit;
    run.exitCode = process.exitCode();
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

void TestStoreKeyring::checkNoSecretIn(const ToolRun &run) const
{
    QVERIFY2(!run.out.contains(storePassphrase) && !run.err.contains(storePassphrase),
             qPrintable(run.command));
}

// A store with one identity; returns its ID.
QString TestStoreKeyring::createStore(const QString &profile)
{
    const ToolRun generated =
            postern(profile, {QStringLiteral("cert"), QStringLiteral("generate"),
                              QStringLiteral("keyring-test@example.org"), QStringLiteral("--ec"),
                              QStringLiteral("--store-pass-file"), m_passFile});
    if (!generated.succeeded()) {
        qWarning("%s", qPrintable(generated.summary()));
        return {};
    }
    const ToolRun listed = postern(
            profile, {QStringLiteral("cert"), QStringLiteral("list"), QStringLiteral("--json")});
    return QJsonDocument::fromJson(listed.out)
            .array()
            .at(0)
            .toObject()
            .value(QLatin1String("id"))
            .toString();
}

void TestStoreKeyring::rememberReadBackForget()
{
    const QString profile = m_dir.filePath(QStringLiteral("profile-a"));
    const QString id = createStore(profile);
    QVERIFY(!id.isEmpty());
    const QStringList exportP12{QStringLiteral("cert"),
                                QStringLiteral("export"),
                                id,
                                QStringLiteral("--p12"),
                                QStringLiteral("--pass-file"),
                                m_exportPassFile,
                                QStringLiteral("-o"),
                                m_dir.filePath(QStringLiteral("export.p12"))};

    // Before: no pass file, no terminal, nothing in the keyring.
    const ToolRun before = postern(profile, exportP12);
    QVERIFY(before.finished);
    QCOMPARE(before.exitCode, 6);

    const ToolRun remembered =
            postern(profile, {QStringLiteral("cert"), QStringLiteral("remember-passphrase"),
                              QStringLiteral("--store-pass-file"), m_passFile});
    QVERIFY2(remembered.succeeded(), qPrintable(remembered.summary()));
    checkNoSecretIn(remembered);
    const QString settings = profile + QStringLiteral("/config/store.ini");
    QVERIFY(QSettings(settings, QSettings::IniFormat)
                    .value(QStringLiteral("store/passphraseInKeyring"))
                    .toBool());

    // Read back: the store opens with the keyring's passphrase alone.
    const ToolRun exported = postern(profile, exportP12);
    QVERIFY2(exported.succeeded(), qPrintable(exported.summary()));
    checkNoSecretIn(exported);
    QVERIFY(QFileInfo(m_dir.filePath(QStringLiteral("export.p12"))).size() > 0);

    const ToolRun forgotten =
            postern(profile, {QStringLiteral("cert"), QStringLiteral("forget-passphrase")});
    QVERIFY2(forgotten.succeeded(), qPrintable(forgotten.summary()));
    QVERIFY(!QSettings(settings, QSettings::IniFormat)
                     .value(QStringLiteral("store/passphraseInKeyring"))
                     .toBool());

    // The entry is gone from the keyring itself, not just switched off: asking it again
    // finds nothing, and without a terminal the command fails for want of a passphrase.
    QSettings(settings, QSettings::IniFormat)
            .setValue(QStringLiteral("store/passphraseInKeyring"), true);
    const ToolRun after = postern(profile, exportP12);
    QVERIFY(after.finished);
    QCOMPARE(after.exitCode, 6);
    QVERIFY2(after.err.contains("not in the keyring"), after.err.constData());
    checkNoSecretIn(after);

    // Forgetting what is not there is not an error.
    const ToolRun again =
            postern(profile, {QStringLiteral("cert"), QStringLiteral("forget-passphrase")});
    QVERIFY2(again.succeeded(), qPrintable(again.summary()));
}

void TestStoreKeyring::wrongPassphraseIsNotRemembered()
{
    const QString profile = m_dir.filePath(QStringLiteral("profile-b"));
    QVERIFY(!createStore(profile).isEmpty());
    const QString wrong = m_dir.filePath(QStringLiteral("wrong-pass"));
    QVERIFY(writeFile(wrong, "a typing mistake\n"));

    const ToolRun refused =
            postern(profile, {QStringLiteral("cert"), QStringLiteral("remember-passphrase"),
                              QStringLiteral("--store-pass-file"), wrong});
    QVERIFY(refused.finished);
    QCOMPARE(refused.exitCode, 6);
    QVERIFY(!QSettings(profile + QStringLiteral("/config/store.ini"), QSettings::IniFormat)
                     .value(QStringLiteral("store/passphraseInKeyring"))
                     .toBool());
}

// The entry is per profile: remembering one profile's passphrase does not unlock another.
void TestStoreKeyring::profilesHaveTheirOwnEntry()
{
    const QString first = m_dir.filePath(QStringLiteral("profile-c"));
    const QString second = m_dir.filePath(QStringLiteral("profile-d"));
    QVERIFY(!createStore(first).isEmpty());
    const QString secondId = createStore(second);
    QVERIFY(!secondId.isEmpty());
    const ToolRun remembered =
            postern(first, {QStringLiteral("cert"), QStringLiteral("remember-passphrase"),
                            QStringLiteral("--store-pass-file"), m_passFile});
    QVERIFY2(remembered.succeeded(), qPrintable(remembered.summary()));

    QSettings(second + QStringLiteral("/config/store.ini"), QSettings::IniFormat)
            .setValue(QStringLiteral("store/passphraseInKeyring"), true);
    const ToolRun other =
            postern(second, {QStringLiteral("cert"), QStringLiteral("request"), secondId});
    QVERIFY(other.finished);
    QCOMPARE(other.exitCode, 6);

    const ToolRun own =
            postern(first, {QStringLiteral("cert"), QStringLiteral("forget-passphrase")});
    QVERIFY2(own.succeeded(), qPrintable(own.summary()));
}

QTEST_GUILESS_MAIN(TestStoreKeyring)
#include "tst_storekeyring.moc"
