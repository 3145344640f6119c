#include "CertCommands.h"

#include "app/StoreAccess.h"
#include "core/base/Profile.h"
#include "core/crypto/KeyMaterial.h"
#include "core/imap/DiskCache.h"
#include "core/store/Keyring.h"
#include "core/store/StoreSettings.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

namespace Postern::Cli {

namespace {

using Store::CertificateStore;
using Store::Entry;

QString kindOf(const Entry &entry)
{
    if (entry.hasPrivateKey) {
        return QStringLiteral("own identity");
    }
    return entry.certificate.isCertificateAuthority() ? QStringLiteral("authority")
                                                      : QStringLiteral("other person");
}

QJsonObject entryJson(const Entry &entry)
{
    const Crypto::Certificate &certificate = entry.certificate;
    QJsonObject object;
    object.insert(QLatin1String("id"), entry.id);
    object.insert(QLatin1String("label"), entry.label);
    object.insert(QLatin1String("name"), certificate.commonName());
    object.insert(QLatin1String("emails"), QJsonArray::fromStringList(certificate.mailboxes()));
    object.insert(QLatin1String("subject"), certificate.subject());
    object.insert(QLatin1String("issuer"), certificate.issuer());
    object.insert(QLatin1String("serial"), QString::fromLatin1(certificate.serialNumber()));
    object.insert(QLatin1String("notBefore"), certificate.notBefore().toString(Qt::ISODate));
    object.insert(QLatin1String("notAfter"), certificate.notAfter().toString(Qt::ISODate));
    object.insert(QLatin1String("expired"),
                  certificate.notAfter() < QDateTime::currentDateTimeUtc());
    object.insert(
            QLatin1String("key"),
            QStringLiteral("%1 %2").arg(certificate.keyAlgorithm()).arg(certificate.keyBits()));
    object.insert(QLatin1String("privateKey"), entry.hasPrivateKey);
    object.insert(QLatin1String("kind"), kindOf(entry));
    object.insert(QLatin1String("trust"), Store::toString(entry.trust));
    object.insert(QLatin1String("origin"), Store::toString(entry.origin));
    object.insert(QLatin1String("encryption"), certificate.allowsEncryption());
    object.insert(QLatin1String("signing"), certificate.allowsSigning());
    return object;
}

QString entryLine(const Entry &entry)
{
    const Crypto::Certificate &certificate = entry.certificate;
    const bool expired = certificate.notAfter() < QDateTime::currentDateTimeUtc();
    return QStringLiteral("%1  %2 <%3>  until %4%5  %6, %7, %8\n")
            .arg(entry.id.left(16), certificate.commonName(),
                 certificate.mailboxes().join(QStringLiteral(", ")),
                 certificate.notAfter().date().toString(Qt::ISODate),
                 expired ? QStringLiteral(" (expired)") : QString(), kindOf(entry),
                 Store::toString(entry.trust), Store::toString(entry.origin));
}

ExitCode fromStoreError(Store::StoreError error)
{
    switch (error) {
    case Store::StoreError::NotFound:
    case Store::StoreError::BadInput:
        return ExitCode::BadData;
    case Store::StoreError::Locked:
    case Store::StoreError::NotInitialised:
    case Store::StoreError::WrongPassphrase:
        return ExitCode::NoMatchingKey;
    case Store::StoreError::Io:
    case Store::StoreError::Corrupt:
        return ExitCode::ProfileUnusable;
    }
    return ExitCode::Failure;
}

ExitCode complain(QTextStream &err, ExitCode code, const QString &message)
{
    err << "postern: " << message << Qt::endl;
    return code;
}

ExitCode writeBytes(const Invocation &invocation,
                    const QByteArray &bytes,
                    QTextStream &err,
                    OutputAccess access = OutputAccess::Umask)
{
    auto written = writeOutput(invocation, {bytes}, access);
    return written ? ExitCode::Ok : complain(err, written.error().code, written.error().message);
}

// Every file is read before anything is imported, and the store is unlocked only when one
// holds a private key: a missing file is reported without asking for the passphrase first.
ExitCode importFiles(const Invocation &invocation,
                     CertificateStore &store,
                     QTextStream &out,
                     QTextStream &err)
{
    const QStringList files = invocation.arguments.mid(1);
    if (files.isEmpty()) {
        return complain(err, ExitCode::Usage,
                        QStringLiteral("'cert import' needs at least one FILE"));
    }
    Secret passphrase;
    if (invocation.isSet(QStringLiteral("pass-file"))) {
        auto read = readSecretFile(invocation.value(QStringLiteral("pass-file")));
        if (!read) {
            return complain(err, read.error().code, read.error().message);
        }
        passphrase = std::move(*read);
    }
    QList<QByteArray> contents;
    for (const QString &path : files) {
        auto data = readFile(path);
        if (!data) {
            return complain(err, data.error().code, data.error().message);
        }
        contents.append(std::move(*data));
    }
    for (qsizetype index = 0; index < files.size(); ++index) {
        const QString &path = files.at(index);
        const QByteArray &data = contents.at(index);
        auto imported = store.importData(data, passphrase);
        if (!imported
            && (imported.error().code == Store::StoreError::Locked
                || imported.error().code == Store::StoreError::NotInitialised)) {
            auto unlocked = unlockStore(store, invocation, true);
            if (!unlocked) {
                return complain(err, unlocked.error().code, unlocked.error().message);
            }
            imported = store.importData(data, passphrase);
        }
        if (!imported) {
            return complain(err, fromStoreError(imported.error().code),
                            QStringLiteral("%1: %2").arg(path, imported.error().detail));
        }
        out << path << ": " << imported->added.size() << " new certificate(s), "
            << imported->merged.size() << " already in the store, " << imported->keysAdded
            << " private key(s)\n";
    }
    return ExitCode::Ok;
}

ExitCode list(const Invocation &invocation, const CertificateStore &store, QTextStream &out)
{
    const QList<Entry> entries = store.search(invocation.arguments.value(1));
    if (invocation.json) {
        QJsonArray array;
        for (const Entry &entry : entries) {
            array.append(entryJson(entry));
        }
        out << QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Indented));
        return ExitCode::Ok;
    }
    for (const Entry &entry : entries) {
        out << entryLine(entry);
    }
    return ExitCode::Ok;
}

std::optional<Entry>
findOne(const Invocation &invocation, const CertificateStore &store, QTextStream &err)
{
    const QString id = invocation.arguments.value(1);
    auto found = id.isEmpty() ? std::nullopt : store.entry(id);
    if (!found) {
        err << "postern: "
            << (id.isEmpty() ? QStringLiteral("an ID is needed")
                             : QStringLiteral("no single certificate matches %1").arg(id))
            << Qt::endl;
    }
    return found;
}

ExitCode show(const Invocation &invocation,
              const CertificateStore &store,
              QTextStream &out,
              QTextStream &err)
{
    const auto found = findOne(invocation, store, err);
    if (!found) {
        return ExitCode::BadData;
    }
    const QJsonObject object = entryJson(*found);
    if (invocation.json) {
        out << QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Indented));
        return ExitCode::Ok;
    }
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        const QString value =
                it.value().isArray()
                        ? it.value().toVariant().toStringList().join(QStringLiteral(", "))
                        : it.value().toVariant().toString();
        out << QStringLiteral("%1: %2\n").arg(it.key(), -12).arg(value);
    }
    return ExitCode::Ok;
}

QString noPrivateKey(const Entry &entry)
{
    return QStringLiteral("%1 has no private key in the store").arg(entry.id);
}

// What needs no passphrase is checked before the store is unlocked: the identity, its key and
// the new password, so a mistake is never reported as a missing terminal.
ExitCode exportEntry(const Invocation &invocation, CertificateStore &store, QTextStream &err)
{
    const auto found = findOne(invocation, store, err);
    if (!found) {
        return ExitCode::BadData;
    }
    const bool legacy = invocation.isSet(QStringLiteral("legacy-p12"));
    if (legacy || invocation.isSet(QStringLiteral("p12"))) {
        if (!invocation.isSet(QStringLiteral("pass-file"))) {
            return complain(
                    err, ExitCode::Usage,
                    QStringLiteral("a PKCS#12 export needs --pass-file with its new password"));
        }
        if (!found->hasPrivateKey) {
            return complain(err, ExitCode::BadData, noPrivateKey(*found));
        }
        auto password = readSecretFile(invocation.value(QStringLiteral("pass-file")));
        if (!password) {
            return complain(err, password.error().code, password.error().message);
        }
        if (password->isEmpty()) {
            return complain(err, ExitCode::Usage,
                            QStringLiteral("%1 is empty: the PKCS#12 file holds the private key "
                                           "and needs a password to protect it")
                                    .arg(invocation.value(QStringLiteral("pass-file"))));
        }
        auto unlocked = unlockStore(store, invocation, false);
        if (!unlocked) {
            return complain(err, unlocked.error().code, unlocked.error().message);
        }
        auto bundle = store.exportIdentity(found->id, *password,
                                           legacy ? Crypto::Pkcs12Scheme::Legacy
                                                  : Crypto::Pkcs12Scheme::Modern);
        if (!bundle) {
            return complain(err, fromStoreError(bundle.error().code), bundle.error().detail);
        }
        return writeBytes(invocation, *bundle, err, OutputAccess::OwnerOnly);
    }
    if (invocation.isSet(QStringLiteral("der"))) {
        return writeBytes(invocation, found->certificate.toDer(), err);
    }
    QByteArray pem = found->certificate.toPem();
    if (invocation.isSet(QStringLiteral("chain"))) {
        QString issuer = found->certificate.issuer();
        for (int depth = 0; depth < 8 && !issuer.isEmpty(); ++depth) {
            const QList<Entry> candidates = store.search(QString());
            const auto parent = std::find_if(candidates.cbegin(), candidates.cend(),
                                             [&](const Entry &candidate) {
                                                 return candidate.certificate.subject() == issuer
                                                        && candidate.id != found->id;
                                             });
            if (parent == candidates.cend() || parent->certificate.isSelfSigned()) {
                pem += parent == candidates.cend() ? QByteArray() : parent->certificate.toPem();
                break;
            }
            pem += parent->certificate.toPem();
            issuer = parent->certificate.issuer();
        }
    }
    return writeBytes(invocation, pem, err);
}

ExitCode
generate(const Invocation &invocation, CertificateStore &store, QTextStream &out, QTextStream &err)
{
    const QString address = invocation.arguments.value(1);
    if (!address.contains(QLatin1Char('@'))) {
        return complain(err, ExitCode::Usage,
                        QStringLiteral("'cert generate' needs an e-mail ADDRESS"));
    }
    auto fields = Crypto::checkSubjectFields(address, invocation.value(QStringLiteral("name")));
    if (!fields) {
        return complain(err, ExitCode::Usage, fields.error().detail);
    }
    auto unlocked = unlockStore(store, invocation, true);
    if (!unlocked) {
        return complain(err, unlocked.error().code, unlocked.error().message);
    }
    auto created = store.generateIdentity(address, invocation.value(QStringLiteral("name")),
                                          invocation.isSet(QStringLiteral("ec"))
                                                  ? Crypto::KeyType::EcP256
                                                  : Crypto::KeyType::Rsa3072);
    if (!created) {
        return complain(err, fromStoreError(created.error().code), created.error().detail);
    }
    out << entryLine(*created);
    return ExitCode::Ok;
}

ExitCode request(const Invocation &invocation, CertificateStore &store, QTextStream &err)
{
    const auto found = findOne(invocation, store, err);
    if (!found) {
        return ExitCode::BadData;
    }
    if (!found->hasPrivateKey) {
        return complain(err, ExitCode::BadData, noPrivateKey(*found));
    }
    const QStringList emails = found->certificate.emailAddresses();
    auto fields = Crypto::checkSubjectFields(emails.isEmpty() ? QString() : emails.constFirst(),
                                             found->certificate.commonName());
    if (!fields) {
        return complain(err, ExitCode::BadData,
                        QStringLiteral("%1 cannot be put into a request: %2")
                                .arg(found->id, fields.error().detail));
    }
    auto unlocked = unlockStore(store, invocation, false);
    if (!unlocked) {
        return complain(err, unlocked.error().code, unlocked.error().message);
    }
    auto csr = store.certificateRequest(found->id);
    if (!csr) {
        return complain(err, fromStoreError(csr.error().code), csr.error().detail);
    }
    return writeBytes(invocation, *csr, err);
}

ExitCode
change(const Invocation &invocation, CertificateStore &store, QTextStream &out, QTextStream &err)
{
    const auto found = findOne(invocation, store, err);
    if (!found) {
        return ExitCode::BadData;
    }
    const QString action = invocation.arguments.constFirst();
    const bool deletesKey = action == QLatin1String("delete") && found->hasPrivateKey;
    Result<bool, Store::StoreError> done = true;
    if (deletesKey) {
        auto unlocked = unlockStore(store, invocation, false);
        if (!unlocked) {
            return complain(err, unlocked.error().code,
                            QStringLiteral("deleting a private key needs the store passphrase: %1")
                                    .arg(unlocked.error().message));
        }
    }
    if (action == QLatin1String("delete")) {
        done = store.remove(found->id, invocation.isSet(QStringLiteral("key-only")));
    } else {
        const auto level =
                Store::trustFromString(invocation.value(QStringLiteral("level")).isEmpty()
                                               ? QStringLiteral("trusted")
                                               : invocation.value(QStringLiteral("level")));
        if (!level) {
            return complain(err, ExitCode::Usage,
                            QStringLiteral("--level must be trusted, untrusted, ask or default"));
        }
        done = store.setTrust(found->id, *level);
    }
    if (!done) {
        return complain(err, fromStoreError(done.error().code), done.error().detail);
    }
    out << action << ": " << found->id << '\n';
    if (deletesKey) {
        out << "The private key is gone: mail encrypted to this certificate ("
            << found->certificate.subject() << ") can no longer be read.\n";
    }
    return ExitCode::Ok;
}

// Shows the store settings, and changes those given as options first. Every option is checked
// before anything is written, so a mistake in one changes nothing.
ExitCode
settings(const Invocation &invocation, const Profile &profile, QTextStream &out, QTextStream &err)
{
    const QString file = Store::StoreSettings::filePath(profile);
    Store::StoreSettings current = Store::StoreSettings::load(file);
    bool changed = false;
    if (invocation.isSet(QStringLiteral("unlock-timeout"))) {
        bool valid = false;
        const int seconds = invocation.value(QStringLiteral("unlock-timeout")).toInt(&valid);
        if (!valid || seconds < 0) {
            return complain(err, ExitCode::Usage,
                            QStringLiteral("--unlock-timeout needs a number of seconds (0: "
                                           "until Postern ends)"));
        }
        current.unlockTimeout = seconds;
        changed = true;
    }
    if (invocation.isSet(QStringLiteral("disk-cache"))) {
        const QString value = invocation.value(QStringLiteral("disk-cache")).toLower();
        if (value != QLatin1String("on") && value != QLatin1String("off")) {
            return complain(err, ExitCode::Usage,
                            QStringLiteral("--disk-cache needs on or off, not '%1'").arg(value));
        }
        current.diskCache = value == QLatin1String("on");
        changed = true;
    }
    if (invocation.isSet(QStringLiteral("disk-cache-size"))) {
        bool valid = false;
        const int megabytes = invocation.value(QStringLiteral("disk-cache-size")).toInt(&valid);
        // 1 TB: a larger number is a typing mistake, not a cache.
        if (!valid || megabytes < 1 || megabytes > 1024 * 1024) {
            return complain(err, ExitCode::Usage,
                            QStringLiteral("--disk-cache-size needs a number of megabytes from 1 "
                                           "to 1048576"));
        }
        current.diskCacheMegabytes = megabytes;
        changed = true;
    }
    if (changed) {
        auto saved = current.save(file);
        if (!saved) {
            return complain(err, ExitCode::ProfileUnusable, saved.error().detail);
        }
        // Off means gone now, whether or not a Postern runs to hear of it.
        const QString cache = Imap::DiskCache::profileFolder(profile.directory());
        if (!current.diskCache && !Imap::DiskCache::remove(cache)) {
            return complain(err, ExitCode::ProfileUnusable,
                            QStringLiteral("the message cache in %1 cannot be deleted").arg(cache));
        }
    }
    if (invocation.json) {
        QJsonObject object;
        object.insert(QLatin1String("unlockTimeout"), current.unlockTimeout);
        object.insert(QLatin1String("passphraseInKeyring"), current.passphraseInKeyring);
        object.insert(QLatin1String("diskCache"), current.diskCache);
        object.insert(QLatin1String("diskCacheMegabytes"), current.diskCacheMegabytes);
        out << QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Indented));
        return ExitCode::Ok;
    }
    out << "unlockTimeout: " << current.unlockTimeout << '\n'
        << "passphraseInKeyring: " << (current.passphraseInKeyring ? "true" : "false") << '\n'
        << "diskCache: " << (current.diskCache ? "on" : "off") << '\n'
        << "diskCacheMegabytes: " << current.diskCacheMegabytes << '\n';
    return ExitCode::Ok;
}

// The passphrase is checked against the store before it goes into the keyring, so a typing
// mistake is never remembered.
ExitCode rememberPassphrase(const Invocation &invocation,
                            const Profile &profile,
                            CertificateStore &store,
                            QTextStream &out,
                            QTextStream &err)
{
    if (!store.isInitialised()) {
        return complain(err, ExitCode::NoMatchingKey,
                        QStringLiteral("the certificate store has no passphrase yet"));
    }
    auto passphrase = storePassphraseFromUser(invocation, true);
    if (!passphrase) {
        return complain(err, passphrase.error().code, passphrase.error().message);
    }
    auto unlocked = store.unlock(*passphrase);
    if (!unlocked) {
        return complain(err, fromStoreError(unlocked.error().code),
                        QStringLiteral("certificate store: %1").arg(unlocked.error().detail));
    }
    Result<bool, Store::KeyringError> written = true;
    withApplication([&] {
        Store::DesktopKeyring keyring;
        written = keyring.write(Store::storePassphraseKey(profile.directory()), *passphrase);
    });
    if (!written) {
        return complain(err, ExitCode::Failure,
                        QStringLiteral("the passphrase was not put into the desktop keyring: %1")
                                .arg(written.error().detail));
    }
    const QString file = Store::StoreSettings::filePath(profile);
    Store::StoreSettings current = Store::StoreSettings::load(file);
    current.passphraseInKeyring = true;
    auto saved = current.save(file);
    if (!saved) {
        return complain(err, ExitCode::ProfileUnusable, saved.error().detail);
    }
    out << "The store passphrase is in the desktop keyring now.\n";
    return ExitCode::Ok;
}

// The setting is turned off even when the keyring cannot be reached, so Postern stops asking
// it; the entry left behind is reported.
ExitCode forgetPassphrase(const Profile &profile, QTextStream &out, QTextStream &err)
{
    const QString file = Store::StoreSettings::filePath(profile);
    Store::StoreSettings current = Store::StoreSettings::load(file);
    current.passphraseInKeyring = false;
    auto saved = current.save(file);
    if (!saved) {
        return complain(err, ExitCode::ProfileUnusable, saved.error().detail);
    }
    Result<bool, Store::KeyringError> removed = true;
    withApplication([&] {
        Store::DesktopKeyring keyring;
        removed = keyring.remove(Store::storePassphraseKey(profile.directory()));
    });
    if (!removed && removed.error().code != Store::KeyringError::NotFound) {
        return complain(err, ExitCode::Failure,
                        QStringLiteral("the passphrase could not be removed from the desktop "
                                       "keyring: %1")
                                .arg(removed.error().detail));
    }
    out << "The store passphrase is not in the desktop keyring any more.\n";
    return ExitCode::Ok;
}

} // namespace

ExitCode runCertCommand(const Invocation &invocation,
                        const Profile &profile,
                        QTextStream &out,
                        QTextStream &err)
{
    auto opened = openStore(profile);
    if (!opened) {
        return complain(err, opened.error().code, opened.error().message);
    }
    CertificateStore &store = **opened;
    const QString action = invocation.arguments.constFirst();
    ExitCode code = ExitCode::Usage;
    if (action == QLatin1String("import")) {
        code = importFiles(invocation, store, out, err);
    } else if (action == QLatin1String("list")) {
        code = list(invocation, store, out);
    } else if (action == QLatin1String("show")) {
        code = show(invocation, store, out, err);
    } else if (action == QLatin1String("export")) {
        code = exportEntry(invocation, store, err);
    } else if (action == QLatin1String("delete") || action == QLatin1String("trust")) {
        code = change(invocation, store, out, err);
    } else if (action == QLatin1String("generate")) {
        code = generate(invocation, store, out, err);
    } else if (action == QLatin1String("request")) {
        code = request(invocation, store, err);
    } else if (action == QLatin1String("settings")) {
        code = settings(invocation, profile, out, err);
    } else if (action == QLatin1String("remember-passphrase")) {
        code = rememberPassphrase(invocation, profile, store, out, err);
    } else if (action == QLatin1String("forget-passphrase")) {
        code = forgetPassphrase(profile, out, err);
    } else {
        err << "postern: unknown cert action '" << action
            << "' (import, list, show, export, delete, trust, generate, request, settings, "
               "remember-passphrase, forget-passphrase)"
            << Qt::endl;
    }
    out.flush();
    return code;
}

} // namespace Postern::Cli
