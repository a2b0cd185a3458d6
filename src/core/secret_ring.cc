// SecretKeyRing: the ring of shared secrets behind django::KeyRing and
// itsdangerous::KeyRing.
// Secrets are stored as base64url so that any byte string survives the JSON
// document unchanged (a Django SECRET_KEY is text, an itsdangerous key may be
// raw bytes).
#include "signet/key_ring.h"

#include <array>
#include <cstdint>
#include <span>
#include <utility>

#include "core/key_ring_file.h"
#include "crypto/random.h"
#include "encoding/base64url.h"
#include "encoding/json_object.h"

namespace signet {
namespace {

using ring::RawEntry;

void wipe(std::string& s) noexcept {
  secure_wipe(std::span<std::uint8_t>(reinterpret_cast<std::uint8_t*>(s.data()), s.size()));
}

}  // namespace

Status SecretKeyRing::load(std::string_view document, std::size_t max_bytes) {
  auto raw = ring::parse_ring(document, format_, max_bytes);
  if (!raw) return raw.error();
  std::vector<detail::SecretKeyEntry> out;
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
  entries_ = std::move(out);
  return {};
}

std::string SecretKeyRing::serialize() const {
  std::vector<RawEntry> raw;
  raw.reserve(entries_.size());
  for (const auto& e : entries_) {
    RawEntry r;
    r.info = e.info;
    r.key_json = '"' + encoding::base64url_encode(e.secret.bytes()) + '"';
    raw.push_back(std::move(r));
  }
  return ring::write_ring(format_, raw);
}

Status SecretKeyRing::add(const SecretBytes& secret, const AddKeyOptions& options, const Clock& clock) {
  if (secret.empty()) return Unexpected(Errc::invalid_key, "a secret key cannot be empty");
  for (const auto& e : entries_) {
    // The same secret twice would make one of the two ids meaningless.
    if (e.secret.size() == secret.size() && e.secret.equals(secret.bytes())) {
      return Unexpected(Errc::invalid_argument, "this secret is already in the ring");
    }
  }
  auto id = options.id.empty() ? ring::random_id() : Result<std::string>(options.id);
  if (!id) return id.error();
  detail::SecretKeyEntry entry{KeyInfo{}, secret.clone()};
  entry.info.id = std::move(*id);
  entry.info.state = options.verify_only ? KeyState::verify_only : KeyState::active;
  entry.info.created = ring::to_seconds(clock.now());
  entry.info.not_after = options.not_after;
  return ring::add_entry(entries_, std::move(entry));
}

Result<std::string> SecretKeyRing::add_generated(const AddKeyOptions& options, const Clock& clock) {
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
    auto id = ring::random_id();
    if (!id) return id.error();
    with_id.id = std::move(*id);
  }
  if (auto st = add(secret, with_id, clock); !st) return st.error();
  return with_id.id;
}

Status SecretKeyRing::activate(std::string_view id) { return ring::activate(entries_, id); }
Status SecretKeyRing::retire(std::string_view id) { return ring::retire(entries_, id); }

std::vector<KeyInfo> SecretKeyRing::list() const {
  std::vector<KeyInfo> out;
  out.reserve(entries_.size());
  for (const auto& e : entries_) {
    KeyInfo info = e.info;
    info.algorithm = "secret";
    out.push_back(std::move(info));
  }
  return out;
}

Result<SecretKeyRing::UsableKeys> SecretKeyRing::usable_keys(const Clock& clock) const {
  const UnixTime now = clock.now();
  auto active = ring::active_entry(entries_, now);
  if (!active) return active.error();
  UsableKeys out{(*active)->secret.clone(), {}};
  for (const auto& e : entries_) {
    if (e.info.state == KeyState::verify_only && !ring::past_not_after(e.info, now)) {
      out.verify_only.push_back(e.secret.clone());
    }
  }
  return out;
}

}  // namespace signet
