// The certificate manager on a real store in a temporary profile, with certificates made by
// the openssl command and certificates from the shared corpus; files arrive as a user would
// bring them: dropped onto the page, with the PKCS#12 password typed into the question.

#include "TestSupport.h"

#include "core/store/CertificateStore.h"
#include "ui/AppContext.h"
#include "ui/CertificateDetails.h"
#include "ui/CertificatesPage.h"

#include <QApplication>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFile>
#include <QInputDialog>
#include <QMessageBox>
#include <QMimeData>
#include <QPointer>
#include <QProcess>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QStyleFactory>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeView>

using namespace Postern;
using Ui::CertificatesPage;

namespace {

const QByteArray storePassphrase = "page test passphrase";

QByteArray openssl(const QStringList &arguments)
{
    QProcess process;
    process.start(QStringLiteral("openssl"), arguments);
    if (!process.waitForFinished(60000) || process.exitCode() != 0) {
        qWarning() << "openssl" << arguments << process.readAllStandardError();
        return {};
    }
    return process.readAllStandardOutput();
}

/** A self-signed e-mail certificate made by openssl: NAME.pem and NAME.key in @p dir. */
QString makeCertificate(const QTemporaryDir &dir, const QString &name, const QString &address)
{
    const QString cert = dir.filePath(name + QStringLiteral(".pem"));
    const QString key = dir.filePath(name + QStringLiteral(".key"));
    openssl({QStringLiteral("req"),
             QStringLiteral("-x509"),
             QStringLiteral("-newkey"),
             QStringLiteral("ec"),
             QStringLiteral("-pkeyopt"),
             QStringLiteral("ec_paramgen_curve:P-256"),
             QStringLiteral("-nodes"),
             QStringLiteral("-keyout"),
             key,
             QStringLiteral("-out"),
             cert,
             QStringLiteral("-days"),
             QStringLiteral("400"),
             QStringLiteral("-subj"),
             QStringLiteral("/CN=%1/emailAddress=%2").arg(name, address),
             QStringLiteral("-addext"),
             QStringLiteral("subjectAltName=email:%1").arg(address),
             QStringLiteral("-addext"),
             QStringLiteral("extendedKeyUsage=emailProtection"),
             QStringLiteral("-addext"),
             QStringLiteral("basicConstraints=critical,CA:FALSE")});
    return QFile::exists(cert) ? cert : QString();
}

/** The SHA-256 fingerprint openssl reports, upper-case hex without colons. */
QString opensslFingerprint(const QString &path, const QString &form = QStringLiteral("PEM"))
{
    const QByteArray out = openssl({QStringLiteral("x509"), QStringLiteral("-in"), path,
                                    QStringLiteral("-inform"), form, QStringLiteral("-noout"),
                                    QStringLiteral("-fingerprint"), QStringLiteral("-sha256")});
    return QString::fromLatin1(out.mid(out.indexOf('=') + 1).trimmed()).remove(QLatin1Char(':'));
}

void drop(QWidget *target, const QStringList &paths)
{
    QMimeData data;
    QList<QUrl> urls;
    for (const QString &path : paths) {
        urls << QUrl::fromLocalFile(path);
    }
    data.setUrls(urls);
    const QPoint where = target->rect().center();
    QDragEnterEvent enter(where, Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(target, &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent dropped(where, Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(target, &dropped);
    QVERIFY(dropped.isAccepted());
}

/** Answers the next password questions with @p texts in turn, recording their labels. */
void answerPasswords(QStringList texts, QStringList *asked, QPointer<QWidget> previous = {})
{
    QTimer::singleShot(20, [texts, asked, previous]() mutable {
        auto *dialog = qobject_cast<QInputDialog *>(QApplication::activeModalWidget());
        if (dialog == nullptr || dialog == previous) {
            answerPasswords(texts, asked, previous);
            return;
        }
        asked->append(dialog->labelText());
        QVERIFY(dialog->textEchoMode() == QLineEdit::Password);
        dialog->setTextValue(texts.takeFirst());
        dialog->accept();
        if (!texts.isEmpty()) {
            answerPasswords(texts, asked, dialog);
        }
    });
}

void answerPassword(const QString &text, QStringList *asked)
{
    answerPasswords({text}, asked);
}

QStringList rowsOf(const QAbstractItemModel *model, int column)
{
    QStringList values;
    for (int row = 0; row < model->rowCount(); ++row) {
        values << model->index(row, column).data().toString();
    }
    return values;
}

QPalette darkPalette()
{
    QPalette dark;
    dark.setColor(QPalette::Window, QColor(37, 37, 38));
    dark.setColor(QPalette::WindowText, QColor(230, 230, 230));
    dark.setColor(QPalette::Base, QColor(30, 30, 30));
    dark.setColor(QPalette::AlternateBase, QColor(50, 50, 52));
    dark.setColor(QPalette::Text, QColor(230, 230, 230));
    dark.setColor(QPalette::PlaceholderText, QColor(150, 150, 150));
    dark.setColor(QPalette::Button, QColor(55, 55, 58));
    dark.setColor(QPalette::ButtonText, QColor(230, 230, 230));
    dark.setColor(QPalette::Highlight, QColor(52, 110, 180));
    dark.setColor(QPalette::HighlightedText, Qt::white);
    dark.setColor(QPalette::ToolTipBase, QColor(70, 60, 30));
    dark.setColor(QPalette::ToolTipText, QColor(240, 230, 200));
    dark.setColor(QPalette::Link, QColor(120, 170, 255));
    return dark;
}

// For a person to look at: POSTERN_SCREENSHOT_DIR=dir saves each screen, light and dark.
void screenshot(QWidget *widget, const QString &name)
{
    const QString shots = qEnvironmentVariable("POSTERN_SCREENSHOT_DIR");
    if (shots.isEmpty()) {
        return;
    }
    // Widgets added to a shown layout appear through the event loop.
    QCoreApplication::processEvents();
    widget->grab().save(QStringLiteral("%1/%2.png").arg(shots, name));
    const QPalette original = QApplication::palette();
    QApplication::setPalette(darkPalette());
    QCoreApplication::processEvents();
    widget->grab().save(QStringLiteral("%1/%2-dark.png").arg(shots, name));
    QApplication::setPalette(original);
    QCoreApplication::processEvents();
}

} // namespace

class TestCertificatesPage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void importByDrop();
    void pkcs12AsksForPasswordAndUnlocks();
    void filterAndSort();
    void expiredIsMarked();
    void generateExportTrustDelete();
    void details();
    void firstKeyGivesTheStoreItsPassphrase();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Store::CertificateStore> m_store;
    Ui::AppContext m_context;
    int m_unlockQuestions = 0;
};

void TestCertificatesPage::initTestCase()
{
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedKingdom));
}

void TestCertificatesPage::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    auto store = Store::CertificateStore::open(m_dir->filePath(QStringLiteral("store")));
    QVERIFY(store);
    m_store = std::move(*store);
    QVERIFY(m_store->initialise(Secret(storePassphrase)));
    m_store->lock();
    m_unlockQuestions = 0;
    m_context = {};
    m_context.profileDirectory = m_dir->path();
    m_context.store = m_store.get();
    // The window's question, answered with the right passphrase.
    m_context.unlockStore = [this] {
        ++m_unlockQuestions;
        return m_store->unlock(Secret(storePassphrase)).has_value();
    };
}

void TestCertificatesPage::cleanup()
{
    m_store.reset();
    m_dir.reset();
}

void TestCertificatesPage::importByDrop()
{
    const QString carol =
            makeCertificate(*m_dir, QStringLiteral("Carol"), QStringLiteral("carol@example.org"));
    QVERIFY(!carol.isEmpty());
    CertificatesPage page(&m_context);
    QCOMPARE(page.model()->rowCount(), 0);

    drop(&page, {carol});
    QCOMPARE(page.model()->rowCount(), 1);
    const QAbstractItemModel *model = page.model();
    QCOMPARE(model->index(0, CertificatesPage::NameColumn).data().toString(),
             QStringLiteral("Carol"));
    QCOMPARE(model->index(0, CertificatesPage::AddressColumn).data().toString(),
             QStringLiteral("carol@example.org"));
    QCOMPARE(model->index(0, CertificatesPage::KindColumn).data().toString(),
             QStringLiteral("Other person"));
    QCOMPARE(model->index(0, CertificatesPage::OriginColumn).data().toString(),
             QStringLiteral("Imported"));
    QCOMPARE(
            model->index(0, CertificatesPage::NameColumn).data(CertificatesPage::IdRole).toString(),
            opensslFingerprint(carol));
    QVERIFY2(page.statusText().contains(QStringLiteral("1 new certificate")),
             qPrintable(page.statusText()));
    // A certificate alone needs no private-key store: nobody was asked for the passphrase.
    QCOMPARE(m_unlockQuestions, 0);

    // The same file again is merged, not repeated.
    drop(&page, {carol});
    QCOMPARE(page.model()->rowCount(), 1);
    QVERIFY(page.statusText().contains(QStringLiteral("1 already in the store")));
}

// Manifest: comm-central__Bob.p12, password "nss", Bob's certificate and key.
void TestCertificatesPage::pkcs12AsksForPasswordAndUnlocks()
{
    POSTERN_REQUIRE_CORPUS();
    CertificatesPage page(&m_context);
    QStringList asked;
    answerPassword(QStringLiteral("nss"), &asked);
    drop(&page, {Test::corpusFile(QStringLiteral("smime/keys/comm-central__Bob.p12"))});
    QCOMPARE(asked.size(), 1);
    QVERIFY(asked.constFirst().contains(QStringLiteral("comm-central__Bob.p12")));
    QCOMPARE(m_unlockQuestions, 1);
    QVERIFY2(page.statusText().contains(QStringLiteral("1 private key")),
             qPrintable(page.statusText()));

    const QStringList kinds = rowsOf(page.model(), CertificatesPage::KindColumn);
    QVERIFY2(kinds.contains(QStringLiteral("Own identity")), qPrintable(kinds.join(u',')));
    const QStringList addresses = rowsOf(page.model(), CertificatesPage::AddressColumn);
    QVERIFY(addresses.join(u' ').contains(QStringLiteral("Bob@example.com"), Qt::CaseInsensitive));

    // A wrong password imports nothing and says so.
    m_store->lock();
    const int before = page.model()->rowCount();
    answerPassword(QStringLiteral("not the password"), &asked);
    page.importFiles({Test::corpusFile(QStringLiteral("smime/keys/comm-central__Alice.p12"))});
    QCOMPARE(page.model()->rowCount(), before);
    QVERIFY2(page.statusText().contains(QStringLiteral("password")), qPrintable(page.statusText()));
}

void TestCertificatesPage::filterAndSort()
{
    QStringList files;
    files << makeCertificate(*m_dir, QStringLiteral("Alice Example"),
                             QStringLiteral("alice@example.org"));
    files << makeCertificate(*m_dir, QStringLiteral("Bob Other"), QStringLiteral("bob@other.net"));
    files << makeCertificate(*m_dir, QStringLiteral("Carol Example"),
                             QStringLiteral("carol@example.org"));
    QVERIFY(!files.contains(QString()));
    CertificatesPage page(&m_context);
    page.resize(1000, 500);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    page.importFiles(files);
    QCOMPARE(page.model()->rowCount(), 3);

    // Typed into the search field, as a user would.
    auto *search = page.findChild<QLineEdit *>();
    QVERIFY(search != nullptr);
    search->setFocus();
    QTest::keyClicks(search, QStringLiteral("example.org"));
    QCOMPARE(rowsOf(page.model(), CertificatesPage::NameColumn),
             (QStringList{QStringLiteral("Alice Example"), QStringLiteral("Carol Example")}));
    search->clear();
    QTest::keyClicks(search, QStringLiteral("BOB"));
    QCOMPARE(rowsOf(page.model(), CertificatesPage::NameColumn),
             QStringList{QStringLiteral("Bob Other")});
    search->clear();
    QCOMPARE(page.model()->rowCount(), 3);

    page.view()->sortByColumn(CertificatesPage::NameColumn, Qt::DescendingOrder);
    QCOMPARE(rowsOf(page.model(), CertificatesPage::NameColumn),
             (QStringList{QStringLiteral("Carol Example"), QStringLiteral("Bob Other"),
                          QStringLiteral("Alice Example")}));
    screenshot(&page, QStringLiteral("certificates"));
}

// Manifest/openssl: bc-java__smimeTKcert.pem, "Sample Person", expired 8 January 2025.
void TestCertificatesPage::expiredIsMarked()
{
    POSTERN_REQUIRE_CORPUS();
    const QString expired = Test::corpusFile(QStringLiteral("smime/keys/bc-java__smimeTKcert.pem"));
    const QString current =
            makeCertificate(*m_dir, QStringLiteral("Dana"), QStringLiteral("dana@example.org"));
    CertificatesPage page(&m_context);
    page.importFiles({expired, current});
    QCOMPARE(page.model()->rowCount(), 2);
    page.view()->sortByColumn(CertificatesPage::ValidUntilColumn, Qt::AscendingOrder);
    const QModelIndex first = page.model()->index(0, CertificatesPage::ValidUntilColumn);
    QCOMPARE(page.model()->index(0, CertificatesPage::NameColumn).data().toString(),
             QStringLiteral("Sample Person"));
    QVERIFY2(first.data().toString().contains(QStringLiteral("expired")),
             qPrintable(first.data().toString()));
    QVERIFY(first.data().toString().contains(QStringLiteral("2025")));
    QVERIFY(first.data(Qt::BackgroundRole).isValid());
    const QModelIndex second = page.model()->index(1, CertificatesPage::ValidUntilColumn);
    QVERIFY(!second.data().toString().contains(QStringLiteral("expired")));
    QVERIFY(!second.data(Qt::BackgroundRole).isValid());
    page.resize(1000, 300);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    screenshot(&page, QStringLiteral("certificates-expired"));
}

void TestCertificatesPage::generateExportTrustDelete()
{
    CertificatesPage page(&m_context);
    QVERIFY(page.generateTestIdentity(QStringLiteral("erin@example.org"), QStringLiteral("Erin"),
                                      Crypto::KeyType::EcP256));
    QCOMPARE(m_unlockQuestions, 1);
    QCOMPARE(page.model()->rowCount(), 1);
    QCOMPARE(page.model()->index(0, CertificatesPage::KindColumn).data().toString(),
             QStringLiteral("Own identity"));
    QCOMPARE(page.model()->index(0, CertificatesPage::OriginColumn).data().toString(),
             QStringLiteral("Generated"));
    const QString id = page.selectedId();
    QVERIFY(!id.isEmpty());

    // Exports as openssl reads them: PEM, DER, and PKCS#12 under the chosen password.
    QString error;
    const QString pem = m_dir->filePath(QStringLiteral("erin.pem"));
    const QString der = m_dir->filePath(QStringLiteral("erin.cer"));
    const QString p12 = m_dir->filePath(QStringLiteral("erin.p12"));
    QVERIFY2(page.exportEntry(id, pem, Secret(), &error), qPrintable(error));
    QVERIFY2(page.exportEntry(id, der, Secret(), &error), qPrintable(error));
    QCOMPARE(opensslFingerprint(pem), id);
    QCOMPARE(opensslFingerprint(der, QStringLiteral("DER")), id);
    m_store->lock();
    QVERIFY2(page.exportEntry(id, p12, Secret(QByteArray("export pw")), &error), qPrintable(error));
    QCOMPARE(m_unlockQuestions, 2);
    const QByteArray bundle = openssl({QStringLiteral("pkcs12"), QStringLiteral("-in"), p12,
                                       QStringLiteral("-passin"), QStringLiteral("pass:export pw"),
                                       QStringLiteral("-nodes")});
    QVERIFY(bundle.contains("PRIVATE KEY"));
    QVERIFY(bundle.contains("erin@example.org"));

    QVERIFY(page.setTrust(id, Store::Trust::Untrusted));
    QCOMPARE(page.model()->index(0, CertificatesPage::TrustColumn).data().toString(),
             QStringLiteral("Never trusted"));
    QVERIFY(m_store->entry(id)->trust == Store::Trust::Untrusted);

    // Delete asks first; the key-only choice keeps the certificate.
    page.select(id);
    QTimer::singleShot(20, [] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        QVERIFY(box != nullptr);
        const QList<QAbstractButton *> buttons = box->buttons();
        for (QAbstractButton *button : buttons) {
            if (button->text().contains(QStringLiteral("key only"))) {
                button->click();
            }
        }
    });
    page.removeWithConfirmation();
    QCOMPARE(page.model()->rowCount(), 1);
    QVERIFY(!m_store->entry(id)->hasPrivateKey);
    QCOMPARE(page.model()->index(0, CertificatesPage::KindColumn).data().toString(),
             QStringLiteral("Other person"));

    // The Delete key on the table asks the same question; cancelled, nothing changes.
    page.show();
    page.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&page));
    page.select(id);
    page.view()->setFocus();
    bool asked = false;
    QTimer::singleShot(20, [&asked] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        QVERIFY(box != nullptr);
        asked = true;
        box->button(QMessageBox::Cancel)->click();
    });
    QTest::keyClick(page.view(), Qt::Key_Delete);
    QVERIFY(asked);
    QCOMPARE(page.model()->rowCount(), 1);

    QVERIFY(page.removeEntry(id, false));
    QCOMPARE(page.model()->rowCount(), 0);
    QVERIFY(!m_store->entry(id));
}

void TestCertificatesPage::details()
{
    const QString frank =
            makeCertificate(*m_dir, QStringLiteral("Frank"), QStringLiteral("frank@example.org"));
    CertificatesPage page(&m_context);
    page.importFiles({frank});
    const auto entry =
            m_store->entry(page.model()->index(0, 0).data(CertificatesPage::IdRole).toString());
    QVERIFY(entry);
    Ui::CertificateDetails details(&m_context, *entry);
    QMap<QString, QString> fields;
    for (const auto &[label, value] : details.fields()) {
        fields.insert(label, value);
    }
    QCOMPARE(fields.value(QStringLiteral("Name")), QStringLiteral("Frank"));
    QCOMPARE(fields.value(QStringLiteral("Addresses")), QStringLiteral("frank@example.org"));
    QCOMPARE(fields.value(QStringLiteral("SHA-256 fingerprint")).remove(u':'),
             opensslFingerprint(frank));
    QVERIFY(fields.value(QStringLiteral("Key")).startsWith(QStringLiteral("EC")));
    QVERIFY(fields.value(QStringLiteral("Usage")).contains(QStringLiteral("signing e-mail")));
    details.show();
    QVERIFY(QTest::qWaitForWindowExposed(&details));
    screenshot(&details, QStringLiteral("certificate-details"));
}

// A new profile's store has no passphrase; the first private key asks for one, twice.
void TestCertificatesPage::firstKeyGivesTheStoreItsPassphrase()
{
    QTemporaryDir fresh;
    auto opened = Store::CertificateStore::open(fresh.filePath(QStringLiteral("store")));
    QVERIFY(opened);
    std::unique_ptr<Store::CertificateStore> store = std::move(*opened);
    QVERIFY(!store->isInitialised());
    Ui::AppContext context;
    context.store = store.get();
    CertificatesPage page(&context);
    QStringList asked;
    answerPasswords(
            {QStringLiteral("new store passphrase"), QStringLiteral("new store passphrase")},
            &asked);
    QVERIFY(page.generateTestIdentity(QStringLiteral("gina@example.org"), QStringLiteral("Gina"),
                                      Crypto::KeyType::EcP256));
    QCOMPARE(asked.size(), 2);
    QVERIFY(store->isInitialised());
    store->lock();
    QVERIFY(!store->unlock(Secret(QByteArray("another passphrase"))));
    QVERIFY(store->unlock(Secret(QByteArray("new store passphrase"))));
    auto identity = store->identityFor(QStringLiteral("gina@example.org"));
    QVERIFY(identity);
}

QTEST_MAIN(TestCertificatesPage)
#include "tst_certificatespage.moc"
