// The certificate store against the key material of the shared corpus: every certificate and
// key file imports with the password the MANIFEST.md "Keys and passwords" table gives for it,
// every certificate and key that `openssl` finds in a file ends up in the store, and the store
// alone (no key file named) then opens real encrypted mail, whose text the manifest quotes.
//
// Files in smime/keys/ that are left out, and why:
//   *.txt  notes shipped with the samples (an expiry date, a password list, a README);
//   *.crl  a certificate revocation list: neither a certificate nor a key;
//   a GnuPG private-keys-v1.d file (mimetreeparser__….key, an S-expression, not X.509 or PKCS):
//          the corpus ships its PKCS#8 conversion (….key.converted.pem), which is imported.

#include "CorpusManifest.h"
#include "EntityText.h"
#include "StoreFixtures.h"

#include "core/smime/SecureMessage.h"

#include <QDir>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace Postern;
using namespace Postern::Test;

namespace {

QString keysDirectory()
{
    return corpusFile(QStringLiteral("smime/keys"));
}

// Whether the store is not meant to read @p name (see the list at the top).
bool isLeftOut(const QString &name, const QByteArray &data)
{
    return name.endsWith(QLatin1String(".txt")) || name.endsWith(QLatin1String(".crl"))
           || (name.endsWith(QLatin1String(".key")) && data.trimmed().startsWith('('));
}

bool isPkcs12(const QString &name)
{
    static const QRegularExpression suffix(QStringLiteral("\\.(p12|pfx|pkcs12)$"));
    return name.contains(suffix);
}

bool holdsKey(const QString &name, const QByteArray &data)
{
    return isPkcs12(name) || data.contains("PRIVATE KEY-----");
}

// "comm-central__Alice.p12, __Dave.p12" → both full names; remarks in parentheses dropped.
QStringList keyTableFiles(QString cell)
{
    static const QRegularExpression remark(QStringLiteral("\\([^)]*\\)"));
    static const QRegularExpression name(
            QStringLiteral("([\\w.-]*__[\\w.-]+\\.(?:p12|pfx|pkcs12|pem|key|crt))"));
    QStringList files;
    QString origin;
    for (const auto &match : name.globalMatch(cell.remove(remark))) {
        QString file = match.captured(1);
        if (file.startsWith(QLatin1String("__"))) {
            file.prepend(origin);
        } else {
            origin = file.left(file.indexOf(QLatin1String("__")));
        }
        files.append(file);
    }
    return files;
}

// "`smime2` / `smime1`", "`nss`", "none", "empty (…)", "–": the quoted values, else empty.
QList<QByteArray> keyTablePasswords(QString cell)
{
    static const QRegularExpression remark(QStringLiteral("\\([^)]*\\)"));
    static const QRegularExpression quoted(QStringLiteral("`([^`]*)`"));
    QList<QByteArray> passwords;
    for (const auto &match : quoted.globalMatch(cell.remove(remark))) {
        passwords.append(match.captured(1).toUtf8());
    }
    return passwords;
}

/** File name → password, from the manifest's "Keys and passwords" table. */
QHash<QString, QByteArray> keyTable(const QString &manifest)
{
    QHash<QString, QByteArray> table;
    bool inside = false;
    for (const QString &line : manifest.split(QLatin1Char('\n'))) {
        if (line.startsWith(QLatin1String("## "))) {
            inside = line.startsWith(QLatin1String("## Keys and passwords"));
            continue;
        }
        const QStringList cells = line.split(QLatin1Char('|'));
        if (!inside || cells.size() < 4) {
            continue;
        }
        const QStringList files = keyTableFiles(cells.at(1));
        const QList<QByteArray> passwords = keyTablePasswords(cells.at(2));
        for (qsizetype i = 0; i < files.size(); ++i) {
            table.insert(files.at(i), passwords.value(passwords.size() == files.size() ? i : 0));
        }
    }
    return table;
}

} // namespace

class TestStoreCorpus : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void everyFileImports_data();
    void everyFileImports();
    void everyKeyIsStored();
    void storeOpensCorpusMail_data();
    void storeOpensCorpusMail();

private:
    struct Contents
    {
        QStringList fingerprints;
        QList<QByteArray> publicKeys; // of the private keys
    };

    Contents opensslContents(const QString &name, const QByteArray &password);
    QByteArray pkcs12Output(const QString &path, const QByteArray &password, const char *part);
    QStringList fingerprintsOf(const QByteArray &pem);

    QTemporaryDir m_dir;
    QString m_manifest;
    QHash<QString, QByteArray> m_passwords;
    StoreFixture m_store; // shared by the rows: certificates first, then keys
    QHash<QString, Contents> m_contents;
    QHash<QByteArray, QStringList> m_certificatesByKey; // public key → fingerprints
};

void TestStoreCorpus::initTestCase()
{
    POSTERN_REQUIRE_CORPUS();
    POSTERN_REQUIRE_TOOL("openssl");
    QVERIFY(m_dir.isValid());
    m_manifest = QString::fromUtf8(readFile(corpusFile(QStringLiteral("MANIFEST.md"))));
    m_passwords = keyTable(m_manifest);
    QVERIFY2(m_passwords.size() >= 15, "the keys table was not understood");
    QCOMPARE(m_passwords.value(QStringLiteral("smime_mail_samples__smime-1-secret.pfx")),
             QByteArray("smime1"));
    const QList<QByteArray> known = Manifest::passphrases(m_manifest);
    for (auto it = m_passwords.cbegin(); it != m_passwords.cend(); ++it) {
        QVERIFY2(known.contains(it.value()), qPrintable(it.key()));
    }
    QVERIFY(m_store.open());
    QVERIFY(m_store->initialise(secret(storePassphrase)).has_value());
}

QStringList TestStoreCorpus::fingerprintsOf(const QByteArray &pem)
{
    QStringList fingerprints;
    const QString path = m_dir.filePath(QStringLiteral("one.pem"));
    for (const QByteArray &block : pemBlocks(pem, "CERTIFICATE")) {
        writeFile(path, block);
        const CertificateFacts facts = certificateFacts(path);
        fingerprints.append(facts.fingerprint);
        m_certificatesByKey[facts.publicKeyPem].append(facts.fingerprint);
    }
    return fingerprints;
}

// The certificates or keys openssl reads from a PKCS#12 file (RC2-40 ones need -legacy).
QByteArray
TestStoreCorpus::pkcs12Output(const QString &path, const QByteArray &password, const char *part)
{
    const QStringList arguments{QStringLiteral("pkcs12"),
                                QStringLiteral("-in"),
                                path,
                                QLatin1String(part),
                                QStringLiteral("-nodes"),
                                QStringLiteral("-passin"),
                                QStringLiteral("pass:") + QString::fromUtf8(password)};
    ToolRun run = openssl(arguments);
    if (!run.succeeded()) {
        run = openssl(arguments + QStringList{QStringLiteral("-legacy")});
    }
    return run.succeeded() ? run.out : QByteArray();
}

TestStoreCorpus::Contents TestStoreCorpus::opensslContents(const QString &name,
                                                           const QByteArray &password)
{
    QString path = keysDirectory() + QLatin1Char('/') + name;
    const QByteArray data = readFile(path);
    QByteArray certificates = data;
    QList<QByteArray> keys;
    if (isPkcs12(name)) {
        if (data.startsWith("-----BEGIN PKCS12-----")) {
            path = m_dir.filePath(QStringLiteral("unarmoured.p12"));
            const QByteArray block = pemBlocks(data, "PKCS12").value(0);
            const qsizetype start = block.indexOf('\n');
            writeFile(path, QByteArray::fromBase64(
                                    block.mid(start, block.indexOf("-----END") - start).trimmed()));
        }
        certificates = pkcs12Output(path, password, "-nokeys");
        keys = pemBlocks(pkcs12Output(path, password, "-nocerts"), "PRIVATE KEY");
    } else if (!data.contains("-----BEGIN")) {
        certificates = openssl({QStringLiteral("x509"), QStringLiteral("-inform"),
                                QStringLiteral("DER"), QStringLiteral("-in"), path})
                               .out;
    } else {
        for (const char *label :
             {"PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY", "ENCRYPTED PRIVATE KEY"}) {
            keys += pemBlocks(data, label);
        }
    }
    Contents contents;
    contents.fingerprints = fingerprintsOf(certificates);
    for (const QByteArray &key : std::as_const(keys)) {
        contents.publicKeys.append(publicKeyOfPrivateKey(key, password));
    }
    return contents;
}

void TestStoreCorpus::everyFileImports_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("password");
    const QStringList names = QDir(keysDirectory()).entryList(QDir::Files, QDir::Name);
    // Certificates first, so that bare keys find theirs in the store.
    for (const bool keys : {false, true}) {
        for (const QString &name : names) {
            const QByteArray data = readFile(keysDirectory() + QLatin1Char('/') + name);
            if (!isLeftOut(name, data) && holdsKey(name, data) == keys) {
                QTest::newRow(qPrintable(name)) << name << m_passwords.value(name);
            }
        }
    }
}

void TestStoreCorpus::everyFileImports()
{
    QFETCH(QString, name);
    QFETCH(QByteArray, password);
    const Contents expected = opensslContents(name, password);
    QVERIFY2(!expected.fingerprints.isEmpty() || !expected.publicKeys.isEmpty(),
             "openssl finds nothing in this file");
    QVERIFY2(!expected.publicKeys.contains(QByteArray()), "openssl cannot read a key");
    m_contents.insert(name, expected);

    const QByteArray data = readFile(keysDirectory() + QLatin1Char('/') + name);
    const auto imported = m_store->importData(data, secret(password));
    QVERIFY2(imported, qPrintable(imported ? QString() : describeStoreError(imported.error())));
    for (const QString &fingerprint : expected.fingerprints) {
        QVERIFY2(m_store->entry(fingerprint).has_value(), qPrintable(fingerprint));
    }
}

// Every private key openssl found is stored with a certificate that carries its public half.
void TestStoreCorpus::everyKeyIsStored()
{
    QVERIFY2(!m_contents.isEmpty(), "run with everyFileImports");
    QStringList missing;
    for (auto it = m_contents.cbegin(); it != m_contents.cend(); ++it) {
        for (const QByteArray &publicKey : it->publicKeys) {
            const QStringList owners = m_certificatesByKey.value(publicKey);
            const bool stored =
                    std::any_of(owners.cbegin(), owners.cend(), [this](const QString &id) {
                        const auto entry = m_store->entry(id);
                        return entry && entry->hasPrivateKey;
                    });
            if (!stored) {
                missing.append(QStringLiteral("%1 (a key of %2 certificates)")
                                       .arg(it.key(), QString::number(owners.size())));
            }
        }
    }
    QVERIFY2(missing.isEmpty(), qPrintable(missing.join(QStringLiteral(", "))));
}

void TestStoreCorpus::storeOpensCorpusMail_data()
{
    QTest::addColumn<QString>("file");
    QTest::newRow("Thunderbird test: Alice to Bob") << "smime/comm-central__alice.env.eml";
    QTest::newRow("Outlook: smime1 to smime2")
            << "smime/smime_mail_samples__Message_from_smime1_to_smime2_encrypted.eml";
}

void TestStoreCorpus::storeOpensCorpusMail()
{
    QFETCH(QString, file);
    QString snippet;
    for (const Manifest::Row &row : Manifest::smimeRows(m_manifest)) {
        for (const Manifest::Element &element : row.elements) {
            if (row.file == file && element.kind == Manifest::ElementKind::Content) {
                snippet = element.snippet.simplified();
            }
        }
    }
    QVERIFY2(!snippet.isEmpty(), "the manifest quotes no text for this file");

    Smime::ReadOptions options;
    const auto identities = m_store->identities();
    QVERIFY(identities);
    options.identities = *identities;
    options.trust.useSystemRoots = false;
    options.trust.trustedRoots = m_store->trustedCertificates();
    options.trust.extraCertificates = m_store->allCertificates();
    const auto read = Smime::read(readFile(corpusFile(file)), options);
    QVERIFY(read);
    QVERIFY(!read->layers.isEmpty());
    QVERIFY2(read->layers.constFirst().opened, qPrintable(read->layers.constFirst().problem));
    QVERIFY(read->isEncrypted());
    QStringList texts;
    for (const TextLeaf &leaf : textLeaves(read->innerEntity)) {
        texts.append(leaf.text.simplified());
    }
    QVERIFY2(texts.join(QLatin1Char(' ')).contains(snippet),
             qPrintable(snippet + QStringLiteral(" not in: ") + texts.join(QLatin1Char('|'))));
}

QTEST_GUILESS_MAIN(TestStoreCorpus)
#include "tst_storecorpus.moc"
