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

#include <tuple>

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

/** The configuration to change or show; a broken file stops changes but not reading. */
Step<Configuration> loadConfiguration(const AccountsFile &file, bool forChange, QTextStream &err)
{
    const AccountsFile::Loaded loaded = file.load();
    if (loaded.problem) {
        if (forChange) {
            return failure(ExitCode::ProfileUnusable,
                           loaded.problem->toString()
                                   + QStringLiteral("; nothing was changed, fix or remove the file "
                                                    "first"));
        }
        err << "postern: " << loaded.problem->toString() << Qt::endl;
        if (loaded.fromLastGood) {
            err << "postern: showing the last good version, " << file.lastGoodPath() << Qt::endl;
        }
    }
    return loaded.configuration;
}

Step<bool> saveConfiguration(const AccountsFile &file, const Configuration &configuration)
{
    auto saved = file.save(configuration);
    if (!saved) {
        return failure(ExitCode::ProfileUnusable, saved.error().toString());
    }
    return true;
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

// A port given on the command line: in range, not an account's already (a conflict with the
// configuration, not a typing mistake), and free on the machine.
Step<quint16>
listenPort(const Invocation &invocation, const char *option, const Configuration &taken)
{
    const QString text = invocation.value(QLatin1String(option));
    bool ok = false;
    const uint port = text.toUInt(&ok);
    if (!ok || port < 1024 || port > 65535) {
        return failure(ExitCode::Usage,
                       QStringLiteral("--%1 needs a port from 1024 to 65535, not '%2'")
                               .arg(QLatin1String(option), text));
    }
    if (const QString owner = portOwner(taken, static_cast<quint16>(port)); !owner.isEmpty()) {
        return failure(ExitCode::Conflict, QStringLiteral("--%1: port %2 is already used by %3")
                                                   .arg(QLatin1String(option))
                                                   .arg(port)
                                                   .arg(owner));
    }
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, static_cast<quint16>(port))) {
        return failure(
                ExitCode::Usage,
                QStringLiteral("--%1: port %2 on 127.0.0.1 is in use by another program (%3)")
                        .arg(QLatin1String(option))
                        .arg(port)
                        .arg(probe.errorString()));
    }
    return static_cast<quint16>(port);
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

// The proxies of a running Postern read the accounts file when they start and on SIGHUP.
void reloadHint(QTextStream &out)
{
    out << "A running Postern uses this after a restart, or 'kill -HUP' on a headless one.\n";
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
        return failure(ExitCode::Usage,
                       QStringLiteral("--%1: %2").arg(option, server.error().reason));
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

ExitCode
add(const Invocation &invocation, const Profile &profile, QTextStream &out, QTextStream &err)
{
    const QString name = invocation.arguments.value(1).trimmed();
    if (name.isEmpty() || invocation.arguments.size() != 2) {
        return complain(err, ExitCode::Usage, QStringLiteral("'account add' needs one NAME"));
    }
    const AccountsFile file = AccountsFile::inProfile(profile.directory());
    auto configuration = loadConfiguration(file, true, err);
    if (!configuration) {
        return complain(err, configuration.error().code, configuration.error().message);
    }
    if (const Account *existing = configuration->find(name); existing != nullptr) {
        return complain(err, ExitCode::Conflict,
                        QStringLiteral("an account named '%1' exists already").arg(existing->name));
    }

    Account account;
    account.name = name;
    for (const QString &address : invocation.values(QStringLiteral("address"))) {
        account.addresses.append(Policy::normaliseAddress(address));
    }
    if (account.addresses.isEmpty()) {
        return complain(err, ExitCode::Usage,
                        QStringLiteral("'account add' needs at least one --address"));
    }
    // Mail from one address must go through one account's policy; the proxies could not tell
    // which of two to apply.
    for (const QString &address : std::as_const(account.addresses)) {
        for (const Account &other : std::as_const(configuration->accounts)) {
            if (other.addresses.contains(address)) {
                return complain(err, ExitCode::Conflict,
                                QStringLiteral("%1 already belongs to account '%2'")
                                        .arg(address, other.name));
            }
        }
    }
    auto imap = serverOption(invocation, "imap");
    auto smtp = serverOption(invocation, "smtp");
    for (const auto *server : {&imap, &smtp}) {
        if (!*server) {
            return complain(err, server->error().code, server->error().message);
        }
    }
    account.imap = *imap;
    account.smtp = *smtp;
    account.imap.user = invocation.value(QStringLiteral("imap-user")).trimmed();
    account.encryptStoredCopies = !invocation.isSet(QStringLiteral("clear-stored-copies"));
    auto pems = caCertificates(invocation);
    if (!pems) {
        return complain(err, pems.error().code, pems.error().message);
    }
    account.caCertificates = *pems;
    if (invocation.isSet(QStringLiteral("identity"))) {
        auto identity = identityOption(invocation, profile);
        if (!identity) {
            return complain(err, identity.error().code, identity.error().message);
        }
        account.identity = *identity;
    }

    // Each port is checked against the other accounts' and the ones this account got before
    // it, so one port is never given twice.
    Configuration taken = *configuration;
    taken.accounts.append(account);
    Account &ports = taken.accounts.last();
    for (const auto &[option, port, first] :
         {std::tuple{"imap-listen", &Account::imapListen, firstImapPort},
          std::tuple{"smtp-listen", &Account::smtpListen, firstSmtpPort},
          std::tuple{"imap-listen-tls", &Account::imapListenTls, quint16{0}},
          std::tuple{"smtp-listen-tls", &Account::smtpListenTls, quint16{0}}}) {
        if (invocation.isSet(QLatin1String(option))) {
            auto chosen = listenPort(invocation, option, taken);
            if (!chosen) {
                return complain(err, chosen.error().code, chosen.error().message);
            }
            ports.*port = *chosen;
        } else if (first != 0) {
            ports.*port = Policy::choosePort(taken, first);
        }
    }
    account.imapListen = ports.imapListen;
    account.smtpListen = ports.smtpListen;
    account.imapListenTls = ports.imapListenTls;
    account.smtpListenTls = ports.smtpListenTls;
    if (account.imapListen == 0 || account.smtpListen == 0) {
        return complain(err, ExitCode::Failure,
                        QStringLiteral("no free loopback port is left for the proxies"));
    }

    const QString templateName = invocation.isSet(QStringLiteral("template"))
                                         ? invocation.value(QStringLiteral("template"))
                                         : QStringLiteral("encrypt-when-possible");
    auto policy = Policy::makeTemplate(templateName);
    if (!policy) {
        return complain(err, ExitCode::Usage, policy.error().reason);
    }
    account.policy = *policy;

    configuration->accounts.append(account);
    if (auto valid = Policy::validate(*configuration); !valid) {
        const QString field = valid.error().field.section(QLatin1Char('.'), 1);
        return complain(err, ExitCode::Usage,
                        QStringLiteral("%1 %2").arg(field, valid.error().reason));
    }
    auto saved = saveConfiguration(file, *configuration);
    if (!saved) {
        return complain(err, saved.error().code, saved.error().message);
    }
    out << "added account " << account.name << ": IMAP on 127.0.0.1:" << account.imapListen
        << ", SMTP on 127.0.0.1:" << account.smtpListen << ", policy " << templateName << "\n";
    reloadHint(out);
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

const Account *
findAccount(const Configuration &configuration, const Invocation &invocation, QTextStream &err)
{
    const QString name = invocation.arguments.value(1);
    const Account *account = configuration.find(name);
    if (account == nullptr) {
        QStringList names;
        for (const Account &known : configuration.accounts) {
            names.append(known.name);
        }
        complain(err, ExitCode::BadData,
                 names.isEmpty()
                         ? QStringLiteral("no account named '%1'; there are no accounts yet")
                                   .arg(name)
                         : QStringLiteral("no account named '%1' (accounts: %2)")
                                   .arg(name, names.join(QStringLiteral(", "))));
    }
    return account;
}

ExitCode removeAccount(const Invocation &invocation,
                       const Profile &profile,
                       QTextStream &out,
                       QTextStream &err)
{
    const AccountsFile file = AccountsFile::inProfile(profile.directory());
    auto configuration = loadConfiguration(file, true, err);
    if (!configuration) {
        return complain(err, configuration.error().code, configuration.error().message);
    }
    const Account *account = findAccount(*configuration, invocation, err);
    if (account == nullptr) {
        return ExitCode::BadData;
    }
    const QString name = account->name;
    configuration->accounts.removeIf(
            [&](const Account &candidate) { return candidate.name == name; });
    auto saved = saveConfiguration(file, *configuration);
    if (!saved) {
        return complain(err, saved.error().code, saved.error().message);
    }
    out << "removed account " << name << "\n";
    reloadHint(out);
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
    auto configuration = loadConfiguration(file, false, err);
    if (!configuration) {
        return complain(err, configuration.error().code, configuration.error().message);
    }
    if (action == QLatin1String("list")) {
        if (invocation.json) {
            QJsonArray array;
            for (const Account &account : configuration->accounts) {
                array.append(accountJson(account));
            }
            printJson(out, array);
        } else {
            for (const Account &account : configuration->accounts) {
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
    const Account *account = findAccount(*configuration, invocation, err);
    if (account == nullptr) {
        return ExitCode::BadData;
    }
    if (invocation.json) {
        printJson(out, accountJson(*account));
    } else {
        printAccount(out, *account);
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
    const Policy::Decision decision =
            Policy::decide(account.policy, *facts, [&certificates](const QString &address) {
                return certificates.encryptionCertificateFor(address).has_value();
            });
    if (facts->recipients.isEmpty()) {
        err << "postern: warning: the message has no recipients (no To, Cc or Bcc); give them "
               "with --to\n";
    }
    if (invocation.json) {
        QJsonObject object = Policy::toJson(decision);
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
    const bool changes =
            action == QLatin1String("apply-template") || action == QLatin1String("set");
    const AccountsFile file = AccountsFile::inProfile(profile.directory());
    auto configuration = loadConfiguration(file, changes, err);
    if (!configuration) {
        return complain(err, configuration.error().code, configuration.error().message);
    }
    const Account *found = findAccount(*configuration, invocation, err);
    if (found == nullptr) {
        return ExitCode::BadData;
    }
    if (action == QLatin1String("show")) {
        if (invocation.json) {
            printJson(out, Policy::toJson(found->policy));
        } else {
            printPolicy(out, found->policy);
        }
        return ExitCode::Ok;
    }
    if (action == QLatin1String("test")) {
        return testPolicy(invocation, profile, *found, out, err);
    }

    Policy::Policy policy;
    if (action == QLatin1String("apply-template")) {
        if (invocation.arguments.size() != 3) {
            return complain(
                    err, ExitCode::Usage,
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
                return complain(err, ExitCode::Usage,
                                QStringLiteral("--fallback must be clear, split or block, not '%1'")
                                        .arg(fallback));
            }
        }
        auto made = Policy::makeTemplate(invocation.arguments.at(2), options);
        if (!made) {
            return complain(err, ExitCode::Usage, made.error().reason);
        }
        policy = *made;
    } else {
        const QString path = invocation.arguments.value(2);
        if (path.isEmpty() || invocation.arguments.size() != 3) {
            return complain(err, ExitCode::Usage, QStringLiteral("'policy set' needs NAME FILE"));
        }
        auto bytes = readFile(path);
        if (!bytes) {
            return complain(err, bytes.error().code, bytes.error().message);
        }
        QJsonParseError error{};
        const QJsonDocument document = QJsonDocument::fromJson(*bytes, &error);
        if (error.error != QJsonParseError::NoError) {
            const QByteArrayView before(bytes->constData(), error.offset);
            const qsizetype lineStart = before.lastIndexOf('\n') + 1;
            return complain(err, ExitCode::BadData,
                            QStringLiteral("%1:%2:%3: not valid JSON: %4")
                                    .arg(path)
                                    .arg(before.count('\n') + 1)
                                    .arg(error.offset - lineStart + 1)
                                    .arg(error.errorString()));
        }
        if (!document.isObject()) {
            return complain(err, ExitCode::BadData,
                            QStringLiteral("%1: a policy is a JSON object with \"rules\" and "
                                           "\"default\"")
                                    .arg(path));
        }
        if (const auto duplicate = AccountsFile::duplicateField(*bytes, path)) {
            return complain(err, ExitCode::BadData, duplicate->toString());
        }
        auto parsed = Policy::policyFromJson(document.object(), QString());
        if (!parsed) {
            const auto [line, column] = AccountsFile::locate(*bytes, parsed.error().field);
            return complain(err, ExitCode::BadData,
                            QStringLiteral("%1:%2:%3: %4 %5")
                                    .arg(path)
                                    .arg(line)
                                    .arg(column)
                                    .arg(parsed.error().field, parsed.error().reason));
        }
        policy = *parsed;
        // Kept for a newer Postern, but to a person writing the file they are most likely typos
        // that silently change what a rule means.
        for (const QString &field : unknownFields(policy)) {
            const auto [line, column] = AccountsFile::locate(*bytes, field);
            err << "postern: warning: " << path << ":" << line << ":" << column << ": " << field
                << " is not a field Postern knows; it is kept but has no effect\n";
        }
    }
    const QString name = found->name;
    configuration->find(name)->policy = policy;
    auto saved = saveConfiguration(file, *configuration);
    if (!saved) {
        return complain(err, saved.error().code, saved.error().message);
    }
    out << "policy of " << name << ": "
        << (policy.templateName.isEmpty() ? QStringLiteral("custom") : policy.templateName) << ", "
        << policy.rules.size() << " rule(s)\n";
    reloadHint(out);
    return ExitCode::Ok;
}

} // namespace Postern::Cli
