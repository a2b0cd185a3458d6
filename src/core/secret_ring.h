// Rings of shared secrets (Django, itsdangerous): the document form (secrets
// as base64url strings) and the operations both rings share. Private to src/.
#ifndef SIGNET_SRC_CORE_SECRET_RING_H_
#define SIGNET_SRC_CORE_SECRET_RING_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "signet/bytes.h"
#include "signet/clock.h"
#include "signet/key_ring.h"
#include "signet/result.h"

namespace signet::ring {

using SecretEntries = std::vector<detail::SecretKeyEntry>;

// parse_secret_ring reads a ring document of `format` whose keys are
// base64url strings (no padding) of non-empty secrets. Errors: those of
// parse_ring, malformed for a key that is not a string, invalid_key for one
// that is not strict base64url or is empty.
Result<SecretEntries> parse_secret_ring(std::string_view document, std::string_view format, std::size_t max_bytes);

// write_secret_ring writes the document (it holds every secret).
std::string write_secret_ring(std::string_view format, const SecretEntries& entries);

// add_secret adds a copy of `secret` (default id: random hex). Errors:
// invalid_key (empty), invalid_argument (a bad or duplicate id, or a secret
// already in the ring), payload_too_large.
Status add_secret(SecretEntries& entries, const SecretBytes& secret, const AddKeyOptions& options, const Clock& clock);

// add_generated_secret adds 50 characters from the CSPRNG in the alphabet of
// Django's get_random_secret_key and returns the new id; errors as
// add_secret, and backend_failure.
Result<std::string> add_generated_secret(SecretEntries& entries, const AddKeyOptions& options, const Clock& clock);

// list_secrets describes the keys: algorithm "secret", no thumbprint.
std::vector<KeyInfo> list_secrets(const SecretEntries& entries);

// usable_verify_only returns copies of the verify-only keys not past their
// not-after date at `now`, in ring order.
std::vector<SecretBytes> usable_verify_only(const SecretEntries& entries, UnixTime now);

}  // namespace signet::ring

#endif  // SIGNET_SRC_CORE_SECRET_RING_H_
