#include "OpenSslRuntime.h"

#include "core/base/Logging.h"

#include <openssl/err.h>
#include <openssl/provider.h>

#include <mutex>

namespace Postern::Crypto {

bool ensureOpenSsl()
{
    // The handles are kept for the life of the process: providers stay loaded, and a reachable
    // handle is what leak checkers expect of deliberate process-lifetime state.
    static OSSL_PROVIDER *defaultProvider = nullptr;
    static OSSL_PROVIDER *legacyProvider = nullptr;
    static std::once_flag once;
    std::call_once(once, [] {
        // Loading any provider explicitly stops OpenSSL from loading "default" implicitly, so
        // both are loaded.
        defaultProvider = OSSL_PROVIDER_load(nullptr, "default");
        legacyProvider = OSSL_PROVIDER_load(nullptr, "legacy");
        if (legacyProvider == nullptr) {
            qCWarning(lcCrypto) << "OpenSSL legacy provider not available: RC2 mail cannot be read";
            ERR_clear_error();
        }
    });
    return defaultProvider != nullptr && legacyProvider != nullptr;
}

QString takeOpenSslErrors()
{
    QString text;
    unsigned long code = 0;
    while ((code = ERR_get_error()) != 0) {
        char buffer[256] = {};
        ERR_error_string_n(code, buffer, sizeof buffer);
        if (!text.isEmpty()) {
            text += QStringLiteral("; ");
        }
        text += QString::fromLatin1(buffer);
    }
    return text;
}

} // namespace Postern::Crypto
