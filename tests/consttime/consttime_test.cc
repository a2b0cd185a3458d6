// Constant-time checks under valgrind, as BoringSSL does them: secret bytes
// are marked undefined (VALGRIND_MAKE_MEM_UNDEFINED), so memcheck reports any
// branch or memory index that depends on them ("Conditional jump or move
// depends on uninitialised value", "Use of uninitialised value of size 8").
// Only the final public result (a match / validity boolean) is declassified
// with VALGRIND_MAKE_MEM_DEFINED before it is looked at.
//
// Run as `valgrind --error-exitcode=1 consttime_test`: any report fails it.
// `consttime_test --leaky=branch|table` runs a deliberately secret-dependent
// comparison (early exit) or table lookup instead and still returns 0, so
// that only valgrind can make it fail: the CTest twin of this test is marked
// WILL_FAIL, proving the check can fail.
#include <valgrind/memcheck.h>

#include <array>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <span>
#include <string>
#include <string_view>

#include "crypto/constant_time.h"
#include "crypto/hash.h"
#include "crypto/hmac.h"
#include "encoding/base64url.h"
#include "jwt/key_data.h"
#include "signet/bytes.h"
#include "signet/jwt.h"

namespace {

using signet::SecretBytes;
namespace crypto = signet::crypto;
namespace encoding = signet::encoding;

int failures = 0;

// secret marks `n` bytes as undefined: from here on memcheck tracks every
// value computed from them.
void secret(const void* p, std::size_t n) { (void)VALGRIND_MAKE_MEM_UNDEFINED(p, n); }
void check(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "FAIL: %s\n", what);
    ++failures;
  }
}

// declassify marks a result as public (defined) so the test may branch on it.
// Under valgrind it first checks that the result really was undefined, i.e.
// that it was computed from the secret: otherwise the secret marking got
// lost somewhere and the check proved nothing. VALGRIND_GET_VBITS reads the
// validity bits without reporting an error.
template <class T>
T declassify(T v) {
  if (RUNNING_ON_VALGRIND) {
    unsigned char vbits[sizeof(T)] = {};
    if (VALGRIND_GET_VBITS(&v, vbits, sizeof v) == 1) {
      bool undefined = false;
      for (unsigned char bits : vbits) undefined = undefined || bits != 0;
      check(undefined, "a result expected to depend on the secret was already defined");
    }
  }
  (void)VALGRIND_MAKE_MEM_DEFINED(&v, sizeof v);
  return v;
}

std::span<const std::uint8_t> bytes_of(std::string_view s) {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

// ---------------------------------------------------------------- checks

// The MAC comparison every format uses (src/crypto/constant_time.h).
void constant_time_compare() {
  std::array<std::uint8_t, 32> a{}, b{};
  for (std::size_t i = 0; i < a.size(); ++i) a[i] = b[i] = static_cast<std::uint8_t>(i * 7 + 1);
  secret(a.data(), a.size());
  check(declassify(crypto::constant_time_equal(a.data(), b.data(), a.size())), "equal buffers compare equal");
  b[31] ^= 1;
  check(!declassify(crypto::constant_time_equal(a.data(), b.data(), a.size())), "last byte differs");
  b[31] ^= 1;
  b[0] ^= 0x80;
  check(!declassify(crypto::constant_time_equal(a.data(), b.data(), a.size())), "first byte differs");
  // The public API over spans and strings.
  const std::string x = "expected-signature-text", y = "expected-signature-text";
  secret(x.data(), x.size());
  check(declassify(signet::constant_time_equal(std::string_view(x), std::string_view(y))), "string compare");
}

// JWT HS256: the key is secret, so its HMAC midstates and every MAC computed
// from them are too; detail::verify (the exact function Verifier::verify
// calls) computes the MAC and compares it with the token's signature.
void jwt_hs256_verify() {
  const std::string key_text(32, 'k');
  SecretBytes key_bytes(key_text);
  secret(key_bytes.bytes().data(), key_bytes.size());
  auto key = signet::jwt::HmacKey::from_secret(signet::jwt::Algorithm::HS256, key_bytes);
  check(key.has_value(), "HS256 key import");
  if (!key) return;

  // The expected signature, from a second, public copy of the same key.
  const crypto::HmacKey public_copy(crypto::Hash::sha256, bytes_of(key_text));
  const std::string input = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyIn0";
  std::array<std::uint8_t, 32> signature{};
  public_copy.mac(bytes_of(input), signature.data());

  check(declassify(signet::jwt::detail::verify(key->data(), input, signature)), "HS256 genuine signature verifies");
  signature[5] ^= 0x10;
  check(!declassify(signet::jwt::detail::verify(key->data(), input, signature)), "HS256 altered signature fails");

  // The primitive pair on its own, with the computed MAC marked secret too.
  std::array<std::uint8_t, 32> mac{};
  key->data().hmac->mac(bytes_of(input), mac.data());
  secret(mac.data(), mac.size());
  signature[5] ^= 0x10;
  check(declassify(crypto::constant_time_equal(mac.data(), signature.data(), mac.size())), "HMAC tag compare");
}

// Django's and itsdangerous's signature check: HMAC under the salted key,
// compared as base64url text with base64url_matches_secret (the function
// both signers call).
void django_signature_compare() {
  const std::string secret_key = "django-insecure-consttime-key";
  // Django's salted_hmac key: H(salt || "signer" || secret), secret marked.
  std::string secret_copy = secret_key;
  secret(secret_copy.data(), secret_copy.size());
  const std::string salt = "django.core.signing.Signer";
  const std::span<const std::uint8_t> parts[] = {bytes_of(salt), bytes_of("signer"), bytes_of(secret_copy)};
  std::array<std::uint8_t, crypto::kMaxDigestSize> derived{};
  crypto::digest(crypto::Hash::sha256, parts, derived.data());
  const crypto::HmacKey key(crypto::Hash::sha256, std::span<const std::uint8_t>(derived.data(), 32));

  // The genuine signature text, computed from public copies.
  std::array<std::uint8_t, crypto::kMaxDigestSize> public_derived{};
  const std::span<const std::uint8_t> public_parts[] = {bytes_of(salt), bytes_of("signer"), bytes_of(secret_key)};
  crypto::digest(crypto::Hash::sha256, public_parts, public_derived.data());
  const crypto::HmacKey public_key(crypto::Hash::sha256, std::span<const std::uint8_t>(public_derived.data(), 32));
  const std::string value = "hello";
  std::array<std::uint8_t, 32> public_mac{};
  public_key.mac(bytes_of(value), public_mac.data());
  std::string signature = encoding::base64url_encode(public_mac);

  std::array<std::uint8_t, 32> mac{};
  key.mac(bytes_of(value), mac.data());
  secret(mac.data(), mac.size());
  check(declassify(encoding::base64url_matches_secret(mac, signature)), "Django genuine signature text matches");
  signature[10] = signature[10] == 'A' ? 'B' : 'A';
  check(!declassify(encoding::base64url_matches_secret(mac, signature)), "Django altered signature text fails");
}

// Decoding secret key text: a JWK "k" and the body of a PASERK k4.local.
void secret_base64url_decode() {
  // 32 bytes of every value class the alphabet has, and a 2-character tail.
  const std::string texts[] = {
      "AZaz09-_AZaz09-_AZaz09-_AZaz09-_AZaz09-_AZazQQ",  // JWK "k" shape, 46 chars
      "cHJpdmF0ZS1rZXktbWF0ZXJpYWwtMzItYnl0ZXMhISE",     // k4.local body: 32 bytes
      "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8",
  };
  for (const std::string& text : texts) {
    std::string secret_text = text;
    secret(secret_text.data(), secret_text.size());
    std::array<std::uint8_t, 64> out{}, expected{};
    const bool ok = declassify(encoding::base64url_decode_secret(secret_text, out.data()));
    check(ok, "canonical secret text decodes");
    check(static_cast<bool>(encoding::base64url_decode(text, expected.data())), "reference decode");
    const std::size_t n = *encoding::base64url_decoded_size(text.size());
    (void)VALGRIND_MAKE_MEM_DEFINED(out.data(), n);  // only to compare with the reference
    check(std::memcmp(out.data(), expected.data(), n) == 0, "secret decode equals the reference decoder");
  }
  // Invalid text: a bad character, and non-zero spare bits in the last one.
  for (std::string text : {std::string("AZaz09-_AZaz09+_"), std::string("AB"), std::string("ABD")}) {
    secret(text.data(), text.size());
    std::array<std::uint8_t, 16> out{};
    check(!declassify(encoding::base64url_decode_secret(text, out.data())), "non-canonical secret text is refused");
  }
}

// Encoding secret bytes (the expected MAC text, exported keys).
void secret_base64url_encode() {
  std::array<std::uint8_t, 34> bytes{};
  for (std::size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<std::uint8_t>(i * 37 + 250);
  const std::string expected = encoding::base64url_encode(bytes);
  auto secret_bytes = bytes;
  secret(secret_bytes.data(), secret_bytes.size());
  std::string out(expected.size(), '\0');
  encoding::base64url_encode_secret(secret_bytes, out.data());
  (void)VALGRIND_MAKE_MEM_DEFINED(out.data(), out.size());  // only to compare with the reference
  check(out == expected, "secret encode equals the reference encoder");
}

// ---------------------------------------------------------------- leaks on purpose

// A comparison that stops at the first difference: the branch depends on the
// secret, which memcheck must report.
bool leaky_compare(const std::uint8_t* a, const std::uint8_t* b, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) {
    if (a[i] != b[i]) return false;
  }
  return true;
}

int leaky(std::string_view kind) {
  std::array<std::uint8_t, 32> a{}, b{};
  a.fill(0x41);
  b.fill(0x41);
  secret(a.data(), a.size());
  if (kind == "branch") {
    bool r = leaky_compare(a.data(), b.data(), a.size());
    (void)VALGRIND_MAKE_MEM_DEFINED(&r, sizeof r);
    std::printf("leaky branch compare ran (%d)\n", static_cast<int>(r));
  } else {
    // The table-driven decoder indexes a table with each secret character.
    std::string text = "QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUE";
    secret(text.data(), text.size());
    std::array<std::uint8_t, 32> out{};
    bool r = static_cast<bool>(encoding::base64url_decode(text, out.data()));
    (void)VALGRIND_MAKE_MEM_DEFINED(&r, sizeof r);
    std::printf("leaky table decode ran (%d)\n", static_cast<int>(r));
  }
  return 0;  // only valgrind can fail this run
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 2 && std::string_view(argv[1]).substr(0, 8) == "--leaky=") return leaky(std::string_view(argv[1]).substr(8));
  if (!RUNNING_ON_VALGRIND) std::fprintf(stderr, "note: not running under valgrind; only the results are checked\n");
  constant_time_compare();
  jwt_hs256_verify();
  django_signature_compare();
  secret_base64url_decode();
  secret_base64url_encode();
  if (failures != 0) {
    std::fprintf(stderr, "%d check(s) failed\n", failures);
    return 1;
  }
  std::printf("constant-time checks passed\n");
  return 0;
}
