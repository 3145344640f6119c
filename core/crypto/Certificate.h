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

    /** Addresses from subjectAltName rfc822Name and the subject's emailAddress, as written
     *  (ASCII; an internationalised domain stays in its xn-- form). */
    QStringList emailAddresses() const;

    /** Every address the certificate is for, for people to read: rfc822Name, otherName
     *  SmtpUTF8Mailbox (RFC 8398) and the subject's emailAddress, with internationalised
     *  domains in Unicode, each address once (by normalisedAddress()). */
    QStringList mailboxes() const;

    /** Whether one of mailboxes() is @p address, compared by normalisedAddress(). */
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

/**
 * The form in which two e-mail addresses are compared, everywhere Postern compares addresses:
 * against a certificate (store look-ups, the choice of recipients and signers, the signer's
 * address check), in policy rules and in an account's own addresses (Policy::normaliseAddress
 * is this function after removing angle brackets):
 *
 * - the domain is converted to its ASCII form (IDNA, QUrl::toAce), which also folds its case,
 *   so "user@bücher.example" and "user@xn--bcher-kva.example" are the same address;
 * - the local part is put into Unicode NFC and compared case-sensitively, as RFC 5321 (2.4)
 *   and RFC 8398 (3) say, except that ASCII letters are folded to lower case, as mail clients
 *   and servers treat them in practice ("JÖRG" and "jörg" stay different, "Jörg" and "jörg"
 *   or "Bob" and "bob" do not).
 * - a trailing dot of the domain is dropped ("example.org." is "example.org").
 *
 * An address without "@" or with a domain that is not a valid IDNA name is compared with its
 * ASCII letters folded only.
 */
QString normalisedAddress(const QString &address);

/** The domain half of normalisedAddress(): the ASCII (IDNA) form, lower case, without a
 *  trailing dot; a name that is not valid IDNA has its ASCII letters folded only. */
QString normalisedDomain(const QString &domain);

/** @p address with an internationalised domain shown in Unicode, for people to read. */
QString displayAddress(const QString &address);

/** @p domain in Unicode when it is an internationalised one in ASCII form, for people to read. */
QString displayDomain(const QString &domain);

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
