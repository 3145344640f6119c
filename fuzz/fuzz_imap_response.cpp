// libFuzzer target for the IMAP response reader: arbitrary server bytes, fed in pieces whose
// sizes come from the input itself, as a hostile or broken server would send them.

#include "core/imap/ImapResponse.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0) {
        return 0;
    }
    const QByteArray input(reinterpret_cast<const char *>(data) + 1,
                           static_cast<qsizetype>(size - 1));
    const qsizetype chunk = 1 + data[0] % 16;
    Postern::Imap::ResponseReader reader(64 * 1024);
    for (qsizetype offset = 0; offset < input.size(); offset += chunk) {
        reader.feed(input.mid(offset, chunk));
        while (auto response = reader.next()) {
            (void)response->name();
            (void)response->number();
        }
    }
    QString error;
    (void)Postern::Imap::parseResponse(input, &error);
    return 0;
}
