#include "TrayController.h"

#include "core/activity/ActivityLog.h"
#include "ui/AccountsPage.h"
#include "ui/ActivityPage.h"

#include <QAction>
#include <QLocale>
#include <QMenu>

namespace Postern::Ui {

TrayController::TrayController(ProxyControl *proxies, QObject *parent)
    : QObject(parent)
    , m_proxies(proxies)
    , m_menu(std::make_unique<QMenu>())
{
    QAction *show = m_menu->addAction(tr("&Show Postern"));
    connect(show, &QAction::triggered, this, &TrayController::showWindowRequested);

    m_pause = new QAction(tr("&Pause all proxies"), this);
    m_pause->setCheckable(true);
    m_pause->setEnabled(m_proxies != nullptr && m_proxies->isAvailable());
    connect(m_pause, &QAction::toggled, this, [this](bool paused) {
        if (m_proxies != nullptr && paused != m_proxies->isPausedAll()) {
            m_proxies->setPausedAll(paused);
        }
    });
    m_menu->addAction(m_pause);
    m_menu->addSeparator();

    m_lastEventAction = m_menu->addAction(tr("No message relayed yet"));
    m_lastEventAction->setEnabled(false);
    m_menu->addSeparator();

    QAction *quit = m_menu->addAction(tr("&Quit"));
    connect(quit, &QAction::triggered, this, &TrayController::quitRequested);

    if (m_proxies != nullptr) {
        connect(m_proxies, &ProxyControl::changed, this, &TrayController::update);
    }
    update();
}

TrayController::~TrayController() = default;

void TrayController::update()
{
    if (m_proxies == nullptr || !m_proxies->isAvailable()) {
        m_state = State::Error;
        m_stateText = tr("Proxies off: the certificate store could not be opened");
    } else if (m_proxies->isPausedAll()) {
        m_state = State::Paused;
        m_stateText = tr("All proxies paused");
    } else {
        const auto [running, accounts] = m_proxies->runningCount();
        if (accounts == 0) {
            m_state = State::Paused;
            m_stateText = tr("No accounts yet: add one on the Accounts page");
        } else {
            m_state = running < accounts ? State::Paused : State::Running;
            m_stateText =
                    tr("Proxies running for %1 of %n accounts", nullptr, accounts).arg(running);
        }
        if (!m_proxies->problems().isEmpty()) {
            m_state = State::Error;
            m_stateText += tr(" — %1").arg(m_proxies->problems().constFirst());
        }
    }
    const QSignalBlocker blocker(m_pause);
    m_pause->setChecked(m_proxies != nullptr && m_proxies->isPausedAll());
    Q_EMIT changed();
}

QString TrayController::iconName() const
{
    switch (m_state) {
    case State::Running:
        return QStringLiteral("status-running");
    case State::Paused:
        return QStringLiteral("status-paused");
    case State::Error:
        break;
    }
    return QStringLiteral("status-error");
}

QString TrayController::toolTip() const
{
    const QString state = tr("Postern: %1").arg(m_stateText);
    if (m_lastEvent.isEmpty()) {
        return state;
    }
    return tr("%1\nLast: %2").arg(state, m_lastEvent);
}

void TrayController::recordActivity(const ActivityEvent &event)
{
    m_lastEvent =
            tr("%1: “%2” — %3")
                    .arg(QLocale().toString(event.time.toLocalTime().time(), QLocale::ShortFormat),
                         event.subject, ActivityPage::resultText(event));
    QString menuText = m_lastEvent;
    m_lastEventAction->setText(menuText.replace(QLatin1Char('&'), QStringLiteral("&&")));
    Q_EMIT lastEventChanged(m_lastEvent);
    Q_EMIT changed();
    if (event.result == QLatin1String("refused")) {
        notify(tr("A message was not sent"),
               tr("“%1” to %2: %3")
                       .arg(event.subject, event.recipients.join(QStringLiteral(", ")),
                            event.detail));
    }
}

void TrayController::notify(const QString &title, const QString &text)
{
    m_lastNotification = tr("%1: %2").arg(title, text);
    Q_EMIT notificationRequested(title, text);
}

} // namespace Postern::Ui
