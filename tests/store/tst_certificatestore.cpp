// The certificate store against a fresh temporary store per test. The key material is made at
// run time with the openssl command (TestPki and `openssl ca`), and the expected fingerprints,
// serials, names and extensions come from `openssl x509`, not from Postern's certificate code.

#include "StoreFixtures.h"
#include "TestSupport.h"

#include "core/crypto/Cms.h"
#include "core/crypto/KeyFile.h"
#include "core/crypto/KeyMaterial.h"
#include "core/smime/SecureMessage.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace Postern;
using namespace Postern::Test;

Q_DECLARE_METATYPE(Postern::Crypto::KeyType)

namespace {

const QByteArray filePassphrase = QByteArrayLiteral("file passphrase 3");

} // namespace

class TestCertificateStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void initialiseUnlockLock();
    void lockedStoreRefusesKeys();
    void importFormats_data();
    void importFormats();
    void duplicatesAreMerged();
    void bareKeyPairsWithStoredCertificate();
    void lookUps();
    void searchFinds_data();
    void searchFinds();
    void keysAreEncryptedAtRest();
    void trustAndLabelPersist();
    void removeKeyThenCertificate();
    void encryptionCertificateFor_data();
    void encryptionCertificateFor();
    void collectMarksOrigin();
    void generateIdentity_data();
    void generateIdentity();
    void certificateRequestVerifies();
    void indexRebuilt_data();
    void indexRebuilt();
    void fileAddedBehindItsBack_data();
    void fileAddedBehindItsBack();
    void unreadableFileFailsOpen_data();
    void unreadableFileFailsOpen();
    void unreadableKeyFailsIdentities();
    void removingKeyNeedsUnlock();
    void exportRefusesEmptyPassword();
    void subjectFieldsCheckedFirst_data();
    void subjectFieldsCheckedFirst();
    void longestSubjectFieldsFit();

private:
    QString file(const QString &name) const { return m_dir.filePath(name); }

    bool make(const QString &name, const QStringList &arguments);
    bool makeFormats();
    bool makeEncryptionCandidates(const QString &type);
    void importFile(StoreFixture &store, const QString &path, const QByteArray &passphrase = {});
    void unlockedStore(StoreFixture &store);
    void checkOpensslEncryptsToIt(StoreFixture &store, const QString &pem);
    void checkOpensslVerifiesItsSignature(StoreFixture &store, const QString &pem);

    QTemporaryDir m_dir;
    TestPki m_pki;
    CertificateFactory m_factory;
    QHash<QString, CertificateFacts> m_facts; // person name or "ca", and candidate names
};

bool TestCertificateStore::make(const QString &name, const QStringList &arguments)
{
    const ToolRun run = openssl(arguments + QStringList{QStringLiteral("-out"), file(name)});
    if (!run.succeeded()) {
        qWarning("%s", qPrintable(run.summary()));
    }
    return run.succeeded();
}

// One file per import format, all made by openssl from the test PKI.
bool TestCertificateStore::makeFormats()
{
    const auto person = [this](const char *name) {
        return m_pki.person(QLatin1String(name));
    };
    const QString pass = QStringLiteral("pass:") + QString::fromLatin1(filePassphrase);
    return make(QStringLiteral("alice.der"),
                {QStringLiteral("x509"), QStringLiteral("-in"), person("alice").certPath,
                 QStringLiteral("-outform"), QStringLiteral("DER")})
           && make(QStringLiteral("bundle.p7b"),
                   {QStringLiteral("crl2pkcs7"), QStringLiteral("-nocrl"),
                    QStringLiteral("-certfile"), person("bob").certPath,
                    QStringLiteral("-certfile"), person("carol").certPath,
                    QStringLiteral("-outform"), QStringLiteral("DER")})
           && make(QStringLiteral("bundle-pem.p7b"),
                   {QStringLiteral("crl2pkcs7"), QStringLiteral("-nocrl"),
                    QStringLiteral("-certfile"), person("bob").certPath,
                    QStringLiteral("-certfile"), person("carol").certPath})
           && make(QStringLiteral("alice-legacy.p12"),
                   {QStringLiteral("pkcs12"), QStringLiteral("-export"), QStringLiteral("-legacy"),
                    QStringLiteral("-inkey"), person("alice").keyPath, QStringLiteral("-in"),
                    person("alice").certPath, QStringLiteral("-passout"), pass})
           && make(QStringLiteral("bob-key-encrypted.p8"),
                   {QStringLiteral("pkcs8"), QStringLiteral("-topk8"), QStringLiteral("-v2"),
                    QStringLiteral("aes-256-cbc"), QStringLiteral("-in"), person("bob").keyPath,
                    QStringLiteral("-passout"), pass})
           && make(QStringLiteral("alice-traditional.key"),
                   {QStringLiteral("rsa"), QStringLiteral("-traditional"), QStringLiteral("-in"),
                    person("alice").keyPath})
           && make(QStringLiteral("carol-traditional.key"),
                   {QStringLiteral("ec"), QStringLiteral("-in"), person("carol").keyPath});
}

// Certificates for one address that differ in one way each from the right answer, with an RSA
// key (key transport: keyEncipherment) or an EC key (key agreement, RFC 5753: keyAgreement).
bool TestCertificateStore::makeEncryptionCandidates(const QString &type)
{
    const bool rsa = type == QLatin1String("rsa");
    const QString address = type + QStringLiteral("-user@example.org");
    const QString key = m_factory.newKey(type + QStringLiteral("-user"), rsa);
    const QString subject = QStringLiteral("/O=Postern Store Tests/CN=Candidate");
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QByteArray usage = rsa ? "keyEncipherment" : "keyAgreement";
    const QByteArray encrypting = emailExtensions(address, "digitalSignature," + usage);
    const QByteArray ca = "basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,"
                          + usage + "\nsubjectAltName=email:" + address.toUtf8() + '\n';

    const struct
    {
        const char *name;
        QByteArray extensions;
        qint64 startDays;
        qint64 endDays;
    } candidates[] = {
            {"older", encrypting, -40, 300},
            {"newest", encrypting, -30, 300},
            {"expired", encrypting, -20, -1},
            {"notyet", encrypting, 2, 300},
            {"signing", emailExtensions(address, "digitalSignature"), -10, 300},
            {"untrusted", encrypting, -9, 300},
            {"authority", ca, -8, 300},
    };

    for (const auto &candidate : candidates) {
        const QString name = type + QLatin1Char('-') + QLatin1String(candidate.name);
        const QString path =
                m_factory.issue(name, key, subject, candidate.extensions,
                                now.addDays(candidate.startDays), now.addDays(candidate.endDays));
        if (path.isEmpty()) {
            return false;
        }
        m_facts.insert(name, certificateFacts(path));
    }
    const QString name = type + QStringLiteral("-selfsigned");
    const QString stranger = m_factory.selfSigned(name, key, subject, encrypting);
    m_facts.insert(name, certificateFacts(stranger));
    return !stranger.isEmpty();
}

void TestCertificateStore::initTestCase()
{
    POSTERN_REQUIRE_TOOL("openssl");
    QVERIFY(m_dir.isValid());
    QVERIFY2(m_pki.create(m_dir.path()), qPrintable(m_pki.error()));
    QVERIFY(!m_pki.makePkcs12(QStringLiteral("alice"), filePassphrase, false).isEmpty());
    QVERIFY(makeFormats());
    QVERIFY(readFile(file(QStringLiteral("alice-traditional.key"))).contains("BEGIN RSA PRIVATE"));
    QVERIFY(readFile(file(QStringLiteral("carol-traditional.key"))).contains("BEGIN EC PRIVATE"));
    QVERIFY(readFile(file(QStringLiteral("bob-key-encrypted.p8"))).contains("BEGIN ENCRYPTED"));

    m_facts.insert(QStringLiteral("ca"), certificateFacts(m_pki.caCertPath()));
    for (const char *name : {"alice", "bob", "carol", "dave"}) {
        m_facts.insert(QLatin1String(name),
                       certificateFacts(m_pki.person(QLatin1String(name)).certPath));
    }
    QVERIFY2(m_factory.create(m_dir.filePath(QStringLiteral("issued")), m_pki),
             qPrintable(m_factory.error()));
    QVERIFY2(makeEncryptionCandidates(QStringLiteral("rsa")), qPrintable(m_factory.error()));
    QVERIFY2(makeEncryptionCandidates(QStringLiteral("ec")), qPrintable(m_factory.error()));
    for (auto it = m_facts.cbegin(); it != m_facts.cend(); ++it) {
        QVERIFY2(it->fingerprint.size() == 64, qPrintable(it.key()));
    }
}

void TestCertificateStore::importFile(StoreFixture &store,
                                      const QString &path,
                                      const QByteArray &passphrase)
{
    const auto imported = store->importData(readFile(path), secret(passphrase));
    QVERIFY2(imported, qPrintable(imported ? QString() : describeStoreError(imported.error())));
}

void TestCertificateStore::unlockedStore(StoreFixture &store)
{
    QVERIFY(store.open());
    const auto initialised = store->initialise(secret(storePassphrase));
    QVERIFY2(initialised,
             qPrintable(initialised ? QString() : describeStoreError(initialised.error())));
}

void TestCertificateStore::initialiseUnlockLock()
{
    StoreFixture store;
    QVERIFY(store.open());
    QVERIFY(!store->isInitialised());
    QCOMPARE(store->unlock(secret(storePassphrase)).error().code,
             Store::StoreError::NotInitialised);
    QCOMPARE(store->identities().error().code, Store::StoreError::NotInitialised);
    QVERIFY(store->initialise(secret(storePassphrase)).has_value());
    QVERIFY(store->isInitialised());
    QVERIFY(store->isUnlocked());
    QVERIFY(store->identities().has_value());

    store->lock();
    QVERIFY(!store->isUnlocked());
    QCOMPARE(store->identities().error().code, Store::StoreError::Locked);
    const auto wrong = store->unlock(secret("not the passphrase"));
    QVERIFY(!wrong);
    QCOMPARE(wrong.error().code, Store::StoreError::WrongPassphrase);
    QVERIFY(!wrong.error().detail.isEmpty());
    QVERIFY(!store->isUnlocked());

    QVERIFY(store.reopen());
    QVERIFY(store->isInitialised());
    QVERIFY(!store->isUnlocked());
    // A second initialise must not replace the passphrase of an initialised store.
    QCOMPARE(store->initialise(secret("another passphrase")).error().code,
             Store::StoreError::WrongPassphrase);
    QVERIFY(store->unlock(secret(storePassphrase)).has_value());
    QVERIFY(store->isUnlocked());
}

void TestCertificateStore::lockedStoreRefusesKeys()
{
    StoreFixture store;
    unlockedStore(store);
    store->lock();
    const auto before = store.listing();
    const auto imported =
            store->importData(readFile(file(QStringLiteral("alice.p12"))), secret(filePassphrase));
    QVERIFY(!imported);
    QCOMPARE(imported.error().code, Store::StoreError::Locked);
    QCOMPARE(store.listing(), before);
    QVERIFY(store->entries().isEmpty());
}

void TestCertificateStore::importFormats_data()
{
    QTest::addColumn<QString>("fileName");
    QTest::addColumn<QByteArray>("passphrase");
    QTest::addColumn<QStringList>("certificatesFirst"); // PEM of these, concatenated, first
    QTest::addColumn<QStringList>("keysFirst");         // then the PEM keys of these
    QTest::addColumn<QStringList>("added");
    QTest::addColumn<QStringList>("withKey");

    const QStringList none;
    const QStringList alice{QStringLiteral("alice")};
    const QStringList bob{QStringLiteral("bob")};
    const QStringList carol{QStringLiteral("carol")};
    const QStringList bobCarol{QStringLiteral("bob"), QStringLiteral("carol")};
    QTest::newRow("PEM certificate") << "" << QByteArray() << alice << none << alice << none;
    QTest::newRow("DER certificate")
            << "alice.der" << QByteArray() << none << none << alice << none;
    QTest::newRow("PKCS#7 DER") << "bundle.p7b" << QByteArray() << none << none << bobCarol << none;
    QTest::newRow("PKCS#7 PEM") << "bundle-pem.p7b" << QByteArray() << none << none << bobCarol
                                << none;
    QTest::newRow("PKCS#12 modern")
            << "alice.p12" << filePassphrase << none << none
            << QStringList{QStringLiteral("alice"), QStringLiteral("ca")} << alice;
    QTest::newRow("PKCS#12 legacy RC2")
            << "alice-legacy.p12" << filePassphrase << none << none << alice << alice;
    QTest::newRow("PKCS#8 PEM") << "" << QByteArray() << none << bob << bob << bob;
    QTest::newRow("PKCS#8 PEM encrypted")
            << "bob-key-encrypted.p8" << filePassphrase << bob << none << bob << bob;
    QTest::newRow("traditional RSA")
            << "alice-traditional.key" << QByteArray() << alice << none << alice << alice;
    QTest::newRow("traditional EC")
            << "carol-traditional.key" << QByteArray() << carol << none << carol << carol;
    QTest::newRow("several objects")
            << "" << QByteArray() << QStringList{QStringLiteral("ca"), QStringLiteral("bob")}
            << QStringList{QStringLiteral("alice"), QStringLiteral("carol")}
            << QStringList{QStringLiteral("ca"), QStringLiteral("bob"), QStringLiteral("alice"),
                           QStringLiteral("carol")}
            << QStringList{QStringLiteral("alice"), QStringLiteral("carol")};
}

void TestCertificateStore::importFormats()
{
    QFETCH(QString, fileName);
    QFETCH(QByteArray, passphrase);
    QFETCH(QStringList, certificatesFirst);
    QFETCH(QStringList, keysFirst);
    QFETCH(QStringList, added);
    QFETCH(QStringList, withKey);

    QByteArray data;
    for (const QString &name : certificatesFirst) {
        data += readFile(name == QLatin1String("ca") ? m_pki.caCertPath()
                                                     : m_pki.person(name).certPath);
    }
    for (const QString &name : keysFirst) {
        data += readFile(m_pki.person(name).keyPath) + readFile(m_pki.person(name).certPath);
    }
    if (!fileName.isEmpty()) {
        data += readFile(file(fileName));
    }

    StoreFixture store;
    QVERIFY(store.open());
    if (!withKey.isEmpty()) {
        unlockedStore(store);
    }
    const auto report = store->importData(data, secret(passphrase));
    QVERIFY2(report, qPrintable(report ? QString() : describeStoreError(report.error())));

    QStringList expected;
    for (const QString &name : added) {
        expected.append(m_facts.value(name).fingerprint);
    }
    QStringList actual = report->added;
    std::sort(actual.begin(), actual.end());
    std::sort(expected.begin(), expected.end());
    QCOMPARE(actual, expected);
    QCOMPARE(report->keysAdded, withKey.size());
    QCOMPARE(store->entries().size(), expected.size());
    for (const QString &name : withKey) {
        const auto entry = store->entry(m_facts.value(name).fingerprint);
        QVERIFY2(entry && entry->hasPrivateKey, qPrintable(name));
    }
}

void TestCertificateStore::duplicatesAreMerged()
{
    StoreFixture store;
    unlockedStore(store);
    const QString alice = m_facts.value(QStringLiteral("alice")).fingerprint;
    importFile(store, m_pki.person(QStringLiteral("alice")).certPath);
    const auto again = store->importData(readFile(file(QStringLiteral("alice.der"))), Secret());
    QVERIFY(again);
    QVERIFY(again->added.isEmpty());
    QCOMPARE(again->merged, QStringList{alice});
    QCOMPARE(store->entries().size(), 1);

    // The same certificate with its key: the key joins the existing entry.
    const auto withKey =
            store->importData(readFile(file(QStringLiteral("alice.p12"))), secret(filePassphrase));
    QVERIFY2(withKey, qPrintable(withKey ? QString() : describeStoreError(withKey.error())));
    QCOMPARE(withKey->added, QStringList{m_facts.value(QStringLiteral("ca")).fingerprint});
    QCOMPARE(withKey->merged, QStringList{alice});
    QCOMPARE(withKey->keysAdded, 1);
    QCOMPARE(store->entries().size(), 2);
    QVERIFY(store->entry(alice)->hasPrivateKey);
    QCOMPARE(QDir(store.filePath(QStringLiteral("keys"))).entryList(QDir::Files).size(), 1);
}

void TestCertificateStore::bareKeyPairsWithStoredCertificate()
{
    StoreFixture store;
    unlockedStore(store);
    importFile(store, m_pki.person(QStringLiteral("carol")).certPath);
    const auto report =
            store->importData(readFile(m_pki.person(QStringLiteral("carol")).keyPath), Secret());
    QVERIFY2(report, qPrintable(report ? QString() : describeStoreError(report.error())));
    QVERIFY(report->added.isEmpty());
    QCOMPARE(report->keysAdded, 1);
    QVERIFY(store->entry(m_facts.value(QStringLiteral("carol")).fingerprint)->hasPrivateKey);
}

void TestCertificateStore::lookUps()
{
    StoreFixture store;
    QVERIFY(store.open());
    for (const QString &name : {QStringLiteral("alice"), QStringLiteral("bob")}) {
        importFile(store, m_pki.person(name).certPath);
    }
    importFile(store, m_pki.caCertPath());
    const CertificateFacts &alice = m_facts[QStringLiteral("alice")];

    const QList<Store::Entry> byEmail = store->findByEmail(QStringLiteral("ALICE@Example.ORG"));
    QCOMPARE(byEmail.size(), 1);
    QCOMPARE(byEmail.constFirst().id, alice.fingerprint);
    QVERIFY(store->findByEmail(QStringLiteral("alice@example.com")).isEmpty());

    QCOMPARE(store->entry(alice.fingerprint.left(12).toLower())->id, alice.fingerprint);
    QVERIFY(!store->entry(QStringLiteral("0123456789ABCDEF0123")).has_value());

    const auto byIssuer = store->findByIssuerAndSerial(alice.issuer, alice.serial);
    QVERIFY2(byIssuer,
             qPrintable(alice.issuer + QStringLiteral(" / ") + QString::fromLatin1(alice.serial)));
    QCOMPARE(byIssuer->id, alice.fingerprint);
    QVERIFY(!store->findByIssuerAndSerial(alice.issuer, "7FFF").has_value());

    QVERIFY(!alice.subjectKeyId.isEmpty());
    const auto bySki = store->findBySubjectKeyIdentifier(alice.subjectKeyId);
    QVERIFY2(bySki, alice.subjectKeyId.constData());
    QCOMPARE(bySki->id, alice.fingerprint);
    QCOMPARE(store->findBySubjectKeyIdentifier(alice.subjectKeyId.toLower())->id,
             alice.fingerprint);
}

void TestCertificateStore::searchFinds_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QStringList>("names");
    QTest::newRow("common name") << "bob" << QStringList{QStringLiteral("bob")};
    QTest::newRow("address, any case") << "ALICE@EXAMPLE" << QStringList{QStringLiteral("alice")};
    QTest::newRow("domain") << "example.org"
                            << QStringList{QStringLiteral("alice"), QStringLiteral("bob")};
    QTest::newRow("CA name") << "Peer Test CA" << QStringList{QStringLiteral("ca")};
    QTest::newRow("nothing") << "mallory" << QStringList();
}

void TestCertificateStore::searchFinds()
{
    QFETCH(QString, query);
    QFETCH(QStringList, names);
    StoreFixture store;
    QVERIFY(store.open());
    importFile(store, m_pki.person(QStringLiteral("alice")).certPath);
    importFile(store, m_pki.person(QStringLiteral("bob")).certPath);
    importFile(store, m_pki.caCertPath());

    QStringList expected;
    for (const QString &name : names) {
        expected.append(m_facts.value(name).fingerprint);
    }
    QStringList found;
    for (const Store::Entry &entry : store->search(query)) {
        found.append(entry.id);
    }
    std::sort(expected.begin(), expected.end());
    std::sort(found.begin(), found.end());
    QCOMPARE(found, expected);
}

void TestCertificateStore::keysAreEncryptedAtRest()
{
    StoreFixture store;
    unlockedStore(store);
    importFile(store, file(QStringLiteral("alice.p12")), filePassphrase);
    const QStringList keyFiles =
            QDir(store.filePath(QStringLiteral("keys"))).entryList(QDir::Files);
    QCOMPARE(keyFiles.size(), 1);

    const QString path = store.filePath(QStringLiteral("keys/") + keyFiles.constFirst());
    const QByteArray sealed = readFile(path);
    QVERIFY(sealed.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----"));
    QVERIFY(!sealed.contains("-----BEGIN PRIVATE KEY-----"));
    QVERIFY(!sealed.contains("-----BEGIN RSA PRIVATE KEY-----"));
    QVERIFY(!Crypto::loadIdentities(sealed, Secret()).has_value());
    QVERIFY(!Crypto::loadIdentities(sealed, secret(filePassphrase)).has_value());
    // An independent reader agrees that the key is encrypted: it cannot open it without one.
    const ToolRun plain = openssl({QStringLiteral("pkey"), QStringLiteral("-in"), path,
                                   QStringLiteral("-passin"), QStringLiteral("pass:")});
    QVERIFY2(!plain.succeeded(), plain.out.left(40).constData());
    QCOMPARE(QFileInfo(path).permissions() & (QFileDevice::ReadOther | QFileDevice::ReadGroup),
             QFileDevice::Permissions());

    QVERIFY(store.reopen());
    QVERIFY(store->unlock(secret(storePassphrase)).has_value());
    const auto identities = store->identities();
    QVERIFY(identities);
    QCOMPARE(identities->size(), 1);
    QCOMPARE(QString::fromLatin1(identities->constFirst().certificate.sha256Fingerprint()),
             m_facts.value(QStringLiteral("alice")).fingerprint);
    QVERIFY(identities->constFirst().key.matches(identities->constFirst().certificate));
}

void TestCertificateStore::trustAndLabelPersist()
{
    StoreFixture store;
    QVERIFY(store.open());
    importFile(store, m_pki.caCertPath());
    importFile(store, m_pki.person(QStringLiteral("bob")).certPath);
    const QString ca = m_facts.value(QStringLiteral("ca")).fingerprint;
    const QString bob = m_facts.value(QStringLiteral("bob")).fingerprint;
    QVERIFY(store->setTrust(ca.left(16), Store::Trust::Trusted).has_value());
    QVERIFY(store->setLabel(bob, QStringLiteral("Bob (Büro)")).has_value());
    QVERIFY(store->setTrust(bob, Store::Trust::Ask).has_value());
    QCOMPARE(store->setTrust(QStringLiteral("FFFF0000FFFF"), Store::Trust::Trusted).error().code,
             Store::StoreError::NotFound);

    for (const bool dropIndex : {false, true}) {
        if (dropIndex) {
            QVERIFY(QFile::remove(store.filePath(QStringLiteral("index.json"))));
        }
        QVERIFY(store.reopen());
        QCOMPARE(Store::toString(store->entry(ca)->trust), Store::toString(Store::Trust::Trusted));
        QCOMPARE(Store::toString(store->entry(bob)->trust), Store::toString(Store::Trust::Ask));
        QCOMPARE(store->entry(bob)->label, QStringLiteral("Bob (Büro)"));
        QCOMPARE(store->trustedCertificates().size(), 1);
        QVERIFY(store->trustedCertificates().constFirst() == m_pki.caCertificate());
    }
}

void TestCertificateStore::removeKeyThenCertificate()
{
    StoreFixture store;
    unlockedStore(store);
    importFile(store, file(QStringLiteral("alice.p12")), filePassphrase);
    const QString alice = m_facts.value(QStringLiteral("alice")).fingerprint;

    QVERIFY(store->remove(alice, true).has_value());
    QVERIFY(store->entry(alice).has_value());
    QVERIFY(!store->entry(alice)->hasPrivateKey);
    QVERIFY(store->identities()->isEmpty());
    QVERIFY(QDir(store.filePath(QStringLiteral("keys"))).entryList(QDir::Files).isEmpty());

    QVERIFY(store->remove(alice, false).has_value());
    QVERIFY(!store->entry(alice).has_value());
    QVERIFY(!QFile::exists(store.filePath(QStringLiteral("certs/%1.der").arg(alice))));
    QVERIFY(!QFile::exists(store.filePath(QStringLiteral("certs/%1.json").arg(alice))));
    QCOMPARE(store->remove(alice, false).error().code, Store::StoreError::NotFound);

    QVERIFY(store.reopen());
    QVERIFY(!store->entry(alice).has_value());
    QCOMPARE(store->entries().size(), 1); // the CA that came with the PKCS#12
    QVERIFY(store->findByEmail(QStringLiteral("alice@example.org")).isEmpty());
}

void TestCertificateStore::encryptionCertificateFor_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("distractor");

    // "older" and "newest" are valid encryption certificates issued by the trusted test CA;
    // each row adds one certificate that started later than both and must still lose.
    const struct
    {
        const char *row;
        const char *distractor;
    } rows[] = {
            {"newest wins", ""},
            {"expired", "expired"},
            {"not yet valid", "notyet"},
            {"signing only", "signing"},
            {"marked untrusted", "untrusted"},
            {"CA certificate", "authority"},
            {"no chain to a trusted root", "selfsigned"},
    };

    for (const char *type : {"rsa", "ec"}) {
        for (const auto &row : rows) {
            QTest::addRow("%s, %s", type, row.row) << type << row.distractor;
        }
    }
}

void TestCertificateStore::encryptionCertificateFor()
{
    QFETCH(QString, type);
    QFETCH(QString, distractor);
    StoreFixture store;
    QVERIFY(store.open());
    importFile(store, m_pki.caCertPath());
    const QString ca = m_facts.value(QStringLiteral("ca")).fingerprint;
    QVERIFY(store->setTrust(ca, Store::Trust::Trusted).has_value());
    QStringList names{QStringLiteral("older"), QStringLiteral("newest")};
    if (!distractor.isEmpty()) {
        names.append(distractor);
    }
    for (QString &name : names) {
        name = type + QLatin1Char('-') + name;
        importFile(store, m_dir.filePath(QStringLiteral("issued/%1.pem").arg(name)));
    }
    if (distractor == QLatin1String("untrusted")) {
        QVERIFY(store->setTrust(m_facts.value(names.last()).fingerprint, Store::Trust::Untrusted)
                        .has_value());
    }
    const QString address = type + QStringLiteral("-user@example.org");
    QCOMPARE(store->findByEmail(address).size(), names.size());

    const auto chosen = store->encryptionCertificateFor(address.toUpper());
    QVERIFY2(chosen.has_value(), "no certificate chosen");
    QCOMPARE(chosen->id, m_facts.value(type + QStringLiteral("-newest")).fingerprint);
}

void TestCertificateStore::collectMarksOrigin()
{
    StoreFixture store;
    QVERIFY(store.open());
    importFile(store, m_pki.person(QStringLiteral("alice")).certPath);
    const auto collected = store->collect(
            {m_pki.certificate(QStringLiteral("bob")), m_pki.certificate(QStringLiteral("alice"))});
    QVERIFY2(collected, qPrintable(collected ? QString() : describeStoreError(collected.error())));
    const QString bob = m_facts.value(QStringLiteral("bob")).fingerprint;
    const QString alice = m_facts.value(QStringLiteral("alice")).fingerprint;
    QCOMPARE(collected->added, QStringList{bob});
    QCOMPARE(collected->merged, QStringList{alice});
    QCOMPARE(Store::toString(store->entry(bob)->origin), Store::toString(Store::Origin::Collected));
    QCOMPARE(Store::toString(store->entry(alice)->origin),
             Store::toString(Store::Origin::Imported));
    QVERIFY(store.reopen());
    QCOMPARE(Store::toString(store->entry(bob)->origin), Store::toString(Store::Origin::Collected));
}

void TestCertificateStore::generateIdentity_data()
{
    QTest::addColumn<Crypto::KeyType>("type");
    QTest::addColumn<QString>("algorithm");
    QTest::addColumn<QString>("encryptionUsage");
    QTest::addColumn<bool>("rsa");
    QTest::newRow("RSA 3072") << Crypto::KeyType::Rsa3072 << "Public-Key: (3072 bit)"
                              << "Key Encipherment" << true;
    QTest::newRow("EC P-256") << Crypto::KeyType::EcP256 << "NIST CURVE: P-256"
                              << "Key Agreement" << false;
}

// openssl encrypts to the certificate; the store's identity must open it.
void TestCertificateStore::checkOpensslEncryptsToIt(StoreFixture &store, const QString &pem)
{
    const QByteArray content = "Content-Type: text/plain\r\n\r\nonly the owner reads this\r\n";
    const ToolRun encrypted = openssl(
            {QStringLiteral("cms"), QStringLiteral("-encrypt"), QStringLiteral("-aes256"), pem},
            content);
    QVERIFY2(encrypted.succeeded(), qPrintable(encrypted.summary()));
    Smime::ReadOptions options;
    options.identities = *store->identities();
    const auto read = Smime::read(encrypted.out, options);
    QVERIFY(read);
    QCOMPARE(read->layers.size(), 1);
    QVERIFY2(read->layers.constFirst().opened, qPrintable(read->layers.constFirst().problem));
    QCOMPARE(read->innerEntity, content);
}

// The identity signs; openssl verifies for S/MIME signing with the certificate as its root.
void TestCertificateStore::checkOpensslVerifiesItsSignature(StoreFixture &store, const QString &pem)
{
    const auto identity = store->identityFor(QStringLiteral("ERIN@example.net"));
    QVERIFY(identity);
    const auto signature = Crypto::sign("signed by erin\r\n", *identity, false);
    QVERIFY(signature);
    const ToolRun verified =
            openssl({QStringLiteral("cms"), QStringLiteral("-verify"), QStringLiteral("-inform"),
                     QStringLiteral("DER"), QStringLiteral("-CAfile"), pem,
                     QStringLiteral("-purpose"), QStringLiteral("smimesign")},
                    *signature);
    QVERIFY2(verified.succeeded(), qPrintable(verified.summary()));
    QCOMPARE(verified.out, QByteArray("signed by erin\r\n"));
}

void TestCertificateStore::generateIdentity()
{
    QFETCH(Crypto::KeyType, type);
    QFETCH(QString, algorithm);
    QFETCH(QString, encryptionUsage);
    QFETCH(bool, rsa);
    StoreFixture store;
    unlockedStore(store);
    const auto made = store->generateIdentity(QStringLiteral("erin@example.net"),
                                              QStringLiteral("Erin Example"), type);
    QVERIFY2(made, qPrintable(made ? QString() : describeStoreError(made.error())));
    QVERIFY(made->hasPrivateKey);
    QCOMPARE(Store::toString(made->origin), Store::toString(Store::Origin::Generated));
    QCOMPARE(store->findByEmail(QStringLiteral("erin@example.net")).size(), 1);

    const QString pem = store.filePath(QStringLiteral("../generated.pem"));
    QVERIFY(writeFile(pem, made->certificate.toPem()));
    const CertificateFacts facts = certificateFacts(pem);
    QCOMPARE(facts.fingerprint, made->id);
    for (const QString &expected :
         {QStringLiteral("email:erin@example.net"), QStringLiteral("E-mail Protection"), algorithm,
          QStringLiteral("Digital Signature"), encryptionUsage,
          QStringLiteral("S/MIME signing : Yes")}) {
        QVERIFY2(facts.text.contains(expected),
                 qPrintable(expected + QLatin1Char('\n') + facts.text));
    }
    // OpenSSL's purpose check asks every encryption certificate for keyEncipherment, which an
    // EC key cannot use (RFC 5753 takes keyAgreement); for EC a real encryption decides.
    QCOMPARE(facts.text.contains(QStringLiteral("S/MIME encryption : Yes")), rsa);
    checkOpensslEncryptsToIt(store, pem);
    checkOpensslVerifiesItsSignature(store, pem);
    QFile::remove(pem);
}

void TestCertificateStore::certificateRequestVerifies()
{
    StoreFixture store;
    unlockedStore(store);
    const auto made =
            store->generateIdentity(QStringLiteral("frank@example.net"),
                                    QStringLiteral("Frank Example"), Crypto::KeyType::EcP256);
    QVERIFY(made);
    const auto request = store->certificateRequest(made->id);
    QVERIFY2(request, qPrintable(request ? QString() : describeStoreError(request.error())));
    QVERIFY(request->startsWith("-----BEGIN CERTIFICATE REQUEST-----"));

    const ToolRun verified = openssl({QStringLiteral("req"), QStringLiteral("-verify"),
                                      QStringLiteral("-noout"), QStringLiteral("-text")},
                                     *request);
    QVERIFY2(verified.succeeded(), qPrintable(verified.summary()));
    QVERIFY2(QByteArray(verified.out + verified.err).contains("verify OK"),
             verified.err.constData());
    QVERIFY2(verified.out.contains("frank@example.net"), verified.out.constData());

    // The request is for the identity's own key.
    const ToolRun requestKey = openssl(
            {QStringLiteral("req"), QStringLiteral("-noout"), QStringLiteral("-pubkey")}, *request);
    const QString pem = store.filePath(QStringLiteral("../frank.pem"));
    QVERIFY(writeFile(pem, made->certificate.toPem()));
    QCOMPARE(requestKey.out.trimmed(), certificateFacts(pem).publicKeyPem);
    QFile::remove(pem);
}

void TestCertificateStore::indexRebuilt_data()
{
    QTest::addColumn<QByteArray>("replacement"); // written over index.json; empty: deleted
    QTest::newRow("deleted") << QByteArray();
    QTest::newRow("garbage") << QByteArray("\x01\x02 this is not JSON {{{");
    QTest::newRow("truncated") << QByteArray("{\"format\":1,\"entries\":[{\"id\":\"");
    QTest::newRow("empty object") << QByteArray("{}");
    QTest::newRow("no entries") << QByteArray("{\"format\":1,\"entries\":[]}");
    QTest::newRow("other format") << QByteArray("{\"format\":99,\"entries\":[]}");
}

void TestCertificateStore::indexRebuilt()
{
    QFETCH(QByteArray, replacement);
    StoreFixture store;
    QVERIFY(store.open());
    for (const QString &name : {QStringLiteral("alice"), QStringLiteral("bob")}) {
        importFile(store, m_pki.person(name).certPath);
    }
    importFile(store, m_pki.caCertPath());
    const QString bob = m_facts.value(QStringLiteral("bob")).fingerprint;
    QVERIFY(store->setLabel(bob, QStringLiteral("bob at home")).has_value());
    QVERIFY(store->setTrust(bob, Store::Trust::Untrusted).has_value());
    const QList<Store::Entry> before = store->entries();

    const QString index = store.filePath(QStringLiteral("index.json"));
    QVERIFY(replacement.isEmpty() ? QFile::remove(index) : writeFile(index, replacement));
    QVERIFY(store.reopen());

    const QList<Store::Entry> after = store->entries();
    QCOMPARE(after.size(), before.size());
    for (qsizetype i = 0; i < before.size(); ++i) {
        QCOMPARE(after.at(i).id, before.at(i).id);
        QCOMPARE(after.at(i).label, before.at(i).label);
        QCOMPARE(Store::toString(after.at(i).trust), Store::toString(before.at(i).trust));
        QCOMPARE(Store::toString(after.at(i).origin), Store::toString(before.at(i).origin));
        QVERIFY(after.at(i).certificate == before.at(i).certificate);
    }
    QCOMPARE(store->findByEmail(QStringLiteral("alice@example.org")).size(), 1);
    QVERIFY(QJsonDocument::fromJson(readFile(index)).isObject());
}

void TestCertificateStore::fileAddedBehindItsBack_data()
{
    QTest::addColumn<bool>("namedByFingerprint");
    QTest::newRow("named by its fingerprint") << true;
    QTest::newRow("any name") << false;
}

void TestCertificateStore::fileAddedBehindItsBack()
{
    QFETCH(bool, namedByFingerprint);
    StoreFixture store;
    QVERIFY(store.open());
    importFile(store, m_pki.person(QStringLiteral("alice")).certPath);
    const QString carol = m_facts.value(QStringLiteral("carol")).fingerprint;
    const QString name = namedByFingerprint ? carol : QStringLiteral("dropped-in");
    const ToolRun der = openssl({QStringLiteral("x509"), QStringLiteral("-in"),
                                 m_pki.person(QStringLiteral("carol")).certPath,
                                 QStringLiteral("-outform"), QStringLiteral("DER")});
    QVERIFY(der.succeeded());
    QVERIFY(writeFile(store.filePath(QStringLiteral("certs/%1.der").arg(name)), der.out));

    for (int round = 0; round < 2; ++round) {
        QVERIFY(store.reopen());
        QCOMPARE(store->entries().size(), 2);
        const QList<Store::Entry> found = store->findByEmail(QStringLiteral("carol@example.org"));
        QCOMPARE(found.size(), 1);
        QCOMPARE(found.constFirst().id, carol);
        QVERIFY(found.constFirst().certificate == m_pki.certificate(QStringLiteral("carol")));
        QVERIFY(store->entry(carol)->certificate == m_pki.certificate(QStringLiteral("carol")));
    }
}

void TestCertificateStore::unreadableFileFailsOpen_data()
{
    QTest::addColumn<QString>("target"); // relative to the store; ID: alice's fingerprint
    QTest::addColumn<QString>("how");
    QTest::addColumn<QString>("reason"); // what the error must say about it

    const QString noSuchFile = QStringLiteral("No such file or directory");
    QTest::newRow("certificate file: a directory")
            << QStringLiteral("certs/ID.der") << QStringLiteral("directory")
            << QStringLiteral("directory, not a file");
    QTest::newRow("certificate file: a dangling link")
            << QStringLiteral("certs/ID.der") << QStringLiteral("dangling link") << noSuchFile;
    QTest::newRow("sidecar: a FIFO") << QStringLiteral("certs/ID.json") << QStringLiteral("fifo")
                                     << QStringLiteral("not a regular file");
    QTest::newRow("key file: a directory")
            << QStringLiteral("keys/ID.p8") << QStringLiteral("directory")
            << QStringLiteral("directory, not a file");
    QTest::newRow("key file: a dangling link")
            << QStringLiteral("keys/ID.p8") << QStringLiteral("dangling link") << noSuchFile;
    QTest::newRow("index: a FIFO") << QStringLiteral("index.json") << QStringLiteral("fifo")
                                   << QStringLiteral("not a regular file");
    QTest::newRow("index: a directory")
            << QStringLiteral("index.json") << QStringLiteral("directory")
            << QStringLiteral("directory, not a file");
    QTest::newRow("store settings: a dangling link")
            << QStringLiteral("store.json") << QStringLiteral("dangling link") << noSuchFile;
    QTest::newRow("certificates folder: a file")
            << QStringLiteral("certs") << QStringLiteral("file")
            << QStringLiteral("Not a directory");
    QTest::newRow("keys folder: a dangling link")
            << QStringLiteral("keys") << QStringLiteral("dangling link") << noSuchFile;
}

// Before, such a store opened as one without those certificates or keys, and the rebuilt index
// made the loss permanent. Now the open fails, names the file and the reason, and writes nothing.
void TestCertificateStore::unreadableFileFailsOpen()
{
    QFETCH(QString, target);
    QFETCH(QString, how);
    QFETCH(QString, reason);
    StoreFixture store;
    unlockedStore(store);
    importFile(store, file(QStringLiteral("alice.p12")), filePassphrase);
    const QString alice = m_facts.value(QStringLiteral("alice")).fingerprint;
    const QString index = store.filePath(QStringLiteral("index.json"));
    QVERIFY(store.reopen()); // the index now matches the files
    const QByteArray indexBefore = readFile(index);
    const QDateTime indexWritten = QFileInfo(index).lastModified();
    QVERIFY(indexBefore.contains(alice.toLatin1()));

    const QString broken = store.filePath(QString(target).replace(QLatin1String("ID"), alice));
    QVERIFY(makeUnreadable(broken, how));
    const auto opened = Store::CertificateStore::open(store.path());
    QVERIFY2(!opened, "a store with an unreadable file opened");
    QCOMPARE(Store::describe(opened.error().code), Store::describe(Store::StoreError::Corrupt));
    QVERIFY2(opened.error().detail.contains(broken), qPrintable(opened.error().detail));
    QVERIFY2(opened.error().detail.contains(reason), qPrintable(opened.error().detail));
    if (target != QLatin1String("index.json")) {
        QCOMPARE(readFile(index), indexBefore);
        QCOMPARE(QFileInfo(index).lastModified(), indexWritten);
    }
}

void TestCertificateStore::unreadableKeyFailsIdentities()
{
    StoreFixture store;
    unlockedStore(store);
    importFile(store, file(QStringLiteral("alice.p12")), filePassphrase);
    const QString alice = m_facts.value(QStringLiteral("alice")).fingerprint;
    QVERIFY(store.reopen());
    QVERIFY(store->unlock(secret(storePassphrase)).has_value());

    const QString key = store.filePath(QStringLiteral("keys/%1.p8").arg(alice));
    QVERIFY(makeUnreadable(key, QStringLiteral("directory")));
    const auto identities = store->identities();
    QVERIFY2(!identities, "an unreadable key file was skipped as if the key were not there");
    QCOMPARE(Store::describe(identities.error().code), Store::describe(Store::StoreError::Corrupt));
    QVERIFY2(identities.error().detail.contains(key), qPrintable(identities.error().detail));
}

// Deleting a private key cannot be undone; only who can unlock the store may do it.
void TestCertificateStore::removingKeyNeedsUnlock()
{
    StoreFixture store;
    unlockedStore(store);
    importFile(store, file(QStringLiteral("alice.p12")), filePassphrase);
    const QString alice = m_facts.value(QStringLiteral("alice")).fingerprint;
    const QString ca = m_facts.value(QStringLiteral("ca")).fingerprint;
    const QString key = store.filePath(QStringLiteral("keys/%1.p8").arg(alice));
    store->lock();

    for (const bool keyOnly : {true, false}) {
        const auto removed = store->remove(alice, keyOnly);
        QVERIFY(!removed);
        QCOMPARE(Store::describe(removed.error().code), Store::describe(Store::StoreError::Locked));
        QVERIFY(QFile::exists(key));
        QVERIFY(store->entry(alice)->hasPrivateKey);
    }
    QVERIFY2(store->remove(ca, false).has_value(), "a certificate without a key needs no unlock");

    QVERIFY(store->unlock(secret(storePassphrase)).has_value());
    QVERIFY(store->remove(alice, true).has_value());
    QVERIFY(!QFile::exists(key));
    QVERIFY(!store->entry(alice)->hasPrivateKey);
}

void TestCertificateStore::exportRefusesEmptyPassword()
{
    StoreFixture store;
    unlockedStore(store);
    importFile(store, file(QStringLiteral("alice.p12")), filePassphrase);
    const QString alice = m_facts.value(QStringLiteral("alice")).fingerprint;
    for (const auto scheme : {Crypto::Pkcs12Scheme::Modern, Crypto::Pkcs12Scheme::Legacy}) {
        const auto bundle = store->exportIdentity(alice, Secret(), scheme);
        QVERIFY2(!bundle, "a private key was exported without a password");
        QCOMPARE(Store::describe(bundle.error().code),
                 Store::describe(Store::StoreError::BadInput));
        QVERIFY2(bundle.error().detail.contains(QStringLiteral("empty")),
                 qPrintable(bundle.error().detail));
    }
    QVERIFY(store->exportIdentity(alice, secret("x"), Crypto::Pkcs12Scheme::Modern).has_value());
}

void TestCertificateStore::subjectFieldsCheckedFirst_data()
{
    QTest::addColumn<QString>("address");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("mentions");

    // RFC 5321, 4.5.3.1.1 and 4.5.3.1.3; RFC 5280, appendix A.1 (ub-common-name).
    const QString label = QString(60, QLatin1Char('b'));
    const QString longDomain = QStringList{label, label, label, label}.join(QLatin1Char('.'));
    QTest::newRow("local part of 65 octets")
            << QString(65, QLatin1Char('a')) + QStringLiteral("@example.org") << QString()
            << QStringLiteral("local part is 65 octets long; at most 64");
    QTest::newRow("address of 261 octets")
            << QString(10, QLatin1Char('a')) + QLatin1Char('@') + longDomain
                       + QStringLiteral(".exampl")
            << QString() << QStringLiteral("address is 261 octets long; at most 254");
    QTest::newRow("name of 65 characters")
            << QStringLiteral("erin@example.net") << QString(65, QChar(0x00dc))
            << QStringLiteral("name is 65 characters long; a certificate's common name holds at "
                              "most 64");
    QTest::newRow("a second name smuggled in after a comma")
            << QStringLiteral("erin@example.net,DNS:evil.example") << QString()
            << QStringLiteral("domain");
    QTest::newRow("blank in the local part") << QStringLiteral("erin example@example.net")
                                             << QString() << QStringLiteral("local part");
    QTest::newRow("non-ASCII local part")
            << QStringLiteral("jörg@example.net") << QString() << QStringLiteral("local part");
    QTest::newRow("line break in the name")
            << QStringLiteral("erin@example.net") << QStringLiteral("Erin\nExample")
            << QStringLiteral("control characters");
}

// Checked before the store is asked for its key, so the answer names the field and the limit
// (and a window or command line asks for no passphrase first), instead of OpenSSL's
// "string too long" after the passphrase.
void TestCertificateStore::subjectFieldsCheckedFirst()
{
    QFETCH(QString, address);
    QFETCH(QString, name);
    QFETCH(QString, mentions);
    StoreFixture store;
    QVERIFY(store.open());
    const auto made = store->generateIdentity(address, name, Crypto::KeyType::EcP256);
    QVERIFY(!made);
    QCOMPARE(Store::describe(made.error().code), Store::describe(Store::StoreError::BadInput));
    QVERIFY2(made.error().detail.contains(mentions), qPrintable(made.error().detail));

    const auto direct = Crypto::generateIdentity(address, name, Crypto::KeyType::EcP256);
    QVERIFY(!direct);
    QVERIFY2(direct.error().detail.contains(mentions), qPrintable(direct.error().detail));
    QVERIFY(!direct.error().detail.contains(QStringLiteral("asn1")));
}

// At the limits the certificate is made, and openssl reads the address whole from the
// subjectAltName: a common name cannot hold a long address, so it gets the local part.
void TestCertificateStore::longestSubjectFieldsFit()
{
    const QString label = QString(60, QLatin1Char('b'));
    const QString address = QString(64, QLatin1Char('a')) + QLatin1Char('@')
                            + QStringList{label, label, label}.join(QLatin1Char('.'))
                            + QStringLiteral(".exampl");
    QCOMPARE(address.size(), 254);
    StoreFixture store;
    unlockedStore(store);
    for (const QString &name : {QString(64, QChar(0x00dc)), QString()}) {
        const auto made = store->generateIdentity(address, name, Crypto::KeyType::EcP256);
        QVERIFY2(made, qPrintable(made ? QString() : describeStoreError(made.error())));
        const QString pem = store.filePath(QStringLiteral("../longest.pem"));
        QVERIFY(writeFile(pem, made->certificate.toPem()));
        const CertificateFacts facts = certificateFacts(pem);
        QVERIFY2(facts.text.contains(QStringLiteral("email:") + address), qPrintable(facts.text));
        QCOMPARE(made->certificate.commonName(),
                 name.isEmpty() ? QString(64, QLatin1Char('a')) : name);
        const auto request = store->certificateRequest(made->id);
        QVERIFY2(request, qPrintable(request ? QString() : describeStoreError(request.error())));
        QVERIFY(store->remove(made->id, false).has_value());
        QFile::remove(pem);
    }
}

QTEST_GUILESS_MAIN(TestCertificateStore)
#include "tst_certificatestore.moc"
