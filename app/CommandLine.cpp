#include "CommandLine.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <optional>

namespace Postern::Cli {

namespace {

struct OptionSpec
{
    const char *name;
    const char *shortName;
    const char *valueName; // nullptr for a flag
    const char *help;
};

const OptionSpec optionSpecs[] = {
        {"json", nullptr, nullptr, "Write machine-readable JSON."},
        {"key", nullptr, "KEY", "A key file (PKCS#12 or PEM); may be repeated."},
        {"pass-file", nullptr, "FILE",
         "Read the key file's passphrase from the first line of FILE."},
        {"trust", nullptr, "CA",
         "Trust the certificates in CA (PEM or DER) as roots; may be repeated."},
        {"no-system-roots", nullptr, nullptr, "Do not trust the system's certificate authorities."},
        {"output", "o", "OUT", "Write to OUT instead of standard output."},
        {"entity-only", nullptr, nullptr, "Write only the innermost content entity, byte-exact."},
        {"to", nullptr, "RECIPIENT",
         "encrypt: a certificate file or an address in the store; policy test: an envelope "
         "recipient. May be repeated."},
        {"encrypt-to", nullptr, "CERT",
         "Also encrypt the signed message to CERT; may be repeated."},
        {"cipher", nullptr, "NAME",
         "aes256-cbc (default), aes192-cbc, aes128-cbc, aes128-gcm or aes256-gcm."},
        {"oaep", nullptr, nullptr, "Use RSA-OAEP (SHA-256) for RSA recipients."},
        {"opaque", nullptr, nullptr, "Sign as opaque signed-data instead of multipart/signed."},
        {"store-pass-file", nullptr, "FILE",
         "Read the certificate store's passphrase from the first line of FILE."},
        {"p12", nullptr, nullptr, "Export the identity (certificate and private key) as PKCS#12."},
        {"legacy-p12", nullptr, nullptr,
         "Export PKCS#12 in the old 3DES/SHA-1 scheme older programs need."},
        {"der", nullptr, nullptr, "Export the certificate as DER instead of PEM."},
        {"chain", nullptr, nullptr,
         "Export the certificate with the chain the store holds for it."},
        {"key-only", nullptr, nullptr, "Delete only the private key and keep the certificate."},
        {"level", nullptr, "LEVEL",
         "Trust level: trusted, untrusted, ask or default (default: trusted)."},
        {"name", nullptr, "NAME", "The name to put in a new certificate."},
        {"ec", nullptr, nullptr, "Make an EC P-256 key instead of RSA 3072."},
        {"address", nullptr, "ADDRESS", "An address the account sends as; may be repeated."},
        {"imap", nullptr, "HOST:PORT", "The account's IMAP server."},
        {"imap-security", nullptr, "MODE",
         "tls (implicit), starttls, or none (loopback servers only)."},
        {"imap-user", nullptr, "NAME",
         "The IMAP login name, when it is not one of the account's addresses."},
        {"clear-stored-copies", nullptr, nullptr,
         "Store Sent copies and drafts as the mail client wrote them, even when the policy "
         "encrypts the message (default: encrypted to the account's own certificate)."},
        {"smtp", nullptr, "HOST:PORT", "The account's SMTP server."},
        {"smtp-security", nullptr, "MODE",
         "tls (implicit), starttls, or none (loopback servers only)."},
        {"ca-file", nullptr, "PEM",
         "Trust this root, or pin this self-signed server certificate, for the account's "
         "servers; may be repeated."},
        {"identity", nullptr, "CERT-ID", "The store identity the account signs and decrypts with."},
        {"imap-listen", nullptr, "PORT",
         "The loopback port of the account's IMAP proxy (default: a free one, kept)."},
        {"smtp-listen", nullptr, "PORT",
         "The loopback port of the account's SMTP proxy (default: a free one, kept)."},
        {"imap-listen-tls", nullptr, "PORT",
         "Also serve the account's IMAP proxy with implicit TLS on this loopback port."},
        {"smtp-listen-tls", nullptr, "PORT",
         "Also serve the account's SMTP proxy with implicit TLS on this loopback port."},
        {"template", nullptr, "TEMPLATE",
         "The new account's policy template (default: encrypt-when-possible)."},
        {"domain", nullptr, "DOMAIN", "encrypt-domains: a domain to encrypt to; may be repeated."},
        {"fallback", nullptr, "MODE",
         "encrypt-when-possible: clear, split or block when a recipient has no certificate."},
        {"from", nullptr, "ADDRESS", "The envelope sender (default: the From header)."},
        {"unlock-timeout", nullptr, "SECONDS",
         "Keep the store unlocked for SECONDS after the passphrase was given (0: until Postern "
         "ends)."},
        {"disk-cache", nullptr, "on|off",
         "Keep decrypted messages between runs in a cache on disk, sealed under a key from the "
         "certificate store (default: off; off deletes the cache)."},
        {"disk-cache-size", nullptr, "MB",
         "The most disk the cache of decrypted messages may take (default: 1024)."},
};

struct CommandSpec
{
    const char *name;
    const char *summary;
    const char *argumentHelp;
    QList<const char *> options;
    const char *syntax = "FILE"; // the positional arguments, as --help shows them
    int minimumArguments = 1;
    int maximumArguments = 1; // -1: any number
};

const QList<CommandSpec> &commands()
{
    static const QList<CommandSpec> list = {
            {"inspect",
             "Show the structure, headers and security layers of a message.",
             "The message (.eml), or a bare .p7m/.p7s file.",
             {"json", "key", "pass-file", "store-pass-file", "trust", "no-system-roots"}},
            {"decrypt",
             "Decrypt a message and write the result.",
             "The encrypted message.",
             {"key", "pass-file", "store-pass-file", "trust", "no-system-roots", "output",
              "entity-only"}},
            {"verify",
             "Check every signature of a message.",
             "The signed message.",
             {"json", "key", "pass-file", "store-pass-file", "trust", "no-system-roots"}},
            {"encrypt",
             "Encrypt a message to certificates (files, or addresses found in the store).",
             "The message to encrypt.",
             {"to", "cipher", "oaep", "output"}},
            {"sign",
             "Sign a message, optionally encrypting it too.",
             "The message to sign.",
             {"key", "pass-file", "store-pass-file", "opaque", "encrypt-to", "cipher", "oaep",
              "output"}},
            {"convert-invitation",
             "Turn an invitation into a message with the event as an invite.ics attachment.",
             "The invitation message.",
             {"output"}},
            {"cert",
             "Manage the certificate store: import, list, show, export, delete, trust, generate, "
             "request, settings, remember-passphrase, forget-passphrase.",
             "import FILE... | list [QUERY] | show ID | export ID | delete ID | trust ID | "
             "generate ADDRESS | "
             "request ID | settings | remember-passphrase | forget-passphrase",
             {"json", "pass-file", "store-pass-file", "p12", "legacy-p12", "der", "chain", "output",
              "key-only", "level", "name", "ec", "unlock-timeout", "disk-cache", "disk-cache-size"},
             "ACTION [ARGUMENT...]",
             1,
             -1},
            {"account",
             "Manage the mail accounts Postern serves: add, list, show, remove.",
             "add NAME | list | show NAME | remove NAME",
             {"json", "address", "imap", "imap-security", "imap-user", "smtp", "smtp-security",
              "ca-file", "identity", "imap-listen", "smtp-listen", "imap-listen-tls",
              "smtp-listen-tls", "clear-stored-copies", "template"},
             "ACTION [NAME]",
             1,
             2},
            {"policy",
             "Show, set and try an account's messaging policy.",
             "show NAME | apply-template NAME TEMPLATE | set NAME FILE.json | "
             "test NAME MESSAGE.eml | templates",
             {"json", "domain", "fallback", "to", "from"},
             "ACTION [ARGUMENT...]",
             1,
             3},
    };
    return list;
}

const CommandSpec *findCommand(const QString &name)
{
    for (const CommandSpec &spec : commands()) {
        if (name == QLatin1String(spec.name)) {
            return &spec;
        }
    }
    return nullptr;
}

const OptionSpec *findOption(const char *name)
{
    for (const OptionSpec &spec : optionSpecs) {
        if (qstrcmp(spec.name, name) == 0) {
            return &spec;
        }
    }
    return nullptr;
}

QCommandLineOption toOption(const OptionSpec &spec)
{
    QStringList names;
    if (spec.shortName != nullptr) {
        names.append(QLatin1String(spec.shortName));
    }
    names.append(QLatin1String(spec.name));
    return spec.valueName != nullptr ? QCommandLineOption(names, QLatin1String(spec.help),
                                                          QLatin1String(spec.valueName))
                                     : QCommandLineOption(names, QLatin1String(spec.help));
}

const QCommandLineOption profileOption(
        QStringList{QStringLiteral("profile")},
        QStringLiteral(
                "Use DIR as the profile directory instead of POSTERN_PROFILE or the default."),
        QStringLiteral("DIR"));
const QCommandLineOption verboseOption(QStringList{QStringLiteral("verbose")},
                                       QStringLiteral("Log debug messages."));
const QCommandLineOption headlessOption(QStringList{QStringLiteral("headless")},
                                        QStringLiteral("Run the proxies without a window."));
const QCommandLineOption stopTimeoutOption(
        QStringList{QStringLiteral("stop-timeout")},
        QStringLiteral("On SIGTERM, wait at most SECONDS for messages in flight to be relayed "
                       "(default: 30)."),
        QStringLiteral("SECONDS"));

// Options of the program itself that take a value: their value is not the subcommand.
bool takesValue(const QString &argument)
{
    for (const char *name : {"profile", "store-pass-file", "stop-timeout"}) {
        const QLatin1String option(name);
        if (argument == QLatin1String("--") + option || argument == QLatin1String("-") + option) {
            return true;
        }
    }
    return false;
}

// The subcommand is the first argument that is neither an option nor an option's value.
int commandIndex(const QStringList &arguments)
{
    for (int index = 1; index < arguments.size(); ++index) {
        const QString &argument = arguments.at(index);
        if (takesValue(argument)) {
            ++index;
            continue;
        }
        if (!argument.startsWith(QLatin1Char('-'))) {
            return index;
        }
    }
    return -1;
}

// QCommandLineParser names the program after argv[0], or "<executable_name>" while no
// application object exists (the command line is parsed before one is made); the help speaks
// of the command people type.
QString helpText(const QCommandLineParser &parser)
{
    QString text = parser.helpText();
    const QLatin1String usage("Usage: ");
    if (text.startsWith(usage)) {
        const qsizetype end = text.indexOf(QLatin1Char(' '), usage.size());
        if (end > 0) {
            text.replace(usage.size(), end - usage.size(), QStringLiteral("postern"));
        }
    }
    return text;
}

QString globalHelp(QCommandLineParser &parser)
{
    QString text = helpText(parser);
    text += QStringLiteral("\nCommands:\n");
    for (const CommandSpec &spec : commands()) {
        text += QStringLiteral("  %1  %2\n")
                        .arg(QLatin1String(spec.name), -10)
                        .arg(QLatin1String(spec.summary));
    }
    text += QStringLiteral("\nRun 'postern COMMAND --help' for a command's options.\n");
    return text;
}

// --pass-file opens a file the command names (a --key file, a file to import) or protects one it
// writes (a PKCS#12 export); people easily take it for the store's passphrase, and a passphrase
// that silently goes nowhere leaves them guessing why the store asks again or stays locked.
std::optional<QString> misplacedPassFile(const Invocation &invocation)
{
    if (!invocation.isSet(QStringLiteral("pass-file"))) {
        return std::nullopt;
    }
    const QString storeHint = QStringLiteral("; the store's passphrase is --store-pass-file");
    if (invocation.command == QLatin1String("cert")) {
        const QString action = invocation.arguments.value(0);
        const bool p12 = invocation.isSet(QStringLiteral("p12"))
                         || invocation.isSet(QStringLiteral("legacy-p12"));
        if (action == QLatin1String("import") || (action == QLatin1String("export") && p12)) {
            return std::nullopt;
        }
        return QStringLiteral("--pass-file is the password of the file 'cert import' reads or "
                              "of a 'cert export --p12'")
               + storeHint;
    }
    if (!invocation.isSet(QStringLiteral("key"))) {
        return QStringLiteral("--pass-file is the password of the --key file, and no --key is "
                              "given")
               + storeHint;
    }
    return std::nullopt;
}

} // namespace

QStringList commandNames()
{
    QStringList names;
    for (const CommandSpec &spec : commands()) {
        names.append(QLatin1String(spec.name));
    }
    return names;
}

tl::expected<Invocation, UsageError> parseCommandLine(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
            "Postern protects mail with S/MIME on your own machine and keeps encrypted "
            "meeting invitations working."));
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOption(profileOption);
    parser.addOption(verboseOption);

    const int index = commandIndex(arguments);
    const CommandSpec *spec = nullptr;
    if (index >= 0) {
        spec = findCommand(arguments.at(index));
        if (spec == nullptr) {
            return tl::unexpected(UsageError{
                    QStringLiteral("unknown command '%1' (known: %2)")
                            .arg(arguments.at(index), commandNames().join(QStringLiteral(", ")))});
        }
        parser.addPositionalArgument(QLatin1String(spec->name), QLatin1String(spec->summary));
        parser.addPositionalArgument(QLatin1String(spec->syntax),
                                     QLatin1String(spec->argumentHelp));
        for (const char *name : spec->options) {
            parser.addOption(toOption(*findOption(name)));
        }
    } else {
        parser.addOption(headlessOption);
        parser.addOption(toOption(*findOption("store-pass-file")));
        parser.addOption(stopTimeoutOption);
    }

    if (!parser.parse(arguments)) {
        return tl::unexpected(UsageError{parser.errorText()});
    }

    Invocation invocation;
    invocation.profileDirectory = parser.value(profileOption);
    invocation.verbose = parser.isSet(verboseOption);

    if (parser.isSet(QStringLiteral("help"))) {
        invocation.mode = Invocation::Mode::Help;
        invocation.helpText = spec != nullptr ? helpText(parser) : globalHelp(parser);
        return invocation;
    }
    if (parser.isSet(QStringLiteral("version"))) {
        invocation.mode = Invocation::Mode::Version;
        return invocation;
    }
    if (parser.isSet(profileOption) && invocation.profileDirectory.isEmpty()) {
        return tl::unexpected(UsageError{QStringLiteral("--profile needs a directory")});
    }

    if (spec == nullptr) {
        if (parser.isSet(QStringLiteral("store-pass-file"))) {
            invocation.options.insert(QStringLiteral("store-pass-file"),
                                      parser.values(QStringLiteral("store-pass-file")));
        }
        if (parser.isSet(stopTimeoutOption)) {
            bool ok = false;
            const int seconds = parser.value(stopTimeoutOption).toInt(&ok);
            if (!ok || seconds < 0 || seconds > maximumStopTimeout) {
                return tl::unexpected(UsageError{
                        QStringLiteral("--stop-timeout needs a number of seconds from 0 to %1")
                                .arg(maximumStopTimeout)});
            }
            invocation.options.insert(QStringLiteral("stop-timeout"),
                                      parser.values(stopTimeoutOption));
        }
        invocation.mode =
                parser.isSet(headlessOption) ? Invocation::Mode::Headless : Invocation::Mode::Gui;
        return invocation;
    }

    invocation.mode = Invocation::Mode::Command;
    invocation.command = QLatin1String(spec->name);
    invocation.arguments = parser.positionalArguments().mid(1);
    for (const char *name : spec->options) {
        const QString option = QLatin1String(name);
        if (parser.isSet(option)) {
            const OptionSpec *optionSpec = findOption(name);
            invocation.options.insert(option, optionSpec->valueName != nullptr
                                                      ? parser.values(option)
                                                      : QStringList());
        }
    }
    invocation.json = invocation.isSet(QStringLiteral("json"));
    const auto count = invocation.arguments.size();
    if (count < spec->minimumArguments
        || (spec->maximumArguments >= 0 && count > spec->maximumArguments)) {
        return tl::unexpected(UsageError{
                spec->maximumArguments == 1
                        ? QStringLiteral("'%1' needs exactly one FILE")
                                  .arg(QLatin1String(spec->name))
                        : QStringLiteral("'%1' needs %2")
                                  .arg(QLatin1String(spec->name), QLatin1String(spec->syntax))});
    }
    if (invocation.command == QLatin1String("encrypt") && !invocation.isSet(QStringLiteral("to"))) {
        return tl::unexpected(UsageError{QStringLiteral("'encrypt' needs at least one --to CERT")});
    }
    if (auto misplaced = misplacedPassFile(invocation)) {
        return tl::unexpected(UsageError{*misplaced});
    }
    return invocation;
}

} // namespace Postern::Cli
