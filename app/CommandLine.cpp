#include "CommandLine.h"

#include <QCommandLineParser>
#include <QCoreApplication>

namespace Postern::Cli {

namespace {

struct CommandSpec
{
    const char *name;
    const char *summary;
    const char *argumentName;
    const char *argumentHelp;
    bool acceptsJson;
};

const CommandSpec commands[] = {
        {"inspect", "Show the structure, headers and security layers of a message.", "FILE",
         "The message (.eml) to inspect.", true},
};

const CommandSpec *findCommand(const QString &name)
{
    for (const CommandSpec &spec : commands) {
        if (name == QLatin1String(spec.name)) {
            return &spec;
        }
    }
    return nullptr;
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
const QCommandLineOption jsonOption(QStringList{QStringLiteral("json")},
                                    QStringLiteral("Write machine-readable JSON."));

void addGlobalOptions(QCommandLineParser &parser)
{
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOption(profileOption);
    parser.addOption(verboseOption);
}

// The subcommand is the first argument that is neither an option nor an option's value.
int commandIndex(const QStringList &arguments)
{
    for (int index = 1; index < arguments.size(); ++index) {
        const QString &argument = arguments.at(index);
        if (argument == QLatin1String("--profile") || argument == QLatin1String("-profile")) {
            ++index;
            continue;
        }
        if (!argument.startsWith(QLatin1Char('-'))) {
            return index;
        }
    }
    return -1;
}

QString globalHelp(QCommandLineParser &parser)
{
    QString text = parser.helpText();
    text += QStringLiteral("\nCommands:\n");
    for (const CommandSpec &spec : commands) {
        text += QStringLiteral("  %1  %2\n")
                        .arg(QLatin1String(spec.name), -10)
                        .arg(QLatin1String(spec.summary));
    }
    text += QStringLiteral("\nRun 'postern COMMAND --help' for a command's options.\n");
    return text;
}

} // namespace

QStringList commandNames()
{
    QStringList names;
    for (const CommandSpec &spec : commands) {
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
    addGlobalOptions(parser);

    Invocation invocation;
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
        parser.addPositionalArgument(QLatin1String(spec->argumentName),
                                     QLatin1String(spec->argumentHelp));
        if (spec->acceptsJson) {
            parser.addOption(jsonOption);
        }
    } else {
        parser.addOption(headlessOption);
    }

    if (!parser.parse(arguments)) {
        return tl::unexpected(UsageError{parser.errorText()});
    }

    invocation.profileDirectory = parser.value(profileOption);
    invocation.verbose = parser.isSet(verboseOption);

    if (parser.isSet(QStringLiteral("help"))) {
        invocation.mode = Invocation::Mode::Help;
        invocation.helpText = spec != nullptr ? parser.helpText() : globalHelp(parser);
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
        invocation.mode =
                parser.isSet(headlessOption) ? Invocation::Mode::Headless : Invocation::Mode::Gui;
        return invocation;
    }

    invocation.mode = Invocation::Mode::Command;
    invocation.command = QLatin1String(spec->name);
    invocation.arguments = parser.positionalArguments().mid(1);
    invocation.json = spec->acceptsJson && parser.isSet(jsonOption);
    if (invocation.arguments.size() != 1) {
        return tl::unexpected(UsageError{
                QStringLiteral("'%1' needs exactly one %2")
                        .arg(QLatin1String(spec->name), QLatin1String(spec->argumentName))});
    }
    return invocation;
}

} // namespace Postern::Cli
