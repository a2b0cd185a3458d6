// The PASETO key ring: ring operations from core/key_ring_file.h, keys as
// PASERK strings, ids as PASERK ids, key selection by the footer's kid.
#include "signet/paseto/key_ring.h"

#include <atomic>
#include <utility>

#include "core/key_ring_file.h"
#include "encoding/json_object.h"

namespace signet::paseto {
namespace {

constexpr std::string_view kFormat = "paseto";

using AnyKey = std::variant<LocalKey, SecretKey, PublicKey>;

Purpose purpose_of(const AnyKey& key) noexcept {
  return std::holds_alternative<LocalKey>(key) ? Purpose::local : Purpose::public_;
}

// A public-purpose key is named by its public half's id (k4.pid) so that a
// secret key and the public key a relying party holds share one id.
std::string id_of(const AnyKey& key) {
  if (const auto* local = std::get_if<LocalKey>(&key)) return local->id();
  if (const auto* secret = std::get_if<SecretKey>(&key)) return secret->public_key().id();
  return std::get<PublicKey>(key).id();
}

std::string_view kind_of(const AnyKey& key) noexcept {
  if (std::holds_alternative<LocalKey>(key)) return "k4.local";
  if (std::holds_alternative<SecretKey>(key)) return "k4.secret";
  return "k4.public";
}

Result<AnyKey> import_key(std::string_view paserk) {
  auto type = paserk_type(paserk);
  if (!type) return Unexpected(Errc::invalid_key, "a paseto ring's key is not a PASERK k4 string");
  switch (*type) {
    case PaserkType::local: {
      auto k = LocalKey::from_paserk(paserk);
      if (!k) return k.error();
      return AnyKey(std::move(*k));
    }
    case PaserkType::secret: {
      auto k = SecretKey::from_paserk(paserk);
      if (!k) return k.error();
      return AnyKey(std::move(*k));
    }
    case PaserkType::public_key: {
      auto k = PublicKey::from_paserk(paserk);
      if (!k) return k.error();
      return AnyKey(std::move(*k));
    }
    case PaserkType::lid:
    case PaserkType::pid:
    case PaserkType::sid:
    case PaserkType::local_wrap_pie:
    case PaserkType::secret_wrap_pie:
    case PaserkType::seal:
    case PaserkType::local_pw:
    case PaserkType::secret_pw:
      break;
  }
  return Unexpected(Errc::key_mismatch, "a paseto ring holds k4.local, k4.secret or k4.public keys");
}

// The footer's "kid" as text, or key_mismatch. The footer is unauthenticated
// here; it only chooses which key then authenticates the whole token.
Result<std::string> footer_kid(std::string_view token, const Policy& policy) {
  auto footer = unverified_footer(token, policy.max_token_size(), policy.max_footer_size());
  if (!footer) return footer.error();
  if (footer->empty() || footer->front() != '{') {
    return Unexpected(Errc::key_mismatch, "the token's footer names no key (no kid)");
  }
  std::string canonical;
  auto members = json::parse_object(*footer, canonical, policy.max_footer_size(), policy.max_footer_depth());
  if (!members) return Unexpected(Errc::malformed, "the token's footer is not a JSON object");
  const auto kid = json::find(*members, "kid");
  if (!kid || json::type_of(*kid) != json::JsonType::string) {
    return Unexpected(Errc::key_mismatch, "the token's footer names no key (no kid)");
  }
  auto text = json::decode_string(*kid);
  if (!text) return Unexpected(Errc::malformed, "the token's footer kid is not a string");
  return std::move(*text);
}

}  // namespace

struct RingVerifier::Impl {
  struct Key {
    std::string id;
    KeyState state;
    std::optional<std::chrono::sys_seconds> not_after;
    std::variant<Decryptor, Verifier> reader;
  };
  std::vector<Key> keys;
  Policy policy;
  const Clock* clock;
  ring::RingCounters counters;
  Impl(std::vector<Key> k, Policy p, const Clock& c) : keys(std::move(k)), policy(std::move(p)), clock(&c) {}
};

RingVerifier::RingVerifier(std::unique_ptr<Impl> impl) noexcept : impl_(std::move(impl)) {}
RingVerifier::RingVerifier(RingVerifier&&) noexcept = default;
RingVerifier& RingVerifier::operator=(RingVerifier&&) noexcept = default;
RingVerifier::~RingVerifier() = default;

Result<VerifiedToken> RingVerifier::verify(std::string_view token, std::string_view implicit_assertion) const {
  auto kid = footer_kid(token, impl_->policy);
  if (!kid) return kid.error();
  for (const auto& key : impl_->keys) {
    if (key.id != *kid) continue;
    auto verified = std::visit(
        [&](const auto& reader) -> Result<VerifiedToken> {
          if constexpr (std::is_same_v<std::decay_t<decltype(reader)>, Decryptor>) {
            return reader.decrypt(token, implicit_assertion);
          } else {
            return reader.verify(token, implicit_assertion);
          }
        },
        key.reader);
    if (!verified) return verified;
    if (auto admitted = impl_->counters.admit(key.state, key.not_after, impl_->clock->now()); !admitted) {
      return admitted.error();
    }
    return verified;
  }
  return Unexpected(Errc::key_mismatch, "no key in the ring for the token's footer kid");
}

RingStats RingVerifier::stats() const noexcept { return impl_->counters.snapshot(); }

Result<KeyRing> KeyRing::parse(std::string_view document, std::size_t max_bytes) {
  auto raw = ring::parse_ring(document, kFormat, max_bytes);
  if (!raw) return raw.error();
  KeyRing out;
  for (auto& r : *raw) {
    if (json::type_of(r.key_json) != json::JsonType::string) {
      return Unexpected(Errc::malformed, "a paseto ring's \"key\" must be a PASERK string");
    }
    // A PASERK string is base64url after an ASCII prefix: no escapes.
    auto key = import_key(json::string_content(r.key_json));
    if (!key) return key.error();
    if (id_of(*key) != r.info.id) return Unexpected(Errc::malformed, "a paseto ring key's id is not its PASERK id");
    if (out.purpose() && *out.purpose() != purpose_of(*key)) {
      return Unexpected(Errc::key_mismatch, "a paseto ring holds keys of one purpose (local or public)");
    }
    if (std::holds_alternative<PublicKey>(*key) && r.info.state == KeyState::active) {
      return Unexpected(Errc::invalid_key, "the active key of a ring must be able to sign (a k4.public key cannot)");
    }
    out.entries_.push_back(Entry{std::move(r.info), std::move(*key)});
  }
  return out;
}

std::string KeyRing::serialize() const {
  std::vector<ring::RawEntry> raw;
  raw.reserve(entries_.size());
  for (const auto& e : entries_) {
    ring::RawEntry r;
    r.info = e.info;
    r.key_json = '"';
    r.key_json += std::visit([](const auto& k) { return k.to_paserk(); }, e.key);
    r.key_json += '"';
    raw.push_back(std::move(r));
  }
  return ring::write_ring(kFormat, raw);
}

Status KeyRing::add_entry(Entry entry, const AddKeyOptions& options, const Clock& clock) {
  const std::string id = id_of(entry.key);
  if (!options.id.empty() && options.id != id) {
    return Unexpected(Errc::invalid_argument, "a paseto ring key's id is its PASERK id (leave the id empty)");
  }
  if (purpose() && *purpose() != purpose_of(entry.key)) {
    return Unexpected(Errc::key_mismatch, "a paseto ring holds keys of one purpose (local or public)");
  }
  entry.info.id = id;
  entry.info.state = options.verify_only ? KeyState::verify_only : KeyState::active;
  entry.info.created = ring::to_seconds(clock.now());
  entry.info.not_after = options.not_after;
  return ring::add_entry(entries_, std::move(entry));
}

Status KeyRing::add(const LocalKey& key, const AddKeyOptions& options, const Clock& clock) {
  return add_entry(Entry{KeyInfo{}, AnyKey(key)}, options, clock);
}
Status KeyRing::add(const SecretKey& key, const AddKeyOptions& options, const Clock& clock) {
  return add_entry(Entry{KeyInfo{}, AnyKey(key)}, options, clock);
}
Status KeyRing::add(const PublicKey& key, const AddKeyOptions& options, const Clock& clock) {
  if (!options.verify_only) return Unexpected(Errc::invalid_argument, "a k4.public key can only be added verify-only");
  return add_entry(Entry{KeyInfo{}, AnyKey(key)}, options, clock);
}

Status KeyRing::activate(std::string_view id) {
  const Entry* e = ring::find(entries_, id);
  if (e && std::holds_alternative<PublicKey>(e->key)) {
    return Unexpected(Errc::invalid_key, "a k4.public key cannot be the active (signing) key");
  }
  return ring::activate(entries_, id);
}

Status KeyRing::retire(std::string_view id) { return ring::retire(entries_, id); }

std::vector<KeyInfo> KeyRing::list() const {
  std::vector<KeyInfo> out;
  out.reserve(entries_.size());
  for (const auto& e : entries_) {
    KeyInfo info = e.info;
    info.algorithm = std::string(kind_of(e.key));
    info.thumbprint = e.info.id;
    out.push_back(std::move(info));
  }
  return out;
}

std::optional<Purpose> KeyRing::purpose() const noexcept {
  if (entries_.empty()) return std::nullopt;
  return purpose_of(entries_.front().key);
}

Result<std::string> KeyRing::footer_with_kid(const Entry& active, const TokenOptions& options) const {
  std::string footer = "{\"kid\":";
  json::quote_append(active.info.id, footer);
  if (options.footer.empty()) return footer + '}';
  std::string canonical;
  auto members = json::parse_object(options.footer, canonical, kDefaultMaxFooterSize, kDefaultMaxFooterDepth);
  if (!members) return Unexpected(Errc::invalid_argument, "a ring token's footer must be a JSON object");
  if (json::find(*members, "kid")) return Unexpected(Errc::invalid_argument, "a ring writes the footer's kid itself");
  if (members->empty()) return footer + '}';
  return footer + ',' + canonical.substr(1);
}

Result<std::string> KeyRing::encrypt(const Claims& claims, const TokenOptions& options, const Clock& clock) const {
  auto active = ring::active_entry(entries_, clock.now());
  if (!active) return active.error();
  const auto* key = std::get_if<LocalKey>(&(*active)->key);
  if (!key) return Unexpected(Errc::key_mismatch, "this ring holds v4.public keys: use sign");
  auto footer = footer_with_kid(**active, options);
  if (!footer) return footer.error();
  TokenOptions with_kid{std::move(*footer), options.implicit_assertion};
  return paseto::encrypt(*key, claims, with_kid);
}

Result<std::string> KeyRing::sign(const Claims& claims, const TokenOptions& options, const Clock& clock) const {
  auto active = ring::active_entry(entries_, clock.now());
  if (!active) return active.error();
  const auto* key = std::get_if<SecretKey>(&(*active)->key);
  if (!key) return Unexpected(Errc::key_mismatch, "this ring holds v4.local keys: use encrypt");
  auto footer = footer_with_kid(**active, options);
  if (!footer) return footer.error();
  TokenOptions with_kid{std::move(*footer), options.implicit_assertion};
  return paseto::sign(*key, claims, with_kid);
}

Result<RingVerifier> KeyRing::verifier(Policy policy, const Clock& clock) const {
  if (entries_.empty()) return Unexpected(Errc::invalid_key, "the ring has no key");
  std::vector<RingVerifier::Impl::Key> keys;
  for (const auto& e : entries_) {
    if (const auto* local = std::get_if<LocalKey>(&e.key)) {
      auto d = Decryptor::create(*local, policy, clock);
      if (!d) return d.error();
      keys.push_back({e.info.id, e.info.state, e.info.not_after, std::move(*d)});
    } else {
      auto v = std::holds_alternative<SecretKey>(e.key)
                   ? Verifier::create(std::get<SecretKey>(e.key), policy, clock)
                   : Verifier::create(std::get<PublicKey>(e.key), policy, clock);
      if (!v) return v.error();
      keys.push_back({e.info.id, e.info.state, e.info.not_after, std::move(*v)});
    }
  }
  return RingVerifier(std::make_unique<RingVerifier::Impl>(std::move(keys), std::move(policy), clock));
}

}  // namespace signet::paseto
