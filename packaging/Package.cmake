# CPack settings for the Debian 12 package, included by the top-level CMakeLists.txt after
# every install rule. `cpack` in a build directory configured with
# -DCMAKE_INSTALL_PREFIX=/usr makes postern_VERSION_ARCH.deb there.

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME postern)
set(CPACK_PACKAGE_VENDOR "The Postern developers")
set(CPACK_PACKAGE_CONTACT "Postern maintainers <maintainers@postern.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "S/MIME mail proxies and desktop client that keep encrypted invitations working")
set(CPACK_PACKAGE_HOMEPAGE_URL "${PROJECT_HOMEPAGE_URL}")
# The package installs where the program was built to be installed: the unit file and the
# translation look-up name that place.
set(CPACK_PACKAGING_INSTALL_PREFIX "${CMAKE_INSTALL_PREFIX}")
# Release binaries without their debugging sections; a .deb with them is five times larger.
set(CPACK_STRIP_FILES ON)

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${CPACK_PACKAGE_CONTACT}")
set(CPACK_DEBIAN_PACKAGE_SECTION mail)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# The extended description; the synopsis line before it is CPACK_PACKAGE_DESCRIPTION_SUMMARY.
# No line may start with a dot: dpkg reads that as a control statement.
set(CPACK_PACKAGE_DESCRIPTION
    "Postern runs on your own machine between your mail client and your mail
servers. A local SMTP proxy applies your policy to outgoing mail (encrypt,
sign, both, send in clear, block, or turn a meeting invitation into an .ics
attachment); a local IMAP proxy decrypts and verifies incoming S/MIME mail and
gives encrypted invitations back to the mail client as real invitations.
.
A Qt window manages accounts, policies and certificates and inspects the
files mail is made of (.eml, .p7m, .p7s, .ics); postern --headless runs the
proxies as a systemd user service.")

# dpkg-shlibdeps (package dpkg-dev) finds the libraries the program links. It cannot see what
# Qt loads as plugins or what the program reads at run time:
#  - qt6-qpa-plugins: the xcb and Wayland platform plugins the window needs;
#  - libqt6svg6: the SVG icon engine, for the icons (all of them SVG);
#  - ca-certificates: the system roots the real mail servers' certificates are checked against.
# qt6-translations-l10n only translates Qt's own texts (standard buttons, file dialogs); the
# program works without it, so it is recommended, not required.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "qt6-qpa-plugins, libqt6svg6, ca-certificates")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "qt6-translations-l10n")
# The keyring that can hold the store passphrase (any Secret Service provider will do).
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "gnome-keyring | keepassxc | libkf5wallet-bin")

# Checked when cpack runs, not at configure time: a developer's build may use any prefix, a
# package for Debian may not.
set(CPACK_PROJECT_CONFIG_FILE "${CMAKE_CURRENT_LIST_DIR}/PackageChecks.cmake")

include(CPack)
