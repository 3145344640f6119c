#pragma once

#include <QMainWindow>
#include <QSet>

class QLabel;
class QListWidget;
class QStackedWidget;
class QSystemTrayIcon;
class QTimer;

namespace Postern::Ui {

struct AppContext;
class AccountsPage;
class ActivityPage;
class CertificatesPage;
class InspectorPage;
class PoliciesPage;
class ProxyControl;
class TrayController;

/**
 * The application window: a navigation list on the left (Accounts, Policies, Certificates,
 * Activity, Inspector) and the selected page on the right; a status bar with the proxies'
 * state; a tray icon with a quick pause and the last event; notifications for blocked messages
 * and own certificates about to expire; the settings and About dialogs. Files dropped onto the
 * window go to the certificate import or the inspector. Geometry and the last page are kept in
 * the profile's UI settings file.
 */
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    enum class Page {
        Accounts,
        Policies,
        Certificates,
        Activity,
        Inspector,
    };

    /** @p context may be null (or hold null members): the pages then show what they can. */
    explicit MainWindow(AppContext *context, QString settingsFile, QWidget *parent = nullptr);
    ~MainWindow() override;

    Page currentPage() const;
    void showPage(Page page);
    QStringList pageTitles() const;
    QWidget *page(Page page) const;

    /** Whether a tray icon is shown (closing the window then hides it). */
    bool hasTray() const;

    /** The proxies' state as the status bar and the tray say it. */
    QString proxyState() const;

    /** The last notification given (title and text), for the status bar when there is no
     *  tray, and for tests. */
    QString lastNotification() const;

    /** What the tray icon shows and offers; there is one even without a tray. */
    TrayController *trayController() const { return m_trayController; }

    /** Splits dropped files into certificate files and files for the inspector; the rest is
     *  returned in @p ignored. */
    static std::pair<QStringList, QStringList> sortDroppedFiles(const QStringList &paths,
                                                                QStringList *ignored = nullptr);

    /** Routes @p paths as a drop would. */
    void openFiles(const QStringList &paths);

    /** Looks for own certificates that expire soon and notifies once per certificate. */
    void checkExpiringCertificates();

    void showSettings();
    void showAbout();

    /**
     * Reads the accounts, policies and certificate store again and restarts the proxies from
     * them, keeping pauses: another process (the command line) changed the profile.
     */
    void reloadProfile();

    /**
     * Ends Postern: the ports close at once, and messages the mail client is sending are
     * finished (within the proxies' grace period) before the application quits.
     */
    void quit();

    /** Whether quit() was asked for and the proxies are finishing their messages. */
    bool isQuitting() const { return m_quitting; }

protected:
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void addPage(QWidget *page, const QString &title);
    void createMenus();
    void createTray();
    void updateProxyState();
    void notify(const QString &title, const QString &text);
    void showNotification(const QString &title, const QString &text);
    void restoreState();
    void saveState() const;

    AppContext *m_context;
    QString m_settingsFile;
    ProxyControl *m_proxies = nullptr;
    QListWidget *m_navigation = nullptr;
    QStackedWidget *m_pages = nullptr;
    AccountsPage *m_accountsPage = nullptr;
    PoliciesPage *m_policiesPage = nullptr;
    CertificatesPage *m_certificatesPage = nullptr;
    ActivityPage *m_activityPage = nullptr;
    InspectorPage *m_inspectorPage = nullptr;
    QLabel *m_proxyLabel = nullptr;
    TrayController *m_trayController = nullptr;
    QSystemTrayIcon *m_tray = nullptr;
    QTimer *m_expiryTimer = nullptr;
    QSet<QString> m_expiryNotified;
    bool m_quitting = false;
};

} // namespace Postern::Ui
