#include "Invitation.h"

#include "core/base/Handles.h"

#include <QJsonArray>
#include <QLocale>
#include <QRegularExpression>
#include <QStringDecoder>
#include <QTimeZone>

#include <mutex>

namespace Postern::Calendar {

namespace {

using Handles::IcalComponent;

QString text(const char *value)
{
    return value == nullptr ? QString() : QString::fromUtf8(value);
}

QString withoutMailto(const QString &value)
{
    return value.startsWith(QLatin1String("mailto:"), Qt::CaseInsensitive) ? value.mid(7) : value;
}

// The value of a parameter as written, for every parameter kind alike (enumerated ones too).
QString parameterValue(icalproperty *property, icalparameter_kind kind)
{
    icalparameter *parameter = icalproperty_get_first_parameter(property, kind);
    if (parameter == nullptr) {
        return {};
    }
    const QString written = text(icalparameter_as_ical_string(parameter));
    QString value = written.mid(written.indexOf(QLatin1Char('=')) + 1);
    if (value.startsWith(QLatin1Char('"')) && value.endsWith(QLatin1Char('"'))
        && value.size() >= 2) {
        value = value.mid(1, value.size() - 2);
    }
    return value;
}

QStringList addressList(const QString &value)
{
    QStringList addresses;
    for (QString part : value.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        part = part.trimmed();
        part.remove(QLatin1Char('"'));
        addresses.append(withoutMailto(part));
    }
    return addresses;
}

Person personOf(icalproperty *property)
{
    Person person;
    person.address = withoutMailto(text(icalproperty_get_value_as_string(property)));
    person.name = parameterValue(property, ICAL_CN_PARAMETER);
    person.sentBy = withoutMailto(parameterValue(property, ICAL_SENTBY_PARAMETER));
    return person;
}

QString xProperty(icalcomponent *component, const char *name)
{
    for (icalproperty *property = icalcomponent_get_first_property(component, ICAL_X_PROPERTY);
         property != nullptr;
         property = icalcomponent_get_next_property(component, ICAL_X_PROPERTY)) {
        if (qstricmp(icalproperty_get_x_name(property), name) == 0) {
            return text(icalproperty_get_value_as_string(property));
        }
    }
    return {};
}

const QList<QLatin1String> &meetingHosts()
{
    static const QList<QLatin1String> hosts = {QLatin1String("teams.microsoft.com"),
                                               QLatin1String("teams.live.com"),
                                               QLatin1String("zoom.us"),
                                               QLatin1String("meet.google.com"),
                                               QLatin1String("webex.com"),
                                               QLatin1String("whereby.com"),
                                               QLatin1String("meet.jit.si"),
                                               QLatin1String("gotomeeting.com")};
    return hosts;
}

QStringList conferenceLinksIn(const QString &textWithLinks)
{
    static const QRegularExpression url(QStringLiteral("https?://[^\\s<>\"')]+"));
    QStringList links;
    for (const auto &match : url.globalMatch(textWithLinks)) {
        const QString link = match.captured(0);
        const bool meeting = std::any_of(
                meetingHosts().cbegin(), meetingHosts().cend(),
                [&link](QLatin1String host) { return link.contains(host, Qt::CaseInsensitive); });
        if (meeting && !links.contains(link)) {
            links.append(link);
        }
    }
    return links;
}

QByteArray tzidOf(icalproperty *property)
{
    icalparameter *tzid = property == nullptr
                                  ? nullptr
                                  : icalproperty_get_first_parameter(property, ICAL_TZID_PARAMETER);
    return tzid == nullptr ? QByteArray() : QByteArray(icalparameter_get_tzid(tzid));
}

// Only for single-valued properties: looking a property up resets the component's property
// iterator, so this must never run inside a loop over the same component's properties.
QByteArray propertyParameterTzid(icalcomponent *event, icalproperty_kind kind)
{
    return tzidOf(icalcomponent_get_first_property(event, kind));
}

// A libical time as a QDateTime: UTC stays UTC; a zone named by an IANA or Windows TZID becomes
// that QTimeZone; a zone known only from the calendar's VTIMEZONE is converted through libical
// to UTC; no zone at all is floating local time.
QDateTime toDateTime(icaltimetype time, const QByteArray &tzid, QStringList &warnings)
{
    if (icaltime_is_null_time(time) != 0 || icaltime_is_valid_time(time) == 0) {
        return {};
    }
    const QDate date(time.year, time.month, time.day);
    if (time.is_date != 0) {
        return QDateTime(date, QTime(0, 0), Qt::LocalTime);
    }
    const QTime clock(time.hour, time.minute, time.second);
    if (icaltime_is_utc(time) != 0) {
        return QDateTime(date, clock, Qt::UTC);
    }
    if (!tzid.isEmpty()) {
        const QTimeZone zone = zoneForTzid(tzid);
        if (zone.isValid()) {
            return QDateTime(date, clock, zone);
        }
        if (time.zone != nullptr) {
            const icaltimezone *zoneOfTime = time.zone;
            return QDateTime::fromSecsSinceEpoch(
                    static_cast<qint64>(icaltime_as_timet_with_zone(time, zoneOfTime)), Qt::UTC);
        }
        warnings.append(
                QStringLiteral("unknown time zone \"%1\" without VTIMEZONE: time shown as local")
                        .arg(QString::fromUtf8(tzid)));
    }
    return QDateTime(date, clock, Qt::LocalTime);
}

QString weekdayName(int weekday)
{
    // libical counts Sunday as 1; Qt counts Monday as 1.
    const int qtDay = weekday == 1 ? 7 : weekday - 1;
    return QLocale(QLocale::English).dayName(qtDay);
}

QString ordinal(int position)
{
    static const char *names[] = {"", "first", "second", "third", "fourth", "fifth"};
    if (position == -1) {
        return QStringLiteral("last");
    }
    if (position < 0) {
        return QStringLiteral("%1th from last").arg(-position);
    }
    return position <= 5 ? QLatin1String(names[position]) : QStringLiteral("%1th").arg(position);
}

QString joinWords(const QStringList &words)
{
    if (words.size() <= 1) {
        return words.join(QString());
    }
    return QStringList(words.mid(0, words.size() - 1)).join(QStringLiteral(", "))
           + QStringLiteral(" and ") + words.last();
}

void readTimes(icalcomponent *component, Event &event, QStringList &warnings)
{
    const icaltimetype start = icalcomponent_get_dtstart(component);
    const QByteArray startZone = propertyParameterTzid(component, ICAL_DTSTART_PROPERTY);
    event.start = toDateTime(start, startZone, warnings);
    event.end = toDateTime(icalcomponent_get_dtend(component),
                           propertyParameterTzid(component, ICAL_DTEND_PROPERTY), warnings);
    event.allDay = start.is_date != 0
                   || xProperty(component, "X-MICROSOFT-CDO-ALLDAYEVENT")
                                      .compare(QLatin1String("TRUE"), Qt::CaseInsensitive)
                              == 0;
    event.timeZoneId = QString::fromUtf8(startZone);
    event.floating =
            event.start.isValid() && event.start.timeSpec() == Qt::LocalTime && !event.allDay;
    if (icalcomponent_get_first_property(component, ICAL_RECURRENCEID_PROPERTY) != nullptr) {
        event.recurrenceId =
                toDateTime(icalcomponent_get_recurrenceid(component),
                           propertyParameterTzid(component, ICAL_RECURRENCEID_PROPERTY), warnings);
    }
}

void readRecurrence(icalcomponent *component, Event &event, QStringList &warnings)
{
    icalproperty *rule = icalcomponent_get_first_property(component, ICAL_RRULE_PROPERTY);
    if (rule != nullptr) {
        event.recurrenceRule = text(icalproperty_get_value_as_string(rule));
        event.recurrence = describeRecurrence(event.recurrenceRule.toUtf8());
    }
    for (icalproperty *property = icalcomponent_get_first_property(component, ICAL_EXDATE_PROPERTY);
         property != nullptr;
         property = icalcomponent_get_next_property(component, ICAL_EXDATE_PROPERTY)) {
        event.exceptionDates.append(
                toDateTime(icalproperty_get_exdate(property), tzidOf(property), warnings));
    }
    for (icalproperty *property = icalcomponent_get_first_property(component, ICAL_RDATE_PROPERTY);
         property != nullptr;
         property = icalcomponent_get_next_property(component, ICAL_RDATE_PROPERTY)) {
        event.extraDates.append(
                toDateTime(icalproperty_get_rdate(property).time, tzidOf(property), warnings));
    }
}

void readPeople(icalcomponent *component, Event &event)
{
    icalproperty *organizer = icalcomponent_get_first_property(component, ICAL_ORGANIZER_PROPERTY);
    if (organizer != nullptr) {
        event.organizer = personOf(organizer);
    }
    for (icalproperty *property =
                 icalcomponent_get_first_property(component, ICAL_ATTENDEE_PROPERTY);
         property != nullptr;
         property = icalcomponent_get_next_property(component, ICAL_ATTENDEE_PROPERTY)) {
        Attendee attendee;
        attendee.person = personOf(property);
        attendee.role = parameterValue(property, ICAL_ROLE_PARAMETER);
        attendee.participationStatus = parameterValue(property, ICAL_PARTSTAT_PARAMETER);
        attendee.userType = parameterValue(property, ICAL_CUTYPE_PARAMETER);
        attendee.rsvp = parameterValue(property, ICAL_RSVP_PARAMETER)
                                .compare(QLatin1String("TRUE"), Qt::CaseInsensitive)
                        == 0;
        attendee.delegatedTo = addressList(parameterValue(property, ICAL_DELEGATEDTO_PARAMETER));
        attendee.delegatedFrom =
                addressList(parameterValue(property, ICAL_DELEGATEDFROM_PARAMETER));
        event.attendees.append(attendee);
    }
}

Event readEvent(icalcomponent *component, QStringList &warnings)
{
    Event event;
    event.uid = text(icalcomponent_get_uid(component));
    event.sequence = icalcomponent_get_sequence(component);
    icalproperty *status = icalcomponent_get_first_property(component, ICAL_STATUS_PROPERTY);
    event.status = status == nullptr ? QString() : text(icalproperty_get_value_as_string(status));
    event.summary = text(icalcomponent_get_summary(component));
    event.location = text(icalcomponent_get_location(component));
    event.description = text(icalcomponent_get_description(component));
    event.htmlDescription = xProperty(component, "X-ALT-DESC");
    readPeople(component, event);
    readTimes(component, event, warnings);
    readRecurrence(component, event, warnings);

    for (const char *name : {"X-MICROSOFT-SKYPETEAMSMEETINGURL", "X-GOOGLE-CONFERENCE",
                             "X-MICROSOFT-ONLINEMEETINGCONFLINK"}) {
        const QString link = xProperty(component, name);
        if (!link.isEmpty() && !event.conferenceLinks.contains(link)) {
            event.conferenceLinks.append(link);
        }
    }
    for (const QString &link :
         conferenceLinksIn(event.location + QLatin1Char(' ') + event.description)) {
        if (!event.conferenceLinks.contains(link)) {
            event.conferenceLinks.append(link);
        }
    }
    for (icalproperty *property = icalcomponent_get_first_property(component, ICAL_ATTACH_PROPERTY);
         property != nullptr;
         property = icalcomponent_get_next_property(component, ICAL_ATTACH_PROPERTY)) {
        icalattach *attach = icalproperty_get_attach(property);
        event.attachments.append(attach != nullptr && icalattach_get_is_url(attach) != 0
                                         ? text(icalattach_get_url(attach))
                                         : QStringLiteral("(embedded file)"));
    }
    event.alarms = icalcomponent_count_components(component, ICAL_VALARM_COMPONENT);
    event.busyStatus = xProperty(component, "X-MICROSOFT-CDO-BUSYSTATUS");
    event.intendedStatus = xProperty(component, "X-MICROSOFT-CDO-INTENDEDSTATUS");
    return event;
}

// libical reports what it could not parse as X-LIC-ERROR properties in place.
void collectParserErrors(icalcomponent *component, QStringList &warnings, int depth = 0)
{
    if (depth > 16) {
        return;
    }
    for (icalproperty *property =
                 icalcomponent_get_first_property(component, ICAL_XLICERROR_PROPERTY);
         property != nullptr;
         property = icalcomponent_get_next_property(component, ICAL_XLICERROR_PROPERTY)) {
        warnings.append(text(icalproperty_get_xlicerror(property)).simplified());
    }
    for (icalcomponent *child = icalcomponent_get_first_component(component, ICAL_ANY_COMPONENT);
         child != nullptr;
         child = icalcomponent_get_next_component(component, ICAL_ANY_COMPONENT)) {
        collectParserErrors(child, warnings, depth + 1);
    }
}

QByteArray asUtf8(const QByteArray &bytes, QStringList &warnings)
{
    QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString decoded = utf8(bytes);
    if (!utf8.hasError()) {
        return bytes.startsWith("\xEF\xBB\xBF") ? bytes.mid(3) : bytes;
    }
    warnings.append(QStringLiteral("the calendar is not UTF-8; read as Windows-1252"));
    QStringDecoder windows("windows-1252");
    return (windows.isValid() ? windows(bytes) : QString::fromLatin1(bytes)).toUtf8();
}

QTimeZone lookUpZone(const QByteArray &tzid)
{
    QByteArray name = tzid.trimmed();
    // Producers prefix zone names with "/" or a vendor path
    // ("/mozilla.org/20050126_1/Europe/Berlin").
    const qsizetype region = name.lastIndexOf('/', name.lastIndexOf('/') - 1);
    if (name.startsWith('/') && region > 0) {
        name = name.mid(region + 1);
    }
    if (QTimeZone::isTimeZoneIdAvailable(name)) {
        return QTimeZone(name);
    }
    const QByteArray fromWindows = QTimeZone::windowsIdToDefaultIanaId(name);
    if (!fromWindows.isEmpty()) {
        return QTimeZone(fromWindows);
    }
    return {};
}

} // namespace

QTimeZone zoneForTzid(const QByteArray &tzid)
{
    // Building a QTimeZone reads the zone database; a calendar repeats the same few TZIDs.
    thread_local QHash<QByteArray, QTimeZone> cache;
    const auto cached = cache.constFind(tzid);
    if (cached != cache.constEnd()) {
        return *cached;
    }
    if (cache.size() > 256) {
        cache.clear();
    }
    const QTimeZone zone = lookUpZone(tzid);
    cache.insert(tzid, zone);
    return zone;
}

QString describeRecurrence(const QByteArray &rrule)
{
    struct icalrecurrencetype rule = icalrecurrencetype_from_string(rrule.constData());
    static const QHash<int, std::pair<QString, QString>> units = {
            {ICAL_SECONDLY_RECURRENCE, {QStringLiteral("second"), QStringLiteral("seconds")}},
            {ICAL_MINUTELY_RECURRENCE, {QStringLiteral("minute"), QStringLiteral("minutes")}},
            {ICAL_HOURLY_RECURRENCE, {QStringLiteral("hour"), QStringLiteral("hours")}},
            {ICAL_DAILY_RECURRENCE, {QStringLiteral("day"), QStringLiteral("days")}},
            {ICAL_WEEKLY_RECURRENCE, {QStringLiteral("week"), QStringLiteral("weeks")}},
            {ICAL_MONTHLY_RECURRENCE, {QStringLiteral("month"), QStringLiteral("months")}},
            {ICAL_YEARLY_RECURRENCE, {QStringLiteral("year"), QStringLiteral("years")}},
    };
    if (!units.contains(rule.freq)) {
        return {};
    }
    const auto &[one, many] = units.value(rule.freq);
    QString sentence = rule.interval > 1
                               ? QStringLiteral("every %1 %2").arg(rule.interval).arg(many)
                               : QStringLiteral("every ") + one;

    QStringList days;
    for (int index = 0; index < ICAL_BY_DAY_SIZE && rule.by_day[index] != ICAL_RECURRENCE_ARRAY_MAX;
         ++index) {
        const int position = icalrecurrencetype_day_position(rule.by_day[index]);
        const QString day = weekdayName(icalrecurrencetype_day_day_of_week(rule.by_day[index]));
        days.append(position == 0 ? day : QStringLiteral("the %1 %2").arg(ordinal(position), day));
    }
    QStringList monthDays;
    for (int index = 0;
         index < ICAL_BY_MONTHDAY_SIZE && rule.by_month_day[index] != ICAL_RECURRENCE_ARRAY_MAX;
         ++index) {
        const int day = rule.by_month_day[index];
        monthDays.append(day > 0 ? QStringLiteral("day %1").arg(day)
                                 : QStringLiteral("the %1 day").arg(ordinal(day)));
    }
    if (!days.isEmpty()) {
        sentence += QStringLiteral(" on ") + joinWords(days);
    } else if (!monthDays.isEmpty()) {
        sentence += QStringLiteral(" on ") + joinWords(monthDays);
    }
    if (rule.by_month[0] != ICAL_RECURRENCE_ARRAY_MAX && rule.by_month[0] >= 1
        && rule.by_month[0] <= 12) {
        sentence += QStringLiteral(" in ") + QLocale(QLocale::English).monthName(rule.by_month[0]);
    }
    if (icaltime_is_null_time(rule.until) == 0) {
        sentence += QStringLiteral(" until ")
                    + QLocale(QLocale::English)
                              .toString(QDate(rule.until.year, rule.until.month, rule.until.day),
                                        QStringLiteral("d MMMM yyyy"));
    } else if (rule.count > 0) {
        sentence += rule.count == 1 ? QStringLiteral(", once")
                                    : QStringLiteral(", %1 times").arg(rule.count);
    }
    return sentence;
}

const Event *Invitation::mainEvent() const
{
    for (const Event &event : events) {
        if (!event.recurrenceId.isValid()) {
            return &event;
        }
    }
    return events.isEmpty() ? nullptr : &events.constFirst();
}

Invitation parseInvitation(const QByteArray &icalendar)
{
    Invitation invitation;
    const QByteArray utf8 = asUtf8(icalendar, invitation.warnings);
    IcalComponent root(icalparser_parse_string(utf8.constData()));
    if (!root) {
        invitation.warnings.append(QStringLiteral("no iCalendar object found"));
        return invitation;
    }
    icalcomponent *calendar = root.get();
    if (icalcomponent_isa(calendar) == ICAL_VEVENT_COMPONENT) {
        invitation.warnings.append(QStringLiteral("a VEVENT without VCALENDAR around it"));
        collectParserErrors(calendar, invitation.warnings);
        invitation.events.append(readEvent(calendar, invitation.warnings));
        return invitation;
    }
    if (icalcomponent_isa(calendar) != ICAL_VCALENDAR_COMPONENT) {
        calendar = icalcomponent_get_first_component(root.get(), ICAL_VCALENDAR_COMPONENT);
    }
    if (calendar == nullptr) {
        invitation.warnings.append(QStringLiteral("no VCALENDAR component"));
        return invitation;
    }
    icalproperty *method = icalcomponent_get_first_property(calendar, ICAL_METHOD_PROPERTY);
    invitation.method = method == nullptr
                                ? QString()
                                : text(icalproperty_get_value_as_string(method)).toUpper();
    icalproperty *product = icalcomponent_get_first_property(calendar, ICAL_PRODID_PROPERTY);
    invitation.productId = product == nullptr ? QString() : text(icalproperty_get_prodid(product));
    collectParserErrors(calendar, invitation.warnings);

    for (icalcomponent *event = icalcomponent_get_first_component(calendar, ICAL_VEVENT_COMPONENT);
         event != nullptr;
         event = icalcomponent_get_next_component(calendar, ICAL_VEVENT_COMPONENT)) {
        invitation.events.append(readEvent(event, invitation.warnings));
    }
    if (invitation.events.isEmpty()) {
        invitation.warnings.append(QStringLiteral("the calendar holds no event"));
    }
    return invitation;
}

namespace {

QString personText(const Person &person)
{
    if (person.name.isEmpty()) {
        return person.address;
    }
    return person.address.isEmpty() ? person.name
                                    : QStringLiteral("%1 <%2>").arg(person.name, person.address);
}

QString whenText(const Event &event, const QTimeZone &viewerZone)
{
    if (!event.start.isValid()) {
        return QStringLiteral("(no start time)");
    }
    const QLocale english(QLocale::English);
    if (event.allDay) {
        return english.toString(event.start.date(), QStringLiteral("dddd d MMMM yyyy"))
               + QStringLiteral(" (all day)");
    }
    const QDateTime start = event.floating ? event.start : event.start.toTimeZone(viewerZone);
    QString when = english.toString(start, QStringLiteral("dddd d MMMM yyyy, HH:mm"));
    if (event.end.isValid()) {
        const QDateTime end = event.floating ? event.end : event.end.toTimeZone(viewerZone);
        when += QStringLiteral("–")
                + english.toString(end, end.date() == start.date()
                                                ? QStringLiteral("HH:mm")
                                                : QStringLiteral("d MMMM yyyy, HH:mm"));
    }
    if (!event.floating) {
        when += QLatin1Char(' ') + QString::fromUtf8(viewerZone.id());
        if (!event.timeZoneId.isEmpty() && QString::fromUtf8(viewerZone.id()) != event.timeZoneId) {
            when += QStringLiteral(" (written as %1 %2)")
                            .arg(english.toString(event.start, QStringLiteral("HH:mm")),
                                 event.timeZoneId);
        }
    }
    return when;
}

QJsonObject personJson(const Person &person)
{
    QJsonObject object;
    object.insert(QLatin1String("name"), person.name);
    object.insert(QLatin1String("address"), person.address);
    if (!person.sentBy.isEmpty()) {
        object.insert(QLatin1String("sentBy"), person.sentBy);
    }
    return object;
}

QJsonObject eventJson(const Event &event)
{
    QJsonObject object;
    object.insert(QLatin1String("uid"), event.uid);
    object.insert(QLatin1String("sequence"), event.sequence);
    object.insert(QLatin1String("status"), event.status);
    object.insert(QLatin1String("summary"), event.summary);
    object.insert(QLatin1String("location"), event.location);
    object.insert(QLatin1String("start"), event.start.toString(Qt::ISODate));
    object.insert(QLatin1String("end"), event.end.toString(Qt::ISODate));
    object.insert(QLatin1String("allDay"), event.allDay);
    object.insert(QLatin1String("timeZone"), event.timeZoneId);
    object.insert(QLatin1String("organizer"), personJson(event.organizer));
    QJsonArray attendees;
    for (const Attendee &attendee : event.attendees) {
        QJsonObject entry = personJson(attendee.person);
        entry.insert(QLatin1String("role"), attendee.role);
        entry.insert(QLatin1String("status"), attendee.participationStatus);
        entry.insert(QLatin1String("rsvp"), attendee.rsvp);
        attendees.append(entry);
    }
    object.insert(QLatin1String("attendees"), attendees);
    if (!event.recurrenceRule.isEmpty()) {
        object.insert(QLatin1String("recurrence"), event.recurrence);
        object.insert(QLatin1String("rrule"), event.recurrenceRule);
    }
    if (event.recurrenceId.isValid()) {
        object.insert(QLatin1String("recurrenceId"), event.recurrenceId.toString(Qt::ISODate));
    }
    object.insert(QLatin1String("conferenceLinks"),
                  QJsonArray::fromStringList(event.conferenceLinks));
    object.insert(QLatin1String("alarms"), event.alarms);
    return object;
}

} // namespace

QString Invitation::summaryText(const QTimeZone &viewerZone) const
{
    const Event *event = mainEvent();
    if (event == nullptr) {
        return QStringLiteral("Calendar (%1) without events\n")
                .arg(method.isEmpty() ? QStringLiteral("no method") : method);
    }
    QString out =
            QStringLiteral("Invitation (%1): %2\n")
                    .arg(method.isEmpty() ? QStringLiteral("no method") : method, event->summary);
    out += QStringLiteral("  When:      ") + whenText(*event, viewerZone) + QLatin1Char('\n');
    if (!event->recurrence.isEmpty()) {
        out += QStringLiteral("  Repeats:   ") + event->recurrence + QLatin1Char('\n');
    }
    if (!event->location.isEmpty()) {
        out += QStringLiteral("  Where:     ") + event->location + QLatin1Char('\n');
    }
    out += QStringLiteral("  Organizer: ") + personText(event->organizer) + QLatin1Char('\n');
    for (const Attendee &attendee : event->attendees) {
        out += QStringLiteral("  Attendee:  %1 (%2)\n")
                       .arg(personText(attendee.person), attendee.participationStatus.isEmpty()
                                                                 ? QStringLiteral("NEEDS-ACTION")
                                                                 : attendee.participationStatus);
    }
    for (const QString &link : event->conferenceLinks) {
        out += QStringLiteral("  Join:      ") + link + QLatin1Char('\n');
    }
    if (events.size() > 1) {
        out += QStringLiteral("  (%1 events: a series with its exceptions)\n").arg(events.size());
    }
    return out;
}

QJsonObject Invitation::toJson() const
{
    QJsonObject object;
    object.insert(QLatin1String("method"), method);
    object.insert(QLatin1String("productId"), productId);
    QJsonArray list;
    for (const Event &event : events) {
        list.append(eventJson(event));
    }
    object.insert(QLatin1String("events"), list);
    object.insert(QLatin1String("warnings"), QJsonArray::fromStringList(warnings));
    return object;
}

} // namespace Postern::Calendar
