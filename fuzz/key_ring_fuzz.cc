// Key-ring documents from untrusted text: key_ring_format and the parse of
// every format's KeyRing (jwt, django, paseto, itsdangerous). The corpus
// holds valid rings of each format (every state, not_after, imported and
// public keys) and malformed ones.
// Invariants: an error or a ring, never a crash; key_ring_format accepts
// every document some ring accepts, and names that ring's format; a parsed
// ring has unique ids and at most one active key, serialises to a document
// that parses again to the same serialisation, and builds a verifier when it
// has a key.
#include <cstddef>
#include <cstdint>
#include <set>
#include <string>

#include "fuzz_util.h"
#include "signet/django/key_ring.h"
#include "signet/itsdangerous/key_ring.h"
#include "signet/jwt/key_ring.h"
#include "signet/paseto/key_ring.h"

using namespace signet;

namespace {

void check_list(const std::vector<KeyInfo>& keys) {
  std::set<std::string> ids;
  int active = 0;
  for (const auto& k : keys) {
    FUZZ_CHECK(ids.insert(k.id).second);
    if (k.state == KeyState::active) ++active;
  }
  FUZZ_CHECK(active <= 1);
}

template <class Ring>
void check(std::string_view text, std::string_view format) {
  auto ring = Ring::parse(text);
  if (!ring) return;
  const auto found = key_ring_format(text);
  FUZZ_CHECK(found && *found == format);
  check_list(ring->list());
  FUZZ_CHECK(ring->list().size() == ring->size());
  const std::string doc = ring->serialize();
  auto again = Ring::parse(doc);
  FUZZ_CHECK(again);
  FUZZ_CHECK(again->serialize() == doc);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = fuzz::as_text(data, size);
  (void)key_ring_format(text);
  check<jwt::KeyRing>(text, "jwt");
  check<django::KeyRing>(text, "django");
  check<paseto::KeyRing>(text, "paseto");
  check<itsdangerous::KeyRing>(text, "itsdangerous");
  if (auto ring = jwt::KeyRing::parse(text); ring && ring->size() > 0) {
    auto policy = jwt::PolicyBuilder().allow_missing_exp().build();
    FUZZ_CHECK(policy && ring->verifier(*policy));
  }
  if (auto ring = paseto::KeyRing::parse(text); ring && ring->size() > 0) {
    auto policy = paseto::PolicyBuilder().allow_missing_exp().build();
    FUZZ_CHECK(policy && ring->verifier(*policy));
  }
  return 0;
}
