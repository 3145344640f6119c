#include "Sealed.h"

#include "core/base/Handles.h"

#include <openssl/hmac.h>
#include <openssl/kdf.h>
#include <openssl/rand.h>

namespace Postern::Crypto {

namespace {

constexpr int nonceSize = 12;
constexpr int tagSize = 16;
constexpr int keySize = 32;

const unsigned char *bytes(QByteArrayView view)
{
    return reinterpret_cast<const unsigned char *>(view.data());
}

// The lengths here are those of messages in a cache: far below INT_MAX, which OpenSSL's
// one-shot update calls take, but a caller's bug must not become a truncated ciphertext.
bool fitsInt(QByteArrayView view)
{
    return view.size() < qsizetype{1} << 30;
}

} // namespace

QByteArray seal(const Secret &key, QByteArrayView context, QByteArrayView plaintext)
{
    if (key.bytes().size() != keySize || !fitsInt(plaintext) || !fitsInt(context)) {
        return {};
    }
    QByteArray sealed(nonceSize + plaintext.size() + tagSize, Qt::Uninitialized);
    auto *out = reinterpret_cast<unsigned char *>(sealed.data());
    if (RAND_bytes(out, nonceSize) != 1) {
        return {};
    }
    Handles::EvpCipherCtx ctx(EVP_CIPHER_CTX_new());
    int length = 0;
    if (!ctx
        || EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, bytes(key.bytes()), out) != 1
        || EVP_EncryptUpdate(ctx.get(), nullptr, &length, bytes(context),
                             static_cast<int>(context.size()))
                   != 1
        || EVP_EncryptUpdate(ctx.get(), out + nonceSize, &length, bytes(plaintext),
                             static_cast<int>(plaintext.size()))
                   != 1
        || EVP_EncryptFinal_ex(ctx.get(), out + nonceSize + length, &length) != 1
        || EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, tagSize,
                               out + nonceSize + plaintext.size())
                   != 1) {
        return {};
    }
    return sealed;
}

std::optional<QByteArray> unseal(const Secret &key, QByteArrayView context, QByteArrayView sealed)
{
    if (key.bytes().size() != keySize || sealed.size() < nonceSize + tagSize || !fitsInt(sealed)
        || !fitsInt(context)) {
        return std::nullopt;
    }
    const qsizetype size = sealed.size() - nonceSize - tagSize;
    QByteArray plain(size, Qt::Uninitialized);
    auto *out = reinterpret_cast<unsigned char *>(plain.data());
    // The tag is only read by OpenSSL, but its control call takes a non-const pointer.
    QByteArray tag(sealed.last(tagSize).toByteArray());
    Handles::EvpCipherCtx ctx(EVP_CIPHER_CTX_new());
    int length = 0;
    if (!ctx
        || EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, bytes(key.bytes()),
                              bytes(sealed))
                   != 1
        || EVP_DecryptUpdate(ctx.get(), nullptr, &length, bytes(context),
                             static_cast<int>(context.size()))
                   != 1
        || EVP_DecryptUpdate(ctx.get(), out, &length, bytes(sealed.sliced(nonceSize, size)),
                             static_cast<int>(size))
                   != 1
        || EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, tagSize, tag.data()) != 1
        || EVP_DecryptFinal_ex(ctx.get(), out + length, &length) != 1) {
        OPENSSL_cleanse(plain.data(), static_cast<size_t>(plain.size()));
        return std::nullopt;
    }
    return plain;
}

QByteArray keyedDigest(const Secret &key, QByteArrayView data)
{
    QByteArray digest(EVP_MAX_MD_SIZE, Qt::Uninitialized);
    unsigned int length = 0;
    if (HMAC(EVP_sha256(), key.bytes().constData(), static_cast<int>(key.bytes().size()),
             bytes(data), static_cast<size_t>(data.size()),
             reinterpret_cast<unsigned char *>(digest.data()), &length)
        == nullptr) {
        return {};
    }
    digest.truncate(static_cast<qsizetype>(length));
    return digest;
}

Secret deriveKey(const Secret &secret, QByteArrayView purpose)
{
    QByteArray derived(keySize, Qt::Uninitialized);
    auto size = static_cast<size_t>(derived.size());
    Handles::EvpPkeyCtx ctx(EVP_PKEY_CTX_new_id(EVP_PKEY_HKDF, nullptr));
    if (!ctx || EVP_PKEY_derive_init(ctx.get()) != 1
        || EVP_PKEY_CTX_set_hkdf_md(ctx.get(), EVP_sha256()) != 1
        || EVP_PKEY_CTX_set1_hkdf_key(ctx.get(), bytes(secret.bytes()),
                                      static_cast<int>(secret.bytes().size()))
                   != 1
        || EVP_PKEY_CTX_add1_hkdf_info(ctx.get(), bytes(purpose), static_cast<int>(purpose.size()))
                   != 1
        || EVP_PKEY_derive(ctx.get(), reinterpret_cast<unsigned char *>(derived.data()), &size) != 1
        || size != keySize) {
        return {};
    }
    return Secret(std::move(derived));
}

} // namespace Postern::Crypto
