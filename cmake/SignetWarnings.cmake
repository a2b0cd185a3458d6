# signet_set_warnings(target): the warning set every signet target builds with.
function(signet_set_warnings target)
  target_compile_options(${target} PRIVATE
    -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion
    -Wnon-virtual-dtor -Wold-style-cast -Wcast-align -Woverloaded-virtual
    -Wimplicit-fallthrough -Wswitch-enum)
  # -Wnull-dereference is left out: at -O3 GCC 12 reports it inside
  # libstdc++ and nlohmann::json inlined code, not in ours.
  # GCC 12 reports false -Wrestrict positives inside libstdc++'s
  # std::string at -O3 (GCC bug 105329); they would break -Werror builds.
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
    target_compile_options(${target} PRIVATE -Wno-restrict)
  endif()
  if(SIGNET_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()

if(SIGNET_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined -fno-sanitize-recover=all)
endif()

# ThreadSanitizer cannot be combined with AddressSanitizer. OpenSSL, libsodium
# and zlib stay uninstrumented: TSan still sees their locks (pthread calls are
# intercepted) but not their memory accesses (see tests/concurrency/tsan.supp).
if(SIGNET_TSAN)
  if(SIGNET_SANITIZE)
    message(FATAL_ERROR "SIGNET_TSAN and SIGNET_SANITIZE cannot both be ON: ThreadSanitizer excludes AddressSanitizer")
  endif()
  add_compile_options(-fsanitize=thread -fno-omit-frame-pointer)
  add_link_options(-fsanitize=thread)
endif()
