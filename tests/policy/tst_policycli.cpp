// `postern account` and `postern policy` as an administrator's script drives them: the real
// executable, a fresh profile, and what it prints, writes and refuses.

#include "TestSupport.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <vector>

namespace {

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;

    QJsonObject object() const { return QJsonDocument::fromJson(out).object(); }
};

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void writeAll(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    QCOMPARE(file.write(bytes), bytes.size());
}

QByteArray invitation(const QByteArray &to)
{
    return "From: Alice <alice@example.org>\r\nTo: " + to
           + "\r\nSubject: Planning\r\nMessage-ID: <plan@example.org>\r\nMIME-Version: 1.0\r\n"
             "Content-Type: multipart/alternative; boundary=\"b\"\r\n\r\n"
             "--b\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nPlanning, Monday 10:00.\r\n"
             "--b\r\nContent-Type: text/calendar; charset=UTF-8; method=REQUEST\r\n\r\n"
             "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\nMETHOD:REQUEST\r\n"
             "BEGIN:VEVENT\r\nUID:plan-1@example.org\r\nDTSTAMP:20270101T090000Z\r\n"
             "DTSTART:20270104T100000Z\r\nDTEND:20270104T110000Z\r\nSUMMARY:Planning\r\n"
             "ORGANIZER:mailto:alice@example.org\r\nATTENDEE;RSVP=TRUE:mailto:bob@partner."
             "example\r\n"
             "END:VEVENT\r\nEND:VCALENDAR\r\n--b--\r\n";
}

QByteArray plainMessage(const QByteArray &to)
{
    return "From: alice@example.org\r\nTo: " + to
           + "\r\nSubject: Figures\r\nMIME-Version: 1.0\r\nContent-Type: text/plain\r\n\r\n"
             "The figures.\r\n";
}

} // namespace

class TestPolicyCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void addListShowRemove();
    void parallelAddsKeepEveryAccount();
    void addRefuses_data();
    void addRefuses();
    void overlongValues_data();
    void overlongValues();
    void caFileIsPinned();
    void identityMustHaveAKey();
    void templates_data();
    void templates();
    void encryptWhenPossibleUsesTheStore();
    void decisionRecipients_data();
    void decisionRecipients();
    void setCustomPolicy();
    void setRejectsMalformedPolicy();
    void malformedAccountsFile();

private:
    Run postern(const QStringList &arguments) const;
    Run addWork(const QStringList &extra = {}) const;
    QString file(const QString &name, const QByteArray &bytes) const;
    void trustBob() const;

    QTemporaryDir m_shared; // made once: Bob's certificate, from an independent peer
    QString m_bobCertificate;
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_profile;
};

void TestPolicyCli::initTestCase()
{
    QVERIFY(m_shared.isValid());
    const QString key = m_shared.filePath(QStringLiteral("bob.key"));
    m_bobCertificate = m_shared.filePath(QStringLiteral("bob.pem"));
    QProcess openssl;
    openssl.start(QStringLiteral("openssl"),
                  {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                   QStringLiteral("rsa:2048"), QStringLiteral("-nodes"), QStringLiteral("-keyout"),
                   key, QStringLiteral("-out"), m_bobCertificate, QStringLiteral("-subj"),
                   QStringLiteral("/CN=Bob/emailAddress=bob@partner.example"),
                   QStringLiteral("-days"), QStringLiteral("30"), QStringLiteral("-addext"),
                   QStringLiteral("subjectAltName=email:bob@partner.example"),
                   QStringLiteral("-addext"), QStringLiteral("extendedKeyUsage=emailProtection"),
                   QStringLiteral("-addext"),
                   QStringLiteral("keyUsage=digitalSignature,keyEncipherment")});
    QVERIFY(openssl.waitForFinished(60000));
    QCOMPARE(openssl.exitCode(), 0);
}

// Bob's certificate imported into the profile's store and trusted; Carol has none.
void TestPolicyCli::trustBob() const
{
    const QString passFile = file(QStringLiteral("store.pass"), "correct horse battery staple\n");
    const Run imported = postern({QStringLiteral("cert"), QStringLiteral("import"),
                                  m_bobCertificate, QStringLiteral("--store-pass-file"), passFile});
    QVERIFY2(imported.exitCode == 0, imported.err.constData());
    const Run listed =
            postern({QStringLiteral("cert"), QStringLiteral("list"), QStringLiteral("--json")});
    const QString id = QJsonDocument::fromJson(listed.out)
                               .array()
                               .at(0)
                               .toObject()
                               .value(QLatin1String("id"))
                               .toString();
    const Run trusted = postern({QStringLiteral("cert"), QStringLiteral("trust"), id,
                                 QStringLiteral("--store-pass-file"), passFile});
    QVERIFY2(trusted.exitCode == 0, trusted.err.constData());
}

void TestPolicyCli::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_profile = m_dir->filePath(QStringLiteral("profile"));
}

Run TestPolicyCli::postern(const QStringList &arguments) const
{
    QProcess process;
    process.start(QStringLiteral(POSTERN_EXECUTABLE),
                  QStringList{QStringLiteral("--profile"), m_profile} + arguments);
    process.closeWriteChannel();
    if (!process.waitForFinished(60000)) {
        process.kill();
        process.waitForFinished();
    }
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            process.readAllStandardOutput(), process.readAllStandardError()};
}

Run TestPolicyCli::addWork(const QStringList &extra) const
{
    return postern(QStringList{QStringLiteral("account"), QStringLiteral("add"),
                               QStringLiteral("Work"), QStringLiteral("--address"),
                               QStringLiteral("Alice@Example.org"), QStringLiteral("--imap"),
                               QStringLiteral("imap.example.org:993"),
                               QStringLiteral("--imap-security"), QStringLiteral("tls"),
                               QStringLiteral("--smtp"), QStringLiteral("smtp.example.org:587"),
                               QStringLiteral("--smtp-security"), QStringLiteral("starttls")}
                   + extra);
}

QString TestPolicyCli::file(const QString &name, const QByteArray &bytes) const
{
    const QString path = m_dir->filePath(name);
    QFile out(path);
    if (out.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        out.write(bytes);
    }
    return path;
}

void TestPolicyCli::addListShowRemove()
{
    const Run added = addWork();
    QVERIFY2(added.exitCode == 0, added.err.constData());
    const Run home = postern({QStringLiteral("account"),
                              QStringLiteral("add"),
                              QStringLiteral("Home"),
                              QStringLiteral("--address"),
                              QStringLiteral("me@home.example"),
                              QStringLiteral("--address"),
                              QStringLiteral("me@alias.example"),
                              QStringLiteral("--imap"),
                              QStringLiteral("127.0.0.1:1143"),
                              QStringLiteral("--imap-security"),
                              QStringLiteral("none"),
                              QStringLiteral("--smtp"),
                              QStringLiteral("[::1]:1025"),
                              QStringLiteral("--smtp-security"),
                              QStringLiteral("none"),
                              QStringLiteral("--imap-listen"),
                              QStringLiteral("24143"),
                              QStringLiteral("--smtp-listen"),
                              QStringLiteral("24025"),
                              QStringLiteral("--template"),
                              QStringLiteral("sign-everything")});
    QVERIFY2(home.exitCode == 0, home.err.constData());

    const Run list =
            postern({QStringLiteral("account"), QStringLiteral("list"), QStringLiteral("--json")});
    QCOMPARE(list.exitCode, 0);
    const QJsonArray accounts = QJsonDocument::fromJson(list.out).array();
    QCOMPARE(accounts.size(), 2);
    const QJsonObject work = accounts.at(0).toObject();
    QCOMPARE(work.value(QLatin1String("name")).toString(), QStringLiteral("Work"));
    QCOMPARE(work.value(QLatin1String("addresses")).toArray().at(0).toString(),
             QStringLiteral("alice@example.org"));
    const int workImap =
            work.value(QLatin1String("listen")).toObject().value(QLatin1String("imap")).toInt();
    const int workSmtp =
            work.value(QLatin1String("listen")).toObject().value(QLatin1String("smtp")).toInt();
    QVERIFY(workImap >= 1024 && workSmtp >= 1024 && workImap != workSmtp);
    QCOMPARE(work.value(QLatin1String("smtp"))
                     .toObject()
                     .value(QLatin1String("security"))
                     .toString(),
             QStringLiteral("starttls"));
    QCOMPARE(work.value(QLatin1String("policyTemplate")).toString(),
             QStringLiteral("encrypt-when-possible"));

    const Run show = postern({QStringLiteral("account"), QStringLiteral("show"),
                              QStringLiteral("home"), QStringLiteral("--json")});
    QCOMPARE(show.exitCode, 0);
    const QJsonObject shown = show.object();
    QCOMPARE(shown.value(QLatin1String("listen")).toObject().value(QLatin1String("imap")).toInt(),
             24143);
    QCOMPARE(shown.value(QLatin1String("listen")).toObject().value(QLatin1String("smtp")).toInt(),
             24025);
    QCOMPARE(
            shown.value(QLatin1String("listen")).toObject().value(QLatin1String("host")).toString(),
            QStringLiteral("127.0.0.1"));
    QCOMPARE(shown.value(QLatin1String("smtp")).toObject().value(QLatin1String("host")).toString(),
             QStringLiteral("::1"));
    QCOMPARE(shown.value(QLatin1String("addresses")).toArray().size(), 2);
    QCOMPARE(shown.value(QLatin1String("policyTemplate")).toString(),
             QStringLiteral("sign-everything"));

    // The ports chosen are kept: listing again gives the same ones.
    const Run again =
            postern({QStringLiteral("account"), QStringLiteral("list"), QStringLiteral("--json")});
    QCOMPARE(QJsonDocument::fromJson(again.out).array().at(0).toObject().value(
                     QLatin1String("listen")),
             work.value(QLatin1String("listen")));

    const Run text =
            postern({QStringLiteral("account"), QStringLiteral("show"), QStringLiteral("Work")});
    QCOMPARE(text.exitCode, 0);
    QVERIFY(text.out.contains("imap.example.org:993 (tls)"));

    const Run removed =
            postern({QStringLiteral("account"), QStringLiteral("remove"), QStringLiteral("Work")});
    QCOMPARE(removed.exitCode, 0);
    const Run after =
            postern({QStringLiteral("account"), QStringLiteral("list"), QStringLiteral("--json")});
    QCOMPARE(QJsonDocument::fromJson(after.out).array().size(), 1);
    const Run gone =
            postern({QStringLiteral("account"), QStringLiteral("show"), QStringLiteral("Work")});
    QCOMPARE(gone.exitCode, 5);
    QVERIFY(gone.err.contains("no account named 'Work' (accounts: Home)"));
}

// Each command reads, changes and writes accounts.json; run at once, none may write over another's
// change, and the file must never be seen half written.
void TestPolicyCli::parallelAddsKeepEveryAccount()
{
    // The profile exists first: what is tested is the accounts file, not making the profile.
    QCOMPARE(postern({QStringLiteral("account"), QStringLiteral("list")}).exitCode, 0);

    constexpr int count = 10;
    std::vector<std::unique_ptr<QProcess>> processes;
    for (int index = 0; index < count; ++index) {
        auto process = std::make_unique<QProcess>();
        process->start(QStringLiteral(POSTERN_EXECUTABLE),
                       {QStringLiteral("--profile"), m_profile, QStringLiteral("account"),
                        QStringLiteral("add"), QStringLiteral("A%1").arg(index),
                        QStringLiteral("--address"), QStringLiteral("a%1@example.org").arg(index),
                        QStringLiteral("--imap"), QStringLiteral("imap.example.org:993"),
                        QStringLiteral("--imap-security"), QStringLiteral("tls"),
                        QStringLiteral("--smtp"), QStringLiteral("smtp.example.org:465"),
                        QStringLiteral("--smtp-security"), QStringLiteral("tls")});
        processes.push_back(std::move(process));
    }
    for (const auto &process : processes) {
        QVERIFY(process->waitForFinished(120000));
        const QByteArray err = process->readAllStandardError();
        QVERIFY2(process->exitStatus() == QProcess::NormalExit && process->exitCode() == 0,
                 err.constData());
        QVERIFY(process->readAllStandardOutput().startsWith("added account A"));
    }

    const Run list =
            postern({QStringLiteral("account"), QStringLiteral("list"), QStringLiteral("--json")});
    QVERIFY2(list.exitCode == 0 && list.err.isEmpty(), list.err.constData());
    const QJsonArray accounts = QJsonDocument::fromJson(list.out).array();
    QCOMPARE(accounts.size(), count);
    QStringList names;
    QSet<int> ports;
    for (const QJsonValue &value : accounts) {
        const QJsonObject account = value.toObject();
        names.append(account.value(QLatin1String("name")).toString());
        const QJsonObject listen = account.value(QLatin1String("listen")).toObject();
        ports.insert(listen.value(QLatin1String("imap")).toInt());
        ports.insert(listen.value(QLatin1String("smtp")).toInt());
    }
    names.sort();
    QStringList expected;
    for (int index = 0; index < count; ++index) {
        expected.append(QStringLiteral("A%1").arg(index));
    }
    expected.sort();
    QCOMPARE(names, expected);
    QCOMPARE(ports.size(), 2 * count);

    // The version each change replaced is a whole file too, and no lock is left behind.
    const QString accountsPath = QDir(m_profile).filePath(QStringLiteral("accounts.json"));
    QJsonParseError error{};
    QJsonDocument::fromJson(readAll(accountsPath + QStringLiteral(".bak")), &error);
    QCOMPARE(error.error, QJsonParseError::NoError);
    QVERIFY(!QFile::exists(accountsPath + QStringLiteral(".lock")));
}

void TestPolicyCli::addRefuses_data()
{
    QTest::addColumn<QStringList>("extra");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");

    // A name, address or port another account has is a conflict with the configuration (9).
    QTest::newRow("same name") << QStringList() << 9 << "an account named 'Work' exists already";
    QTest::newRow("address of another account")
            << QStringList{QStringLiteral("--address"), QStringLiteral("ALICE@example.org")} << 9
            << "alice@example.org already belongs to account 'Work'";
    QTest::newRow("plain text to a remote server")
            << QStringList{QStringLiteral("--smtp-security"), QStringLiteral("none")} << 2
            << "allowed only for a loopback host, not smtp.example.org";
    QTest::newRow("no port") << QStringList{QStringLiteral("--imap"),
                                            QStringLiteral("imap.example.org")}
                             << 2 << "is not HOST:PORT";
    QTest::newRow("unknown security")
            << QStringList{QStringLiteral("--imap-security"), QStringLiteral("ssl")} << 2
            << "'ssl' is not one of: tls, starttls, none";
    QTest::newRow("privileged listen port")
            << QStringList{QStringLiteral("--imap-listen"), QStringLiteral("143")} << 2
            << "--imap-listen needs a port from 1024 to 65535";
    QTest::newRow("listen port taken by the first account")
            << QStringList{QStringLiteral("--smtp-listen"), QStringLiteral("FIRST-IMAP")} << 9
            << "is already used by imapListen of account 'Work'";
    QTest::newRow("not an address")
            << QStringList{QStringLiteral("--address"), QStringLiteral("not-an-address")} << 2
            << "'not-an-address' is not an e-mail address";
    QTest::newRow("unknown template")
            << QStringList{QStringLiteral("--template"), QStringLiteral("encrypt-sometimes")} << 2
            << "unknown template 'encrypt-sometimes'";
    QTest::newRow("ca file that is no certificate")
            << QStringList{QStringLiteral("--ca-file"), QStringLiteral("NOT-A-CERT")} << 5
            << "no certificate found";
    QTest::newRow("unknown identity")
            << QStringList{QStringLiteral("--identity"), QStringLiteral("0123456789")} << 5
            << "no single certificate in the store matches 0123456789";
}

void TestPolicyCli::addRefuses()
{
    QFETCH(QStringList, extra);
    QFETCH(int, exitCode);
    QFETCH(QString, message);

    const Run first = addWork();
    QCOMPARE(first.exitCode, 0);
    const QString accountsPath = QDir(m_profile).filePath(QStringLiteral("accounts.json"));
    const QByteArray before = readAll(accountsPath);
    const int firstImap = QJsonDocument::fromJson(before)
                                  .object()
                                  .value(QLatin1String("accounts"))
                                  .toArray()
                                  .at(0)
                                  .toObject()
                                  .value(QLatin1String("imapListen"))
                                  .toInt();
    for (QString &argument : extra) {
        if (argument == QLatin1String("FIRST-IMAP")) {
            argument = QString::number(firstImap);
        } else if (argument == QLatin1String("NOT-A-CERT")) {
            argument = file(QStringLiteral("not-a-cert.pem"), "hello\n");
        }
    }
    QStringList arguments = {QStringLiteral("account"),
                             QStringLiteral("add"),
                             QTest::currentDataTag() == QByteArray("same name")
                                     ? QStringLiteral("work")
                                     : QStringLiteral("Other"),
                             QStringLiteral("--address"),
                             QStringLiteral("other@example.org"),
                             QStringLiteral("--imap"),
                             QStringLiteral("imap.example.org:993"),
                             QStringLiteral("--imap-security"),
                             QStringLiteral("tls"),
                             QStringLiteral("--smtp"),
                             QStringLiteral("smtp.example.org:587"),
                             QStringLiteral("--smtp-security"),
                             QStringLiteral("starttls")};
    if (QTest::currentDataTag() == QByteArray("not an address")) {
        arguments.removeAt(arguments.indexOf(QStringLiteral("other@example.org")));
        arguments.removeAt(arguments.indexOf(QStringLiteral("--address")));
    }
    arguments += extra; // later values of an option win
    const Run run = postern(arguments);
    QCOMPARE(run.exitCode, exitCode);
    QVERIFY2(run.err.contains(message.toUtf8()), run.err.constData());
    QCOMPARE(readAll(accountsPath), before);
}

// Limits on what an account can hold, so that a pasted page of text is refused at once, by
// field and limit, and not repeated back.
void TestPolicyCli::overlongValues_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QStringList>("extra");
    QTest::addColumn<QString>("message");

    const QString huge(100000, QLatin1Char('x'));
    const QString label60(60, QLatin1Char('d'));
    const QString longDomain = QStringList(4, label60).join(QLatin1Char('.')) + u".example";
    QTest::newRow("name of 100,000 characters")
            << huge << QStringList()
            << "name is 100000 characters long; an account name may have at most 64";
    QTest::newRow("name of 65 characters")
            << QString(65, QLatin1Char('n')) << QStringList()
            << "name is 65 characters long; an account name may have at most 64";
    QTest::newRow("address of 100,000 characters")
            << QString() << QStringList{QStringLiteral("--address"), huge + u"@example.org"}
            << "addresses[1] is 100012 octets long; an address may have at most 254";
    QTest::newRow("local part of 65 octets")
            << QString()
            << QStringList{QStringLiteral("--address"), QString(65, QLatin1Char('l')) + u"@x.org"}
            << "addresses[1] has a local part (before the @) of 65 octets; it may have at most 64";
    QTest::newRow("address of 312 octets")
            << QString()
            << QStringList{QStringLiteral("--address"),
                           QString(60, QLatin1Char('l')) + u'@' + longDomain}
            << "addresses[1] is 312 octets long; an address may have at most 254";
    QTest::newRow("host name of 100,000 characters")
            << QString() << QStringList{QStringLiteral("--imap"), huge + u":993"}
            << "--imap: the host is 100000 octets long; a host name may have at most 253";
    QTest::newRow("host name of 251 octets with a label of 64")
            << QString()
            << QStringList{QStringLiteral("--smtp"),
                           QString(64, QLatin1Char('h')) + u".example.org:465"}
            << "--smtp: the host has a label of 64 octets; a label of a host name may have at "
               "most 63";
    QTest::newRow("login name of 300 octets")
            << QString() << QStringList{QStringLiteral("--imap-user"), QString(300, u'u')}
            << "imap.user is 300 octets long; a login name may have at most 254";
}

void TestPolicyCli::overlongValues()
{
    QFETCH(QString, name);
    QFETCH(QStringList, extra);
    QFETCH(QString, message);

    const QStringList arguments = {QStringLiteral("account"),
                                   QStringLiteral("add"),
                                   name.isEmpty() ? QStringLiteral("Other") : name,
                                   QStringLiteral("--address"),
                                   QStringLiteral("other@example.org"),
                                   QStringLiteral("--imap"),
                                   QStringLiteral("imap.example.org:993"),
                                   QStringLiteral("--imap-security"),
                                   QStringLiteral("tls"),
                                   QStringLiteral("--smtp"),
                                   QStringLiteral("smtp.example.org:587"),
                                   QStringLiteral("--smtp-security"),
                                   QStringLiteral("starttls")};
    const Run run = postern(arguments + extra); // later values win; --address adds one
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(message.toUtf8()), run.err.left(2000).constData());
    QVERIFY2(run.err.size() < 1000, "the refused value is not repeated back");
    QVERIFY(!QFile::exists(QDir(m_profile).filePath(QStringLiteral("accounts.json"))));
}

void TestPolicyCli::caFileIsPinned()
{
    // An independent peer makes the self-signed server certificate.
    const QString key = m_dir->filePath(QStringLiteral("server.key"));
    const QString certificate = m_dir->filePath(QStringLiteral("server.pem"));
    QProcess openssl;
    openssl.start(QStringLiteral("openssl"),
                  {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                   QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
                   QStringLiteral("ec_paramgen_curve:P-256"), QStringLiteral("-nodes"),
                   QStringLiteral("-keyout"), key, QStringLiteral("-out"), certificate,
                   QStringLiteral("-subj"), QStringLiteral("/CN=mail.internal"),
                   QStringLiteral("-days"), QStringLiteral("30")});
    QVERIFY(openssl.waitForFinished(30000));
    QCOMPARE(openssl.exitCode(), 0);

    const Run added = addWork({QStringLiteral("--ca-file"), certificate});
    QVERIFY2(added.exitCode == 0, added.err.constData());
    const Run show = postern({QStringLiteral("account"), QStringLiteral("show"),
                              QStringLiteral("Work"), QStringLiteral("--json")});
    const QJsonArray pinned = show.object().value(QLatin1String("caCertificates")).toArray();
    QCOMPARE(pinned.size(), 1);
    QCOMPARE(pinned.at(0).toString().toLatin1().trimmed(), readAll(certificate).trimmed());

    // The profile keeps its own copy: the original file may go away.
    QVERIFY(QFile::remove(certificate));
    const Run again = postern({QStringLiteral("account"), QStringLiteral("show"),
                               QStringLiteral("Work"), QStringLiteral("--json")});
    QCOMPARE(again.object().value(QLatin1String("caCertificates")).toArray().size(), 1);
}

void TestPolicyCli::identityMustHaveAKey()
{
    const QString passFile = file(QStringLiteral("store.pass"), "correct horse battery staple\n");
    const Run generated =
            postern({QStringLiteral("cert"), QStringLiteral("generate"),
                     QStringLiteral("alice@example.org"), QStringLiteral("--ec"),
                     QStringLiteral("--store-pass-file"), passFile, QStringLiteral("--json")});
    QVERIFY2(generated.exitCode == 0, generated.err.constData());
    const Run listed =
            postern({QStringLiteral("cert"), QStringLiteral("list"), QStringLiteral("--json")});
    const QString id = QJsonDocument::fromJson(listed.out)
                               .array()
                               .at(0)
                               .toObject()
                               .value(QLatin1String("id"))
                               .toString();
    QVERIFY(!id.isEmpty());

    const Run added = addWork({QStringLiteral("--identity"), id.left(12)});
    QVERIFY2(added.exitCode == 0, added.err.constData());
    const Run show = postern({QStringLiteral("account"), QStringLiteral("show"),
                              QStringLiteral("Work"), QStringLiteral("--json")});
    QCOMPARE(show.object().value(QLatin1String("identity")).toString(), id);

    // A certificate without its private key cannot be an account's identity.
    const Run keyDeleted =
            postern({QStringLiteral("cert"), QStringLiteral("delete"), id,
                     QStringLiteral("--key-only"), QStringLiteral("--store-pass-file"), passFile});
    QVERIFY2(keyDeleted.exitCode == 0, keyDeleted.err.constData());
    const Run refused = postern(
            {QStringLiteral("account"), QStringLiteral("add"), QStringLiteral("Second"),
             QStringLiteral("--address"), QStringLiteral("second@example.org"),
             QStringLiteral("--imap"), QStringLiteral("imap.example.org:993"),
             QStringLiteral("--imap-security"), QStringLiteral("tls"), QStringLiteral("--smtp"),
             QStringLiteral("smtp.example.org:465"), QStringLiteral("--smtp-security"),
             QStringLiteral("tls"), QStringLiteral("--identity"), id});
    QCOMPARE(refused.exitCode, 5);
    QVERIFY2(refused.err.contains("has no private key"), refused.err.constData());
}

void TestPolicyCli::templates_data()
{
    QTest::addColumn<QStringList>("apply");
    QTest::addColumn<QByteArray>("message");
    QTest::addColumn<QString>("action");
    QTest::addColumn<bool>("convert");
    QTest::addColumn<QString>("rule");

    const QByteArray invite = invitation("Bob <bob@partner.example>");
    const QByteArray plain = plainMessage("bob@partner.example, carol@elsewhere.example");
    const QString inClear = QStringLiteral("invitations-in-clear");
    const QString asIcs = QStringLiteral("invitations-as-ics");

    QTest::newRow("in clear, invitation")
            << QStringList{inClear} << invite << "clear" << false << "Invitations in clear";
    QTest::newRow("in clear, plain")
            << QStringList{inClear} << plain << "sign-encrypt" << false << "Encrypt the rest";
    QTest::newRow("as ics, invitation") << QStringList{asIcs} << invite << "sign-encrypt" << true
                                        << "Invitations as .ics attachments";
    QTest::newRow("as ics, plain")
            << QStringList{asIcs} << plain << "sign-encrypt" << false << "Encrypt the rest";
    QTest::newRow("everything, invitation")
            << QStringList{QStringLiteral("encrypt-everything")} << invite << "sign-encrypt"
            << false << "Encrypt everything";
    QTest::newRow("sign everything") << QStringList{QStringLiteral("sign-everything")} << plain
                                     << "sign" << false << "Sign everything";
    QTest::newRow("domains, listed")
            << QStringList{QStringLiteral("encrypt-domains"), QStringLiteral("--domain"),
                           QStringLiteral("partner.example")}
            << plain << "encrypt" << false << "Encrypt to listed domains";
    QTest::newRow("domains, not listed")
            << QStringList{QStringLiteral("encrypt-domains"), QStringLiteral("--domain"),
                           QStringLiteral("other.example")}
            << plain << "clear" << false << "default";
    QTest::newRow("when possible, nobody has a certificate")
            << QStringList{QStringLiteral("encrypt-when-possible")} << plain << "clear" << false
            << "Encrypt when possible";
    QTest::newRow("when possible, block")
            << QStringList{QStringLiteral("encrypt-when-possible"), QStringLiteral("--fallback"),
                           QStringLiteral("block")}
            << plain << "block" << false << "Encrypt when possible";
}

void TestPolicyCli::templates()
{
    QFETCH(QStringList, apply);
    QFETCH(QByteArray, message);
    QFETCH(QString, action);
    QFETCH(bool, convert);
    QFETCH(QString, rule);

    QCOMPARE(addWork().exitCode, 0);
    const Run applied =
            postern(QStringList{QStringLiteral("policy"), QStringLiteral("apply-template"),
                                QStringLiteral("Work")}
                    + apply);
    QVERIFY2(applied.exitCode == 0, applied.err.constData());
    const Run shown = postern({QStringLiteral("policy"), QStringLiteral("show"),
                               QStringLiteral("Work"), QStringLiteral("--json")});
    QCOMPARE(shown.object().value(QLatin1String("template")).toString(), apply.constFirst());

    const QString path = file(QStringLiteral("message.eml"), message);
    const Run tested = postern({QStringLiteral("policy"), QStringLiteral("test"),
                                QStringLiteral("Work"), path, QStringLiteral("--json")});
    QVERIFY2(tested.exitCode == 0, tested.err.constData());
    const QJsonObject decision = tested.object();
    QCOMPARE(decision.value(QLatin1String("action")).toString(), action);
    QCOMPARE(decision.value(QLatin1String("convertInvitation")).toBool(), convert);
    QCOMPARE(decision.value(QLatin1String("rule")).toString(), rule);
    const QJsonArray trail = decision.value(QLatin1String("trail")).toArray();
    QVERIFY(!trail.isEmpty());
    QCOMPARE(trail.last().toObject().value(QLatin1String("rule")).toString(), rule);
    QVERIFY(trail.last().toObject().value(QLatin1String("matched")).toBool());
    for (qsizetype index = 0; index + 1 < trail.size(); ++index) {
        QVERIFY(!trail.at(index).toObject().value(QLatin1String("matched")).toBool());
        QVERIFY(!trail.at(index).toObject().value(QLatin1String("why")).toString().isEmpty());
    }

    // The readable form says the same.
    const Run text = postern(
            {QStringLiteral("policy"), QStringLiteral("test"), QStringLiteral("Work"), path});
    QVERIFY(text.out.startsWith(QByteArray("action: " + action.toUtf8())));
    QVERIFY(text.out.contains(QByteArray("rule:   " + rule.toUtf8())));
}

void TestPolicyCli::encryptWhenPossibleUsesTheStore()
{
    trustBob();
    QCOMPARE(addWork().exitCode, 0);
    QCOMPARE(postern({QStringLiteral("policy"), QStringLiteral("apply-template"),
                      QStringLiteral("Work"), QStringLiteral("encrypt-when-possible"),
                      QStringLiteral("--fallback"), QStringLiteral("split")})
                     .exitCode,
             0);
    const QString path = file(QStringLiteral("message.eml"),
                              plainMessage("bob@partner.example, carol@elsewhere.example"));

    const Run both = postern({QStringLiteral("policy"), QStringLiteral("test"),
                              QStringLiteral("Work"), path, QStringLiteral("--json")});
    QCOMPARE(both.object().value(QLatin1String("action")).toString(), QStringLiteral("encrypt"));
    QCOMPARE(both.object().value(QLatin1String("clearRecipients")).toArray(),
             QJsonArray{QStringLiteral("carol@elsewhere.example")});

    // The envelope decides, not the header: to Bob alone, everything is encrypted.
    const Run bobOnly = postern({QStringLiteral("policy"), QStringLiteral("test"),
                                 QStringLiteral("Work"), path, QStringLiteral("--to"),
                                 QStringLiteral("BOB@partner.example"), QStringLiteral("--json")});
    QCOMPARE(bobOnly.object().value(QLatin1String("action")).toString(), QStringLiteral("encrypt"));
    QVERIFY(bobOnly.object().value(QLatin1String("clearRecipients")).toArray().isEmpty());
    QCOMPARE(bobOnly.object().value(QLatin1String("recipients")).toArray(),
             QJsonArray{QStringLiteral("bob@partner.example")});

    // Under encrypt-everything, Carol's missing certificate means the message is refused.
    QCOMPARE(postern({QStringLiteral("policy"), QStringLiteral("apply-template"),
                      QStringLiteral("Work"), QStringLiteral("encrypt-everything")})
                     .exitCode,
             0);
    const Run refused = postern({QStringLiteral("policy"), QStringLiteral("test"),
                                 QStringLiteral("Work"), path, QStringLiteral("--json")});
    QCOMPARE(refused.object().value(QLatin1String("action")).toString(),
             QStringLiteral("sign-encrypt"));
    QVERIFY(refused.object().value(QLatin1String("refused")).toBool());
    QCOMPARE(refused.object().value(QLatin1String("recipientsWithoutCertificate")).toArray(),
             QJsonArray{QStringLiteral("carol@elsewhere.example")});
}

// `policy test --json` under every template and fallback: its recipient lists say the same as
// its action and its reason. Bob has a trusted certificate, Carol has none.
void TestPolicyCli::decisionRecipients_data()
{
    QTest::addColumn<QStringList>("apply");
    QTest::addColumn<QByteArray>("message");
    QTest::addColumn<QStringList>("to");
    QTest::addColumn<QString>("action");
    QTest::addColumn<QStringList>("withoutCertificate");
    QTest::addColumn<QStringList>("inClear");
    QTest::addColumn<bool>("refused");

    const QString bob = QStringLiteral("bob@partner.example");
    const QString carol = QStringLiteral("carol@elsewhere.example");
    const QByteArray both = "bob@partner.example, carol@elsewhere.example";
    const QByteArray invite = invitation(both);
    const QByteArray plain = plainMessage(both);
    const QString whenPossible = QStringLiteral("encrypt-when-possible");
    const QString fallback = QStringLiteral("--fallback");

    QTest::newRow("in clear, invitation")
            << QStringList{QStringLiteral("invitations-in-clear")} << invite << QStringList()
            << "clear" << QStringList() << QStringList{bob, carol} << false;
    QTest::newRow("in clear, plain")
            << QStringList{QStringLiteral("invitations-in-clear")} << plain << QStringList()
            << "sign-encrypt" << QStringList{carol} << QStringList() << true;
    QTest::newRow("as ics, invitation")
            << QStringList{QStringLiteral("invitations-as-ics")} << invite << QStringList()
            << "sign-encrypt" << QStringList{carol} << QStringList() << true;
    QTest::newRow("encrypt everything")
            << QStringList{QStringLiteral("encrypt-everything")} << plain << QStringList()
            << "sign-encrypt" << QStringList{carol} << QStringList() << true;
    QTest::newRow("sign everything")
            << QStringList{QStringLiteral("sign-everything")} << plain << QStringList() << "sign"
            << QStringList() << QStringList{bob, carol} << false;
    QTest::newRow("domains, listed")
            << QStringList{QStringLiteral("encrypt-domains"), QStringLiteral("--domain"),
                           QStringLiteral("partner.example")}
            << plain << QStringList() << "encrypt" << QStringList{carol} << QStringList() << true;
    QTest::newRow("domains, not listed")
            << QStringList{QStringLiteral("encrypt-domains"), QStringLiteral("--domain"),
                           QStringLiteral("other.example")}
            << plain << QStringList() << "clear" << QStringList() << QStringList{bob, carol}
            << false;
    QTest::newRow("when possible, the default fallback")
            << QStringList{whenPossible} << plain << QStringList() << "clear" << QStringList{carol}
            << QStringList{bob, carol} << false;
    QTest::newRow("when possible, clear")
            << QStringList{whenPossible, fallback, QStringLiteral("clear")} << plain
            << QStringList() << "clear" << QStringList{carol} << QStringList{bob, carol} << false;
    QTest::newRow("when possible, split")
            << QStringList{whenPossible, fallback, QStringLiteral("split")} << plain
            << QStringList() << "encrypt" << QStringList{carol} << QStringList{carol} << false;
    QTest::newRow("when possible, split, nobody has a certificate")
            << QStringList{whenPossible, fallback, QStringLiteral("split")} << plain
            << QStringList{carol} << "clear" << QStringList{carol} << QStringList{carol} << false;
    QTest::newRow("when possible, block")
            << QStringList{whenPossible, fallback, QStringLiteral("block")} << plain
            << QStringList() << "block" << QStringList{carol} << QStringList() << true;
    QTest::newRow("when possible, everyone has a certificate")
            << QStringList{whenPossible, fallback, QStringLiteral("block")} << plain
            << QStringList{bob} << "encrypt" << QStringList() << QStringList() << false;
}

void TestPolicyCli::decisionRecipients()
{
    QFETCH(QStringList, apply);
    QFETCH(QByteArray, message);
    QFETCH(QStringList, to);
    QFETCH(QString, action);
    QFETCH(QStringList, withoutCertificate);
    QFETCH(QStringList, inClear);
    QFETCH(bool, refused);

    trustBob();
    QCOMPARE(addWork().exitCode, 0);
    const Run applied =
            postern(QStringList{QStringLiteral("policy"), QStringLiteral("apply-template"),
                                QStringLiteral("Work")}
                    + apply);
    QVERIFY2(applied.exitCode == 0, applied.err.constData());
    QStringList arguments = {QStringLiteral("policy"), QStringLiteral("test"),
                             QStringLiteral("Work"), file(QStringLiteral("message.eml"), message),
                             QStringLiteral("--json")};
    for (const QString &recipient : to) {
        arguments += {QStringLiteral("--to"), recipient};
    }
    const Run tested = postern(arguments);
    QVERIFY2(tested.exitCode == 0, tested.err.constData());
    const QJsonObject decision = tested.object();
    const auto list = [&decision](const char *key) {
        QStringList values;
        for (const QJsonValue &value : decision.value(QLatin1String(key)).toArray()) {
            values.append(value.toString());
        }
        return values;
    };
    QCOMPARE(decision.value(QLatin1String("action")).toString(), action);
    QCOMPARE(list("recipientsWithoutCertificate"), withoutCertificate);
    QCOMPARE(list("clearRecipients"), inClear);
    QCOMPARE(decision.value(QLatin1String("refused")).toBool(), refused);

    // Whoever the reason names as lacking a certificate is listed as such.
    const QString reason = decision.value(QLatin1String("reason")).toString();
    for (const QString &recipient : list("recipients")) {
        if (reason.contains(recipient)) {
            QVERIFY2(list("recipientsWithoutCertificate").contains(recipient), qPrintable(reason));
        }
    }
}

void TestPolicyCli::setCustomPolicy()
{
    QCOMPARE(addWork().exitCode, 0);
    const QString policy = file(
            QStringLiteral("policy.json"),
            "{\"rules\": [\n"
            " {\"name\": \"Board papers\", \"conditions\": [\n"
            "   {\"type\": \"attachment\", \"fileName\": \"*.pdf\"},\n"
            "   {\"type\": \"subject\", \"match\": \"regex\", \"value\": \"^board\\\\b\"}],\n"
            "  \"action\": {\"type\": \"block\", \"reason\": \"Board papers go by courier.\"}},\n"
            " {\"name\": \"Calendar header\", \"conditions\": [\n"
            "   {\"type\": \"header\", \"header\": \"Content-Type\", \"value\": "
            "\"method=REQUEST\"}],\n"
            "  \"action\": {\"type\": \"sign\"}}],\n"
            " \"default\": {\"type\": \"encrypt\"}}\n");
    const Run set = postern(
            {QStringLiteral("policy"), QStringLiteral("set"), QStringLiteral("Work"), policy});
    QVERIFY2(set.exitCode == 0, set.err.constData());

    const QString board = file(
            QStringLiteral("board.eml"),
            "From: alice@example.org\r\nTo: bob@partner.example\r\nSubject: Board meeting\r\n"
            "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"m\"\r\n\r\n--m\r\n"
            "Content-Type: text/plain\r\n\r\nAttached.\r\n--m\r\nContent-Type: application/pdf\r\n"
            "Content-Disposition: attachment; filename=\"minutes.pdf\"\r\n"
            "Content-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n--m--\r\n");
    const Run blocked = postern({QStringLiteral("policy"), QStringLiteral("test"),
                                 QStringLiteral("Work"), board, QStringLiteral("--json")});
    QCOMPARE(blocked.object().value(QLatin1String("action")).toString(), QStringLiteral("block"));
    QCOMPARE(blocked.object().value(QLatin1String("reason")).toString(),
             QStringLiteral("Board papers go by courier."));
    QCOMPARE(blocked.object().value(QLatin1String("rule")).toString(),
             QStringLiteral("Board papers"));

    // The calendar part's Content-Type sits inside multipart/alternative, not at the top.
    const Run signedInvite =
            postern({QStringLiteral("policy"), QStringLiteral("test"), QStringLiteral("Work"),
                     file(QStringLiteral("invite.eml"), invitation("bob@partner.example")),
                     QStringLiteral("--json")});
    QCOMPARE(signedInvite.object().value(QLatin1String("action")).toString(),
             QStringLiteral("sign"));
    QCOMPARE(signedInvite.object().value(QLatin1String("rule")).toString(),
             QStringLiteral("Calendar header"));
    QVERIFY(signedInvite.object()
                    .value(QLatin1String("trail"))
                    .toArray()
                    .at(0)
                    .toObject()
                    .value(QLatin1String("why"))
                    .toString()
                    .contains(QStringLiteral("no attachment")));

    const Run shown =
            postern({QStringLiteral("policy"), QStringLiteral("show"), QStringLiteral("Work")});
    QVERIFY(shown.out.contains("1. Board papers"));
    QVERIFY(shown.out.contains("2. Calendar header"));
    QVERIFY(shown.out.contains("otherwise: {\"type\":\"encrypt\"}"));
}

void TestPolicyCli::setRejectsMalformedPolicy()
{
    QCOMPARE(addWork().exitCode, 0);
    const QString accountsPath = QDir(m_profile).filePath(QStringLiteral("accounts.json"));
    const QByteArray before = readAll(accountsPath);

    const QString unknown =
            file(QStringLiteral("unknown.json"),
                 "{\"rules\": [\n  {\"name\": \"R\",\n   \"action\": {\"type\": \"shred\"}}]}\n");
    const Run run = postern(
            {QStringLiteral("policy"), QStringLiteral("set"), QStringLiteral("Work"), unknown});
    QCOMPARE(run.exitCode, 5);
    QVERIFY2(run.err.contains(QStringLiteral("%1:3:").arg(unknown).toUtf8()), run.err.constData());
    QVERIFY(run.err.contains("rules[0].action.type 'shred' is not one of"));

    const QString typo = file(QStringLiteral("typo.json"),
                              "{\"rules\": [{\"name\": \"R\", \"conditions\": [\n  {\"type\": "
                              "\"subject\", \"value\": \"x\", \"nto\": true}],\n  \"action\": "
                              "{\"type\": \"clear\"}}]}\n");
    const Run warned = postern(
            {QStringLiteral("policy"), QStringLiteral("set"), QStringLiteral("Work"), typo});
    QCOMPARE(warned.exitCode, 0);
    QVERIFY2(warned.err.contains("rules[0].conditions[0].nto is not a field Postern knows"),
             warned.err.constData());
    QVERIFY(warned.err.contains(QStringLiteral("%1:2:").arg(typo).toUtf8()));
    QCOMPARE(postern({QStringLiteral("policy"), QStringLiteral("set"), QStringLiteral("Work"),
                      file(QStringLiteral("good.json"), "{\"rules\": []}")})
                     .exitCode,
             0);
    const QByteArray good = readAll(accountsPath);

    const QString twice =
            file(QStringLiteral("twice.json"),
                 "{\"rules\": [],\n \"default\": {\"type\": \"clear\", \"type\": \"encrypt\"}}");
    const Run duplicate = postern(
            {QStringLiteral("policy"), QStringLiteral("set"), QStringLiteral("Work"), twice});
    QCOMPARE(duplicate.exitCode, 5);
    QVERIFY2(duplicate.err.contains(
                     QStringLiteral("%1:2:31: default.type appears twice").arg(twice).toUtf8()),
             duplicate.err.constData());

    const QString broken = file(QStringLiteral("broken.json"), "{\"rules\": [\n\n  }\n");
    const Run syntax = postern(
            {QStringLiteral("policy"), QStringLiteral("set"), QStringLiteral("Work"), broken});
    QCOMPARE(syntax.exitCode, 5);
    QVERIFY2(syntax.err.contains("not valid JSON"), syntax.err.constData());
    QVERIFY2(syntax.err.contains(QStringLiteral("%1:3:").arg(broken).toUtf8()),
             syntax.err.constData());
    QCOMPARE(readAll(accountsPath), good);
    QVERIFY(good != before);

    // Bytes that are no message at all are refused, not judged as an empty message.
    QByteArray noise(4096, '\0');
    for (qsizetype index = 0; index < noise.size(); ++index) {
        noise[index] = static_cast<char>((index * 7919 + 13) % 251);
    }
    const Run binary = postern({QStringLiteral("policy"), QStringLiteral("test"),
                                QStringLiteral("Work"), file(QStringLiteral("noise.eml"), noise)});
    QCOMPARE(binary.exitCode, 5);
    QVERIFY2(binary.err.contains("not an RFC 5322 message") || binary.err.contains("not a message")
                     || binary.err.contains("not a mail message"),
             binary.err.constData());
}

void TestPolicyCli::malformedAccountsFile()
{
    QCOMPARE(addWork().exitCode, 0);
    const QString accountsPath = QDir(m_profile).filePath(QStringLiteral("accounts.json"));
    QByteArray broken = readAll(accountsPath);
    broken.replace("\"starttls\"", "\"startls\"");
    writeAll(accountsPath, broken);

    // Reading still works, from the last good version, and says what is wrong and where, once.
    const QByteArray problem = "accounts[0].smtp.security 'startls' is not one of";
    const Run list =
            postern({QStringLiteral("account"), QStringLiteral("list"), QStringLiteral("--json")});
    QCOMPARE(list.exitCode, 0);
    QCOMPARE(QJsonDocument::fromJson(list.out).array().size(), 1);
    QVERIFY2(list.err.contains(problem), list.err.constData());
    QVERIFY2(list.err.count(problem) == 1, list.err.constData());
    QVERIFY(list.err.contains(QStringLiteral("%1:").arg(accountsPath).toUtf8()));
    QVERIFY(list.err.contains("last good version"));

    // Changing is refused until the file is fixed, as input to correct (README: 5), and the file
    // is not touched.
    const QString policy = file(QStringLiteral("policy.json"), "{\"rules\": []}");
    const QList<QStringList> changes = {
            {QStringLiteral("account"), QStringLiteral("add"), QStringLiteral("Home"),
             QStringLiteral("--address"), QStringLiteral("me@home.example"),
             QStringLiteral("--imap"), QStringLiteral("127.0.0.1:1143"),
             QStringLiteral("--imap-security"), QStringLiteral("none"), QStringLiteral("--smtp"),
             QStringLiteral("127.0.0.1:1025"), QStringLiteral("--smtp-security"),
             QStringLiteral("none")},
            {QStringLiteral("account"), QStringLiteral("remove"), QStringLiteral("Work")},
            {QStringLiteral("policy"), QStringLiteral("apply-template"), QStringLiteral("Work"),
             QStringLiteral("encrypt-everything")},
            {QStringLiteral("policy"), QStringLiteral("set"), QStringLiteral("Work"), policy},
    };
    for (const QStringList &change : changes) {
        const Run run = postern(change);
        QVERIFY2(run.exitCode == 5,
                 qPrintable(change.join(u' ') + u": " + QString::fromUtf8(run.err)));
        QVERIFY2(run.err.count(problem) == 1, run.err.constData());
        QVERIFY(run.err.contains("fix or remove"));
        QCOMPARE(readAll(accountsPath), broken);
    }
}

QTEST_GUILESS_MAIN(TestPolicyCli)
#include "tst_policycli.moc"
