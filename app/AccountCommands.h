#pragma once

#include "app/CommandLine.h"
#include "app/ExitCode.h"

class QTextStream;

namespace Postern {
class Profile;
} // namespace Postern

namespace Postern::Cli {

/** `postern account ACTION …`: the mail accounts Postern stands in front of. */
ExitCode runAccountCommand(const Invocation &invocation,
                           const Profile &profile,
                           QTextStream &out,
                           QTextStream &err);

/** `postern policy ACTION …`: an account's messaging policy. */
ExitCode runPolicyCommand(const Invocation &invocation,
                          const Profile &profile,
                          QTextStream &out,
                          QTextStream &err);

} // namespace Postern::Cli
