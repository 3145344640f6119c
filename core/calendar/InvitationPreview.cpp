#include "InvitationPreview.h"

#include "core/base/Logging.h"

#include <algorithm>
#include <cstdlib>

namespace Postern::Calendar {

namespace {

using Preview = InvitationPreview;

QString personText(const Person &person)
{
    QString text = person.name.isEmpty() || person.address.isEmpty()
                           ? person.name + person.address
                           : QStringLiteral("%1 <%2>").arg(person.name, person.address);
    if (!person.sentBy.isEmpty()) {
        text = InvitationPreview::tr("%1 (sent by %2)").arg(text, person.sentBy);
    }
    return text;
}

QString shortName(const Person &person)
{
    return person.name.isEmpty() ? person.address : person.name;
}

// RFC 5546, 3.2: what the METHOD asks of the reader; for a REPLY, what the attendee answered.
QString replyHeadline(const Event *event)
{
    if (event == nullptr || event->attendees.isEmpty()) {
        return InvitationPreview::tr("Reply");
    }
    const Attendee &attendee = event->attendees.constFirst();
    const QString name = shortName(attendee.person);
    const QString status = attendee.participationStatus.toUpper();
    if (status == QLatin1String("ACCEPTED")) {
        return InvitationPreview::tr("Reply: %1 accepted").arg(name);
    }
    if (status == QLatin1String("DECLINED")) {
        return InvitationPreview::tr("Reply: %1 declined").arg(name);
    }
    if (status == QLatin1String("TENTATIVE")) {
        return InvitationPreview::tr("Reply: %1 tentatively accepted").arg(name);
    }
    if (status == QLatin1String("DELEGATED")) {
        return InvitationPreview::tr("Reply: %1 delegated").arg(name);
    }
    return InvitationPreview::tr("Reply from %1").arg(name);
}

QString headlineFor(const Invitation &invitation, const Event *event)
{
    const QString method = invitation.method.toUpper();
    const bool cancelled =
            event != nullptr
            && event->status.compare(QLatin1String("CANCELLED"), Qt::CaseInsensitive) == 0;
    if (method == QLatin1String("CANCEL") || (cancelled && method != QLatin1String("REPLY"))) {
        return event != nullptr && event->recurrenceId.isValid() && invitation.events.size() == 1
                       ? InvitationPreview::tr("Cancelled occurrence")
                       : InvitationPreview::tr("Cancelled");
    }
    if (method == QLatin1String("REQUEST")) {
        return event != nullptr && event->sequence > 0 ? InvitationPreview::tr("Updated invitation")
                                                       : InvitationPreview::tr("Invitation");
    }
    if (method == QLatin1String("REPLY")) {
        return replyHeadline(event);
    }
    if (method == QLatin1String("COUNTER")) {
        return event == nullptr || event->attendees.isEmpty()
                       ? InvitationPreview::tr("Counter-proposal")
                       : InvitationPreview::tr("Counter-proposal from %1")
                                 .arg(shortName(event->attendees.constFirst().person));
    }
    if (method == QLatin1String("DECLINECOUNTER")) {
        return InvitationPreview::tr("Counter-proposal declined");
    }
    if (method == QLatin1String("ADD")) {
        return InvitationPreview::tr("Added occurrences");
    }
    if (method == QLatin1String("REFRESH")) {
        return InvitationPreview::tr("Request for the latest version");
    }
    if (method == QLatin1String("PUBLISH")) {
        return InvitationPreview::tr("Published event");
    }
    return method.isEmpty() ? InvitationPreview::tr("Calendar event")
                            : InvitationPreview::tr("Calendar message (%1)").arg(invitation.method);
}

QString lengthText(qint64 seconds)
{
    const qint64 days = seconds / 86400;
    const qint64 hours = seconds % 86400 / 3600;
    const qint64 minutes = seconds % 3600 / 60;
    QStringList parts;
    if (days > 0) {
        parts.append(days == 1 ? InvitationPreview::tr("1 day")
                               : InvitationPreview::tr("%1 days").arg(days));
    }
    if (hours > 0) {
        parts.append(hours == 1 ? InvitationPreview::tr("1 hour")
                                : InvitationPreview::tr("%1 hours").arg(hours));
    }
    if (minutes > 0 || parts.isEmpty()) {
        parts.append(minutes == 1 ? InvitationPreview::tr("1 minute")
                                  : InvitationPreview::tr("%1 minutes").arg(minutes));
    }
    return parts.join(QLatin1Char(' '));
}

// "Wednesday, 16 March 2022, 12:00 – 13:00", or across days with both dates.
QString spanText(const QDateTime &start, const QDateTime &end, const QLocale &locale)
{
    const QString startDate = locale.toString(start.date(), QLocale::LongFormat);
    const QString startTime = locale.toString(start.time(), QLocale::ShortFormat);
    if (!end.isValid() || end == start) {
        return InvitationPreview::tr("%1, %2").arg(startDate, startTime);
    }
    const QString endTime = locale.toString(end.time(), QLocale::ShortFormat);
    if (end.date() == start.date()) {
        return InvitationPreview::tr("%1, %2 – %3").arg(startDate, startTime, endTime);
    }
    return InvitationPreview::tr("%1, %2 – %3, %4")
            .arg(startDate, startTime, locale.toString(end.date(), QLocale::LongFormat), endTime);
}

// An all-day event ends on the day before its DTEND (RFC 5545, 3.6.1).
QString allDayText(const Event &event, const QLocale &locale)
{
    const QDate first = event.start.date();
    QDate last = event.end.isValid() ? event.end.date().addDays(-1) : first;
    last = std::max(last, first);
    if (last == first) {
        return InvitationPreview::tr("%1 (all day)")
                .arg(locale.toString(first, QLocale::LongFormat));
    }
    return InvitationPreview::tr("%1 – %2 (all day)")
            .arg(locale.toString(first, QLocale::LongFormat),
                 locale.toString(last, QLocale::LongFormat));
}

void fillTimes(const Event &event, const PreviewOptions &options, Preview &preview)
{
    if (!event.start.isValid()) {
        preview.when = InvitationPreview::tr("No start time given");
        return;
    }
    if (event.allDay) {
        preview.when = allDayText(event, options.locale);
        const qint64 days = event.end.isValid() ? event.start.date().daysTo(event.end.date()) : 1;
        preview.duration = lengthText(std::max<qint64>(days, 1) * 86400);
        return;
    }
    if (event.end.isValid() && event.start.secsTo(event.end) > 0) {
        preview.duration = lengthText(event.start.secsTo(event.end));
    }
    if (event.floating) {
        preview.when = InvitationPreview::tr("%1 (local time wherever you are)")
                               .arg(spanText(event.start, event.end, options.locale));
        return;
    }
    const QTimeZone &zone = options.displayZone;
    const QDateTime end = event.end.isValid() ? event.end.toTimeZone(zone) : QDateTime();
    preview.when = InvitationPreview::tr("%1 (%2)").arg(
            spanText(event.start.toTimeZone(zone), end, options.locale),
            QString::fromUtf8(zone.id()));
    if (event.start.timeSpec() == Qt::TimeZone && event.start.timeZone().id() != zone.id()) {
        const QTimeZone own = event.start.timeZone();
        const QDateTime ownEnd = event.end.isValid() ? event.end.toTimeZone(own) : QDateTime();
        preview.originalTime = InvitationPreview::tr("%1 (%2)").arg(
                spanText(event.start, ownEnd, options.locale), QString::fromUtf8(own.id()));
    }
}

struct StatusGroup
{
    const char *status;
    QString name;
};

// The order a pane lists answers in; an empty PARTSTAT means NEEDS-ACTION (RFC 5545, 3.2.12).
QList<StatusGroup> statusGroups()
{
    return {{"ACCEPTED", InvitationPreview::tr("Accepted")},
            {"TENTATIVE", InvitationPreview::tr("Tentative")},
            {"DECLINED", InvitationPreview::tr("Declined")},
            {"DELEGATED", InvitationPreview::tr("Delegated")},
            {"NEEDS-ACTION", InvitationPreview::tr("Awaiting answer")},
            {"", InvitationPreview::tr("Other answer")}};
}

QString statusCountText(const QString &status, int count)
{
    if (status == QLatin1String("ACCEPTED")) {
        return InvitationPreview::tr("%1 accepted").arg(count);
    }
    if (status == QLatin1String("TENTATIVE")) {
        return InvitationPreview::tr("%1 tentative").arg(count);
    }
    if (status == QLatin1String("DECLINED")) {
        return InvitationPreview::tr("%1 declined").arg(count);
    }
    if (status == QLatin1String("DELEGATED")) {
        return InvitationPreview::tr("%1 delegated").arg(count);
    }
    if (status == QLatin1String("NEEDS-ACTION")) {
        return InvitationPreview::tr("%1 awaiting answer").arg(count);
    }
    return InvitationPreview::tr("%1 other").arg(count);
}

// RFC 5545, 3.2.16 (ROLE, REQ-PARTICIPANT when absent) and 3.2.3 (CUTYPE).
QString attendeeText(const Attendee &attendee)
{
    QStringList notes;
    const QString role = attendee.role.toUpper();
    if (role == QLatin1String("CHAIR")) {
        notes.append(InvitationPreview::tr("chair"));
    } else if (role == QLatin1String("OPT-PARTICIPANT")) {
        notes.append(InvitationPreview::tr("optional"));
    } else if (role == QLatin1String("NON-PARTICIPANT")) {
        notes.append(InvitationPreview::tr("for information"));
    } else {
        notes.append(InvitationPreview::tr("required"));
    }
    const QString type = attendee.userType.toUpper();
    if (type == QLatin1String("ROOM")) {
        notes.append(InvitationPreview::tr("room"));
    } else if (type == QLatin1String("RESOURCE")) {
        notes.append(InvitationPreview::tr("resource"));
    } else if (type == QLatin1String("GROUP")) {
        notes.append(InvitationPreview::tr("group"));
    }
    if (!attendee.delegatedTo.isEmpty()) {
        notes.append(InvitationPreview::tr("delegated to %1")
                             .arg(attendee.delegatedTo.join(QStringLiteral(", "))));
    }
    return InvitationPreview::tr("%1 (%2)").arg(personText(attendee.person),
                                                notes.join(QStringLiteral(", ")));
}

void fillAttendees(const Event &event, Preview &preview)
{
    const QList<StatusGroup> groups = statusGroups();
    QStringList counts;
    for (const StatusGroup &group : groups) {
        const QString status = QLatin1String(group.status);
        int count = 0;
        for (const Attendee &attendee : event.attendees) {
            QString own = attendee.participationStatus.toUpper();
            own = own.isEmpty() ? QStringLiteral("NEEDS-ACTION") : own;
            const bool known =
                    std::any_of(groups.cbegin(), groups.cend() - 1, [&own](const StatusGroup &g) {
                        return own == QLatin1String(g.status);
                    });
            if (own == status || (status.isEmpty() && !known)) {
                preview.attendees.append({status, group.name, attendeeText(attendee)});
                ++count;
            }
        }
        if (count > 0) {
            preview.statusCounts.append({status, count});
            counts.append(statusCountText(status, count));
        }
    }
    preview.responses = counts.join(QStringLiteral(", "));
}

QString reminderText(const Alarm &alarm, const PreviewOptions &options)
{
    if (alarm.at.isValid()) {
        const QDateTime at = alarm.at.toTimeZone(options.displayZone);
        return InvitationPreview::tr("At %1").arg(spanText(at, QDateTime(), options.locale));
    }
    const QString length = lengthText(std::abs(alarm.offsetSeconds));
    if (alarm.relativeToEnd) {
        return alarm.offsetSeconds == 0  ? InvitationPreview::tr("At the end")
               : alarm.offsetSeconds < 0 ? InvitationPreview::tr("%1 before the end").arg(length)
                                         : InvitationPreview::tr("%1 after the end").arg(length);
    }
    return alarm.offsetSeconds == 0  ? InvitationPreview::tr("At the start")
           : alarm.offsetSeconds < 0 ? InvitationPreview::tr("%1 before the start").arg(length)
                                     : InvitationPreview::tr("%1 after the start").arg(length);
}

// X-MICROSOFT-CDO-BUSYSTATUS as Outlook names its values.
QString busyText(const QString &status)
{
    const QString upper = status.toUpper();
    if (upper == QLatin1String("FREE")) {
        return InvitationPreview::tr("Free");
    }
    if (upper == QLatin1String("TENTATIVE")) {
        return InvitationPreview::tr("Tentative");
    }
    if (upper == QLatin1String("BUSY")) {
        return InvitationPreview::tr("Busy");
    }
    if (upper == QLatin1String("OOF")) {
        return InvitationPreview::tr("Out of office");
    }
    if (upper == QLatin1String("WORKINGELSEWHERE")) {
        return InvitationPreview::tr("Working elsewhere");
    }
    return status;
}

QString occurrencesText(const Invitation &invitation, const Event &event)
{
    QStringList parts;
    const qsizetype changed =
            std::count_if(invitation.events.cbegin(), invitation.events.cend(),
                          [](const Event &other) { return other.recurrenceId.isValid(); });
    if (!event.recurrenceId.isValid() && changed > 0) {
        parts.append(changed == 1 ? InvitationPreview::tr("1 changed occurrence")
                                  : InvitationPreview::tr("%1 changed occurrences").arg(changed));
    }
    const qsizetype skipped = event.exceptionDates.size();
    if (skipped > 0) {
        parts.append(skipped == 1 ? InvitationPreview::tr("1 date left out")
                                  : InvitationPreview::tr("%1 dates left out").arg(skipped));
    }
    return parts.join(QStringLiteral(", "));
}

void fillEvent(const Invitation &invitation,
               const Event &event,
               const PreviewOptions &options,
               Preview &preview)
{
    preview.title = event.summary;
    fillTimes(event, options, preview);
    if (!event.recurrenceRule.isEmpty()) {
        preview.recurrence = describeRecurrence(event.recurrenceRule.toUtf8(), options.displayZone);
    }
    preview.occurrences = occurrencesText(invitation, event);
    preview.location = event.location;
    preview.conferenceLinks = event.conferenceLinks;
    preview.organizer = personText(event.organizer);
    fillAttendees(event, preview);
    preview.description = event.description.trimmed().isEmpty() ? QString() : event.description;
    preview.hasHtmlDescription = !event.htmlDescription.trimmed().isEmpty();
    for (const Alarm &alarm : event.reminders) {
        preview.reminders.append(reminderText(alarm, options));
    }
    for (const QString &attachment : event.attachments) {
        preview.attachments.append(attachment == QLatin1String("(embedded file)")
                                           ? InvitationPreview::tr("Embedded file")
                                           : attachment);
    }
    preview.busyStatus = busyText(event.busyStatus);
}

void addRow(QList<PreviewRow> &rows,
            PreviewRow::Kind kind,
            const QString &label,
            const QString &value)
{
    if (!value.isEmpty()) {
        rows.append({kind, label, value});
    }
}

} // namespace

InvitationPreview::InvitationPreview(const Invitation &invitation, const PreviewOptions &options)
{
    const Event *event = invitation.mainEvent();
    headline = headlineFor(invitation, event);
    security = options.securityVerdict;
    if (event != nullptr) {
        fillEvent(invitation, *event, options, *this);
    }
    warnings = invitation.warnings;
    qCDebug(lcCalendar) << "preview built:" << invitation.events.size() << "events,"
                        << warnings.size() << "warnings";
}

QList<PreviewRow> InvitationPreview::rows() const
{
    using Kind = PreviewRow::Kind;
    QList<PreviewRow> rows;
    addRow(rows, Kind::Headline, tr("Calendar message"), headline);
    addRow(rows, Kind::Title, tr("Title"), title);
    addRow(rows, Kind::Security, tr("Security"), security);
    addRow(rows, Kind::When, tr("When"), when);
    addRow(rows, Kind::OriginalTime, tr("Original time"), originalTime);
    addRow(rows, Kind::Duration, tr("Duration"), duration);
    addRow(rows, Kind::Recurrence, tr("Repeats"), recurrence);
    addRow(rows, Kind::Occurrences, tr("Exceptions"), occurrences);
    addRow(rows, Kind::Location, tr("Where"), location);
    for (const QString &link : conferenceLinks) {
        addRow(rows, Kind::Conference, tr("Join online"), link);
    }
    addRow(rows, Kind::Organizer, tr("Organizer"), organizer);
    for (const PreviewAttendee &attendee : attendees) {
        addRow(rows, Kind::Attendee, attendee.group, attendee.text);
    }
    addRow(rows, Kind::Responses, tr("Responses"), responses);
    addRow(rows, Kind::Description, tr("Description"), description);
    if (hasHtmlDescription) {
        addRow(rows, Kind::HtmlDescription, tr("Formatted description"), tr("Available"));
    }
    for (const QString &reminder : reminders) {
        addRow(rows, Kind::Reminder, tr("Reminder"), reminder);
    }
    for (const QString &attachment : attachments) {
        addRow(rows, Kind::Attachment, tr("Attachment"), attachment);
    }
    addRow(rows, Kind::BusyStatus, tr("Show as"), busyStatus);
    for (const QString &warning : warnings) {
        addRow(rows, Kind::Warning, tr("Warning"), warning);
    }
    return rows;
}

InvitationPreviewModel::InvitationPreviewModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void InvitationPreviewModel::setPreview(const InvitationPreview &preview)
{
    beginResetModel();
    m_preview = preview;
    m_rows = preview.rows();
    endResetModel();
}

PreviewRow::Kind InvitationPreviewModel::kind(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).kind : PreviewRow::Kind::Headline;
}

int InvitationPreviewModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int InvitationPreviewModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant InvitationPreviewModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const PreviewRow &row = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        return index.column() == LabelColumn ? row.label : row.value;
    case KindRole:
        return static_cast<int>(row.kind);
    case LabelRole:
        return row.label;
    case ValueRole:
        return row.value;
    default:
        return {};
    }
}

QVariant
InvitationPreviewModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    if (section == LabelColumn) {
        return InvitationPreview::tr("Field");
    }
    return section == ValueColumn ? QVariant(InvitationPreview::tr("Details")) : QVariant();
}

QHash<int, QByteArray> InvitationPreviewModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(KindRole, "kind");
    names.insert(LabelRole, "label");
    names.insert(ValueRole, "value");
    return names;
}

} // namespace Postern::Calendar
