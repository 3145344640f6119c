#pragma once

#include "core/policy/Account.h"

#include <QWidget>

class QTabWidget;

namespace Postern::Ui {

/**
 * "Set up your mail client": exactly what to type into Outlook, Thunderbird and Apple Mail so
 * that they talk to the account's loopback proxies, each value with a copy button.
 */
class MailClientSetup : public QWidget
{
    Q_OBJECT

public:
    enum class Client {
        Outlook,
        Thunderbird,
        AppleMail,
    };

    explicit MailClientSetup(QWidget *parent = nullptr);

    void setAccount(const Policy::Account &account);
    void clear();

    /** The rows shown for @p client: the field's label, as the client calls it and with the
     *  colon the language puts after a label, and what to type. */
    QList<std::pair<QString, QString>> rows(Client client) const;

    /** The user name to type: the login of the real mail account, usually the address. */
    static QString userName(const Policy::Account &account);

    /** The account's IMAP login name when it is set apart from the addresses, else empty. */
    static QString loginName(const Policy::Server &server);

    /** Sets the login name where this version of the account model has one; false if not. */
    static bool setLoginName(Policy::Server &server, const QString &login);

private:
    void rebuild();

    Policy::Account m_account;
    bool m_hasAccount = false;
    QTabWidget *m_tabs = nullptr;
};

} // namespace Postern::Ui
