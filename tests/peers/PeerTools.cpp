#include "PeerTools.h"

#include "core/base/Secret.h"
#include "core/crypto/KeyFile.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>

namespace Postern::Test {

QString ToolRun::summary() const
{
    const QString ending = finished ? QStringLiteral("exited %1").arg(exitCode)
                                    : QStringLiteral("crashed or timed out");
    return QStringLiteral("`%1` %2 after %3 ms: %4")
            .arg(command, ending, QString::number(elapsedMs),
                 QString::fromUtf8(err.left(2000)).trimmed());
}

ToolRun runTool(const QString &program,
                const QStringList &arguments,
                const QByteArray &input,
                int timeoutMs)
{
    ToolRun run;
    run.command = (QStringList{program} + arguments).join(QLatin1Char(' '));
    QElapsedTimer timer;
    timer.start();

    QProcess process;
    process.start(program, arguments);
    if (!process.waitForStarted()) {
        run.err = process.errorString().toUtf8();
        return run;
    }
    process.write(input);
    process.closeWriteChannel();
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
    } else {
        run.finished = process.exitStatus() == QProcess::NormalExit;
    }

    run.exitCode = run.finished ? process.exitCode() : -1;
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    run.elapsedMs = timer.elapsed();
    return run;
}

QString findTool(const QString &program)
{
    return QStandardPaths::findExecutable(program);
}

bool writeFile(const QString &path, const QByteArray &data)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        return false;
    }
    return file.write(data) == data.size() && file.flush();
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    return file.readAll();
}

namespace {

QStringList keyGenerationArguments(TestPki::KeyType type)
{
    switch (type) {
    case TestPki::KeyType::Rsa2048:
        return {QStringLiteral("-algorithm"), QStringLiteral("RSA"), QStringLiteral("-pkeyopt"),
                QStringLiteral("rsa_keygen_bits:2048")};
    case TestPki::KeyType::EcP256:
        return {QStringLiteral("-algorithm"), QStringLiteral("EC"), QStringLiteral("-pkeyopt"),
                QStringLiteral("ec_paramgen_curve:P-256")};
    case TestPki::KeyType::EcP384:
        return {QStringLiteral("-algorithm"), QStringLiteral("EC"), QStringLiteral("-pkeyopt"),
                QStringLiteral("ec_paramgen_curve:P-384")};
    }
    return {};
}

// RSA keys transport the content key; EC keys agree on it (RFC 5753), so they need keyAgreement.
QByteArray endEntityExtensions(const TestPki::Person &person)
{
    const QByteArray usage = person.keyType == TestPki::KeyType::Rsa2048
                                     ? QByteArrayLiteral("digitalSignature,keyEncipherment")
                                     : QByteArrayLiteral("digitalSignature,keyAgreement");
    return QByteArrayLiteral("basicConstraints=critical,CA:FALSE\n") + "keyUsage=critical," + usage
           + "\nextendedKeyUsage=emailProtection\n"
           + "subjectAltName=email:" + person.email.toUtf8() + "\nsubjectKeyIdentifier=hash\n"
           + "authorityKeyIdentifier=keyid\n";
}

} // namespace

bool TestPki::openssl(const QStringList &arguments)
{
    const ToolRun run = runTool(QStringLiteral("openssl"), arguments);
    if (!run.succeeded()) {
        m_error = run.summary();
        return false;
    }
    return true;
}

bool TestPki::create(const QString &directory)
{
    m_directory = directory;
    m_people = {
            {QStringLiteral("alice"),
             QStringLiteral("alice@example.org"),
             KeyType::Rsa2048,
             {},
             {},
             {}},
            {QStringLiteral("bob"),
             QStringLiteral("bob@example.org"),
             KeyType::Rsa2048,
             {},
             {},
             {}},
            {QStringLiteral("carol"),
             QStringLiteral("carol@example.org"),
             KeyType::EcP256,
             {},
             {},
             {}},
            {QStringLiteral("dave"),
             QStringLiteral("dave@example.org"),
             KeyType::EcP384,
             {},
             {},
             {}},
    };
    if (!createCa()) {
        return false;
    }
    int serial = 1001;
    for (Person &person : m_people) {
        if (!createPerson(person, serial++)) {
            return false;
        }
    }
    return true;
}

bool TestPki::createCa()
{
    m_caKeyPath = m_directory + QStringLiteral("/ca.key");
    m_caCertPath = m_directory + QStringLiteral("/ca.pem");
    return openssl({QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                    QStringLiteral("rsa:2048"), QStringLiteral("-nodes"), QStringLiteral("-keyout"),
                    m_caKeyPath, QStringLiteral("-out"), m_caCertPath, QStringLiteral("-days"),
                    QStringLiteral("30"), QStringLiteral("-subj"),
                    QStringLiteral("/O=Postern Peer Tests/CN=Postern Peer Test CA"),
                    QStringLiteral("-addext"), QStringLiteral("basicConstraints=critical,CA:TRUE"),
                    QStringLiteral("-addext"),
                    QStringLiteral("keyUsage=critical,keyCertSign,cRLSign"),
                    QStringLiteral("-addext"), QStringLiteral("subjectKeyIdentifier=hash")});
}

bool TestPki::createPerson(Person &person, int serial)
{
    const QString base = m_directory + QLatin1Char('/') + person.name;
    person.keyPath = base + QStringLiteral(".key");
    person.certPath = base + QStringLiteral(".pem");
    person.identityPath = base + QStringLiteral("-identity.pem");
    const QString request = base + QStringLiteral(".csr");
    const QString extensions = base + QStringLiteral(".ext");

    const QString subject = QStringLiteral("/O=Postern Peer Tests/CN=%1/emailAddress=%2")
                                    .arg(person.name, person.email);
    if (!openssl(QStringList{QStringLiteral("genpkey"), QStringLiteral("-out"), person.keyPath}
                 + keyGenerationArguments(person.keyType))
        || !openssl({QStringLiteral("req"), QStringLiteral("-new"), QStringLiteral("-key"),
                     person.keyPath, QStringLiteral("-subj"), subject, QStringLiteral("-out"),
                     request})
        || !writeFile(extensions, endEntityExtensions(person))) {
        return false;
    }

    if (!openssl({QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"), request,
                  QStringLiteral("-CA"), m_caCertPath, QStringLiteral("-CAkey"), m_caKeyPath,
                  QStringLiteral("-set_serial"), QString::number(serial), QStringLiteral("-days"),
                  QStringLiteral("30"), QStringLiteral("-extfile"), extensions,
                  QStringLiteral("-out"), person.certPath})) {
        return false;
    }
    return writeFile(person.identityPath, readFile(person.keyPath) + readFile(person.certPath));
}

const TestPki::Person &TestPki::person(const QString &name) const
{
    for (const Person &candidate : m_people) {
        if (candidate.name == name) {
            return candidate;
        }
    }
    qFatal("TestPki: no person called %s", qPrintable(name));
}

QString TestPki::makePkcs12(const QString &name, const QByteArray &passphrase, bool tripleDes)
{
    const Person &who = person(name);
    const QString path = m_directory + QLatin1Char('/') + name
                         + (tripleDes ? QStringLiteral("-3des.p12") : QStringLiteral(".p12"));
    const QString passFile = path + QStringLiteral(".pass");
    if (!writeFile(passFile, passphrase)) {
        return {};
    }
    QStringList arguments{QStringLiteral("pkcs12"),    QStringLiteral("-export"),
                          QStringLiteral("-inkey"),    who.keyPath,
                          QStringLiteral("-in"),       who.certPath,
                          QStringLiteral("-certfile"), m_caCertPath,
                          QStringLiteral("-name"),     who.email,
                          QStringLiteral("-passout"),  QStringLiteral("file:") + passFile,
                          QStringLiteral("-out"),      path};
    if (tripleDes) {
        arguments << QStringLiteral("-keypbe") << QStringLiteral("PBE-SHA1-3DES")
                  << QStringLiteral("-certpbe") << QStringLiteral("PBE-SHA1-3DES")
                  << QStringLiteral("-macalg") << QStringLiteral("sha1");
    }
    const bool made = openssl(arguments);
    QFile::remove(passFile);
    return made ? path : QString();
}

Crypto::Certificate TestPki::caCertificate() const
{
    const QList<Crypto::Certificate> all = Crypto::Certificate::parseAll(readFile(m_caCertPath));
    return all.isEmpty() ? Crypto::Certificate() : all.constFirst();
}

Crypto::Certificate TestPki::certificate(const QString &name) const
{
    const QList<Crypto::Certificate> all =
            Crypto::Certificate::parseAll(readFile(person(name).certPath));
    return all.isEmpty() ? Crypto::Certificate() : all.constFirst();
}

Crypto::Identity TestPki::identity(const QString &name) const
{
    const auto loaded = Crypto::loadIdentities(readFile(person(name).identityPath), Secret());
    if (!loaded || loaded->isEmpty()) {
        return {};
    }
    return loaded->constFirst();
}

Crypto::TrustSettings TestPki::trust() const
{
    Crypto::TrustSettings settings;
    settings.useSystemRoots = false;
    settings.trustedRoots = {caCertificate()};
    return settings;
}

} // namespace Postern::Test
