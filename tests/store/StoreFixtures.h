#pragma once

#include "PeerTools.h"

#include "core/base/Secret.h"
#include "core/store/CertificateStore.h"

#include <QByteArray>
#include <QDateTime>
#include <QMap>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>

// Helpers shared by the certificate store suites: a fresh store per test, listings of its files,
// and the answers the tests compare against, taken from the `openssl` command rather than from
// Postern's own certificate code.

namespace Postern::Test {

/** The passphrase every test store is initialised with. */
inline const QByteArray storePassphrase = QByteArrayLiteral("store test passphrase 7");

inline Secret secret(const QByteArray &bytes)
{
    return Secret(bytes);
}

/** "Io: cannot write …" for failure messages. */
QString describeStoreError(const Error<Store::StoreError> &error);

/** A store in a temporary directory of its own, removed with the fixture. */
class StoreFixture
{
public:
    /** Creates the directory and opens the store in it. */
    bool open();

    /** Drops the open store and opens the same directory again, as a restart would. */
    bool reopen();

    Store::CertificateStore *operator->() const { return m_store.get(); }

    Store::CertificateStore &store() const { return *m_store; }

    QString path() const { return m_dir.path(); }

    QString filePath(const QString &relative) const { return m_dir.filePath(relative); }

    /** Every file under the store directory, relative path to size. */
    QMap<QString, qint64> listing() const;

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Store::CertificateStore> m_store;
};

/** Runs the `openssl` command. */
ToolRun openssl(const QStringList &arguments, const QByteArray &input = {});

/** What `openssl x509` says about the first certificate in a PEM or DER file. */
struct CertificateFacts
{
    QString fingerprint;     // SHA-256, upper-case hex without colons
    QString issuer;          // RFC 2253
    QByteArray serial;       // upper-case hex
    QByteArray subjectKeyId; // upper-case hex without colons, empty when absent
    QByteArray publicKeyPem;
    QString text; // `openssl x509 -noout -text -purpose`
};

/** Empty fingerprint when openssl cannot read @p path. */
CertificateFacts certificateFacts(const QString &path);

/** The PEM blocks of @p data whose label is @p label ("CERTIFICATE"), each with its lines. */
QList<QByteArray> pemBlocks(const QByteArray &data, const QByteArray &label);

/** The public key (PEM) of the private key in @p keyPem, per `openssl pkey -pubout`. */
QByteArray publicKeyOfPrivateKey(const QByteArray &keyPem, const QByteArray &passphrase = {});

/**
 * Issues further certificates from a TestPki's CA with `openssl ca`, which, unlike
 * `openssl x509 -req`, accepts any validity window (expired, not yet valid).
 */
class CertificateFactory
{
public:
    bool create(const QString &directory, const TestPki &pki);

    QString error() const { return m_error; }

    /** Writes @p name.pem, issued for the key in @p keyPath; empty on failure. */
    QString issue(const QString &name,
                  const QString &keyPath,
                  const QString &subject,
                  const QByteArray &extensions,
                  const QDateTime &notBefore,
                  const QDateTime &notAfter);

    /** A self-signed certificate that no store trusts; empty on failure. */
    QString selfSigned(const QString &name,
                       const QString &keyPath,
                       const QString &subject,
                       const QByteArray &extensions);

    /** A new RSA-2048 or EC P-256 key (PKCS#8 PEM); empty on failure. */
    QString newKey(const QString &name, bool rsa = false);

private:
    bool run(const QStringList &arguments);

    QString m_directory;
    QString m_caCertPath;
    QString m_caKeyPath;
    QString m_error;
};

/** Extensions of an end-entity e-mail certificate for @p address with the given key usage. */
QByteArray emailExtensions(const QString &address, const QByteArray &keyUsage);

} // namespace Postern::Test
