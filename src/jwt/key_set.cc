// JWKS import and per-token key selection. Selection never guesses: a
// token gets exactly one key or key_mismatch, so a kid can never steer
// verification to a key of another algorithm.
#include "signet/jwt/key_set.h"

#include <utility>

#include "encoding/json.h"
#include "encoding/json_object.h"
#include "jwt/jwk.h"

namespace signet::jwt {
namespace {

// WipeOnExit clears the canonical JWKS copy, which may hold "oct" secrets.
struct WipeOnExit {
  std::string& text;
  ~WipeOnExit() { secure_wipe({reinterpret_cast<std::uint8_t*>(text.data()), text.size()}); }
};

// Errors a single key may cause that skip_unusable skips. A malformed
// document or a backend failure is never "just one unusable key".
bool skippable(Errc code) noexcept {
  return code == Errc::invalid_key || code == Errc::unsupported || code == Errc::invalid_argument ||
         code == Errc::key_mismatch;
}

template <class Key>
const Key* match(const std::vector<Key>& keys, std::optional<std::string_view> kid, Algorithm alg, bool kidless,
                 std::size_t& count) noexcept {
  const Key* found = nullptr;
  for (const auto& key : keys) {
    if (key.algorithm() != alg) continue;
    if (kid ? key.kid() != *kid : (kidless && !key.kid().empty())) continue;
    ++count;
    found = &key;
  }
  return found;
}

}  // namespace

Result<KeySet> KeySet::from_jwks(std::string_view jwks_json, const KeySetOptions& options) {
  std::string canonical;
  const WipeOnExit wipe{canonical};
  const json::Limits limits;
  auto top = json::parse_object(jwks_json, canonical, limits.max_bytes, limits.max_depth);
  if (!top) return Unexpected(Errc::malformed, "JWKS is not a strict JSON object");
  const auto keys = json::find(*top, "keys");
  if (!keys || json::type_of(*keys) != json::JsonType::array) {
    return Unexpected(Errc::malformed, "JWKS has no \"keys\" array");
  }
  auto elements = json::elements_of(*keys);
  if (!elements) return Unexpected(Errc::malformed, "JWKS \"keys\" is not an array");

  KeySet set;
  for (const auto element : *elements) {
    if (json::type_of(element) != json::JsonType::object) {
      return Unexpected(Errc::malformed, "JWKS \"keys\" holds a non-object");
    }
    auto members = json::members_of(element);
    if (!members) return Unexpected(Errc::malformed, "JWKS key is not an object");

    const auto kty = json::find(*members, "kty");
    const bool is_oct = kty && *kty == "\"oct\"";
    std::optional<Algorithm> bound;
    if (const auto kid = json::find(*members, "kid"); kid && json::type_of(*kid) == json::JsonType::string) {
      if (auto text = json::decode_string(*kid)) {
        if (const auto it = options.bind_algorithm.find(*text); it != options.bind_algorithm.end()) bound = it->second;
      }
    }

    Result<detail::KeyDataPtr> key = Unexpected(Errc::invalid_key, "JWKS holds an \"oct\" key and allow_hmac is off");
    if (!is_oct || options.allow_hmac) key = detail::import_jwk_members(*members, bound, detail::JwkPurpose::key_set);
    if (!key) {
      if (options.skip_unusable && skippable(key.error().code())) continue;
      return key.error();
    }

    const detail::KeyData& data = **key;
    std::size_t same = 0;
    match(set.public_keys_, std::string_view(data.kid), data.alg, false, same);
    match(set.hmac_keys_, std::string_view(data.kid), data.alg, false, same);
    if (same != 0) return Unexpected(Errc::invalid_argument, "two JWKS keys have the same kid and alg");
    if (data.hmac) {
      set.hmac_keys_.push_back(detail::KeyData::make_hmac_key(std::move(*key)));
    } else {
      set.public_keys_.push_back(detail::KeyData::make_public_key(std::move(*key)));
    }
  }
  return set;
}

KeySet KeySet::from_keys(std::vector<PublicKey> public_keys, std::vector<HmacKey> hmac_keys) {
  KeySet set;
  set.public_keys_ = std::move(public_keys);
  set.hmac_keys_ = std::move(hmac_keys);
  return set;
}

Result<KeySet::Selected> KeySet::select(std::optional<std::string_view> kid, Algorithm alg) const noexcept {
  std::size_t count = 0;
  Selected out;
  out.public_key = match(public_keys_, kid, alg, true, count);
  out.hmac_key = match(hmac_keys_, kid, alg, true, count);
  if (count == 0 && !kid) {
    // No kid-less key for a kid-less token: fall back to the one key of
    // that algorithm, if there is exactly one.
    out.public_key = match(public_keys_, kid, alg, false, count);
    out.hmac_key = match(hmac_keys_, kid, alg, false, count);
  }
  if (count == 0) return Unexpected(Errc::key_mismatch, "no key matches the token's kid and alg");
  if (count > 1) return Unexpected(Errc::key_mismatch, "more than one key matches the token's kid and alg");
  return out;
}

std::size_t KeySet::size() const noexcept { return public_keys_.size() + hmac_keys_.size(); }

std::vector<KeySet::KeyId> KeySet::key_ids() const {
  std::vector<KeyId> ids;
  ids.reserve(size());
  for (const auto& k : public_keys_) ids.push_back(KeyId{k.algorithm(), std::string(k.kid())});
  for (const auto& k : hmac_keys_) ids.push_back(KeyId{k.algorithm(), std::string(k.kid())});
  return ids;
}

std::string KeySet::to_jwks() const {
  std::string out = "{\"keys\":[";
  for (std::size_t i = 0; i < public_keys_.size(); ++i) {
    if (i != 0) out.push_back(',');
    out += public_keys_[i].to_jwk();
  }
  out += "]}";
  return out;
}

}  // namespace signet::jwt
