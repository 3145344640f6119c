#include "CertificatesPage.h"

#include "ui/AppContext.h"
#include "ui/CertificateDetails.h"

#include <QAction>
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QIcon>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace Postern::Ui {

namespace {

// Own certificates that run out within this many days are marked before they do.
constexpr int expiryWarningDays = 30;

const QStringList importSuffixes = {
        QStringLiteral("p12"), QStringLiteral("pfx"), QStringLiteral("pem"),
        QStringLiteral("crt"), QStringLiteral("cer"), QStringLiteral("der"),
        QStringLiteral("p7b"), QStringLiteral("p7c"), QStringLiteral("key"),
};

bool isImportable(const QString &path)
{
    return importSuffixes.contains(QFileInfo(path).suffix().toLower());
}

bool needsFilePassword(const QString &path, const QByteArray &data)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    return suffix == QLatin1String("p12") || suffix == QLatin1String("pfx")
           || data.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----")
           || data.contains("Proc-Type: 4,ENCRYPTED");
}

QStringList localFiles(const QMimeData *data)
{
    QStringList paths;
    if (data == nullptr || !data->hasUrls()) {
        return paths;
    }
    const QList<QUrl> urls = data->urls();
    for (const QUrl &url : urls) {
        if (url.isLocalFile()) {
            paths << url.toLocalFile();
        }
    }
    return paths;
}

QStandardItem *cell(const QString &text, const QVariant &sortKey = {})
{
    auto *item = new QStandardItem(text);
    item->setEditable(false);
    item->setData(sortKey.isValid() ? sortKey : QVariant(text.toCaseFolded()),
                  CertificatesPage::SortRole);
    item->setToolTip(text);
    return item;
}

// The issuer's common name reads better in a table than its whole RFC 2253 name; the
// details and the tooltip keep the whole name.
QString issuerName(const QString &issuer)
{
    static const QRegularExpression commonName(QStringLiteral("(?:^|,)CN=((?:\\\\.|[^,])*)"));
    const QRegularExpressionMatch match = commonName.match(issuer);
    return match.hasMatch() ? match.captured(1).replace(QStringLiteral("\\,"), QStringLiteral(","))
                            : issuer;
}

} // namespace

CertificatesPage::CertificatesPage(AppContext *context, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
{
    setAccessibleName(tr("Certificates"));
    setAcceptDrops(true);

    m_model = new QStandardItemModel(0, ColumnCount, this);
    m_model->setHorizontalHeaderLabels({tr("Name"), tr("Address"), tr("Issuer"), tr("Valid until"),
                                        tr("Kind"), tr("Trust"), tr("Origin")});
    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(m_model);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setFilterKeyColumn(-1);
    m_proxy->setSortRole(SortRole);

    auto *layout = new QVBoxLayout(this);
    auto *searchRow = new QHBoxLayout;
    auto *searchLabel = new QLabel(tr("&Search:"), this);
    m_search = new QLineEdit(this);
    m_search->setPlaceholderText(tr("Name, address, issuer…"));
    m_search->setAccessibleName(tr("Search certificates"));
    m_search->setClearButtonEnabled(true);
    searchLabel->setBuddy(m_search);
    searchRow->addWidget(searchLabel);
    searchRow->addWidget(m_search, 1);
    m_lock = new QPushButton(this);
    searchRow->addWidget(m_lock);
    layout->addLayout(searchRow);

    m_view = new QTreeView(this);
    m_view->setModel(m_proxy);
    m_view->setRootIsDecorated(false);
    m_view->setSortingEnabled(true);
    m_view->setAlternatingRowColors(true);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setUniformRowHeights(true);
    m_view->setAccessibleName(tr("Certificates in the store"));
    m_view->sortByColumn(NameColumn, Qt::AscendingOrder);
    m_view->header()->setStretchLastSection(false);
    m_view->header()->setSectionResizeMode(IssuerColumn, QHeaderView::Stretch);
    layout->addWidget(m_view, 1);

    auto *buttons = new QHBoxLayout;
    m_import = new QPushButton(tr("&Import…"), this);
    m_import->setAccessibleName(tr("Import certificates from files"));
    m_export = new QPushButton(tr("E&xport…"), this);
    m_export->setAccessibleName(tr("Export the selected certificate"));
    m_details = new QPushButton(tr("&Details…"), this);
    m_details->setAccessibleName(tr("Show the selected certificate's details"));
    m_trust = new QToolButton(this);
    m_trust->setText(tr("&Trust"));
    m_trust->setAccessibleName(tr("Trust setting of the selected certificate"));
    m_trust->setPopupMode(QToolButton::InstantPopup);
    m_trust->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_trust->setFocusPolicy(Qt::StrongFocus);
    auto *trustMenu = new QMenu(m_trust);
    for (Store::Trust level : {Store::Trust::Default, Store::Trust::Trusted,
                               Store::Trust::Untrusted, Store::Trust::Ask}) {
        QAction *action = trustMenu->addAction(trustText(level));
        connect(action, &QAction::triggered, this,
                [this, level] { setTrust(selectedId(), level); });
    }
    m_trust->setMenu(trustMenu);
    m_delete = new QPushButton(tr("De&lete…"), this);
    m_delete->setAccessibleName(tr("Delete the selected certificate"));
    m_generate = new QPushButton(tr("&Generate test identity…"), this);
    m_generate->setAccessibleName(tr("Generate a self-signed test identity"));
    for (QWidget *button :
         std::initializer_list<QWidget *>{m_import, m_export, m_details, m_trust, m_delete}) {
        buttons->addWidget(button);
    }
    buttons->addStretch();
    buttons->addWidget(m_generate);
    layout->addLayout(buttons);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("status"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_status->setAccessibleName(tr("Result of the last action"));
    layout->addWidget(m_status);

    connect(m_search, &QLineEdit::textChanged, m_proxy,
            &QSortFilterProxyModel::setFilterFixedString);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &CertificatesPage::updateActions);
    connect(m_view, &QTreeView::activated, this, &CertificatesPage::showDetails);
    connect(m_import, &QPushButton::clicked, this, &CertificatesPage::importWithDialog);
    connect(m_export, &QPushButton::clicked, this, &CertificatesPage::exportWithDialog);
    connect(m_details, &QPushButton::clicked, this, &CertificatesPage::showDetails);
    connect(m_delete, &QPushButton::clicked, this, &CertificatesPage::removeWithConfirmation);
    connect(m_generate, &QPushButton::clicked, this, &CertificatesPage::generateWithDialog);
    connect(m_lock, &QPushButton::clicked, this, &CertificatesPage::toggleLock);

    // The keys a file manager's users expect on a selected row.
    auto *deleteAction = new QAction(tr("Delete"), m_view);
    deleteAction->setShortcut(QKeySequence::Delete);
    deleteAction->setShortcutContext(Qt::WidgetShortcut);
    m_view->addAction(deleteAction);
    connect(deleteAction, &QAction::triggered, this, &CertificatesPage::removeWithConfirmation);
    auto *findAction = new QAction(tr("Search"), this);
    findAction->setShortcut(QKeySequence::Find);
    findAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(findAction);
    connect(findAction, &QAction::triggered, m_search,
            [this] { m_search->setFocus(Qt::ShortcutFocusReason); });

    setTabOrder(m_search, m_lock);
    setTabOrder(m_lock, m_view);
    setTabOrder(m_view, m_import);
    refresh();
    if (m_context == nullptr || m_context->store == nullptr) {
        setStatus(tr("No certificate store is open."), true);
    }
}

QString CertificatesPage::statusText() const
{
    return m_status->text();
}

void CertificatesPage::setStatus(const QString &text, bool problem)
{
    m_status->setText(text);
    // Bold rather than a colour of our own: it reads the same in light and dark palettes.
    QFont font = m_status->font();
    font.setBold(problem);
    m_status->setFont(font);
}

QString CertificatesPage::storeErrorText(const Error<Store::StoreError> &error) const
{
    switch (error.code) {
    case Store::StoreError::NotInitialised:
        return tr("The store has no passphrase yet, so it cannot hold private keys.");
    case Store::StoreError::Locked:
        return tr("The store is locked.");
    case Store::StoreError::WrongPassphrase:
        return tr("The passphrase is wrong.");
    case Store::StoreError::NotFound:
        return tr("The certificate is no longer in the store.");
    case Store::StoreError::BadInput:
        return tr("The file holds no usable certificate, or its password is wrong (%1).")
                .arg(error.detail);
    case Store::StoreError::Io:
        return tr("A file could not be written; nothing was changed (%1).").arg(error.detail);
    case Store::StoreError::Corrupt:
        return tr("The store's files cannot be read (%1).").arg(error.detail);
    }
    return error.detail;
}

void CertificatesPage::refresh()
{
    const QString selected = selectedId();
    m_model->removeRows(0, m_model->rowCount());
    Store::CertificateStore *store = m_context != nullptr ? m_context->store : nullptr;
    if (store != nullptr) {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const QLocale locale;
        const QList<Store::Entry> entries = store->entries();
        for (const Store::Entry &entry : entries) {
            const Crypto::Certificate &certificate = entry.certificate;
            QString name = entry.label.isEmpty() ? certificate.commonName() : entry.label;
            if (name.isEmpty()) {
                name = certificate.subject();
            }
            QList<QStandardItem *> row{
                    cell(name),
                    cell(certificate.mailboxes().join(QStringLiteral(", "))),
                    cell(issuerName(certificate.issuer())),
                    cell(locale.toString(certificate.notAfter().toLocalTime().date(),
                                         QLocale::ShortFormat),
                         certificate.notAfter()),
                    cell(kindText(entry)),
                    cell(trustText(entry.trust)),
                    cell(originText(entry.origin)),
            };
            row[NameColumn]->setData(entry.id, IdRole);
            row[IssuerColumn]->setToolTip(certificate.issuer());
            if (entry.hasPrivateKey) {
                row[NameColumn]->setIcon(QIcon(QStringLiteral(":/icons/store-unlocked.svg")));
            }
            QStandardItem *until = row[ValidUntilColumn];
            // A tint, not a text colour, so the warning reads on light and dark palettes alike;
            // the words say it too, for those who cannot tell the colours apart.
            if (certificate.notAfter() < now) {
                until->setText(tr("%1 (expired)").arg(until->text()));
                until->setBackground(QColor(208, 68, 62, 90));
                until->setIcon(QIcon(QStringLiteral(":/icons/verdict-bad.svg")));
                until->setToolTip(tr("This certificate has expired."));
            } else if (certificate.notAfter() < now.addDays(expiryWarningDays)) {
                until->setText(tr("%1 (expires soon)").arg(until->text()));
                until->setBackground(QColor(201, 138, 27, 90));
                until->setIcon(QIcon(QStringLiteral(":/icons/verdict-warning.svg")));
                until->setToolTip(tr("This certificate expires within %n day(s).", nullptr,
                                     expiryWarningDays));
            }
            m_model->appendRow(row);
        }
    }
    for (int column = 0; column < ColumnCount; ++column) {
        if (column != IssuerColumn) {
            m_view->resizeColumnToContents(column);
        }
    }
    select(selected);
    updateActions();
}

QString CertificatesPage::selectedId() const
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows(NameColumn);
    return rows.isEmpty() ? QString() : rows.constFirst().data(IdRole).toString();
}

void CertificatesPage::select(const QString &id)
{
    for (int row = 0; row < m_proxy->rowCount(); ++row) {
        const QModelIndex index = m_proxy->index(row, NameColumn);
        if (!id.isEmpty() && index.data(IdRole).toString() == id) {
            m_view->selectionModel()->select(index, QItemSelectionModel::ClearAndSelect
                                                            | QItemSelectionModel::Rows);
            m_view->setCurrentIndex(index);
            return;
        }
    }
}

void CertificatesPage::updateActions()
{
    Store::CertificateStore *store = m_context != nullptr ? m_context->store : nullptr;
    const bool haveStore = store != nullptr;
    const bool selected = haveStore && !selectedId().isEmpty();
    m_import->setEnabled(haveStore);
    m_generate->setEnabled(haveStore);
    m_export->setEnabled(selected);
    m_details->setEnabled(selected);
    m_trust->setEnabled(selected);
    m_delete->setEnabled(selected);
    m_lock->setEnabled(haveStore);
    const bool unlocked = haveStore && store->isUnlocked();
    m_lock->setIcon(QIcon(unlocked ? QStringLiteral(":/icons/store-unlocked.svg")
                                   : QStringLiteral(":/icons/store-locked.svg")));
    if (haveStore && !store->isInitialised()) {
        m_lock->setText(tr("Set &passphrase…"));
        m_lock->setAccessibleName(tr("Give the certificate store a passphrase"));
    } else {
        m_lock->setText(unlocked ? tr("&Lock store") : tr("Un&lock store…"));
        m_lock->setAccessibleName(unlocked ? tr("Lock the certificate store")
                                           : tr("Unlock the certificate store"));
    }
    m_lock->setToolTip(unlocked ? tr("The store is unlocked: private keys can be used.")
                                : tr("The store is locked: private keys cannot be used."));
}

bool CertificatesPage::ensureUnlocked(bool create)
{
    Store::CertificateStore *store = m_context != nullptr ? m_context->store : nullptr;
    if (store == nullptr) {
        return false;
    }
    if (store->isUnlocked()) {
        return true;
    }
    if (!store->isInitialised()) {
        if (!create) {
            return false;
        }
        bool accepted = false;
        QString first = QInputDialog::getText(
                this, tr("New store passphrase"),
                tr("Private keys are kept encrypted under a passphrase. Choose one for Postern's "
                   "certificate store:"),
                QLineEdit::Password, QString(), &accepted);
        if (!accepted || first.isEmpty()) {
            return false;
        }
        QString second = QInputDialog::getText(this, tr("New store passphrase"),
                                               tr("Enter the same passphrase again:"),
                                               QLineEdit::Password, QString(), &accepted);
        const bool same = accepted && first == second;
        const Secret passphrase(first.toUtf8());
        first.fill(QLatin1Char('\0'));
        second.fill(QLatin1Char('\0'));
        if (!same) {
            setStatus(tr("The two passphrases differ; the store was left as it was."), true);
            return false;
        }
        auto initialised = store->initialise(passphrase);
        if (!initialised) {
            setStatus(storeErrorText(initialised.error()), true);
            return false;
        }
        updateActions();
        return true;
    }
    bool unlocked = false;
    if (m_context->unlockStore) {
        unlocked = m_context->unlockStore();
    } else {
        bool accepted = false;
        QString passphrase =
                QInputDialog::getText(this, tr("Unlock the certificate store"),
                                      tr("Enter the passphrase of Postern's certificate store:"),
                                      QLineEdit::Password, QString(), &accepted);
        unlocked = accepted && store->unlock(Secret(passphrase.toUtf8())).has_value();
        passphrase.fill(QLatin1Char('\0'));
    }
    updateActions();
    return unlocked && store->isUnlocked();
}

void CertificatesPage::importFiles(const QStringList &paths)
{
    Store::CertificateStore *store = m_context != nullptr ? m_context->store : nullptr;
    if (store == nullptr) {
        setStatus(tr("No certificate store is open."), true);
        return;
    }
    QStringList report;
    bool problem = false;
    QString lastAdded;
    for (const QString &path : paths) {
        const QString name = QFileInfo(path).fileName();
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            report << tr("%1: cannot be read (%2)").arg(name, file.errorString());
            problem = true;
            continue;
        }
        const QByteArray bytes = file.readAll();
        Secret password;
        if (needsFilePassword(path, bytes)) {
            bool accepted = false;
            QString text = QInputDialog::getText(
                    this, tr("File password"),
                    tr("%1 is protected. Enter the password it was exported with:").arg(name),
                    QLineEdit::Password, QString(), &accepted);
            if (!accepted) {
                report << tr("%1: not imported (no password given)").arg(name);
                continue;
            }
            password = Secret(text.toUtf8());
            text.fill(QLatin1Char('\0'));
        }
        auto imported = store->importData(bytes, password);
        if (!imported
            && (imported.error().code == Store::StoreError::Locked
                || imported.error().code == Store::StoreError::NotInitialised)) {
            if (!ensureUnlocked(true)) {
                report << tr("%1: not imported: the private key needs the store unlocked")
                                  .arg(name);
                problem = true;
                continue;
            }
            imported = store->importData(bytes, password);
        }
        if (!imported) {
            report << tr("%1: %2").arg(name, storeErrorText(imported.error()));
            problem = true;
            continue;
        }
        report << tr("%1: %n new certificate(s)", nullptr, int(imported->added.size())).arg(name)
                          + tr(", %n already in the store", nullptr, int(imported->merged.size()))
                          + tr(", %n private key(s)", nullptr, imported->keysAdded);
        if (!imported->added.isEmpty()) {
            lastAdded = imported->added.constLast();
        }
    }
    refresh();
    if (!lastAdded.isEmpty()) {
        select(lastAdded);
    }
    setStatus(report.join(QLatin1Char('\n')), problem);
}

void CertificatesPage::importWithDialog()
{
    const QStringList paths = QFileDialog::getOpenFileNames(
            this, tr("Import certificates"), QString(),
            tr("Certificates and identities (*.p12 *.pfx *.pem *.crt *.cer *.der *.p7b *.p7c);;"
               "All files (*)"));
    if (!paths.isEmpty()) {
        importFiles(paths);
    }
}

bool CertificatesPage::exportEntry(const QString &id,
                                   const QString &path,
                                   const Secret &password,
                                   QString *error)
{
    Store::CertificateStore *store = m_context != nullptr ? m_context->store : nullptr;
    const auto entry = store != nullptr ? store->entry(id) : std::nullopt;
    if (!entry) {
        *error = tr("The certificate is no longer in the store.");
        return false;
    }
    const QString suffix = QFileInfo(path).suffix().toLower();
    QByteArray bytes;
    if (suffix == QLatin1String("p12") || suffix == QLatin1String("pfx")) {
        if (!entry->hasPrivateKey) {
            *error = tr("Only an own identity, with its private key, can be exported as PKCS#12.");
            return false;
        }
        if (!ensureUnlocked(false)) {
            *error = tr("The store must be unlocked to export a private key.");
            return false;
        }
        auto bundle = store->exportIdentity(id, password, Crypto::Pkcs12Scheme::Modern);
        if (!bundle) {
            *error = storeErrorText(bundle.error());
            return false;
        }
        bytes = *bundle;
    } else if (suffix == QLatin1String("der") || suffix == QLatin1String("cer")) {
        bytes = entry->certificate.toDer();
    } else {
        bytes = entry->certificate.toPem();
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        *error = tr("%1 could not be written: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

void CertificatesPage::exportWithDialog()
{
    const QString id = selectedId();
    Store::CertificateStore *store = m_context != nullptr ? m_context->store : nullptr;
    const auto entry = store != nullptr ? store->entry(id) : std::nullopt;
    if (!entry) {
        return;
    }
    QString filters = tr("Certificate, PEM (*.pem);;Certificate, DER (*.cer)");
    if (entry->hasPrivateKey) {
        filters += tr(";;Identity with private key, PKCS#12 (*.p12)");
    }
    QString base = entry->certificate.commonName();
    base.replace(QRegularExpression(QStringLiteral("[^\\w\\-]")), QStringLiteral("_"));
    const QString path = QFileDialog::getSaveFileName(
            this, tr("Export certificate"),
            (base.isEmpty() ? id.left(16) : base) + QStringLiteral(".pem"), filters);
    if (path.isEmpty()) {
        return;
    }
    Secret password;
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("p12") || suffix == QLatin1String("pfx")) {
        bool accepted = false;
        QString first = QInputDialog::getText(
                this, tr("Export password"),
                tr("The private key leaves the store protected by a password. Choose one:"),
                QLineEdit::Password, QString(), &accepted);
        if (!accepted || first.isEmpty()) {
            return;
        }
        QString second = QInputDialog::getText(this, tr("Export password"),
                                               tr("Enter the same password again:"),
                                               QLineEdit::Password, QString(), &accepted);
        const bool same = accepted && first == second;
        password = Secret(first.toUtf8());
        first.fill(QLatin1Char('\0'));
        second.fill(QLatin1Char('\0'));
        if (!same) {
            setStatus(tr("The two passwords differ; nothing was exported."), true);
            return;
        }
    }
    QString error;
    if (exportEntry(id, path, password, &error)) {
        setStatus(tr("Exported to %1.").arg(QDir::toNativeSeparators(path)));
    } else {
        setStatus(error, true);
    }
}

bool CertificatesPage::setTrust(const QString &id, Store::Trust trust)
{
    Store::CertificateStore *store = m_context != nullptr ? m_context->store : nullptr;
    if (store == nullptr || id.isEmpty()) {
        return false;
    }
    auto done = store->setTrust(id, trust);
    if (!done) {
        setStatus(storeErrorText(done.error()), true);
        return false;
    }
    refresh();
    setStatus(tr("Trust set to \"%1\".").arg(trustText(trust)));
    return true;
}

bool CertificatesPage::removeEntry(const QString &id, bool keyOnly)
{
    Store::CertificateStore *store = m_context != nullptr ? m_context->store : nullptr;
    if (store == nullptr || id.isEmpty()) {
        return false;
    }
    auto done = store->remove(id, keyOnly);
    if (!done && done.error().code == Store::StoreError::Locked && ensureUnlocked(false)) {
        done = store->remove(id, keyOnly);
    }
    if (!done) {
        setStatus(storeErrorText(done.error()), true);
        return false;
    }
    refresh();
    setStatus(keyOnly ? tr("The private key was deleted; the certificate stays.")
                      : tr("The certificate was deleted."));
    return true;
}

void CertificatesPage::removeWithConfirmation()
{
    const QString id = selectedId();
    Store::CertificateStore *store = m_context != nullptr ? m_context->store : nullptr;
    const auto entry = store != nullptr ? store->entry(id) : std::nullopt;
    if (!entry) {
        return;
    }
    QMessageBox box(QMessageBox::Warning, tr("Delete certificate"),
                    tr("Delete the certificate of %1 (%2)?")
                            .arg(entry->certificate.commonName(),
                                 entry->certificate.mailboxes().join(QStringLiteral(", "))),
                    QMessageBox::Cancel, this);
    if (entry->hasPrivateKey) {
        box.setInformativeText(tr("This is your own identity. Without its private key, mail "
                                  "encrypted to it can no longer be read."));
    }
    QPushButton *all = box.addButton(tr("&Delete"), QMessageBox::DestructiveRole);
    QPushButton *keyOnly = entry->hasPrivateKey ? box.addButton(tr("Delete the private &key only"),
                                                                QMessageBox::DestructiveRole)
                                                : nullptr;
    box.setDefaultButton(QMessageBox::Cancel);
    box.exec();
    if (box.clickedButton() == all) {
        removeEntry(id, false);
    } else if (keyOnly != nullptr && box.clickedButton() == keyOnly) {
        removeEntry(id, true);
    }
}

void CertificatesPage::showDetails()
{
    const QString id = selectedId();
    Store::CertificateStore *store = m_context != nullptr ? m_context->store : nullptr;
    const auto entry = store != nullptr ? store->entry(id) : std::nullopt;
    if (!entry) {
        return;
    }
    CertificateDetails details(m_context, *entry, this);
    details.exec();
}

bool CertificatesPage::generateTestIdentity(const QString &address,
                                            const QString &name,
                                            Crypto::KeyType type)
{
    Store::CertificateStore *store = m_context != nullptr ? m_context->store : nullptr;
    if (store == nullptr) {
        return false;
    }
    if (!address.contains(QLatin1Char('@'))) {
        setStatus(tr("A test identity needs an e-mail address."), true);
        return false;
    }
    if (!ensureUnlocked(true)) {
        setStatus(tr("The store must be unlocked to keep a new private key."), true);
        return false;
    }
    auto created = store->generateIdentity(address, name, type);
    if (!created) {
        setStatus(storeErrorText(created.error()), true);
        return false;
    }
    refresh();
    select(created->id);
    setStatus(tr("A self-signed test identity for %1 was created. Other people's software will "
                 "not trust it.")
                      .arg(address));
    return true;
}

void CertificatesPage::generateWithDialog()
{
    QDialog dialog(this);
    dialog.setWindowTitle(tr("Generate a test identity"));
    auto *form = new QFormLayout(&dialog);
    auto *explanation = new QLabel(tr("A self-signed certificate and private key, for trying "
                                      "Postern out. Real correspondents need one from a "
                                      "certification authority."),
                                   &dialog);
    explanation->setWordWrap(true);
    form->addRow(explanation);
    auto *address = new QLineEdit(&dialog);
    address->setAccessibleName(tr("E-mail address"));
    auto *name = new QLineEdit(&dialog);
    name->setAccessibleName(tr("Name"));
    auto *type = new QComboBox(&dialog);
    type->setAccessibleName(tr("Key type"));
    type->addItem(tr("RSA, 3072 bits (works everywhere)"));
    type->addItem(tr("Elliptic curve P-256 (smaller, newer clients only)"));
    form->addRow(tr("E-mail &address:"), address);
    form->addRow(tr("&Name:"), name);
    form->addRow(tr("&Key type:"), type);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    if (dialog.exec() != QDialog::Accepted) {
        return;
    }
    generateTestIdentity(address->text().trimmed(), name->text().trimmed(),
                         type->currentIndex() == 0 ? Crypto::KeyType::Rsa3072
                                                   : Crypto::KeyType::EcP256);
}

void CertificatesPage::toggleLock()
{
    Store::CertificateStore *store = m_context != nullptr ? m_context->store : nullptr;
    if (store == nullptr) {
        return;
    }
    if (store->isUnlocked()) {
        store->lock();
        setStatus(tr("The store is locked."));
    } else if (ensureUnlocked(true)) {
        setStatus(tr("The store is unlocked."));
    }
    updateActions();
}

void CertificatesPage::dragEnterEvent(QDragEnterEvent *event)
{
    const QStringList paths = localFiles(event->mimeData());
    if (std::any_of(paths.cbegin(), paths.cend(), isImportable)) {
        event->acceptProposedAction();
    }
}

void CertificatesPage::dropEvent(QDropEvent *event)
{
    QStringList paths = localFiles(event->mimeData());
    paths.removeIf([](const QString &path) { return !isImportable(path); });
    if (paths.isEmpty()) {
        return;
    }
    event->acceptProposedAction();
    importFiles(paths);
}

void CertificatesPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    // The proxies collect certificates from signed mail while the page is hidden.
    refresh();
}

} // namespace Postern::Ui
