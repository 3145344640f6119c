#pragma once

#include "core/policy/Account.h"

#include <optional>

namespace Postern::Policy {

/** Why the accounts file could not be used, precisely enough to fix it by hand. */
struct FileProblem
{
    QString file;
    int line = 0;   // 1-based; 0 when the problem has no place in the text
    int column = 0; // 1-based
    QString field;  // e.g. accounts[0].policy.rules[2].action.type
    QString reason;

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
 */
class AccountsFile
{
public:
    explicit AccountsFile(QString path);

    /** The accounts file of the profile in @p profileDirectory. */
    static AccountsFile inProfile(const QString &profileDirectory);

    struct Loaded
    {
        Configuration configuration;
        std::optional<FileProblem> problem; // set when the file itself could not be used
        bool fromLastGood = false;          // the configuration is the last good version
    };

    Loaded load() const;

    /** Checks and writes @p configuration. */
    tl::expected<bool, FileProblem> save(const Configuration &configuration) const;

    QString path() const { return m_path; }

    QString backupPath() const;
    QString lastGoodPath() const;

    /** Where a field path such as `accounts[0].smtp.port` lies in @p json: 1-based line and
     *  column, or {0, 0} when it is not there. */
    static std::pair<int, int> locate(const QByteArray &json, const QString &field);

    /** A member name that appears twice in one object of @p json (well-formed JSON), which
     *  parsers would silently resolve by keeping one of the two. */
    static std::optional<FileProblem> duplicateField(const QByteArray &json, const QString &file);

private:
    tl::expected<Configuration, FileProblem> read(const QString &path) const;

    QString m_path;
};

} // namespace Postern::Policy
