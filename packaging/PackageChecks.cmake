# Read by cpack before it builds a package (CPACK_PROJECT_CONFIG_FILE in Package.cmake).
if(CPACK_GENERATOR STREQUAL "DEB" AND NOT CPACK_PACKAGING_INSTALL_PREFIX STREQUAL "/usr")
    message(FATAL_ERROR
        "a Debian package installs into /usr, but this build directory was configured for "
        "'${CPACK_PACKAGING_INSTALL_PREFIX}': configure it with -DCMAKE_INSTALL_PREFIX=/usr")
endif()
