// The IMAP proxy's cache of decrypted messages on disk (DiskCache, and MessageCache's use of
// it): what is written can be read back by a later run with the same store key and by nothing
// else, nothing is readable in the files, and every way a file can go wrong is a miss.
#include "core/base/Secret.h"
#include "core/crypto/Sealed.h"
#include "core/imap/DiskCache.h"
#include "core/imap/FetchItems.h"
#include "core/imap/MessageCache.h"
#include "core/imap/MessageView.h"
#include "core/store/CertificateStore.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace Postern;
using namespace Postern::Imap;

namespace {

Secret secret(const QByteArray &bytes)
{
    return Secret(bytes);
}

// What the store would give: a fixed key while "unlocked", nothing while "locked".
struct FakeStore
{
    QByteArray key = QByteArray(32, 'k');
    bool unlocked = true;

    DiskCache::KeySource source()
    {
        return [this]() -> std::optional<Secret> {
            if (!unlocked) {
                return std::nullopt;
            }
            return secret(key);
        };
    }
};

QByteArray message(const QByteArray &subject, const QByteArray &body)
{
    return "From: Bob <bob@example.org>\r\nTo: alice@example.org\r\nSubject: " + subject
           + "\r\nMessage-ID: <" + subject + "@example.org>\r\nMIME-Version: 1.0\r\n"
           + "Content-Type: text/plain; charset=utf-8\r\n\r\n" + body + "\r\n";
}

QStringList entries(const QString &directory)
{
    return QDir(directory).entryList({QStringLiteral("*.msg")}, QDir::Files, QDir::Name);
}

QByteArray everythingIn(const QString &directory)
{
    QByteArray all;
    const QStringList names = QDir(directory).entryList(QDir::Files);
    for (const QString &name : names) {
        QFile file(QDir(directory).filePath(name));
        if (file.open(QIODevice::ReadOnly)) {
            all += file.readAll();
        }
    }
    return all;
}

mode_t modeOf(const QString &path)
{
    struct stat info = {};
    ::stat(QFile::encodeName(path).constData(), &info);
    return info.st_mode & 0777;
}

QString key(quint32 uid, const QString &mailbox = QStringLiteral("Geheimprojekt"))
{
    return MessageCache::key(QStringLiteral("alice@example.org"), mailbox, 1700000000, uid);
}

} // namespace

class DiskCacheTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:

    void sealedOpensOnlyWithItsKeyAndContext()
    {
        const QByteArray plain("the figures for March");
        const QByteArray sealed = Crypto::seal(secret(QByteArray(32, 'a')), "ctx", plain);
        QCOMPARE(sealed.size(), plain.size() + 12 + 16);
        QVERIFY(!sealed.contains(plain));
        // A fresh nonce each time: the same plaintext never seals to the same bytes.
        QVERIFY(Crypto::seal(secret(QByteArray(32, 'a')), "ctx", plain) != sealed);
        QCOMPARE(Crypto::unseal(secret(QByteArray(32, 'a')), "ctx", sealed).value_or("-"), plain);
        QVERIFY(!Crypto::unseal(secret(QByteArray(32, 'b')), "ctx", sealed));
        QVERIFY(!Crypto::unseal(secret(QByteArray(32, 'a')), "other", sealed));
        for (qsizetype at : {qsizetype{0}, qsizetype{12}, sealed.size() - 1}) {
            QByteArray changed = sealed;
            changed[at] = static_cast<char>(changed.at(at) ^ 0x01);
            QVERIFY2(!Crypto::unseal(secret(QByteArray(32, 'a')), "ctx", changed),
                     qPrintable(QString::number(at)));
        }
        QVERIFY(!Crypto::unseal(secret(QByteArray(32, 'a')), "ctx", sealed.left(27)));
        QVERIFY(Crypto::seal(secret(QByteArray(16, 'a')), "ctx", plain).isEmpty());
    }

    void derivedKeysDependOnThePurposeAndTheSecret()
    {
        const Secret a = Crypto::deriveKey(secret("master one"), "names");
        QCOMPARE(a.bytes().size(), 32);
        QCOMPARE(Crypto::deriveKey(secret("master one"), "names").bytes(), a.bytes());
        QVERIFY(Crypto::deriveKey(secret("master one"), "content").bytes() != a.bytes());
        QVERIFY(Crypto::deriveKey(secret("master two"), "names").bytes() != a.bytes());
        // RFC 4231 test case 2: HMAC-SHA-256 with key "Jefe".
        QCOMPARE(Crypto::keyedDigest(secret("Jefe"), "what do ya want for nothing?").toHex(),
                 QByteArray("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"));
        // RFC 5869 test case 3 (SHA-256, no salt, no info): the first 32 bytes of its OKM.
        QCOMPARE(Crypto::deriveKey(secret(QByteArray(22, '\x0b')), "").bytes().toHex(),
                 QByteArray("8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d"));
    }

    void unsealOpensThePublishedGcmVector()
    {
        // The GCM specification's test case 16 (AES-256, 96-bit IV, with additional data),
        // laid out as seal() lays out its output: nonce, ciphertext, tag.
        const QByteArray key = QByteArray::fromHex(
                "feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308");
        const QByteArray additional =
                QByteArray::fromHex("feedfacedeadbeeffeedfacedeadbeefabaddad2");
        const QByteArray sealed = QByteArray::fromHex(
                "cafebabefacedbaddecaf888"
                "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
                "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662"
                "76fc6ece0f4e1768cddf8853bb2d551b");
        const QByteArray plain = QByteArray::fromHex(
                "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
                "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39");
        QCOMPARE(Crypto::unseal(secret(key), additional, sealed).value_or("-").toHex(),
                 plain.toHex());
    }

    void storeKeyIsThereOnlyWhileUnlocked()
    {
        QTemporaryDir dir;
        auto opened = Store::CertificateStore::open(dir.filePath(QStringLiteral("store")));
        QVERIFY(opened.has_value());
        Store::CertificateStore &store = **opened;
        QVERIFY(!store.derivedKey("imap-message-cache"));
        QVERIFY(store.initialise(secret("correct horse")).has_value());
        const std::optional<Secret> first = store.derivedKey("imap-message-cache");
        QVERIFY(first);
        QCOMPARE(first->bytes().size(), 32);
        QVERIFY(store.derivedKey("something else")->bytes() != first->bytes());
        store.lock();
        QVERIFY(!store.derivedKey("imap-message-cache"));

        // The same passphrase on a later run gives the same key: the cache outlives a restart.
        auto again = Store::CertificateStore::open(dir.filePath(QStringLiteral("store")));
        QVERIFY(again.has_value());
        QVERIFY((*again)->unlock(secret("correct horse")).has_value());
        QCOMPARE((*again)->derivedKey("imap-message-cache")->bytes(), first->bytes());

        QTemporaryDir otherDir;
        auto other = Store::CertificateStore::open(otherDir.filePath(QStringLiteral("store")));
        QVERIFY(other.has_value());
        QVERIFY((*other)->initialise(secret("correct horse")).has_value());
        QVERIFY((*other)->derivedKey("imap-message-cache")->bytes() != first->bytes());
    }

    void storeStateFollowsCertificatesKeysAndTrust()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("store"));
        auto opened = Store::CertificateStore::open(path);
        QVERIFY(opened.has_value());
        Store::CertificateStore &store = **opened;
        QVERIFY(store.initialise(secret("correct horse")).has_value());
        const QByteArray empty = store.stateFingerprint();
        QVERIFY(!empty.isEmpty());

        auto alice = store.generateIdentity(QStringLiteral("alice@example.org"),
                                            QStringLiteral("Alice"), Crypto::KeyType::EcP256);
        QVERIFY(alice.has_value());
        const QByteArray withAlice = store.stateFingerprint();
        QVERIFY(withAlice != empty);
        QVERIFY(store.setLabel(alice->id, QStringLiteral("work")).has_value());
        QCOMPARE(store.stateFingerprint(), withAlice); // a label judges nothing

        // A signer's certificate collected from mail, with no trust of its own, changes
        // nothing; trusting it does.
        QTemporaryDir otherDir;
        auto other = Store::CertificateStore::open(otherDir.filePath(QStringLiteral("store")));
        QVERIFY(other.has_value());
        QVERIFY((*other)->initialise(secret("x")).has_value());
        auto bob = (*other)->generateIdentity(QStringLiteral("bob@example.org"),
                                              QStringLiteral("Bob"), Crypto::KeyType::EcP256);
        QVERIFY(bob.has_value());
        QVERIFY(store.collect({bob->certificate}).has_value());
        QVERIFY(store.entry(bob->id).has_value());
        QCOMPARE(store.stateFingerprint(), withAlice);
        QVERIFY(store.setTrust(bob->id, Store::Trust::Trusted).has_value());
        const QByteArray bobTrusted = store.stateFingerprint();
        QVERIFY(bobTrusted != withAlice);

        // Another process sees the same state, and sees it change.
        auto again = Store::CertificateStore::open(path);
        QVERIFY(again.has_value());
        QCOMPARE((*again)->stateFingerprint(), bobTrusted);
        QVERIFY(store.setTrust(bob->id, Store::Trust::Untrusted).has_value());
        (*again)->reload();
        QCOMPARE((*again)->stateFingerprint(), store.stateFingerprint());
        QVERIFY(store.stateFingerprint() != bobTrusted);

        const QByteArray beforeRemoval = store.stateFingerprint();
        QVERIFY(store.remove(alice->id, true).has_value());
        QVERIFY(store.stateFingerprint() != beforeRemoval);
    }

    void writtenMessagesAreReadBackByALaterRun()
    {
        QTemporaryDir dir;
        const QString folder = dir.filePath(QStringLiteral("cache/one"));
        FakeStore store;
        const QByteArray first = message("Quarterly figures", "Revenue went up by 4.2%.");
        const QByteArray second = message("Board meeting", "Room 3.14 at ten.");
        {
            DiskCache cache(folder, store.source());
            QVERIFY(!cache.read(key(1)));
            cache.write(key(1), first);
            cache.write(key(2), second);
            QCOMPARE(cache.read(key(1)).value_or("-"), first);
        }
        DiskCache later(folder, store.source());
        QCOMPARE(later.read(key(1)).value_or("-"), first);
        QCOMPARE(later.read(key(2)).value_or("-"), second);
        QVERIFY(!later.read(key(3)));
        QVERIFY(!later.read(key(1, QStringLiteral("INBOX"))));
        QCOMPARE(entries(folder).size(), 2);
        QCOMPARE(later.size(),
                 QFileInfo(folder + QLatin1Char('/') + entries(folder).at(0)).size()
                         + QFileInfo(folder + QLatin1Char('/') + entries(folder).at(1)).size());
    }

    void nothingOnDiskIsReadableOrTellsWhatItIs()
    {
        QTemporaryDir dir;
        const QString folder = dir.filePath(QStringLiteral("cache"));
        FakeStore store;
        DiskCache cache(folder, store.source());
        cache.write(key(4242), message("Merger with Initech", "Strictly confidential."));
        QCOMPARE(modeOf(folder), mode_t{0700});
        const QStringList names = QDir(folder).entryList(QDir::Files);
        QCOMPARE(names.size(), 2);
        for (const QString &name : names) {
            QVERIFY2(QRegularExpression(QStringLiteral("^([0-9a-f]{40}\\.msg|key-check)$"))
                             .match(name)
                             .hasMatch(),
                     qPrintable(name));
            QCOMPARE(modeOf(QDir(folder).filePath(name)), mode_t{0600});
        }
        const QByteArray all = everythingIn(folder);
        for (const QByteArray &clear :
             {QByteArray("Initech"), QByteArray("confidential"), QByteArray("Geheimprojekt"),
              QByteArray("4242"), QByteArray("alice@example.org"), QByteArray("bob")}) {
            QVERIFY2(!all.contains(clear), clear.constData());
        }
    }

    void aLockedStoreNeitherReadsNorWrites()
    {
        QTemporaryDir dir;
        const QString folder = dir.filePath(QStringLiteral("cache"));
        FakeStore store;
        DiskCache cache(folder, store.source());
        cache.write(key(1), message("One", "one"));
        store.unlocked = false;
        QVERIFY(!cache.read(key(1)));
        cache.write(key(2), message("Two", "two"));
        QCOMPARE(entries(folder).size(), 1);
        store.unlocked = true;
        QVERIFY(cache.read(key(1)));
        QVERIFY(!cache.read(key(2)));
    }

    void aChangedTruncatedOrMisplacedEntryIsAMissAndGoes_data()
    {
        QTest::addColumn<QString>("damage");
        QTest::newRow("one bit of the ciphertext") << "flip";
        QTest::newRow("the tag cut off") << "truncate";
        QTest::newRow("only the header left") << "header";
        QTest::newRow("empty") << "empty";
        QTest::newRow("another format's header") << "magic";
        QTest::newRow("another message's entry put in its place") << "swap";
    }

    void aChangedTruncatedOrMisplacedEntryIsAMissAndGoes()
    {
        QFETCH(QString, damage);
        QTemporaryDir dir;
        const QString folder = dir.filePath(QStringLiteral("cache"));
        FakeStore store;
        DiskCache cache(folder, store.source());
        cache.write(key(1), message("One", "first"));
        const QString one = folder + QLatin1Char('/') + entries(folder).at(0);
        cache.write(key(2), message("Two", "second"));
        QString two;
        for (const QString &name : entries(folder)) {
            if (folder + QLatin1Char('/') + name != one) {
                two = folder + QLatin1Char('/') + name;
            }
        }
        QFile file(one);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QByteArray data = file.readAll();
        file.close();
        if (damage == QLatin1String("flip")) {
            data[data.size() - 20] = static_cast<char>(data.at(data.size() - 20) ^ 0x04);
        } else if (damage == QLatin1String("truncate")) {
            data.chop(16);
        } else if (damage == QLatin1String("header")) {
            data = data.left(data.indexOf('\n') + 1);
        } else if (damage == QLatin1String("empty")) {
            data.clear();
        } else if (damage == QLatin1String("magic")) {
            data.replace("CACHE-1", "CACHE-9");
        } else {
            QFile entry(two);
            QVERIFY(entry.open(QIODevice::ReadOnly));
            data = entry.readAll();
        }
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(data);
        file.close();

        QVERIFY(!cache.read(key(1)));
        QVERIFY2(!QFile::exists(one), "a damaged entry was left behind");
        QCOMPARE(cache.read(key(2)).value_or("-"), message("Two", "second"));
        // The size the cache keeps count of agrees with the disk after the removal.
        QCOMPARE(cache.size(), QFileInfo(two).size());
    }

    void aNewPassphraseEmptiesTheCache()
    {
        QTemporaryDir dir;
        const QString folder = dir.filePath(QStringLiteral("cache"));
        FakeStore store;
        {
            DiskCache cache(folder, store.source());
            cache.write(key(1), message("One", "one"));
            cache.write(key(2), message("Two", "two"));
        }
        store.key = QByteArray(32, 'n');
        DiskCache cache(folder, store.source());
        QVERIFY(!cache.read(key(1)));
        QVERIFY(entries(folder).isEmpty());
        cache.write(key(1), message("One", "one again"));
        QCOMPARE(cache.read(key(1)).value_or("-"), message("One", "one again"));
    }

    void theLeastRecentlyUsedGoFirstAndTheBudgetHolds()
    {
        QTemporaryDir dir;
        const QString folder = dir.filePath(QStringLiteral("cache"));
        FakeStore store;
        const qint64 budget = 64 * 1024;
        DiskCache cache(folder, store.source(), budget);
        const QByteArray filler(4000, 'x');
        for (quint32 uid = 1; uid <= 12; ++uid) {
            cache.write(key(uid), message("Message " + QByteArray::number(uid), filler));
            // Modification times order the entries; keep them apart on coarse file systems.
            QTest::qWait(15);
            if (uid == 1) {
                continue;
            }
            QVERIFY(cache.read(key(1))); // the first one stays in use
            QTest::qWait(15);
        }
        for (quint32 uid = 13; uid <= 24; ++uid) {
            cache.write(key(uid), message("Message " + QByteArray::number(uid), filler));
            QVERIFY(cache.read(key(1)));
            QTest::qWait(15);
        }
        QVERIFY2(cache.size() <= budget, qPrintable(QString::number(cache.size())));
        qint64 onDisk = 0;
        for (const QString &name : entries(folder)) {
            onDisk += QFileInfo(folder + QLatin1Char('/') + name).size();
        }
        QCOMPARE(cache.size(), onDisk);
        QVERIFY(cache.read(key(1)));
        QVERIFY(cache.read(key(24)));
        QVERIFY(!cache.read(key(2)));
        QVERIFY(entries(folder).size() < 24);

        // A message larger than an eighth of the budget is not kept at all.
        cache.write(key(99), message("Large", QByteArray(budget / 8, 'y')));
        QVERIFY(!cache.read(key(99)));
    }

    void clearAndRemoveLeaveNothing()
    {
        QTemporaryDir dir;
        const QString root = dir.filePath(QStringLiteral("cache/imap"));
        FakeStore store;
        DiskCache cache(root + QStringLiteral("/account"), store.source());
        cache.write(key(1), message("One", "one"));
        cache.clear();
        QVERIFY(entries(root + QStringLiteral("/account")).isEmpty());
        QCOMPARE(cache.size(), qint64{0});
        QVERIFY(!cache.read(key(1)));
        cache.write(key(1), message("One", "one"));
        QVERIFY(DiskCache::remove(root));
        QVERIFY(!QFileInfo::exists(root));
        QVERIFY(DiskCache::remove(root)); // nothing there is not a failure
        QCOMPARE(DiskCache::profileFolder(QStringLiteral("/p")), QStringLiteral("/p/cache/imap"));
    }

    void aFolderThatCannotBeWrittenIsNoCache()
    {
        QTemporaryDir dir;
        const QString folder = dir.filePath(QStringLiteral("cache"));
        QFile blocker(folder);
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.write("a file where the folder should be");
        blocker.close();
        FakeStore store;
        DiskCache cache(folder, store.source());
        cache.write(key(1), message("One", "one"));
        cache.write(key(2), message("Two", "two"));
        QVERIFY(!cache.read(key(1)));
        QCOMPARE(cache.size(), qint64{0});
        QVERIFY(QFileInfo(folder).isFile());
    }

    void writesLeaveNoHalfFilesAndClearTakesLeftovers()
    {
        QTemporaryDir dir;
        const QString folder = dir.filePath(QStringLiteral("cache"));
        FakeStore store;
        DiskCache cache(folder, store.source());
        cache.write(key(1), message("One", "one"));
        cache.write(key(1), message("One", "one, again"));
        QCOMPARE(entries(folder).size(), 1);
        QCOMPARE(cache.read(key(1)).value_or("-"), message("One", "one, again"));
        QVERIFY(QDir(folder).entryList({QStringLiteral("*.tmp")}, QDir::Files).isEmpty());
        // What a crash in the middle of a write leaves behind.
        QFile leftover(QDir(folder).filePath(entries(folder).at(0) + QStringLiteral(".tmp")));
        QVERIFY(leftover.open(QIODevice::WriteOnly));
        leftover.close();
        cache.clear();
        QCOMPARE(QDir(folder).entryList(QDir::Files), QStringList{QStringLiteral("key-check")});
    }

    void linksAreNeitherFollowedNorUsed()
    {
        QTemporaryDir dir;
        const QString elsewhere = dir.filePath(QStringLiteral("elsewhere"));
        QVERIFY(QDir().mkpath(elsewhere));
        const QString precious = QDir(elsewhere).filePath(QStringLiteral("precious.txt"));
        QVERIFY(QFile(precious).open(QIODevice::WriteOnly));
        QVERIFY(QFile::setPermissions(precious, QFileDevice::ReadOwner | QFileDevice::WriteOwner
                                                        | QFileDevice::ReadOther));
        const QString folder = dir.filePath(QStringLiteral("cache"));
        QVERIFY(QFile::link(elsewhere, folder));
        FakeStore store;
        DiskCache cache(folder, store.source());
        cache.write(key(1), message("One", "one"));
        QVERIFY(!cache.read(key(1)));
        QCOMPARE(QDir(elsewhere).entryList(QDir::Files),
                 QStringList{QStringLiteral("precious.txt")});
        QVERIFY(modeOf(precious) & 0004);
        QVERIFY(DiskCache::remove(folder));
        QVERIFY(!QFileInfo(folder).isSymLink());
        QVERIFY(QFile::exists(precious));
    }

    void foldersAreMadeOwnerOnlyAtEveryLevel()
    {
        QTemporaryDir dir;
        const QString folder = dir.filePath(QStringLiteral("cache/imap/account"));
        FakeStore store;
        DiskCache cache(folder, store.source());
        cache.write(key(1), message("One", "one"));
        QVERIFY(cache.read(key(1)));
        for (const QString &level : {dir.filePath(QStringLiteral("cache")),
                                     dir.filePath(QStringLiteral("cache/imap")), folder}) {
            QCOMPARE(modeOf(level), mode_t{0700});
        }
        // The folder removed behind the cache's back is made again at the next write.
        QVERIFY(QDir(folder).removeRecursively());
        cache.write(key(2), message("Two", "two"));
        cache.write(key(3), message("Three", "three"));
        QCOMPARE(cache.read(key(3)).value_or("-"), message("Three", "three"));
    }

    void largeMessagesStayInMemoryOnly()
    {
        QTemporaryDir dir;
        FakeStore store;
        DiskCache small(dir.filePath(QStringLiteral("small")), store.source(), 80 * 1024);
        QCOMPARE(small.largestEntry(), qint64{10 * 1024});
        DiskCache large(dir.filePath(QStringLiteral("large")), store.source(),
                        qint64{4} * 1024 * 1024 * 1024);
        QCOMPARE(large.largestEntry(), qint64{32} * 1024 * 1024);
        small.write(key(1), message("Fits", QByteArray(9 * 1024, 'f')));
        small.write(key(2), message("Too large", QByteArray(10 * 1024, 'l')));
        QVERIFY(small.read(key(1)));
        QVERIFY(!small.read(key(2)));
    }

    void leftoversCountAgainstTheBudget()
    {
        QTemporaryDir dir;
        const QString folder = dir.filePath(QStringLiteral("cache"));
        FakeStore store;
        DiskCache cache(folder, store.source(), 64 * 1024);
        cache.write(key(1), message("One", "one"));
        QFile leftover(QDir(folder).filePath(QStringLiteral("0123.msg.tmp")));
        QVERIFY(leftover.open(QIODevice::WriteOnly));
        leftover.write(QByteArray(60 * 1024, 'x'));
        QVERIFY(leftover.flush());
        QVERIFY(leftover.setFileTime(QDateTime::currentDateTimeUtc().addDays(-1),
                                     QFileDevice::FileModificationTime));
        leftover.close();
        DiskCache later(folder, store.source(), 64 * 1024);
        QVERIFY(later.size() > 60 * 1024);
        later.write(key(2), message("Two", QByteArray(4000, 't')));
        // The leftover was the oldest and went first; the entries stay.
        QVERIFY(!leftover.exists());
        QVERIFY(later.read(key(1)));
        QVERIFY(later.read(key(2)));
        QVERIFY(later.size() <= 64 * 1024);
    }

    void touchMakesAnEntryRecent()
    {
        QTemporaryDir dir;
        const QString folder = dir.filePath(QStringLiteral("cache"));
        FakeStore store;
        DiskCache cache(folder, store.source());
        cache.write(key(1), message("One", "one"));
        const QString path = QDir(folder).filePath(entries(folder).at(0));
        const QDateTime old = QDateTime::currentDateTimeUtc().addDays(-3);
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::ReadWrite));
            QVERIFY(file.setFileTime(old, QFileDevice::FileModificationTime));
        }
        cache.touch(key(2)); // nothing there: nothing made
        QCOMPARE(entries(folder).size(), 1);
        cache.touch(key(1));
        QVERIFY(QFileInfo(path).lastModified().toUTC() > old.addDays(2));
    }

    void aChangedStoreStateEmptiesTheMemory()
    {
        QByteArray state = "one";
        MessageCache memory;
        memory.setStateSource([&state] { return state; });
        const auto view = std::make_shared<const MessageView>(message("One", "one"));
        memory.insert(key(1), {view, QString()});
        QVERIFY(memory.find(key(1)));
        state = "two";
        QVERIFY(!memory.find(key(1)));
        QCOMPARE(memory.count(), 0);
        memory.insert(key(1), {view, QString()});
        QVERIFY(memory.find(key(1)));
    }

    void theMemoryCacheReadsViewsBackFromDisk()
    {
        QTemporaryDir dir;
        const QString folder = dir.filePath(QStringLiteral("cache"));
        FakeStore store;
        const QByteArray bytes = "From: bob@example.org\r\nSubject: Parts\r\nMIME-Version: 1.0\r\n"
                                 "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n"
                                 "Content-Type: text/plain\r\n\r\nhello\r\n--b\r\n"
                                 "Content-Type: text/calendar; method=REQUEST\r\n\r\n"
                                 "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n--b--\r\n";
        const auto original = std::make_shared<const MessageView>(bytes);
        const QByteArray withNul = message("Nul", QByteArray("a\0b", 3));
        {
            MessageCache memory;
            memory.setDisk(std::make_unique<DiskCache>(folder, store.source()));
            memory.insert(key(1), {original, QString()});
            memory.insert(key(2), {nullptr, QStringLiteral("no key for this recipient")});
            memory.insert(key(3), {std::make_shared<const MessageView>(withNul), QString()});
            memory.insert(key(4), {original, QString()}, false); // e.g. no UIDVALIDITY
            QCOMPARE(entries(folder).size(), 1);
        }
        MessageCache memory;
        memory.setDisk(std::make_unique<DiskCache>(folder, store.source()));
        QVERIFY(!memory.find(key(1), false)); // not in memory, and the disk not asked
        const auto found = memory.find(key(1));
        QVERIFY(found && found->view);
        QCOMPARE(found->view->bytes(), original->bytes());
        for (const char *item : {"BODYSTRUCTURE", "ENVELOPE", "RFC822.SIZE", "BODY[2]"}) {
            qsizetype consumed = 0;
            QString error;
            const auto parsed = parseFetchItems(item, &consumed, &error);
            QVERIFY(parsed && parsed->size() == 1);
            QCOMPARE(found->view->render(parsed->first()), original->render(parsed->first()));
        }
        QCOMPARE(memory.count(), 1);
        // Problems are not kept across runs (a key imported since may open the message now),
        // nor views whose served bytes differ from what they were made from.
        QVERIFY(!memory.find(key(2)));
        QVERIFY(!memory.find(key(3)));
        QVERIFY(!memory.find(key(4)));
        // Clearing the memory leaves the disk, which has its own key.
        memory.clear();
        QCOMPARE(entries(folder).size(), 1);
        QVERIFY(memory.find(key(1)));
    }
};

QTEST_GUILESS_MAIN(DiskCacheTest)
#include "tst_diskcache.moc"
