// The Policies page as a person uses it: rules added, edited, reordered by buttons and by a
// drag, switched off and removed, each change checked in the saved accounts file; the rule and
// condition editors' checks; and the "test a message" box against the engine's answer.

#include "core/policy/AccountsFile.h"
#include "core/policy/Templates.h"
#include "ui/AppContext.h"
#include "ui/PoliciesPage.h"
#include "ui/RuleEditor.h"

#include <QApplication>
#include <QComboBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <functional>

using namespace Postern;
using Ui::PoliciesPage;

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

// Runs @p step on the next modal dialog of type T once it is open.
template <typename T>
void whenOpen(std::function<void(T *)> step)
{
    QTimer::singleShot(20, [step] {
        auto *dialog = qobject_cast<T *>(QApplication::activeModalWidget());
        if (dialog == nullptr) {
            whenOpen<T>(step);
            return;
        }
        step(dialog);
    });
}

QStringList savedRuleNames(const QString &profile)
{
    const auto loaded = Policy::AccountsFile::inProfile(profile).load();
    QStringList names;
    if (const Policy::Account *account = loaded.configuration.find(accountName)) {
        for (const Policy::Rule &rule : account->policy.rules) {
            names.append(rule.name);
        }
    }
    return names;
}

Policy::Policy savedPolicy(const QString &profile)
{
    const auto loaded = Policy::AccountsFile::inProfile(profile).load();
    const Policy::Account *account = loaded.configuration.find(accountName);
    return account != nullptr ? account->policy : Policy::Policy();
}

} // namespace

class TestPoliciesPage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void showsTheAccountsRules();
    void addRuleThroughTheEditor();
    void editRenamesAndKeepsOrder();
    void reorderWithButtonsAndDrag();
    void switchOffAndRemove();
    void defaultAction();
    void ruleEditorChecks();
    void conditionEditorCoversEveryKind();
    void testAMessage();
    void brokenFileRefusesChanges();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    Ui::AppContext m_context;
};

void TestPoliciesPage::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
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
    account.policy = *Policy::makeTemplate(QStringLiteral("invitations-in-clear"));
    configuration.accounts.append(account);
    QVERIFY(Policy::AccountsFile::inProfile(m_dir->path()).save(configuration));
}

void TestPoliciesPage::showsTheAccountsRules()
{
    PoliciesPage page(&m_context);
    QCOMPARE(page.account(), accountName);
    QCOMPARE(page.ruleList()->count(), 2);
    QVERIFY(page.ruleList()->item(0)->text().contains(QStringLiteral("Invitations in clear")));
    QVERIFY(page.ruleList()->item(0)->text().contains(QStringLiteral("meeting invitation")));
    QCOMPARE(page.ruleList()->item(0)->checkState(), Qt::Checked);
}

void TestPoliciesPage::addRuleThroughTheEditor()
{
    PoliciesPage page(&m_context);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    page.ruleList()->setCurrentRow(0);
    whenOpen<Ui::RuleEditor>([](Ui::RuleEditor *editor) {
        auto *name = editor->findChild<QLineEdit *>(QStringLiteral("ruleName"));
        name->selectAll();
        QTest::keyClicks(name, QStringLiteral("Board papers"));
        Policy::Condition pdf;
        pdf.kind = Policy::ConditionKind::Attachment;
        pdf.fileName = QStringLiteral("*.pdf");
        editor->addCondition(pdf);
        auto *kind = editor->findChild<QComboBox *>(QStringLiteral("actionKind"));
        kind->setCurrentIndex(kind->findText(QStringLiteral("Block the message")));
        auto *reason = editor->findChild<QLineEdit *>(QStringLiteral("reason"));
        QVERIFY(reason->isVisible());
        QTest::keyClicks(reason, QStringLiteral("Board papers go by courier."));
        editor->accept();
    });
    page.addRule();

    // After the selected first rule, before the catch-all.
    QCOMPARE(savedRuleNames(m_dir->path()),
             (QStringList{QStringLiteral("Invitations in clear"), QStringLiteral("Board papers"),
                          QStringLiteral("Encrypt the rest")}));
    const Policy::Policy saved = savedPolicy(m_dir->path());
    const Policy::Rule &rule = saved.rules.at(1);
    QVERIFY(rule.action.kind == Policy::ActionKind::Block);
    QCOMPARE(rule.action.reason, QStringLiteral("Board papers go by courier."));
    QCOMPARE(rule.conditions.size(), 1);
    QCOMPARE(rule.conditions.at(0).fileName, QStringLiteral("*.pdf"));
    // An edited policy is no longer the template's.
    QVERIFY(saved.templateName.isEmpty());
    QVERIFY(QFile::exists(Policy::AccountsFile::inProfile(m_dir->path()).backupPath()));
    QCOMPARE(page.ruleList()->count(), 3);
    QCOMPARE(page.ruleList()->currentRow(), 1);
}

void TestPoliciesPage::editRenamesAndKeepsOrder()
{
    PoliciesPage page(&m_context);
    page.ruleList()->setCurrentRow(1);
    whenOpen<Ui::RuleEditor>([](Ui::RuleEditor *editor) {
        auto *name = editor->findChild<QLineEdit *>(QStringLiteral("ruleName"));
        QCOMPARE(name->text(), QStringLiteral("Encrypt the rest"));
        name->setText(QStringLiteral("Everything else"));
        auto *kind = editor->findChild<QComboBox *>(QStringLiteral("actionKind"));
        kind->setCurrentIndex(kind->findText(QStringLiteral("Sign and encrypt")));
        editor->accept();
    });
    page.editRule();
    const Policy::Policy saved = savedPolicy(m_dir->path());
    QCOMPARE(saved.rules.at(1).name, QStringLiteral("Everything else"));
    QVERIFY(saved.rules.at(1).action.kind == Policy::ActionKind::SignEncrypt);
    QCOMPARE(saved.rules.at(0).name, QStringLiteral("Invitations in clear"));

    // Cancelling changes nothing on disk.
    const QByteArray before = QJsonDocument(Policy::toJson(saved)).toJson();
    whenOpen<Ui::RuleEditor>([](Ui::RuleEditor *editor) {
        editor->findChild<QLineEdit *>(QStringLiteral("ruleName"))->setText(QStringLiteral("x"));
        editor->reject();
    });
    page.editRule();
    QCOMPARE(QJsonDocument(Policy::toJson(savedPolicy(m_dir->path()))).toJson(), before);
}

void TestPoliciesPage::reorderWithButtonsAndDrag()
{
    PoliciesPage page(&m_context);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    page.ruleList()->setCurrentRow(1);
    // By the button, with the keyboard: focus "Move up" and press space.
    QPushButton *up = nullptr;
    for (QPushButton *button : page.findChildren<QPushButton *>()) {
        if (button->text() == QStringLiteral("Move &up")) {
            up = button;
        }
    }
    QVERIFY(up != nullptr);
    QVERIFY(up->isEnabled());
    up->setFocus();
    QTest::keyClick(up, Qt::Key_Space);
    QCOMPARE(savedRuleNames(m_dir->path()), (QStringList{QStringLiteral("Encrypt the rest"),
                                                         QStringLiteral("Invitations in clear")}));
    QCOMPARE(page.ruleList()->currentRow(), 0);
    QVERIFY(!up->isEnabled());

    // In the list itself: Ctrl+Down moves the selected rule down again.
    page.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&page));
    page.ruleList()->setFocus();
    QTest::keyClick(page.ruleList(), Qt::Key_Down, Qt::ControlModifier);
    QCOMPARE(savedRuleNames(m_dir->path()), (QStringList{QStringLiteral("Invitations in clear"),
                                                         QStringLiteral("Encrypt the rest")}));
    QCOMPARE(page.ruleList()->currentRow(), 1);
    QTest::keyClick(page.ruleList(), Qt::Key_Up, Qt::ControlModifier);
    QCOMPARE(page.ruleList()->currentRow(), 0);

    // By a drag: the list's model moves the row as an internal drop does.
    QListWidget *list = page.ruleList();
    QVERIFY(list->dragDropMode() == QAbstractItemView::InternalMove);
    QVERIFY(list->model()->moveRow(QModelIndex(), 1, QModelIndex(), 0));
    QTRY_COMPARE(savedRuleNames(m_dir->path()), (QStringList{QStringLiteral("Invitations in clear"),
                                                             QStringLiteral("Encrypt the rest")}));
    QTRY_VERIFY(list->item(0)->text().startsWith(QStringLiteral("1. Invitations in clear")));
}

void TestPoliciesPage::switchOffAndRemove()
{
    PoliciesPage page(&m_context);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    // Space on the selected rule switches it off, as a click on its box does.
    page.ruleList()->setFocus();
    page.ruleList()->setCurrentRow(0);
    QTest::keyClick(page.ruleList(), Qt::Key_Space);
    QVERIFY(!savedPolicy(m_dir->path()).rules.at(0).enabled);
    QCOMPARE(page.ruleList()->item(0)->checkState(), Qt::Unchecked);
    page.ruleList()->item(0)->setCheckState(Qt::Checked);
    QVERIFY(savedPolicy(m_dir->path()).rules.at(0).enabled);

    page.ruleList()->setCurrentRow(0);
    whenOpen<QMessageBox>([](QMessageBox *box) { box->button(QMessageBox::Yes)->click(); });
    page.removeRule();
    QCOMPARE(savedRuleNames(m_dir->path()), QStringList{QStringLiteral("Encrypt the rest")});
}

void TestPoliciesPage::defaultAction()
{
    PoliciesPage page(&m_context);
    whenOpen<Ui::DefaultActionEditor>([](Ui::DefaultActionEditor *editor) {
        auto *kind = editor->findChild<QComboBox *>(QStringLiteral("actionKind"));
        kind->setCurrentIndex(kind->findText(QStringLiteral("Send in clear")));
        editor->accept();
    });
    page.editDefault();
    QVERIFY(savedPolicy(m_dir->path()).defaultAction.kind == Policy::ActionKind::Clear);
}

void TestPoliciesPage::ruleEditorChecks()
{
    Policy::Rule rule;
    Ui::RuleEditor editor(rule);
    editor.accept();
    QVERIFY(editor.result() != QDialog::Accepted);
    QVERIFY(editor.problem().contains(QStringLiteral("name")));

    editor.findChild<QLineEdit *>(QStringLiteral("ruleName"))->setText(QStringLiteral("Bad"));
    Policy::Condition regex;
    regex.kind = Policy::ConditionKind::Subject;
    regex.match = Policy::TextMatch::Regex;
    regex.value = QStringLiteral("([unclosed");
    editor.addCondition(regex);
    editor.accept();
    QVERIFY(editor.result() != QDialog::Accepted);
    QVERIFY2(editor.problem().contains(QStringLiteral("regular expression")),
             qPrintable(editor.problem()));

    Ui::ConditionEditor conditionEditor(regex);
    conditionEditor.accept();
    QVERIFY(conditionEditor.result() != QDialog::Accepted);
    QVERIFY(!conditionEditor.problem().isEmpty());
    conditionEditor.findChild<QLineEdit *>(QStringLiteral("value"))
            ->setText(QStringLiteral("^board\\b"));
    conditionEditor.accept();
    QCOMPARE(conditionEditor.result(), int(QDialog::Accepted));
}

void TestPoliciesPage::conditionEditorCoversEveryKind()
{
    // Every condition of the engine survives the editor unchanged: open, accept, compare JSON.
    QList<Policy::Condition> conditions;
    const auto add = [&conditions](const QJsonObject &json) {
        Policy::Policy probe;
        QJsonObject rule{{QStringLiteral("name"), QStringLiteral("r")},
                         {QStringLiteral("conditions"), QJsonArray{json}},
                         {QStringLiteral("action"),
                          QJsonObject{{QStringLiteral("type"), QStringLiteral("clear")}}}};
        auto read = Policy::policyFromJson(QJsonObject{{QStringLiteral("rules"), QJsonArray{rule}}},
                                           QString());
        QVERIFY2(read, qPrintable(read ? QString() : read.error().reason));
        conditions.append(read->rules.at(0).conditions.at(0));
    };
    const auto object = [](const char *json) {
        return QJsonDocument::fromJson(QByteArray(json)).object();
    };
    add(object("{\"type\":\"header\",\"header\":\"x-class\",\"match\":\"equals\","
               "\"value\":\"secret\",\"caseSensitive\":true}"));
    add(object("{\"type\":\"invitation\",\"methods\":[\"REQUEST\",\"CANCEL\"],\"not\":true}"));
    add(object("{\"type\":\"recipient-address\",\"recipients\":\"all\","
               "\"values\":[\"a@b.example\"]}"));
    add(object("{\"type\":\"recipient-domain\",\"values\":[\"*.partner.example\"]}"));
    add(object("{\"type\":\"sender-address\",\"values\":[\"me@example.com\"]}"));
    add(object("{\"type\":\"sender-domain\",\"values\":[\"example.com\"]}"));
    add(object("{\"type\":\"recipients-have-certificates\"}"));
    add(object("{\"type\":\"subject\",\"match\":\"regex\",\"value\":\"^board\"}"));
    add(object("{\"type\":\"attachment\",\"mimeType\":\"application/*\",\"fileName\":\"*.pdf\"}"));
    add(object("{\"type\":\"size-above\",\"bytes\":1048576}"));
    QCOMPARE(conditions.size(), 10);
    for (const Policy::Condition &condition : std::as_const(conditions)) {
        Ui::ConditionEditor editor(condition);
        editor.accept();
        QVERIFY2(editor.result() == QDialog::Accepted,
                 qPrintable(Ui::describeCondition(condition) + QStringLiteral(": ")
                            + editor.problem()));
        Policy::Policy before;
        Policy::Policy after;
        Policy::Rule rule;
        rule.conditions = {condition};
        before.rules = {rule};
        rule.conditions = {editor.condition()};
        after.rules = {rule};
        QCOMPARE(QJsonDocument(Policy::toJson(after)).toJson(),
                 QJsonDocument(Policy::toJson(before)).toJson());
        QVERIFY(!Ui::describeCondition(condition).isEmpty());
    }
}

void TestPoliciesPage::testAMessage()
{
    const QString path = m_dir->filePath(QStringLiteral("invite.eml"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("From: alice@example.com\r\nTo: bob@partner.example\r\nSubject: Planning\r\n"
               "MIME-Version: 1.0\r\nContent-Type: text/calendar; method=REQUEST\r\n\r\n"
               "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\nMETHOD:REQUEST\r\n"
               "BEGIN:VEVENT\r\nUID:1@example.com\r\nDTSTAMP:20261201T090000Z\r\n"
               "DTSTART:20261210T090000Z\r\nSUMMARY:Planning\r\n"
               "ORGANIZER:mailto:alice@example.com\r\nATTENDEE:mailto:bob@partner.example\r\n"
               "END:VEVENT\r\nEND:VCALENDAR\r\n");
    file.close();

    PoliciesPage page(&m_context);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    QSignalSpy finished(&page, &PoliciesPage::testFinished);
    // Dropped onto the page, as from a file manager.
    QMimeData dropped;
    dropped.setUrls({QUrl::fromLocalFile(path)});
    QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &dropped, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&page, &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &dropped, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&page, &drop);
    QVERIFY(finished.wait());
    QVERIFY2(page.testResult().contains(QStringLiteral("sent in clear")),
             qPrintable(page.testResult()));
    QVERIFY(page.testResult().contains(QStringLiteral("Invitations in clear")));
    const QString shots = qEnvironmentVariable("POSTERN_SCREENSHOT_DIR");
    if (!shots.isEmpty()) {
        page.resize(900, 720);
        page.grab().save(shots + QStringLiteral("/policies.png"));
    }

    // Switched off, the rule no longer decides: the catch-all encrypts, and without a
    // certificate for bob the message would be refused.
    page.setRuleEnabled(0, false);
    page.testMessage(path);
    QVERIFY(finished.wait());
    QVERIFY2(page.testResult().contains(QStringLiteral("encrypted")),
             qPrintable(page.testResult()));
    QVERIFY(page.testResult().contains(QStringLiteral("Encrypt the rest")));
    QVERIFY(page.testResult().contains(QStringLiteral("refuse")));

    const QString garbage = m_dir->filePath(QStringLiteral("empty.eml"));
    QFile empty(garbage);
    QVERIFY(empty.open(QIODevice::WriteOnly));
    empty.close();
    page.testMessage(garbage);
    QVERIFY(finished.wait());
    QVERIFY(page.testResult().contains(QStringLiteral("empty")));
}

void TestPoliciesPage::brokenFileRefusesChanges()
{
    const QString path = Policy::AccountsFile::inProfile(m_dir->path()).path();
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QByteArray broken = file.readAll();
    file.close();
    broken.replace("\"clear\"", "\"cleer\"");
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(broken);
    file.close();

    PoliciesPage page(&m_context);
    // The last good version is shown, and nothing can change it.
    QCOMPARE(page.ruleList()->count(), 2);
    bool bannerShown = false;
    for (QLabel *label : page.findChildren<QLabel *>()) {
        if (label->text().contains(QStringLiteral("cleer"))) {
            bannerShown = !label->isHidden();
        }
    }
    QVERIFY(bannerShown);
    for (QPushButton *button : page.findChildren<QPushButton *>()) {
        if (button->text() == QStringLiteral("&Add…")) {
            QVERIFY(!button->isEnabled());
        }
    }
    page.ruleList()->setCurrentRow(1);
    QString warning;
    whenOpen<QMessageBox>([&warning](QMessageBox *box) {
        warning = box->text();
        box->accept();
    });
    page.moveRule(-1);
    QVERIFY(warning.contains(QStringLiteral("cleer")));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), broken);
}

QTEST_MAIN(TestPoliciesPage)
#include "tst_policiespage.moc"
