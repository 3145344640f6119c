#pragma once

#include "core/policy/Account.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;

namespace Postern::Ui {

struct AppContext;

/**
 * Adds or edits an account: its name and addresses, the real IMAP and SMTP servers, extra
 * roots for them, the store identity it signs and decrypts with, and the loopback ports. The
 * checks are the command line's (`postern account add`): a named problem shown under the
 * fields, and nothing accepted until the whole configuration checks.
 */
class AccountEditor : public QDialog
{
    Q_OBJECT

public:
    /** Edits account @p index of @p configuration, or a new account when @p index is -1. */
    AccountEditor(AppContext *context,
                  Policy::Configuration configuration,
                  int index,
                  QWidget *parent = nullptr);
    ~AccountEditor() override;

    /** The account as the fields describe it (after accept(): checked). */
    Policy::Account account() const;

    /** The problem shown under the fields, empty when none. */
    QString problem() const;

    void accept() override;

private:
    QString check();
    void addCaFile();
    void removeCa();
    void testConnection(bool imap);
    void showProblem(const QString &text, QWidget *field);
    Policy::Server server(bool imap) const;

    AppContext *m_context;
    Policy::Configuration m_configuration;
    int m_index;
    Policy::Account m_original;

    QLineEdit *m_name = nullptr;
    QPlainTextEdit *m_addresses = nullptr;
    QLineEdit *m_imapHost = nullptr;
    QLineEdit *m_login = nullptr;
    QSpinBox *m_imapPort = nullptr;
    QComboBox *m_imapSecurity = nullptr;
    QLineEdit *m_smtpHost = nullptr;
    QSpinBox *m_smtpPort = nullptr;
    QComboBox *m_smtpSecurity = nullptr;
    QListWidget *m_cas = nullptr;
    QStringList m_caPems;
    QComboBox *m_identity = nullptr;
    QSpinBox *m_imapListen = nullptr;
    QSpinBox *m_smtpListen = nullptr;
    QSpinBox *m_imapListenTls = nullptr;
    QSpinBox *m_smtpListenTls = nullptr;
    QLineEdit *m_testPassword = nullptr;
    QPushButton *m_testImap = nullptr;
    QPushButton *m_testSmtp = nullptr;
    QPlainTextEdit *m_testReport = nullptr;
    QLabel *m_problem = nullptr;
    QObject *m_runningTest = nullptr;
};

} // namespace Postern::Ui
