#include "SecureMessage.h"

#include "core/base/Bytes.h"
#include "core/base/Handles.h"
#include "core/base/Logging.h"
#include "core/mime/Entity.h"
#include "core/mime/GMimeRuntime.h"

#include <QJsonArray>

namespace Postern::Smime {

using namespace Postern::Mime;

namespace {

using Crypto::CmsType;
using Crypto::SignatureStatus;

bool isPkcs7MimeType(const EntityHeaders &headers)
{
    const QByteArray &type = headers.mimeType;
    if (type == "application/pkcs7-mime" || type == "application/x-pkcs7-mime") {
        return true;
    }
    // Outlook and some gateways label the envelope as a generic attachment named smime.p7m.
    const QString name = headers.fileName.toLower();
    return (type == "application/octet-stream" || type == "application/x-octet-stream")
           && (name.endsWith(QLatin1String(".p7m")) || name.endsWith(QLatin1String(".p7z")));
}

// A signature on its own (.p7s, or a pkcs7-signature part outside multipart/signed) is read as
// an opaque CMS object too; without content it is reported as such.
bool isDetachedSignatureType(const EntityHeaders &headers)
{
    const QByteArray &type = headers.mimeType;
    return type == "application/pkcs7-signature" || type == "application/x-pkcs7-signature"
           || ((type == "application/octet-stream")
               && headers.fileName.toLower().endsWith(QLatin1String(".p7s")));
}

bool isSmimeSignedMultipart(const EntityHeaders &headers)
{
    return headers.mimeType == "multipart/signed" && headers.protocol.endsWith("pkcs7-signature");
}

// A bare .p7m/.p7s: DER, PEM ("PKCS7", "CMS"), or the base64 text of either. Only the start
// of the input is examined, so a large message is not scanned for armour it cannot have.
QByteArray bareCms(const QByteArray &data)
{
    if (!data.isEmpty() && static_cast<unsigned char>(data.at(0)) == 0x30) {
        return data;
    }
    const QByteArray head = data.left(128).trimmed();
    for (const char *label : {"PKCS7", "CMS"}) {
        const QByteArray begin = QByteArray("-----BEGIN ") + label + "-----";
        if (head.startsWith(begin)) {
            const qsizetype start = data.indexOf(begin);
            const qsizetype stop = data.indexOf("-----END", start);
            return QByteArray::fromBase64(
                    data.mid(start + begin.size(), stop < 0 ? -1 : stop - start - begin.size()));
        }
    }
    static const QByteArray alphabet =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=\r\n";
    const auto isBase64 = [](char c) {
        return alphabet.contains(c);
    };
    if (head.size() < 16 || !std::all_of(head.cbegin(), head.cend(), isBase64)) {
        return {};
    }
    const QByteArray trimmed = data.trimmed();
    if (std::all_of(trimmed.cbegin(), trimmed.cend(), isBase64)) {
        QByteArray decoded = QByteArray::fromBase64(trimmed);
        if (Crypto::contentTypeOf(decoded) != CmsType::Unknown) {
            return decoded;
        }
    }
    return {};
}

class Reader
{
public:
    explicit Reader(const ReadOptions &options)
        : m_options(options)
    {
    }

    Result<ReadResult, ReadError> run(const QByteArray &message);

private:
    enum class Step {
        Continue,
        Stop,
    };

    Step openCms(QByteArray der, const QByteArray &wrapper, QByteArray &entity);
    Step
    openMultipartSigned(const EntityParts &parts, const EntityHeaders &headers, QByteArray &entity);
    void finish(ReadResult &result) const;

    const ReadOptions &m_options;
    QList<Layer> m_layers;
};

/**
 * Whether the header block at the start of @p entity holds control characters, which no header
 * has. A changed CBC ciphertext turns a whole block of what was decrypted into noise, and 16
 * random bytes nearly always include one. Bytes above 127 alone do not count: old mail has raw
 * Latin-1 in its headers, and calling that tampering would be worse than missing a change.
 */
bool hasGarbledHeader(const QByteArray &entity)
{
    QByteArray headers = splitEntity(entity).headers;
    if (headers.isEmpty()) {
        headers = entity.left(1024);
    }
    for (const char byte : std::as_const(headers)) {
        const auto value = static_cast<unsigned char>(byte);
        if ((value < 0x20 && value != '\t' && value != '\r' && value != '\n') || value == 0x7f) {
            return true;
        }
    }
    return false;
}

/** What a pkcs7-mime wrapper says its CMS is (RFC 8551 3.2.2), encrypted when it says nothing. */
LayerKind kindNamedBy(const QByteArray &wrapper)
{
    const QByteArray lower = wrapper.toLower();
    if (lower.contains("signed-data") || lower.contains("certs-only")
        || lower.contains("pkcs7-signature")) {
        return LayerKind::Signed;
    }
    if (lower.contains("compressed-data")) {
        return LayerKind::Compressed;
    }
    return LayerKind::Encrypted;
}

Reader::Step Reader::openCms(QByteArray der, const QByteArray &wrapper, QByteArray &entity)
{
    Layer layer;
    layer.wrapper = wrapper;
    layer.cmsType = Crypto::contentTypeOf(der);

    switch (layer.cmsType) {
    case CmsType::EnvelopedData:
    case CmsType::AuthEnvelopedData: {
        layer.kind = LayerKind::Encrypted;
        auto decrypted = Crypto::decrypt(std::move(der), m_options.identities);
        if (!decrypted) {
            layer.problem = decrypted.error().detail;
            layer.cryptoError = decrypted.error().code;
            break;
        }
        layer.decryption = std::move(*decrypted);
        entity = std::move(layer.decryption.content);
        layer.decryption.content.clear();
        layer.garbledContent = hasGarbledHeader(entity);
        layer.opened = true;
        break;
    }
    case CmsType::SignedData: {
        layer.kind = LayerKind::Signed;
        layer.signature = Crypto::verifyOpaque(der, m_options.trust);
        if (layer.signature.content.isEmpty()) {
            layer.problem = layer.signature.detail;
            break;
        }
        entity = std::move(layer.signature.content);
        layer.signature.content.clear();
        layer.opened = true;
        break;
    }
    case CmsType::CompressedData: {
        layer.kind = LayerKind::Compressed;
        auto content = Crypto::decompress(der);
        if (!content) {
            layer.problem = content.error().detail;
            break;
        }
        entity = std::move(*content);
        layer.opened = true;
        break;
    }
    default:
        // Unreadable, the CMS cannot say what it is; the MIME wrapper can.
        layer.kind = kindNamedBy(wrapper);
        layer.problem = der.isEmpty()
                                ? QStringLiteral("the S/MIME part is empty")
                                : QStringLiteral("the S/MIME part is not a readable CMS structure "
                                                 "(corrupt or truncated: %1)")
                                          .arg(Crypto::describe(layer.cmsType));
        layer.structureBroken = true;
        break;
    }
    const bool opened = layer.opened;
    m_layers.append(std::move(layer));
    return opened ? Step::Continue : Step::Stop;
}

Reader::Step Reader::openMultipartSigned(const EntityParts &parts,
                                         const EntityHeaders &headers,
                                         QByteArray &entity)
{
    Layer layer;
    layer.kind = LayerKind::Signed;
    layer.wrapper = "multipart/signed; protocol=\"" + headers.protocol + '"';

    const auto split = splitMultipartSigned(parts.body, headers.boundary);
    if (!split) {
        layer.problem = split.error();
        layer.structureBroken = true;
        m_layers.append(std::move(layer));
        return Step::Stop;
    }

    const EntityParts signaturePart = splitEntity(split->second);
    const QByteArray signatureDer =
            decodeBody(signaturePart.body, parseHeaders(signaturePart.headers).encoding);
    layer.cmsType = Crypto::contentTypeOf(signatureDer);
    layer.signature = Crypto::verifyDetached(signatureDer, split->first, m_options.trust);
    // The signature covers the CRLF form (RFC 8551, 3.1.1), but stored mail changes line
    // endings both ways: a copy kept with bare LF, and signers that signed LF text which was
    // later converted to CRLF. Both other forms are tried before a signature is called invalid;
    // neither can change what the text says.
    if (layer.signature.status == SignatureStatus::Invalid) {
        QByteArray lf = split->first;
        lf.replace("\r\n", "\n");
        for (const QByteArray &form : {toCrlf(split->first), lf}) {
            if (form == split->first) {
                continue;
            }
            Crypto::SignatureOutcome retry =
                    Crypto::verifyDetached(signatureDer, form, m_options.trust);
            if (retry.signatureIntact) {
                layer.signature = std::move(retry);
                break;
            }
        }
    }
    layer.opened = true;
    entity = split->first;
    m_layers.append(std::move(layer));
    return Step::Continue;
}

Result<ReadResult, ReadError> Reader::run(const QByteArray &message)
{
    if (isBlank(message)) {
        return fail(ReadError::Empty, QStringLiteral("the input is empty"));
    }

    ReadResult result;
    QByteArray entity;
    const QByteArray der = bareCms(message);
    if (!der.isEmpty()) {
        if (openCms(der, "CMS", entity) == Step::Stop) {
            result.innerEntity = entity;
            finish(result);
            return result;
        }
    } else {
        const qsizetype preamble = preambleLength(message);
        entity = preamble == 0 ? message : message.mid(preamble);
        const EntityParts top = splitEntity(entity);
        if (top.headers.isEmpty()) {
            return fail(ReadError::NotMime,
                        QStringLiteral("the input is neither a MIME message nor a CMS object"));
        }
        result.outerHeaders = top.headers;
        result.fromAddress = parseHeaders(top.headers).fromAddress;
    }

    while (true) {
        if (m_layers.size() >= maxLayers) {
            return fail(ReadError::TooDeep,
                        QStringLiteral("more than %1 nested security layers").arg(maxLayers));
        }
        const EntityParts parts = splitEntity(entity);
        const EntityHeaders headers = parseHeaders(parts.headers);
        Step step = Step::Stop;
        if (isSmimeSignedMultipart(headers)) {
            step = openMultipartSigned(parts, headers, entity);
        } else if (isPkcs7MimeType(headers) || isDetachedSignatureType(headers)) {
            const QByteArray wrapper =
                    headers.mimeType
                    + (headers.smimeType.isEmpty() ? QByteArray()
                                                   : "; smime-type=" + headers.smimeType);
            QByteArray next;
            step = openCms(decodeBody(parts.body, headers.encoding), wrapper, next);
            if (step == Step::Continue) {
                entity = std::move(next);
            }
        } else {
            break;
        }
        if (step == Step::Stop) {
            break;
        }
    }
    result.innerEntity = entity;
    finish(result);
    return result;
}

void Reader::finish(ReadResult &result) const
{
    result.layers = m_layers;
    result.complete = std::all_of(m_layers.cbegin(), m_layers.cend(),
                                  [](const Layer &layer) { return layer.opened; });

    for (Layer &layer : result.layers) {
        if (layer.kind != LayerKind::Signed) {
            continue;
        }
        for (const Crypto::Certificate &certificate :
             std::as_const(layer.signature.carriedCertificates)) {
            if (!result.collectedCertificates.contains(certificate)) {
                result.collectedCertificates.append(certificate);
            }
        }
        const bool signerIsSender =
                std::any_of(layer.signature.signers.cbegin(), layer.signature.signers.cend(),
                            [&result](const Crypto::SignerDetails &signer) {
                                return signer.certificate.hasEmailAddress(result.fromAddress);
                            });
        if (layer.signature.status == SignatureStatus::Valid && !result.fromAddress.isEmpty()
            && !signerIsSender) {
            layer.signature.status = SignatureStatus::AddressMismatch;
            layer.signature.detail =
                    QStringLiteral("the signer's certificate is not for the sender %1")
                            .arg(result.fromAddress);
        }
    }
    result.integrity = judgeIntegrity(result.layers);
}

} // namespace

Integrity judgeIntegrity(const QList<Layer> &layers)
{
    if (layers.isEmpty()) {
        return Integrity::NotProtected;
    }
    bool anyEncryption = false;
    bool allAuthenticated = true;
    bool anyIntactSignature = false;
    for (const Layer &layer : layers) {
        // A signature found under unauthenticated (CBC) encryption that no longer parses is how
        // a changed ciphertext shows: the change garbled the blocks that carried it. Calling
        // the message merely "without integrity protection" would hide a detected change.
        const bool garbledSignature =
                layer.kind == LayerKind::Signed
                && (layer.structureBroken || layer.signature.status == SignatureStatus::Malformed);
        if (garbledSignature) {
            return anyEncryption && !allAuthenticated ? Integrity::Broken : Integrity::Unknown;
        }
        if (!layer.opened) {
            return layer.decryptionDamaged() ? Integrity::Broken : Integrity::Unknown;
        }
        if (layer.kind == LayerKind::Signed && layer.signature.status == SignatureStatus::Invalid) {
            return Integrity::Broken;
        }
        if (layer.kind == LayerKind::Encrypted) {
            anyEncryption = true;
            allAuthenticated = allAuthenticated && layer.decryption.authenticated;
            // What was decrypted starts with noise where a header belongs: the ciphertext was
            // changed, and CBC let it through.
            if (!layer.decryption.authenticated && layer.garbledContent) {
                return Integrity::Broken;
            }
        }
        anyIntactSignature =
                anyIntactSignature
                || (layer.kind == LayerKind::Signed && layer.signature.signatureIntact);
    }
    if (anyIntactSignature || (anyEncryption && allAuthenticated)) {
        return Integrity::Intact;
    }
    return anyEncryption ? Integrity::Unverifiable : Integrity::Unknown;
}

bool Layer::decryptionDamaged() const
{
    return kind == LayerKind::Encrypted && cmsType == CmsType::AuthEnvelopedData
           && cryptoError == Crypto::CryptoError::Failed;
}

QString describe(Integrity integrity)
{
    switch (integrity) {
    case Integrity::NotProtected:
        return QStringLiteral("not protected");
    case Integrity::Unverifiable:
        return QStringLiteral("encrypted without integrity protection: changes to the ciphertext "
                              "cannot be detected");
    case Integrity::Intact:
        return QStringLiteral("intact");
    case Integrity::Broken:
        return QStringLiteral("broken: the message was changed after it was protected");
    case Integrity::Unknown:
        return QStringLiteral("unknown: a security layer could not be checked");
    }
    return {};
}

bool ReadResult::isEncrypted() const
{
    return std::any_of(layers.cbegin(), layers.cend(),
                       [](const Layer &layer) { return layer.kind == LayerKind::Encrypted; });
}

bool ReadResult::isSigned() const
{
    return firstSignature() != nullptr;
}

const Layer *ReadResult::firstSignature() const
{
    for (const Layer &layer : layers) {
        if (layer.kind == LayerKind::Signed) {
            return &layer;
        }
    }
    return nullptr;
}

QList<QByteArray> ReadResult::decryptedMessagePieces() const
{
    // Until a layer is opened the inner entity is still the whole message, headers included.
    const bool unwrapped = !layers.isEmpty() && layers.constFirst().opened;
    if (outerHeaders.isEmpty() || !unwrapped) {
        return {innerEntity};
    }
    return {withoutContentHeaders(outerHeaders), innerEntity};
}

QByteArray ReadResult::decryptedMessage() const
{
    QByteArray message;
    for (const QByteArray &piece : decryptedMessagePieces()) {
        message += piece;
    }
    return message;
}

Result<ReadResult, ReadError> read(const QByteArray &message, const ReadOptions &options)
{
    Mime::ensureGMime();
    Reader reader(options);
    return reader.run(message);
}

} // namespace Postern::Smime
