#pragma once

#include "app/ExitCode.h"
#include "core/base/Result.h"

#include <QHash>
#include <QString>
#include <QStringList>

namespace Postern::Cli {

/** What the user asked the executable to do, parsed from its arguments. */
struct Invocation
{
    enum class Mode {
        Gui,
        Headless,
        Version,
        Help,
        Command,
    };

    Mode mode = Mode::Gui;
    QString command;
    QStringList arguments;
    QString profileDirectory;
    bool verbose = false;
    bool json = false;
    QString helpText;
    QHash<QString, QStringList> options; // a subcommand's options by long name, values in order

    bool isSet(const QString &name) const { return options.contains(name); }

    QStringList values(const QString &name) const { return options.value(name); }

    QString value(const QString &name) const
    {
        const QStringList all = values(name);
        return all.isEmpty() ? QString() : all.constLast();
    }
};

struct UsageError
{
    QString message;
};

/** The longest wait `--stop-timeout` accepts for messages in flight, in seconds. */
constexpr int maximumStopTimeout = 3600;

/** The subcommands `postern` knows, in the order `--help` lists them. */
QStringList commandNames();

/** Parses @p arguments (argv as strings, program name first). Needs no application object. */
tl::expected<Invocation, UsageError> parseCommandLine(const QStringList &arguments);

} // namespace Postern::Cli
