#pragma once

#include <QHash>
#include <QString>

#include <functional>
#include <list>
#include <memory>
#include <optional>

namespace Postern::Imap {

class DiskCache;
class MessageView;

/**
 * Decrypted messages by account, mailbox, UIDVALIDITY and UID, so that a client's second
 * fetch of a message is served without decrypting again. Bounded by the bytes it holds; the
 * least recently used go first. Nothing is written to disk unless a DiskCache is attached,
 * which keeps the decrypted messages sealed there between runs (never in clear); a message
 * found only there is read back into memory.
 *
 * A decrypted message carries the verdict on its signature, which depends on the certificates
 * and trust of the moment: with a state source (CertificateStore::stateFingerprint()), the
 * memory is emptied whenever that state changes, as the disk tier is by its key.
 */
class MessageCache
{
public:
    struct Entry
    {
        std::shared_ptr<const MessageView> view; // null: served unchanged, for `problem`
        QString problem;
    };

    explicit MessageCache(qsizetype budget = 128LL * 1024 * 1024);
    ~MessageCache();
    MessageCache(const MessageCache &) = delete;
    MessageCache &operator=(const MessageCache &) = delete;

    static QString
    key(const QString &user, const QString &mailbox, quint32 uidValidity, quint32 uid);

    /** The entry for @p key, from memory or, when @p onDisk, from the disk tier. */
    std::optional<Entry> find(const QString &key, bool onDisk = true);
    /** Keeps @p entry in memory and, when @p onDisk and it is a view, on the disk tier. */
    void insert(const QString &key, Entry entry, bool onDisk = true);
    /** Forgets every message held in memory; the disk tier goes by its own key. */
    void clear();

    void setStateSource(std::function<QByteArray()> state) { m_stateSource = std::move(state); }

    /** The on-disk tier; null: memory only. Turning it off leaves its files to the caller. */
    void setDisk(std::unique_ptr<DiskCache> disk);

    DiskCache *disk() const { return m_disk.get(); }

    qsizetype cost() const { return m_cost; }

    qsizetype budget() const { return m_budget; }

    void setBudget(qsizetype budget);

    int count() const { return static_cast<int>(m_index.size()); }

private:
    struct Node
    {
        QString key;
        Entry entry;
        qsizetype cost = 0;
        qint64 touched = 0; // when the disk tier last learnt of a use, ms since the epoch
    };

    void trim();
    void checkState();
    Node &remember(const QString &key, Entry entry);

    std::list<Node> m_order; // most recently used first
    QHash<QString, std::list<Node>::iterator> m_index;
    qsizetype m_budget;
    qsizetype m_cost = 0;
    std::unique_ptr<DiskCache> m_disk;
    std::function<QByteArray()> m_stateSource;
    QByteArray m_state;
};

} // namespace Postern::Imap
