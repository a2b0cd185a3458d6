list(APPEND SIGNET_SOURCES
  src/state/state_bound.cc)
