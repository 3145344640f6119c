#pragma once

#include <QSslConfiguration>
#include <QSslSocket>
#include <QTcpServer>

#include <optional>

namespace Postern::Service {

/** Hands out QSslSockets, so that a proxy session can start TLS; with implicit TLS, at once. */
class LoopbackServer : public QTcpServer
{
public:
    LoopbackServer(std::optional<QSslConfiguration> tls, bool implicitTls, QObject *parent)
        : QTcpServer(parent)
        , m_tls(std::move(tls))
        , m_implicitTls(implicitTls)
    {
    }

protected:
    void incomingConnection(qintptr descriptor) override
    {
        auto *socket = new QSslSocket(this);
        if (!socket->setSocketDescriptor(descriptor)) {
            delete socket;
            return;
        }
        if (m_tls) {
            socket->setSslConfiguration(*m_tls);
        }
        addPendingConnection(socket);
        if (m_implicitTls) {
            socket->startServerEncryption();
        }
    }

private:
    std::optional<QSslConfiguration> m_tls;
    bool m_implicitTls;
};

} // namespace Postern::Service
