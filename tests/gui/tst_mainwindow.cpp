// The window's frame: sections and navigation by mouse, keyboard and shortcuts, remembered
// geometry and page, routing of dropped files, the proxies' state, the tray's menu and tooltip
// (without a tray: the offscreen platform has none), notifications for refused messages and
// expiring own certificates, the settings dialog's effects on disk, reading the profile again
// after the command line changed it, and quitting without cutting off a message.

#include "core/activity/ActivityLog.h"
#include "core/base/Secret.h"
#include "core/policy/AccountsFile.h"
#include "core/policy/Templates.h"
#include "core/service/ProxyService.h"
#include "core/smtp/SmtpProxy.h"
#include "core/store/CertificateStore.h"
#include "core/store/StoreSettings.h"
#include "ui/AboutDialog.h"
#include "ui/AccountsPage.h"
#include "ui/AppContext.h"
#include "ui/MainWindow.h"
#include "ui/SettingsDialog.h"
#include "ui/TrayController.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QCheckBox>
#include <QDir>
#include <QFileInfo>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QProcess>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeWidget>

using namespace Postern;
using Postern::Ui::MainWindow;
using Postern::Ui::TrayController;

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

// One account whose proxies listen on free loopback ports.
Policy::Configuration oneAccount()
{
    Policy::Configuration configuration;
    Policy::Account account;
    account.name = QStringLiteral("Work");
    account.addresses = {QStringLiteral("alice@example.com")};
    account.imap = server(QStringLiteral("imap.example.com"), 993, Policy::Security::Tls);
    account.smtp = server(QStringLiteral("smtp.example.com"), 465, Policy::Security::Tls);
    account.imapListen = Policy::choosePort(configuration, 24143);
    Policy::Configuration withImap = configuration;
    withImap.accounts.append(account);
    account.smtpListen = Policy::choosePort(withImap, 24587);
    account.policy = *Policy::makeTemplate(QStringLiteral("encrypt-everything"));
    configuration.accounts.append(account);
    return configuration;
}

QAction *menuAction(const QMenu *menu, const QString &text)
{
    for (QAction *action : menu->actions()) {
        if (action->text() == text) {
            return action;
        }
    }
    return nullptr;
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
    void trayWithoutProxies();
    void trayRunningAndPaused();
    void trayProxyProblem();
    void trayLastEventAndNotifications();
    void settingsReachTheDisk();
    void reloadReadsWhatAnotherProcessChanged();
    void quitLetsTheProxiesFinish();
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
    QSignalSpy requested(window.trayController(), &TrayController::notificationRequested);
    window.checkExpiringCertificates();
    QVERIFY2(window.lastNotification().contains(QStringLiteral("expires soon")),
             qPrintable(window.lastNotification()));
    // The tray gives it as a message where there is a tray.
    QCOMPARE(requested.count(), 1);
    QCOMPARE(requested.constFirst().at(0).toString(),
             QStringLiteral("Your certificate expires soon"));
    QVERIFY(requested.constFirst().at(1).toString().contains(QStringLiteral("alice@example.com")));
    QVERIFY(window.lastNotification().contains(QStringLiteral("alice@example.com")));
    // Once per certificate, not at every check.
    window.statusBar()->clearMessage();
    const QString first = window.lastNotification();
    window.checkExpiringCertificates();
    QVERIFY(window.statusBar()->currentMessage().isEmpty());
    QCOMPARE(window.lastNotification(), first);
    QCOMPARE(requested.count(), 1);
}

// No proxy service (the store could not be opened): an error, and nothing to pause.
void TestMainWindow::trayWithoutProxies()
{
    Ui::ProxyControl proxies(nullptr);
    TrayController tray(&proxies);
    QVERIFY(tray.state() == TrayController::State::Error);
    QCOMPARE(tray.iconName(), QStringLiteral("status-error"));
    QCOMPARE(tray.toolTip(),
             QStringLiteral("Postern: Proxies off: the certificate store could not be opened"));
    QVERIFY(!tray.pauseAction()->isEnabled());
    QVERIFY(tray.lastEvent().isEmpty());

    // The menu: show the window, pause, the last event (not clickable), quit.
    QMenu *menu = tray.menu();
    QVERIFY(menu != nullptr);
    QVERIFY(menu->actions().contains(tray.pauseAction()));
    QAction *last = menuAction(menu, QStringLiteral("No message relayed yet"));
    QVERIFY(last != nullptr);
    QVERIFY(!last->isEnabled());
    QSignalSpy show(&tray, &TrayController::showWindowRequested);
    QSignalSpy quit(&tray, &TrayController::quitRequested);
    menuAction(menu, QStringLiteral("&Show Postern"))->trigger();
    QCOMPARE(show.count(), 1);
    menuAction(menu, QStringLiteral("&Quit"))->trigger();
    QCOMPARE(quit.count(), 1);
}

// The tray's pause is the window's: it closes the proxies' ports and opens them again.
void TestMainWindow::trayRunningAndPaused()
{
    QTemporaryDir dir;
    QVERIFY(Policy::AccountsFile::inProfile(dir.path()).save(oneAccount()));
    auto store = Store::CertificateStore::open(dir.filePath(QStringLiteral("store")));
    QVERIFY(store);
    Service::ProxyService service(dir.path(), store->get());
    QVERIFY(service.start().isEmpty());
    Ui::ProxyControl proxies(&service);
    TrayController tray(&proxies);
    QVERIFY(tray.state() == TrayController::State::Running);
    QCOMPARE(tray.iconName(), QStringLiteral("status-running"));
    QCOMPARE(tray.toolTip(), QStringLiteral("Postern: Proxies running for 1 of 1 accounts"));
    QVERIFY(tray.pauseAction()->isEnabled());
    QVERIFY(!tray.pauseAction()->isChecked());

    QSignalSpy changed(&tray, &TrayController::changed);
    tray.pauseAction()->trigger();
    QVERIFY(proxies.isPausedAll());
    QVERIFY(service.smtpProxies().constFirst()->port() == 0);
    QVERIFY(tray.state() == TrayController::State::Paused);
    QCOMPARE(tray.iconName(), QStringLiteral("status-paused"));
    QCOMPARE(tray.toolTip(), QStringLiteral("Postern: All proxies paused"));
    QVERIFY(tray.pauseAction()->isChecked());
    QVERIFY(changed.count() > 0);

    tray.pauseAction()->trigger();
    QVERIFY(!proxies.isPausedAll());
    QVERIFY(service.smtpProxies().constFirst()->port() != 0);
    QVERIFY(tray.state() == TrayController::State::Running);

    // Paused from elsewhere (the Accounts page, the window's menu): the tray follows.
    proxies.setPausedAll(true);
    QVERIFY(tray.pauseAction()->isChecked());
    QCOMPARE(tray.toolTip(), QStringLiteral("Postern: All proxies paused"));
    proxies.setPausedAll(false);

    // In the window, the menu bar's pause and the tray's are one action.
    Ui::AppContext context;
    context.profileDirectory = dir.path();
    context.store = store->get();
    context.proxies = &service;
    MainWindow window(&context, dir.filePath(QStringLiteral("ui.ini")));
    QAction *pause = window.trayController()->pauseAction();
    QVERIFY(window.trayController()->menu()->actions().contains(pause));
    bool inMenuBar = false;
    for (QAction *menu : window.menuBar()->actions()) {
        inMenuBar =
                inMenuBar || (menu->menu() != nullptr && menu->menu()->actions().contains(pause));
    }
    QVERIFY(inMenuBar);
    QCOMPARE(window.proxyState(), window.trayController()->stateText());
}

// A proxy that cannot listen (its port is taken) is an error the tooltip names.
void TestMainWindow::trayProxyProblem()
{
    QTemporaryDir dir;
    const Policy::Configuration configuration = oneAccount();
    QVERIFY(Policy::AccountsFile::inProfile(dir.path()).save(configuration));
    QTcpServer squatter;
    QVERIFY(squatter.listen(QHostAddress::LocalHost,
                            configuration.accounts.constFirst().smtpListen));
    auto store = Store::CertificateStore::open(dir.filePath(QStringLiteral("store")));
    QVERIFY(store);
    Service::ProxyService service(dir.path(), store->get());
    Ui::ProxyControl proxies(&service);
    TrayController tray(&proxies);
    proxies.reload();
    QVERIFY(!proxies.problems().isEmpty());
    QVERIFY(tray.state() == TrayController::State::Error);
    QCOMPARE(tray.iconName(), QStringLiteral("status-error"));
    QVERIFY2(tray.toolTip().startsWith(QStringLiteral("Postern: Proxies running for ")),
             qPrintable(tray.toolTip()));
    QVERIFY(tray.toolTip().contains(QStringLiteral(" — ") + proxies.problems().constFirst()));
}

// The last event is in the menu and the tooltip; a refused message asks for a notification.
void TestMainWindow::trayLastEventAndNotifications()
{
    Ui::ProxyControl proxies(nullptr);
    TrayController tray(&proxies);
    QSignalSpy notifications(&tray, &TrayController::notificationRequested);
    QSignalSpy lastEvents(&tray, &TrayController::lastEventChanged);

    ActivityEvent delivered;
    delivered.time = QDateTime::currentDateTimeUtc();
    delivered.subject = QStringLiteral("Fish & chips");
    delivered.action = QStringLiteral("encrypt");
    delivered.result = QStringLiteral("delivered");
    tray.recordActivity(delivered);
    QVERIFY(tray.lastEvent().contains(QStringLiteral("“Fish & chips” — Delivered")));
    QCOMPARE(lastEvents.count(), 1);
    QCOMPARE(tray.toolTip(),
             QStringLiteral("Postern: Proxies off: the certificate store could not be opened\n"
                            "Last: ")
                     + tray.lastEvent());
    // In the menu, an ampersand of the subject is shown, not taken for a shortcut.
    QAction *last = menuAction(
            tray.menu(),
            QString(tray.lastEvent()).replace(QStringLiteral("&"), QStringLiteral("&&")));
    QVERIFY(last != nullptr);
    QVERIFY(!last->isEnabled());
    QCOMPARE(notifications.count(), 0);
    QVERIFY(tray.lastNotification().isEmpty());

    ActivityEvent refused = delivered;
    refused.subject = QStringLiteral("Board papers");
    refused.recipients = {QStringLiteral("eve@other.example")};
    refused.action = QStringLiteral("block");
    refused.result = QStringLiteral("refused");
    refused.detail = QStringLiteral("Board papers go by courier.");
    tray.recordActivity(refused);
    QVERIFY(tray.lastEvent().contains(QStringLiteral("“Board papers” — Refused")));
    QCOMPARE(notifications.count(), 1);
    QCOMPARE(notifications.constFirst().at(0).toString(), QStringLiteral("A message was not sent"));
    QCOMPARE(notifications.constFirst().at(1).toString(),
             QStringLiteral("“Board papers” to eve@other.example: Board papers go by courier."));
    QCOMPARE(tray.lastNotification(),
             QStringLiteral("A message was not sent: “Board papers” to eve@other.example: "
                            "Board papers go by courier."));
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
    const auto spinBox = [](const QDialog &dialog, const char *name) {
        return dialog.findChild<QSpinBox *>(QLatin1String(name));
    };
    {
        Ui::SettingsDialog dialog(&context, uiSettings);
        QCOMPARE(spinBox(dialog, "unlockMinutes")->value(), 15);
        QCOMPARE(spinBox(dialog, "diskCacheSize")->value(), 1024);
        QVERIFY(!spinBox(dialog, "diskCacheSize")->isEnabled());
        for (QCheckBox *box : dialog.findChildren<QCheckBox *>()) {
            box->setChecked(true);
        }
        QVERIFY(spinBox(dialog, "diskCacheSize")->isEnabled());
        spinBox(dialog, "unlockMinutes")->setValue(5);
        spinBox(dialog, "diskCacheSize")->setValue(200);
        dialog.accept();
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
    }
    QVERIFY(Ui::SettingsDialog::startsMinimised(uiSettings));
    const Store::StoreSettings saved =
            Store::StoreSettings::load(Store::StoreSettings::filePath(dir.path()));
    QCOMPARE(saved.unlockTimeout, 300);
    QVERIFY(saved.diskCache);
    QCOMPARE(saved.diskCacheMegabytes, 200);
    QCOMPARE((*store)->unlockTimeout(), 300);
    QFile entry(autostart);
    QVERIFY(entry.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(entry.readAll());
    QVERIFY(text.startsWith(QStringLiteral("[Desktop Entry]\n")));
    QVERIFY(text.contains(QStringLiteral("Exec=\"%1\" --profile \"%2\"")
                                  .arg(QCoreApplication::applicationFilePath(), dir.path())));
    entry.close();

    // Turning the cache off deletes what it held.
    const QString cached = dir.filePath(QStringLiteral("cache/imap/0123456789abcdef/x.msg"));
    QVERIFY(QDir().mkpath(QFileInfo(cached).path()));
    QFile(cached).open(QIODevice::WriteOnly);
    QVERIFY(QFile::exists(cached));
    {
        Ui::SettingsDialog dialog(&context, uiSettings);
        QCOMPARE(spinBox(dialog, "diskCacheSize")->value(), 200);
        for (QCheckBox *box : dialog.findChildren<QCheckBox *>()) {
            QVERIFY(box->isChecked());
            box->setChecked(false);
        }
        spinBox(dialog, "unlockMinutes")->setValue(0);
        dialog.accept();
    }
    QVERIFY(!Store::StoreSettings::load(Store::StoreSettings::filePath(dir.path())).diskCache);
    QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("cache/imap"))));
    QVERIFY(!QFile::exists(autostart));
    QVERIFY(!Ui::SettingsDialog::startsMinimised(uiSettings));
    QCOMPARE((*store)->unlockTimeout(), 0);
    qunsetenv("XDG_CONFIG_HOME");
}

// For a person to look at: POSTERN_SCREENSHOT_DIR=dir under Xvfb saves every section of a
// window with two accounts, and the settings and About dialogs.
// The command line is another process: it writes accounts.json and the store, then sends SIGHUP,
// which makes the application call reloadProfile(). Every page and the proxies must show the
// change, and a pause the user set in the window must survive it.
void TestMainWindow::reloadReadsWhatAnotherProcessChanged()
{
    QTemporaryDir dir;
    QVERIFY(Policy::AccountsFile::inProfile(dir.path()).save(oneAccount()));
    auto store = Store::CertificateStore::open(dir.filePath(QStringLiteral("store")));
    QVERIFY(store);
    QVERIFY((*store)->initialise(Secret(QByteArray("passphrase"))));
    Service::ProxyService service(dir.path(), store->get());
    QVERIFY(service.start().isEmpty());
    Ui::AppContext context;
    context.profileDirectory = dir.path();
    context.store = store->get();
    context.proxies = &service;
    MainWindow window(&context, dir.filePath(QStringLiteral("ui.ini")));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto *accounts = qobject_cast<Ui::AccountsPage *>(window.page(MainWindow::Page::Accounts));
    QVERIFY(accounts != nullptr);
    QCOMPARE(accounts->accountList()->topLevelItemCount(), 1);
    auto *certificates =
            window.page(MainWindow::Page::Certificates)->findChild<QAbstractItemView *>();
    QVERIFY(certificates != nullptr);
    QCOMPARE(certificates->model()->rowCount(), 0);
    auto *tray = window.trayController();
    QVERIFY(tray->pauseAction()->isEnabled());
    tray->pauseAction()->trigger();
    QVERIFY(service.smtpProxies().constFirst()->port() == 0);

    // The other process: a second account, and an identity made in its own store object.
    Policy::Configuration changed = oneAccount();
    Policy::Account home = changed.accounts.constFirst();
    home.name = QStringLiteral("Home");
    home.addresses = {QStringLiteral("alice@home.example")};
    home.imapListen = Policy::choosePort(changed, 24243);
    Policy::Configuration withImap = changed;
    withImap.accounts.append(home);
    home.smtpListen = Policy::choosePort(withImap, 24687);
    changed.accounts.append(home);
    QVERIFY(Policy::AccountsFile::inProfile(dir.path()).save(changed));
    {
        auto other = Store::CertificateStore::open(dir.filePath(QStringLiteral("store")));
        QVERIFY(other);
        QVERIFY((*other)->unlock(Secret(QByteArray("passphrase"))));
        QVERIFY((*other)->generateIdentity(QStringLiteral("alice@home.example"),
                                           QStringLiteral("Alice at Home"),
                                           Crypto::KeyType::EcP256));
    }
    QCOMPARE(accounts->accountList()->topLevelItemCount(), 1);

    (*store)->reload();
    window.reloadProfile();
    QCOMPARE(accounts->accountList()->topLevelItemCount(), 2);
    QCOMPARE(service.smtpProxies().size(), 2);
    QCOMPARE(certificates->model()->rowCount(), 1);
    // Paused before, paused after: the reload restarts proxies, not the user's choices.
    QVERIFY(tray->pauseAction()->isChecked());
    for (const Smtp::SmtpProxy *proxy : service.smtpProxies()) {
        QVERIFY2(proxy->port() == 0, qPrintable(proxy->account().name));
    }
    tray->pauseAction()->trigger();
    for (const Smtp::SmtpProxy *proxy : service.smtpProxies()) {
        QVERIFY2(proxy->port() != 0, qPrintable(proxy->account().name));
    }
}

// Quit closes the ports at once and ends Postern when the proxies have finished (the headless
// suite checks that a message in flight reaches the server); a second Quit does not wait.
void TestMainWindow::quitLetsTheProxiesFinish()
{
    QTemporaryDir dir;
    QVERIFY(Policy::AccountsFile::inProfile(dir.path()).save(oneAccount()));
    auto store = Store::CertificateStore::open(dir.filePath(QStringLiteral("store")));
    QVERIFY(store);
    Service::ProxyService service(dir.path(), store->get());
    QVERIFY(service.start().isEmpty());
    const quint16 port = service.smtpProxies().constFirst()->port();
    QVERIFY(port != 0);
    Ui::AppContext context;
    context.profileDirectory = dir.path();
    context.store = store->get();
    context.proxies = &service;
    MainWindow window(&context, dir.filePath(QStringLiteral("ui.ini")));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    QSignalSpy drained(&service, &Service::ProxyService::drained);
    QVERIFY(!window.isQuitting());
    window.quit();
    QVERIFY(window.isQuitting());
    QVERIFY(service.isDraining());
    QVERIFY(!window.isVisible());
    QTcpServer reuse;
    QVERIFY2(reuse.listen(QHostAddress::LocalHost, port), "the port is free again at once");
    QTRY_COMPARE_WITH_TIMEOUT(drained.count(), 1, 5000);
    window.quit();
    QVERIFY(window.isQuitting());
}

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
