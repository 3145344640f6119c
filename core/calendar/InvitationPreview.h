#pragma once

#include "core/calendar/Invitation.h"

#include <QAbstractTableModel>
#include <QCoreApplication>
#include <QList>
#include <QLocale>
#include <QString>
#include <QStringList>
#include <QTimeZone>

namespace Postern::Calendar {

/** Where a preview is read: the zone its times are shown in and the locale that writes dates. */
struct PreviewOptions
{
    QTimeZone displayZone = QTimeZone::systemTimeZone();
    QLocale locale;
    QString securityVerdict; // the message's verdict, already worded; empty: no such row
};

/** One line of a preview pane: what it is, its label and its text. */
struct PreviewRow
{
    enum class Kind {
        Headline,
        Title,
        Security,
        When,
        OriginalTime,
        Duration,
        Recurrence,
        Occurrences,
        Location,
        Conference,
        Organizer,
        Attendee,
        Responses,
        Description,
        HtmlDescription,
        Reminder,
        Attachment,
        BusyStatus,
        Warning,
    };

    Kind kind = Kind::Headline;
    QString label;
    QString value;
};

/** An attendee as the preview lists them: under the group of their answer. */
struct PreviewAttendee
{
    QString status; // the PARTSTAT the group stands for: ACCEPTED, TENTATIVE, …, NEEDS-ACTION
    QString group;  // the group's name for people: "Accepted", "Awaiting answer"
    QString text;   // "Alice <alice@example.org> (chair)"
};

/**
 * What a preview pane shows of an invitation (the activity view's in-app preview and the file
 * inspector), every text already worded and translated in the context of this class. Built
 * once from an Invitation; it holds copies only.
 */
struct InvitationPreview
{
    Q_DECLARE_TR_FUNCTIONS(Postern::Calendar::InvitationPreview)

public:
    InvitationPreview() = default;
    explicit InvitationPreview(const Invitation &invitation, const PreviewOptions &options = {});

    QString headline; // "Invitation", "Updated invitation", "Reply: Alice accepted", …
    QString title;
    QString security;
    QString when;         // in the display zone, with that zone named
    QString originalTime; // in the event's own zone, when that differs from the display zone
    QString duration;
    QString recurrence;
    QString occurrences; // the changed and skipped occurrences of a series
    QString location;
    QStringList conferenceLinks;
    QString organizer;
    QList<PreviewAttendee> attendees;            // accepted first, then tentative, declined, …
    QList<std::pair<QString, int>> statusCounts; // PARTSTAT and how many, in the same order
    QString responses;                           // "2 accepted, 1 awaiting answer"
    QString description;
    bool hasHtmlDescription = false;
    QStringList reminders;
    QStringList attachments;
    QString busyStatus;
    QStringList warnings;

    /** The non-empty parts, in the order a pane shows them. */
    QList<PreviewRow> rows() const;
};

/**
 * The rows of an InvitationPreview for a QTableView (label, value) or a QListView (the value
 * column, or the roles). Holds its own copy of the preview.
 */
class InvitationPreviewModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        LabelColumn,
        ValueColumn,
        ColumnCount
    };

    enum Role {
        KindRole = Qt::UserRole + 1,
        LabelRole,
        ValueRole
    };

    explicit InvitationPreviewModel(QObject *parent = nullptr);

    void setPreview(const InvitationPreview &preview);

    const InvitationPreview &preview() const { return m_preview; }

    /** The row's kind, for a delegate that styles warnings or groups attendees. */
    PreviewRow::Kind kind(int row) const;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant
    headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

private:
    InvitationPreview m_preview;
    QList<PreviewRow> m_rows;
};

} // namespace Postern::Calendar
