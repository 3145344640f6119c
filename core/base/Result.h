#pragma once

#include <QString>

#include <tl/expected.hpp>

namespace Postern {

/**
 * A failure as a value: a machine-readable code from the area that failed (each area has its
 * own `enum class`) and a technical detail in English for logs and the command line. Words for
 * people are built in ui/ from the code, never from the detail.
 */
template <typename Code>
struct Error
{
    Code code;
    QString detail;
};

template <typename T, typename Code>
using Result = tl::expected<T, Error<Code>>;

template <typename Code>
tl::unexpected<Error<Code>> fail(Code code, QString detail)
{
    return tl::unexpected<Error<Code>>(Error<Code>{code, std::move(detail)});
}

} // namespace Postern
