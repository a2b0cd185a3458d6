# Revocation lists: the interface and the in-process list are always built.
# The Redis backend needs hiredis (Debian libhiredis-dev), found with
# pkg-config: SIGNET_WITH_REDIS=AUTO (default) builds it when hiredis is
# found, ON requires it, OFF leaves it out. Without it, the Redis API is still
# there and RedisRevocationList::connect answers Errc::unsupported.
set(SIGNET_WITH_REDIS AUTO CACHE STRING "Build the Redis revocation backend (hiredis): AUTO, ON or OFF")
set_property(CACHE SIGNET_WITH_REDIS PROPERTY STRINGS AUTO ON OFF)
set(SIGNET_HAS_REDIS OFF)
if(NOT SIGNET_WITH_REDIS STREQUAL "OFF")
  pkg_check_modules(hiredis IMPORTED_TARGET hiredis)
  if(hiredis_FOUND)
    set(SIGNET_HAS_REDIS ON)
  elseif(SIGNET_WITH_REDIS STREQUAL "ON")
    message(FATAL_ERROR "SIGNET_WITH_REDIS=ON but hiredis was not found (install libhiredis-dev)")
  endif()
endif()
message(STATUS "signet: Redis revocation backend: ${SIGNET_HAS_REDIS}")

list(APPEND SIGNET_SOURCES
  src/revocation/common.cc
  src/revocation/memory.cc
  src/revocation/redis_keys.cc
  src/revocation/redis_url.cc)
if(SIGNET_HAS_REDIS)
  list(APPEND SIGNET_SOURCES src/revocation/redis.cc)
else()
  list(APPEND SIGNET_SOURCES src/revocation/redis_unavailable.cc)
endif()
