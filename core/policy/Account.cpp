#include "Account.h"

#include "core/crypto/Certificate.h"
#include "core/policy/JsonReader.h"
#include "core/policy/MessageFacts.h"

#include <QHostAddress>
#include <QJsonArray>
#include <QTcpServer>
#include <QUrl>

#include <algorithm>

namespace Postern::Policy {

namespace {

using Json::ObjectReader;
using Json::Spelling;

constexpr std::array securitySpellings = {
        Spelling<Security>{Security::Tls, "tls"},
        Spelling<Security>{Security::StartTls, "starttls"},
        Spelling<Security>{Security::None, "none"},
};

// The loopback ports Postern hands out start here: above the registered range's busy end and
// well away from the ephemeral ports the system gives outgoing connections.
constexpr qint64 lowestListenPort = 1024;

// Longer values cannot be what they claim to be; unchecked, a slip of the paste buffer would
// reach the window, the logs and the proxies' protocol lines.
constexpr qsizetype maxNameCharacters = 64;  // a label people pick an account by in a list
constexpr qsizetype maxAddressOctets = 254;  // RFC 5321, 4.5.3.1.3: a path of 256 with its <>
constexpr qsizetype maxLocalPartOctets = 64; // RFC 5321, 4.5.3.1.1
constexpr qsizetype maxHostOctets = 253;     // RFC 1035, 2.3.4: 255 on the wire, 253 as text
constexpr qsizetype maxLabelOctets = 63;     // RFC 1035, 2.3.4
constexpr qsizetype maxUserOctets = 254;     // a login name is an address or shorter

Checked<bool> checkHostLength(const QString &host, const QString &field)
{
    if (QHostAddress literal; literal.setAddress(host)) {
        return true;
    }
    // The limits are on the name as DNS carries it, with internationalised labels in ACE form.
    QByteArray name = QUrl::toAce(host);
    if (name.isEmpty()) {
        name = host.toUtf8();
    }
    if (name.endsWith('.')) {
        name.chop(1);
    }
    if (name.size() > maxHostOctets) {
        return tl::unexpected(
                Problem{field, QStringLiteral("is %1 octets long; a host name may have at most "
                                              "%2 (RFC 1035, section 2.3.4)")
                                       .arg(name.size())
                                       .arg(maxHostOctets)});
    }
    for (const QByteArray &label : name.split('.')) {
        if (label.size() > maxLabelOctets) {
            return tl::unexpected(Problem{
                    field, QStringLiteral("has a label of %1 octets; a label of a host name may "
                                          "have at most %2 (RFC 1035, section 2.3.4)")
                                   .arg(label.size())
                                   .arg(maxLabelOctets)});
        }
    }
    return true;
}

// The length limits first: the syntax error of a 100,000-character value would repeat it.
Checked<bool> checkAddress(const QString &address, const QString &field, const QString &written)
{
    const qsizetype at = address.lastIndexOf(QLatin1Char('@'));
    const QByteArray octets = address.toUtf8();
    if (octets.size() > maxAddressOctets) {
        return tl::unexpected(
                Problem{field, QStringLiteral("is %1 octets long; an address may have at most %2 "
                                              "(RFC 5321, section 4.5.3.1.3)")
                                       .arg(octets.size())
                                       .arg(maxAddressOctets)});
    }
    const qsizetype localPart = at < 0 ? 0 : address.left(at).toUtf8().size();
    if (localPart > maxLocalPartOctets) {
        return tl::unexpected(Problem{
                field, QStringLiteral("has a local part (before the @) of %1 octets; it may have "
                                      "at most %2 (RFC 5321, section 4.5.3.1.1)")
                               .arg(localPart)
                               .arg(maxLocalPartOctets)});
    }
    if (at >= 0) {
        if (auto checked = checkHostLength(address.mid(at + 1), field); !checked) {
            return checked;
        }
    }
    if (!isMailAddress(address)) {
        return tl::unexpected(
                Problem{field, QStringLiteral("'%1' is not an e-mail address").arg(written)});
    }
    return true;
}

Checked<bool> checkServer(const Server &server, const QString &field)
{
    if (server.host.isEmpty()) {
        return tl::unexpected(
                Problem{field + QStringLiteral(".host"), QStringLiteral("is missing")});
    }
    if (auto checked = checkHostLength(server.host, field + QStringLiteral(".host")); !checked) {
        return checked;
    }
    if (const qsizetype octets = server.user.toUtf8().size(); octets > maxUserOctets) {
        return tl::unexpected(
                Problem{field + QStringLiteral(".user"),
                        QStringLiteral("is %1 octets long; a login name may have at most %2")
                                .arg(octets)
                                .arg(maxUserOctets)});
    }
    if (server.security == Security::None && !isLoopbackHost(server.host)) {
        return tl::unexpected(Problem{
                field + QStringLiteral(".security"),
                QStringLiteral("\"none\" sends passwords and mail in plain text, so it is allowed "
                               "only for a loopback host, not %1")
                        .arg(server.host)});
    }
    return true;
}

Checked<Server> serverFromJson(ObjectReader &parent, const char *key)
{
    const QString field = parent.path(QLatin1String(key));
    auto object = parent.object(key, true);
    if (!object) {
        return tl::unexpected(object.error());
    }
    ObjectReader reader(*object, field);
    Server server;
    auto host = reader.string("host", true);
    auto port = reader.integer("port", 1, 65535, true);
    auto security = reader.choice("security", securitySpellings, std::optional<Security>());
    auto user = reader.string("user", false);
    if (!user) {
        return tl::unexpected(user.error());
    }
    if (!host) {
        return tl::unexpected(host.error());
    }
    if (!port) {
        return tl::unexpected(port.error());
    }
    if (!security) {
        return tl::unexpected(security.error());
    }
    server.host = host->trimmed();
    server.port = static_cast<quint16>(*port);
    server.security = *security;
    server.user = user->trimmed();
    server.extra = reader.rest();
    if (auto checked = checkServer(server, field); !checked) {
        return tl::unexpected(checked.error());
    }
    return server;
}

QJsonObject serverToJson(const Server &server)
{
    QJsonObject object = server.extra;
    object.insert(QLatin1String("host"), server.host);
    object.insert(QLatin1String("port"), server.port);
    object.insert(QLatin1String("security"), toString(server.security));
    if (!server.user.isEmpty()) {
        object.insert(QLatin1String("user"), server.user);
    }
    return object;
}

Checked<Account> accountFromJson(const QJsonValue &value, const QString &field)
{
    if (!value.isObject()) {
        return tl::unexpected(Problem{field, QStringLiteral("must be an object")});
    }
    const QJsonObject object = value.toObject();
    ObjectReader reader(object, field);
    Account account;

    auto name = reader.string("name", true);
    if (!name) {
        return tl::unexpected(name.error());
    }
    account.name = name->trimmed();
    if (account.name.isEmpty()) {
        return tl::unexpected(
                Problem{reader.path(QStringLiteral("name")), QStringLiteral("must not be empty")});
    }
    auto addresses = reader.strings("addresses");
    if (!addresses) {
        return tl::unexpected(addresses.error());
    }
    if (addresses->isEmpty()) {
        return tl::unexpected(Problem{reader.path(QStringLiteral("addresses")),
                                      QStringLiteral("needs at least one address")});
    }
    for (qsizetype index = 0; index < addresses->size(); ++index) {
        const QString normal = normaliseAddress(addresses->at(index));
        const QString at =
                QStringLiteral("%1[%2]").arg(reader.path(QStringLiteral("addresses"))).arg(index);
        if (auto checked = checkAddress(normal, at, addresses->at(index)); !checked) {
            return tl::unexpected(checked.error());
        }
        account.addresses.append(normal);
    }
    auto imap = serverFromJson(reader, "imap");
    if (!imap) {
        return tl::unexpected(imap.error());
    }
    account.imap = *imap;
    auto smtp = serverFromJson(reader, "smtp");
    if (!smtp) {
        return tl::unexpected(smtp.error());
    }
    account.smtp = *smtp;
    auto certificates = reader.strings("caCertificates");
    auto identity = reader.string("identity", false);
    auto imapListen = reader.integer("imapListen", lowestListenPort, 65535, true);
    auto smtpListen = reader.integer("smtpListen", lowestListenPort, 65535, true);
    auto imapListenTls = reader.has("imapListenTls")
                                 ? reader.integer("imapListenTls", lowestListenPort, 65535, true)
                                 : Checked<qint64>(0);
    auto smtpListenTls = reader.has("smtpListenTls")
                                 ? reader.integer("smtpListenTls", lowestListenPort, 65535, true)
                                 : Checked<qint64>(0);
    reader.markKnown("imapListenTls");
    reader.markKnown("smtpListenTls");
    auto encryptStoredCopies = reader.boolean("encryptStoredCopies", true);
    if (!encryptStoredCopies) {
        return tl::unexpected(encryptStoredCopies.error());
    }
    account.encryptStoredCopies = *encryptStoredCopies;
    for (const auto *check : {&imapListen, &smtpListen, &imapListenTls, &smtpListenTls}) {
        if (!*check) {
            return tl::unexpected(check->error());
        }
    }
    if (!certificates) {
        return tl::unexpected(certificates.error());
    }
    for (qsizetype index = 0; index < certificates->size(); ++index) {
        if (!certificates->at(index).contains(QLatin1String("-----BEGIN CERTIFICATE-----"))) {
            return tl::unexpected(
                    Problem{QStringLiteral("%1[%2]")
                                    .arg(reader.path(QStringLiteral("caCertificates")))
                                    .arg(index),
                            QStringLiteral("must be a PEM certificate")});
        }
    }
    if (!identity) {
        return tl::unexpected(identity.error());
    }
    account.caCertificates = *certificates;
    account.identity = identity->trimmed();
    account.imapListen = static_cast<quint16>(*imapListen);
    account.smtpListen = static_cast<quint16>(*smtpListen);
    account.imapListenTls = static_cast<quint16>(*imapListenTls);
    account.smtpListenTls = static_cast<quint16>(*smtpListenTls);

    auto policyObject = reader.object("policy", false);
    if (!policyObject) {
        return tl::unexpected(policyObject.error());
    }
    auto policy = policyFromJson(*policyObject, reader.path(QStringLiteral("policy")));
    if (!policy) {
        return tl::unexpected(policy.error());
    }
    account.policy = std::move(*policy);
    account.extra = reader.rest();
    return account;
}

} // namespace

bool isMailAddress(const QString &address)
{
    const auto at = address.lastIndexOf(QLatin1Char('@'));
    if (at <= 0 || at == address.size() - 1) {
        return false;
    }
    for (const QChar character : address) {
        if (character.isSpace() || character == QLatin1Char('<') || character == QLatin1Char('>')
            || character == QLatin1Char(',') || character == QLatin1Char(';')
            || character.unicode() < 0x20) {
            return false;
        }
    }
    const QString domain = address.mid(at + 1);
    return !domain.startsWith(QLatin1Char('.')) && !domain.endsWith(QLatin1Char('.'))
           && !domain.contains(QLatin1String("..")) && !domain.contains(QLatin1Char('@'));
}

QString toString(Security security)
{
    return Json::spell(securitySpellings, security);
}

QString Server::display() const
{
    const QString shownHost =
            host.contains(QLatin1Char(':')) ? QStringLiteral("[%1]").arg(host) : host;
    return QStringLiteral("%1:%2 (%3)").arg(shownHost).arg(port).arg(toString(security));
}

bool isLoopbackHost(const QString &host)
{
    const QString lower = host.trimmed().toLower();
    if (lower == QLatin1String("localhost") || lower.endsWith(QLatin1String(".localhost"))) {
        return true;
    }
    QHostAddress address;
    return address.setAddress(lower) && address.isLoopback();
}

Checked<Server> parseServer(const QString &hostAndPort, const QString &security)
{
    Server server;
    QString text = hostAndPort.trimmed();
    QString portText;
    if (text.startsWith(QLatin1Char('['))) {
        const auto close = text.indexOf(QLatin1String("]:"));
        if (close < 0) {
            return tl::unexpected(
                    Problem{QStringLiteral("server"),
                            QStringLiteral("'%1' is not [ADDRESS]:PORT").arg(hostAndPort)});
        }
        server.host = text.mid(1, close - 1);
        portText = text.mid(close + 2);
    } else {
        const auto colon = text.lastIndexOf(QLatin1Char(':'));
        if (colon <= 0 || text.indexOf(QLatin1Char(':')) != colon) {
            return tl::unexpected(
                    Problem{QStringLiteral("server"),
                            QStringLiteral("'%1' is not HOST:PORT").arg(hostAndPort)});
        }
        server.host = text.left(colon);
        portText = text.mid(colon + 1);
    }
    bool ok = false;
    const uint port = portText.toUInt(&ok);
    if (!ok || port == 0 || port > 65535) {
        return tl::unexpected(Problem{QStringLiteral("server"),
                                      QStringLiteral("'%1' is not a port number").arg(portText)});
    }
    server.port = static_cast<quint16>(port);
    bool known = false;
    for (const auto &[value, spelling] : securitySpellings) {
        if (security == QLatin1String(spelling)) {
            server.security = value;
            known = true;
        }
    }
    if (!known) {
        return tl::unexpected(
                Problem{QStringLiteral("security"),
                        QStringLiteral("'%1' is not one of: tls, starttls, none").arg(security)});
    }
    if (auto checked = checkServer(server, QStringLiteral("server")); !checked) {
        return tl::unexpected(checked.error());
    }
    return server;
}

const Account *Configuration::find(const QString &name) const
{
    for (const Account &account : accounts) {
        if (account.name.compare(name, Qt::CaseInsensitive) == 0) {
            return &account;
        }
    }
    return nullptr;
}

bool Account::hasAddress(const QString &address) const
{
    // Compared by the certificate store's rule, so that the account, its rules and the store
    // agree on which mail is the account's own; entries set by hand need not be normalised.
    const QString wanted = normaliseAddress(address);
    return std::any_of(addresses.cbegin(), addresses.cend(),
                       [&wanted](const QString &own) { return normaliseAddress(own) == wanted; });
}

Account *Configuration::find(const QString &name)
{
    for (Account &account : accounts) {
        if (account.name.compare(name, Qt::CaseInsensitive) == 0) {
            return &account;
        }
    }
    return nullptr;
}

const Account *Configuration::findByAddress(const QString &address) const
{
    for (const Account &account : accounts) {
        if (account.hasAddress(address)) {
            return &account;
        }
    }
    return nullptr;
}

Checked<Configuration> configurationFromJson(const QJsonObject &object)
{
    ObjectReader reader(object, QString());
    Configuration configuration;
    auto version = reader.integer("version", 1, std::numeric_limits<qint32>::max(), true);
    if (!version) {
        return tl::unexpected(version.error());
    }
    configuration.version = static_cast<int>(*version);
    reader.markKnown("accounts");
    const QJsonValue accounts = reader.value("accounts");
    if (!accounts.isUndefined() && !accounts.isNull()) {
        if (!accounts.isArray()) {
            return tl::unexpected(Problem{QStringLiteral("accounts"),
                                          QStringLiteral("must be a list of accounts")});
        }
        const QJsonArray array = accounts.toArray();
        for (qsizetype index = 0; index < array.size(); ++index) {
            auto account =
                    accountFromJson(array.at(index), QStringLiteral("accounts[%1]").arg(index));
            if (!account) {
                return tl::unexpected(account.error());
            }
            configuration.accounts.append(std::move(*account));
        }
    }
    configuration.extra = reader.rest();
    if (auto checked = validate(configuration); !checked) {
        return tl::unexpected(checked.error());
    }
    return configuration;
}

Checked<bool> validate(const Configuration &configuration)
{
    QHash<quint16, QString> ports;
    QHash<QString, QString> addresses;
    for (qsizetype index = 0; index < configuration.accounts.size(); ++index) {
        const Account &account = configuration.accounts.at(index);
        const QString field = QStringLiteral("accounts[%1]").arg(index);
        if (const qsizetype length = account.name.toUcs4().size(); length > maxNameCharacters) {
            return tl::unexpected(
                    Problem{field + QStringLiteral(".name"),
                            QStringLiteral("is %1 characters long; an account name may have at "
                                           "most %2")
                                    .arg(length)
                                    .arg(maxNameCharacters)});
        }
        for (qsizetype other = 0; other < index; ++other) {
            if (configuration.accounts.at(other).name.compare(account.name, Qt::CaseInsensitive)
                == 0) {
                return tl::unexpected(
                        Problem{field + QStringLiteral(".name"),
                                QStringLiteral("'%1' names two accounts").arg(account.name)});
            }
        }
        for (const auto &[port, key] : {std::pair{account.imapListen, "imapListen"},
                                        std::pair{account.smtpListen, "smtpListen"},
                                        std::pair{account.imapListenTls, "imapListenTls"},
                                        std::pair{account.smtpListenTls, "smtpListenTls"}}) {
            if (port == 0) {
                continue;
            }
            const QString owner = ports.value(port);
            if (!owner.isEmpty()) {
                return tl::unexpected(Problem{
                        field + QLatin1Char('.') + QLatin1String(key),
                        QStringLiteral("port %1 is already used by %2").arg(port).arg(owner)});
            }
            ports.insert(
                    port,
                    QStringLiteral("%1 of account '%2'").arg(QLatin1String(key), account.name));
        }
        if (account.addresses.isEmpty()) {
            return tl::unexpected(Problem{field + QStringLiteral(".addresses"),
                                          QStringLiteral("needs at least one address")});
        }
        for (qsizetype slot = 0; slot < account.addresses.size(); ++slot) {
            const QString &address = account.addresses.at(slot);
            if (auto checked = checkAddress(
                        address, QStringLiteral("%1.addresses[%2]").arg(field).arg(slot), address);
                !checked) {
                return checked;
            }
            // One address in two spellings ("bob@bücher.example", "Bob@xn--bcher-kva.example")
            // is still one address.
            const QString key = normaliseAddress(address);
            const QString owner = addresses.value(key);
            if (!owner.isEmpty() && owner != account.name) {
                return tl::unexpected(Problem{
                        QStringLiteral("%1.addresses[%2]").arg(field).arg(slot),
                        QStringLiteral("%1 already belongs to account '%2'").arg(address, owner)});
            }
            addresses.insert(key, account.name);
        }
        if (auto checked = checkServer(account.imap, field + QStringLiteral(".imap")); !checked) {
            return tl::unexpected(checked.error());
        }
        if (auto checked = checkServer(account.smtp, field + QStringLiteral(".smtp")); !checked) {
            return tl::unexpected(checked.error());
        }
    }
    return true;
}

QJsonObject toJson(const Account &account)
{
    QJsonObject object = account.extra;
    object.insert(QLatin1String("name"), account.name);
    // The file is for people too: internationalised domains in Unicode; reading normalises again.
    QStringList shown;
    for (const QString &address : account.addresses) {
        shown.append(Crypto::displayAddress(address));
    }
    object.insert(QLatin1String("addresses"), QJsonArray::fromStringList(shown));
    object.insert(QLatin1String("imap"), serverToJson(account.imap));
    object.insert(QLatin1String("smtp"), serverToJson(account.smtp));
    if (!account.caCertificates.isEmpty()) {
        object.insert(QLatin1String("caCertificates"),
                      QJsonArray::fromStringList(account.caCertificates));
    }
    if (!account.identity.isEmpty()) {
        object.insert(QLatin1String("identity"), account.identity);
    }
    object.insert(QLatin1String("imapListen"), account.imapListen);
    object.insert(QLatin1String("smtpListen"), account.smtpListen);
    if (account.imapListenTls != 0) {
        object.insert(QLatin1String("imapListenTls"), account.imapListenTls);
    }
    if (account.smtpListenTls != 0) {
        object.insert(QLatin1String("smtpListenTls"), account.smtpListenTls);
    }
    if (!account.encryptStoredCopies) {
        object.insert(QLatin1String("encryptStoredCopies"), false);
    }
    object.insert(QLatin1String("policy"), toJson(account.policy));
    return object;
}

QJsonObject toJson(const Configuration &configuration)
{
    QJsonObject object = configuration.extra;
    object.insert(QLatin1String("version"), configuration.version);
    QJsonArray accounts;
    for (const Account &account : configuration.accounts) {
        accounts.append(toJson(account));
    }
    object.insert(QLatin1String("accounts"), accounts);
    return object;
}

quint16 choosePort(const Configuration &configuration, quint16 first)
{
    QSet<quint16> taken;
    for (const Account &account : configuration.accounts) {
        taken.insert(account.imapListen);
        taken.insert(account.smtpListen);
        taken.insert(account.imapListenTls);
        taken.insert(account.smtpListenTls);
    }
    for (quint32 port = qMax<quint32>(first, lowestListenPort); port <= 65535; ++port) {
        const auto candidate = static_cast<quint16>(port);
        if (taken.contains(candidate)) {
            continue;
        }
        QTcpServer probe;
        if (probe.listen(QHostAddress::LocalHost, candidate)) {
            return candidate;
        }
    }
    return 0;
}

} // namespace Postern::Policy
