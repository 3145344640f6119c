#pragma once

#include <QString>
#include <QStringList>

namespace Postern::Test::IcalManifest {

// The corpus MANIFEST.md describes every ical/ file; its "Correct result" cell ends in a
// "parsed:" part written by an independent parser (python icalendar): elements separated by
// "; ", for example
//
//   part text/calendar; method=REQUEST cte=7bit; METHOD REQUEST; PRODID …;
//   VEVENT "Title" DTSTART:20220316T110000Z DTEND:… RRULE:… ORGANIZER mailto:a@b
//   3 ATTENDEE(s); +3 more components; VTIMEZONE 'Europe/Zurich'
//
// This reads that text at run time, so the tests cannot drift from the corpus.

/** What the "parsed:" part of one ical/ row states. Empty strings: not stated. */
struct Row
{
    QString file;                  // relative to the corpus: "ical/…"
    QString parsed;                // the whole "parsed:" part, for messages
    bool hasParsed = false;        // the row has a "parsed:" part at all
    bool isMessage = false;        // it names a MIME "part": the calendar is inside an e-mail
    bool severalCalendars = false; // "N VCALENDAR objects": METHOD differs per object
    QString method;
    bool firstIsEvent = false; // the first component listed is a VEVENT
    QString summary;           // without the quotes; empty when not stated
    bool hasSummary = false;
    QString dtstart; // only the UTC form "DTSTART:yyyyMMddThhmmssZ", else empty
    QString dtend;
    bool hasRrule = false;
    QString recurrenceId; // only the UTC form
    QString organizer;    // the address, "mailto:" removed
    int attendees = 0;
    int moreComponents = 0; // "+N more components"
};

/** Every row for a file under ical/. */
QList<Row> icalRows(const QString &manifest);

} // namespace Postern::Test::IcalManifest
