#include "Certificate.h"

#include "core/crypto/OpenSslAccess.h"
#include "core/crypto/OpenSslRuntime.h"

#include <QUrl>

#include <openssl/pem.h>
#include <openssl/x509v3.h>

namespace Postern::Crypto {

namespace {

using namespace Handles;

QString nameToString(const X509_NAME *name)
{
    Bio out(BIO_new(BIO_s_mem()));
    X509_NAME_print_ex(out.get(), name, 0, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB);
    return QString::fromUtf8(bioContents(out.get()));
}

QString textEntry(const X509_NAME *name, int nid)
{
    const int index = X509_NAME_get_index_by_NID(name, nid, -1);
    if (index < 0) {
        return {};
    }
    const ASN1_STRING *data = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, index));
    unsigned char *utf8 = nullptr;
    const int length = ASN1_STRING_to_UTF8(&utf8, data);
    if (length < 0) {
        return {};
    }
    const OpenSslString owned(reinterpret_cast<char *>(utf8));
    return QString::fromUtf8(owned.get(), length);
}

QDateTime toDateTime(const ASN1_TIME *time)
{
    struct tm parts = {};
    if (time == nullptr || ASN1_TIME_to_tm(time, &parts) != 1) {
        return {};
    }
    return QDateTime(QDate(parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday),
                     QTime(parts.tm_hour, parts.tm_min, parts.tm_sec), Qt::UTC);
}

using GeneralNames = std::unique_ptr<GENERAL_NAMES, FreeWith<&GENERAL_NAMES_free>>;

// RFC 8398, 3: an otherName id-on-SmtpUTF8Mailbox holds the whole address as a UTF8String.
QStringList smtpUtf8Mailboxes(const X509 *x509)
{
    QStringList addresses;
    const GeneralNames names(static_cast<GENERAL_NAMES *>(
            X509_get_ext_d2i(x509, NID_subject_alt_name, nullptr, nullptr)));
    for (int index = 0; index < sk_GENERAL_NAME_num(names.get()); ++index) {
        const GENERAL_NAME *name = sk_GENERAL_NAME_value(names.get(), index);
        if (name->type != GEN_OTHERNAME
            || OBJ_obj2nid(name->d.otherName->type_id) != NID_id_on_SmtpUTF8Mailbox
            || name->d.otherName->value == nullptr
            || name->d.otherName->value->type != V_ASN1_UTF8STRING) {
            continue;
        }
        const ASN1_UTF8STRING *text = name->d.otherName->value->value.utf8string;
        addresses.append(
                QString::fromUtf8(reinterpret_cast<const char *>(ASN1_STRING_get0_data(text)),
                                  ASN1_STRING_length(text)));
    }
    return addresses;
}

QString foldAsciiCase(const QString &text)
{
    QString folded = text;
    for (QChar &character : folded) {
        if (character >= QLatin1Char('A') && character <= QLatin1Char('Z')) {
            character = QChar(character.unicode() + ('a' - 'A'));
        }
    }
    return folded;
}

QByteArray hexOf(const unsigned char *data, size_t length)
{
    return QByteArray(reinterpret_cast<const char *>(data), static_cast<qsizetype>(length))
            .toHex()
            .toUpper();
}

} // namespace

Certificate::Certificate() = default;

Certificate::Certificate(std::shared_ptr<const Private> data)
    : d(std::move(data))
{
}

QList<Certificate> Certificate::parseAll(const QByteArray &data)
{
    ensureOpenSsl();
    QList<Certificate> certificates;
    if (data.contains("-----BEGIN")) {
        Bio in = readOnlyBio(data);
        while (true) {
            X509Cert certificate(PEM_read_bio_X509(in.get(), nullptr, nullptr, nullptr));
            if (!certificate) {
                break;
            }
            certificates.append(OpenSsl::adopt(std::move(certificate)));
        }
    } else {
        const auto *cursor = reinterpret_cast<const unsigned char *>(data.constData());
        X509Cert certificate(d2i_X509(nullptr, &cursor, static_cast<long>(data.size())));
        if (certificate) {
            certificates.append(OpenSsl::adopt(std::move(certificate)));
        }
    }
    takeOpenSslErrors();
    return certificates;
}

bool Certificate::isNull() const
{
    return !d || !d->x509;
}

QByteArray Certificate::toDer() const
{
    if (isNull()) {
        return {};
    }
    unsigned char *der = nullptr;
    const int length = i2d_X509(d->x509.get(), &der);
    if (length <= 0) {
        return {};
    }
    const OpenSslString owned(reinterpret_cast<char *>(der));
    return QByteArray(owned.get(), length);
}

QByteArray Certificate::toPem() const
{
    if (isNull()) {
        return {};
    }
    Bio out(BIO_new(BIO_s_mem()));
    PEM_write_bio_X509(out.get(), d->x509.get());
    return bioContents(out.get());
}

QString Certificate::subject() const
{
    return isNull() ? QString() : nameToString(X509_get_subject_name(d->x509.get()));
}

QString Certificate::issuer() const
{
    return isNull() ? QString() : nameToString(X509_get_issuer_name(d->x509.get()));
}

QString Certificate::commonName() const
{
    return isNull() ? QString() : textEntry(X509_get_subject_name(d->x509.get()), NID_commonName);
}

QStringList Certificate::emailAddresses() const
{
    if (isNull()) {
        return {};
    }
    QStringList addresses;
    STACK_OF(OPENSSL_STRING) *emails = X509_get1_email(d->x509.get());
    for (int index = 0; index < sk_OPENSSL_STRING_num(emails); ++index) {
        const QString address = QString::fromUtf8(sk_OPENSSL_STRING_value(emails, index));
        if (!addresses.contains(address, Qt::CaseInsensitive)) {
            addresses.append(address);
        }
    }
    X509_email_free(emails);
    return addresses;
}

QStringList Certificate::mailboxes() const
{
    if (isNull()) {
        return {};
    }
    QStringList addresses;
    QStringList seen;
    for (const QString &address : smtpUtf8Mailboxes(d->x509.get()) + emailAddresses()) {
        const QString key = normalisedAddress(address);
        if (!address.trimmed().isEmpty() && !seen.contains(key)) {
            seen.append(key);
            addresses.append(displayAddress(address));
        }
    }
    return addresses;
}

bool Certificate::hasEmailAddress(const QString &address) const
{
    const QString wanted = normalisedAddress(address);
    const QStringList addresses = mailboxes();
    return !address.trimmed().isEmpty()
           && std::any_of(addresses.cbegin(), addresses.cend(),
                          [&wanted](const QString &candidate) {
                              return normalisedAddress(candidate) == wanted;
                          });
}

QByteArray Certificate::serialNumber() const
{
    if (isNull()) {
        return {};
    }
    const ASN1_INTEGER *serial = X509_get0_serialNumber(d->x509.get());
    return hexOf(ASN1_STRING_get0_data(serial), static_cast<size_t>(ASN1_STRING_length(serial)));
}

QByteArray Certificate::sha256Fingerprint() const
{
    if (isNull()) {
        return {};
    }
    unsigned char digest[EVP_MAX_MD_SIZE] = {};
    unsigned int length = 0;
    X509_digest(d->x509.get(), EVP_sha256(), digest, &length);
    return hexOf(digest, length);
}

QByteArray Certificate::subjectKeyIdentifier() const
{
    if (isNull()) {
        return {};
    }
    const ASN1_OCTET_STRING *identifier = X509_get0_subject_key_id(d->x509.get());
    if (identifier == nullptr) {
        return {};
    }
    return hexOf(ASN1_STRING_get0_data(identifier),
                 static_cast<size_t>(ASN1_STRING_length(identifier)));
}

QDateTime Certificate::notBefore() const
{
    return isNull() ? QDateTime() : toDateTime(X509_get0_notBefore(d->x509.get()));
}

QDateTime Certificate::notAfter() const
{
    return isNull() ? QDateTime() : toDateTime(X509_get0_notAfter(d->x509.get()));
}

bool Certificate::isSelfSigned() const
{
    return !isNull() && (X509_get_extension_flags(d->x509.get()) & EXFLAG_SS) != 0;
}

bool Certificate::isCertificateAuthority() const
{
    return !isNull() && X509_check_ca(d->x509.get()) > 0;
}

namespace {

bool extendedUsageAllowsEmail(X509 *x509)
{
    const uint32_t extended = X509_get_extended_key_usage(x509);
    return extended == UINT32_MAX || (extended & (XKU_SMIME | XKU_ANYEKU)) != 0;
}

} // namespace

bool Certificate::allowsEncryption() const
{
    if (isNull() || !extendedUsageAllowsEmail(d->x509.get())) {
        return false;
    }
    const uint32_t usage = X509_get_key_usage(d->x509.get());
    return usage == UINT32_MAX || (usage & (KU_KEY_ENCIPHERMENT | KU_KEY_AGREEMENT)) != 0;
}

bool Certificate::allowsSigning() const
{
    if (isNull() || !extendedUsageAllowsEmail(d->x509.get())) {
        return false;
    }
    const uint32_t usage = X509_get_key_usage(d->x509.get());
    return usage == UINT32_MAX || (usage & (KU_DIGITAL_SIGNATURE | KU_NON_REPUDIATION)) != 0;
}

bool Certificate::isValidAt(const QDateTime &time) const
{
    return !isNull() && notBefore() <= time && time <= notAfter();
}

QString Certificate::keyAlgorithm() const
{
    const EVP_PKEY *key = isNull() ? nullptr : X509_get0_pubkey(d->x509.get());
    return key == nullptr ? QString() : QString::fromLatin1(EVP_PKEY_get0_type_name(key));
}

int Certificate::keyBits() const
{
    const EVP_PKEY *key = isNull() ? nullptr : X509_get0_pubkey(d->x509.get());
    return key == nullptr ? 0 : EVP_PKEY_get_bits(key);
}

bool Certificate::operator==(const Certificate &other) const
{
    if (isNull() || other.isNull()) {
        return isNull() == other.isNull();
    }
    return X509_cmp(d->x509.get(), other.d->x509.get()) == 0;
}

PrivateKey::PrivateKey() = default;

PrivateKey::PrivateKey(std::shared_ptr<const Private> data)
    : d(std::move(data))
{
}

QString normalisedAddress(const QString &address)
{
    const QString trimmed = address.trimmed();
    const qsizetype at = trimmed.lastIndexOf(QLatin1Char('@'));
    if (at < 0) {
        return foldAsciiCase(trimmed);
    }
    const QString local = foldAsciiCase(trimmed.left(at).normalized(QString::NormalizationForm_C));
    return local + QLatin1Char('@') + normalisedDomain(trimmed.mid(at + 1));
}

QString normalisedDomain(const QString &domain)
{
    QString name = domain.trimmed();
    // "example.org." is the same DNS name as "example.org"; people and some clients add the dot.
    while (name.endsWith(QLatin1Char('.'))) {
        name.chop(1);
    }
    const QByteArray ace = QUrl::toAce(name, QUrl::IgnoreIDNWhitelist);
    // Folded in every case, so that "XN--BCHER-KVA" and "xn--bcher-kva" are one whatever toAce
    // does with a label that is already ASCII, and a name toAce refuses still compares.
    return foldAsciiCase(ace.isEmpty() ? name : QString::fromLatin1(ace));
}

// Qt shows Unicode only for top-level domains on its list of safe registries; a certificate's
// address is shown as the certificate says it, so the list is ignored. Look-ups compare the
// ASCII form (normalisedAddress), so a look-alike domain never matches another one.
QString displayAddress(const QString &address)
{
    QString trimmed = address.trimmed();
    const qsizetype at = trimmed.lastIndexOf(QLatin1Char('@'));
    if (at < 0) {
        return trimmed;
    }
    return trimmed.left(at + 1) + displayDomain(trimmed.mid(at + 1));
}

QString displayDomain(const QString &domain)
{
    const bool isAscii = std::all_of(domain.cbegin(), domain.cend(),
                                     [](QChar character) { return character.unicode() < 0x80; });
    if (!isAscii) {
        return domain;
    }
    const QString unicode = QUrl::fromAce(domain.toLatin1(), QUrl::IgnoreIDNWhitelist);
    return unicode.isEmpty() ? domain : unicode;
}

bool PrivateKey::isNull() const
{
    return !d || !d->key;
}

QString PrivateKey::algorithm() const
{
    return isNull() ? QString() : QString::fromLatin1(EVP_PKEY_get0_type_name(d->key.get()));
}

bool PrivateKey::matches(const Certificate &certificate) const
{
    X509 *x509 = OpenSsl::x509(certificate);
    if (isNull() || x509 == nullptr) {
        return false;
    }
    const bool same = X509_check_private_key(x509, d->key.get()) == 1;
    takeOpenSslErrors();
    return same;
}

} // namespace Postern::Crypto
