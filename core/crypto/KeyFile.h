#pragma once

#include "core/base/Secret.h"
#include "core/crypto/Certificate.h"
#include "core/crypto/CryptoError.h"

namespace Postern::Crypto {

/**
 * Reads identities from a key file: PKCS#12 (DER, or PEM-armoured "PKCS12"; modern AES/PBKDF2
 * and legacy 3DES/RC2 bags), or PEM holding private keys (PKCS#8, encrypted or not, and
 * traditional RSA/EC) with or without their certificates. Keys are paired with the certificate
 * carrying their public half; the other certificates become the chain.
 */
CryptoResult<QList<Identity>> loadIdentities(const QByteArray &data, const Secret &passphrase);

} // namespace Postern::Crypto
