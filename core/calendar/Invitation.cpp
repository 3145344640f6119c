#include "Invitation.h"

#include "core/base/Handles.h"
#include "core/base/Logging.h"

#include <QJsonArray>
#include <QLocale>
#include <QRegularExpression>
#include <QStringDecoder>
#include <QTimeZone>

#include <algorithm>
#include <iterator>
#include <limits>
#include <mutex>

namespace Postern::Calendar {

namespace {

using Handles::IcalComponent;

// The source text as written, before libical reads it.
//
// libical trims the blanks around every value and returns no tree at all when a BEGIN lacks
// its END. So the text is first read line by line here: the structure is repaired (every
// component closed, stray END lines dropped, each repair a warning), and the first value of
// each property is kept as written for the components the model reads. libical then parses the
// repaired text, which nests exactly as the list of components kept here.

// Deeper nesting than any producer writes; the limit bounds the work on hostile input.
constexpr qsizetype maxNesting = 64;

// The first value of each property of one component, as written (unfolded, still escaped).
using RawValues = QHash<QByteArray, QByteArray>;

struct ContentLine
{
    QByteArray name; // upper case
    QByteArray value;
};

// RFC 5545, 3.1: name, parameters, ":" and the value; a ":" inside a quoted parameter value
// does not end the parameters.
ContentLine splitContentLine(const QByteArray &line)
{
    ContentLine content;
    qsizetype nameEnd = -1;
    bool quoted = false;
    for (qsizetype index = 0; index < line.size(); ++index) {
        const char character = line.at(index);
        if (character == '"') {
            quoted = !quoted;
        } else if ((character == ';' || character == ':') && nameEnd < 0) {
            nameEnd = index;
        }
        if (character == ':' && !quoted) {
            content.name = line.left(nameEnd).trimmed().toUpper();
            content.value = line.mid(index + 1);
            return content;
        }
    }
    content.name = line.left(nameEnd < 0 ? line.size() : nameEnd).trimmed().toUpper();
    return content;
}

// Lines end in CRLF, LF or a lone CR; a line starting with a blank continues the one before.
QList<QByteArray> unfoldedLines(const QByteArray &text)
{
    QList<QByteArray> lines;
    qsizetype start = 0;
    while (start < text.size()) {
        qsizetype end = start;
        while (end < text.size() && text.at(end) != '\n' && text.at(end) != '\r') {
            ++end;
        }
        const QByteArray line = text.mid(start, end - start);
        if (end + 1 < text.size() && text.at(end) == '\r' && text.at(end + 1) == '\n') {
            ++end;
        }
        start = end + 1;
        if (!lines.isEmpty() && (line.startsWith(' ') || line.startsWith('\t'))) {
            lines.last().append(line.mid(1));
        } else if (!line.trimmed().isEmpty()) {
            lines.append(line);
        }
    }
    return lines;
}

struct Source
{
    QByteArray balanced;             // the text libical reads
    RawValues calendar;              // the first VCALENDAR
    QList<RawValues> calendarEvents; // its VEVENTs, in order
    QList<RawValues> topLevelEvents; // VEVENTs outside any VCALENDAR, in order
};

class SourceReader
{
public:
    explicit SourceReader(QStringList &warnings)
        : m_warnings(warnings)
    {
    }

    Source read(const QByteArray &text)
    {
        for (const QByteArray &line : unfoldedLines(text)) {
            readLine(line);
        }
        while (!m_stack.isEmpty()) {
            closeTop(QStringLiteral("at the end of the calendar"));
        }
        return std::move(m_source);
    }

private:
    struct Open
    {
        QByteArray name;
        RawValues *values = nullptr;
    };

    void readLine(const QByteArray &line)
    {
        const ContentLine content = splitContentLine(line);
        if (m_skippedDepth > 0) {
            m_skippedDepth += content.name == "BEGIN" ? 1 : 0;
            m_skippedDepth -= content.name == "END" ? 1 : 0;
            return;
        }
        if (content.name == "BEGIN") {
            begin(content.value.trimmed().toUpper());
        } else if (content.name == "END") {
            end(content.value.trimmed().toUpper());
        } else if (m_stack.isEmpty()) {
            warnOnce(m_outsideWarned, QStringLiteral("text outside any component was ignored"));
        } else {
            m_source.balanced += line + "\r\n";
            RawValues *values = m_stack.constLast().values;
            if (values != nullptr && !values->contains(content.name)) {
                values->insert(content.name, content.value);
            }
        }
    }

    void begin(const QByteArray &name)
    {
        if (name.isEmpty()) {
            m_warnings.append(QStringLiteral("a BEGIN line without a component name was ignored"));
            m_skippedDepth = 1;
            return;
        }
        closeMisplaced(name);
        if (m_stack.size() >= maxNesting) {
            warnOnce(m_depthWarned, QStringLiteral("components nested deeper than %1 levels "
                                                   "were ignored")
                                            .arg(maxNesting));
            m_skippedDepth = 1;
            return;
        }
        m_stack.append({name, valuesFor(name)});
        m_source.balanced += "BEGIN:" + name + "\r\n";
    }

    // A VCALENDAR holds the other kinds directly (RFC 5545, 3.4 and 3.6): a BEGIN of one of them
    // deeper down means the component before it lacks its END.
    void closeMisplaced(const QByteArray &name)
    {
        static const QList<QByteArray> calendarChildren = {"VEVENT", "VTODO", "VJOURNAL",
                                                           "VFREEBUSY", "VTIMEZONE"};
        const QString reason = QStringLiteral("before the next %1").arg(QString::fromUtf8(name));
        if (name == "VCALENDAR") {
            while (!m_stack.isEmpty()) {
                closeTop(reason);
            }
            return;
        }
        if (calendarChildren.contains(name) && m_stack.size() > 1
            && m_stack.constFirst().name == "VCALENDAR") {
            while (m_stack.size() > 1) {
                closeTop(reason);
            }
        }
    }

    void end(const QByteArray &name)
    {
        qsizetype match = m_stack.size() - 1;
        while (match >= 0 && m_stack.at(match).name != name) {
            --match;
        }
        if (match < 0) {
            m_warnings.append(QStringLiteral("\"END:%1\" without its BEGIN was ignored")
                                      .arg(QString::fromUtf8(name.left(40))));
            return;
        }
        while (m_stack.size() - 1 > match) {
            closeTop(QStringLiteral("by END:%1").arg(QString::fromUtf8(name)));
        }
        m_stack.removeLast();
        m_source.balanced += "END:" + name + "\r\n";
    }

    void closeTop(const QString &reason)
    {
        const QByteArray name = m_stack.takeLast().name;
        m_warnings.append(QStringLiteral("the %1 has no END line: closed %2")
                                  .arg(QString::fromUtf8(name.left(40)), reason));
        m_source.balanced += "END:" + name + "\r\n";
    }

    // Only the components the model reads keep their values: the first VCALENDAR, its VEVENTs,
    // and VEVENTs standing alone. At most one component of each list is open at a time, so a
    // pointer into a list stays valid for as long as it is used.
    RawValues *valuesFor(const QByteArray &name)
    {
        if (name == "VCALENDAR" && m_stack.isEmpty() && !m_calendarSeen) {
            m_calendarSeen = true;
            return &m_source.calendar;
        }
        if (name != "VEVENT") {
            return nullptr;
        }
        if (m_stack.isEmpty()) {
            m_source.topLevelEvents.append(RawValues());
            return &m_source.topLevelEvents.last();
        }
        if (m_stack.size() == 1 && m_stack.constFirst().values == &m_source.calendar) {
            m_source.calendarEvents.append(RawValues());
            return &m_source.calendarEvents.last();
        }
        return nullptr;
    }

    void warnOnce(bool &warned, const QString &warning)
    {
        if (!warned) {
            m_warnings.append(warning);
            warned = true;
        }
    }

    QStringList &m_warnings;
    Source m_source;
    QList<Open> m_stack;
    qsizetype m_skippedDepth = 0;
    bool m_calendarSeen = false;
    bool m_outsideWarned = false;
    bool m_depthWarned = false;
};

// RFC 5545, 3.3.11: "\\", "\;", "\," and "\n" (or "\N") stand for themselves and a line break.
QString unescapedText(const QByteArray &value)
{
    QByteArray out;
    out.reserve(value.size());
    for (qsizetype index = 0; index < value.size(); ++index) {
        const char character = value.at(index);
        if (character != '\\' || index + 1 == value.size()) {
            out.append(character);
            continue;
        }
        const char next = value.at(++index);
        out.append(next == 'n' || next == 'N' ? '\n' : next);
    }
    return QString::fromUtf8(out);
}

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
    if (!date.isValid()) {
        return {};
    }
    if (time.is_date != 0) {
        return QDateTime(date, QTime(0, 0), Qt::LocalTime);
    }
    const QTime clock(time.hour, time.minute, time.second);
    if (!clock.isValid()) {
        return {};
    }
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

const QLocale &english()
{
    static const QLocale locale(QLocale::English, QLocale::UnitedKingdom);
    return locale;
}

QString weekdayName(int weekday)
{
    // libical counts Sunday as 1; Qt counts Monday as 1.
    const int qtDay = weekday == 1 ? 7 : weekday - 1;
    return english().dayName(qtDay);
}

// 1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st…
QString numberOrdinal(int number)
{
    const int lastTwo = number % 100;
    const int last = number % 10;
    const char *suffix = "th";
    if (lastTwo < 11 || lastTwo > 13) {
        suffix = last == 1 ? "st" : last == 2 ? "nd" : last == 3 ? "rd" : "th";
    }
    return QString::number(number) + QLatin1String(suffix);
}

// A position in a set (RFC 5545, 3.3.10): 1 "first", -1 "last", -2 "second-to-last".
QString positionWord(int position)
{
    static const char *const names[] = {"", "first", "second", "third", "fourth", "fifth"};
    if (position == -1) {
        return QStringLiteral("last");
    }
    if (position < 0) {
        return positionWord(-position) + QStringLiteral("-to-last");
    }
    return position <= 5 ? QLatin1String(names[position]) : numberOrdinal(position);
}

QString joinWords(const QStringList &words, const QString &conjunction = QStringLiteral("and"))
{
    if (words.size() <= 1) {
        return words.join(QString());
    }
    return QStringList(words.mid(0, words.size() - 1)).join(QStringLiteral(", ")) + QLatin1Char(' ')
           + conjunction + QLatin1Char(' ') + words.last();
}

// The values of one BYxxx part; libical ends each list with ICAL_RECURRENCE_ARRAY_MAX.
QList<int> ruleList(const short *values, int size)
{
    QList<int> list;
    for (int index = 0; index < size && values[index] != ICAL_RECURRENCE_ARRAY_MAX; ++index) {
        list.append(values[index]);
    }
    return list;
}

// The BYxxx parts of a rule that a sentence names (RFC 5545, 3.3.10).
struct RuleParts
{
    QList<int> days;
    QList<int> monthDays;
    QList<int> months;
    QList<int> setPositions;
    QList<int> yearDays;
    QList<int> weekNumbers;
    QList<int> hours;
    QList<int> minutes;

    explicit RuleParts(const icalrecurrencetype &rule)
        : days(ruleList(rule.by_day, ICAL_BY_DAY_SIZE))
        , monthDays(ruleList(rule.by_month_day, ICAL_BY_MONTHDAY_SIZE))
        , months(ruleList(rule.by_month, ICAL_BY_MONTH_SIZE))
        , setPositions(ruleList(rule.by_set_pos, ICAL_BY_SETPOS_SIZE))
        , yearDays(ruleList(rule.by_year_day, ICAL_BY_YEARDAY_SIZE))
        , weekNumbers(ruleList(rule.by_week_no, ICAL_BY_WEEKNO_SIZE))
        , hours(ruleList(rule.by_hour, ICAL_BY_HOUR_SIZE))
        , minutes(ruleList(rule.by_minute, ICAL_BY_MINUTE_SIZE))
    {
        months.removeIf([](int month) { return month < 1 || month > 12; });
    }

    bool daysHavePositions() const
    {
        return std::any_of(days.cbegin(), days.cend(), [](int day) {
            return icalrecurrencetype_day_position(static_cast<short>(day)) != 0;
        });
    }

    // The plain weekdays named, in libical's numbering (Sunday 1 … Saturday 7).
    QList<int> plainWeekdays() const
    {
        QList<int> weekdays;
        for (const int day : days) {
            weekdays.append(icalrecurrencetype_day_day_of_week(static_cast<short>(day)));
        }
        std::sort(weekdays.begin(), weekdays.end());
        return weekdays;
    }

    bool isWorkWeek() const
    {
        return !daysHavePositions() && plainWeekdays() == QList<int>{2, 3, 4, 5, 6};
    }

    bool isWeekend() const { return !daysHavePositions() && plainWeekdays() == QList<int>{1, 7}; }
};

QString dayPhrase(int byDay, bool plural)
{
    const int position = icalrecurrencetype_day_position(static_cast<short>(byDay));
    const QString day = weekdayName(icalrecurrencetype_day_day_of_week(static_cast<short>(byDay)));
    if (position == 0) {
        return plural ? day + QLatin1Char('s') : day;
    }
    return QStringLiteral("the %1 %2").arg(positionWord(position), day);
}

// "Monday and Wednesday", "the first Monday", "the last weekday" (BYSETPOS picks from the set).
QString daysPhrase(const RuleParts &parts, bool plural)
{
    if (!parts.setPositions.isEmpty() && !parts.daysHavePositions()) {
        QStringList names;
        for (const int day : parts.days) {
            names.append(dayPhrase(day, false));
        }
        const QString set = parts.isWorkWeek()  ? QStringLiteral("weekday")
                            : parts.isWeekend() ? QStringLiteral("weekend day")
                                                : joinWords(names, QStringLiteral("or"));
        QStringList positions;
        for (const int position : parts.setPositions) {
            positions.append(positionWord(position));
        }
        return QStringLiteral("the %1 %2").arg(joinWords(positions), set);
    }
    QStringList words;
    for (const int day : parts.days) {
        words.append(dayPhrase(day, plural));
    }
    return joinWords(words);
}

// "the 1st, 15th and last day"
QString monthDaysPhrase(const QList<int> &monthDays, const QString &conjunction)
{
    QStringList words;
    for (const int day : monthDays) {
        words.append(day > 0     ? numberOrdinal(day)
                     : day == -1 ? QStringLiteral("last day")
                                 : positionWord(day) + QStringLiteral(" day"));
    }
    return QStringLiteral("the ") + joinWords(words, conjunction);
}

QString monthsPhrase(const QList<int> &months)
{
    QStringList names;
    for (const int month : months) {
        names.append(english().monthName(month));
    }
    return joinWords(names);
}

// MONTHLY: "on the last Friday", "on the 1st and 15th", "on Friday the 13th".
QString monthlyPattern(const RuleParts &parts)
{
    QString pattern;
    const bool oneDayOneDate = parts.days.size() == 1 && parts.monthDays.size() == 1
                               && !parts.daysHavePositions() && parts.setPositions.isEmpty()
                               && parts.monthDays.first() > 0;
    if (oneDayOneDate) {
        pattern = QStringLiteral(" on %1 the %2")
                          .arg(dayPhrase(parts.days.first(), false),
                               numberOrdinal(parts.monthDays.first()));
    } else if (!parts.days.isEmpty()) {
        pattern = QStringLiteral(" on ") + daysPhrase(parts, !parts.daysHavePositions());
        if (!parts.monthDays.isEmpty()) {
            pattern += QStringLiteral(" that fall on ")
                       + monthDaysPhrase(parts.monthDays, QStringLiteral("or"));
        }
    } else if (!parts.monthDays.isEmpty()) {
        pattern = QStringLiteral(" on ") + monthDaysPhrase(parts.monthDays, QStringLiteral("and"));
    }
    if (!parts.months.isEmpty()) {
        pattern += QStringLiteral(" in ") + monthsPhrase(parts.months);
    }
    return pattern;
}

// YEARLY with dates: "on 17 March", "on 1 and 15 March", "on 1 March and 1 June",
// "on the last day of February".
QString yearlyDatesPattern(const RuleParts &parts)
{
    const bool allPositive = std::all_of(parts.monthDays.cbegin(), parts.monthDays.cend(),
                                         [](int day) { return day > 0; });
    if (parts.months.size() == 1 && allPositive) {
        QStringList numbers;
        for (const int day : parts.monthDays) {
            numbers.append(QString::number(day));
        }
        return QStringLiteral(" on %1 %2")
                .arg(joinWords(numbers), english().monthName(parts.months.first()));
    }
    if (parts.months.size() > 1 && parts.monthDays.size() == 1 && allPositive) {
        QStringList dates;
        for (const int month : parts.months) {
            dates.append(QStringLiteral("%1 %2")
                                 .arg(parts.monthDays.first())
                                 .arg(english().monthName(month)));
        }
        return QStringLiteral(" on ") + joinWords(dates);
    }
    const QString days = monthDaysPhrase(parts.monthDays, QStringLiteral("and"));
    return parts.months.isEmpty()
                   ? QStringLiteral(" on %1 of every month").arg(days)
                   : QStringLiteral(" on %1 of %2").arg(days, monthsPhrase(parts.months));
}

// YEARLY: dates, weekdays ("on the fourth Thursday of November"), or only months.
QString yearlyPattern(const RuleParts &parts)
{
    QString pattern;
    if (!parts.days.isEmpty()) {
        const bool positioned = parts.daysHavePositions() || !parts.setPositions.isEmpty();
        pattern = QStringLiteral(" on ") + daysPhrase(parts, !positioned);
        if (!parts.monthDays.isEmpty()) {
            pattern += QStringLiteral(" that fall on ")
                       + monthDaysPhrase(parts.monthDays, QStringLiteral("or"));
        }
        if (!parts.months.isEmpty()) {
            pattern += (positioned ? QStringLiteral(" of ") : QStringLiteral(" in "))
                       + monthsPhrase(parts.months);
        }
    } else if (!parts.monthDays.isEmpty()) {
        pattern = yearlyDatesPattern(parts);
    } else if (!parts.months.isEmpty()) {
        pattern = QStringLiteral(" in ") + monthsPhrase(parts.months);
    }
    if (!parts.yearDays.isEmpty()) {
        pattern += QStringLiteral(" on ")
                   + monthDaysPhrase(parts.yearDays, QStringLiteral("and"))
                             .replace(QLatin1String(" day"), QString())
                   + QStringLiteral(" day of the year");
    }
    if (!parts.weekNumbers.isEmpty()) {
        QStringList weeks;
        for (const int week : parts.weekNumbers) {
            weeks.append(QString::number(week));
        }
        pattern += QStringLiteral(" in week ") + joinWords(weeks);
    }
    return pattern;
}

// " at 09:00 and 17:30" for BYHOUR with BYMINUTE; a long cross product is left out.
QString timesPhrase(const RuleParts &parts)
{
    const QList<int> minutes = parts.minutes.isEmpty() ? QList<int>{0} : parts.minutes;
    if (parts.hours.isEmpty() || parts.hours.size() * minutes.size() > 8) {
        return {};
    }
    QStringList times;
    for (const int hour : parts.hours) {
        for (const int minute : minutes) {
            times.append(QStringLiteral("%1:%2")
                                 .arg(hour, 2, 10, QLatin1Char('0'))
                                 .arg(minute, 2, 10, QLatin1Char('0')));
        }
    }
    return QStringLiteral(" at ") + joinWords(times);
}

/**
 * UNTIL as a real date or date-time (RFC 5545 3.3.10: a DATE, or a DATE-TIME, floating or UTC),
 * or why not. libical takes "20271345T250000Z" for a date, which would then be left out of the
 * sentence and the rule read as endless.
 */
QString untilProblem(const QByteArray &value)
{
    QByteArray digits = value.trimmed();
    digits.replace('-', QByteArray()).replace(':', QByteArray()); // libical's lenient spellings
    static const QRegularExpression shape(
            QStringLiteral("^(\\d{4})(\\d{2})(\\d{2})(T(\\d{2})(\\d{2})(\\d{2})Z?)?$"));
    const QRegularExpressionMatch match = shape.match(QString::fromLatin1(digits.left(32)));
    bool sound = match.hasMatch()
                 && QDate(match.captured(1).toInt(), match.captured(2).toInt(),
                          match.captured(3).toInt())
                            .isValid();
    // 60: a leap second, which RFC 5545 allows.
    if (sound && match.hasCaptured(4)) {
        sound = match.captured(5).toInt() <= 23 && match.captured(6).toInt() <= 59
                && match.captured(7).toInt() <= 60;
    }
    return sound ? QString()
                 : QStringLiteral("UNTIL=%1 is not a date")
                           .arg(QString::fromUtf8(value.trimmed().left(24)));
}

/**
 * A number in the rule that libical would store wrapped or that RFC 5545 3.3.10 does not
 * allow, or an UNTIL that is no date, named; empty when every value is sound. libical keeps
 * COUNT in an int and INTERVAL in a short, so "COUNT=99999999999" would otherwise read as some
 * other count.
 */
QString ruleNumberProblem(const QByteArray &rrule)
{
    struct Bounds
    {
        const char *name;
        qint64 lowest;
        qint64 highest;
        bool signedValue; // -highest..-lowest is allowed too
    };

    static const Bounds bounds[] = {
            {"COUNT", 1, std::numeric_limits<int>::max(), false},
            {"INTERVAL", 1, std::numeric_limits<short>::max(), false},
            {"BYSECOND", 0, 60, false},
            {"BYMINUTE", 0, 59, false},
            {"BYHOUR", 0, 23, false},
            {"BYMONTHDAY", 1, 31, true},
            {"BYYEARDAY", 1, 366, true},
            {"BYWEEKNO", 1, 53, true},
            {"BYMONTH", 1, 12, false},
            {"BYSETPOS", 1, 366, true},
    };
    for (const QByteArray &part : rrule.split(';')) {
        const qsizetype equals = part.indexOf('=');
        const QByteArray name = part.left(equals).trimmed().toUpper();
        if (equals >= 0 && name == "UNTIL") {
            if (QString problem = untilProblem(part.mid(equals + 1)); !problem.isEmpty()) {
                return problem;
            }
            continue;
        }
        const auto rule = std::find_if(std::begin(bounds), std::end(bounds),
                                       [&name](const Bounds &b) { return name == b.name; });
        if (equals < 0 || rule == std::end(bounds)) {
            continue;
        }
        for (const QByteArray &item : part.mid(equals + 1).split(',')) {
            if (name == "BYMONTH" && item.trimmed().toUpper().endsWith('L')) {
                continue; // a leap month of a non-Gregorian calendar (RFC 7529)
            }
            bool number = false;
            const qint64 value = item.trimmed().toLongLong(&number);
            const qint64 size = value < 0 ? -value : value;
            const bool allowed = number && size >= rule->lowest && size <= rule->highest
                                 && (value >= 0 || rule->signedValue);
            if (!allowed) {
                return QStringLiteral("%1=%2 is out of range")
                        .arg(QLatin1String(name), QString::fromUtf8(item.trimmed().left(24)));
            }
        }
    }
    return {};
}

QString endPhrase(const icalrecurrencetype &rule, const QTimeZone &viewerZone)
{
    if (icaltime_is_null_time(rule.until) == 0) {
        QDate date(rule.until.year, rule.until.month, rule.until.day);
        const QTime clock(rule.until.hour, rule.until.minute, rule.until.second);
        if (rule.until.is_date == 0 && icaltime_is_utc(rule.until) != 0 && date.isValid()
            && clock.isValid() && viewerZone.isValid()) {
            date = QDateTime(date, clock, Qt::UTC).toTimeZone(viewerZone).date();
        }
        return date.isValid() ? QStringLiteral(" until ")
                                        + english().toString(date, QStringLiteral("d MMMM yyyy"))
                              : QString();
    }
    if (rule.count > 0) {
        return rule.count == 1 ? QStringLiteral(", once")
                               : QStringLiteral(", %1 times").arg(rule.count);
    }
    return {};
}

// "every weekday" and "every Monday and Friday", where the frequency and the days say the same.
QString daysAsFrequency(const icalrecurrencetype &rule, const RuleParts &parts)
{
    const bool daily = rule.freq == ICAL_DAILY_RECURRENCE;
    const bool weekly = rule.freq == ICAL_WEEKLY_RECURRENCE;
    if (rule.interval > 1 || !parts.setPositions.isEmpty() || parts.days.isEmpty()
        || parts.daysHavePositions()) {
        return {};
    }
    if ((daily || weekly) && parts.isWorkWeek()) {
        return QStringLiteral("every weekday");
    }
    return daily ? QStringLiteral("every ") + daysPhrase(parts, false) : QString();
}

// "every day", "every 2 weeks"
QString frequencyPhrase(const icalrecurrencetype &rule)
{
    static const QHash<int, std::pair<const char *, const char *>> units = {
            {ICAL_SECONDLY_RECURRENCE, {"second", "seconds"}},
            {ICAL_MINUTELY_RECURRENCE, {"minute", "minutes"}},
            {ICAL_HOURLY_RECURRENCE, {"hour", "hours"}},
            {ICAL_DAILY_RECURRENCE, {"day", "days"}},
            {ICAL_WEEKLY_RECURRENCE, {"week", "weeks"}},
            {ICAL_MONTHLY_RECURRENCE, {"month", "months"}},
            {ICAL_YEARLY_RECURRENCE, {"year", "years"}},
    };
    const auto &[one, many] = units.value(rule.freq);
    return rule.interval > 1
                   ? QStringLiteral("every %1 %2").arg(rule.interval).arg(QLatin1String(many))
                   : QStringLiteral("every ") + QLatin1String(one);
}

// A date or date-time property whose value could not be read, named with its value as written:
// libical either drops it (and says so, then nothing is added) or returns an impossible date.
void checkTime(icalcomponent *component,
               icalproperty_kind kind,
               const QDateTime &time,
               const RawValues *raw,
               QStringList &warnings)
{
    const QByteArray name(icalproperty_kind_to_string(kind));
    if (raw == nullptr || !raw->contains(name)) {
        return;
    }
    const bool dropped = icalcomponent_get_first_property(component, kind) == nullptr;
    if (time.isValid() && !dropped) {
        return;
    }
    const QString value = QString::fromUtf8(raw->value(name).trimmed().left(80));
    const QString property = QString::fromUtf8(name);
    const bool alreadySaid = std::any_of(warnings.cbegin(), warnings.cend(), [&](const QString &w) {
        return w.contains(property) && w.contains(value);
    });
    if (!alreadySaid) {
        warnings.append(QStringLiteral("%1 has the value \"%2\", which is not a date or a "
                                       "date-time")
                                .arg(property, value));
    }
}

// RFC 5545, 3.6.1: the end is DTEND, or DTSTART plus DURATION, or absent. The end from a
// DURATION is counted in the start's own zone (libical loses a zone it has no VTIMEZONE for);
// libical gives no end when both are written, and the producers that do so mean DTEND.
void readEnd(icalcomponent *component, Event &event, QStringList &warnings)
{
    icalproperty *end = icalcomponent_get_first_property(component, ICAL_DTEND_PROPERTY);
    icalproperty *duration = icalcomponent_get_first_property(component, ICAL_DURATION_PROPERTY);
    if (end != nullptr) {
        if (duration != nullptr) {
            warnings.append(QStringLiteral("both DTEND and DURATION are given: DTEND is used"));
        }
        event.end = toDateTime(icalproperty_get_dtend(end), tzidOf(end), warnings);
        return;
    }
    event.end = {};
    if (duration == nullptr || !event.start.isValid()) {
        return;
    }
    const icaldurationtype length = icalproperty_get_duration(duration);
    const int sign = length.is_neg != 0 ? -1 : 1;
    event.end = event.start.addDays(sign * (qint64{length.weeks} * 7 + length.days))
                        .addSecs(sign
                                 * (qint64{length.hours} * 3600 + qint64{length.minutes} * 60
                                    + length.seconds));
}

void readTimes(icalcomponent *component, const RawValues *raw, Event &event, QStringList &warnings)
{
    const icaltimetype start = icalcomponent_get_dtstart(component);
    const QByteArray startZone = propertyParameterTzid(component, ICAL_DTSTART_PROPERTY);
    event.start = toDateTime(start, startZone, warnings);
    readEnd(component, event, warnings);
    checkTime(component, ICAL_DTSTART_PROPERTY, event.start, raw, warnings);
    checkTime(component, ICAL_DTEND_PROPERTY, event.end, raw, warnings);
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
    checkTime(component, ICAL_RECURRENCEID_PROPERTY, event.recurrenceId, raw, warnings);
}

// EXDATE and RDATE: each readable date is kept, each other one is named in a warning.
QList<QDateTime>
readDateList(icalcomponent *component, icalproperty_kind kind, QStringList &warnings)
{
    QList<QDateTime> dates;
    for (icalproperty *property = icalcomponent_get_first_property(component, kind);
         property != nullptr; property = icalcomponent_get_next_property(component, kind)) {
        const icaltimetype time = kind == ICAL_EXDATE_PROPERTY
                                          ? icalproperty_get_exdate(property)
                                          : icalproperty_get_rdate(property).time;
        const QDateTime date = toDateTime(time, tzidOf(property), warnings);
        if (date.isValid()) {
            dates.append(date);
            continue;
        }
        warnings.append(QStringLiteral("%1 has the value \"%2\", which is not a date or a "
                                       "date-time")
                                .arg(text(icalproperty_get_property_name(property)),
                                     text(icalproperty_get_value_as_string(property)).left(80)));
    }
    return dates;
}

void readRecurrence(icalcomponent *component,
                    const RawValues *raw,
                    Event &event,
                    QStringList &warnings)
{
    icalproperty *rule = icalcomponent_get_first_property(component, ICAL_RRULE_PROPERTY);
    if (rule != nullptr) {
        // As written: libical's own text of the rule holds numbers it has already wrapped.
        event.recurrenceRule = raw != nullptr && raw->contains("RRULE")
                                       ? QString::fromUtf8(raw->value("RRULE").trimmed())
                                       : text(icalproperty_get_value_as_string(rule));
        event.recurrence = describeRecurrence(event.recurrenceRule.toUtf8());
        if (event.recurrence.isEmpty()) {
            const QString why = ruleNumberProblem(event.recurrenceRule.toUtf8());
            warnings.append(QStringLiteral("RRULE \"%1\" could not be read%2")
                                    .arg(event.recurrenceRule.left(80),
                                         why.isEmpty() ? QString() : QStringLiteral(": ") + why));
        }
    }
    event.exceptionDates = readDateList(component, ICAL_EXDATE_PROPERTY, warnings);
    event.extraDates = readDateList(component, ICAL_RDATE_PROPERTY, warnings);
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

// RFC 5545, 3.6.6 and 3.8.6.3: a trigger is a duration from the start (or the end), or a time.
Alarm readAlarm(icalcomponent *alarmComponent, QStringList &warnings)
{
    Alarm alarm;
    icalproperty *action = icalcomponent_get_first_property(alarmComponent, ICAL_ACTION_PROPERTY);
    alarm.action = action == nullptr ? QString() : text(icalproperty_get_value_as_string(action));
    icalproperty *trigger = icalcomponent_get_first_property(alarmComponent, ICAL_TRIGGER_PROPERTY);
    if (trigger == nullptr) {
        return alarm;
    }
    const icaltriggertype when = icalproperty_get_trigger(trigger);
    if (icaltime_is_null_time(when.time) == 0) {
        alarm.at = toDateTime(when.time, tzidOf(trigger), warnings);
        return alarm;
    }
    alarm.offsetSeconds = icaldurationtype_as_int(when.duration);
    icalparameter *related = icalproperty_get_first_parameter(trigger, ICAL_RELATED_PARAMETER);
    alarm.relativeToEnd =
            related != nullptr && icalparameter_get_related(related) == ICAL_RELATED_END;
    return alarm;
}

void readExtras(icalcomponent *component, Event &event, QStringList &warnings)
{
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
    for (icalcomponent *alarm = icalcomponent_get_first_component(component, ICAL_VALARM_COMPONENT);
         alarm != nullptr;
         alarm = icalcomponent_get_next_component(component, ICAL_VALARM_COMPONENT)) {
        event.reminders.append(readAlarm(alarm, warnings));
    }
    event.alarms = static_cast<int>(event.reminders.size());
    event.busyStatus = xProperty(component, "X-MICROSOFT-CDO-BUSYSTATUS");
    event.intendedStatus = xProperty(component, "X-MICROSOFT-CDO-INTENDEDSTATUS");
}

// A TEXT value as written when the source was read, since libical trims its blanks; libical's
// value otherwise.
QString textValue(const RawValues *raw, const char *name, const char *fromLibical)
{
    if (raw != nullptr && raw->contains(name)) {
        return unescapedText(raw->value(name));
    }
    return text(fromLibical);
}

Event readEvent(icalcomponent *component, const RawValues *raw, QStringList &warnings)
{
    Event event;
    event.uid = text(icalcomponent_get_uid(component));
    // The source's values belong to this component only if they name the same UID.
    if (raw != nullptr && unescapedText(raw->value("UID")).trimmed() != event.uid.trimmed()) {
        raw = nullptr;
    }
    event.sequence = icalcomponent_get_sequence(component);
    icalproperty *status = icalcomponent_get_first_property(component, ICAL_STATUS_PROPERTY);
    event.status = status == nullptr ? QString() : text(icalproperty_get_value_as_string(status));
    event.summary = textValue(raw, "SUMMARY", icalcomponent_get_summary(component));
    event.location = textValue(raw, "LOCATION", icalcomponent_get_location(component));
    event.description = textValue(raw, "DESCRIPTION", icalcomponent_get_description(component));
    event.htmlDescription = raw != nullptr && raw->contains("X-ALT-DESC")
                                    ? unescapedText(raw->value("X-ALT-DESC"))
                                    : xProperty(component, "X-ALT-DESC");
    readPeople(component, event);
    readTimes(component, raw, event, warnings);
    readRecurrence(component, raw, event, warnings);
    readExtras(component, event, warnings);
    return event;
}

// An empty TEXT value is valid (RFC 5545, 3.3.11), yet libical drops the property and reports it;
// the model then holds the empty text, so there is nothing to warn about.
bool isEmptyTextComplaint(const QString &error)
{
    static const QRegularExpression complaint(QStringLiteral(
            "^No value for (SUMMARY|LOCATION|DESCRIPTION|COMMENT|CONTACT|X-ALT-DESC) property"));
    return complaint.match(error).hasMatch();
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
        const QString error = text(icalproperty_get_xlicerror(property)).simplified();
        if (!isEmptyTextComplaint(error)) {
            warnings.append(error);
        }
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

QString describeRecurrence(const QByteArray &rrule, const QTimeZone &viewerZone)
{
    if (!ruleNumberProblem(rrule).isEmpty()) {
        return {};
    }
    const icalrecurrencetype rule = icalrecurrencetype_from_string(rrule.constData());
    if (rule.freq < ICAL_SECONDLY_RECURRENCE || rule.freq > ICAL_YEARLY_RECURRENCE) {
        return {};
    }
    const RuleParts parts(rule);
    QString sentence = daysAsFrequency(rule, parts);
    const bool daysSaid = !sentence.isEmpty();
    if (!daysSaid) {
        sentence = frequencyPhrase(rule);
    }
    if (rule.freq == ICAL_MONTHLY_RECURRENCE) {
        sentence += monthlyPattern(parts);
    } else if (rule.freq == ICAL_YEARLY_RECURRENCE) {
        sentence += yearlyPattern(parts);
    } else {
        if (!parts.days.isEmpty() && !daysSaid) {
            sentence += QStringLiteral(" on ") + daysPhrase(parts, false);
        }
        if (!parts.months.isEmpty()) {
            sentence += QStringLiteral(" in ") + monthsPhrase(parts.months);
        }
    }
    return sentence + timesPhrase(parts) + endPhrase(rule, viewerZone);
}

QString describeRecurrence(const QByteArray &rrule)
{
    return describeRecurrence(rrule, QTimeZone::systemTimeZone());
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

namespace {

// METHOD as libical knows it (upper case), or as written when libical has no name for it.
QString methodOf(icalcomponent *calendar, const RawValues &raw)
{
    icalproperty *method = icalcomponent_get_first_property(calendar, ICAL_METHOD_PROPERTY);
    if (method != nullptr) {
        const icalproperty_method known = icalproperty_get_method(method);
        if (known != ICAL_METHOD_X && known != ICAL_METHOD_NONE) {
            return text(icalproperty_get_value_as_string(method)).toUpper();
        }
    }
    if (raw.contains("METHOD")) {
        return unescapedText(raw.value("METHOD")).trimmed();
    }
    return method == nullptr ? QString() : text(icalproperty_get_value_as_string(method));
}

void readEvents(icalcomponent *parent, const QList<RawValues> &raw, Invitation &invitation)
{
    qsizetype index = 0;
    for (icalcomponent *event = icalcomponent_get_first_component(parent, ICAL_VEVENT_COMPONENT);
         event != nullptr;
         event = icalcomponent_get_next_component(parent, ICAL_VEVENT_COMPONENT), ++index) {
        const RawValues *values = index < raw.size() ? &raw.at(index) : nullptr;
        invitation.events.append(readEvent(event, values, invitation.warnings));
    }
}

} // namespace

Invitation parseInvitation(const QByteArray &icalendar)
{
    Invitation invitation;
    QByteArray utf8 = asUtf8(icalendar, invitation.warnings);
    if (utf8.contains('\0')) {
        invitation.warnings.append(QStringLiteral("NUL bytes in the calendar were removed"));
        utf8.replace(QByteArrayView("\0", 1), QByteArrayView());
    }
    const Source source = SourceReader(invitation.warnings).read(utf8);
    IcalComponent root(icalparser_parse_string(source.balanced.constData()));
    if (!root) {
        invitation.warnings.append(QStringLiteral("no iCalendar object found"));
        return invitation;
    }
    icalcomponent *calendar = root.get();
    if (icalcomponent_isa(calendar) == ICAL_VEVENT_COMPONENT) {
        invitation.warnings.append(QStringLiteral("a VEVENT without VCALENDAR around it"));
        collectParserErrors(calendar, invitation.warnings);
        invitation.events.append(readEvent(
                calendar,
                source.topLevelEvents.isEmpty() ? nullptr : &source.topLevelEvents.first(),
                invitation.warnings));
        return invitation;
    }
    if (icalcomponent_isa(calendar) != ICAL_VCALENDAR_COMPONENT) {
        calendar = icalcomponent_get_first_component(root.get(), ICAL_VCALENDAR_COMPONENT);
    }
    if (calendar == nullptr) {
        invitation.warnings.append(QStringLiteral("no VCALENDAR component"));
        collectParserErrors(root.get(), invitation.warnings);
        readEvents(root.get(), source.topLevelEvents, invitation);
        return invitation;
    }
    invitation.method = methodOf(calendar, source.calendar);
    icalproperty *product = icalcomponent_get_first_property(calendar, ICAL_PRODID_PROPERTY);
    invitation.productId = product == nullptr ? QString() : text(icalproperty_get_prodid(product));
    collectParserErrors(calendar, invitation.warnings);
    readEvents(calendar, source.calendarEvents, invitation);
    if (invitation.events.isEmpty()) {
        invitation.warnings.append(QStringLiteral("the calendar holds no event"));
    }
    qCDebug(lcCalendar) << "calendar read:" << invitation.events.size() << "events,"
                        << invitation.warnings.size() << "warnings";
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
