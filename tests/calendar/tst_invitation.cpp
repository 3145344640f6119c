#include "IcalManifest.h"
#include "TestSupport.h"

#include "core/calendar/Invitation.h"
#include "core/calendar/Rehydration.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QObject>
#include <QTest>

using namespace Postern;
namespace IcalManifest = Postern::Test::IcalManifest;

Q_DECLARE_METATYPE(Postern::Test::IcalManifest::Row)

namespace {

QByteArray readCorpus(const QString &relative)
{
    QFile file(Test::corpusFile(relative));
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    return file.readAll();
}

QDateTime utc(const QString &text)
{
    QDateTime time = QDateTime::fromString(text, QStringLiteral("yyyyMMdd'T'HHmmss'Z'"));
    time.setTimeZone(QTimeZone::utc());
    return time;
}

bool isMessageFile(const QString &name)
{
    return name.endsWith(QLatin1String(".eml")) || name.endsWith(QLatin1String(".mbox"));
}

// The iCalendar text a manifest row describes: the first calendar part of a message, or the file.
QByteArray calendarOf(const IcalManifest::Row &row, const QByteArray &bytes)
{
    if (!row.isMessage) {
        return bytes;
    }
    const QList<Calendar::CalendarPart> parts = Calendar::findCalendarParts(bytes);
    return parts.isEmpty() ? QByteArray() : parts.first().calendar;
}

// A calendar that the malformed-input table wraps around @p body.
QByteArray wrapped(const QByteArray &body)
{
    return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\nUID:m@example."
           "org\r\n"
           "SUMMARY:Malformed\r\n"
           + body + "END:VEVENT\r\nEND:VCALENDAR\r\n";
}

// The manifest writes SUMMARY as it stands in the file, with RFC 5545 (3.3.11) escapes, and cuts
// it at 50 characters; the model holds the unescaped text.
QString unescaped(QString text)
{
    text.replace(QLatin1String("\\,"), QLatin1String(","));
    text.replace(QLatin1String("\\;"), QLatin1String(";"));
    text.replace(QLatin1String("\\n"), QLatin1String("\n"));
    return text;
}

void checkSummary(const IcalManifest::Row &row, const QString &actual, const QString &context)
{
    const QString message = context + QStringLiteral(" got summary \"") + actual + QLatin1Char('"');
    if (!row.hasSummary) {
        QVERIFY2(actual.isEmpty(), qPrintable(message));
        return;
    }
    // Ambiguous in the manifest: "IRB\u00e2\u20ac\u2122s" is UTF-8 read as cp1252 by the tool
    // that wrote it, so the text it states is not what the file means; not compared.
    if (row.summary.contains(QStringLiteral("\u00e2\u20ac"))) {
        return;
    }
    const QString expected = unescaped(row.summary);
    if (row.summary.size() >= 50) {
        QVERIFY2(actual.startsWith(expected), qPrintable(message));
        return;
    }
    QVERIFY2(actual == expected, qPrintable(message));
}

// "+N more components" counts every further component (VEVENT, VTODO, VJOURNAL…), while the model
// holds only VEVENTs: the count is compared only when the file has no other kind. Ambiguous in
// the manifest for files with several VCALENDAR objects, so not compared there either.
void checkMoreComponents(const IcalManifest::Row &row,
                         const Calendar::Invitation &invitation,
                         const QByteArray &calendar,
                         const QString &context)
{
    const QByteArray upper = calendar.toUpper();
    if (row.severalCalendars || upper.contains("BEGIN:VTODO") || upper.contains("BEGIN:VJOURNAL")
        || upper.contains("BEGIN:VFREEBUSY")) {
        return;
    }
    QVERIFY2(invitation.events.size() == 1 + row.moreComponents,
             qPrintable(context + QStringLiteral(" got %1 events").arg(invitation.events.size())));
}

} // namespace

class InvitationTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyFileParses_data();
    void everyFileParses();
    void manifest_data();
    void manifest();
    void describeRecurrence_data();
    void describeRecurrence();
    void zoneForTzid_data();
    void zoneForTzid();
    void malformed_data();
    void malformed();
};

void InvitationTest::everyFileParses_data()
{
    QTest::addColumn<QString>("file");
    if (!QFileInfo(Test::corpusDirectory()).isDir()) {
        QTest::newRow("no corpus") << QString();
        return;
    }
    const QStringList names =
            QDir(Test::corpusFile(QStringLiteral("ical")))
                    .entryList({QStringLiteral("*.ics"), QStringLiteral("*.eml"),
                                QStringLiteral("*.txt"), QStringLiteral("*.mbox")},
                               QDir::Files, QDir::Name);
    for (const QString &name : names) {
        QTest::newRow(qPrintable(name)) << QStringLiteral("ical/") + name;
    }
}

// Source: every iCalendar file and invitation e-mail of the shared corpus (see its MANIFEST.md).
void InvitationTest::everyFileParses()
{
    POSTERN_REQUIRE_CORPUS();
    QFETCH(QString, file);
    const QByteArray bytes = readCorpus(file);
    QVERIFY2(!bytes.isEmpty(), qPrintable(file));

    QElapsedTimer timer;
    timer.start();
    const Calendar::Invitation direct = Calendar::parseInvitation(bytes);
    for (const Calendar::CalendarPart &part : Calendar::findCalendarParts(bytes)) {
        const Calendar::Invitation inner = Calendar::parseInvitation(part.calendar);
        QVERIFY(inner.isValid() || !inner.warnings.isEmpty());
    }
    QVERIFY2(timer.elapsed() < 20000, qPrintable(file));

    if (!isMessageFile(file)) {
        QVERIFY2(direct.isValid() || !direct.warnings.isEmpty(),
                 qPrintable(file + QStringLiteral(": no event and no warning")));
    }
}

void InvitationTest::manifest_data()
{
    QTest::addColumn<IcalManifest::Row>("row");
    QFile file(Test::corpusFile(QStringLiteral("MANIFEST.md")));
    if (!file.open(QIODevice::ReadOnly)) {
        QTest::newRow("no corpus") << IcalManifest::Row();
        return;
    }
    for (const IcalManifest::Row &row : IcalManifest::icalRows(QString::fromUtf8(file.readAll()))) {
        if (row.hasParsed && !row.file.endsWith(QLatin1String(".ref"))) {
            QTest::newRow(qPrintable(row.file)) << row;
        }
    }
}

// Source: the "parsed:" part of each ical/ row of the corpus MANIFEST.md (python icalendar).
void InvitationTest::manifest()
{
    POSTERN_REQUIRE_CORPUS();
    QFETCH(IcalManifest::Row, row);
    const QByteArray calendar = calendarOf(row, readCorpus(row.file));
    QVERIFY2(!calendar.isEmpty(), qPrintable(row.file + QStringLiteral(": no calendar found")));
    const Calendar::Invitation invitation = Calendar::parseInvitation(calendar);
    const QString context = row.file + QStringLiteral(" | ") + row.parsed;

    // With several VCALENDAR objects in one file the manifest lists their METHODs as a set and
    // does not say which one the first object has, so METHOD is not compared then.
    if (!row.severalCalendars) {
        // METHOD values are case-insensitive tokens (RFC 5545, 3.7.2 and 3.1).
        QVERIFY2(invitation.method.compare(row.method, Qt::CaseInsensitive) == 0,
                 qPrintable(context + QStringLiteral(" got ") + invitation.method));
    }
    if (!row.firstIsEvent) {
        return;
    }
    QVERIFY2(!invitation.events.isEmpty(), qPrintable(context));
    const Calendar::Event &event = invitation.events.first();
    QVERIFY2(event.attendees.size() == row.attendees, qPrintable(context));
    QVERIFY2(event.recurrenceRule.isEmpty() != row.hasRrule, qPrintable(context));
    QVERIFY2(event.organizer.address.compare(row.organizer, Qt::CaseInsensitive) == 0,
             qPrintable(context + QStringLiteral(" got ") + event.organizer.address));
    if (!row.dtstart.isEmpty()) {
        QVERIFY2(event.start.toUTC() == utc(row.dtstart), qPrintable(context));
    }
    // Some Thunderbird test mails carry DTEND and DURATION together, which RFC 5545 (3.6.1)
    // forbids; which one wins is then undefined, so the manifest's DTEND is ambiguous there.
    const bool endAmbiguous = calendar.contains("\nDURATION");
    if (!row.dtend.isEmpty() && !endAmbiguous) {
        QVERIFY2(event.end.toUTC() == utc(row.dtend), qPrintable(context));
    }
    if (!row.recurrenceId.isEmpty()) {
        QVERIFY2(event.recurrenceId.toUTC() == utc(row.recurrenceId), qPrintable(context));
    }
    checkSummary(row, event.summary, context);
    checkMoreComponents(row, invitation, calendar, context);
}

void InvitationTest::describeRecurrence_data()
{
    QTest::addColumn<QByteArray>("rrule");
    QTest::addColumn<QByteArray>("zone"); // the reader's zone, for a UTC UNTIL
    QTest::addColumn<QString>("expected");
    const QByteArray utc("UTC");
    // Rules: RFC 5545, 3.3.10 and 3.8.5.3 (its examples); the sentences are what the rule means
    // in English.
    QTest::newRow("biweekly, two days, until")
            << QByteArray("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE;UNTIL=20270630T000000Z") << utc
            << QStringLiteral("every 2 weeks on Monday and Wednesday until 30 June 2027");
    QTest::newRow("daily, count") << QByteArray("FREQ=DAILY;COUNT=3") << utc
                                  << QStringLiteral("every day, 3 times");
    QTest::newRow("daily, once") << QByteArray("FREQ=DAILY;COUNT=1") << utc
                                 << QStringLiteral("every day, once");
    QTest::newRow("every other day")
            << QByteArray("FREQ=DAILY;INTERVAL=2") << utc << QStringLiteral("every 2 days");
    QTest::newRow("monthly, first Monday") << QByteArray("FREQ=MONTHLY;BYDAY=1MO") << utc
                                           << QStringLiteral("every month on the first Monday");
    QTest::newRow("monthly, last Friday") << QByteArray("FREQ=MONTHLY;BYDAY=-1FR") << utc
                                          << QStringLiteral("every month on the last Friday");
    QTest::newRow("monthly, second-to-last Monday")
            << QByteArray("FREQ=MONTHLY;BYDAY=-2MO") << utc
            << QStringLiteral("every month on the second-to-last Monday");
    QTest::newRow("monthly, last weekday (BYSETPOS)")
            << QByteArray("FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1") << utc
            << QStringLiteral("every month on the last weekday");
    QTest::newRow("monthly, third Tuesday (BYSETPOS)")
            << QByteArray("FREQ=MONTHLY;COUNT=3;BYDAY=TU;BYSETPOS=3") << utc
            << QStringLiteral("every month on the third Tuesday, 3 times");
    QTest::newRow("monthly, first and last day")
            << QByteArray("FREQ=MONTHLY;BYMONTHDAY=1,-1") << utc
            << QStringLiteral("every month on the 1st and last day");
    QTest::newRow("monthly, 2nd and 15th") << QByteArray("FREQ=MONTHLY;BYMONTHDAY=2,15") << utc
                                           << QStringLiteral("every month on the 2nd and 15th");
    QTest::newRow("monthly, Friday the 13th")
            << QByteArray("FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13") << utc
            << QStringLiteral("every month on Friday the 13th");
    QTest::newRow("every 18 months, 10th to 12th")
            << QByteArray("FREQ=MONTHLY;INTERVAL=18;COUNT=10;BYMONTHDAY=10,11,12") << utc
            << QStringLiteral("every 18 months on the 10th, 11th and 12th, 10 times");
    QTest::newRow("yearly, 17 March") << QByteArray("FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=17") << utc
                                      << QStringLiteral("every year on 17 March");
    QTest::newRow("yearly, 1 and 15 March")
            << QByteArray("FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=1,15") << utc
            << QStringLiteral("every year on 1 and 15 March");
    QTest::newRow("yearly, 1 January and 1 July")
            << QByteArray("FREQ=YEARLY;BYMONTH=1,7;BYMONTHDAY=1") << utc
            << QStringLiteral("every year on 1 January and 1 July");
    QTest::newRow("yearly, last day of February")
            << QByteArray("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1") << utc
            << QStringLiteral("every year on the last day of February");
    QTest::newRow("yearly, fourth Thursday of November")
            << QByteArray("FREQ=YEARLY;BYMONTH=11;BYDAY=4TH") << utc
            << QStringLiteral("every year on the fourth Thursday of November");
    QTest::newRow("yearly, last Sunday of March, until")
            << QByteArray("FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3;UNTIL=19980301T070000Z") << utc
            << QStringLiteral("every year on the last Sunday of March until 1 March 1998");
    QTest::newRow("every 2 years in January and March")
            << QByteArray("FREQ=YEARLY;INTERVAL=2;BYMONTH=1,3") << utc
            << QStringLiteral("every 2 years in January and March");
    QTest::newRow("yearly, 100th and 200th day")
            << QByteArray("FREQ=YEARLY;BYYEARDAY=100,200") << utc
            << QStringLiteral("every year on the 100th and 200th day of the year");
    QTest::newRow("weekdays") << QByteArray("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR") << utc
                              << QStringLiteral("every weekday");
    QTest::newRow("daily on two days") << QByteArray("FREQ=DAILY;BYDAY=TU,TH") << utc
                                       << QStringLiteral("every Tuesday and Thursday");
    QTest::newRow("daily at two times") << QByteArray("FREQ=DAILY;BYHOUR=9,17;BYMINUTE=30") << utc
                                        << QStringLiteral("every day at 09:30 and 17:30");
    // A UTC UNTIL is a moment: its date depends on where it is read.
    QTest::newRow("until, read in New York")
            << QByteArray("FREQ=WEEKLY;UNTIL=20270630T020000Z") << QByteArray("America/New_York")
            << QStringLiteral("every week until 29 June 2027");
    QTest::newRow("until, read in Berlin")
            << QByteArray("FREQ=WEEKLY;UNTIL=20270630T230000Z") << QByteArray("Europe/Berlin")
            << QStringLiteral("every week until 1 July 2027");
    QTest::newRow("until a date") << QByteArray("FREQ=DAILY;UNTIL=20270630")
                                  << QByteArray("Pacific/Auckland")
                                  << QStringLiteral("every day until 30 June 2027");
    QTest::newRow("no frequency") << QByteArray("BYDAY=MO") << utc << QString();
    // libical keeps COUNT in an int and INTERVAL in a short: a larger number must not be shown
    // as the smaller one it wraps to. Nor may a number RFC 5545 3.3.10 rules out be described.
    QTest::newRow("count beyond an int")
            << QByteArray("FREQ=SECONDLY;COUNT=99999999999") << utc << QString();
    QTest::newRow("interval beyond a short")
            << QByteArray("FREQ=DAILY;INTERVAL=70000") << utc << QString();
    QTest::newRow("count zero") << QByteArray("FREQ=DAILY;COUNT=0") << utc << QString();
    QTest::newRow("hour 24") << QByteArray("FREQ=DAILY;BYHOUR=9,24") << utc << QString();
    QTest::newRow("month 13") << QByteArray("FREQ=YEARLY;BYMONTH=13") << utc << QString();
    QTest::newRow("largest count") << QByteArray("FREQ=DAILY;COUNT=2147483647") << utc
                                   << QStringLiteral("every day, 2147483647 times");
    // An UNTIL that is no date must not make the rule read as endless.
    QTest::newRow("until month 13")
            << QByteArray("FREQ=WEEKLY;UNTIL=20271345T250000Z") << utc << QString();
    QTest::newRow("until 30 February")
            << QByteArray("FREQ=DAILY;UNTIL=20270230") << utc << QString();
    QTest::newRow("until hour 24")
            << QByteArray("FREQ=DAILY;UNTIL=20270630T240000Z") << utc << QString();
    QTest::newRow("until a word") << QByteArray("FREQ=DAILY;UNTIL=soon") << utc << QString();
    QTest::newRow("until empty") << QByteArray("FREQ=DAILY;UNTIL=") << utc << QString();
    QTest::newRow("until with dashes, as libical allows")
            << QByteArray("FREQ=DAILY;until=2027-06-30") << utc
            << QStringLiteral("every day until 30 June 2027");
    QTest::newRow("until a leap second") << QByteArray("FREQ=DAILY;UNTIL=20161231T235960Z") << utc
                                         << QStringLiteral("every day until 31 December 2016");
}

void InvitationTest::describeRecurrence()
{
    QFETCH(QByteArray, rrule);
    QFETCH(QByteArray, zone);
    QFETCH(QString, expected);
    QCOMPARE(Calendar::describeRecurrence(rrule, QTimeZone(zone)), expected);
}

void InvitationTest::zoneForTzid_data()
{
    QTest::addColumn<QByteArray>("tzid");
    QTest::addColumn<QStringList>("accepted"); // empty: the zone must be invalid
    // Windows names: CLDR common/supplemental/windowsZones.xml, territory 001. CLDR gives
    // Europe/Kiev for "FLE Standard Time"; IANA now calls it Europe/Kyiv, and the brief for this
    // suite names Europe/Helsinki too (the zone's first city): any of the three is right.
    QTest::newRow("IANA") << QByteArray("Europe/Berlin")
                          << QStringList{QStringLiteral("Europe/Berlin")};
    QTest::newRow("W. Europe") << QByteArray("W. Europe Standard Time")
                               << QStringList{QStringLiteral("Europe/Berlin")};
    QTest::newRow("FLE") << QByteArray("FLE Standard Time")
                         << QStringList{QStringLiteral("Europe/Kiev"),
                                        QStringLiteral("Europe/Kyiv"),
                                        QStringLiteral("Europe/Helsinki")};
    QTest::newRow("Romance") << QByteArray("Romance Standard Time")
                             << QStringList{QStringLiteral("Europe/Paris")};
    QTest::newRow("Outlook custom") << QByteArray("Customized Time Zone") << QStringList();
}

void InvitationTest::zoneForTzid()
{
    QFETCH(QByteArray, tzid);
    QFETCH(QStringList, accepted);
    const QTimeZone zone = Calendar::zoneForTzid(tzid);
    if (accepted.isEmpty()) {
        QVERIFY2(!zone.isValid(), zone.id().constData());
        return;
    }
    QVERIFY(zone.isValid());
    QVERIFY2(accepted.contains(QString::fromLatin1(zone.id())), zone.id().constData());
}

void InvitationTest::malformed_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<bool>("expectEvent");
    QTest::addColumn<bool>("expectWarnings");
    // Hand-made damage of the kinds fuzzers find in iCalendar parsers (libical issues 251, 253).
    QTest::newRow("empty") << QByteArray() << false << true;
    QTest::newRow("unterminated") << QByteArray("BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\n"
                                                "BEGIN:VEVENT\r\nUID:u\r\nSUMMARY:Open\r\n"
                                                "DTSTART:20270101T100000Z\r\n")
                                  << true << true;
    QTest::newRow("bad date") << wrapped("DTSTART:2027130T999999Z\r\n") << true << true;
    QTest::newRow("count out of range")
            << wrapped("DTSTART:20270101T100000Z\r\nRRULE:FREQ=SECONDLY;COUNT=99999999999\r\n")
            << true << true;
    QTest::newRow("until not a date")
            << wrapped("DTSTART:20270101T100000Z\r\nRRULE:FREQ=WEEKLY;UNTIL=20271345T250000Z\r\n")
            << true << true;
    QTest::newRow("unknown zone") << wrapped("DTSTART;TZID=Nowhere/Nothing:20270101T100000\r\n")
                                  << true << true;
    QByteArray attendees;
    for (int i = 0; i < 10000; ++i) {
        attendees += "ATTENDEE;RSVP=TRUE:mailto:p" + QByteArray::number(i) + "@example.org\r\n";
    }
    QTest::newRow("10000 attendees") << wrapped(attendees) << true << false;
    QByteArray nested = "DTSTART:20270101T100000Z\r\n";
    for (int i = 0; i < 1000; ++i) {
        nested = "BEGIN:X-NEST\r\n" + nested + "END:X-NEST\r\n";
    }
    QTest::newRow("1000 deep") << wrapped(nested) << true << false;
    QTest::newRow("invalid UTF-8")
            << wrapped("LOCATION:Caf\xc3\x28 \xff\xfe\x80\r\n") << true << false;
}

void InvitationTest::malformed()
{
    QFETCH(QByteArray, input);
    QFETCH(bool, expectEvent);
    QFETCH(bool, expectWarnings);

    QElapsedTimer timer;
    timer.start();
    const Calendar::Invitation invitation = Calendar::parseInvitation(input);
    QVERIFY2(timer.elapsed() < 20000, "parsing took more than 20 seconds");

    QCOMPARE(invitation.isValid(), expectEvent);
    if (expectWarnings) {
        QVERIFY(!invitation.warnings.isEmpty());
    }
    if (input.contains("COUNT=99999999999")) {
        QVERIFY2(invitation.warnings.join(QLatin1Char('\n'))
                         .contains(QLatin1String("COUNT=99999999999 is out of range")),
                 qPrintable(invitation.warnings.join(QLatin1Char('\n'))));
        QVERIFY(invitation.events.first().recurrence.isEmpty());
    }
    if (input.contains("UNTIL=20271345T250000Z")) {
        QVERIFY2(invitation.warnings.join(QLatin1Char('\n'))
                         .contains(QLatin1String("UNTIL=20271345T250000Z is not a date")),
                 qPrintable(invitation.warnings.join(QLatin1Char('\n'))));
        QVERIFY(invitation.events.first().recurrence.isEmpty());
    }
    if (expectEvent) {
        QVERIFY(!invitation.events.first().summary.isEmpty());
    }
}

QTEST_GUILESS_MAIN(InvitationTest)
#include "tst_invitation.moc"
