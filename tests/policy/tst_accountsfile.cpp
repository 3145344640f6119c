// The accounts file: its format round-trips, fields from a newer version survive, and every
// kind of broken file is reported at its place and left exactly as it was.

#include "core/crypto/Certificate.h"
#include "core/policy/AccountsFile.h"
#include "core/policy/Templates.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLockFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <chrono>

using namespace std::chrono_literals;

using namespace Postern;
using Policy::AccountsFile;

namespace {

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

// Field by field, so that a field added to Server later needs no change here.
Policy::Server server(const QString &host, quint16 port, Policy::Security security)
{
    Policy::Server made;
    made.host = host;
    made.port = port;
    made.security = security;
    return made;
}

Policy::Account account(const QString &name, const QString &address, quint16 firstPort)
{
    Policy::Account made;
    made.name = name;
    made.addresses = {address};
    made.imap = server(QStringLiteral("imap.example.org"), 993, Policy::Security::Tls);
    made.smtp = server(QStringLiteral("smtp.example.org"), 587, Policy::Security::StartTls);
    made.imapListen = firstPort;
    made.smtpListen = static_cast<quint16>(firstPort + 1);
    made.policy = *Policy::makeTemplate(QStringLiteral("invitations-in-clear"));
    return made;
}

// Exercises every condition and action kind the format knows.
const char *fullPolicy =
        "{\n"
        "  \"rules\": [\n"
        "    {\"name\": \"Block secrets\", \"match\": \"any-of\",\n"
        "     \"conditions\": [{\"type\": \"subject\", \"match\": \"regex\", \"value\": "
        "\"^\\\\[secret\\\\]\"},\n"
        "                    {\"type\": \"header\", \"header\": \"X-Classification\", \"match\": "
        "\"equals\",\n"
        "                     \"value\": \"secret\", \"caseSensitive\": true}],\n"
        "     \"action\": {\"type\": \"block\", \"reason\": \"Classified mail stays inside.\"}},\n"
        "    {\"name\": \"Invitations\", \"conditions\": [{\"type\": \"invitation\", \"methods\": "
        "[\"REQUEST\", \"CANCEL\"]}],\n"
        "     \"action\": {\"type\": \"convert-invitation\"}},\n"
        "    {\"name\": \"Partners\", \"enabled\": false,\n"
        "     \"conditions\": [{\"type\": \"recipient-domain\", \"values\": [\"partner.example\", "
        "\"*.partner.example\"],\n"
        "                     \"recipients\": \"all\"},\n"
        "                    {\"type\": \"recipient-address\", \"values\": "
        "[\"boss@example.org\"]},\n"
        "                    {\"type\": \"sender-address\", \"values\": [\"me@example.org\"]},\n"
        "                    {\"type\": \"sender-domain\", \"values\": [\"example.org\"], \"not\": "
        "true},\n"
        "                    {\"type\": \"recipients-have-certificates\"},\n"
        "                    {\"type\": \"attachment\", \"mimeType\": \"application/*\", "
        "\"fileName\": \"*.pdf\"},\n"
        "                    {\"type\": \"size-above\", \"bytes\": 1048576}],\n"
        "     \"action\": {\"type\": \"sign-encrypt\", \"convertInvitation\": true}},\n"
        "    {\"name\": \"Maybe\", \"conditions\": [],\n"
        "     \"action\": {\"type\": \"encrypt-when-possible\", \"sign\": true, \"otherwise\": "
        "\"split\"}}\n"
        "  ],\n"
        "  \"default\": {\"type\": \"clear\"}\n"
        "}";

} // namespace

class TestAccountsFile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void missingFileIsEmpty();
    void roundTrip();
    void savesReadableJsonAndKeepsBackup();
    void newerVersionFieldsSurvive();
    void malformed_data();
    void malformed();
    void malformedFallsBackToLastGood();
    void invalidConfigurationIsNotSaved();
    void addressesByTheStoreRule();
    void oneAddressInTwoSpellingsIsOneOwner();
    void locateFindsNestedFields();
    void lengthLimitsAreInclusive();
    void updateChangesTheFileAsItIsNow();
    void updateLeavesABrokenFileAlone();
    void lockTimeoutNamesTheHolder();
    void lockOfAProcessThatIsGoneIsTakenOver();
    void problemsAreReturnedNotLogged();
    void parseServer_data();
    void parseServer();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
};

void TestAccountsFile::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_path = m_dir->filePath(QStringLiteral("accounts.json"));
}

void TestAccountsFile::missingFileIsEmpty()
{
    const AccountsFile::Loaded loaded = AccountsFile(m_path).load();
    QVERIFY(!loaded.problem);
    QVERIFY(loaded.configuration.accounts.isEmpty());
    QVERIFY(!QFile::exists(m_path));
}

void TestAccountsFile::roundTrip()
{
    Policy::Configuration configuration;
    configuration.accounts.append(
            account(QStringLiteral("Work"), QStringLiteral("me@example.org"), 20143));
    Policy::Account second =
            account(QStringLiteral("Home"), QStringLiteral("me@home.example"), 20145);
    second.imap = server(QStringLiteral("127.0.0.1"), 1143, Policy::Security::None);
    second.smtp = server(QStringLiteral("::1"), 1025, Policy::Security::None);
    second.identity = QStringLiteral("ABCDEF");
    second.caCertificates = {
            QStringLiteral("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n")};
    auto policy = Policy::policyFromJson(QJsonDocument::fromJson(fullPolicy).object(), QString());
    QVERIFY2(policy, qPrintable(policy ? QString() : policy.error().field + policy.error().reason));
    second.policy = *policy;
    configuration.accounts.append(second);

    const AccountsFile file(m_path);
    auto saved = file.save(configuration);
    QVERIFY2(saved, qPrintable(saved ? QString() : saved.error().toString()));
    const AccountsFile::Loaded loaded = file.load();
    QVERIFY2(!loaded.problem, qPrintable(loaded.problem ? loaded.problem->toString() : QString()));
    QCOMPARE(Policy::toJson(loaded.configuration), Policy::toJson(configuration));

    // Addresses are kept normalised, so look-ups by any spelling find the account.
    QCOMPARE(loaded.configuration.accounts.at(0).addresses,
             QStringList{QStringLiteral("me@example.org")});
    QVERIFY(loaded.configuration.findByAddress(QStringLiteral("ME@example.ORG")) != nullptr);
    const Policy::Policy &read = loaded.configuration.find(QStringLiteral("home"))->policy;
    QCOMPARE(read.rules.size(), 4);
    QVERIFY(read.rules.at(0).join == Policy::Join::AnyOf);
    QVERIFY(read.rules.at(0).conditions.at(0).pattern.isValid());
    QVERIFY(read.rules.at(1).action.kind == Policy::ActionKind::ConvertInvitation);
    QVERIFY(!read.rules.at(2).enabled);
    QCOMPARE(read.rules.at(2).conditions.size(), 7);
    QVERIFY(read.rules.at(2).conditions.at(3).negate);
    QVERIFY(read.rules.at(3).action.fallback == Policy::Fallback::Split);
    QVERIFY(read.defaultAction.kind == Policy::ActionKind::Clear);
}

void TestAccountsFile::savesReadableJsonAndKeepsBackup()
{
    const AccountsFile file(m_path);
    Policy::Configuration configuration;
    configuration.accounts.append(
            account(QStringLiteral("Work"), QStringLiteral("me@example.org"), 20143));
    QVERIFY(file.save(configuration));
    const QByteArray first = readAll(m_path);
    QVERIFY(first.contains("\n    \"version\": 1"));
    QVERIFY(first.contains("\"name\": \"Work\""));
    QVERIFY(!QFile::exists(file.backupPath()));
    QCOMPARE(QFile(m_path).permissions() & (QFileDevice::ReadOther | QFileDevice::ReadGroup),
             QFileDevice::Permissions());

    configuration.accounts.append(
            account(QStringLiteral("Home"), QStringLiteral("me@home.example"), 20145));
    QVERIFY(file.save(configuration));
    QCOMPARE(readAll(file.backupPath()), first);
    QCOMPARE(readAll(file.lastGoodPath()), readAll(m_path));
    QVERIFY(readAll(m_path).contains("\"Home\""));
}

void TestAccountsFile::newerVersionFieldsSurvive()
{
    const QByteArray newer =
            "{\n"
            "  \"version\": 3,\n"
            "  \"telemetry\": {\"enabled\": false},\n"
            "  \"accounts\": [{\n"
            "    \"name\": \"Work\", \"addresses\": [\"me@example.org\"], \"avatar\": \"me.png\",\n"
            "    \"imap\": {\"host\": \"imap.example.org\", \"port\": 993, \"security\": \"tls\", "
            "\"clientCert\": \"x\"},\n"
            "    \"smtp\": {\"host\": \"smtp.example.org\", \"port\": 465, \"security\": "
            "\"tls\"},\n"
            "    \"imapListen\": 20143, \"smtpListen\": 20144,\n"
            "    \"policy\": {\"schedule\": \"office-hours\",\n"
            "      \"rules\": [{\"name\": \"Invites\", \"priority\": 7,\n"
            "                 \"conditions\": [{\"type\": \"invitation\", \"fuzzy\": true}],\n"
            "                 \"action\": {\"type\": \"clear\", \"notify\": \"owner\"}}],\n"
            "      \"default\": {\"type\": \"encrypt\", \"cipher\": \"aes256-gcm\"}}\n"
            "  }]\n"
            "}";
    writeAll(m_path, newer);
    const AccountsFile file(m_path);
    AccountsFile::Loaded loaded = file.load();
    QVERIFY2(!loaded.problem, qPrintable(loaded.problem ? loaded.problem->toString() : QString()));
    QCOMPARE(loaded.configuration.version, 3);

    loaded.configuration.accounts.append(
            account(QStringLiteral("Home"), QStringLiteral("me@home.example"), 20145));
    QVERIFY(file.save(loaded.configuration));

    const QJsonObject saved = QJsonDocument::fromJson(readAll(m_path)).object();
    QCOMPARE(saved.value(QLatin1String("version")).toInt(), 3);
    QCOMPARE(saved.value(QLatin1String("telemetry")).toObject().value(QLatin1String("enabled")),
             QJsonValue(false));
    const QJsonObject work = saved.value(QLatin1String("accounts")).toArray().at(0).toObject();
    QCOMPARE(work.value(QLatin1String("avatar")).toString(), QStringLiteral("me.png"));
    QCOMPARE(work.value(QLatin1String("imap"))
                     .toObject()
                     .value(QLatin1String("clientCert"))
                     .toString(),
             QStringLiteral("x"));
    const QJsonObject policy = work.value(QLatin1String("policy")).toObject();
    QCOMPARE(policy.value(QLatin1String("schedule")).toString(), QStringLiteral("office-hours"));
    const QJsonObject rule = policy.value(QLatin1String("rules")).toArray().at(0).toObject();
    QCOMPARE(rule.value(QLatin1String("priority")).toInt(), 7);
    QCOMPARE(rule.value(QLatin1String("conditions"))
                     .toArray()
                     .at(0)
                     .toObject()
                     .value(QLatin1String("fuzzy")),
             QJsonValue(true));
    QCOMPARE(rule.value(QLatin1String("action"))
                     .toObject()
                     .value(QLatin1String("notify"))
                     .toString(),
             QStringLiteral("owner"));
    QCOMPARE(policy.value(QLatin1String("default"))
                     .toObject()
                     .value(QLatin1String("cipher"))
                     .toString(),
             QStringLiteral("aes256-gcm"));
}

void TestAccountsFile::malformed_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("line");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("reason");

    // Each account text has the servers on lines of their own so that places are checkable.
    const QByteArray head = "{\n  \"version\": 1,\n  \"accounts\": [{\n    \"name\": \"Work\",\n"
                            "    \"addresses\": [\"me@example.org\"],\n";
    const QByteArray imap = "    \"imap\": {\"host\": \"imap.example.org\", \"port\": 993, "
                            "\"security\": \"tls\"},\n";
    const QByteArray smtp = "    \"smtp\": {\"host\": \"smtp.example.org\", \"port\": 587, "
                            "\"security\": \"starttls\"},\n";
    const QByteArray ports = "    \"imapListen\": 20143, \"smtpListen\": 20144";
    const QByteArray tail = "\n  }]\n}\n";
    const auto withPolicy = [&](const QByteArray &policy) -> QByteArray {
        return head + imap + smtp + ports + ",\n    \"policy\": " + policy + tail;
    };

    QTest::newRow("not json") << QByteArray("{\n  \"version\": 1,\n  \"accounts\": [,]\n}\n") << 3
                              << QString() << QStringLiteral("is not valid JSON");
    QTest::newRow("trailing comma") << QByteArray(head + imap + smtp + ports + ",\n" + tail) << 10
                                    << QString() << QStringLiteral("is not valid JSON");
    QTest::newRow("empty") << QByteArray("") << 1 << QString()
                           << QStringLiteral("is not valid JSON");
    QTest::newRow("array") << QByteArray("[]") << 1 << QString()
                           << QStringLiteral("must hold a JSON object");
    QTest::newRow("no version") << QByteArray("{\"accounts\": []}") << 1
                                << QStringLiteral("version") << QStringLiteral("is missing");
    QTest::newRow("version text") << QByteArray("{\n\"version\": \"1\"}") << 2
                                  << QStringLiteral("version") << QStringLiteral("whole number");
    QTest::newRow("accounts object")
            << QByteArray("{\"version\": 1,\n \"accounts\": {}}") << 2 << QStringLiteral("accounts")
            << QStringLiteral("must be a list");
    QTest::newRow("bad address") << QByteArray(
            QByteArray(head).replace("me@example.org", "not-an-address") + imap + smtp + ports
            + tail) << 5 << QStringLiteral("accounts[0].addresses[0]")
                                 << QStringLiteral("is not an e-mail address");
    QTest::newRow("port too big") << QByteArray(
            head + imap + QByteArray(smtp).replace("587", "70000") + ports + tail)
                                  << 7 << QStringLiteral("accounts[0].smtp.port")
                                  << QStringLiteral("from 1 to 65535");
    QTest::newRow("unknown security") << QByteArray(
            head + QByteArray(imap).replace("\"tls\"", "\"ssl\"") + smtp + ports + tail)
                                      << 6 << QStringLiteral("accounts[0].imap.security")
                                      << QStringLiteral("'ssl' is not one of: tls, starttls, none");
    QTest::newRow("plain text to remote host") << QByteArray(
            head + imap + QByteArray(smtp).replace("\"starttls\"", "\"none\"") + ports + tail)
                                               << 7 << QStringLiteral("accounts[0].smtp.security")
                                               << QStringLiteral("only for a loopback host");
    QTest::newRow("missing smtp") << QByteArray(head + imap + ports + tail) << 3
                                  << QStringLiteral("accounts[0].smtp")
                                  << QStringLiteral("is missing");
    QTest::newRow("privileged listen port")
            << QByteArray(head + imap + smtp + QByteArray(ports).replace("20143", "143") + tail)
            << 8 << QStringLiteral("accounts[0].imapListen")
            << QStringLiteral("from 1024 to 65535");
    QTest::newRow("same listen port twice")
            << QByteArray(head + imap + smtp + QByteArray(ports).replace("20144", "20143") + tail)
            << 8 << QStringLiteral("accounts[0].smtpListen") << QStringLiteral("already used");
    QTest::newRow("two accounts, one name") << QByteArray(
            "{\"version\": 1, \"accounts\": [\n"
            "{\"name\": \"A\", \"addresses\": [\"a@x.org\"], \"imap\": {\"host\": \"h\", "
            "\"port\": 993, \"security\": \"tls\"}, \"smtp\": {\"host\": \"h\", \"port\": "
            "465, \"security\": \"tls\"}, \"imapListen\": 20001, \"smtpListen\": 20002},\n"
            "{\"name\": \"a\", \"addresses\": [\"b@x.org\"], \"imap\": {\"host\": \"h\", "
            "\"port\": 993, \"security\": \"tls\"}, \"smtp\": {\"host\": \"h\", \"port\": "
            "465, \"security\": \"tls\"}, \"imapListen\": 20003, \"smtpListen\": 20004}]}")
                                            << 3 << QStringLiteral("accounts[1].name")
                                            << QStringLiteral("names two accounts");
    QTest::newRow("unknown action")
            << withPolicy("{\n      \"rules\": [{\"name\": \"R\",\n        \"action\": {\"type\": "
                          "\"shred\"}}]}")
            << 11 << QStringLiteral("accounts[0].policy.rules[0].action.type")
            << QStringLiteral("'shred' is not one of");
    QTest::newRow("bad regex") << withPolicy(
            "{\"rules\": [{\"name\": \"R\", \"conditions\": [\n"
            "  {\"type\": \"subject\", \"match\": \"regex\", \"value\": \"([a-z\"}],\n"
            "  \"action\": {\"type\": \"clear\"}}]}")
                               << 10
                               << QStringLiteral("accounts[0].policy.rules[0].conditions[0].value")
                               << QStringLiteral("not a valid regular expression");
    QTest::newRow("condition without type")
            << withPolicy(
                       "{\"rules\": [{\"name\": \"R\", \"conditions\": [\n  {\"value\": \"x\"}],\n"
                       "  \"action\": {\"type\": \"clear\"}}]}")
            << 10 << QStringLiteral("accounts[0].policy.rules[0].conditions[0].type")
            << QStringLiteral("is missing");
    QTest::newRow("address list with a domain")
            << withPolicy("{\"rules\": [{\"name\": \"R\", \"conditions\": [\n  {\"type\": "
                          "\"recipient-address\", \"values\": [\"example.org\"]}],\n"
                          "  \"action\": {\"type\": \"clear\"}}]}")
            << 10 << QStringLiteral("accounts[0].policy.rules[0].conditions[0].values")
            << QStringLiteral("is not an address");
    QTest::newRow("duplicate rule names")
            << withPolicy("{\"rules\": [{\"name\": \"R\", \"action\": {\"type\": \"clear\"}},\n"
                          "  {\"name\": \"r\", \"action\": {\"type\": \"sign\"}}]}")
            << 10 << QStringLiteral("accounts[0].policy.rules[1].name")
            << QStringLiteral("names two rules");
    QTest::newRow("convert as default")
            << withPolicy("{\"rules\": [],\n  \"default\": {\"type\": \"convert-invitation\"}}")
            << 10 << QStringLiteral("accounts[0].policy.default.type")
            << QStringLiteral("must decide");
    QTest::newRow("a field twice") << QByteArray(
            head + imap + smtp
            + QByteArray(ports).replace("\"smtpListen\": 20144",
                                        "\"smtpListen\": 20144,\n    \"smtpListen\": 80")
            + tail) << 9 << QStringLiteral("accounts[0].smtpListen")
                                   << QStringLiteral("appears twice in the same object");
    QTest::newRow("sign on plain encrypt")
            << withPolicy(
                       "{\"rules\": [],\n  \"default\": {\"type\": \"encrypt\", \"sign\": true}}")
            << 10 << QStringLiteral("accounts[0].policy.default.sign")
            << QStringLiteral("applies only to encrypt-when-possible; use sign-encrypt");
    // Lengths: a value no name, address or host can have is refused at its place, with the limit.
    const QByteArray longHost = QByteArray(62, 'h') + '.' + QByteArray(62, 'h') + '.'
                                + QByteArray(62, 'h') + '.' + QByteArray(62, 'h') + ".example";
    const QByteArray longName = '"' + QByteArray(65, 'n') + '"';
    const QByteArray longLocalPart = QByteArray(65, 'l') + "@example.org";
    const QByteArray longAddress = "me@" + longHost;
    const QByteArray longLabel = QByteArray(64, 'i') + ".org";
    const QByteArray withUser = "\"tls\", \"user\": \"" + QByteArray(255, 'u') + "\"}";
    QTest::newRow("name of 65 characters")
            << QByteArray(head).replace("\"Work\"", longName) + imap + smtp + ports + tail << 4
            << QStringLiteral("accounts[0].name")
            << QStringLiteral("is 65 characters long; an account name may have at most 64");
    QTest::newRow("local part of 65 octets")
            << QByteArray(head).replace("me@example.org", longLocalPart) + imap + smtp + ports
                       + tail
            << 5 << QStringLiteral("accounts[0].addresses[0]")
            << QStringLiteral("local part (before the @) of 65 octets; it may have at most 64");
    QTest::newRow("address of 262 octets")
            << QByteArray(head).replace("me@example.org", longAddress) + imap + smtp + ports + tail
            << 5 << QStringLiteral("accounts[0].addresses[0]")
            << QStringLiteral("is 262 octets long; an address may have at most 254");
    QTest::newRow("host name with a label of 64 octets")
            << head + QByteArray(imap).replace("imap.example.org", longLabel) + smtp + ports + tail
            << 6 << QStringLiteral("accounts[0].imap.host")
            << QStringLiteral("has a label of 64 octets; a label of a host name may have at most "
                              "63");
    QTest::newRow("host name of 259 octets")
            << head + imap + QByteArray(smtp).replace("smtp.example.org", longHost) + ports + tail
            << 7 << QStringLiteral("accounts[0].smtp.host")
            << QStringLiteral("is 259 octets long; a host name may have at most 253");
    QTest::newRow("login name of 255 octets")
            << head + QByteArray(imap).replace("\"tls\"}", withUser) + smtp + ports + tail << 6
            << QStringLiteral("accounts[0].imap.user")
            << QStringLiteral("is 255 octets long; a login name may have at most 254");
    QTest::newRow("size as text")
            << withPolicy("{\"rules\": [{\"name\": \"R\", \"conditions\": [\n  {\"type\": "
                          "\"size-above\", \"bytes\": \"1MB\"}],\n"
                          "  \"action\": {\"type\": \"clear\"}}]}")
            << 10 << QStringLiteral("accounts[0].policy.rules[0].conditions[0].bytes")
            << QStringLiteral("whole number");
}

void TestAccountsFile::malformed()
{
    QFETCH(QByteArray, text);
    QFETCH(int, line);
    QFETCH(QString, field);
    QFETCH(QString, reason);

    writeAll(m_path, text);
    const AccountsFile file(m_path);
    const AccountsFile::Loaded loaded = file.load();
    QVERIFY(loaded.problem.has_value());
    const Policy::FileProblem &problem = *loaded.problem;
    QCOMPARE(problem.file, m_path);
    QCOMPARE(problem.field, field);
    QVERIFY2(problem.reason.contains(reason), qPrintable(problem.reason));
    QCOMPARE(problem.line, line);
    QVERIFY(problem.toString().startsWith(QStringLiteral("%1:%2:").arg(m_path).arg(line)));
    QVERIFY(loaded.configuration.accounts.isEmpty());
    QVERIFY(!loaded.fromLastGood);

    // Changing accounts is refused, and neither the file nor anything else is written.
    Policy::Configuration replacement;
    replacement.accounts.append(
            account(QStringLiteral("New"), QStringLiteral("new@example.org"), 20201));
    auto saved = file.save(replacement);
    QVERIFY(!saved);
    QVERIFY(saved.error().reason.contains(QStringLiteral("fix or remove it")));
    QCOMPARE(readAll(m_path), text);
    QVERIFY(!QFile::exists(file.backupPath()));
    QVERIFY(!QFile::exists(file.lastGoodPath()));
}

void TestAccountsFile::malformedFallsBackToLastGood()
{
    const AccountsFile file(m_path);
    Policy::Configuration good;
    good.accounts.append(account(QStringLiteral("Work"), QStringLiteral("me@example.org"), 20143));
    QVERIFY(file.save(good));

    // A hand edit gone wrong: Postern still runs, with the last good accounts.
    const QByteArray broken = readAll(m_path).replace("\"tls\"", "\"tsl\"");
    writeAll(m_path, broken);
    const AccountsFile::Loaded loaded = file.load();
    QVERIFY(loaded.problem.has_value());
    QCOMPARE(loaded.problem->field, QStringLiteral("accounts[0].imap.security"));
    QVERIFY(loaded.fromLastGood);
    QCOMPARE(Policy::toJson(loaded.configuration), Policy::toJson(good));
    QCOMPARE(readAll(m_path), broken);

    // Once fixed, the fixed file is what counts again.
    QByteArray fixed = broken;
    fixed.replace("\"tsl\"", "\"tls\"").replace("\"Work\"", "\"Office\"");
    writeAll(m_path, fixed);
    const AccountsFile::Loaded again = file.load();
    QVERIFY(!again.problem);
    QCOMPARE(again.configuration.accounts.at(0).name, QStringLiteral("Office"));
    QCOMPARE(readAll(file.lastGoodPath()), fixed);
}

void TestAccountsFile::invalidConfigurationIsNotSaved()
{
    const AccountsFile file(m_path);
    Policy::Configuration configuration;
    configuration.accounts.append(
            account(QStringLiteral("Work"), QStringLiteral("me@example.org"), 20143));
    configuration.accounts.append(
            account(QStringLiteral("Other"), QStringLiteral("me@example.org"), 20145));
    auto saved = file.save(configuration);
    QVERIFY(!saved);
    QCOMPARE(saved.error().field, QStringLiteral("accounts[1].addresses[0]"));
    QVERIFY(!QFile::exists(m_path));
}

// An account's addresses are compared by the certificate store's rule
// (Crypto::normalisedAddress), kept in that form in memory and written with Unicode domains
// for people to read.
void TestAccountsFile::addressesByTheStoreRule()
{
    writeAll(m_path, "{\"version\": 1, \"accounts\": [{\"name\": \"Idn\", \"addresses\": "
                     "[\"J\xc3\xb6rg@B\xc3\x9c"
                     "CHER.example\", \"Info@XN--BCHER-KVA.fr\"], "
                     "\"imap\": {\"host\": \"imap.example.org\", \"port\": 993, "
                     "\"security\": \"tls\"}, \"smtp\": {\"host\": \"smtp.example.org\", "
                     "\"port\": 465, \"security\": \"tls\"}, \"imapListen\": 20143, "
                     "\"smtpListen\": 20144}]}");
    const AccountsFile file(m_path);
    const AccountsFile::Loaded loaded = file.load();
    QVERIFY2(!loaded.problem, qPrintable(loaded.problem ? loaded.problem->toString() : QString()));
    const Policy::Account &account = loaded.configuration.accounts.at(0);
    QCOMPARE(account.addresses, (QStringList{QStringLiteral("j\u00f6rg@xn--bcher-kva.example"),
                                             QStringLiteral("info@xn--bcher-kva.fr")}));
    for (const QString &address : account.addresses) {
        QCOMPARE(address, Crypto::normalisedAddress(address));
    }

    const auto &configuration = loaded.configuration;
    QVERIFY(configuration.findByAddress(QStringLiteral("j\u00f6rg@b\u00fccher.example"))
            != nullptr);
    QVERIFY(configuration.findByAddress(QStringLiteral("Jo\u0308rg@xn--bcher-kva.EXAMPLE."))
            != nullptr);
    QVERIFY(configuration.findByAddress(QStringLiteral("<info@b\u00fccher.fr>")) != nullptr);
    // The \u00f6 of the local part is not folded: J\u00d6RG is another mailbox.
    QVERIFY(configuration.findByAddress(QStringLiteral("J\u00d6RG@b\u00fccher.example"))
            == nullptr);
    QVERIFY(configuration.findByAddress(QStringLiteral("info@bucher.fr")) == nullptr);

    // Entries set by hand (as an editor would) match in any spelling too.
    Policy::Account typed;
    typed.addresses = {QStringLiteral("Bob@B\u00fccher.Example")};
    QVERIFY(typed.hasAddress(QStringLiteral("bob@xn--bcher-kva.example")));
    QVERIFY(!typed.hasAddress(QStringLiteral("rob@xn--bcher-kva.example")));

    QVERIFY(file.save(configuration));
    const QJsonObject saved = QJsonDocument::fromJson(readAll(m_path)).object();
    const QJsonArray addresses = saved.value(QLatin1String("accounts"))
                                         .toArray()
                                         .at(0)
                                         .toObject()
                                         .value(QLatin1String("addresses"))
                                         .toArray();
    QCOMPARE(addresses.toVariantList(),
             (QVariantList{QStringLiteral("j\u00f6rg@b\u00fccher.example"),
                           QStringLiteral("info@b\u00fccher.fr")}));
    const AccountsFile::Loaded again = file.load();
    QVERIFY(!again.problem);
    QCOMPARE(again.configuration.accounts.at(0).addresses, account.addresses);
}

void TestAccountsFile::oneAddressInTwoSpellingsIsOneOwner()
{
    Policy::Configuration configuration;
    configuration.accounts.append(
            account(QStringLiteral("Work"), QStringLiteral("me@b\u00fccher.example"), 20143));
    configuration.accounts.append(
            account(QStringLiteral("Other"), QStringLiteral("ME@xn--bcher-kva.example"), 20145));
    const auto checked = Policy::validate(configuration);
    QVERIFY(!checked);
    QCOMPARE(checked.error().field, QStringLiteral("accounts[1].addresses[0]"));

    // A non-ASCII letter in another case is another mailbox, so two accounts may hold them.
    configuration.accounts[0].addresses = {QStringLiteral("\u00e9lise@example.org")};
    configuration.accounts[1].addresses = {QStringLiteral("\u00c9lise@example.org")};
    QVERIFY(Policy::validate(configuration));
}

void TestAccountsFile::locateFindsNestedFields()
{
    const QByteArray json = "{\n \"a\": 1,\n \"list\": [\n  {\"x\": 1},\n  {\"x\": 2,\n   "
                            "\"y\\u0041\": {\"deep\": [true, \n false]}}\n ]\n}";
    QCOMPARE(AccountsFile::locate(json, QStringLiteral("a")), std::make_pair(2, 7));
    QCOMPARE(AccountsFile::locate(json, QStringLiteral("list[1].x")), std::make_pair(5, 9));
    QCOMPARE(AccountsFile::locate(json, QStringLiteral("list[1].yA.deep[1]")),
             std::make_pair(7, 2));
    // A missing field is placed at the nearest part of its path that exists.
    QCOMPARE(AccountsFile::locate(json, QStringLiteral("list[1].missing")).first, 5);
    QCOMPARE(AccountsFile::locate(json, QStringLiteral("list[7]")).first, 3);
}

// The longest values the limits allow are still accounts: 64 characters of name, an address
// of 254 octets with a local part of 64, a host name of 253 octets with labels of 63.
void TestAccountsFile::lengthLimitsAreInclusive()
{
    const QString label63(63, QLatin1Char('d'));
    const QString domain189 = label63 + u'.' + label63 + u'.' + QString(61, QLatin1Char('d'));
    const QString host253 =
            label63 + u'.' + label63 + u'.' + label63 + u'.' + QString(61, QLatin1Char('h'));
    QCOMPARE(domain189.size(), 189);
    QCOMPARE(host253.size(), 253);

    Policy::Configuration configuration;
    Policy::Account longest = account(QString(64, QLatin1Char('n')),
                                      QString(64, QLatin1Char('l')) + u'@' + domain189, 20143);
    QCOMPARE(longest.addresses.constFirst().size(), 254);
    longest.imap.host = host253;
    longest.smtp.host = host253 + u'.'; // the root's dot is not part of the name's length
    longest.imap.user = QString(254, QLatin1Char('u'));
    configuration.accounts.append(longest);
    const auto checked = Policy::validate(configuration);
    QVERIFY2(checked, qPrintable(checked ? QString()
                                         : checked.error().field + u' ' + checked.error().reason));

    // Counted in characters, not UTF-16 units: 64 letters outside the BMP are a fine name.
    configuration.accounts[0].name = QString::fromUcs4(std::u32string(64, U'\U0001D49C').c_str());
    QVERIFY(Policy::validate(configuration));
    configuration.accounts[0].name += u'x';
    const auto tooLong = Policy::validate(configuration);
    QVERIFY(!tooLong);
    QCOMPARE(tooLong.error().field, QStringLiteral("accounts[0].name"));
}

// Every change starts from the file as it is then, so that a change made by another writer in
// between is kept.
void TestAccountsFile::updateChangesTheFileAsItIsNow()
{
    const AccountsFile first(m_path);
    const AccountsFile second(m_path);
    Policy::Configuration configuration;
    configuration.accounts.append(
            account(QStringLiteral("Work"), QStringLiteral("me@example.org"), 20143));
    QVERIFY(first.save(configuration));

    auto updated = second.update([](Policy::Configuration &current) {
        current.accounts.append(
                account(QStringLiteral("Home"), QStringLiteral("me@home.example"), 20145));
        return true;
    });
    QVERIFY2(updated && *updated, qPrintable(updated ? QString() : updated.error().toString()));
    updated = first.update([](Policy::Configuration &current) {
        current.find(QStringLiteral("Work"))->policy =
                *Policy::makeTemplate(QStringLiteral("sign-everything"));
        return true;
    });
    QVERIFY(updated && *updated);

    const AccountsFile::Loaded loaded = first.load();
    QCOMPARE(loaded.configuration.accounts.size(), 2);
    QCOMPARE(loaded.configuration.find(QStringLiteral("Work"))->policy.templateName,
             QStringLiteral("sign-everything"));
    QVERIFY(loaded.configuration.find(QStringLiteral("Home")) != nullptr);

    // A change that declines writes nothing; one that would not check is refused whole.
    const QByteArray before = readAll(m_path);
    updated = first.update([](Policy::Configuration &) { return false; });
    QVERIFY(updated && !*updated);
    updated = first.update([](Policy::Configuration &current) {
        current.accounts.append(
                account(QStringLiteral("work"), QStringLiteral("other@example.org"), 20147));
        return true;
    });
    QVERIFY(!updated);
    QCOMPARE(updated.error().field, QStringLiteral("accounts[2].name"));
    QVERIFY(updated.error().kind == Policy::FileProblem::Kind::Content);
    QCOMPARE(readAll(m_path), before);
    QVERIFY(!QFile::exists(first.lockPath()));
}

void TestAccountsFile::updateLeavesABrokenFileAlone()
{
    const QByteArray broken = "{\"version\": 1, \"accounts\": [,]}";
    writeAll(m_path, broken);
    const AccountsFile file(m_path);
    bool called = false;
    const auto updated = file.update([&called](Policy::Configuration &) {
        called = true;
        return true;
    });
    QVERIFY(!updated);
    QVERIFY(!called);
    QVERIFY(updated.error().kind == Policy::FileProblem::Kind::Content);
    QCOMPARE(updated.error().line, 1);
    QVERIFY(updated.error().reason.contains(QStringLiteral("fix or remove it")));
    QCOMPARE(readAll(m_path), broken);
    QVERIFY(!QFile::exists(file.backupPath()));
}

// Another process in the middle of a change holds the lock; the one waiting gives up after the
// time it was given, names the holder and the lock file, and changes nothing.
void TestAccountsFile::lockTimeoutNamesTheHolder()
{
    const AccountsFile file(m_path);
    Policy::Configuration configuration;
    configuration.accounts.append(
            account(QStringLiteral("Work"), QStringLiteral("me@example.org"), 20143));
    QVERIFY(file.save(configuration));
    const QByteArray before = readAll(m_path);

    QLockFile holder(file.lockPath());
    QVERIFY(holder.tryLock(0));
    bool called = false;
    QElapsedTimer waited;
    waited.start();
    const auto updated = file.update(
            [&called](Policy::Configuration &) {
                called = true;
                return true;
            },
            300ms);
    QVERIFY(waited.elapsed() >= 300);
    QVERIFY(!updated);
    QVERIFY(!called);
    const Policy::FileProblem &problem = updated.error();
    QVERIFY(problem.kind == Policy::FileProblem::Kind::Busy);
    QCOMPARE(problem.file, m_path);
    const QString expected = QStringLiteral("%1: is being changed by process %2 (")
                                     .arg(m_path)
                                     .arg(QCoreApplication::applicationPid());
    QVERIFY2(problem.toString().startsWith(expected), qPrintable(problem.toString()));
    QVERIFY2(problem.reason.contains(QStringLiteral("did not finish within 0.3 s; nothing was "
                                                    "changed")),
             qPrintable(problem.reason));
    QVERIFY(problem.reason.contains(QStringLiteral("remove %1").arg(file.lockPath())));

    // A whole replacement waits for the same lock.
    const auto saved = file.save(Policy::Configuration(), 100ms);
    QVERIFY(!saved);
    QVERIFY(saved.error().kind == Policy::FileProblem::Kind::Busy);
    QCOMPARE(readAll(m_path), before);

    holder.unlock();
    QVERIFY(file.update([&called](Policy::Configuration &) {
        called = true;
        return true;
    }));
    QVERIFY(called);
}

// A lock left by a process that ended without releasing it (killed, crashed) stops nobody.
void TestAccountsFile::lockOfAProcessThatIsGoneIsTakenOver()
{
    const AccountsFile file(m_path);
    // QLockFile's own format: process id, program, host; no process has this id.
    writeAll(file.lockPath(), "2147483646\npostern\n\n");
    const auto updated = file.update([](Policy::Configuration &configuration) {
        configuration.accounts.append(
                account(QStringLiteral("Work"), QStringLiteral("me@example.org"), 20143));
        return true;
    });
    QVERIFY2(updated && *updated, qPrintable(updated ? QString() : updated.error().toString()));
    QCOMPARE(file.load().configuration.accounts.size(), 1);
    QVERIFY(!QFile::exists(file.lockPath()));
}

// Whoever loads says the problem once, in its own way (the command line on standard error, the
// window in its banner, the service in its log); the file does not log it besides.
void TestAccountsFile::problemsAreReturnedNotLogged()
{
    const AccountsFile file(m_path);
    Policy::Configuration good;
    good.accounts.append(account(QStringLiteral("Work"), QStringLiteral("me@example.org"), 20143));
    QVERIFY(file.save(good));
    writeAll(m_path, readAll(m_path).replace("\"tls\"", "\"tsl\""));

    QTest::failOnWarning(QRegularExpression(QStringLiteral(".*")));
    const AccountsFile::Loaded loaded = file.load();
    QVERIFY(loaded.problem.has_value());
    QVERIFY(loaded.fromLastGood);
}

void TestAccountsFile::parseServer_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("security");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");

    QTest::newRow("name") << "mail.example.org:993"
                          << "tls" << true << "mail.example.org" << 993;
    QTest::newRow("v6") << "[2001:db8::1]:587"
                        << "starttls" << true << "2001:db8::1" << 587;
    QTest::newRow("loopback plain") << "127.0.0.1:1143"
                                    << "none" << true << "127.0.0.1" << 1143;
    QTest::newRow("localhost plain") << "localhost:25"
                                     << "none" << true << "localhost" << 25;
    QTest::newRow("v6 loopback plain") << "[::1]:25"
                                       << "none" << true << "::1" << 25;
    QTest::newRow("remote plain") << "mail.example.org:25"
                                  << "none" << false << "" << 0;
    QTest::newRow("loopback lookalike") << "127.0.0.1.example.org:25"
                                        << "none" << false << "" << 0;
    QTest::newRow("no port") << "mail.example.org"
                             << "tls" << false << "" << 0;
    QTest::newRow("port zero") << "mail.example.org:0"
                               << "tls" << false << "" << 0;
    QTest::newRow("bare v6") << "2001:db8::1:993"
                             << "tls" << false << "" << 0;
    QTest::newRow("bad security") << "mail.example.org:993"
                                  << "ssl" << false << "" << 0;
}

void TestAccountsFile::parseServer()
{
    QFETCH(QString, text);
    QFETCH(QString, security);
    QFETCH(bool, ok);
    QFETCH(QString, host);
    QFETCH(int, port);

    const auto server = Policy::parseServer(text, security);
    QCOMPARE(server.has_value(), ok);
    if (ok) {
        QCOMPARE(server->host, host);
        QCOMPARE(int(server->port), port);
    } else {
        QVERIFY(!server.error().reason.isEmpty());
    }
}

QTEST_GUILESS_MAIN(TestAccountsFile)
#include "tst_accountsfile.moc"
