// The certificate store given files it cannot use: each refusal must come with one specific
// message and leave every file of the store as it was. Also the unusual but valid certificates
// (no address, expired, not yet valid) that import but must never be chosen for encryption.

#include "MimeSamples.h"
#include "StoreFixtures.h"

#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace Postern;
using namespace Postern::Test;

namespace {

const QByteArray filePassphrase = QByteArrayLiteral("bad input file passphrase");

QByteArray randomBytes(qsizetype size)
{
    QByteArray bytes(size, Qt::Uninitialized);
    QRandomGenerator generator(20261203); // fixed: a failure can be reproduced
    generator.fillRange(reinterpret_cast<quint32 *>(bytes.data()), size / 4);
    return bytes;
}

} // namespace

class TestStoreBadInput : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void refused_data();
    void refused();
    void certificateWithoutAddress();
    void outsideValidity_data();
    void outsideValidity();

private:
    QString file(const QString &name) const { return m_dir.filePath(name); }

    void preparedStore(StoreFixture &store);

    QTemporaryDir m_dir;
    TestPki m_pki;
    CertificateFactory m_factory;
    QString m_alicePkcs12;
    QString m_legacyPkcs12;
};

void TestStoreBadInput::initTestCase()
{
    POSTERN_REQUIRE_TOOL("openssl");
    QVERIFY(m_dir.isValid());
    QVERIFY2(m_pki.create(m_dir.path()), qPrintable(m_pki.error()));
    m_alicePkcs12 = m_pki.makePkcs12(QStringLiteral("alice"), filePassphrase, false);
    m_legacyPkcs12 = m_pki.makePkcs12(QStringLiteral("alice"), filePassphrase, true);
    QVERIFY(!m_alicePkcs12.isEmpty() && !m_legacyPkcs12.isEmpty());
    const ToolRun encrypted =
            openssl({QStringLiteral("pkcs8"), QStringLiteral("-topk8"), QStringLiteral("-in"),
                     m_pki.person(QStringLiteral("bob")).keyPath, QStringLiteral("-passout"),
                     QStringLiteral("pass:") + QString::fromLatin1(filePassphrase)});
    QVERIFY2(encrypted.succeeded(), qPrintable(encrypted.summary()));
    QVERIFY(writeFile(file(QStringLiteral("bob-encrypted.key")), encrypted.out));
    QVERIFY2(m_factory.create(file(QStringLiteral("issued")), m_pki),
             qPrintable(m_factory.error()));
}

// A store that already holds something to lose: the CA, alice's certificate and carol's key.
void TestStoreBadInput::preparedStore(StoreFixture &store)
{
    QVERIFY(store.open());
    QVERIFY(store->initialise(secret(storePassphrase)).has_value());
    const QByteArray data = readFile(m_pki.caCertPath())
                            + readFile(m_pki.person(QStringLiteral("alice")).certPath)
                            + readFile(m_pki.person(QStringLiteral("carol")).identityPath);
    const auto imported = store->importData(data, Secret());
    QVERIFY2(imported, qPrintable(imported ? QString() : describeStoreError(imported.error())));
    QCOMPARE(store->entries().size(), 3);
}

void TestStoreBadInput::refused_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QByteArray>("passphrase");
    QTest::addColumn<QString>("detailPattern"); // what the message must speak of

    const QByteArray p12 = readFile(m_alicePkcs12);
    const QByteArray certificate = readFile(m_pki.person(QStringLiteral("bob")).certPath);
    const QByteArray anything = QByteArrayLiteral(".");
    const QString password = QStringLiteral("pass(word|phrase)");
    QTest::newRow("PKCS#12, wrong password") << p12 << QByteArray("wrong") << password;
    QTest::newRow("PKCS#12, no password") << p12 << QByteArray() << password;
    QTest::newRow("PKCS#12 3DES, wrong password")
            << readFile(m_legacyPkcs12) << QByteArray("wrong") << password;
    QTest::newRow("PKCS#12, corrupt") << flipByte(p12, p12.size() / 2) << filePassphrase << ".";
    QTest::newRow("PKCS#12, truncated") << p12.left(p12.size() / 2) << filePassphrase << ".";
    QTest::newRow("encrypted PKCS#8, wrong password")
            << readFile(file(QStringLiteral("bob-encrypted.key"))) + certificate
            << QByteArray("wrong") << password;
    QTest::newRow("10 MB of random bytes") << randomBytes(10 * 1024 * 1024) << anything << ".";
    QTest::newRow("key without certificate")
            << readFile(m_pki.person(QStringLiteral("bob")).keyPath) << QByteArray()
            << "certificate";
    QTest::newRow("plain text") << QByteArray("Dear Bob,\nthis is not a certificate.\n")
                                << QByteArray() << ".";
    QTest::newRow("empty file") << QByteArray() << QByteArray() << "empty";
    QTest::newRow("PEM armour around garbage")
            << QByteArray("-----BEGIN CERTIFICATE-----\nAAAAAAAA\n-----END CERTIFICATE-----\n")
            << QByteArray() << ".";
    QTest::newRow("PEM certificate, truncated")
            << certificate.left(certificate.size() / 2) << QByteArray() << ".";
}

void TestStoreBadInput::refused()
{
    QFETCH(QByteArray, data);
    QFETCH(QByteArray, passphrase);
    QFETCH(QString, detailPattern);
    StoreFixture store;
    preparedStore(store);
    const QMap<QString, qint64> before = store.listing();
    const QList<Store::Entry> entriesBefore = store->entries();

    const auto imported = store->importData(data, secret(passphrase));
    QVERIFY2(!imported, "a file that cannot be used was accepted");
    QCOMPARE(Store::describe(imported.error().code), Store::describe(Store::StoreError::BadInput));
    const QString detail = imported.error().detail;
    QVERIFY2(!detail.trimmed().isEmpty(), "no message");
    QVERIFY2(!detail.contains(QLatin1Char('\n')) && detail.size() < 400, qPrintable(detail));
    QVERIFY2(detail.contains(
                     QRegularExpression(detailPattern, QRegularExpression::CaseInsensitiveOption)),
             qPrintable(detail));

    QCOMPARE(store.listing(), before);
    QCOMPARE(store->entries().size(), entriesBefore.size());
    QVERIFY(store.reopen());
    QCOMPARE(store.listing(), before);
    QCOMPARE(store->entries().size(), entriesBefore.size());
}

void TestStoreBadInput::certificateWithoutAddress()
{
    const QString key = m_factory.newKey(QStringLiteral("nobody"), true);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QString path = m_factory.issue(
            QStringLiteral("nobody"), key, QStringLiteral("/O=Postern Store Tests/CN=No Address"),
            emailExtensions(QString(), "digitalSignature,keyEncipherment"), now.addDays(-1),
            now.addDays(30));
    QVERIFY2(!path.isEmpty(), qPrintable(m_factory.error()));
    const CertificateFacts facts = certificateFacts(path);
    QVERIFY(!facts.text.contains(QLatin1Char('@')));

    StoreFixture store;
    QVERIFY(store.open());
    const auto imported = store->importData(readFile(path), Secret());
    QVERIFY2(imported, qPrintable(imported ? QString() : describeStoreError(imported.error())));
    QCOMPARE(imported->added, QStringList{facts.fingerprint});
    const auto entry = store->entry(facts.fingerprint);
    QVERIFY(entry && entry->certificate.emailAddresses().isEmpty());
    QVERIFY(store->findByEmail(QString()).isEmpty());
    QVERIFY(store->findByEmail(QStringLiteral("@")).isEmpty());
    QCOMPARE(store->search(QStringLiteral("No Address")).size(), 1);
}

void TestStoreBadInput::outsideValidity_data()
{
    QTest::addColumn<qint64>("startDays");
    QTest::addColumn<qint64>("endDays");
    QTest::newRow("expired yesterday") << qint64(-60) << qint64(-1);
    QTest::newRow("valid from tomorrow") << qint64(1) << qint64(60);
}

void TestStoreBadInput::outsideValidity()
{
    QFETCH(qint64, startDays);
    QFETCH(qint64, endDays);
    const QString name = QStringLiteral("late%1").arg(startDays < 0 ? QStringLiteral("expired")
                                                                    : QStringLiteral("early"));
    const QString address = name + QStringLiteral("@example.org");
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QString path =
            m_factory.issue(name, m_pki.person(QStringLiteral("bob")).keyPath,
                            QStringLiteral("/O=Postern Store Tests/CN=%1").arg(name),
                            emailExtensions(address, "digitalSignature,keyEncipherment"),
                            now.addDays(startDays), now.addDays(endDays));
    QVERIFY2(!path.isEmpty(), qPrintable(m_factory.error()));
    const QString fingerprint = certificateFacts(path).fingerprint;

    StoreFixture store;
    QVERIFY(store.open());
    QVERIFY(store->importData(readFile(m_pki.caCertPath()), Secret()).has_value());
    const auto imported = store->importData(readFile(path), Secret());
    QVERIFY2(imported, qPrintable(imported ? QString() : describeStoreError(imported.error())));
    QCOMPARE(imported->added, QStringList{fingerprint});
    QCOMPARE(store->findByEmail(address).size(), 1);

    // Not even trust in the CA and in the certificate itself makes it usable today.
    for (const Store::Entry &entry : store->entries()) {
        QVERIFY(store->setTrust(entry.id, Store::Trust::Trusted).has_value());
    }
    QVERIFY(!store->encryptionCertificateFor(address).has_value());
}

QTEST_GUILESS_MAIN(TestStoreBadInput)
#include "tst_storebadinput.moc"
