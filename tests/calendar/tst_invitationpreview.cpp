#include "TestSupport.h"

#include "core/calendar/Invitation.h"
#include "core/calendar/InvitationPreview.h"
#include "core/calendar/Rehydration.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QObject>
#include <QSignalSpy>
#include <QTest>

using namespace Postern;
using Kind = Calendar::PreviewRow::Kind;

namespace {

// Times are shown in a fixed zone and locale, so the expected words do not depend on the machine.
Calendar::PreviewOptions options(const QByteArray &zone = "Europe/Berlin")
{
    Calendar::PreviewOptions options;
    options.displayZone = QTimeZone(zone);
    options.locale = QLocale(QLocale::English, QLocale::UnitedKingdom);
    return options;
}

Calendar::InvitationPreview previewOf(const QByteArray &calendar,
                                      const Calendar::PreviewOptions &with = options())
{
    return Calendar::InvitationPreview(Calendar::parseInvitation(calendar), with);
}

// A calendar around one VEVENT body.
QByteArray calendar(const QByteArray &method, const QByteArray &body)
{
    return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Postern tests//EN\r\nMETHOD:" + method
           + "\r\nBEGIN:VEVENT\r\nUID:preview@example.org\r\nDTSTAMP:20220301T000000Z\r\n" + body
           + "END:VEVENT\r\nEND:VCALENDAR\r\n";
}

// The first calendar of a corpus file: a message's first calendar part, or the file itself.
QByteArray corpusCalendar(const QString &relative)
{
    QFile file(Test::corpusFile(relative));
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    const QByteArray bytes = file.readAll();
    const QList<Calendar::CalendarPart> parts = Calendar::findCalendarParts(bytes);
    return parts.isEmpty() ? bytes : parts.first().calendar;
}

QStringList valuesOf(const Calendar::InvitationPreview &preview, Kind kind)
{
    QStringList values;
    for (const Calendar::PreviewRow &row : preview.rows()) {
        if (row.kind == kind) {
            values.append(row.value);
        }
    }
    return values;
}

// A full meeting: written in New York, read in Berlin, in the week the two zones' offsets differ
// by five hours (New York on summer time since 13 March 2022, Berlin not until 27 March).
const QByteArray fullMeeting =
        "SEQUENCE:0\r\n"
        "SUMMARY:Quarterly review\r\n"
        "LOCATION:  Room 4\\, second floor \r\n"
        "DESCRIPTION:Agenda:\\n1. Numbers\r\n"
        "X-ALT-DESC;FMTTYPE=text/html:<p>Agenda</p>\r\n"
        "DTSTART;TZID=America/New_York:20220316T120000\r\n"
        "DTEND;TZID=America/New_York:20220316T133000\r\n"
        "RRULE:FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=16\r\n"
        "ORGANIZER;CN=Alice:mailto:alice@example.org\r\n"
        "ATTENDEE;CN=Alice;ROLE=CHAIR;PARTSTAT=ACCEPTED:mailto:alice@example.org\r\n"
        "ATTENDEE;CN=Bob;PARTSTAT=DECLINED:mailto:bob@example.org\r\n"
        "ATTENDEE;CN=Board room;CUTYPE=ROOM;ROLE=NON-PARTICIPANT;PARTSTAT=NEEDS-ACTION:"
        "mailto:room@example.org\r\n"
        "ATTENDEE;ROLE=OPT-PARTICIPANT:mailto:carol@example.org\r\n"
        "X-MICROSOFT-SKYPETEAMSMEETINGURL:https://teams.microsoft.com/l/meetup-join/1\r\n"
        "X-MICROSOFT-CDO-BUSYSTATUS:OOF\r\n"
        "ATTACH:https://example.org/slides.pdf\r\n"
        "BEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER:-PT15M\r\nEND:VALARM\r\n"
        "BEGIN:VALARM\r\nACTION:AUDIO\r\nTRIGGER;RELATED=END:PT0S\r\nEND:VALARM\r\n";

} // namespace

class InvitationPreviewTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fullMeetingInAnotherZone();
    void headline_data();
    void headline();
    void when_data();
    void when();
    void reminders_data();
    void reminders();
    void attendeesGroupedByAnswer();
    void brokenCalendarShowsWarnings();
    void emptyPartsGiveNoRows();
    void corpus_data();
    void corpus();
    void model();
    void modelPassesTheModelTester();
};

// Source: hand-written; the times are those of the IANA zone database for March 2022.
void InvitationPreviewTest::fullMeetingInAnotherZone()
{
    Calendar::PreviewOptions with = options();
    with.securityVerdict = QStringLiteral("Signed by alice@example.org, verified");
    const Calendar::InvitationPreview preview = previewOf(calendar("REQUEST", fullMeeting), with);

    QCOMPARE(preview.headline, QStringLiteral("Invitation"));
    QCOMPARE(preview.title, QStringLiteral("Quarterly review"));
    QCOMPARE(preview.security, with.securityVerdict);
    QCOMPARE(preview.when,
             QStringLiteral("Wednesday, 16 March 2022, 17:00 – 18:30 (Europe/Berlin)"));
    QCOMPARE(preview.originalTime,
             QStringLiteral("Wednesday, 16 March 2022, 12:00 – 13:30 (America/New_York)"));
    QCOMPARE(preview.duration, QStringLiteral("1 hour 30 minutes"));
    QCOMPARE(preview.recurrence, QStringLiteral("every year on 16 March"));
    QCOMPARE(preview.location, QStringLiteral("  Room 4, second floor "));
    QCOMPARE(preview.conferenceLinks,
             QStringList{QStringLiteral("https://teams.microsoft.com/l/meetup-join/1")});
    QCOMPARE(preview.organizer, QStringLiteral("Alice <alice@example.org>"));
    QCOMPARE(preview.description, QStringLiteral("Agenda:\n1. Numbers"));
    QVERIFY(preview.hasHtmlDescription);
    QCOMPARE(preview.busyStatus, QStringLiteral("Out of office"));
    QCOMPARE(preview.attachments, QStringList{QStringLiteral("https://example.org/slides.pdf")});
    QCOMPARE(preview.reminders, (QStringList{QStringLiteral("15 minutes before the start"),
                                             QStringLiteral("At the end")}));
    QCOMPARE(preview.responses, QStringLiteral("1 accepted, 1 declined, 2 awaiting answer"));
    QVERIFY2(preview.warnings.isEmpty(), qPrintable(preview.warnings.join(QLatin1Char('\n'))));

    const QList<Calendar::PreviewRow> rows = preview.rows();
    QCOMPARE(rows.first().kind, Kind::Headline);
    QCOMPARE(rows.at(1).kind, Kind::Title);
    QCOMPARE(valuesOf(preview, Kind::HtmlDescription), QStringList{QStringLiteral("Available")});
    QCOMPARE(valuesOf(preview, Kind::Warning), QStringList());
}

void InvitationPreviewTest::headline_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("expected");
    // Methods: RFC 5546, 1.4 and 3.2; SEQUENCE: RFC 5545, 3.8.7.4.
    const QByteArray start = "DTSTART:20270101T100000Z\r\n";
    QTest::newRow("request") << QByteArray("REQUEST") << start << QStringLiteral("Invitation");
    QTest::newRow("request, sequence 2")
            << QByteArray("REQUEST") << QByteArray(start + "SEQUENCE:2\r\n")
            << QStringLiteral("Updated invitation");
    QTest::newRow("cancel") << QByteArray("CANCEL") << start << QStringLiteral("Cancelled");
    QTest::newRow("cancel one occurrence")
            << QByteArray("CANCEL") << QByteArray(start + "RECURRENCE-ID:20270108T100000Z\r\n")
            << QStringLiteral("Cancelled occurrence");
    QTest::newRow("reply, accepted")
            << QByteArray("REPLY")
            << QByteArray(start + "ATTENDEE;CN=Alice;PARTSTAT=ACCEPTED:mailto:a@example.org\r\n")
            << QStringLiteral("Reply: Alice accepted");
    QTest::newRow("reply, declined, no name")
            << QByteArray("REPLY")
            << QByteArray(start + "ATTENDEE;PARTSTAT=DECLINED:mailto:bob@example.org\r\n")
            << QStringLiteral("Reply: bob@example.org declined");
    QTest::newRow("reply, tentative")
            << QByteArray("REPLY")
            << QByteArray(start + "ATTENDEE;CN=Alice;PARTSTAT=TENTATIVE:mailto:a@example.org\r\n")
            << QStringLiteral("Reply: Alice tentatively accepted");
    QTest::newRow("reply, no attendee") << QByteArray("REPLY") << start << QStringLiteral("Reply");
    QTest::newRow("counter") << QByteArray("COUNTER")
                             << QByteArray(start + "ATTENDEE;CN=Bob:mailto:bob@example.org\r\n")
                             << QStringLiteral("Counter-proposal from Bob");
    QTest::newRow("declinecounter")
            << QByteArray("DECLINECOUNTER") << start << QStringLiteral("Counter-proposal declined");
    QTest::newRow("publish") << QByteArray("PUBLISH") << start << QStringLiteral("Published event");
    QTest::newRow("add") << QByteArray("ADD") << start << QStringLiteral("Added occurrences");
    QTest::newRow("refresh") << QByteArray("REFRESH") << start
                             << QStringLiteral("Request for the latest version");
    QTest::newRow("unknown method kept as written")
            << QByteArray("X-Custom") << start << QStringLiteral("Calendar message (X-Custom)");
    QTest::newRow("cancelled status in a request")
            << QByteArray("REQUEST") << QByteArray(start + "STATUS:CANCELLED\r\n")
            << QStringLiteral("Cancelled");
}

void InvitationPreviewTest::headline()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, body);
    QFETCH(QString, expected);
    QCOMPARE(previewOf(calendar(method, body)).headline, expected);
}

void InvitationPreviewTest::when_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("zone");
    QTest::addColumn<QString>("when");
    QTest::addColumn<QString>("originalTime");
    QTest::addColumn<QString>("duration");
    // Zones: IANA database; all-day and DURATION: RFC 5545, 3.6.1 and 3.3.6.
    QTest::newRow("UTC, read in Tokyo")
            << QByteArray("DTSTART:20270101T100000Z\r\nDTEND:20270101T110000Z\r\n")
            << QByteArray("Asia/Tokyo")
            << QStringLiteral("Friday, 1 January 2027, 19:00 – 20:00 (Asia/Tokyo)") << QString()
            << QStringLiteral("1 hour");
    QTest::newRow("same zone as the reader")
            << QByteArray("DTSTART;TZID=Europe/Berlin:20270601T090000\r\n"
                          "DTEND;TZID=Europe/Berlin:20270601T100000\r\n")
            << QByteArray("Europe/Berlin")
            << QStringLiteral("Tuesday, 1 June 2027, 09:00 – 10:00 (Europe/Berlin)") << QString()
            << QStringLiteral("1 hour");
    QTest::newRow("Windows zone name, read in London")
            << QByteArray("DTSTART;TZID=W. Europe Standard Time:20270601T090000\r\n"
                          "DURATION:PT2H15M\r\n")
            << QByteArray("Europe/London")
            << QStringLiteral("Tuesday, 1 June 2027, 08:00 – 10:15 (Europe/London)")
            << QStringLiteral("Tuesday, 1 June 2027, 09:00 – 11:15 (Europe/Berlin)")
            << QStringLiteral("2 hours 15 minutes");
    QTest::newRow("across midnight")
            << QByteArray("DTSTART:20271231T220000Z\r\nDTEND:20280101T010000Z\r\n")
            << QByteArray("UTC")
            << QStringLiteral("Friday, 31 December 2027, 22:00 – Saturday, 1 January 2028, 01:00 "
                              "(UTC)")
            << QString() << QStringLiteral("3 hours");
    QTest::newRow("one day, all day")
            << QByteArray("DTSTART;VALUE=DATE:20270101\r\nDTEND;VALUE=DATE:20270102\r\n")
            << QByteArray("Pacific/Auckland") << QStringLiteral("Friday, 1 January 2027 (all day)")
            << QString() << QStringLiteral("1 day");
    QTest::newRow("three days, all day")
            << QByteArray("DTSTART;VALUE=DATE:20270101\r\nDTEND;VALUE=DATE:20270104\r\n")
            << QByteArray("America/Los_Angeles")
            << QStringLiteral("Friday, 1 January 2027 – Sunday, 3 January 2027 (all day)")
            << QString() << QStringLiteral("3 days");
    QTest::newRow("floating")
            << QByteArray("DTSTART:20270101T100000\r\nDURATION:PT45M\r\n")
            << QByteArray("Asia/Tokyo")
            << QStringLiteral("Friday, 1 January 2027, 10:00 – 10:45 (local time wherever you are)")
            << QString() << QStringLiteral("45 minutes");
    QTest::newRow("no start") << QByteArray() << QByteArray("UTC")
                              << QStringLiteral("No start time given") << QString() << QString();
}

void InvitationPreviewTest::when()
{
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, zone);
    QFETCH(QString, when);
    QFETCH(QString, originalTime);
    QFETCH(QString, duration);
    const Calendar::InvitationPreview preview =
            previewOf(calendar("REQUEST", "SUMMARY:x\r\n" + body), options(zone));
    QCOMPARE(preview.when, when);
    QCOMPARE(preview.originalTime, originalTime);
    QCOMPARE(preview.duration, duration);
}

void InvitationPreviewTest::reminders_data()
{
    QTest::addColumn<QByteArray>("trigger");
    QTest::addColumn<QString>("expected");
    // TRIGGER: RFC 5545, 3.8.6.3.
    QTest::newRow("15 minutes before")
            << QByteArray("TRIGGER:-PT15M") << QStringLiteral("15 minutes before the start");
    QTest::newRow("1 day before") << QByteArray("TRIGGER:-P1D")
                                  << QStringLiteral("1 day before the start");
    QTest::newRow("at the start") << QByteArray("TRIGGER:PT0S") << QStringLiteral("At the start");
    QTest::newRow("after the end")
            << QByteArray("TRIGGER;RELATED=END:PT1H") << QStringLiteral("1 hour after the end");
    QTest::newRow("absolute") << QByteArray("TRIGGER;VALUE=DATE-TIME:20270101T090000Z")
                              << QStringLiteral("At Friday, 1 January 2027, 10:00");
}

void InvitationPreviewTest::reminders()
{
    QFETCH(QByteArray, trigger);
    QFETCH(QString, expected);
    const QByteArray body = "DTSTART:20270101T100000Z\r\nBEGIN:VALARM\r\nACTION:DISPLAY\r\n"
                            + trigger + "\r\nEND:VALARM\r\n";
    QCOMPARE(previewOf(calendar("REQUEST", body)).reminders, QStringList{expected});
}

void InvitationPreviewTest::attendeesGroupedByAnswer()
{
    const Calendar::InvitationPreview preview = previewOf(calendar("REQUEST", fullMeeting));
    QCOMPARE(preview.attendees.size(), 4);
    QCOMPARE(preview.attendees.at(0).group, QStringLiteral("Accepted"));
    QCOMPARE(preview.attendees.at(0).text, QStringLiteral("Alice <alice@example.org> (chair)"));
    QCOMPARE(preview.attendees.at(1).group, QStringLiteral("Declined"));
    QCOMPARE(preview.attendees.at(1).text, QStringLiteral("Bob <bob@example.org> (required)"));
    QCOMPARE(preview.attendees.at(2).status, QStringLiteral("NEEDS-ACTION"));
    QCOMPARE(preview.attendees.at(2).text,
             QStringLiteral("Board room <room@example.org> (for information, room)"));
    // No PARTSTAT means NEEDS-ACTION (RFC 5545, 3.2.12).
    QCOMPARE(preview.attendees.at(3).group, QStringLiteral("Awaiting answer"));
    QCOMPARE(preview.attendees.at(3).text, QStringLiteral("carol@example.org (optional)"));
    const QList<std::pair<QString, int>> counts = {{QStringLiteral("ACCEPTED"), 1},
                                                   {QStringLiteral("DECLINED"), 1},
                                                   {QStringLiteral("NEEDS-ACTION"), 2}};
    QCOMPARE(preview.statusCounts, counts);
    QCOMPARE(valuesOf(preview, Kind::Attendee).size(), 4);
}

// Damage of the kinds the calendar reader repairs: the preview still shows what was read, and
// says what was wrong.
void InvitationPreviewTest::brokenCalendarShowsWarnings()
{
    const QByteArray broken = "BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\nUID:b\r\n"
                              "SUMMARY:Still here\r\nDTSTART:2027130T999999Z\r\n";
    const Calendar::InvitationPreview preview = previewOf(broken);
    QCOMPARE(preview.title, QStringLiteral("Still here"));
    QCOMPARE(preview.when, QStringLiteral("No start time given"));
    const QStringList warnings = valuesOf(preview, Kind::Warning);
    QVERIFY2(warnings.size() >= 3, qPrintable(warnings.join(QLatin1Char('\n'))));
    const QString all = warnings.join(QLatin1Char('\n'));
    QVERIFY(all.contains(QLatin1String("DTSTART")));
    QVERIFY(all.contains(QLatin1String("2027130T999999Z")));
    QVERIFY(all.contains(QLatin1String("VEVENT has no END")));
    QVERIFY(all.contains(QLatin1String("VCALENDAR has no END")));

    const Calendar::InvitationPreview nothing = previewOf(QByteArray("garbage"));
    QCOMPARE(nothing.headline, QStringLiteral("Calendar event"));
    QVERIFY(!valuesOf(nothing, Kind::Warning).isEmpty());
}

void InvitationPreviewTest::emptyPartsGiveNoRows()
{
    const Calendar::InvitationPreview preview =
            previewOf(calendar("PUBLISH", "SUMMARY:Bare\r\nDTSTART:20270101T100000Z\r\n"
                                          "DESCRIPTION:  \r\n"));
    QList<Kind> kinds;
    for (const Calendar::PreviewRow &row : preview.rows()) {
        kinds.append(row.kind);
    }
    QCOMPARE(kinds, (QList<Kind>{Kind::Headline, Kind::Title, Kind::When}));
}

void InvitationPreviewTest::corpus_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("headline");
    QTest::addColumn<QString>("title");
    QTest::addColumn<QString>("when");
    QTest::addColumn<QString>("extraKind"); // one more row to check, by its label
    QTest::addColumn<QString>("extraValue");
    // Source: the corpus MANIFEST.md rows of these files (Thunderbird's invitation tests and a
    // real Exchange 2010 invitation with the Windows zone "FLE Standard Time").
    QTest::newRow("Outlook, FLE Standard Time")
            << QStringLiteral("ical/comm-central__outlook-test-invite.eml")
            << QStringLiteral("Invitation") << QStringLiteral("Testaus")
            << QStringLiteral("Saturday, 27 November 2021, 08:00 – 08:30 (Europe/Berlin)")
            << QStringLiteral("Show as") << QStringLiteral("Tentative");
    QTest::newRow("cancel of a single event")
            << QStringLiteral("ical/comm-central__cancel-single-event.eml")
            << QStringLiteral("Cancelled") << QStringLiteral("Single Event")
            << QStringLiteral("Wednesday, 16 March 2022, 12:00 – 12:30 (Europe/Berlin)")
            << QStringLiteral("Responses") << QStringLiteral("1 accepted, 2 awaiting answer");
    QTest::newRow("series") << QStringLiteral("ical/comm-central__repeat-event.eml")
                            << QStringLiteral("Invitation") << QStringLiteral("Repeat Event")
                            << QStringLiteral("Wednesday, 16 March 2022, 12:00 – 12:30 "
                                              "(Europe/Berlin)")
                            << QStringLiteral("Repeats") << QStringLiteral("every day, 3 times");
    QTest::newRow("minor update")
            << QStringLiteral("ical/comm-central__update-minor.eml") << QStringLiteral("Invitation")
            << QStringLiteral("Updated Event")
            << QStringLiteral("Wednesday, 16 March 2022, 12:00 – 12:30 (Europe/Berlin)")
            << QStringLiteral("Reminder") << QStringLiteral("1 day before the start");
    QTest::newRow("blanks kept around the title")
            << QStringLiteral("ical/libical__process-incoming.ics") << QStringLiteral("Invitation")
            << QStringLiteral(" Overlap  1")
            << QStringLiteral("Tuesday, 1 July 1997, 14:00 (Europe/Berlin)")
            << QStringLiteral("Organizer") << QStringLiteral("bob@cal.softwarestudio.org");
}

void InvitationPreviewTest::corpus()
{
    POSTERN_REQUIRE_CORPUS();
    QFETCH(QString, file);
    QFETCH(QString, headline);
    QFETCH(QString, title);
    QFETCH(QString, when);
    QFETCH(QString, extraKind);
    QFETCH(QString, extraValue);
    const QByteArray bytes = corpusCalendar(file);
    QVERIFY2(!bytes.isEmpty(), qPrintable(file));
    const Calendar::InvitationPreview preview = previewOf(bytes);
    QCOMPARE(preview.headline, headline);
    QCOMPARE(preview.title, title);
    QCOMPARE(preview.when, when);
    QStringList labelled;
    for (const Calendar::PreviewRow &row : preview.rows()) {
        if (row.label == extraKind) {
            labelled.append(row.value);
        }
    }
    QVERIFY2(labelled.contains(extraValue), qPrintable(labelled.join(QLatin1String(" | "))));
}

void InvitationPreviewTest::model()
{
    Calendar::InvitationPreviewModel model;
    QCOMPARE(model.rowCount(), 0);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    const Calendar::InvitationPreview preview = previewOf(calendar("REQUEST", fullMeeting));
    model.setPreview(preview);
    QCOMPARE(reset.count(), 1);

    const QList<Calendar::PreviewRow> rows = preview.rows();
    QCOMPARE(model.rowCount(), rows.size());
    QCOMPARE(model.columnCount(), 2);
    QCOMPARE(model.headerData(0, Qt::Horizontal).toString(), QStringLiteral("Field"));
    QCOMPARE(model.headerData(1, Qt::Horizontal).toString(), QStringLiteral("Details"));
    for (int row = 0; row < model.rowCount(); ++row) {
        const QModelIndex label = model.index(row, Calendar::InvitationPreviewModel::LabelColumn);
        const QModelIndex value = model.index(row, Calendar::InvitationPreviewModel::ValueColumn);
        QCOMPARE(label.data().toString(), rows.at(row).label);
        QCOMPARE(value.data().toString(), rows.at(row).value);
        QCOMPARE(label.data(Calendar::InvitationPreviewModel::ValueRole).toString(),
                 rows.at(row).value);
        QCOMPARE(value.data(Calendar::InvitationPreviewModel::LabelRole).toString(),
                 rows.at(row).label);
        QCOMPARE(value.data(Calendar::InvitationPreviewModel::KindRole).toInt(),
                 static_cast<int>(rows.at(row).kind));
        QCOMPARE(model.kind(row), rows.at(row).kind);
    }
    QCOMPARE(model.roleNames().value(Calendar::InvitationPreviewModel::KindRole),
             QByteArray("kind"));
    QCOMPARE(model.preview().title, QStringLiteral("Quarterly review"));
}

void InvitationPreviewTest::modelPassesTheModelTester()
{
    Calendar::InvitationPreviewModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setPreview(previewOf(calendar("REQUEST", fullMeeting)));
    model.setPreview(Calendar::InvitationPreview());
    QCOMPARE(model.rowCount(), 0);
}

QTEST_GUILESS_MAIN(InvitationPreviewTest)
#include "tst_invitationpreview.moc"
