# Revocation lists: the interface and the in-process list are always built;
# the Redis backend (hiredis) is an optional component, see SIGNET_WITH_REDIS.
list(APPEND SIGNET_SOURCES
  src/revocation/common.cc
  src/revocation/memory.cc)
