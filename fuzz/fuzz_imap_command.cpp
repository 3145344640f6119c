// libFuzzer target for what a mail client sends the IMAP proxy: commands with literals, cut
// into pieces whose sizes come from the input, and the FETCH item lists the proxy reads.

#include "core/imap/ClientCommand.h"
#include "core/imap/FetchItems.h"

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
    Postern::Imap::ClientCommandReader reader(4096, 64 * 1024);
    for (qsizetype offset = 0; offset < input.size(); offset += chunk) {
        reader.feed(input.mid(offset, chunk));
        for (;;) {
            const auto status = reader.next();
            if (status == Postern::Imap::ClientCommandReader::Status::Command) {
                const Postern::Imap::ClientCommand command = reader.takeCommand();
                (void)command.upstreamPieces(false);
                (void)command.upstreamPieces(true);
                continue;
            }
            if (status == Postern::Imap::ClientCommandReader::Status::Continue) {
                continue;
            }
            if (status == Postern::Imap::ClientCommandReader::Status::Error && reader.recover()) {
                continue;
            }
            break;
        }
    }
    qsizetype consumed = 0;
    QString error;
    (void)Postern::Imap::parseFetchItems(input, &consumed, &error);
    (void)Postern::Imap::astring(input);
    return 0;
}
