list(APPEND SIGNET_SOURCES
  src/paseto/claims.cc
  src/paseto/keys.cc
  src/paseto/paserk.cc
  src/paseto/policy.cc
  src/paseto/rfc3339.cc
  src/paseto/token.cc
  src/paseto/v4.cc
  src/paseto/key_ring.cc)
