# Password-reset tokens (django.contrib.auth.tokens) against real Django, both
# directions, through the C++ API (label: interop). Included from
# CMakeLists.txt only when SIGNET_INTEROP_PYTHON can import Django.
# password_reset_interop.py draws random cases (a new seed each run, printed),
# Django makes tokens and verdicts, the driver must agree and make its own
# tokens, and Django checks those.
add_executable(password_reset_interop_driver ${CMAKE_CURRENT_LIST_DIR}/password_reset_interop_driver.cc)
target_link_libraries(password_reset_interop_driver PRIVATE signet::signet nlohmann_json::nlohmann_json)
signet_set_warnings(password_reset_interop_driver)

add_test(NAME interop_django_password_reset
         COMMAND ${SIGNET_INTEROP_PYTHON} ${CMAKE_CURRENT_LIST_DIR}/password_reset_interop.py
                 --driver $<TARGET_FILE:password_reset_interop_driver> --cases 600
                 --workdir ${CMAKE_CURRENT_BINARY_DIR})
set_tests_properties(interop_django_password_reset PROPERTIES LABELS interop TIMEOUT 600
                     ENVIRONMENT "PYTHONDONTWRITEBYTECODE=1")
