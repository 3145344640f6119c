#pragma once

#include "core/policy/Policy.h"

#include <QWizard>

class QButtonGroup;
class QLabel;
class QListWidget;
class QPlainTextEdit;

namespace Postern::Ui {

struct AppContext;

/** What the policy wizard asks, and what it makes of the answers. */
struct WizardChoices
{
    enum class Scope {
        Everything, // encrypt every message
        Domains,    // encrypt messages to the listed domains, the rest in clear
        SignOnly,   // sign every message, encrypt nothing
    };
    enum class Invitations {
        InClear,   // invitations-in-clear
        AsIcs,     // invitations-as-ics
        Encrypted, // encrypt-everything: rehydrated by the recipient's Postern
    };

    Scope scope = Scope::Everything;
    Invitations invitations = Invitations::InClear;
    QStringList domains;
    Policy::Fallback withoutCertificate = Policy::Fallback::Block;

    /**
     * The policy for these answers, built from the templates: with "refuse" when a recipient
     * has no certificate, exactly the template's rules; otherwise each encrypting rule becomes
     * "encrypt when possible" with the chosen fallback. Fails for a domain that is not one.
     */
    Policy::Checked<Policy::Policy> makePolicy() const;
};

/**
 * The policy wizard: what to protect → how meeting invitations are handled → which domains →
 * what happens when a recipient has no certificate → summary → the rules created and shown.
 * The policy is saved to the account when the summary is confirmed.
 */
class PolicyWizard : public QWizard
{
    Q_OBJECT

public:
    enum PageId {
        ProtectPage,
        InvitationsPage,
        RecipientsPage,
        CertificatePage,
        SummaryPage,
        DonePage,
    };

    PolicyWizard(AppContext *context, QString account, QWidget *parent = nullptr);

    WizardChoices choices() const;

    /** Whether the policy was written to the accounts file. */
    bool wasSaved() const { return m_saved; }

    /** The policy written (valid once wasSaved()). */
    Policy::Policy createdPolicy() const { return m_created; }

    int nextId() const override;

    /** The buttons of one page's choices, for keyboard use and tests. */
    QButtonGroup *scopeGroup() const { return m_scope; }

    QButtonGroup *invitationGroup() const { return m_invitations; }

    QButtonGroup *fallbackGroup() const { return m_fallback; }

    QPlainTextEdit *domainsEdit() const { return m_domains; }

    /** The problem that kept the policy from being saved, empty when none. */
    QString problem() const { return m_problem; }

protected:
    bool validateCurrentPage() override;
    void initializePage(int id) override;

private:
    bool saveCreated();

    AppContext *m_context;
    QString m_account;
    bool m_saved = false;
    Policy::Policy m_created;
    QString m_problem;
    QButtonGroup *m_scope = nullptr;
    QButtonGroup *m_invitations = nullptr;
    QButtonGroup *m_fallback = nullptr;
    QPlainTextEdit *m_domains = nullptr;
    QLabel *m_domainsProblem = nullptr;
    QLabel *m_summary = nullptr;
    QLabel *m_saveProblem = nullptr;
    QListWidget *m_createdRules = nullptr;
};

} // namespace Postern::Ui
