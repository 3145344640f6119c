// The inspector against the shared corpus: files are dropped onto the page, keys come from a
// real store in a temporary profile, and what the page shows is compared with the corpus
// manifest's right answers.

#include "TestSupport.h"

#include "core/smime/SecureMessage.h"
#include "core/store/CertificateStore.h"
#include "ui/AppContext.h"
#include "ui/InspectorPage.h"
#include "ui/InvitationCard.h"

#include <QApplication>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStyleFactory>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

#include <sys/stat.h>

using namespace Postern;

namespace {

const QByteArray storePassphrase = "inspector test passphrase";

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
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

/** What one tab shows, read from its widgets. */
struct Shown
{
    QStringList tree;   // "section type", depth first
    QStringList layers; // "1. Encrypted | verdict"
    QStringList layerDetails;
    QString integrity;
    QString content;
    QString headers;
    QString problem;
    Ui::InvitationCard *card = nullptr;
    bool cardShown = false;
};

void walk(QTreeWidgetItem *item, QStringList *out)
{
    *out << item->text(0) + QLatin1Char(' ') + item->text(1);
    for (int i = 0; i < item->childCount(); ++i) {
        walk(item->child(i), out);
    }
}

Shown shownIn(QWidget *tab)
{
    Shown shown;
    auto *tree = tab->findChild<QTreeWidget *>(QStringLiteral("mimeTree"));
    for (int i = 0; tree != nullptr && i < tree->topLevelItemCount(); ++i) {
        walk(tree->topLevelItem(i), &shown.tree);
    }
    auto *layers = tab->findChild<QTreeWidget *>(QStringLiteral("securityLayers"));
    for (int i = 0; layers != nullptr && i < layers->topLevelItemCount(); ++i) {
        QTreeWidgetItem *item = layers->topLevelItem(i);
        shown.layers << item->text(0) + QStringLiteral(" | ") + item->text(1);
        for (int c = 0; c < item->childCount(); ++c) {
            shown.layerDetails << item->child(c)->text(1);
        }
    }
    shown.integrity = tab->findChild<QLabel *>(QStringLiteral("integrity"))->text();
    shown.content = tab->findChild<QPlainTextEdit *>(QStringLiteral("content"))->toPlainText();
    shown.headers = tab->findChild<QPlainTextEdit *>(QStringLiteral("headers"))->toPlainText();
    auto *problem = tab->findChild<QLabel *>(QStringLiteral("problem"));
    shown.problem = problem->isVisibleTo(tab) ? problem->text() : QString();
    shown.card = tab->findChild<Ui::InvitationCard *>();
    auto *views = tab->findChild<QTabWidget *>(QStringLiteral("views"));
    for (int i = 0; views != nullptr && i < views->count(); ++i) {
        shown.cardShown = shown.cardShown
                          || (views->isTabVisible(i) && views->widget(i)->isAncestorOf(shown.card));
    }
    return shown;
}

QWidget *tabFor(const Ui::InspectorPage &page, const QString &fileName)
{
    for (int i = 0; i < page.tabs()->count(); ++i) {
        if (page.tabs()->tabText(i) == fileName) {
            return page.tabs()->widget(i);
        }
    }
    return nullptr;
}

int tabIndex(const Ui::InspectorPage &page, const QString &fileName)
{
    return page.tabs()->indexOf(tabFor(page, fileName));
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

class TestInspectorPage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void encryptedAndSignedAskOnce();
    void declinedUnlockShowsWhatItCan();
    void plainInvitation();
    void encryptedInvitationSavedRehydrated();
    void calendarFile();
    void notAMessage();
    void largeFileCancelled();

private:
    QString corpus(const QString &name) { return Test::corpusFile(name); }

    QString encryptedInvitation();

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Store::CertificateStore> m_store;
    Ui::AppContext m_context;
    int m_unlockQuestions = 0;
    bool m_answer = true;
};

void TestInspectorPage::initTestCase()
{
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedKingdom));
}

// A store holding Bob's identity (comm-central__Bob.p12, password "nss") and the comm-central
// test CA as a trusted root, locked, as after a restart.
void TestInspectorPage::init()
{
    POSTERN_REQUIRE_CORPUS();
    m_dir = std::make_unique<QTemporaryDir>();
    auto store = Store::CertificateStore::open(m_dir->filePath(QStringLiteral("store")));
    QVERIFY(store);
    m_store = std::move(*store);
    QVERIFY(m_store->initialise(Secret(storePassphrase)));
    QVERIFY(m_store->importData(
            readFile(corpus(QStringLiteral("smime/keys/comm-central__Bob.p12"))),
            Secret(QByteArray("nss"))));
    auto ca = m_store->importData(
            readFile(corpus(QStringLiteral("smime/keys/comm-central__TestCA.pem"))), Secret());
    QVERIFY(ca);
    // Bob's PKCS#12 already brought the CA along: then it is merged, not added.
    const QStringList ids = ca->added + ca->merged;
    QCOMPARE(ids.size(), 1);
    QVERIFY(m_store->setTrust(ids.constFirst(), Store::Trust::Trusted));
    m_store->lock();
    m_unlockQuestions = 0;
    m_answer = true;
    m_context = {};
    m_context.store = m_store.get();
    m_context.unlockStore = [this] {
        ++m_unlockQuestions;
        return m_answer && m_store->unlock(Secret(storePassphrase)).has_value();
    };
}

void TestInspectorPage::cleanup()
{
    m_store.reset();
    m_dir.reset();
}

// Manifest: alice.env.eml is EnvelopedData AES-128-CBC, RSA PKCS#1 v1.5, for Bob; content
// text/plain "This is a test message from Alice to Bob.". alice.dsig.SHA256.multipart.eml is
// multipart/signed, SHA-256, signature valid, signer Alice@example.com, chain OK to TestCA.
void TestInspectorPage::encryptedAndSignedAskOnce()
{
    Ui::InspectorPage page(&m_context);
    page.resize(1100, 700);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    QSignalSpy done(&page, &Ui::InspectorPage::fileInspected);
    drop(&page, {corpus(QStringLiteral("smime/comm-central__alice.env.eml")),
                 corpus(QStringLiteral("smime/comm-central__alice.dsig.SHA256.multipart.eml")),
                 corpus(QStringLiteral("smime/comm-central__alice.env.sig.SHA256.opaque.eml"))});
    QCOMPARE(page.fileCount(), 3);
    QTRY_COMPARE_WITH_TIMEOUT(done.count(), 3, 20000);
    // Two files needed Bob's key; the passphrase was asked for once.
    QCOMPARE(m_unlockQuestions, 1);

    Shown env = shownIn(tabFor(page, QStringLiteral("comm-central__alice.env.eml")));
    QCOMPARE(env.layers.size(), 1);
    QVERIFY2(env.layers.constFirst().startsWith(
                     QStringLiteral("1. Encrypted | Decrypted: AES-128-CBC")),
             qPrintable(env.layers.join(u'\n')));
    QVERIFY(env.layers.constFirst().contains(QStringLiteral("RSA PKCS#1 v1.5")));
    QVERIFY(env.tree.constFirst().contains(QStringLiteral("text/plain")));
    QVERIFY(env.content.contains(QStringLiteral("This is a test message from Alice to Bob.")));
    QVERIFY2(env.integrity.startsWith(QStringLiteral("Encrypted without a signature inside")),
             qPrintable(env.integrity));
    QVERIFY(!env.cardShown);

    Shown signedOnly =
            shownIn(tabFor(page, QStringLiteral("comm-central__alice.dsig.SHA256.multipart.eml")));
    QCOMPARE(signedOnly.layers, QStringList{QStringLiteral("1. Signed | signature valid")});
    QVERIFY2(signedOnly.layerDetails.join(u'\n').contains(QStringLiteral("Alice@example.com"),
                                                          Qt::CaseInsensitive),
             qPrintable(signedOnly.layerDetails.join(u'\n')));
    QVERIFY(signedOnly.layerDetails.join(u'\n').contains(QStringLiteral("SHA256"),
                                                         Qt::CaseInsensitive));
    QVERIFY(signedOnly.integrity.startsWith(QStringLiteral("Intact")));
    QVERIFY(signedOnly.tree.constFirst().contains(QStringLiteral("text/plain")));

    // Encrypted, then opaque signed-data inside: two layers, both opened.
    Shown both =
            shownIn(tabFor(page, QStringLiteral("comm-central__alice.env.sig.SHA256.opaque.eml")));
    // Manifest order: the opaque signed-data outside, the EnvelopedData inside it.
    QVERIFY2(both.layers.size() == 2, qPrintable(both.layers.join(u'\n')));
    QCOMPARE(both.layers.at(0), QStringLiteral("1. Signed | signature valid"));
    QVERIFY(both.layers.at(1).startsWith(QStringLiteral("2. Encrypted | Decrypted: AES-128-CBC")));
    QVERIFY(both.content.contains(QStringLiteral("This is a test message from Alice to Bob.")));

    page.tabs()->setCurrentIndex(
            tabIndex(page, QStringLiteral("comm-central__alice.env.sig.SHA256.opaque.eml")));
    screenshot(&page, QStringLiteral("inspector"));

    // Saved as `postern decrypt` writes it.
    const int index = tabIndex(page, QStringLiteral("comm-central__alice.env.eml"));
    QVERIFY(page.canSaveDecrypted(index));
    QString error;
    const QString saved = m_dir->filePath(QStringLiteral("decrypted.eml"));
    const mode_t umask = ::umask(022);
    const bool written = page.saveDecrypted(index, saved, &error);
    ::umask(umask);
    QVERIFY2(written, qPrintable(error));
    QCOMPARE(QFileInfo(saved).permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther),
             QFileDevice::Permissions());
    const QByteArray bytes = readFile(saved);
    QVERIFY(bytes.contains("This is a test message from Alice to Bob."));
    QVERIFY(!bytes.contains("application/pkcs7-mime"));
    QVERIFY(!page.canSaveDecrypted(tabIndex(page, QStringLiteral("nonexistent"))));
}

void TestInspectorPage::declinedUnlockShowsWhatItCan()
{
    m_answer = false;
    Ui::InspectorPage page(&m_context);
    QSignalSpy done(&page, &Ui::InspectorPage::fileInspected);
    page.openFiles({corpus(QStringLiteral("smime/comm-central__alice.env.eml")),
                    corpus(QStringLiteral("smime/comm-central__alice.env.sig.SHA256.opaque.eml"))});
    QTRY_COMPARE_WITH_TIMEOUT(done.count(), 2, 20000);
    QCOMPARE(m_unlockQuestions, 1);
    for (int i = 0; i < 2; ++i) {
        const Shown shown = shownIn(page.tabs()->widget(i));
        QVERIFY2(!shown.layers.isEmpty(), qPrintable(page.tabs()->tabText(i)));
        QVERIFY2(shown.layers.constLast().contains(
                         QStringLiteral("Encrypted | Not decrypted: none of the store's keys")),
                 qPrintable(shown.layers.join(u'\n')));
        QVERIFY(shown.integrity.startsWith(QStringLiteral("Unknown")));
        QVERIFY(!page.canSaveDecrypted(i));
    }
}

// Manifest: ical/comm-central__single-event.eml, REQUEST "Single Event" 2022-03-16 11:00 UTC,
// LOCATION Somewhere, organizer sender@example.com, 3 attendees; not S/MIME.
void TestInspectorPage::plainInvitation()
{
    Ui::InspectorPage page(&m_context);
    QSignalSpy done(&page, &Ui::InspectorPage::fileInspected);
    drop(&page, {corpus(QStringLiteral("ical/comm-central__single-event.eml"))});
    QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, 20000);
    QCOMPARE(m_unlockQuestions, 0);
    const Shown shown = shownIn(page.tabs()->widget(0));
    QCOMPARE(shown.layers, QStringList{QStringLiteral("None | Neither encrypted nor signed")});
    QVERIFY(shown.tree.constFirst().contains(QStringLiteral("multipart/mixed")));
    QVERIFY2(shown.tree.contains(QStringLiteral("1.2 text/calendar")),
             qPrintable(shown.tree.join(u'\n')));
    QVERIFY(shown.cardShown);
    const Calendar::InvitationPreview &preview = shown.card->preview();
    QCOMPARE(preview.title, QStringLiteral("Single Event"));
    QCOMPARE(preview.location, QStringLiteral("Somewhere"));
    QVERIFY(preview.organizer.contains(QStringLiteral("sender@example.com")));
    QCOMPARE(preview.attendees.size(), 3);
    QCOMPARE(preview.security, QStringLiteral("Not encrypted, not signed"));
    QVERIFY(!page.canSaveDecrypted(0));
}

// The corpus invitation, encrypted here to Bob's certificate from the store.
QString TestInspectorPage::encryptedInvitation()
{
    const QList<Store::Entry> bobs = m_store->findByEmail(QStringLiteral("bob@example.com"));
    if (bobs.isEmpty()) {
        return {};
    }
    auto encrypted = Smime::encryptMessage(
            readFile(corpus(QStringLiteral("ical/comm-central__single-event.eml"))),
            {bobs.constFirst().certificate}, {});
    if (!encrypted) {
        return {};
    }
    const QString path = m_dir->filePath(QStringLiteral("encrypted-invitation.eml"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(*encrypted) != encrypted->size()) {
        return {};
    }
    return path;
}

void TestInspectorPage::encryptedInvitationSavedRehydrated()
{
    const QString path = encryptedInvitation();
    QVERIFY(!path.isEmpty());
    Ui::InspectorPage page(&m_context);
    page.resize(1100, 760);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    QSignalSpy done(&page, &Ui::InspectorPage::fileInspected);
    drop(&page, {path});
    QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, 20000);
    QCOMPARE(m_unlockQuestions, 1);
    const Shown shown = shownIn(page.tabs()->widget(0));
    QVERIFY(shown.layers.constFirst().startsWith(
            QStringLiteral("1. Encrypted | Decrypted: AES-256-CBC")));
    QVERIFY(shown.cardShown);
    QCOMPARE(shown.card->preview().title, QStringLiteral("Single Event"));
    QCOMPARE(shown.card->preview().security, QStringLiteral("Encrypted (AES-256-CBC), not signed"));
    screenshot(&page, QStringLiteral("inspector-invitation"));

    QString error;
    const QString saved = m_dir->filePath(QStringLiteral("invitation-decrypted.eml"));
    QVERIFY2(page.saveDecrypted(0, saved, &error), qPrintable(error));
    const QByteArray bytes = readFile(saved);
    QVERIFY(bytes.contains("text/calendar"));
    QVERIFY(bytes.contains("method=REQUEST") || bytes.contains("method=\"REQUEST\""));
    QVERIFY(bytes.contains("SUMMARY:Single Event"));
    QVERIFY(bytes.contains("X-Postern-"));
}

void TestInspectorPage::calendarFile()
{
    Ui::InspectorPage page(&m_context);
    QSignalSpy done(&page, &Ui::InspectorPage::fileInspected);
    drop(&page, {corpus(QStringLiteral("ical/ical4j__valid_Standup.ics"))});
    QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, 20000);
    const Shown shown = shownIn(page.tabs()->widget(0));
    QVERIFY(shown.problem.isEmpty());
    QVERIFY(shown.cardShown);
    // Manifest: Outlook 11 PUBLISH "Standup", daily on weekdays, in Sydney time.
    QCOMPARE(shown.card->preview().title, QStringLiteral("Standup"));
    QVERIFY(!shown.card->preview().recurrence.isEmpty());
    QVERIFY(shown.tree.constFirst().contains(QStringLiteral("text/calendar")));
    QVERIFY(shown.integrity.startsWith(QStringLiteral("Calendar file")));
}

void TestInspectorPage::notAMessage()
{
    Ui::InspectorPage page(&m_context);
    QSignalSpy done(&page, &Ui::InspectorPage::fileInspected);
    page.openFiles({corpus(QStringLiteral("smime/keys/comm-central__expiration.txt")),
                    m_dir->filePath(QStringLiteral("missing.eml"))});
    QTRY_COMPARE_WITH_TIMEOUT(done.count(), 2, 20000);
    QVERIFY(!shownIn(page.tabs()->widget(1)).problem.isEmpty());
    QCOMPARE(page.fileCount(), 2);
    page.closeTab(0);
    QCOMPARE(page.fileCount(), 1);
    // The keyboard closes the rest.
    page.show();
    page.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&page));
    page.tabs()->widget(0)->setFocus();
    QTest::keySequence(&page, QKeySequence::Close);
    QCOMPARE(page.fileCount(), 0);
}

void TestInspectorPage::largeFileCancelled()
{
    // A real encrypted message of a few megabytes, as a large attachment makes it.
    const QList<Store::Entry> bobs = m_store->findByEmail(QStringLiteral("bob@example.com"));
    QVERIFY(!bobs.isEmpty());
    QByteArray message = "From: alice@example.com\r\nTo: bob@example.com\r\nSubject: big\r\n"
                         "Content-Type: text/plain\r\n\r\n";
    for (int line = 0; line < 60000; ++line) {
        message += QByteArray::number(line).rightJustified(8, '0')
                   + " the quick brown fox jumps over the lazy dog\r\n";
    }
    auto encrypted = Smime::encryptMessage(message, {bobs.constFirst().certificate}, {});
    QVERIFY(encrypted);
    QVERIFY(encrypted->size() > Ui::InspectorPage::largeFileBytes);
    const QString path = m_dir->filePath(QStringLiteral("large.eml"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(*encrypted);
    file.close();
    QVERIFY(m_store->unlock(Secret(storePassphrase)));

    Ui::InspectorPage page(&m_context);
    page.resize(900, 400);
    page.show();
    QSignalSpy done(&page, &Ui::InspectorPage::fileInspected);
    page.openFiles({path});
    QWidget *tab = page.tabs()->widget(0);
    QVERIFY(tab->findChild<QWidget *>(QStringLiteral("progress"))->isVisible());
    auto *cancel = tab->findChild<QPushButton *>(QStringLiteral("cancel"));
    QVERIFY(cancel->isVisible());
    // Grabbed without running the event loop, which would let the worker's result in first.
    if (!qEnvironmentVariableIsEmpty("POSTERN_SCREENSHOT_DIR")) {
        page.grab().save(qEnvironmentVariable("POSTERN_SCREENSHOT_DIR")
                         + QStringLiteral("/inspector-progress.png"));
    }
    // The worker's result arrives through the event loop, which has not run yet: the cancel
    // always comes first.
    QCOMPARE(page.runningWorkers(), 1);
    cancel->click();
    QCOMPARE(done.count(), 1);
    QVERIFY(shownIn(tab).problem.contains(QStringLiteral("cancelled")));
    QVERIFY(!tab->findChild<QWidget *>(QStringLiteral("progress"))->isVisible());

    // The worker ends on its own; what it still found is never shown, and nothing more is
    // announced.
    QTRY_COMPARE_WITH_TIMEOUT(page.runningWorkers(), 0, 30000);
    QCoreApplication::sendPostedEvents();
    QCoreApplication::processEvents();
    QCOMPARE(done.count(), 1);
    const Shown cancelled = shownIn(tab);
    QVERIFY(cancelled.problem.contains(QStringLiteral("cancelled")));
    QVERIFY(cancelled.layers.isEmpty());
    QVERIFY(cancelled.content.isEmpty());
    QVERIFY(!tab->findChild<QLabel *>(QStringLiteral("integrity"))->isVisible());
    QVERIFY(!page.canSaveDecrypted(0));

    // Opened again and left to finish, the same file decrypts.
    page.openFiles({path});
    QTRY_COMPARE_WITH_TIMEOUT(done.count(), 2, 30000);
    const Shown shown = shownIn(page.tabs()->widget(1));
    QVERIFY(shown.layers.constFirst().startsWith(QStringLiteral("1. Encrypted | Decrypted")));
    QVERIFY(shown.content.contains(QStringLiteral("00059999 the quick brown fox")));

    // A tab closed while its worker runs, cancelled or not, takes nothing down with it when the
    // worker ends later.
    page.openFiles({path, path});
    QCOMPARE(page.fileCount(), 4);
    page.cancel(2);
    QCOMPARE(done.count(), 3);
    page.closeTab(3);
    page.closeTab(2);
    QCOMPARE(page.fileCount(), 2);
    QTRY_COMPARE_WITH_TIMEOUT(page.runningWorkers(), 0, 30000);
    QCoreApplication::sendPostedEvents();
    QCoreApplication::processEvents();
    QCOMPARE(done.count(), 3);

    // Nor does a page closed while its workers run: it tells them to stop and waits for them.
    {
        Ui::InspectorPage closing(&m_context);
        closing.openFiles({path});
        QCOMPARE(closing.runningWorkers(), 1);
    }
}

QTEST_MAIN(TestInspectorPage)
#include "tst_inspectorpage.moc"
