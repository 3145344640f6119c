#include "GMimeRuntime.h"

#include <gmime/gmime.h>

#include <mutex>

namespace Postern::Mime {

void ensureGMime()
{
    static std::once_flag once;
    std::call_once(once, [] {
        g_mime_init();
        // Messages whose headers carry raw 8-bit text are decoded with the charsets real mail
        // uses most before falling back to Latin-1, instead of being shown as mojibake.
        static const char *fallbacks[] = {"utf-8", "windows-1252", "iso-8859-1", nullptr};
        GMimeParserOptions *options = g_mime_parser_options_get_default();
        g_mime_parser_options_set_fallback_charsets(options, fallbacks);
    });
}

} // namespace Postern::Mime
