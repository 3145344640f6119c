// libFuzzer target for the IMAP view of a message: decrypted content comes from whoever sent
// the mail, so every FETCH item the proxy renders from it must survive anything.

#include "core/imap/FetchItems.h"
#include "core/imap/MessageView.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using Postern::Imap::FetchItem;
    const QByteArray input(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    const Postern::Imap::MessageView view(Postern::Imap::canonicalLineEnds(input));
    qsizetype consumed = 0;
    QString error;
    const auto items = Postern::Imap::parseFetchItems(
            "(BODYSTRUCTURE BODY ENVELOPE RFC822.SIZE RFC822 RFC822.HEADER RFC822.TEXT BODY[] "
            "BODY[HEADER] BODY[TEXT] BODY[1] BODY[1.MIME] BODY[1.1] BODY[2.1.MIME] BODY[2.HEADER] "
            "BODY[2.TEXT] BODY[1.2.3.4.5] BODY[HEADER.FIELDS (FROM SUBJECT)] "
            "BODY[HEADER.FIELDS.NOT (TO)] BODY[]<7.100> BODY[1]<0.0>)",
            &consumed, &error);
    if (items) {
        for (const FetchItem &item : *items) {
            (void)view.render(item);
        }
    }
    return 0;
}
