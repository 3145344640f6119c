#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>

namespace Postern::Crypto {

/**
 * An X.509 certificate as a shared, immutable value. The OpenSSL object behind it is reached
 * only from crypto/ code (see OpenSslAccess.h); everything else sees these accessors.
 */
class Certificate
{
public:
    Certificate();

    /** Every certificate in @p data: PEM (any number of blocks) or one DER certificate. */
    static QList<Certificate> parseAll(const QByteArray &data);

    bool isNull() const;

    QByteArray toDer() const;
    QByteArray toPem() const;

    /** RFC 2253 one-line names. */
    QString subject() const;
    QString issuer() const;
    QString commonName() const;

    /** Addresses from subjectAltName rfc822Name and the subject's emailAddress, as written. */
    QStringList emailAddresses() const;

    /** Case-insensitive comparison against emailAddresses(). */
    bool hasEmailAddress(const QString &address) const;

    /** Upper-case hex, no separators. */
    QByteArray serialNumber() const;
    QByteArray sha256Fingerprint() const;
    QByteArray subjectKeyIdentifier() const;

    QDateTime notBefore() const;
    QDateTime notAfter() const;
    bool isSelfSigned() const;
    bool isCertificateAuthority() const;

    /** Key usage and extended key usage allow S/MIME encryption (key transport or agreement),
     *  or signing (digital signature or non-repudiation). Absent extensions allow everything. */
    bool allowsEncryption() const;
    bool allowsSigning() const;

    bool isValidAt(const QDateTime &time) const;

    /** "RSA", "EC", "Ed25519"…, and the key size in bits. */
    QString keyAlgorithm() const;
    int keyBits() const;

    bool operator==(const Certificate &other) const;

    bool operator!=(const Certificate &other) const { return !(*this == other); }

    struct Private;
    explicit Certificate(std::shared_ptr<const Private> d);

    const Private *privateData() const { return d.get(); }

private:
    std::shared_ptr<const Private> d;
};

/** A private key held in memory only while it is needed. */
class PrivateKey
{
public:
    PrivateKey();

    bool isNull() const;
    QString algorithm() const;

    /** Whether @p certificate carries this key's public half. */
    bool matches(const Certificate &certificate) const;

    struct Private;
    explicit PrivateKey(std::shared_ptr<const Private> d);

    const Private *privateData() const { return d.get(); }

private:
    std::shared_ptr<const Private> d;
};

/** A certificate with its private key and the chain that came with it (PKCS#12, PEM). The
 *  certificate is null when only a bare key is known. */
struct Identity
{
    Certificate certificate;
    PrivateKey key;
    QList<Certificate> chain;
};

} // namespace Postern::Crypto
