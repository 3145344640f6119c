// The activity list, fed through a real activity log in a temporary profile: events written
// before the page opens come from the file, later ones arrive through the recorded signal.

#include "core/activity/ActivityLog.h"
#include "ui/ActivityPage.h"
#include "ui/AppContext.h"
#include "ui/InvitationCard.h"

#include <QApplication>
#include <QLabel>
#include <QStyleFactory>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace Postern;

namespace {

ActivityEvent makeEvent(const QString &subject,
                        const QString &direction,
                        const QString &action,
                        const QString &result,
                        int minutesAgo)
{
    ActivityEvent made;
    made.time = QDateTime::currentDateTimeUtc().addSecs(-60 * minutesAgo);
    made.account = QStringLiteral("work");
    made.direction = direction;
    made.sender = QStringLiteral("ann@example.org");
    made.recipients = {QStringLiteral("bob@example.net")};
    made.subject = subject;
    made.action = action;
    made.result = result;
    made.rule = QStringLiteral("protect partners");
    return made;
}

QStringList column(const QAbstractItemModel *model, int column)
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

class TestActivityPage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void listsTheLogNewestFirst();
    void followsNewEvents();
    void filters();
    void selectingShowsDetailsAndInvitation();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<ActivityLog> m_log;
    Ui::AppContext m_context;
};

void TestActivityPage::initTestCase()
{
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedKingdom));
}

void TestActivityPage::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_log = std::make_unique<ActivityLog>(m_dir->filePath(QStringLiteral("activity.jsonl")));
    m_context = {};
    m_context.profileDirectory = m_dir->path();
    m_context.activity = m_log.get();
}

void TestActivityPage::listsTheLogNewestFirst()
{
    m_log->record(makeEvent(QStringLiteral("Quarterly figures"), QStringLiteral("outgoing"),
                            QStringLiteral("sign-encrypt"), QStringLiteral("delivered"), 30));
    m_log->record(makeEvent(QStringLiteral("Lunch?"), QStringLiteral("outgoing"),
                            QStringLiteral("clear"), QStringLiteral("delivered"), 20));
    m_log->record(makeEvent(QStringLiteral("Contract draft"), QStringLiteral("outgoing"),
                            QStringLiteral("block"), QStringLiteral("refused"), 10));

    Ui::ActivityPage page(&m_context);
    const QAbstractItemModel *model = page.model();
    QCOMPARE(model->rowCount(), 3);
    QCOMPARE(column(model, Ui::ActivityPage::SubjectColumn),
             (QStringList{QStringLiteral("Contract draft"), QStringLiteral("Lunch?"),
                          QStringLiteral("Quarterly figures")}));
    QCOMPARE(column(model, Ui::ActivityPage::DecisionColumn),
             (QStringList{QStringLiteral("Blocked"), QStringLiteral("Sent as is"),
                          QStringLiteral("Signed and encrypted")}));
    QCOMPARE(column(model, Ui::ActivityPage::ResultColumn).constFirst(), QStringLiteral("Refused"));
    QCOMPARE(column(model, Ui::ActivityPage::AccountColumn),
             QStringList(3, QStringLiteral("work")));
    QCOMPARE(column(model, Ui::ActivityPage::DirectionColumn),
             QStringList(3, QStringLiteral("Sent")));
}

void TestActivityPage::followsNewEvents()
{
    Ui::ActivityPage page(&m_context);
    QCOMPARE(page.model()->rowCount(), 0);

    ActivityEvent incoming = makeEvent(QStringLiteral("Signed report"), QStringLiteral("incoming"),
                                       QStringLiteral("decrypt"), QStringLiteral("decrypted"), 0);
    incoming.signature = QStringLiteral("untrusted");
    m_log->record(incoming);
    QTRY_COMPARE(page.model()->rowCount(), 1);
    QCOMPARE(page.model()->index(0, Ui::ActivityPage::ResultColumn).data().toString(),
             QStringLiteral("Decrypted, signer not trusted"));
    QCOMPARE(page.model()->index(0, Ui::ActivityPage::DirectionColumn).data().toString(),
             QStringLiteral("Received"));

    m_log->record(makeEvent(QStringLiteral("Newest"), QStringLiteral("outgoing"),
                            QStringLiteral("encrypt"), QStringLiteral("delivered"), 0));
    QTRY_COMPARE(page.model()->rowCount(), 2);
    QCOMPARE(page.model()->index(0, Ui::ActivityPage::SubjectColumn).data().toString(),
             QStringLiteral("Newest"));
    // And the file says the same: a new page shows both.
    Ui::ActivityPage again(&m_context);
    QCOMPARE(again.model()->rowCount(), 2);
}

void TestActivityPage::filters()
{
    m_log->record(makeEvent(QStringLiteral("Budget 2027"), QStringLiteral("outgoing"),
                            QStringLiteral("encrypt"), QStringLiteral("delivered"), 40));
    m_log->record(makeEvent(QStringLiteral("Re: Budget 2027"), QStringLiteral("incoming"),
                            QStringLiteral("decrypt"), QStringLiteral("decrypted"), 30));
    ActivityEvent refused = makeEvent(QStringLiteral("Passwords"), QStringLiteral("outgoing"),
                                      QStringLiteral("block"), QStringLiteral("refused"), 20);
    refused.detail = QStringLiteral("no certificate for carol@example.com");
    m_log->record(refused);
    m_log->record(makeEvent(QStringLiteral("Holiday"), QStringLiteral("incoming"),
                            QStringLiteral("decrypt"), QStringLiteral("served unchanged"), 10));

    Ui::ActivityPage page(&m_context);
    const QAbstractItemModel *model = page.model();
    QCOMPARE(model->rowCount(), 4);

    page.setFilterText(QStringLiteral("budget"));
    QCOMPARE(column(model, Ui::ActivityPage::SubjectColumn),
             (QStringList{QStringLiteral("Re: Budget 2027"), QStringLiteral("Budget 2027")}));

    page.setDirectionFilter(2);
    QCOMPARE(column(model, Ui::ActivityPage::SubjectColumn),
             QStringList{QStringLiteral("Re: Budget 2027")});

    // The detail is searched too, not only what the columns show.
    page.setDirectionFilter(0);
    page.setFilterText(QStringLiteral("carol@example.com"));
    QCOMPARE(column(model, Ui::ActivityPage::SubjectColumn),
             QStringList{QStringLiteral("Passwords")});

    page.setFilterText(QString());
    page.setProblemsOnly(true);
    QCOMPARE(column(model, Ui::ActivityPage::SubjectColumn),
             (QStringList{QStringLiteral("Holiday"), QStringLiteral("Passwords")}));
    page.setProblemsOnly(false);
    QCOMPARE(model->rowCount(), 4);
}

void TestActivityPage::selectingShowsDetailsAndInvitation()
{
    m_log->record(makeEvent(QStringLiteral("Plain"), QStringLiteral("outgoing"),
                            QStringLiteral("sign"), QStringLiteral("delivered"), 20));
    ActivityEvent invitation =
            makeEvent(QStringLiteral("Invitation: Team meeting"), QStringLiteral("incoming"),
                      QStringLiteral("decrypt"), QStringLiteral("decrypted"), 10);
    invitation.invitation = QStringLiteral("REQUEST: Team meeting, 4 December 2026 10:00");
    invitation.layers = {QStringLiteral("encrypted (AES-256-CBC)")};
    invitation.signature = QStringLiteral("valid");
    invitation.folder = QStringLiteral("INBOX");
    m_log->record(invitation);

    Ui::ActivityPage page(&m_context);
    page.resize(900, 640);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    QTreeView *view = page.view();
    view->setFocus();
    // Keyboard only: the first row is the newest, the invitation.
    QTest::keyClick(view, Qt::Key_Home);
    QCOMPARE(view->currentIndex().row(), 0);
    const QString details = page.detailsText();
    QVERIFY2(details.contains(QStringLiteral("INBOX")), qPrintable(details));
    QVERIFY(details.contains(QStringLiteral("encrypted (AES-256-CBC)")));
    QVERIFY(details.contains(QStringLiteral("protect partners")));

    Ui::InvitationCard *card = page.invitationCard();
    QVERIFY(card->isVisible());
    QCOMPARE(card->preview().title, QStringLiteral("Team meeting"));
    QCOMPARE(card->preview().headline, QStringLiteral("Invitation"));
    QVERIFY2(card->preview().when.contains(QStringLiteral("2026")),
             qPrintable(card->preview().when));
    QVERIFY(card->preview().security.contains(QStringLiteral("signature valid")));
    screenshot(&page, QStringLiteral("activity"));

    QTest::keyClick(view, Qt::Key_Down);
    QCOMPARE(view->currentIndex().row(), 1);
    QVERIFY(!card->isVisible());
    QVERIFY(page.detailsText().contains(QStringLiteral("Plain")));
}

QTEST_MAIN(TestActivityPage)
#include "tst_activitypage.moc"
