#include "SignalWatcher.h"

#include <QSocketNotifier>

#include <csignal>
#include <pthread.h>
#include <sys/socket.h>
#include <unistd.h>

namespace Postern {

namespace {

int pipeEnds[2] = {-1, -1};

void onSignal(int signalNumber)
{
    const unsigned char byte = static_cast<unsigned char>(signalNumber);
    // Nothing useful can be done about a failed write inside a signal handler.
    [[maybe_unused]] const ssize_t written = ::write(pipeEnds[0], &byte, 1);
}

sigset_t setOf(std::initializer_list<int> signalNumbers)
{
    sigset_t set;
    sigemptyset(&set);
    for (const int number : signalNumbers) {
        sigaddset(&set, number);
    }
    return set;
}

} // namespace

void SignalWatcher::hold(std::initializer_list<int> signalNumbers)
{
    const sigset_t set = setOf(signalNumbers);
    ::pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

SignalWatcher::SignalWatcher(std::initializer_list<int> signalNumbers, QObject *parent)
    : QObject(parent)
{
    Q_ASSERT_X(pipeEnds[0] < 0, "SignalWatcher", "only one instance per process");
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pipeEnds) != 0) {
        return;
    }

    m_notifier = new QSocketNotifier(pipeEnds[1], QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &SignalWatcher::readPending);

    for (const int number : signalNumbers) {
        struct sigaction action = {};
        action.sa_handler = onSignal;
        sigemptyset(&action.sa_mask);
        action.sa_flags = SA_RESTART;
        if (::sigaction(number, &action, nullptr) == 0) {
            m_signals.append(number);
        }
    }
    const sigset_t set = setOf(signalNumbers);
    ::pthread_sigmask(SIG_UNBLOCK, &set, nullptr);
}

SignalWatcher::~SignalWatcher()
{
    for (const int number : std::as_const(m_signals)) {
        (void)::signal(number, SIG_DFL);
    }
    delete m_notifier;
    for (int &end : pipeEnds) {
        if (end >= 0) {
            ::close(end);
            end = -1;
        }
    }
}

void SignalWatcher::readPending()
{
    unsigned char byte = 0;
    if (::read(pipeEnds[1], &byte, 1) == 1) {
        Q_EMIT received(static_cast<int>(byte));
    }
}

} // namespace Postern
