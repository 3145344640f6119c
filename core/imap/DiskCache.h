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
 * truncated, put in another's place) is deleted and counts as not cached; when the key changes
 * (the key source binds it to the store's passphrase and certificates), every entry is deleted
 * at the first use. Only names the cache makes itself are ever opened, and a folder that is a
 * symbolic link or a file is not used.
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

    /** Marks the entry for @p key as used now, as read() does, for one served from memory. */
    void touch(const QString &key);

    /** Stores @p message for @p key; nothing happens while the store is locked, or when the
     *  message is larger than largestEntry(). */
    void write(const QString &key, const QByteArray &message);

    /** Deletes every entry. */
    void clear();

    /** The largest entry kept: an eighth of the budget, and no more than 32 MB. */
    qint64 largestEntry() const;

    /** Bytes the entries take on disk. */
    qint64 size();

    /** Where a profile's IMAP proxies keep their caches, one folder each. */
    static QString profileFolder(const QString &profileDirectory);

    /** Removes a cache directory and everything in it, e.g. when the cache was turned off; a
     *  symbolic link there is removed, not followed. */
    static bool remove(const QString &directory);

private:
    struct Keys
    {
        Secret names;
        Secret content;
    };

    std::optional<Keys> keys();
    bool makeFolder() const;
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
