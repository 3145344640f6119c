#include "SecureMessage.h"

#include "core/base/Handles.h"
#include "core/mime/Entity.h"
#include "core/mime/GMimeRuntime.h"

#include <QRandomGenerator>

namespace Postern::Smime {

using namespace Postern::Mime;

namespace {

using Handles::GObjectRef;

bool isSevenBit(const QByteArray &bytes)
{
    return std::all_of(bytes.cbegin(), bytes.cend(),
                       [](char c) { return static_cast<unsigned char>(c) < 0x80 && c != 0; });
}

QByteArray base64Lines(const QByteArray &der)
{
    const QByteArray encoded = der.toBase64();
    QByteArray out;
    out.reserve(encoded.size() + encoded.size() / 38 + 2);
    for (qsizetype at = 0; at < encoded.size(); at += 76) {
        out.append(encoded.constData() + at, std::min<qsizetype>(76, encoded.size() - at));
        out.append("\r\n");
    }
    return out;
}

QByteArray randomBoundary()
{
    QByteArray random(12, Qt::Uninitialized);
    QRandomGenerator::system()->generate(random.begin(), random.end());
    return "----=_Postern_" + random.toHex();
}

// Re-encodes 8-bit and binary leaf parts as quoted-printable or base64 through GMime, so the
// entity is 7-bit clean and survives any relay unchanged (RFC 8551, 3.1.2).
void makeSevenBitSafe(GMimeObject *object)
{
    if (GMIME_IS_MULTIPART(object)) {
        GMimeMultipart *multipart = GMIME_MULTIPART(object);
        for (int index = 0; index < g_mime_multipart_get_count(multipart); ++index) {
            makeSevenBitSafe(g_mime_multipart_get_part(multipart, index));
        }
        return;
    }
    if (GMIME_IS_MESSAGE_PART(object)) {
        GMimeMessage *inner = g_mime_message_part_get_message(GMIME_MESSAGE_PART(object));
        if (inner != nullptr && g_mime_message_get_mime_part(inner) != nullptr) {
            makeSevenBitSafe(g_mime_message_get_mime_part(inner));
        }
        return;
    }
    if (GMIME_IS_PART(object)) {
        GMimePart *part = GMIME_PART(object);
        const GMimeContentEncoding encoding = g_mime_part_get_content_encoding(part);
        if (encoding != GMIME_CONTENT_ENCODING_BASE64
            && encoding != GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE) {
            const GMimeContentEncoding best =
                    g_mime_part_get_best_content_encoding(part, GMIME_ENCODING_CONSTRAINT_7BIT);
            if (best != GMIME_CONTENT_ENCODING_7BIT) {
                g_mime_part_set_content_encoding(part, best);
            }
        }
    }
}

QByteArray sevenBitEntity(const QByteArray &entity)
{
    if (isSevenBit(entity)) {
        return toCrlf(entity);
    }
    Mime::ensureGMime();
    auto stream = GObjectRef<GMimeStream>::adopt(g_mime_stream_mem_new_with_buffer(
            entity.constData(), static_cast<size_t>(entity.size())));
    auto parser = GObjectRef<GMimeParser>::adopt(g_mime_parser_new_with_stream(stream.get()));
    auto object =
            GObjectRef<GMimeObject>::adopt(g_mime_parser_construct_part(parser.get(), nullptr));
    if (!object) {
        return toCrlf(entity);
    }
    makeSevenBitSafe(object.get());
    GMimeFormatOptions *format = g_mime_format_options_clone(g_mime_format_options_get_default());
    g_mime_format_options_set_newline_format(format, GMIME_NEWLINE_FORMAT_DOS);
    const Handles::GlibString text(g_mime_object_to_string(object.get(), format));
    g_mime_format_options_free(format);
    return toCrlf(QByteArray(text.get()));
}

struct Split
{
    QByteArray outerFields; // CRLF, without Content-* and without the empty line
    QByteArray entity;      // Content-* fields, empty line, body
};

Result<Split, WriteError> splitMessage(const QByteArray &message)
{
    if (const QString why = notAMessageReason(message); !why.isEmpty()) {
        return fail(WriteError::BadInput,
                    QStringLiteral("the input cannot be protected: %1").arg(why));
    }
    const EntityParts parts = splitEntity(message);
    Split split;
    split.outerFields = toCrlf(withoutContentHeaders(parts.headers));
    if (!split.outerFields.toLower().contains("mime-version:")) {
        split.outerFields.append("MIME-Version: 1.0\r\n");
    }
    QByteArray contentFields = contentHeadersOf(parts.headers);
    if (contentFields.isEmpty()) {
        contentFields = "Content-Type: text/plain; charset=us-ascii\r\n";
    }
    split.entity = toCrlf(contentFields) + "\r\n" + parts.body.toByteArray();
    return split;
}

Result<QByteArray, WriteError> envelope(const QByteArray &entity,
                                        const QList<Crypto::Certificate> &recipients,
                                        const Crypto::EncryptOptions &options)
{
    if (recipients.isEmpty()) {
        return fail(WriteError::NoRecipients, QStringLiteral("no recipient certificates"));
    }
    auto der = Crypto::encrypt(entity, recipients, options);
    if (!der) {
        return fail(WriteError::CryptoFailed, der.error().detail);
    }
    const bool gcm = options.cipher == Crypto::ContentCipher::Aes128Gcm
                     || options.cipher == Crypto::ContentCipher::Aes256Gcm;
    return QByteArray("Content-Type: application/pkcs7-mime; smime-type=")
           + (gcm ? "authEnveloped-data" : "enveloped-data")
           + "; name=\"smime.p7m\"\r\n"
             "Content-Disposition: attachment; filename=\"smime.p7m\"\r\n"
             "Content-Transfer-Encoding: base64\r\n"
             "Content-Description: S/MIME Encrypted Message\r\n"
             "\r\n"
           + base64Lines(*der);
}

Result<QByteArray, WriteError>
signedEntity(const QByteArray &entity, const Crypto::Identity &signer, SignMode mode)
{
    const QByteArray canonical = sevenBitEntity(entity);
    auto der = Crypto::sign(canonical, signer, mode == SignMode::Detached);
    if (!der) {
        return fail(WriteError::CryptoFailed, der.error().detail);
    }
    if (mode == SignMode::Opaque) {
        return QByteArray("Content-Type: application/pkcs7-mime; smime-type=signed-data; "
                          "name=\"smime.p7m\"\r\n"
                          "Content-Disposition: attachment; filename=\"smime.p7m\"\r\n"
                          "Content-Transfer-Encoding: base64\r\n"
                          "\r\n")
               + base64Lines(*der);
    }
    const QByteArray micalg =
            signer.key.algorithm() == QLatin1String("ED25519") ? "sha-512" : "sha-256";
    const QByteArray boundary = randomBoundary();
    return "Content-Type: multipart/signed; protocol=\"application/pkcs7-signature\"; micalg="
           + micalg + ";\r\n" + " boundary=\"" + boundary + "\"\r\n"
           + "\r\n"
             "This is a cryptographically signed message in MIME format.\r\n"
             "\r\n--"
           + boundary + "\r\n" + canonical + "\r\n--" + boundary
           + "\r\n"
             "Content-Type: application/pkcs7-signature; name=\"smime.p7s\"\r\n"
             "Content-Transfer-Encoding: base64\r\n"
             "Content-Disposition: attachment; filename=\"smime.p7s\"\r\n"
             "Content-Description: S/MIME Cryptographic Signature\r\n"
             "\r\n"
           + base64Lines(*der) + "\r\n--" + boundary + "--\r\n";
}

} // namespace

Result<QByteArray, WriteError> encryptMessage(const QByteArray &message,
                                              const QList<Crypto::Certificate> &recipients,
                                              const Crypto::EncryptOptions &options)
{
    auto split = splitMessage(message);
    if (!split) {
        return tl::unexpected(split.error());
    }
    auto body = envelope(split->entity, recipients, options);
    if (!body) {
        return tl::unexpected(body.error());
    }
    return split->outerFields + *body;
}

Result<QByteArray, WriteError>
signMessage(const QByteArray &message, const Crypto::Identity &signer, SignMode mode)
{
    auto split = splitMessage(message);
    if (!split) {
        return tl::unexpected(split.error());
    }
    auto body = signedEntity(split->entity, signer, mode);
    if (!body) {
        return tl::unexpected(body.error());
    }
    return split->outerFields + *body;
}

Result<QByteArray, WriteError> signAndEncryptMessage(const QByteArray &message,
                                                     const Crypto::Identity &signer,
                                                     const QList<Crypto::Certificate> &recipients,
                                                     const Crypto::EncryptOptions &options)
{
    auto split = splitMessage(message);
    if (!split) {
        return tl::unexpected(split.error());
    }
    auto inner = signedEntity(split->entity, signer, SignMode::Detached);
    if (!inner) {
        return tl::unexpected(inner.error());
    }
    auto body = envelope(*inner, recipients, options);
    if (!body) {
        return tl::unexpected(body.error());
    }
    return split->outerFields + *body;
}

} // namespace Postern::Smime
