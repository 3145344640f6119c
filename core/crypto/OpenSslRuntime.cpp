#include "OpenSslRuntime.h"

#include "core/base/Logging.h"

#include <openssl/err.h>
#include <openssl/provider.h>

#include <mutex>

namespace Postern::Crypto {

bool ensureOpenSsl()
{
    static bool legacyLoaded = false;
    static std::once_flag once;
    std::call_once(once, [] {
        // Loading any provider explicitly stops OpenSSL from loading "default" implicitly, so
        // both are loaded. Providers stay loaded for the life of the process on purpose.
        OSSL_PROVIDER_load(nullptr, "default");
        legacyLoaded = OSSL_PROVIDER_load(nullptr, "legacy") != nullptr;
        if (!legacyLoaded) {
            qCWarning(lcCrypto) << "OpenSSL legacy provider not available: RC2 mail cannot be read";
            ERR_clear_error();
        }
    });
    return legacyLoaded;
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
