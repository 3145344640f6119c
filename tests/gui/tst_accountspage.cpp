// The Accounts page and the account editor as a person uses them: every check of the editor
// with its message, an account added and edited through the page and found in the saved file,
// the mail client set-up values, and pausing an account's real SMTP proxy.

#include "core/policy/AccountsFile.h"
#include "core/policy/Templates.h"
#include "core/service/ProxyService.h"
#include "core/store/CertificateStore.h"
#include "ui/AccountEditor.h"
#include "ui/AccountsPage.h"
#include "ui/AppContext.h"
#include "ui/MailClientSetup.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeWidget>

#include <functional>

using namespace Postern;
using Ui::AccountEditor;

Q_DECLARE_METATYPE(std::function<void(Postern::Ui::AccountEditor *)>)

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

using Fill = std::function<void(AccountEditor *)>;

template <typename T>
T *field(AccountEditor *editor, const char *name)
{
    T *found = editor->findChild<T *>(QLatin1String(name));
    if (found == nullptr) {
        qFatal("no field %s", name);
    }
    return found;
}

// The fields of a correct account; each test row then spoils one.
void fillValid(AccountEditor *editor)
{
    field<QLineEdit>(editor, "name")->setText(QStringLiteral("Home"));
    field<QPlainTextEdit>(editor, "addresses")->setPlainText(QStringLiteral("Bob@Example.org"));
    field<QLineEdit>(editor, "imapHost")->setText(QStringLiteral("imap.example.org"));
    field<QLineEdit>(editor, "smtpHost")->setText(QStringLiteral("smtp.example.org"));
}

void whenEditorOpen(const Fill &fill)
{
    QTimer::singleShot(20, [fill] {
        auto *editor = qobject_cast<AccountEditor *>(QApplication::activeModalWidget());
        if (editor == nullptr) {
            whenEditorOpen(fill);
            return;
        }
        fill(editor);
    });
}

Policy::Account workAccount(quint16 imapListen, quint16 smtpListen)
{
    Policy::Account account;
    account.name = QStringLiteral("Work");
    account.addresses = {QStringLiteral("alice@example.com")};
    account.imap = server(QStringLiteral("imap.example.com"), 993, Policy::Security::Tls);
    account.smtp = server(QStringLiteral("127.0.0.1"), 2525, Policy::Security::None);
    account.imapListen = imapListen;
    account.smtpListen = smtpListen;
    account.policy = *Policy::makeTemplate(QStringLiteral("encrypt-everything"));
    return account;
}

} // namespace

class TestAccountsPage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void editorChecks_data();
    void editorChecks();
    void addAccountThroughThePage();
    void editKeepsPolicyAndUnknownFields();
    void savingKeepsWhatOthersChangedMeanwhile();
    void mailClientSetupValues();
    void connectionTestReportsInPlainWords();
    void pauseAndResumeTheProxy();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    Ui::AppContext m_context;
    Policy::Configuration m_configuration;
};

void TestAccountsPage::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_context = {};
    m_context.profileDirectory = m_dir->path();
    m_configuration = {};
    const quint16 imap = Policy::choosePort(m_configuration, 21143);
    m_configuration.accounts.append(workAccount(imap, Policy::choosePort(m_configuration, 21587)));
    QVERIFY(Policy::AccountsFile::inProfile(m_dir->path()).save(m_configuration));
}

void TestAccountsPage::editorChecks_data()
{
    QTest::addColumn<Fill>("spoil");
    QTest::addColumn<QString>("message"); // empty: accepted

    QTest::newRow("valid") << Fill([](AccountEditor *) {}) << QString();
    QTest::newRow("no name") << Fill([](AccountEditor *editor) {
        field<QLineEdit>(editor, "name")->clear();
    }) << QStringLiteral("Give the account a name.");
    QTest::newRow("name taken, other case") << Fill([](AccountEditor *editor) {
        field<QLineEdit>(editor, "name")->setText(QStringLiteral("work"));
    }) << QStringLiteral("An account named work exists already.");
    QTest::newRow("no address") << Fill([](AccountEditor *editor) {
        field<QPlainTextEdit>(editor, "addresses")->clear();
    }) << QStringLiteral("Enter at least one e-mail address the account sends as.");
    QTest::newRow("not an address") << Fill([](AccountEditor *editor) {
        field<QPlainTextEdit>(editor, "addresses")->setPlainText(QStringLiteral("bob at home"));
    }) << QStringLiteral("bob is not an e-mail address.");
    QTest::newRow("address of another account") << Fill([](AccountEditor *editor) {
        field<QPlainTextEdit>(editor, "addresses")
                ->setPlainText(QStringLiteral("ALICE@example.com"));
    }) << QStringLiteral("already belongs to account 'Work'");
    QTest::newRow("no IMAP host") << Fill([](AccountEditor *editor) {
        field<QLineEdit>(editor, "imapHost")->clear();
    }) << QStringLiteral("Enter the host name of your IMAP server.");
    QTest::newRow("plain text to a remote server") << Fill([](AccountEditor *editor) {
        for (QComboBox *box : editor->findChildren<QComboBox *>()) {
            if (box->accessibleName() == QStringLiteral("SMTP server security")) {
                box->setCurrentIndex(2);
            }
        }
    }) << QStringLiteral("\"None\" is allowed only for a server on this computer");
    QTest::newRow("plain text to this computer") << Fill([](AccountEditor *editor) {
        field<QLineEdit>(editor, "smtpHost")->setText(QStringLiteral("::1"));
        for (QComboBox *box : editor->findChildren<QComboBox *>()) {
            if (box->accessibleName() == QStringLiteral("SMTP server security")) {
                box->setCurrentIndex(2);
            }
        }
    }) << QString();
    QTest::newRow("one local port twice") << Fill([](AccountEditor *editor) {
        auto *port = field<QSpinBox>(editor, "smtpListen");
        port->setValue(field<QSpinBox>(editor, "imapListen")->value());
    }) << QStringLiteral("is already used by");
}

void TestAccountsPage::editorChecks()
{
    QFETCH(Fill, spoil);
    QFETCH(QString, message);

    AccountEditor editor(&m_context, m_configuration, -1);
    fillValid(&editor);
    // The new account's ports are offered free and distinct from Work's.
    const int imapListen = field<QSpinBox>(&editor, "imapListen")->value();
    QVERIFY(imapListen != m_configuration.accounts.at(0).imapListen);
    spoil(&editor);
    editor.accept();
    if (message.isEmpty()) {
        QVERIFY2(editor.problem().isEmpty(), qPrintable(editor.problem()));
        QCOMPARE(editor.result(), int(QDialog::Accepted));
        const Policy::Account account = editor.account();
        QCOMPARE(account.name, QStringLiteral("Home"));
        QCOMPARE(account.addresses, QStringList{QStringLiteral("bob@example.org")});
        QCOMPARE(account.policy.templateName, QStringLiteral("encrypt-when-possible"));
    } else {
        QVERIFY(editor.result() != QDialog::Accepted);
        QVERIFY2(editor.problem().contains(message), qPrintable(editor.problem()));
        auto *shown = editor.findChild<QLabel *>(QStringLiteral("problem"));
        QVERIFY(!shown->isHidden());
    }
}

void TestAccountsPage::addAccountThroughThePage()
{
    // A port taken by another program is refused by name.
    QTcpServer squatter;
    QVERIFY(squatter.listen(QHostAddress::LocalHost));

    Ui::AccountsPage page(&m_context, nullptr);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    QCOMPARE(page.accountList()->topLevelItemCount(), 1);
    QString refused;
    whenEditorOpen([&refused, &squatter](AccountEditor *editor) {
        fillValid(editor);
        field<QSpinBox>(editor, "smtpListen")->setValue(squatter.serverPort());
        editor->accept();
        refused = editor->problem();
        field<QSpinBox>(editor, "smtpListen")->setValue(Policy::choosePort({}, 40000));
        const QString shots = qEnvironmentVariable("POSTERN_SCREENSHOT_DIR");
        if (!shots.isEmpty()) {
            editor->grab().save(shots + QStringLiteral("/account-editor.png"));
        }
        editor->accept();
    });
    page.addAccount();
    QVERIFY2(refused.contains(QString::number(squatter.serverPort())), qPrintable(refused));
    QVERIFY(refused.contains(QStringLiteral("in use")));

    const auto loaded = Policy::AccountsFile::inProfile(m_dir->path()).load();
    QVERIFY(!loaded.problem);
    QCOMPARE(loaded.configuration.accounts.size(), 2);
    const Policy::Account *home = loaded.configuration.find(QStringLiteral("Home"));
    QVERIFY(home != nullptr);
    QCOMPARE(home->imap.host, QStringLiteral("imap.example.org"));
    QCOMPARE(home->imap.port, quint16(993));
    QVERIFY(home->imap.security == Policy::Security::Tls);
    QCOMPARE(home->policy.templateName, QStringLiteral("encrypt-when-possible"));
    QVERIFY(QFile::exists(Policy::AccountsFile::inProfile(m_dir->path()).backupPath()));
    QCOMPARE(page.accountList()->topLevelItemCount(), 2);
    QCOMPARE(page.selectedAccount(), QStringLiteral("Home"));
}

void TestAccountsPage::editKeepsPolicyAndUnknownFields()
{
    // A field a newer Postern wrote survives an edit in this one.
    Policy::Configuration configuration = m_configuration;
    configuration.accounts[0].extra.insert(QStringLiteral("futureSetting"), 42);
    QVERIFY(Policy::AccountsFile::inProfile(m_dir->path()).save(configuration));

    Ui::AccountsPage page(&m_context, nullptr);
    page.selectAccount(QStringLiteral("Work"));
    // Meanwhile the policy changes elsewhere (the Policies page, the command line); the edit
    // must not bring back the policy the page had read.
    configuration.accounts[0].policy = *Policy::makeTemplate(QStringLiteral("sign-everything"));
    QVERIFY(Policy::AccountsFile::inProfile(m_dir->path()).save(configuration));
    whenEditorOpen([](AccountEditor *editor) {
        QCOMPARE(field<QLineEdit>(editor, "name")->text(), QStringLiteral("Work"));
        field<QPlainTextEdit>(editor, "addresses")
                ->setPlainText(QStringLiteral("alice@example.com\nalice.smith@example.com"));
        editor->accept();
    });
    page.editAccount();
    const auto loaded = Policy::AccountsFile::inProfile(m_dir->path()).load();
    const Policy::Account *work = loaded.configuration.find(QStringLiteral("Work"));
    QVERIFY(work != nullptr);
    QCOMPARE(work->addresses.size(), 2);
    QCOMPARE(work->policy.templateName, QStringLiteral("sign-everything"));
    QCOMPARE(work->extra.value(QStringLiteral("futureSetting")).toInt(), 42);
    QCOMPARE(work->smtpListen, m_configuration.accounts.at(0).smtpListen);
}

// The command line (or a second window) changes the file while a dialog of this page is open;
// what the page then saves goes over the file as it is, not over the one the dialog was opened
// on.
void TestAccountsPage::savingKeepsWhatOthersChangedMeanwhile()
{
    const Policy::AccountsFile file = Policy::AccountsFile::inProfile(m_dir->path());
    const auto elsewhere = [&file](const std::function<void(Policy::Configuration &)> &change) {
        const auto updated = file.update([&change](Policy::Configuration &configuration) {
            change(configuration);
            return true;
        });
        QVERIFY2(updated, qPrintable(updated ? QString() : updated.error().toString()));
    };
    const auto addedElsewhere = [](Policy::Configuration &configuration) {
        Policy::Account other = workAccount(Policy::choosePort(configuration, 31143),
                                            Policy::choosePort(configuration, 31587));
        other.name = QStringLiteral("Script");
        other.addresses = {QStringLiteral("script@example.com")};
        configuration.accounts.append(other);
    };

    Ui::AccountsPage page(&m_context, nullptr);
    whenEditorOpen([&](AccountEditor *editor) {
        fillValid(editor);
        elsewhere(addedElsewhere);
        editor->accept();
    });
    page.addAccount();
    auto loaded = file.load();
    QCOMPARE(loaded.configuration.accounts.size(), 3);
    QVERIFY(loaded.configuration.find(QStringLiteral("Script")) != nullptr);
    QVERIFY(loaded.configuration.find(QStringLiteral("Home")) != nullptr);

    page.selectAccount(QStringLiteral("Work"));
    whenEditorOpen([&](AccountEditor *editor) {
        field<QPlainTextEdit>(editor, "addresses")
                ->setPlainText(QStringLiteral("alice@example.com\nalice.smith@example.com"));
        elsewhere([](Policy::Configuration &configuration) {
            configuration.find(QStringLiteral("Script"))->policy =
                    *Policy::makeTemplate(QStringLiteral("sign-everything"));
            configuration.find(QStringLiteral("Work"))->policy =
                    *Policy::makeTemplate(QStringLiteral("encrypt-domains"),
                                          {QStringList{QStringLiteral("example.net")}});
        });
        editor->accept();
    });
    page.editAccount();
    loaded = file.load();
    QCOMPARE(loaded.configuration.find(QStringLiteral("Work"))->addresses.size(), 2);
    QCOMPARE(loaded.configuration.find(QStringLiteral("Work"))->policy.templateName,
             QStringLiteral("encrypt-domains"));
    QCOMPARE(loaded.configuration.find(QStringLiteral("Script"))->policy.templateName,
             QStringLiteral("sign-everything"));

    // The document's save, as the policy wizard uses it: what it changed goes over the file as it
    // is now.
    Ui::AccountsDocument document(m_dir->path());
    Policy::Configuration changed = document.configuration();
    changed.find(QStringLiteral("Home"))->policy =
            *Policy::makeTemplate(QStringLiteral("encrypt-everything"));
    elsewhere([](Policy::Configuration &configuration) {
        configuration.accounts.removeIf([](const Policy::Account &account) {
            return account.name == QLatin1String("Script");
        });
    });
    QCOMPARE(document.save(changed), QString());
    loaded = file.load();
    QCOMPARE(loaded.configuration.accounts.size(), 2);
    QVERIFY(loaded.configuration.find(QStringLiteral("Script")) == nullptr);
    QCOMPARE(loaded.configuration.find(QStringLiteral("Home"))->policy.templateName,
             QStringLiteral("encrypt-everything"));
    QCOMPARE(loaded.configuration.find(QStringLiteral("Work"))->addresses.size(), 2);
    QVERIFY(!QFile::exists(file.lockPath()));
}

void TestAccountsPage::mailClientSetupValues()
{
    Ui::MailClientSetup setup;
    QVERIFY(setup.rows(Ui::MailClientSetup::Client::Thunderbird).isEmpty());
    Policy::Account account = workAccount(10143, 10587);
    account.smtpListenTls = 10465;
    setup.setAccount(account);
    const auto thunderbird = setup.rows(Ui::MailClientSetup::Client::Thunderbird);
    const auto value = [](const QList<std::pair<QString, QString>> &rows, const QString &name) {
        for (const auto &[field, text] : rows) {
            if (field == name) {
                return text;
            }
        }
        return QStringLiteral("(missing)");
    };
    QCOMPARE(value(thunderbird, QStringLiteral("Incoming server hostname:")),
             QStringLiteral("127.0.0.1"));
    QCOMPARE(value(thunderbird, QStringLiteral("Incoming server port:")), QStringLiteral("10143"));
    QCOMPARE(value(thunderbird, QStringLiteral("Outgoing server port:")), QStringLiteral("10587"));
    QCOMPARE(value(thunderbird, QStringLiteral("Outgoing server connection security:")),
             QStringLiteral("None"));
    QCOMPARE(value(thunderbird, QStringLiteral("Username:")), QStringLiteral("alice@example.com"));
    const auto outlook = setup.rows(Ui::MailClientSetup::Client::Outlook);
    QCOMPARE(value(outlook, QStringLiteral("Outgoing mail server:")), QStringLiteral("127.0.0.1"));
    QCOMPARE(value(outlook, QStringLiteral("Incoming port:")), QStringLiteral("10143"));
    QCOMPARE(value(outlook, QStringLiteral("User name:")), QStringLiteral("alice@example.com"));
    const auto apple = setup.rows(Ui::MailClientSetup::Client::AppleMail);
    QCOMPARE(value(apple, QStringLiteral("Outgoing port (Server Settings):")),
             QStringLiteral("10587"));
    QCOMPARE(value(apple, QStringLiteral("Use TLS/SSL:")), QStringLiteral("Off"));
    QVERIFY(value(apple, QStringLiteral("If your program insists on SSL/TLS, use instead the "
                                        "ports:"))
                    .contains(QStringLiteral("10465")));

    // A login name apart from the address (where the account model has one) is what to type.
    Policy::Account withLogin = account;
    if (Ui::MailClientSetup::setLoginName(withLogin.imap, QStringLiteral("asmith"))) {
        Ui::MailClientSetup other;
        other.setAccount(withLogin);
        QCOMPARE(value(other.rows(Ui::MailClientSetup::Client::Thunderbird),
                       QStringLiteral("Username:")),
                 QStringLiteral("asmith"));
        AccountEditor editor(&m_context, m_configuration, 0);
        field<QLineEdit>(&editor, "login")->setText(QStringLiteral(" asmith "));
        editor.accept();
        QCOMPARE(Ui::MailClientSetup::loginName(editor.account().imap), QStringLiteral("asmith"));
    }

    // What is shown is what the rows say, and the copy button puts it on the clipboard.
    setup.show();
    QVERIFY(QTest::qWaitForWindowExposed(&setup));
    QLineEdit *port = nullptr;
    for (QLineEdit *edit : setup.findChildren<QLineEdit *>()) {
        if (edit->accessibleName() == QStringLiteral("Incoming port") && edit->isVisible()) {
            port = edit;
        }
    }
    QVERIFY(port != nullptr);
    QCOMPARE(port->text(), QStringLiteral("10143"));
    QVERIFY(port->isReadOnly());
    // The label is the translated text as it stands, colon included; nothing is appended.
    const QLabel *portLabel = nullptr;
    for (const QLabel *label : setup.findChildren<QLabel *>()) {
        if (label->buddy() == port) {
            portLabel = label;
        }
    }
    QVERIFY(portLabel != nullptr);
    QCOMPARE(portLabel->text(), QStringLiteral("Incoming port:"));
    for (QPushButton *button : setup.findChildren<QPushButton *>()) {
        if (button->accessibleName() == QStringLiteral("Copy Incoming port")
            && button->isVisible()) {
            button->click();
        }
    }
    QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("10143"));
}

void TestAccountsPage::connectionTestReportsInPlainWords()
{
    // A loopback port where nothing listens: the test must say so instead of hanging.
    quint16 closed = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        closed = probe.serverPort();
    }
    AccountEditor editor(&m_context, m_configuration, 0);
    editor.show();
    QVERIFY(QTest::qWaitForWindowExposed(&editor));
    field<QLineEdit>(&editor, "imapHost")->setText(QStringLiteral("127.0.0.1"));
    for (QSpinBox *box : editor.findChildren<QSpinBox *>()) {
        if (box->accessibleName() == QStringLiteral("IMAP server port")) {
            box->setValue(closed);
        }
    }
    for (QComboBox *box : editor.findChildren<QComboBox *>()) {
        if (box->accessibleName() == QStringLiteral("IMAP server security")) {
            box->setCurrentIndex(2);
        }
    }
    auto *button = field<QPushButton>(&editor, "testImap");
    QVERIFY(button->isEnabled());
    button->click();
    auto *report = field<QPlainTextEdit>(&editor, "testReport");
    QTRY_VERIFY_WITH_TIMEOUT(report->toPlainText().startsWith(QStringLiteral("It does not work")),
                             15000);
    QVERIFY(button->isEnabled());
    // Nothing of the test reaches the saved account.
    editor.reject();
    const auto loaded = Policy::AccountsFile::inProfile(m_dir->path()).load();
    QCOMPARE(loaded.configuration.accounts.at(0).imap.host, QStringLiteral("imap.example.com"));
}

void TestAccountsPage::pauseAndResumeTheProxy()
{
    auto store = Store::CertificateStore::open(m_dir->filePath(QStringLiteral("store")));
    QVERIFY(store);
    Service::ProxyService service(m_dir->path(), store->get());
    service.start();
    const quint16 port = m_configuration.accounts.at(0).smtpListen;
    const quint16 imapPort = m_configuration.accounts.at(0).imapListen;
    const auto accepts = [](quint16 candidate) {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, candidate);
        return socket.waitForConnected(2000);
    };
    // Where the IMAP proxy is built, the pause closes it too.
    const bool hasImap = accepts(imapPort);
    const auto connects = [&] {
        return accepts(port) && (!hasImap || accepts(imapPort));
    };
    const auto closed = [&] {
        return !accepts(port) && !accepts(imapPort);
    };
    QVERIFY(connects());

    m_context.proxies = &service;
    Ui::ProxyControl control(&service);
    Ui::AccountsPage page(&m_context, &control);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    QCOMPARE(page.accountList()->topLevelItem(0)->text(2), QStringLiteral("running"));
    auto *pause = page.findChild<QPushButton *>(QStringLiteral("pause"));
    QVERIFY(pause->isEnabled());
    pause->setFocus();
    QTest::keyClick(pause, Qt::Key_Space);
    QCOMPARE(page.accountList()->topLevelItem(0)->text(2), QStringLiteral("paused"));
    QVERIFY(closed());

    // A restart after a change to the accounts file keeps the pause.
    control.reload();
    QVERIFY(closed());
    QCOMPARE(control.runningCount(), std::make_pair(0, 1));

    QTest::keyClick(pause, Qt::Key_Space);
    QCOMPARE(page.accountList()->topLevelItem(0)->text(2), QStringLiteral("running"));
    QVERIFY(connects());
    const QString shots = qEnvironmentVariable("POSTERN_SCREENSHOT_DIR");
    if (!shots.isEmpty()) {
        page.resize(900, 640);
        page.grab().save(shots + QStringLiteral("/accounts.png"));
    }
}

QTEST_MAIN(TestAccountsPage)
#include "tst_accountspage.moc"
