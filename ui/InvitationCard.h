#pragma once

#include "core/calendar/InvitationPreview.h"
#include "core/crypto/Cms.h"
#include "core/smime/SecureMessage.h"

#include <QByteArray>
#include <QFrame>
#include <QTimeZone>

class QLabel;
class QPushButton;
class QGridLayout;

namespace Postern::Ui {

struct AppContext;
class DayTimeline;

/** The verdict on one signature, in words for people. */
QString describeSignature(Crypto::SignatureStatus status);

/** The verdict on a whole message, in words for people. */
QString describeIntegrity(Smime::Integrity integrity);

/** "Encrypted (AES-128-CBC), signed by Alice <alice@example.com>: signature valid" for the
 *  security line of an invitation card; "Not encrypted, not signed" for plain mail. */
QString describeSecurity(const Smime::ReadResult &result);

/**
 * An invitation shown the way a calendar application shows it: title, when (in the user's
 * zone, with the event's own zone when that differs), a painted day timeline with the event,
 * organizer, attendees by answer, location, conference link, recurrence, description and the
 * security line, with buttons to export the .ics and to copy the details.
 */
class InvitationCard : public QFrame
{
    Q_OBJECT

public:
    explicit InvitationCard(AppContext *context, QWidget *parent = nullptr);

    /** Shows the iCalendar object @p calendar; @p security is the worded security line (empty:
     *  none). Times are shown in @p displayZone. */
    void setCalendar(const QByteArray &calendar,
                     const QString &security,
                     const QTimeZone &displayZone = QTimeZone::systemTimeZone());

    /** Shows an already built preview without calendar data (nothing to export, no timeline). */
    void setPreview(const Calendar::InvitationPreview &preview);

    void clear();

    const Calendar::InvitationPreview &preview() const { return m_preview; }

    QByteArray calendar() const { return m_calendar; }

    /** Every shown row as "Label: value" lines, as "Copy details" puts it on the clipboard. */
    QString detailsText() const;

    /** Writes the iCalendar object to @p path; false with @p error set when it cannot. */
    bool exportCalendar(const QString &path, QString *error) const;

public Q_SLOTS:
    void copyDetails();
    void exportWithDialog();

private:
    void rebuild();
    void addRow(const QString &name, const QString &label, const QString &value, bool rich);

    Calendar::InvitationPreview m_preview;
    QByteArray m_calendar;
    QDateTime m_start;
    QDateTime m_end;
    bool m_allDay = false;

    QLabel *m_headline = nullptr;
    QLabel *m_title = nullptr;
    QLabel *m_warnings = nullptr;
    DayTimeline *m_timeline = nullptr;
    QWidget *m_rowsWidget = nullptr;
    QGridLayout *m_rows = nullptr;
    QPushButton *m_export = nullptr;
    QPushButton *m_copy = nullptr;
};

} // namespace Postern::Ui
