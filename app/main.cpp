#include "app/CommandLine.h"
#include "app/Commands.h"
#include "app/ExitCode.h"
#include "core/base/Logging.h"
#include "core/base/Profile.h"
#include "core/base/SignalWatcher.h"
#include "core/base/Version.h"
#include "ui/MainWindow.h"

#include <QApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTextStream>
#include <QTranslator>

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
    auto *qtTranslator = new QTranslator(&app);
    if (qtTranslator->load(QLocale(), QStringLiteral("qtbase"), QStringLiteral("_"),
                           QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qtTranslator);
    }
    auto *ownTranslator = new QTranslator(&app);
    if (ownTranslator->load(QLocale(), QStringLiteral("postern"), QStringLiteral("_"),
                            QStringLiteral(":/i18n"))) {
        QCoreApplication::installTranslator(ownTranslator);
    }
}

int runHeadless(int argc, char **argv, const Profile &profile)
{
    QCoreApplication app(argc, argv);
    installTranslations(app);

    SignalWatcher signalWatcher({SIGTERM, SIGINT, SIGHUP});
    QObject::connect(&signalWatcher, &SignalWatcher::received, &app, [](int number) {
        if (number == SIGHUP) {
            qCInfo(lcCore) << "SIGHUP received: no accounts are configured, nothing to reload";
            return;
        }
        qCInfo(lcCore) << "signal" << number << "received, shutting down";
        QCoreApplication::quit();
    });

    qCInfo(lcCore).noquote() << "Postern" << versionString << "running headless on profile"
                             << profile.directory();
    const int status = QCoreApplication::exec();
    qCInfo(lcCore) << "stopped";
    return status;
}

int runGui(int argc, char **argv, const Profile &profile)
{
    QApplication app(argc, argv);
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/postern.svg")));
    installTranslations(app);

    Ui::MainWindow window(profile.filePath(QStringLiteral("config/ui.ini")));
    window.show();
    return QApplication::exec();
}

} // namespace

int main(int argc, char **argv)
{
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
    Logging::install(isService ? profile->logDirectory() : QString(), invocation.verbose);

    if (!isService) {
        return Cli::toInt(Cli::runCommand(invocation, *profile, out, err));
    }

    auto lock = ProfileLock::acquire(*profile);
    if (!lock) {
        err << "postern: " << lock.error().detail << Qt::endl;
        return Cli::toInt(ExitCode::ProfileUnusable);
    }

    if (invocation.mode == Invocation::Mode::Headless) {
        return runHeadless(argc, argv, *profile);
    }
    return runGui(argc, argv, *profile);
}
