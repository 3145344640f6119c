#include "MessageCache.h"

#include "core/imap/DiskCache.h"
#include "core/imap/MessageView.h"

namespace Postern::Imap {

namespace {

qsizetype costOf(const MessageCache::Entry &entry, const QString &key)
{
    // The bookkeeping counts too, so that many small failures cannot grow without bound.
    constexpr qsizetype overhead = 256;
    return overhead + key.size() * 2 + entry.problem.size() * 2
           + (entry.view ? entry.view->memoryCost() : 0);
}

} // namespace

MessageCache::MessageCache(qsizetype budget)
    : m_budget(budget)
{
}

MessageCache::~MessageCache() = default;

void MessageCache::setDisk(std::unique_ptr<DiskCache> disk)
{
    m_disk = std::move(disk);
}

QString
MessageCache::key(const QString &user, const QString &mailbox, quint32 uidValidity, quint32 uid)
{
    return user + QLatin1Char('\n') + mailbox + QLatin1Char('\n') + QString::number(uidValidity)
           + QLatin1Char('\n') + QString::number(uid);
}

std::optional<MessageCache::Entry> MessageCache::find(const QString &key, bool onDisk)
{
    const auto found = m_index.constFind(key);
    if (found != m_index.constEnd()) {
        m_order.splice(m_order.begin(), m_order, *found);
        return (*found)->entry;
    }
    if (!m_disk || !onDisk) {
        return std::nullopt;
    }
    std::optional<QByteArray> stored = m_disk->read(key);
    if (!stored) {
        return std::nullopt;
    }
    Entry entry{std::make_shared<const MessageView>(std::move(*stored)), QString()};
    remember(key, entry);
    return entry;
}

void MessageCache::insert(const QString &key, Entry entry)
{
    // Only views go to disk: a problem (no key yet, say) is worth trying again after a restart.
    if (m_disk && entry.view && entry.view->servesBytesAsGiven()) {
        m_disk->write(key, entry.view->bytes());
    }
    remember(key, std::move(entry));
}

void MessageCache::remember(const QString &key, Entry entry)
{
    const auto found = m_index.constFind(key);
    if (found != m_index.constEnd()) {
        m_cost -= (*found)->cost;
        m_order.erase(*found);
        m_index.remove(key);
    }
    Node node;
    node.key = key;
    node.cost = costOf(entry, key);
    node.entry = std::move(entry);
    m_cost += node.cost;
    m_order.push_front(std::move(node));
    m_index.insert(key, m_order.begin());
    trim();
}

void MessageCache::clear()
{
    m_order.clear();
    m_index.clear();
    m_cost = 0;
    if (m_disk) {
        m_disk->clear();
    }
}

void MessageCache::setBudget(qsizetype budget)
{
    m_budget = budget;
    trim();
}

void MessageCache::trim()
{
    // The newest entry stays even when it alone is over budget: the session serving it holds
    // it anyway, and the next fetch of it should not decrypt again.
    while (m_cost > m_budget && m_order.size() > 1) {
        const Node &last = m_order.back();
        m_cost -= last.cost;
        m_index.remove(last.key);
        m_order.pop_back();
    }
}

} // namespace Postern::Imap
