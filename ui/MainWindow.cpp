#include "MainWindow.h"

#include "core/activity/ActivityLog.h"
#include "core/service/ProxyService.h"
#include "core/store/CertificateStore.h"
#include "ui/AboutDialog.h"
#include "ui/AccountsPage.h"
#include "ui/ActivityPage.h"
#include "ui/AppContext.h"
#include "ui/CertificatesPage.h"
#include "ui/InspectorPage.h"
#include "ui/PoliciesPage.h"
#include "ui/SettingsDialog.h"
#include "ui/TrayController.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QMimeData>
#include <QRegularExpression>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QSystemTrayIcon>
#include <QTimer>
#include <QVBoxLayout>

namespace Postern::Ui {

namespace {

const QLatin1String geometryKey("window/geometry");
const QLatin1String pageKey("window/page");

// Own certificates are announced this long before they expire: time to get a new one.
constexpr qint64 expiryWarningDays = 30;
constexpr int expiryCheckMilliseconds = 6 * 60 * 60 * 1000;

const QStringList certificateSuffixes = {QStringLiteral("p12"), QStringLiteral("pfx"),
                                         QStringLiteral("pem"), QStringLiteral("crt"),
                                         QStringLiteral("cer"), QStringLiteral("der")};
const QStringList inspectorSuffixes = {QStringLiteral("eml"), QStringLiteral("p7m"),
                                       QStringLiteral("p7s"), QStringLiteral("ics")};

QIcon themeIcon(const QString &name)
{
    const QString path = QStringLiteral(":/icons/%1.svg").arg(name);
    return QFile::exists(path) ? QIcon(path) : QIcon(QStringLiteral(":/icons/postern.svg"));
}

QStringList localFiles(const QMimeData *data)
{
    QStringList paths;
    for (const QUrl &url : data->urls()) {
        if (url.isLocalFile()) {
            paths.append(url.toLocalFile());
        }
    }
    return paths;
}

} // namespace

MainWindow::MainWindow(AppContext *context, QString settingsFile, QWidget *parent)
    : QMainWindow(parent)
    , m_context(context)
    , m_settingsFile(std::move(settingsFile))
{
    setWindowTitle(tr("Postern"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/postern.svg")));
    setAcceptDrops(true);
    m_proxies = new ProxyControl(context != nullptr ? context->proxies : nullptr, this);

    auto *central = new QWidget(this);
    auto *layout = new QHBoxLayout(central);
    m_navigation = new QListWidget(central);
    m_navigation->setAccessibleName(tr("Sections"));
    m_navigation->setSpacing(3);
    m_navigation->setSelectionMode(QAbstractItemView::SingleSelection);
    m_pages = new QStackedWidget(central);
    layout->addWidget(m_navigation);
    layout->addWidget(m_pages, 1);
    setCentralWidget(central);

    m_accountsPage = new AccountsPage(context, m_proxies, m_pages);
    addPage(m_accountsPage, tr("Accounts"));
    m_policiesPage = new PoliciesPage(context, m_pages);
    addPage(m_policiesPage, tr("Policies"));
    m_certificatesPage = new CertificatesPage(context, m_pages);
    addPage(m_certificatesPage, tr("Certificates"));
    m_activityPage = new ActivityPage(context, m_pages);
    addPage(m_activityPage, tr("Activity"));
    m_inspectorPage = new InspectorPage(context, m_pages);
    addPage(m_inspectorPage, tr("Inspector"));

    // As wide as the longest section name in the language shown, no wider.
    int widest = 0;
    for (int row = 0; row < m_navigation->count(); ++row) {
        widest = qMax(widest, m_navigation->fontMetrics().horizontalAdvance(
                                      m_navigation->item(row)->text()));
    }
    m_navigation->setFixedWidth(widest + 8 * m_navigation->spacing()
                                + 2 * m_navigation->frameWidth() + fontMetrics().height() * 2);
    connect(m_navigation, &QListWidget::currentRowChanged, m_pages,
            &QStackedWidget::setCurrentIndex);
    // Both pages write the same accounts file; the proxies read it when they start.
    connect(m_accountsPage, &AccountsPage::accountsChanged, this, [this] {
        m_policiesPage->reload();
        m_proxies->reload();
    });
    connect(m_policiesPage, &PoliciesPage::policyChanged, this, [this] {
        m_accountsPage->reload();
        m_proxies->reload();
    });
    m_trayController = new TrayController(m_proxies, this);
    connect(m_trayController, &TrayController::changed, this, &MainWindow::updateProxyState);
    connect(m_trayController, &TrayController::notificationRequested, this,
            &MainWindow::showNotification);
    connect(m_trayController, &TrayController::showWindowRequested, this, [this] {
        showNormal();
        raise();
        activateWindow();
    });
    connect(m_trayController, &TrayController::quitRequested, this, &MainWindow::quit);
    // A notification the event asks for comes after, and replaces it in the status bar.
    connect(m_trayController, &TrayController::lastEventChanged, this,
            [this](const QString &text) { statusBar()->showMessage(text, 10000); });
    if (context != nullptr && context->activity != nullptr) {
        connect(context->activity, &ActivityLog::recorded, m_trayController,
                &TrayController::recordActivity);
    }

    m_proxyLabel = new QLabel(this);
    m_proxyLabel->setAccessibleName(tr("Proxies"));
    statusBar()->addPermanentWidget(m_proxyLabel);
    createMenus();
    createTray();
    updateProxyState();
    SettingsDialog::applyLogLevel(SettingsDialog::logLevel(m_settingsFile));

    m_expiryTimer = new QTimer(this);
    m_expiryTimer->setInterval(expiryCheckMilliseconds);
    connect(m_expiryTimer, &QTimer::timeout, this, &MainWindow::checkExpiringCertificates);
    m_expiryTimer->start();
    QTimer::singleShot(0, this, &MainWindow::checkExpiringCertificates);
    restoreState();
}

MainWindow::~MainWindow() = default;

void MainWindow::addPage(QWidget *page, const QString &title)
{
    if (page->accessibleName().isEmpty()) {
        page->setAccessibleName(title);
    }
    m_pages->addWidget(page);
    auto *item = new QListWidgetItem(title, m_navigation);
    item->setToolTip(tr("%1 (Ctrl+%2)").arg(title).arg(m_navigation->count()));
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *open = file->addAction(tr("&Open file…"));
    open->setShortcut(QKeySequence::Open);
    connect(open, &QAction::triggered, this, [this] {
        const QString filter =
                tr("Messages, certificates and invitations (%1);;All files (*)")
                        .arg(QStringList(inspectorSuffixes + certificateSuffixes)
                                     .replaceInStrings(QRegularExpression(QStringLiteral("^")),
                                                       QStringLiteral("*."))
                                     .join(QLatin1Char(' ')));
        const QStringList paths =
                QFileDialog::getOpenFileNames(this, tr("Open"), QString(), filter);
        if (!paths.isEmpty()) {
            openFiles(paths);
        }
    });
    QAction *settings = file->addAction(tr("&Settings…"));
    settings->setShortcut(QKeySequence::Preferences);
    settings->setMenuRole(QAction::PreferencesRole);
    connect(settings, &QAction::triggered, this, &MainWindow::showSettings);
    file->addSeparator();
    QAction *quitAction = file->addAction(tr("&Quit"));
    quitAction->setShortcut(QKeySequence::Quit);
    quitAction->setMenuRole(QAction::QuitRole);
    connect(quitAction, &QAction::triggered, this, &MainWindow::quit);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    for (int row = 0; row < m_navigation->count(); ++row) {
        QAction *go = view->addAction(m_navigation->item(row)->text());
        go->setShortcut(QKeySequence(Qt::CTRL | static_cast<Qt::Key>(Qt::Key_1 + row)));
        connect(go, &QAction::triggered, this, [this, row] { m_navigation->setCurrentRow(row); });
    }

    QMenu *proxies = menuBar()->addMenu(tr("&Proxies"));
    proxies->addAction(m_trayController->pauseAction());
    QAction *restart = proxies->addAction(tr("&Restart proxies"));
    restart->setEnabled(m_proxies->isAvailable());
    connect(restart, &QAction::triggered, m_proxies, &ProxyControl::reload);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *about = help->addAction(tr("&About Postern"));
    about->setMenuRole(QAction::AboutRole);
    connect(about, &QAction::triggered, this, &MainWindow::showAbout);
}

void MainWindow::createTray()
{
    if (!QSystemTrayIcon::isSystemTrayAvailable()) {
        return;
    }
    m_tray = new QSystemTrayIcon(themeIcon(m_trayController->iconName()), this);
    m_tray->setContextMenu(m_trayController->menu());
    connect(m_tray, &QSystemTrayIcon::activated, this,
            [this](QSystemTrayIcon::ActivationReason reason) {
                if (reason == QSystemTrayIcon::Trigger) {
                    setVisible(!isVisible());
                    if (isVisible()) {
                        raise();
                        activateWindow();
                    }
                }
            });
    m_tray->show();
}

bool MainWindow::hasTray() const
{
    return m_tray != nullptr && m_tray->isVisible();
}

QString MainWindow::proxyState() const
{
    return m_proxyLabel->text();
}

void MainWindow::updateProxyState()
{
    m_proxyLabel->setText(m_trayController->stateText());
    if (m_tray != nullptr) {
        m_tray->setIcon(themeIcon(m_trayController->iconName()));
        m_tray->setToolTip(m_trayController->toolTip());
    }
}

void MainWindow::checkExpiringCertificates()
{
    if (m_context == nullptr || m_context->store == nullptr) {
        return;
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (const Store::Entry &entry : m_context->store->entries()) {
        if (!entry.hasPrivateKey || m_expiryNotified.contains(entry.id)) {
            continue;
        }
        const QDateTime until = entry.certificate.notAfter();
        const qint64 days = now.daysTo(until);
        if (days > expiryWarningDays) {
            continue;
        }
        m_expiryNotified.insert(entry.id);
        const QString who =
                entry.certificate.emailAddresses().value(0, entry.certificate.commonName());
        notify(days < 0 ? tr("Your certificate has expired") : tr("Your certificate expires soon"),
               days < 0 ? tr("The certificate for %1 expired on %2; you can no longer sign or be "
                             "encrypted to with it.")
                                  .arg(who, QLocale().toString(until.date(), QLocale::LongFormat))
                        : tr("The certificate for %1 expires on %2. Ask for a new one in time.")
                                  .arg(who, QLocale().toString(until.date(), QLocale::LongFormat)));
    }
}

void MainWindow::notify(const QString &title, const QString &text)
{
    m_trayController->notify(title, text);
}

void MainWindow::showNotification(const QString &title, const QString &text)
{
    if (hasTray() && QSystemTrayIcon::supportsMessages()) {
        m_tray->showMessage(title, text, QSystemTrayIcon::Warning);
    }
    statusBar()->showMessage(m_trayController->lastNotification(), 15000);
}

QString MainWindow::lastNotification() const
{
    return m_trayController->lastNotification();
}

QWidget *MainWindow::page(Page which) const
{
    return m_pages->widget(static_cast<int>(which));
}

MainWindow::Page MainWindow::currentPage() const
{
    return static_cast<Page>(m_pages->currentIndex());
}

void MainWindow::showPage(Page which)
{
    m_navigation->setCurrentRow(static_cast<int>(which));
}

QStringList MainWindow::pageTitles() const
{
    QStringList titles;
    for (int row = 0; row < m_navigation->count(); ++row) {
        titles.append(m_navigation->item(row)->text());
    }
    return titles;
}

std::pair<QStringList, QStringList> MainWindow::sortDroppedFiles(const QStringList &paths,
                                                                 QStringList *ignored)
{
    QStringList certificates;
    QStringList inspected;
    for (const QString &path : paths) {
        const QString suffix = QFileInfo(path).suffix().toLower();
        if (certificateSuffixes.contains(suffix)) {
            certificates.append(path);
        } else if (inspectorSuffixes.contains(suffix)) {
            inspected.append(path);
        } else if (ignored != nullptr) {
            ignored->append(path);
        }
    }
    return {certificates, inspected};
}

void MainWindow::openFiles(const QStringList &paths)
{
    QStringList ignored;
    const auto [certificates, inspected] = sortDroppedFiles(paths, &ignored);
    if (!certificates.isEmpty()) {
        m_certificatesPage->importFiles(certificates);
        showPage(Page::Certificates);
    }
    if (!inspected.isEmpty()) {
        m_inspectorPage->openFiles(inspected);
        showPage(Page::Inspector);
    }
    if (!ignored.isEmpty()) {
        statusBar()->showMessage(
                tr("Postern cannot open %1.").arg(QFileInfo(ignored.constFirst()).fileName()),
                10000);
    }
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    const auto [certificates, inspected] = sortDroppedFiles(localFiles(event->mimeData()));
    if (!certificates.isEmpty() || !inspected.isEmpty()) {
        event->acceptProposedAction();
    }
}

void MainWindow::dropEvent(QDropEvent *event)
{
    const QStringList paths = localFiles(event->mimeData());
    if (!paths.isEmpty()) {
        event->acceptProposedAction();
        openFiles(paths);
    }
}

void MainWindow::showSettings()
{
    SettingsDialog dialog(m_context, m_settingsFile, this);
    dialog.exec();
}

void MainWindow::showAbout()
{
    AboutDialog dialog(this);
    dialog.exec();
}

void MainWindow::reloadProfile()
{
    m_accountsPage->reload();
    m_policiesPage->reload();
    m_certificatesPage->refresh();
    m_proxies->reload();
    checkExpiringCertificates();
}

void MainWindow::quit()
{
    Service::ProxyService *service = m_context != nullptr ? m_context->proxies : nullptr;
    if (m_quitting) {
        // Asked again while messages are being finished: the impatient user's, stop now.
        QApplication::quit();
        return;
    }
    m_quitting = true;
    saveState();
    if (m_tray != nullptr) {
        m_tray->hide();
    }
    close();
    if (service == nullptr) {
        QApplication::quit();
        return;
    }
    // A message between the client's final dot and upstream's answer would otherwise be cut
    // off, and the client would send it again or report it lost.
    connect(service, &Service::ProxyService::drained, this, [] { QApplication::quit(); });
    service->drain();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveState();
    // With a tray icon, closing the window keeps the proxies running; Quit ends Postern.
    if (hasTray() && !m_quitting) {
        hide();
        event->ignore();
        return;
    }
    QMainWindow::closeEvent(event);
    if (!m_quitting) {
        quit();
    }
}

void MainWindow::restoreState()
{
    const QSettings settings(m_settingsFile, QSettings::IniFormat);
    if (!restoreGeometry(settings.value(geometryKey).toByteArray())) {
        resize(1040, 720);
    }
    const int row = settings.value(pageKey, 0).toInt();
    m_navigation->setCurrentRow(row >= 0 && row < m_navigation->count() ? row : 0);
}

void MainWindow::saveState() const
{
    QSettings settings(m_settingsFile, QSettings::IniFormat);
    settings.setValue(geometryKey, saveGeometry());
    settings.setValue(pageKey, m_navigation->currentRow());
}

} // namespace Postern::Ui
