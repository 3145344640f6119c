#include "PolicyWizard.h"

#include "core/policy/Templates.h"
#include "ui/AccountsPage.h"
#include "ui/AppContext.h"
#include "ui/RuleEditor.h"

#include <QAbstractButton>
#include <QButtonGroup>
#include <QCoreApplication>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QRadioButton>
#include <QRegularExpression>
#include <QStyle>
#include <QVBoxLayout>

namespace Postern::Ui {

namespace {

Policy::Rule invitationRule(const QString &name, Policy::ActionKind kind)
{
    Policy::Condition invitation;
    invitation.kind = Policy::ConditionKind::Invitation;
    Policy::Rule rule;
    rule.name = name;
    rule.conditions.append(invitation);
    rule.action.kind = kind;
    return rule;
}

void encryptWhenPossible(Policy::Action &action, Policy::Fallback fallback)
{
    if (action.kind == Policy::ActionKind::Encrypt
        || action.kind == Policy::ActionKind::SignEncrypt) {
        action.sign = action.kind == Policy::ActionKind::SignEncrypt;
        action.kind = Policy::ActionKind::EncryptWhenPossible;
        action.fallback = fallback;
    }
}

// One choice: a radio button with its sentence beneath, indented under it.
QRadioButton *addChoice(QWizardPage *page,
                        QButtonGroup *group,
                        int id,
                        const QString &title,
                        const QString &sentence)
{
    auto *layout = qobject_cast<QVBoxLayout *>(page->layout());
    auto *button = new QRadioButton(title, page);
    button->setObjectName(QStringLiteral("choice-%1").arg(id));
    button->setAccessibleDescription(sentence);
    group->addButton(button, id);
    layout->addWidget(button);
    auto *text = new QLabel(sentence, page);
    text->setWordWrap(true);
    text->setContentsMargins(button->style()->pixelMetric(QStyle::PM_ExclusiveIndicatorWidth) + 8,
                             0, 0, 8);
    layout->addWidget(text);
    return button;
}

QWizardPage *choicePage(const QString &title, const QString &subTitle)
{
    auto *page = new QWizardPage;
    page->setTitle(title);
    page->setSubTitle(subTitle);
    new QVBoxLayout(page);
    return page;
}

} // namespace

Policy::Checked<Policy::Policy> WizardChoices::makePolicy() const
{
    if (scope == Scope::SignOnly) {
        return Policy::makeTemplate(QStringLiteral("sign-everything"));
    }
    if (scope == Scope::Everything && invitations == Invitations::Encrypted
        && withoutCertificate != Policy::Fallback::Block) {
        Policy::TemplateOptions options;
        options.fallback = withoutCertificate;
        return Policy::makeTemplate(QStringLiteral("encrypt-when-possible"), options);
    }
    Policy::Checked<Policy::Policy> made;
    if (scope == Scope::Everything) {
        const QString name =
                invitations == Invitations::InClear ? QStringLiteral("invitations-in-clear")
                : invitations == Invitations::AsIcs ? QStringLiteral("invitations-as-ics")
                                                    : QStringLiteral("encrypt-everything");
        made = Policy::makeTemplate(name);
    } else {
        Policy::TemplateOptions options;
        options.domains = domains;
        made = Policy::makeTemplate(QStringLiteral("encrypt-domains"), options);
        if (made && invitations == Invitations::InClear) {
            made->rules.prepend(
                    invitationRule(QCoreApplication::translate("Postern::Ui::PolicyWizard",
                                                               "Invitations in clear"),
                                   Policy::ActionKind::Clear));
            made->templateName.clear();
        } else if (made && invitations == Invitations::AsIcs) {
            made->rules.prepend(
                    invitationRule(QCoreApplication::translate("Postern::Ui::PolicyWizard",
                                                               "Invitations as .ics attachments"),
                                   Policy::ActionKind::ConvertInvitation));
            made->templateName.clear();
        }
    }
    if (!made || withoutCertificate == Policy::Fallback::Block) {
        return made;
    }
    for (Policy::Rule &rule : made->rules) {
        encryptWhenPossible(rule.action, withoutCertificate);
    }
    encryptWhenPossible(made->defaultAction, withoutCertificate);
    made->templateName.clear();
    return made;
}

PolicyWizard::PolicyWizard(AppContext *context, QString account, QWidget *parent)
    : QWizard(parent)
    , m_context(context)
    , m_account(std::move(account))
{
    setWindowTitle(tr("Policy wizard for %1").arg(m_account));
    setWizardStyle(QWizard::ClassicStyle);
    setOption(QWizard::NoBackButtonOnLastPage, true);
    setOption(QWizard::NoCancelButtonOnLastPage, true);

    auto *protect = choicePage(tr("What do you want to protect?"),
                               tr("Postern applies this to every message the account sends."));
    m_scope = new QButtonGroup(this);
    addChoice(protect, m_scope, int(WizardChoices::Scope::Everything), tr("&Every message"),
              tr("Every message is encrypted, so only its recipients can read it."));
    addChoice(protect, m_scope, int(WizardChoices::Scope::Domains),
              tr("Messages to &certain domains"),
              tr("Messages to the domains you name are encrypted; the rest is sent as "
                 "usual."));
    addChoice(protect, m_scope, int(WizardChoices::Scope::SignOnly),
              tr("&Sign every message, encrypt nothing"),
              tr("Recipients can check that a message comes from you and was not changed; "
                 "everyone can read it."));
    m_scope->button(0)->setChecked(true);
    setPage(ProtectPage, protect);

    auto *invitations = choicePage(
            tr("How should meeting invitations be handled?"),
            tr("Calendar programs cannot act on an encrypted invitation. Choose what recipients "
               "get."));
    m_invitations = new QButtonGroup(this);
    addChoice(invitations, m_invitations, int(WizardChoices::Invitations::InClear),
              tr("Send invitations &in clear"),
              tr("Invitations are sent unencrypted so every calendar can accept them, and "
                 "recipients without Postern see a normal invitation; keep confidential details "
                 "out of them."));
    addChoice(invitations, m_invitations, int(WizardChoices::Invitations::AsIcs),
              tr("Encrypt them with an &.ics attachment"),
              tr("Invitations are encrypted with the event as an invite.ics attachment; recipients "
                 "without Postern open the attachment to add the event to their calendar, but "
                 "replies are not tracked."));
    addChoice(invitations, m_invitations, int(WizardChoices::Invitations::Encrypted),
              tr("Encrypt them like any &other message"),
              tr("Invitations are encrypted unchanged; recipients with Postern get a real "
                 "invitation back, while recipients without it see the invitation as text they "
                 "cannot accept."));
    m_invitations->button(0)->setChecked(true);
    setPage(InvitationsPage, invitations);

    auto *recipients = choicePage(tr("Which domains?"),
                                  tr("Messages to these domains are encrypted. One per line; "
                                     "*.example.org also covers its subdomains."));
    m_domains = new QPlainTextEdit(recipients);
    m_domains->setTabChangesFocus(true);
    m_domains->setAccessibleName(tr("Domains to encrypt to"));
    m_domains->setPlaceholderText(tr("partner.example\n*.partner.example"));
    recipients->layout()->addWidget(m_domains);
    m_domainsProblem = new QLabel(recipients);
    m_domainsProblem->setWordWrap(true);
    recipients->layout()->addWidget(m_domainsProblem);
    setPage(RecipientsPage, recipients);

    auto *certificate =
            choicePage(tr("What if a recipient has no certificate?"),
                       tr("Postern can encrypt only to people whose certificate it has."));
    m_fallback = new QButtonGroup(this);
    addChoice(certificate, m_fallback, int(Policy::Fallback::Block), tr("&Refuse the message"),
              tr("Your mail program shows an error naming the recipients without a certificate; "
                 "nothing is sent in clear."));
    addChoice(certificate, m_fallback, int(Policy::Fallback::Split),
              tr("Encrypt for those who can read it, send the others a &clear copy"),
              tr("Recipients with a certificate get the encrypted message, the others a separate "
                 "unencrypted copy."));
    addChoice(certificate, m_fallback, int(Policy::Fallback::Clear),
              tr("Send the whole message in c&lear"),
              tr("When anyone lacks a certificate, nobody gets it encrypted."));
    m_fallback->button(int(Policy::Fallback::Block))->setChecked(true);
    setPage(CertificatePage, certificate);

    auto *summary = choicePage(tr("Summary"), tr("These rules replace the account's policy."));
    m_summary = new QLabel(summary);
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setAccessibleName(tr("Summary"));
    summary->layout()->addWidget(m_summary);
    m_saveProblem = new QLabel(summary);
    m_saveProblem->setWordWrap(true);
    summary->layout()->addWidget(m_saveProblem);
    qobject_cast<QVBoxLayout *>(summary->layout())->addStretch(1);
    summary->setCommitPage(true);
    summary->setButtonText(QWizard::CommitButton, tr("&Create the rules"));
    setPage(SummaryPage, summary);

    auto *done = choicePage(tr("The rules are in place"),
                            tr("Postern uses them for the next message. You can change each one "
                               "on the Policies page."));
    m_createdRules = new QListWidget(done);
    m_createdRules->setAccessibleName(tr("Rules created"));
    m_createdRules->setWordWrap(true);
    done->layout()->addWidget(m_createdRules);
    setPage(DonePage, done);

    setStartId(ProtectPage);
    resize(620, 480);
}

WizardChoices PolicyWizard::choices() const
{
    WizardChoices choices;
    choices.scope = static_cast<WizardChoices::Scope>(qMax(0, m_scope->checkedId()));
    choices.invitations =
            static_cast<WizardChoices::Invitations>(qMax(0, m_invitations->checkedId()));
    choices.withoutCertificate = static_cast<Policy::Fallback>(qMax(0, m_fallback->checkedId()));
    choices.domains = m_domains->toPlainText().split(QRegularExpression(QStringLiteral("[,;\\s]+")),
                                                     Qt::SkipEmptyParts);
    return choices;
}

int PolicyWizard::nextId() const
{
    const WizardChoices chosen = choices();
    switch (currentId()) {
    case ProtectPage:
        return chosen.scope == WizardChoices::Scope::SignOnly ? SummaryPage : InvitationsPage;
    case InvitationsPage:
        return chosen.scope == WizardChoices::Scope::Domains ? RecipientsPage : CertificatePage;
    case RecipientsPage:
        return CertificatePage;
    case CertificatePage:
        return SummaryPage;
    case SummaryPage:
        return DonePage;
    default:
        return -1;
    }
}

void PolicyWizard::initializePage(int id)
{
    if (id == SummaryPage) {
        auto made = choices().makePolicy();
        m_saveProblem->clear();
        if (!made) {
            m_summary->setText(made.error().reason);
            return;
        }
        const WizardChoices chosen = choices();
        const auto chosenText = [](QButtonGroup *group) {
            return group->checkedButton() != nullptr
                           ? group->checkedButton()->text().remove(QLatin1Char('&'))
                           : QString();
        };
        QStringList lines{tr("Protect: %1").arg(chosenText(m_scope))};
        if (chosen.scope != WizardChoices::Scope::SignOnly) {
            lines.append(tr("Meeting invitations: %1").arg(chosenText(m_invitations)));
            if (chosen.scope == WizardChoices::Scope::Domains) {
                lines.append(tr("Domains: %1").arg(chosen.domains.join(QStringLiteral(", "))));
            }
            lines.append(tr("Without a certificate: %1").arg(chosenText(m_fallback)));
        }
        lines.append(QString());
        lines.append(tr("The rules, tried in this order:"));
        int number = 0;
        for (const Policy::Rule &rule : made->rules) {
            lines.append(tr("%1. %2: %3").arg(++number).arg(rule.name, describeRule(rule)));
        }
        lines.append(tr("When no rule matches: %1").arg(describeAction(made->defaultAction)));
        m_summary->setText(lines.join(QLatin1Char('\n')));
    } else if (id == DonePage) {
        m_createdRules->clear();
        for (const Policy::Rule &rule : std::as_const(m_created.rules)) {
            m_createdRules->addItem(tr("%1 — %2").arg(rule.name, describeRule(rule)));
        }
        m_createdRules->addItem(
                tr("When no rule matches: %1").arg(describeAction(m_created.defaultAction)));
    }
    QWizard::initializePage(id);
}

bool PolicyWizard::validateCurrentPage()
{
    if (currentId() == RecipientsPage) {
        const WizardChoices chosen = choices();
        if (chosen.domains.isEmpty()) {
            m_domainsProblem->setText(tr("Name at least one domain."));
            return false;
        }
        auto made = chosen.makePolicy();
        if (!made) {
            m_domainsProblem->setText(made.error().reason);
            return false;
        }
        m_domainsProblem->clear();
    }
    if (currentId() == SummaryPage && !saveCreated()) {
        m_saveProblem->setText(m_problem);
        return false;
    }
    return QWizard::validateCurrentPage();
}

bool PolicyWizard::saveCreated()
{
    auto made = choices().makePolicy();
    if (!made) {
        m_problem = made.error().reason;
        return false;
    }
    auto checked = checkedPolicy(*made);
    if (!checked) {
        m_problem = checked.error();
        return false;
    }
    AccountsDocument document(m_context != nullptr ? m_context->profileDirectory : QString());
    Policy::Configuration changed = document.configuration();
    Policy::Account *target = changed.find(m_account);
    if (!document.isEditable()) {
        m_problem = document.problem();
        return false;
    }
    if (target == nullptr) {
        m_problem = tr("The account %1 no longer exists.").arg(m_account);
        return false;
    }
    target->policy = *checked;
    m_problem = document.save(changed);
    if (!m_problem.isEmpty()) {
        return false;
    }
    m_created = *checked;
    m_saved = true;
    return true;
}

} // namespace Postern::Ui
