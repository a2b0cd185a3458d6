# Driver of the packaging tests: cmake -DMODE=... -P run_packaging_test.cmake
#
#   MODE=install           configure + build + install signet (library only)
#                          into WORK_DIR/prefix
#   MODE=find_package      build + run find_package_consumer against that prefix
#   MODE=pkg_config        compile + run the consumer with `pkg-config signet`
#   MODE=add_subdirectory  build + run add_subdirectory_consumer on the source tree
#
# Other variables: SOURCE_DIR (signet's source tree), WORK_DIR, GENERATOR,
# MAKE_PROGRAM, CXX_COMPILER, SHARED (BUILD_SHARED_LIBS), PKG_CONFIG
# (pkg-config executable, may be empty).
#
# The inner builds are plain and lean: no sanitizers, no -Werror, no
# tests/CLI/bench, and Debug with -O0 and no debug info (quickest to compile;
# what is tested here is the packaging, not the code generation).
cmake_minimum_required(VERSION 3.25)

foreach(var MODE SOURCE_DIR WORK_DIR GENERATOR CXX_COMPILER)
  if(NOT DEFINED ${var} OR "${${var}}" STREQUAL "")
    message(FATAL_ERROR "run_packaging_test.cmake: ${var} is not set")
  endif()
endforeach()
set(BUILD_TYPE Debug)
if(NOT SHARED)
  set(SHARED OFF)
endif()

set(packaging_dir ${CMAKE_CURRENT_LIST_DIR})
set(prefix ${WORK_DIR}/prefix)
cmake_host_system_information(RESULT jobs QUERY NUMBER_OF_LOGICAL_CORES)
if(NOT jobs OR jobs LESS 1)
  set(jobs 2)
endif()

# Sanitizer flags in the environment would need the sanitizer runtime.
foreach(env CXXFLAGS LDFLAGS)
  if("$ENV{${env}}" MATCHES "-fsanitize")
    unset(ENV{${env}})
  endif()
endforeach()

set(common_args -G "${GENERATOR}" -DCMAKE_BUILD_TYPE=${BUILD_TYPE} -DCMAKE_CXX_FLAGS_DEBUG=-O0
                -DCMAKE_CXX_COMPILER=${CXX_COMPILER})
if(MAKE_PROGRAM)
  list(APPEND common_args -DCMAKE_MAKE_PROGRAM=${MAKE_PROGRAM})
endif()
# What a top-level signet would otherwise build, switched off.
set(signet_args -DSIGNET_BUILD_TESTS=OFF -DSIGNET_BUILD_CLI=OFF -DSIGNET_BUILD_BENCH=OFF
                -DSIGNET_SANITIZE=OFF -DSIGNET_WERROR=OFF -DBUILD_SHARED_LIBS=${SHARED})

function(run)
  string(JOIN " " pretty ${ARGN})
  message(STATUS "packaging: ${pretty}")
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "packaging: command failed (${rc}): ${pretty}")
  endif()
endfunction()

# configure_build(SRC BIN ARGS...): configure and build a project.
# A build directory left by a run with other settings (another compiler, say)
# is started afresh: CMake would otherwise drop the cache and with it our -D
# options.
function(configure_build src bin)
  string(JOIN "\n" stamp ${CMAKE_COMMAND} ${src} ${common_args} ${ARGN})
  set(stamp_file ${bin}/packaging-test-settings.txt)
  if(EXISTS ${stamp_file})
    file(READ ${stamp_file} old_stamp)
    if(NOT old_stamp STREQUAL stamp)
      message(STATUS "packaging: settings changed; removing ${bin}")
      file(REMOVE_RECURSE ${bin})
    endif()
  elseif(EXISTS ${bin})
    file(REMOVE_RECURSE ${bin})
  endif()
  run(${CMAKE_COMMAND} -S ${src} -B ${bin} ${common_args} ${ARGN})
  file(WRITE ${stamp_file} "${stamp}")
  run(${CMAKE_COMMAND} --build ${bin} --config ${BUILD_TYPE} --parallel ${jobs})
endfunction()

# find_in_prefix(OUT NAME): the one file NAME under the install prefix.
function(find_in_prefix out name)
  file(GLOB_RECURSE found LIST_DIRECTORIES false ${prefix}/*/${name})
  list(LENGTH found n)
  if(NOT n EQUAL 1)
    message(FATAL_ERROR "packaging: expected one ${name} under ${prefix}, found: '${found}'")
  endif()
  set(${out} ${found} PARENT_SCOPE)
endfunction()

# Run the consumer; LD_LIBRARY_PATH covers a shared libsignet.
function(run_consumer exe)
  file(GLOB_RECURSE libs LIST_DIRECTORIES false ${prefix}/*/libsignet.so*)
  set(libdirs)
  foreach(lib IN LISTS libs)
    get_filename_component(d ${lib} DIRECTORY)
    list(APPEND libdirs ${d})
  endforeach()
  list(REMOVE_DUPLICATES libdirs)
  string(JOIN ":" ld_path ${libdirs} $ENV{LD_LIBRARY_PATH})
  run(${CMAKE_COMMAND} -E env LD_LIBRARY_PATH=${ld_path} ${exe})
endfunction()

if(MODE STREQUAL "install")
  # Configure with a different prefix than the one installed to, as
  # `cmake --install --prefix` does: the installed files must be relocatable.
  file(REMOVE_RECURSE ${prefix})
  configure_build(${SOURCE_DIR} ${WORK_DIR}/signet-build ${signet_args}
                  -DSIGNET_INSTALL=ON -DCMAKE_INSTALL_PREFIX=${WORK_DIR}/unused-configure-prefix)
  run(${CMAKE_COMMAND} --install ${WORK_DIR}/signet-build --config ${BUILD_TYPE} --prefix ${prefix})

  # What must be there, and what must not.
  foreach(f include/signet/django.h include/signet/bytes.h include/signet/result.h)
    if(NOT EXISTS ${prefix}/${f})
      message(FATAL_ERROR "packaging: ${f} was not installed")
    endif()
  endforeach()
  find_in_prefix(config signetConfig.cmake)
  find_in_prefix(config_version signetConfigVersion.cmake)
  find_in_prefix(targets signetTargets.cmake)
  find_in_prefix(pc signet.pc)
  if(SHARED)
    find_in_prefix(lib libsignet.so)
  else()
    find_in_prefix(lib libsignet.a)
  endif()
  file(GLOB_RECURSE installed RELATIVE ${prefix} LIST_DIRECTORIES false ${prefix}/*)
  foreach(f IN LISTS installed)
    if(f MATCHES "^bin/" OR f MATCHES "(_test|_tests|_bench)$" OR f MATCHES "^include/(core|crypto|encoding|django)/")
      message(FATAL_ERROR "packaging: unexpected installed file ${f}")
    endif()
  endforeach()
  file(READ ${pc} pc_text)
  if(pc_text MATCHES "unused-configure-prefix")
    message(FATAL_ERROR "packaging: signet.pc names the configure-time prefix, not where it was installed:\n${pc_text}")
  endif()
  string(JOIN "\n  " listing ${installed})
  message(STATUS "packaging: installed into ${prefix}:\n  ${listing}")

elseif(MODE STREQUAL "find_package")
  set(bin ${WORK_DIR}/find_package_consumer)
  file(REMOVE_RECURSE ${bin})
  configure_build(${packaging_dir}/find_package_consumer ${bin}
                  -DCMAKE_PREFIX_PATH=${prefix} -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF)
  # It must have found this prefix, not some other installed signet.
  file(STRINGS ${bin}/CMakeCache.txt signet_dir REGEX "^signet_DIR:")
  if(NOT signet_dir MATCHES "=${prefix}/")
    message(FATAL_ERROR "packaging: found signet elsewhere: ${signet_dir}")
  endif()
  file(GLOB_RECURSE exe LIST_DIRECTORIES false ${bin}/consumer ${bin}/*/consumer)
  list(GET exe 0 exe)
  run_consumer(${exe})

elseif(MODE STREQUAL "pkg_config")
  if(NOT PKG_CONFIG)
    # The test's SKIP_REGULAR_EXPRESSION matches this line.
    message(STATUS "packaging: SKIPPED: pkg-config not found")
    return()
  endif()
  find_in_prefix(pc signet.pc)
  get_filename_component(pc_dir ${pc} DIRECTORY)
  if(DEFINED ENV{PKG_CONFIG_PATH} AND NOT "$ENV{PKG_CONFIG_PATH}" STREQUAL "")
    set(ENV{PKG_CONFIG_PATH} "${pc_dir}:$ENV{PKG_CONFIG_PATH}")
  else()
    set(ENV{PKG_CONFIG_PATH} "${pc_dir}")
  endif()
  foreach(what modversion cflags libs)
    execute_process(COMMAND ${PKG_CONFIG} --${what} signet
                    OUTPUT_VARIABLE out OUTPUT_STRIP_TRAILING_WHITESPACE RESULT_VARIABLE rc)
    if(NOT rc EQUAL 0)
      message(FATAL_ERROR "packaging: pkg-config --${what} signet failed (${rc})")
    endif()
    message(STATUS "packaging: pkg-config --${what} signet: ${out}")
    set(pc_${what} "${out}")
  endforeach()
  file(READ ${SOURCE_DIR}/include/signet/version.h version_h)
  string(REGEX MATCH "SIGNET_VERSION_MAJOR ([0-9]+)" _ "${version_h}")
  if(NOT pc_modversion MATCHES "^${CMAKE_MATCH_1}\\.")
    message(FATAL_ERROR "packaging: signet.pc version ${pc_modversion} does not match version.h")
  endif()
  separate_arguments(cflags UNIX_COMMAND "${pc_cflags}")
  separate_arguments(libs UNIX_COMMAND "${pc_libs}")
  set(bin ${WORK_DIR}/pkg_config_consumer)
  file(REMOVE_RECURSE ${bin})
  file(MAKE_DIRECTORY ${bin})
  get_filename_component(lib_dir ${pc_dir} DIRECTORY)
  # Objects before libraries, as a static libsignet needs.
  run(${CXX_COMPILER} ${cflags} -c ${packaging_dir}/find_package_consumer/main.cc -o ${bin}/main.o)
  run(${CXX_COMPILER} ${bin}/main.o -o ${bin}/consumer ${libs} -Wl,-rpath,${lib_dir})
  run_consumer(${bin}/consumer)

elseif(MODE STREQUAL "add_subdirectory")
  set(bin ${WORK_DIR}/add_subdirectory_consumer)
  # Keep the build between runs (incremental), but reconfigure each time.
  configure_build(${packaging_dir}/add_subdirectory_consumer ${bin}
                  -DSIGNET_SOURCE_DIR=${SOURCE_DIR} -DBUILD_SHARED_LIBS=${SHARED})
  # Nothing but the library may have been built from signet's tree.
  file(GLOB_RECURSE built LIST_DIRECTORIES false ${bin}/signet/*)
  foreach(f IN LISTS built)
    get_filename_component(name ${f} NAME)
    if(name MATCHES "^(signet|signet_cli|signet_unit_tests|signet_bench.*|.*_test|.*_tests)$")
      message(FATAL_ERROR "packaging: a subproject build built ${f}")
    endif()
  endforeach()
  file(GLOB_RECURSE exe LIST_DIRECTORIES false ${bin}/consumer ${bin}/*/consumer)
  list(FILTER exe EXCLUDE REGEX "/signet/")
  list(GET exe 0 exe)
  run_consumer(${exe})

else()
  message(FATAL_ERROR "run_packaging_test.cmake: unknown MODE '${MODE}'")
endif()
