#pragma once

namespace Postern::Cli {

/** Process exit statuses of the command line; documented in the README and the man page. */
enum class ExitCode : int {
    Ok = 0,
    Failure = 1,         // an internal or unexpected failure
    Usage = 2,           // unknown option, missing argument, unknown command
    InputUnreadable = 3, // a named file is missing or cannot be read or written
    ProfileUnusable = 4, // the profile directory cannot be used, or is in use
    BadData = 5,         // the input is not what the command can read (corrupt, not MIME)
    NoMatchingKey = 6,   // nothing to decrypt with: no key fits, or a wrong passphrase
    VerifyFailed = 7,    // a signature is invalid, untrusted or does not match
    NoDisplay = 8,       // the window was asked for where no display exists
    Conflict = 9,        // a name, address or port that another account already has
};

inline int toInt(ExitCode code)
{
    return static_cast<int>(code);
}

} // namespace Postern::Cli
