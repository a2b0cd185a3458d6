list(APPEND SIGNET_SOURCES
  src/jwt/algorithm.cc
  src/jwt/claims.cc
  src/jwt/policy.cc
  src/jwt/revocation_check.cc
  src/jwt/registered_claims.cc
  src/jwt/signer.cc
  src/jwt/verifier.cc
  src/jwt/keys.cc
  src/jwt/jwk.cc
  src/jwt/key_set.cc
  src/jwt/key_ring.cc)
