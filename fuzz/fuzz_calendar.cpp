// libFuzzer target for the calendar side: iCalendar parsing into the invitation model, the
// search for calendar parts in a MIME tree, and the .ics conversion, on arbitrary bytes.

#include "core/calendar/Invitation.h"
#include "core/calendar/Rehydration.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    const Postern::Calendar::Invitation invitation = Postern::Calendar::parseInvitation(input);
    (void)invitation.toJson();
    (void)invitation.summaryText(QTimeZone::utc());
    for (const Postern::Calendar::CalendarPart &part :
         Postern::Calendar::findCalendarParts(input)) {
        (void)Postern::Calendar::parseInvitation(part.calendar);
    }
    (void)Postern::Calendar::convertToIcsAttachment(input);
    return 0;
}
