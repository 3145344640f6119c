// The policy engine over real messages from the shared corpus: what factsOf reads from each,
// how every condition type and every template decides about them, and how policyFromJson
// reports a malformed policy. Every expected value below was read from the message itself or
// from the corpus manifest's description of it.

#include "TestSupport.h"

#include "core/crypto/Certificate.h"
#include "core/policy/Account.h"
#include "core/policy/MessageFacts.h"
#include "core/policy/Policy.h"
#include "core/policy/PolicyEngine.h"
#include "core/policy/Templates.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTest>

using namespace Postern;
using namespace Postern::Policy;

namespace {

// The corpus samples, by what they are (see the corpus's MANIFEST.md).
const QString singleEvent = QStringLiteral("ical/comm-central__single-event.eml");
const QString cancelEvent = QStringLiteral("ical/comm-central__cancel-single-event.eml");
const QString outlookInvite = QStringLiteral("ical/comm-central__outlook-test-invite.eml");
const QString googleInvite = QStringLiteral("ical/comm-central__meet-meeting-invite.eml");
const QString roundcubeInvite = QStringLiteral("ical/mimetreeparser__invitation.mbox");
const QString singlePartInvite = QStringLiteral("ical/libical__simple-mime.txt");
const QString relatedInvite = QStringLiteral("ical/libical__complex-mime.txt");
const QString bookingInvite = QStringLiteral("ical/comm-central__message-containing-event.eml");
const QString icsAttached = QStringLiteral("ical/comm-central__message-non-invite.eml");
const QString plainMail = QStringLiteral("mime/comm-central__qp-trailing-equals-plain.eml");
const QString newsletter = QStringLiteral("mime/mimetreeparser__8bitencoded.mbox");
const QString outlookHtmlFile =
        QStringLiteral("mime/simple-java-mail__issue293_Email_with_vers_quoted_printable.eml");
const QString twoForwards = QStringLiteral(
        "mime/simple-java-mail__issue349_Email_with_special_attachment_or_something.eml");
// jwz's mbox: one message with two To and two Cc addresses, one with four recipients in
// upper and lower case; both carry an S/MIME certificate file.
const QString toAndCc = QStringLiteral(
        "mbox:mime/MimeKit__content-length.mbox.txt#From - Fri Nov  8 18:21:51 1996");
const QString manyCc = QStringLiteral(
        "mbox:mime/MimeKit__content-length.mbox.txt#From - Thu Nov 21 13:20:54 1996");
const QString badlyFolded = QStringLiteral(
        "mbox:mime/comm-central__badly-folded-headers.eml#From - Sat Apr 14 14:01:30 2018");
// The corpus holds no forwarded invitation; this one is comm-central's single-event invitation
// attached unchanged as message/rfc822 to a short covering note.
const QString forwardedInvite = QStringLiteral("fwd:") + singleEvent;

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// One message of an mbox file: from the line after its "From " separator to the next one.
QByteArray mboxMessage(const QByteArray &mbox, const QByteArray &separator)
{
    const qsizetype at = mbox.indexOf(separator);
    if (at < 0) {
        return {};
    }
    const qsizetype start = mbox.indexOf('\n', at) + 1;
    qsizetype end = mbox.indexOf("\nFrom ", start);
    end = end < 0 ? mbox.size() : end + 1;
    return mbox.mid(start, end - start);
}

QByteArray forwarded(const QByteArray &message)
{
    return "From: Forwarder <fwd@example.net>\r\n"
           "To: colleague@example.net\r\n"
           "Subject: Fwd: an invitation\r\n"
           "MIME-Version: 1.0\r\n"
           "Content-Type: multipart/mixed; boundary=\"fwd-boundary\"\r\n"
           "\r\n"
           "--fwd-boundary\r\n"
           "Content-Type: text/plain; charset=utf-8\r\n"
           "\r\n"
           "See the invitation below.\r\n"
           "--fwd-boundary\r\n"
           "Content-Type: message/rfc822\r\n"
           "Content-Disposition: attachment\r\n"
           "\r\n"
           + message + "\r\n--fwd-boundary--\r\n";
}

// A source is a corpus path, "mbox:<path>#<separator line>" or "fwd:<path>".
QByteArray loadMessage(const QString &source)
{
    if (source.startsWith(QLatin1String("mbox:"))) {
        const QString rest = source.mid(5);
        const auto hash = rest.indexOf(QLatin1Char('#'));
        return mboxMessage(readFile(Test::corpusFile(rest.left(hash))),
                           rest.mid(hash + 1).toUtf8());
    }
    if (source.startsWith(QLatin1String("fwd:"))) {
        const QByteArray inner = readFile(Test::corpusFile(source.mid(4)));
        return inner.isEmpty() ? QByteArray() : forwarded(inner);
    }
    return readFile(Test::corpusFile(source));
}

Checked<Policy::Policy> parsePolicy(const QByteArray &json, const QString &field = {})
{
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject()) {
        return tl::unexpected(Problem{QStringLiteral("(test)"), error.errorString()});
    }
    return policyFromJson(document.object(), field);
}

// A policy with one rule around one condition: the rule matches exactly when the condition
// holds, and the trail says so.
QByteArray probePolicy(const QByteArray &condition)
{
    return R"({"rules": [{"name": "probe", "conditions": [)" + condition
           + R"(], "action": {"type": "clear"}}], "default": {"type": "encrypt"}})";
}

CertificateCheck certificatesFor(const QStringList &addresses)
{
    const QSet<QString> known(addresses.cbegin(), addresses.cend());
    return [known](const QString &address) {
        return known.contains(address);
    };
}

// "+rule" for a rule that matched, "-rule" for one that was tried and did not.
QStringList trailOf(const Decision &decision)
{
    QStringList steps;
    for (const RuleTrace &step : decision.trail) {
        steps.append((step.matched ? QLatin1Char('+') : QLatin1Char('-')) + step.rule);
    }
    return steps;
}

QStringList attachmentsOf(const MessageFacts &facts)
{
    QStringList list;
    for (const Attachment &attachment : facts.attachments) {
        list.append(attachment.mimeType + QLatin1Char('|') + attachment.fileName);
    }
    return list;
}

QJsonObject jsonObject(const QByteArray &json)
{
    return QJsonDocument::fromJson(json).object();
}

} // namespace

class TestPolicyEngine : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void facts_data();
    void facts();
    void bccAndRepeatedAddresses();
    void envelopeOverridesHeaders();
    void factsOfNothing();
    void normalisation_data();
    void normalisation();
    void sameAddress_data();
    void sameAddress();
    void certificateLookUpForm();
    void conditions_data();
    void conditions();
    void decisions_data();
    void decisions();
    void templates_data();
    void templates();
    void templateProblems_data();
    void templateProblems();
    void problems_data();
    void problems();
    void roundTrip_data();
    void roundTrip();
    void domainsInOneForm();
};

void TestPolicyEngine::facts_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("sender");
    QTest::addColumn<QStringList>("recipients");
    QTest::addColumn<QString>("subject");
    QTest::addColumn<QStringList>("methods");
    QTest::addColumn<QStringList>("attachments");

    QTest::newRow("Thunderbird REQUEST in mixed > alternative")
            << singleEvent << QStringLiteral("sender@example.com")
            << QStringList{QStringLiteral("receiver@example.com")}
            << QStringLiteral("Invitation: Single Event @ Wed, Mar 16 2022 11:00 AST")
            << QStringList{QStringLiteral("REQUEST")} << QStringList();
    QTest::newRow("Thunderbird CANCEL")
            << cancelEvent << QStringLiteral("sender@example.com")
            << QStringList{QStringLiteral("receiver@example.com")}
            << QStringLiteral("Cancellation: Single Event @ Wed, Mar 16 2022 11:00 AST")
            << QStringList{QStringLiteral("CANCEL")} << QStringList();
    QTest::newRow("Exchange REQUEST, base64 calendar in alternative")
            << outlookInvite << QStringLiteral("marge@example.org")
            << QStringList{QStringLiteral("homer@example.org")} << QStringLiteral("Testaus")
            << QStringList{QStringLiteral("REQUEST")} << QStringList();
    // Google's mail also carries the event as an application/ics file: a file, not a second
    // invitation. From names the organiser; Sender is Google's notification address.
    QTest::newRow("Google REQUEST with invite.ics")
            << googleInvite << QStringLiteral("example@gmail.com")
            << QStringList{QStringLiteral("homer@example.com")}
            << QStringLiteral("Meet invite (HTML)") << QStringList{QStringLiteral("REQUEST")}
            << QStringList{QStringLiteral("application/ics|invite.ics")};
    // The calendar part has a name= parameter but no disposition: still the invitation.
    QTest::newRow("Roundcube REQUEST with a named calendar part")
            << roundcubeInvite << QStringLiteral("john@doe.ch")
            << QStringList{QStringLiteral("test1@kolab.org")}
            << QStringLiteral("You've been invited to \"test1234\"")
            << QStringList{QStringLiteral("REQUEST")} << QStringList();
    // RFC 6047's minimal iMIP message: the whole message is the text/calendar part, sent with
    // an attachment disposition and a file name.
    QTest::newRow("single-part text/calendar REQUEST")
            << singlePartInvite << QStringLiteral("foo1@example.com")
            << QStringList{QStringLiteral("foo2@example.com"), QStringLiteral("foo3@example.com")}
            << QStringLiteral("REQUEST - Phone Conference")
            << QStringList{QStringLiteral("REQUEST")}
            << QStringList{QStringLiteral("text/calendar|event.vcs")};
    // Two forms of one REQUEST in multipart/alternative inside multipart/related, and a Word
    // document shown inline under its file name.
    QTest::newRow("REQUEST twice in related > alternative")
            << relatedInvite << QStringLiteral("foo1@example.com")
            << QStringList{QStringLiteral("foo2@example.com"), QStringLiteral("foo3@example.com")}
            << QStringLiteral("REQUEST - Phone Conference")
            << QStringList{QStringLiteral("REQUEST"), QStringLiteral("REQUEST")}
            << QStringList{QStringLiteral("text/calendar|event.vcs"),
                           QStringLiteral("text/calendar|event.vcs"),
                           QStringLiteral("application/msword|FieldReport.doc")};
    // Thunderbird shows its invitation bar for this booking despite the mixed-case type and the
    // attachment disposition: method= makes it an iTIP message.
    QTest::newRow("PUBLISH as TeXt/CaLeNdAr attachment")
            << bookingInvite << QStringLiteral("noreply@example.com")
            << QStringList{QStringLiteral("foo@example.com")}
            << QStringLiteral("ExampleStore - booking 01.09.2016 @ 09.25 - 09.50")
            << QStringList{QStringLiteral("PUBLISH")}
            << QStringList{QStringLiteral("text/calendar|booking.ics")};
    QTest::newRow("event.ics attached without method=")
            << icsAttached << QStringLiteral("noreply@example.com")
            << QStringList{QStringLiteral("john.doe@example.com")}
            << QStringLiteral("We're having a party - you're NOT invited") << QStringList()
            << QStringList{QStringLiteral("text/calendar|event.ics")};
    QTest::newRow("forwarded invitation") << forwardedInvite << QStringLiteral("fwd@example.net")
                                          << QStringList{QStringLiteral("colleague@example.net")}
                                          << QStringLiteral("Fwd: an invitation") << QStringList()
                                          << QStringList{QStringLiteral("message/rfc822|")};
    QTest::newRow("plain text")
            << plainMail << QStringLiteral("sender@example.invalid")
            << QStringList{QStringLiteral("recipient@example.invalid")}
            << QStringLiteral("Plaintext quoted-printable body ending on a soft line break")
            << QStringList() << QStringList();
    // RFC 2047 Q encoding of UTF-8, with a no-break space and a typographic apostrophe.
    QTest::newRow("newsletter, encoded subject")
            << newsletter << QStringLiteral("dan@nowiknow.com")
            << QStringList{QStringLiteral("cmollekopf@gmail.com")}
            << QStringLiteral("Now I Know:\u00a0Why Pisa\u2019s Tower Leans") << QStringList()
            << QStringList();
    QTest::newRow("two To, two Cc")
            << toAndCc << QStringLiteral("rosenqui@strataware.com")
            << QStringList{QStringLiteral("repka@netscape.com"), QStringLiteral("jwz@netscape.com"),
                           QStringLiteral("smime@strataware.com"),
                           QStringLiteral("rosenqui@strataware.com")}
            << QStringLiteral("My encryption certificate for S/MIME testing") << QStringList()
            << QStringList{QStringLiteral("application/x-pkcs7-mime|eric.p7c")};
    QTest::newRow("upper-case recipient domain")
            << manyCc << QStringLiteral("rosenqui@strataware.com")
            << QStringList{QStringLiteral("smime-dev@rsa.com"),
                           QStringLiteral("rosenqui@strataware.com"),
                           QStringLiteral("rangerm@entrust.com"),
                           QStringLiteral("rvander@entrust.com")}
            << QStringLiteral("My encryption certificate for S/MIME testing") << QStringList()
            << QStringList{QStringLiteral("application/x-pkcs7-mime|eric.p7c")};
    QTest::newRow("two message/rfc822 attachments without names")
            << twoForwards << QStringLiteral("jacob.liu@cargosmart.com")
            << QStringList{QStringLiteral("441701328@qq.com")}
            << QStringLiteral("Test for email attachment") << QStringList()
            << QStringList{QStringLiteral("message/rfc822|"), QStringLiteral("message/rfc822|")};
    // simple-java-mail's #293: the file name is RFC 2047 inside a quoted parameter.
    QTest::newRow("Outlook attachment with an encoded name")
            << outlookHtmlFile << QStringLiteral("vsender1@yopmail.com")
            << QStringList{QStringLiteral("sbellan+emc@gmail.com")}
            << QStringLiteral("Vera Decryption Test 10:17AM") << QStringList()
            << QStringList{QStringLiteral(
                       "text/"
                       "html|Configure_SSO_for_Admin_Console_Access_\u2013_Silverfort.pdf.html")};
    // Thunderbird's test collapses the subject's folding whitespace in its own way, which no
    // standard prescribes; only the addresses are compared here.
    QTest::newRow("badly folded headers") << badlyFolded << QStringLiteral("sender@example.com")
                                          << QStringList{QStringLiteral("recipient@example.com")}
                                          << QString() << QStringList() << QStringList();
}

void TestPolicyEngine::facts()
{
    POSTERN_REQUIRE_CORPUS();
    QFETCH(QString, source);
    QFETCH(QString, sender);
    QFETCH(QStringList, recipients);
    QFETCH(QString, subject);
    QFETCH(QStringList, methods);
    QFETCH(QStringList, attachments);

    const QByteArray message = loadMessage(source);
    QVERIFY2(!message.isEmpty(), qPrintable(source));
    const auto facts = factsOf(message);
    QVERIFY2(facts.has_value(), qPrintable(source));

    QCOMPARE(facts->sender, sender);
    QCOMPARE(facts->recipients, recipients);
    if (!subject.isNull()) {
        QCOMPARE(facts->subject, subject);
    }
    QCOMPARE(facts->invitationMethods, methods);
    QCOMPARE(facts->isInvitation(), !methods.isEmpty());
    QCOMPARE(attachmentsOf(*facts), attachments);
    QCOMPARE(facts->size, qint64(message.size()));
}

// No corpus message has a Bcc field or names one recipient twice; the plain message gets both
// in front of its own header.
void TestPolicyEngine::bccAndRepeatedAddresses()
{
    POSTERN_REQUIRE_CORPUS();
    const QByteArray original = loadMessage(plainMail);
    QVERIFY(!original.isEmpty());
    const QByteArray message = "Cc: Other <other@example.invalid>, RECIPIENT@example.invalid\r\n"
                               "Bcc: hidden@example.invalid, other@EXAMPLE.invalid\r\n"
                               + original;
    const auto facts = factsOf(message);
    QVERIFY(facts.has_value());
    QCOMPARE(facts->recipients, (QStringList{QStringLiteral("recipient@example.invalid"),
                                             QStringLiteral("other@example.invalid"),
                                             QStringLiteral("hidden@example.invalid")}));
}

void TestPolicyEngine::envelopeOverridesHeaders()
{
    POSTERN_REQUIRE_CORPUS();
    const QByteArray message = loadMessage(toAndCc);
    QVERIFY(!message.isEmpty());

    // The proxy's envelope decides who receives the message, whatever To and Cc say; Bcc
    // recipients exist only there.
    Envelope envelope;
    envelope.sender = QStringLiteral("<Bounce@Strataware.COM>");
    envelope.recipients = {
            QStringLiteral("JWZ@Netscape.com"), QStringLiteral("<hidden@example.org>"),
            QStringLiteral("jwz@netscape.com"), QStringLiteral("k\u00e4the@xn--bcher-kva.example")};
    const auto facts = factsOf(message, envelope);
    QVERIFY(facts.has_value());
    QCOMPARE(facts->sender, QStringLiteral("bounce@strataware.com"));
    QCOMPARE(facts->recipients,
             (QStringList{QStringLiteral("jwz@netscape.com"), QStringLiteral("hidden@example.org"),
                          QStringLiteral("k\u00e4the@xn--bcher-kva.example")}));
    QCOMPARE(facts->subject, QStringLiteral("My encryption certificate for S/MIME testing"));
}

void TestPolicyEngine::factsOfNothing()
{
    const auto empty = factsOf(QByteArray(" \r\n\t"));
    QVERIFY(!empty.has_value());
    QCOMPARE(empty.error().code, FactsError::Empty);
}

// The policy compares addresses by the certificate store's rule (Crypto::normalisedAddress):
// ASCII domain (RFC 5891 A-labels), ASCII letters of the local part folded, other letters kept
// (RFC 5321 2.4, RFC 8398 3), local part in NFC (RFC 6532 3.1).
void TestPolicyEngine::normalisation_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("address");
    QTest::addColumn<QString>("domain");

    QTest::newRow("angle brackets, upper case")
            << QStringLiteral(" <Alice@Example.ORG> ") << QStringLiteral("alice@example.org")
            << QStringLiteral("example.org");
    QTest::newRow("mixed-case ASCII local part")
            << QStringLiteral("John.SMITH+Tag@example.org")
            << QStringLiteral("john.smith+tag@example.org") << QStringLiteral("example.org");
    // RFC 5891: the A-label and the U-label are the same domain; the A-label is the compared one.
    QTest::newRow("A-label, upper case, trailing dot")
            << QStringLiteral("Info@XN--BCHER-KVA.Example.")
            << QStringLiteral("info@xn--bcher-kva.example")
            << QStringLiteral("xn--bcher-kva.example");
    // Qt converts labels only under the top-level domains of its own list unless told not to;
    // .fr is not on it.
    QTest::newRow("A-label under .fr")
            << QStringLiteral("info@xn--bcher-kva.fr") << QStringLiteral("info@xn--bcher-kva.fr")
            << QStringLiteral("xn--bcher-kva.fr");
    QTest::newRow("U-label under .fr")
            << QStringLiteral("info@b\u00fccher.fr") << QStringLiteral("info@xn--bcher-kva.fr")
            << QStringLiteral("xn--bcher-kva.fr");
    QTest::newRow("U-label, upper case") << QStringLiteral("info@B\u00dcCHER.example")
                                         << QStringLiteral("info@xn--bcher-kva.example")
                                         << QStringLiteral("xn--bcher-kva.example");
    QTest::newRow("U-label in NFD") << QStringLiteral("info@bu\u0308cher.example")
                                    << QStringLiteral("info@xn--bcher-kva.example")
                                    << QStringLiteral("xn--bcher-kva.example");
    // Only ASCII letters are folded: "J" becomes "j", "\u00d6" stays upper case.
    QTest::newRow("non-ASCII local part, its case kept")
            << QStringLiteral("J\u00d6RG@example.org") << QStringLiteral("j\u00d6rg@example.org")
            << QStringLiteral("example.org");
    QTest::newRow("non-ASCII local part in NFD")
            << QStringLiteral("jo\u0308rg@example.org") << QStringLiteral("j\u00f6rg@example.org")
            << QStringLiteral("example.org");
}

void TestPolicyEngine::normalisation()
{
    QFETCH(QString, input);
    QFETCH(QString, address);
    QFETCH(QString, domain);
    QCOMPARE(normaliseAddress(input), address);
    QCOMPARE(domainOf(normaliseAddress(input)), domain);
    QCOMPARE(normaliseDomainEntry(input.section(QLatin1Char('@'), 1).remove(QLatin1Char('>'))),
             domain);
    QCOMPARE(normaliseDomainEntry(QStringLiteral("*.")
                                  + input.section(QLatin1Char('@'), 1).remove(QLatin1Char('>'))),
             QStringLiteral("*.") + domain);

    // One rule: what the policy compares is what the certificate store looks up.
    const QString bare = input.trimmed().remove(QLatin1Char('<')).remove(QLatin1Char('>'));
    QCOMPARE(normaliseAddress(input), Crypto::normalisedAddress(bare));
}

// Which spellings are one address, and which are not, for the policy, the accounts and the store.
void TestPolicyEngine::sameAddress_data()
{
    QTest::addColumn<QString>("first");
    QTest::addColumn<QString>("second");
    QTest::addColumn<bool>("same");

    QTest::newRow("A-label and U-label") << QStringLiteral("info@xn--bcher-kva.example")
                                         << QStringLiteral("info@b\u00fccher.example") << true;
    QTest::newRow("upper-case U-label and A-label")
            << QStringLiteral("info@B\u00dcCHER.EXAMPLE")
            << QStringLiteral("INFO@XN--BCHER-KVA.example") << true;
    QTest::newRow("NFC and NFD domain") << QStringLiteral("info@b\u00fccher.example")
                                        << QStringLiteral("info@bu\u0308cher.example") << true;
    QTest::newRow("mixed-case ASCII local part")
            << QStringLiteral("Alice.Liddell@example.org")
            << QStringLiteral("alice.LIDDELL@example.org") << true;
    QTest::newRow("ASCII letters of a non-ASCII local part")
            << QStringLiteral("J\u00f6rg@example.org") << QStringLiteral("j\u00f6rg@example.org")
            << true;
    QTest::newRow("non-ASCII letter in another case")
            << QStringLiteral("j\u00d6rg@example.org") << QStringLiteral("j\u00f6rg@example.org")
            << false;
    QTest::newRow("NFC and NFD local part") << QStringLiteral("j\u00f6rg@example.org")
                                            << QStringLiteral("jo\u0308rg@example.org") << true;
    QTest::newRow("a look-alike domain") << QStringLiteral("info@bucher.example")
                                         << QStringLiteral("info@b\u00fccher.example") << false;
}

void TestPolicyEngine::sameAddress()
{
    QFETCH(QString, first);
    QFETCH(QString, second);
    QFETCH(bool, same);

    QCOMPARE(normaliseAddress(first) == normaliseAddress(second), same);
    QCOMPARE(Crypto::normalisedAddress(first) == Crypto::normalisedAddress(second), same);

    // A rule naming one spelling decides about mail to the other, exactly when they are one.
    const QByteArray message = "From: sender@example.net\r\nTo: " + second.toUtf8()
                               + "\r\nSubject: probe\r\n\r\nbody\r\n";
    const QByteArray rule =
            R"({"type": "recipient-address", "values": [")" + first.toUtf8() + R"("]})";
    const auto policy = policyFromJson(jsonObject(probePolicy(rule)), QString());
    QVERIFY(policy.has_value());
    Envelope envelope;
    envelope.sender = QStringLiteral("sender@example.net");
    envelope.recipients = {second};
    const auto facts = factsOf(message, envelope);
    QVERIFY(facts.has_value());
    const Decision decision = decide(*policy, *facts, certificatesFor({}));
    QCOMPARE(decision.action == Outcome::Clear, same);

    // The account that owns the first spelling owns the second.
    Configuration configuration;
    Account account;
    account.name = QStringLiteral("probe");
    account.addresses = {first};
    configuration.accounts.append(account);
    QCOMPARE(configuration.findByAddress(second) != nullptr, same);
}

// The engine asks the certificate check in the store's form, so a store keyed by
// Crypto::normalisedAddress() of the certificate's address (here an RFC 8398 SmtpUTF8Mailbox
// written with a Unicode domain) answers for every spelling of the recipient.
void TestPolicyEngine::certificateLookUpForm()
{
    const QString inCertificate = QStringLiteral("j\u00f6rg@b\u00fccher.example");
    const QSet<QString> storeKeys{Crypto::normalisedAddress(inCertificate)};
    QStringList asked;
    const CertificateCheck check = [&storeKeys, &asked](const QString &address) {
        asked.append(address);
        return storeKeys.contains(address);
    };

    const auto policy = policyFromJson(
            jsonObject(probePolicy(R"({"type": "recipients-have-certificates"})")), QString());
    QVERIFY(policy.has_value());
    Envelope envelope;
    envelope.sender = QStringLiteral("sender@example.net");
    envelope.recipients = {QStringLiteral("Jo\u0308rg@XN--BCHER-KVA.example."),
                           QStringLiteral("J\u00d6RG@b\u00fccher.example")};
    const auto facts = factsOf("Subject: probe\r\n\r\nbody\r\n", envelope);
    QVERIFY(facts.has_value());
    const Decision decision = decide(*policy, *facts, check);

    QCOMPARE(asked, (QStringList{QStringLiteral("j\u00f6rg@xn--bcher-kva.example"),
                                 QStringLiteral("j\u00d6rg@xn--bcher-kva.example")}));
    // "J\u00d6RG" is another mailbox (its \u00d6 is not folded), which has no certificate.
    QVERIFY(decision.action == Outcome::Encrypt);
    QVERIFY(!decision.trail.isEmpty() && !decision.trail.first().matched);
    // What people read keeps the Unicode domain.
    QVERIFY2(decision.trail.first().why.contains(QStringLiteral("j\u00d6rg@b\u00fccher.example")),
             qPrintable(decision.trail.first().why));
}

void TestPolicyEngine::conditions_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<QStringList>("envelope"); // sender first, then recipients; empty: headers
    QTest::addColumn<QStringList>("certificates");
    QTest::addColumn<QByteArray>("condition");
    QTest::addColumn<bool>("holds");

    const QStringList none;
    const QByteArray calendarType =
            R"({"type": "header", "header": "Content-Type", "match": "regex",
                "value": "^text/calendar;.*method=\"?REQUEST"})";

    // Header fields of inner MIME parts: the calendar's Content-Type sits two levels down in
    // Thunderbird's mail and one level down in Exchange's; the top-level type is multipart.
    QTest::newRow("header regex, calendar type deep inside mixed")
            << singleEvent << none << none << calendarType << true;
    QTest::newRow("header regex, calendar type inside alternative")
            << outlookInvite << none << none << calendarType << true;
    QTest::newRow("header regex, single-part calendar message")
            << singlePartInvite << none << none << calendarType << true;
    QTest::newRow("header regex, plain text") << plainMail << none << none << calendarType << false;
    QTest::newRow("header regex, CANCEL is not REQUEST")
            << cancelEvent << none << none << calendarType << false;
    // A header condition looks into every part, forwarded ones included.
    QTest::newRow("header regex, forwarded invitation")
            << forwardedInvite << none << none << calendarType << true;
    QTest::newRow("header contains, any case")
            << outlookInvite << none << none
            << QByteArray(R"({"type": "header", "header": "content-type",
                              "value": "TEXT/CALENDAR"})")
            << true;
    QTest::newRow("header contains, case sensitive")
            << outlookInvite << none << none
            << QByteArray(R"({"type": "header", "header": "Content-Type",
                              "value": "TEXT/CALENDAR", "caseSensitive": true})")
            << false;
    QTest::newRow("header equals")
            << outlookInvite << none << none
            << QByteArray(R"({"type": "header", "header": "Thread-Topic", "match": "equals",
                              "value": "testaus"})")
            << true;
    QTest::newRow("header equals, case sensitive")
            << outlookInvite << none << none
            << QByteArray(R"({"type": "header", "header": "Thread-Topic", "match": "equals",
                              "value": "testaus", "caseSensitive": true})")
            << false;
    QTest::newRow("header equals is not contains")
            << outlookInvite << none << none
            << QByteArray(R"({"type": "header", "header": "Thread-Topic", "match": "equals",
                              "value": "Test"})")
            << false;
    QTest::newRow("header of the top level")
            << newsletter << none << none
            << QByteArray(R"({"type": "header", "header": "List-Unsubscribe-Post",
                              "match": "equals", "value": "List-Unsubscribe=One-Click"})")
            << true;
    QTest::newRow("header absent")
            << plainMail << none << none
            << QByteArray(R"({"type": "header", "header": "List-Unsubscribe-Post",
                              "value": ""})")
            << false;
    QTest::newRow("not header")
            << outlookInvite << none << none
            << QByteArray(R"({"type": "header", "not": true, "header": "Content-Type",
                              "value": "text/calendar"})")
            << false;

    const QByteArray invitation = R"({"type": "invitation"})";
    QTest::newRow("invitation, Thunderbird") << singleEvent << none << none << invitation << true;
    QTest::newRow("invitation, Exchange") << outlookInvite << none << none << invitation << true;
    QTest::newRow("invitation, Google") << googleInvite << none << none << invitation << true;
    QTest::newRow("invitation, Roundcube") << roundcubeInvite << none << none << invitation << true;
    QTest::newRow("invitation, single-part text/calendar")
            << singlePartInvite << none << none << invitation << true;
    QTest::newRow("invitation, in multipart/related")
            << relatedInvite << none << none << invitation << true;
    QTest::newRow("invitation REQUEST, a PUBLISH")
            << bookingInvite << none << none
            << QByteArray(R"({"type": "invitation", "methods": ["REQUEST"]})") << false;
    QTest::newRow("invitation PUBLISH, a PUBLISH")
            << bookingInvite << none << none
            << QByteArray(R"({"type": "invitation", "methods": ["publish"]})") << true;
    QTest::newRow("invitation, CANCEL") << cancelEvent << none << none << invitation << true;
    QTest::newRow("invitation, forwarded")
            << forwardedInvite << none << none << invitation << false;
    QTest::newRow("invitation, .ics attached")
            << icsAttached << none << none << invitation << false;
    QTest::newRow("invitation, plain text") << plainMail << none << none << invitation << false;
    QTest::newRow("not invitation, plain text")
            << plainMail << none << none << QByteArray(R"({"type": "invitation", "not": true})")
            << true;
    QTest::newRow("invitation REQUEST, lower case in the policy")
            << singleEvent << none << none
            << QByteArray(R"({"type": "invitation", "methods": ["request"]})") << true;
    QTest::newRow("invitation CANCEL, a REQUEST")
            << singleEvent << none << none
            << QByteArray(R"({"type": "invitation", "methods": ["CANCEL"]})") << false;
    QTest::newRow("invitation CANCEL, a CANCEL")
            << cancelEvent << none << none
            << QByteArray(R"({"type": "invitation", "methods": ["CANCEL"]})") << true;
    QTest::newRow("invitation REQUEST or REPLY, a CANCEL")
            << cancelEvent << none << none
            << QByteArray(R"({"type": "invitation", "methods": ["REQUEST", "REPLY"]})") << false;
    QTest::newRow("invitation REQUEST, forwarded")
            << forwardedInvite << none << none
            << QByteArray(R"({"type": "invitation", "methods": ["REQUEST"]})") << false;

    // To and Cc both count; addresses compare without case.
    QTest::newRow("recipient address, in To")
            << toAndCc << none << none
            << QByteArray(R"({"type": "recipient-address", "values": ["JWZ@netscape.com"]})")
            << true;
    QTest::newRow("recipient address, in Cc")
            << toAndCc << none << none
            << QByteArray(R"({"type": "recipient-address", "values": ["smime@strataware.com"]})")
            << true;
    QTest::newRow("recipient address, upper case in the message")
            << manyCc << none << none
            << QByteArray(R"({"type": "recipient-address", "values": ["smime-dev@rsa.com"]})")
            << true;
    QTest::newRow("recipient address, the sender is no recipient")
            << outlookInvite << none << none
            << QByteArray(R"({"type": "recipient-address", "values": ["marge@example.org"]})")
            << false;
    QTest::newRow("recipient address all, one of four")
            << toAndCc << none << none
            << QByteArray(R"({"type": "recipient-address", "recipients": "all",
                              "values": ["jwz@netscape.com"]})")
            << false;
    QTest::newRow("recipient address all, four of four")
            << toAndCc << none << none
            << QByteArray(R"({"type": "recipient-address", "recipients": "all",
                              "values": ["jwz@netscape.com", "repka@netscape.com",
                                         "rosenqui@strataware.com", "smime@strataware.com"]})")
            << true;
    QTest::newRow("recipient domain any")
            << toAndCc << none << none
            << QByteArray(R"({"type": "recipient-domain", "values": ["netscape.com"]})") << true;
    QTest::newRow("recipient domain all, two domains in the message")
            << toAndCc << none << none
            << QByteArray(R"({"type": "recipient-domain", "recipients": "all",
                              "values": ["netscape.com"]})")
            << false;
    QTest::newRow("recipient domain all, both listed")
            << toAndCc << none << none
            << QByteArray(R"({"type": "recipient-domain", "recipients": "all",
                              "values": ["Netscape.COM", "strataware.com"]})")
            << true;
    QTest::newRow("recipient domain, upper case in the message")
            << manyCc << none << none
            << QByteArray(R"({"type": "recipient-domain", "values": ["rsa.com"]})") << true;
    QTest::newRow("recipient domain, a parent domain does not match")
            << toAndCc << none << none
            << QByteArray(R"({"type": "recipient-domain", "values": ["com"]})") << false;

    // "*.example.org" stands for the subdomains, at any depth, not for example.org itself.
    const QByteArray wildcardAll = R"({"type": "recipient-domain", "recipients": "all",
                                       "values": ["*.example.org"]})";
    QTest::newRow("wildcard domain, subdomains")
            << plainMail
            << QStringList{QString(), QStringLiteral("a@mail.example.org"),
                           QStringLiteral("b@deep.sub.example.org")}
            << none << wildcardAll << true;
    QTest::newRow("wildcard domain, the domain itself")
            << plainMail
            << QStringList{QString(), QStringLiteral("a@mail.example.org"),
                           QStringLiteral("c@example.org")}
            << none << wildcardAll << false;
    QTest::newRow("wildcard domain, a longer label")
            << plainMail << QStringList{QString(), QStringLiteral("d@notexample.org")} << none
            << wildcardAll << false;

    // RFC 5891: a rule may name a domain by its U-label or its A-label, whichever the mail uses.
    QTest::newRow("IDN: U-label rule, A-label recipient")
            << plainMail << QStringList{QString(), QStringLiteral("info@xn--bcher-kva.example")}
            << none
            << QByteArray(R"({"type": "recipient-domain", "values": ["b)"
                          "\xc3\xbc"
                          R"(cher.example"]})")
            << true;
    QTest::newRow("IDN: A-label rule, U-label recipient")
            << plainMail << QStringList{QString(), QStringLiteral("info@b\u00fccher.example")}
            << none
            << QByteArray(R"({"type": "recipient-domain", "values": ["xn--bcher-kva.example"]})")
            << true;
    QTest::newRow("IDN: A-label wildcard rule, U-label recipient")
            << plainMail << QStringList{QString(), QStringLiteral("info@shop.b\u00fccher.example")}
            << none << QByteArray(R"({"type": "recipient-domain",
                              "values": ["*.XN--BCHER-KVA.example"]})")
            << true;
    QTest::newRow("IDN: A-label address rule, U-label recipient")
            << plainMail << QStringList{QString(), QStringLiteral("Info@B\u00fccher.example")}
            << none << QByteArray(R"({"type": "recipient-address",
                              "values": ["info@xn--bcher-kva.example"]})")
            << true;
    QTest::newRow("IDN: a different domain")
            << plainMail << QStringList{QString(), QStringLiteral("info@bucher.example")} << none
            << QByteArray(R"({"type": "recipient-domain", "values": ["xn--bcher-kva.example"]})")
            << false;
    QTest::newRow("IDN: U-label rule in NFD, A-label sender")
            << plainMail
            << QStringList{QStringLiteral("Boss@XN--BCHER-KVA.example"),
                           QStringLiteral("a@example.org")}
            << none
            << QByteArray(R"({"type": "sender-domain", "values": ["bu)"
                          "\xcc\x88"
                          R"(cher.example"]})")
            << true;
    QTest::newRow("mixed-case ASCII local part in the rule and the mail")
            << plainMail << QStringList{QString(), QStringLiteral("aLiCe@Example.org")} << none
            << QByteArray(R"({"type": "recipient-address", "values": ["ALICE@example.ORG"]})")
            << true;
    QTest::newRow("non-ASCII local part, another case")
            << plainMail << QStringList{QString(), QStringLiteral("j\u00f6rg@example.org")} << none
            << QByteArray(R"({"type": "recipient-address", "values": ["J)"
                          "\xc3\x96"
                          R"(RG@example.org"]})")
            << false;
    QTest::newRow("non-ASCII local part, ASCII letters in another case, NFD")
            << plainMail << QStringList{QString(), QStringLiteral("jo\u0308rg@example.org")} << none
            << QByteArray(R"({"type": "recipient-address", "values": ["J)"
                          "\xc3\xb6"
                          R"(RG@example.org"]})")
            << true;

    QTest::newRow("sender address")
            << outlookInvite << none << none
            << QByteArray(R"({"type": "sender-address", "values": ["Marge@example.org"]})") << true;
    QTest::newRow("sender address, a recipient is no sender")
            << outlookInvite << none << none
            << QByteArray(R"({"type": "sender-address", "values": ["homer@example.org"]})")
            << false;
    QTest::newRow("sender address, From before Sender")
            << googleInvite << none << none << QByteArray(R"({"type": "sender-address",
                              "values": ["calendar-notification@google.com"]})")
            << false;
    QTest::newRow("sender address, envelope sender")
            << googleInvite << QStringList{QStringLiteral("calendar-notification@google.com")}
            << none << QByteArray(R"({"type": "sender-address",
                              "values": ["calendar-notification@google.com"]})")
            << true;
    QTest::newRow("sender domain")
            << outlookInvite << none << none
            << QByteArray(R"({"type": "sender-domain", "values": ["example.com", "example.org"]})")
            << true;
    QTest::newRow("sender domain, wildcard is for subdomains")
            << outlookInvite << none << none
            << QByteArray(R"({"type": "sender-domain", "values": ["*.example.org"]})") << false;
    QTest::newRow("not sender domain")
            << newsletter << none << none
            << QByteArray(R"({"type": "sender-domain", "not": true, "values": ["gmail.com"]})")
            << true;

    const QStringList allFour{
            QStringLiteral("repka@netscape.com"), QStringLiteral("jwz@netscape.com"),
            QStringLiteral("smime@strataware.com"), QStringLiteral("rosenqui@strataware.com")};
    const QByteArray haveCertificates = R"({"type": "recipients-have-certificates"})";
    QTest::newRow("certificates for all four")
            << toAndCc << none << allFour << haveCertificates << true;
    QTest::newRow("certificates for the To recipients only")
            << toAndCc << none << allFour.mid(0, 2) << haveCertificates << false;
    QTest::newRow("certificates for others")
            << outlookInvite << none << allFour << haveCertificates << false;
    QTest::newRow("not certificates, one missing")
            << toAndCc << none << allFour.mid(1)
            << QByteArray(R"({"type": "recipients-have-certificates", "not": true})") << true;

    QTest::newRow("subject contains, decoded") << newsletter << none << none
                                               << QByteArray(R"({"type": "subject", "value": "Pisa)"
                                                             "\xe2\x80\x99"
                                                             R"(s Tower"})")
                                               << true;
    QTest::newRow("subject equals, decoded")
            << newsletter << none << none
            << QByteArray(R"({"type": "subject", "match": "equals", "value": "Now I Know:)"
                          "\xc2\xa0"
                          R"(Why Pisa)"
                          "\xe2\x80\x99"
                          R"(s Tower Leans"})")
            << true;
    QTest::newRow("subject regex, any case")
            << newsletter << none << none
            << QByteArray(R"({"type": "subject", "match": "regex", "value": "^now i know:.why"})")
            << true;
    QTest::newRow("subject regex, case sensitive")
            << newsletter << none << none
            << QByteArray(R"({"type": "subject", "match": "regex", "value": "^now i know",
                              "caseSensitive": true})")
            << false;
    QTest::newRow("subject contains, absent")
            << outlookInvite << none << none
            << QByteArray(R"({"type": "subject", "value": "Single"})") << false;

    QTest::newRow("attachment of any kind, Google's invite.ics")
            << googleInvite << none << none << QByteArray(R"({"type": "attachment"})") << true;
    QTest::newRow("attachment by type wildcard")
            << googleInvite << none << none
            << QByteArray(R"({"type": "attachment", "mimeType": "application/*"})") << true;
    QTest::newRow("attachment by name wildcard")
            << googleInvite << none << none
            << QByteArray(R"({"type": "attachment", "fileName": "*.ics"})") << true;
    // Google's text/calendar part is the invitation itself, not a file.
    QTest::newRow("attachment text/calendar, only the invitation has it")
            << googleInvite << none << none
            << QByteArray(R"({"type": "attachment", "mimeType": "text/calendar"})") << false;
    QTest::newRow("attachment of any kind, Exchange invitation")
            << outlookInvite << none << none << QByteArray(R"({"type": "attachment"})") << false;
    QTest::newRow("attachment of any kind, Thunderbird invitation")
            << singleEvent << none << none << QByteArray(R"({"type": "attachment"})") << false;
    QTest::newRow("attachment by name, any case")
            << icsAttached << none << none
            << QByteArray(R"({"type": "attachment", "fileName": "*.ICS"})") << true;
    QTest::newRow("attachment by type and name")
            << icsAttached << none << none
            << QByteArray(R"({"type": "attachment", "mimeType": "text/*",
                              "fileName": "event.ics"})")
            << true;
    QTest::newRow("attachment by type and name, the type differs")
            << icsAttached << none << none
            << QByteArray(R"({"type": "attachment", "mimeType": "application/*",
                              "fileName": "event.ics"})")
            << false;
    QTest::newRow("attachment shown inline under a file name")
            << relatedInvite << none << none
            << QByteArray(R"({"type": "attachment", "mimeType": "application/msword",
                              "fileName": "*.doc"})")
            << true;
    QTest::newRow("attachment by decoded name")
            << outlookHtmlFile << none << none
            << QByteArray(R"({"type": "attachment", "mimeType": "text/html",
                              "fileName": "Configure_SSO*Silverfort.pdf.html"})")
            << true;
    QTest::newRow("attachment by name with ?")
            << toAndCc << none << none
            << QByteArray(R"({"type": "attachment", "fileName": "eric.p7?"})") << true;
    QTest::newRow("attachment by full type")
            << toAndCc << none << none
            << QByteArray(R"({"type": "attachment", "mimeType": "application/x-pkcs7-mime"})")
            << true;
    QTest::newRow("attachment, forwarded messages")
            << twoForwards << none << none
            << QByteArray(R"({"type": "attachment", "mimeType": "message/rfc822"})") << true;
    QTest::newRow("attachment, forwarded messages have no name")
            << twoForwards << none << none
            << QByteArray(R"({"type": "attachment", "fileName": "*"})") << true;
    QTest::newRow("attachment, forwarded messages have no .eml name")
            << twoForwards << none << none
            << QByteArray(R"({"type": "attachment", "fileName": "*.eml"})") << false;
    QTest::newRow("attachment, forwarded invitation")
            << forwardedInvite << none << none
            << QByteArray(R"({"type": "attachment", "mimeType": "message/*"})") << true;
    QTest::newRow("not attachment, plain text")
            << plainMail << none << none << QByteArray(R"({"type": "attachment", "not": true})")
            << true;

    // File sizes: 106,668 bytes (newsletter), 374,408 (Outlook HTML file), 2,094 (single event).
    QTest::newRow("size above, large newsletter")
            << newsletter << none << none
            << QByteArray(R"({"type": "size-above", "bytes": 100000})") << true;
    QTest::newRow("size above, small invitation")
            << singleEvent << none << none
            << QByteArray(R"({"type": "size-above", "bytes": 100000})") << false;
    QTest::newRow("size above, exactly the size")
            << outlookHtmlFile << none << none
            << QByteArray(R"({"type": "size-above", "bytes": 374408})") << false;
    QTest::newRow("size above, one byte less")
            << outlookHtmlFile << none << none
            << QByteArray(R"({"type": "size-above", "bytes": 374407})") << true;
    QTest::newRow("size above 2093, 2094 bytes")
            << singleEvent << none << none << QByteArray(R"({"type": "size-above", "bytes": 2093})")
            << true;
}

void TestPolicyEngine::conditions()
{
    POSTERN_REQUIRE_CORPUS();
    QFETCH(QString, source);
    QFETCH(QStringList, envelope);
    QFETCH(QStringList, certificates);
    QFETCH(QByteArray, condition);
    QFETCH(bool, holds);

    const QByteArray message = loadMessage(source);
    QVERIFY2(!message.isEmpty(), qPrintable(source));
    Envelope given;
    if (!envelope.isEmpty()) {
        given.sender = envelope.first();
        given.recipients = envelope.mid(1);
    }
    const auto facts = factsOf(message, given);
    QVERIFY(facts.has_value());
    const auto policy = parsePolicy(probePolicy(condition));
    QVERIFY2(policy.has_value(),
             qPrintable(policy.error().field + QLatin1Char(' ') + policy.error().reason));

    const Decision decision = decide(*policy, *facts, certificatesFor(certificates));
    QCOMPARE(decision.rule, holds ? QStringLiteral("probe") : defaultRuleName());
    QCOMPARE(toString(decision.action),
             holds ? QStringLiteral("clear") : QStringLiteral("encrypt"));
    const QStringList trail =
            holds ? QStringList{QStringLiteral("+probe")}
                  : QStringList{QStringLiteral("-probe"), QStringLiteral("+default")};
    QCOMPARE(trailOf(decision), trail);
    QVERIFY(!decision.trail.first().why.isEmpty());
}

void TestPolicyEngine::decisions_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<QByteArray>("policy");
    QTest::addColumn<QStringList>("certificates");
    QTest::addColumn<QString>("action");
    QTest::addColumn<bool>("convert");
    QTest::addColumn<QString>("rule");
    QTest::addColumn<QStringList>("withoutCertificate");
    QTest::addColumn<QStringList>("clearRecipients");
    QTest::addColumn<QStringList>("trail");

    const QStringList none;
    const QString clear = QStringLiteral("clear");
    const QString sign = QStringLiteral("sign");
    const QString encrypt = QStringLiteral("encrypt");
    const QString signEncrypt = QStringLiteral("sign-encrypt");
    const QString block = QStringLiteral("block");

    // An invitation from example.org: all-of needs both conditions, any-of one.
    const QByteArray allOf = R"({"rules": [
        {"name": "org invitations", "match": "all-of", "conditions": [
            {"type": "invitation"}, {"type": "sender-domain", "values": ["example.org"]}],
         "action": {"type": "block", "reason": "no invitations from example.org"}}],
        "default": {"type": "sign"}})";
    QByteArray anyOf = allOf;
    anyOf.replace("all-of", "any-of");
    QTest::newRow("all-of, both hold")
            << outlookInvite << allOf << none << block << false << QStringLiteral("org invitations")
            << none << none << QStringList{QStringLiteral("+org invitations")};
    QTest::newRow("all-of, one holds")
            << singleEvent << allOf << none << sign << false << defaultRuleName() << none << none
            << QStringList{QStringLiteral("-org invitations"), QStringLiteral("+default")};
    QTest::newRow("any-of, one holds")
            << singleEvent << anyOf << none << block << false << QStringLiteral("org invitations")
            << none << none << QStringList{QStringLiteral("+org invitations")};
    QTest::newRow("any-of, none holds")
            << plainMail << anyOf << none << sign << false << defaultRuleName() << none << none
            << QStringList{QStringLiteral("-org invitations"), QStringLiteral("+default")};

    const QByteArray disabled = R"({"rules": [
        {"name": "off", "enabled": false, "action": {"type": "block"}},
        {"name": "on", "action": {"type": "sign"}}],
        "default": {"type": "clear"}})";
    QTest::newRow("a disabled rule is skipped")
            << plainMail << disabled << none << sign << false << QStringLiteral("on") << none
            << none << QStringList{QStringLiteral("-off"), QStringLiteral("+on")};

    // Converting does not decide: the later rules see a message with an invite.ics file and no
    // live invitation.
    const QByteArray converting = R"({"rules": [
        {"name": "convert", "conditions": [{"type": "invitation"}],
         "action": {"type": "convert-invitation"}},
        {"name": "invitations in clear", "conditions": [{"type": "invitation"}],
         "action": {"type": "clear"}},
        {"name": "calendar files", "conditions": [{"type": "attachment", "fileName": "*.ics"}],
         "action": {"type": "sign-encrypt"}}],
        "default": {"type": "sign"}})";
    QTest::newRow("convert, then a later rule decides")
            << singleEvent << converting << QStringList{QStringLiteral("receiver@example.com")}
            << signEncrypt << true << QStringLiteral("calendar files") << none << none
            << QStringList{QStringLiteral("+convert"), QStringLiteral("-invitations in clear"),
                           QStringLiteral("+calendar files")};
    QTest::newRow("convert, nothing to convert")
            << plainMail << converting << none << sign << false << defaultRuleName() << none << none
            << QStringList{QStringLiteral("-convert"), QStringLiteral("-invitations in clear"),
                           QStringLiteral("-calendar files"), QStringLiteral("+default")};
    QTest::newRow("convert, an attached calendar file is no invitation")
            << icsAttached << converting << none << signEncrypt << false
            << QStringLiteral("calendar files")
            << QStringList{QStringLiteral("john.doe@example.com")} << none
            << QStringList{QStringLiteral("-convert"), QStringLiteral("-invitations in clear"),
                           QStringLiteral("+calendar files")};
    QTest::newRow("convert, a forwarded invitation stays as it is")
            << forwardedInvite << converting << none << sign << false << defaultRuleName() << none
            << none
            << QStringList{QStringLiteral("-convert"), QStringLiteral("-invitations in clear"),
                           QStringLiteral("-calendar files"), QStringLiteral("+default")};
    const QByteArray convertAll = R"({"rules": [
        {"name": "convert everything", "action": {"type": "convert-invitation"}},
        {"name": "rest", "action": {"type": "encrypt"}}]})";
    QTest::newRow("convert without conditions, not an invitation")
            << plainMail << convertAll << QStringList{QStringLiteral("recipient@example.invalid")}
            << encrypt << false << QStringLiteral("rest") << none << none
            << QStringList{QStringLiteral("+convert everything"), QStringLiteral("+rest")};
    QTest::newRow("convert without conditions, an invitation")
            << googleInvite << convertAll << QStringList{QStringLiteral("homer@example.com")}
            << encrypt << true << QStringLiteral("rest") << none << none
            << QStringList{QStringLiteral("+convert everything"), QStringLiteral("+rest")};

    const QByteArray clearConverted = R"({"rules": [
        {"name": "clear", "action": {"type": "clear", "convertInvitation": true}}]})";
    QTest::newRow("convertInvitation on an invitation")
            << outlookInvite << clearConverted << none << clear << true << QStringLiteral("clear")
            << none << none << QStringList{QStringLiteral("+clear")};
    QTest::newRow("convertInvitation on plain text")
            << plainMail << clearConverted << none << clear << false << QStringLiteral("clear")
            << none << none << QStringList{QStringLiteral("+clear")};

    // Encrypting to recipients without certificates is refused by the proxies: the decision
    // names them.
    const QByteArray encryptAll = R"({"rules": [], "default": {"type": "encrypt"}})";
    const QStringList netscape{QStringLiteral("repka@netscape.com"),
                               QStringLiteral("jwz@netscape.com")};
    const QStringList strataware{QStringLiteral("smime@strataware.com"),
                                 QStringLiteral("rosenqui@strataware.com")};
    QTest::newRow("encrypt, two of four without certificates")
            << toAndCc << encryptAll << netscape << encrypt << false << defaultRuleName()
            << strataware << none << QStringList{QStringLiteral("+default")};

    const auto possible = [](const char *fallback, bool withSignature) -> QByteArray {
        return QByteArray(R"({"rules": [{"name": "possible", "action":
                {"type": "encrypt-when-possible", "otherwise": ")")
               + fallback + R"(", "sign": )" + (withSignature ? "true" : "false")
               + R"(}}], "default": {"type": "block"}})";
    };
    const QStringList possibleTrail{QStringLiteral("+possible")};
    const QString possibleRule = QStringLiteral("possible");
    QTest::newRow("when possible, all have certificates")
            << toAndCc << possible("block", false) << netscape + strataware << encrypt << false
            << possibleRule << none << none << possibleTrail;
    QTest::newRow("when possible, all have certificates, signed")
            << toAndCc << possible("clear", true) << netscape + strataware << signEncrypt << false
            << possibleRule << none << none << possibleTrail;
    QTest::newRow("when possible, else clear")
            << toAndCc << possible("clear", false) << netscape << clear << false << possibleRule
            << none << none << possibleTrail;
    QTest::newRow("when possible, else clear and signed")
            << toAndCc << possible("clear", true) << netscape << sign << false << possibleRule
            << none << none << possibleTrail;
    QTest::newRow("when possible, else split")
            << toAndCc << possible("split", false) << netscape << encrypt << false << possibleRule
            << none << strataware << possibleTrail;
    QTest::newRow("when possible, else split and signed")
            << toAndCc << possible("split", true) << strataware << signEncrypt << false
            << possibleRule << none << netscape << possibleTrail;
    QTest::newRow("when possible, else split, nobody has a certificate")
            << toAndCc << possible("split", false) << none << clear << false << possibleRule << none
            << none << possibleTrail;
    QTest::newRow("when possible, else block")
            << toAndCc << possible("block", true) << netscape << block << false << possibleRule
            << strataware << none << possibleTrail;
}

void TestPolicyEngine::decisions()
{
    POSTERN_REQUIRE_CORPUS();
    QFETCH(QString, source);
    QFETCH(QByteArray, policy);
    QFETCH(QStringList, certificates);
    QFETCH(QString, action);
    QFETCH(bool, convert);
    QFETCH(QString, rule);
    QFETCH(QStringList, withoutCertificate);
    QFETCH(QStringList, clearRecipients);
    QFETCH(QStringList, trail);

    const QByteArray message = loadMessage(source);
    QVERIFY2(!message.isEmpty(), qPrintable(source));
    const auto facts = factsOf(message);
    QVERIFY(facts.has_value());
    const auto parsed = parsePolicy(policy);
    QVERIFY2(parsed.has_value(),
             qPrintable(parsed.error().field + QLatin1Char(' ') + parsed.error().reason));

    const Decision decision = decide(*parsed, *facts, certificatesFor(certificates));
    QCOMPARE(toString(decision.action), action);
    QCOMPARE(decision.convertInvitation, convert);
    QCOMPARE(decision.rule, rule);
    QCOMPARE(decision.recipientsWithoutCertificate, withoutCertificate);
    QCOMPARE(decision.clearRecipients, clearRecipients);
    QCOMPARE(trailOf(decision), trail);
    const bool encrypting =
            decision.action == Outcome::Encrypt || decision.action == Outcome::SignEncrypt;
    QCOMPARE(decision.mustRefuse(),
             decision.action == Outcome::Block || (encrypting && !withoutCertificate.isEmpty()));
    if (decision.action == Outcome::Block) {
        QVERIFY(!decision.reason.isEmpty());
    }

    const QJsonObject json = toJson(decision);
    QCOMPARE(json.value(QLatin1String("action")).toString(), action);
    QCOMPARE(json.value(QLatin1String("rule")).toString(), rule);
    QCOMPARE(json.value(QLatin1String("trail")).toArray().size(), trail.size());
}

void TestPolicyEngine::templates_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QStringList>("domains");
    QTest::addColumn<int>("fallback");
    QTest::addColumn<QString>("source");
    QTest::addColumn<QStringList>("certificates");
    QTest::addColumn<QString>("action");
    QTest::addColumn<bool>("convert");
    QTest::addColumn<QString>("rule");
    QTest::addColumn<QStringList>("withoutCertificate");
    QTest::addColumn<QStringList>("clearRecipients");
    QTest::addColumn<QStringList>("trail");

    const QStringList none;
    const int clearFallback = int(Fallback::Clear);
    const QStringList homer{QStringLiteral("homer@example.org")};
    const QStringList netscape{QStringLiteral("repka@netscape.com"),
                               QStringLiteral("jwz@netscape.com")};
    const QStringList strataware{QStringLiteral("smime@strataware.com"),
                                 QStringLiteral("rosenqui@strataware.com")};

    const QString inClear = QStringLiteral("invitations-in-clear");
    QTest::newRow("in clear: Exchange invitation")
            << inClear << none << clearFallback << outlookInvite << none << QStringLiteral("clear")
            << false << QStringLiteral("Invitations in clear") << none << none
            << QStringList{QStringLiteral("+Invitations in clear")};
    QTest::newRow("in clear: Google invitation")
            << inClear << none << clearFallback << googleInvite << none << QStringLiteral("clear")
            << false << QStringLiteral("Invitations in clear") << none << none
            << QStringList{QStringLiteral("+Invitations in clear")};
    QTest::newRow("in clear: single-part invitation")
            << inClear << none << clearFallback << singlePartInvite << none
            << QStringLiteral("clear") << false << QStringLiteral("Invitations in clear") << none
            << none << QStringList{QStringLiteral("+Invitations in clear")};
    QTest::newRow("in clear: forwarded invitation is encrypted")
            << inClear << none << clearFallback << forwardedInvite
            << QStringList{QStringLiteral("colleague@example.net")}
            << QStringLiteral("sign-encrypt") << false << QStringLiteral("Encrypt the rest") << none
            << none
            << QStringList{QStringLiteral("-Invitations in clear"),
                           QStringLiteral("+Encrypt the rest")};
    QTest::newRow("in clear: .ics file is encrypted")
            << inClear << none << clearFallback << icsAttached << none
            << QStringLiteral("sign-encrypt") << false << QStringLiteral("Encrypt the rest")
            << QStringList{QStringLiteral("john.doe@example.com")} << none
            << QStringList{QStringLiteral("-Invitations in clear"),
                           QStringLiteral("+Encrypt the rest")};

    const QString asIcs = QStringLiteral("invitations-as-ics");
    QTest::newRow("as .ics: Thunderbird invitation")
            << asIcs << none << clearFallback << singleEvent
            << QStringList{QStringLiteral("receiver@example.com")} << QStringLiteral("sign-encrypt")
            << true << QStringLiteral("Invitations as .ics attachments") << none << none
            << QStringList{QStringLiteral("+Invitations as .ics attachments")};
    QTest::newRow("as .ics: Exchange invitation, no certificate")
            << asIcs << none << clearFallback << outlookInvite << none
            << QStringLiteral("sign-encrypt") << true
            << QStringLiteral("Invitations as .ics attachments") << homer << none
            << QStringList{QStringLiteral("+Invitations as .ics attachments")};
    QTest::newRow("as .ics: invitation in multipart/related, one certificate of two")
            << asIcs << none << clearFallback << relatedInvite
            << QStringList{QStringLiteral("foo3@example.com")} << QStringLiteral("sign-encrypt")
            << true << QStringLiteral("Invitations as .ics attachments")
            << QStringList{QStringLiteral("foo2@example.com")} << none
            << QStringList{QStringLiteral("+Invitations as .ics attachments")};
    QTest::newRow("as .ics: forwarded invitation")
            << asIcs << none << clearFallback << forwardedInvite << none
            << QStringLiteral("sign-encrypt") << false << QStringLiteral("Encrypt the rest")
            << QStringList{QStringLiteral("colleague@example.net")} << none
            << QStringList{QStringLiteral("-Invitations as .ics attachments"),
                           QStringLiteral("+Encrypt the rest")};
    QTest::newRow("as .ics: plain text")
            << asIcs << none << clearFallback << plainMail
            << QStringList{QStringLiteral("recipient@example.invalid")}
            << QStringLiteral("sign-encrypt") << false << QStringLiteral("Encrypt the rest") << none
            << none
            << QStringList{QStringLiteral("-Invitations as .ics attachments"),
                           QStringLiteral("+Encrypt the rest")};

    const QString everything = QStringLiteral("encrypt-everything");
    QTest::newRow("encrypt everything: invitation")
            << everything << none << clearFallback << outlookInvite << homer
            << QStringLiteral("sign-encrypt") << false << QStringLiteral("Encrypt everything")
            << none << none << QStringList{QStringLiteral("+Encrypt everything")};
    QTest::newRow("encrypt everything: two without certificates")
            << everything << none << clearFallback << toAndCc << netscape
            << QStringLiteral("sign-encrypt") << false << QStringLiteral("Encrypt everything")
            << strataware << none << QStringList{QStringLiteral("+Encrypt everything")};

    const QString signing = QStringLiteral("sign-everything");
    QTest::newRow("sign everything: invitation")
            << signing << none << clearFallback << singleEvent << none << QStringLiteral("sign")
            << false << QStringLiteral("Sign everything") << none << none
            << QStringList{QStringLiteral("+Sign everything")};
    QTest::newRow("sign everything: large newsletter")
            << signing << none << clearFallback << newsletter << none << QStringLiteral("sign")
            << false << QStringLiteral("Sign everything") << none << none
            << QStringList{QStringLiteral("+Sign everything")};

    // One listed recipient is enough to encrypt the whole message, so every recipient then
    // needs a certificate.
    const QString domains = QStringLiteral("encrypt-domains");
    QTest::newRow("domains: one recipient listed")
            << domains << QStringList{QStringLiteral("Netscape.com")} << clearFallback << toAndCc
            << netscape << QStringLiteral("encrypt") << false
            << QStringLiteral("Encrypt to listed domains") << strataware << none
            << QStringList{QStringLiteral("+Encrypt to listed domains")};
    QTest::newRow("domains: listed domains in To and Cc")
            << domains << QStringList{QStringLiteral("entrust.com"), QStringLiteral("rsa.com")}
            << clearFallback << manyCc
            << QStringList{QStringLiteral("smime-dev@rsa.com"),
                           QStringLiteral("rosenqui@strataware.com"),
                           QStringLiteral("rangerm@entrust.com"),
                           QStringLiteral("rvander@entrust.com")}
            << QStringLiteral("encrypt") << false << QStringLiteral("Encrypt to listed domains")
            << none << none << QStringList{QStringLiteral("+Encrypt to listed domains")};
    QTest::newRow("domains: nobody listed")
            << domains << QStringList{QStringLiteral("example.com")} << clearFallback << toAndCc
            << none << QStringLiteral("clear") << false << defaultRuleName() << none << none
            << QStringList{QStringLiteral("-Encrypt to listed domains"),
                           QStringLiteral("+default")};

    const QString possible = QStringLiteral("encrypt-when-possible");
    QTest::newRow("when possible: everyone has a certificate")
            << possible << none << int(Fallback::Block) << toAndCc << netscape + strataware
            << QStringLiteral("encrypt") << false << QStringLiteral("Encrypt when possible") << none
            << none << QStringList{QStringLiteral("+Encrypt when possible")};
    QTest::newRow("when possible: else clear")
            << possible << none << int(Fallback::Clear) << toAndCc << netscape
            << QStringLiteral("clear") << false << QStringLiteral("Encrypt when possible") << none
            << none << QStringList{QStringLiteral("+Encrypt when possible")};
    QTest::newRow("when possible: else split")
            << possible << none << int(Fallback::Split) << toAndCc << netscape
            << QStringLiteral("encrypt") << false << QStringLiteral("Encrypt when possible") << none
            << strataware << QStringList{QStringLiteral("+Encrypt when possible")};
    QTest::newRow("when possible: else block")
            << possible << none << int(Fallback::Block) << toAndCc << netscape
            << QStringLiteral("block") << false << QStringLiteral("Encrypt when possible")
            << strataware << none << QStringList{QStringLiteral("+Encrypt when possible")};
}

void TestPolicyEngine::templates()
{
    POSTERN_REQUIRE_CORPUS();
    QFETCH(QString, name);
    QFETCH(QStringList, domains);
    QFETCH(int, fallback);
    QFETCH(QString, source);
    QFETCH(QStringList, certificates);
    QFETCH(QString, action);
    QFETCH(bool, convert);
    QFETCH(QString, rule);
    QFETCH(QStringList, withoutCertificate);
    QFETCH(QStringList, clearRecipients);
    QFETCH(QStringList, trail);

    QVERIFY(templateNames().contains(name));
    QVERIFY(!templateSummary(name).isEmpty());
    TemplateOptions options;
    options.domains = domains;
    options.fallback = static_cast<Fallback>(fallback);
    const auto made = makeTemplate(name, options);
    QVERIFY2(made.has_value(), qPrintable(made.error().reason));
    QCOMPARE(made->templateName, name);

    const QByteArray message = loadMessage(source);
    QVERIFY2(!message.isEmpty(), qPrintable(source));
    const auto facts = factsOf(message);
    QVERIFY(facts.has_value());

    const Decision decision = decide(*made, *facts, certificatesFor(certificates));
    QCOMPARE(toString(decision.action), action);
    QCOMPARE(decision.convertInvitation, convert);
    QCOMPARE(decision.rule, rule);
    QCOMPARE(decision.recipientsWithoutCertificate, withoutCertificate);
    QCOMPARE(decision.clearRecipients, clearRecipients);
    QCOMPARE(trailOf(decision), trail);

    // The template saved and read back decides the same way.
    const auto reread = policyFromJson(toJson(*made), QString());
    QVERIFY2(reread.has_value(),
             qPrintable(reread.error().field + QLatin1Char(' ') + reread.error().reason));
    QCOMPARE(toJson(*reread), toJson(*made));
    QCOMPARE(toJson(decide(*reread, *facts, certificatesFor(certificates))), toJson(decision));
}

void TestPolicyEngine::templateProblems_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QStringList>("domains");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("reason");

    QTest::newRow("unknown template")
            << QStringLiteral("encrypt-some") << QStringList() << QStringLiteral("template")
            << QStringLiteral("unknown template 'encrypt-some' (known: invitations-in-clear, "
                              "invitations-as-ics, encrypt-everything, sign-everything, "
                              "encrypt-domains, encrypt-when-possible)");
    QTest::newRow("domains without a domain")
            << QStringLiteral("encrypt-domains") << QStringList() << QStringLiteral("domains")
            << QStringLiteral("encrypt-domains needs at least one domain");
    QTest::newRow("domains given an address")
            << QStringLiteral("encrypt-domains")
            << QStringList{QStringLiteral("example.com"), QStringLiteral("bob@example.com")}
            << QStringLiteral("domains") << QStringLiteral("'bob@example.com' is not a domain");
}

void TestPolicyEngine::templateProblems()
{
    QFETCH(QString, name);
    QFETCH(QStringList, domains);
    QFETCH(QString, field);
    QFETCH(QString, reason);
    TemplateOptions options;
    options.domains = domains;
    const auto made = makeTemplate(name, options);
    QVERIFY(!made.has_value());
    QCOMPARE(made.error().field, field);
    QCOMPARE(made.error().reason, reason);
}

void TestPolicyEngine::problems_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("reason"); // the start of the reason

    const auto oneRule = [](const QByteArray &conditions, const QByteArray &action) -> QByteArray {
        return R"({"rules": [{"name": "first", "action": {"type": "clear"}},
                             {"name": "second", "conditions": )"
               + conditions + R"(, "action": )" + action + "}]}";
    };
    const auto condition = [&oneRule](const QByteArray &json) -> QByteArray {
        return oneRule("[{\"type\": \"subject\", \"value\": \"x\"}, " + json + "]",
                       R"({"type": "clear"})");
    };
    const QByteArray clear = R"({"type": "clear"})";

    QTest::newRow("unknown condition type")
            << condition(R"({"type": "recipient"})")
            << QStringLiteral("rules[1].conditions[1].type")
            << QStringLiteral("'recipient' is not one of: header, invitation, recipient-address, "
                              "recipient-domain, sender-address, sender-domain, "
                              "recipients-have-certificates, subject, attachment, size-above");
    QTest::newRow("condition without a type")
            << condition(R"({"value": "x"})") << QStringLiteral("rules[1].conditions[1].type")
            << QStringLiteral("is missing");
    QTest::newRow("condition not an object")
            << condition(R"("subject")") << QStringLiteral("rules[1].conditions[1]")
            << QStringLiteral("must be an object with a \"type\"");
    QTest::newRow("header without a value")
            << condition(R"({"type": "header", "header": "X-Mailer"})")
            << QStringLiteral("rules[1].conditions[1].value") << QStringLiteral("is missing");
    QTest::newRow("header without a name")
            << condition(R"({"type": "header", "value": "x"})")
            << QStringLiteral("rules[1].conditions[1].header") << QStringLiteral("is missing");
    QTest::newRow("header name with a colon")
            << condition(R"({"type": "header", "header": "Subject: x", "value": "x"})")
            << QStringLiteral("rules[1].conditions[1].header")
            << QStringLiteral("must be a header field name");
    QTest::newRow("bad regular expression")
            << condition(R"({"type": "subject", "match": "regex", "value": "(unclosed"})")
            << QStringLiteral("rules[1].conditions[1].value")
            << QStringLiteral("is not a valid regular expression: ");
    QTest::newRow("unknown text match")
            << condition(R"({"type": "subject", "match": "like", "value": "x"})")
            << QStringLiteral("rules[1].conditions[1].match")
            << QStringLiteral("'like' is not one of: contains, equals, regex");
    QTest::newRow("value not a string")
            << condition(R"({"type": "subject", "value": 42})")
            << QStringLiteral("rules[1].conditions[1].value") << QStringLiteral("must be a string");
    QTest::newRow("caseSensitive not a boolean")
            << condition(R"({"type": "subject", "value": "x", "caseSensitive": "yes"})")
            << QStringLiteral("rules[1].conditions[1].caseSensitive")
            << QStringLiteral("must be true or false");
    QTest::newRow("not, not a boolean") << condition(R"({"type": "invitation", "not": 1})")
                                        << QStringLiteral("rules[1].conditions[1].not")
                                        << QStringLiteral("must be true or false");
    QTest::newRow("methods not a list")
            << condition(R"({"type": "invitation", "methods": "REQUEST"})")
            << QStringLiteral("rules[1].conditions[1].methods")
            << QStringLiteral("must be a list of strings");
    QTest::newRow("method not a string")
            << condition(R"({"type": "invitation", "methods": ["REQUEST", 2]})")
            << QStringLiteral("rules[1].conditions[1].methods[1]")
            << QStringLiteral("must be a string");
    QTest::newRow("empty address list")
            << condition(R"({"type": "recipient-address", "values": []})")
            << QStringLiteral("rules[1].conditions[1].values")
            << QStringLiteral("needs at least one entry");
    QTest::newRow("missing address list") << condition(R"({"type": "sender-address"})")
                                          << QStringLiteral("rules[1].conditions[1].values")
                                          << QStringLiteral("needs at least one entry");
    QTest::newRow("domain where an address belongs")
            << condition(R"({"type": "recipient-address", "values": ["a@example.com",
                                                                     "example.com"]})")
            << QStringLiteral("rules[1].conditions[1].values")
            << QStringLiteral("'example.com' is not an address");
    QTest::newRow("domain where a sender address belongs")
            << condition(R"({"type": "sender-address", "values": ["example.com"]})")
            << QStringLiteral("rules[1].conditions[1].values")
            << QStringLiteral("'example.com' is not an address");
    QTest::newRow("address where a domain belongs")
            << condition(R"({"type": "sender-domain", "values": ["a@example.com"]})")
            << QStringLiteral("rules[1].conditions[1].values")
            << QStringLiteral("'a@example.com' is not a domain");
    QTest::newRow("blank entry") << condition(R"({"type": "recipient-domain", "values": [" "]})")
                                 << QStringLiteral("rules[1].conditions[1].values")
                                 << QStringLiteral("' ' is not a domain");
    QTest::newRow("values not a list")
            << condition(R"({"type": "recipient-domain", "values": "example.com"})")
            << QStringLiteral("rules[1].conditions[1].values")
            << QStringLiteral("must be a list of strings");
    QTest::newRow("unknown quantifier")
            << condition(R"({"type": "recipient-domain", "values": ["example.com"],
                             "recipients": "most"})")
            << QStringLiteral("rules[1].conditions[1].recipients")
            << QStringLiteral("'most' is not one of: any, all");
    QTest::newRow("size without bytes")
            << condition(R"({"type": "size-above"})")
            << QStringLiteral("rules[1].conditions[1].bytes") << QStringLiteral("is missing");
    QTest::newRow("size negative") << condition(R"({"type": "size-above", "bytes": -1})")
                                   << QStringLiteral("rules[1].conditions[1].bytes")
                                   << QStringLiteral("must be a whole number from 0 to 2147483647");
    QTest::newRow("size fractional")
            << condition(R"({"type": "size-above", "bytes": 1.5})")
            << QStringLiteral("rules[1].conditions[1].bytes")
            << QStringLiteral("must be a whole number from 0 to 2147483647");
    QTest::newRow("size as text") << condition(R"({"type": "size-above", "bytes": "1000"})")
                                  << QStringLiteral("rules[1].conditions[1].bytes")
                                  << QStringLiteral("must be a whole number from 0 to 2147483647");
    QTest::newRow("attachment type not a string")
            << condition(R"({"type": "attachment", "mimeType": ["application/pdf"]})")
            << QStringLiteral("rules[1].conditions[1].mimeType")
            << QStringLiteral("must be a string");

    QTest::newRow("conditions not a list")
            << oneRule(R"({"type": "invitation"})", clear) << QStringLiteral("rules[1].conditions")
            << QStringLiteral("must be a list of conditions");
    QTest::newRow("unknown action")
            << oneRule("[]", R"({"type": "encrypt-maybe"})")
            << QStringLiteral("rules[1].action.type")
            << QStringLiteral("'encrypt-maybe' is not one of: encrypt, sign, sign-encrypt, clear, "
                              "block, convert-invitation, encrypt-when-possible");
    QTest::newRow("action missing") << QByteArray(R"({"rules": [{"name": "no action"}]})")
                                    << QStringLiteral("rules[0].action")
                                    << QStringLiteral("must be an object with a \"type\"");
    QTest::newRow("action as text")
            << oneRule("[]", R"("clear")") << QStringLiteral("rules[1].action")
            << QStringLiteral("must be an object with a \"type\"");
    QTest::newRow("unknown fallback")
            << oneRule("[]", R"({"type": "encrypt-when-possible", "otherwise": "drop"})")
            << QStringLiteral("rules[1].action.otherwise")
            << QStringLiteral("'drop' is not one of: clear, split, block");
    QTest::newRow("sign not a boolean")
            << oneRule("[]", R"({"type": "encrypt-when-possible", "sign": "true"})")
            << QStringLiteral("rules[1].action.sign") << QStringLiteral("must be true or false");
    QTest::newRow("reason not a string")
            << oneRule("[]", R"({"type": "block", "reason": false})")
            << QStringLiteral("rules[1].action.reason") << QStringLiteral("must be a string");
    QTest::newRow("convert-invitation told to convert")
            << oneRule("[]", R"({"type": "convert-invitation", "convertInvitation": true})")
            << QStringLiteral("rules[1].action.convertInvitation")
            << QStringLiteral("is implied by convert-invitation");
    QTest::newRow("convert-invitation as the default")
            << QByteArray(R"({"rules": [], "default": {"type": "convert-invitation"}})")
            << QStringLiteral("default.type")
            << QStringLiteral("the default action must decide; use convertInvitation with another "
                              "type");
    QTest::newRow("default not an object")
            << QByteArray(R"({"default": "encrypt"})") << QStringLiteral("default")
            << QStringLiteral("must be an object with a \"type\"");

    QTest::newRow("rule without a name")
            << QByteArray(R"({"rules": [{"action": {"type": "clear"}}]})")
            << QStringLiteral("rules[0].name") << QStringLiteral("is missing");
    QTest::newRow("rule with a blank name")
            << QByteArray(R"({"rules": [{"name": "  ", "action": {"type": "clear"}}]})")
            << QStringLiteral("rules[0].name") << QStringLiteral("must not be empty");
    QTest::newRow("duplicate rule names, any case")
            << QByteArray(R"({"rules": [{"name": "Invitations", "action": {"type": "clear"}},
                                        {"name": "other", "action": {"type": "clear"}},
                                        {"name": "invitations ", "action": {"type": "sign"}}]})")
            << QStringLiteral("rules[2].name")
            << QStringLiteral("'invitations' names two rules; rule names must differ");
    QTest::newRow("enabled not a boolean")
            << QByteArray(R"({"rules": [{"name": "a", "enabled": "no",
                                         "action": {"type": "clear"}}]})")
            << QStringLiteral("rules[0].enabled") << QStringLiteral("must be true or false");
    QTest::newRow("unknown join") << QByteArray(R"({"rules": [{"name": "a", "match": "some-of",
                                         "action": {"type": "clear"}}]})")
                                  << QStringLiteral("rules[0].match")
                                  << QStringLiteral("'some-of' is not one of: all-of, any-of");
    QTest::newRow("rule not an object")
            << QByteArray(R"({"rules": [["clear"]]})") << QStringLiteral("rules[0]")
            << QStringLiteral("must be an object");
    QTest::newRow("rules not a list")
            << QByteArray(R"({"rules": {"name": "a"}})") << QStringLiteral("rules")
            << QStringLiteral("must be a list of rules");
    QTest::newRow("template not a string")
            << QByteArray(R"({"template": 3})") << QStringLiteral("template")
            << QStringLiteral("must be a string");
}

void TestPolicyEngine::problems()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, field);
    QFETCH(QString, reason);

    const auto bare = parsePolicy(json);
    QVERIFY(!bare.has_value());
    QCOMPARE(bare.error().field, field);
    QVERIFY2(bare.error().reason.startsWith(reason), qPrintable(bare.error().reason));

    // Inside an accounts file the same place is named from the file's top.
    const QString prefix = QStringLiteral("accounts[2].policy");
    const auto nested = parsePolicy(json, prefix);
    QVERIFY(!nested.has_value());
    QCOMPARE(nested.error().field, prefix + QLatin1Char('.') + field);
    QCOMPARE(nested.error().reason, bare.error().reason);
}

void TestPolicyEngine::roundTrip_data()
{
    QTest::addColumn<QByteArray>("json");

    // Written the way toJson writes, so that reading and writing again gives the same object;
    // the x- fields stand for what a newer version may add at each level.
    QTest::newRow("every condition and action, unknown fields everywhere") << QByteArray(R"({
        "template": "encrypt-domains", "x-policy": {"kept": [1, 2]},
        "rules": [
          {"name": "calendar", "match": "any-of", "x-rule": "kept",
           "conditions": [
             {"type": "header", "header": "content-type", "match": "regex",
              "value": "^text/calendar", "caseSensitive": true, "x-condition": 1},
             {"type": "invitation", "methods": ["REQUEST", "CANCEL"], "not": true},
             {"type": "invitation"}],
           "action": {"type": "convert-invitation", "x-action": null}},
          {"name": "partners", "enabled": false, "match": "all-of",
           "conditions": [
             {"type": "recipient-domain", "recipients": "all",
              "values": ["example.com", "*.example.org"]},
             {"type": "recipient-address", "recipients": "any", "values": ["a@example.net"]},
             {"type": "sender-address", "values": ["boss@example.com"]},
             {"type": "sender-domain", "values": ["example.com"], "x-condition": "s"},
             {"type": "recipients-have-certificates"},
             {"type": "subject", "match": "equals", "value": "Quarterly"},
             {"type": "subject", "match": "contains", "value": "secret"},
             {"type": "attachment", "mimeType": "application/*", "fileName": "*.pdf"},
             {"type": "attachment"},
             {"type": "size-above", "bytes": 1048576}],
           "action": {"type": "encrypt-when-possible", "sign": true, "otherwise": "split",
                      "x-action": {"deep": true}}},
          {"name": "big", "match": "all-of", "conditions": [],
           "action": {"type": "block", "reason": "too large"}},
          {"name": "signed", "match": "all-of", "conditions": [],
           "action": {"type": "sign-encrypt", "convertInvitation": true}}],
        "default": {"type": "sign", "x-default": "kept"}})");
    QTest::newRow("only a default") << QByteArray(R"({"rules": [],
        "default": {"type": "encrypt-when-possible", "sign": false, "otherwise": "block"}})");
}

void TestPolicyEngine::roundTrip()
{
    QFETCH(QByteArray, json);
    const QJsonObject written = jsonObject(json);
    QVERIFY(!written.isEmpty());
    const auto policy = policyFromJson(written, QString());
    QVERIFY2(policy.has_value(),
             qPrintable(policy.error().field + QLatin1Char(' ') + policy.error().reason));
    QCOMPARE(toJson(*policy), written);
    const auto again = policyFromJson(toJson(*policy), QString());
    QVERIFY(again.has_value());
    QCOMPARE(toJson(*again), written);
}

// Address and domain lists are kept in the form the engine compares (the certificate store's),
// and a saved policy names an internationalised domain by its U-label whichever form was
// written, so that people can read it; reading it again gives the same compared form.
void TestPolicyEngine::domainsInOneForm()
{
    const auto policy = parsePolicy(R"({"rules": [{"name": "idn", "conditions": [
        {"type": "recipient-domain", "values": ["XN--BCHER-KVA.fr", "*.Xn--Bcher-Kva.Example."]},
        {"type": "sender-address", "values": ["<Boss@XN--BCHER-KVA.fr>"]}],
        "action": {"type": "encrypt"}}]})");
    QVERIFY(policy.has_value());
    const QList<Condition> &conditions = policy->rules.first().conditions;
    QCOMPARE(conditions.at(0).values, (QStringList{QStringLiteral("xn--bcher-kva.fr"),
                                                   QStringLiteral("*.xn--bcher-kva.example")}));
    QCOMPARE(conditions.at(1).values, QStringList{QStringLiteral("boss@xn--bcher-kva.fr")});
    const QJsonObject written = toJson(*policy);
    const QJsonArray rules = written.value(QLatin1String("rules")).toArray();
    const QJsonArray saved = rules.at(0).toObject().value(QLatin1String("conditions")).toArray();
    QCOMPARE(saved.at(0).toObject().value(QLatin1String("values")).toArray().toVariantList(),
             (QVariantList{QStringLiteral("b\u00fccher.fr"),
                           QStringLiteral("*.b\u00fccher.example")}));
    QCOMPARE(saved.at(1).toObject().value(QLatin1String("values")).toArray().toVariantList(),
             QVariantList{QStringLiteral("boss@b\u00fccher.fr")});
    const auto reread = policyFromJson(written, QString());
    QVERIFY(reread.has_value());
    QCOMPARE(toJson(*reread), written);
}

QTEST_GUILESS_MAIN(TestPolicyEngine)
#include "tst_policyengine.moc"
