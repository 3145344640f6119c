#include "PoliciesPage.h"

#include "core/policy/MessageFacts.h"
#include "core/policy/PolicyEngine.h"
#include "core/store/CertificateStore.h"
#include "ui/AppContext.h"
#include "ui/PolicyWizard.h"
#include "ui/RuleEditor.h"

#include <QAction>
#include <QComboBox>
#include <QDragEnterEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QMimeData>
#include <QPointer>
#include <QPushButton>
#include <QRegularExpression>
#include <QThread>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Postern::Ui {

namespace {

constexpr int ruleIndexRole = Qt::UserRole + 1;

QString outcomeText(const Policy::Decision &decision)
{
    switch (decision.action) {
    case Policy::Outcome::Encrypt:
        return PoliciesPage::tr("encrypted");
    case Policy::Outcome::Sign:
        return PoliciesPage::tr("signed");
    case Policy::Outcome::SignEncrypt:
        return PoliciesPage::tr("signed and encrypted");
    case Policy::Outcome::Clear:
        return PoliciesPage::tr("sent in clear");
    case Policy::Outcome::Block:
        return PoliciesPage::tr("blocked");
    }
    return {};
}

} // namespace

PoliciesPage::PoliciesPage(AppContext *context, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
    , m_document(context != nullptr ? context->profileDirectory : QString())
{
    setAccessibleName(tr("Policies"));
    setAcceptDrops(true);
    auto *layout = new QVBoxLayout(this);

    m_banner = new QLabel(this);
    m_banner->setWordWrap(true);
    m_banner->setTextFormat(Qt::PlainText);
    m_banner->setFrameShape(QFrame::StyledPanel);
    m_banner->setAccessibleName(tr("Accounts file problem"));
    m_banner->hide();
    layout->addWidget(m_banner);

    auto *top = new QHBoxLayout;
    m_accounts = new QComboBox(this);
    m_accounts->setAccessibleName(tr("Account"));
    auto *accountLabel = new QLabel(tr("A&ccount:"), this);
    accountLabel->setBuddy(m_accounts);
    top->addWidget(accountLabel);
    top->addWidget(m_accounts, 1);
    m_wizard = new QPushButton(tr("Policy &wizard…"), this);
    top->addWidget(m_wizard);
    layout->addLayout(top);

    m_template = new QLabel(this);
    m_template->setWordWrap(true);
    layout->addWidget(m_template);

    auto *rulesBox =
            new QGroupBox(tr("Rules, tried from the top; the first that matches decides"), this);
    auto *rulesLayout = new QHBoxLayout(rulesBox);
    m_rules = new QListWidget(rulesBox);
    m_rules->setAccessibleName(tr("Rules"));
    m_rules->setDragDropMode(QAbstractItemView::InternalMove);
    m_rules->setDefaultDropAction(Qt::MoveAction);
    m_rules->setWordWrap(true);
    m_rules->setAlternatingRowColors(true);
    rulesLayout->addWidget(m_rules, 1);
    auto *ruleButtons = new QVBoxLayout;
    m_add = new QPushButton(tr("&Add…"), rulesBox);
    m_edit = new QPushButton(tr("&Edit…"), rulesBox);
    m_remove = new QPushButton(tr("&Remove"), rulesBox);
    m_up = new QPushButton(tr("Move &up"), rulesBox);
    m_down = new QPushButton(tr("Move &down"), rulesBox);
    for (QPushButton *button : {m_add, m_edit, m_remove, m_up, m_down}) {
        ruleButtons->addWidget(button);
    }
    ruleButtons->addStretch(1);
    rulesLayout->addLayout(ruleButtons);
    layout->addWidget(rulesBox, 2);

    auto *defaultRow = new QHBoxLayout;
    m_default = new QLabel(this);
    m_default->setWordWrap(true);
    m_changeDefault = new QPushButton(tr("C&hange…"), this);
    m_changeDefault->setAccessibleName(tr("Change what happens when no rule matches"));
    defaultRow->addWidget(m_default, 1);
    defaultRow->addWidget(m_changeDefault);
    layout->addLayout(defaultRow);

    auto *testBox = new QGroupBox(tr("Test a message"), this);
    auto *testLayout = new QVBoxLayout(testBox);
    auto *testHint = new QLabel(tr("Drop an .eml file here or choose one: Postern shows what this "
                                   "policy would do with it. Nothing is sent."),
                                testBox);
    testHint->setWordWrap(true);
    testLayout->addWidget(testHint);
    auto *testRow = new QHBoxLayout;
    m_testTo = new QLineEdit(testBox);
    m_testTo->setPlaceholderText(tr("Recipients (optional; otherwise To, Cc and Bcc)"));
    m_testTo->setAccessibleName(tr("Recipients for the test"));
    auto *toLabel = new QLabel(tr("&To:"), testBox);
    toLabel->setBuddy(m_testTo);
    m_chooseMessage = new QPushButton(tr("Choose &message…"), testBox);
    testRow->addWidget(toLabel);
    testRow->addWidget(m_testTo, 1);
    testRow->addWidget(m_chooseMessage);
    testLayout->addLayout(testRow);
    m_testResult = new QLabel(testBox);
    m_testResult->setWordWrap(true);
    m_testResult->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_testResult->setAccessibleName(tr("Test result"));
    testLayout->addWidget(m_testResult);
    m_trail = new QTreeWidget(testBox);
    m_trail->setAccessibleName(tr("Rules tried"));
    m_trail->setHeaderLabels({tr("Rule"), tr("Matched"), tr("Why")});
    m_trail->setRootIsDecorated(false);
    m_trail->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_trail->header()->setStretchLastSection(true);
    m_trail->hide();
    testLayout->addWidget(m_trail, 1);
    layout->addWidget(testBox, 1);

    // In the list: Delete removes, Ctrl+Up and Ctrl+Down move, as the buttons do.
    const auto listShortcut = [this](const QKeySequence &keys, auto slot) {
        auto *action = new QAction(m_rules);
        action->setShortcut(keys);
        action->setShortcutContext(Qt::WidgetShortcut);
        m_rules->addAction(action);
        connect(action, &QAction::triggered, this, slot);
    };
    listShortcut(QKeySequence::Delete, [this] {
        if (m_remove->isEnabled()) {
            removeRule();
        }
    });
    listShortcut(QKeySequence(Qt::CTRL | Qt::Key_Up), [this] {
        if (m_up->isEnabled()) {
            moveRule(-1);
        }
    });
    listShortcut(QKeySequence(Qt::CTRL | Qt::Key_Down), [this] {
        if (m_down->isEnabled()) {
            moveRule(1);
        }
    });
    connect(m_accounts, &QComboBox::currentIndexChanged, this, &PoliciesPage::showPolicy);
    connect(m_add, &QPushButton::clicked, this, &PoliciesPage::addRule);
    connect(m_edit, &QPushButton::clicked, this, &PoliciesPage::editRule);
    connect(m_remove, &QPushButton::clicked, this, &PoliciesPage::removeRule);
    connect(m_up, &QPushButton::clicked, this, [this] { moveRule(-1); });
    connect(m_down, &QPushButton::clicked, this, [this] { moveRule(1); });
    connect(m_wizard, &QPushButton::clicked, this, &PoliciesPage::runWizard);
    connect(m_changeDefault, &QPushButton::clicked, this, &PoliciesPage::editDefault);
    connect(m_chooseMessage, &QPushButton::clicked, this, &PoliciesPage::chooseMessage);
    connect(m_rules, &QListWidget::itemActivated, this, &PoliciesPage::editRule);
    connect(m_rules, &QListWidget::currentRowChanged, this, &PoliciesPage::updateButtons);
    connect(m_rules, &QListWidget::itemChanged, this, [this](QListWidgetItem *item) {
        if (!m_filling) {
            setRuleEnabled(m_rules->row(item), item->checkState() == Qt::Checked);
        }
    });
    // A drag within the list moves the item; the model reports it once the drop is done.
    connect(m_rules->model(), &QAbstractItemModel::rowsMoved, this, &PoliciesPage::rowsMoved,
            Qt::QueuedConnection);
    reload();
}

void PoliciesPage::reload()
{
    const QString selected = account();
    m_document.reload();
    m_banner->setText(m_document.problem());
    m_banner->setVisible(!m_document.problem().isEmpty());
    m_filling = true;
    m_accounts->clear();
    for (const Policy::Account &entry : m_document.configuration().accounts) {
        m_accounts->addItem(entry.name);
    }
    m_filling = false;
    const int index = m_accounts->findText(selected);
    m_accounts->setCurrentIndex(index >= 0 ? index : (m_accounts->count() > 0 ? 0 : -1));
    showPolicy();
}

QString PoliciesPage::account() const
{
    return m_accounts->currentText();
}

void PoliciesPage::selectAccount(const QString &name)
{
    const int index = m_accounts->findText(name);
    if (index >= 0) {
        m_accounts->setCurrentIndex(index);
    }
}

Policy::Policy PoliciesPage::policy() const
{
    const Policy::Account *found = m_document.configuration().find(account());
    return found != nullptr ? found->policy : Policy::Policy();
}

void PoliciesPage::showPolicy()
{
    if (m_filling) {
        return;
    }
    const int row = m_rules->currentRow();
    const Policy::Policy shown = policy();
    m_filling = true;
    m_rules->clear();
    for (int index = 0; index < shown.rules.size(); ++index) {
        const Policy::Rule &rule = shown.rules.at(index);
        auto *item = new QListWidgetItem(
                tr("%1. %2 — %3").arg(index + 1).arg(rule.name, describeRule(rule)), m_rules);
        item->setFlags(Qt::ItemIsSelectable | Qt::ItemIsEnabled | Qt::ItemIsUserCheckable
                       | Qt::ItemIsDragEnabled);
        item->setCheckState(rule.enabled ? Qt::Checked : Qt::Unchecked);
        item->setData(ruleIndexRole, index);
        item->setToolTip(rule.enabled ? tr("Untick to keep the rule without using it")
                                      : tr("This rule is switched off"));
        if (!rule.enabled) {
            item->setForeground(palette().color(QPalette::Disabled, QPalette::Text));
        }
    }
    m_filling = false;
    m_rules->setCurrentRow(qBound(-1, row, int(shown.rules.size()) - 1));
    if (m_rules->currentRow() < 0 && !shown.rules.isEmpty()) {
        m_rules->setCurrentRow(0);
    }
    const bool hasAccount = m_document.configuration().find(account()) != nullptr;
    m_template->setText(
            !hasAccount ? tr("Add an account first; each account has its own policy.")
            : shown.templateName.isEmpty()
                    ? tr("A policy of your own.")
                    : tr("Made from the template %1: %2")
                              .arg(shown.templateName, describeTemplate(shown.templateName)));
    m_default->setText(
            hasAccount ? tr("When no rule matches: %1").arg(describeAction(shown.defaultAction))
                       : QString());
    updateButtons();
}

void PoliciesPage::updateButtons()
{
    const bool editable =
            m_document.isEditable() && m_document.configuration().find(account()) != nullptr;
    const int row = m_rules->currentRow();
    m_add->setEnabled(editable);
    m_wizard->setEnabled(editable);
    m_changeDefault->setEnabled(editable);
    m_edit->setEnabled(editable && row >= 0);
    m_remove->setEnabled(editable && row >= 0);
    m_up->setEnabled(editable && row > 0);
    m_down->setEnabled(editable && row >= 0 && row < m_rules->count() - 1);
    m_rules->setDragEnabled(editable);
    m_chooseMessage->setEnabled(m_document.configuration().find(account()) != nullptr);
}

bool PoliciesPage::save(const Policy::Policy &policy)
{
    auto checked = checkedPolicy(policy);
    if (!checked) {
        QMessageBox::warning(this, tr("Policies"), checked.error());
        showPolicy();
        return false;
    }
    // Only this account's policy is replaced, in the file as it is now: another page or the
    // command line may have changed the rest meanwhile.
    const QString name = account();
    const auto saved = m_document.update([&name, &checked](Policy::Configuration &configuration) {
        Policy::Account *target = configuration.find(name);
        if (target == nullptr) {
            return false;
        }
        target->policy = *checked;
        return true;
    });
    if (!saved) {
        QMessageBox::warning(this, tr("Policies"), saved.error());
        reload();
        return false;
    }
    if (!*saved) {
        reload();
        return false;
    }
    showPolicy();
    Q_EMIT policyChanged();
    return true;
}

void PoliciesPage::addRule()
{
    Policy::Rule fresh;
    fresh.name = tr("New rule");
    RuleEditor editor(fresh, this);
    if (editor.exec() != QDialog::Accepted) {
        return;
    }
    Policy::Policy changed = policy();
    const int row = m_rules->currentRow();
    // A new rule goes after the selected one, so it can be placed before a catch-all rule.
    const int at = row >= 0 ? row + 1 : int(changed.rules.size());
    changed.rules.insert(at, editor.rule());
    changed.templateName.clear();
    if (save(changed)) {
        m_rules->setCurrentRow(at);
    }
}

void PoliciesPage::editRule()
{
    const int row = m_rules->currentRow();
    Policy::Policy changed = policy();
    if (row < 0 || row >= changed.rules.size() || !m_document.isEditable()) {
        return;
    }
    RuleEditor editor(changed.rules.at(row), this);
    if (editor.exec() != QDialog::Accepted) {
        return;
    }
    changed.rules[row] = editor.rule();
    changed.templateName.clear();
    save(changed);
}

void PoliciesPage::removeRule()
{
    const int row = m_rules->currentRow();
    Policy::Policy changed = policy();
    if (row < 0 || row >= changed.rules.size()) {
        return;
    }
    const auto answer = QMessageBox::question(
            this, tr("Remove rule"), tr("Remove the rule %1?").arg(changed.rules.at(row).name),
            QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer != QMessageBox::Yes) {
        return;
    }
    changed.rules.removeAt(row);
    changed.templateName.clear();
    save(changed);
}

void PoliciesPage::moveRule(int delta)
{
    const int row = m_rules->currentRow();
    Policy::Policy changed = policy();
    const int to = row + delta;
    if (row < 0 || to < 0 || to >= changed.rules.size()) {
        return;
    }
    changed.rules.move(row, to);
    changed.templateName.clear();
    if (save(changed)) {
        m_rules->setCurrentRow(to);
    }
}

void PoliciesPage::rowsMoved()
{
    if (m_filling) {
        return;
    }
    const Policy::Policy before = policy();
    Policy::Policy changed = before;
    changed.rules.clear();
    int selected = m_rules->currentRow();
    for (int row = 0; row < m_rules->count(); ++row) {
        const int index = m_rules->item(row)->data(ruleIndexRole).toInt();
        if (index < 0 || index >= before.rules.size()) {
            showPolicy();
            return;
        }
        changed.rules.append(before.rules.at(index));
    }
    if (changed.rules.size() != before.rules.size()) {
        showPolicy();
        return;
    }
    changed.templateName.clear();
    if (save(changed)) {
        m_rules->setCurrentRow(selected);
    }
}

void PoliciesPage::setRuleEnabled(int row, bool enabled)
{
    Policy::Policy changed = policy();
    if (row < 0 || row >= changed.rules.size() || changed.rules.at(row).enabled == enabled) {
        return;
    }
    changed.rules[row].enabled = enabled;
    changed.templateName.clear();
    save(changed);
    m_rules->setCurrentRow(row);
}

void PoliciesPage::editDefault()
{
    Policy::Policy changed = policy();
    DefaultActionEditor editor(changed.defaultAction, this);
    if (editor.exec() != QDialog::Accepted) {
        return;
    }
    changed.defaultAction = editor.action();
    changed.templateName.clear();
    save(changed);
}

void PoliciesPage::runWizard()
{
    if (m_document.configuration().find(account()) == nullptr) {
        return;
    }
    PolicyWizard wizard(m_context, account(), this);
    wizard.exec();
    if (wizard.wasSaved()) {
        reload();
        Q_EMIT policyChanged();
    }
}

void PoliciesPage::chooseMessage()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Message to test"), QString(),
                                                      tr("Messages (*.eml);;All files (*)"));
    if (!path.isEmpty()) {
        testMessage(path);
    }
}

void PoliciesPage::testMessage(const QString &path)
{
    const quint64 generation = ++m_testGeneration;
    m_testResult->setText(tr("Reading %1…").arg(QFileInfo(path).fileName()));
    m_trail->hide();
    QPointer<PoliciesPage> self(this);
    // Reading a large message must not freeze the window; deciding is fast and stays here,
    // where the store is used.
    QThread *worker = QThread::create([self, path, generation] {
        QFile file(path);
        QByteArray message;
        if (file.open(QIODevice::ReadOnly)) {
            message = file.readAll();
        }
        if (self.isNull()) {
            return;
        }
        QMetaObject::invokeMethod(
                self.data(),
                [self, path, message, generation] {
                    if (!self.isNull() && self->m_testGeneration == generation) {
                        self->showDecision(path, message);
                    }
                },
                Qt::QueuedConnection);
    });
    connect(worker, &QThread::finished, worker, &QObject::deleteLater);
    worker->start();
}

void PoliciesPage::showDecision(const QString &path, const QByteArray &message)
{
    const QString name = QFileInfo(path).fileName();
    Policy::Envelope envelope;
    envelope.recipients = m_testTo->text().split(QRegularExpression(QStringLiteral("[,;\\s]+")),
                                                 Qt::SkipEmptyParts);
    auto facts = Policy::factsOf(message, envelope);
    if (!facts) {
        m_testResult->setText(message.isEmpty() ? tr("%1 is empty or cannot be read.").arg(name)
                                                : tr("%1 is not a mail message.").arg(name));
        Q_EMIT testFinished();
        return;
    }
    const Store::CertificateStore *store = m_context != nullptr ? m_context->store : nullptr;
    const Policy::Decision decision =
            Policy::decide(policy(), *facts, [store](const QString &address) {
                return store != nullptr && store->encryptionCertificateFor(address).has_value();
            });
    QStringList lines;
    lines.append(tr("%1 would be %2%3.")
                         .arg(name, outcomeText(decision),
                              decision.convertInvitation
                                      ? tr(", after turning the invitation into an .ics attachment")
                                      : QString()));
    lines.append(decision.rule == Policy::defaultRuleName()
                         ? tr("Decided by: no rule matched, the default action")
                         : tr("Decided by the rule: %1").arg(decision.rule));
    if (decision.mustRefuse()) {
        lines.append(tr("Postern would refuse to send it."));
    }
    if (!decision.reason.isEmpty()) {
        lines.append(tr("Reason: %1").arg(decision.reason));
    }
    if (!decision.recipientsWithoutCertificate.isEmpty()) {
        lines.append(
                tr("Without a certificate: %1")
                        .arg(decision.recipientsWithoutCertificate.join(QStringLiteral(", "))));
    }
    if (!decision.clearRecipients.isEmpty()) {
        lines.append(tr("Sent in clear to: %1")
                             .arg(decision.clearRecipients.join(QStringLiteral(", "))));
    }
    if (facts->recipients.isEmpty()) {
        lines.append(tr("The message names no recipients; enter them under To."));
    }
    m_testResult->setText(lines.join(QLatin1Char('\n')));
    m_trail->clear();
    for (const Policy::RuleTrace &step : decision.trail) {
        auto *item = new QTreeWidgetItem(m_trail);
        item->setText(0, step.rule);
        item->setText(1, step.matched ? tr("yes") : tr("no"));
        item->setText(2, step.why);
    }
    m_trail->setVisible(!decision.trail.isEmpty());
    Q_EMIT testFinished();
}

QString PoliciesPage::testResult() const
{
    return m_testResult->text();
}

void PoliciesPage::dragEnterEvent(QDragEnterEvent *event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (urls.size() == 1 && urls.constFirst().isLocalFile()
        && urls.constFirst().toLocalFile().endsWith(QLatin1String(".eml"), Qt::CaseInsensitive)) {
        event->acceptProposedAction();
    }
}

void PoliciesPage::dropEvent(QDropEvent *event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (!urls.isEmpty() && urls.constFirst().isLocalFile()) {
        event->acceptProposedAction();
        testMessage(urls.constFirst().toLocalFile());
    }
}

} // namespace Postern::Ui
