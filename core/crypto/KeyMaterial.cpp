#include "KeyMaterial.h"

#include "core/crypto/OpenSslAccess.h"
#include "core/crypto/OpenSslRuntime.h"

#include <QUrl>

#include <openssl/ec.h>
#include <openssl/pem.h>
#include <openssl/pkcs7.h>
#include <openssl/rand.h>
#include <openssl/rsa.h>

namespace Postern::Crypto {

namespace {

using namespace Handles;

bool addExtension(X509 *certificate, X509 *issuer, int nid, const char *value)
{
    X509V3_CTX context;
    X509V3_set_ctx_nodb(&context);
    X509V3_set_ctx(&context, issuer, certificate, nullptr, nullptr, 0);
    X509_EXTENSION *extension = X509V3_EXT_conf_nid(nullptr, &context, nid, value);
    if (extension == nullptr) {
        return false;
    }
    const bool added = X509_add_ext(certificate, extension, -1) == 1;
    X509_EXTENSION_free(extension);
    return added;
}

qsizetype characterCount(const QString &text)
{
    return text.toUcs4().size();
}

// The address as it goes into a certificate: an internationalised domain in its ASCII form
// (IDNA); empty when the domain is not a valid name.
QString certificateAddress(const QString &address)
{
    const qsizetype at = address.lastIndexOf(QLatin1Char('@'));
    const QByteArray domain = QUrl::toAce(address.mid(at + 1), QUrl::IgnoreIDNWhitelist);
    return domain.isEmpty() ? QString() : address.left(at + 1) + QString::fromLatin1(domain);
}

// The address's local part in the subject when the whole address is too long for a common name;
// checkSubjectFields() keeps it within the bound.
QString commonNameFor(const QString &address, const QString &name)
{
    if (!name.isEmpty()) {
        return name;
    }
    if (characterCount(address) <= maximumCommonNameCharacters) {
        return address;
    }
    return address.left(address.lastIndexOf(QLatin1Char('@')));
}

bool setSubject(X509_NAME *subject, const QString &address, const QString &name)
{
    const QByteArray commonName = commonNameFor(address, name).toUtf8();
    const QByteArray email = address.toUtf8();
    const bool named =
            X509_NAME_add_entry_by_NID(
                    subject, NID_commonName, MBSTRING_UTF8,
                    reinterpret_cast<const unsigned char *>(commonName.constData()), -1, -1, 0)
            == 1;
    // The legacy emailAddress attribute is bounded tighter (ub-emailaddress-length, 128) than an
    // address; the subjectAltName, which is what S/MIME reads (RFC 8550, 3), always has it.
    if (email.size() > ub_email_address) {
        return named;
    }
    return named
           && X509_NAME_add_entry_by_NID(subject, NID_pkcs9_emailAddress, MBSTRING_ASC,
                                         reinterpret_cast<const unsigned char *>(email.constData()),
                                         -1, -1, 0)
                      == 1;
}

EvpPkey newKey(KeyType type)
{
    if (type == KeyType::EcP256) {
        return EvpPkey(EVP_EC_gen("P-256"));
    }
    return EvpPkey(EVP_RSA_gen(3072));
}

// Version 3, a random positive 127-bit serial, valid from five minutes ago (clock skew) for
// @p validDays.
void startSelfSigned(X509 *x509, int validDays)
{
    X509_set_version(x509, X509_VERSION_3);
    unsigned char serial[16] = {};
    RAND_bytes(serial, sizeof serial);
    serial[0] &= 0x7f;
    BIGNUM *number = BN_bin2bn(serial, sizeof serial, nullptr);
    BN_to_ASN1_INTEGER(number, X509_get_serialNumber(x509));
    BN_free(number);
    X509_gmtime_adj(X509_getm_notBefore(x509), -300);
    X509_time_adj_ex(X509_getm_notAfter(x509), validDays, 0, nullptr);
}

} // namespace

CryptoResult<bool> checkSubjectFields(const QString &address, const QString &name)
{
    const qsizetype at = address.lastIndexOf(QLatin1Char('@'));
    if (at <= 0 || at == address.size() - 1) {
        return fail(CryptoError::BadData,
                    QStringLiteral("the address \"%1\" is not of the form local-part@domain")
                            .arg(address));
    }
    // OpenSSL reads the subjectAltName from a configuration string, where a comma or blank
    // would start another name: only the dot-atom characters of RFC 5322 (3.2.3) are taken.
    const QString local = address.left(at);
    static const QString atext = QStringLiteral("!#$%&'*+-/=?^_`{|}~.");
    const auto isAtext = [](QChar character) {
        return character.unicode() < 0x80
               && (character.isLetterOrNumber() || atext.contains(character));
    };
    if (!std::all_of(local.cbegin(), local.cend(), isAtext)) {
        return fail(CryptoError::BadData,
                    QStringLiteral("the address's local part \"%1\" may hold only ASCII letters, "
                                   "digits and !#$%&'*+-/=?^_`{|}~. (no blanks, commas, quotes "
                                   "or non-ASCII letters)")
                            .arg(local));
    }
    if (local.size() > maximumLocalPartOctets) {
        return fail(CryptoError::BadData,
                    QStringLiteral("the address's local part is %1 octets long; at most %2 are "
                                   "allowed (RFC 5321, 4.5.3.1.1)")
                            .arg(local.size())
                            .arg(maximumLocalPartOctets));
    }
    // In its ASCII form a domain is letters, digits, hyphens and dots (RFC 5321, 4.1.2).
    const QString written = certificateAddress(address);
    const auto isLdh = [](QChar character) {
        return character.unicode() < 0x80
               && (character.isLetterOrNumber() || character == QLatin1Char('-')
                   || character == QLatin1Char('.'));
    };
    if (written.isEmpty() || !std::all_of(written.cbegin() + at + 1, written.cend(), isLdh)) {
        return fail(CryptoError::BadData,
                    QStringLiteral("the address's domain \"%1\" is not a valid domain name")
                            .arg(address.mid(at + 1)));
    }
    if (written.size() > maximumAddressOctets) {
        return fail(CryptoError::BadData,
                    QStringLiteral("the address is %1 octets long; at most %2 are allowed "
                                   "(RFC 5321, 4.5.3.1.3)")
                            .arg(written.size())
                            .arg(maximumAddressOctets));
    }
    if (characterCount(name) > maximumCommonNameCharacters) {
        return fail(CryptoError::BadData,
                    QStringLiteral("the name is %1 characters long; a certificate's common name "
                                   "holds at most %2 (RFC 5280, ub-common-name)")
                            .arg(characterCount(name))
                            .arg(maximumCommonNameCharacters));
    }
    if (std::any_of(name.cbegin(), name.cend(),
                    [](QChar c) { return c.category() == QChar::Other_Control; })) {
        return fail(CryptoError::BadData,
                    QStringLiteral("the name may not hold control characters (line breaks, tabs)"));
    }
    return true;
}

CryptoResult<QByteArray>
encryptPrivateKey(const PrivateKey &key, const Secret &passphrase, int iterations)
{
    ensureOpenSsl();
    if (key.isNull() || passphrase.isEmpty()) {
        return fail(CryptoError::Failed, QStringLiteral("a key and a passphrase are needed"));
    }
    Pkcs8Info info(EVP_PKEY2PKCS8(OpenSsl::pkey(key)));
    unsigned char salt[16] = {};
    RAND_bytes(salt, sizeof salt);
    const QByteArray &pass = passphrase.bytes();
    std::unique_ptr<X509_SIG, FreeWith<&X509_SIG_free>> sealed(
            PKCS8_encrypt_ex(-1, EVP_aes_256_cbc(), pass.constData(), static_cast<int>(pass.size()),
                             salt, sizeof salt, iterations, info.get(), nullptr, nullptr));
    if (!info || !sealed) {
        return fail(CryptoError::Failed,
                    QStringLiteral("cannot protect the key: %1").arg(takeOpenSslErrors()));
    }
    Bio out(BIO_new(BIO_s_mem()));
    PEM_write_bio_PKCS8(out.get(), sealed.get());
    return bioContents(out.get());
}

CryptoResult<QByteArray> exportPkcs12(const Identity &identity,
                                      const Secret &passphrase,
                                      const QString &friendlyName,
                                      Pkcs12Scheme scheme)
{
    ensureOpenSsl();
    if (identity.key.isNull() || identity.certificate.isNull()) {
        return fail(
                CryptoError::NoKey,
                QStringLiteral("an identity needs its certificate and private key to be exported"));
    }
    const bool legacy = scheme == Pkcs12Scheme::Legacy;
    const int cipher = legacy ? NID_pbe_WithSHA1And3_Key_TripleDES_CBC : NID_aes_256_cbc;
    const QByteArray name = friendlyName.toUtf8();
    X509Stack chain = OpenSsl::stackOf(identity.chain);
    Pkcs12 bundle(PKCS12_create_ex(
            passphrase.bytes().constData(), name.isEmpty() ? nullptr : name.constData(),
            OpenSsl::pkey(identity.key), OpenSsl::x509(identity.certificate), chain.get(), cipher,
            cipher, legacy ? PKCS12_DEFAULT_ITER : 600000, -1, 0, nullptr, nullptr));
    if (!bundle) {
        return fail(CryptoError::Failed,
                    QStringLiteral("cannot build the PKCS#12 file: %1").arg(takeOpenSslErrors()));
    }
    const QByteArray &pass = passphrase.bytes();
    if (PKCS12_set_mac(bundle.get(), pass.constData(), static_cast<int>(pass.size()), nullptr, 0,
                       legacy ? PKCS12_DEFAULT_ITER : 600000, legacy ? EVP_sha1() : EVP_sha256())
        != 1) {
        return fail(CryptoError::Failed,
                    QStringLiteral("cannot protect the PKCS#12 file: %1").arg(takeOpenSslErrors()));
    }
    Bio out(BIO_new(BIO_s_mem()));
    i2d_PKCS12_bio(out.get(), bundle.get());
    return bioContents(out.get());
}

CryptoResult<Identity>
generateIdentity(const QString &rawAddress, const QString &name, KeyType type, int validDays)
{
    ensureOpenSsl();
    auto checked = checkSubjectFields(rawAddress, name);
    if (!checked) {
        return tl::unexpected(checked.error());
    }
    const QString address = certificateAddress(rawAddress);
    EvpPkey key = newKey(type);
    X509Cert certificate(X509_new());
    if (!key || !certificate) {
        return fail(CryptoError::Failed,
                    QStringLiteral("key generation failed: %1").arg(takeOpenSslErrors()));
    }
    X509 *x509 = certificate.get();
    startSelfSigned(x509, validDays);
    const bool named = setSubject(X509_get_subject_name(x509), address, name);
    X509_set_issuer_name(x509, X509_get_subject_name(x509));
    X509_set_pubkey(x509, key.get());

    const QByteArray san = "email:" + address.toUtf8();
    const char *usage = type == KeyType::EcP256
                                ? "critical,digitalSignature,nonRepudiation,keyAgreement"
                                : "critical,digitalSignature,nonRepudiation,keyEncipherment";
    const bool extended = addExtension(x509, x509, NID_basic_constraints, "critical,CA:FALSE")
                          && addExtension(x509, x509, NID_key_usage, usage)
                          && addExtension(x509, x509, NID_ext_key_usage, "emailProtection")
                          && addExtension(x509, x509, NID_subject_alt_name, san.constData())
                          && addExtension(x509, x509, NID_subject_key_identifier, "hash");
    if (!named || !extended || X509_sign(x509, key.get(), EVP_sha256()) <= 0) {
        return fail(CryptoError::Failed,
                    QStringLiteral("cannot build the certificate: %1").arg(takeOpenSslErrors()));
    }
    Identity identity;
    identity.key = OpenSsl::adopt(std::move(key));
    identity.certificate = OpenSsl::adopt(std::move(certificate));
    return identity;
}

CryptoResult<QByteArray>
certificateRequest(const PrivateKey &key, const QString &rawAddress, const QString &name)
{
    ensureOpenSsl();
    auto checked = checkSubjectFields(rawAddress, name);
    if (!checked) {
        return tl::unexpected(checked.error());
    }
    const QString address = certificateAddress(rawAddress);
    std::unique_ptr<X509_REQ, FreeWith<&X509_REQ_free>> request(X509_REQ_new());
    if (key.isNull() || !request
        || !setSubject(X509_REQ_get_subject_name(request.get()), address, name)) {
        return fail(CryptoError::Failed, QStringLiteral("cannot build the request"));
    }
    X509_REQ_set_version(request.get(), 0);
    X509_REQ_set_pubkey(request.get(), OpenSsl::pkey(key));

    STACK_OF(X509_EXTENSION) *extensions = sk_X509_EXTENSION_new_null();
    const QByteArray san = "email:" + address.toUtf8();
    for (const auto &[nid, value] :
         {std::pair<int, const char *>{NID_subject_alt_name, san.constData()},
          std::pair<int, const char *>{NID_ext_key_usage, "emailProtection"}}) {
        X509_EXTENSION *extension = X509V3_EXT_conf_nid(nullptr, nullptr, nid, value);
        if (extension != nullptr) {
            sk_X509_EXTENSION_push(extensions, extension);
        }
    }
    X509_REQ_add_extensions(request.get(), extensions);
    sk_X509_EXTENSION_pop_free(extensions, X509_EXTENSION_free);

    if (X509_REQ_sign(request.get(), OpenSsl::pkey(key), EVP_sha256()) <= 0) {
        return fail(CryptoError::Failed,
                    QStringLiteral("cannot sign the request: %1").arg(takeOpenSslErrors()));
    }
    Bio out(BIO_new(BIO_s_mem()));
    PEM_write_bio_X509_REQ(out.get(), request.get());
    return bioContents(out.get());
}

CryptoResult<LoopbackTlsIdentity> generateLoopbackTlsIdentity(int validDays)
{
    ensureOpenSsl();
    EvpPkey key = newKey(KeyType::EcP256);
    X509Cert certificate(X509_new());
    if (!key || !certificate) {
        return fail(CryptoError::Failed,
                    QStringLiteral("key generation failed: %1").arg(takeOpenSslErrors()));
    }
    X509 *x509 = certificate.get();
    startSelfSigned(x509, validDays);
    X509_NAME *subject = X509_get_subject_name(x509);
    X509_NAME_add_entry_by_txt(subject, "O", MBSTRING_UTF8,
                               reinterpret_cast<const unsigned char *>("Postern"), -1, -1, 0);
    X509_NAME_add_entry_by_txt(subject, "CN", MBSTRING_UTF8,
                               reinterpret_cast<const unsigned char *>("localhost"), -1, -1, 0);
    X509_set_issuer_name(x509, subject);
    X509_set_pubkey(x509, key.get());
    const bool extended = addExtension(x509, x509, NID_basic_constraints, "critical,CA:FALSE")
                          && addExtension(x509, x509, NID_key_usage, "critical,digitalSignature")
                          && addExtension(x509, x509, NID_ext_key_usage, "serverAuth")
                          && addExtension(x509, x509, NID_subject_alt_name,
                                          "DNS:localhost,IP:127.0.0.1,IP:0:0:0:0:0:0:0:1")
                          && addExtension(x509, x509, NID_subject_key_identifier, "hash");
    if (!extended || X509_sign(x509, key.get(), EVP_sha256()) <= 0) {
        return fail(CryptoError::Failed,
                    QStringLiteral("cannot build the certificate: %1").arg(takeOpenSslErrors()));
    }
    LoopbackTlsIdentity identity;
    Bio certificateOut(BIO_new(BIO_s_mem()));
    Bio keyOut(BIO_new(BIO_s_mem()));
    if (PEM_write_bio_X509(certificateOut.get(), x509) <= 0
        || PEM_write_bio_PKCS8PrivateKey(keyOut.get(), key.get(), nullptr, nullptr, 0, nullptr,
                                         nullptr)
                   <= 0) {
        return fail(CryptoError::Failed,
                    QStringLiteral("cannot write the certificate: %1").arg(takeOpenSslErrors()));
    }
    identity.certificatePem = bioContents(certificateOut.get());
    identity.privateKeyPem = bioContents(keyOut.get());
    return identity;
}

QList<Certificate> certificatesFromPkcs7(const QByteArray &data)
{
    ensureOpenSsl();
    Pkcs7 bundle;
    if (data.contains("-----BEGIN PKCS7-----")) {
        Bio in = readOnlyBio(data);
        bundle.reset(PEM_read_bio_PKCS7(in.get(), nullptr, nullptr, nullptr));
    } else {
        const auto *cursor = reinterpret_cast<const unsigned char *>(data.constData());
        bundle.reset(d2i_PKCS7(nullptr, &cursor, static_cast<long>(data.size())));
    }
    takeOpenSslErrors();
    if (!bundle || OBJ_obj2nid(bundle->type) != NID_pkcs7_signed || bundle->d.sign == nullptr) {
        return {};
    }
    return OpenSsl::listOf(bundle->d.sign->cert);
}

} // namespace Postern::Crypto
