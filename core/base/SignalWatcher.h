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
    /**
     * Watches @p signalNumbers from now on; any of them held back by hold() and sent meanwhile
     * is delivered at once.
     */
    explicit SignalWatcher(std::initializer_list<int> signalNumbers, QObject *parent = nullptr);

    /**
     * Holds @p signalNumbers back (pending, not acted on) until a SignalWatcher watches them.
     * Call it first thing, before any thread starts: a SIGHUP sent while Postern is still
     * starting (the command line sends one after each change) would otherwise end the process,
     * and one ignored instead would lose the change.
     */
    static void hold(std::initializer_list<int> signalNumbers);
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
