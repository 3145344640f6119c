// The policy wizard run as a person runs it, page by page: the rules it saves are compared
// with what the templates make, and the saved policy is asked what it decides for sample
// messages (an invitation, a plain message, recipients with and without a certificate).

#include "core/policy/AccountsFile.h"
#include "core/policy/PolicyEngine.h"
#include "core/policy/Templates.h"
#include "ui/AppContext.h"
#include "ui/PolicyWizard.h"

#include <QAbstractButton>
#include <QButtonGroup>
#include <QJsonDocument>
#include <QPlainTextEdit>
#include <QTemporaryDir>
#include <QTest>

using namespace Postern;
using Ui::PolicyWizard;
using Ui::WizardChoices;

Q_DECLARE_METATYPE(WizardChoices::Scope)
Q_DECLARE_METATYPE(WizardChoices::Invitations)
Q_DECLARE_METATYPE(Policy::Fallback)

namespace {

// Field by field, so that fields added to Server later need no change here.
Policy::Server server(const QString &host, quint16 port, Policy::Security security)
{
    Policy::Server made;
    made.host = host;
    made.port = port;
    made.security = security;
    return made;
}

const QString accountName = QStringLiteral("Work");

// A meeting request as Outlook writes it from an IMAP account (single text/calendar body).
QByteArray invitationTo(const QString &recipient)
{
    return QStringLiteral("From: alice@example.com\r\nTo: %1\r\nSubject: Planning\r\n"
                          "MIME-Version: 1.0\r\n"
                          "Content-Type: text/calendar; method=REQUEST; charset=\"utf-8\"\r\n\r\n"
                          "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\n"
                          "METHOD:REQUEST\r\nBEGIN:VEVENT\r\nUID:plan-1@example.com\r\n"
                          "DTSTAMP:20261201T090000Z\r\nDTSTART:20261210T090000Z\r\n"
                          "DTEND:20261210T100000Z\r\nSUMMARY:Planning\r\n"
                          "ORGANIZER:mailto:alice@example.com\r\n"
                          "ATTENDEE;PARTSTAT=NEEDS-ACTION:mailto:%1\r\n"
                          "END:VEVENT\r\nEND:VCALENDAR\r\n")
            .arg(recipient)
            .toUtf8();
}

QByteArray plainTo(const QString &recipient)
{
    return QStringLiteral("From: alice@example.com\r\nTo: %1\r\nSubject: Figures\r\n"
                          "MIME-Version: 1.0\r\nContent-Type: text/plain\r\n\r\nHello\r\n")
            .arg(recipient)
            .toUtf8();
}

// bob@partner.example has a certificate, eve@other.example has none.
Policy::Decision decide(const Policy::Policy &policy, const QByteArray &message)
{
    auto facts = Policy::factsOf(message);
    if (!facts) {
        qFatal("sample message not read");
    }
    return Policy::decide(policy, *facts, [](const QString &address) {
        return address == QLatin1String("bob@partner.example");
    });
}

QString outcomeOf(const Policy::Decision &decision)
{
    QString text = Policy::toString(decision.action);
    if (decision.convertInvitation) {
        text += QStringLiteral("+ics");
    }
    if (decision.mustRefuse()) {
        text += QStringLiteral("+refused");
    }
    if (!decision.clearRecipients.isEmpty()) {
        text += QStringLiteral("+clearcopy");
    }
    return text;
}

QByteArray normalised(const Policy::Policy &policy)
{
    // Both sides pass through the file's reader so that spelling differences do not count.
    auto read = Policy::policyFromJson(Policy::toJson(policy), QString());
    if (!read) {
        qFatal("policy does not read back");
    }
    return QJsonDocument(Policy::toJson(*read)).toJson(QJsonDocument::Compact);
}

} // namespace

class TestPolicyWizard : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void endToEnd_data();
    void endToEnd();
    void signOnlySkipsInvitationQuestions();
    void domainsAreRequired();
    void brokenAccountsFileIsNotOverwritten();

private:
    void choose(QButtonGroup *group, int id);
    std::unique_ptr<QTemporaryDir> m_dir;
    Ui::AppContext m_context;
};

void TestPolicyWizard::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_context = {};
    m_context.profileDirectory = m_dir->path();
    Policy::Configuration configuration;
    Policy::Account account;
    account.name = accountName;
    account.addresses = {QStringLiteral("alice@example.com")};
    account.imap = server(QStringLiteral("imap.example.com"), 993, Policy::Security::Tls);
    account.smtp = server(QStringLiteral("smtp.example.com"), 465, Policy::Security::Tls);
    account.imapListen = 20143;
    account.smtpListen = 20587;
    account.policy = *Policy::makeTemplate(QStringLiteral("encrypt-when-possible"));
    configuration.accounts.append(account);
    QVERIFY(Policy::AccountsFile::inProfile(m_dir->path()).save(configuration));
}

void TestPolicyWizard::choose(QButtonGroup *group, int id)
{
    QAbstractButton *button = group->button(id);
    QVERIFY(button != nullptr);
    // As a person does it: focus the choice and press space.
    button->setFocus();
    QTest::keyClick(button, Qt::Key_Space);
    QCOMPARE(group->checkedId(), id);
}

void TestPolicyWizard::endToEnd_data()
{
    QTest::addColumn<WizardChoices::Scope>("scope");
    QTest::addColumn<WizardChoices::Invitations>("invitations");
    QTest::addColumn<QString>("domains");
    QTest::addColumn<Policy::Fallback>("fallback");
    QTest::addColumn<QString>("expectedTemplate"); // the template the rules must equal, if any
    // What the saved policy decides for: invitation to bob, invitation to eve, plain to bob,
    // plain to eve (bob has a certificate, eve none).
    QTest::addColumn<QStringList>("decisions");

    using S = WizardChoices::Scope;
    using I = WizardChoices::Invitations;
    using F = Policy::Fallback;
    QTest::newRow("everything, invitations in clear, refuse")
            << S::Everything << I::InClear << QString() << F::Block
            << QStringLiteral("invitations-in-clear")
            << QStringList{QStringLiteral("clear"), QStringLiteral("clear"),
                           QStringLiteral("sign-encrypt"), QStringLiteral("sign-encrypt+refused")};
    QTest::newRow("everything, invitations as .ics, refuse")
            << S::Everything << I::AsIcs << QString() << F::Block
            << QStringLiteral("invitations-as-ics")
            << QStringList{QStringLiteral("sign-encrypt+ics"),
                           QStringLiteral("sign-encrypt+ics+refused"),
                           QStringLiteral("sign-encrypt"), QStringLiteral("sign-encrypt+refused")};
    QTest::newRow("everything, invitations encrypted, refuse")
            << S::Everything << I::Encrypted << QString() << F::Block
            << QStringLiteral("encrypt-everything")
            << QStringList{QStringLiteral("sign-encrypt"), QStringLiteral("sign-encrypt+refused"),
                           QStringLiteral("sign-encrypt"), QStringLiteral("sign-encrypt+refused")};
    QTest::newRow("everything, invitations encrypted, clear copy")
            << S::Everything << I::Encrypted << QString() << F::Split
            << QStringLiteral("encrypt-when-possible:split")
            << QStringList{QStringLiteral("encrypt"), QStringLiteral("clear"),
                           QStringLiteral("encrypt"), QStringLiteral("clear")};
    QTest::newRow("everything, invitations in clear, send in clear")
            << S::Everything << I::InClear << QString() << F::Clear << QString()
            << QStringList{QStringLiteral("clear"), QStringLiteral("clear"),
                           QStringLiteral("sign-encrypt"), QStringLiteral("sign")};
    QTest::newRow("domains, invitations in clear, refuse")
            << S::Domains << I::InClear << QStringLiteral("partner.example") << F::Block
            << QString()
            << QStringList{QStringLiteral("clear"), QStringLiteral("clear"),
                           QStringLiteral("encrypt"), QStringLiteral("clear")};
    QTest::newRow("domains, invitations encrypted, refuse")
            << S::Domains << I::Encrypted << QStringLiteral("partner.example\nother.example")
            << F::Block << QStringLiteral("encrypt-domains:partner.example,other.example")
            << QStringList{QStringLiteral("encrypt"), QStringLiteral("encrypt+refused"),
                           QStringLiteral("encrypt"), QStringLiteral("encrypt+refused")};
    QTest::newRow("domains, invitations as .ics, refuse")
            << S::Domains << I::AsIcs << QStringLiteral("partner.example") << F::Block << QString()
            << QStringList{QStringLiteral("encrypt+ics"), QStringLiteral("clear+ics"),
                           QStringLiteral("encrypt"), QStringLiteral("clear")};
}

void TestPolicyWizard::endToEnd()
{
    QFETCH(WizardChoices::Scope, scope);
    QFETCH(WizardChoices::Invitations, invitations);
    QFETCH(QString, domains);
    QFETCH(Policy::Fallback, fallback);
    QFETCH(QString, expectedTemplate);
    QFETCH(QStringList, decisions);

    PolicyWizard wizard(&m_context, accountName);
    wizard.show();
    QVERIFY(QTest::qWaitForWindowExposed(&wizard));
    QCOMPARE(wizard.currentId(), int(PolicyWizard::ProtectPage));
    choose(wizard.scopeGroup(), int(scope));
    wizard.next();
    QCOMPARE(wizard.currentId(), int(PolicyWizard::InvitationsPage));
    choose(wizard.invitationGroup(), int(invitations));
    const QString shots = qEnvironmentVariable("POSTERN_SCREENSHOT_DIR");
    const bool shoot =
            !shots.isEmpty()
            && qstrcmp(QTest::currentDataTag(), "domains, invitations in clear, refuse") == 0;
    if (shoot) {
        wizard.grab().save(shots + QStringLiteral("/policy-wizard-invitations.png"));
    }
    wizard.next();
    if (scope == WizardChoices::Scope::Domains) {
        QCOMPARE(wizard.currentId(), int(PolicyWizard::RecipientsPage));
        wizard.domainsEdit()->setFocus();
        const QStringList lines = domains.split(QLatin1Char('\n'));
        for (const QString &line : lines) {
            QTest::keyClicks(wizard.domainsEdit(), line);
            QTest::keyClick(wizard.domainsEdit(), Qt::Key_Return);
        }
        wizard.next();
    }
    QCOMPARE(wizard.currentId(), int(PolicyWizard::CertificatePage));
    choose(wizard.fallbackGroup(), int(fallback));
    wizard.next();
    QCOMPARE(wizard.currentId(), int(PolicyWizard::SummaryPage));
    QVERIFY(!wizard.wasSaved());
    if (shoot) {
        wizard.grab().save(shots + QStringLiteral("/policy-wizard-summary.png"));
    }
    wizard.next();
    QCOMPARE(wizard.currentId(), int(PolicyWizard::DonePage));
    QVERIFY2(wizard.wasSaved(), qPrintable(wizard.problem()));
    if (shoot) {
        wizard.grab().save(shots + QStringLiteral("/policy-wizard-done.png"));
    }

    // What was saved is what the wizard shows, and nothing else in the file changed.
    const Policy::AccountsFile file = Policy::AccountsFile::inProfile(m_dir->path());
    const Policy::AccountsFile::Loaded loaded = file.load();
    QVERIFY(!loaded.problem);
    const Policy::Account *account = loaded.configuration.find(accountName);
    QVERIFY(account != nullptr);
    QCOMPARE(normalised(account->policy), normalised(wizard.createdPolicy()));
    QCOMPARE(account->smtpListen, quint16(20587));
    QVERIFY(QFile::exists(file.backupPath()));

    if (!expectedTemplate.isEmpty()) {
        Policy::TemplateOptions options;
        const QString name = expectedTemplate.section(QLatin1Char(':'), 0, 0);
        const QString argument = expectedTemplate.section(QLatin1Char(':'), 1);
        if (name == QLatin1String("encrypt-domains")) {
            options.domains = argument.split(QLatin1Char(','));
        } else if (argument == QLatin1String("split")) {
            options.fallback = Policy::Fallback::Split;
        }
        auto expected = Policy::makeTemplate(name, options);
        QVERIFY(expected);
        QCOMPARE(normalised(account->policy), normalised(*expected));
    }

    const QStringList actual = {
            outcomeOf(decide(account->policy, invitationTo(QStringLiteral("bob@partner.example")))),
            outcomeOf(decide(account->policy, invitationTo(QStringLiteral("eve@other.example")))),
            outcomeOf(decide(account->policy, plainTo(QStringLiteral("bob@partner.example")))),
            outcomeOf(decide(account->policy, plainTo(QStringLiteral("eve@other.example")))),
    };
    QCOMPARE(actual, decisions);
}

void TestPolicyWizard::signOnlySkipsInvitationQuestions()
{
    PolicyWizard wizard(&m_context, accountName);
    wizard.show();
    QVERIFY(QTest::qWaitForWindowExposed(&wizard));
    choose(wizard.scopeGroup(), int(WizardChoices::Scope::SignOnly));
    wizard.next();
    QCOMPARE(wizard.currentId(), int(PolicyWizard::SummaryPage));
    wizard.next();
    QVERIFY(wizard.wasSaved());
    const auto loaded = Policy::AccountsFile::inProfile(m_dir->path()).load();
    QCOMPARE(normalised(loaded.configuration.find(accountName)->policy),
             normalised(*Policy::makeTemplate(QStringLiteral("sign-everything"))));
    QCOMPARE(outcomeOf(decide(loaded.configuration.find(accountName)->policy,
                              invitationTo(QStringLiteral("eve@other.example")))),
             QStringLiteral("sign"));
}

void TestPolicyWizard::domainsAreRequired()
{
    PolicyWizard wizard(&m_context, accountName);
    wizard.show();
    QVERIFY(QTest::qWaitForWindowExposed(&wizard));
    choose(wizard.scopeGroup(), int(WizardChoices::Scope::Domains));
    wizard.next();
    wizard.next();
    QCOMPARE(wizard.currentId(), int(PolicyWizard::RecipientsPage));
    wizard.next();
    QCOMPARE(wizard.currentId(), int(PolicyWizard::RecipientsPage));
    QTest::keyClicks(wizard.domainsEdit(), QStringLiteral("not a@domain"));
    wizard.next();
    QCOMPARE(wizard.currentId(), int(PolicyWizard::RecipientsPage));
    wizard.domainsEdit()->setPlainText(QStringLiteral("partner.example"));
    wizard.next();
    QCOMPARE(wizard.currentId(), int(PolicyWizard::CertificatePage));
}

void TestPolicyWizard::brokenAccountsFileIsNotOverwritten()
{
    const QString path = Policy::AccountsFile::inProfile(m_dir->path()).path();
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QByteArray broken = file.readAll();
    file.close();
    broken.replace("\"tls\"", "\"tsl\"");
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(broken);
    file.close();

    PolicyWizard wizard(&m_context, accountName);
    wizard.show();
    QVERIFY(QTest::qWaitForWindowExposed(&wizard));
    wizard.next();
    wizard.next();
    wizard.next();
    QCOMPARE(wizard.currentId(), int(PolicyWizard::SummaryPage));
    wizard.next();
    QCOMPARE(wizard.currentId(), int(PolicyWizard::SummaryPage));
    QVERIFY(!wizard.wasSaved());
    QVERIFY(wizard.problem().contains(QStringLiteral("tsl")));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), broken);
}

QTEST_MAIN(TestPolicyWizard)
#include "tst_policywizard.moc"
