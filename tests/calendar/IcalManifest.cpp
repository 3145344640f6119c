#include "IcalManifest.h"

#include "../corpus/CorpusManifest.h"

#include <QRegularExpression>

namespace Postern::Test::IcalManifest {

namespace {

// The elements of a "parsed:" part, up to the second calendar part ("||") of a message. A MIME
// part is written "part text/calendar; method=X …": its own "; " does not end the element.
QStringList elementsOf(const QString &parsed)
{
    const QString first = parsed.section(QLatin1String(" || "), 0, 0);
    QStringList elements;
    for (const QString &piece : first.split(QLatin1String("; "))) {
        if (!elements.isEmpty() && elements.last().startsWith(QLatin1String("part "))
            && piece.startsWith(QLatin1String("method="))) {
            elements.last() += QLatin1String("; ") + piece;
            continue;
        }
        elements.append(piece.trimmed());
    }
    return elements;
}

QString utcValue(const QString &element, const QString &name)
{
    const QRegularExpression utc(QStringLiteral("(?:^| )%1:(\\d{8}T\\d{6}Z)(?= |$)").arg(name));
    const auto match = utc.match(element);
    return match.hasMatch() ? match.captured(1) : QString();
}

void readEvent(const QString &element, Row &row)
{
    static const QRegularExpression summary(QStringLiteral("^VEVENT \"(.*?)\"(?= |$)"));
    static const QRegularExpression organizer(QStringLiteral(" ORGANIZER (?:mailto:)?(\\S+)"),
                                              QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression attendees(QStringLiteral(" (\\d+) ATTENDEE\\(s\\)"));

    row.firstIsEvent = true;
    const auto summaryMatch = summary.match(element);
    row.hasSummary = summaryMatch.hasMatch();
    row.summary = summaryMatch.captured(1);
    row.dtstart = utcValue(element, QStringLiteral("DTSTART"));
    row.dtend = utcValue(element, QStringLiteral("DTEND"));
    row.recurrenceId = utcValue(element, QStringLiteral("RECURRENCE-ID"));
    row.hasRrule = element.contains(QLatin1String(" RRULE:"));
    row.organizer = organizer.match(element).captured(1);
    const auto attendeeMatch = attendees.match(element);
    row.attendees = attendeeMatch.hasMatch() ? attendeeMatch.captured(1).toInt() : 0;
}

void readParsed(const QString &parsed, Row &row)
{
    static const QRegularExpression more(QStringLiteral("^\\+(\\d+) more components$"));
    static const QRegularExpression component(QStringLiteral("^V[A-Z]+(?: |$)"));
    bool componentSeen = false;
    for (const QString &element : elementsOf(parsed)) {
        if (element.startsWith(QLatin1String("part "))) {
            row.isMessage = true;
        } else if (element.contains(QLatin1String(" VCALENDAR objects"))) {
            row.severalCalendars = true;
        } else if (element.startsWith(QLatin1String("METHOD "))) {
            row.method = element.mid(7).trimmed();
        } else if (more.match(element).hasMatch()) {
            row.moreComponents = more.match(element).captured(1).toInt();
        } else if (!componentSeen && component.match(element).hasMatch()
                   && !element.startsWith(QLatin1String("VTIMEZONE"))) {
            componentSeen = true;
            if (element.startsWith(QLatin1String("VEVENT"))) {
                readEvent(element, row);
            }
        }
    }
}

} // namespace

QList<Row> icalRows(const QString &manifest)
{
    QList<Row> rows;
    for (const QString &line : manifest.split(QLatin1Char('\n'))) {
        if (!line.startsWith(QLatin1String("| ical/"))) {
            continue;
        }
        const QStringList cells = Manifest::tableCells(line);
        if (cells.size() < 5) {
            continue;
        }
        Row row;
        row.file = cells.first();
        const QString verdict = cells.last();
        const qsizetype at = verdict.indexOf(QLatin1String("parsed: "));
        row.hasParsed = at >= 0;
        if (row.hasParsed) {
            row.parsed = verdict.mid(at + 8);
            readParsed(row.parsed, row);
        }
        rows.append(row);
    }
    return rows;
}

} // namespace Postern::Test::IcalManifest
