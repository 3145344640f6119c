#include "LoopbackTls.h"

#include "core/base/Logging.h"
#include "core/crypto/KeyMaterial.h"

#include <QDir>
#include <QFile>
#include <QSaveFile>
#include <QSslCertificate>
#include <QSslKey>

namespace Postern::Service {

namespace {

bool writePrivate(const QString &path, const QByteArray &bytes, QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = file.errorString();
        return false;
    }
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    if (file.write(bytes) != bytes.size() || !file.commit()) {
        *error = file.errorString();
        return false;
    }
    return true;
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

std::optional<QSslConfiguration> loopbackTlsConfiguration(const QString &profileDirectory,
                                                          QString *error)
{
    QString ignored;
    QString &why = error != nullptr ? *error : ignored;
    const QDir profile(profileDirectory);
    if (!profile.mkpath(QStringLiteral("tls"))) {
        why = QStringLiteral("cannot create %1").arg(profile.filePath(QStringLiteral("tls")));
        return std::nullopt;
    }
    QFile::setPermissions(profile.filePath(QStringLiteral("tls")),
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    const QString certificatePath = profile.filePath(QStringLiteral("tls/loopback-cert.pem"));
    const QString keyPath = profile.filePath(QStringLiteral("tls/loopback-key.pem"));

    QSslCertificate certificate(readAll(certificatePath), QSsl::Pem);
    QSslKey key(readAll(keyPath), QSsl::Ec, QSsl::Pem);
    const bool usable = !certificate.isNull() && !key.isNull()
                        && certificate.expiryDate() > QDateTime::currentDateTimeUtc().addDays(7);
    if (!usable) {
        auto made = Crypto::generateLoopbackTlsIdentity();
        if (!made) {
            why = made.error().detail;
            return std::nullopt;
        }
        // The key first: a certificate without its key would be replaced on the next start.
        if (!writePrivate(keyPath, made->privateKeyPem, &why)
            || !writePrivate(certificatePath, made->certificatePem, &why)) {
            return std::nullopt;
        }
        certificate = QSslCertificate(made->certificatePem, QSsl::Pem);
        key = QSslKey(made->privateKeyPem, QSsl::Ec, QSsl::Pem);
        qCInfo(lcCore).noquote() << "made the loopback TLS certificate" << certificatePath
                                 << "SHA-256"
                                 << certificate.digest(QCryptographicHash::Sha256).toHex(':');
    }
    if (certificate.isNull() || key.isNull()) {
        why = QStringLiteral("the loopback TLS certificate in %1 cannot be read")
                      .arg(certificatePath);
        return std::nullopt;
    }
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setLocalCertificate(certificate);
    configuration.setPrivateKey(key);
    configuration.setPeerVerifyMode(QSslSocket::VerifyNone);
    configuration.setProtocol(QSsl::TlsV1_2OrLater);
    return configuration;
}

} // namespace Postern::Service
