#pragma once

#include <QByteArrayView>

#include <algorithm>

namespace Postern {

/** True when @p bytes holds nothing but blanks and line breaks. Stops at the first other byte,
 *  so it costs nothing on a large message (unlike trimmed(), which copies). */
inline bool isBlank(QByteArrayView bytes)
{
    return std::all_of(bytes.begin(), bytes.end(),
                       [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; });
}

} // namespace Postern
