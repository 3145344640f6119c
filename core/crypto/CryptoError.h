#pragma once

#include "core/base/Result.h"

namespace Postern::Crypto {

enum class CryptoError {
    BadData,         // not parseable: corrupt ASN.1, truncated, wrong format
    WrongPassphrase, // a protected key file and a passphrase that does not open it
    NoMatchingKey,   // none of the keys given is a recipient of the message
    NoKey,           // a key file holds no private key
    Unsupported,     // an algorithm or structure this build cannot process
    Failed,          // the operation itself failed (details from OpenSSL)
};

template <typename T>
using CryptoResult = Result<T, CryptoError>;

} // namespace Postern::Crypto
