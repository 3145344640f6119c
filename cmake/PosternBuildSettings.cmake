# One INTERFACE target carries every compile setting the project's own targets share, so a
# target opts in by linking it instead of by global flags.
add_library(postern_build_settings INTERFACE)

target_compile_options(postern_build_settings INTERFACE
    -Wall -Wextra -Wpedantic
    -Wshadow -Wnon-virtual-dtor -Wcast-align -Woverloaded-virtual -Wformat=2
    $<$<BOOL:${POSTERN_WERROR}>:-Werror>
    # Qt's logging macros take an empty variadic argument, which clang's -Wpedantic flags.
    $<$<CXX_COMPILER_ID:Clang>:-Wno-gnu-zero-variadic-macro-arguments>)

# QT_NO_KEYWORDS is required, not taste: GMime pulls in GIO headers that use `signals` as a name.
target_compile_definitions(postern_build_settings INTERFACE
    QT_NO_KEYWORDS
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_CAST_FROM_BYTEARRAY
    QT_NO_URL_CAST_FROM_STRING
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
    QT_NO_FOREACH
    QT_USE_QSTRINGBUILDER
    QT_DISABLE_DEPRECATED_BEFORE=0x060400
    OPENSSL_API_COMPAT=30000
    OPENSSL_NO_DEPRECATED)

# The hardening Debian builds its packages with (dpkg-buildflags, hardening=+all): stack
# protection, checked string functions, read-only relocations resolved at start. Not for the
# sanitizer and fuzzer builds, which bring their own checks and dislike some of these.
if(NOT POSTERN_SANITIZE AND NOT POSTERN_FUZZ)
    target_compile_options(postern_build_settings INTERFACE
        -fstack-protector-strong -fstack-clash-protection
        $<$<NOT:$<CONFIG:Debug>>:-U_FORTIFY_SOURCE -D_FORTIFY_SOURCE=2>
        -Wformat -Werror=format-security)
    if(CMAKE_SYSTEM_PROCESSOR MATCHES "x86_64|AMD64|i.86")
        target_compile_options(postern_build_settings INTERFACE -fcf-protection)
    endif()
    target_link_options(postern_build_settings INTERFACE -Wl,-z,relro -Wl,-z,now)
endif()

if(POSTERN_SANITIZE)
    set(_postern_san -fsanitize=address,undefined -fno-sanitize-recover=undefined
        -fno-omit-frame-pointer)
    target_compile_options(postern_build_settings INTERFACE ${_postern_san})
    target_link_options(postern_build_settings INTERFACE ${_postern_san})
endif()

if(POSTERN_FUZZ)
    # Every project target gets coverage instrumentation; the fuzzers add libFuzzer's main.
    set(_postern_fuzz -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer)
    target_compile_options(postern_build_settings INTERFACE ${_postern_fuzz})
    target_link_options(postern_build_settings INTERFACE -fsanitize=address,undefined)
endif()

find_program(POSTERN_CCACHE ccache)
if(POSTERN_CCACHE AND NOT CMAKE_CXX_COMPILER_LAUNCHER)
    set(CMAKE_CXX_COMPILER_LAUNCHER "${POSTERN_CCACHE}")
    set(CMAKE_C_COMPILER_LAUNCHER "${POSTERN_CCACHE}")
endif()
