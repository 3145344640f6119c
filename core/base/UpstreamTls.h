#pragma once

#include <QList>
#include <QSslCertificate>
#include <QSslConfiguration>

namespace Postern {

/**
 * The TLS client settings for an account's real (upstream) server, shared by everything that
 * connects there: TLS 1.2 or later, and the server's certificate verified against the system's
 * roots plus @p extraRoots, the account's own CA certificates (or a self-signed server's
 * certificate the user chose to trust). Callers also set the peer's verify name to the host.
 */
QSslConfiguration upstreamTlsConfiguration(const QList<QSslCertificate> &extraRoots);

} // namespace Postern
