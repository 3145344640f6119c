#include "Commands.h"

#include "app/AccountCommands.h"
#include "app/CertCommands.h"
#include "app/StoreAccess.h"
#include "core/base/Profile.h"
#include "core/base/Secret.h"
#include "core/calendar/Rehydration.h"
#include "core/crypto/KeyFile.h"
#include "core/mime/Entity.h"
#include "core/mime/MimeTree.h"
#include "core/smime/SecureMessage.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMap>
#include <QSaveFile>
#include <QTextStream>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <optional>

namespace Postern::Cli {

namespace {

Step<Secret> readPassphrase(const Invocation &invocation)
{
    if (!invocation.isSet(QStringLiteral("pass-file"))) {
        return Secret();
    }
    return readSecretFile(invocation.value(QStringLiteral("pass-file")));
}

Step<QList<Crypto::Identity>> loadKeys(const Invocation &invocation)
{
    auto passphrase = readPassphrase(invocation);
    if (!passphrase) {
        return tl::unexpected(passphrase.error());
    }
    QList<Crypto::Identity> identities;
    for (const QString &path : invocation.values(QStringLiteral("key"))) {
        auto data = readFile(path);
        if (!data) {
            return tl::unexpected(data.error());
        }
        auto loaded = Crypto::loadIdentities(*data, *passphrase);
        if (!loaded) {
            const bool wrongPassphrase =
                    loaded.error().code == Crypto::CryptoError::WrongPassphrase;
            return failure(wrongPassphrase ? ExitCode::NoMatchingKey : ExitCode::BadData,
                           QStringLiteral("%1: %2").arg(path, loaded.error().detail));
        }
        identities += *loaded;
    }
    return identities;
}

Step<QList<Crypto::Certificate>> loadCertificates(const QStringList &paths)
{
    QList<Crypto::Certificate> certificates;
    for (const QString &path : paths) {
        auto data = readFile(path);
        if (!data) {
            return tl::unexpected(data.error());
        }
        const QList<Crypto::Certificate> found = Crypto::Certificate::parseAll(*data);
        if (found.isEmpty()) {
            return failure(
                    ExitCode::BadData,
                    QStringLiteral("%1: no certificate found (expected PEM or DER)").arg(path));
        }
        certificates += found;
    }
    return certificates;
}

// Keys come from --key files when given; the store's certificates always help to build and
// trust chains. The store's own keys are added by readMessage() once they are needed.
Step<Smime::ReadOptions> readOptions(const Invocation &invocation,
                                     const Store::CertificateStore &store)
{
    Smime::ReadOptions options;
    auto keys = loadKeys(invocation);
    if (!keys) {
        return tl::unexpected(keys.error());
    }
    options.identities = *keys;
    auto roots = loadCertificates(invocation.values(QStringLiteral("trust")));
    if (!roots) {
        return tl::unexpected(roots.error());
    }
    options.trust.trustedRoots = *roots + store.trustedCertificates();
    options.trust.extraCertificates = store.allCertificates();
    options.trust.useSystemRoots = !invocation.isSet(QStringLiteral("no-system-roots"));
    for (const Crypto::Identity &identity : std::as_const(options.identities)) {
        options.trust.extraCertificates += identity.chain;
    }
    return options;
}

/** The first encrypted layer that no key given opened, or nullptr. */
Smime::Layer *layerWithoutKey(Smime::ReadResult &result)
{
    for (Smime::Layer &layer : result.layers) {
        if (!layer.opened && layer.kind == Smime::LayerKind::Encrypted
            && layer.cryptoError == Crypto::CryptoError::NoMatchingKey) {
            return &layer;
        }
    }
    return nullptr;
}

Step<Crypto::EncryptOptions> encryptOptions(const Invocation &invocation)
{
    Crypto::EncryptOptions options;
    options.rsaOaep = invocation.isSet(QStringLiteral("oaep"));
    const QString name = invocation.value(QStringLiteral("cipher")).toLower();
    static const QList<std::pair<QString, Crypto::ContentCipher>> ciphers = {
            {QStringLiteral("aes128-cbc"), Crypto::ContentCipher::Aes128Cbc},
            {QStringLiteral("aes192-cbc"), Crypto::ContentCipher::Aes192Cbc},
            {QStringLiteral("aes256-cbc"), Crypto::ContentCipher::Aes256Cbc},
            {QStringLiteral("aes128-gcm"), Crypto::ContentCipher::Aes128Gcm},
            {QStringLiteral("aes256-gcm"), Crypto::ContentCipher::Aes256Gcm},
    };
    if (name.isEmpty()) {
        return options;
    }
    for (const auto &[cipherName, cipher] : ciphers) {
        if (cipherName == name) {
            options.cipher = cipher;
            return options;
        }
    }
    return failure(ExitCode::Usage, QStringLiteral("unknown cipher '%1' (aes128-cbc, aes192-cbc, "
                                                   "aes256-cbc, aes128-gcm, aes256-gcm)")
                                            .arg(name));
}

/**
 * Reads the message with the --key files, or else with the store's keys. The store is unlocked
 * only when an encrypted layer needs them and the store holds any, so a message that is not
 * encrypted to the user never asks for the passphrase. When the store cannot be unlocked,
 * @p needKeys makes that the command's failure; otherwise the layer tells why it stayed shut.
 */
Step<Smime::ReadResult> readMessage(const Invocation &invocation,
                                    const QByteArray &input,
                                    Store::CertificateStore &store,
                                    bool needKeys = false)
{
    auto options = readOptions(invocation, store);
    if (!options) {
        return tl::unexpected(options.error());
    }
    auto read = [&invocation, &input](const Smime::ReadOptions &with) -> Step<Smime::ReadResult> {
        auto result = Smime::read(input, with);
        if (!result) {
            return failure(ExitCode::BadData,
                           QStringLiteral("%1: %2").arg(invocation.arguments.constFirst(),
                                                        result.error().detail));
        }
        return std::move(*result);
    };
    auto result = read(*options);
    if (!result || invocation.isSet(QStringLiteral("key")) || layerWithoutKey(*result) == nullptr
        || !store.holdsPrivateKeys()) {
        return result;
    }

    auto unlocked = unlockStore(store, invocation, false);
    auto identities =
            unlocked ? store.identities() : Result<QList<Crypto::Identity>, Store::StoreError>();
    if (unlocked && !identities) {
        unlocked = failure(ExitCode::ProfileUnusable,
                           QStringLiteral("certificate store: %1").arg(identities.error().detail));
    }
    if (!unlocked) {
        if (needKeys) {
            return tl::unexpected(unlocked.error());
        }
        layerWithoutKey(*result)->problem = unlocked.error().message;
        return result;
    }
    options->identities = *identities;
    return read(*options);
}

QString layerLine(const Smime::Layer &layer)
{
    QString line;
    switch (layer.kind) {
    case Smime::LayerKind::Encrypted:
        line = QStringLiteral("encrypted (%1)").arg(QString::fromLatin1(layer.wrapper));
        if (layer.opened) {
            line += QStringLiteral(": decrypted, %1, %2%3")
                            .arg(layer.decryption.contentCipher, layer.decryption.keyManagement,
                                 layer.decryption.recipient.isNull()
                                         ? QString()
                                         : QStringLiteral(", for ")
                                                   + layer.decryption.recipient.subject());
        }
        break;
    case Smime::LayerKind::Signed: {
        line = QStringLiteral("signed (%1): %2")
                       .arg(QString::fromLatin1(layer.wrapper),
                            Crypto::describe(layer.signature.status));
        for (const Crypto::SignerDetails &signer : layer.signature.signers) {
            line += QStringLiteral("\n       signer %1 <%2>, %3/%4, signed %5")
                            .arg(signer.certificate.commonName(),
                                 signer.certificate.emailAddresses().join(QStringLiteral(", ")),
                                 signer.digestAlgorithm, signer.signatureAlgorithm,
                                 signer.signingTime.isValid()
                                         ? signer.signingTime.toString(Qt::ISODate)
                                         : QStringLiteral("(no time)"));
        }
        if (layer.opened && layer.signature.status != Crypto::SignatureStatus::Valid) {
            line += QStringLiteral("\n       ") + layer.signature.detail;
        }
        break;
    }
    case Smime::LayerKind::Compressed:
        line = QStringLiteral("compressed (%1)").arg(QString::fromLatin1(layer.wrapper));
        break;
    }
    if (!layer.opened) {
        line += QStringLiteral(": not opened: ") + layer.problem;
    }
    return line;
}

QString securityText(const Smime::ReadResult &result)
{
    QString text = QStringLiteral("Security layers (outermost first):\n");
    if (result.layers.isEmpty()) {
        text += QStringLiteral("  none\n");
    }
    int number = 1;
    for (const Smime::Layer &layer : result.layers) {
        text += QStringLiteral("  %1. ").arg(number++) + layerLine(layer) + QLatin1Char('\n');
    }
    text += QStringLiteral("Integrity: ") + Smime::describe(result.integrity) + QLatin1Char('\n');
    return text;
}

/** The exit status for layers that could not be opened: the first such layer decides. */
ExitCode layerFailureCode(const Smime::ReadResult &result)
{
    for (const Smime::Layer &layer : result.layers) {
        if (layer.opened) {
            continue;
        }
        if (layer.structureBroken) {
            return ExitCode::BadData;
        }
        if (layer.kind == Smime::LayerKind::Encrypted
            && layer.cryptoError == Crypto::CryptoError::NoMatchingKey) {
            return ExitCode::NoMatchingKey;
        }
        return ExitCode::BadData;
    }
    return ExitCode::Ok;
}

QString firstProblem(const Smime::ReadResult &result)
{
    for (const Smime::Layer &layer : result.layers) {
        if (!layer.opened) {
            return layer.problem;
        }
    }
    return {};
}

QString calendarsText(const QByteArray &message)
{
    QString text;
    for (const Calendar::CalendarPart &part : Calendar::findCalendarParts(message)) {
        QString where = QStringLiteral("attachment");
        if (part.live) {
            where = QStringLiteral("live invitation");
        } else if (part.standalone) {
            where = QStringLiteral("calendar file");
        } else if (part.forwarded) {
            where = QStringLiteral("in a forwarded message");
        }
        text += QStringLiteral("Calendar part %1 (%2%3): %4\n")
                        .arg(QString::fromLatin1(part.section),
                             QString::fromLatin1(part.contentType),
                             part.method.isEmpty() ? QString()
                                                   : QStringLiteral(", METHOD ") + part.method,
                             where);
        const Calendar::Invitation invitation = Calendar::parseInvitation(part.calendar);
        text += invitation.summaryText(QTimeZone::systemTimeZone());
        for (const QString &warning : invitation.warnings) {
            text += QStringLiteral("  Warning:   ") + warning + QLatin1Char('\n');
        }
    }
    return text;
}

QJsonArray calendarsJson(const QByteArray &message)
{
    QJsonArray list;
    for (const Calendar::CalendarPart &part : Calendar::findCalendarParts(message)) {
        QJsonObject object = Calendar::parseInvitation(part.calendar).toJson();
        object.insert(QLatin1String("section"), QString::fromLatin1(part.section));
        object.insert(QLatin1String("contentType"), QString::fromLatin1(part.contentType));
        object.insert(QLatin1String("methodParameter"), QString::fromLatin1(part.methodParameter));
        object.insert(QLatin1String("live"), part.live);
        object.insert(QLatin1String("forwarded"), part.forwarded);
        list.append(object);
    }
    return list;
}

ExitCode inspect(const Invocation &invocation,
                 const QByteArray &input,
                 Store::CertificateStore &store,
                 QTextStream &out,
                 QTextStream &err)
{
    auto result = readMessage(invocation, input, store);
    if (!result) {
        err << "postern: " << result.error().message << Qt::endl;
        return result.error().code;
    }
    const QByteArray shown = result->decryptedMessage();
    auto summary = Mime::summarize(shown);
    if (!summary && summary.error().code == Mime::MimeError::TooDeep) {
        err << "postern: " << invocation.arguments.constFirst() << ": " << summary.error().detail
            << Qt::endl;
        return ExitCode::BadData;
    }
    if (invocation.json) {
        QJsonObject object = Smime::toJson(*result);
        if (summary) {
            const QJsonObject message = Mime::toJson(*summary);
            for (auto it = message.constBegin(); it != message.constEnd(); ++it) {
                object.insert(it.key(), it.value());
            }
        }
        object.insert(QLatin1String("calendars"), calendarsJson(shown));
        out << QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Indented));
    } else {
        out << (summary ? Mime::toText(*summary)
                        : QStringLiteral("Content: ") + summary.error().detail + QLatin1Char('\n'));
        out << securityText(*result) << calendarsText(shown);
    }
    out.flush();
    // A corrupt layer is shown like everything else, and the exit status says so too.
    if (layerFailureCode(*result) == ExitCode::BadData) {
        err << "postern: " << invocation.arguments.constFirst() << ": " << firstProblem(*result)
            << Qt::endl;
        return ExitCode::BadData;
    }
    return ExitCode::Ok;
}

ExitCode decrypt(const Invocation &invocation,
                 const QByteArray &input,
                 Store::CertificateStore &store,
                 QTextStream &err)
{
    auto result = readMessage(invocation, input, store, true);
    if (!result) {
        err << "postern: " << result.error().message << Qt::endl;
        return result.error().code;
    }
    if (result->layers.isEmpty()) {
        err << "postern: " << invocation.arguments.constFirst() << ": not an S/MIME message"
            << Qt::endl;
        return ExitCode::BadData;
    }
    const ExitCode layerCode = layerFailureCode(*result);
    if (layerCode != ExitCode::Ok) {
        const bool noKeysAtAll = !invocation.isSet(QStringLiteral("key"))
                                 && !store.holdsPrivateKeys()
                                 && layerWithoutKey(*result) != nullptr;
        err << "postern: " << invocation.arguments.constFirst() << ": "
            << (noKeysAtAll ? QStringLiteral("no --key given and the certificate store holds no "
                                             "private keys; ")
                            : QString())
            << firstProblem(*result) << Qt::endl;
        return layerCode;
    }
    const bool entityOnly = invocation.isSet(QStringLiteral("entity-only"));
    const QList<Calendar::CalendarPart> calendars =
            Calendar::findCalendarParts(result->innerEntity);
    const bool invitation =
            std::any_of(calendars.cbegin(), calendars.cend(),
                        [](const Calendar::CalendarPart &part) { return part.live; });
    if (invitation && !entityOnly) {
        // A client recognises an invitation only as such: rebuilt as the sender's client made it.
        auto rehydrated =
                writeOutput(invocation, {Calendar::rehydrate(*result)}, OutputAccess::OwnerOnly);
        if (!rehydrated) {
            err << "postern: " << rehydrated.error().message << Qt::endl;
            return rehydrated.error().code;
        }
        return ExitCode::Ok;
    }
    auto written = writeOutput(invocation,
                               entityOnly ? QList<QByteArray>{result->innerEntity}
                                          : result->decryptedMessagePieces(),
                               OutputAccess::OwnerOnly);
    if (!written) {
        err << "postern: " << written.error().message << Qt::endl;
        return written.error().code;
    }
    return ExitCode::Ok;
}

ExitCode verify(const Invocation &invocation,
                const QByteArray &input,
                Store::CertificateStore &store,
                QTextStream &out,
                QTextStream &err)
{
    auto result = readMessage(invocation, input, store);
    if (!result) {
        err << "postern: " << result.error().message << Qt::endl;
        return result.error().code;
    }
    if (invocation.json) {
        out << QString::fromUtf8(
                QJsonDocument(Smime::toJson(*result)).toJson(QJsonDocument::Indented));
    } else {
        out << securityText(*result);
    }
    out.flush();
    if (!result->isSigned()) {
        const ExitCode layerCode = layerFailureCode(*result);
        const QString problem = layerCode == ExitCode::Ok ? QStringLiteral("no signature found")
                                                          : firstProblem(*result);
        err << "postern: " << invocation.arguments.constFirst() << ": " << problem << Qt::endl;
        return layerCode == ExitCode::Ok ? ExitCode::VerifyFailed : layerCode;
    }
    for (const Smime::Layer &layer : result->layers) {
        if (layer.kind == Smime::LayerKind::Signed
            && layer.signature.status != Crypto::SignatureStatus::Valid) {
            err << "postern: signature " << Crypto::describe(layer.signature.status) << ": "
                << layer.signature.detail << Qt::endl;
            return ExitCode::VerifyFailed;
        }
    }
    // As mail clients do, the certificates of verified senders are kept so one can write back
    // encrypted; a store that cannot take them does not change the verdict.
    auto collected = store.collect(result->collectedCertificates);
    if (collected && !collected->added.isEmpty()) {
        out << "Collected " << collected->added.size() << " certificate(s) into the store\n";
    }
    return ExitCode::Ok;
}

// --to names certificate files, or addresses whose best certificate the store chooses.
Step<QList<Crypto::Certificate>> recipientCertificates(const QStringList &names,
                                                       const Store::CertificateStore &store)
{
    QList<Crypto::Certificate> certificates;
    for (const QString &name : names) {
        if (!QFileInfo::exists(name) && name.contains(QLatin1Char('@'))) {
            const auto chosen = store.encryptionCertificateFor(name);
            if (!chosen) {
                return failure(
                        ExitCode::NoMatchingKey,
                        QStringLiteral(
                                "no valid, trusted encryption certificate for %1 in the store")
                                .arg(name));
            }
            certificates.append(chosen->certificate);
            continue;
        }
        auto loaded = loadCertificates({name});
        if (!loaded) {
            return tl::unexpected(loaded.error());
        }
        certificates += *loaded;
    }
    return certificates;
}

Step<bool> report(const Failure &problem, QTextStream &err)
{
    err << "postern: " << problem.message << Qt::endl;
    return tl::unexpected(problem);
}

ExitCode writeMessage(const Invocation &invocation,
                      const Result<QByteArray, Smime::WriteError> &message,
                      QTextStream &err)
{
    if (!message) {
        err << "postern: " << invocation.arguments.constFirst() << ": " << message.error().detail
            << Qt::endl;
        return message.error().code == Smime::WriteError::BadInput ? ExitCode::BadData
                                                                   : ExitCode::Failure;
    }
    auto written = writeOutput(invocation, {*message});
    return written ? ExitCode::Ok : report(written.error(), err).error().code;
}

ExitCode encrypt(const Invocation &invocation,
                 const QByteArray &input,
                 const Store::CertificateStore &store,
                 QTextStream &err)
{
    auto recipients = recipientCertificates(invocation.values(QStringLiteral("to")), store);
    auto options = encryptOptions(invocation);
    if (!recipients || !options) {
        return report(!recipients ? recipients.error() : options.error(), err).error().code;
    }
    return writeMessage(invocation, Smime::encryptMessage(input, *recipients, *options), err);
}

// The signer: the first identity of the --key files, or the store's identity for the From address.
Step<Crypto::Identity>
signerFor(const Invocation &invocation, const QByteArray &input, Store::CertificateStore &store)
{
    if (invocation.isSet(QStringLiteral("key"))) {
        auto keys = loadKeys(invocation);
        if (!keys) {
            return tl::unexpected(keys.error());
        }
        const auto found =
                std::find_if(keys->cbegin(), keys->cend(), [](const Crypto::Identity &identity) {
                    return !identity.certificate.isNull();
                });
        if (found == keys->cend()) {
            return failure(ExitCode::NoMatchingKey,
                           QStringLiteral("the key file holds no certificate to sign with"));
        }
        return *found;
    }
    const QString from = Mime::parseHeaders(Mime::splitEntity(input).headers).fromAddress;
    if (from.isEmpty()) {
        return failure(
                ExitCode::BadData,
                QStringLiteral(
                        "the message has no From: address to choose a signing key by; use --key"));
    }
    // Whether the store has a key for the sender is known without the passphrase.
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QList<Store::Entry> candidates = store.findByEmail(from);
    if (std::none_of(candidates.cbegin(), candidates.cend(), [&now](const Store::Entry &entry) {
            return entry.hasPrivateKey && entry.certificate.isValidAt(now);
        })) {
        return failure(
                ExitCode::NoMatchingKey,
                QStringLiteral("no valid identity for %1 in the store; use --key").arg(from));
    }
    auto unlocked = unlockStore(store, invocation, false);
    if (!unlocked) {
        return tl::unexpected(unlocked.error());
    }
    auto identity = store.identityFor(from);
    if (!identity) {
        return failure(ExitCode::NoMatchingKey, identity.error().detail);
    }
    return *identity;
}

ExitCode sign(const Invocation &invocation,
              const QByteArray &input,
              Store::CertificateStore &store,
              QTextStream &err)
{
    auto signer = signerFor(invocation, input, store);
    if (!signer) {
        return report(signer.error(), err).error().code;
    }
    auto recipients = recipientCertificates(invocation.values(QStringLiteral("encrypt-to")), store);
    auto options = encryptOptions(invocation);
    if (!recipients || !options) {
        return report(!recipients ? recipients.error() : options.error(), err).error().code;
    }
    const Smime::SignMode mode = invocation.isSet(QStringLiteral("opaque"))
                                         ? Smime::SignMode::Opaque
                                         : Smime::SignMode::Detached;
    return writeMessage(
            invocation,
            recipients->isEmpty()
                    ? Smime::signMessage(input, *signer, mode)
                    : Smime::signAndEncryptMessage(
                            input, *signer, *recipients + QList{signer->certificate}, *options),
            err);
}

/** Whether @p invocation, having succeeded, changed what a running Postern serves. */
bool changesWhatIsServed(const Invocation &invocation)
{
    static const QMap<QString, QStringList> changing = {
            {QStringLiteral("cert"),
             {QStringLiteral("import"), QStringLiteral("delete"), QStringLiteral("trust"),
              QStringLiteral("generate"), QStringLiteral("request")}},
            {QStringLiteral("account"), {QStringLiteral("add"), QStringLiteral("remove")}},
            {QStringLiteral("policy"), {QStringLiteral("apply-template"), QStringLiteral("set")}},
    };
    if (invocation.command == QLatin1String("cert")
        && invocation.arguments.value(0) == QLatin1String("settings")) {
        return invocation.isSet(QStringLiteral("unlock-timeout"))
               || invocation.isSet(QStringLiteral("disk-cache"))
               || invocation.isSet(QStringLiteral("disk-cache-size"));
    }
    return changing.value(invocation.command).contains(invocation.arguments.value(0));
}

/**
 * The window or service serving the profile reads its files only when it starts or on SIGHUP;
 * without this, a certificate distrusted here would go on being used there until a restart.
 */
void reloadRunningInstance(const Profile &profile, QTextStream &err)
{
    const std::optional<qint64> pid = ProfileLock::holder(profile);
    if (!pid) {
        return;
    }
    if (::kill(static_cast<pid_t>(*pid), SIGHUP) == 0) {
        err << "postern: the Postern running on this profile (process " << *pid
            << ") now serves the change" << Qt::endl;
    } else {
        err << "postern: could not tell the Postern running on this profile (process " << *pid
            << ") to reload: " << qt_error_string(errno)
            << "; it serves the change after 'kill -HUP " << *pid << "' or a restart" << Qt::endl;
    }
}

ExitCode runProfileCommand(const Invocation &invocation,
                           const Profile &profile,
                           QTextStream &out,
                           QTextStream &err)
{
    ExitCode code = ExitCode::Usage;
    if (invocation.command == QLatin1String("cert")) {
        code = runCertCommand(invocation, profile, out, err);
    } else if (invocation.command == QLatin1String("account")) {
        code = runAccountCommand(invocation, profile, out, err);
    } else {
        code = runPolicyCommand(invocation, profile, out, err);
    }
    if (code == ExitCode::Ok && changesWhatIsServed(invocation)) {
        out.flush();
        reloadRunningInstance(profile, err);
    }
    return code;
}

} // namespace

ExitCode
runCommand(const Invocation &invocation, const Profile &profile, QTextStream &out, QTextStream &err)
{
    if (invocation.command == QLatin1String("cert")
        || invocation.command == QLatin1String("account")
        || invocation.command == QLatin1String("policy")) {
        return runProfileCommand(invocation, profile, out, err);
    }
    auto input = readFile(invocation.arguments.constFirst());
    if (!input) {
        return report(input.error(), err).error().code;
    }
    if (invocation.command == QLatin1String("convert-invitation")) {
        auto converted = Calendar::convertToIcsAttachment(*input);
        if (!converted) {
            err << "postern: " << invocation.arguments.constFirst() << ": "
                << converted.error().detail << Qt::endl;
            return ExitCode::BadData;
        }
        auto written = writeOutput(invocation, {*converted});
        return written ? ExitCode::Ok : report(written.error(), err).error().code;
    }
    auto store = openStore(profile);
    if (!store) {
        return report(store.error(), err).error().code;
    }

    ExitCode code = ExitCode::Usage;
    if (invocation.command == QLatin1String("inspect")) {
        code = inspect(invocation, *input, **store, out, err);
    } else if (invocation.command == QLatin1String("decrypt")) {
        code = decrypt(invocation, *input, **store, err);
    } else if (invocation.command == QLatin1String("verify")) {
        code = verify(invocation, *input, **store, out, err);
    } else if (invocation.command == QLatin1String("encrypt")) {
        code = encrypt(invocation, *input, **store, err);
    } else if (invocation.command == QLatin1String("sign")) {
        code = sign(invocation, *input, **store, err);
    } else {
        err << "postern: unknown command " << invocation.command << Qt::endl;
    }
    out.flush();
    return code;
}

} // namespace Postern::Cli
