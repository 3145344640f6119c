#pragma once

#include "core/policy/Policy.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QStackedWidget;

namespace Postern::Ui {

/** A condition, an action or a rule in a sentence for the policy lists. */
QString describeCondition(const Policy::Condition &condition);
QString describeAction(const Policy::Action &action);
QString describeRule(const Policy::Rule &rule);

/** What a policy template does, in a sentence. */
QString describeTemplate(const QString &name);

/**
 * Checks @p policy with the same reader the accounts file and `policy set` use, by writing it
 * to JSON and reading it back, and returns what that reader made of it (addresses and domains
 * normalised, regular expressions compiled) or the problem in words for a person.
 */
tl::expected<Policy::Policy, QString> checkedPolicy(const Policy::Policy &policy);

/** Edits one condition of a rule: its type, "not", and the fields the type takes. */
class ConditionEditor : public QDialog
{
    Q_OBJECT

public:
    explicit ConditionEditor(const Policy::Condition &condition, QWidget *parent = nullptr);

    Policy::Condition condition() const;

    void accept() override;

    /** The problem shown under the fields, empty when none. */
    QString problem() const;

private:
    void showFieldsOf(int index);

    Policy::Condition m_original;
    QComboBox *m_kind = nullptr;
    QCheckBox *m_negate = nullptr;
    QStackedWidget *m_fields = nullptr;
    // Header and subject
    QLineEdit *m_header = nullptr;
    QLabel *m_headerLabel = nullptr;
    QComboBox *m_match = nullptr;
    QLineEdit *m_value = nullptr;
    QCheckBox *m_caseSensitive = nullptr;
    // Invitation
    QList<QCheckBox *> m_methods;
    // Address and domain lists
    QPlainTextEdit *m_values = nullptr;
    QComboBox *m_quantifier = nullptr;
    QLabel *m_quantifierLabel = nullptr;
    // Attachment
    QLineEdit *m_mimeType = nullptr;
    QLineEdit *m_fileName = nullptr;
    // Size
    QSpinBox *m_bytes = nullptr;
    QLabel *m_problem = nullptr;
};

/** The fields of an action: its kind and what the kind takes (reason, fallback, sign,
 *  converting an invitation first). Used by the rule editor and for a policy's default. */
class ActionFields : public QWidget
{
    Q_OBJECT

public:
    explicit ActionFields(QWidget *parent = nullptr);

    void setAction(const Policy::Action &action);
    Policy::Action action() const;

    /** Whether the "convert the invitation first" box is offered (not for the default). */
    void setConvertOffered(bool offered);

private:
    void updateFields();

    Policy::Action m_original;
    bool m_convertOffered = true;
    QComboBox *m_kind = nullptr;
    QCheckBox *m_convert = nullptr;
    QLineEdit *m_reason = nullptr;
    QLabel *m_reasonLabel = nullptr;
    QComboBox *m_fallback = nullptr;
    QLabel *m_fallbackLabel = nullptr;
    QCheckBox *m_sign = nullptr;
    QLabel *m_explanation = nullptr;
};

/** Edits a rule: name, enabled, how conditions join, the conditions and the action. */
class RuleEditor : public QDialog
{
    Q_OBJECT

public:
    explicit RuleEditor(const Policy::Rule &rule, QWidget *parent = nullptr);

    Policy::Rule rule() const;

    void accept() override;

    QString problem() const;

    QListWidget *conditionList() const { return m_conditions; }

    ActionFields *actionFields() const { return m_action; }

    void addCondition(const Policy::Condition &condition);

private:
    void newCondition();
    void editCondition();
    void removeCondition();
    void refreshConditions();

    Policy::Rule m_original;
    QList<Policy::Condition> m_conditionValues;
    QLineEdit *m_name = nullptr;
    QCheckBox *m_enabled = nullptr;
    QComboBox *m_join = nullptr;
    QListWidget *m_conditions = nullptr;
    QPushButton *m_editCondition = nullptr;
    QPushButton *m_removeCondition = nullptr;
    ActionFields *m_action = nullptr;
    QLabel *m_problem = nullptr;
};

/** Edits a policy's default action: what happens when no rule matches. */
class DefaultActionEditor : public QDialog
{
    Q_OBJECT

public:
    explicit DefaultActionEditor(const Policy::Action &action, QWidget *parent = nullptr);

    Policy::Action action() const;

    void accept() override;

private:
    ActionFields *m_fields = nullptr;
    QLabel *m_problem = nullptr;
};

} // namespace Postern::Ui
