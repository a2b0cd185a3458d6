list(APPEND SIGNET_SOURCES
  src/itsdangerous/names.cc
  src/itsdangerous/signer.cc
  src/itsdangerous/timestamp_signer.cc
  src/itsdangerous/payload.cc
  src/itsdangerous/serializer.cc
  src/itsdangerous/key_ring.cc)
