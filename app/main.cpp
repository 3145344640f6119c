#include "app/CommandLine.h"
#include "app/Commands.h"
#include "app/ExitCode.h"
#include "app/StoreAccess.h"
#include "core/base/Logging.h"
#include "core/base/Profile.h"
#include "core/base/SignalWatcher.h"
#include "core/base/Translations.h"
#include "core/base/Version.h"
#include "core/imap/ImapProxy.h"
#include "core/imap/MessageCache.h"
#include "core/service/ProxyService.h"
#include "core/smtp/SmtpProxy.h"
#include "core/store/CertificateStore.h"
#include "core/store/StoreSettings.h"
#include "ui/AppContext.h"
#include "ui/MainWindow.h"
#include "ui/PassphrasePrompt.h"
#include "ui/SettingsDialog.h"

#include <QApplication>
#include <QLocale>
#include <QTextStream>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <memory>

using namespace Postern;
using Cli::ExitCode;
using Cli::Invocation;

namespace {

QStringList argumentsOf(int argc, char **argv)
{
    QStringList arguments;
    for (int index = 0; index < argc; ++index) {
        arguments.append(QString::fromLocal8Bit(argv[index]));
    }
    return arguments;
}

bool hasDisplay()
{
    return qEnvironmentVariableIsSet("DISPLAY") || qEnvironmentVariableIsSet("WAYLAND_DISPLAY")
           || qEnvironmentVariableIsSet("QT_QPA_PLATFORM");
}

void installTranslations(QCoreApplication &app)
{
    Translations::install(app, QLocale());
}

/**
 * The first half of a reload (SIGHUP, sent by the command line after it changed the profile):
 * certificates imported, removed or distrusted in another process take effect here, and messages
 * decrypted under the old trust are judged again. The caller restarts the proxies.
 */
void reloadStore(Service::ProxyService &service,
                 Store::CertificateStore &certificates,
                 const Profile &profile)
{
    qCInfo(lcCore) << "SIGHUP received: reloading the certificate store and the accounts";
    certificates.reload();
    certificates.setUnlockTimeout(
            Store::StoreSettings::load(Store::StoreSettings::filePath(profile)).unlockTimeout);
    for (Imap::ImapProxy *proxy : service.imapProxies()) {
        proxy->cache().clear();
    }
}

int runHeadless(int argc, char **argv, const Profile &profile, const Invocation &invocation)
{
    QCoreApplication app(argc, argv);
    installTranslations(app);

    auto store = Cli::openStore(profile);
    if (!store) {
        qCCritical(lcCore).noquote() << store.error().message;
        return Cli::toInt(store.error().code);
    }
    if ((*store)->isInitialised()) {
        auto unlocked = Cli::unlockStore(**store, invocation, false);
        if (!unlocked && invocation.isSet(QStringLiteral("store-pass-file"))) {
            // A passphrase file given on purpose that does not unlock is a mistake to fix now,
            // not a reason to defer every signed message later.
            qCCritical(lcCore).noquote()
                    << "cannot unlock the certificate store:" << unlocked.error().message;
            return Cli::toInt(unlocked.error().code);
        }
        if (!unlocked) {
            qCWarning(lcCore).noquote()
                    << "the certificate store stays locked:" << unlocked.error().message
                    << "- messages that must be signed are deferred until it is unlocked";
        }
    }

    Service::ProxyService service(profile.directory(), store->get());
    // After the unlock timeout, the passphrase file or the keyring unlock the store again when a
    // message must be signed; a service never waits for a prompt.
    Store::CertificateStore *certificates = store->get();
    service.setUnlocker([certificates, invocation] {
        Cli::PassphraseSources sources;
        sources.prompt = [](const QString &) -> Cli::Step<Secret> {
            return Cli::failure(ExitCode::NoMatchingKey,
                                QStringLiteral("no terminal to ask for the passphrase"));
        };
        auto unlocked = Cli::unlockStore(*certificates, invocation, false, sources);
        if (!unlocked) {
            qCWarning(lcCore).noquote()
                    << "cannot unlock the store again:" << unlocked.error().message;
        }
        return unlocked.has_value();
    });
    if (invocation.isSet(QStringLiteral("stop-timeout"))) {
        service.setGracePeriod(
                std::chrono::seconds(invocation.value(QStringLiteral("stop-timeout")).toInt()));
    }
    QObject::connect(&service, &Service::ProxyService::drained, &app, [] {
        qCInfo(lcCore) << "the proxies have stopped";
        QCoreApplication::quit();
    });
    SignalWatcher signalWatcher({SIGTERM, SIGINT, SIGHUP});
    QObject::connect(&signalWatcher, &SignalWatcher::received, &app,
                     [&service, certificates, &profile](int number) {
                         if (number == SIGHUP) {
                             if (service.isDraining()) {
                                 qCInfo(lcCore) << "SIGHUP received while stopping: not reloading";
                                 return;
                             }
                             reloadStore(service, *certificates, profile);
                             const QStringList problems = service.start();
                             qCInfo(lcCore).noquote()
                                     << "reloaded:" << service.configuration().accounts.size()
                                     << "account(s)," << problems.size() << "problem(s)";
                             return;
                         }
                         if (service.isDraining()) {
                             // A second signal is the impatient operator's (Ctrl+C twice): stop
                             // now.
                             qCInfo(lcCore)
                                     << "signal" << number << "received again, stopping at once";
                             QCoreApplication::quit();
                             return;
                         }
                         // A service manager's stop must not cut off a message between DATA and the
                         // reply the mail client waits for: ports close at once, messages in flight
                         // are finished first.
                         qCInfo(lcCore) << "signal" << number << "received, shutting down";
                         service.drain();
                     });

    qCInfo(lcCore).noquote() << "Postern" << versionString << "running headless on profile"
                             << profile.directory();
    const QStringList problems = service.start();
    // Accounts of which not one proxy could listen (their ports taken by another program):
    // a service that serves nothing must not look healthy to its service manager. A profile
    // without accounts waits for the first one (`account add` tells it).
    const auto listening = [&service] {
        const auto open = [](const auto *proxy) {
            return proxy->port() != 0;
        };
        const auto smtp = service.smtpProxies();
        const auto imap = service.imapProxies();
        return std::any_of(smtp.cbegin(), smtp.cend(), open)
               || std::any_of(imap.cbegin(), imap.cend(), open);
    };
    if (!service.configuration().accounts.isEmpty() && !listening()) {
        QTextStream err(stderr);
        err << "postern: no proxy could listen, so there is nothing to serve:" << Qt::endl;
        for (const QString &problem : problems) {
            err << "  " << problem << Qt::endl;
        }
        err << "free those ports, or give the accounts others (smtpListen and imapListen in "
               "accounts.json, or the account editor in the window)"
            << Qt::endl;
        qCCritical(lcCore) << "no proxy could listen; stopping";
        service.stop();
        return Cli::toInt(ExitCode::Conflict);
    }
    const int status = QCoreApplication::exec();
    service.stop();
    qCInfo(lcCore) << "stopped";
    return status;
}

int runGui(int argc, char **argv, const Profile &profile)
{
    QApplication app(argc, argv);
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/postern.svg")));
    installTranslations(app);

    // The window serves the same proxies as --headless. Until the store is unlocked (from the
    // keyring here; the window will ask), a message that must be signed is deferred with a 4xx.
    auto store = Cli::openStore(profile);
    std::unique_ptr<Service::ProxyService> service;
    if (store) {
        if ((*store)->isInitialised()) {
            Cli::PassphraseSources sources;
            sources.prompt = [](const QString &) -> Cli::Step<Secret> {
                return Cli::failure(ExitCode::NoMatchingKey,
                                    QStringLiteral("the passphrase is asked for in the window"));
            };
            Invocation none;
            auto unlocked = Cli::unlockStore(**store, none, false, sources);
            if (!unlocked) {
                qCInfo(lcCore).noquote() << "the certificate store stays locked for now:"
                                         << unlocked.error().message;
            }
        }
        service = std::make_unique<Service::ProxyService>(profile.directory(), store->get());
        Store::CertificateStore *certificates = store->get();
        // When the unlock timeout has locked the store and a message must be signed, the window
        // asks; the SMTP client waits for its reply meanwhile.
        service->setUnlocker([certificates] { return Ui::askToUnlockStore(*certificates); });
        service->start();
    } else {
        qCWarning(lcCore).noquote() << "the proxies are off:" << store.error().message;
    }

    Ui::AppContext context;
    context.profileDirectory = profile.directory();
    if (store) {
        context.store = store->get();
    }
    context.proxies = service.get();
    context.activity = service ? service->activity() : nullptr;
    if (context.store != nullptr) {
        Store::CertificateStore *certificates = context.store;
        context.unlockStore = [certificates] {
            return Ui::askToUnlockStore(*certificates);
        };
    }
    const QString uiSettings = profile.filePath(QStringLiteral("config/ui.ini"));
    Ui::MainWindow window(&context, uiSettings);
    // Started minimised, the window waits in the tray; without a tray there is nothing to
    // reach it from, so it is shown.
    if (!Ui::SettingsDialog::startsMinimised(uiSettings) || !window.hasTray()) {
        window.show();
    }
    // The window decides when Postern ends: closing it with a tray leaves the proxies running,
    // and quitting lets them finish the messages in flight first.
    QApplication::setQuitOnLastWindowClosed(false);

    // As --headless does: SIGHUP reads the profile again (the command line sends it after a
    // change), SIGTERM and SIGINT end Postern as the window's Quit does (a second one at once).
    SignalWatcher signalWatcher({SIGTERM, SIGINT, SIGHUP});
    QObject::connect(&signalWatcher, &SignalWatcher::received, &app,
                     [&service, &context, &window, &profile](int number) {
                         if (number != SIGHUP) {
                             qCInfo(lcCore) << "signal" << number << "received, shutting down";
                             window.quit();
                             return;
                         }
                         if (!service || context.store == nullptr || window.isQuitting()) {
                             return;
                         }
                         reloadStore(*service, *context.store, profile);
                         window.reloadProfile();
                         qCInfo(lcCore).noquote()
                                 << "reloaded:" << service->configuration().accounts.size()
                                 << "account(s)";
                     });
    if (service) {
        QObject::connect(service.get(), &Service::ProxyService::drained, &app,
                         [] { qCInfo(lcCore) << "the proxies have stopped"; });
    }
    const int status = QApplication::exec();
    if (service) {
        service->stop();
    }
    return status;
}

} // namespace

int main(int argc, char **argv)
{
    // A service manager's reload, or the command line once the lock names this process, may
    // send SIGHUP while Postern is still starting; it waits until the event loop can act on it.
    // First thing, before any thread exists to inherit another mask. SIGTERM and SIGINT (Ctrl+C
    // at the passphrase prompt) keep ending a Postern that is still starting.
    SignalWatcher::hold({SIGHUP});
    QCoreApplication::setOrganizationName(QStringLiteral("Postern"));
    QCoreApplication::setApplicationName(QStringLiteral("postern"));
    QCoreApplication::setApplicationVersion(QLatin1String(versionString));

    QTextStream out(stdout);
    QTextStream err(stderr);

    auto parsed = Cli::parseCommandLine(argumentsOf(argc, argv));
    if (!parsed) {
        err << "postern: " << parsed.error().message << " (see postern --help)" << Qt::endl;
        return Cli::toInt(ExitCode::Usage);
    }
    const Invocation &invocation = *parsed;

    if (invocation.mode == Invocation::Mode::Help) {
        out << invocation.helpText;
        return Cli::toInt(ExitCode::Ok);
    }
    if (invocation.mode == Invocation::Mode::Version) {
        out << "postern " << versionString << Qt::endl;
        return Cli::toInt(ExitCode::Ok);
    }
    if (invocation.mode == Invocation::Mode::Gui && !hasDisplay()) {
        err << "postern: no display found; run 'postern --headless' to serve the proxies without a "
               "window"
            << Qt::endl;
        return Cli::toInt(ExitCode::NoDisplay);
    }

    const QString directory = Profile::locate(invocation.profileDirectory);
    auto profile = Profile::open(directory);
    if (!profile) {
        err << "postern: cannot use profile: " << profile.error().detail << Qt::endl;
        return Cli::toInt(ExitCode::ProfileUnusable);
    }

    const bool isService = invocation.mode != Invocation::Mode::Command;
    if (!isService) {
        Logging::install(QString(), invocation.verbose);
        return Cli::toInt(Cli::runCommand(invocation, *profile, out, err));
    }

    // The lock comes before the log: a refused second instance must not write to, or rotate,
    // the log of the one that runs.
    auto lock = ProfileLock::acquire(*profile);
    if (!lock) {
        err << "postern: " << lock.error().detail
            << "; only one Postern may serve a profile: stop the other one or choose another "
               "--profile"
            << Qt::endl;
        return Cli::toInt(ExitCode::ProfileUnusable);
    }
    Logging::install(profile->logDirectory(), invocation.verbose);

    if (invocation.mode == Invocation::Mode::Headless) {
        return runHeadless(argc, argv, *profile, invocation);
    }
    return runGui(argc, argv, *profile);
}
