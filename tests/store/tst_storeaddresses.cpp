// Internationalised addresses in the store: certificates that carry an address as
// subjectAltName otherName id-on-SmtpUTF8Mailbox (RFC 8398) or as an rfc822Name with an IDNA
// (xn--) domain, made by `openssl ca` from extension text, as an independent peer would write
// them. Look-ups, the choice of recipients and signers, the command line's JSON and the
// signer's address check must all treat "bücher.example" and "xn--bcher-kva.example" as one
// domain.

#include "StoreFixtures.h"

#include "core/crypto/Cms.h"
#include "core/crypto/KeyFile.h"
#include "core/smime/SecureMessage.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Postern;
using namespace Postern::Test;

namespace {

// RFC 8398, 3: the whole address, domain as U-labels, in a UTF8String.
const QString utf8Address = QStringLiteral("jörg@bücher.example");
// The same domain as an A-label (RFC 5890) in an rfc822Name, which can hold ASCII only.
const QString aceAddress = QStringLiteral("user@xn--bcher-kva.example");

QByteArray extensionsWith(const QByteArray &subjectAltName)
{
    return "basicConstraints=critical,CA:FALSE\n"
           "keyUsage=critical,digitalSignature,keyEncipherment\n"
           "extendedKeyUsage=emailProtection\nsubjectKeyIdentifier=hash\n"
           "subjectAltName="
           + subjectAltName + '\n';
}

} // namespace

class TestStoreAddresses : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void certificateReadsBothForms();
    void normalisation_data();
    void normalisation();
    void lookUps_data();
    void lookUps();
    void indexKeepsUnicodeAcrossRestart();
    void identityForUtf8Mailbox();
    void signerAddressCheck_data();
    void signerAddressCheck();
    void listJsonShowsUnicode();

private:
    void fillStore(StoreFixture &store, bool withKeys);
    Crypto::Identity identity(const QString &name) const;

    QTemporaryDir m_dir;
    TestPki m_pki;
    CertificateFactory m_factory;
    QHash<QString, QString> m_certs; // name to PEM path
    QHash<QString, QString> m_keys;  // name to key path
};

void TestStoreAddresses::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY(QDir().mkpath(m_dir.filePath(QStringLiteral("pki"))));
    QVERIFY2(m_pki.create(m_dir.filePath(QStringLiteral("pki"))), qPrintable(m_pki.error()));
    QVERIFY2(m_factory.create(m_dir.filePath(QStringLiteral("issued")), m_pki),
             qPrintable(m_factory.error()));
    const QDateTime now = QDateTime::currentDateTimeUtc();

    const struct
    {
        const char *name;
        QByteArray subjectAltName;
    } people[] = {
            // In a section, so the comma after FORMAT:UTF8 does not split the name list; without
            // FORMAT:UTF8 openssl takes each byte for a Latin-1 character and encodes it again.
            {"utf8", "@utf8names\n[utf8names]\notherName.1=1.3.6.1.5.5.7.8.9;FORMAT:UTF8,UTF8:"
                             + utf8Address.toUtf8()},
            {"ace", "email:" + aceAddress.toUtf8()},
            {"other", "email:someone@example.org"},
    };

    for (const auto &person : people) {
        const QString name = QLatin1String(person.name);
        const QString key = m_factory.newKey(name, true);
        QVERIFY2(!key.isEmpty(), qPrintable(m_factory.error()));
        const QString cert = m_factory.issue(
                name, key, QStringLiteral("/O=Postern Store Tests/CN=%1").arg(name),
                extensionsWith(person.subjectAltName), now.addDays(-1), now.addDays(300));
        QVERIFY2(!cert.isEmpty(), qPrintable(m_factory.error()));
        m_certs.insert(name, cert);
        m_keys.insert(name, key);
    }
    // The peer's own reading of what it wrote, so the test relies on the certificate it meant.
    const CertificateFacts facts = certificateFacts(m_certs.value(QStringLiteral("utf8")));
    QVERIFY2(facts.text.contains(QStringLiteral("SmtpUTF8Mailbox::") + utf8Address),
             qPrintable(facts.text));
}

Crypto::Identity TestStoreAddresses::identity(const QString &name) const
{
    Crypto::Identity result;
    result.certificate = Crypto::Certificate::parseAll(readFile(m_certs.value(name))).value(0);
    const auto loaded = Crypto::loadIdentities(
            readFile(m_keys.value(name)) + readFile(m_certs.value(name)), Secret());
    if (loaded && !loaded->isEmpty()) {
        result.key = loaded->constFirst().key;
    }
    return result;
}

void TestStoreAddresses::fillStore(StoreFixture &store, bool withKeys)
{
    QVERIFY(store.open());
    const auto ca = store->importData(readFile(m_pki.caCertPath()), Secret());
    QVERIFY2(ca, qPrintable(ca ? QString() : describeStoreError(ca.error())));
    QVERIFY(store->setTrust(ca->added.value(0), Store::Trust::Trusted).has_value());
    if (withKeys) {
        QVERIFY(store->initialise(secret(storePassphrase)).has_value());
    }
    for (auto it = m_certs.cbegin(); it != m_certs.cend(); ++it) {
        const QByteArray data =
                (withKeys ? readFile(m_keys.value(it.key())) : QByteArray()) + readFile(*it);
        const auto imported = store->importData(data, Secret());
        QVERIFY2(imported, qPrintable(imported ? QString() : describeStoreError(imported.error())));
    }
}

void TestStoreAddresses::certificateReadsBothForms()
{
    const auto utf8 =
            Crypto::Certificate::parseAll(readFile(m_certs.value(QStringLiteral("utf8"))));
    const auto ace = Crypto::Certificate::parseAll(readFile(m_certs.value(QStringLiteral("ace"))));
    QCOMPARE(utf8.size(), 1);
    QCOMPARE(ace.size(), 1);
    QCOMPARE(utf8.constFirst().mailboxes(), QStringList{utf8Address});
    // rfc822Name as written, and for people with the domain in Unicode.
    QCOMPARE(ace.constFirst().emailAddresses(), QStringList{aceAddress});
    QCOMPARE(ace.constFirst().mailboxes(), QStringList{QStringLiteral("user@bücher.example")});
}

void TestStoreAddresses::normalisation_data()
{
    QTest::addColumn<QString>("first");
    QTest::addColumn<QString>("second");
    QTest::addColumn<bool>("same");
    // RFC 5890/5891: an A-label and its U-label are one domain; domains ignore case.
    QTest::newRow("U-label vs A-label")
            << QStringLiteral("user@bücher.example") << aceAddress << true;
    QTest::newRow("upper-case Unicode domain")
            << QStringLiteral("user@BÜCHER.Example") << aceAddress << true;
    QTest::newRow("upper-case A-label")
            << QStringLiteral("user@XN--BCHER-KVA.EXAMPLE") << aceAddress << true;
    // The local part keeps its case except for ASCII letters (see normalisedAddress()).
    QTest::newRow("ASCII case in local part")
            << QStringLiteral("User@example.org") << QStringLiteral("user@example.org") << true;
    QTest::newRow("ASCII letter beside non-ASCII")
            << QStringLiteral("Jörg@bücher.example") << utf8Address << true;
    QTest::newRow("non-ASCII case in local part")
            << QStringLiteral("jÖrg@bücher.example") << utf8Address << false;
    // Unicode NFC: o + U+0308 COMBINING DIAERESIS is ö.
    QTest::newRow("decomposed local part")
            << QStringLiteral("jo\u0308rg@bücher.example") << utf8Address << true;
    QTest::newRow("other domain") << QStringLiteral("user@bucher.example") << aceAddress << false;
    QTest::newRow("spaces around")
            << QStringLiteral("  user@bücher.example ") << aceAddress << true;
}

void TestStoreAddresses::normalisation()
{
    QFETCH(QString, first);
    QFETCH(QString, second);
    QFETCH(bool, same);
    QCOMPARE(Crypto::normalisedAddress(first) == Crypto::normalisedAddress(second), same);
}

void TestStoreAddresses::lookUps_data()
{
    QTest::addColumn<QString>("address");
    QTest::addColumn<QString>("expected"); // certificate name, empty: none
    QTest::newRow("SmtpUTF8Mailbox, as written") << utf8Address << QStringLiteral("utf8");
    QTest::newRow("SmtpUTF8Mailbox, A-label domain")
            << QStringLiteral("jörg@xn--bcher-kva.example") << QStringLiteral("utf8");
    QTest::newRow("SmtpUTF8Mailbox, ASCII case")
            << QStringLiteral("Jörg@BÜCHER.example") << QStringLiteral("utf8");
    QTest::newRow("SmtpUTF8Mailbox, non-ASCII case differs")
            << QStringLiteral("JÖRG@bücher.example") << QString();
    QTest::newRow("rfc822Name A-label, asked in Unicode")
            << QStringLiteral("user@bücher.example") << QStringLiteral("ace");
    QTest::newRow("rfc822Name A-label, asked as written") << aceAddress << QStringLiteral("ace");
    QTest::newRow("rfc822Name A-label, upper case")
            << QStringLiteral("USER@XN--BCHER-KVA.EXAMPLE") << QStringLiteral("ace");
    QTest::newRow("transliterated local part")
            << QStringLiteral("joerg@bücher.example") << QString();
    QTest::newRow("domain without umlaut") << QStringLiteral("user@bucher.example") << QString();
}

void TestStoreAddresses::lookUps()
{
    QFETCH(QString, address);
    QFETCH(QString, expected);
    StoreFixture store;
    fillStore(store, false);
    if (QTest::currentTestFailed()) {
        return;
    }
    const QString expectedId =
            expected.isEmpty() ? QString() : certificateFacts(m_certs.value(expected)).fingerprint;

    const QList<Store::Entry> found = store->findByEmail(address);
    QCOMPARE(found.size(), expected.isEmpty() ? 0 : 1);
    const auto chosen = store->encryptionCertificateFor(address);
    QCOMPARE(chosen.has_value(), !expected.isEmpty());
    if (!expected.isEmpty()) {
        QCOMPARE(found.constFirst().id, expectedId);
        QCOMPARE(chosen->id, expectedId);
    }
}

void TestStoreAddresses::indexKeepsUnicodeAcrossRestart()
{
    StoreFixture store;
    fillStore(store, false);
    if (QTest::currentTestFailed()) {
        return;
    }
    QVERIFY(store.reopen());
    QCOMPARE(store->findByEmail(QStringLiteral("jörg@xn--bcher-kva.example")).size(), 1);
    QCOMPARE(store->search(QStringLiteral("bücher")).size(), 2);
    QCOMPARE(store->search(QStringLiteral("xn--bcher-kva")).size(), 2);
    const QJsonDocument index =
            QJsonDocument::fromJson(readFile(store.filePath(QStringLiteral("index.json"))));
    QVERIFY(index.toJson().contains(utf8Address.toUtf8()));
}

void TestStoreAddresses::identityForUtf8Mailbox()
{
    StoreFixture store;
    fillStore(store, true);
    if (QTest::currentTestFailed()) {
        return;
    }
    const auto signer = store->identityFor(QStringLiteral("jörg@xn--bcher-kva.example"));
    QVERIFY2(signer, qPrintable(signer ? QString() : describeStoreError(signer.error())));
    QVERIFY(signer->certificate.hasEmailAddress(utf8Address));
    const auto ace = store->identityFor(QStringLiteral("user@bücher.example"));
    QVERIFY2(ace, qPrintable(ace ? QString() : describeStoreError(ace.error())));
    QCOMPARE(ace->certificate.emailAddresses(), QStringList{aceAddress});
}

void TestStoreAddresses::signerAddressCheck_data()
{
    QTest::addColumn<QString>("signer");
    QTest::addColumn<QString>("from");
    QTest::addColumn<bool>("matches");
    QTest::newRow("SmtpUTF8Mailbox signer, UTF-8 From")
            << QStringLiteral("utf8") << utf8Address << true;
    QTest::newRow("SmtpUTF8Mailbox signer, A-label From")
            << QStringLiteral("utf8") << QStringLiteral("jörg@xn--bcher-kva.example") << true;
    QTest::newRow("A-label signer, Unicode From")
            << QStringLiteral("ace") << QStringLiteral("user@bücher.example") << true;
    QTest::newRow("SmtpUTF8Mailbox signer, someone else")
            << QStringLiteral("utf8") << QStringLiteral("jürgen@bücher.example") << false;
}

// The reader's "address in question": the From address against the signer's certificate.
void TestStoreAddresses::signerAddressCheck()
{
    QFETCH(QString, signer);
    QFETCH(QString, from);
    QFETCH(bool, matches);
    const Crypto::Identity identity = this->identity(signer);
    QVERIFY(!identity.certificate.isNull() && !identity.key.isNull());
    const QByteArray message = "From: Sender <" + from.toUtf8()
                               + ">\r\nTo: someone@example.org\r\nSubject: address check\r\n"
                                 "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
                                 "\r\nHallo\r\n";
    const auto signedMessage = Smime::signMessage(message, identity, Smime::SignMode::Detached);
    QVERIFY(signedMessage.has_value());

    Smime::ReadOptions options;
    options.trust.useSystemRoots = false;
    options.trust.trustedRoots = {m_pki.caCertificate()};
    const auto result = Smime::read(*signedMessage, options);
    QVERIFY(result.has_value());
    // GMime gives the From domain in Unicode whichever form the header used.
    QCOMPARE(Crypto::normalisedAddress(result->fromAddress), Crypto::normalisedAddress(from));
    const Smime::Layer *layer = result->firstSignature();
    QVERIFY(layer != nullptr);
    QCOMPARE(Crypto::describe(layer->signature.status),
             Crypto::describe(matches ? Crypto::SignatureStatus::Valid
                                      : Crypto::SignatureStatus::AddressMismatch));
}

void TestStoreAddresses::listJsonShowsUnicode()
{
    QTemporaryDir profile;
    QVERIFY(profile.isValid());
    const QString postern = QStringLiteral(POSTERN_EXECUTABLE);
    const QStringList base{QStringLiteral("--profile"), profile.path(), QStringLiteral("cert")};
    const ToolRun imported =
            runTool(postern, base
                                     + QStringList{QStringLiteral("import"),
                                                   m_certs.value(QStringLiteral("utf8")),
                                                   m_certs.value(QStringLiteral("ace"))});
    QVERIFY2(imported.succeeded(), qPrintable(imported.summary()));

    const ToolRun listed =
            runTool(postern, base + QStringList{QStringLiteral("list"), QStringLiteral("--json")});
    QVERIFY2(listed.succeeded(), qPrintable(listed.summary()));
    QJsonParseError error{};
    const QJsonArray entries = QJsonDocument::fromJson(listed.out, &error).array();
    QCOMPARE(error.error, QJsonParseError::NoError);
    QStringList emails;
    for (const QJsonValue entry : entries) {
        for (const QJsonValue email : entry.toObject().value(QLatin1String("emails")).toArray()) {
            emails.append(email.toString());
        }
    }
    emails.sort();
    QCOMPARE(emails, (QStringList{utf8Address, QStringLiteral("user@bücher.example")}));

    // The query is matched in either form, and the text listing shows Unicode too.
    const ToolRun found = runTool(
            postern, base + QStringList{QStringLiteral("list"), QStringLiteral("xn--bcher-kva")});
    QVERIFY2(found.succeeded(), qPrintable(found.summary()));
    QCOMPARE(found.out.count('\n'), 2);
    QVERIFY(QString::fromUtf8(found.out).contains(utf8Address));
}

QTEST_GUILESS_MAIN(TestStoreAddresses)
#include "tst_storeaddresses.moc"
