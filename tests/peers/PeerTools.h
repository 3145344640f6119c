#pragma once

#include "TestSupport.h"

#include "core/crypto/Certificate.h"
#include "core/crypto/Cms.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

// Helpers shared by the peer suites: running independent programs (openssl, gpgsm, postern),
// reading and writing files, and a throw-away PKI made at run time, so the suites need no corpus.

namespace Postern::Test {

/** What a program run by a test did. */
struct ToolRun
{
    QString command;       // the program and its arguments, for messages
    bool finished = false; // exited on its own (no crash, no time-out)
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    qint64 elapsedMs = 0;

    bool succeeded() const { return finished && exitCode == 0; }

    /** One line for a failure message: the command, how it ended and its stderr. */
    QString summary() const;
};

/** Runs @p program, writes @p input to its stdin and waits at most @p timeoutMs. */
ToolRun runTool(const QString &program,
                const QStringList &arguments,
                const QByteArray &input = {},
                int timeoutMs = 120000);

/** The full path of @p program on the PATH, empty when it is not installed. */
QString findTool(const QString &program);

bool writeFile(const QString &path, const QByteArray &data);
QByteArray readFile(const QString &path);

/**
 * A public key infrastructure made with the `openssl` command in a directory the caller owns:
 * a test CA and four people, each with an e-mail protection certificate (emailProtection EKU,
 * subjectAltName e-mail) issued by it. alice and bob hold RSA-2048 keys, carol EC P-256,
 * dave EC P-384. Every person has a key file, a certificate file and an identity file (the
 * key followed by the certificate, PEM).
 */
class TestPki
{
public:
    enum class KeyType {
        Rsa2048,
        EcP256,
        EcP384,
    };

    struct Person
    {
        QString name;
        QString email;
        KeyType keyType = KeyType::Rsa2048;
        QString keyPath;
        QString certPath;
        QString identityPath;
    };

    /** Creates the CA and the people in @p directory; false with error() on any failure. */
    bool create(const QString &directory);

    QString error() const { return m_error; }

    QString caCertPath() const { return m_caCertPath; }

    /** The test CA's private key (PEM, unencrypted), for issuing further certificates. */
    QString caKeyPath() const { return m_caKeyPath; }

    const Person &person(const QString &name) const;

    /** Writes name.p12 (or name-3des.p12) protected by @p passphrase and returns its path;
     *  empty on failure. gpgsm 2.2 imports only the 3DES/SHA-1 scheme. */
    QString makePkcs12(const QString &name, const QByteArray &passphrase, bool tripleDes);

    Crypto::Certificate caCertificate() const;
    Crypto::Certificate certificate(const QString &name) const;

    /** The person's identity as Postern loads it from the identity file. */
    Crypto::Identity identity(const QString &name) const;

    /** Trust in the test CA only: no system roots. */
    Crypto::TrustSettings trust() const;

private:
    bool openssl(const QStringList &arguments);
    bool createCa();
    bool createPerson(Person &person, int serial);

    QString m_directory;
    QString m_caKeyPath;
    QString m_caCertPath;
    QList<Person> m_people;
    QString m_error;
};

} // namespace Postern::Test

// The peers are separate programs: where one is missing the suite skips and says why; in CI its
// absence is a failure.
#define POSTERN_REQUIRE_TOOL(program)                                                     \
    do {                                                                                  \
        if (Postern::Test::findTool(QStringLiteral(program)).isEmpty()) {                 \
            if (Postern::Test::runningInCi()) {                                           \
                QFAIL(program " is not installed; the peer suites need it in CI");        \
            }                                                                             \
            QSKIP(program " is not installed: install it to run the peer interop tests"); \
        }                                                                                 \
    } while (false)
