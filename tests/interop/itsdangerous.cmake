# Interop with itsdangerous, Flask's signer (label: interop), included from
# tests/interop/CMakeLists.txt. Same layout as the Django suite:
#
#   interop_its_cli_<suite>   itsdangerous_cli_interop.py drives the `signet itsdangerous`
#                             CLI against real itsdangerous (suites fixed, negative, config, random)
#   interop_its_lib_make_cases -> interop_its_lib_cpp -> interop_its_lib_verify
#                             itsdangerous writes cases, the C++ API checks them and signs the
#                             same inputs, itsdangerous verifies signet's tokens (CTest fixtures)
#
# The Python side needs an interpreter that can `import itsdangerous` (Debian's
# python3-itsdangerous for /usr/bin/python3); without one the suite is skipped.
set(SIGNET_ITSDANGEROUS_PYTHON "${SIGNET_INTEROP_PYTHON}" CACHE FILEPATH
    "Python interpreter with itsdangerous for the itsdangerous interop tests")

execute_process(COMMAND ${SIGNET_ITSDANGEROUS_PYTHON} -c "import itsdangerous, sys; sys.stdout.write(getattr(itsdangerous, '__version__', '?'))"
                RESULT_VARIABLE _its_rc OUTPUT_VARIABLE _its_version ERROR_QUIET)
if(NOT _its_rc EQUAL 0)
  message(STATUS "signet itsdangerous interop tests disabled: ${SIGNET_ITSDANGEROUS_PYTHON} cannot import itsdangerous")
  return()
endif()
message(STATUS "signet interop tests: itsdangerous ${_its_version} via ${SIGNET_ITSDANGEROUS_PYTHON}")

set(_its_dir ${CMAKE_CURRENT_LIST_DIR})
set(_its_out ${CMAKE_CURRENT_BINARY_DIR})

if(TARGET signet_cli)
  foreach(suite fixed negative config random)
    add_test(NAME interop_its_cli_${suite}
             COMMAND ${SIGNET_ITSDANGEROUS_PYTHON} ${_its_dir}/itsdangerous_cli_interop.py
                     $<TARGET_FILE:signet_cli> --suite ${suite}
             WORKING_DIRECTORY ${_its_out})
    set_tests_properties(interop_its_cli_${suite} PROPERTIES
      LABELS interop TIMEOUT 900 ENVIRONMENT "PYTHONDONTWRITEBYTECODE=1")
  endforeach()
endif()

add_executable(itsdangerous_library_interop_test ${_its_dir}/itsdangerous_library_interop_test.cc)
target_link_libraries(itsdangerous_library_interop_test PRIVATE signet::signet GTest::gtest)
signet_set_warnings(itsdangerous_library_interop_test)

set(_its_cases ${_its_out}/itsdangerous_library_cases.tsv)
set(_its_tokens ${_its_out}/itsdangerous_signet_tokens.tsv)

add_test(NAME interop_its_lib_make_cases
         COMMAND ${SIGNET_ITSDANGEROUS_PYTHON} ${_its_dir}/itsdangerous_make_cases.py --out ${_its_cases} --tokens ${_its_tokens})
set_tests_properties(interop_its_lib_make_cases PROPERTIES
  LABELS interop TIMEOUT 300 FIXTURES_SETUP interop_its_cases ENVIRONMENT "PYTHONDONTWRITEBYTECODE=1")

add_test(NAME interop_its_lib_cpp
         COMMAND itsdangerous_library_interop_test --cases=${_its_cases} --out=${_its_tokens})
set_tests_properties(interop_its_lib_cpp PROPERTIES
  LABELS interop TIMEOUT 300 FIXTURES_REQUIRED interop_its_cases FIXTURES_SETUP interop_its_tokens)

add_test(NAME interop_its_lib_verify
         COMMAND ${SIGNET_ITSDANGEROUS_PYTHON} ${_its_dir}/itsdangerous_verify_tokens.py --cases ${_its_cases} --tokens ${_its_tokens})
set_tests_properties(interop_its_lib_verify PROPERTIES
  LABELS interop TIMEOUT 300 FIXTURES_REQUIRED "interop_its_cases;interop_its_tokens" ENVIRONMENT "PYTHONDONTWRITEBYTECODE=1")
