#pragma once

#include "app/CommandLine.h"
#include "app/ExitCode.h"

class QTextStream;

namespace Postern {
class Profile;
} // namespace Postern

namespace Postern::Cli {

/** `postern cert ACTION …`: the certificate store from the command line. */
ExitCode runCertCommand(const Invocation &invocation,
                        const Profile &profile,
                        QTextStream &out,
                        QTextStream &err);

} // namespace Postern::Cli
