// Secrets are stored as base64url so that any byte string survives the JSON
// document unchanged (a Django SECRET_KEY is text, an itsdangerous key may be
// raw bytes).
#include "core/secret_ring.h"

#include <array>
#include <cstdint>
#include <span>
#include <utility>

#include "core/key_ring_file.h"
#include "crypto/random.h"
#include "encoding/base64url.h"
#include "encoding/json_object.h"

namespace signet::ring {
namespace {

void wipe(std::string& s) noexcept {
  secure_wipe(std::span<std::uint8_t>(reinterpret_cast<std::uint8_t*>(s.data()), s.size()));
}

}  // namespace

Result<SecretEntries> parse_secret_ring(std::string_view document, std::string_view format, std::size_t max_bytes) {
  auto raw = parse_ring(document, format, max_bytes);
  if (!raw) return raw.error();
  SecretEntries out;
  out.reserve(raw->size());
  for (auto& r : *raw) {
    if (json::type_of(r.key_json) != json::JsonType::string) {
      return Unexpected(Errc::malformed, "a secret ring's \"key\" must be a base64url string");
    }
    // The content of a valid base64url string needs no unescaping.
    auto bytes = encoding::base64url_decode(json::string_content(r.key_json));
    if (!bytes) return Unexpected(Errc::invalid_key, "a secret ring's key is not strict base64url");
    SecretBytes secret(*bytes);
    wipe(*bytes);
    if (secret.empty()) return Unexpected(Errc::invalid_key, "a secret ring's key is empty");
    out.push_back(detail::SecretKeyEntry{std::move(r.info), std::move(secret)});
  }
  return out;
}

std::string write_secret_ring(std::string_view format, const SecretEntries& entries) {
  std::vector<RawEntry> raw;
  raw.reserve(entries.size());
  for (const auto& e : entries) {
    RawEntry r;
    r.info = e.info;
    r.key_json = '"' + encoding::base64url_encode(e.secret.bytes()) + '"';
    raw.push_back(std::move(r));
  }
  return write_ring(format, raw);
}

Status add_secret(SecretEntries& entries, const SecretBytes& secret, const AddKeyOptions& options, const Clock& clock) {
  if (secret.empty()) return Unexpected(Errc::invalid_key, "a secret key cannot be empty");
  for (const auto& e : entries) {
    // The same secret twice would make one of the two ids meaningless.
    if (e.secret.size() == secret.size() && e.secret.equals(secret.bytes())) {
      return Unexpected(Errc::invalid_argument, "this secret is already in the ring");
    }
  }
  auto id = options.id.empty() ? random_id() : Result<std::string>(options.id);
  if (!id) return id.error();
  detail::SecretKeyEntry entry{KeyInfo{}, secret.clone()};
  entry.info.id = std::move(*id);
  entry.info.state = options.verify_only ? KeyState::verify_only : KeyState::active;
  entry.info.created = to_seconds(clock.now());
  entry.info.not_after = options.not_after;
  return add_entry(entries, std::move(entry));
}

Result<std::string> add_generated_secret(SecretEntries& entries, const AddKeyOptions& options, const Clock& clock) {
  // django.core.management.utils.get_random_secret_key's alphabet.
  static constexpr std::string_view kAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789!@#$%^&*(-_=+)";
  static_assert(kAlphabet.size() == 50);
  std::string text;
  std::array<std::uint8_t, 64> pool{};
  while (text.size() < 50) {
    if (auto st = crypto::random_bytes(pool); !st) return st.error();
    for (const auto b : pool) {
      // Rejection sampling: 250 = 5 x 50, so the bytes kept are uniform.
      if (b < 250 && text.size() < 50) text += kAlphabet[b % 50];
    }
  }
  secure_wipe(pool);
  SecretBytes secret(text);
  wipe(text);
  AddKeyOptions with_id = options;
  if (with_id.id.empty()) {
    auto id = random_id();
    if (!id) return id.error();
    with_id.id = std::move(*id);
  }
  if (auto st = add_secret(entries, secret, with_id, clock); !st) return st.error();
  return with_id.id;
}

std::vector<KeyInfo> list_secrets(const SecretEntries& entries) {
  std::vector<KeyInfo> out;
  out.reserve(entries.size());
  for (const auto& e : entries) {
    KeyInfo info = e.info;
    info.algorithm = "secret";
    out.push_back(std::move(info));
  }
  return out;
}

std::vector<SecretBytes> usable_verify_only(const SecretEntries& entries, UnixTime now) {
  std::vector<SecretBytes> out;
  for (const auto& e : entries) {
    if (e.info.state == KeyState::verify_only && !past_not_after(e.info, now)) out.push_back(e.secret.clone());
  }
  return out;
}

}  // namespace signet::ring
