#pragma once

#include "core/base/Result.h"
#include "core/calendar/Invitation.h"
#include "core/smime/SecureMessage.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace Postern::Calendar {

/** A calendar object found in a message, and where its header block lies. */
struct CalendarPart
{
    QByteArray section;         // IMAP section number (RFC 3501, 6.4.5)
    QByteArray contentType;     // text/calendar, application/ics…
    QByteArray methodParameter; // the Content-Type's method=, as written
    QString method;             // the METHOD property, upper case
    QString fileName;
    bool live = false;         // an invitation the client should act on, not a file
    bool forwarded = false;    // inside an attached message/rfc822
    bool standalone = false;   // the input was a bare iCalendar file, not a message
    QByteArray calendar;       // the decoded iCalendar bytes
    qsizetype headerStart = 0; // the part's header block in the searched entity
    qsizetype headerEnd = 0;
};

/** Every calendar object in @p entity: text/calendar parts with a method parameter or METHOD
 *  property, application/ics and .ics attachments, inside multipart/alternative, mixed and
 *  related, and forwarded message/rfc822 parts. */
QList<CalendarPart> findCalendarParts(const QByteArray &entity);

/** The security result that travels with a rehydrated message, for the X-Postern-* headers. */
QByteArray securityHeaders(const Smime::ReadResult &result);

struct RehydrateOptions
{
    bool promoteAttachedInvitations = false; // also make .ics attachments live invitations
};

/**
 * The message the mail client should see for a decrypted one: the outer headers without their
 * Content-* fields and without any X-Postern-* field that came from outside, the security
 * headers, Content-Class for meeting messages, and the inner entity in the shape its sender
 * made, with each live calendar part's Content-Type carrying method= (upper case, equal to the
 * METHOD property) and a charset, and without an attachment disposition. Calendar bodies are
 * passed through byte for byte.
 */
QByteArray rehydrate(const Smime::ReadResult &result, const RehydrateOptions &options = {});

enum class ConvertError {
    NoCalendar,
    NotMime,
};

/** The usual workaround for recipients without Postern: the event as an invite.ics attachment
 *  next to a readable text, in a multipart/mixed message with the original outer headers. */
Result<QByteArray, ConvertError> convertToIcsAttachment(const QByteArray &message);

} // namespace Postern::Calendar
