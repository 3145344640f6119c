#include "AccountEditor.h"

#include "core/crypto/Certificate.h"
#include "core/policy/MessageFacts.h"
#include "core/policy/Templates.h"
#include "core/service/ConnectionTest.h"
#include "core/store/CertificateStore.h"
#include "ui/AppContext.h"
#include "ui/MailClientSetup.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHostAddress>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollArea>
#include <QSpinBox>
#include <QSslCertificate>
#include <QTcpServer>
#include <QVBoxLayout>

namespace Postern::Ui {

namespace {

// The first ports offered, as the command line offers them: IMAP's and SMTP's own numbers moved
// into the unprivileged range.
constexpr quint16 firstImapPort = 10143;
constexpr quint16 firstSmtpPort = 10587;

QSpinBox *portBox(QWidget *parent, int minimum, const QString &accessibleName)
{
    auto *box = new QSpinBox(parent);
    box->setRange(minimum, 65535);
    box->setAccessibleName(accessibleName);
    return box;
}

QComboBox *securityBox(QWidget *parent, const QString &accessibleName)
{
    auto *box = new QComboBox(parent);
    // The order of Policy::Security.
    box->addItem(AccountEditor::tr("SSL/TLS"));
    box->addItem(AccountEditor::tr("STARTTLS"));
    box->addItem(AccountEditor::tr("None (this computer only)"));
    box->setToolTip(AccountEditor::tr("SSL/TLS: encrypted from the start (usually ports 993 and "
                                      "465). STARTTLS: upgraded to encryption at once (usually "
                                      "port 587); Postern never goes on without it."));
    box->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    box->setAccessibleName(accessibleName);
    return box;
}

bool portIsFree(quint16 port)
{
    QTcpServer probe;
    return probe.listen(QHostAddress::LocalHost, port);
}

} // namespace

AccountEditor::AccountEditor(AppContext *context,
                             Policy::Configuration configuration,
                             int index,
                             QWidget *parent)
    : QDialog(parent)
    , m_context(context)
    , m_configuration(std::move(configuration))
    , m_index(index)
{
    const bool isNew = index < 0 || index >= m_configuration.accounts.size();
    if (isNew) {
        m_index = -1;
        m_original.imap.port = 993;
        m_original.smtp.port = 465;
        m_original.imapListen = Policy::choosePort(m_configuration, firstImapPort);
        Policy::Configuration withImap = m_configuration;
        Policy::Account placeholder;
        placeholder.imapListen = m_original.imapListen;
        withImap.accounts.append(placeholder);
        m_original.smtpListen = Policy::choosePort(withImap, firstSmtpPort);
    } else {
        m_original = m_configuration.accounts.at(index);
    }
    m_caPems = m_original.caCertificates;
    setWindowTitle(isNew ? tr("New account") : tr("Account %1").arg(m_original.name));

    auto *outer = new QVBoxLayout(this);
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto *content = new QWidget(scroll);
    auto *layout = new QVBoxLayout(content);

    auto *general = new QGroupBox(tr("Account"), content);
    auto *generalForm = new QFormLayout(general);
    m_name = new QLineEdit(m_original.name, general);
    m_name->setAccessibleName(tr("Account name"));
    m_name->setObjectName(QStringLiteral("name"));
    generalForm->addRow(tr("&Name:"), m_name);
    m_addresses = new QPlainTextEdit(m_original.addresses.join(QLatin1Char('\n')), general);
    m_addresses->setTabChangesFocus(true);
    m_addresses->setAccessibleName(tr("E-mail addresses"));
    m_addresses->setObjectName(QStringLiteral("addresses"));
    m_addresses->setPlaceholderText(tr("One address per line"));
    m_addresses->setFixedHeight(m_addresses->fontMetrics().lineSpacing() * 4);
    generalForm->addRow(tr("&Addresses:"), m_addresses);
    m_identity = new QComboBox(general);
    m_identity->setAccessibleName(tr("Identity: the certificate that signs and decrypts"));
    m_identity->setObjectName(QStringLiteral("identity"));
    m_identity->addItem(tr("Chosen by address"), QString());
    if (m_context != nullptr && m_context->store != nullptr) {
        for (const Store::Entry &entry : m_context->store->entries()) {
            if (!entry.hasPrivateKey) {
                continue;
            }
            const QString who =
                    entry.certificate.commonName().isEmpty()
                            ? entry.certificate.emailAddresses().join(QLatin1String(", "))
                            : entry.certificate.commonName();
            m_identity->addItem(tr("%1 (%2, until %3)")
                                        .arg(who, entry.certificate.emailAddresses().value(0),
                                             QLocale().toString(entry.certificate.notAfter().date(),
                                                                QLocale::ShortFormat)),
                                entry.id);
        }
    }
    if (!m_original.identity.isEmpty()) {
        int found = m_identity->findData(m_original.identity);
        if (found < 0) {
            m_identity->addItem(tr("%1 (not in the store)").arg(m_original.identity.left(16)),
                                m_original.identity);
            found = m_identity->count() - 1;
        }
        m_identity->setCurrentIndex(found);
    }
    generalForm->addRow(tr("&Identity:"), m_identity);
    layout->addWidget(general);

    auto *servers = new QGroupBox(tr("Your mail servers"), content);
    auto *serversForm = new QFormLayout(servers);
    const auto serverRow = [](QLineEdit *host, QSpinBox *port, QComboBox *security) {
        auto *row = new QHBoxLayout;
        row->addWidget(host, 1);
        row->addWidget(port, 0);
        row->addWidget(security, 0);
        return row;
    };
    m_imapHost = new QLineEdit(m_original.imap.host, servers);
    m_imapHost->setPlaceholderText(tr("imap.example.org"));
    m_imapHost->setAccessibleName(tr("IMAP server host"));
    m_imapHost->setObjectName(QStringLiteral("imapHost"));
    m_imapPort = portBox(servers, 1, tr("IMAP server port"));
    m_imapPort->setValue(m_original.imap.port == 0 ? 993 : m_original.imap.port);
    m_imapSecurity = securityBox(servers, tr("IMAP server security"));
    m_imapSecurity->setCurrentIndex(static_cast<int>(m_original.imap.security));
    auto *imapLabel = new QLabel(tr("I&MAP (incoming):"), servers);
    imapLabel->setBuddy(m_imapHost);
    serversForm->addRow(imapLabel, serverRow(m_imapHost, m_imapPort, m_imapSecurity));
    Policy::Server probe;
    if (MailClientSetup::setLoginName(probe, QString())) {
        m_login = new QLineEdit(MailClientSetup::loginName(m_original.imap), servers);
        m_login->setObjectName(QStringLiteral("login"));
        m_login->setAccessibleName(tr("Login name"));
        m_login->setPlaceholderText(tr("Only when it is not your address"));
        serversForm->addRow(tr("&Login name:"), m_login);
    }
    m_smtpHost = new QLineEdit(m_original.smtp.host, servers);
    m_smtpHost->setPlaceholderText(tr("smtp.example.org"));
    m_smtpHost->setAccessibleName(tr("SMTP server host"));
    m_smtpHost->setObjectName(QStringLiteral("smtpHost"));
    m_smtpPort = portBox(servers, 1, tr("SMTP server port"));
    m_smtpPort->setValue(m_original.smtp.port == 0 ? 465 : m_original.smtp.port);
    m_smtpSecurity = securityBox(servers, tr("SMTP server security"));
    m_smtpSecurity->setCurrentIndex(static_cast<int>(m_original.smtp.security));
    auto *smtpLabel = new QLabel(tr("&SMTP (outgoing):"), servers);
    smtpLabel->setBuddy(m_smtpHost);
    serversForm->addRow(smtpLabel, serverRow(m_smtpHost, m_smtpPort, m_smtpSecurity));

    m_cas = new QListWidget(servers);
    m_cas->setAccessibleName(tr("Extra server certificates"));
    m_cas->setMaximumHeight(m_cas->fontMetrics().lineSpacing() * 4);
    auto *caButtons = new QHBoxLayout;
    auto *addCa = new QPushButton(tr("Add &certificate file…"), servers);
    auto *removeCa = new QPushButton(tr("Remo&ve"), servers);
    caButtons->addWidget(addCa);
    caButtons->addWidget(removeCa);
    caButtons->addStretch(1);
    auto *caColumn = new QVBoxLayout;
    caColumn->addWidget(m_cas);
    caColumn->addLayout(caButtons);
    serversForm->addRow(tr("Trusted server\ncertificates:"), caColumn);

    m_testPassword = new QLineEdit(servers);
    m_testPassword->setEchoMode(QLineEdit::Password);
    m_testPassword->setAccessibleName(tr("Password for the connection test"));
    m_testPassword->setPlaceholderText(
            tr("Optional: to test the login too (used once, never stored)"));
    serversForm->addRow(tr("&Password:"), m_testPassword);
    auto *testButtons = new QHBoxLayout;
    m_testImap = new QPushButton(tr("&Test IMAP connection"), servers);
    m_testSmtp = new QPushButton(tr("T&est SMTP connection"), servers);
    m_testImap->setObjectName(QStringLiteral("testImap"));
    m_testSmtp->setObjectName(QStringLiteral("testSmtp"));
    testButtons->addWidget(m_testImap);
    testButtons->addWidget(m_testSmtp);
    testButtons->addStretch(1);
    serversForm->addRow(QString(), testButtons);
    m_testReport = new QPlainTextEdit(servers);
    m_testReport->setReadOnly(true);
    m_testReport->setAccessibleName(tr("Connection test result"));
    m_testReport->setObjectName(QStringLiteral("testReport"));
    m_testReport->setMaximumHeight(m_testReport->fontMetrics().lineSpacing() * 6);
    m_testReport->hide();
    serversForm->addRow(QString(), m_testReport);
    layout->addWidget(servers);

    auto *local =
            new QGroupBox(tr("On this computer (what your mail program connects to)"), content);
    auto *localForm = new QFormLayout(local);
    m_imapListen = portBox(local, 1024, tr("Local IMAP port"));
    m_imapListen->setValue(m_original.imapListen == 0 ? firstImapPort : m_original.imapListen);
    m_imapListen->setObjectName(QStringLiteral("imapListen"));
    localForm->addRow(tr("Local IMAP p&ort:"), m_imapListen);
    m_smtpListen = portBox(local, 1024, tr("Local SMTP port"));
    m_smtpListen->setValue(m_original.smtpListen == 0 ? firstSmtpPort : m_original.smtpListen);
    m_smtpListen->setObjectName(QStringLiteral("smtpListen"));
    localForm->addRow(tr("Local SMTP po&rt:"), m_smtpListen);
    m_imapListenTls = portBox(local, 0, tr("Local IMAP port with TLS"));
    m_imapListenTls->setSpecialValueText(tr("off"));
    m_imapListenTls->setValue(m_original.imapListenTls);
    localForm->addRow(tr("IMAP with TLS (optional):"), m_imapListenTls);
    m_smtpListenTls = portBox(local, 0, tr("Local SMTP port with TLS"));
    m_smtpListenTls->setSpecialValueText(tr("off"));
    m_smtpListenTls->setValue(m_original.smtpListenTls);
    localForm->addRow(tr("SMTP with TLS (optional):"), m_smtpListenTls);
    layout->addWidget(local);
    layout->addStretch(1);
    scroll->setWidget(content);
    outer->addWidget(scroll, 1);

    m_problem = new QLabel(this);
    m_problem->setWordWrap(true);
    m_problem->setObjectName(QStringLiteral("problem"));
    m_problem->setAccessibleName(tr("Problem"));
    QPalette palette = m_problem->palette();
    palette.setColor(QPalette::WindowText, QColor(0xd0, 0x30, 0x30));
    m_problem->setPalette(palette);
    m_problem->hide();
    outer->addWidget(m_problem);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    outer->addWidget(buttons);

    for (const QString &pem : std::as_const(m_caPems)) {
        const auto certificates = Crypto::Certificate::parseAll(pem.toLatin1());
        m_cas->addItem(certificates.isEmpty() ? tr("(unreadable certificate)")
                                              : certificates.constFirst().subject());
    }

    connect(buttons, &QDialogButtonBox::accepted, this, &AccountEditor::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &AccountEditor::reject);
    connect(addCa, &QPushButton::clicked, this, &AccountEditor::addCaFile);
    connect(removeCa, &QPushButton::clicked, this, &AccountEditor::removeCa);
    connect(m_testImap, &QPushButton::clicked, this, [this] { testConnection(true); });
    connect(m_testSmtp, &QPushButton::clicked, this, [this] { testConnection(false); });
    resize(640, 720);
}

AccountEditor::~AccountEditor() = default;

Policy::Server AccountEditor::server(bool imap) const
{
    Policy::Server server = imap ? m_original.imap : m_original.smtp;
    QString host = (imap ? m_imapHost : m_smtpHost)->text().trimmed();
    if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']'))) {
        host = host.mid(1, host.size() - 2);
    }
    server.host = host;
    server.port = static_cast<quint16>((imap ? m_imapPort : m_smtpPort)->value());
    server.security =
            static_cast<Policy::Security>((imap ? m_imapSecurity : m_smtpSecurity)->currentIndex());
    return server;
}

Policy::Account AccountEditor::account() const
{
    Policy::Account account = m_original;
    account.name = m_name->text().trimmed();
    account.addresses.clear();
    for (const QString &line : m_addresses->toPlainText().split(
                 QRegularExpression(QStringLiteral("[,;\\s]+")), Qt::SkipEmptyParts)) {
        account.addresses.append(Policy::normaliseAddress(line));
    }
    account.imap = server(true);
    account.smtp = server(false);
    if (m_login != nullptr) {
        MailClientSetup::setLoginName(account.imap, m_login->text().trimmed());
    }
    account.caCertificates = m_caPems;
    account.identity = m_identity->currentData().toString();
    account.imapListen = static_cast<quint16>(m_imapListen->value());
    account.smtpListen = static_cast<quint16>(m_smtpListen->value());
    account.imapListenTls = static_cast<quint16>(m_imapListenTls->value());
    account.smtpListenTls = static_cast<quint16>(m_smtpListenTls->value());
    if (m_index < 0) {
        // A new account starts with the command line's default policy.
        if (auto policy = Policy::makeTemplate(QStringLiteral("encrypt-when-possible"))) {
            account.policy = *policy;
        }
    }
    return account;
}

QString AccountEditor::problem() const
{
    return m_problem->isHidden() ? QString() : m_problem->text();
}

void AccountEditor::showProblem(const QString &text, QWidget *field)
{
    m_problem->setText(text);
    m_problem->setVisible(!text.isEmpty());
    if (field != nullptr) {
        field->setFocus();
    }
}

QString AccountEditor::check()
{
    const Policy::Account candidate = account();
    if (candidate.name.isEmpty()) {
        showProblem(tr("Give the account a name."), m_name);
        return problem();
    }
    for (int other = 0; other < m_configuration.accounts.size(); ++other) {
        if (other != m_index
            && m_configuration.accounts.at(other).name.compare(candidate.name, Qt::CaseInsensitive)
                       == 0) {
            showProblem(tr("An account named %1 exists already.").arg(candidate.name), m_name);
            return problem();
        }
    }
    if (candidate.addresses.isEmpty()) {
        showProblem(tr("Enter at least one e-mail address the account sends as."), m_addresses);
        return problem();
    }
    for (const QString &address : candidate.addresses) {
        if (!Policy::isMailAddress(address)) {
            showProblem(tr("%1 is not an e-mail address.").arg(address), m_addresses);
            return problem();
        }
    }
    for (bool imap : {true, false}) {
        const Policy::Server server = imap ? candidate.imap : candidate.smtp;
        QLineEdit *host = imap ? m_imapHost : m_smtpHost;
        const QString which = imap ? tr("IMAP") : tr("SMTP");
        if (server.host.isEmpty()) {
            showProblem(tr("Enter the host name of your %1 server.").arg(which), host);
            return problem();
        }
        if (server.security == Policy::Security::None && !Policy::isLoopbackHost(server.host)) {
            showProblem(tr("Without TLS, your password and mail would cross the network in plain "
                           "text; \"None\" is allowed only for a server on this computer. Choose "
                           "SSL/TLS or STARTTLS for %1.")
                                .arg(server.host),
                        imap ? m_imapSecurity : m_smtpSecurity);
            return problem();
        }
    }
    const std::array listens = {
            std::pair{m_imapListen, m_original.imapListen},
            std::pair{m_smtpListen, m_original.smtpListen},
            std::pair{m_imapListenTls, m_original.imapListenTls},
            std::pair{m_smtpListenTls, m_original.smtpListenTls},
    };
    for (const auto &[box, before] : listens) {
        const int port = box->value();
        if (port != 0 && port < 1024) {
            showProblem(tr("Local ports must be from 1024 to 65535."), box);
            return problem();
        }
        // A port the account already had may be in use by its own running proxy.
        const bool mustBeFree = m_index < 0 || port != before;
        if (port != 0 && mustBeFree && !portIsFree(static_cast<quint16>(port))) {
            showProblem(tr("Port %1 on this computer is in use by another program.").arg(port),
                        box);
            return problem();
        }
    }
    Policy::Configuration changed = m_configuration;
    if (m_index < 0) {
        changed.accounts.append(candidate);
    } else {
        changed.accounts[m_index] = candidate;
    }
    if (auto valid = Policy::validate(changed); !valid) {
        const QString field = valid.error().field;
        QWidget *widget = m_name;
        if (field.contains(QLatin1String("Listen"))) {
            widget = field.contains(QLatin1String("imap")) ? m_imapListen : m_smtpListen;
        } else if (field.contains(QLatin1String(".addresses"))) {
            widget = m_addresses;
        } else if (field.contains(QLatin1String(".imap"))) {
            widget = m_imapHost;
        } else if (field.contains(QLatin1String(".smtp"))) {
            widget = m_smtpHost;
        }
        // The check's own words name the conflict precisely (which port, which account).
        showProblem(tr("This cannot be saved: %1 %2")
                            .arg(field.section(QLatin1Char('.'), 1), valid.error().reason),
                    widget);
        return problem();
    }
    showProblem(QString(), nullptr);
    return {};
}

void AccountEditor::accept()
{
    if (!check().isEmpty()) {
        return;
    }
    QDialog::accept();
}

void AccountEditor::addCaFile()
{
    const QString path = QFileDialog::getOpenFileName(
            this, tr("Server certificate or root"), QString(),
            tr("Certificates (*.pem *.crt *.cer *.der);;All files (*)"));
    if (path.isEmpty()) {
        return;
    }
    QFile file(path);
    const QList<Crypto::Certificate> certificates =
            file.open(QIODevice::ReadOnly) ? Crypto::Certificate::parseAll(file.readAll())
                                           : QList<Crypto::Certificate>();
    if (certificates.isEmpty()) {
        showProblem(tr("%1 holds no certificate (PEM or DER expected).").arg(path), m_cas);
        return;
    }
    for (const Crypto::Certificate &certificate : certificates) {
        m_caPems.append(QString::fromLatin1(certificate.toPem()));
        m_cas->addItem(certificate.subject());
    }
}

void AccountEditor::removeCa()
{
    const int row = m_cas->currentRow();
    if (row >= 0 && row < m_caPems.size()) {
        m_caPems.removeAt(row);
        delete m_cas->takeItem(row);
    }
}

void AccountEditor::testConnection(bool imap)
{
    delete m_runningTest;
    const Policy::Server target = server(imap);
    if (target.host.isEmpty()) {
        showProblem(
                tr("Enter the host name of your %1 server.").arg(imap ? tr("IMAP") : tr("SMTP")),
                imap ? m_imapHost : m_smtpHost);
        return;
    }
    QList<QSslCertificate> roots;
    for (const QString &pem : std::as_const(m_caPems)) {
        roots.append(QSslCertificate::fromData(pem.toLatin1(), QSsl::Pem));
    }
    auto *test = new Service::ConnectionTest(target, roots,
                                             imap ? Service::ConnectionTest::Protocol::Imap
                                                  : Service::ConnectionTest::Protocol::Smtp,
                                             this);
    m_runningTest = test;
    m_testReport->show();
    m_testReport->setPlainText(tr("Connecting to %1…").arg(target.display()));
    m_testImap->setEnabled(false);
    m_testSmtp->setEnabled(false);
    connect(test, &Service::ConnectionTest::finished, this,
            [this, test](const Service::ConnectionReport &report) {
                QStringList lines{report.ok ? tr("It works: %1").arg(report.summary)
                                            : tr("It does not work: %1").arg(report.summary)};
                for (const QString &step : report.steps) {
                    lines.append(QStringLiteral("  • ") + step);
                }
                m_testReport->setPlainText(lines.join(QLatin1Char('\n')));
                m_testImap->setEnabled(true);
                m_testSmtp->setEnabled(true);
                if (m_runningTest == test) {
                    m_runningTest = nullptr;
                }
                test->deleteLater();
            });
    QString password = m_testPassword->text();
    test->start(account().addresses.value(0), password);
    password.fill(QLatin1Char('\0'));
}

} // namespace Postern::Ui
