#pragma once

// The one place where the C libraries' objects get an owner. Every OpenSSL, GLib/GMime and
// libical object is put into one of these the moment it is created, so no code path can forget
// to free it and no raw *_free call is needed anywhere else. Include from .cpp files only: the
// public core headers stay free of C library types.

#include <QByteArray>

#include <glib-object.h>
#include <gmime/gmime.h>
#include <libical/ical.h>
#include <openssl/bio.h>
#include <openssl/cms.h>
#include <openssl/evp.h>
#include <openssl/pkcs12.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>
#include <utility>

namespace Postern::Handles {

template <auto FreeFunction>
struct FreeWith
{
    template <typename T>
    void operator()(T *object) const noexcept
    {
        if (object != nullptr) {
            FreeFunction(object);
        }
    }
};

// OPENSSL_free is a macro, so it cannot be a template argument itself.
inline void freeOpenSslMemory(char *memory)
{
    OPENSSL_free(memory);
}

struct X509StackFree
{
    void operator()(STACK_OF(X509) * stack) const noexcept { sk_X509_pop_free(stack, X509_free); }
};

struct SafeBagStackFree
{
    void operator()(STACK_OF(PKCS12_SAFEBAG) * stack) const noexcept
    {
        sk_PKCS12_SAFEBAG_pop_free(stack, PKCS12_SAFEBAG_free);
    }
};

struct Pkcs7StackFree
{
    void operator()(STACK_OF(PKCS7) * stack) const noexcept
    {
        sk_PKCS7_pop_free(stack, PKCS7_free);
    }
};

using Bio = std::unique_ptr<BIO, FreeWith<&BIO_free_all>>;
using X509Cert = std::unique_ptr<X509, FreeWith<&X509_free>>;
using X509Stack = std::unique_ptr<STACK_OF(X509), X509StackFree>;
using X509Store = std::unique_ptr<X509_STORE, FreeWith<&X509_STORE_free>>;
using X509StoreCtx = std::unique_ptr<X509_STORE_CTX, FreeWith<&X509_STORE_CTX_free>>;
using EvpPkey = std::unique_ptr<EVP_PKEY, FreeWith<&EVP_PKEY_free>>;
using EvpPkeyCtx = std::unique_ptr<EVP_PKEY_CTX, FreeWith<&EVP_PKEY_CTX_free>>;
using EvpMdCtx = std::unique_ptr<EVP_MD_CTX, FreeWith<&EVP_MD_CTX_free>>;
using EvpCipherCtx = std::unique_ptr<EVP_CIPHER_CTX, FreeWith<&EVP_CIPHER_CTX_free>>;
using Cms = std::unique_ptr<CMS_ContentInfo, FreeWith<&CMS_ContentInfo_free>>;
using Pkcs12 = std::unique_ptr<PKCS12, FreeWith<&PKCS12_free>>;
using Pkcs7 = std::unique_ptr<PKCS7, FreeWith<&PKCS7_free>>;
using Pkcs7Stack = std::unique_ptr<STACK_OF(PKCS7), Pkcs7StackFree>;
using Pkcs12SafeBags = std::unique_ptr<STACK_OF(PKCS12_SAFEBAG), SafeBagStackFree>;
using Pkcs8Info = std::unique_ptr<PKCS8_PRIV_KEY_INFO, FreeWith<&PKCS8_PRIV_KEY_INFO_free>>;
using OpenSslString = std::unique_ptr<char, FreeWith<&freeOpenSslMemory>>;
using IcalComponent = std::unique_ptr<icalcomponent, FreeWith<&icalcomponent_free>>;
using GlibString = std::unique_ptr<char, FreeWith<&g_free>>;

/**
 * A counted reference to a GObject (GMime streams, parsers, objects). Adopting takes over a
 * reference the caller already owns (what every g_mime_*_new returns); retain adds one for
 * objects GMime lends out, such as a message's MIME part.
 */
template <typename T>
class GObjectRef
{
public:
    GObjectRef() = default;

    static GObjectRef adopt(T *object) { return GObjectRef(object); }

    static GObjectRef retain(T *object)
    {
        if (object != nullptr) {
            g_object_ref(object);
        }
        return GObjectRef(object);
    }

    GObjectRef(const GObjectRef &other)
        : m_object(other.m_object)
    {
        if (m_object != nullptr) {
            g_object_ref(m_object);
        }
    }

    GObjectRef(GObjectRef &&other) noexcept
        : m_object(std::exchange(other.m_object, nullptr))
    {
    }

    GObjectRef &operator=(GObjectRef other) noexcept
    {
        std::swap(m_object, other.m_object);
        return *this;
    }

    ~GObjectRef()
    {
        if (m_object != nullptr) {
            g_object_unref(m_object);
        }
    }

    T *get() const { return m_object; }

    T *operator->() const { return m_object; }

    explicit operator bool() const { return m_object != nullptr; }

    T *release() { return std::exchange(m_object, nullptr); }

private:
    explicit GObjectRef(T *object)
        : m_object(object)
    {
    }

    T *m_object = nullptr;
};

/** A memory BIO reading from bytes the caller keeps alive for the BIO's lifetime. */
inline Bio readOnlyBio(const QByteArray &bytes)
{
    return Bio(BIO_new_mem_buf(bytes.constData(), static_cast<int>(bytes.size())));
}

/** Everything written to a memory BIO so far, copied out. */
inline QByteArray bioContents(BIO *bio)
{
    char *data = nullptr;
    const long length = BIO_get_mem_data(bio, &data);
    if (length <= 0 || data == nullptr) {
        return {};
    }
    return QByteArray(data, static_cast<qsizetype>(length));
}

} // namespace Postern::Handles
