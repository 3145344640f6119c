// libFuzzer target for the message reader: MIME structure, S/MIME layer detection, base64 and
// CMS parsing, signature checks and the tree summary, on arbitrary bytes.

#include "core/mime/MimeTree.h"
#include "core/smime/SecureMessage.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input = QByteArray::fromRawData(reinterpret_cast<const char *>(data),
                                                     static_cast<qsizetype>(size));

    Postern::Smime::ReadOptions options;
    options.trust.useSystemRoots = false;
    const auto result = Postern::Smime::read(input, options);
    if (result) {
        (void)Postern::Smime::toJson(*result);
        (void)Postern::Mime::summarize(result->decryptedMessage());
    } else {
        (void)Postern::Mime::summarize(input);
    }
    return 0;
}
