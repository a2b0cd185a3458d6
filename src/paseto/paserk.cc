// PASERK k4 key protection: PIE wrapping, sealing and password wrapping.
// Every opener checks the tag (constant time) before decrypting anything.
#include "signet/paseto/paserk.h"

#include <array>
#include <vector>

#include "crypto/constant_time.h"
#include "crypto/random.h"
#include "crypto/sodium.h"
#include "encoding/base64url.h"
#include "paseto/internal.h"

namespace signet::paseto {
namespace {

namespace sodium = crypto::sodium;
using detail::as_bytes;
using Bytes = std::span<const std::uint8_t>;

constexpr std::string_view kLocalPie = "k4.local-wrap.pie.";
constexpr std::string_view kSecretPie = "k4.secret-wrap.pie.";
constexpr std::string_view kSeal = "k4.seal.";
constexpr std::string_view kLocalPw = "k4.local-pw.";
constexpr std::string_view kSecretPw = "k4.secret-pw.";
constexpr std::size_t kTag = 32;

// Buffer owns bytes that are secret or key-derived and wipes them.
template <std::size_t N>
struct Secret {
  std::array<std::uint8_t, N> b{};
  ~Secret() { crypto::cleanse(b.data(), b.size()); }
  std::uint8_t* data() noexcept { return b.data(); }
  operator std::span<std::uint8_t>() noexcept { return b; }
  operator Bytes() const noexcept { return b; }
};

std::string finish(std::string_view prefix, Bytes body) {
  std::string out(prefix);
  encoding::base64url_encode_append(body, out);
  return out;
}

// Checks the prefix (key_mismatch) and decodes a body of exactly `size` bytes
// (malformed otherwise).
Result<std::vector<std::uint8_t>> open_body(std::string_view paserk, std::string_view prefix, std::size_t size) {
  if (paserk.substr(0, prefix.size()) != prefix) {
    return Unexpected(Errc::key_mismatch, "the PASERK is not of the expected version and type");
  }
  const std::string_view data = paserk.substr(prefix.size());
  const auto n = encoding::base64url_decoded_size(data.size());
  if (!n || *n != size) return Unexpected(Errc::malformed, "the PASERK has the wrong length");
  std::vector<std::uint8_t> body(size);
  if (!encoding::base64url_decode(data, body.data())) return Unexpected(Errc::malformed, "the PASERK is not strict base64url");
  return body;
}

bool tag_matches(Bytes expected, Bytes given) noexcept {
  return expected.size() == given.size() && crypto::constant_time_equal(expected.data(), given.data(), expected.size());
}

// ---------------------------------------------------------------- PIE

// PIE key derivation (PASERK PIE, v2/v4): Ek || n2 from BLAKE2b-448 over
// 0x80 || n, Ak from BLAKE2b-256 over 0x81 || n, both keyed by the wrapping key.
struct PieKeys {
  Secret<32> ek;
  Secret<24> n2;
  Secret<32> ak;
};

Status pie_auth_key(const WrappingKey& wk, Bytes n, PieKeys& k) {
  const std::uint8_t domain = 0x81;
  return sodium::blake2b(k.ak, wk.bytes(), {Bytes(&domain, 1), n});
}

Status pie_encryption_key(const WrappingKey& wk, Bytes n, PieKeys& k) {
  const std::uint8_t domain = 0x80;
  Secret<56> x;
  if (auto s = sodium::blake2b(x, wk.bytes(), {Bytes(&domain, 1), n}); !s) return s;
  std::copy(x.b.begin(), x.b.begin() + 32, k.ek.b.begin());
  std::copy(x.b.begin() + 32, x.b.end(), k.n2.b.begin());
  return {};
}

Result<std::string> pie_wrap(std::string_view header, Bytes plaintext, const WrappingKey& wk) {
  // body = t || n || c
  std::vector<std::uint8_t> body(kTag + 32 + plaintext.size());
  const std::span<std::uint8_t> t(body.data(), kTag);
  const std::span<std::uint8_t> n(body.data() + kTag, 32);
  const std::span<std::uint8_t> c(body.data() + kTag + 32, plaintext.size());
  if (auto s = crypto::random_bytes(n); !s) return s.error();
  PieKeys k;
  if (auto s = pie_encryption_key(wk, n, k); !s) return s.error();
  if (auto s = pie_auth_key(wk, n, k); !s) return s.error();
  if (auto s = sodium::xchacha20_xor(c, plaintext, k.n2, k.ek); !s) return s.error();
  if (auto s = sodium::blake2b(t, k.ak, {as_bytes(header), n, c}); !s) return s.error();
  return finish(header, body);
}

// Opens a PIE body into `plaintext` (of the wrapped key's size).
Status pie_unwrap(std::string_view paserk, std::string_view header, const WrappingKey& wk, std::span<std::uint8_t> plaintext) {
  auto body = open_body(paserk, header, kTag + 32 + plaintext.size());
  if (!body) return body.error();
  const Bytes t(body->data(), kTag);
  const Bytes n(body->data() + kTag, 32);
  const Bytes c(body->data() + kTag + 32, plaintext.size());
  PieKeys k;
  if (auto s = pie_auth_key(wk, n, k); !s) return s;
  Secret<32> t2;
  if (auto s = sodium::blake2b(t2, k.ak, {as_bytes(header), n, c}); !s) return s;
  if (!tag_matches(t2, t)) return Unexpected(Errc::bad_signature, "the wrapped key's tag does not match");
  if (auto s = pie_encryption_key(wk, n, k); !s) return s;
  return sodium::xchacha20_xor(plaintext, c, k.n2, k.ek);
}

// ---------------------------------------------------------------- seal

// Seal key derivation (PASERK Seal, v2/v4), all unkeyed BLAKE2b:
// Ek = H256(0x01 || h || xk || epk || xpk), Ak = H256(0x02 || ...),
// n = H192(epk || xpk).
struct SealKeys {
  Secret<32> ek;
  Secret<32> ak;
  Secret<24> n;
};

Status seal_keys(Bytes xk, Bytes epk, Bytes xpk, SealKeys& k) {
  const std::uint8_t one = 0x01, two = 0x02;
  if (auto s = sodium::blake2b(k.ek, {}, {Bytes(&one, 1), as_bytes(kSeal), xk, epk, xpk}); !s) return s;
  if (auto s = sodium::blake2b(k.ak, {}, {Bytes(&two, 1), as_bytes(kSeal), xk, epk, xpk}); !s) return s;
  return sodium::blake2b(k.n, {}, {epk, xpk});
}

// ---------------------------------------------------------------- password

constexpr std::size_t kSalt = 16;
constexpr std::size_t kPwNonce = 24;
constexpr std::size_t kPwParams = 8 + 4 + 4;  // memlimit (BE64), opslimit (BE32), parallelism (BE32)

void put_be(std::uint8_t* out, std::uint64_t v, std::size_t n) noexcept {
  for (std::size_t i = 0; i < n; ++i) out[n - 1 - i] = static_cast<std::uint8_t>(v >> (8 * i));
}

std::uint64_t get_be(const std::uint8_t* in, std::size_t n) noexcept {
  std::uint64_t v = 0;
  for (std::size_t i = 0; i < n; ++i) v = (v << 8) | in[i];
  return v;
}

// Password key derivation (PASERK PBKW, v2/v4): k = Argon2id(pw, s);
// Ek = H256(0xFF || k), Ak = H256(0xFE || k).
struct PwKeys {
  Secret<32> ek;
  Secret<32> ak;
};

Status password_keys(std::string_view password, Bytes salt, std::uint64_t memlimit, std::uint64_t opslimit, PwKeys& k) {
  Secret<32> pwk;
  if (auto s = sodium::argon2id(pwk, as_bytes(password), salt, opslimit, memlimit); !s) return s;
  const std::uint8_t ff = 0xFF, fe = 0xFE;
  if (auto s = sodium::blake2b(k.ek, {}, {Bytes(&ff, 1), pwk}); !s) return s;
  return sodium::blake2b(k.ak, {}, {Bytes(&fe, 1), pwk});
}

Result<std::string> password_wrap(std::string_view header, Bytes plaintext, std::string_view password,
                                  const PasswordParams& params) {
  if (password.empty()) return Unexpected(Errc::invalid_argument, "the password is empty");
  const PasswordLimits limits;
  if (params.memlimit < 8192 || params.opslimit < 1 || params.memlimit > limits.max_memlimit ||
      params.opslimit > limits.max_opslimit) {
    return Unexpected(Errc::invalid_argument, "Argon2id costs out of range (memlimit 8 KiB..1 GiB, opslimit 1..16)");
  }
  // body = s || mem || time || para || n || edk || t
  std::vector<std::uint8_t> body(kSalt + kPwParams + kPwNonce + plaintext.size() + kTag);
  std::uint8_t* p = body.data();
  const std::span<std::uint8_t> salt(p, kSalt);
  if (auto s = crypto::random_bytes(salt); !s) return s.error();
  put_be(p + kSalt, params.memlimit, 8);
  put_be(p + kSalt + 8, params.opslimit, 4);
  put_be(p + kSalt + 12, 1, 4);
  const std::span<std::uint8_t> n(p + kSalt + kPwParams, kPwNonce);
  if (auto s = crypto::random_bytes(n); !s) return s.error();
  const std::span<std::uint8_t> edk(n.data() + kPwNonce, plaintext.size());
  const std::span<std::uint8_t> t(edk.data() + edk.size(), kTag);
  PwKeys k;
  if (auto s = password_keys(password, salt, params.memlimit, params.opslimit, k); !s) return s.error();
  if (auto s = sodium::xchacha20_xor(edk, plaintext, n, k.ek); !s) return s.error();
  if (auto s = sodium::blake2b(t, k.ak, {as_bytes(header), Bytes(p, body.size() - kTag)}); !s) return s.error();
  return finish(header, body);
}

Status password_unwrap(std::string_view paserk, std::string_view header, std::string_view password,
                       const PasswordLimits& limits, std::span<std::uint8_t> plaintext) {
  auto body = open_body(paserk, header, kSalt + kPwParams + kPwNonce + plaintext.size() + kTag);
  if (!body) return body.error();
  const std::uint8_t* p = body->data();
  const std::uint64_t memlimit = get_be(p + kSalt, 8);
  const std::uint64_t opslimit = get_be(p + kSalt + 8, 4);
  const std::uint64_t parallelism = get_be(p + kSalt + 12, 4);
  // The costs are unauthenticated until Argon2id has run: bound them first.
  if (memlimit > limits.max_memlimit || opslimit > limits.max_opslimit) {
    return Unexpected(Errc::payload_too_large, "the PASERK asks for Argon2id costs above the limits");
  }
  if (parallelism != 1) return Unexpected(Errc::unsupported, "Argon2id parallelism other than 1 is not supported");
  if (memlimit < 8192 || opslimit < 1) return Unexpected(Errc::malformed, "the PASERK's Argon2id costs are too small");
  const Bytes salt(p, kSalt);
  const Bytes n(p + kSalt + kPwParams, kPwNonce);
  const Bytes edk(n.data() + kPwNonce, plaintext.size());
  const Bytes t(edk.data() + edk.size(), kTag);
  PwKeys k;
  if (auto s = password_keys(password, salt, memlimit, opslimit, k); !s) return s;
  Secret<32> t2;
  if (auto s = sodium::blake2b(t2, k.ak, {as_bytes(header), Bytes(p, body->size() - kTag)}); !s) return s;
  if (!tag_matches(t2, t)) return Unexpected(Errc::bad_signature, "wrong password, or the PASERK was modified");
  return sodium::xchacha20_xor(plaintext, edk, n, k.ek);
}

}  // namespace

// ---------------------------------------------------------------- PIE API

Result<std::string> wrap_pie(const LocalKey& key, const WrappingKey& wrapping_key) {
  return pie_wrap(kLocalPie, key.bytes(), wrapping_key);
}

Result<std::string> wrap_pie(const SecretKey& key, const WrappingKey& wrapping_key) {
  return pie_wrap(kSecretPie, key.bytes(), wrapping_key);
}

Result<LocalKey> unwrap_local_pie(std::string_view paserk, const WrappingKey& wrapping_key) {
  Secret<kKeySize> plain;
  if (auto s = pie_unwrap(paserk, kLocalPie, wrapping_key, plain); !s) return s.error();
  return LocalKey::from_bytes(plain);
}

Result<SecretKey> unwrap_secret_pie(std::string_view paserk, const WrappingKey& wrapping_key) {
  Secret<kSecretKeySize> plain;
  if (auto s = pie_unwrap(paserk, kSecretPie, wrapping_key, plain); !s) return s.error();
  return SecretKey::from_bytes(plain);
}

// ---------------------------------------------------------------- seal API

Result<std::string> seal(const LocalKey& key, const PublicKey& recipient) {
  Secret<32> xpk;
  if (auto s = sodium::ed25519_public_to_x25519(xpk, recipient.bytes()); !s) return s.error();
  // body = t || epk || edk
  std::vector<std::uint8_t> body(kTag + 32 + kKeySize);
  const std::span<std::uint8_t> t(body.data(), kTag);
  const std::span<std::uint8_t> epk(body.data() + kTag, 32);
  const std::span<std::uint8_t> edk(body.data() + kTag + 32, kKeySize);
  Secret<32> esk;
  if (auto s = sodium::x25519_keypair(epk, esk); !s) return s.error();
  Secret<32> xk;
  if (auto s = sodium::x25519(xk, esk, xpk); !s) return s.error();
  SealKeys k;
  if (auto s = seal_keys(xk, epk, xpk, k); !s) return s.error();
  if (auto s = sodium::xchacha20_xor(edk, key.bytes(), k.n, k.ek); !s) return s.error();
  if (auto s = sodium::blake2b(t, k.ak, {as_bytes(kSeal), epk, edk}); !s) return s.error();
  return finish(kSeal, body);
}

Result<LocalKey> unseal(std::string_view paserk, const SecretKey& recipient) {
  auto body = open_body(paserk, kSeal, kTag + 32 + kKeySize);
  if (!body) return body.error();
  const Bytes t(body->data(), kTag);
  const Bytes epk(body->data() + kTag, 32);
  const Bytes edk(body->data() + kTag + 32, kKeySize);
  Secret<32> xsk;
  Secret<32> xpk;
  if (auto s = sodium::ed25519_secret_to_x25519(xsk, recipient.bytes()); !s) return s.error();
  if (auto s = sodium::ed25519_public_to_x25519(xpk, recipient.public_key().bytes()); !s) return s.error();
  Secret<32> xk;
  // A low-order epk gives an all-zero secret: refused like a bad tag.
  if (auto s = sodium::x25519(xk, xsk, epk); !s) return Unexpected(Errc::bad_signature, "the sealed key's tag does not match");
  SealKeys k;
  if (auto s = seal_keys(xk, epk, xpk, k); !s) return s.error();
  Secret<32> t2;
  if (auto s = sodium::blake2b(t2, k.ak, {as_bytes(kSeal), epk, edk}); !s) return s.error();
  if (!tag_matches(t2, t)) return Unexpected(Errc::bad_signature, "the sealed key's tag does not match");
  Secret<kKeySize> plain;
  if (auto s = sodium::xchacha20_xor(plain, edk, k.n, k.ek); !s) return s.error();
  return LocalKey::from_bytes(plain);
}

// ---------------------------------------------------------------- password API

Result<std::string> wrap_password(const LocalKey& key, std::string_view password, const PasswordParams& params) {
  return password_wrap(kLocalPw, key.bytes(), password, params);
}

Result<std::string> wrap_password(const SecretKey& key, std::string_view password, const PasswordParams& params) {
  return password_wrap(kSecretPw, key.bytes(), password, params);
}

Result<LocalKey> unwrap_local_password(std::string_view paserk, std::string_view password, const PasswordLimits& limits) {
  Secret<kKeySize> plain;
  if (auto s = password_unwrap(paserk, kLocalPw, password, limits, plain); !s) return s.error();
  return LocalKey::from_bytes(plain);
}

Result<SecretKey> unwrap_secret_password(std::string_view paserk, std::string_view password,
                                         const PasswordLimits& limits) {
  Secret<kSecretKeySize> plain;
  if (auto s = password_unwrap(paserk, kSecretPw, password, limits, plain); !s) return s.error();
  return SecretKey::from_bytes(plain);
}

}  // namespace signet::paseto
