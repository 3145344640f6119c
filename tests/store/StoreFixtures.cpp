#include "StoreFixtures.h"

#include <QDir>
#include <QDirIterator>
#include <QRegularExpression>

namespace Postern::Test {

QString describeStoreError(const Error<Store::StoreError> &error)
{
    return Store::describe(error.code) + QStringLiteral(": ") + error.detail;
}

bool StoreFixture::open()
{
    if (!m_dir.isValid()) {
        return false;
    }
    auto opened = Store::CertificateStore::open(m_dir.path());
    if (!opened) {
        qWarning("cannot open the store: %s", qPrintable(describeStoreError(opened.error())));
        return false;
    }
    m_store = std::move(*opened);
    return true;
}

bool StoreFixture::reopen()
{
    m_store.reset();
    return open();
}

QMap<QString, qint64> StoreFixture::listing() const
{
    QMap<QString, qint64> files;
    const QDir root(m_dir.path());
    QDirIterator it(m_dir.path(), QDir::Files | QDir::Hidden | QDir::System,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        files.insert(root.relativeFilePath(it.filePath()), it.fileInfo().size());
    }
    return files;
}

ToolRun openssl(const QStringList &arguments, const QByteArray &input)
{
    return runTool(QStringLiteral("openssl"), arguments, input);
}

namespace {

QByteArray valueAfter(const QByteArray &output, const QByteArray &prefix)
{
    for (const QByteArray &line : output.split('\n')) {
        if (line.startsWith(prefix)) {
            return line.mid(prefix.size()).trimmed();
        }
    }
    return {};
}

// "X509v3 Subject Key Identifier: \n    AB:CD:…": the line after the heading.
QByteArray subjectKeyIdFrom(const QByteArray &output)
{
    const QList<QByteArray> lines = output.split('\n');
    for (qsizetype i = 0; i + 1 < lines.size(); ++i) {
        if (lines.at(i).contains("Subject Key Identifier")) {
            return lines.at(i + 1).trimmed().replace(':', QByteArray()).toUpper();
        }
    }
    return {};
}

} // namespace

CertificateFacts certificateFacts(const QString &path)
{
    const QByteArray data = readFile(path);
    const QString form =
            data.contains("-----BEGIN") ? QStringLiteral("PEM") : QStringLiteral("DER");
    const QStringList input{
            QStringLiteral("x509"),  QStringLiteral("-inform"), form, QStringLiteral("-in"), path,
            QStringLiteral("-noout")};
    const ToolRun facts =
            openssl(input
                    + QStringList{QStringLiteral("-fingerprint"), QStringLiteral("-sha256"),
                                  QStringLiteral("-serial"), QStringLiteral("-issuer"),
                                  QStringLiteral("-nameopt"), QStringLiteral("RFC2253"),
                                  QStringLiteral("-ext"), QStringLiteral("subjectKeyIdentifier")});
    const ToolRun key = openssl(input + QStringList{QStringLiteral("-pubkey")});
    const ToolRun text =
            openssl(input + QStringList{QStringLiteral("-text"), QStringLiteral("-purpose")});
    CertificateFacts result;
    if (!facts.succeeded() || !key.succeeded() || !text.succeeded()) {
        return result;
    }
    result.fingerprint = QString::fromLatin1(
            valueAfter(facts.out, "sha256 Fingerprint=").replace(':', QByteArray()).toUpper());
    result.serial = valueAfter(facts.out, "serial=").toUpper();
    result.issuer = QString::fromUtf8(valueAfter(facts.out, "issuer="));
    result.subjectKeyId = subjectKeyIdFrom(facts.out);
    result.publicKeyPem = key.out.trimmed();
    result.text = QString::fromUtf8(text.out);
    return result;
}

QList<QByteArray> pemBlocks(const QByteArray &data, const QByteArray &label)
{
    const QByteArray begin = "-----BEGIN " + label + "-----";
    const QByteArray end = "-----END " + label + "-----";
    QList<QByteArray> blocks;
    qsizetype from = 0;
    while (true) {
        const qsizetype start = data.indexOf(begin, from);
        const qsizetype stop = start < 0 ? -1 : data.indexOf(end, start);
        if (stop < 0) {
            return blocks;
        }
        blocks.append(data.mid(start, stop + end.size() - start) + '\n');
        from = stop + end.size();
    }
}

QByteArray publicKeyOfPrivateKey(const QByteArray &keyPem, const QByteArray &passphrase)
{
    const ToolRun run =
            openssl({QStringLiteral("pkey"), QStringLiteral("-pubout"), QStringLiteral("-passin"),
                     QStringLiteral("pass:") + QString::fromUtf8(passphrase)},
                    keyPem);
    return run.succeeded() ? run.out.trimmed() : QByteArray();
}

bool CertificateFactory::run(const QStringList &arguments)
{
    const ToolRun result = openssl(arguments);
    if (!result.succeeded()) {
        m_error = result.summary();
    }
    return result.succeeded();
}

// A minimal `openssl ca` set-up: a database, a serial file and a policy that takes any subject.
bool CertificateFactory::create(const QString &directory, const TestPki &pki)
{
    m_directory = directory;
    m_caCertPath = pki.caCertPath();
    m_caKeyPath = pki.caKeyPath();
    const QByteArray config = "[ca]\ndefault_ca = test\n[test]\ndatabase = " + directory.toUtf8()
                              + "/index.txt\nnew_certs_dir = " + directory.toUtf8()
                              + "\nserial = " + directory.toUtf8()
                              + "/serial\ndefault_md = sha256\npolicy = any\nunique_subject = "
                                "no\nemail_in_dn = yes\n[any]\ncommonName = "
                                "optional\nemailAddress = optional\norganizationName = optional\n";
    return QDir().mkpath(directory) && writeFile(directory + QStringLiteral("/ca.cnf"), config)
           && writeFile(directory + QStringLiteral("/index.txt"), QByteArray())
           && writeFile(directory + QStringLiteral("/serial"), "4000\n")
           && writeFile(directory + QStringLiteral("/req.cnf"),
                        "[req]\ndistinguished_name = dn\nprompt = no\n[dn]\n");
}

QString CertificateFactory::newKey(const QString &name, bool rsa)
{
    const QString path = m_directory + QLatin1Char('/') + name + QStringLiteral(".key");
    const bool made =
            run({QStringLiteral("genpkey"), QStringLiteral("-algorithm"),
                 rsa ? QStringLiteral("RSA") : QStringLiteral("EC"), QStringLiteral("-pkeyopt"),
                 rsa ? QStringLiteral("rsa_keygen_bits:2048")
                     : QStringLiteral("ec_paramgen_curve:P-256"),
                 QStringLiteral("-out"), path});
    return made ? path : QString();
}

QString CertificateFactory::issue(const QString &name,
                                  const QString &keyPath,
                                  const QString &subject,
                                  const QByteArray &extensions,
                                  const QDateTime &notBefore,
                                  const QDateTime &notAfter)
{
    const QString base = m_directory + QLatin1Char('/') + name;
    const QString format = QStringLiteral("yyMMddHHmmss'Z'");
    if (!writeFile(base + QStringLiteral(".ext"), extensions)
        || !run({QStringLiteral("req"), QStringLiteral("-new"), QStringLiteral("-key"), keyPath,
                 QStringLiteral("-subj"), subject, QStringLiteral("-out"),
                 base + QStringLiteral(".csr")})) {
        return {};
    }
    const bool issued = run(
            {QStringLiteral("ca"), QStringLiteral("-batch"), QStringLiteral("-notext"),
             QStringLiteral("-config"), m_directory + QStringLiteral("/ca.cnf"),
             QStringLiteral("-cert"), m_caCertPath, QStringLiteral("-keyfile"), m_caKeyPath,
             QStringLiteral("-in"), base + QStringLiteral(".csr"), QStringLiteral("-startdate"),
             notBefore.toUTC().toString(format), QStringLiteral("-enddate"),
             notAfter.toUTC().toString(format), QStringLiteral("-extfile"),
             base + QStringLiteral(".ext"), QStringLiteral("-out"), base + QStringLiteral(".pem")});
    return issued ? base + QStringLiteral(".pem") : QString();
}

QString CertificateFactory::selfSigned(const QString &name,
                                       const QString &keyPath,
                                       const QString &subject,
                                       const QByteArray &extensions)
{
    const QString base = m_directory + QLatin1Char('/') + name;
    // Its own configuration, so no default extensions clash with the ones asked for.
    QStringList arguments{QStringLiteral("req"),     QStringLiteral("-x509"),
                          QStringLiteral("-config"), m_directory + QStringLiteral("/req.cnf"),
                          QStringLiteral("-key"),    keyPath,
                          QStringLiteral("-subj"),   subject,
                          QStringLiteral("-days"),   QStringLiteral("30"),
                          QStringLiteral("-out"),    base + QStringLiteral(".pem")};
    for (const QByteArray &line : extensions.split('\n')) {
        if (!line.isEmpty()) {
            arguments << QStringLiteral("-addext") << QString::fromUtf8(line);
        }
    }
    return run(arguments) ? base + QStringLiteral(".pem") : QString();
}

QByteArray emailExtensions(const QString &address, const QByteArray &keyUsage)
{
    QByteArray extensions = "basicConstraints=critical,CA:FALSE\nkeyUsage=critical," + keyUsage
                            + "\nextendedKeyUsage=emailProtection\nsubjectKeyIdentifier=hash\n";
    if (!address.isEmpty()) {
        extensions += "subjectAltName=email:" + address.toUtf8() + '\n';
    }
    return extensions;
}

} // namespace Postern::Test
