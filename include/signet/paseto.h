// signet/paseto.h: PASETO version 4 (v4.local, v4.public) and PASERK k4 keys.
// See docs/paseto.md.
#ifndef SIGNET_PASETO_H_
#define SIGNET_PASETO_H_

#include "signet/paseto/claims.h"
#include "signet/paseto/key_ring.h"
#include "signet/paseto/keys.h"
#include "signet/paseto/paserk.h"
#include "signet/paseto/policy.h"
#include "signet/paseto/v4.h"

#endif  // SIGNET_PASETO_H_
