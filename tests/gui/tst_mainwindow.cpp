// The window's frame: sections and navigation by mouse, keyboard and shortcuts, remembered
// geometry and page, routing of dropped files, the proxies' state, notifications for refused
// messages and expiring own certificates, and the settings dialog's effects on disk.

#include "core/activity/ActivityLog.h"
#include "core/base/Secret.h"
#include "core/policy/AccountsFile.h"
#include "core/policy/Templates.h"
#include "core/service/ProxyService.h"
#include "core/smtp/SmtpProxy.h"
#include "core/store/CertificateStore.h"
#include "core/store/StoreSettings.h"
#include "ui/AboutDialog.h"
#include "ui/AppContext.h"
#include "ui/MainWindow.h"
#include "ui/SettingsDialog.h"

#include <QApplication>
#include <QCheckBox>
#include <QDir>
#include <QListWidget>
#include <QProcess>
#include <QSettings>
#include <QSpinBox>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace Postern;
using Postern::Ui::MainWindow;

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

// A certificate with its key that expires in @p days, made by openssl as a CA would issue it.
QByteArray shortLivedIdentity(const QString &folder, int days)
{
    const QString key = folder + QStringLiteral("/key.pem");
    const QString certificate = folder + QStringLiteral("/cert.pem");
    QProcess openssl;
    openssl.start(QStringLiteral("openssl"),
                  {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                   QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
                   QStringLiteral("ec_paramgen_curve:P-256"), QStringLiteral("-nodes"),
                   QStringLiteral("-days"), QString::number(days), QStringLiteral("-subj"),
                   QStringLiteral("/CN=Alice Example/emailAddress=alice@example.com"),
                   QStringLiteral("-addext"),
                   QStringLiteral("subjectAltName=email:alice@example.com"),
                   QStringLiteral("-keyout"), key, QStringLiteral("-out"), certificate});
    if (!openssl.waitForFinished(30000) || openssl.exitCode() != 0) {
        return {};
    }
    QFile keyFile(key);
    QFile certificateFile(certificate);
    if (!keyFile.open(QIODevice::ReadOnly) || !certificateFile.open(QIODevice::ReadOnly)) {
        return {};
    }
    return keyFile.readAll() + certificateFile.readAll();
}

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void hasEverySection();
    void navigationSwitchesPages();
    void keyboardMovesThroughSections();
    void remembersPageAndGeometry();
    void sortsDroppedFiles();
    void unknownFileIsNamed();
    void proxyStateInStatusBar();
    void refusedMessageNotifies();
    void expiringOwnCertificateNotifies();
    void settingsReachTheDisk();
    void screenshots();
};

void TestMainWindow::hasEverySection()
{
    QTemporaryDir dir;
    MainWindow window(nullptr, dir.filePath(QStringLiteral("ui.ini")));
    QCOMPARE(window.pageTitles(),
             (QStringList{QStringLiteral("Accounts"), QStringLiteral("Policies"),
                          QStringLiteral("Certificates"), QStringLiteral("Activity"),
                          QStringLiteral("Inspector")}));
    QVERIFY(window.currentPage() == MainWindow::Page::Accounts);
}

void TestMainWindow::navigationSwitchesPages()
{
    QTemporaryDir dir;
    MainWindow window(nullptr, dir.filePath(QStringLiteral("ui.ini")));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    auto *navigation = window.findChild<QListWidget *>(QString(), Qt::FindDirectChildrenOnly);
    navigation = navigation != nullptr ? navigation
                                       : window.centralWidget()->findChild<QListWidget *>(
                                               QString(), Qt::FindDirectChildrenOnly);
    auto *pages = window.centralWidget()->findChild<QStackedWidget *>(QString(),
                                                                      Qt::FindDirectChildrenOnly);
    QVERIFY(navigation != nullptr);
    QVERIFY(pages != nullptr);

    const QRect certificates = navigation->visualItemRect(navigation->item(2));
    QTest::mouseClick(navigation->viewport(), Qt::LeftButton, {}, certificates.center());
    QVERIFY(window.currentPage() == MainWindow::Page::Certificates);
    QCOMPARE(pages->currentWidget()->accessibleName(), QStringLiteral("Certificates"));
}

void TestMainWindow::keyboardMovesThroughSections()
{
    QTemporaryDir dir;
    MainWindow window(nullptr, dir.filePath(QStringLiteral("ui.ini")));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    auto *navigation =
            window.centralWidget()->findChild<QListWidget *>(QString(), Qt::FindDirectChildrenOnly);
    navigation->setFocus();
    QTest::keyClick(navigation, Qt::Key_Down);
    QTest::keyClick(navigation, Qt::Key_Down);
    QVERIFY(window.currentPage() == MainWindow::Page::Certificates);
    QTest::keyClick(navigation, Qt::Key_End);
    QVERIFY(window.currentPage() == MainWindow::Page::Inspector);
    // Ctrl+number reaches a section from anywhere in the window.
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QTest::keyClick(&window, Qt::Key_2, Qt::ControlModifier);
    QVERIFY(window.currentPage() == MainWindow::Page::Policies);
    QTest::keyClick(&window, Qt::Key_4, Qt::ControlModifier);
    QVERIFY(window.currentPage() == MainWindow::Page::Activity);
}

void TestMainWindow::remembersPageAndGeometry()
{
    QTemporaryDir dir;
    const QString settings = dir.filePath(QStringLiteral("ui.ini"));
    {
        MainWindow window(nullptr, settings);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.resize(800, 500);
        window.showPage(MainWindow::Page::Activity);
        window.close();
    }
    MainWindow reopened(nullptr, settings);
    QVERIFY(reopened.currentPage() == MainWindow::Page::Activity);
    QCOMPARE(reopened.size(), QSize(800, 500));
}

void TestMainWindow::sortsDroppedFiles()
{
    QStringList ignored;
    const auto [certificates, inspected] = MainWindow::sortDroppedFiles(
            {QStringLiteral("/t/alice.P12"), QStringLiteral("/t/bob.pfx"),
             QStringLiteral("/t/root.pem"), QStringLiteral("/t/a.crt"), QStringLiteral("/t/b.cer"),
             QStringLiteral("/t/c.der"), QStringLiteral("/t/mail.eml"),
             QStringLiteral("/t/smime.p7m"), QStringLiteral("/t/sig.p7s"),
             QStringLiteral("/t/invite.ICS"), QStringLiteral("/t/notes.txt")},
            &ignored);
    QCOMPARE(certificates.size(), 6);
    QCOMPARE(inspected,
             (QStringList{QStringLiteral("/t/mail.eml"), QStringLiteral("/t/smime.p7m"),
                          QStringLiteral("/t/sig.p7s"), QStringLiteral("/t/invite.ICS")}));
    QCOMPARE(ignored, QStringList{QStringLiteral("/t/notes.txt")});
}

void TestMainWindow::unknownFileIsNamed()
{
    QTemporaryDir dir;
    MainWindow window(nullptr, dir.filePath(QStringLiteral("ui.ini")));
    window.openFiles({QStringLiteral("/t/notes.txt")});
    QVERIFY(window.statusBar()->currentMessage().contains(QStringLiteral("notes.txt")));
}

void TestMainWindow::proxyStateInStatusBar()
{
    QTemporaryDir dir;
    {
        MainWindow window(nullptr, dir.filePath(QStringLiteral("ui.ini")));
        QVERIFY(window.proxyState().contains(QStringLiteral("off")));
    }
    Policy::Configuration configuration;
    Policy::Account account;
    account.name = QStringLiteral("Work");
    account.addresses = {QStringLiteral("alice@example.com")};
    account.imap = server(QStringLiteral("imap.example.com"), 993, Policy::Security::Tls);
    account.smtp = server(QStringLiteral("smtp.example.com"), 465, Policy::Security::Tls);
    account.imapListen = Policy::choosePort(configuration, 22143);
    account.smtpListen = Policy::choosePort(configuration, 22587);
    account.policy = *Policy::makeTemplate(QStringLiteral("encrypt-everything"));
    configuration.accounts.append(account);
    QVERIFY(Policy::AccountsFile::inProfile(dir.path()).save(configuration));
    auto store = Store::CertificateStore::open(dir.filePath(QStringLiteral("store")));
    QVERIFY(store);
    Service::ProxyService service(dir.path(), store->get());
    service.start();
    Ui::AppContext context;
    context.profileDirectory = dir.path();
    context.store = store->get();
    context.proxies = &service;
    MainWindow window(&context, dir.filePath(QStringLiteral("ui.ini")));
    QCOMPARE(window.proxyState(), QStringLiteral("Proxies running for 1 of 1 accounts"));
    QAction *pauseAll = nullptr;
    for (QAction *action : window.findChildren<QAction *>()) {
        if (action->text() == QStringLiteral("&Pause all proxies")) {
            pauseAll = action;
        }
    }
    QVERIFY(pauseAll != nullptr);
    pauseAll->trigger();
    QCOMPARE(window.proxyState(), QStringLiteral("All proxies paused"));
    QVERIFY(service.smtpProxies().constFirst()->port() == 0);
    pauseAll->trigger();
    QCOMPARE(window.proxyState(), QStringLiteral("Proxies running for 1 of 1 accounts"));
}

void TestMainWindow::refusedMessageNotifies()
{
    QTemporaryDir dir;
    ActivityLog log(dir.filePath(QStringLiteral("activity.jsonl")));
    Ui::AppContext context;
    context.activity = &log;
    MainWindow window(&context, dir.filePath(QStringLiteral("ui.ini")));
    ActivityEvent delivered;
    delivered.time = QDateTime::currentDateTimeUtc();
    delivered.subject = QStringLiteral("Lunch");
    delivered.result = QStringLiteral("delivered");
    log.record(delivered);
    QVERIFY(window.lastNotification().isEmpty());
    ActivityEvent refused = delivered;
    refused.subject = QStringLiteral("Board papers");
    refused.recipients = {QStringLiteral("eve@other.example")};
    refused.action = QStringLiteral("block");
    refused.result = QStringLiteral("refused");
    refused.detail = QStringLiteral("Board papers go by courier.");
    log.record(refused);
    QVERIFY(window.lastNotification().contains(QStringLiteral("not sent")));
    QVERIFY(window.lastNotification().contains(QStringLiteral("Board papers go by courier.")));
    QVERIFY(window.lastNotification().contains(QStringLiteral("eve@other.example")));
}

void TestMainWindow::expiringOwnCertificateNotifies()
{
    QTemporaryDir dir;
    auto store = Store::CertificateStore::open(dir.filePath(QStringLiteral("store")));
    QVERIFY(store);
    QVERIFY((*store)->initialise(Secret(QByteArray("passphrase"))));
    QVERIFY((*store)->generateIdentity(QStringLiteral("long@example.com"), QStringLiteral("Long"),
                                       Crypto::KeyType::EcP256));
    Ui::AppContext context;
    context.store = store->get();
    {
        MainWindow window(&context, dir.filePath(QStringLiteral("ui.ini")));
        window.checkExpiringCertificates();
        QVERIFY(window.lastNotification().isEmpty());
    }
    const QByteArray pem = shortLivedIdentity(dir.path(), 5);
    QVERIFY2(!pem.isEmpty(), "openssl could not make a certificate");
    QVERIFY((*store)->importData(pem, Secret()));
    MainWindow window(&context, dir.filePath(QStringLiteral("ui.ini")));
    window.checkExpiringCertificates();
    QVERIFY2(window.lastNotification().contains(QStringLiteral("expires soon")),
             qPrintable(window.lastNotification()));
    QVERIFY(window.lastNotification().contains(QStringLiteral("alice@example.com")));
    // Once per certificate, not at every check.
    window.statusBar()->clearMessage();
    const QString first = window.lastNotification();
    window.checkExpiringCertificates();
    QVERIFY(window.statusBar()->currentMessage().isEmpty());
    QCOMPARE(window.lastNotification(), first);
}

void TestMainWindow::settingsReachTheDisk()
{
    QTemporaryDir dir;
    QTemporaryDir config;
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(config.path()));
    auto store = Store::CertificateStore::open(dir.filePath(QStringLiteral("store")));
    QVERIFY(store);
    Ui::AppContext context;
    context.profileDirectory = dir.path();
    context.store = store->get();
    const QString uiSettings = dir.filePath(QStringLiteral("ui.ini"));
    const QString autostart = Ui::SettingsDialog::autostartFile();
    QVERIFY(autostart.startsWith(config.path()));
    {
        Ui::SettingsDialog dialog(&context, uiSettings);
        QCOMPARE(dialog.findChild<QSpinBox *>()->value(), 15);
        for (QCheckBox *box : dialog.findChildren<QCheckBox *>()) {
            box->setChecked(true);
        }
        dialog.findChild<QSpinBox *>()->setValue(5);
        dialog.accept();
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
    }
    QVERIFY(Ui::SettingsDialog::startsMinimised(uiSettings));
    QCOMPARE(Store::StoreSettings::load(Store::StoreSettings::filePath(dir.path())).unlockTimeout,
             300);
    QCOMPARE((*store)->unlockTimeout(), 300);
    QFile entry(autostart);
    QVERIFY(entry.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(entry.readAll());
    QVERIFY(text.startsWith(QStringLiteral("[Desktop Entry]\n")));
    QVERIFY(text.contains(QStringLiteral("Exec=\"%1\" --profile \"%2\"")
                                  .arg(QCoreApplication::applicationFilePath(), dir.path())));
    entry.close();

    {
        Ui::SettingsDialog dialog(&context, uiSettings);
        for (QCheckBox *box : dialog.findChildren<QCheckBox *>()) {
            QVERIFY(box->isChecked());
            box->setChecked(false);
        }
        dialog.findChild<QSpinBox *>()->setValue(0);
        dialog.accept();
    }
    QVERIFY(!QFile::exists(autostart));
    QVERIFY(!Ui::SettingsDialog::startsMinimised(uiSettings));
    QCOMPARE((*store)->unlockTimeout(), 0);
    qunsetenv("XDG_CONFIG_HOME");
}

// For a person to look at: POSTERN_SCREENSHOT_DIR=dir under Xvfb saves every section of a
// window with two accounts, and the settings and About dialogs.
void TestMainWindow::screenshots()
{
    const QString shots = qEnvironmentVariable("POSTERN_SCREENSHOT_DIR");
    if (shots.isEmpty()) {
        QSKIP("POSTERN_SCREENSHOT_DIR is not set");
    }
    QTemporaryDir dir;
    Policy::Configuration configuration;
    for (const auto &[name, address, imap, smtp, templateName] :
         {std::tuple{"Work", "alice@example.com", "imap.example.com", "smtp.example.com",
                     "invitations-in-clear"},
          std::tuple{"Personal", "alice@home.example", "mail.home.example", "mail.home.example",
                     "encrypt-when-possible"}}) {
        Policy::Account account;
        account.name = QLatin1String(name);
        account.addresses = {QLatin1String(address)};
        account.imap = server(QLatin1String(imap), 993, Policy::Security::Tls);
        account.smtp = server(QLatin1String(smtp), 587, Policy::Security::StartTls);
        account.imapListen = Policy::choosePort(configuration, 23143);
        Policy::Configuration withImap = configuration;
        withImap.accounts.append(account);
        account.smtpListen = Policy::choosePort(withImap, 23587);
        account.policy = *Policy::makeTemplate(QLatin1String(templateName));
        configuration.accounts.append(account);
    }
    QVERIFY(Policy::AccountsFile::inProfile(dir.path()).save(configuration));
    auto store = Store::CertificateStore::open(dir.filePath(QStringLiteral("store")));
    QVERIFY(store);
    QVERIFY((*store)->initialise(Secret(QByteArray("passphrase"))));
    QVERIFY((*store)->generateIdentity(QStringLiteral("alice@example.com"),
                                       QStringLiteral("Alice Example"), Crypto::KeyType::EcP256));
    Service::ProxyService service(dir.path(), store->get());
    service.start();
    Ui::AppContext context;
    context.profileDirectory = dir.path();
    context.store = store->get();
    context.proxies = &service;
    context.activity = service.activity();
    MainWindow window(&context, dir.filePath(QStringLiteral("ui.ini")));
    window.resize(1100, 760);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    const QStringList names = {QStringLiteral("accounts"), QStringLiteral("policies"),
                               QStringLiteral("certificates"), QStringLiteral("activity"),
                               QStringLiteral("inspector")};
    for (int index = 0; index < names.size(); ++index) {
        window.showPage(static_cast<MainWindow::Page>(index));
        QTest::qWait(100);
        QVERIFY(window.grab().save(QStringLiteral("%1/window-%2.png").arg(shots, names.at(index))));
    }
    // The same sections in a dark palette: every colour must come from the palette.
    QApplication::setStyle(QStringLiteral("Fusion"));
    QPalette dark;
    dark.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
    dark.setColor(QPalette::WindowText, QColor(0xe6, 0xe6, 0xe6));
    dark.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
    dark.setColor(QPalette::AlternateBase, QColor(0x33, 0x33, 0x33));
    dark.setColor(QPalette::Text, QColor(0xe6, 0xe6, 0xe6));
    dark.setColor(QPalette::Button, QColor(0x3a, 0x3a, 0x3a));
    dark.setColor(QPalette::ButtonText, QColor(0xe6, 0xe6, 0xe6));
    dark.setColor(QPalette::Highlight, QColor(0x3d, 0x7e, 0xc6));
    dark.setColor(QPalette::HighlightedText, Qt::white);
    dark.setColor(QPalette::PlaceholderText, QColor(0x9a, 0x9a, 0x9a));
    dark.setColor(QPalette::ToolTipBase, QColor(0x3a, 0x3a, 0x3a));
    dark.setColor(QPalette::ToolTipText, QColor(0xe6, 0xe6, 0xe6));
    dark.setColor(QPalette::Disabled, QPalette::Text, QColor(0x80, 0x80, 0x80));
    dark.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x80, 0x80, 0x80));
    const QPalette before = QApplication::palette();
    QApplication::setPalette(dark);
    for (int index = 0; index < names.size(); ++index) {
        window.showPage(static_cast<MainWindow::Page>(index));
        QTest::qWait(100);
        QVERIFY(window.grab().save(
                QStringLiteral("%1/window-%2-dark.png").arg(shots, names.at(index))));
    }
    QApplication::setPalette(before);

    Ui::SettingsDialog settings(&context, dir.filePath(QStringLiteral("ui.ini")), &window);
    settings.show();
    QVERIFY(QTest::qWaitForWindowExposed(&settings));
    QVERIFY(settings.grab().save(shots + QStringLiteral("/settings.png")));
    Ui::AboutDialog about(&window);
    about.show();
    QVERIFY(QTest::qWaitForWindowExposed(&about));
    QVERIFY(about.grab().save(shots + QStringLiteral("/about.png")));
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
