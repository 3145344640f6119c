#pragma once

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLabel;
class QSpinBox;

namespace Postern::Ui {

struct AppContext;

/**
 * The window's settings: start minimised (to the tray), start at login (an XDG autostart
 * entry), how long the passphrase is kept (the store's unlock timeout, shared with the command
 * line through the profile's store settings), whether decrypted messages are kept between runs
 * in the sealed cache on disk, and how much is logged.
 */
class SettingsDialog : public QDialog
{
    Q_OBJECT

public:
    enum class LogLevel {
        Warnings,
        Information,
        Details,
    };

    SettingsDialog(AppContext *context, QString uiSettingsFile, QWidget *parent = nullptr);

    void accept() override;

    /** Whether the window starts hidden in the tray. */
    static bool startsMinimised(const QString &uiSettingsFile);

    static LogLevel logLevel(const QString &uiSettingsFile);

    /** Sets the postern.* logging categories' filter for @p level. */
    static void applyLogLevel(LogLevel level);

    /** The autostart entry: $XDG_CONFIG_HOME/autostart/org.postern.Postern.desktop. */
    static QString autostartFile();

    /** Writes (with the program and @p profileDirectory) or removes the autostart entry. */
    static bool setStartAtLogin(bool enabled, const QString &profileDirectory, QString *error);

    QString problem() const;

private:
    AppContext *m_context;
    QString m_uiSettingsFile;
    QCheckBox *m_startMinimised = nullptr;
    QCheckBox *m_startAtLogin = nullptr;
    QSpinBox *m_unlockMinutes = nullptr;
    QCheckBox *m_diskCache = nullptr;
    QSpinBox *m_diskCacheSize = nullptr;
    QComboBox *m_logLevel = nullptr;
    QLabel *m_problem = nullptr;
};

} // namespace Postern::Ui
