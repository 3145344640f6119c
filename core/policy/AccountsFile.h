#pragma once

#include "core/policy/Account.h"

#include <chrono>
#include <functional>
#include <memory>
#include <optional>

class QLockFile;

namespace Postern::Policy {

/** Why the accounts file could not be used, precisely enough to fix it by hand. */
struct FileProblem
{
    /** What it takes to get past the problem, so that a caller can say so (and the command
     *  line choose its exit status). */
    enum class Kind {
        Content, // the text does not parse or check (or would not after the change)
        Access,  // the file, its backup or its lock file cannot be read or written
        Busy,    // another process is changing the file and did not finish in time
    };

    QString file;
    int line = 0;   // 1-based; 0 when the problem has no place in the text
    int column = 0; // 1-based
    QString field;  // e.g. accounts[0].policy.rules[2].action.type
    QString reason;
    Kind kind = Kind::Content;

    QString toString() const;
};

/**
 * The profile's accounts and policies, `accounts.json`: versioned, human-readable JSON, written
 * whole to a temporary file and renamed into place. Each save keeps the version it replaces as
 * `accounts.json.bak`, and every successful load or save records `accounts.last-good.json`.
 *
 * A file that does not parse or check is never overwritten and never stops Postern: load()
 * reports exactly where it is wrong and falls back to the last good version, and save() refuses
 * until the file is fixed (or removed), so a hand edit in progress is never lost.
 *
 * Several processes change the file (the command line, the window, a person's script running
 * `postern account add` in parallel), so every write happens under an advisory lock on the
 * sibling `accounts.json.lock`. A change to what the file holds goes through update(), which
 * reads, changes and writes under that one lock, so that no process's change is lost.
 */
class AccountsFile
{
public:
    /** How long a change waits for another process's change to finish: far longer than any
     *  change takes, short enough that a stuck holder is reported rather than waited for. */
    static constexpr std::chrono::milliseconds defaultLockWait{10000};

    explicit AccountsFile(QString path);

    /** The accounts file of the profile in @p profileDirectory. */
    static AccountsFile inProfile(const QString &profileDirectory);

    struct Loaded
    {
        Configuration configuration;
        std::optional<FileProblem> problem; // set when the file itself could not be used
        bool fromLastGood = false;          // the configuration is the last good version
    };

    /** The configuration as the file holds it now. A problem is returned, not logged: the
     *  caller knows whether a person or a log should hear of it, and says it once. */
    Loaded load() const;

    /** Checks @p configuration and writes it in place of whatever the file holds. Only for a
     *  configuration that does not derive from the file; to change the file, use update(). */
    tl::expected<bool, FileProblem> save(const Configuration &configuration,
                                         std::chrono::milliseconds wait = defaultLockWait) const;

    /**
     * Reads the file, lets @p change edit the configuration and writes the result, holding the
     * lock throughout, so that a change another process makes at the same time is neither lost
     * nor interleaved. @p change returns false to leave the file as it is (it found nothing to
     * do, or a reason to stop that it keeps itself); it is not called when the file is broken or
     * the lock is not had within @p wait. Returns whether the file was written.
     */
    tl::expected<bool, FileProblem> update(const std::function<bool(Configuration &)> &change,
                                           std::chrono::milliseconds wait = defaultLockWait) const;

    QString path() const { return m_path; }

    QString backupPath() const;
    QString lastGoodPath() const;
    QString lockPath() const;

    /** Where a field path such as `accounts[0].smtp.port` lies in @p json: 1-based line and
     *  column, or {0, 0} when it is not there. */
    static std::pair<int, int> locate(const QByteArray &json, const QString &field);

    /** A member name that appears twice in one object of @p json (well-formed JSON), which
     *  parsers would silently resolve by keeping one of the two. */
    static std::optional<FileProblem> duplicateField(const QByteArray &json, const QString &file);

private:
    tl::expected<Configuration, FileProblem> read(const QString &path) const;
    tl::expected<std::unique_ptr<QLockFile>, FileProblem>
    lock(std::chrono::milliseconds wait) const;
    tl::expected<bool, FileProblem> write(const Configuration &configuration,
                                          const QByteArray &previous) const;

    QString m_path;
};

} // namespace Postern::Policy
