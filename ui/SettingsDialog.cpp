#include "SettingsDialog.h"

#include "core/imap/DiskCache.h"
#include "core/service/ProxyService.h"
#include "core/store/CertificateStore.h"
#include "core/store/StoreSettings.h"
#include "ui/AppContext.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>
#include <QLoggingCategory>
#include <QSaveFile>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QVBoxLayout>

namespace Postern::Ui {

namespace {

const QLatin1String startMinimisedKey("general/startMinimised");
const QLatin1String logLevelKey("general/logLevel");

// Desktop Entry Specification, "The Exec key": arguments with reserved characters are quoted,
// and inside quotes ", `, $ and \ are escaped with a backslash.
QString quotedArgument(const QString &argument)
{
    QString escaped;
    for (const QChar character : argument) {
        if (character == QLatin1Char('"') || character == QLatin1Char('`')
            || character == QLatin1Char('$') || character == QLatin1Char('\\')) {
            escaped.append(QLatin1Char('\\'));
        }
        escaped.append(character);
    }
    // A literal percent sign is written twice in an Exec value.
    escaped.replace(QLatin1Char('%'), QStringLiteral("%%"));
    return QLatin1Char('"') + escaped + QLatin1Char('"');
}

} // namespace

SettingsDialog::SettingsDialog(AppContext *context, QString uiSettingsFile, QWidget *parent)
    : QDialog(parent)
    , m_context(context)
    , m_uiSettingsFile(std::move(uiSettingsFile))
{
    setWindowTitle(tr("Settings"));
    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    m_startMinimised = new QCheckBox(tr("Start &minimised to the system tray"), this);
    m_startMinimised->setChecked(startsMinimised(m_uiSettingsFile));
    layout->addWidget(m_startMinimised);
    m_startAtLogin = new QCheckBox(tr("Start Postern when I &log in"), this);
    m_startAtLogin->setChecked(QFile::exists(autostartFile()));
    layout->addWidget(m_startAtLogin);

    m_unlockMinutes = new QSpinBox(this);
    m_unlockMinutes->setObjectName(QStringLiteral("unlockMinutes"));
    m_unlockMinutes->setRange(0, 24 * 60);
    // The unit agrees with the number in languages that have the plural forms for it.
    const auto minutesSuffix = [this](int minutes) {
        m_unlockMinutes->setSuffix(tr(" minutes", nullptr, minutes));
    };
    connect(m_unlockMinutes, &QSpinBox::valueChanged, this, minutesSuffix);
    m_unlockMinutes->setSpecialValueText(tr("until Postern quits"));
    m_unlockMinutes->setAccessibleName(tr("How long the passphrase is remembered"));
    const QString profile = m_context != nullptr ? m_context->profileDirectory : QString();
    const Store::StoreSettings stored =
            Store::StoreSettings::load(Store::StoreSettings::filePath(profile));
    m_unlockMinutes->setValue((stored.unlockTimeout + 59) / 60);
    minutesSuffix(m_unlockMinutes->value());
    m_unlockMinutes->setEnabled(!profile.isEmpty());
    form->addRow(tr("Remember the &passphrase for:"), m_unlockMinutes);

    m_diskCache = new QCheckBox(tr("Keep decrypted messages on &disk between runs"), this);
    m_diskCache->setObjectName(QStringLiteral("diskCache"));
    m_diskCache->setToolTip(tr("Messages are kept encrypted under a key from your certificate "
                               "store, so a restart does not download and decrypt them again. "
                               "Turning this off deletes them."));
    m_diskCache->setChecked(stored.diskCache);
    m_diskCache->setEnabled(!profile.isEmpty());
    m_diskCacheSize = new QSpinBox(this);
    m_diskCacheSize->setObjectName(QStringLiteral("diskCacheSize"));
    m_diskCacheSize->setRange(1, 1024 * 1024);
    m_diskCacheSize->setSuffix(tr(" MB"));
    m_diskCacheSize->setValue(stored.diskCacheMegabytes);
    m_diskCacheSize->setAccessibleName(tr("Most disk space decrypted messages may take"));
    m_diskCacheSize->setEnabled(!profile.isEmpty() && stored.diskCache);
    connect(m_diskCache, &QCheckBox::toggled, m_diskCacheSize, &QWidget::setEnabled);
    form->addRow(m_diskCache);
    form->addRow(tr("Disk space for decrypted &messages:"), m_diskCacheSize);

    m_logLevel = new QComboBox(this);
    m_logLevel->addItems({tr("Warnings and errors"), tr("What Postern does (normal)"),
                          tr("Everything, for finding a problem")});
    m_logLevel->setCurrentIndex(int(logLevel(m_uiSettingsFile)));
    m_logLevel->setAccessibleName(tr("Log level"));
    form->addRow(tr("&Log:"), m_logLevel);
    layout->addLayout(form);

    auto *logNote = new QLabel(tr("The log never contains passwords, passphrases or message "
                                  "contents."),
                               this);
    logNote->setWordWrap(true);
    layout->addWidget(logNote);
    m_problem = new QLabel(this);
    m_problem->setWordWrap(true);
    m_problem->hide();
    layout->addWidget(m_problem);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);
}

QString SettingsDialog::problem() const
{
    return m_problem->isHidden() ? QString() : m_problem->text();
}

void SettingsDialog::accept()
{
    QSettings settings(m_uiSettingsFile, QSettings::IniFormat);
    settings.setValue(startMinimisedKey, m_startMinimised->isChecked());
    settings.setValue(logLevelKey, m_logLevel->currentIndex());
    settings.sync();
    applyLogLevel(static_cast<LogLevel>(m_logLevel->currentIndex()));

    const QString profile = m_context != nullptr ? m_context->profileDirectory : QString();
    if (!profile.isEmpty()) {
        const QString file = Store::StoreSettings::filePath(profile);
        Store::StoreSettings stored = Store::StoreSettings::load(file);
        const int seconds = m_unlockMinutes->value() * 60;
        if (stored.unlockTimeout != seconds) {
            stored.unlockTimeout = seconds;
            if (auto saved = stored.save(file); !saved) {
                m_problem->setText(
                        tr("The passphrase time could not be saved: %1").arg(saved.error().detail));
                m_problem->show();
                return;
            }
            if (m_context->store != nullptr) {
                m_context->store->setUnlockTimeout(seconds);
            }
        }
        if (stored.diskCache != m_diskCache->isChecked()
            || stored.diskCacheMegabytes != m_diskCacheSize->value()) {
            stored.diskCache = m_diskCache->isChecked();
            stored.diskCacheMegabytes = m_diskCacheSize->value();
            if (auto saved = stored.save(file); !saved) {
                m_problem->setText(tr("The message cache setting could not be saved: %1")
                                           .arg(saved.error().detail));
                m_problem->show();
                return;
            }
            if (m_context->proxies != nullptr) {
                m_context->proxies->applyDiskCache();
            } else if (!stored.diskCache) {
                Imap::DiskCache::remove(Imap::DiskCache::profileFolder(profile));
            }
        }
    }

    QString error;
    if (m_startAtLogin->isChecked() != QFile::exists(autostartFile())
        && !setStartAtLogin(m_startAtLogin->isChecked(), profile, &error)) {
        m_problem->setText(tr("Starting at login could not be changed: %1").arg(error));
        m_problem->show();
        return;
    }
    QDialog::accept();
}

bool SettingsDialog::startsMinimised(const QString &uiSettingsFile)
{
    return QSettings(uiSettingsFile, QSettings::IniFormat).value(startMinimisedKey).toBool();
}

SettingsDialog::LogLevel SettingsDialog::logLevel(const QString &uiSettingsFile)
{
    const int level = QSettings(uiSettingsFile, QSettings::IniFormat)
                              .value(logLevelKey, int(LogLevel::Information))
                              .toInt();
    return level >= 0 && level <= int(LogLevel::Details) ? static_cast<LogLevel>(level)
                                                         : LogLevel::Information;
}

void SettingsDialog::applyLogLevel(LogLevel level)
{
    switch (level) {
    case LogLevel::Warnings:
        QLoggingCategory::setFilterRules(
                QStringLiteral("postern.*.debug=false\npostern.*.info=false"));
        break;
    case LogLevel::Information:
        QLoggingCategory::setFilterRules(
                QStringLiteral("postern.*.debug=false\npostern.*.info=true"));
        break;
    case LogLevel::Details:
        QLoggingCategory::setFilterRules(
                QStringLiteral("postern.*.debug=true\npostern.*.info=true"));
        break;
    }
}

QString SettingsDialog::autostartFile()
{
    // XDG Autostart Specification: $XDG_CONFIG_HOME/autostart, ~/.config when unset.
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation)
           + QStringLiteral("/autostart/org.postern.Postern.desktop");
}

bool SettingsDialog::setStartAtLogin(bool enabled, const QString &profileDirectory, QString *error)
{
    const QString path = autostartFile();
    if (!enabled) {
        if (QFile::exists(path) && !QFile::remove(path)) {
            *error = tr("%1 cannot be removed").arg(QDir::toNativeSeparators(path));
            return false;
        }
        return true;
    }
    if (!QDir().mkpath(QFileInfo(path).absolutePath())) {
        *error = tr("%1 cannot be created").arg(QFileInfo(path).absolutePath());
        return false;
    }
    QString exec = quotedArgument(QCoreApplication::applicationFilePath());
    if (!profileDirectory.isEmpty()) {
        exec += QStringLiteral(" --profile ") + quotedArgument(profileDirectory);
    }
    const QString entry = QStringLiteral("[Desktop Entry]\n"
                                         "Type=Application\n"
                                         "Name=Postern\n"
                                         "Comment=%1\n"
                                         "Exec=%2\n"
                                         "Icon=org.postern.Postern\n"
                                         "Terminal=false\n"
                                         "X-GNOME-Autostart-enabled=true\n")
                                  .arg(tr("Protects your mail with S/MIME"), exec);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(entry.toUtf8()) < 0 || !file.commit()) {
        *error = file.errorString();
        return false;
    }
    return true;
}

} // namespace Postern::Ui
