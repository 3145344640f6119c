#include "RuleEditor.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QStackedWidget>
#include <QVBoxLayout>

#include <array>

namespace Postern::Ui {

using Policy::ActionKind;
using Policy::ConditionKind;

namespace {

// The order the editors offer them in; the index in the combo box is the position here.
constexpr std::array conditionKinds = {
        ConditionKind::Invitation,       ConditionKind::RecipientDomain,
        ConditionKind::RecipientAddress, ConditionKind::RecipientsHaveCertificates,
        ConditionKind::SenderAddress,    ConditionKind::SenderDomain,
        ConditionKind::Subject,          ConditionKind::Header,
        ConditionKind::Attachment,       ConditionKind::SizeAbove,
};

constexpr std::array actionKinds = {
        ActionKind::Encrypt,
        ActionKind::SignEncrypt,
        ActionKind::Sign,
        ActionKind::EncryptWhenPossible,
        ActionKind::Clear,
        ActionKind::Block,
        ActionKind::ConvertInvitation,
};

constexpr std::array fallbacks = {Policy::Fallback::Clear, Policy::Fallback::Split,
                                  Policy::Fallback::Block};

const QStringList invitationMethods = {
        QStringLiteral("REQUEST"), QStringLiteral("CANCEL"),         QStringLiteral("REPLY"),
        QStringLiteral("COUNTER"), QStringLiteral("DECLINECOUNTER"), QStringLiteral("REFRESH"),
        QStringLiteral("ADD"),     QStringLiteral("PUBLISH"),
};

template <typename T, std::size_t N>
int indexOf(const std::array<T, N> &values, T value)
{
    for (std::size_t index = 0; index < N; ++index) {
        if (values.at(index) == value) {
            return static_cast<int>(index);
        }
    }
    return 0;
}

QString conditionKindName(ConditionKind kind)
{
    switch (kind) {
    case ConditionKind::Invitation:
        return RuleEditor::tr("It is a meeting invitation");
    case ConditionKind::RecipientDomain:
        return RuleEditor::tr("Recipient domain");
    case ConditionKind::RecipientAddress:
        return RuleEditor::tr("Recipient address");
    case ConditionKind::RecipientsHaveCertificates:
        return RuleEditor::tr("Every recipient has a certificate");
    case ConditionKind::SenderAddress:
        return RuleEditor::tr("Sender address");
    case ConditionKind::SenderDomain:
        return RuleEditor::tr("Sender domain");
    case ConditionKind::Subject:
        return RuleEditor::tr("Subject");
    case ConditionKind::Header:
        return RuleEditor::tr("Header field");
    case ConditionKind::Attachment:
        return RuleEditor::tr("Attachment");
    case ConditionKind::SizeAbove:
        return RuleEditor::tr("Message size");
    }
    return {};
}

QString actionKindName(ActionKind kind)
{
    switch (kind) {
    case ActionKind::Encrypt:
        return RuleEditor::tr("Encrypt (refuse when a recipient has no certificate)");
    case ActionKind::SignEncrypt:
        return RuleEditor::tr("Sign and encrypt");
    case ActionKind::Sign:
        return RuleEditor::tr("Sign only");
    case ActionKind::EncryptWhenPossible:
        return RuleEditor::tr("Encrypt when possible");
    case ActionKind::Clear:
        return RuleEditor::tr("Send in clear");
    case ActionKind::Block:
        return RuleEditor::tr("Block the message");
    case ActionKind::ConvertInvitation:
        return RuleEditor::tr("Turn the invitation into an .ics attachment, then go on");
    }
    return {};
}

QString fallbackName(Policy::Fallback fallback)
{
    switch (fallback) {
    case Policy::Fallback::Clear:
        return RuleEditor::tr("send the whole message in clear");
    case Policy::Fallback::Split:
        return RuleEditor::tr("encrypt for those who can read it, a clear copy to the others");
    case Policy::Fallback::Block:
        return RuleEditor::tr("refuse the message");
    }
    return {};
}

QString matchPhrase(const Policy::Condition &condition)
{
    const QString value = QLatin1Char('"') + condition.value + QLatin1Char('"');
    switch (condition.match) {
    case Policy::TextMatch::Contains:
        return RuleEditor::tr("contains %1").arg(value);
    case Policy::TextMatch::Equals:
        return RuleEditor::tr("is %1").arg(value);
    case Policy::TextMatch::Regex:
        return RuleEditor::tr("matches the pattern %1").arg(value);
    }
    return {};
}

QStringList splitList(const QString &text)
{
    QStringList values;
    for (const QString &part :
         text.split(QRegularExpression(QStringLiteral("[,;\\s]+")), Qt::SkipEmptyParts)) {
        values.append(part.trimmed());
    }
    return values;
}

// The reader's field paths name JSON keys; a person is shown which thing is wrong and why.
QString personalProblem(const Policy::Problem &problem)
{
    const QString field = problem.field.section(QLatin1Char('.'), -1);
    static const QHash<QString, const char *> names = {
            {QStringLiteral("header"),
             QT_TRANSLATE_NOOP("Postern::Ui::RuleEditor", "The header field name")},
            {QStringLiteral("value"), QT_TRANSLATE_NOOP("Postern::Ui::RuleEditor", "The text")},
            {QStringLiteral("values"),
             QT_TRANSLATE_NOOP("Postern::Ui::RuleEditor", "The list of addresses or domains")},
            {QStringLiteral("mimeType"),
             QT_TRANSLATE_NOOP("Postern::Ui::RuleEditor", "The attachment type")},
            {QStringLiteral("fileName"),
             QT_TRANSLATE_NOOP("Postern::Ui::RuleEditor", "The attachment name")},
            {QStringLiteral("bytes"), QT_TRANSLATE_NOOP("Postern::Ui::RuleEditor", "The size")},
            {QStringLiteral("name"), QT_TRANSLATE_NOOP("Postern::Ui::RuleEditor", "The rule name")},
            {QStringLiteral("reason"), QT_TRANSLATE_NOOP("Postern::Ui::RuleEditor", "The reason")},
    };
    QString base = field;
    base.remove(QRegularExpression(QStringLiteral("\\[\\d+\\]$")));
    const char *name = names.value(base);
    // The reader's reason is English technical text; it is the precise answer, so it is shown
    // beside the translated name of the field.
    return name != nullptr ? RuleEditor::tr("%1: %2").arg(RuleEditor::tr(name), problem.reason)
                           : RuleEditor::tr("%1: %2").arg(problem.field, problem.reason);
}

QLabel *problemLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    QPalette palette = label->palette();
    // The theme's own link/negative colours differ; red-on-dark stays readable at this shade.
    palette.setColor(QPalette::WindowText, QColor(0xd0, 0x30, 0x30));
    label->setPalette(palette);
    label->setAccessibleName(RuleEditor::tr("Problem"));
    label->hide();
    return label;
}

void showProblem(QLabel *label, const QString &text)
{
    label->setText(text);
    label->setVisible(!text.isEmpty());
}

} // namespace

QString describeCondition(const Policy::Condition &condition)
{
    QString text;
    const QString values = condition.values.join(QStringLiteral(", "));
    const bool all = condition.recipients == Policy::Quantifier::All;
    switch (condition.kind) {
    case ConditionKind::Header:
        text = RuleEditor::tr("header %1 %2").arg(condition.header, matchPhrase(condition));
        break;
    case ConditionKind::Subject:
        text = RuleEditor::tr("subject %1").arg(matchPhrase(condition));
        break;
    case ConditionKind::Invitation:
        text = condition.methods.isEmpty()
                       ? RuleEditor::tr("it is a meeting invitation")
                       : RuleEditor::tr("it is a meeting invitation (%1)")
                                 .arg(condition.methods.join(QStringLiteral(", ")));
        break;
    case ConditionKind::RecipientAddress:
        text = all ? RuleEditor::tr("every recipient is one of %1").arg(values)
                   : RuleEditor::tr("a recipient is one of %1").arg(values);
        break;
    case ConditionKind::RecipientDomain:
        text = all ? RuleEditor::tr("every recipient is in %1").arg(values)
                   : RuleEditor::tr("a recipient is in %1").arg(values);
        break;
    case ConditionKind::SenderAddress:
        text = RuleEditor::tr("the sender is one of %1").arg(values);
        break;
    case ConditionKind::SenderDomain:
        text = RuleEditor::tr("the sender is in %1").arg(values);
        break;
    case ConditionKind::RecipientsHaveCertificates:
        text = RuleEditor::tr("every recipient has a certificate");
        break;
    case ConditionKind::Attachment: {
        QStringList parts;
        if (!condition.mimeType.isEmpty()) {
            parts.append(RuleEditor::tr("of type %1").arg(condition.mimeType));
        }
        if (!condition.fileName.isEmpty()) {
            parts.append(RuleEditor::tr("named %1").arg(condition.fileName));
        }
        text = parts.isEmpty() ? RuleEditor::tr("it has an attachment")
                               : RuleEditor::tr("it has an attachment %1")
                                         .arg(parts.join(QLatin1Char(' ')));
        break;
    }
    case ConditionKind::SizeAbove:
        text = RuleEditor::tr("it is larger than %1")
                       .arg(QLocale().formattedDataSize(condition.bytes));
        break;
    }
    return condition.negate ? RuleEditor::tr("not (%1)").arg(text) : text;
}

QString describeAction(const Policy::Action &action)
{
    QString text;
    switch (action.kind) {
    case ActionKind::Encrypt:
        text = RuleEditor::tr("encrypt");
        break;
    case ActionKind::SignEncrypt:
        text = RuleEditor::tr("sign and encrypt");
        break;
    case ActionKind::Sign:
        text = RuleEditor::tr("sign");
        break;
    case ActionKind::Clear:
        text = RuleEditor::tr("send in clear");
        break;
    case ActionKind::Block:
        text = action.reason.isEmpty() ? RuleEditor::tr("block")
                                       : RuleEditor::tr("block (\"%1\")").arg(action.reason);
        break;
    case ActionKind::ConvertInvitation:
        return RuleEditor::tr(
                "turn the invitation into an .ics attachment, then go on with the next rules");
    case ActionKind::EncryptWhenPossible:
        text = (action.sign ? RuleEditor::tr("sign and encrypt when possible, otherwise %1")
                            : RuleEditor::tr("encrypt when possible, otherwise %1"))
                       .arg(fallbackName(action.fallback));
        break;
    }
    return action.convertInvitation
                   ? RuleEditor::tr("turn an invitation into an .ics attachment, then %1").arg(text)
                   : text;
}

QString describeTemplate(const QString &name)
{
    static const QHash<QString, const char *> summaries = {
            {QStringLiteral("invitations-in-clear"),
             QT_TRANSLATE_NOOP("Postern::Ui::RuleEditor",
                               "Meeting invitations in clear so every calendar can act on "
                               "them; everything else encrypted.")},
            {QStringLiteral("invitations-as-ics"),
             QT_TRANSLATE_NOOP("Postern::Ui::RuleEditor",
                               "Meeting invitations turned into an invite.ics attachment; "
                               "everything encrypted.")},
            {QStringLiteral("encrypt-everything"),
             QT_TRANSLATE_NOOP("Postern::Ui::RuleEditor",
                               "Every message encrypted, invitations included.")},
            {QStringLiteral("sign-everything"),
             QT_TRANSLATE_NOOP("Postern::Ui::RuleEditor", "Every message signed; none encrypted.")},
            {QStringLiteral("encrypt-domains"),
             QT_TRANSLATE_NOOP("Postern::Ui::RuleEditor",
                               "Messages to the listed domains encrypted; the rest in clear.")},
            {QStringLiteral("encrypt-when-possible"),
             QT_TRANSLATE_NOOP("Postern::Ui::RuleEditor",
                               "Encrypted when every recipient has a certificate, otherwise as "
                               "the rule says.")},
    };
    const char *summary = summaries.value(name);
    return summary != nullptr ? RuleEditor::tr(summary) : name;
}

QString describeRule(const Policy::Rule &rule)
{
    QStringList conditions;
    for (const Policy::Condition &condition : rule.conditions) {
        conditions.append(describeCondition(condition));
    }
    if (conditions.isEmpty()) {
        return RuleEditor::tr("Always: %1").arg(describeAction(rule.action));
    }
    const QString when = conditions.join(
            rule.join == Policy::Join::AnyOf ? RuleEditor::tr(" or ") : RuleEditor::tr(" and "));
    return RuleEditor::tr("When %1: %2").arg(when, describeAction(rule.action));
}

tl::expected<Policy::Policy, QString> checkedPolicy(const Policy::Policy &policy)
{
    auto read = Policy::policyFromJson(Policy::toJson(policy), QString());
    if (!read) {
        return tl::unexpected(personalProblem(read.error()));
    }
    return *read;
}

ConditionEditor::ConditionEditor(const Policy::Condition &condition, QWidget *parent)
    : QDialog(parent)
    , m_original(condition)
{
    setWindowTitle(tr("Condition"));
    auto *layout = new QVBoxLayout(this);
    auto *top = new QFormLayout;
    m_kind = new QComboBox(this);
    for (ConditionKind kind : conditionKinds) {
        m_kind->addItem(conditionKindName(kind));
    }
    m_kind->setAccessibleName(tr("Condition type"));
    m_kind->setObjectName(QStringLiteral("conditionKind"));
    top->addRow(tr("&Type:"), m_kind);
    m_negate = new QCheckBox(tr("&Not: the rule applies when this does not hold"), this);
    top->addRow(QString(), m_negate);
    layout->addLayout(top);

    m_fields = new QStackedWidget(this);
    // Page 0: text match (header, subject)
    auto *text = new QWidget(m_fields);
    auto *textForm = new QFormLayout(text);
    m_header = new QLineEdit(text);
    m_header->setPlaceholderText(tr("e.g. X-Classification"));
    m_header->setAccessibleName(tr("Header field name"));
    m_headerLabel = new QLabel(tr("&Header field:"), text);
    m_headerLabel->setBuddy(m_header);
    textForm->addRow(m_headerLabel, m_header);
    m_match = new QComboBox(text);
    m_match->addItems({tr("contains"), tr("is exactly"), tr("matches the regular expression")});
    m_match->setAccessibleName(tr("How the text is compared"));
    m_match->setObjectName(QStringLiteral("match"));
    textForm->addRow(tr("&Compare:"), m_match);
    m_value = new QLineEdit(text);
    m_value->setAccessibleName(tr("Text"));
    m_value->setObjectName(QStringLiteral("value"));
    textForm->addRow(tr("T&ext:"), m_value);
    m_caseSensitive = new QCheckBox(tr("Upper and lower &case differ"), text);
    textForm->addRow(QString(), m_caseSensitive);
    m_fields->addWidget(text);

    // Page 1: invitation methods
    auto *methods = new QGroupBox(tr("Only these kinds (none ticked: any invitation)"), m_fields);
    auto *methodsLayout = new QGridLayout(methods);
    for (int index = 0; index < invitationMethods.size(); ++index) {
        auto *box = new QCheckBox(invitationMethods.at(index), methods);
        m_methods.append(box);
        methodsLayout->addWidget(box, index / 4, index % 4);
    }
    m_fields->addWidget(methods);

    // Page 2: address and domain lists
    auto *list = new QWidget(m_fields);
    auto *listForm = new QFormLayout(list);
    m_values = new QPlainTextEdit(list);
    m_values->setTabChangesFocus(true);
    m_values->setPlaceholderText(
            tr("One per line; *.example.org also covers the subdomains of example.org"));
    m_values->setAccessibleName(tr("Addresses or domains"));
    listForm->addRow(tr("&Values:"), m_values);
    m_quantifier = new QComboBox(list);
    m_quantifier->addItems({tr("any recipient"), tr("every recipient")});
    m_quantifier->setAccessibleName(tr("Which recipients"));
    m_quantifierLabel = new QLabel(tr("&Holds for:"), list);
    m_quantifierLabel->setBuddy(m_quantifier);
    listForm->addRow(m_quantifierLabel, m_quantifier);
    m_fields->addWidget(list);

    // Page 3: nothing to fill in
    auto *nothing = new QLabel(tr("Holds when every recipient has a valid, trusted encryption "
                                  "certificate in the store."),
                               m_fields);
    nothing->setWordWrap(true);
    m_fields->addWidget(nothing);

    // Page 4: attachment
    auto *attachment = new QWidget(m_fields);
    auto *attachmentForm = new QFormLayout(attachment);
    m_mimeType = new QLineEdit(attachment);
    m_mimeType->setPlaceholderText(tr("e.g. application/pdf or application/*"));
    m_mimeType->setAccessibleName(tr("Attachment type"));
    attachmentForm->addRow(tr("T&ype:"), m_mimeType);
    m_fileName = new QLineEdit(attachment);
    m_fileName->setPlaceholderText(tr("e.g. *.pdf"));
    m_fileName->setAccessibleName(tr("Attachment file name"));
    attachmentForm->addRow(tr("&File name:"), m_fileName);
    m_fields->addWidget(attachment);

    // Page 5: size
    auto *size = new QWidget(m_fields);
    auto *sizeForm = new QFormLayout(size);
    m_bytes = new QSpinBox(size);
    m_bytes->setRange(0, std::numeric_limits<int>::max());
    m_bytes->setSuffix(tr(" bytes"));
    m_bytes->setGroupSeparatorShown(true);
    m_bytes->setAccessibleName(tr("Size in bytes"));
    sizeForm->addRow(tr("&Larger than:"), m_bytes);
    m_fields->addWidget(size);
    layout->addWidget(m_fields);

    m_problem = problemLabel(this);
    layout->addWidget(m_problem);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &ConditionEditor::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &ConditionEditor::reject);
    connect(m_kind, &QComboBox::currentIndexChanged, this, &ConditionEditor::showFieldsOf);

    m_kind->setCurrentIndex(indexOf(conditionKinds, condition.kind));
    m_negate->setChecked(condition.negate);
    m_header->setText(condition.header);
    m_match->setCurrentIndex(static_cast<int>(condition.match));
    m_value->setText(condition.value);
    m_caseSensitive->setChecked(condition.caseSensitive);
    for (QCheckBox *box : std::as_const(m_methods)) {
        box->setChecked(condition.methods.contains(box->text()));
    }
    m_values->setPlainText(condition.values.join(QLatin1Char('\n')));
    m_quantifier->setCurrentIndex(condition.recipients == Policy::Quantifier::All ? 1 : 0);
    m_mimeType->setText(condition.mimeType);
    m_fileName->setText(condition.fileName);
    m_bytes->setValue(static_cast<int>(qMin<qint64>(condition.bytes, m_bytes->maximum())));
    showFieldsOf(m_kind->currentIndex());
}

void ConditionEditor::showFieldsOf(int index)
{
    const ConditionKind kind = conditionKinds.at(static_cast<std::size_t>(qMax(index, 0)));
    switch (kind) {
    case ConditionKind::Header:
    case ConditionKind::Subject:
        m_fields->setCurrentIndex(0);
        m_header->setVisible(kind == ConditionKind::Header);
        m_headerLabel->setVisible(kind == ConditionKind::Header);
        break;
    case ConditionKind::Invitation:
        m_fields->setCurrentIndex(1);
        break;
    case ConditionKind::RecipientAddress:
    case ConditionKind::RecipientDomain:
    case ConditionKind::SenderAddress:
    case ConditionKind::SenderDomain: {
        m_fields->setCurrentIndex(2);
        const bool recipients =
                kind == ConditionKind::RecipientAddress || kind == ConditionKind::RecipientDomain;
        m_quantifier->setVisible(recipients);
        m_quantifierLabel->setVisible(recipients);
        break;
    }
    case ConditionKind::RecipientsHaveCertificates:
        m_fields->setCurrentIndex(3);
        break;
    case ConditionKind::Attachment:
        m_fields->setCurrentIndex(4);
        break;
    case ConditionKind::SizeAbove:
        m_fields->setCurrentIndex(5);
        break;
    }
}

Policy::Condition ConditionEditor::condition() const
{
    Policy::Condition condition;
    condition.kind = conditionKinds.at(static_cast<std::size_t>(m_kind->currentIndex()));
    condition.negate = m_negate->isChecked();
    // Fields of another type are kept only when the type is unchanged (they came from a newer
    // file), so switching type never carries stale values into the saved rule.
    if (condition.kind == m_original.kind) {
        condition.extra = m_original.extra;
    }
    switch (condition.kind) {
    case ConditionKind::Header:
        condition.header = m_header->text().trimmed();
        [[fallthrough]];
    case ConditionKind::Subject:
        condition.match = static_cast<Policy::TextMatch>(m_match->currentIndex());
        condition.value = m_value->text();
        condition.caseSensitive = m_caseSensitive->isChecked();
        break;
    case ConditionKind::Invitation:
        for (const QCheckBox *box : m_methods) {
            if (box->isChecked()) {
                condition.methods.append(box->text());
            }
        }
        break;
    case ConditionKind::RecipientAddress:
    case ConditionKind::RecipientDomain:
        condition.recipients = m_quantifier->currentIndex() == 1 ? Policy::Quantifier::All
                                                                 : Policy::Quantifier::Any;
        [[fallthrough]];
    case ConditionKind::SenderAddress:
    case ConditionKind::SenderDomain:
        condition.values = splitList(m_values->toPlainText());
        break;
    case ConditionKind::RecipientsHaveCertificates:
        break;
    case ConditionKind::Attachment:
        condition.mimeType = m_mimeType->text().trimmed();
        condition.fileName = m_fileName->text().trimmed();
        break;
    case ConditionKind::SizeAbove:
        condition.bytes = m_bytes->value();
        break;
    }
    return condition;
}

QString ConditionEditor::problem() const
{
    return m_problem->isHidden() ? QString() : m_problem->text();
}

void ConditionEditor::accept()
{
    Policy::Policy probe;
    Policy::Rule rule;
    // The reader wants a named rule; only the condition is being checked here.
    rule.name = QStringLiteral("condition");
    rule.conditions.append(condition());
    probe.rules.append(rule);
    auto checked = checkedPolicy(probe);
    if (!checked) {
        showProblem(m_problem, checked.error());
        return;
    }
    QDialog::accept();
}

ActionFields::ActionFields(QWidget *parent)
    : QWidget(parent)
{
    auto *form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    m_kind = new QComboBox(this);
    for (ActionKind kind : actionKinds) {
        m_kind->addItem(actionKindName(kind));
    }
    m_kind->setAccessibleName(tr("Action"));
    m_kind->setObjectName(QStringLiteral("actionKind"));
    form->addRow(tr("&Action:"), m_kind);
    m_reason = new QLineEdit(this);
    m_reason->setPlaceholderText(tr("Shown to you by your mail program when it is blocked"));
    m_reason->setAccessibleName(tr("Reason for blocking"));
    m_reason->setObjectName(QStringLiteral("reason"));
    m_reasonLabel = new QLabel(tr("&Reason:"), this);
    m_reasonLabel->setBuddy(m_reason);
    form->addRow(m_reasonLabel, m_reason);
    m_fallback = new QComboBox(this);
    for (Policy::Fallback fallback : fallbacks) {
        m_fallback->addItem(fallbackName(fallback));
    }
    m_fallback->setAccessibleName(tr("When a recipient has no certificate"));
    m_fallbackLabel = new QLabel(tr("&Without a certificate:"), this);
    m_fallbackLabel->setBuddy(m_fallback);
    form->addRow(m_fallbackLabel, m_fallback);
    m_sign = new QCheckBox(tr("&Sign as well"), this);
    form->addRow(QString(), m_sign);
    m_convert = new QCheckBox(tr("Turn a meeting &invitation into an .ics attachment first"), this);
    form->addRow(QString(), m_convert);
    connect(m_kind, &QComboBox::currentIndexChanged, this, &ActionFields::updateFields);
    updateFields();
}

void ActionFields::setAction(const Policy::Action &action)
{
    m_original = action;
    m_kind->setCurrentIndex(indexOf(actionKinds, action.kind));
    m_reason->setText(action.reason);
    m_fallback->setCurrentIndex(indexOf(fallbacks, action.fallback));
    m_sign->setChecked(action.sign);
    m_convert->setChecked(action.convertInvitation);
    updateFields();
}

Policy::Action ActionFields::action() const
{
    Policy::Action action;
    action.kind = actionKinds.at(static_cast<std::size_t>(m_kind->currentIndex()));
    action.extra = m_original.extra;
    if (action.kind == ActionKind::Block) {
        action.reason = m_reason->text().trimmed();
    }
    if (action.kind == ActionKind::EncryptWhenPossible) {
        action.fallback = fallbacks.at(static_cast<std::size_t>(m_fallback->currentIndex()));
        action.sign = m_sign->isChecked();
    }
    action.convertInvitation = m_convertOffered && action.kind != ActionKind::ConvertInvitation
                               && m_convert->isChecked();
    return action;
}

void ActionFields::setConvertOffered(bool offered)
{
    m_convertOffered = offered;
    updateFields();
}

void ActionFields::updateFields()
{
    const ActionKind kind =
            actionKinds.at(static_cast<std::size_t>(qMax(m_kind->currentIndex(), 0)));
    const bool block = kind == ActionKind::Block;
    const bool possible = kind == ActionKind::EncryptWhenPossible;
    m_reason->setVisible(block);
    m_reasonLabel->setVisible(block);
    m_fallback->setVisible(possible);
    m_fallbackLabel->setVisible(possible);
    m_sign->setVisible(possible);
    m_convert->setVisible(m_convertOffered && kind != ActionKind::ConvertInvitation);
}

RuleEditor::RuleEditor(const Policy::Rule &rule, QWidget *parent)
    : QDialog(parent)
    , m_original(rule)
    , m_conditionValues(rule.conditions)
{
    setWindowTitle(tr("Rule"));
    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    m_name = new QLineEdit(rule.name, this);
    m_name->setAccessibleName(tr("Rule name"));
    m_name->setObjectName(QStringLiteral("ruleName"));
    form->addRow(tr("&Name:"), m_name);
    m_enabled = new QCheckBox(tr("&Enabled"), this);
    m_enabled->setChecked(rule.enabled);
    form->addRow(QString(), m_enabled);
    layout->addLayout(form);

    auto *conditions = new QGroupBox(tr("When"), this);
    auto *conditionsLayout = new QVBoxLayout(conditions);
    m_join = new QComboBox(conditions);
    m_join->addItems({tr("all of these hold"), tr("any of these holds")});
    m_join->setCurrentIndex(rule.join == Policy::Join::AnyOf ? 1 : 0);
    m_join->setAccessibleName(tr("How the conditions combine"));
    conditionsLayout->addWidget(m_join);
    m_conditions = new QListWidget(conditions);
    m_conditions->setAccessibleName(tr("Conditions"));
    m_conditions->setMinimumHeight(90);
    conditionsLayout->addWidget(m_conditions);
    auto *conditionButtons = new QHBoxLayout;
    auto *add = new QPushButton(tr("A&dd condition…"), conditions);
    m_editCondition = new QPushButton(tr("Ed&it…"), conditions);
    m_removeCondition = new QPushButton(tr("Re&move"), conditions);
    conditionButtons->addWidget(add);
    conditionButtons->addWidget(m_editCondition);
    conditionButtons->addWidget(m_removeCondition);
    conditionButtons->addStretch(1);
    conditionsLayout->addLayout(conditionButtons);
    layout->addWidget(conditions);

    auto *then = new QGroupBox(tr("Then"), this);
    auto *thenLayout = new QVBoxLayout(then);
    m_action = new ActionFields(then);
    m_action->setAction(rule.action);
    thenLayout->addWidget(m_action);
    layout->addWidget(then);

    m_problem = problemLabel(this);
    layout->addWidget(m_problem);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::accepted, this, &RuleEditor::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &RuleEditor::reject);
    connect(add, &QPushButton::clicked, this, &RuleEditor::newCondition);
    connect(m_editCondition, &QPushButton::clicked, this, &RuleEditor::editCondition);
    connect(m_removeCondition, &QPushButton::clicked, this, &RuleEditor::removeCondition);
    connect(m_conditions, &QListWidget::itemActivated, this, &RuleEditor::editCondition);
    connect(m_conditions, &QListWidget::currentRowChanged, this, [this](int row) {
        m_editCondition->setEnabled(row >= 0);
        m_removeCondition->setEnabled(row >= 0);
    });
    refreshConditions();
    resize(560, sizeHint().height());
}

void RuleEditor::refreshConditions()
{
    const int row = m_conditions->currentRow();
    m_conditions->clear();
    for (const Policy::Condition &condition : std::as_const(m_conditionValues)) {
        m_conditions->addItem(describeCondition(condition));
    }
    if (m_conditionValues.isEmpty()) {
        auto *none = new QListWidgetItem(tr("(no condition: the rule applies to every message)"));
        none->setFlags(Qt::NoItemFlags);
        m_conditions->addItem(none);
    }
    const bool any = !m_conditionValues.isEmpty();
    m_conditions->setCurrentRow(any ? qBound(0, row, int(m_conditionValues.size()) - 1) : -1);
    m_editCondition->setEnabled(any);
    m_removeCondition->setEnabled(any);
}

void RuleEditor::addCondition(const Policy::Condition &condition)
{
    m_conditionValues.append(condition);
    refreshConditions();
    m_conditions->setCurrentRow(int(m_conditionValues.size()) - 1);
}

void RuleEditor::newCondition()
{
    Policy::Condition fresh;
    fresh.kind = ConditionKind::Invitation;
    ConditionEditor editor(fresh, this);
    if (editor.exec() == QDialog::Accepted) {
        addCondition(editor.condition());
    }
}

void RuleEditor::editCondition()
{
    const int row = m_conditions->currentRow();
    if (row < 0 || row >= m_conditionValues.size()) {
        return;
    }
    ConditionEditor editor(m_conditionValues.at(row), this);
    if (editor.exec() == QDialog::Accepted) {
        m_conditionValues[row] = editor.condition();
        refreshConditions();
    }
}

void RuleEditor::removeCondition()
{
    const int row = m_conditions->currentRow();
    if (row < 0 || row >= m_conditionValues.size()) {
        return;
    }
    m_conditionValues.removeAt(row);
    refreshConditions();
}

Policy::Rule RuleEditor::rule() const
{
    Policy::Rule rule;
    rule.name = m_name->text().trimmed();
    rule.enabled = m_enabled->isChecked();
    rule.join = m_join->currentIndex() == 1 ? Policy::Join::AnyOf : Policy::Join::AllOf;
    rule.conditions = m_conditionValues;
    rule.action = m_action->action();
    rule.extra = m_original.extra;
    return rule;
}

QString RuleEditor::problem() const
{
    return m_problem->isHidden() ? QString() : m_problem->text();
}

void RuleEditor::accept()
{
    if (m_name->text().trimmed().isEmpty()) {
        showProblem(m_problem, tr("Give the rule a name, so the activity list can say which rule "
                                  "decided."));
        m_name->setFocus();
        return;
    }
    Policy::Policy probe;
    probe.rules.append(rule());
    auto checked = checkedPolicy(probe);
    if (!checked) {
        showProblem(m_problem, checked.error());
        return;
    }
    QDialog::accept();
}

DefaultActionEditor::DefaultActionEditor(const Policy::Action &action, QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("When no rule matches"));
    auto *layout = new QVBoxLayout(this);
    auto *text = new QLabel(tr("What Postern does with a message that no rule decided:"), this);
    text->setWordWrap(true);
    layout->addWidget(text);
    m_fields = new ActionFields(this);
    m_fields->setConvertOffered(action.convertInvitation);
    m_fields->setAction(action);
    layout->addWidget(m_fields);
    m_problem = problemLabel(this);
    layout->addWidget(m_problem);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &DefaultActionEditor::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &DefaultActionEditor::reject);
}

Policy::Action DefaultActionEditor::action() const
{
    return m_fields->action();
}

void DefaultActionEditor::accept()
{
    Policy::Policy probe;
    probe.defaultAction = action();
    auto checked = checkedPolicy(probe);
    if (!checked) {
        showProblem(m_problem, checked.error());
        return;
    }
    QDialog::accept();
}

} // namespace Postern::Ui
