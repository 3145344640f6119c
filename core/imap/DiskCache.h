#pragma once

#include "core/base/Secret.h"

#include <QByteArray>
#include <QString>

#include <functional>
#include <optional>

namespace Postern::Imap {

/**
 * Decrypted messages kept on disk between runs, never in clear: each is sealed (AES-256-GCM)
 * under a key derived from the certificate store's master key, with the cache key (user,
 * mailbox, UIDVALIDITY, UID) authenticated alongside, so an entry opens only for the message it
 * was written for and only while the store is unlocked. File names are keyed digests of the
 * cache key, so not even the mailbox names or UIDs can be read from the directory.
 *
 * Bounded by the bytes it holds: when a write goes over the budget, the entries least recently
 * used go until a tenth of the budget is free. An entry that cannot be opened (changed on disk,
 * truncated, sealed under an earlier passphrase) is deleted and counts as not cached; when the
 * key changes, every entry is deleted at the first use. Reading a file that is not the cache's
 * own is never attempted: only names it makes itself are opened.
 */
class DiskCache
{
public:
    /** The key the store gives now (see CertificateStore::derivedKey); nothing: locked. */
    using KeySource = std::function<std::optional<Secret>()>;

    static constexpr qint64 defaultBudget = 1024LL * 1024 * 1024;

    DiskCache(QString directory, KeySource key, qint64 budget = defaultBudget);

    QString directory() const { return m_directory; }

    qint64 budget() const { return m_budget; }

    /** The message stored for @p key, when the store is unlocked and the entry intact. */
    std::optional<QByteArray> read(const QString &key);

    /** Stores @p message for @p key; nothing happens while the store is locked. */
    void write(const QString &key, const QByteArray &message);

    /** Deletes every entry. */
    void clear();

    /** Bytes the entries take on disk. */
    qint64 size();

    /** Where a profile's IMAP proxies keep their caches, one folder each. */
    static QString profileFolder(const QString &profileDirectory);

    /** Removes a cache directory and everything in it, e.g. when the cache was turned off. */
    static bool remove(const QString &directory);

private:
    struct Keys
    {
        Secret names;
        Secret content;
    };

    std::optional<Keys> keys();
    QString entryPath(const Keys &keys, const QString &key) const;
    void scan();
    void trim();

    QString m_directory;
    KeySource m_key;
    qint64 m_budget;
    qint64 m_size = -1;      // -1: not counted yet
    QByteArray m_checkedKey; // the check value of the key the entries were found to match
    bool m_warned = false;   // a folder that cannot be written is reported once, not per message
};

} // namespace Postern::Imap
