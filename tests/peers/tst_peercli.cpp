// The `postern` command line against messages made by openssl and against bad input: every
// failure must end in the documented exit status with one line on stderr that names the
// problem, never a crash, a hang or plaintext on stdout. Keys are made at run time.

#include "MimeSamples.h"
#include "PeerTools.h"
#include "TestSupport.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace Postern::Test;

class TestPeerCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void decrypts_data();
    void decrypts();
    void verifies();
    void inspectsEncryptedMessage();
    void encryptCommand_data();
    void encryptCommand();
    void signCommand_data();
    void signCommand();
    void corruptInput_data();
    void corruptInput();
    void keyProblems_data();
    void keyProblems();
    void signatureProblems_data();
    void signatureProblems();
    void deeplyNestedMultiparts_data();
    void deeplyNestedMultiparts();
    void hugePlainMessage();
    void hugeEncryptedMessage();

private:
    ToolRun postern(const QStringList &arguments, int timeoutMs = 120000) const;
    ToolRun openssl(const QStringList &arguments) const;

    QString path(const QString &name) const { return m_dir.filePath(name); }

    QStringList decryptWithAlice(const QString &name) const;
    QStringList verifyWithTestRoot(const QString &name) const;
    static void addFailureColumns();
    void expectFailure();

    bool writeMessages();
    bool writeBadInput();

    QTemporaryDir m_dir;
    TestPki m_pki;
};

namespace {

const QByteArray rightPassphrase = QByteArrayLiteral("correct horse");

constexpr int nestingDepth = 10000;
constexpr qint64 hugeBytes = 200LL * 1024 * 1024;

QByteArray nestedEntity(int depth)
{
    QByteArray entity;
    for (int level = 0; level < depth; ++level) {
        const QByteArray boundary = "n" + QByteArray::number(level);
        entity += "Content-Type: multipart/mixed; boundary=\"" + boundary + "\"\r\n\r\n--"
                  + boundary + "\r\n";
    }
    entity += "Content-Type: text/plain\r\n\r\nbottom\r\n";
    for (int level = depth - 1; level >= 0; --level) {
        entity += "--n" + QByteArray::number(level) + "--\r\n";
    }
    return entity;
}

QByteArray randomBytes(quint32 seed, qsizetype size)
{
    QRandomGenerator generator(seed);
    QByteArray bytes(size, Qt::Uninitialized);
    for (char &byte : bytes) {
        byte = static_cast<char>(generator.bounded(256));
    }
    return bytes;
}

// A base64 attachment entity of about @p bytes, written in blocks so memory stays small.
bool writeBigEntity(const QString &path, qint64 bytes)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        return false;
    }
    file.write("Content-Type: application/octet-stream; name=\"big.bin\"\r\n"
               "Content-Disposition: attachment; filename=\"big.bin\"\r\n"
               "Content-Transfer-Encoding: base64\r\n\r\n");
    const QByteArray block = base64Lines(randomBytes(7, qsizetype(57) * 16384)); // 16384 lines
    for (qint64 written = 0; written < bytes; written += block.size()) {
        if (file.write(block) != block.size()) {
            return false;
        }
    }
    return file.flush();
}

QByteArray sha256Of(const QString &path)
{
    QFile file(path);
    QCryptographicHash hash(QCryptographicHash::Sha256);
    if (!file.open(QIODevice::ReadOnly) || !hash.addData(&file)) {
        return {};
    }
    return hash.result();
}

// One line on stderr, naming the problem; nothing secret on stdout. The test folder becomes
// "DIR" and the sample files have neutral names, so a path can never stand in for the problem.
QString failureReportProblem(const ToolRun &run, const QString &mentions, const QString &folder)
{
    if (run.err.count('\n') != 1 || !run.err.endsWith('\n')) {
        return QStringLiteral("stderr is not one line: ") + QString::fromUtf8(run.err.left(600));
    }
    const QString line = QString::fromUtf8(run.err).replace(folder, QStringLiteral("DIR"));
    const QRegularExpression pattern(mentions, QRegularExpression::CaseInsensitiveOption);
    if (!pattern.match(line).hasMatch()) {
        return QStringLiteral("stderr does not name the problem (%1): %2").arg(mentions, line);
    }
    if (run.out.contains(sampleSecretLine)) {
        return QStringLiteral("plaintext on stdout despite the failure");
    }
    return {};
}

} // namespace

ToolRun TestPeerCli::postern(const QStringList &arguments, int timeoutMs) const
{
    return runTool(QStringLiteral(POSTERN_EXECUTABLE),
                   QStringList{QStringLiteral("--profile"), path(QStringLiteral("profile"))}
                           + arguments,
                   {}, timeoutMs);
}

ToolRun TestPeerCli::openssl(const QStringList &arguments) const
{
    return runTool(QStringLiteral("openssl"), arguments);
}

void TestPeerCli::initTestCase()
{
    POSTERN_REQUIRE_TOOL("openssl");
    QVERIFY(m_dir.isValid());
    QVERIFY2(m_pki.create(m_dir.path()), qPrintable(m_pki.error()));
    QVERIFY(!m_pki.makePkcs12(QStringLiteral("alice"), rightPassphrase, false).isEmpty());
    QVERIFY(writeMessages());
    QVERIFY(writeBadInput());
}

bool TestPeerCli::writeMessages()
{
    const TestPki::Person &alice = m_pki.person(QStringLiteral("alice"));
    const ToolRun encrypted = runTool(
            QStringLiteral("openssl"),
            {QStringLiteral("cms"), QStringLiteral("-encrypt"), QStringLiteral("-binary"),
             QStringLiteral("-crlfeol"), QStringLiteral("-from"), QStringLiteral("bob@example.org"),
             QStringLiteral("-to"), alice.email, QStringLiteral("-subject"),
             QStringLiteral("Interop review"), QStringLiteral("-aes256"), alice.certPath},
            sampleEntity());
    const ToolRun signedRun =
            runTool(QStringLiteral("openssl"),
                    {QStringLiteral("cms"), QStringLiteral("-sign"), QStringLiteral("-crlfeol"),
                     QStringLiteral("-signer"), alice.certPath, QStringLiteral("-inkey"),
                     alice.keyPath, QStringLiteral("-from"), alice.email, QStringLiteral("-to"),
                     QStringLiteral("bob@example.org"), QStringLiteral("-subject"),
                     QStringLiteral("Interop review")},
                    sampleEntity());
    if (!encrypted.succeeded() || !signedRun.succeeded()) {
        qWarning("%s %s", qPrintable(encrypted.summary()), qPrintable(signedRun.summary()));
        return false;
    }
    const qsizetype secret = signedRun.out.indexOf(sampleSecretLine);
    return secret > 0 && writeFile(path(QStringLiteral("encrypted.eml")), encrypted.out)
           && writeFile(path(QStringLiteral("signed.eml")), signedRun.out)
           && writeFile(path(QStringLiteral("sample-altered.eml")), flipByte(signedRun.out, secret))
           && writeFile(path(QStringLiteral("message.eml")),
                        sampleMessage("alice@example.org", "bob@example.org"))
           && writeFile(path(QStringLiteral("right.pass")), rightPassphrase + '\n')
           && writeFile(path(QStringLiteral("wrong.pass")), "not the passphrase\n");
}

// A body cut in the middle of a base64 line; random bytes; random bytes behind a DER SEQUENCE
// header; an empty file; multiparts nested far beyond any real message.
bool TestPeerCli::writeBadInput()
{
    const QByteArray encrypted = readFile(path(QStringLiteral("encrypted.eml")));
    const qsizetype bodyStart = encrypted.indexOf("\r\n\r\n") + 4;
    const QByteArray truncated = encrypted.left(bodyStart + (encrypted.size() - bodyStart) / 2 + 7);
    const QByteArray nested = nestedEntity(nestingDepth);
    const ToolRun nestedEncrypted =
            runTool(QStringLiteral("openssl"),
                    {QStringLiteral("cms"), QStringLiteral("-encrypt"), QStringLiteral("-binary"),
                     QStringLiteral("-aes128"), m_pki.person(QStringLiteral("alice")).certPath},
                    nested);
    const QByteArray headers = sampleOuterHeaders("alice@example.org", "bob@example.org");
    return bodyStart > 4 && nestedEncrypted.succeeded()
           && writeFile(path(QStringLiteral("sample-cut.eml")), truncated)
           && writeFile(path(QStringLiteral("sample-noise.p7m")), randomBytes(20260101, 4096))
           && writeFile(path(QStringLiteral("sample-noise-seq.p7m")),
                        QByteArray::fromHex("30821000") + randomBytes(20260102, 4092))
           && writeFile(path(QStringLiteral("sample-zero.eml")), QByteArray())
           && writeFile(path(QStringLiteral("sample-matryoshka.eml")),
                        headers + "MIME-Version: 1.0\r\n" + nested)
           && writeFile(path(QStringLiteral("sample-matryoshka-encrypted.eml")),
                        headers + nestedEncrypted.out);
}

void TestPeerCli::decrypts_data()
{
    QTest::addColumn<QStringList>("keyArguments");
    QTest::newRow("pem key and certificate")
            << QStringList{QStringLiteral("--key"), path(QStringLiteral("alice-identity.pem"))};
    QTest::newRow("pkcs12 with pass file")
            << QStringList{QStringLiteral("--key"), path(QStringLiteral("alice.p12")),
                           QStringLiteral("--pass-file"), path(QStringLiteral("right.pass"))};
    QTest::newRow("another key first")
            << QStringList{QStringLiteral("--key"), path(QStringLiteral("bob-identity.pem")),
                           QStringLiteral("--key"), path(QStringLiteral("alice-identity.pem"))};
}

void TestPeerCli::decrypts()
{
    QFETCH(QStringList, keyArguments);
    const QString entity = path(QStringLiteral("decrypted-entity.txt"));
    const QString message = path(QStringLiteral("decrypted.eml"));
    const QString input = path(QStringLiteral("encrypted.eml"));

    const ToolRun entityRun =
            postern(QStringList{QStringLiteral("decrypt"), input} + keyArguments
                    + QStringList{QStringLiteral("-o"), entity, QStringLiteral("--entity-only")});
    QVERIFY2(entityRun.succeeded(), qPrintable(entityRun.summary()));
    QCOMPARE(readFile(entity), sampleEntity());

    const ToolRun messageRun = postern(QStringList{QStringLiteral("decrypt"), input} + keyArguments
                                       + QStringList{QStringLiteral("-o"), message});
    QVERIFY2(messageRun.succeeded(), qPrintable(messageRun.summary()));
    const EntityParts top = splitEntity(readFile(message));
    QCOMPARE(headerValue(top.headers, "Subject"), QByteArray("Interop review"));
    QVERIFY(headerValue(top.headers, "Content-Type").startsWith("multipart/alternative"));
    QVERIFY(top.body.contains(sampleSecretLine));
}

void TestPeerCli::verifies()
{
    const ToolRun run = postern({QStringLiteral("verify"), path(QStringLiteral("signed.eml")),
                                 QStringLiteral("--trust"), m_pki.caCertPath(),
                                 QStringLiteral("--no-system-roots")});
    QVERIFY2(run.succeeded(), qPrintable(run.summary()));
    QVERIFY2(run.out.contains("alice@example.org"), run.out.constData());
}

void TestPeerCli::inspectsEncryptedMessage()
{
    const ToolRun run = postern({QStringLiteral("inspect"), path(QStringLiteral("encrypted.eml")),
                                 QStringLiteral("--json"), QStringLiteral("--key"),
                                 path(QStringLiteral("alice-identity.pem"))});
    QVERIFY2(run.succeeded(), qPrintable(run.summary()));
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(run.out, &error);
    QCOMPARE(error.error, QJsonParseError::NoError);
    QVERIFY(document.isObject());
    QVERIFY2(run.out.contains("AES-256-CBC"), run.out.constData());
}

void TestPeerCli::encryptCommand_data()
{
    QTest::addColumn<QStringList>("options");
    QTest::addColumn<QString>("recipient");
    QTest::addColumn<QByteArray>("printedCipher");
    QTest::newRow("default cipher, rsa")
            << QStringList{} << QStringLiteral("alice") << QByteArray("aes-256-cbc");
    QTest::newRow("aes128-cbc, ec p-256")
            << QStringList{QStringLiteral("--cipher"), QStringLiteral("aes128-cbc")}
            << QStringLiteral("carol") << QByteArray("aes-128-cbc");
    QTest::newRow("aes192-cbc, ec p-384")
            << QStringList{QStringLiteral("--cipher"), QStringLiteral("aes192-cbc")}
            << QStringLiteral("dave") << QByteArray("aes-192-cbc");
    QTest::newRow("aes128-gcm, rsa-oaep")
            << QStringList{QStringLiteral("--cipher"), QStringLiteral("aes128-gcm"),
                           QStringLiteral("--oaep")}
            << QStringLiteral("bob") << QByteArray("aes-128-gcm");
    QTest::newRow("aes256-gcm, rsa")
            << QStringList{QStringLiteral("--cipher"), QStringLiteral("aes256-gcm")}
            << QStringLiteral("alice") << QByteArray("aes-256-gcm");
}

void TestPeerCli::encryptCommand()
{
    QFETCH(QStringList, options);
    QFETCH(QString, recipient);
    QFETCH(QByteArray, printedCipher);
    const TestPki::Person &who = m_pki.person(recipient);
    const QString output = path(QStringLiteral("cli-encrypted.eml"));

    const ToolRun run = postern(
            QStringList{QStringLiteral("encrypt"), QStringLiteral("--to"), who.certPath} + options
            + QStringList{path(QStringLiteral("message.eml")), QStringLiteral("-o"), output});
    QVERIFY2(run.succeeded(), qPrintable(run.summary()));
    const ToolRun printed =
            openssl({QStringLiteral("cms"), QStringLiteral("-cmsout"), QStringLiteral("-print"),
                     QStringLiteral("-noout"), QStringLiteral("-in"), output});
    QVERIFY2(printed.out.contains(printedCipher), qPrintable(printed.summary()));
    const ToolRun decrypted = openssl({QStringLiteral("cms"), QStringLiteral("-decrypt"),
                                       QStringLiteral("-in"), output, QStringLiteral("-recip"),
                                       who.certPath, QStringLiteral("-inkey"), who.keyPath});
    QVERIFY2(decrypted.succeeded(), qPrintable(decrypted.summary()));
    QString difference;
    QVERIFY2(sameEntity(decrypted.out, sampleEntity(), &difference), qPrintable(difference));
}

void TestPeerCli::signCommand_data()
{
    QTest::addColumn<QStringList>("options");
    QTest::addColumn<bool>("encrypted");
    const QString bobCert = m_pki.person(QStringLiteral("bob")).certPath;
    QTest::newRow("detached, pem key")
            << QStringList{QStringLiteral("--key"), path(QStringLiteral("alice-identity.pem"))}
            << false;
    QTest::newRow("opaque, pkcs12 key")
            << QStringList{QStringLiteral("--key"), path(QStringLiteral("alice.p12")),
                           QStringLiteral("--pass-file"), path(QStringLiteral("right.pass")),
                           QStringLiteral("--opaque")}
            << false;
    QTest::newRow("signed and encrypted to bob")
            << QStringList{QStringLiteral("--key"), path(QStringLiteral("alice-identity.pem")),
                           QStringLiteral("--encrypt-to"), bobCert}
            << true;
}

void TestPeerCli::signCommand()
{
    QFETCH(QStringList, options);
    QFETCH(bool, encrypted);
    const QString output = path(QStringLiteral("cli-signed.eml"));
    const ToolRun run = postern(
            QStringList{QStringLiteral("sign")} + options
            + QStringList{path(QStringLiteral("message.eml")), QStringLiteral("-o"), output});
    QVERIFY2(run.succeeded(), qPrintable(run.summary()));

    QString toVerify = output;
    if (encrypted) {
        const TestPki::Person &bob = m_pki.person(QStringLiteral("bob"));
        const ToolRun decrypted = openssl({QStringLiteral("cms"), QStringLiteral("-decrypt"),
                                           QStringLiteral("-in"), output, QStringLiteral("-recip"),
                                           bob.certPath, QStringLiteral("-inkey"), bob.keyPath});
        QVERIFY2(decrypted.succeeded(), qPrintable(decrypted.summary()));
        toVerify = path(QStringLiteral("cli-signed-inner.eml"));
        QVERIFY(writeFile(toVerify, decrypted.out));
    }
    const ToolRun verified =
            openssl({QStringLiteral("cms"), QStringLiteral("-verify"), QStringLiteral("-in"),
                     toVerify, QStringLiteral("-CAfile"), m_pki.caCertPath()});
    QVERIFY2(verified.succeeded(), qPrintable(verified.summary()));
    QString difference;
    QVERIFY2(sameEntity(verified.out, sampleEntity(), &difference), qPrintable(difference));
}

void TestPeerCli::addFailureColumns()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("mentions"); // a case-insensitive pattern stderr must match
}

void TestPeerCli::expectFailure()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(QString, mentions);
    const ToolRun run = postern(arguments);
    QVERIFY2(run.finished, qPrintable(run.summary()));
    QVERIFY2(run.exitCode == exitCode,
             qPrintable(QStringLiteral("expected exit %1, got: ").arg(exitCode) + run.summary()));
    const QString problem = failureReportProblem(run, mentions, m_dir.path());
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
}

QStringList TestPeerCli::decryptWithAlice(const QString &name) const
{
    return {QStringLiteral("decrypt"), path(name), QStringLiteral("--key"),
            path(QStringLiteral("alice-identity.pem"))};
}

QStringList TestPeerCli::verifyWithTestRoot(const QString &name) const
{
    return {QStringLiteral("verify"), path(name), QStringLiteral("--trust"), m_pki.caCertPath(),
            QStringLiteral("--no-system-roots")};
}

void TestPeerCli::corruptInput_data()
{
    addFailureColumns();
    const QString corrupt = QStringLiteral(
            "corrupt|malformed|invalid|truncat|not (a |an )?(valid )?(mime|cms|s/mime|message)"
            "|neither (a )?mime|unrecogni|cannot (be )?(parse|read|decode)|bad|asn");
    QTest::newRow("decrypt: truncated base64 body")
            << decryptWithAlice(QStringLiteral("sample-cut.eml")) << 5
            << corrupt + QStringLiteral("|base64|incomplete");
    for (const QString &name :
         {QStringLiteral("sample-noise.p7m"), QStringLiteral("sample-noise-seq.p7m")}) {
        QTest::addRow("inspect: %s", qPrintable(name))
                << QStringList{QStringLiteral("inspect"), path(name)} << 5 << corrupt;
        QTest::addRow("decrypt: %s", qPrintable(name)) << decryptWithAlice(name) << 5 << corrupt;
        QTest::addRow("verify: %s", qPrintable(name)) << verifyWithTestRoot(name) << 5 << corrupt;
    }
    const QString empty = QStringLiteral("sample-zero.eml");
    QTest::newRow("inspect: empty file")
            << QStringList{QStringLiteral("inspect"), path(empty)} << 5 << QStringLiteral("empty");
    QTest::newRow("decrypt: empty file") << decryptWithAlice(empty) << 5 << QStringLiteral("empty");
    QTest::newRow("verify: empty file")
            << verifyWithTestRoot(empty) << 5 << QStringLiteral("empty");
}

void TestPeerCli::corruptInput()
{
    expectFailure();
}

void TestPeerCli::keyProblems_data()
{
    addFailureColumns();
    const QStringList message{QStringLiteral("decrypt"), path(QStringLiteral("encrypted.eml"))};
    const QString key = QStringLiteral("--key");
    const QString passFile = QStringLiteral("--pass-file");
    const QString p12 = path(QStringLiteral("alice.p12"));
    const QString missing = QStringLiteral("(no such|not found|missing|not exist)");
    QTest::newRow("another recipient's key")
            << message + QStringList{key, path(QStringLiteral("bob-identity.pem"))} << 6
            << QStringLiteral("key|recipient");
    QTest::newRow("wrong passphrase")
            << message + QStringList{key, p12, passFile, path(QStringLiteral("wrong.pass"))} << 6
            << QStringLiteral("passphrase|password");
    QTest::newRow("protected key, no passphrase")
            << message + QStringList{key, p12} << 6 << QStringLiteral("passphrase|password");
    QTest::newRow("key file missing")
            << message + QStringList{key, path(QStringLiteral("nowhere.pem"))} << 3
            << QStringLiteral("nowhere\\.pem.*") + missing;
    QTest::newRow("pass file missing")
            << message + QStringList{key, p12, passFile, path(QStringLiteral("nowhere.pass"))} << 3
            << QStringLiteral("nowhere\\.pass.*") + missing;
    QTest::newRow("message file missing") << decryptWithAlice(QStringLiteral("nowhere.eml")) << 3
                                          << QStringLiteral("nowhere\\.eml.*") + missing;
    // Without --key the profile's certificate store is the key source; an empty one has none.
    QTest::newRow("no key given") << message << 6
                                  << QStringLiteral("no --key given.*store holds no private keys");
}

void TestPeerCli::keyProblems()
{
    expectFailure();
}

void TestPeerCli::signatureProblems_data()
{
    addFailureColumns();
    QTest::newRow("changed signed content")
            << verifyWithTestRoot(QStringLiteral("sample-altered.eml")) << 7
            << QStringLiteral("invalid|match|tamper|chang|digest");
    QTest::newRow("signer not trusted")
            << QStringList{QStringLiteral("verify"), path(QStringLiteral("signed.eml")),
                           QStringLiteral("--no-system-roots")}
            << 7 << QStringLiteral("trust|chain|issuer|root");
}

void TestPeerCli::signatureProblems()
{
    expectFailure();
}

void TestPeerCli::deeplyNestedMultiparts_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QList<int>>("exitCodes");
    QTest::addColumn<QString>("mentions");
    const QString nested = path(QStringLiteral("sample-matryoshka.eml"));
    const QString key = path(QStringLiteral("alice-identity.pem"));
    const QString depth = QStringLiteral("deep|nest|depth|level");
    QTest::newRow("inspect") << QStringList{QStringLiteral("inspect"), nested} << QList<int>{5}
                             << depth;
    QTest::newRow("inspect --json")
            << QStringList{QStringLiteral("inspect"), nested, QStringLiteral("--json")}
            << QList<int>{5} << depth;
    QTest::newRow("inspect --key, nesting inside encryption") << QStringList{
            QStringLiteral("inspect"), path(QStringLiteral("sample-matryoshka-encrypted.eml")),
            QStringLiteral("--key"), key} << QList<int>{5} << depth;
    QTest::newRow("decrypt, not encrypted")
            << QStringList{QStringLiteral("decrypt"), nested, QStringLiteral("--key"), key}
            << QList<int>{5} << depth + QStringLiteral("|not (an )?(s/mime|encrypted)");
    // Whether an unsigned message is bad input (5) or a failed verification (7) the contract
    // leaves open; either is a clear answer.
    QTest::newRow("verify, not signed")
            << QStringList{QStringLiteral("verify"), nested, QStringLiteral("--no-system-roots")}
            << QList<int>{5, 7} << depth + QStringLiteral("|not signed|no signature|unsigned");
}

// 10,000 levels must be refused quickly and cleanly: no stack exhaustion, no quadratic work.
void TestPeerCli::deeplyNestedMultiparts()
{
    QFETCH(QStringList, arguments);
    QFETCH(QList<int>, exitCodes);
    QFETCH(QString, mentions);
    const ToolRun run = postern(arguments, 60000);
    QVERIFY2(run.finished, qPrintable(run.summary()));
    QVERIFY2(run.elapsedMs < 20000, qPrintable(run.summary()));
    QVERIFY2(exitCodes.contains(run.exitCode), qPrintable(run.summary()));
    const QString problem = failureReportProblem(run, mentions, m_dir.path());
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
}

void TestPeerCli::hugePlainMessage()
{
    const QString entity = path(QStringLiteral("huge-entity.txt"));
    QVERIFY(writeBigEntity(entity, hugeBytes));
    const QString message = path(QStringLiteral("huge.eml"));
    QVERIFY(writeFile(message, sampleOuterHeaders("alice@example.org", "bob@example.org")
                                       + "MIME-Version: 1.0\r\n"));
    QFile out(message);
    QFile in(entity);
    QVERIFY(out.open(QIODevice::Append) && in.open(QIODevice::ReadOnly));
    while (!in.atEnd()) {
        QVERIFY(out.write(in.read(8 << 20)) >= 0);
    }
    out.close();
    in.close();
    QFile::remove(entity);

    const ToolRun run = postern({QStringLiteral("inspect"), message}, 300000);
    QFile::remove(message);
    QVERIFY2(run.finished, qPrintable(run.summary()));
    QVERIFY2(run.exitCode == 0, qPrintable(run.summary()));
    QVERIFY2(run.out.contains("application/octet-stream"), run.out.left(2000).constData());
}

// About 200 MB of S/MIME (a 150 MB entity, AES-256-CBC, base64): decrypted byte-exactly, or
// refused with one clear line; never a crash or a time-out.
void TestPeerCli::hugeEncryptedMessage()
{
    const QString entity = path(QStringLiteral("huge-entity.txt"));
    QVERIFY(writeBigEntity(entity, hugeBytes * 3 / 4));
    const QString message = path(QStringLiteral("huge-encrypted.eml"));
    const ToolRun encrypted = runTool(QStringLiteral("openssl"),
                                      {QStringLiteral("cms"), QStringLiteral("-encrypt"),
                                       QStringLiteral("-binary"), QStringLiteral("-aes256"),
                                       QStringLiteral("-in"), entity, QStringLiteral("-out"),
                                       message, m_pki.person(QStringLiteral("alice")).certPath},
                                      {}, 300000);
    QVERIFY2(encrypted.succeeded(), qPrintable(encrypted.summary()));

    const QString output = path(QStringLiteral("huge-decrypted.txt"));
    const ToolRun run = postern({QStringLiteral("decrypt"), message, QStringLiteral("--key"),
                                 path(QStringLiteral("alice-identity.pem")), QStringLiteral("-o"),
                                 output, QStringLiteral("--entity-only")},
                                400000);
    QFile::remove(message);
    QVERIFY2(run.finished, qPrintable(run.summary()));
    if (run.exitCode == 5) {
        const QString problem =
                failureReportProblem(run, QStringLiteral("large|size|limit"), m_dir.path());
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        return;
    }
    QVERIFY2(run.exitCode == 0, qPrintable(run.summary()));
    QCOMPARE(QFileInfo(output).size(), QFileInfo(entity).size());
    QCOMPARE(sha256Of(output), sha256Of(entity));
}

QTEST_GUILESS_MAIN(TestPeerCli)
#include "tst_peercli.moc"
