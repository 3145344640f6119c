#pragma once

#include "app/CommandLine.h"
#include "app/ExitCode.h"

class QTextStream;

namespace Postern {
class Profile;
} // namespace Postern

namespace Postern::Cli {

/** Runs a subcommand. Results go to @p out, one-line problem reports to @p err. */
ExitCode runCommand(const Invocation &invocation,
                    const Profile &profile,
                    QTextStream &out,
                    QTextStream &err);

} // namespace Postern::Cli
