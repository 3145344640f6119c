// The invitation card against the shared corpus: each field it shows is compared with what the
// corpus manifest states about the invitation, in a display zone chosen by the test.

#include "TestSupport.h"

#include "core/calendar/Rehydration.h"
#include "ui/AppContext.h"
#include "ui/InvitationCard.h"

#include <QApplication>
#include <QClipboard>
#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QStyleFactory>
#include <QTemporaryDir>
#include <QTest>

using namespace Postern;

namespace {

QByteArray readCorpus(const QString &relative)
{
    QFile file(Test::corpusFile(relative));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QByteArray liveCalendar(const QByteArray &message)
{
    const QList<Calendar::CalendarPart> parts = Calendar::findCalendarParts(message);
    for (const Calendar::CalendarPart &part : parts) {
        if (part.live) {
            return part.calendar;
        }
    }
    return {};
}

QString shown(const Ui::InvitationCard &card, const char *name)
{
    const auto *label = card.findChild<QLabel *>(QLatin1String(name));
    return label != nullptr && label->isVisibleTo(&card) ? label->text() : QString();
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

class TestInvitationCard : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void singleEventInAnotherZone();
    void outlookWindowsZone();
    void conferenceLink();
    void exportAndCopy();
    void emptyCardHasNothingToExport();

private:
    Ui::AppContext m_context;
};

void TestInvitationCard::initTestCase()
{
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedKingdom));
}

// Manifest: "Single Event" 2022-03-16 11:00-11:30 UTC, LOCATION Somewhere, organizer
// sender@example.com, 3 attendees (Sender accepted, Receiver and Other awaiting), a reminder a
// day before. Shown in Berlin (UTC+1 in March), the times are 12:00-12:30.
void TestInvitationCard::singleEventInAnotherZone()
{
    POSTERN_REQUIRE_CORPUS();
    const QByteArray calendar =
            liveCalendar(readCorpus(QStringLiteral("ical/comm-central__single-event.eml")));
    QVERIFY(!calendar.isEmpty());

    Ui::InvitationCard card(&m_context);
    card.setCalendar(calendar, QStringLiteral("Encrypted (AES-256-CBC), not signed"),
                     QTimeZone("Europe/Berlin"));
    card.resize(560, 700);
    card.show();
    QVERIFY(QTest::qWaitForWindowExposed(&card));

    QCOMPARE(shown(card, "title"), QStringLiteral("Single Event"));
    QVERIFY2(shown(card, "when").contains(QStringLiteral("12:00")),
             qPrintable(shown(card, "when")));
    QVERIFY2(shown(card, "when").contains(QStringLiteral("2022")), qPrintable(shown(card, "when")));
    QVERIFY(shown(card, "when").contains(QStringLiteral("Europe/Berlin")));
    // Written in UTC, the time names no zone of the sender's: there is no original to show.
    QVERIFY(shown(card, "originalTime").isEmpty());
    QCOMPARE(shown(card, "location"), QStringLiteral("Somewhere"));
    QVERIFY(shown(card, "organizer").contains(QStringLiteral("sender@example.com")));
    QCOMPARE(shown(card, "description"), QStringLiteral("An event invitation."));
    QCOMPARE(shown(card, "security"), QStringLiteral("Encrypted (AES-256-CBC), not signed"));
    QVERIFY(!shown(card, "reminders").isEmpty());

    const QString attendees = shown(card, "attendees");
    for (const char *address :
         {"sender@example.com", "receiver@example.com", "other@example.com"}) {
        QVERIFY2(attendees.contains(QLatin1String(address)), qPrintable(attendees));
    }
    QCOMPARE(card.preview().attendees.size(), 3);
    QCOMPARE(card.preview().attendees.constFirst().status, QStringLiteral("ACCEPTED"));
    QVERIFY(card.findChild<QWidget *>(QStringLiteral("timeline"))->isVisible());
    screenshot(&card, QStringLiteral("invitation-card"));
}

// Manifest: Exchange 2010 REQUEST "Testaus", 2021-11-27 09:00-09:30 "FLE Standard Time"
// (Helsinki/Kyiv, UTC+2 in November). Shown in UTC: 07:00, the sender's 09:00 kept.
void TestInvitationCard::outlookWindowsZone()
{
    POSTERN_REQUIRE_CORPUS();
    const QByteArray calendar =
            liveCalendar(readCorpus(QStringLiteral("ical/comm-central__outlook-test-invite.eml")));
    QVERIFY(!calendar.isEmpty());

    Ui::InvitationCard card(&m_context);
    card.setCalendar(calendar, QString(), QTimeZone::utc());
    QCOMPARE(shown(card, "title"), QStringLiteral("Testaus"));
    QVERIFY2(shown(card, "when").contains(QStringLiteral("07:00")),
             qPrintable(shown(card, "when")));
    QVERIFY2(shown(card, "originalTime").contains(QStringLiteral("09:00")),
             qPrintable(shown(card, "originalTime")));
    QVERIFY(shown(card, "organizer").contains(QStringLiteral("marge@example.org")));
    QVERIFY(shown(card, "security").isEmpty());
}

// Manifest: Google Calendar REQUEST "Meeeeet me HTML" with https://meet.google.com/pyb-ndcu-hhc.
void TestInvitationCard::conferenceLink()
{
    POSTERN_REQUIRE_CORPUS();
    const QByteArray calendar =
            liveCalendar(readCorpus(QStringLiteral("ical/comm-central__meet-meeting-invite.eml")));
    QVERIFY(!calendar.isEmpty());

    Ui::InvitationCard card(&m_context);
    card.setCalendar(calendar, QString(), QTimeZone::utc());
    QCOMPARE(shown(card, "title"), QStringLiteral("Meeeeet me HTML"));
    QVERIFY2(shown(card, "when").contains(QStringLiteral("09:30")),
             qPrintable(shown(card, "when")));
    QVERIFY(shown(card, "originalTime").isEmpty());
    const QString conference = shown(card, "conference");
    QVERIFY2(conference.contains(QStringLiteral("href=\"https://meet.google.com/pyb-ndcu-hhc\"")),
             qPrintable(conference));
    QVERIFY(card.findChild<QLabel *>(QStringLiteral("conference"))->openExternalLinks());
}

void TestInvitationCard::exportAndCopy()
{
    POSTERN_REQUIRE_CORPUS();
    const QByteArray calendar =
            liveCalendar(readCorpus(QStringLiteral("ical/comm-central__single-event.eml")));
    Ui::InvitationCard card(&m_context);
    card.setCalendar(calendar, QString(), QTimeZone::utc());

    QTemporaryDir dir;
    QString error;
    const QString path = dir.filePath(QStringLiteral("event.ics"));
    QVERIFY2(card.exportCalendar(path, &error), qPrintable(error));
    QFile written(path);
    QVERIFY(written.open(QIODevice::ReadOnly));
    QCOMPARE(written.readAll(), calendar);

    QApplication::clipboard()->clear();
    auto *copy = card.findChild<QPushButton *>();
    const QList<QPushButton *> buttons = card.findChildren<QPushButton *>();
    for (QPushButton *button : buttons) {
        if (button->accessibleName().contains(QStringLiteral("Copy"))) {
            copy = button;
        }
    }
    QVERIFY(copy->isEnabled());
    copy->click();
    const QString copied = QApplication::clipboard()->text();
    QVERIFY2(copied.contains(QStringLiteral("Single Event")), qPrintable(copied));
    QVERIFY(copied.contains(QStringLiteral("Somewhere")));
    QVERIFY(copied.contains(QStringLiteral("receiver@example.com")));
}

void TestInvitationCard::emptyCardHasNothingToExport()
{
    Ui::InvitationCard card(&m_context);
    QString error;
    QTemporaryDir dir;
    QVERIFY(!card.exportCalendar(dir.filePath(QStringLiteral("none.ics")), &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("none.ics"))));
}

QTEST_MAIN(TestInvitationCard)
#include "tst_invitationcard.moc"
