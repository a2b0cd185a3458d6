list(APPEND SIGNET_SOURCES
  src/crypto/asymmetric.cc
  src/crypto/constant_time.cc
  src/crypto/hash.cc
  src/crypto/hmac.cc
  src/crypto/random.cc
  src/crypto/sodium.cc)
