# Install rules: headers, the library, a CMake package (find_package(signet))
# and a pkg-config file.
include(CMakePackageConfigHelpers)

install(TARGETS signet EXPORT signetTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY include/signet DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})

set(SIGNET_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/signet)
install(EXPORT signetTargets NAMESPACE signet:: DESTINATION ${SIGNET_CMAKE_DIR})
# A build-tree export lets a consumer use an uninstalled build directory.
export(EXPORT signetTargets NAMESPACE signet:: FILE ${CMAKE_CURRENT_BINARY_DIR}/signetTargets.cmake)

configure_package_config_file(cmake/signetConfig.cmake.in
  ${CMAKE_CURRENT_BINARY_DIR}/signetConfig.cmake INSTALL_DESTINATION ${SIGNET_CMAKE_DIR})
write_basic_package_version_file(${CMAKE_CURRENT_BINARY_DIR}/signetConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/signetConfig.cmake
              ${CMAKE_CURRENT_BINARY_DIR}/signetConfigVersion.cmake
        DESTINATION ${SIGNET_CMAKE_DIR})

# A static libsignet needs its dependencies on the link line; a shared one does not.
if(BUILD_SHARED_LIBS)
  set(SIGNET_PC_REQUIRES "")
  set(SIGNET_PC_REQUIRES_PRIVATE "libcrypto zlib simdjson libsodium")
else()
  set(SIGNET_PC_REQUIRES "libcrypto zlib simdjson libsodium")
  set(SIGNET_PC_REQUIRES_PRIVATE "")
endif()
if(SIGNET_HAS_REDIS)
  if(BUILD_SHARED_LIBS)
    string(APPEND SIGNET_PC_REQUIRES_PRIVATE " hiredis")
  else()
    string(APPEND SIGNET_PC_REQUIRES " hiredis")
  endif()
endif()
# signet.pc locates its prefix from its own directory (${pcfiledir}), so it
# stays right when installed with `cmake --install --prefix DIR`.
if(IS_ABSOLUTE "${CMAKE_INSTALL_LIBDIR}")
  set(SIGNET_PC_PREFIX "${CMAKE_INSTALL_PREFIX}")
else()
  file(RELATIVE_PATH _signet_pc_up "/${CMAKE_INSTALL_LIBDIR}/pkgconfig" "/")
  string(REGEX REPLACE "/$" "" _signet_pc_up "${_signet_pc_up}")
  set(SIGNET_PC_PREFIX "\${pcfiledir}/${_signet_pc_up}")
endif()
foreach(_dir LIBDIR INCLUDEDIR)
  if(IS_ABSOLUTE "${CMAKE_INSTALL_${_dir}}")
    set(SIGNET_PC_${_dir} "${CMAKE_INSTALL_${_dir}}")
  else()
    set(SIGNET_PC_${_dir} "\${prefix}/${CMAKE_INSTALL_${_dir}}")
  endif()
endforeach()
configure_file(cmake/signet.pc.in ${CMAKE_CURRENT_BINARY_DIR}/signet.pc @ONLY)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/signet.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
