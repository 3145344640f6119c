#include "StoreAccess.h"

#include "core/base/Logging.h"
#include "core/base/Profile.h"
#include "core/store/StoreSettings.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

namespace Postern::Cli {

Step<QByteArray> readFile(const QString &path)
{
    const QFileInfo info(path);
    if (!info.exists()) {
        return failure(ExitCode::InputUnreadable, QStringLiteral("%1: no such file").arg(path));
    }
    if (info.isDir()) {
        return failure(ExitCode::InputUnreadable,
                       QStringLiteral("%1: is a directory, not a file").arg(path));
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return failure(ExitCode::InputUnreadable,
                       QStringLiteral("%1: cannot read (%2)").arg(path, file.errorString()));
    }
    return file.readAll();
}

namespace {

// mkstemp() makes the file with mode 0600 from the start, so no other user can open it before
// its mode is set, as they could with a file created under the umask and narrowed afterwards.
// Written beside the target and renamed over it, like QSaveFile.
Step<bool> writeOwnerOnly(const QString &path, const QList<QByteArray> &pieces)
{
    QByteArray temporary = QFile::encodeName(path) + ".XXXXXX";
    const int fd = ::mkstemp(temporary.data());
    if (fd < 0) {
        return failure(ExitCode::InputUnreadable,
                       QStringLiteral("%1: cannot write (%2)").arg(path, qt_error_string(errno)));
    }
    bool ok = ::fchmod(fd, S_IRUSR | S_IWUSR) == 0;
    for (const QByteArray &bytes : pieces) {
        qsizetype done = 0;
        while (ok && done < bytes.size()) {
            const ssize_t written =
                    ::write(fd, bytes.constData() + done, static_cast<size_t>(bytes.size() - done));
            ok = written > 0 || (written < 0 && errno == EINTR);
            done += std::max<ssize_t>(written, 0);
        }
    }
    ok = ok && ::fsync(fd) == 0;
    int error = ok ? 0 : errno;
    if (::close(fd) != 0 && ok) {
        ok = false;
        error = errno;
    }
    if (ok && ::rename(temporary.constData(), QFile::encodeName(path).constData()) == 0) {
        return true;
    }
    const QString reason = qt_error_string(ok ? errno : error);
    ::unlink(temporary.constData());
    return failure(ExitCode::InputUnreadable,
                   QStringLiteral("%1: cannot write (%2)").arg(path, reason));
}

} // namespace

// Writes the pieces one after the other, so a large result is never concatenated in memory.
Step<bool>
writeOutput(const Invocation &invocation, const QList<QByteArray> &pieces, OutputAccess access)
{
    const QString path = invocation.value(QStringLiteral("output"));
    if (path.isEmpty() || path == QLatin1String("-")) {
        for (const QByteArray &bytes : pieces) {
            const size_t written =
                    std::fwrite(bytes.constData(), 1, static_cast<size_t>(bytes.size()), stdout);
            if (written != static_cast<size_t>(bytes.size())) {
                return failure(ExitCode::InputUnreadable,
                               QStringLiteral("cannot write to standard output"));
            }
        }
        (void)std::fflush(stdout);
        return true;
    }
    if (access == OutputAccess::OwnerOnly) {
        return writeOwnerOnly(path, pieces);
    }
    QSaveFile file(path);
    bool ok = file.open(QIODevice::WriteOnly);
    for (const QByteArray &bytes : pieces) {
        ok = ok && file.write(bytes) == bytes.size();
    }
    if (!ok || !file.commit()) {
        return failure(ExitCode::InputUnreadable,
                       QStringLiteral("%1: cannot write (%2)").arg(path, file.errorString()));
    }
    return true;
}

Step<Secret> readSecretFile(const QString &path)
{
    auto content = readFile(path);
    if (!content) {
        return tl::unexpected(content.error());
    }
    const qsizetype newline = content->indexOf('\n');
    QByteArray line = newline >= 0 ? content->left(newline) : *content;
    if (line.endsWith('\r')) {
        line.chop(1);
    }
    content->fill('\0');
    return Secret(std::move(line));
}

Step<Secret> promptSecret(const QString &question, const QString &withoutTerminal)
{
    FILE *terminal = std::fopen("/dev/tty", "r+");
    if (terminal == nullptr) {
        return failure(ExitCode::NoMatchingKey, withoutTerminal);
    }
    const int fd = fileno(terminal);
    termios saved{};
    tcgetattr(fd, &saved);
    termios silent = saved;
    silent.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(fd, TCSAFLUSH, &silent);
    (void)std::fprintf(terminal, "%s", question.toLocal8Bit().constData());
    (void)std::fflush(terminal);

    char buffer[1024] = {};
    const bool read = std::fgets(buffer, sizeof buffer, terminal) != nullptr;
    tcsetattr(fd, TCSAFLUSH, &saved);
    (void)std::fprintf(terminal, "\n");
    (void)std::fclose(terminal);
    QByteArray line(buffer);
    OPENSSL_cleanse(buffer, sizeof buffer);
    while (line.endsWith('\n') || line.endsWith('\r')) {
        line.chop(1);
    }
    if (!read) {
        return failure(ExitCode::NoMatchingKey, QStringLiteral("no passphrase given"));
    }
    return Secret(std::move(line));
}

Step<std::unique_ptr<Store::CertificateStore>> openStore(const Profile &profile)
{
    auto store = Store::openProfileStore(profile);
    if (!store) {
        return failure(ExitCode::ProfileUnusable,
                       QStringLiteral("certificate store: %1").arg(store.error().detail));
    }
    return std::move(*store);
}

void withApplication(const std::function<void()> &work)
{
    if (QCoreApplication::instance() != nullptr) {
        work();
        return;
    }
    int argc = 1;
    char name[] = "postern";
    char *argv[] = {name, nullptr};
    const QCoreApplication application(argc, argv);
    work();
}

Step<Secret> storePassphraseFromUser(const Invocation &invocation,
                                     bool initialised,
                                     const PassphraseSources &sources)
{
    if (invocation.isSet(QStringLiteral("store-pass-file"))) {
        return readSecretFile(invocation.value(QStringLiteral("store-pass-file")));
    }
    const QString question = initialised ? QStringLiteral("Certificate store passphrase: ")
                                         : QStringLiteral("New certificate store passphrase: ");
    if (sources.prompt) {
        return sources.prompt(question);
    }
    return promptSecret(question,
                        initialised ? QStringLiteral("the certificate store is locked: give "
                                                     "--store-pass-file FILE, or run in a "
                                                     "terminal to be asked")
                                    : QStringLiteral("the certificate store has no passphrase "
                                                     "yet: give the new one with "
                                                     "--store-pass-file FILE, or run in a "
                                                     "terminal to be asked"));
}

namespace {

// The keyring is asked only when the user put the passphrase there; anything it cannot give
// (no service, no entry, a passphrase that no longer fits) leaves the prompt to ask.
bool unlockFromKeyring(Store::CertificateStore &store, const PassphraseSources &sources)
{
    const QString profileDirectory = QFileInfo(store.directory()).absolutePath();
    if (!Store::StoreSettings::load(Store::StoreSettings::filePath(profileDirectory))
                 .passphraseInKeyring) {
        return false;
    }
    Store::DesktopKeyring desktop;
    Store::PassphraseKeyring &keyring = sources.keyring != nullptr ? *sources.keyring : desktop;
    bool unlocked = false;
    withApplication([&] {
        auto passphrase = keyring.read(Store::storePassphraseKey(profileDirectory));
        if (!passphrase) {
            qCWarning(lcStore) << "the store passphrase is not available from the keyring:"
                               << Store::describe(passphrase.error().code);
            return;
        }
        auto opened = store.unlock(*passphrase);
        if (!opened) {
            qCWarning(lcStore) << "the passphrase in the keyring does not unlock the store:"
                               << Store::describe(opened.error().code);
        }
        unlocked = opened.has_value();
    });
    return unlocked;
}

} // namespace

Step<bool> unlockStore(Store::CertificateStore &store,
                       const Invocation &invocation,
                       bool create,
                       const PassphraseSources &sources)
{
    if (store.isUnlocked()) {
        return true;
    }
    const bool initialised = store.isInitialised();
    if (!initialised && !create) {
        return failure(ExitCode::NoMatchingKey,
                       QStringLiteral("the certificate store holds no private keys yet"));
    }
    if (initialised && !invocation.isSet(QStringLiteral("store-pass-file"))
        && unlockFromKeyring(store, sources)) {
        return true;
    }
    Step<Secret> passphrase = storePassphraseFromUser(invocation, initialised, sources);
    if (!passphrase) {
        return tl::unexpected(passphrase.error());
    }
    auto unlocked = initialised ? store.unlock(*passphrase) : store.initialise(*passphrase);
    if (!unlocked) {
        return failure(ExitCode::NoMatchingKey,
                       QStringLiteral("certificate store: %1").arg(unlocked.error().detail));
    }
    return true;
}

} // namespace Postern::Cli
