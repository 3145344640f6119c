#include "MailClientSetup.h"

#include <QApplication>
#include <QClipboard>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollArea>
#include <QTabWidget>
#include <QVBoxLayout>

#include <type_traits>

namespace Postern::Ui {

namespace {

const QString loopbackHost = QStringLiteral("127.0.0.1");

// A login name apart from the addresses (Server::user) is being added to the account model;
// these detect it, so the window shows and edits it where it exists and builds where it does
// not yet.
template <typename S, typename = void>
struct HasUser : std::false_type
{
};

template <typename S>
struct HasUser<S, std::void_t<decltype(std::declval<S &>().user)>> : std::true_type
{
};

template <typename S>
QString userOf(const S &server)
{
    if constexpr (HasUser<S>::value) {
        return server.user;
    } else {
        Q_UNUSED(server)
        return {};
    }
}

template <typename S>
bool setUserOf(S &server, const QString &login)
{
    if constexpr (HasUser<S>::value) {
        server.user = login;
        return true;
    } else {
        Q_UNUSED(server)
        Q_UNUSED(login)
        return false;
    }
}

// A label's words without the colon that ends it ("Port:", French "Port :"), for the names a
// screen reader says.
QString withoutColon(const QString &label)
{
    static const QRegularExpression colon(
            QStringLiteral("[\\s\\x{00A0}\\x{202F}]*[:\\x{FF1A}][\\s\\x{00A0}\\x{202F}]*$"));
    return QString(label).remove(colon);
}

} // namespace

QString MailClientSetup::loginName(const Policy::Server &server)
{
    return userOf(server);
}

bool MailClientSetup::setLoginName(Policy::Server &server, const QString &login)
{
    return setUserOf(server, login);
}

MailClientSetup::MailClientSetup(QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *heading = new QLabel(tr("<b>Set up your mail client</b>"), this);
    layout->addWidget(heading);
    auto *intro = new QLabel(tr("Point your mail program at Postern instead of at your mail "
                                "servers. Postern runs on this computer only; your password "
                                "stays the one you always had: Postern passes it on to the real "
                                "servers and stores nothing."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    m_tabs = new QTabWidget(this);
    m_tabs->setAccessibleName(tr("Mail programs"));
    layout->addWidget(m_tabs, 1);
    rebuild();
}

void MailClientSetup::setAccount(const Policy::Account &account)
{
    m_account = account;
    m_hasAccount = true;
    rebuild();
}

void MailClientSetup::clear()
{
    m_hasAccount = false;
    rebuild();
}

QString MailClientSetup::userName(const Policy::Account &account)
{
    const QString login = loginName(account.imap);
    return login.isEmpty() ? account.addresses.value(0) : login;
}

QList<std::pair<QString, QString>> MailClientSetup::rows(Client client) const
{
    if (!m_hasAccount) {
        return {};
    }
    const QString imapPort = QString::number(m_account.imapListen);
    const QString smtpPort = QString::number(m_account.smtpListen);
    const QString user = userName(m_account);
    QList<std::pair<QString, QString>> rows;
    switch (client) {
    case Client::Outlook:
        rows = {{tr("Account type:"), tr("IMAP")},
                {tr("Incoming mail server:"), loopbackHost},
                {tr("Incoming port:"), imapPort},
                {tr("Encryption method (incoming):"), tr("None")},
                {tr("Outgoing mail server:"), loopbackHost},
                {tr("Outgoing port:"), smtpPort},
                {tr("Encryption method (outgoing):"), tr("None")},
                {tr("User name:"), user},
                {tr("Require logon using Secure Password Authentication (SPA):"), tr("Off")}};
        break;
    case Client::Thunderbird:
        rows = {{tr("Incoming server protocol:"), tr("IMAP")},
                {tr("Incoming server hostname:"), loopbackHost},
                {tr("Incoming server port:"), imapPort},
                {tr("Incoming server connection security:"), tr("None")},
                {tr("Incoming server authentication method:"), tr("Normal password")},
                {tr("Outgoing server hostname:"), loopbackHost},
                {tr("Outgoing server port:"), smtpPort},
                {tr("Outgoing server connection security:"), tr("None")},
                {tr("Outgoing server authentication method:"), tr("Normal password")},
                {tr("Username:"), user}};
        break;
    case Client::AppleMail:
        rows = {{tr("Account Type:"), tr("IMAP")},
                {tr("Incoming Mail Server:"), loopbackHost},
                {tr("Outgoing Mail Server:"), loopbackHost},
                {tr("User Name:"), user},
                {tr("Incoming port (Server Settings):"), imapPort},
                {tr("Outgoing port (Server Settings):"), smtpPort},
                {tr("Use TLS/SSL:"), tr("Off")},
                {tr("Authentication:"), tr("Password")},
                {tr("Automatically manage connection settings:"), tr("Off")}};
        break;
    }
    if (m_account.imapListenTls != 0 || m_account.smtpListenTls != 0) {
        QStringList tls;
        if (m_account.imapListenTls != 0) {
            tls.append(tr("incoming %1").arg(m_account.imapListenTls));
        }
        if (m_account.smtpListenTls != 0) {
            tls.append(tr("outgoing %1").arg(m_account.smtpListenTls));
        }
        rows.append({tr("If your program insists on SSL/TLS, use instead the ports:"),
                     tls.join(QStringLiteral(", "))});
    }
    return rows;
}

void MailClientSetup::rebuild()
{
    const int current = m_tabs->currentIndex();
    while (m_tabs->count() > 0) {
        QWidget *page = m_tabs->widget(0);
        m_tabs->removeTab(0);
        page->deleteLater();
    }
    const std::array clients = {std::pair{Client::Outlook, tr("Outlook")},
                                std::pair{Client::Thunderbird, tr("Thunderbird")},
                                std::pair{Client::AppleMail, tr("Apple Mail")}};
    for (const auto &[client, title] : clients) {
        auto *scroll = new QScrollArea(m_tabs);
        scroll->setWidgetResizable(true);
        scroll->setFrameShape(QFrame::NoFrame);
        auto *page = new QWidget(scroll);
        auto *grid = new QGridLayout(page);
        const auto values = rows(client);
        if (values.isEmpty()) {
            grid->addWidget(new QLabel(tr("Choose an account to see its settings."), page), 0, 0);
        }
        int row = 0;
        for (const auto &[field, value] : values) {
            auto *label = new QLabel(field, page);
            label->setWordWrap(true);
            auto *edit = new QLineEdit(value, page);
            edit->setReadOnly(true);
            edit->setAccessibleName(withoutColon(field));
            edit->setObjectName(QStringLiteral("value-%1-%2").arg(int(client)).arg(row));
            label->setBuddy(edit);
            auto *copy = new QPushButton(tr("Copy"), page);
            copy->setAccessibleName(tr("Copy %1").arg(withoutColon(field)));
            connect(copy, &QPushButton::clicked, edit,
                    [edit] { QApplication::clipboard()->setText(edit->text()); });
            grid->addWidget(label, row, 0);
            grid->addWidget(edit, row, 1);
            grid->addWidget(copy, row, 2);
            ++row;
        }
        grid->setColumnStretch(1, 1);
        grid->setRowStretch(row, 1);
        scroll->setWidget(page);
        m_tabs->addTab(scroll, title);
    }
    m_tabs->setCurrentIndex(qMax(current, 0));
}

} // namespace Postern::Ui
