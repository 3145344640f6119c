// The account editor's "test connection" against real servers on 127.0.0.1: Dovecot for IMAP
// (implicit TLS and STARTTLS), the SMTP suite's aiosmtpd upstream for SMTP (STARTTLS, AUTH
// only after TLS, or no TLS at all), silent and closed ports, and certificates made by the
// openssl command: a test CA, a server certificate for 127.0.0.1, one for another name, one
// from a CA the test does not trust, and a self-signed one. Each case checks the outcome, that
// the report names the cause in plain words, and that the password appears nowhere, neither in
// the report nor in any log line.

#include "TestSupport.h"

#include "core/service/ConnectionTest.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QLoggingCategory>
#include <QProcess>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <unistd.h>

using namespace Postern;
using Service::ConnectionReport;
using Service::ConnectionTest;

namespace {

const QString user = QStringLiteral("tester");
const QString password = QStringLiteral("Pa55-w\u00f6rd \"quoted\"");
const QString wrongPassword = QStringLiteral("not-the-password");

QStringList g_logLines;
QtMessageHandler g_previousHandler = nullptr;

void collectLogs(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    g_logLines.append(message);
    if (g_previousHandler != nullptr) {
        g_previousHandler(type, context, message);
    }
}

bool runOpenSsl(const QStringList &arguments, const QString &directory)
{
    QProcess openssl;
    openssl.setWorkingDirectory(directory);
    openssl.start(QStringLiteral("openssl"), arguments);
    if (!openssl.waitForFinished(60000) || openssl.exitStatus() != QProcess::NormalExit
        || openssl.exitCode() != 0) {
        qWarning().noquote() << "openssl" << arguments.join(u' ')
                             << "failed:" << openssl.readAllStandardError();
        return false;
    }
    return true;
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate)
           && file.write(bytes) == bytes.size();
}

quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost);
    return probe.serverPort();
}

bool waitListening(quint16 port)
{
    for (int attempt = 0; attempt < 150; ++attempt) {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, port);
        if (socket.waitForConnected(200)) {
            return true;
        }
        QTest::qWait(100);
    }
    return false;
}

Policy::Server server(const QString &host, quint16 port, Policy::Security security)
{
    Policy::Server made;
    made.host = host;
    made.port = port;
    made.security = security;
    return made;
}

// Both ends of a child process the test started; stopped by its own handle.
struct Child
{
    std::unique_ptr<QProcess> process;
    quint16 port = 0;

    ~Child()
    {
        if (process && process->state() != QProcess::NotRunning) {
            process->terminate();
            if (!process->waitForFinished(10000)) {
                process->kill();
                process->waitForFinished(5000);
            }
        }
    }
};

} // namespace

class TestConnectionTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void init();

    void imapImplicitTlsLogin();
    void imapStartTlsLogin();
    void imapConnectionOnly();
    void imapWrongPassword();
    void imapUnknownAuthority();
    void smtpStartTlsLogin();
    void smtpWrongPassword();
    void smtpNoStartTlsOffered();
    void smtpRequiresTls();
    void certificateProblems_data();
    void certificateProblems();
    void implicitTlsToAPlainPort();
    void connectionRefused();
    void serverNeverAnswers_data();
    void serverNeverAnswers();
    void hostNotFound();
    void plainTextOnlyToLoopback();
    void cancelEmitsNothing();

private:
    QString path(const QString &name) const { return m_dir.filePath(name); }

    bool makeCa(const QString &name, const QString &commonName);
    bool makeLeaf(const QString &name,
                  const QString &ca,
                  const QString &commonName,
                  const QString &subjectAltName);
    bool makeExpired(const QString &name);
    bool startDovecot();
    std::unique_ptr<Child> startSmtpd(const QStringList &options);
    ConnectionReport run(const Policy::Server &upstream,
                         ConnectionTest::Protocol protocol,
                         const QString &secret,
                         const QList<QSslCertificate> &roots,
                         int timeoutMs = 20000);
    void checkNoPassword(const ConnectionReport &report, const QString &secret);

    QTemporaryDir m_dir;
    QList<QSslCertificate> m_roots; // the test CA
    Child m_dovecot;
    quint16 m_imapPort = 0;
    quint16 m_imapsPort = 0;
    bool m_haveDovecot = false;
    bool m_haveSmtpd = false;
};

bool TestConnectionTest::makeCa(const QString &name, const QString &commonName)
{
    return runOpenSsl(
            {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
             QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
             QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes"),
             QStringLiteral("-keyout"), name + QStringLiteral(".key"), QStringLiteral("-out"),
             name + QStringLiteral(".pem"), QStringLiteral("-days"), QStringLiteral("2"),
             QStringLiteral("-subj"), QStringLiteral("/CN=") + commonName,
             QStringLiteral("-addext"), QStringLiteral("basicConstraints=critical,CA:TRUE"),
             QStringLiteral("-addext"), QStringLiteral("keyUsage=critical,keyCertSign,cRLSign")},
            m_dir.path());
}

// A TLS server certificate signed by @p ca, or self-signed when @p ca is empty.
bool TestConnectionTest::makeLeaf(const QString &name,
                                  const QString &ca,
                                  const QString &commonName,
                                  const QString &subjectAltName)
{
    const QString extensions = name + QStringLiteral(".ext");
    if (!writeFile(path(extensions), "basicConstraints=critical,CA:FALSE\n"
                                     "keyUsage=critical,digitalSignature,keyEncipherment\n"
                                     "extendedKeyUsage=serverAuth\n"
                                     "subjectAltName="
                                             + subjectAltName.toUtf8() + '\n')) {
        return false;
    }
    if (ca.isEmpty()) {
        return runOpenSsl(
                {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                 QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
                 QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes"),
                 QStringLiteral("-keyout"), name + QStringLiteral(".key"), QStringLiteral("-out"),
                 name + QStringLiteral(".pem"), QStringLiteral("-days"), QStringLiteral("2"),
                 QStringLiteral("-subj"), QStringLiteral("/CN=") + commonName,
                 QStringLiteral("-addext"), QStringLiteral("subjectAltName=") + subjectAltName},
                m_dir.path());
    }
    return runOpenSsl({QStringLiteral("req"), QStringLiteral("-new"), QStringLiteral("-newkey"),
                       QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
                       QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes"),
                       QStringLiteral("-keyout"), name + QStringLiteral(".key"),
                       QStringLiteral("-out"), name + QStringLiteral(".csr"),
                       QStringLiteral("-subj"), QStringLiteral("/CN=") + commonName},
                      m_dir.path())
           && runOpenSsl({QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"),
                          name + QStringLiteral(".csr"), QStringLiteral("-CA"),
                          ca + QStringLiteral(".pem"), QStringLiteral("-CAkey"),
                          ca + QStringLiteral(".key"), QStringLiteral("-CAcreateserial"),
                          QStringLiteral("-out"), name + QStringLiteral(".pem"),
                          QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-extfile"),
                          extensions},
                         m_dir.path());
}

// A certificate from the test CA whose validity ended at noon UTC on 2 January 2020 (the same
// local date in every time zone the report may use): `openssl ca` takes explicit dates.
bool TestConnectionTest::makeExpired(const QString &name)
{
    const QString config = name + QStringLiteral(".cnf");
    if (!writeFile(path(config), "[ca]\ndefault_ca = test\n"
                                 "[test]\ndatabase = index.txt\nnew_certs_dir = .\n"
                                 "serial = serial.txt\ndefault_md = sha256\npolicy = any\n"
                                 "[any]\ncommonName = supplied\n")
        || !writeFile(path(QStringLiteral("index.txt")), QByteArray())
        || !writeFile(path(QStringLiteral("serial.txt")), "1000\n")
        || !writeFile(path(name + QStringLiteral(".ext")),
                      "basicConstraints=critical,CA:FALSE\nextendedKeyUsage=serverAuth\n"
                      "subjectAltName=IP:127.0.0.1\n")) {
        return false;
    }
    return runOpenSsl({QStringLiteral("req"), QStringLiteral("-new"), QStringLiteral("-newkey"),
                       QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
                       QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes"),
                       QStringLiteral("-keyout"), name + QStringLiteral(".key"),
                       QStringLiteral("-out"), name + QStringLiteral(".csr"),
                       QStringLiteral("-subj"), QStringLiteral("/CN=127.0.0.1")},
                      m_dir.path())
           && runOpenSsl({QStringLiteral("ca"), QStringLiteral("-batch"), QStringLiteral("-config"),
                          config, QStringLiteral("-cert"), QStringLiteral("ca.pem"),
                          QStringLiteral("-keyfile"), QStringLiteral("ca.key"),
                          QStringLiteral("-in"), name + QStringLiteral(".csr"),
                          QStringLiteral("-out"), name + QStringLiteral(".pem"),
                          QStringLiteral("-notext"), QStringLiteral("-startdate"),
                          QStringLiteral("20200101000000Z"), QStringLiteral("-enddate"),
                          QStringLiteral("20200102120000Z"), QStringLiteral("-extfile"),
                          name + QStringLiteral(".ext")},
                         m_dir.path());
}

void TestConnectionTest::initTestCase()
{
    QVERIFY(m_dir.isValid());
    // Loopback users in Dovecot need folders its unprivileged processes can enter.
    QFile::setPermissions(m_dir.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner
                                                | QFile::ReadGroup | QFile::ExeGroup
                                                | QFile::ReadOther | QFile::ExeOther);
    QVERIFY(makeCa(QStringLiteral("ca"), QStringLiteral("Postern Test CA")));
    QVERIFY(makeCa(QStringLiteral("stranger"), QStringLiteral("Stranger Test CA")));
    QVERIFY(makeLeaf(QStringLiteral("server"), QStringLiteral("ca"), QStringLiteral("127.0.0.1"),
                     QStringLiteral("IP:127.0.0.1,DNS:localhost")));
    QVERIFY(makeLeaf(QStringLiteral("othername"), QStringLiteral("ca"),
                     QStringLiteral("mail.example.org"), QStringLiteral("DNS:mail.example.org")));
    QVERIFY(makeLeaf(QStringLiteral("strangers"), QStringLiteral("stranger"),
                     QStringLiteral("127.0.0.1"), QStringLiteral("IP:127.0.0.1")));
    QVERIFY(makeLeaf(QStringLiteral("selfsigned"), QString(), QStringLiteral("127.0.0.1"),
                     QStringLiteral("IP:127.0.0.1")));
    QVERIFY(makeExpired(QStringLiteral("expired")));
    m_roots = QSslCertificate::fromPath(path(QStringLiteral("ca.pem")));
    QCOMPARE(m_roots.size(), 1);

    m_haveDovecot = QFile::exists(QStringLiteral("/usr/sbin/dovecot")) && startDovecot();
    m_haveSmtpd = QFile::exists(QStringLiteral("/usr/bin/python3"))
                  && QFile::exists(QStringLiteral(POSTERN_UPSTREAM_SMTPD));

    // Every log line of the code under test, at every level, is searched for the password.
    QLoggingCategory::setFilterRules(QStringLiteral("postern.*=true"));
    g_previousHandler = qInstallMessageHandler(collectLogs);
}

void TestConnectionTest::cleanupTestCase()
{
    qInstallMessageHandler(g_previousHandler);
    for (const QString &line : std::as_const(g_logLines)) {
        QVERIFY2(!line.contains(password) && !line.contains(wrongPassword), qPrintable(line));
    }
}

void TestConnectionTest::init()
{
    const QString test = QString::fromLatin1(QTest::currentTestFunction());
    if (test.startsWith(QLatin1String("imap")) && !m_haveDovecot) {
        if (Test::runningInCi()) {
            QFAIL("Dovecot (dovecot-imapd) is needed and could not be started");
        }
        QSKIP("Dovecot (dovecot-imapd) is not installed or could not be started");
    }
    if ((test.startsWith(QLatin1String("smtp")) || test.startsWith(QLatin1String("certificate"))
         || test.startsWith(QLatin1String("implicitTls")))
        && !m_haveSmtpd) {
        if (Test::runningInCi()) {
            QFAIL("/usr/bin/python3 with python3-aiosmtpd is needed");
        }
        QSKIP("/usr/bin/python3 or the SMTP suite's upstream_smtpd.py is missing");
    }
}

// Dovecot from its own configuration in the test folder, in the foreground so that the test
// owns the process; one passwd-file user, implicit TLS on one port and STARTTLS on the other.
bool TestConnectionTest::startDovecot()
{
    const QString root = path(QStringLiteral("dovecot"));
    for (const QString &name :
         {QStringLiteral("base"), QStringLiteral("state"), QStringLiteral("mail")}) {
        QDir().mkpath(root + QLatin1Char('/') + name);
        QFile::setPermissions(root + QLatin1Char('/') + name,
                              QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner
                                      | QFile::ReadGroup | QFile::ExeGroup | QFile::ReadOther
                                      | QFile::ExeOther);
    }
    QFile::setPermissions(root, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner
                                        | QFile::ReadGroup | QFile::ExeGroup | QFile::ReadOther
                                        | QFile::ExeOther);
    // The mail processes run as the Maildir's owner: dovecot's user when the test runs as root.
    const bool asRoot = ::getuid() == 0;
    const QString uid = asRoot ? QStringLiteral("dovecot") : QString::number(::getuid());
    const QString gid = asRoot ? QStringLiteral("dovecot") : QString::number(::getgid());
    if (asRoot) {
        QProcess chown;
        chown.start(QStringLiteral("chown"),
                    {QStringLiteral("dovecot:dovecot"), root + QStringLiteral("/mail")});
        chown.waitForFinished();
    }
    if (!writeFile(root + QStringLiteral("/users"),
                   user.toUtf8() + ":{PLAIN}" + password.toUtf8() + "::::::\n")) {
        return false;
    }
    QFile::setPermissions(root + QStringLiteral("/users"), QFile::ReadOwner | QFile::WriteOwner
                                                                   | QFile::ReadGroup
                                                                   | QFile::ReadOther);
    m_imapPort = freePort();
    m_imapsPort = freePort();
    const QString internal = asRoot ? QStringLiteral("default_internal_user = dovecot\n"
                                                     "default_login_user = dovenull\n")
                                    : QStringLiteral("default_internal_user = %1\n"
                                                     "default_login_user = %1\n")
                                              .arg(qEnvironmentVariable("USER"));
    const QString config =
            QStringLiteral("base_dir = %1/base\nstate_dir = %1/state\nlog_path = %1/dovecot.log\n"
                           "%2protocols = imap\nlisten = 127.0.0.1\n"
                           "auth_mechanisms = plain login\n"
                           "ssl = yes\nssl_cert = <%3\nssl_key = <%4\n"
                           "mail_location = maildir:%1/mail/%u\n"
                           "mail_uid = %5\nmail_gid = %6\nfirst_valid_uid = 0\n"
                           "first_valid_gid = 0\n"
                           "passdb {\n  driver = passwd-file\n  args = %1/users\n}\n"
                           "userdb {\n  driver = static\n"
                           "  args = uid=%5 gid=%6 home=%1/mail/%u\n}\n"
                           "service imap-login {\n"
                           "  inet_listener imap {\n    address = 127.0.0.1\n    port = %7\n  }\n"
                           "  inet_listener imaps {\n    address = 127.0.0.1\n    port = %8\n"
                           "    ssl = yes\n  }\n  chroot =\n}\n"
                           "service anvil {\n  chroot =\n}\n"
                           "namespace inbox {\n  inbox = yes\n  separator = /\n}\n")
                    .arg(root, internal, path(QStringLiteral("server.pem")),
                         path(QStringLiteral("server.key")), uid, gid)
                    .arg(m_imapPort)
                    .arg(m_imapsPort);
    if (!writeFile(root + QStringLiteral("/dovecot.conf"), config.toUtf8())) {
        return false;
    }
    QFile::setPermissions(path(QStringLiteral("server.key")), QFile::ReadOwner | QFile::WriteOwner
                                                                      | QFile::ReadGroup
                                                                      | QFile::ReadOther);
    m_dovecot.process = std::make_unique<QProcess>();
    m_dovecot.process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_dovecot.process->start(
            QStringLiteral("/usr/sbin/dovecot"),
            {QStringLiteral("-F"), QStringLiteral("-c"), root + QStringLiteral("/dovecot.conf")});
    if (!m_dovecot.process->waitForStarted(10000)) {
        return false;
    }
    if (!waitListening(m_imapPort) || !waitListening(m_imapsPort)) {
        QFile log(root + QStringLiteral("/dovecot.log"));
        if (log.open(QIODevice::ReadOnly)) {
            qWarning().noquote() << "Dovecot did not start:" << log.readAll().right(2000);
        }
        return false;
    }
    return true;
}

// The SMTP suite's aiosmtpd upstream; it prints {"port": N} once it accepts connections.
std::unique_ptr<Child> TestConnectionTest::startSmtpd(const QStringList &options)
{
    auto child = std::make_unique<Child>();
    const QString maildir =
            path(QStringLiteral("maildir-%1").arg(QLatin1String(QTest::currentTestFunction())));
    child->process = std::make_unique<QProcess>();
    child->process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
    // aiosmtpd's AuthResult defaults to handled=True, which means "the reply was sent
    // already": with the script's authenticator a wrong password gets no reply at all and the
    // client waits forever. Defaulting it to False here gives the standard 535 (RFC 4954 6)
    // and leaves the script itself as the SMTP suite runs it.
    const QString launcher = QStringLiteral("import runpy, sys\n"
                                            "from aiosmtpd.smtp import AuthResult\n"
                                            "original = AuthResult.__init__\n"
                                            "def init(self, *, handled=False, **named):\n"
                                            "    original(self, handled=handled, **named)\n"
                                            "AuthResult.__init__ = init\n"
                                            "sys.argv = sys.argv[1:]\n"
                                            "runpy.run_path(sys.argv[0], run_name='__main__')\n");
    child->process->start(QStringLiteral("/usr/bin/python3"),
                          QStringList{QStringLiteral("-c"), launcher,
                                      QStringLiteral(POSTERN_UPSTREAM_SMTPD),
                                      QStringLiteral("--maildir"), maildir}
                                  + options);
    if (!child->process->waitForStarted(10000)) {
        return nullptr;
    }
    while (!child->process->canReadLine()) {
        if (!child->process->waitForReadyRead(20000)) {
            return nullptr;
        }
    }
    const QJsonObject ready = QJsonDocument::fromJson(child->process->readLine()).object();
    child->port = static_cast<quint16>(ready.value(QLatin1String("port")).toInt());
    return child->port == 0 ? nullptr : std::move(child);
}

ConnectionReport TestConnectionTest::run(const Policy::Server &upstream,
                                         ConnectionTest::Protocol protocol,
                                         const QString &secret,
                                         const QList<QSslCertificate> &roots,
                                         int timeoutMs)
{
    ConnectionTest test(upstream, roots, protocol);
    QSignalSpy spy(&test, &ConnectionTest::finished);
    ConnectionReport report;
    connect(&test, &ConnectionTest::finished, this,
            [&report](const ConnectionReport &finished) { report = finished; });
    test.start(user, secret);
    if (spy.isEmpty()) {
        spy.wait(timeoutMs);
    }
    // Exactly one report, even when the server closes the connection afterwards.
    QTest::qWait(50);
    if (spy.size() != 1) {
        qWarning() << "finished was emitted" << spy.size() << "times";
        report.summary = QStringLiteral("(finished emitted %1 times)").arg(spy.size());
        report.ok = false;
    }
    qInfo().noquote() << "summary:" << report.summary
                      << "\n  steps:" << report.steps.join(QStringLiteral("\n         "));
    return report;
}

void TestConnectionTest::checkNoPassword(const ConnectionReport &report, const QString &secret)
{
    QVERIFY(!report.summary.isEmpty());
    QVERIFY(!report.steps.isEmpty());
    // The report's last step is its first failure, or the last thing that worked.
    if (!report.ok) {
        QCOMPARE(report.steps.constLast(), report.summary);
    }
    if (!secret.isEmpty()) {
        QVERIFY(!report.summary.contains(secret));
        for (const QString &line : report.steps) {
            QVERIFY2(!line.contains(secret), qPrintable(line));
        }
    }
}

void TestConnectionTest::imapImplicitTlsLogin()
{
    const ConnectionReport report =
            run(server(QStringLiteral("127.0.0.1"), m_imapsPort, Policy::Security::Tls),
                ConnectionTest::Protocol::Imap, password, m_roots);
    checkNoPassword(report, password);
    QVERIFY2(report.ok, qPrintable(report.summary));
    QCOMPARE(report.summary, QStringLiteral("The connection and the login work."));
    QVERIFY(report.steps.join(u'\n').contains(QStringLiteral("issued by \"Postern Test CA\"")));
    QVERIFY(report.steps.contains(QStringLiteral("Logged in as tester.")));
}

void TestConnectionTest::imapStartTlsLogin()
{
    const ConnectionReport report =
            run(server(QStringLiteral("127.0.0.1"), m_imapPort, Policy::Security::StartTls),
                ConnectionTest::Protocol::Imap, password, m_roots);
    checkNoPassword(report, password);
    QVERIFY2(report.ok, qPrintable(report.summary));
    QVERIFY(report.steps.contains(QStringLiteral("The server offers STARTTLS.")));
    QVERIFY(report.steps.contains(QStringLiteral("Logged in as tester.")));
}

void TestConnectionTest::imapConnectionOnly()
{
    const ConnectionReport report =
            run(server(QStringLiteral("127.0.0.1"), m_imapPort, Policy::Security::StartTls),
                ConnectionTest::Protocol::Imap, QString(), m_roots);
    checkNoPassword(report, password);
    QVERIFY2(report.ok, qPrintable(report.summary));
    QVERIFY(report.summary.contains(QStringLiteral("login was not tested")));
    QVERIFY(!report.steps.join(u'\n').contains(QStringLiteral("Logging in")));
}

void TestConnectionTest::imapWrongPassword()
{
    const ConnectionReport report =
            run(server(QStringLiteral("127.0.0.1"), m_imapsPort, Policy::Security::Tls),
                ConnectionTest::Protocol::Imap, wrongPassword, m_roots);
    checkNoPassword(report, wrongPassword);
    QVERIFY(!report.ok);
    QVERIFY2(report.summary.startsWith(QStringLiteral("The user name or password is wrong")),
             qPrintable(report.summary));
}

// Without the account's CA certificate the same server is not trusted, and the report names
// the certificate, its issuer and the remedy.
void TestConnectionTest::imapUnknownAuthority()
{
    const ConnectionReport report =
            run(server(QStringLiteral("127.0.0.1"), m_imapsPort, Policy::Security::Tls),
                ConnectionTest::Protocol::Imap, password, {});
    checkNoPassword(report, password);
    QVERIFY(!report.ok);
    QVERIFY2(report.summary.contains(QStringLiteral("issued by \"Postern Test CA\", an authority "
                                                    "this computer does not know")),
             qPrintable(report.summary));
    QVERIFY(report.summary.contains(QStringLiteral("subject \"127.0.0.1\"")));
    QVERIFY(report.summary.contains(QStringLiteral("account's CA certificates")));
    QVERIFY(!report.steps.join(u'\n').contains(QStringLiteral("Logging in")));
}

void TestConnectionTest::smtpStartTlsLogin()
{
    const auto smtpd =
            startSmtpd({QStringLiteral("--cert"), path(QStringLiteral("server.pem")),
                        QStringLiteral("--key"), path(QStringLiteral("server.key")),
                        QStringLiteral("--user"), user, QStringLiteral("--password"), password});
    QVERIFY(smtpd);
    const ConnectionReport report =
            run(server(QStringLiteral("127.0.0.1"), smtpd->port, Policy::Security::StartTls),
                ConnectionTest::Protocol::Smtp, password, m_roots);
    checkNoPassword(report, password);
    QVERIFY2(report.ok, qPrintable(report.summary));
    QVERIFY(report.steps.contains(QStringLiteral("The server offers STARTTLS.")));
    QVERIFY(report.steps.contains(QStringLiteral("Logged in as tester.")));
}

void TestConnectionTest::smtpWrongPassword()
{
    const auto smtpd =
            startSmtpd({QStringLiteral("--cert"), path(QStringLiteral("server.pem")),
                        QStringLiteral("--key"), path(QStringLiteral("server.key")),
                        QStringLiteral("--user"), user, QStringLiteral("--password"), password});
    QVERIFY(smtpd);
    const ConnectionReport report =
            run(server(QStringLiteral("127.0.0.1"), smtpd->port, Policy::Security::StartTls),
                ConnectionTest::Protocol::Smtp, wrongPassword, m_roots);
    checkNoPassword(report, wrongPassword);
    QVERIFY(!report.ok);
    QVERIFY2(report.summary.startsWith(QStringLiteral("The user name or password is wrong")),
             qPrintable(report.summary));
}

void TestConnectionTest::smtpNoStartTlsOffered()
{
    const auto smtpd = startSmtpd({});
    QVERIFY(smtpd);
    const ConnectionReport report =
            run(server(QStringLiteral("127.0.0.1"), smtpd->port, Policy::Security::StartTls),
                ConnectionTest::Protocol::Smtp, password, m_roots);
    checkNoPassword(report, password);
    QVERIFY(!report.ok);
    QVERIFY2(
            report.summary.startsWith(QStringLiteral("The server does not offer STARTTLS on port")),
            qPrintable(report.summary));
}

// aiosmtpd offers AUTH only after STARTTLS; a plain connection (allowed to loopback) cannot
// log in.
void TestConnectionTest::smtpRequiresTls()
{
    const auto smtpd =
            startSmtpd({QStringLiteral("--cert"), path(QStringLiteral("server.pem")),
                        QStringLiteral("--key"), path(QStringLiteral("server.key")),
                        QStringLiteral("--user"), user, QStringLiteral("--password"), password});
    QVERIFY(smtpd);
    const ConnectionReport report =
            run(server(QStringLiteral("127.0.0.1"), smtpd->port, Policy::Security::None),
                ConnectionTest::Protocol::Smtp, password, m_roots);
    checkNoPassword(report, password);
    QVERIFY(!report.ok);
    QCOMPARE(report.summary, QStringLiteral("The server requires an encrypted connection before "
                                            "login. Choose TLS or STARTTLS."));
}

void TestConnectionTest::certificateProblems_data()
{
    QTest::addColumn<QString>("certificate");
    QTest::addColumn<QString>("expected");

    QTest::newRow("another host name")
            << QStringLiteral("othername")
            << QStringLiteral("The server's certificate is for another name: it is for "
                              "mail.example.org, not for \"127.0.0.1\".");
    QTest::newRow("unknown authority")
            << QStringLiteral("strangers")
            << QStringLiteral("The server's certificate (subject \"127.0.0.1\") was issued by "
                              "\"Stranger Test CA\", an authority this computer does not know.");
    QTest::newRow("expired") << QStringLiteral("expired")
                             << QStringLiteral("The server's certificate (\"127.0.0.1\") expired "
                                               "on %1.")
                                        .arg(QLocale().toString(QDate(2020, 1, 2),
                                                                QLocale::LongFormat));
    QTest::newRow("self-signed") << QStringLiteral("selfsigned")
                                 << QStringLiteral("The server's certificate is self-signed "
                                                   "(subject \"127.0.0.1\", issued by itself)");
}

void TestConnectionTest::certificateProblems()
{
    QFETCH(QString, certificate);
    QFETCH(QString, expected);
    const auto smtpd =
            startSmtpd({QStringLiteral("--cert"), path(certificate + QStringLiteral(".pem")),
                        QStringLiteral("--key"), path(certificate + QStringLiteral(".key")),
                        QStringLiteral("--user"), user, QStringLiteral("--password"), password});
    QVERIFY(smtpd);
    const ConnectionReport report =
            run(server(QStringLiteral("127.0.0.1"), smtpd->port, Policy::Security::StartTls),
                ConnectionTest::Protocol::Smtp, password, m_roots);
    checkNoPassword(report, password);
    QVERIFY(!report.ok);
    QVERIFY2(report.summary.startsWith(expected), qPrintable(report.summary));
    QVERIFY(!report.steps.join(u'\n').contains(QStringLiteral("Logging in")));
}

void TestConnectionTest::implicitTlsToAPlainPort()
{
    const auto smtpd = startSmtpd({});
    QVERIFY(smtpd);
    const ConnectionReport report =
            run(server(QStringLiteral("127.0.0.1"), smtpd->port, Policy::Security::Tls),
                ConnectionTest::Protocol::Smtp, password, m_roots);
    checkNoPassword(report, password);
    QVERIFY(!report.ok);
    QVERIFY2(report.summary.startsWith(QStringLiteral("No encrypted connection could be set up on "
                                                      "port")),
             qPrintable(report.summary));
    QVERIFY(report.summary.contains(QStringLiteral("choose STARTTLS")));
}

void TestConnectionTest::connectionRefused()
{
    const quint16 closed = freePort();
    const ConnectionReport report =
            run(server(QStringLiteral("127.0.0.1"), closed, Policy::Security::Tls),
                ConnectionTest::Protocol::Imap, password, m_roots);
    checkNoPassword(report, password);
    QVERIFY(!report.ok);
    QVERIFY2(report.summary.startsWith(
                     QStringLiteral("127.0.0.1 refused the connection on port %1").arg(closed)),
             qPrintable(report.summary));
}

void TestConnectionTest::serverNeverAnswers_data()
{
    QTest::addColumn<int>("security");
    QTest::addColumn<int>("protocol");
    QTest::addColumn<QString>("stage");

    QTest::newRow("IMAP greeting")
            << int(Policy::Security::StartTls) << int(ConnectionTest::Protocol::Imap)
            << QStringLiteral("waiting for the server's greeting");
    QTest::newRow("SMTP greeting")
            << int(Policy::Security::None) << int(ConnectionTest::Protocol::Smtp)
            << QStringLiteral("waiting for the server's greeting");
    QTest::newRow("TLS handshake")
            << int(Policy::Security::Tls) << int(ConnectionTest::Protocol::Imap)
            << QStringLiteral("setting up the encrypted connection");
}

// A server that accepts the connection and then says nothing.
void TestConnectionTest::serverNeverAnswers()
{
    QFETCH(int, security);
    QFETCH(int, protocol);
    QFETCH(QString, stage);
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost));
    QList<QTcpSocket *> accepted;
    connect(&silent, &QTcpServer::newConnection, this, [&silent, &accepted] {
        while (silent.hasPendingConnections()) {
            accepted.append(silent.nextPendingConnection());
        }
    });

    ConnectionTest test(server(QStringLiteral("127.0.0.1"), silent.serverPort(),
                               static_cast<Policy::Security>(security)),
                        m_roots, static_cast<ConnectionTest::Protocol>(protocol));
    test.setStepTimeout(std::chrono::milliseconds(1000));
    QSignalSpy spy(&test, &ConnectionTest::finished);
    ConnectionReport report;
    connect(&test, &ConnectionTest::finished, this,
            [&report](const ConnectionReport &finished) { report = finished; });
    QElapsedTimer clock;
    clock.start();
    test.start(user, password);
    QVERIFY(spy.wait(10000));
    QVERIFY(clock.elapsed() >= 900);
    checkNoPassword(report, password);
    QVERIFY(!report.ok);
    QCOMPARE(report.summary,
             QStringLiteral("The server did not answer within 1 seconds while %1. It may be down "
                            "or overloaded, or a firewall may block port %2.")
                     .arg(stage)
                     .arg(silent.serverPort()));
    QCOMPARE(accepted.size(), 1);
}

// RFC 2606 reserves .invalid: no resolver answers for it.
void TestConnectionTest::hostNotFound()
{
    const ConnectionReport report =
            run(server(QStringLiteral("no-such-server.invalid"), 993, Policy::Security::Tls),
                ConnectionTest::Protocol::Imap, password, m_roots, 60000);
    checkNoPassword(report, password);
    QVERIFY(!report.ok);
    QVERIFY2(report.summary.startsWith(
                     QStringLiteral("The server name \"no-such-server.invalid\" was not found.")),
             qPrintable(report.summary));
}

void TestConnectionTest::plainTextOnlyToLoopback()
{
    const ConnectionReport report =
            run(server(QStringLiteral("mail.example.org"), 143, Policy::Security::None),
                ConnectionTest::Protocol::Imap, password, m_roots);
    checkNoPassword(report, password);
    QVERIFY(!report.ok);
    QVERIFY2(report.summary.startsWith(QStringLiteral("Postern connects without encryption only "
                                                      "to a server on this computer.")),
             qPrintable(report.summary));
}

void TestConnectionTest::cancelEmitsNothing()
{
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost));
    ConnectionTest test(
            server(QStringLiteral("127.0.0.1"), silent.serverPort(), Policy::Security::StartTls),
            m_roots, ConnectionTest::Protocol::Imap);
    test.setStepTimeout(std::chrono::milliseconds(300));
    QSignalSpy spy(&test, &ConnectionTest::finished);
    test.start(user, password);
    QTRY_VERIFY(silent.hasPendingConnections());
    test.cancel();
    QVERIFY(!spy.wait(1000));
    QVERIFY(spy.isEmpty());
}

QTEST_GUILESS_MAIN(TestConnectionTest)
#include "tst_connectiontest.moc"
