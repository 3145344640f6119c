#pragma once

#include "core/policy/AccountsFile.h"

#include <QObject>
#include <QSet>
#include <QWidget>

#include <functional>

class QLabel;
class QPushButton;
class QTreeWidget;

namespace Postern::Service {
class ProxyService;
} // namespace Postern::Service

namespace Postern::Ui {

struct AppContext;
class MailClientSetup;

/**
 * The accounts file as the window's pages change it, with the command line's rules: a file
 * that does not parse or check is shown (from its last good version) but never overwritten,
 * and every save goes through AccountsFile, which keeps the version it replaces as `.bak`.
 */
class AccountsDocument
{
public:
    explicit AccountsDocument(QString profileDirectory);

    void reload();

    const Policy::Configuration &configuration() const { return m_configuration; }

    /** False while the file on disk is broken: changes would overwrite a hand edit. */
    bool isEditable() const { return m_editable; }

    /** Why changes are refused, for a person; empty when editable. */
    QString problem() const { return m_problem; }

    /**
     * Changes the file as it is now, under the lock the command line takes too: @p change gets
     * the current configuration (with what another process changed meanwhile) and returns false
     * to leave it alone. Returns whether the file was written, or the problem in words.
     */
    tl::expected<bool, QString> update(const std::function<bool(Policy::Configuration &)> &change);

    /** Writes what the caller changed in configuration() since it was read, over the file as it
     *  is now: accounts added, removed or changed; returns the problem in words, empty when
     *  saved. */
    QString save(const Policy::Configuration &configuration);

    QString path() const;

private:
    QString m_profileDirectory;
    Policy::Configuration m_configuration;
    bool m_editable = true;
    QString m_problem;
};

/**
 * Starts, pauses and resumes the account proxies of a ProxyService. A pause closes the
 * account's listening sockets (sessions already open finish); the paused accounts stay paused
 * when the service restarts after the accounts file changed.
 */
class ProxyControl : public QObject
{
    Q_OBJECT

public:
    explicit ProxyControl(Service::ProxyService *service, QObject *parent = nullptr);

    bool isAvailable() const { return m_service != nullptr; }

    bool isRunning(const QString &account) const;

    bool isPaused(const QString &account) const { return m_paused.contains(account); }

    void setPaused(const QString &account, bool paused);

    bool isPausedAll() const { return m_pausedAll; }

    void setPausedAll(bool paused);

    /** Restarts every proxy from the accounts file, keeping pauses. */
    void reload();

    /** The problems of the last (re)start, one line each. */
    QStringList problems() const { return m_problems; }

    /** How many accounts have a listening proxy, and how many there are. */
    std::pair<int, int> runningCount() const;

Q_SIGNALS:
    void changed();

private:
    void applyPauses();

    Service::ProxyService *m_service;
    QSet<QString> m_paused;
    bool m_pausedAll = false;
    QStringList m_problems;
};

/**
 * The Accounts page: every account with its proxies' state, adding, editing and removing
 * accounts, pausing an account's proxies, and how to set up the mail client for it.
 */
class AccountsPage : public QWidget
{
    Q_OBJECT

public:
    AccountsPage(AppContext *context, ProxyControl *proxies, QWidget *parent = nullptr);

    /** Re-reads the accounts file (after another page or the command line changed it). */
    void reload();

    QString selectedAccount() const;
    void selectAccount(const QString &name);

    QTreeWidget *accountList() const { return m_list; }

    /** Opens the editor for a new account or the selected one (the buttons' actions). */
    void addAccount();
    void editAccount();
    void removeAccount();
    void togglePause();

Q_SIGNALS:
    /** The accounts file was written by this page. */
    void accountsChanged();

private:
    void refreshStates();
    void updateSelection();
    bool saveChange(const std::function<bool(Policy::Configuration &)> &change);

    AppContext *m_context;
    ProxyControl *m_proxies;
    AccountsDocument m_document;
    QLabel *m_banner = nullptr;
    QTreeWidget *m_list = nullptr;
    QPushButton *m_add = nullptr;
    QPushButton *m_edit = nullptr;
    QPushButton *m_remove = nullptr;
    QPushButton *m_pause = nullptr;
    MailClientSetup *m_setup = nullptr;
};

} // namespace Postern::Ui
