// The JWT key ring: ring operations from core/key_ring_file.h, keys as JWKs.
#include "signet/jwt/key_ring.h"

#include <atomic>
#include <optional>
#include <utility>

#include "core/key_ring_file.h"
#include "encoding/json.h"
#include "encoding/json_object.h"
#include "jwt/jwk.h"
#include "jwt/key_data.h"

namespace signet::jwt {
namespace {

constexpr std::string_view kFormat = "jwt";

const detail::KeyData& data_of(const std::variant<HmacKey, PrivateKey, PublicKey>& key) noexcept {
  return std::visit([](const auto& k) -> const detail::KeyData& { return k.data(); }, key);
}

// Rebinding makes a key object that shares the parsed key but carries the
// ring id as its kid, so that the signer writes it and KeySet selects by it.
Result<HmacKey> rebind(const HmacKey& key, std::string_view kid) {
  if (key.kid() == kid) return key;
  auto d = detail::make_hmac_data(key.algorithm(), key.data().secret.clone(), kid);
  if (!d) return d.error();
  return detail::KeyData::make_hmac_key(std::move(*d));
}
Result<PrivateKey> rebind(const PrivateKey& key, std::string_view kid) {
  if (key.kid() == kid) return key;
  auto d = detail::make_asymmetric_data(key.algorithm(), key.data().pkey, kid);
  if (!d) return d.error();
  return detail::KeyData::make_private_key(std::move(*d));
}
Result<PublicKey> rebind(const PublicKey& key, std::string_view kid) {
  if (key.kid() == kid) return key;
  auto d = detail::make_asymmetric_data(key.algorithm(), key.data().pkey, kid);
  if (!d) return d.error();
  return detail::KeyData::make_public_key(std::move(*d));
}

// The default id: a public key's thumbprint names it everywhere (RFC 7638
// §1); an HMAC key gets random hex, since a hash of a secret that may have
// been chosen by a person is a guessing oracle.
template <class Key>
Result<std::string> default_id(const Key& key) {
  if (!key.kid().empty()) return std::string(key.kid());
  if constexpr (std::is_same_v<Key, HmacKey>) {
    return ring::random_id();
  } else {
    return key.thumbprint();
  }
}

std::string thumbprint_of(const std::variant<HmacKey, PrivateKey, PublicKey>& key) {
  if (std::holds_alternative<HmacKey>(key)) return {};
  return detail::jwk_thumbprint(data_of(key));
}

// Imports the JWK of one ring entry: "oct" as an HMAC key, a JWK with "d"
// as a private key, anything else as a public key.
Result<std::variant<HmacKey, PrivateKey, PublicKey>> import_key(std::string_view jwk) {
  if (json::type_of(jwk) != json::JsonType::object) {
    return Unexpected(Errc::malformed, "a jwt ring's \"key\" must be a JWK object");
  }
  auto members = json::members_of(jwk);
  if (!members) return members.error();
  const auto kty = json::find(*members, "kty");
  if (kty && *kty == "\"oct\"") {
    auto k = HmacKey::from_jwk(jwk);
    if (!k) return k.error();
    return std::variant<HmacKey, PrivateKey, PublicKey>(std::move(*k));
  }
  if (json::find(*members, "d")) {
    auto k = PrivateKey::from_jwk(jwk);
    if (!k) return k.error();
    return std::variant<HmacKey, PrivateKey, PublicKey>(std::move(*k));
  }
  auto k = PublicKey::from_jwk(jwk);
  if (!k) return k.error();
  return std::variant<HmacKey, PrivateKey, PublicKey>(std::move(*k));
}

}  // namespace

struct RingVerifier::Impl {
  struct KeyState {
    std::string id;
    signet::KeyState state;
    std::optional<std::chrono::sys_seconds> not_after;
  };
  Verifier verifier;
  std::vector<KeyState> keys;
  const Clock* clock;
  ring::RingCounters counters;
  Impl(Verifier v, std::vector<KeyState> k, const Clock& c) : verifier(std::move(v)), keys(std::move(k)), clock(&c) {}
};

RingVerifier::RingVerifier(std::unique_ptr<Impl> impl) noexcept : impl_(std::move(impl)) {}
RingVerifier::RingVerifier(RingVerifier&&) noexcept = default;
RingVerifier& RingVerifier::operator=(RingVerifier&&) noexcept = default;
RingVerifier::~RingVerifier() = default;

Result<VerifiedToken> RingVerifier::verify(std::string_view token) const {
  auto verified = impl_->verifier.verify(token);
  if (!verified) return verified;
  // KeySet lets a token without kid use the only key of its alg; a ring
  // names every key, so a kid-less token was not made by this ring's signer.
  const auto kid = verified->kid();
  if (!kid) return Unexpected(Errc::key_mismatch, "a key ring verifies only tokens with a kid");
  for (const auto& key : impl_->keys) {
    if (key.id != *kid) continue;
    if (auto admitted = impl_->counters.admit(key.state, key.not_after, impl_->clock->now()); !admitted) {
      return admitted.error();
    }
    return verified;
  }
  return Unexpected(Errc::key_mismatch, "no key in the ring for the token's kid");
}

RingStats RingVerifier::stats() const noexcept { return impl_->counters.snapshot(); }

Result<KeyRing> KeyRing::parse(std::string_view document, std::size_t max_bytes) {
  auto raw = ring::parse_ring(document, kFormat, max_bytes);
  if (!raw) return raw.error();
  KeyRing out;
  for (auto& r : *raw) {
    auto key = import_key(r.key_json);
    if (!key) return key.error();
    const std::string_view kid = data_of(*key).kid;
    if (!kid.empty() && kid != r.info.id) return Unexpected(Errc::malformed, "a key's JWK kid differs from its ring id");
    if (std::holds_alternative<PublicKey>(*key) && r.info.state == signet::KeyState::active) {
      return Unexpected(Errc::invalid_key, "the active key of a ring must be able to sign (a public JWK cannot)");
    }
    Entry e{std::move(r.info), std::move(*key)};
    auto rebound = std::visit(
        [&](const auto& k) -> Status {
          auto b = rebind(k, e.info.id);
          if (!b) return b.error();
          e.key = std::move(*b);
          return {};
        },
        e.key);
    if (!rebound) return rebound.error();
    out.entries_.push_back(std::move(e));
  }
  return out;
}

Result<KeyRing> KeyRing::from_jwks(std::string_view jwks, const KeySetOptions& options, const Clock& clock) {
  auto set = KeySet::from_jwks(jwks, options);
  if (!set) return set.error();
  // KeySet keeps its keys private; re-import each JWK of the document in
  // order instead, now that the whole document is known to be acceptable.
  std::string canonical;
  auto top = json::parse_object(jwks, canonical, json::Limits{}.max_bytes, json::Limits{}.max_depth);
  if (!top) return top.error();
  auto elements = json::elements_of(*json::find(*top, "keys"));
  if (!elements) return elements.error();
  KeyRing out;
  for (const auto element : *elements) {
    auto members = json::members_of(element);
    if (!members) return members.error();
    const auto kty = json::find(*members, "kty");
    const bool oct = kty && *kty == "\"oct\"";
    if (oct && !options.allow_hmac) continue;  // from_jwks refused it or skipped it
    const auto kid_value = json::find(*members, "kid");
    std::optional<Algorithm> bound;
    if (kid_value) {
      auto kid = json::decode_string(*kid_value);
      if (kid) {
        auto it = options.bind_algorithm.find(*kid);
        if (it != options.bind_algorithm.end()) bound = it->second;
      }
    }
    AddKeyOptions add{.id = {}, .verify_only = true, .not_after = std::nullopt};
    Status st;
    if (oct) {
      auto k = HmacKey::from_jwk(element, bound);
      if (!k) {
        if (options.skip_unusable) continue;
        return k.error();
      }
      if (k->kid().empty()) return Unexpected(Errc::invalid_argument, "every key of a ring's JWKS needs a kid");
      st = out.add(*k, add, clock);
    } else {
      auto k = PublicKey::from_jwk(element, bound);
      if (!k) {
        if (options.skip_unusable) continue;
        return k.error();
      }
      if (k->kid().empty()) return Unexpected(Errc::invalid_argument, "every key of a ring's JWKS needs a kid");
      st = out.add(*k, add, clock);
    }
    if (!st) return st.error();
  }
  secure_wipe({reinterpret_cast<std::uint8_t*>(canonical.data()), canonical.size()});
  return out;
}

std::string KeyRing::serialize() const {
  std::vector<ring::RawEntry> raw;
  raw.reserve(entries_.size());
  for (const auto& e : entries_) {
    ring::RawEntry r;
    r.info = e.info;
    r.key_json = std::visit(
        [](const auto& k) -> std::string {
          using K = std::decay_t<decltype(k)>;
          if constexpr (std::is_same_v<K, HmacKey>) return k.to_jwk_with_secret();
          else if constexpr (std::is_same_v<K, PrivateKey>) return k.to_jwk_with_private();
          else return k.to_jwk();
        },
        e.key);
    raw.push_back(std::move(r));
  }
  return ring::write_ring(kFormat, raw);
}

Status KeyRing::add_entry(Entry entry, const AddKeyOptions& options, const Clock& clock) {
  entry.info.state = options.verify_only ? signet::KeyState::verify_only : signet::KeyState::active;
  entry.info.created = ring::to_seconds(clock.now());
  entry.info.not_after = options.not_after;
  return ring::add_entry(entries_, std::move(entry));
}

// One body for the three key types: pick the id, rebind the key to it.
template <class Key>
Status KeyRing::add_key(const Key& key, const AddKeyOptions& options, const Clock& clock) {
  auto id = options.id.empty() ? default_id(key) : Result<std::string>(options.id);
  if (!id) return id.error();
  if (auto st = ring::check_id(*id); !st) return st;
  auto k = rebind(key, *id);
  if (!k) return k.error();
  Entry entry{KeyInfo{}, std::move(*k)};
  entry.info.id = std::move(*id);
  return add_entry(std::move(entry), options, clock);
}

Status KeyRing::add(const HmacKey& key, const AddKeyOptions& options, const Clock& clock) {
  return add_key(key, options, clock);
}

Status KeyRing::add(const PrivateKey& key, const AddKeyOptions& options, const Clock& clock) {
  return add_key(key, options, clock);
}

Status KeyRing::add(const PublicKey& key, const AddKeyOptions& options, const Clock& clock) {
  if (!options.verify_only) return Unexpected(Errc::invalid_argument, "a public key can only be added verify-only");
  return add_key(key, options, clock);
}

Status KeyRing::activate(std::string_view id) {
  const Entry* e = ring::find(entries_, id);
  if (e && std::holds_alternative<PublicKey>(e->key)) {
    return Unexpected(Errc::invalid_key, "a public key cannot be the active (signing) key");
  }
  return ring::activate(entries_, id);
}

Status KeyRing::retire(std::string_view id) { return ring::retire(entries_, id); }

std::vector<KeyInfo> KeyRing::list() const {
  std::vector<KeyInfo> out;
  out.reserve(entries_.size());
  for (const auto& e : entries_) {
    KeyInfo info = e.info;
    info.algorithm = std::string(algorithm_name(data_of(e.key).alg));
    info.thumbprint = thumbprint_of(e.key);
    out.push_back(std::move(info));
  }
  return out;
}

Result<Signer> KeyRing::signer(SignerOptions options, const Clock& clock) const {
  auto active = ring::active_entry(entries_, clock.now());
  if (!active) return active.error();
  const Entry& e = **active;
  if (options.kid && *options.kid != e.info.id) {
    return Unexpected(Errc::invalid_argument, "a ring signer's kid is the active key's id");
  }
  options.kid.reset();
  options.include_kid = true;
  if (const auto* hmac = std::get_if<HmacKey>(&e.key)) return Signer::create(*hmac, options);
  if (const auto* priv = std::get_if<PrivateKey>(&e.key)) return Signer::create(*priv, options);
  return Unexpected(Errc::invalid_key, "the active key cannot sign");
}

Result<RingVerifier> KeyRing::verifier(Policy policy, const Clock& clock) const {
  std::vector<PublicKey> public_keys;
  std::vector<HmacKey> hmac_keys;
  std::vector<RingVerifier::Impl::KeyState> states;
  for (const auto& e : entries_) {
    if (const auto* hmac = std::get_if<HmacKey>(&e.key)) hmac_keys.push_back(*hmac);
    else if (const auto* priv = std::get_if<PrivateKey>(&e.key)) public_keys.push_back(priv->public_key());
    else public_keys.push_back(std::get<PublicKey>(e.key));
    states.push_back({e.info.id, e.info.state, e.info.not_after});
  }
  if (states.empty()) return Unexpected(Errc::invalid_key, "the ring has no key");
  auto verifier = Verifier::create(KeySet::from_keys(std::move(public_keys), std::move(hmac_keys)), std::move(policy), clock);
  if (!verifier) return verifier.error();
  return RingVerifier(std::make_unique<RingVerifier::Impl>(std::move(*verifier), std::move(states), clock));
}

Result<std::string> KeyRing::public_jwks(const Clock& clock) const {
  std::string out = "{\"keys\":[";
  bool any = false;
  const UnixTime now = clock.now();
  for (const auto& e : entries_) {
    if (e.info.state == signet::KeyState::retired || ring::past_not_after(e.info, now)) continue;
    std::string jwk;
    if (const auto* priv = std::get_if<PrivateKey>(&e.key)) jwk = priv->public_key().to_jwk();
    else if (const auto* pub = std::get_if<PublicKey>(&e.key)) jwk = pub->to_jwk();
    else continue;  // an HMAC secret is never published
    if (any) out += ',';
    out += jwk;
    any = true;
  }
  if (!any) {
    return Unexpected(Errc::invalid_argument, "the ring has no public key to publish (HMAC keys are secret)");
  }
  out += "]}";
  return out;
}

}  // namespace signet::jwt
