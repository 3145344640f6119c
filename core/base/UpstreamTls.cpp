#include "UpstreamTls.h"

#include <QSslSocket>

namespace Postern {

QSslConfiguration upstreamTlsConfiguration(const QList<QSslCertificate> &extraRoots)
{
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    QList<QSslCertificate> roots = configuration.caCertificates();
    roots += extraRoots;
    configuration.setCaCertificates(roots);
    configuration.setPeerVerifyMode(QSslSocket::VerifyPeer);
    configuration.setProtocol(QSsl::TlsV1_2OrLater);
    return configuration;
}

} // namespace Postern
