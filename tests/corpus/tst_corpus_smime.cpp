#include "CorpusManifest.h"
#include "EntityText.h"
#include "TestSupport.h"

#include "core/base/Secret.h"
#include "core/crypto/Certificate.h"
#include "core/crypto/Cms.h"
#include "core/crypto/KeyFile.h"
#include "core/smime/SecureMessage.h"

#include <QDir>
#include <QFile>
#include <QHash>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

#include <optional>
#include <utility>

// Reads every S/MIME sample of the shared corpus and compares what Smime::read finds with the
// corpus MANIFEST.md, parsed at run time (see CorpusManifest.h for the forms it holds). All
// shipped keys are offered at once, so the reader must pick the right one; trust comes from the
// corpus CA files only, never from the system.

using namespace Postern;
namespace Manifest = Postern::Test::Manifest;
using Crypto::SignatureStatus;
using Manifest::Element;
using Manifest::ElementKind;
using Smime::Integrity;

// A helper's QVERIFY returns from the helper only; the caller stops with this.
#define STOP_IF_FAILED()                  \
    do {                                  \
        if (QTest::currentTestFailed()) { \
            return;                       \
        }                                 \
    } while (false)

namespace {

using SmimeResult = Result<Smime::ReadResult, Smime::ReadError>;

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QString keysDirectory()
{
    return Test::corpusFile(QStringLiteral("smime/keys"));
}

// ---------------------------------------------------------------------------------------------
// The shipped keys and the trust anchors

/** The identities of every shipped key file, by file name. */
using KeyRing = QHash<QString, QList<Crypto::Identity>>;

// The manifest ties passphrases to key files loosely (a table, remarks in the check parts, a
// notes file), so each key file is tried with every passphrase it names; a wrong one is refused.
QList<Crypto::Identity> loadWithAnyPassphrase(const QByteArray &data,
                                              const QList<QByteArray> &passphrases)
{
    for (const QByteArray &candidate : passphrases) {
        auto loaded = Crypto::loadIdentities(data, Secret(candidate));
        if (loaded.has_value()) {
            return *loaded;
        }
    }
    return {};
}

// A bare key (PKCS#8, a converted GnuPG key) gets the shipped certificate for its public half,
// as a user importing key and certificate would have it.
void pairBareKeys(QList<Crypto::Identity> &identities, const QList<Crypto::Certificate> &certs)
{
    for (Crypto::Identity &identity : identities) {
        for (const Crypto::Certificate &certificate : certs) {
            if (identity.certificate.isNull() && identity.key.matches(certificate)) {
                identity.certificate = certificate;
            }
        }
    }
}

QList<Crypto::Certificate> corpusCertificates()
{
    QList<Crypto::Certificate> certificates;
    for (const QFileInfo &file : QDir(keysDirectory()).entryInfoList(QDir::Files)) {
        certificates += Crypto::Certificate::parseAll(readFile(file.filePath()));
    }
    return certificates;
}

KeyRing loadKeyRing(const QList<QByteArray> &passphrases)
{
    const QList<Crypto::Certificate> certificates = corpusCertificates();
    KeyRing ring;
    for (const QFileInfo &file : QDir(keysDirectory()).entryInfoList(QDir::Files)) {
        QList<Crypto::Identity> identities =
                loadWithAnyPassphrase(readFile(file.filePath()), passphrases);
        pairBareKeys(identities, certificates);
        if (!identities.isEmpty()) {
            ring.insert(file.fileName(), identities);
        }
    }
    return ring;
}

// The manifest's OpenSSL run trusted "the shipped CA certs": the CA files (TestCA.pem,
// ca_smime.crt, sample-ca.pem, rsa_ca.pem, validator.root.crt, StartCom…Authority.crt…), not
// every self-signed certificate: mimetreeparser's self-signed signer stays untrusted there.
bool isTrustAnchorFile(const QString &fileName)
{
    static const QRegularExpression anchor(
            QStringLiteral("(?:^|[._-])(?:ca|root)(?:[._-]|$)|(?:CA|Authority|Root)$"));
    const QString stem = fileName.mid(fileName.indexOf(QLatin1String("__")) + 2)
                                 .section(QLatin1Char('.'), 0, -2);
    return stem.contains(anchor);
}

// Every other shipped certificate is offered as an intermediate or signer certificate, as the
// manifest's OpenSSL run did with -certfile.
Crypto::TrustSettings corpusTrust()
{
    Crypto::TrustSettings trust;
    trust.useSystemRoots = false;
    for (const QFileInfo &file : QDir(keysDirectory()).entryInfoList(QDir::Files)) {
        const bool anchorFile = isTrustAnchorFile(file.fileName());
        for (const auto &certificate : Crypto::Certificate::parseAll(readFile(file.filePath()))) {
            if (anchorFile && certificate.isSelfSigned()) {
                trust.trustedRoots.append(certificate);
            } else {
                trust.extraCertificates.append(certificate);
            }
        }
    }
    return trust;
}

// ---------------------------------------------------------------------------------------------
// What the manifest leads us to expect of one sample

struct Expectation
{
    bool checkable = false;            // the manifest gives a verdict this test understands
    QList<Element> layers;             // the security elements of the walk, outermost first
    std::optional<Element> content;    // the first content element
    qsizetype layersBeforeContent = 0; // security elements the walk passed before it
};

Expectation expectationFor(const Manifest::Row &row)
{
    Expectation expected;
    expected.checkable = row.hasCheck && row.unparsed.isEmpty();
    for (const Element &element : row.elements) {
        if (element.kind == ElementKind::NotCms) {
            expected.checkable = false; // "not parseable as CMS (?)": no verdict to hold to
        } else if (element.kind != ElementKind::Content) {
            expected.layers.append(element);
        } else if (!expected.content) {
            expected.content = element;
            expected.layersBeforeContent = expected.layers.size();
        }
    }
    return expected;
}

/** Facts about a sample that decide between statuses the check part alone leaves open. */
struct RowFacts
{
    QString fromAddress;
    bool aboutKeyUsage = false; // the sample exists to show a signer key not meant for mail
};

RowFacts factsFor(const Manifest::Row &row, const QByteArray &message)
{
    static const QRegularExpression keyUsage(QStringLiteral("key ?usage"),
                                             QRegularExpression::CaseInsensitiveOption);
    return {Test::fromAddressOf(message),
            row.description.contains(keyUsage) || row.verdict.contains(keyUsage)};
}

// OpenSSL's verdict on the chain, today and at the signing time, as a status.
QList<SignatureStatus> trustStatuses(const Element &signature)
{
    if (signature.chainToday.isEmpty()) {
        return {SignatureStatus::Valid};
    }
    if (!signature.checkedAtSigningTime) {
        return {signature.chainToday.contains(QLatin1String("expired"))
                        ? SignatureStatus::Expired
                        : SignatureStatus::UntrustedChain};
    }
    const QString &then = signature.chainAtSigningTime;
    if (then.isEmpty()) {
        return {SignatureStatus::Expired};
    }
    if (then.contains(QLatin1String("not yet valid"))) {
        return {SignatureStatus::NotYetValid};
    }
    if (then.contains(QLatin1String("expired"))) {
        return {SignatureStatus::Expired, SignatureStatus::UntrustedChain};
    }
    return {SignatureStatus::UntrustedChain};
}

QList<SignatureStatus> failureStatuses(const Element &signature)
{
    if (signature.beyondOpenSsl) {
        return {SignatureStatus::UnsupportedAlgorithm};
    }
    QList<SignatureStatus> accepted;
    const QString &why = signature.failure;
    if (why.contains(QLatin1String("content verify error"))) {
        accepted = {SignatureStatus::Invalid};
    } else if (why.contains(QLatin1String("Verification failure"))
               || why.contains(QLatin1String("no content"))) {
        accepted = {SignatureStatus::Invalid, SignatureStatus::Malformed};
    } else if (why.contains(QLatin1String("signer certificate not found"))) {
        accepted = {SignatureStatus::UntrustedChain, SignatureStatus::Malformed};
    } else {
        accepted = {SignatureStatus::Invalid, SignatureStatus::Malformed,
                    SignatureStatus::UntrustedChain};
    }
    if (signature.algorithms.contains(QLatin1String("ED25519"), Qt::CaseInsensitive)) {
        accepted.append(SignatureStatus::UnsupportedAlgorithm);
    }
    return accepted;
}

// Three things the check part does not settle:
// - the manifest's openssl command line also trusted the system store (it loads the default CA
//   path next to -CAfile), this test the corpus CA files only: a chain ending in a root from
//   outside the corpus (a public CA) cannot hold here, whatever OpenSSL said;
// - OpenSSL checked the path, not the key's purpose: a sample made to show a key not meant for
//   mail may be reported as such;
// - once the chain holds, a signer that is not the From: address may be reported as such.
QList<SignatureStatus>
acceptedStatuses(const Element &signature, const RowFacts &facts, bool foreignRoot)
{
    if (!signature.signatureValid) {
        return failureStatuses(signature);
    }
    if (foreignRoot) {
        return {SignatureStatus::UntrustedChain};
    }
    QList<SignatureStatus> accepted = trustStatuses(signature);
    if (facts.aboutKeyUsage) {
        accepted.append(SignatureStatus::WrongUsage);
    }
    const bool otherSender =
            !facts.fromAddress.isEmpty()
            && facts.fromAddress.compare(signature.signer, Qt::CaseInsensitive) != 0;
    const bool heldOnce = accepted.contains(SignatureStatus::Valid)
                          || accepted.contains(SignatureStatus::Expired);
    if (otherSender && heldOnce) {
        accepted.append(SignatureStatus::AddressMismatch);
    }
    return accepted;
}

// What one layer contributes to the verdict on the whole message (see Smime::Integrity).
QList<Integrity> integrityOfFailure(const Element &element)
{
    if (element.kind == ElementKind::Encrypted || element.beyondOpenSsl) {
        return {Integrity::Unknown};
    }
    if (element.failure.contains(QLatin1String("content verify error"))) {
        return {Integrity::Broken};
    }
    return {Integrity::Unknown, Integrity::Broken};
}

bool isIntact(const Element &element)
{
    return element.kind == ElementKind::Signed ? element.signatureValid
                                               : element.authenticated && element.decrypts;
}

bool isFailure(const Element &element)
{
    if (element.kind == ElementKind::Compressed) {
        return false;
    }
    return element.kind == ElementKind::Signed ? !element.signatureValid : !element.decrypts;
}

QList<Integrity> acceptedIntegrity(const QList<Element> &layers)
{
    if (layers.isEmpty()) {
        return {Integrity::NotProtected};
    }
    QList<Integrity> accepted;
    bool intact = false;
    for (const Element &element : layers) {
        if (isFailure(element)) {
            accepted += integrityOfFailure(element);
        }
        intact = intact || isIntact(element);
    }
    if (accepted.isEmpty()) {
        accepted.append(intact ? Integrity::Intact : Integrity::Unverifiable);
    }
    return accepted;
}

// ---------------------------------------------------------------------------------------------
// Names as the manifest writes them and as Cms.h documents them

QString cipherName(const QString &manifestCipher)
{
    return manifestCipher.compare(QLatin1String("3DES-CBC"), Qt::CaseInsensitive) == 0
                   ? QStringLiteral("DES-EDE3-CBC")
                   : manifestCipher.toUpper();
}

QString keyManagementName(const QString &manifestName)
{
    if (manifestName == QLatin1String("RSA-PKCS1v1.5")) {
        return QStringLiteral("RSA PKCS#1 v1.5");
    }
    if (manifestName.startsWith(QLatin1String("ECDH"))) {
        return QStringLiteral("ECDH");
    }
    if (manifestName.startsWith(QLatin1String("KEK"))) {
        return QStringLiteral("KEK");
    }
    return manifestName.startsWith(QLatin1String("PWRI")) ? QStringLiteral("password")
                                                          : manifestName;
}

QString signatureAlgorithmName(const QString &manifestName)
{
    if (manifestName == QLatin1String("RSA-PKCS1v1.5")) {
        return QStringLiteral("RSA");
    }
    if (manifestName.startsWith(QLatin1String("ecdsa"), Qt::CaseInsensitive)) {
        return QStringLiteral("ECDSA");
    }
    return manifestName.compare(QLatin1String("ED25519"), Qt::CaseInsensitive) == 0
                   ? QStringLiteral("Ed25519")
                   : manifestName;
}

QString statusNames(const QList<SignatureStatus> &statuses)
{
    QStringList names;
    for (const SignatureStatus status : statuses) {
        names.append(Crypto::describe(status));
    }
    return names.join(QLatin1String(" | "));
}

QString describeLayer(const Smime::Layer &layer)
{
    QString text = QString::fromLatin1(layer.wrapper) + QStringLiteral(" [")
                   + Crypto::describe(layer.cmsType) + QStringLiteral("] opened=")
                   + (layer.opened ? QStringLiteral("yes") : QStringLiteral("no"));
    if (!layer.problem.isEmpty()) {
        text += QStringLiteral(" problem=\"") + layer.problem + QLatin1Char('"');
    }
    if (layer.kind == Smime::LayerKind::Encrypted && layer.opened) {
        text += QStringLiteral(" cipher=") + layer.decryption.contentCipher
                + QStringLiteral(" key=") + layer.decryption.keyManagement
                + QStringLiteral(" recipient=") + layer.decryption.recipient.subject();
    }
    if (layer.kind == Smime::LayerKind::Signed) {
        text += QStringLiteral(" status=") + Crypto::describe(layer.signature.status)
                + QStringLiteral(" intact=")
                + (layer.signature.signatureIntact ? QStringLiteral("yes") : QStringLiteral("no"))
                + QStringLiteral(" detail=\"") + layer.signature.detail + QLatin1Char('"');
    }
    return text;
}

QByteArray explain(const QString &problem, const Element &expected, const Smime::Layer &actual)
{
    return (problem + QStringLiteral("\n   manifest: ") + expected.text
            + QStringLiteral("\n   reader:   ") + describeLayer(actual))
            .toUtf8();
}

bool isContainer(const QByteArray &mediaType)
{
    return mediaType.startsWith("multipart/") && mediaType != "multipart/signed";
}

} // namespace

class TestCorpusSmime : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void manifestIsUnderstood();
    void namedKeysLoad_data();
    void namedKeysLoad();
    void matchesManifest_data();
    void matchesManifest();
    void everyFileReadsSafely_data();
    void everyFileReadsSafely();
    void plainMessageIsNotProtected();

private:
    void verifyEncryptedLayer(const Element &expected, const Smime::Layer &actual) const;
    void verifySignedLayer(const Element &expected,
                           const Smime::Layer &actual,
                           const RowFacts &facts) const;
    void verifyLayers(const Expectation &expected,
                      const Smime::ReadResult &result,
                      const RowFacts &facts) const;
    bool opensWith(const QList<Manifest::KeyFile> &files,
                   const Crypto::Certificate &recipient) const;

    QString m_manifest;
    QList<Manifest::Row> m_rows;
    KeyRing m_keys;
    Smime::ReadOptions m_options;
};

// ---------------------------------------------------------------------------------------------
// Checks of one layer, of the chain of layers, of the content and of the whole verdict

// Where the manifest's OpenSSL run is known to be wrong, each checked independently here:
//
// 1. comm-central encrypt-then-sign samples (alice.env.dsig.*): `openssl cms -verify` reads the
//    multipart/signed with OpenSSL's MIME parser and reports "content verify error", but
//    `openssl cms -verify -binary -inform DER -in SIG -content PART` over the first part's exact
//    bytes, in the bare-LF form NSS signed them in, succeeds: Alice's signature is intact.
// 2. bc-java AS2 captures: Bouncy Castle's own test (testBasicAS2, MANIFEST.md) verifies the
//    multipart/signed that follows the HTTP request line; OpenSSL's run never got past that line,
//    so its check shows no layer at all. The signers' roots are not in the corpus.
void applyIndependentChecks(Manifest::Row &row)
{
    if (row.file.contains(QLatin1String("comm-central__alice.env.dsig."))) {
        for (Element &element : row.elements) {
            if (element.kind == ElementKind::Signed && element.detached
                && !element.signatureValid) {
                element.signatureValid = true;
                element.failure.clear();
                element.signer = QStringLiteral("Alice@example.com");
                element.chainToday.clear();
            }
        }
    }
    const bool basic = row.file.endsWith(QLatin1String("bc-java__basicAS2.message"));
    if (basic || row.file.endsWith(QLatin1String("bc-java__rawAS2.message"))) {
        Element signature;
        signature.kind = ElementKind::Signed;
        signature.detached = true;
        signature.algorithms = QStringList{QStringLiteral("sha1"), QStringLiteral("RSA-PKCS1v1.5")};
        signature.signatureValid = true;
        signature.signer =
                basic ? QStringLiteral("BTRADE AS2") : QStringLiteral("opensystems@stercomm.com");
        signature.chainToday = QStringLiteral("unable to get local issuer certificate");
        // OpenSSL's content element was the whole HTTP capture; behind the signature lie an
        // EDIFACT attachment (no text to compare) and a disposition report.
        row.elements.removeIf(
                [](const Element &element) { return element.kind == ElementKind::Content; });
        if (!basic) {
            Element report;
            report.kind = ElementKind::Content;
            report.contentType = "text/plain";
            report.snippet = QStringLiteral("Your message was successfully received and forwarded");
            report.text =
                    QStringLiteral("content text/plain \"") + report.snippet + QLatin1Char('"');
            row.elements.append(report);
        }
        row.elements.prepend(signature);
    }
}

void verifySigner(const Element &expected, const Crypto::SignatureOutcome &signature)
{
    QVERIFY2(!signature.signers.isEmpty(), "an intact signature names its signer");
    const Crypto::SignerDetails &signer = signature.signers.first();
    const QString name = signer.certificate.commonName();
    if (expected.signer.contains(QLatin1Char('@'))) {
        QVERIFY2(signer.certificate.hasEmailAddress(expected.signer),
                 qPrintable(expected.signer + QStringLiteral(" not in ")
                            + signer.certificate.emailAddresses().join(QLatin1Char(' '))));
    } else {
        QVERIFY2(!name.isEmpty() && expected.signer.startsWith(name),
                 qPrintable(expected.signer + QStringLiteral(" is not ") + name));
    }
    QCOMPARE(signer.digestAlgorithm, expected.algorithms.first().toUpper());
    QCOMPARE(signer.signatureAlgorithm, signatureAlgorithmName(expected.algorithms.last()));
}

void TestCorpusSmime::verifySignedLayer(const Element &expected,
                                        const Smime::Layer &actual,
                                        const RowFacts &facts) const
{
    QVERIFY2(actual.kind == Smime::LayerKind::Signed,
             explain(QStringLiteral("not a signed layer"), expected, actual).constData());
    QVERIFY2(actual.cmsType == Crypto::CmsType::SignedData,
             explain(QStringLiteral("not SignedData"), expected, actual).constData());
    QVERIFY2(actual.wrapper.startsWith("multipart/signed") == expected.detached,
             explain(QStringLiteral("detached and opaque confused"), expected, actual).constData());
    const QList<Crypto::Certificate> &chain = actual.signature.chain;
    const bool foreignRoot = !chain.isEmpty() && chain.last().isSelfSigned()
                             && !m_options.trust.trustedRoots.contains(chain.last());
    const QList<SignatureStatus> accepted = acceptedStatuses(expected, facts, foreignRoot);
    QVERIFY2(accepted.contains(actual.signature.status),
             explain(QStringLiteral("expected status ") + statusNames(accepted), expected, actual)
                     .constData());
    QVERIFY2(actual.signature.signatureIntact == expected.signatureValid,
             explain(QStringLiteral("signature mathematics"), expected, actual).constData());
    if (expected.signatureValid) {
        QVERIFY2(actual.opened,
                 explain(QStringLiteral("not opened"), expected, actual).constData());
        verifySigner(expected, actual.signature);
    }
}

bool TestCorpusSmime::opensWith(const QList<Manifest::KeyFile> &files,
                                const Crypto::Certificate &recipient) const
{
    for (const Manifest::KeyFile &file : files) {
        for (const Crypto::Identity &identity : m_keys.value(file.name)) {
            if (identity.certificate == recipient) {
                return true;
            }
        }
    }
    return false;
}

void TestCorpusSmime::verifyEncryptedLayer(const Element &expected,
                                           const Smime::Layer &actual) const
{
    const auto type = expected.authenticated ? Crypto::CmsType::AuthEnvelopedData
                                             : Crypto::CmsType::EnvelopedData;
    QVERIFY2(actual.kind == Smime::LayerKind::Encrypted && actual.cmsType == type,
             explain(QStringLiteral("not this kind of encryption"), expected, actual).constData());
    if (!expected.decrypts) {
        QVERIFY2(!actual.opened && !actual.problem.isEmpty(),
                 explain(QStringLiteral("no shipped key opens it: a stated problem is expected"),
                         expected, actual)
                         .constData());
        return;
    }
    QVERIFY2(actual.opened,
             explain(QStringLiteral("should decrypt"), expected, actual).constData());
    QCOMPARE(actual.decryption.contentCipher, cipherName(expected.cipher));
    QStringList keyManagement;
    for (const QString &name : expected.keyManagement) {
        keyManagement.append(keyManagementName(name));
    }
    QVERIFY2(keyManagement.contains(actual.decryption.keyManagement),
             explain(QStringLiteral("key management ") + keyManagement.join(QLatin1Char('/')),
                     expected, actual)
                     .constData());
    QVERIFY2(opensWith(expected.keyFiles, actual.decryption.recipient),
             explain(QStringLiteral("opened by a key the manifest does not name"), expected, actual)
                     .constData());
}

// The reader removes the layers around the whole message. It may stop earlier than the walk
// only where the walk went on inside a multipart that is not a signature (a footer, an
// attachment, an alternative): then the inner entity must be that multipart.
void TestCorpusSmime::verifyLayers(const Expectation &expected,
                                   const Smime::ReadResult &result,
                                   const RowFacts &facts) const
{
    const qsizetype found = result.layers.size();
    if (found > expected.layers.size()) {
        QFAIL(qPrintable(QStringLiteral("more layers than the manifest: ")
                         + describeLayer(result.layers.at(expected.layers.size()))));
    }
    for (qsizetype index = 0; index < found; ++index) {
        const Element &element = expected.layers.at(index);
        if (element.kind == ElementKind::Encrypted) {
            verifyEncryptedLayer(element, result.layers.at(index));
        } else if (element.kind == ElementKind::Signed) {
            verifySignedLayer(element, result.layers.at(index), facts);
        } else {
            QVERIFY(result.layers.at(index).kind == Smime::LayerKind::Compressed);
        }
        STOP_IF_FAILED();
    }
    if (found < expected.layers.size()) {
        const QByteArray inner = Test::contentTypeOf(result.innerEntity);
        QVERIFY2(isContainer(inner),
                 qPrintable(QStringLiteral("stopped before: ") + expected.layers.at(found).text
                            + QStringLiteral("\n   inner entity: ") + QString::fromLatin1(inner)));
    }
}

// The first content element must be readable in the inner entity unless the walk reached it
// through a layer the reader rightly left in place.
void verifyContent(const Expectation &expected, const Smime::ReadResult &result)
{
    if (!expected.content || result.layers.size() < expected.layersBeforeContent) {
        return;
    }
    const Element &content = *expected.content;
    const QString wanted = content.snippet.simplified();
    QStringList seen;
    for (const Test::TextLeaf &leaf : Test::textLeaves(result.innerEntity)) {
        const QString text = leaf.text.simplified();
        if (leaf.contentType == content.contentType && text.contains(wanted)) {
            return;
        }
        seen.append(QString::fromLatin1(leaf.contentType) + QStringLiteral(" \"") + text.left(80)
                    + QLatin1Char('"'));
    }
    // A file that is not MIME at all (an HTTP capture, an ASN.1 dump) is one text to OpenSSL.
    if (result.layers.isEmpty()
        && QString::fromUtf8(result.innerEntity).simplified().contains(wanted)) {
        return;
    }
    QFAIL(qPrintable(QStringLiteral("content not found: ") + content.text
                     + QStringLiteral("\n   text leaves: ") + seen.join(QStringLiteral("; "))));
}

void verifyVerdict(const Expectation &expected, const Smime::ReadResult &result)
{
    const QList<Element> matched = expected.layers.mid(0, result.layers.size());
    const QList<Integrity> accepted = acceptedIntegrity(matched);
    QVERIFY2(accepted.contains(result.integrity),
             qPrintable(QStringLiteral("integrity ") + Smime::describe(result.integrity)));
    bool blocked = false;
    bool clean = true;
    for (const Element &element : matched) {
        const bool unopenable = (element.kind == ElementKind::Encrypted && !element.decrypts)
                                || element.failure.contains(QLatin1String("no content"));
        blocked = blocked || unopenable;
        clean = clean
                && (!isFailure(element)
                    || element.failure.contains(QLatin1String("content verify error")));
    }
    if (blocked) {
        QVERIFY2(!result.complete, "a layer no shipped key opens cannot be complete");
    } else if (clean) {
        QVERIFY2(result.complete, "every layer opens, so the read is complete");
    }
}

// What any read must satisfy, whatever the sample: a clean error, or a result whose parts agree.
void verifyReadsSafely(const SmimeResult &result)
{
    if (!result) {
        QVERIFY2(!result.error().detail.isEmpty(), "an error says what went wrong");
        return;
    }
    // A bare CMS object (DER or PEM, no MIME around it) that cannot be opened has no entity
    // to show; a MIME message always has one, and so has every read that removed all layers.
    if (result->complete || !result->outerHeaders.isEmpty()) {
        QVERIFY2(!result->innerEntity.isEmpty(), "content lost");
        QVERIFY(!result->decryptedMessage().isEmpty());
    }
    QVERIFY(result->layers.size() <= Smime::maxLayers);
    QCOMPARE(result->layers.isEmpty(), result->integrity == Integrity::NotProtected);
    for (const Smime::Layer &layer : result->layers) {
        QVERIFY2(layer.opened == layer.problem.isEmpty(), qPrintable(describeLayer(layer)));
        QVERIFY(!result->complete || layer.opened);
    }
    QVERIFY(!Smime::toJson(*result).isEmpty());
}

// ---------------------------------------------------------------------------------------------
// The test functions

void TestCorpusSmime::initTestCase()
{
    POSTERN_REQUIRE_CORPUS();
    m_manifest = QString::fromUtf8(readFile(Test::corpusFile(QStringLiteral("MANIFEST.md"))));
    QVERIFY2(!m_manifest.isEmpty(), "the corpus has no MANIFEST.md");
    m_rows = Manifest::smimeRows(m_manifest);
    for (Manifest::Row &row : m_rows) {
        applyIndependentChecks(row);
    }

    QList<QByteArray> passphrases = Manifest::passphrases(m_manifest);
    static const QRegularExpression pass(QStringLiteral("^pass (\\S+)$"),
                                         QRegularExpression::MultilineOption);
    const QString notes = QString::fromUtf8(
            readFile(keysDirectory() + QStringLiteral("/smime_mail_samples__passwd.txt")));
    for (const auto &match : pass.globalMatch(notes)) {
        passphrases.append(match.captured(1).toUtf8());
    }
    m_keys = loadKeyRing(passphrases);
    for (const QList<Crypto::Identity> &identities : std::as_const(m_keys)) {
        m_options.identities += identities;
    }
    m_options.trust = corpusTrust();
    QVERIFY(!m_options.identities.isEmpty());
    QVERIFY(!m_options.trust.trustedRoots.isEmpty());
}

void TestCorpusSmime::manifestIsUnderstood()
{
    static const QRegularExpression counts(QStringLiteral("smime/ (\\d+) files"));
    const auto declared = counts.match(m_manifest);
    QVERIFY2(declared.hasMatch(), "the manifest no longer states how many S/MIME files it has");
    QCOMPARE(m_rows.size(), declared.captured(1).toInt());
    bool anyBeyondOpenSsl = false;
    for (const Manifest::Row &row : std::as_const(m_rows)) {
        QVERIFY2(row.unparsed.isEmpty(), qPrintable(row.file + QStringLiteral(": ")
                                                    + row.unparsed.join(QStringLiteral(" ; "))));
        QVERIFY2(!row.hasCheck || !row.elements.isEmpty(), qPrintable(row.file));
        anyBeyondOpenSsl = anyBeyondOpenSsl || row.beyondOpenSsl;
    }
    QVERIFY2(anyBeyondOpenSsl, "no sample named under Known disagreements was found");
}

void TestCorpusSmime::namedKeysLoad_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QByteArray>("passphrase");
    QSet<QString> named;
    for (const Manifest::Row &row : std::as_const(m_rows)) {
        for (const Element &element : row.elements) {
            for (const Manifest::KeyFile &key : element.keyFiles) {
                if (!named.contains(key.name)) {
                    named.insert(key.name);
                    QTest::newRow(qPrintable(key.name)) << key.name << key.passphrase;
                }
            }
        }
    }
}

// Each key file the manifest names opens with the passphrase it gives (PEM-armoured PKCS#12 and
// legacy RC2/3DES bags included).
void TestCorpusSmime::namedKeysLoad()
{
    QFETCH(QString, file);
    QFETCH(QByteArray, passphrase);
    const QByteArray data = readFile(keysDirectory() + QLatin1Char('/') + file);
    QVERIFY2(!data.isEmpty(), "named key file missing");
    const auto loaded = Crypto::loadIdentities(data, Secret(passphrase));
    QVERIFY2(loaded.has_value(), qPrintable(loaded ? QString() : loaded.error().detail));
    QVERIFY(!loaded->isEmpty());
    for (const Crypto::Identity &identity : *loaded) {
        QVERIFY(!identity.key.isNull());
    }
}

void TestCorpusSmime::matchesManifest_data()
{
    QTest::addColumn<int>("row");
    for (qsizetype index = 0; index < m_rows.size(); ++index) {
        const QString &file = m_rows.at(index).file;
        if (QFileInfo::exists(Test::corpusFile(file))) {
            QTest::newRow(qPrintable(file.section(QLatin1Char('/'), 1))) << int(index);
        }
    }
}

void TestCorpusSmime::matchesManifest()
{
    QFETCH(int, row);
    const Manifest::Row &entry = m_rows.at(row);
    const QByteArray message = readFile(Test::corpusFile(entry.file));
    const SmimeResult result = Smime::read(message, m_options);
    const Expectation expected = expectationFor(entry);
    if (!expected.checkable) {
        verifyReadsSafely(result); // the manifest gives no machine-readable verdict
        return;
    }
    if (!result) {
        // Only a sample without any security layer may be "not MIME" (a dump, an HTTP capture).
        QVERIFY2(expected.layers.isEmpty() && result.error().code == Smime::ReadError::NotMime,
                 qPrintable(QStringLiteral("read failed: ") + result.error().detail));
        return;
    }
    verifyLayers(expected, *result, factsFor(entry, message));
    STOP_IF_FAILED();
    verifyContent(expected, *result);
    STOP_IF_FAILED();
    verifyVerdict(expected, *result);
    STOP_IF_FAILED();
    verifyReadsSafely(result);
}

void TestCorpusSmime::everyFileReadsSafely_data()
{
    QTest::addColumn<QString>("path");
    const QDir samples(Test::corpusFile(QStringLiteral("smime")));
    for (const QFileInfo &file : samples.entryInfoList(QDir::Files, QDir::Name)) {
        QTest::newRow(qPrintable(file.fileName())) << file.filePath();
    }
}

void TestCorpusSmime::everyFileReadsSafely()
{
    QFETCH(QString, path);
    verifyReadsSafely(Smime::read(readFile(path), m_options));
}

void TestCorpusSmime::plainMessageIsNotProtected()
{
    const auto result = Smime::read(
            readFile(Test::corpusFile(QStringLiteral("smime/bc-java__attachonly.eml"))), m_options);
    QVERIFY(result.has_value());
    QVERIFY(result->layers.isEmpty());
    QCOMPARE(result->integrity, Integrity::NotProtected);
    QVERIFY(!result->isEncrypted());
    QVERIFY(!result->isSigned());
    QVERIFY(result->firstSignature() == nullptr);
    QVERIFY(!result->innerEntity.isEmpty());
}

QTEST_GUILESS_MAIN(TestCorpusSmime)
#include "tst_corpus_smime.moc"
