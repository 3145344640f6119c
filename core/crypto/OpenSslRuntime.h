#pragma once

#include <QString>

namespace Postern::Crypto {

/** Loads OpenSSL's default provider and, for old mail (RC2, 3DES PKCS#12 bags), the legacy
 *  provider. Returns false when the legacy provider is missing; new mail still works then. */
bool ensureOpenSsl();

/** Drains OpenSSL's thread-local error queue into one line, for logs and error details. */
QString takeOpenSslErrors();

} // namespace Postern::Crypto
