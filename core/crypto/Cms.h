#pragma once

#include "core/crypto/Certificate.h"
#include "core/crypto/CryptoError.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

namespace Postern::Crypto {

// The one interface to CMS (RFC 5652) for the rest of Postern. Everything OpenSSL-specific about
// S/MIME lives behind these functions.

enum class CmsType {
    Unknown,
    Data,
    SignedData,
    EnvelopedData,
    AuthEnvelopedData,
    CompressedData,
    DigestedData,
    EncryptedData,
};

/** The content type of a DER-encoded ContentInfo, without decrypting or verifying anything.
 *  Unknown when @p der is not a ContentInfo. */
CmsType contentTypeOf(const QByteArray &der);

QString describe(CmsType type);

struct DecryptOutcome
{
    QByteArray content;
    QString contentCipher;      // "AES-256-CBC", "AES-128-GCM", "DES-EDE3-CBC", "RC2-CBC"…
    QString keyManagement;      // "RSA PKCS#1 v1.5", "RSA-OAEP", "ECDH", "KEK", "password"
    bool authenticated = false; // AuthEnvelopedData: the ciphertext's integrity was checked
    Certificate recipient;      // the certificate whose key opened it (null for a bare key)
};

/** Decrypts EnvelopedData or AuthEnvelopedData with the first identity that is a recipient:
 *  matched by issuer and serial number or subject key identifier, then, for keys whose
 *  certificate does not say so, by trying the key itself. Takes @p der by value and drops it
 *  once parsed, so a large message is not held twice. When no key fits (NoMatchingKey), the
 *  detail names the recipients as the message does: issuer and serial or subject key id. */
CryptoResult<DecryptOutcome> decrypt(QByteArray der, const QList<Identity> &identities);

enum class SignatureStatus {
    Valid,                // the signature is intact and the signer is trusted for e-mail
    Invalid,              // signature or content digest does not match: tampered
    UntrustedChain,       // intact, but the signer does not chain to a trusted root
    Expired,              // intact and trusted at signing time, but the certificate has expired
    NotYetValid,          // the certificate was not valid yet at the signing time
    WrongUsage,           // the certificate is not for e-mail signing (key usage or EKU)
    AddressMismatch,      // intact and trusted, but the signer is not the From: address
    UnsupportedAlgorithm, // an algorithm this build cannot check
    Malformed,            // the signature structure is broken or holds no signer
};

QString describe(SignatureStatus status);

struct SignerDetails
{
    Certificate certificate;    // null when the signer's certificate was not available
    QDateTime signingTime;      // invalid when the signer gave none
    QString digestAlgorithm;    // "SHA256"…
    QString signatureAlgorithm; // "RSA", "RSA-PSS", "ECDSA", "Ed25519"
};

struct TrustSettings
{
    bool useSystemRoots = true;
    QList<Certificate> trustedRoots;
    QList<Certificate> extraCertificates; // intermediates and signer certificates to use
    QDateTime verificationTime;           // invalid: now
};

struct SignatureOutcome
{
    SignatureStatus status = SignatureStatus::Malformed;
    QString detail;               // English, for logs and the command line
    bool signatureIntact = false; // the mathematics, independent of trust
    QList<SignerDetails> signers;
    QList<Certificate> chain;               // signer first, up to the root when known
    QList<Certificate> carriedCertificates; // every certificate the message carried
    QByteArray content;                     // opaque signed-data: the signed content
};

/** Whether @p certificate chains to a trusted root and may be used for S/MIME encryption (or
 *  signing), now or at the trust settings' time. The status says why not. */
SignatureStatus
checkCertificate(const Certificate &certificate, const TrustSettings &trust, bool forEncryption);

/** multipart/signed: @p signatureDer over exactly @p signedBytes. */
SignatureOutcome verifyDetached(const QByteArray &signatureDer,
                                const QByteArray &signedBytes,
                                const TrustSettings &trust);

/** Opaque signed-data: the content travels inside and is returned in the outcome. */
SignatureOutcome verifyOpaque(const QByteArray &der, const TrustSettings &trust);

/** CompressedData (RFC 3274). */
CryptoResult<QByteArray> decompress(const QByteArray &der);

enum class ContentCipher {
    Aes128Cbc,
    Aes192Cbc,
    Aes256Cbc,
    Aes128Gcm,
    Aes256Gcm,
};

struct EncryptOptions
{
    ContentCipher cipher = ContentCipher::Aes256Cbc;
    bool rsaOaep = false; // RSA recipients: OAEP with SHA-256 instead of PKCS#1 v1.5
};

/** EnvelopedData (CBC) or AuthEnvelopedData (GCM) for every certificate in @p recipients;
 *  EC certificates get ECDH key agreement. DER out. */
CryptoResult<QByteArray> encrypt(const QByteArray &content,
                                 const QList<Certificate> &recipients,
                                 const EncryptOptions &options);

/** SignedData with SHA-256, signing time, SMIMECapabilities and the identity's chain. */
CryptoResult<QByteArray> sign(const QByteArray &content, const Identity &signer, bool detached);

} // namespace Postern::Crypto
