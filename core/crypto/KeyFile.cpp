#include "KeyFile.h"

#include "core/base/Bytes.h"
#include "core/crypto/OpenSslAccess.h"
#include "core/crypto/OpenSslRuntime.h"

#include <openssl/decoder.h>
#include <openssl/err.h>
#include <openssl/pem.h>

namespace Postern::Crypto {

namespace {

using namespace Handles;

// PEM's default callback would prompt on the terminal; a library must never do that.
int passphraseCallback(char *buffer, int size, int /*rwflag*/, void *userData)
{
    const auto *passphrase = static_cast<const Secret *>(userData);
    if (passphrase == nullptr || passphrase->isEmpty() || passphrase->bytes().size() > size) {
        return 0;
    }
    const auto length = static_cast<int>(passphrase->bytes().size());
    std::memcpy(buffer, passphrase->bytes().constData(), static_cast<size_t>(length));
    return length;
}

bool lastErrorWasDecryption()
{
    const unsigned long code = ERR_peek_last_error();
    const int reason = ERR_GET_REASON(code);
    return reason == PEM_R_BAD_DECRYPT || reason == PEM_R_BAD_PASSWORD_READ
           || reason == EVP_R_BAD_DECRYPT || reason == PKCS12_R_PKCS12_CIPHERFINAL_ERROR
           || reason == PEM_R_PROBLEMS_GETTING_PASSWORD;
}

QByteArray unarmour(const QByteArray &data, const QByteArray &label)
{
    const QByteArray begin = "-----BEGIN " + label + "-----";
    const QByteArray end = "-----END " + label + "-----";
    const qsizetype start = data.indexOf(begin);
    const qsizetype stop = data.indexOf(end, start);
    if (start < 0 || stop < 0) {
        return {};
    }
    return QByteArray::fromBase64(
            data.mid(start + begin.size(), stop - start - begin.size()).simplified());
}

QList<Identity> pairUp(const QList<PrivateKey> &keys, const QList<Certificate> &certificates);

struct Pkcs12Contents
{
    QList<PrivateKey> keys;
    QList<Certificate> certificates;
};

void readBags(const STACK_OF(PKCS12_SAFEBAG) * bags,
              const QByteArray &pass,
              Pkcs12Contents &contents,
              int depth)
{
    for (int index = 0; index < sk_PKCS12_SAFEBAG_num(bags) && depth < 4; ++index) {
        const PKCS12_SAFEBAG *bag = sk_PKCS12_SAFEBAG_value(bags, index);
        switch (PKCS12_SAFEBAG_get_nid(bag)) {
        case NID_keyBag: {
            EvpPkey key(EVP_PKCS82PKEY(PKCS12_SAFEBAG_get0_p8inf(bag)));
            if (key) {
                contents.keys.append(OpenSsl::adopt(std::move(key)));
            }
            break;
        }
        case NID_pkcs8ShroudedKeyBag: {
            Pkcs8Info info(
                    PKCS12_decrypt_skey(bag, pass.constData(), static_cast<int>(pass.size())));
            EvpPkey key(info ? EVP_PKCS82PKEY(info.get()) : nullptr);
            if (key) {
                contents.keys.append(OpenSsl::adopt(std::move(key)));
            }
            break;
        }
        case NID_certBag:
            if (PKCS12_SAFEBAG_get_bag_nid(bag) == NID_x509Certificate) {
                contents.certificates.append(
                        OpenSsl::adopt(X509Cert(PKCS12_SAFEBAG_get1_cert(bag))));
            }
            break;
        case NID_safeContentsBag:
            readBags(PKCS12_SAFEBAG_get0_safes(bag), pass, contents, depth + 1);
            break;
        default:
            break;
        }
    }
}

bool readPkcs12Bags(PKCS12 *bundle, const QByteArray &pass, Pkcs12Contents &contents)
{
    Pkcs7Stack safes(PKCS12_unpack_authsafes(bundle));
    if (!safes) {
        return false;
    }
    for (int index = 0; index < sk_PKCS7_num(safes.get()); ++index) {
        PKCS7 *safe = sk_PKCS7_value(safes.get(), index);
        const int type = OBJ_obj2nid(safe->type);
        Pkcs12SafeBags bags(type == NID_pkcs7_data        ? PKCS12_unpack_p7data(safe)
                            : type == NID_pkcs7_encrypted ? PKCS12_unpack_p7encdata(
                                      safe, pass.constData(), static_cast<int>(pass.size()))
                                                          : nullptr);
        if (!bags) {
            return false;
        }
        readBags(bags.get(), pass, contents, 0);
    }
    return true;
}

CryptoResult<QList<Identity>> fromPkcs12(PKCS12 *bundle, const Secret &passphrase)
{
    const QByteArray &pass = passphrase.bytes();
    if (PKCS12_mac_present(bundle) == 1) {
        const bool macOk =
                PKCS12_verify_mac(bundle, pass.constData(), static_cast<int>(pass.size())) == 1
                || (pass.isEmpty() && PKCS12_verify_mac(bundle, nullptr, 0) == 1);
        if (!macOk) {
            takeOpenSslErrors();
            return fail(CryptoError::WrongPassphrase,
                        QStringLiteral("the passphrase does not open this PKCS#12 file"));
        }
    }

    // PKCS12_parse returns one key only; a keystore may hold several (Java keystores do), so
    // every bag is read and the keys are paired with their certificates afterwards.
    Pkcs12Contents contents;
    if (!readPkcs12Bags(bundle, pass, contents)) {
        const bool badPassword = lastErrorWasDecryption();
        const QString detail = takeOpenSslErrors();
        return fail(badPassword ? CryptoError::WrongPassphrase : CryptoError::Unsupported,
                    QStringLiteral("cannot open PKCS#12 file: %1").arg(detail));
    }
    if (contents.keys.isEmpty()) {
        return fail(CryptoError::NoKey, QStringLiteral("the PKCS#12 file holds no private key"));
    }
    return pairUp(contents.keys, contents.certificates);
}

// Every private key in PEM text, in order. PEM_read_bio_PrivateKey skips blocks of other kinds.
CryptoResult<QList<PrivateKey>> pemKeys(const QByteArray &data, const Secret &passphrase)
{
    QList<PrivateKey> keys;
    Bio in = readOnlyBio(data);
    while (true) {
        EvpPkey key(PEM_read_bio_PrivateKey(in.get(), nullptr, passphraseCallback,
                                            const_cast<Secret *>(&passphrase)));
        if (!key) {
            break;
        }
        keys.append(OpenSsl::adopt(std::move(key)));
    }
    const bool badPassword = lastErrorWasDecryption();
    const QString errors = takeOpenSslErrors();
    const bool hasEncryptedBlock = data.contains("ENCRYPTED");
    if (keys.isEmpty() && hasEncryptedBlock && badPassword) {
        return fail(
                CryptoError::WrongPassphrase,
                passphrase.isEmpty()
                        ? QStringLiteral("the private key is encrypted and no passphrase was given")
                        : QStringLiteral("the passphrase does not open the private key"));
    }
    Q_UNUSED(errors)
    return keys;
}

CryptoResult<PrivateKey> derKey(const QByteArray &data, const Secret &passphrase)
{
    EVP_PKEY *raw = nullptr;
    std::unique_ptr<OSSL_DECODER_CTX, FreeWith<&OSSL_DECODER_CTX_free>> decoder(
            OSSL_DECODER_CTX_new_for_pkey(&raw, "DER", nullptr, nullptr, 0, nullptr, nullptr));
    if (!passphrase.isEmpty()) {
        OSSL_DECODER_CTX_set_passphrase(
                decoder.get(),
                reinterpret_cast<const unsigned char *>(passphrase.bytes().constData()),
                static_cast<size_t>(passphrase.bytes().size()));
    }
    const auto *cursor = reinterpret_cast<const unsigned char *>(data.constData());
    size_t left = static_cast<size_t>(data.size());
    const bool decoded = OSSL_DECODER_from_data(decoder.get(), &cursor, &left) == 1;
    EvpPkey key(raw);
    takeOpenSslErrors();
    if (!decoded || !key) {
        return fail(CryptoError::BadData,
                    QStringLiteral("not a key file (no PKCS#12, PEM or DER key found)"));
    }
    return OpenSsl::adopt(std::move(key));
}

QList<Identity> pairUp(const QList<PrivateKey> &keys, const QList<Certificate> &certificates)
{
    QList<Identity> identities;
    for (const PrivateKey &key : keys) {
        Identity identity;
        identity.key = key;
        for (const Certificate &certificate : certificates) {
            if (identity.certificate.isNull() && key.matches(certificate)) {
                identity.certificate = certificate;
            } else {
                identity.chain.append(certificate);
            }
        }
        identities.append(identity);
    }
    return identities;
}

} // namespace

CryptoResult<QList<Identity>> loadIdentities(const QByteArray &data, const Secret &passphrase)
{
    ensureOpenSsl();
    if (isBlank(data)) {
        return fail(CryptoError::BadData, QStringLiteral("the key file is empty"));
    }

    QByteArray pkcs12Der = unarmour(data, "PKCS12");
    if (pkcs12Der.isEmpty() && !data.contains("-----BEGIN")) {
        pkcs12Der = data;
    }
    if (!pkcs12Der.isEmpty()) {
        const auto *cursor = reinterpret_cast<const unsigned char *>(pkcs12Der.constData());
        Pkcs12 bundle(d2i_PKCS12(nullptr, &cursor, static_cast<long>(pkcs12Der.size())));
        takeOpenSslErrors();
        if (bundle) {
            return fromPkcs12(bundle.get(), passphrase);
        }
    }

    if (data.contains("-----BEGIN")) {
        auto keys = pemKeys(data, passphrase);
        if (!keys) {
            return tl::unexpected(keys.error());
        }
        const QList<Certificate> certificates = Certificate::parseAll(data);
        if (keys->isEmpty()) {
            return fail(
                    CryptoError::NoKey,
                    certificates.isEmpty()
                            ? QStringLiteral("no private key or certificate found in the PEM file")
                            : QStringLiteral("the PEM file holds certificates but no private key"));
        }
        return pairUp(*keys, certificates);
    }

    auto key = derKey(data, passphrase);
    if (!key) {
        return tl::unexpected(key.error());
    }
    return QList<Identity>{Identity{Certificate(), *key, {}}};
}

} // namespace Postern::Crypto
