#pragma once

#include "core/policy/Account.h"
#include "ui/AccountsPage.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QTreeWidget;

namespace Postern::Ui {

struct AppContext;

/**
 * The Policies page: the chosen account's rules in the order they are tried (added, edited,
 * removed, reordered by dragging or with buttons, switched on and off), its default action, the
 * policy wizard, and a box that shows what the policy decides for a message file. Each change
 * is saved at once through the accounts file, as `postern policy set` saves.
 */
class PoliciesPage : public QWidget
{
    Q_OBJECT

public:
    explicit PoliciesPage(AppContext *context, QWidget *parent = nullptr);

    void reload();

    QString account() const;
    void selectAccount(const QString &name);

    /** The policy shown (as saved). */
    Policy::Policy policy() const;

    QListWidget *ruleList() const { return m_rules; }

    /** The buttons' actions, also for tests. */
    void addRule();
    void editRule();
    void removeRule();
    void moveRule(int delta);
    void setRuleEnabled(int row, bool enabled);
    void editDefault();
    void runWizard();

    /** Decides @p path with the policy; the result appears in the test box. Parsing runs off
     *  the GUI thread; testFinished() is emitted with the decision's text. */
    void testMessage(const QString &path);

    /** The decision shown in the test box. */
    QString testResult() const;

Q_SIGNALS:
    void policyChanged();
    void testFinished();

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void showPolicy();
    bool save(const Policy::Policy &policy);
    void rowsMoved();
    void chooseMessage();
    void showDecision(const QString &path, const QByteArray &message);
    void updateButtons();

    AppContext *m_context;
    AccountsDocument m_document;
    bool m_filling = false;
    QLabel *m_banner = nullptr;
    QComboBox *m_accounts = nullptr;
    QLabel *m_template = nullptr;
    QListWidget *m_rules = nullptr;
    QPushButton *m_add = nullptr;
    QPushButton *m_edit = nullptr;
    QPushButton *m_remove = nullptr;
    QPushButton *m_up = nullptr;
    QPushButton *m_down = nullptr;
    QPushButton *m_wizard = nullptr;
    QLabel *m_default = nullptr;
    QPushButton *m_changeDefault = nullptr;
    QLineEdit *m_testTo = nullptr;
    QPushButton *m_chooseMessage = nullptr;
    QLabel *m_testResult = nullptr;
    QTreeWidget *m_trail = nullptr;
    quint64 m_testGeneration = 0;
};

} // namespace Postern::Ui
