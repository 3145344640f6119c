#include "DiskCache.h"

#include "core/base/Logging.h"
#include "core/crypto/Sealed.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <cstdio>

namespace Postern::Imap {

namespace {

// Files start with this, so a later format is told apart instead of failing to open.
const QByteArray magic("POSTERN-IMAP-CACHE-1\n");
const QLatin1String entrySuffix(".msg");
const QLatin1String checkFile("key-check");

// Entries, and what a write cut short by a crash left beside them.
QStringList filePatterns()
{
    return {QLatin1Char('*') + entrySuffix,
            QLatin1Char('*') + entrySuffix + QStringLiteral(".tmp")};
}

QByteArray context(const QString &key)
{
    return magic + key.toUtf8();
}

// Written beside the entry and renamed into place, so a reader never sees half a file. Not
// synced to disk: a cache may lose an entry in a crash, and one torn by it fails to open and
// is dropped, where a sync per message would hold up every client of the proxy.
bool writeOwnerOnly(const QString &path, const QByteArray &data)
{
    const QString temporary = path + QStringLiteral(".tmp");
    QFile file(temporary);
    QFile::remove(temporary);
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly,
                   QFileDevice::ReadOwner | QFileDevice::WriteOwner)) {
        return false;
    }
    const bool written = file.write(data) == data.size() && file.flush();
    file.close();
    if (!written
        || std::rename(QFile::encodeName(temporary).constData(),
                       QFile::encodeName(path).constData())
                   != 0) {
        QFile::remove(temporary);
        return false;
    }
    return true;
}

// The modification time orders entries for trimming: a use makes an entry recent.
void markUsed(const QString &path)
{
    QFile file(path);
    if (file.open(QIODevice::ReadWrite | QIODevice::ExistingOnly)) {
        file.setFileTime(QDateTime::currentDateTimeUtc(), QFileDevice::FileModificationTime);
    }
}

} // namespace

DiskCache::DiskCache(QString directory, KeySource key, qint64 budget)
    : m_directory(std::move(directory))
    , m_key(std::move(key))
    , m_budget(budget)
{
}

std::optional<DiskCache::Keys> DiskCache::keys()
{
    std::optional<Secret> base = m_key ? m_key() : std::nullopt;
    if (!base || base->isEmpty()) {
        return std::nullopt;
    }
    Keys keys{Crypto::deriveKey(*base, "imap-cache-names"),
              Crypto::deriveKey(*base, "imap-cache-content")};
    if (keys.names.isEmpty() || keys.content.isEmpty()) {
        return std::nullopt;
    }
    const QByteArray check = Crypto::keyedDigest(keys.names, "postern-imap-cache-check").toHex();
    if (check == m_checkedKey) {
        return keys;
    }
    if (!makeFolder()) {
        if (!m_warned) {
            qCWarning(lcImap).noquote()
                    << "the message cache on disk cannot be kept in" << m_directory
                    << "(not a folder of its own); messages are cached in "
                       "memory only";
            m_warned = true;
        }
        return std::nullopt;
    }
    const QString checkPath = m_directory + QLatin1Char('/') + checkFile;
    QFile stored(checkPath);
    const QByteArray found =
            stored.open(QIODevice::ReadOnly) ? stored.read(256).trimmed() : QByteArray();
    if (found != check) {
        // Entries sealed under another key would never be found again; they go now instead
        // of taking up the budget until they are the oldest.
        if (!found.isEmpty()) {
            qCInfo(lcImap) << "the store's certificates, trust or passphrase changed: the "
                              "message cache on disk is emptied";
        }
        clear();
        if (!writeOwnerOnly(checkPath, check + '\n')) {
            if (!m_warned) {
                qCWarning(lcImap).noquote() << "the message cache on disk cannot be written; "
                                               "messages are cached in memory only:"
                                            << m_directory;
                m_warned = true;
            }
            return std::nullopt;
        }
    }
    m_checkedKey = check;
    return keys;
}

bool DiskCache::makeFolder() const
{
    // A link or a file where the folder belongs is not followed or changed: removing or
    // chmodding through it would act on something that is not the cache's.
    const QFileInfo info(m_directory);
    if (info.isSymLink() || (info.exists() && !info.isDir())) {
        return false;
    }
    const auto ownerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner;
    // Each missing level is made owner-only as it is made, never open to others for a moment.
    QStringList missing;
    for (QString level = m_directory; !QFileInfo(level).exists() && !QFileInfo(level).isSymLink();
         level = QFileInfo(level).path()) {
        if (QFileInfo(level).path() == level) {
            break;
        }
        missing.prepend(level);
    }
    for (const QString &level : std::as_const(missing)) {
        if (!QDir().mkdir(level, ownerOnly)) {
            return false;
        }
    }
    return QFile::setPermissions(m_directory, ownerOnly);
}

QString DiskCache::entryPath(const Keys &keys, const QString &key) const
{
    const QByteArray name = Crypto::keyedDigest(keys.names, key.toUtf8()).toHex().left(40);
    return m_directory + QLatin1Char('/') + QString::fromLatin1(name) + entrySuffix;
}

std::optional<QByteArray> DiskCache::read(const QString &key)
{
    const std::optional<Keys> current = keys();
    if (!current) {
        return std::nullopt;
    }
    const QString path = entryPath(*current, key);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return std::nullopt;
    }
    const QByteArray data = file.readAll();
    file.close();
    std::optional<QByteArray> message;
    if (data.startsWith(magic)) {
        message = Crypto::unseal(current->content, context(key),
                                 QByteArrayView(data).sliced(magic.size()));
    }
    if (!message) {
        qCInfo(lcImap) << "a message in the cache on disk cannot be opened (changed or cut "
                          "short); it is deleted and the message decrypted again";
        QFile::remove(path);
        m_size = -1; // the file changed behind the count's back: count again when needed
        return std::nullopt;
    }
    markUsed(path);
    return message;
}

void DiskCache::touch(const QString &key)
{
    if (const std::optional<Keys> current = keys()) {
        markUsed(entryPath(*current, key));
    }
}

void DiskCache::write(const QString &key, const QByteArray &message)
{
    if (message.size() + magic.size() + 28 > largestEntry()) {
        return;
    }
    const std::optional<Keys> current = keys();
    if (!current) {
        return;
    }
    const QByteArray sealed = Crypto::seal(current->content, context(key), message);
    if (sealed.isEmpty()) {
        return;
    }
    scan();
    const QString path = entryPath(*current, key);
    const qint64 before = QFileInfo(path).exists() ? QFileInfo(path).size() : 0;
    if (!writeOwnerOnly(path, magic + sealed)) {
        if (!m_warned) {
            qCWarning(lcImap).noquote()
                    << "a decrypted message cannot be cached on disk in" << m_directory;
            m_warned = true;
        }
        // The folder may have gone: make it (and the key check) again at the next use.
        m_checkedKey.clear();
        return;
    }
    m_size += magic.size() + sealed.size() - before;
    if (m_size > m_budget) {
        trim();
    }
}

void DiskCache::clear()
{
    const QFileInfoList entries = QDir(m_directory).entryInfoList(filePatterns(), QDir::Files);
    for (const QFileInfo &entry : entries) {
        QFile::remove(entry.filePath());
    }
    m_size = 0;
}

qint64 DiskCache::largestEntry() const
{
    // An eighth of the budget, so a few large messages cannot push out everything else, and
    // at most 32 MB, because an entry is read and parsed while the proxy's sessions wait.
    return std::min(m_budget / 8, qint64{32} * 1024 * 1024);
}

qint64 DiskCache::size()
{
    scan();
    return m_size;
}

void DiskCache::scan()
{
    if (m_size >= 0) {
        return;
    }
    m_size = 0;
    const QFileInfoList entries = QDir(m_directory).entryInfoList(filePatterns(), QDir::Files);
    for (const QFileInfo &entry : entries) {
        m_size += entry.size();
    }
}

void DiskCache::trim()
{
    // Oldest first; what a crash left half-written is among them, counted and trimmed too.
    const QFileInfoList entries =
            QDir(m_directory)
                    .entryInfoList(filePatterns(), QDir::Files, QDir::Time | QDir::Reversed);
    const qint64 goal = m_budget - m_budget / 10;
    qint64 size = 0;
    for (const QFileInfo &entry : std::as_const(entries)) {
        size += entry.size();
    }
    for (const QFileInfo &entry : std::as_const(entries)) {
        if (size <= goal) {
            break;
        }
        if (QFile::remove(entry.filePath())) {
            size -= entry.size();
        }
    }
    m_size = size;
}

QString DiskCache::profileFolder(const QString &profileDirectory)
{
    return QDir(profileDirectory).filePath(QStringLiteral("cache/imap"));
}

bool DiskCache::remove(const QString &directory)
{
    const QFileInfo info(directory);
    // A link is removed, never what it points to.
    if (info.isSymLink() || (info.exists() && !info.isDir())) {
        return QFile::remove(directory);
    }
    return !info.exists() || QDir(directory).removeRecursively();
}

} // namespace Postern::Imap
