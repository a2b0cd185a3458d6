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

// Splits an open_* buffer into a Message: the payload keeps the buffer (a
// footer of more than the short-string size costs a second allocation, as
// the message layer always has).
Message split_message(std::string buffer, std::size_t payload_size) {
  Message out;
  out.footer.assign(buffer, payload_size);
  buffer.resize(payload_size);
  out.payload = std::move(buffer);
  return out;
}

// The v4.local subkeys of one nonce, in one array so that one wipe clears
// them: Ek || n2 (one 56-byte BLAKE2b output, spec §v4.Encrypt step 4), then
// Ak (step 5).
struct LocalSubkeys {
  std::array<std::uint8_t, 32 + 24 + 32> bytes{};
  std::span<std::uint8_t> ek_n2() noexcept { return {bytes.data(), 56}; }
  std::span<const std::uint8_t> ek() const noexcept { return {bytes.data(), 32}; }
  std::span<const std::uint8_t> n2() const noexcept { return {bytes.data() + 32, 24}; }
  std::span<std::uint8_t> ak() noexcept { return {bytes.data() + 56, 32}; }
  std::span<const std::uint8_t> ak() const noexcept { return {bytes.data() + 56, 32}; }
  ~LocalSubkeys() { crypto::cleanse(bytes.data(), bytes.size()); }
};

constexpr std::string_view kEncryptionKeyInfo = "paseto-encryption-key";
constexpr std::string_view kAuthKeyInfo = "paseto-auth-key-for-aead";

// Finishes a copy of a schedule state with the nonce; the copy is wiped by
// blake2b_final.
Status derive(const sodium::Blake2bState& prepared, std::span<const std::uint8_t> nonce, std::span<std::uint8_t> out) {
  sodium::Blake2bState state = prepared;
  sodium::blake2b_update(state, nonce);
  return sodium::blake2b_final(state, out);
}

// Keyed BLAKE2b from scratch, for callers without a prepared schedule
// (preparing one costs the same two inits plus copies and wipes).
Status derive_from_key(const LocalKey& key, std::string_view info, std::span<const std::uint8_t> nonce,
                       std::span<std::uint8_t> out) {
  sodium::Blake2bState state;
  if (auto s = sodium::blake2b_init(state, out.size(), key.bytes()); !s) return s;
  sodium::blake2b_update(state, as_bytes(info));
  sodium::blake2b_update(state, nonce);
  return sodium::blake2b_final(state, out);
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

void put_le64(std::uint8_t* at, std::uint64_t n) noexcept {
  const auto bytes = le64(n);
  std::memcpy(at, bytes.data(), bytes.size());
}

// The MAC over PAE(h, n, c, f, i), fed to BLAKE2b in as few pieces as
// possible (every update costs a call and a copy): the PAE string itself is
// never built (no allocation, nothing to wipe).
Status compute_mac(std::span<std::uint8_t> out, const LocalSubkeys& sub, std::span<const std::uint8_t> nonce,
                   std::string_view ciphertext, std::string_view footer, std::string_view implicit_assertion) {
  sodium::Blake2bState state;
  if (auto s = sodium::blake2b_init(state, out.size(), sub.ak()); !s) return s;
  // LE64(5) || LE64(|h|) || h || LE64(|n|) || n || LE64(|c|)
  std::array<std::uint8_t, 8 + 8 + kLocalHeader.size() + 8 + kNonceSize + 8> head;
  std::uint8_t* w = head.data();
  put_le64(w, 5);
  put_le64(w + 8, kLocalHeader.size());
  std::memcpy(w + 16, kLocalHeader.data(), kLocalHeader.size());
  w += 16 + kLocalHeader.size();
  put_le64(w, kNonceSize);
  std::memcpy(w + 8, nonce.data(), kNonceSize);
  put_le64(w + 8 + kNonceSize, ciphertext.size());
  sodium::blake2b_update(state, head);
  sodium::blake2b_update(state, as_bytes(ciphertext));
  // LE64(|f|) || f || LE64(|i|) || i: in one piece when short.
  std::array<std::uint8_t, 256> tail;
  if (footer.size() + implicit_assertion.size() + 16 <= tail.size()) {
    w = tail.data();
    put_le64(w, footer.size());
    if (!footer.empty()) std::memcpy(w + 8, footer.data(), footer.size());
    w += 8 + footer.size();
    put_le64(w, implicit_assertion.size());
    if (!implicit_assertion.empty()) std::memcpy(w + 8, implicit_assertion.data(), implicit_assertion.size());
    w += 8 + implicit_assertion.size();
    sodium::blake2b_update(state, {tail.data(), static_cast<std::size_t>(w - tail.data())});
  } else {
    const auto lf = le64(footer.size()), li = le64(implicit_assertion.size());
    sodium::blake2b_update(state, lf);
    sodium::blake2b_update(state, as_bytes(footer));
    sodium::blake2b_update(state, li);
    sodium::blake2b_update(state, as_bytes(implicit_assertion));
  }
  return sodium::blake2b_final(state, out);
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

// Body and footer together up to this size are decoded on the stack; larger
// ones on the heap. Either way nothing is allocated for the output until the
// MAC or signature has been checked.
constexpr std::size_t kStackDecoded = 2048;

// Decoded holds the decoded body and footer of a token, back to back.
struct Decoded {
  std::array<std::uint8_t, kStackDecoded> stack;
  std::string heap;
  std::string_view body;
  std::string_view footer;
};

// Decodes the body and footer of a split token. Sizes were bounded by
// split_token; the body must hold at least `min_body` bytes.
Status decode_parts(const TokenParts& parts, std::size_t min_body, Decoded& out) {
  const auto body_size = encoding::base64url_decoded_size(parts.body.size());
  if (!body_size || *body_size < min_body) return Unexpected(Errc::malformed, "the token body is too short");
  // split_token has checked that the footer's length is a valid encoded length.
  const std::size_t footer_size = encoding::base64url_decoded_size(parts.footer.size()).value_or(0);
  std::uint8_t* at = out.stack.data();
  if (*body_size + footer_size > out.stack.size()) {
    out.heap.resize(*body_size + footer_size);
    at = reinterpret_cast<std::uint8_t*>(out.heap.data());
  }
  if (!encoding::base64url_decode(parts.body, at)) {
    return Unexpected(Errc::malformed, "the token body is not strict base64url");
  }
  if (!parts.footer.empty() && !encoding::base64url_decode(parts.footer, at + *body_size)) {
    return Unexpected(Errc::malformed, "the token footer is not strict base64url");
  }
  out.body = as_text({at, *body_size});
  out.footer = as_text({at + *body_size, footer_size});
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

LocalSchedule::~LocalSchedule() {
  sodium::blake2b_wipe(encryption);
  sodium::blake2b_wipe(authentication);
}

Status LocalSchedule::prepare(const LocalKey& key) noexcept {
  if (auto s = sodium::blake2b_init(encryption, 56, key.bytes()); !s) return s;
  sodium::blake2b_update(encryption, as_bytes(kEncryptionKeyInfo));
  if (auto s = sodium::blake2b_init(authentication, 32, key.bytes()); !s) return s;
  sodium::blake2b_update(authentication, as_bytes(kAuthKeyInfo));
  return {};
}

Result<std::string> encrypt_with_nonce(const LocalKey& key, std::string_view payload, std::string_view footer,
                                       std::string_view implicit_assertion, std::span<const std::uint8_t> nonce) {
  if (nonce.size() != kNonceSize) return Unexpected(Errc::invalid_argument, "a v4.local nonce is 32 bytes");
  if (footer.size() > kDefaultMaxFooterSize) return Unexpected(Errc::invalid_argument, "the footer is longer than 2048 bytes");
  LocalSubkeys sub;
  if (auto s = derive_from_key(key, kEncryptionKeyInfo, nonce, sub.ek_n2()); !s) return s.error();
  if (auto s = derive_from_key(key, kAuthKeyInfo, nonce, sub.ak()); !s) return s.error();
  // body = n || c || t
  std::string body(kNonceSize + payload.size() + kMacSize, '\0');
  auto* out = reinterpret_cast<std::uint8_t*>(body.data());
  std::copy(nonce.begin(), nonce.end(), out);
  if (auto s = sodium::xchacha20_xor({out + kNonceSize, payload.size()}, as_bytes(payload), sub.n2(), sub.ek()); !s) {
    return s.error();
  }
  const std::string_view c_text(body.data() + kNonceSize, payload.size());
  if (auto s = compute_mac({out + kNonceSize + payload.size(), kMacSize}, sub, nonce, c_text, footer, implicit_assertion);
      !s) {
    return s.error();
  }
  return assemble(kLocalHeader, as_bytes(body), footer);
}

namespace {

// The v4.local Decrypt steps after the header check. `derive_auth` and
// `derive_encryption` (nonce, out) write Ak and Ek || n2.
template <class DeriveAuth, class DeriveEncryption>
Status open_local_with(DeriveAuth&& derive_auth, DeriveEncryption&& derive_encryption, std::string_view token,
                       std::string_view implicit_assertion, std::size_t max_token_size, std::size_t max_footer_size,
                       std::string& buffer, std::size_t& payload_size) {
  auto parts = split_token(token, kLocalHeader, max_token_size, max_footer_size);
  if (!parts) return parts.error();
  Decoded decoded;
  if (auto s = decode_parts(*parts, kNonceSize + kMacSize, decoded); !s) return s;
  const std::string_view body = decoded.body;
  const auto n = as_bytes(body.substr(0, kNonceSize));
  const std::string_view c = body.substr(kNonceSize, body.size() - kNonceSize - kMacSize);
  const std::string_view t = body.substr(body.size() - kMacSize);

  // The MAC is checked, in constant time, before anything is decrypted.
  LocalSubkeys sub;
  if (auto s = derive_auth(n, sub.ak()); !s) return s;
  std::array<std::uint8_t, kMacSize> expected;
  if (auto s = compute_mac(expected, sub, n, c, decoded.footer, implicit_assertion); !s) return s;
  if (!crypto::constant_time_equal(expected.data(), t.data(), expected.size())) {
    return Unexpected(Errc::bad_signature, "the MAC does not match");
  }

  if (auto s = derive_encryption(n, sub.ek_n2()); !s) return s;
  // One allocation: the plaintext, then the footer behind it.
  buffer.resize(c.size() + decoded.footer.size());
  auto* plain = reinterpret_cast<std::uint8_t*>(buffer.data());
  if (auto s = sodium::xchacha20_xor({plain, c.size()}, as_bytes(c), sub.n2(), sub.ek()); !s) {
    wipe(buffer);
    return s;
  }
  if (!decoded.footer.empty()) std::memcpy(buffer.data() + c.size(), decoded.footer.data(), decoded.footer.size());
  payload_size = c.size();
  return {};
}

}  // namespace

Status open_local(const LocalSchedule& schedule, std::string_view token, std::string_view implicit_assertion,
                  std::size_t max_token_size, std::size_t max_footer_size, std::string& buffer,
                  std::size_t& payload_size) {
  return open_local_with(
      [&](std::span<const std::uint8_t> n, std::span<std::uint8_t> out) { return derive(schedule.authentication, n, out); },
      [&](std::span<const std::uint8_t> n, std::span<std::uint8_t> out) { return derive(schedule.encryption, n, out); },
      token, implicit_assertion, max_token_size, max_footer_size, buffer, payload_size);
}

Status open_local(const LocalKey& key, std::string_view token, std::string_view implicit_assertion,
                  std::size_t max_token_size, std::size_t max_footer_size, std::string& buffer,
                  std::size_t& payload_size) {
  return open_local_with(
      [&](std::span<const std::uint8_t> n, std::span<std::uint8_t> out) {
        return derive_from_key(key, kAuthKeyInfo, n, out);
      },
      [&](std::span<const std::uint8_t> n, std::span<std::uint8_t> out) {
        return derive_from_key(key, kEncryptionKeyInfo, n, out);
      },
      token, implicit_assertion, max_token_size, max_footer_size, buffer, payload_size);
}

Status open_public(const PublicKey& key, std::string_view token, std::string_view implicit_assertion,
                   std::size_t max_token_size, std::size_t max_footer_size, std::string& buffer,
                   std::size_t& payload_size) {
  auto parts = split_token(token, kPublicHeader, max_token_size, max_footer_size);
  if (!parts) return parts.error();
  Decoded decoded;
  if (auto s = decode_parts(*parts, kSignatureSize, decoded); !s) return s;
  const std::string_view body = decoded.body;
  const std::string_view m = body.substr(0, body.size() - kSignatureSize);
  const std::string_view sig = body.substr(m.size());
  const std::string_view f = decoded.footer;
  // Ed25519 needs the PAE as one message: built on the stack when it fits.
  const std::size_t m2_size = 8 + 4 * 8 + kPublicHeader.size() + m.size() + f.size() + implicit_assertion.size();
  std::array<char, 4096> stack_m2;
  std::string heap_m2;
  std::string_view m2;
  if (m2_size <= stack_m2.size()) {
    char* w = stack_m2.data();
    auto put = [&w](std::string_view piece) {
      put_le64(reinterpret_cast<std::uint8_t*>(w), piece.size());
      if (!piece.empty()) std::memcpy(w + 8, piece.data(), piece.size());
      w += 8 + piece.size();
    };
    put_le64(reinterpret_cast<std::uint8_t*>(w), 4);
    w += 8;
    put(kPublicHeader);
    put(m);
    put(f);
    put(implicit_assertion);
    m2 = std::string_view(stack_m2.data(), m2_size);
  } else {
    heap_m2 = pae({kPublicHeader, m, f, implicit_assertion});
    m2 = heap_m2;
  }
  if (!sodium::ed25519_verify(as_bytes(sig), as_bytes(m2), key.bytes())) {
    return Unexpected(Errc::bad_signature, "the signature does not match");
  }
  // One allocation: the payload, then the footer behind it.
  buffer.resize(m.size() + f.size());
  if (!m.empty()) std::memcpy(buffer.data(), m.data(), m.size());
  if (!f.empty()) std::memcpy(buffer.data() + m.size(), f.data(), f.size());
  payload_size = m.size();
  return {};
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
  std::string buffer;
  std::size_t payload_size = 0;
  if (auto s = detail::open_local(key, token, implicit_assertion, max_token_size, max_footer_size, buffer, payload_size);
      !s) {
    return s.error();
  }
  return detail::split_message(std::move(buffer), payload_size);
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
  std::string buffer;
  std::size_t payload_size = 0;
  if (auto s = detail::open_public(key, token, implicit_assertion, max_token_size, max_footer_size, buffer, payload_size);
      !s) {
    return s.error();
  }
  return detail::split_message(std::move(buffer), payload_size);
}

}  // namespace signet::paseto
