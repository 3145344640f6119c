#include "MessageCache.h"

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

QString
MessageCache::key(const QString &user, const QString &mailbox, quint32 uidValidity, quint32 uid)
{
    return user + QLatin1Char('\n') + mailbox + QLatin1Char('\n') + QString::number(uidValidity)
           + QLatin1Char('\n') + QString::number(uid);
}

std::optional<MessageCache::Entry> MessageCache::find(const QString &key)
{
    const auto found = m_index.constFind(key);
    if (found == m_index.constEnd()) {
        return std::nullopt;
    }
    m_order.splice(m_order.begin(), m_order, *found);
    return (*found)->entry;
}

void MessageCache::insert(const QString &key, Entry entry)
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
