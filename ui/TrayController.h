#pragma once

#include <QObject>
#include <QString>

#include <memory>

class QAction;
class QMenu;

namespace Postern {
struct ActivityEvent;
} // namespace Postern

namespace Postern::Ui {

class ProxyControl;

/**
 * What the tray icon says and offers, apart from the icon itself: the proxies' state (as words
 * and as the name of an icon), the last event, the menu (show the window, pause all proxies,
 * the last event, quit) and the notifications to give. It works where the desktop has no tray
 * (and in tests): the window shows its state in the status bar, and a QSystemTrayIcon, where
 * there is a tray, shows its menu, tooltip and notifications. The menu's pause action is the
 * window's too. The proxies belong to the caller.
 */
class TrayController : public QObject
{
    Q_OBJECT

public:
    enum class State {
        Running, // every account's proxies listen
        Paused,  // paused, some accounts not running, or no accounts yet
        Error,   // no proxies at all, or a proxy could not start
    };

    explicit TrayController(ProxyControl *proxies, QObject *parent = nullptr);
    ~TrayController() override;

    State state() const { return m_state; }

    /** The proxies' state in words, as the status bar shows it. */
    QString stateText() const { return m_stateText; }

    /** The icon for the state: a name under :/icons without the extension. */
    QString iconName() const;

    /** The state and, once there is one, the last event. */
    QString toolTip() const;

    /** The last event in words ("10:42: “Subject” — Delivered"), empty before the first. */
    QString lastEvent() const { return m_lastEvent; }

    /** The last notification asked for, title and text, empty before the first. */
    QString lastNotification() const { return m_lastNotification; }

    QMenu *menu() const { return m_menu.get(); }

    /** Checked while all proxies are paused; toggling it pauses or resumes them. */
    QAction *pauseAction() const { return m_pause; }

    /** Notes what a proxy did; a refused message also asks for a notification. */
    void recordActivity(const Postern::ActivityEvent &event);

    /** Asks for a notification (the tray's message where there is one). */
    void notify(const QString &title, const QString &text);

public Q_SLOTS:
    /** Reads the proxies' state again (they say when it changed; this is for a start). */
    void update();

Q_SIGNALS:
    /** The state, the tooltip or the last event changed. */
    void changed();
    /** A proxy did something; @p text is the new last event. */
    void lastEventChanged(const QString &text);
    void notificationRequested(const QString &title, const QString &text);
    void showWindowRequested();
    void quitRequested();

private:
    ProxyControl *m_proxies;
    std::unique_ptr<QMenu> m_menu;
    QAction *m_pause = nullptr;
    QAction *m_lastEventAction = nullptr;
    State m_state = State::Error;
    QString m_stateText;
    QString m_lastEvent;
    QString m_lastNotification;
};

} // namespace Postern::Ui
