#pragma once

#include <QSslConfiguration>
#include <QString>

#include <optional>

namespace Postern::Service {

/**
 * The TLS server configuration of the proxies' loopback listeners, for mail clients that insist
 * on TLS even to 127.0.0.1. The certificate is made once per profile (a leaf for localhost,
 * 127.0.0.1 and ::1, never a CA) and kept in the profile's `tls/` folder, so a client that pinned
 * it keeps trusting it. Its key is stored unencrypted (mode 0600): it must be usable before the
 * certificate store is unlocked, and it vouches for nothing beyond the loopback hop.
 */
std::optional<QSslConfiguration> loopbackTlsConfiguration(const QString &profileDirectory,
                                                          QString *error);

} // namespace Postern::Service
