#include "SecureMessage.h"

#include <QJsonArray>

namespace Postern::Smime {

namespace {

QString kindName(LayerKind kind)
{
    switch (kind) {
    case LayerKind::Encrypted:
        return QStringLiteral("encrypted");
    case LayerKind::Signed:
        return QStringLiteral("signed");
    case LayerKind::Compressed:
        return QStringLiteral("compressed");
    }
    return {};
}

QJsonObject certificateJson(const Crypto::Certificate &certificate)
{
    QJsonObject object;
    if (certificate.isNull()) {
        return object;
    }
    object.insert(QLatin1String("subject"), certificate.subject());
    object.insert(QLatin1String("issuer"), certificate.issuer());
    object.insert(QLatin1String("emails"),
                  QJsonArray::fromStringList(certificate.emailAddresses()));
    object.insert(QLatin1String("serial"), QString::fromLatin1(certificate.serialNumber()));
    object.insert(QLatin1String("sha256"), QString::fromLatin1(certificate.sha256Fingerprint()));
    object.insert(QLatin1String("notAfter"), certificate.notAfter().toString(Qt::ISODate));
    return object;
}

QJsonObject signatureJson(const Crypto::SignatureOutcome &signature)
{
    QJsonObject object;
    object.insert(QLatin1String("status"), Crypto::describe(signature.status));
    object.insert(QLatin1String("intact"), signature.signatureIntact);
    object.insert(QLatin1String("detail"), signature.detail);
    QJsonArray signers;
    for (const Crypto::SignerDetails &signer : signature.signers) {
        QJsonObject entry = certificateJson(signer.certificate);
        entry.insert(QLatin1String("signingTime"), signer.signingTime.toString(Qt::ISODate));
        entry.insert(QLatin1String("digest"), signer.digestAlgorithm);
        entry.insert(QLatin1String("algorithm"), signer.signatureAlgorithm);
        signers.append(entry);
    }
    object.insert(QLatin1String("signers"), signers);
    QJsonArray chain;
    for (const Crypto::Certificate &certificate : signature.chain) {
        chain.append(certificate.subject());
    }
    object.insert(QLatin1String("chain"), chain);
    return object;
}

} // namespace

QJsonObject toJson(const ReadResult &result)
{
    QJsonArray layers;
    for (const Layer &layer : result.layers) {
        QJsonObject object;
        object.insert(QLatin1String("kind"), kindName(layer.kind));
        object.insert(QLatin1String("wrapper"), QString::fromLatin1(layer.wrapper));
        object.insert(QLatin1String("cmsType"), Crypto::describe(layer.cmsType));
        object.insert(QLatin1String("opened"), layer.opened);
        if (!layer.problem.isEmpty()) {
            object.insert(QLatin1String("problem"), layer.problem);
        }
        if (layer.kind == LayerKind::Encrypted && layer.opened) {
            object.insert(QLatin1String("cipher"), layer.decryption.contentCipher);
            object.insert(QLatin1String("keyManagement"), layer.decryption.keyManagement);
            object.insert(QLatin1String("authenticated"), layer.decryption.authenticated);
            object.insert(QLatin1String("recipient"), certificateJson(layer.decryption.recipient));
        }
        if (layer.kind == LayerKind::Signed) {
            object.insert(QLatin1String("signature"), signatureJson(layer.signature));
        }
        layers.append(object);
    }
    QJsonObject object;
    object.insert(QLatin1String("layers"), layers);
    object.insert(QLatin1String("complete"), result.complete);
    object.insert(QLatin1String("integrity"), describe(result.integrity));
    object.insert(QLatin1String("certificatesCarried"),
                  static_cast<int>(result.collectedCertificates.size()));
    return object;
}

} // namespace Postern::Smime
