#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QTimeZone>

namespace Postern::Calendar {

struct Person
{
    QString name;
    QString address; // without "mailto:"
    QString sentBy;
};

struct Attendee
{
    Person person;
    QString role;                // REQ-PARTICIPANT, OPT-PARTICIPANT, CHAIR, NON-PARTICIPANT
    QString participationStatus; // NEEDS-ACTION, ACCEPTED, DECLINED, TENTATIVE, DELEGATED
    QString userType;            // CUTYPE: INDIVIDUAL, ROOM, RESOURCE, GROUP
    bool rsvp = false;
    QStringList delegatedTo;
    QStringList delegatedFrom;
};

/** One VALARM: when it fires, relative to the event or at a fixed time. */
struct Alarm
{
    QString action;           // DISPLAY, AUDIO, EMAIL
    qint64 offsetSeconds = 0; // from the start (or the end); negative: before it
    bool relativeToEnd = false;
    QDateTime at; // set instead of the offset for an absolute trigger
};

/** One VEVENT: the series, or an exception to it (recurrenceId set). */
struct Event
{
    QString uid;
    int sequence = 0;
    QString status;
    QString summary;
    QString location;
    QString description;
    QString htmlDescription; // X-ALT-DESC;FMTTYPE=text/html (Outlook)
    Person organizer;
    QList<Attendee> attendees;
    QDateTime start; // in its own zone (or UTC); invalid when absent
    QDateTime end;
    bool allDay = false;
    QString timeZoneId;     // the TZID as written, empty for UTC or floating
    bool floating = false;  // no zone at all: local time wherever it is read
    QString recurrenceRule; // RRULE as written
    QString recurrence;     // the rule in words
    QList<QDateTime> exceptionDates;
    QList<QDateTime> extraDates;
    QDateTime recurrenceId;
    QStringList conferenceLinks;
    QStringList attachments;
    int alarms = 0;
    QList<Alarm> reminders;
    QString busyStatus;     // X-MICROSOFT-CDO-BUSYSTATUS
    QString intendedStatus; // X-MICROSOFT-CDO-INTENDEDSTATUS
};

/**
 * An iCalendar object as a person wants to see it (RFC 5545, iTIP RFC 5546): the method and
 * every VEVENT, a series kept together with its exceptions. Parsing never fails outright;
 * what could not be understood is listed in warnings.
 */
struct Invitation
{
    QString method; // REQUEST, REPLY, CANCEL, COUNTER, DECLINECOUNTER, ADD, REFRESH, PUBLISH
    QString productId;
    QList<Event> events;
    QStringList warnings;

    bool isValid() const { return !events.isEmpty(); }

    /** The series (the event without RECURRENCE-ID), or the first event. */
    const Event *mainEvent() const;

    /** A few lines for the command line and for the text body of a converted invitation. */
    QString summaryText(const QTimeZone &viewerZone) const;

    QJsonObject toJson() const;
};

/** Parses iCalendar text (any charset GMime could decode to UTF-8; Latin-1 is tried when the
 *  bytes are not UTF-8). */
Invitation parseInvitation(const QByteArray &icalendar);

/** RRULE as a sentence: "every 2 weeks on Monday and Wednesday until 30 June 2027". A UTC
 *  UNTIL is given as its date in @p viewerZone; empty when the rule cannot be read. */
QString describeRecurrence(const QByteArray &rrule, const QTimeZone &viewerZone);

/** The same, with the system's time zone. */
QString describeRecurrence(const QByteArray &rrule);

/** The time zone a TZID names: an IANA name, a Windows name as Outlook writes it, or invalid. */
QTimeZone zoneForTzid(const QByteArray &tzid);

} // namespace Postern::Calendar
