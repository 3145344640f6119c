#include "CertificateDetails.h"

#include "ui/AppContext.h"

#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLocale>
#include <QScrollArea>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Postern::Ui {

QString trustText(Store::Trust trust)
{
    switch (trust) {
    case Store::Trust::Default:
        return CertificateDetails::tr("By its issuer");
    case Store::Trust::Trusted:
        return CertificateDetails::tr("Trusted");
    case Store::Trust::Untrusted:
        return CertificateDetails::tr("Never trusted");
    case Store::Trust::Ask:
        return CertificateDetails::tr("Ask before use");
    }
    return {};
}

QString originText(Store::Origin origin)
{
    switch (origin) {
    case Store::Origin::Imported:
        return CertificateDetails::tr("Imported");
    case Store::Origin::Collected:
        return CertificateDetails::tr("Collected from mail");
    case Store::Origin::Generated:
        return CertificateDetails::tr("Generated");
    }
    return {};
}

QString kindText(const Store::Entry &entry)
{
    if (entry.hasPrivateKey) {
        return CertificateDetails::tr("Own identity");
    }
    return entry.certificate.isCertificateAuthority() ? CertificateDetails::tr("Authority")
                                                      : CertificateDetails::tr("Other person");
}

QString groupedHex(const QByteArray &hex)
{
    QStringList pairs;
    for (qsizetype i = 0; i < hex.size(); i += 2) {
        pairs << QString::fromLatin1(hex.mid(i, 2));
    }
    return pairs.join(QLatin1Char(':'));
}

QList<Store::Entry> chainOf(const Store::Entry &entry, const Store::CertificateStore &store)
{
    // The same walk as the command line's export with its chain: by issuer name, at most
    // eight steps, ending at a self-signed certificate or an issuer the store lacks.
    QList<Store::Entry> chain{entry};
    const QList<Store::Entry> all = store.entries();
    Store::Entry current = entry;
    for (int depth = 0; depth < 8 && !current.certificate.isSelfSigned(); ++depth) {
        const auto parent = std::find_if(all.cbegin(), all.cend(), [&](const Store::Entry &e) {
            return e.certificate.subject() == current.certificate.issuer() && e.id != current.id;
        });
        if (parent == all.cend()) {
            break;
        }
        chain << *parent;
        current = *parent;
    }
    return chain;
}

CertificateDetails::CertificateDetails(AppContext *context,
                                       const Store::Entry &entry,
                                       QWidget *parent)
    : QDialog(parent)
{
    const Crypto::Certificate &certificate = entry.certificate;
    setWindowTitle(tr("Certificate of %1")
                           .arg(certificate.commonName().isEmpty() ? certificate.subject()
                                                                   : certificate.commonName()));
    setAccessibleName(windowTitle());
    const QLocale locale;

    QStringList usage;
    if (certificate.allowsSigning()) {
        usage << tr("signing e-mail");
    }
    if (certificate.allowsEncryption()) {
        usage << tr("encrypting e-mail");
    }
    if (certificate.isCertificateAuthority()) {
        usage << tr("issuing certificates");
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QString validity = tr("valid");
    if (certificate.notAfter() < now) {
        validity = tr("expired");
    } else if (certificate.notBefore() > now) {
        validity = tr("not yet valid");
    }

    m_fields = {
            {tr("Name"), certificate.commonName()},
            {tr("Addresses"), certificate.mailboxes().join(QStringLiteral(", "))},
            {tr("Subject"), certificate.subject()},
            {tr("Issuer"), certificate.issuer()},
            {tr("Serial number"), groupedHex(certificate.serialNumber())},
            {tr("Valid from"),
             locale.toString(certificate.notBefore().toLocalTime(), QLocale::LongFormat)},
            {tr("Valid until"),
             tr("%1 (%2)").arg(
                     locale.toString(certificate.notAfter().toLocalTime(), QLocale::LongFormat),
                     validity)},
            {tr("Key"),
             tr("%1, %2 bits").arg(certificate.keyAlgorithm()).arg(certificate.keyBits())},
            {tr("Usage"), usage.isEmpty() ? tr("none") : usage.join(QStringLiteral(", "))},
            {tr("SHA-256 fingerprint"), groupedHex(certificate.sha256Fingerprint())},
            {tr("Subject key identifier"), groupedHex(certificate.subjectKeyIdentifier())},
            {tr("Kind"), kindText(entry)},
            {tr("Private key"), entry.hasPrivateKey ? tr("held in the store") : tr("none")},
            {tr("Trust"), trustText(entry.trust)},
            {tr("Origin"), originText(entry.origin)},
            {tr("Added"), locale.toString(entry.added.toLocalTime(), QLocale::ShortFormat)},
    };

    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    for (const auto &[label, value] : std::as_const(m_fields)) {
        auto *text = new QLabel(value.isEmpty() ? tr("(none)") : value, this);
        text->setTextFormat(Qt::PlainText);
        text->setWordWrap(true);
        text->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
        text->setFocusPolicy(Qt::StrongFocus);
        text->setAccessibleName(label);
        form->addRow(label, text);
    }
    layout->addLayout(form);

    auto *chainTitle = new QLabel(tr("Chain (as far as the store holds it):"), this);
    auto *chain = new QTreeWidget(this);
    chain->setObjectName(QStringLiteral("chain"));
    chain->setAccessibleName(tr("Certificate chain"));
    chain->setHeaderLabels({tr("Certificate"), tr("Valid until")});
    chain->setRootIsDecorated(false);
    chainTitle->setBuddy(chain);
    QTreeWidgetItem *parentItem = nullptr;
    const QList<Store::Entry> entries = context != nullptr && context->store != nullptr
                                                ? chainOf(entry, *context->store)
                                                : QList<Store::Entry>{entry};
    // Root first, as certificate viewers draw a chain.
    for (auto it = entries.crbegin(); it != entries.crend(); ++it) {
        const QStringList columns{
                it->certificate.subject(),
                locale.toString(it->certificate.notAfter().date(), QLocale::ShortFormat)};
        auto *item = parentItem == nullptr ? new QTreeWidgetItem(chain, columns)
                                           : new QTreeWidgetItem(parentItem, columns);
        parentItem = item;
    }
    if (!entries.constLast().certificate.isSelfSigned()) {
        auto *missing = new QTreeWidgetItem(
                chain,
                {tr("Issuer not in the store: %1").arg(entries.constLast().certificate.issuer())});
        chain->insertTopLevelItem(0, chain->takeTopLevelItem(chain->indexOfTopLevelItem(missing)));
    }
    chain->setRootIsDecorated(true);
    chain->expandAll();
    chain->resizeColumnToContents(0);
    layout->addWidget(chainTitle);
    layout->addWidget(chain, 1);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(fontMetrics().averageCharWidth() * 90, fontMetrics().height() * 36);
}

} // namespace Postern::Ui
