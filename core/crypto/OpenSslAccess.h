#pragma once

// Private to core/crypto: how the value types reach their OpenSSL objects.

#include "core/base/Handles.h"
#include "core/crypto/Certificate.h"

namespace Postern::Crypto {

struct Certificate::Private
{
    Handles::X509Cert x509;
};

struct PrivateKey::Private
{
    Handles::EvpPkey key;
};

namespace OpenSsl {

inline X509 *x509(const Certificate &certificate)
{
    return certificate.isNull() ? nullptr : certificate.privateData()->x509.get();
}

inline EVP_PKEY *pkey(const PrivateKey &key)
{
    return key.isNull() ? nullptr : key.privateData()->key.get();
}

/** Takes over @p owned. */
inline Certificate adopt(Handles::X509Cert owned)
{
    if (!owned) {
        return {};
    }
    auto d = std::make_shared<Certificate::Private>();
    d->x509 = std::move(owned);
    return Certificate(std::move(d));
}

/** Adds a reference to @p borrowed, which stays the lender's. */
inline Certificate share(X509 *borrowed)
{
    if (borrowed == nullptr || X509_up_ref(borrowed) != 1) {
        return {};
    }
    return adopt(Handles::X509Cert(borrowed));
}

inline PrivateKey adopt(Handles::EvpPkey owned)
{
    if (!owned) {
        return {};
    }
    auto d = std::make_shared<PrivateKey::Private>();
    d->key = std::move(owned);
    return PrivateKey(std::move(d));
}

/** A new stack holding references to @p certificates. */
inline Handles::X509Stack stackOf(const QList<Certificate> &certificates)
{
    Handles::X509Stack stack(sk_X509_new_null());
    for (const Certificate &certificate : certificates) {
        X509 *raw = x509(certificate);
        if (raw != nullptr && X509_up_ref(raw) == 1) {
            if (sk_X509_push(stack.get(), raw) <= 0) {
                X509_free(raw);
            }
        }
    }
    return stack;
}

inline QList<Certificate> listOf(STACK_OF(X509) * stack)
{
    QList<Certificate> list;
    for (int index = 0; stack != nullptr && index < sk_X509_num(stack); ++index) {
        list.append(share(sk_X509_value(stack, index)));
    }
    return list;
}

} // namespace OpenSsl

} // namespace Postern::Crypto
