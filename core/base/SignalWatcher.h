#pragma once

#include <QObject>

#include <initializer_list>

class QSocketNotifier;

namespace Postern {

/**
 * Turns Unix signals (SIGTERM, SIGINT, SIGHUP…) into a Qt signal delivered on the event loop,
 * through a socket pair written by an async-signal-safe handler. One instance per process.
 */
class SignalWatcher : public QObject
{
    Q_OBJECT

public:
    explicit SignalWatcher(std::initializer_list<int> signalNumbers, QObject *parent = nullptr);
    ~SignalWatcher() override;

    SignalWatcher(const SignalWatcher &) = delete;
    SignalWatcher &operator=(const SignalWatcher &) = delete;

Q_SIGNALS:
    void received(int signalNumber);

private:
    void readPending();

    QSocketNotifier *m_notifier = nullptr;
    QList<int> m_signals;
};

} // namespace Postern
