#pragma once

#include "core/base/Secret.h"
#include "core/crypto/KeyMaterial.h"
#include "core/store/CertificateStore.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QStandardItemModel;
class QToolButton;
class QTreeView;

namespace Postern::Ui {

struct AppContext;

/**
 * The certificate manager: every certificate of the store in a searchable, sortable table,
 * with import (file dialog or dropped files), export, deletion, trust settings, details, a
 * test identity generator and the store's lock. Follows the command line's rules: files are
 * parsed first and the store is unlocked only when a private key must be stored or used.
 */
class CertificatesPage : public QWidget
{
    Q_OBJECT

public:
    enum Column {
        NameColumn,
        AddressColumn,
        IssuerColumn,
        ValidUntilColumn,
        KindColumn,
        TrustColumn,
        OriginColumn,
        ColumnCount
    };

    static constexpr int IdRole = Qt::UserRole + 1;
    static constexpr int SortRole = Qt::UserRole + 2;

    explicit CertificatesPage(AppContext *context, QWidget *parent = nullptr);

    /** The table as shown (filtered and sorted), for the window's status and for tests. */
    QSortFilterProxyModel *model() const { return m_proxy; }

    QTreeView *view() const { return m_view; }

    /** The result of the last action, as the page's status line shows it. */
    QString statusText() const;

    /** The selected entry's id, empty when none. */
    QString selectedId() const;
    void select(const QString &id);

    /** Writes the certificate as PEM (.pem, .crt), DER (.der, .cer) or, with its private key,
     *  PKCS#12 (.p12, .pfx) under @p password. */
    bool
    exportEntry(const QString &id, const QString &path, const Secret &password, QString *error);

    bool generateTestIdentity(const QString &address, const QString &name, Crypto::KeyType type);
    bool setTrust(const QString &id, Store::Trust trust);
    bool removeEntry(const QString &id, bool keyOnly);

public Q_SLOTS:
    /** Imports each file; a PKCS#12 file (or a PEM with an encrypted key) asks for its password,
     *  and the store is unlocked (or given its first passphrase) only when a key comes in. */
    void importFiles(const QStringList &paths);
    void refresh();

    void importWithDialog();
    void exportWithDialog();
    void removeWithConfirmation();
    void showDetails();
    void generateWithDialog();
    void toggleLock();

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    /** Unlocks the store, asking the user; with @p create, a store without a passphrase gets
     *  its first one. */
    bool ensureUnlocked(bool create);
    void setStatus(const QString &text, bool problem = false);
    void updateActions();
    QString storeErrorText(const Error<Store::StoreError> &error) const;

    AppContext *m_context = nullptr;
    QStandardItemModel *m_model = nullptr;
    QSortFilterProxyModel *m_proxy = nullptr;
    QLineEdit *m_search = nullptr;
    QTreeView *m_view = nullptr;
    QLabel *m_status = nullptr;
    QPushButton *m_import = nullptr;
    QPushButton *m_export = nullptr;
    QPushButton *m_details = nullptr;
    QToolButton *m_trust = nullptr;
    QPushButton *m_delete = nullptr;
    QPushButton *m_generate = nullptr;
    QPushButton *m_lock = nullptr;
};

} // namespace Postern::Ui
