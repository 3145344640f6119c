#include "AccountCommands.h"

#include "app/StoreAccess.h"
#include "core/base/Profile.h"
#include "core/crypto/Certificate.h"
#include "core/policy/AccountsFile.h"
#include "core/policy/PolicyEngine.h"
#include "core/policy/Templates.h"

#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTcpServer>
#include <QTextStream>

#include <array>
#include <functional>

namespace Postern::Cli {

namespace {

using Policy::Account;
using Policy::AccountsFile;
using Policy::Configuration;

// The first ports Postern offers: IMAP and SMTP's own numbers moved into the unprivileged range.
constexpr quint16 firstImapPort = 10143;
constexpr quint16 firstSmtpPort = 10587;

ExitCode complain(QTextStream &err, ExitCode code, const QString &message)
{
    err << "postern: " << message << Qt::endl;
    return code;
}

void printJson(QTextStream &out, const QJsonValue &value)
{
    const QJsonDocument document =
            value.isArray() ? QJsonDocument(value.toArray()) : QJsonDocument(value.toObject());
    out << QString::fromUtf8(document.toJson(QJsonDocument::Indented));
}

/** The configuration to show: a broken file is reported, and its last good version shown. */
Configuration loadConfiguration(const AccountsFile &file, QTextStream &err)
{
    const AccountsFile::Loaded loaded = file.load();
    if (loaded.problem) {
        err << "postern: " << loaded.problem->toString() << Qt::endl;
        if (loaded.fromLastGood) {
            err << "postern: showing the last good version, " << file.lastGoodPath() << Qt::endl;
        }
    }
    return loaded.configuration;
}

// A file that does not parse or check is input a person has to correct (README: 5); a file or
// lock that cannot be had makes the profile unusable for the moment (4).
ExitCode exitCodeFor(const Policy::FileProblem &problem)
{
    switch (problem.kind) {
    case Policy::FileProblem::Kind::Content:
        return ExitCode::BadData;
    case Policy::FileProblem::Kind::Access:
    case Policy::FileProblem::Kind::Busy:
        return ExitCode::ProfileUnusable;
    }
    return ExitCode::Failure;
}

/**
 * Changes the accounts file under its lock, so that commands run at the same time each see the
 * others' changes. @p change gets the file as it is now and fails to leave it as it is.
 */
Step<bool> changeConfiguration(const AccountsFile &file,
                               const std::function<Step<bool>(Configuration &)> &change)
{
    Step<bool> outcome = true;
    const auto updated = file.update([&](Configuration &configuration) {
        outcome = change(configuration);
        return outcome.has_value();
    });
    if (!updated) {
        return failure(exitCodeFor(updated.error()), updated.error().toString());
    }
    return outcome;
}

// The account @p name names (in any case), or why there is none, with the names there are.
Step<const Account *> findAccount(const Configuration &configuration, const QString &name)
{
    const Account *account = configuration.find(name);
    if (account != nullptr) {
        return account;
    }
    QStringList names;
    for (const Account &known : configuration.accounts) {
        names.append(known.name);
    }
    return failure(ExitCode::BadData,
                   names.isEmpty() ? QStringLiteral("no account named '%1'; there are no accounts "
                                                    "yet")
                                             .arg(name)
                                   : QStringLiteral("no account named '%1' (accounts: %2)")
                                             .arg(name, names.join(QStringLiteral(", "))));
}

// Which proxy of which account has @p port, in the words validate() uses; empty when none.
QString portOwner(const Configuration &configuration, quint16 port)
{
    for (const Account &account : configuration.accounts) {
        for (const auto &[used, key] : {std::pair{account.imapListen, "imapListen"},
                                        std::pair{account.smtpListen, "smtpListen"},
                                        std::pair{account.imapListenTls, "imapListenTls"},
                                        std::pair{account.smtpListenTls, "smtpListenTls"}}) {
            if (used == port) {
                return QStringLiteral("%1 of account '%2'").arg(QLatin1String(key), account.name);
            }
        }
    }
    return QString();
}

// A port given on the command line, as far as it can be checked without the configuration.
Step<quint16> listenPort(const Invocation &invocation, const char *option)
{
    const QString text = invocation.value(QLatin1String(option));
    bool ok = false;
    const uint port = text.toUInt(&ok);
    if (!ok || port < 1024 || port > 65535) {
        return failure(ExitCode::Usage,
                       QStringLiteral("--%1 needs a port from 1024 to 65535, not '%2'")
                               .arg(QLatin1String(option), text));
    }
    return static_cast<quint16>(port);
}

// A port given on the command line is not an account's already (a conflict with the
// configuration, not a typing mistake), and free on the machine.
Step<bool> portIsFree(const char *option, quint16 port, const Configuration &taken)
{
    if (const QString owner = portOwner(taken, port); !owner.isEmpty()) {
        return failure(ExitCode::Conflict, QStringLiteral("--%1: port %2 is already used by %3")
                                                   .arg(QLatin1String(option))
                                                   .arg(port)
                                                   .arg(owner));
    }
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, port)) {
        return failure(
                ExitCode::Usage,
                QStringLiteral("--%1: port %2 on 127.0.0.1 is in use by another program (%3)")
                        .arg(QLatin1String(option))
                        .arg(port)
                        .arg(probe.errorString()));
    }
    return true;
}

QStringList unknownFields(const Policy::Policy &policy)
{
    QStringList fields;
    const auto add = [&fields](const QJsonObject &extra, const QString &at) {
        for (auto it = extra.constBegin(); it != extra.constEnd(); ++it) {
            fields.append(at.isEmpty() ? it.key() : at + QLatin1Char('.') + it.key());
        }
    };
    add(policy.extra, QString());
    for (qsizetype index = 0; index < policy.rules.size(); ++index) {
        const Policy::Rule &rule = policy.rules.at(index);
        const QString at = QStringLiteral("rules[%1]").arg(index);
        add(rule.extra, at);
        add(rule.action.extra, at + QStringLiteral(".action"));
        for (qsizetype number = 0; number < rule.conditions.size(); ++number) {
            add(rule.conditions.at(number).extra,
                QStringLiteral("%1.conditions[%2]").arg(at).arg(number));
        }
    }
    add(policy.defaultAction.extra, QStringLiteral("default"));
    return fields;
}

Step<Policy::Server> serverOption(const Invocation &invocation, const char *name)
{
    const QString option = QLatin1String(name);
    const QString securityOption = option + QStringLiteral("-security");
    if (!invocation.isSet(option)) {
        return failure(ExitCode::Usage,
                       QStringLiteral("'account add' needs --%1 HOST:PORT").arg(option));
    }
    if (!invocation.isSet(securityOption)) {
        return failure(
                ExitCode::Usage,
                QStringLiteral("'account add' needs --%1 tls|starttls|none").arg(securityOption));
    }
    auto server = Policy::parseServer(invocation.value(option), invocation.value(securityOption));
    if (!server) {
        // The host is the one part of HOST:PORT whose reason does not say what it is about.
        const bool aboutHost = server.error().field.endsWith(QLatin1String(".host"));
        return failure(ExitCode::Usage,
                       QStringLiteral("--%1: %2%3")
                               .arg(option, aboutHost ? QStringLiteral("the host ") : QString(),
                                    server.error().reason));
    }
    return *server;
}

Step<QStringList> caCertificates(const Invocation &invocation)
{
    QStringList pems;
    for (const QString &path : invocation.values(QStringLiteral("ca-file"))) {
        auto data = readFile(path);
        if (!data) {
            return tl::unexpected(data.error());
        }
        const QList<Crypto::Certificate> certificates = Crypto::Certificate::parseAll(*data);
        if (certificates.isEmpty()) {
            return failure(
                    ExitCode::BadData,
                    QStringLiteral("%1: no certificate found (PEM or DER expected)").arg(path));
        }
        for (const Crypto::Certificate &certificate : certificates) {
            pems.append(QString::fromLatin1(certificate.toPem()));
        }
    }
    return pems;
}

Step<QString> identityOption(const Invocation &invocation, const Profile &profile)
{
    const QString wanted = invocation.value(QStringLiteral("identity"));
    auto store = openStore(profile);
    if (!store) {
        return tl::unexpected(store.error());
    }
    const auto entry = (*store)->entry(wanted);
    if (!entry) {
        return failure(ExitCode::BadData,
                       QStringLiteral("--identity: no single certificate in the store matches %1")
                               .arg(wanted));
    }
    if (!entry->hasPrivateKey) {
        return failure(ExitCode::BadData,
                       QStringLiteral("--identity: %1 has no private key in the store, so it "
                                      "cannot sign or decrypt")
                               .arg(entry->id));
    }
    return entry->id;
}

struct PortOption
{
    const char *option;
    quint16 Account::*port;
    quint16 first; // where a free port is looked for when none is given; 0: none is
};

constexpr std::array portOptions = {
        PortOption{"imap-listen", &Account::imapListen, firstImapPort},
        PortOption{"smtp-listen", &Account::smtpListen, firstSmtpPort},
        PortOption{"imap-listen-tls", &Account::imapListenTls, 0},
        PortOption{"smtp-listen-tls", &Account::smtpListenTls, 0},
};

// The account the options describe, as far as that does not depend on the other accounts.
Step<Account> accountOptions(const Invocation &invocation, const Profile &profile)
{
    Account account;
    account.name = invocation.arguments.value(1).trimmed();
    for (const QString &address : invocation.values(QStringLiteral("address"))) {
        account.addresses.append(Policy::normaliseAddress(address));
    }
    if (account.addresses.isEmpty()) {
        return failure(ExitCode::Usage,
                       QStringLiteral("'account add' needs at least one --address"));
    }
    auto imap = serverOption(invocation, "imap");
    auto smtp = serverOption(invocation, "smtp");
    for (const auto *server : {&imap, &smtp}) {
        if (!*server) {
            return tl::unexpected(server->error());
        }
    }
    account.imap = *imap;
    account.smtp = *smtp;
    account.imap.user = invocation.value(QStringLiteral("imap-user")).trimmed();
    account.encryptStoredCopies = !invocation.isSet(QStringLiteral("clear-stored-copies"));
    auto pems = caCertificates(invocation);
    if (!pems) {
        return tl::unexpected(pems.error());
    }
    account.caCertificates = *pems;
    if (invocation.isSet(QStringLiteral("identity"))) {
        auto identity = identityOption(invocation, profile);
        if (!identity) {
            return tl::unexpected(identity.error());
        }
        account.identity = *identity;
    }
    const QString templateName = invocation.isSet(QStringLiteral("template"))
                                         ? invocation.value(QStringLiteral("template"))
                                         : QStringLiteral("encrypt-when-possible");
    auto policy = Policy::makeTemplate(templateName);
    if (!policy) {
        return failure(ExitCode::Usage, policy.error().reason);
    }
    account.policy = *policy;
    for (const PortOption &option : portOptions) {
        if (invocation.isSet(QLatin1String(option.option))) {
            auto port = listenPort(invocation, option.option);
            if (!port) {
                return tl::unexpected(port.error());
            }
            account.*option.port = *port;
        }
    }
    return account;
}

// Adds @p account to @p configuration: what it shares with another account is a conflict, and
// each port not given is the first free one, neither another account's nor one this account got
// before it.
Step<bool> addTo(Configuration &configuration, Account &account)
{
    if (const Account *existing = configuration.find(account.name); existing != nullptr) {
        return failure(ExitCode::Conflict,
                       QStringLiteral("an account named '%1' exists already").arg(existing->name));
    }
    // Mail from one address must go through one account's policy; the proxies could not tell
    // which of two to apply.
    for (const QString &address : std::as_const(account.addresses)) {
        if (const Account *other = configuration.findByAddress(address); other != nullptr) {
            return failure(
                    ExitCode::Conflict,
                    QStringLiteral("%1 already belongs to account '%2'").arg(address, other->name));
        }
    }

    Configuration taken = configuration;
    taken.accounts.append(account);
    Account &ports = taken.accounts.last();
    for (const PortOption &option : portOptions) {
        ports.*option.port = 0;
    }
    for (const PortOption &option : portOptions) {
        if (const quint16 given = account.*option.port; given != 0) {
            auto free = portIsFree(option.option, given, taken);
            if (!free) {
                return free;
            }
            ports.*option.port = given;
        } else if (option.first != 0) {
            ports.*option.port = Policy::choosePort(taken, option.first);
        }
    }
    if (ports.imapListen == 0 || ports.smtpListen == 0) {
        return failure(ExitCode::Failure,
                       QStringLiteral("no free loopback port is left for the proxies"));
    }
    account = ports;

    configuration.accounts.append(account);
    if (auto valid = Policy::validate(configuration); !valid) {
        const QString field = valid.error().field.section(QLatin1Char('.'), 1);
        return failure(ExitCode::Usage, QStringLiteral("%1 %2").arg(field, valid.error().reason));
    }
    return true;
}

ExitCode
add(const Invocation &invocation, const Profile &profile, QTextStream &out, QTextStream &err)
{
    if (invocation.arguments.value(1).trimmed().isEmpty() || invocation.arguments.size() != 2) {
        return complain(err, ExitCode::Usage, QStringLiteral("'account add' needs one NAME"));
    }
    auto account = accountOptions(invocation, profile);
    if (!account) {
        return complain(err, account.error().code, account.error().message);
    }
    const AccountsFile file = AccountsFile::inProfile(profile.directory());
    auto added = changeConfiguration(file, [&account](Configuration &configuration) {
        return addTo(configuration, *account);
    });
    if (!added) {
        return complain(err, added.error().code, added.error().message);
    }
    out << "added account " << account->name << ": IMAP on 127.0.0.1:" << account->imapListen
        << ", SMTP on 127.0.0.1:" << account->smtpListen << ", policy "
        << account->policy.templateName << "\n";
    return ExitCode::Ok;
}

QJsonObject accountJson(const Account &account)
{
    QJsonObject object = Policy::toJson(account);
    object.remove(QLatin1String("policy"));
    object.insert(QLatin1String("policyTemplate"), account.policy.templateName);
    object.insert(QLatin1String("rules"), static_cast<int>(account.policy.rules.size()));
    QJsonObject listen;
    listen.insert(QLatin1String("host"), QStringLiteral("127.0.0.1"));
    listen.insert(QLatin1String("imap"), account.imapListen);
    listen.insert(QLatin1String("smtp"), account.smtpListen);
    if (account.imapListenTls != 0) {
        listen.insert(QLatin1String("imapTls"), account.imapListenTls);
    }
    if (account.smtpListenTls != 0) {
        listen.insert(QLatin1String("smtpTls"), account.smtpListenTls);
    }
    object.insert(QLatin1String("listen"), listen);
    return object;
}

void printAccount(QTextStream &out, const Account &account)
{
    out << "name:       " << account.name << "\n"
        << "addresses:  " << account.addresses.join(QStringLiteral(", ")) << "\n"
        << "imap:       " << account.imap.display()
        << (account.imap.user.isEmpty() ? QString()
                                        : QStringLiteral(", login %1").arg(account.imap.user))
        << "\n"
        << "smtp:       " << account.smtp.display() << "\n"
        << "listen:     IMAP 127.0.0.1:" << account.imapListen
        << ", SMTP 127.0.0.1:" << account.smtpListen << "\n"
        << "identity:   "
        << (account.identity.isEmpty() ? QStringLiteral("(none)") : account.identity) << "\n"
        << "server CAs: " << account.caCertificates.size() << "\n"
        << "stored copies: "
        << (account.encryptStoredCopies ? QStringLiteral("encrypted when the policy encrypts")
                                        : QStringLiteral("as the mail client wrote them"))
        << "\n"
        << "policy:     "
        << (account.policy.templateName.isEmpty() ? QStringLiteral("custom")
                                                  : account.policy.templateName)
        << ", " << account.policy.rules.size() << " rule(s)\n";
}

ExitCode removeAccount(const Invocation &invocation,
                       const Profile &profile,
                       QTextStream &out,
                       QTextStream &err)
{
    const AccountsFile file = AccountsFile::inProfile(profile.directory());
    QString name;
    auto removed = changeConfiguration(file, [&](Configuration &configuration) -> Step<bool> {
        auto found = findAccount(configuration, invocation.arguments.value(1));
        if (!found) {
            return tl::unexpected(found.error());
        }
        name = (*found)->name;
        configuration.accounts.removeIf(
                [&name](const Account &candidate) { return candidate.name == name; });
        return true;
    });
    if (!removed) {
        return complain(err, removed.error().code, removed.error().message);
    }
    out << "removed account " << name << "\n";
    return ExitCode::Ok;
}

} // namespace

ExitCode runAccountCommand(const Invocation &invocation,
                           const Profile &profile,
                           QTextStream &out,
                           QTextStream &err)
{
    const QString action = invocation.arguments.value(0);
    if (action == QLatin1String("add")) {
        return add(invocation, profile, out, err);
    }
    if (action == QLatin1String("remove")) {
        if (invocation.arguments.size() != 2) {
            return complain(err, ExitCode::Usage,
                            QStringLiteral("'account remove' needs one NAME"));
        }
        return removeAccount(invocation, profile, out, err);
    }
    if (action != QLatin1String("list") && action != QLatin1String("show")) {
        return complain(err, ExitCode::Usage,
                        QStringLiteral("unknown account action '%1' (known: add, list, show, "
                                       "remove)")
                                .arg(action));
    }
    const AccountsFile file = AccountsFile::inProfile(profile.directory());
    const Configuration configuration = loadConfiguration(file, err);
    if (action == QLatin1String("list")) {
        if (invocation.json) {
            QJsonArray array;
            for (const Account &account : configuration.accounts) {
                array.append(accountJson(account));
            }
            printJson(out, array);
        } else {
            for (const Account &account : configuration.accounts) {
                out << account.name << "  " << account.addresses.join(QStringLiteral(", "))
                    << "  IMAP 127.0.0.1:" << account.imapListen << " -> " << account.imap.display()
                    << "  SMTP 127.0.0.1:" << account.smtpListen << " -> " << account.smtp.display()
                    << "\n";
            }
        }
        return ExitCode::Ok;
    }
    if (invocation.arguments.size() != 2) {
        return complain(err, ExitCode::Usage, QStringLiteral("'account show' needs one NAME"));
    }
    auto account = findAccount(configuration, invocation.arguments.value(1));
    if (!account) {
        return complain(err, account.error().code, account.error().message);
    }
    if (invocation.json) {
        printJson(out, accountJson(**account));
    } else {
        printAccount(out, **account);
    }
    return ExitCode::Ok;
}

namespace {

void printPolicy(QTextStream &out, const Policy::Policy &policy)
{
    out << "template: "
        << (policy.templateName.isEmpty() ? QStringLiteral("(custom)") : policy.templateName)
        << "\n";
    int number = 0;
    for (const Policy::Rule &rule : policy.rules) {
        const QJsonObject json = Policy::toJson(policy)
                                         .value(QLatin1String("rules"))
                                         .toArray()
                                         .at(number)
                                         .toObject();
        out << ++number << ". " << rule.name
            << (rule.enabled ? QString() : QStringLiteral(" (disabled)")) << "\n   when: "
            << (rule.conditions.isEmpty()
                        ? QStringLiteral("always")
                        : QString::fromUtf8(
                                QJsonDocument(json.value(QLatin1String("conditions")).toArray())
                                        .toJson(QJsonDocument::Compact)))
            << (rule.join == Policy::Join::AnyOf && rule.conditions.size() > 1
                        ? QStringLiteral(" (any of)")
                        : QString())
            << "\n   then: "
            << QString::fromUtf8(QJsonDocument(json.value(QLatin1String("action")).toObject())
                                         .toJson(QJsonDocument::Compact))
            << "\n";
    }
    out << "otherwise: "
        << QString::fromUtf8(
                   QJsonDocument(Policy::toJson(policy).value(QLatin1String("default")).toObject())
                           .toJson(QJsonDocument::Compact))
        << "\n";
}

/**
 * The decision's recipient lists as `policy test --json` reports them. The engine fills them
 * only where the proxies need them (who stops an encryption, who gets a split-off clear copy);
 * the report must agree with its action and reason for every outcome: whoever the deciding
 * action found without a certificate, and everyone the message reaches unencrypted.
 */
void reportRecipients(QJsonObject &object,
                      const Policy::Policy &policy,
                      const Policy::Decision &decision,
                      const Policy::MessageFacts &facts,
                      const Policy::CertificateCheck &hasCertificate)
{
    // decide() leaves one trace per rule it tried, in order, and the default's after them all,
    // so the trail's length tells which action decided.
    const qsizetype deciding = decision.trail.size() - 1;
    const Policy::Action &action =
            deciding >= 0 && deciding < policy.rules.size()
                            && policy.rules.at(deciding).name == decision.rule
                    ? policy.rules.at(deciding).action
                    : policy.defaultAction;
    const bool weighsCertificates = action.kind == Policy::ActionKind::Encrypt
                                    || action.kind == Policy::ActionKind::SignEncrypt
                                    || action.kind == Policy::ActionKind::EncryptWhenPossible;
    QStringList withoutCertificate = decision.recipientsWithoutCertificate;
    if (weighsCertificates && withoutCertificate.isEmpty()) {
        for (const QString &recipient : facts.recipients) {
            if (!hasCertificate(recipient)) {
                withoutCertificate.append(recipient);
            }
        }
    }
    QStringList inClear;
    switch (decision.action) {
    case Policy::Outcome::Clear:
    case Policy::Outcome::Sign:
        inClear = facts.recipients;
        break;
    case Policy::Outcome::Encrypt:
    case Policy::Outcome::SignEncrypt:
        inClear = decision.clearRecipients;
        break;
    case Policy::Outcome::Block:
        break;
    }
    object.insert(QLatin1String("recipientsWithoutCertificate"),
                  QJsonArray::fromStringList(withoutCertificate));
    object.insert(QLatin1String("clearRecipients"), QJsonArray::fromStringList(inClear));
}

ExitCode testPolicy(const Invocation &invocation,
                    const Profile &profile,
                    const Account &account,
                    QTextStream &out,
                    QTextStream &err)
{
    const QString path = invocation.arguments.value(2);
    if (path.isEmpty() || invocation.arguments.size() != 3) {
        return complain(err, ExitCode::Usage, QStringLiteral("'policy test' needs NAME MESSAGE"));
    }
    auto message = readFile(path);
    if (!message) {
        return complain(err, message.error().code, message.error().message);
    }
    Policy::Envelope envelope;
    envelope.recipients = invocation.values(QStringLiteral("to"));
    envelope.sender = invocation.value(QStringLiteral("from"));
    auto facts = Policy::factsOf(*message, envelope);
    if (!facts) {
        return complain(err, ExitCode::BadData,
                        QStringLiteral("%1: %2").arg(path, facts.error().detail));
    }
    auto store = openStore(profile);
    if (!store) {
        return complain(err, store.error().code, store.error().message);
    }
    const Store::CertificateStore &certificates = **store;
    const Policy::CertificateCheck hasCertificate = [&certificates](const QString &address) {
        return certificates.encryptionCertificateFor(address).has_value();
    };
    const Policy::Decision decision = Policy::decide(account.policy, *facts, hasCertificate);
    if (facts->recipients.isEmpty()) {
        err << "postern: warning: the message has no recipients (no To, Cc or Bcc); give them "
               "with --to\n";
    }
    if (invocation.json) {
        QJsonObject object = Policy::toJson(decision);
        reportRecipients(object, account.policy, decision, *facts, hasCertificate);
        object.insert(QLatin1String("account"), account.name);
        object.insert(QLatin1String("recipients"), QJsonArray::fromStringList(facts->recipients));
        object.insert(QLatin1String("invitation"), facts->isInvitation());
        printJson(out, object);
        return ExitCode::Ok;
    }
    out << "action: " << Policy::toString(decision.action)
        << (decision.convertInvitation ? QStringLiteral(" (after converting the invitation to "
                                                        "an .ics attachment)")
                                       : QString())
        << "\nrule:   " << decision.rule << "\n";
    if (!decision.reason.isEmpty()) {
        out << "reason: " << decision.reason << "\n";
    }
    if (decision.mustRefuse()) {
        out << "refused: the proxy would not send this message\n";
    }
    for (const Policy::RuleTrace &step : decision.trail) {
        out << (step.matched ? "  + " : "  - ") << step.rule << ": " << step.why << "\n";
    }
    return ExitCode::Ok;
}

// The policy `policy apply-template NAME TEMPLATE [--domain D]... [--fallback F]` asks for.
Step<Policy::Policy> templatePolicy(const Invocation &invocation)
{
    if (invocation.arguments.size() != 3) {
        return failure(ExitCode::Usage,
                       QStringLiteral("'policy apply-template' needs NAME TEMPLATE (templates: %1)")
                               .arg(Policy::templateNames().join(QStringLiteral(", "))));
    }
    Policy::TemplateOptions options;
    options.domains = invocation.values(QStringLiteral("domain"));
    if (invocation.isSet(QStringLiteral("fallback"))) {
        const QString fallback = invocation.value(QStringLiteral("fallback"));
        if (fallback == QLatin1String("clear")) {
            options.fallback = Policy::Fallback::Clear;
        } else if (fallback == QLatin1String("split")) {
            options.fallback = Policy::Fallback::Split;
        } else if (fallback == QLatin1String("block")) {
            options.fallback = Policy::Fallback::Block;
        } else {
            return failure(ExitCode::Usage,
                           QStringLiteral("--fallback must be clear, split or block, not '%1'")
                                   .arg(fallback));
        }
    }
    auto made = Policy::makeTemplate(invocation.arguments.at(2), options);
    if (!made) {
        return failure(ExitCode::Usage, made.error().reason);
    }
    return *made;
}

// The policy file of `policy set NAME FILE`, each problem at its place in the file.
Step<Policy::Policy> filePolicy(const Invocation &invocation, QTextStream &err)
{
    const QString path = invocation.arguments.value(2);
    if (path.isEmpty() || invocation.arguments.size() != 3) {
        return failure(ExitCode::Usage, QStringLiteral("'policy set' needs NAME FILE"));
    }
    auto bytes = readFile(path);
    if (!bytes) {
        return tl::unexpected(bytes.error());
    }
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(*bytes, &error);
    if (error.error != QJsonParseError::NoError) {
        const QByteArrayView before(bytes->constData(), error.offset);
        const qsizetype lineStart = before.lastIndexOf('\n') + 1;
        return failure(ExitCode::BadData, QStringLiteral("%1:%2:%3: not valid JSON: %4")
                                                  .arg(path)
                                                  .arg(before.count('\n') + 1)
                                                  .arg(error.offset - lineStart + 1)
                                                  .arg(error.errorString()));
    }
    if (!document.isObject()) {
        return failure(ExitCode::BadData,
                       QStringLiteral("%1: a policy is a JSON object with \"rules\" and "
                                      "\"default\"")
                               .arg(path));
    }
    if (const auto duplicate = AccountsFile::duplicateField(*bytes, path)) {
        return failure(ExitCode::BadData, duplicate->toString());
    }
    auto parsed = Policy::policyFromJson(document.object(), QString());
    if (!parsed) {
        const auto [line, column] = AccountsFile::locate(*bytes, parsed.error().field);
        return failure(ExitCode::BadData,
                       QStringLiteral("%1:%2:%3: %4 %5")
                               .arg(path)
                               .arg(line)
                               .arg(column)
                               .arg(parsed.error().field, parsed.error().reason));
    }
    // Kept for a newer Postern, but to a person writing the file they are most likely typos
    // that silently change what a rule means.
    for (const QString &field : unknownFields(*parsed)) {
        const auto [line, column] = AccountsFile::locate(*bytes, field);
        err << "postern: warning: " << path << ":" << line << ":" << column << ": " << field
            << " is not a field Postern knows; it is kept but has no effect\n";
    }
    return *parsed;
}

} // namespace

ExitCode runPolicyCommand(const Invocation &invocation,
                          const Profile &profile,
                          QTextStream &out,
                          QTextStream &err)
{
    const QString action = invocation.arguments.value(0);
    if (action == QLatin1String("templates")) {
        for (const QString &name : Policy::templateNames()) {
            out << QStringLiteral("%1  %2\n").arg(name, -22).arg(Policy::templateSummary(name));
        }
        return ExitCode::Ok;
    }
    const QStringList known = {QStringLiteral("show"), QStringLiteral("apply-template"),
                               QStringLiteral("set"), QStringLiteral("test")};
    if (!known.contains(action)) {
        return complain(err, ExitCode::Usage,
                        QStringLiteral("unknown policy action '%1' (known: show, apply-template, "
                                       "set, test, templates)")
                                .arg(action));
    }
    if (invocation.arguments.size() < 2) {
        return complain(err, ExitCode::Usage,
                        QStringLiteral("'policy %1' needs an account NAME").arg(action));
    }
    const AccountsFile file = AccountsFile::inProfile(profile.directory());
    if (action == QLatin1String("show") || action == QLatin1String("test")) {
        const Configuration configuration = loadConfiguration(file, err);
        auto found = findAccount(configuration, invocation.arguments.at(1));
        if (!found) {
            return complain(err, found.error().code, found.error().message);
        }
        if (action == QLatin1String("test")) {
            return testPolicy(invocation, profile, **found, out, err);
        }
        if (invocation.json) {
            printJson(out, Policy::toJson((*found)->policy));
        } else {
            printPolicy(out, (*found)->policy);
        }
        return ExitCode::Ok;
    }

    auto policy = action == QLatin1String("apply-template") ? templatePolicy(invocation)
                                                            : filePolicy(invocation, err);
    if (!policy) {
        return complain(err, policy.error().code, policy.error().message);
    }
    QString name;
    auto changed = changeConfiguration(file, [&](Configuration &configuration) -> Step<bool> {
        auto found = findAccount(configuration, invocation.arguments.at(1));
        if (!found) {
            return tl::unexpected(found.error());
        }
        name = (*found)->name;
        configuration.find(name)->policy = *policy;
        return true;
    });
    if (!changed) {
        return complain(err, changed.error().code, changed.error().message);
    }
    out << "policy of " << name << ": "
        << (policy->templateName.isEmpty() ? QStringLiteral("custom") : policy->templateName)
        << ", " << policy->rules.size() << " rule(s)\n";
    return ExitCode::Ok;
}

} // namespace Postern::Cli
