// signet/jwt.h: JWT / JWS (RFC 7519 / RFC 7515 compact serialization).
#ifndef SIGNET_JWT_H_
#define SIGNET_JWT_H_

#include "signet/jwt/algorithm.h"
#include "signet/jwt/claims.h"
#include "signet/jwt/key_ring.h"
#include "signet/jwt/key_set.h"
#include "signet/jwt/keys.h"
#include "signet/jwt/policy.h"
#include "signet/jwt/signer.h"
#include "signet/jwt/verifier.h"

#endif  // SIGNET_JWT_H_
