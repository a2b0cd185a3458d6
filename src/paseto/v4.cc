// PASETO v4 at the message level: the specification's Encrypt, Decrypt, Sign
// and Verify over bytes.
#include <array>
#include <cstring>

#include "crypto/constant_time.h"
#include "crypto/random.h"
#include "crypto/sodium.h"
#include "encoding/base64url.h"
#include "encoding/json.h"
#include "encoding/json_object.h"
#include "paseto/internal.h"
#include "signet/paseto/v4.h"

namespace signet::paseto {

namespace sodium = crypto::sodium;

namespace detail {
namespace {

void append_le64(std::string& out, std::uint64_t n) {
  // PAE clears the most significant bit so that the encoding is the same in
  // languages without unsigned 64-bit integers.
  n &= ~(std::uint64_t{1} << 63);
  for (int i = 0; i < 8; ++i) {
    out.push_back(static_cast<char>(n & 0xFF));
    n >>= 8;
  }
}

// Wipes a std::string that held key-derived or plaintext bytes.
void wipe(std::string& s) noexcept {
  secure_wipe(std::span<std::uint8_t>(reinterpret_cast<std::uint8_t*>(s.data()), s.size()));
}

// The v4.local subkeys. Ek and n2 come from one 56-byte BLAKE2b output, Ak
// from a second call with another domain-separation prefix (spec §v4.Encrypt
// steps 4-5).
struct LocalSubkeys {
  std::array<std::uint8_t, 32> ek{};
  std::array<std::uint8_t, 24> n2{};
  std::array<std::uint8_t, 32> ak{};
  ~LocalSubkeys() {
    crypto::cleanse(ek.data(), ek.size());
    crypto::cleanse(n2.data(), n2.size());
    crypto::cleanse(ak.data(), ak.size());
  }
};

constexpr std::string_view kEncryptionKeyInfo = "paseto-encryption-key";
constexpr std::string_view kAuthKeyInfo = "paseto-auth-key-for-aead";

Status derive_auth_key(const LocalKey& key, std::span<const std::uint8_t> nonce, LocalSubkeys& sub) {
  return sodium::blake2b(sub.ak, key.bytes(), {as_bytes(kAuthKeyInfo), nonce});
}

Status derive_encryption_key(const LocalKey& key, std::span<const std::uint8_t> nonce, LocalSubkeys& sub) {
  std::array<std::uint8_t, 56> tmp{};
  auto s = sodium::blake2b(tmp, key.bytes(), {as_bytes(kEncryptionKeyInfo), nonce});
  if (s) {
    std::copy(tmp.begin(), tmp.begin() + 32, sub.ek.begin());
    std::copy(tmp.begin() + 32, tmp.end(), sub.n2.begin());
  }
  crypto::cleanse(tmp.data(), tmp.size());
  return s;
}

// LE64 with the top bit cleared, as PAE writes it.
std::array<std::uint8_t, 8> le64(std::uint64_t n) noexcept {
  n &= ~(std::uint64_t{1} << 63);
  std::array<std::uint8_t, 8> out{};
  for (auto& b : out) {
    b = static_cast<std::uint8_t>(n & 0xFF);
    n >>= 8;
  }
  return out;
}

// The MAC over PAE(h, n, c, f, i), fed to BLAKE2b piece by piece: the PAE
// string itself is never built (no allocation, nothing to wipe).
Status compute_mac(std::span<std::uint8_t> out, const LocalSubkeys& sub, std::string_view nonce, std::string_view ciphertext,
                   std::string_view footer, std::string_view implicit_assertion) {
  const auto count = le64(5), lh = le64(kLocalHeader.size()), ln = le64(nonce.size()), lc = le64(ciphertext.size()),
             lf = le64(footer.size()), li = le64(implicit_assertion.size());
  return sodium::blake2b(out, sub.ak,
                         {count, lh, as_bytes(kLocalHeader), ln, as_bytes(nonce), lc, as_bytes(ciphertext), lf,
                          as_bytes(footer), li, as_bytes(implicit_assertion)});
}

std::string assemble(std::string_view header, std::span<const std::uint8_t> body, std::string_view footer) {
  std::string token(header);
  encoding::base64url_encode_append(body, token);
  if (!footer.empty()) {
    token.push_back('.');
    encoding::base64url_encode_append(as_bytes(footer), token);
  }
  return token;
}

// Bodies up to this size are decoded on the stack; larger ones on the heap.
constexpr std::size_t kStackBody = 2048;

// BodyBuffer holds a decoded token body: on the stack when it fits.
struct BodyBuffer {
  std::array<std::uint8_t, kStackBody> stack;
  std::string heap;
  std::uint8_t* data = nullptr;
  std::size_t size = 0;
  std::string_view text() const noexcept { return {reinterpret_cast<const char*>(data), size}; }
};

// Decodes the body and footer of a split token. Sizes were bounded by
// split_token; the body must hold at least `min_body` bytes.
Status decode_parts(const TokenParts& parts, std::size_t min_body, BodyBuffer& body, std::string& footer) {
  const auto body_size = encoding::base64url_decoded_size(parts.body.size());
  if (!body_size || *body_size < min_body) return Unexpected(Errc::malformed, "the token body is too short");
  if (*body_size <= kStackBody) {
    body.data = body.stack.data();
  } else {
    body.heap.resize(*body_size);
    body.data = reinterpret_cast<std::uint8_t*>(body.heap.data());
  }
  body.size = *body_size;
  if (!encoding::base64url_decode(parts.body, body.data)) {
    return Unexpected(Errc::malformed, "the token body is not strict base64url");
  }
  if (!parts.footer.empty()) {
    auto f = encoding::base64url_decode(parts.footer);
    if (!f) return Unexpected(Errc::malformed, "the token footer is not strict base64url");
    footer = std::move(*f);
  }
  return {};
}

bool is_paserk_key(std::string_view s) noexcept {
  // "kN.local." / "kN.public." / "kN.secret." for any version: plaintext key
  // material, which the footer must never carry.
  if (s.size() < 3 || s[0] != 'k' || s[1] < '0' || s[1] > '9' || s[2] != '.') return false;
  const std::string_view rest = s.substr(3);
  for (std::string_view type : {"local.", "public.", "secret."}) {
    if (rest.substr(0, type.size()) == type) return true;
  }
  return false;
}

// Counts the members of every object in `value`, at most `depth` deep.
std::size_t count_members(std::string_view value, std::size_t depth) {
  if (depth == 0) return 0;
  std::size_t n = 0;
  if (json::type_of(value) == json::JsonType::object) {
    const auto members = json::members_of(value);
    if (!members) return 0;
    for (const auto& m : *members) n += 1 + count_members(m.value, depth - 1);
  } else if (json::type_of(value) == json::JsonType::array) {
    const auto items = json::elements_of(value);
    if (!items) return 0;
    for (auto item : *items) n += count_members(item, depth - 1);
  }
  return n;
}

}  // namespace

std::string pae(std::initializer_list<std::string_view> pieces) {
  std::size_t total = 8;
  for (auto p : pieces) total += 8 + p.size();
  std::string out;
  out.reserve(total);
  append_le64(out, pieces.size());
  for (auto p : pieces) {
    append_le64(out, p.size());
    out.append(p);
  }
  return out;
}

Result<TokenParts> split_token(std::string_view token, std::string_view header, std::size_t max_token_size,
                               std::size_t max_footer_size) noexcept {
  if (token.size() > max_token_size) return Unexpected(Errc::malformed, "the token is longer than the size limit");
  if (token.substr(0, header.size()) != header) {
    // Name the mismatch without ever trying the other purpose or version:
    // a key is bound to exactly one (algorithm lucidity).
    const std::size_t first = token.find('.');
    const std::size_t second = first == std::string_view::npos ? first : token.find('.', first + 1);
    if (token.size() > 2 && token[0] == 'v' && second != std::string_view::npos && second > first + 1) {
      return Unexpected(Errc::key_mismatch, "the token's version or purpose is not the key's");
    }
    return Unexpected(Errc::malformed, "not a PASETO token");
  }
  const std::string_view rest = token.substr(header.size());
  const std::size_t dot = rest.find('.');
  TokenParts parts;
  if (dot == std::string_view::npos) {
    parts.body = rest;
  } else {
    parts.body = rest.substr(0, dot);
    parts.footer = rest.substr(dot + 1);
    if (parts.footer.find('.') != std::string_view::npos) return Unexpected(Errc::malformed, "the token has too many parts");
    // An empty footer is written without its '.': a trailing '.' is a second
    // spelling of the same token.
    if (parts.footer.empty()) return Unexpected(Errc::malformed, "the token ends with an empty footer");
  }
  if (parts.body.empty()) return Unexpected(Errc::malformed, "the token body is empty");
  const auto footer_size = encoding::base64url_decoded_size(parts.footer.size());
  if (!footer_size) return Unexpected(Errc::malformed, "the token footer is not strict base64url");
  if (*footer_size > max_footer_size) return Unexpected(Errc::malformed, "the token footer is longer than the limit");
  return parts;
}

Result<std::string> encrypt_with_nonce(const LocalKey& key, std::string_view payload, std::string_view footer,
                                       std::string_view implicit_assertion, std::span<const std::uint8_t> nonce) {
  if (nonce.size() != kNonceSize) return Unexpected(Errc::invalid_argument, "a v4.local nonce is 32 bytes");
  if (footer.size() > kDefaultMaxFooterSize) return Unexpected(Errc::invalid_argument, "the footer is longer than 2048 bytes");
  LocalSubkeys sub;
  if (auto s = derive_encryption_key(key, nonce, sub); !s) return s.error();
  if (auto s = derive_auth_key(key, nonce, sub); !s) return s.error();
  // body = n || c || t
  std::string body(kNonceSize + payload.size() + kMacSize, '\0');
  auto* out = reinterpret_cast<std::uint8_t*>(body.data());
  std::copy(nonce.begin(), nonce.end(), out);
  if (auto s = sodium::xchacha20_xor({out + kNonceSize, payload.size()}, as_bytes(payload), sub.n2, sub.ek); !s) {
    return s.error();
  }
  const std::string_view n_text(body.data(), kNonceSize);
  const std::string_view c_text(body.data() + kNonceSize, payload.size());
  if (auto s = compute_mac({out + kNonceSize + payload.size(), kMacSize}, sub, n_text, c_text, footer, implicit_assertion);
      !s) {
    return s.error();
  }
  return assemble(kLocalHeader, as_bytes(body), footer);
}

Status check_footer_rules(std::string_view footer, std::size_t max_depth, std::size_t max_keys, Errc code) {
  if (footer.empty() || footer.front() != '{') return {};
  std::string canonical;
  auto members = json::parse_object(footer, canonical, footer.size() + 1, max_depth);
  if (!members) return Unexpected(code, "the footer looks like JSON but is not a JSON object within the depth limit");
  if (count_members(canonical, max_depth) > max_keys) return Unexpected(code, "the footer has too many JSON members");
  if (const auto kid = json::find(*members, "kid")) {
    auto text = json::decode_string(*kid);
    if (!text) return Unexpected(code, "the footer kid is not a string");
    if (is_paserk_key(*text)) return Unexpected(code, "the footer kid holds a key, not a key identifier");
  }
  return {};
}

}  // namespace detail

using detail::as_bytes;

Result<std::string> encrypt_message(const LocalKey& key, std::string_view payload, std::string_view footer,
                                    std::string_view implicit_assertion) {
  // A fresh random nonce per token: n is 32 bytes, so collisions are not a
  // concern even for huge numbers of tokens (spec §v4.Encrypt step 3).
  std::array<std::uint8_t, detail::kNonceSize> nonce{};
  if (auto s = crypto::random_bytes(nonce); !s) return s.error();
  return detail::encrypt_with_nonce(key, payload, footer, implicit_assertion, nonce);
}

Result<Message> decrypt_message(const LocalKey& key, std::string_view token, std::string_view implicit_assertion,
                                std::size_t max_token_size, std::size_t max_footer_size) {
  auto parts = detail::split_token(token, detail::kLocalHeader, max_token_size, max_footer_size);
  if (!parts) return parts.error();
  Message out;
  detail::BodyBuffer buffer;
  if (auto s = detail::decode_parts(*parts, detail::kNonceSize + detail::kMacSize, buffer, out.footer); !s) {
    return s.error();
  }
  const std::string_view body = buffer.text();
  const std::string_view n(body.data(), detail::kNonceSize);
  const std::string_view c(body.data() + detail::kNonceSize, body.size() - detail::kNonceSize - detail::kMacSize);
  const std::string_view t(body.data() + body.size() - detail::kMacSize, detail::kMacSize);

  // The MAC is checked, in constant time, before anything is decrypted.
  detail::LocalSubkeys sub;
  if (auto s = detail::derive_auth_key(key, as_bytes(n), sub); !s) return s.error();
  std::array<std::uint8_t, detail::kMacSize> expected{};
  if (auto s = detail::compute_mac(expected, sub, n, c, out.footer, implicit_assertion); !s) return s.error();
  if (!crypto::constant_time_equal(expected.data(), t.data(), expected.size())) {
    return Unexpected(Errc::bad_signature, "the MAC does not match");
  }

  if (auto s = detail::derive_encryption_key(key, as_bytes(n), sub); !s) return s.error();
  out.payload.assign(c.size(), '\0');
  auto* plain = reinterpret_cast<std::uint8_t*>(out.payload.data());
  if (auto s = sodium::xchacha20_xor({plain, c.size()}, as_bytes(c), sub.n2, sub.ek); !s) {
    detail::wipe(out.payload);
    return s.error();
  }
  return out;
}

Result<std::string> unverified_footer(std::string_view token, std::size_t max_token_size,
                                      std::size_t max_footer_size) {
  const std::string_view header = token.substr(0, detail::kPublicHeader.size()) == detail::kPublicHeader
                                      ? detail::kPublicHeader
                                      : detail::kLocalHeader;
  auto parts = detail::split_token(token, header, max_token_size, max_footer_size);
  if (!parts) return parts.error();
  if (parts->footer.empty()) return std::string();
  auto footer = encoding::base64url_decode(parts->footer);
  if (!footer) return Unexpected(Errc::malformed, "the token footer is not strict base64url");
  return std::move(*footer);
}

Result<std::string> sign_message(const SecretKey& key, std::string_view payload, std::string_view footer,
                                 std::string_view implicit_assertion) {
  if (footer.size() > kDefaultMaxFooterSize) return Unexpected(Errc::invalid_argument, "the footer is longer than 2048 bytes");
  const std::string m2 = detail::pae({detail::kPublicHeader, payload, footer, implicit_assertion});
  std::string body(payload);
  body.resize(payload.size() + detail::kSignatureSize);
  auto* sig = reinterpret_cast<std::uint8_t*>(body.data()) + payload.size();
  if (auto s = sodium::ed25519_sign({sig, detail::kSignatureSize}, as_bytes(m2), key.bytes()); !s) return s.error();
  return detail::assemble(detail::kPublicHeader, as_bytes(body), footer);
}

Result<Message> verify_message(const PublicKey& key, std::string_view token, std::string_view implicit_assertion,
                               std::size_t max_token_size, std::size_t max_footer_size) {
  auto parts = detail::split_token(token, detail::kPublicHeader, max_token_size, max_footer_size);
  if (!parts) return parts.error();
  Message out;
  detail::BodyBuffer buffer;
  if (auto s = detail::decode_parts(*parts, detail::kSignatureSize, buffer, out.footer); !s) return s.error();
  const std::string_view body = buffer.text();
  const std::string_view m(body.data(), body.size() - detail::kSignatureSize);
  const std::string_view sig(body.data() + m.size(), detail::kSignatureSize);
  // Ed25519 needs the PAE as one message: built on the stack when it fits.
  const std::size_t m2_size = 8 + 4 * 8 + detail::kPublicHeader.size() + m.size() + out.footer.size() +
                              implicit_assertion.size();
  std::array<char, 4096> stack_m2;
  std::string heap_m2;
  std::string_view m2;
  if (m2_size <= stack_m2.size()) {
    char* w = stack_m2.data();
    auto put = [&w](std::string_view piece) {
      const auto len = detail::le64(piece.size());
      std::memcpy(w, len.data(), len.size());
      if (!piece.empty()) std::memcpy(w + len.size(), piece.data(), piece.size());
      w += len.size() + piece.size();
    };
    const auto count = detail::le64(4);
    std::memcpy(w, count.data(), count.size());
    w += count.size();
    put(detail::kPublicHeader);
    put(m);
    put(out.footer);
    put(implicit_assertion);
    m2 = std::string_view(stack_m2.data(), m2_size);
  } else {
    heap_m2 = detail::pae({detail::kPublicHeader, m, out.footer, implicit_assertion});
    m2 = heap_m2;
  }
  if (!sodium::ed25519_verify(as_bytes(sig), as_bytes(m2), key.bytes())) {
    return Unexpected(Errc::bad_signature, "the signature does not match");
  }
  out.payload.assign(m);
  return out;
}

}  // namespace signet::paseto
