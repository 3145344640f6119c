#pragma once

#include "core/store/CertificateStore.h"

#include <QDialog>

namespace Postern::Ui {

struct AppContext;

/** Words for people for the store's trust levels, origins and kinds of entry. */
QString trustText(Store::Trust trust);
QString originText(Store::Origin origin);
QString kindText(const Store::Entry &entry);

/** The chain of @p entry as far as the store knows it: the entry first, then each issuer. */
QList<Store::Entry> chainOf(const Store::Entry &entry, const Store::CertificateStore &store);

/** "AB:CD:…" for a hex string. */
QString groupedHex(const QByteArray &hex);

/**
 * Everything about one certificate of the store: names and addresses, issuer, serial number,
 * validity, key, usage, fingerprints, Postern's own trust and origin, and the chain up to the
 * root as far as the store holds it.
 */
class CertificateDetails : public QDialog
{
    Q_OBJECT

public:
    CertificateDetails(AppContext *context, const Store::Entry &entry, QWidget *parent = nullptr);

    /** (label, value) pairs in the order shown, for tests and for copying. */
    QList<std::pair<QString, QString>> fields() const { return m_fields; }

private:
    QList<std::pair<QString, QString>> m_fields;
};

} // namespace Postern::Ui
