#include "MessageCache.h"

#include "core/base/Logging.h"
#include "core/imap/DiskCache.h"
#include "core/imap/MessageView.h"

#include <QDateTime>

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

void MessageCache::checkState()
{
    if (!m_stateSource) {
        return;
    }
    QByteArray state = m_stateSource();
    if (state != m_state) {
        if (!m_state.isEmpty() && !m_order.empty()) {
            qCInfo(lcImap) << "certificates or trust changed: decrypted messages are judged again";
        }
        clear();
        m_state = std::move(state);
    }
}

std::optional<MessageCache::Entry> MessageCache::find(const QString &key, bool onDisk)
{
    checkState();
    const auto found = m_index.constFind(key);
    if (found != m_index.constEnd()) {
        m_order.splice(m_order.begin(), m_order, *found);
        Node &node = **found;
        // Served from memory, the entry on disk would look unused and be trimmed first; the
        // disk learns of its use now and then, not at every fetch.
        constexpr qint64 touchEvery = qint64{10} * 60 * 1000;
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        if (m_disk && onDisk && node.entry.view && now - node.touched > touchEvery) {
            m_disk->touch(key);
            node.touched = now;
        }
        return node.entry;
    }
    if (!m_disk || !onDisk) {
        return std::nullopt;
    }
    std::optional<QByteArray> stored = m_disk->read(key);
    if (!stored) {
        return std::nullopt;
    }
    Entry entry{std::make_shared<const MessageView>(std::move(*stored)), QString()};
    remember(key, entry).touched = QDateTime::currentMSecsSinceEpoch();
    return entry;
}

void MessageCache::insert(const QString &key, Entry entry, bool onDisk)
{
    checkState();
    // Only views go to disk: a problem (no key yet, say) is worth trying again after a restart.
    const bool written = m_disk && onDisk && entry.view && entry.view->servesBytesAsGiven();
    if (written) {
        m_disk->write(key, entry.view->bytes());
    }
    Node &node = remember(key, std::move(entry));
    if (written) {
        node.touched = QDateTime::currentMSecsSinceEpoch();
    }
}

MessageCache::Node &MessageCache::remember(const QString &key, Entry entry)
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
    // trim() keeps the newest entry whatever its cost.
    return m_order.front();
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
