#include "CertificateStore.h"

#include "core/base/Logging.h"
#include "core/crypto/Cms.h"
#include "core/crypto/KeyFile.h"
#include "core/crypto/KeyMaterial.h"
#include "core/crypto/Sealed.h"

#include <QAbstractEventDispatcher>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLockFile>
#include <QSaveFile>
#include <QTimer>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <atomic>
#include <cerrno>
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace Postern::Store {

namespace {

constexpr int storeFormat = 1;
// The index's own revision: 2 lists every mailbox (SmtpUTF8Mailbox too) with Unicode domains.
// An index of another revision is rebuilt from the certificate files.
constexpr int indexRevision = 2;
constexpr int masterIterations = 600000;
constexpr int keyFileIterations = 10000; // the expensive derivation is the master key's

std::atomic<int> writesBeforeFailure{-1};

std::function<QDateTime()> &clockOverride()
{
    static std::function<QDateTime()> clock;
    return clock;
}

QDateTime clockNow()
{
    const auto &clock = clockOverride();
    return clock ? clock() : QDateTime::currentDateTimeUtc();
}

/** Writes @p bytes to @p path whole or not at all (temporary file, flush, sync, rename). */
bool writeAtomically(const QString &path, const QByteArray &bytes, bool secret = false)
{
    if (writesBeforeFailure.load() == 0) {
        return false;
    }
    if (writesBeforeFailure.load() > 0) {
        --writesBeforeFailure;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        return false;
    }
    if (secret) {
        file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    }
    return file.write(bytes) == bytes.size() && file.commit();
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

Error<StoreError> unreadable(const QString &path, const QString &reason)
{
    return {StoreError::Corrupt, QStringLiteral("cannot read %1: %2").arg(path, reason)};
}

/**
 * Why the store file @p path cannot be read; empty when it can. The file is opened, not judged
 * by its permission bits, which do not stop root; non-blocking, so a FIFO cannot hang the store.
 */
QString whyUnreadable(const QString &path)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        return qt_error_string(errno);
    }
    struct stat status = {};
    const bool statted = ::fstat(fd, &status) == 0;
    const int statError = errno;
    ::close(fd);
    if (!statted) {
        return qt_error_string(statError);
    }
    if (S_ISDIR(status.st_mode)) {
        return QStringLiteral("it is a directory, not a file");
    }
    if (!S_ISREG(status.st_mode)) {
        return QStringLiteral("it is not a regular file");
    }
    return {};
}

/** Whether anything, even a dangling symbolic link, is at @p path. */
bool somethingAt(const QString &path)
{
    struct stat status = {};
    return ::lstat(QFile::encodeName(path).constData(), &status) == 0;
}

/** The whole of a store file that exists, or why it cannot be read. */
Result<QByteArray, StoreError> readStoreFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return tl::unexpected(unreadable(path, file.errorString()));
    }
    QByteArray bytes = file.readAll();
    if (file.error() != QFileDevice::NoError) {
        return tl::unexpected(unreadable(path, file.errorString()));
    }
    return bytes;
}

/** The names in the folder @p path, or why it cannot be listed (QDir would show it empty). */
Result<QStringList, StoreError> folderNames(const QString &path)
{
    DIR *folder = ::opendir(QFile::encodeName(path).constData());
    if (folder == nullptr) {
        return tl::unexpected(unreadable(path, qt_error_string(errno)));
    }
    QStringList names;
    errno = 0;
    while (const dirent *item = ::readdir(folder)) {
        const QString name = QFile::decodeName(item->d_name);
        if (name != QLatin1String(".") && name != QLatin1String("..")) {
            names.append(name);
        }
    }
    const int listError = errno;
    ::closedir(folder);
    if (listError != 0) {
        return tl::unexpected(unreadable(path, qt_error_string(listError)));
    }
    return names;
}

/** The files in @p folder whose names end in one of @p suffixes, each checked to be readable. */
Result<QStringList, StoreError> readableFiles(const QString &folder, const QStringList &suffixes)
{
    auto names = folderNames(folder);
    if (!names) {
        return tl::unexpected(names.error());
    }
    QStringList files;
    for (const QString &name : std::as_const(*names)) {
        if (std::none_of(suffixes.cbegin(), suffixes.cend(),
                         [&name](const QString &suffix) { return name.endsWith(suffix); })) {
            continue;
        }
        const QString file = folder + QLatin1Char('/') + name;
        const QString reason = whyUnreadable(file);
        if (!reason.isEmpty()) {
            return tl::unexpected(unreadable(file, reason));
        }
        files.append(name);
    }
    return files;
}

Trust parseTrust(const QString &text)
{
    return trustFromString(text).value_or(Trust::Default);
}

Origin parseOrigin(const QString &text)
{
    if (text == QLatin1String("collected")) {
        return Origin::Collected;
    }
    if (text == QLatin1String("generated")) {
        return Origin::Generated;
    }
    return Origin::Imported;
}

/** What look-ups need about a certificate, cached in index.json. */
struct Record
{
    QString id;
    QString subject;
    QString issuer;
    QByteArray serial;
    QByteArray subjectKeyId;
    QStringList emails;      // for people: Unicode domains
    QStringList addressKeys; // Crypto::normalisedAddress() of each, cached for a fast open
    QDateTime notBefore;
    QDateTime notAfter;
    bool isCa = false;
    bool hasKey = false;
    QString label;
    Trust trust = Trust::Default;
    Origin origin = Origin::Imported;
    QDateTime added;
};

Record recordFor(const QString &id, const Crypto::Certificate &certificate)
{
    Record record;
    record.id = id;
    record.subject = certificate.subject();
    record.issuer = certificate.issuer();
    record.serial = certificate.serialNumber();
    record.subjectKeyId = certificate.subjectKeyIdentifier();
    record.emails = certificate.mailboxes();
    for (const QString &email : std::as_const(record.emails)) {
        record.addressKeys.append(Crypto::normalisedAddress(email));
    }
    record.notBefore = certificate.notBefore();
    record.notAfter = certificate.notAfter();
    record.isCa = certificate.isCertificateAuthority();
    return record;
}

QJsonObject sidecarJson(const Record &record)
{
    QJsonObject object;
    object.insert(QLatin1String("label"), record.label);
    object.insert(QLatin1String("trust"), toString(record.trust));
    object.insert(QLatin1String("origin"), toString(record.origin));
    object.insert(QLatin1String("added"), record.added.toString(Qt::ISODate));
    return object;
}

void applySidecar(Record &record, const QJsonObject &object)
{
    record.label = object.value(QLatin1String("label")).toString();
    record.trust = parseTrust(object.value(QLatin1String("trust")).toString());
    record.origin = parseOrigin(object.value(QLatin1String("origin")).toString());
    record.added =
            QDateTime::fromString(object.value(QLatin1String("added")).toString(), Qt::ISODate);
}

QJsonObject indexJson(const Record &record)
{
    QJsonObject object = sidecarJson(record);
    object.insert(QLatin1String("id"), record.id);
    object.insert(QLatin1String("subject"), record.subject);
    object.insert(QLatin1String("issuer"), record.issuer);
    object.insert(QLatin1String("serial"), QString::fromLatin1(record.serial));
    object.insert(QLatin1String("ski"), QString::fromLatin1(record.subjectKeyId));
    object.insert(QLatin1String("emails"), QJsonArray::fromStringList(record.emails));
    object.insert(QLatin1String("addressKeys"), QJsonArray::fromStringList(record.addressKeys));
    object.insert(QLatin1String("notBefore"), record.notBefore.toString(Qt::ISODate));
    object.insert(QLatin1String("notAfter"), record.notAfter.toString(Qt::ISODate));
    object.insert(QLatin1String("ca"), record.isCa);
    object.insert(QLatin1String("key"), record.hasKey);
    return object;
}

Record recordFromIndex(const QJsonObject &object)
{
    Record record;
    applySidecar(record, object);
    record.id = object.value(QLatin1String("id")).toString();
    record.subject = object.value(QLatin1String("subject")).toString();
    record.issuer = object.value(QLatin1String("issuer")).toString();
    record.serial = object.value(QLatin1String("serial")).toString().toLatin1();
    record.subjectKeyId = object.value(QLatin1String("ski")).toString().toLatin1();
    for (const QJsonValue email : object.value(QLatin1String("emails")).toArray()) {
        record.emails.append(email.toString());
    }
    for (const QJsonValue key : object.value(QLatin1String("addressKeys")).toArray()) {
        record.addressKeys.append(key.toString());
    }
    record.notBefore =
            QDateTime::fromString(object.value(QLatin1String("notBefore")).toString(), Qt::ISODate);
    record.notAfter =
            QDateTime::fromString(object.value(QLatin1String("notAfter")).toString(), Qt::ISODate);
    record.isCa = object.value(QLatin1String("ca")).toBool();
    record.hasKey = object.value(QLatin1String("key")).toBool();
    return record;
}

QByteArray deriveMaster(const Secret &passphrase, const QByteArray &salt, int iterations)
{
    QByteArray derived(32, Qt::Uninitialized);
    PKCS5_PBKDF2_HMAC(passphrase.bytes().constData(), static_cast<int>(passphrase.bytes().size()),
                      reinterpret_cast<const unsigned char *>(salt.constData()),
                      static_cast<int>(salt.size()), iterations, EVP_sha256(),
                      static_cast<int>(derived.size()),
                      reinterpret_cast<unsigned char *>(derived.data()));
    return derived;
}

QByteArray checkValue(const QByteArray &master)
{
    const QByteArray input = QByteArray("postern-store-check:") + master;
    return QCryptographicHash::hash(input, QCryptographicHash::Sha256);
}

} // namespace

struct CertificateStore::Private
{
    QString directory;
    QHash<QString, Record> records;
    QHash<QString, QStringList> byEmail;
    QHash<QByteArray, QString> bySubjectKeyId;
    QHash<QString, QString> byIssuerSerial;
    mutable QHash<QString, Crypto::Certificate> certificates;
    mutable QHash<QString, Crypto::PrivateKey> keys;
    mutable Secret master;
    mutable QByteArray fingerprint; // see stateFingerprint(); empty: to be computed again
    mutable QDateTime unlockedUntil;
    int unlockTimeout = 0;
    std::unique_ptr<QTimer> lockTimer; // only on a thread with an event loop

    QString path(const QString &relative) const { return directory + QLatin1Char('/') + relative; }

    QString certPath(const QString &id) const
    {
        return path(QStringLiteral("certs/%1.der").arg(id));
    }

    QString sidecarPath(const QString &id) const
    {
        return path(QStringLiteral("certs/%1.json").arg(id));
    }

    QString keyPath(const QString &id) const { return path(QStringLiteral("keys/%1.p8").arg(id)); }

    void addToMaps(const Record &record)
    {
        for (const QString &key : record.addressKeys) {
            byEmail[key].append(record.id);
        }
        if (!record.subjectKeyId.isEmpty()) {
            bySubjectKeyId.insert(record.subjectKeyId, record.id);
        }
        byIssuerSerial.insert(record.issuer + QLatin1Char('|') + QString::fromLatin1(record.serial),
                              record.id);
    }

    void rebuildMaps()
    {
        fingerprint.clear();
        byEmail.clear();
        bySubjectKeyId.clear();
        byIssuerSerial.clear();
        for (const Record &record : std::as_const(records)) {
            addToMaps(record);
        }
    }

    /** The store's files as they are on disk, each one checked to be readable. */
    struct Survey
    {
        QStringList certificateFiles; // names in certs/: *.der and their *.json sidecars
        QSet<QString> certificateIds; // from certs/ID.der
        QSet<QString> keyIds;         // from keys/ID.p8
    };

    Result<Survey, StoreError> survey() const;
    bool loadIndex(const Survey &found);
    Result<bool, StoreError> rebuildIndex(const Survey &found);
    /** Reads the index, or rebuilds it from the files; fails, changing nothing, when a store
     *  file cannot be read, so an unreadable store never passes for an empty one. */
    Result<bool, StoreError> readRecords();
    bool writeIndex() const;
    Crypto::Certificate certificate(const QString &id) const;
    Entry entry(const Record &record) const;
    bool checkUnlocked() const;
    void startUnlockPeriod();
    void wipeKeys() const;
};

// Store files that exist must be readable: a folder or file the system refuses to read would
// otherwise look like no certificates at all, and the rebuilt index would make that permanent.
Result<CertificateStore::Private::Survey, StoreError> CertificateStore::Private::survey() const
{
    for (const QString &name : {QStringLiteral("store.json"), QStringLiteral("index.json")}) {
        const QString file = path(name);
        const QString reason = somethingAt(file) ? whyUnreadable(file) : QString();
        if (!reason.isEmpty()) {
            return tl::unexpected(unreadable(file, reason));
        }
    }
    Survey found;
    auto certificateFiles = readableFiles(path(QStringLiteral("certs")),
                                          {QStringLiteral(".der"), QStringLiteral(".json")});
    if (!certificateFiles) {
        return tl::unexpected(certificateFiles.error());
    }
    found.certificateFiles = *certificateFiles;
    for (const QString &name : std::as_const(found.certificateFiles)) {
        if (name.endsWith(QLatin1String(".der"))) {
            found.certificateIds.insert(name.chopped(4));
        }
    }
    auto keyFiles = readableFiles(path(QStringLiteral("keys")), {QStringLiteral(".p8")});
    if (!keyFiles) {
        return tl::unexpected(keyFiles.error());
    }
    for (const QString &name : std::as_const(*keyFiles)) {
        found.keyIds.insert(name.chopped(3));
    }
    return found;
}

// The fast path: the index is used when it lists exactly the certificate and key files on disk
// and none of them changed after it was written.
bool CertificateStore::Private::loadIndex(const Survey &found)
{
    const QFileInfo indexInfo(path(QStringLiteral("index.json")));
    if (!indexInfo.exists()) {
        return false;
    }
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(readAll(indexInfo.filePath()), &error);
    if (error.error != QJsonParseError::NoError || !document.isObject()
        || document.object().value(QLatin1String("format")).toInt() != storeFormat
        || document.object().value(QLatin1String("revision")).toInt() != indexRevision) {
        return false;
    }

    const QDateTime written = indexInfo.lastModified();
    for (const QString &name : found.certificateFiles) {
        if (QFileInfo(path(QStringLiteral("certs/") + name)).lastModified() > written) {
            return false;
        }
    }
    for (const QString &id : found.keyIds) {
        if (QFileInfo(keyPath(id)).lastModified() > written) {
            return false;
        }
    }

    QHash<QString, Record> loaded;
    for (const QJsonValue value : document.object().value(QLatin1String("entries")).toArray()) {
        Record record = recordFromIndex(value.toObject());
        if (!found.certificateIds.contains(record.id)
            || record.hasKey != found.keyIds.contains(record.id)
            || record.addressKeys.size() != record.emails.size()) {
            return false;
        }
        loaded.insert(record.id, record);
    }
    if (loaded.size() != found.certificateIds.size()) {
        return false;
    }
    records = std::move(loaded);
    rebuildMaps();
    return true;
}

// Nothing is replaced until every file was read: a failure leaves the records and the index
// as they were.
Result<bool, StoreError> CertificateStore::Private::rebuildIndex(const Survey &found)
{
    QHash<QString, Record> rebuilt;
    QHash<QString, Crypto::Certificate> parsedCertificates;
    for (const QString &fileId : found.certificateIds) {
        const QString file = certPath(fileId);
        auto bytes = readStoreFile(file);
        if (!bytes) {
            return tl::unexpected(bytes.error());
        }
        const QList<Crypto::Certificate> parsed = Crypto::Certificate::parseAll(*bytes);
        if (parsed.isEmpty()) {
            qCWarning(lcStore) << "a certificate file that holds no certificate is skipped:"
                               << QFileInfo(file).fileName();
            continue;
        }
        const QString id = QString::fromLatin1(parsed.constFirst().sha256Fingerprint());
        Record record = recordFor(id, parsed.constFirst());
        if (somethingAt(sidecarPath(id))) {
            auto sidecar = readStoreFile(sidecarPath(id));
            if (!sidecar) {
                return tl::unexpected(sidecar.error());
            }
            applySidecar(record, QJsonDocument::fromJson(*sidecar).object());
        }
        if (!record.added.isValid()) {
            record.added = QFileInfo(file).lastModified().toUTC();
        }
        record.hasKey = found.keyIds.contains(id);
        parsedCertificates.insert(id, parsed.constFirst());
        rebuilt.insert(id, record);
    }
    records = std::move(rebuilt);
    certificates = std::move(parsedCertificates);
    rebuildMaps();
    if (!writeIndex()) {
        qCWarning(lcStore)
                << "the rebuilt index could not be written; it will be rebuilt again next time";
    }
    return true;
}

Result<bool, StoreError> CertificateStore::Private::readRecords()
{
    auto found = survey();
    if (!found) {
        return tl::unexpected(found.error());
    }
    if (loadIndex(*found)) {
        return true;
    }
    if (QFileInfo::exists(path(QStringLiteral("index.json")))) {
        qCInfo(lcStore)
                << "the certificate index does not match the certificate files; rebuilding it";
    }
    return rebuildIndex(*found);
}

bool CertificateStore::Private::writeIndex() const
{
    // Every change to the records ends here (or in rebuildMaps()).
    fingerprint.clear();
    QJsonArray entries;
    for (const Record &record : std::as_const(records)) {
        entries.append(indexJson(record));
    }
    QJsonObject object;
    object.insert(QLatin1String("format"), storeFormat);
    object.insert(QLatin1String("revision"), indexRevision);
    object.insert(QLatin1String("entries"), entries);
    return writeAtomically(path(QStringLiteral("index.json")),
                           QJsonDocument(object).toJson(QJsonDocument::Compact));
}

Crypto::Certificate CertificateStore::Private::certificate(const QString &id) const
{
    auto cached = certificates.constFind(id);
    if (cached != certificates.constEnd()) {
        return *cached;
    }
    const QList<Crypto::Certificate> parsed = Crypto::Certificate::parseAll(readAll(certPath(id)));
    Crypto::Certificate loaded = parsed.isEmpty() ? Crypto::Certificate() : parsed.constFirst();
    certificates.insert(id, loaded);
    return loaded;
}

Entry CertificateStore::Private::entry(const Record &record) const
{
    Entry entry;
    entry.id = record.id;
    entry.certificate = certificate(record.id);
    entry.label = record.label;
    entry.trust = record.trust;
    entry.origin = record.origin;
    entry.hasPrivateKey = record.hasKey;
    entry.added = record.added;
    return entry;
}

bool CertificateStore::Private::checkUnlocked() const
{
    if (master.isEmpty()) {
        return false;
    }
    if (unlockTimeout > 0 && clockNow() >= unlockedUntil) {
        qCInfo(lcStore) << "the unlock timeout ran out; the store is locked again";
        wipeKeys();
        return false;
    }
    return true;
}

void CertificateStore::Private::wipeKeys() const
{
    master = Secret();
    keys.clear();
    if (lockTimer) {
        lockTimer->stop();
    }
}

// The timer wipes the keys of an idle service when the time is up, instead of at the next use.
void CertificateStore::Private::startUnlockPeriod()
{
    unlockedUntil = clockNow().addSecs(unlockTimeout);
    if (unlockTimeout <= 0 || master.isEmpty() || QAbstractEventDispatcher::instance() == nullptr) {
        if (lockTimer) {
            lockTimer->stop();
        }
        return;
    }
    if (!lockTimer) {
        lockTimer = std::make_unique<QTimer>();
        lockTimer->setSingleShot(true);
        QObject::connect(lockTimer.get(), &QTimer::timeout, lockTimer.get(),
                         [this] { checkUnlocked(); });
    }
    lockTimer->start(std::chrono::seconds(unlockTimeout));
}

CertificateStore::CertificateStore(std::unique_ptr<Private> data)
    : d(std::move(data))
{
}

CertificateStore::~CertificateStore() = default;

Result<std::unique_ptr<CertificateStore>, StoreError>
CertificateStore::open(const QString &directory)
{
    auto d = std::make_unique<Private>();
    d->directory = directory;
    // What is already there is left for the survey to judge: a folder that exists but cannot be
    // read must be reported as such, not as one that could not be made.
    for (const char *folder : {"certs", "keys"}) {
        const QString path = d->path(QLatin1String(folder));
        if (!somethingAt(path) && !QDir().mkpath(path)) {
            return fail(StoreError::Io,
                        QStringLiteral("cannot create %1: %2").arg(path, qt_error_string(errno)));
        }
    }
    QFile::setPermissions(d->path(QStringLiteral("keys")),
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    auto read = d->readRecords();
    if (!read) {
        return tl::unexpected(read.error());
    }
    return std::unique_ptr<CertificateStore>(new CertificateStore(std::move(d)));
}

void CertificateStore::reload()
{
    d->keys.clear();
    d->certificates.clear();
    auto read = d->readRecords();
    if (!read) {
        qCWarning(lcStore).noquote()
                << "the store cannot be read again; it stays as it was:" << read.error().detail;
    }
}

QString CertificateStore::directory() const
{
    return d->directory;
}

bool CertificateStore::isInitialised() const
{
    return QFileInfo::exists(d->path(QStringLiteral("store.json")));
}

Result<bool, StoreError> CertificateStore::initialise(const Secret &passphrase)
{
    if (isInitialised()) {
        return unlock(passphrase);
    }
    if (passphrase.isEmpty()) {
        return fail(StoreError::WrongPassphrase,
                    QStringLiteral("the store passphrase must not be empty"));
    }
    // Several commands importing keys into a new store at once (a script) must agree on one
    // store.json: were each to write its own, the keys saved under the others' master key
    // could never be opened again.
    QLockFile creating(d->path(QStringLiteral(".store-init.lock")));
    if (!creating.tryLock(10000)) {
        return fail(
                StoreError::Io,
                QStringLiteral("another process is creating the store in %1").arg(d->directory));
    }
    if (isInitialised()) {
        return unlock(passphrase);
    }
    QByteArray salt(16, Qt::Uninitialized);
    RAND_bytes(reinterpret_cast<unsigned char *>(salt.data()), static_cast<int>(salt.size()));
    const QByteArray master = deriveMaster(passphrase, salt, masterIterations);

    QJsonObject object;
    object.insert(QLatin1String("format"), storeFormat);
    object.insert(QLatin1String("kdf"), QStringLiteral("PBKDF2-HMAC-SHA256"));
    object.insert(QLatin1String("iterations"), masterIterations);
    object.insert(QLatin1String("salt"), QString::fromLatin1(salt.toBase64()));
    object.insert(QLatin1String("check"), QString::fromLatin1(checkValue(master).toBase64()));
    if (!writeAtomically(d->path(QStringLiteral("store.json")), QJsonDocument(object).toJson(),
                         true)) {
        return fail(StoreError::Io,
                    QStringLiteral("cannot write %1").arg(d->path(QStringLiteral("store.json"))));
    }
    d->master = Secret(master.toHex());
    d->startUnlockPeriod();
    return true;
}

Result<bool, StoreError> CertificateStore::unlock(const Secret &passphrase)
{
    if (!isInitialised()) {
        return fail(StoreError::NotInitialised, QStringLiteral("the store has no passphrase yet"));
    }
    auto settings = readStoreFile(d->path(QStringLiteral("store.json")));
    if (!settings) {
        return tl::unexpected(settings.error());
    }
    const QJsonObject object = QJsonDocument::fromJson(*settings).object();
    const QByteArray salt =
            QByteArray::fromBase64(object.value(QLatin1String("salt")).toString().toLatin1());
    const int iterations = object.value(QLatin1String("iterations")).toInt();
    const QByteArray expected =
            QByteArray::fromBase64(object.value(QLatin1String("check")).toString().toLatin1());
    if (salt.isEmpty() || iterations <= 0 || expected.isEmpty()) {
        return fail(StoreError::Corrupt, QStringLiteral("store.json is damaged"));
    }
    QByteArray master = deriveMaster(passphrase, salt, iterations);
    const QByteArray check = checkValue(master);
    if (CRYPTO_memcmp(check.constData(), expected.constData(),
                      static_cast<size_t>(std::min(check.size(), expected.size())))
                != 0
        || check.size() != expected.size()) {
        OPENSSL_cleanse(master.data(), static_cast<size_t>(master.size()));
        return fail(StoreError::WrongPassphrase, QStringLiteral("the store passphrase is wrong"));
    }
    d->master = Secret(master.toHex());
    OPENSSL_cleanse(master.data(), static_cast<size_t>(master.size()));
    d->startUnlockPeriod();
    return true;
}

void CertificateStore::lock()
{
    d->wipeKeys();
}

bool CertificateStore::isUnlocked() const
{
    return d->checkUnlocked();
}

void CertificateStore::setUnlockTimeout(int seconds)
{
    d->unlockTimeout = std::max(seconds, 0);
    d->startUnlockPeriod();
}

int CertificateStore::unlockTimeout() const
{
    return d->unlockTimeout;
}

QByteArray CertificateStore::stateFingerprint() const
{
    if (d->fingerprint.isEmpty()) {
        QStringList ids = d->records.keys();
        ids.sort();
        QCryptographicHash hash(QCryptographicHash::Sha256);
        for (const QString &id : std::as_const(ids)) {
            const Record &record = *d->records.constFind(id);
            // Certificates collected from signed mail with no trust of their own only ever
            // complete chains the store already judged; leaving them out keeps a mailbox of
            // signed mail from changing the state with every new signer.
            if (record.origin == Origin::Collected && record.trust == Trust::Default
                && !record.hasKey) {
                continue;
            }
            const QByteArray line = id.toLatin1() + ' ' + toString(record.trust).toLatin1()
                                    + (record.hasKey ? " key\n" : " -\n");
            hash.addData(line);
        }
        d->fingerprint = hash.result().toHex().left(32);
    }
    return d->fingerprint;
}

std::optional<Secret> CertificateStore::derivedKey(QByteArrayView purpose) const
{
    if (!d->checkUnlocked()) {
        return std::nullopt;
    }
    const QByteArray info = QByteArray("postern-store-derived:") + purpose.toByteArray();
    Secret key = Crypto::deriveKey(d->master, info);
    if (key.isEmpty()) {
        return std::nullopt;
    }
    return key;
}

QList<Entry> CertificateStore::entries() const
{
    QList<Entry> list;
    list.reserve(d->records.size());
    for (const Record &record : std::as_const(d->records)) {
        list.append(d->entry(record));
    }
    std::sort(list.begin(), list.end(), [](const Entry &a, const Entry &b) { return a.id < b.id; });
    return list;
}

std::optional<Entry> CertificateStore::entry(const QString &idOrPrefix) const
{
    const QString wanted = idOrPrefix.toUpper().remove(QLatin1Char(':'));
    auto exact = d->records.constFind(wanted);
    if (exact != d->records.constEnd()) {
        return d->entry(*exact);
    }
    const Record *found = nullptr;
    for (const Record &record : std::as_const(d->records)) {
        if (wanted.size() >= 4 && record.id.startsWith(wanted)) {
            if (found != nullptr) {
                return std::nullopt; // ambiguous
            }
            found = &record;
        }
    }
    return found != nullptr ? std::optional<Entry>(d->entry(*found)) : std::nullopt;
}

QList<Entry> CertificateStore::findByEmail(const QString &address) const
{
    QList<Entry> list;
    for (const QString &id : d->byEmail.value(Crypto::normalisedAddress(address))) {
        list.append(d->entry(d->records.value(id)));
    }
    return list;
}

QList<Entry> CertificateStore::search(const QString &query) const
{
    // The ASCII form too, so "xn--bcher-kva" finds what the index shows as "bücher".
    const QString aceQuery = Crypto::normalisedAddress(query);
    QList<Entry> list;
    for (const Record &record : std::as_const(d->records)) {
        const bool matches =
                query.isEmpty() || record.subject.contains(query, Qt::CaseInsensitive)
                || record.label.contains(query, Qt::CaseInsensitive)
                || record.id.startsWith(query.toUpper())
                || std::any_of(record.emails.cbegin(), record.emails.cend(),
                               [&query](const QString &email) {
                                   return email.contains(query, Qt::CaseInsensitive);
                               })
                || std::any_of(record.addressKeys.cbegin(), record.addressKeys.cend(),
                               [&aceQuery](const QString &key) { return key.contains(aceQuery); });
        if (matches) {
            list.append(d->entry(record));
        }
    }
    std::sort(list.begin(), list.end(), [](const Entry &a, const Entry &b) { return a.id < b.id; });
    return list;
}

std::optional<Entry> CertificateStore::findByIssuerAndSerial(const QString &issuer,
                                                             const QByteArray &serial) const
{
    auto found = d->byIssuerSerial.constFind(issuer + QLatin1Char('|')
                                             + QString::fromLatin1(serial.toUpper()));
    return found == d->byIssuerSerial.constEnd()
                   ? std::nullopt
                   : std::optional<Entry>(d->entry(d->records.value(*found)));
}

std::optional<Entry>
CertificateStore::findBySubjectKeyIdentifier(const QByteArray &identifier) const
{
    auto found = d->bySubjectKeyId.constFind(identifier.toUpper());
    return found == d->bySubjectKeyId.constEnd()
                   ? std::nullopt
                   : std::optional<Entry>(d->entry(d->records.value(*found)));
}

QList<Crypto::Certificate> CertificateStore::trustedCertificates() const
{
    QList<Crypto::Certificate> list;
    for (const Record &record : std::as_const(d->records)) {
        if (record.trust == Trust::Trusted) {
            list.append(d->certificate(record.id));
        }
    }
    return list;
}

QList<Crypto::Certificate> CertificateStore::allCertificates() const
{
    QList<Crypto::Certificate> list;
    for (const Record &record : std::as_const(d->records)) {
        if (record.trust != Trust::Untrusted) {
            list.append(d->certificate(record.id));
        }
    }
    return list;
}

std::optional<Entry> CertificateStore::encryptionCertificateFor(const QString &address) const
{
    Crypto::TrustSettings trust;
    trust.trustedRoots = trustedCertificates();
    trust.extraCertificates = allCertificates();
    const QDateTime now = QDateTime::currentDateTimeUtc();

    std::optional<Entry> best;
    for (const QString &id : d->byEmail.value(Crypto::normalisedAddress(address))) {
        const Record &record = d->records[id];
        if (record.trust == Trust::Untrusted || record.isCa
            || !(record.notBefore <= now && now <= record.notAfter)) {
            continue;
        }
        const Crypto::Certificate certificate = d->certificate(id);
        if (!certificate.allowsEncryption()) {
            continue;
        }
        const bool trusted = record.trust == Trust::Trusted
                             || Crypto::checkCertificate(certificate, trust, true)
                                        == Crypto::SignatureStatus::Valid;
        if (trusted && (!best || best->certificate.notBefore() < record.notBefore)) {
            best = d->entry(record);
        }
    }
    return best;
}

bool CertificateStore::holdsPrivateKeys() const
{
    return std::any_of(d->records.cbegin(), d->records.cend(),
                       [](const Record &record) { return record.hasKey; });
}

Result<QList<Crypto::Identity>, StoreError> CertificateStore::identities() const
{
    if (!d->checkUnlocked()) {
        return fail(isInitialised() ? StoreError::Locked : StoreError::NotInitialised,
                    QStringLiteral("the certificate store is locked"));
    }
    QList<Crypto::Identity> list;
    for (const Record &record : std::as_const(d->records)) {
        if (!record.hasKey) {
            continue;
        }
        auto cached = d->keys.constFind(record.id);
        if (cached == d->keys.constEnd()) {
            auto sealed = readStoreFile(d->keyPath(record.id));
            if (!sealed) {
                return tl::unexpected(sealed.error());
            }
            auto loaded = Crypto::loadIdentities(*sealed, Secret(d->master.bytes()));
            if (!loaded || loaded->isEmpty()) {
                qCWarning(lcStore) << "the private key of" << record.id << "cannot be opened";
                continue;
            }
            cached = d->keys.insert(record.id, loaded->constFirst().key);
        }
        Crypto::Identity identity;
        identity.certificate = d->certificate(record.id);
        identity.key = *cached;
        list.append(identity);
    }
    return list;
}

Result<Crypto::Identity, StoreError> CertificateStore::identityFor(const QString &address) const
{
    auto all = identities();
    if (!all) {
        return tl::unexpected(all.error());
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const Crypto::Identity *best = nullptr;
    for (const Crypto::Identity &identity : std::as_const(*all)) {
        if (identity.certificate.hasEmailAddress(address) && identity.certificate.isValidAt(now)
            && (best == nullptr
                || best->certificate.notBefore() < identity.certificate.notBefore())) {
            best = &identity;
        }
    }
    if (best == nullptr) {
        return fail(StoreError::NotFound,
                    QStringLiteral("no valid identity for %1 in the store").arg(address));
    }
    return *best;
}

namespace {

/** What one file to import holds, before anything is written. */
struct Parsed
{
    QList<Crypto::Certificate> certificates;
    QList<Crypto::Identity> identities; // with key; certificate may still be null
};

Result<Parsed, StoreError> parseImport(const QByteArray &data, const Secret &filePassphrase)
{
    Parsed parsed;
    if (data.trimmed().isEmpty()) {
        return fail(StoreError::BadInput, QStringLiteral("the file is empty"));
    }
    auto identities = Crypto::loadIdentities(data, filePassphrase);
    if (identities) {
        parsed.identities = *identities;
        for (const Crypto::Identity &identity : std::as_const(parsed.identities)) {
            parsed.certificates += identity.chain;
        }
    } else if (identities.error().code == Crypto::CryptoError::WrongPassphrase) {
        return fail(StoreError::BadInput, identities.error().detail);
    }
    parsed.certificates += Crypto::Certificate::parseAll(data);
    parsed.certificates += Crypto::certificatesFromPkcs7(data);
    if (parsed.certificates.isEmpty() && parsed.identities.isEmpty()) {
        return fail(StoreError::BadInput,
                    identities ? QStringLiteral("no certificate or key found")
                               : QStringLiteral("not a certificate, key or PKCS#12 file (%1)")
                                         .arg(identities.error().detail));
    }
    return parsed;
}

} // namespace

Result<ImportReport, StoreError>
CertificateStore::importData(const QByteArray &data, const Secret &filePassphrase, Origin origin)
{
    auto parsed = parseImport(data, filePassphrase);
    if (!parsed) {
        return tl::unexpected(parsed.error());
    }

    // Keys are paired with a certificate from the same file or from the store; a key without
    // any certificate cannot be used for S/MIME and is refused.
    QList<std::pair<Crypto::Certificate, Crypto::PrivateKey>> keys;
    QList<Crypto::Certificate> certificates = parsed->certificates;
    for (const Crypto::Identity &identity : std::as_const(parsed->identities)) {
        Crypto::Certificate owner = identity.certificate;
        if (owner.isNull()) {
            const QList<Crypto::Certificate> candidates = certificates + allCertificates();
            const auto match = std::find_if(candidates.cbegin(), candidates.cend(),
                                            [&identity](const Crypto::Certificate &candidate) {
                                                return identity.key.matches(candidate);
                                            });
            if (match == candidates.cend()) {
                return fail(StoreError::BadInput,
                            QStringLiteral("a private key without its certificate"));
            }
            owner = *match;
        }
        certificates.prepend(owner);
        keys.append({owner, identity.key});
    }
    if (!keys.isEmpty() && !d->checkUnlocked()) {
        return fail(isInitialised() ? StoreError::Locked : StoreError::NotInitialised,
                    QStringLiteral("the store must be unlocked to import private keys"));
    }

    // An import is all or nothing: when a write fails, the files this call already wrote are
    // removed again and the store is read back as it was.
    QStringList written;
    auto rollBack = [this, &written](const QString &detail) {
        for (const QString &path : std::as_const(written)) {
            QFile::remove(path);
        }
        d->keys.clear();
        if (!d->readRecords()) {
            qCWarning(lcStore) << "the store cannot be read back after a failed import";
        }
        return fail(StoreError::Io, detail);
    };
    auto write = [&written](const QString &path, const QByteArray &bytes, bool secret) {
        if (!writeAtomically(path, bytes, secret)) {
            return false;
        }
        written.append(path);
        return true;
    };

    ImportReport report;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (const Crypto::Certificate &certificate : std::as_const(certificates)) {
        const QString id = QString::fromLatin1(certificate.sha256Fingerprint());
        if (d->records.contains(id) || report.added.contains(id)) {
            if (!report.merged.contains(id) && !report.added.contains(id)) {
                report.merged.append(id);
            }
            continue;
        }
        Record record = recordFor(id, certificate);
        record.origin = origin;
        record.added = now;
        if (!write(d->certPath(id), certificate.toDer(), false)
            || !write(d->sidecarPath(id), QJsonDocument(sidecarJson(record)).toJson(), false)) {
            return rollBack(
                    QStringLiteral("cannot write certificate %1 to the store; nothing was imported")
                            .arg(id));
        }
        d->records.insert(id, record);
        d->certificates.insert(id, certificate);
        d->addToMaps(record);
        report.added.append(id);
    }

    for (const auto &[certificate, key] : std::as_const(keys)) {
        const QString id = QString::fromLatin1(certificate.sha256Fingerprint());
        if (d->records[id].hasKey) {
            continue;
        }
        auto sealed = Crypto::encryptPrivateKey(key, Secret(d->master.bytes()), keyFileIterations);
        if (!sealed || !write(d->keyPath(id), *sealed, true)) {
            return rollBack(
                    QStringLiteral(
                            "cannot write the private key of %1 to the store; nothing was imported")
                            .arg(id));
        }
        d->records[id].hasKey = true;
        d->keys.insert(id, key);
        ++report.keysAdded;
    }

    if (!d->writeIndex()) {
        return rollBack(QStringLiteral("cannot write the store index; nothing was imported"));
    }
    return report;
}

Result<ImportReport, StoreError>
CertificateStore::collect(const QList<Crypto::Certificate> &certificates)
{
    QByteArray pem;
    for (const Crypto::Certificate &certificate : certificates) {
        if (!certificate.isNull() && !certificate.mailboxes().isEmpty()) {
            pem += certificate.toPem();
        }
    }
    if (pem.isEmpty()) {
        return ImportReport();
    }
    return importData(pem, Secret(), Origin::Collected);
}

Result<Entry, StoreError> CertificateStore::generateIdentity(const QString &address,
                                                             const QString &name,
                                                             Crypto::KeyType type)
{
    auto fields = Crypto::checkSubjectFields(address, name);
    if (!fields) {
        return fail(StoreError::BadInput, fields.error().detail);
    }
    if (!d->checkUnlocked()) {
        return fail(isInitialised() ? StoreError::Locked : StoreError::NotInitialised,
                    QStringLiteral("the store must be unlocked to create an identity"));
    }
    auto identity = Crypto::generateIdentity(address, name, type);
    if (!identity) {
        return fail(StoreError::BadInput, identity.error().detail);
    }
    auto pem = Crypto::encryptPrivateKey(identity->key, Secret(QByteArray("transfer")), 1);
    if (!pem) {
        return fail(StoreError::BadInput, pem.error().detail);
    }
    auto imported = importData(*pem + identity->certificate.toPem(), Secret(QByteArray("transfer")),
                               Origin::Generated);
    if (!imported) {
        return tl::unexpected(imported.error());
    }
    return *entry(QString::fromLatin1(identity->certificate.sha256Fingerprint()));
}

Result<bool, StoreError> CertificateStore::remove(const QString &id, bool keyOnly)
{
    auto found = entry(id);
    if (!found) {
        return fail(StoreError::NotFound,
                    QStringLiteral("no single certificate matches %1").arg(id));
    }
    Record &record = d->records[found->id];
    // Deleting a private key cannot be undone and makes the mail encrypted to it unreadable:
    // only someone who can unlock the store may do it, as only they may use the key.
    if (record.hasKey && !d->checkUnlocked()) {
        return fail(StoreError::Locked,
                    QStringLiteral("the store must be unlocked to delete a private key"));
    }
    if (record.hasKey && !QFile::remove(d->keyPath(found->id))) {
        return fail(StoreError::Io,
                    QStringLiteral("cannot delete the private key of %1").arg(found->id));
    }
    record.hasKey = false;
    d->keys.remove(found->id);
    if (!keyOnly) {
        QFile::remove(d->sidecarPath(found->id));
        if (!QFile::remove(d->certPath(found->id))) {
            if (!d->readRecords()) {
                qCWarning(lcStore) << "the store cannot be read back after a failed delete";
            }
            return fail(StoreError::Io,
                        QStringLiteral("cannot delete certificate %1").arg(found->id));
        }
        d->records.remove(found->id);
        d->certificates.remove(found->id);
        d->rebuildMaps();
    }
    if (!d->writeIndex() && !d->readRecords()) {
        qCWarning(lcStore) << "the store index could not be written after a delete";
    }
    return true;
}

namespace {

template <typename Change>
Result<bool, StoreError> changeRecord(CertificateStore &store,
                                      QHash<QString, Record> &records,
                                      const QString &id,
                                      const std::function<bool(const Record &)> &writeSidecar,
                                      const std::function<bool()> &writeIndex,
                                      Change change)
{
    auto found = store.entry(id);
    if (!found) {
        return fail(StoreError::NotFound,
                    QStringLiteral("no single certificate matches %1").arg(id));
    }
    Record updated = records[found->id];
    change(updated);
    if (!writeSidecar(updated)) {
        return fail(StoreError::Io,
                    QStringLiteral("cannot write the settings of %1").arg(found->id));
    }
    records[found->id] = updated;
    writeIndex();
    return true;
}

} // namespace

Result<bool, StoreError> CertificateStore::setTrust(const QString &id, Trust trust)
{
    return changeRecord(
            *this, d->records, id,
            [this](const Record &record) {
                return writeAtomically(d->sidecarPath(record.id),
                                       QJsonDocument(sidecarJson(record)).toJson());
            },
            [this] { return d->writeIndex(); }, [trust](Record &record) { record.trust = trust; });
}

Result<bool, StoreError> CertificateStore::setLabel(const QString &id, const QString &label)
{
    return changeRecord(
            *this, d->records, id,
            [this](const Record &record) {
                return writeAtomically(d->sidecarPath(record.id),
                                       QJsonDocument(sidecarJson(record)).toJson());
            },
            [this] { return d->writeIndex(); }, [&label](Record &record) { record.label = label; });
}

Result<QByteArray, StoreError> CertificateStore::exportIdentity(const QString &id,
                                                                const Secret &passphrase,
                                                                Crypto::Pkcs12Scheme scheme) const
{
    auto found = entry(id);
    if (!found) {
        return fail(StoreError::NotFound,
                    QStringLiteral("no single certificate matches %1").arg(id));
    }
    if (!found->hasPrivateKey) {
        return fail(StoreError::NotFound,
                    QStringLiteral("%1 has no private key in the store").arg(found->id));
    }
    // An empty password leaves the key as open as no password at all, in a file made to travel.
    if (passphrase.isEmpty()) {
        return fail(StoreError::BadInput,
                    QStringLiteral("the export password must not be empty: the file holds the "
                                   "private key"));
    }
    auto all = identities();
    if (!all) {
        return tl::unexpected(all.error());
    }
    for (Crypto::Identity identity : std::as_const(*all)) {
        if (identity.certificate == found->certificate) {
            for (const Crypto::Certificate &candidate : allCertificates()) {
                if (candidate.subject() == identity.certificate.issuer()
                    && candidate != identity.certificate) {
                    identity.chain.append(candidate);
                }
            }
            auto bundle = Crypto::exportPkcs12(
                    identity, passphrase,
                    found->label.isEmpty() ? found->certificate.commonName() : found->label,
                    scheme);
            if (!bundle) {
                return fail(StoreError::BadInput, bundle.error().detail);
            }
            return *bundle;
        }
    }
    return fail(StoreError::Corrupt,
                QStringLiteral("the private key of %1 cannot be opened").arg(found->id));
}

namespace {

/** The address and name a request for @p certificate carries, checked before any key is used. */
Result<std::pair<QString, QString>, StoreError>
requestFields(const Crypto::Certificate &certificate)
{
    const QStringList emails = certificate.emailAddresses();
    const QString address = emails.isEmpty() ? QString() : emails.constFirst();
    if (address.isEmpty()) {
        return fail(StoreError::BadInput,
                    QStringLiteral("the certificate names no e-mail address to request one for"));
    }
    auto fields = Crypto::checkSubjectFields(address, certificate.commonName());
    if (!fields) {
        return fail(StoreError::BadInput,
                    QStringLiteral("the certificate's fields cannot go into a request: %1")
                            .arg(fields.error().detail));
    }
    return std::pair{address, certificate.commonName()};
}

} // namespace

Result<QByteArray, StoreError> CertificateStore::certificateRequest(const QString &id) const
{
    auto found = entry(id);
    if (!found || !found->hasPrivateKey) {
        return fail(StoreError::NotFound,
                    QStringLiteral("no identity with a private key matches %1").arg(id));
    }
    auto fields = requestFields(found->certificate);
    if (!fields) {
        return tl::unexpected(fields.error());
    }
    auto all = identities();
    if (!all) {
        return tl::unexpected(all.error());
    }
    for (const Crypto::Identity &identity : std::as_const(*all)) {
        if (identity.certificate == found->certificate) {
            auto request = Crypto::certificateRequest(identity.key, fields->first, fields->second);
            if (!request) {
                return fail(StoreError::BadInput, request.error().detail);
            }
            return *request;
        }
    }
    return fail(StoreError::Corrupt,
                QStringLiteral("the private key of %1 cannot be opened").arg(found->id));
}

void CertificateStore::failWritesAfter(int writes)
{
    writesBeforeFailure = writes;
}

void CertificateStore::useClock(std::function<QDateTime()> clock)
{
    clockOverride() = std::move(clock);
}

QString toString(Trust trust)
{
    switch (trust) {
    case Trust::Default:
        return QStringLiteral("default");
    case Trust::Trusted:
        return QStringLiteral("trusted");
    case Trust::Untrusted:
        return QStringLiteral("untrusted");
    case Trust::Ask:
        return QStringLiteral("ask");
    }
    return QStringLiteral("default");
}

std::optional<Trust> trustFromString(const QString &text)
{
    for (const Trust trust : {Trust::Default, Trust::Trusted, Trust::Untrusted, Trust::Ask}) {
        if (text == toString(trust)) {
            return trust;
        }
    }
    return std::nullopt;
}

QString toString(Origin origin)
{
    switch (origin) {
    case Origin::Imported:
        return QStringLiteral("imported");
    case Origin::Collected:
        return QStringLiteral("collected");
    case Origin::Generated:
        return QStringLiteral("generated");
    }
    return QStringLiteral("imported");
}

QString describe(StoreError error)
{
    switch (error) {
    case StoreError::NotInitialised:
        return QStringLiteral("no store passphrase set");
    case StoreError::Locked:
        return QStringLiteral("store locked");
    case StoreError::WrongPassphrase:
        return QStringLiteral("wrong passphrase");
    case StoreError::NotFound:
        return QStringLiteral("not found");
    case StoreError::BadInput:
        return QStringLiteral("unusable input");
    case StoreError::Io:
        return QStringLiteral("write failed");
    case StoreError::Corrupt:
        return QStringLiteral("store damaged");
    }
    return {};
}

} // namespace Postern::Store
