#include "Cms.h"

#include "core/base/Logging.h"
#include "core/crypto/OpenSslAccess.h"
#include "core/crypto/OpenSslRuntime.h"

#include <openssl/err.h>
#include <openssl/proverr.h>
#include <openssl/rsa.h>

#include <zlib.h>

namespace Postern::Crypto {

namespace {

using namespace Handles;

bool isUnsupported(unsigned long code);
QList<unsigned long> queuedErrorCodes();
QString errorText(const QList<unsigned long> &codes);

Cms parseCms(const QByteArray &der)
{
    const auto *cursor = reinterpret_cast<const unsigned char *>(der.constData());
    Cms cms(d2i_CMS_ContentInfo(nullptr, &cursor, static_cast<long>(der.size())));
    return cms;
}

QString objectName(const ASN1_OBJECT *object)
{
    if (object == nullptr) {
        return {};
    }
    const int nid = OBJ_obj2nid(object);
    if (nid != NID_undef) {
        return QString::fromLatin1(OBJ_nid2sn(nid));
    }
    char text[80] = {};
    OBJ_obj2txt(text, sizeof text, object, 1);
    return QString::fromLatin1(text);
}

// A minimal DER/BER walker, enough to read the content-encryption AlgorithmIdentifier that
// OpenSSL's CMS API does not expose. Indefinite lengths (NSS writes them) are followed.
struct Tlv
{
    unsigned char tag = 0;
    qsizetype header = 0;
    qsizetype length = -1; // -1: indefinite
    qsizetype total = 0;   // header + content (+ end-of-contents for indefinite)
};

bool readTlv(const QByteArray &der, qsizetype at, Tlv &tlv, int depth = 0);

qsizetype indefiniteContentLength(const QByteArray &der, qsizetype start, int depth)
{
    qsizetype at = start;
    while (at + 2 <= der.size()) {
        if (der.at(at) == 0 && der.at(at + 1) == 0) {
            return at - start;
        }
        Tlv child;
        if (!readTlv(der, at, child, depth + 1)) {
            return -1;
        }
        at += child.total;
    }
    return -1;
}

bool readTlv(const QByteArray &der, qsizetype at, Tlv &tlv, int depth)
{
    if (depth > 32 || at + 2 > der.size()) {
        return false;
    }
    tlv.tag = static_cast<unsigned char>(der.at(at));
    const auto first = static_cast<unsigned char>(der.at(at + 1));
    qsizetype offset = 2;
    if (first == 0x80) {
        const qsizetype content = indefiniteContentLength(der, at + 2, depth);
        if (content < 0) {
            return false;
        }
        tlv.header = 2;
        tlv.length = -1;
        tlv.total = 2 + content + 2;
        return true;
    }
    qsizetype length = first;
    if ((first & 0x80) != 0) {
        const int bytes = first & 0x7f;
        if (bytes > 4 || at + 2 + bytes > der.size()) {
            return false;
        }
        length = 0;
        for (int index = 0; index < bytes; ++index) {
            length = (length << 8) | static_cast<unsigned char>(der.at(at + 2 + index));
        }
        offset += bytes;
    }
    if (at + offset + length > der.size()) {
        return false;
    }
    tlv.header = offset;
    tlv.length = length;
    tlv.total = offset + length;
    return true;
}

// Path: ContentInfo SEQ > [0] > (Auth)EnvelopedData SEQ > skip version, [0] originatorInfo,
// recipientInfos SET > EncryptedContentInfo SEQ > skip contentType > AlgorithmIdentifier > OID.
QString contentEncryptionAlgorithm(const QByteArray &der)
{
    Tlv tlv;
    qsizetype at = 0;
    auto enter = [&](unsigned char tag) {
        if (!readTlv(der, at, tlv) || tlv.tag != tag) {
            return false;
        }
        at += tlv.header;
        return true;
    };
    auto skip = [&]() {
        if (!readTlv(der, at, tlv)) {
            return false;
        }
        at += tlv.total;
        return true;
    };
    if (!enter(0x30) || !skip() || !enter(0xA0) || !enter(0x30) || !skip()) {
        return {};
    }
    if (readTlv(der, at, tlv) && tlv.tag == 0xA0 && !skip()) {
        return {};
    }
    if (!skip() || !enter(0x30) || !skip() || !enter(0x30) || !readTlv(der, at, tlv)
        || tlv.tag != 0x06) {
        return {};
    }
    const auto *cursor = reinterpret_cast<const unsigned char *>(der.constData() + at);
    ASN1_OBJECT *object = d2i_ASN1_OBJECT(nullptr, &cursor, static_cast<long>(tlv.total));
    // Long names read the same for every cipher ("aes-128-gcm", "des-ede3-cbc"); short names
    // do not ("id-aes128-GCM").
    const int nid = OBJ_obj2nid(object);
    const QString name =
            nid != NID_undef ? QString::fromLatin1(OBJ_nid2ln(nid)) : objectName(object);
    ASN1_OBJECT_free(object);
    return name.toUpper();
}

QString keyManagementOf(CMS_RecipientInfo *info)
{
    switch (CMS_RecipientInfo_type(info)) {
    case CMS_RECIPINFO_TRANS: {
        X509_ALGOR *algorithm = nullptr;
        CMS_RecipientInfo_ktri_get0_algs(info, nullptr, nullptr, &algorithm);
        const ASN1_OBJECT *object = nullptr;
        X509_ALGOR_get0(&object, nullptr, nullptr, algorithm);
        return OBJ_obj2nid(object) == NID_rsaesOaep ? QStringLiteral("RSA-OAEP")
                                                    : QStringLiteral("RSA PKCS#1 v1.5");
    }
    case CMS_RECIPINFO_AGREE:
        return QStringLiteral("ECDH");
    case CMS_RECIPINFO_KEK:
        return QStringLiteral("KEK");
    case CMS_RECIPINFO_PASS:
        return QStringLiteral("password");
    default:
        return QStringLiteral("other");
    }
}

// The RecipientInfo that names @p certificate, by issuer and serial or subject key identifier.
CMS_RecipientInfo *recipientFor(CMS_ContentInfo *cms, X509 *certificate)
{
    STACK_OF(CMS_RecipientInfo) *infos = CMS_get0_RecipientInfos(cms);
    for (int index = 0; index < sk_CMS_RecipientInfo_num(infos); ++index) {
        CMS_RecipientInfo *info = sk_CMS_RecipientInfo_value(infos, index);
        if (CMS_RecipientInfo_type(info) == CMS_RECIPINFO_TRANS
            && CMS_RecipientInfo_ktri_cert_cmp(info, certificate) == 0) {
            return info;
        }
        if (CMS_RecipientInfo_type(info) == CMS_RECIPINFO_AGREE) {
            STACK_OF(CMS_RecipientEncryptedKey) *keys = CMS_RecipientInfo_kari_get0_reks(info);
            for (int key = 0; key < sk_CMS_RecipientEncryptedKey_num(keys); ++key) {
                if (CMS_RecipientEncryptedKey_cert_cmp(
                            sk_CMS_RecipientEncryptedKey_value(keys, key), certificate)
                    == 0) {
                    return info;
                }
            }
        }
    }
    return nullptr;
}

QString hexText(const ASN1_STRING *bytes)
{
    return QString::fromLatin1(
            QByteArray(reinterpret_cast<const char *>(ASN1_STRING_get0_data(bytes)),
                       ASN1_STRING_length(bytes))
                    .toHex()
                    .toUpper());
}

// In the forms Certificate::issuer(), serialNumber() and subjectKeyIdentifier() give, so a
// recipient can be found with `postern cert show` or by a certificate's details.
QString recipientIdentifier(const ASN1_OCTET_STRING *keyId,
                            const X509_NAME *issuer,
                            const ASN1_INTEGER *serial)
{
    if (issuer != nullptr && serial != nullptr) {
        Bio out(BIO_new(BIO_s_mem()));
        X509_NAME_print_ex(out.get(), issuer, 0, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB);
        return QStringLiteral("issuer \"%1\" serial %2")
                .arg(QString::fromUtf8(bioContents(out.get())), hexText(serial));
    }
    if (keyId != nullptr) {
        return QStringLiteral("subject key identifier %1").arg(hexText(keyId));
    }
    return QStringLiteral("an unnamed recipient");
}

// The certificates the message was encrypted to, as its RecipientInfos name them (RFC 5652,
// 6.2): what a user whose keys do not fit needs to find the key that would.
QString recipientList(CMS_ContentInfo *cms)
{
    QStringList names;
    STACK_OF(CMS_RecipientInfo) *infos = CMS_get0_RecipientInfos(cms);
    for (int index = 0; index < sk_CMS_RecipientInfo_num(infos); ++index) {
        CMS_RecipientInfo *info = sk_CMS_RecipientInfo_value(infos, index);
        ASN1_OCTET_STRING *keyId = nullptr;
        X509_NAME *issuer = nullptr;
        ASN1_INTEGER *serial = nullptr;
        switch (CMS_RecipientInfo_type(info)) {
        case CMS_RECIPINFO_TRANS:
            if (CMS_RecipientInfo_ktri_get0_signer_id(info, &keyId, &issuer, &serial) == 1) {
                names.append(recipientIdentifier(keyId, issuer, serial));
            }
            break;
        case CMS_RECIPINFO_AGREE: {
            STACK_OF(CMS_RecipientEncryptedKey) *keys = CMS_RecipientInfo_kari_get0_reks(info);
            for (int key = 0; key < sk_CMS_RecipientEncryptedKey_num(keys); ++key) {
                if (CMS_RecipientEncryptedKey_get0_id(sk_CMS_RecipientEncryptedKey_value(keys, key),
                                                      &keyId, nullptr, nullptr, &issuer, &serial)
                    == 1) {
                    names.append(recipientIdentifier(keyId, issuer, serial));
                }
            }
            break;
        }
        default:
            names.append(QStringLiteral("a %1 recipient").arg(keyManagementOf(info)));
            break;
        }
    }
    // A list message can have hundreds of recipients; the line stays readable.
    constexpr qsizetype shown = 8;
    if (names.size() > shown) {
        const qsizetype more = names.size() - shown;
        names.resize(shown);
        names.append(QStringLiteral("%1 more").arg(more));
    }
    return names.isEmpty() ? QStringLiteral("no recipient at all")
                           : names.join(QStringLiteral("; "));
}

/** A write-only BIO appending to a QByteArray, so large plaintexts are not copied again. */
class ByteArraySink
{
public:
    ByteArraySink()
    {
        static BIO_METHOD *method = [] {
            BIO_METHOD *m =
                    BIO_meth_new(BIO_get_new_index() | BIO_TYPE_SOURCE_SINK, "postern-bytearray");
            BIO_meth_set_write_ex(m,
                                  [](BIO *bio, const char *data, size_t length, size_t *written) {
                                      static_cast<QByteArray *>(BIO_get_data(bio))
                                              ->append(data, static_cast<qsizetype>(length));
                                      *written = length;
                                      return 1;
                                  });
            BIO_meth_set_ctrl(m, [](BIO *, int command, long, void *) -> long {
                return command == BIO_CTRL_FLUSH ? 1 : 0;
            });
            BIO_meth_set_create(m, [](BIO *bio) {
                BIO_set_init(bio, 1);
                return 1;
            });
            return m;
        }();
        m_bio.reset(BIO_new(method));
        BIO_set_data(m_bio.get(), &m_bytes);
    }

    BIO *bio() const { return m_bio.get(); }

    void reserve(qsizetype bytes) { m_bytes.reserve(bytes); }

    QByteArray take() { return std::move(m_bytes); }

private:
    QByteArray m_bytes;
    Bio m_bio;
};

QByteArray toDer(CMS_ContentInfo *cms)
{
    ByteArraySink sink;
    if (i2d_CMS_bio(sink.bio(), cms) != 1) {
        return {};
    }
    return sink.take();
}

} // namespace

CmsType contentTypeOf(const QByteArray &der)
{
    ensureOpenSsl();
    Cms cms = parseCms(der);
    ERR_clear_error();
    if (!cms) {
        return CmsType::Unknown;
    }
    switch (OBJ_obj2nid(CMS_get0_type(cms.get()))) {
    case NID_pkcs7_data:
        return CmsType::Data;
    case NID_pkcs7_signed:
        return CmsType::SignedData;
    case NID_pkcs7_enveloped:
        return CmsType::EnvelopedData;
    case NID_id_smime_ct_authEnvelopedData:
        return CmsType::AuthEnvelopedData;
    case NID_id_smime_ct_compressedData:
        return CmsType::CompressedData;
    case NID_pkcs7_digest:
        return CmsType::DigestedData;
    case NID_pkcs7_encrypted:
        return CmsType::EncryptedData;
    default:
        return CmsType::Unknown;
    }
}

QString describe(CmsType type)
{
    switch (type) {
    case CmsType::Data:
        return QStringLiteral("data");
    case CmsType::SignedData:
        return QStringLiteral("signed-data");
    case CmsType::EnvelopedData:
        return QStringLiteral("enveloped-data");
    case CmsType::AuthEnvelopedData:
        return QStringLiteral("authEnveloped-data");
    case CmsType::CompressedData:
        return QStringLiteral("compressed-data");
    case CmsType::DigestedData:
        return QStringLiteral("digested-data");
    case CmsType::EncryptedData:
        return QStringLiteral("encrypted-data");
    case CmsType::Unknown:
        break;
    }
    return QStringLiteral("not CMS");
}

CryptoResult<DecryptOutcome> decrypt(QByteArray der, const QList<Identity> &identities)
{
    ensureOpenSsl();
    Cms cms = parseCms(der);
    if (!cms) {
        return fail(CryptoError::BadData,
                    QStringLiteral("corrupt CMS structure: %1").arg(takeOpenSslErrors()));
    }
    const int type = OBJ_obj2nid(CMS_get0_type(cms.get()));
    if (type != NID_pkcs7_enveloped && type != NID_id_smime_ct_authEnvelopedData) {
        return fail(CryptoError::BadData, QStringLiteral("not an encrypted CMS object"));
    }

    DecryptOutcome outcome;
    outcome.contentCipher = contentEncryptionAlgorithm(der);
    outcome.authenticated = type == NID_id_smime_ct_authEnvelopedData;
    der = QByteArray();

    // Postern runs on the user's own machine, where a precise reason helps and no remote party
    // can use it as an oracle, so OpenSSL's decryption-error hiding is switched off.
    CMS_decrypt(cms.get(), nullptr, nullptr, nullptr, nullptr, CMS_DEBUG_DECRYPT);

    const Identity *used = nullptr;
    CMS_RecipientInfo *usedInfo = nullptr;
    QString keyProblem;
    for (const Identity &identity : identities) {
        X509 *certificate = OpenSsl::x509(identity.certificate);
        CMS_RecipientInfo *info =
                certificate != nullptr ? recipientFor(cms.get(), certificate) : nullptr;
        if (info == nullptr) {
            continue;
        }
        ERR_clear_error();
        if (CMS_decrypt_set1_pkey_and_peer(cms.get(), OpenSsl::pkey(identity.key), certificate,
                                           nullptr)
            == 1) {
            used = &identity;
            usedInfo = info;
            break;
        }
        keyProblem = takeOpenSslErrors();
    }
    // Keys whose certificate does not name them the way the message does (an SKI the certificate
    // lacks, or a bare key without certificate) are tried against every recipient.
    for (int index = 0; used == nullptr && index < identities.size(); ++index) {
        ERR_clear_error();
        if (CMS_decrypt_set1_pkey_and_peer(cms.get(), OpenSsl::pkey(identities.at(index).key),
                                           nullptr, nullptr)
            == 1) {
            used = &identities.at(index);
        }
    }
    ERR_clear_error();
    if (used == nullptr) {
        const QString detail =
                keyProblem.isEmpty()
                        ? QStringLiteral("none of your private keys is a recipient of this "
                                         "message; it is encrypted to %1")
                                  .arg(recipientList(cms.get()))
                        : QStringLiteral("the matching key could not decrypt the message key: %1")
                                  .arg(keyProblem);
        return fail(CryptoError::NoMatchingKey, detail);
    }

    STACK_OF(CMS_RecipientInfo) *infos = CMS_get0_RecipientInfos(cms.get());
    if (usedInfo == nullptr && sk_CMS_RecipientInfo_num(infos) > 0) {
        usedInfo = sk_CMS_RecipientInfo_value(infos, 0);
    }
    outcome.keyManagement = usedInfo != nullptr ? keyManagementOf(usedInfo) : QString();
    outcome.recipient = used->certificate;

    ByteArraySink sink;
    ASN1_OCTET_STRING **encrypted = CMS_get0_content(cms.get());
    if (encrypted != nullptr && *encrypted != nullptr) {
        sink.reserve(ASN1_STRING_length(*encrypted));
    }
    if (CMS_decrypt(cms.get(), nullptr, nullptr, nullptr, sink.bio(),
                    CMS_BINARY | CMS_DEBUG_DECRYPT)
        != 1) {
        const QList<unsigned long> codes = queuedErrorCodes();
        const QString detail = errorText(codes);
        if (std::any_of(codes.cbegin(), codes.cend(), isUnsupported)) {
            return fail(CryptoError::Unsupported,
                        QStringLiteral("the content cipher %1 is not supported (%2)")
                                .arg(outcome.contentCipher, detail));
        }
        if (outcome.authenticated) {
            return fail(CryptoError::Failed,
                        QStringLiteral("authenticated decryption failed: the ciphertext was "
                                       "changed or is damaged (%1)")
                                .arg(detail));
        }
        return fail(CryptoError::Failed, QStringLiteral("decryption failed: %1").arg(detail));
    }
    outcome.content = sink.take();
    return outcome;
}

namespace {

QDateTime signingTimeOf(CMS_SignerInfo *signer)
{
    const int index = CMS_signed_get_attr_by_NID(signer, NID_pkcs9_signingTime, -1);
    if (index < 0) {
        return {};
    }
    X509_ATTRIBUTE *attribute = CMS_signed_get_attr(signer, index);
    const ASN1_TYPE *value = X509_ATTRIBUTE_get0_type(attribute, 0);
    if (value == nullptr
        || (value->type != V_ASN1_UTCTIME && value->type != V_ASN1_GENERALIZEDTIME)) {
        return {};
    }
    struct tm parts = {};
    if (ASN1_TIME_to_tm(reinterpret_cast<const ASN1_TIME *>(value->value.asn1_string), &parts)
        != 1) {
        return {};
    }
    return QDateTime(QDate(parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday),
                     QTime(parts.tm_hour, parts.tm_min, parts.tm_sec), Qt::UTC);
}

QString signatureAlgorithmName(const X509_ALGOR *algorithm)
{
    const ASN1_OBJECT *object = nullptr;
    X509_ALGOR_get0(&object, nullptr, nullptr, algorithm);
    switch (OBJ_obj2nid(object)) {
    case NID_rsaEncryption:
    case NID_sha1WithRSAEncryption:
    case NID_sha256WithRSAEncryption:
    case NID_sha384WithRSAEncryption:
    case NID_sha512WithRSAEncryption:
        return QStringLiteral("RSA");
    case NID_rsassaPss:
        return QStringLiteral("RSA-PSS");
    case NID_ED25519:
        return QStringLiteral("Ed25519");
    case NID_ED448:
        return QStringLiteral("Ed448");
    default:
        return objectName(object);
    }
}

X509Store trustStore(const TrustSettings &trust)
{
    X509Store store(X509_STORE_new());
    if (trust.useSystemRoots) {
        X509_STORE_set_default_paths(store.get());
    }
    for (const Certificate &root : trust.trustedRoots) {
        X509_STORE_add_cert(store.get(), OpenSsl::x509(root));
    }
    ERR_clear_error();
    return store;
}

struct ChainCheck
{
    int error = X509_V_OK;
    QList<Certificate> chain;
};

ChainCheck checkChain(X509 *signer,
                      X509_STORE *store,
                      STACK_OF(X509) * untrusted,
                      const QDateTime &at,
                      int purpose = X509_PURPOSE_SMIME_SIGN)
{
    ChainCheck check;
    X509StoreCtx context(X509_STORE_CTX_new());
    if (X509_STORE_CTX_init(context.get(), store, signer, untrusted) != 1) {
        check.error = X509_V_ERR_UNSPECIFIED;
        return check;
    }
    if (purpose != 0) {
        X509_STORE_CTX_set_purpose(context.get(), purpose);
    }
    if (at.isValid()) {
        X509_STORE_CTX_set_time(context.get(), 0, static_cast<time_t>(at.toSecsSinceEpoch()));
    }
    const bool ok = X509_verify_cert(context.get()) == 1;
    check.error = ok ? X509_V_OK : X509_STORE_CTX_get_error(context.get());
    X509Stack chain(X509_STORE_CTX_get1_chain(context.get()));
    check.chain = OpenSsl::listOf(chain.get());
    ERR_clear_error();
    return check;
}

SignatureStatus statusForChainError(int error)
{
    switch (error) {
    case X509_V_OK:
        return SignatureStatus::Valid;
    case X509_V_ERR_CERT_HAS_EXPIRED:
        return SignatureStatus::Expired;
    case X509_V_ERR_CERT_NOT_YET_VALID:
        return SignatureStatus::NotYetValid;
    case X509_V_ERR_INVALID_PURPOSE:
    case X509_V_ERR_KEYUSAGE_NO_DIGITAL_SIGNATURE:
        return SignatureStatus::WrongUsage;
    default:
        return SignatureStatus::UntrustedChain;
    }
}

// Judges one signer's certificate: trusted now, or trusted at the signing time it states
// (which the signer controls, so such a signature is reported as expired, not as valid).
void judgeSigner(SignerDetails &details,
                 X509_STORE *store,
                 STACK_OF(X509) * untrusted,
                 const TrustSettings &trust,
                 SignatureOutcome &outcome)
{
    X509 *signer = OpenSsl::x509(details.certificate);
    ChainCheck now = checkChain(signer, store, untrusted, trust.verificationTime);
    SignatureStatus status = statusForChainError(now.error);
    QString detail = QString::fromLatin1(X509_verify_cert_error_string(now.error));
    if ((status == SignatureStatus::Expired || status == SignatureStatus::NotYetValid)
        && details.signingTime.isValid()) {
        const ChainCheck then = checkChain(signer, store, untrusted, details.signingTime);
        if (then.error == X509_V_OK) {
            detail = QStringLiteral(
                             "certificate expired since signing; valid at the signing time %1")
                             .arg(details.signingTime.toString(Qt::ISODate));
            now.chain = then.chain;
        } else {
            status = statusForChainError(then.error);
            detail = QString::fromLatin1(X509_verify_cert_error_string(then.error));
        }
    }
    if (outcome.chain.isEmpty()) {
        outcome.chain = now.chain;
    }
    if (outcome.status == SignatureStatus::Valid && status != SignatureStatus::Valid) {
        outcome.status = status;
        outcome.detail = detail;
    }
}

// Whether an OpenSSL error means "this build cannot process that algorithm" rather than "the
// data is wrong": such a message could not be checked, which is not the same as tampered.
bool isUnsupported(unsigned long code)
{
    const int library = ERR_GET_LIB(code);
    const int reason = ERR_GET_REASON(code);
    if (reason == ERR_R_UNSUPPORTED || reason == ERR_R_FETCH_FAILED) {
        return true;
    }
    switch (library) {
    case ERR_LIB_EVP:
        return reason == EVP_R_UNSUPPORTED_ALGORITHM || reason == EVP_R_INVALID_DIGEST
               || reason == EVP_R_UNSUPPORTED_PRIVATE_KEY_ALGORITHM
               || reason == EVP_R_UNSUPPORTED_CIPHER
               || reason == EVP_R_OPERATION_NOT_SUPPORTED_FOR_THIS_KEYTYPE;
    case ERR_LIB_PROV:
        return reason == PROV_R_INVALID_DIGEST;
    case ERR_LIB_CMS:
        return reason == CMS_R_UNKNOWN_DIGEST_ALGORITHM || reason == CMS_R_UNSUPPORTED_CONTENT_TYPE
               || reason == CMS_R_UNKNOWN_CIPHER || reason == CMS_R_UNSUPPORTED_KEK_ALGORITHM
               || reason == CMS_R_NOT_SUPPORTED_FOR_THIS_KEY_TYPE
               || reason == CMS_R_UNSUPPORTED_RECIPIENT_TYPE;
    default:
        return false;
    }
}

// The verdict for a failed CMS_verify, from every error OpenSSL queued: an unsupported
// algorithm anywhere means the signature could not be checked, not that it is wrong.
SignatureStatus statusForVerifyFailure(const QList<unsigned long> &codes)
{
    if (std::any_of(codes.cbegin(), codes.cend(), isUnsupported)) {
        return SignatureStatus::UnsupportedAlgorithm;
    }
    for (const unsigned long code : codes) {
        const int reason = ERR_GET_REASON(code);
        if (ERR_GET_LIB(code) == ERR_LIB_CMS
            && (reason == CMS_R_CONTENT_VERIFY_ERROR || reason == CMS_R_VERIFICATION_FAILURE
                || reason == CMS_R_MESSAGEDIGEST_WRONG_LENGTH)) {
            return SignatureStatus::Invalid;
        }
    }
    return SignatureStatus::Malformed;
}

QString errorText(const QList<unsigned long> &codes)
{
    QString text;
    for (const unsigned long code : codes) {
        char buffer[256] = {};
        ERR_error_string_n(code, buffer, sizeof buffer);
        text += (text.isEmpty() ? QString() : QStringLiteral("; ")) + QString::fromLatin1(buffer);
    }
    return text;
}

QList<unsigned long> queuedErrorCodes()
{
    QList<unsigned long> codes;
    unsigned long code = 0;
    int index = 0;
    while ((code = ERR_peek_error_all(nullptr, nullptr, nullptr, nullptr, nullptr)) != 0
           && index < 64) {
        codes.append(code);
        ERR_get_error();
        ++index;
    }
    return codes;
}

SignatureOutcome
verifyParsed(CMS_ContentInfo *cms, BIO *detachedContent, const TrustSettings &trust)
{
    SignatureOutcome outcome;
    X509Stack carried(CMS_get1_certs(cms));
    outcome.carriedCertificates = OpenSsl::listOf(carried.get());
    X509Stack extra = OpenSsl::stackOf(trust.extraCertificates);

    ERR_clear_error();
    const unsigned flags = CMS_BINARY | CMS_NO_SIGNER_CERT_VERIFY;
    const bool intact = CMS_verify(cms, extra.get(), nullptr, detachedContent, nullptr, flags) == 1;
    QList<unsigned long> codes;
    QString errors;
    codes = queuedErrorCodes();
    for (const unsigned long code : std::as_const(codes)) {
        char buffer[256] = {};
        ERR_error_string_n(code, buffer, sizeof buffer);
        errors +=
                (errors.isEmpty() ? QString() : QStringLiteral("; ")) + QString::fromLatin1(buffer);
    }

    STACK_OF(CMS_SignerInfo) *signerInfos = CMS_get0_SignerInfos(cms);
    for (int index = 0; index < sk_CMS_SignerInfo_num(signerInfos); ++index) {
        CMS_SignerInfo *signer = sk_CMS_SignerInfo_value(signerInfos, index);
        X509 *certificate = nullptr;
        X509_ALGOR *digest = nullptr;
        X509_ALGOR *signature = nullptr;
        CMS_SignerInfo_get0_algs(signer, nullptr, &certificate, &digest, &signature);
        SignerDetails details;
        if (certificate == nullptr) {
            // Not set by CMS_verify when it stopped early: look the signer up ourselves.
            for (const Certificate &candidate :
                 outcome.carriedCertificates + trust.extraCertificates) {
                if (CMS_SignerInfo_cert_cmp(signer, OpenSsl::x509(candidate)) == 0) {
                    certificate = OpenSsl::x509(candidate);
                    break;
                }
            }
        }
        details.certificate = OpenSsl::share(certificate);
        details.signingTime = signingTimeOf(signer);
        const ASN1_OBJECT *digestObject = nullptr;
        X509_ALGOR_get0(&digestObject, nullptr, nullptr, digest);
        details.digestAlgorithm = objectName(digestObject).toUpper();
        details.signatureAlgorithm = signatureAlgorithmName(signature);
        outcome.signers.append(details);
    }

    if (!intact) {
        outcome.status = outcome.signers.isEmpty() ? SignatureStatus::Malformed
                                                   : statusForVerifyFailure(codes);
        outcome.detail =
                outcome.signers.isEmpty() ? QStringLiteral("no signer in the signature") : errors;
        return outcome;
    }

    outcome.signatureIntact = true;
    outcome.status = SignatureStatus::Valid;
    X509Store store = trustStore(trust);
    X509Stack untrusted = OpenSsl::stackOf(outcome.carriedCertificates + trust.extraCertificates);
    for (SignerDetails &details : outcome.signers) {
        if (details.certificate.isNull()) {
            outcome.status = SignatureStatus::UntrustedChain;
            outcome.detail = QStringLiteral("the signer's certificate is not available");
            continue;
        }
        judgeSigner(details, store.get(), untrusted.get(), trust, outcome);
    }
    if (outcome.status == SignatureStatus::Valid) {
        outcome.detail = QStringLiteral("signature intact, signer trusted");
    }
    return outcome;
}

} // namespace

QString describe(SignatureStatus status)
{
    switch (status) {
    case SignatureStatus::Valid:
        return QStringLiteral("valid");
    case SignatureStatus::Invalid:
        return QStringLiteral("invalid");
    case SignatureStatus::UntrustedChain:
        return QStringLiteral("untrusted");
    case SignatureStatus::Expired:
        return QStringLiteral("expired");
    case SignatureStatus::NotYetValid:
        return QStringLiteral("not-yet-valid");
    case SignatureStatus::WrongUsage:
        return QStringLiteral("wrong-usage");
    case SignatureStatus::AddressMismatch:
        return QStringLiteral("address-mismatch");
    case SignatureStatus::UnsupportedAlgorithm:
        return QStringLiteral("unsupported-algorithm");
    case SignatureStatus::Malformed:
        return QStringLiteral("malformed");
    }
    return QStringLiteral("unknown");
}

SignatureStatus
checkCertificate(const Certificate &certificate, const TrustSettings &trust, bool forEncryption)
{
    ensureOpenSsl();
    if (certificate.isNull()) {
        return SignatureStatus::Malformed;
    }
    X509Store store = trustStore(trust);
    X509Stack untrusted = OpenSsl::stackOf(trust.extraCertificates);
    // OpenSSL's S/MIME encryption purpose demands keyEncipherment, which EC certificates do not
    // carry (RFC 5753 gives them keyAgreement): for those the chain is checked without a
    // purpose and the certificate's own usage decides.
    int purpose = X509_PURPOSE_SMIME_SIGN;
    if (forEncryption) {
        purpose =
                certificate.keyAlgorithm() == QLatin1String("RSA") ? X509_PURPOSE_SMIME_ENCRYPT : 0;
        if (!certificate.allowsEncryption()) {
            return SignatureStatus::WrongUsage;
        }
    }
    const ChainCheck check = checkChain(OpenSsl::x509(certificate), store.get(), untrusted.get(),
                                        trust.verificationTime, purpose);
    return statusForChainError(check.error);
}

SignatureOutcome verifyDetached(const QByteArray &signatureDer,
                                const QByteArray &signedBytes,
                                const TrustSettings &trust)
{
    ensureOpenSsl();
    Cms cms = parseCms(signatureDer);
    if (!cms || OBJ_obj2nid(CMS_get0_type(cms.get())) != NID_pkcs7_signed) {
        SignatureOutcome outcome;
        outcome.detail = QStringLiteral("the signature is not a CMS signed-data structure: %1")
                                 .arg(takeOpenSslErrors());
        return outcome;
    }
    // OpenSSL 3.0's CMS_verify copies a memory BIO into a second one that its error paths do
    // not free; behind a null filter the content is read as a stream and nothing leaks.
    Bio content(BIO_new(BIO_f_null()));
    BIO_push(content.get(), readOnlyBio(signedBytes).release());
    return verifyParsed(cms.get(), content.get(), trust);
}

SignatureOutcome verifyOpaque(const QByteArray &der, const TrustSettings &trust)
{
    ensureOpenSsl();
    Cms cms = parseCms(der);
    if (!cms || OBJ_obj2nid(CMS_get0_type(cms.get())) != NID_pkcs7_signed) {
        SignatureOutcome outcome;
        outcome.detail =
                QStringLiteral("not a CMS signed-data structure: %1").arg(takeOpenSslErrors());
        return outcome;
    }
    ASN1_OCTET_STRING **content = CMS_get0_content(cms.get());
    if (content == nullptr || *content == nullptr) {
        SignatureOutcome outcome = verifyParsed(cms.get(), nullptr, trust);
        outcome.status = SignatureStatus::Malformed;
        outcome.detail = QStringLiteral("signed-data without the signed content");
        outcome.signatureIntact = false;
        return outcome;
    }
    SignatureOutcome outcome = verifyParsed(cms.get(), nullptr, trust);
    outcome.content = QByteArray(reinterpret_cast<const char *>(ASN1_STRING_get0_data(*content)),
                                 ASN1_STRING_length(*content));
    return outcome;
}

CryptoResult<QByteArray> decompress(const QByteArray &der)
{
    ensureOpenSsl();
    Cms cms = parseCms(der);
    if (!cms || OBJ_obj2nid(CMS_get0_type(cms.get())) != NID_id_smime_ct_compressedData) {
        return fail(CryptoError::BadData, QStringLiteral("not a CMS compressed-data structure"));
    }
    ASN1_OCTET_STRING **content = CMS_get0_content(cms.get());
    if (content == nullptr || *content == nullptr) {
        return fail(CryptoError::BadData, QStringLiteral("compressed-data without content"));
    }

    // RFC 3274 names only zlib. OpenSSL is built without it here, so zlib is called directly,
    // with an output cap against decompression bombs.
    constexpr qsizetype limit = qsizetype{1} << 30;
    z_stream stream = {};
    if (inflateInit(&stream) != Z_OK) {
        return fail(CryptoError::Failed, QStringLiteral("zlib initialisation failed"));
    }
    stream.next_in = const_cast<Bytef *>(ASN1_STRING_get0_data(*content));
    stream.avail_in = static_cast<uInt>(ASN1_STRING_length(*content));
    QByteArray out;
    int result = Z_OK;
    while (result == Z_OK) {
        const qsizetype before = out.size();
        out.resize(before + qsizetype{64} * 1024);
        stream.next_out = reinterpret_cast<Bytef *>(out.data() + before);
        stream.avail_out = 64 * 1024;
        result = inflate(&stream, Z_NO_FLUSH);
        out.resize(out.size() - stream.avail_out);
        if (out.size() > limit) {
            result = Z_MEM_ERROR;
        }
    }
    inflateEnd(&stream);
    if (result != Z_STREAM_END) {
        return fail(CryptoError::BadData,
                    QStringLiteral("the compressed content is damaged or too large"));
    }
    return out;
}

namespace {

const EVP_CIPHER *cipherFor(ContentCipher cipher)
{
    switch (cipher) {
    case ContentCipher::Aes128Cbc:
        return EVP_aes_128_cbc();
    case ContentCipher::Aes192Cbc:
        return EVP_aes_192_cbc();
    case ContentCipher::Aes256Cbc:
        return EVP_aes_256_cbc();
    case ContentCipher::Aes128Gcm:
        return EVP_aes_128_gcm();
    case ContentCipher::Aes256Gcm:
        return EVP_aes_256_gcm();
    }
    return EVP_aes_256_cbc();
}

bool useOaep(CMS_RecipientInfo *info)
{
    EVP_PKEY_CTX *context = CMS_RecipientInfo_get0_pkey_ctx(info);
    return context != nullptr && EVP_PKEY_CTX_set_rsa_padding(context, RSA_PKCS1_OAEP_PADDING) > 0
           && EVP_PKEY_CTX_set_rsa_oaep_md(context, EVP_sha256()) > 0
           && EVP_PKEY_CTX_set_rsa_mgf1_md(context, EVP_sha256()) > 0;
}

} // namespace

CryptoResult<QByteArray> encrypt(const QByteArray &content,
                                 const QList<Certificate> &recipients,
                                 const EncryptOptions &options)
{
    ensureOpenSsl();
    if (recipients.isEmpty()) {
        return fail(CryptoError::Failed, QStringLiteral("no recipient certificates"));
    }
    const unsigned flags = CMS_BINARY | CMS_PARTIAL;
    Cms cms(CMS_encrypt(nullptr, nullptr, cipherFor(options.cipher), flags));
    if (!cms) {
        return fail(CryptoError::Failed,
                    QStringLiteral("cannot create the envelope: %1").arg(takeOpenSslErrors()));
    }
    for (const Certificate &recipient : recipients) {
        const bool oaep = options.rsaOaep && recipient.keyAlgorithm() == QLatin1String("RSA");
        CMS_RecipientInfo *info = CMS_add1_recipient_cert(cms.get(), OpenSsl::x509(recipient),
                                                          oaep ? CMS_KEY_PARAM : 0);
        if (info == nullptr || (oaep && !useOaep(info))) {
            return fail(CryptoError::Failed,
                        QStringLiteral("cannot encrypt to %1: %2")
                                .arg(recipient.subject(), takeOpenSslErrors()));
        }
    }
    Bio in = readOnlyBio(content);
    if (CMS_final(cms.get(), in.get(), nullptr, flags) != 1) {
        return fail(CryptoError::Failed,
                    QStringLiteral("encryption failed: %1").arg(takeOpenSslErrors()));
    }
    return toDer(cms.get());
}

CryptoResult<QByteArray> sign(const QByteArray &content, const Identity &signer, bool detached)
{
    ensureOpenSsl();
    if (signer.certificate.isNull() || signer.key.isNull()) {
        return fail(CryptoError::NoKey,
                    QStringLiteral("signing needs a certificate and its private key"));
    }
    X509Stack chain = OpenSsl::stackOf(signer.chain);
    Bio in = readOnlyBio(content);
    const unsigned flags = CMS_BINARY | (detached ? CMS_DETACHED : 0U);
    Cms cms(CMS_sign(OpenSsl::x509(signer.certificate), OpenSsl::pkey(signer.key), chain.get(),
                     in.get(), flags));
    if (!cms) {
        return fail(CryptoError::Failed,
                    QStringLiteral("signing failed: %1").arg(takeOpenSslErrors()));
    }
    return toDer(cms.get());
}

} // namespace Postern::Crypto
