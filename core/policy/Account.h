#pragma once

#include "core/policy/Policy.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace Postern::Policy {

/** How Postern talks to an upstream server. Plain text is allowed only to a loopback host. */
enum class Security {
    Tls,      // implicit TLS (IMAPS 993, SMTPS 465)
    StartTls, // plain connection upgraded with STARTTLS, never continued without it
    None,
};

QString toString(Security security);

struct Server
{
    QString host;
    quint16 port = 0;
    Security security = Security::Tls;
    QString user; // the login name, when it is not one of the account's addresses
    QJsonObject extra;

    QString display() const;
};

bool isLoopbackHost(const QString &host);

/** An address as accounts and rules take it: local@domain, no blanks, brackets or lists. */
bool isMailAddress(const QString &address);

/** Parses "HOST:PORT" (or "[V6]:PORT") and a security name, as the command line gives them. */
Checked<Server> parseServer(const QString &hostAndPort, const QString &security);

/** A mail account Postern stands in front of. */
struct Account
{
    QString name;
    QStringList addresses; // the addresses the account sends as, by normaliseAddress()
    Server imap;
    Server smtp;
    QStringList caCertificates; // PEM: extra roots, or a self-signed server's pinned certificate
    QString identity;           // certificate store id of the signing and decryption identity
    quint16 imapListen = 0;     // the loopback ports the proxies listen on for this account
    quint16 smtpListen = 0;
    quint16 imapListenTls = 0; // optional implicit-TLS ports for clients that insist; 0: none
    quint16 smtpListenTls = 0;
    /** Messages the client stores (Sent copies, drafts) that the policy would encrypt are
     *  stored encrypted to the account's own certificate. */
    bool encryptStoredCopies = true;
    Policy policy;
    QJsonObject extra;

    /** Whether @p address, in any spelling, is one of addresses (by normaliseAddress()). */
    bool hasAddress(const QString &address) const;
};

/** Everything the accounts file holds. */
struct Configuration
{
    static constexpr int currentVersion = 1;

    int version = currentVersion; // a newer file's version is kept, with its unknown fields
    QList<Account> accounts;
    QJsonObject extra;

    const Account *find(const QString &name) const;
    Account *find(const QString &name);
    const Account *findByAddress(const QString &address) const;
};

/** Reads and checks a configuration; a problem names the field, e.g. `accounts[1].smtp.port`. */
Checked<Configuration> configurationFromJson(const QJsonObject &object);
QJsonObject toJson(const Configuration &configuration);
QJsonObject toJson(const Account &account);

/** The whole configuration's consistency: unique names and ports, loopback for plain text. */
Checked<bool> validate(const Configuration &configuration);

/** A loopback port at or above @p first that no account uses and nothing listens on. */
quint16 choosePort(const Configuration &configuration, quint16 first);

} // namespace Postern::Policy
