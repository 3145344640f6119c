#pragma once

#include "core/base/Secret.h"
#include "core/crypto/Certificate.h"
#include "core/crypto/CryptoError.h"

#include <QDateTime>

namespace Postern::Crypto {

// Producing key material: protecting keys at rest, PKCS#12 export, new identities and requests.

/** Work factor for keys at rest: PBKDF2-HMAC-SHA256 iterations (PKCS#5 v2.1, RFC 8018). */
constexpr int keyProtectionIterations = 600000;

/** The key as PEM "ENCRYPTED PRIVATE KEY" (PKCS#8, PBES2, AES-256-CBC, PBKDF2-SHA256). */
CryptoResult<QByteArray> encryptPrivateKey(const PrivateKey &key,
                                           const Secret &passphrase,
                                           int iterations = keyProtectionIterations);

enum class Pkcs12Scheme {
    Modern, // AES-256-CBC with PBKDF2, MAC SHA-256 (OpenSSL 3 default)
    Legacy, // 3DES with SHA-1 and MAC SHA-1: what gpgsm 2.2 and older Windows import
};

CryptoResult<QByteArray> exportPkcs12(const Identity &identity,
                                      const Secret &passphrase,
                                      const QString &friendlyName,
                                      Pkcs12Scheme scheme);

enum class KeyType {
    Rsa3072,
    EcP256,
};

/** Upper bounds of what a new certificate or request names: RFC 5321 (4.5.3.1.1, 4.5.3.1.3)
 *  for the address, X.520's ub-common-name (RFC 5280, appendix A.1) for the name. */
constexpr int maximumAddressOctets = 254;
constexpr int maximumLocalPartOctets = 64;
constexpr int maximumCommonNameCharacters = 64;

/** Whether @p address and @p name can go into a new certificate or request; checked before any
 *  key is made or unlocked, so the answer names the field and its limit instead of OpenSSL's
 *  encoding error. The address must be ASCII apart from an internationalised domain (it is
 *  written in its ASCII form); an empty name is allowed. */
CryptoResult<bool> checkSubjectFields(const QString &address, const QString &name);

/** A self-signed S/MIME identity for @p address: key usage for signing and encryption,
 *  extended key usage emailProtection, the address as subjectAltName. The subject's common name
 *  is @p name, or the address when no name is given and it fits, otherwise its local part. */
CryptoResult<Identity>
generateIdentity(const QString &address, const QString &name, KeyType type, int validDays = 730);

/** A PKCS#10 request (PEM) for a CA to certify @p key for @p address. */
CryptoResult<QByteArray>
certificateRequest(const PrivateKey &key, const QString &address, const QString &name);

/** Certificates in a PKCS#7 bundle (.p7b, .p7c), DER or PEM. */
QList<Certificate> certificatesFromPkcs7(const QByteArray &data);

struct LoopbackTlsIdentity
{
    QByteArray certificatePem;
    QByteArray privateKeyPem; // PKCS#8, not encrypted: see the caller for where it is kept
};

/** A self-signed TLS server certificate for the proxies' loopback listeners: EC P-256, a leaf
 *  (CA:FALSE, serverAuth) for localhost, 127.0.0.1 and ::1, so that a mail client that insists
 *  on TLS can pin it without Postern ever being able to vouch for another name. */
CryptoResult<LoopbackTlsIdentity> generateLoopbackTlsIdentity(int validDays = 825);

} // namespace Postern::Crypto
