#include "AccountsPage.h"

#include "core/imap/ImapProxy.h"
#include "core/service/ProxyService.h"
#include "core/smtp/SmtpProxy.h"
#include "ui/AccountEditor.h"
#include "ui/AppContext.h"
#include "ui/MailClientSetup.h"

#include <QCoreApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSplitter>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Postern::Ui {

AccountsDocument::AccountsDocument(QString profileDirectory)
    : m_profileDirectory(std::move(profileDirectory))
{
    reload();
}

QString AccountsDocument::path() const
{
    return Policy::AccountsFile::inProfile(m_profileDirectory).path();
}

void AccountsDocument::reload()
{
    if (m_profileDirectory.isEmpty()) {
        m_configuration = {};
        m_editable = false;
        m_problem = QCoreApplication::translate("Postern::Ui::AccountsPage", "No profile is open.");
        return;
    }
    const Policy::AccountsFile file = Policy::AccountsFile::inProfile(m_profileDirectory);
    const Policy::AccountsFile::Loaded loaded = file.load();
    m_configuration = loaded.configuration;
    m_editable = !loaded.problem.has_value();
    m_problem.clear();
    if (loaded.problem) {
        m_problem = loaded.fromLastGood
                            ? QCoreApplication::translate(
                                      "Postern::Ui::AccountsPage",
                                      "The accounts file cannot be used: %1. Shown and running is "
                                      "the last good version. Fix or remove the file to make "
                                      "changes here; Postern will not overwrite it.")
                                      .arg(loaded.problem->toString())
                            : QCoreApplication::translate(
                                      "Postern::Ui::AccountsPage",
                                      "The accounts file cannot be used: %1. Fix or remove the "
                                      "file to make changes here; Postern will not overwrite it.")
                                      .arg(loaded.problem->toString());
    }
}

tl::expected<bool, QString>
AccountsDocument::update(const std::function<bool(Policy::Configuration &)> &change)
{
    if (m_profileDirectory.isEmpty()) {
        reload();
        return tl::unexpected(m_problem);
    }
    const auto updated = Policy::AccountsFile::inProfile(m_profileDirectory).update(change);
    reload();
    if (!updated) {
        // A file broken on disk is explained as the banner explains it; anything else (a change
        // that does not check, a file that cannot be written or is busy) by its own words.
        if (!m_editable) {
            return tl::unexpected(m_problem);
        }
        return tl::unexpected(
                QCoreApplication::translate("Postern::Ui::AccountsPage", "Nothing was saved: %1")
                        .arg(updated.error().toString()));
    }
    return *updated;
}

namespace {

// What @p edited changed relative to @p base, applied to @p current: an account another process
// added, changed or removed meanwhile stays as that process left it.
bool applyChanges(const Policy::Configuration &base,
                  const Policy::Configuration &edited,
                  Policy::Configuration &current)
{
    bool changed = false;
    for (const Policy::Account &before : base.accounts) {
        const Policy::Account *after = edited.find(before.name);
        if (after == nullptr) {
            const qsizetype removed =
                    current.accounts.removeIf([&before](const Policy::Account &account) {
                        return account.name.compare(before.name, Qt::CaseInsensitive) == 0;
                    });
            changed = changed || removed > 0;
            continue;
        }
        Policy::Account *now = current.find(before.name);
        if (now != nullptr && Policy::toJson(*after) != Policy::toJson(before)) {
            *now = *after;
            changed = true;
        }
    }
    for (const Policy::Account &after : edited.accounts) {
        if (base.find(after.name) == nullptr) {
            current.accounts.append(after);
            changed = true;
        }
    }
    return changed;
}

} // namespace

QString AccountsDocument::save(const Policy::Configuration &configuration)
{
    const Policy::Configuration base = m_configuration;
    const auto saved = update([&](Policy::Configuration &current) {
        return applyChanges(base, configuration, current);
    });
    return saved ? QString() : saved.error();
}

ProxyControl::ProxyControl(Service::ProxyService *service, QObject *parent)
    : QObject(parent)
    , m_service(service)
{
}

namespace {

// Both proxies of an account have the same listen/close/port interface; a pause applies to both.
template <typename Visit>
void forEachProxy(Service::ProxyService *service, Visit visit)
{
    for (Smtp::SmtpProxy *proxy : service->smtpProxies()) {
        visit(proxy);
    }
    for (Imap::ImapProxy *proxy : service->imapProxies()) {
        visit(proxy);
    }
}

} // namespace

bool ProxyControl::isRunning(const QString &account) const
{
    if (m_service == nullptr) {
        return false;
    }
    bool running = false;
    forEachProxy(m_service, [&](auto *proxy) {
        running = running || (proxy->account().name == account && proxy->port() != 0);
    });
    return running;
}

void ProxyControl::setPaused(const QString &account, bool paused)
{
    if (paused) {
        m_paused.insert(account);
    } else {
        m_paused.remove(account);
    }
    applyPauses();
    Q_EMIT changed();
}

void ProxyControl::setPausedAll(bool paused)
{
    m_pausedAll = paused;
    applyPauses();
    Q_EMIT changed();
}

void ProxyControl::reload()
{
    if (m_service == nullptr) {
        return;
    }
    m_problems = m_service->start();
    applyPauses();
    Q_EMIT changed();
}

void ProxyControl::applyPauses()
{
    if (m_service == nullptr) {
        return;
    }
    forEachProxy(m_service, [this](auto *proxy) {
        const bool paused = m_pausedAll || m_paused.contains(proxy->account().name);
        if (paused && proxy->port() != 0) {
            proxy->close();
        } else if (!paused && proxy->port() == 0) {
            QString error;
            if (!proxy->listen(&error)) {
                m_problems.append(error);
            }
        }
    });
}

std::pair<int, int> ProxyControl::runningCount() const
{
    if (m_service == nullptr) {
        return {0, 0};
    }
    int running = 0;
    for (const Policy::Account &account : m_service->configuration().accounts) {
        running += isRunning(account.name) ? 1 : 0;
    }
    return {running, int(m_service->configuration().accounts.size())};
}

AccountsPage::AccountsPage(AppContext *context, ProxyControl *proxies, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
    , m_proxies(proxies)
    , m_document(context != nullptr ? context->profileDirectory : QString())
{
    setAccessibleName(tr("Accounts"));
    auto *layout = new QVBoxLayout(this);

    m_banner = new QLabel(this);
    m_banner->setWordWrap(true);
    m_banner->setTextFormat(Qt::PlainText);
    m_banner->setFrameShape(QFrame::StyledPanel);
    m_banner->setObjectName(QStringLiteral("banner"));
    m_banner->setAccessibleName(tr("Accounts file problem"));
    m_banner->hide();
    layout->addWidget(m_banner);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    auto *top = new QWidget(splitter);
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    m_list = new QTreeWidget(top);
    m_list->setAccessibleName(tr("Accounts"));
    m_list->setRootIsDecorated(false);
    m_list->setHeaderLabels(
            {tr("Name"), tr("Addresses"), tr("Proxies"), tr("Local ports"), tr("Mail servers")});
    m_list->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_list->header()->setStretchLastSection(true);
    topLayout->addWidget(m_list, 1);

    auto *buttons = new QHBoxLayout;
    m_add = new QPushButton(tr("&Add…"), top);
    m_edit = new QPushButton(tr("&Edit…"), top);
    m_remove = new QPushButton(tr("&Remove"), top);
    m_pause = new QPushButton(tr("&Pause"), top);
    m_pause->setObjectName(QStringLiteral("pause"));
    for (QPushButton *button : {m_add, m_edit, m_remove, m_pause}) {
        buttons->addWidget(button);
    }
    buttons->addStretch(1);
    topLayout->addLayout(buttons);

    m_setup = new MailClientSetup(splitter);
    splitter->addWidget(top);
    splitter->addWidget(m_setup);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    splitter->setChildrenCollapsible(false);
    layout->addWidget(splitter, 1);

    connect(m_add, &QPushButton::clicked, this, &AccountsPage::addAccount);
    connect(m_edit, &QPushButton::clicked, this, &AccountsPage::editAccount);
    connect(m_remove, &QPushButton::clicked, this, &AccountsPage::removeAccount);
    connect(m_pause, &QPushButton::clicked, this, &AccountsPage::togglePause);
    connect(m_list, &QTreeWidget::itemActivated, this, &AccountsPage::editAccount);
    connect(m_list, &QTreeWidget::currentItemChanged, this, &AccountsPage::updateSelection);
    if (m_proxies != nullptr) {
        connect(m_proxies, &ProxyControl::changed, this, &AccountsPage::refreshStates);
    }
    reload();
}

void AccountsPage::reload()
{
    const QString selected = selectedAccount();
    m_document.reload();
    m_banner->setText(m_document.problem());
    m_banner->setVisible(!m_document.problem().isEmpty());
    m_list->clear();
    for (const Policy::Account &account : m_document.configuration().accounts) {
        auto *item = new QTreeWidgetItem(m_list);
        item->setText(0, account.name);
        item->setText(1, account.addresses.join(QStringLiteral(", ")));
        item->setText(3, tr("IMAP %1, SMTP %2").arg(account.imapListen).arg(account.smtpListen));
        item->setText(4, tr("%1, %2").arg(account.imap.display(), account.smtp.display()));
    }
    refreshStates();
    if (!selected.isEmpty()) {
        selectAccount(selected);
    }
    if (m_list->currentItem() == nullptr && m_list->topLevelItemCount() > 0) {
        m_list->setCurrentItem(m_list->topLevelItem(0));
    }
    updateSelection();
}

void AccountsPage::refreshStates()
{
    for (int row = 0; row < m_list->topLevelItemCount(); ++row) {
        QTreeWidgetItem *item = m_list->topLevelItem(row);
        const QString name = item->text(0);
        QString state;
        if (m_proxies == nullptr || !m_proxies->isAvailable()) {
            state = tr("off");
        } else if (m_proxies->isPausedAll() || m_proxies->isPaused(name)) {
            state = tr("paused");
        } else if (m_proxies->isRunning(name)) {
            state = tr("running");
        } else {
            state = tr("not running (see the status bar)");
        }
        item->setText(2, state);
    }
    updateSelection();
}

QString AccountsPage::selectedAccount() const
{
    const QTreeWidgetItem *item = m_list->currentItem();
    return item != nullptr ? item->text(0) : QString();
}

void AccountsPage::selectAccount(const QString &name)
{
    for (int row = 0; row < m_list->topLevelItemCount(); ++row) {
        if (m_list->topLevelItem(row)->text(0) == name) {
            m_list->setCurrentItem(m_list->topLevelItem(row));
            return;
        }
    }
}

void AccountsPage::updateSelection()
{
    const QString name = selectedAccount();
    const Policy::Account *account = m_document.configuration().find(name);
    const bool editable = m_document.isEditable();
    m_add->setEnabled(editable);
    m_edit->setEnabled(editable && account != nullptr);
    m_remove->setEnabled(editable && account != nullptr);
    const bool canPause = account != nullptr && m_proxies != nullptr && m_proxies->isAvailable();
    m_pause->setEnabled(canPause);
    const bool paused = m_proxies != nullptr && m_proxies->isPaused(name);
    m_pause->setText(paused ? tr("Re&sume") : tr("&Pause"));
    m_pause->setAccessibleName(paused ? tr("Resume this account's proxies")
                                      : tr("Pause this account's proxies"));
    if (account != nullptr) {
        m_setup->setAccount(*account);
    } else {
        m_setup->clear();
    }
}

bool AccountsPage::saveChange(const std::function<bool(Policy::Configuration &)> &change)
{
    const auto saved = m_document.update(change);
    reload();
    if (!saved) {
        QMessageBox::warning(this, tr("Accounts"), saved.error());
        return false;
    }
    if (!*saved) {
        return false;
    }
    Q_EMIT accountsChanged();
    return true;
}

void AccountsPage::addAccount()
{
    // The file may have changed since it was shown (the Policies page, the command line).
    m_document.reload();
    AccountEditor editor(m_context, m_document.configuration(), -1, this);
    if (editor.exec() != QDialog::Accepted) {
        return;
    }
    // Added to the file as it is after the dialog: a name or port that another process took
    // meanwhile is refused by the check on saving.
    const Policy::Account account = editor.account();
    const bool saved = saveChange([&account](Policy::Configuration &configuration) {
        configuration.accounts.append(account);
        return true;
    });
    if (saved) {
        selectAccount(account.name);
    }
}

void AccountsPage::editAccount()
{
    const QString name = selectedAccount();
    m_document.reload();
    int index = -1;
    for (int row = 0; row < m_document.configuration().accounts.size(); ++row) {
        if (m_document.configuration().accounts.at(row).name == name) {
            index = row;
        }
    }
    if (index < 0 || !m_document.isEditable()) {
        return;
    }
    AccountEditor editor(m_context, m_document.configuration(), index, this);
    if (editor.exec() != QDialog::Accepted) {
        return;
    }
    const Policy::Account account = editor.account();
    if (m_proxies != nullptr && account.name != name && m_proxies->isPaused(name)) {
        m_proxies->setPaused(name, false);
        m_proxies->setPaused(account.name, true);
    }
    // The editor does not show the policy: the one in the file now is kept, whatever the
    // Policies page or the command line made of it while the dialog was open.
    const bool saved = saveChange([&name, &account](Policy::Configuration &configuration) {
        Policy::Account *target = configuration.find(name);
        if (target == nullptr) {
            return false;
        }
        Policy::Account changed = account;
        changed.policy = target->policy;
        *target = changed;
        return true;
    });
    if (saved) {
        selectAccount(account.name);
    }
}

void AccountsPage::removeAccount()
{
    const QString name = selectedAccount();
    m_document.reload();
    if (name.isEmpty() || !m_document.isEditable()) {
        return;
    }
    const auto answer = QMessageBox::question(
            this, tr("Remove account"),
            tr("Remove the account %1 and its policy? Your mail program will no longer reach "
               "its mail through Postern.")
                    .arg(name),
            QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer != QMessageBox::Yes) {
        return;
    }
    saveChange([&name](Policy::Configuration &configuration) {
        return configuration.accounts.removeIf([&name](const Policy::Account &account) {
            return account.name == name;
        }) > 0;
    });
}

void AccountsPage::togglePause()
{
    const QString name = selectedAccount();
    if (name.isEmpty() || m_proxies == nullptr) {
        return;
    }
    m_proxies->setPaused(name, !m_proxies->isPaused(name));
}

} // namespace Postern::Ui
