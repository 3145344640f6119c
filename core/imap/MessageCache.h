#pragma once

#include <QHash>
#include <QString>

#include <list>
#include <memory>
#include <optional>

namespace Postern::Imap {

class MessageView;

/**
 * Decrypted messages by account, mailbox, UIDVALIDITY and UID, so that a client's second
 * fetch of a message is served without decrypting again. Bounded by the bytes it holds; the
 * least recently used go first. Nothing is ever written to disk.
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

    static QString
    key(const QString &user, const QString &mailbox, quint32 uidValidity, quint32 uid);

    std::optional<Entry> find(const QString &key);
    void insert(const QString &key, Entry entry);
    void clear();

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
    };

    void trim();

    std::list<Node> m_order; // most recently used first
    QHash<QString, std::list<Node>::iterator> m_index;
    qsizetype m_budget;
    qsizetype m_cost = 0;
};

} // namespace Postern::Imap
