list(APPEND SIGNET_SOURCES
  src/core/result.cc
  src/core/bytes.cc
  src/core/clock.cc
  src/core/version.cc
  src/core/key_ring_file.cc
  src/core/secret_ring.cc)
