#include "signet/jwt/verifier.h"

#include <array>
#include <chrono>
#include <variant>

#include "crypto/hmac.h"
#include "encoding/base64url.h"
#include "encoding/json.h"
#include "encoding/json_object.h"
#include "jwt/key_data.h"
#include "jwt/registered_claims.h"

namespace signet::jwt {
namespace {

// The protected header is small; anything larger is not a header signet
// would ever need to read, so refuse it before decoding.
constexpr std::size_t kMaxHeaderBytes = 2048;
constexpr std::size_t kMaxHeaderDepth = 4;
constexpr std::size_t kMaxPayloadDepth = 32;
constexpr std::size_t kMaxKidBytes = 256;

struct Segments {
  std::string_view header;
  std::string_view payload;
  std::string_view signature;
  std::string_view signing_input;  // header '.' payload
};

Result<Segments> split(std::string_view token, std::size_t max_size) noexcept {
  if (token.size() > max_size) return Unexpected(Errc::malformed, "the token is longer than the size limit");
  const std::size_t first = token.find('.');
  if (first == std::string_view::npos) return Unexpected(Errc::malformed, "a JWS compact token has three segments");
  const std::size_t second = token.find('.', first + 1);
  if (second == std::string_view::npos || token.find('.', second + 1) != std::string_view::npos) {
    return Unexpected(Errc::malformed, "a JWS compact token has three segments");
  }
  Segments s;
  s.header = token.substr(0, first);
  s.payload = token.substr(first + 1, second - first - 1);
  s.signature = token.substr(second + 1);
  s.signing_input = token.substr(0, second);
  if (s.header.empty()) return Unexpected(Errc::malformed, "the header segment is empty");
  // Every segment must be strict base64url before any work is done on it;
  // the payload is checked here without being decoded.
  if (!encoding::base64url_is_canonical(s.payload)) {
    return Unexpected(Errc::malformed, "the payload segment is not strict base64url");
  }
  return s;
}

// The header members signet reads; every other member is ignored (jku, x5u,
// jwk, x5c never supply a key and are never fetched).
struct Header {
  std::string canonical;
  std::string alg_name;
  std::optional<std::string> kid;
  std::optional<std::string> typ;
  bool has_crit = false;
  std::optional<bool> b64;
};

bool printable_ascii(std::string_view s) noexcept {
  for (char c : s) {
    if (c < 0x20 || c > 0x7E) return false;
  }
  return true;
}

Result<Header> parse_header(std::string_view segment) {
  const auto decoded_len = encoding::base64url_decoded_size(segment.size());
  if (!decoded_len || *decoded_len > kMaxHeaderBytes) return Unexpected(Errc::malformed, "the header is not valid");
  std::array<std::uint8_t, kMaxHeaderBytes> raw;
  if (!encoding::base64url_decode(segment, raw.data())) {
    return Unexpected(Errc::malformed, "the header is not strict base64url");
  }
  Header h;
  auto members = json::parse_object(std::string_view(reinterpret_cast<const char*>(raw.data()), *decoded_len),
                                    h.canonical, kMaxHeaderBytes, kMaxHeaderDepth);
  if (!members) return Unexpected(Errc::malformed, "the header is not a strict JSON object");
  bool has_alg = false;
  for (const auto& m : *members) {
    if (m.name == "alg") {
      auto v = json::decode_string(m.value);
      if (!v) return Unexpected(Errc::malformed, "the header alg is not a string");
      h.alg_name = std::move(*v);
      has_alg = true;
    } else if (m.name == "kid") {
      auto v = json::decode_string(m.value);
      if (!v || v->size() > kMaxKidBytes || !printable_ascii(*v)) {
        return Unexpected(Errc::malformed, "the header kid is not a short printable string");
      }
      h.kid = std::move(*v);
    } else if (m.name == "typ") {
      auto v = json::decode_string(m.value);
      if (!v) return Unexpected(Errc::malformed, "the header typ is not a string");
      h.typ = std::move(*v);
    } else if (m.name == "crit") {
      h.has_crit = true;
    } else if (m.name == "b64") {
      auto v = json::as_bool(m.value);
      if (!v) return Unexpected(Errc::malformed, "the header b64 is not a boolean");
      h.b64 = *v;
    }
  }
  if (!has_alg) return Unexpected(Errc::malformed, "the header has no alg");
  return h;
}

// Media types compare case-insensitively, and "application/" may be omitted
// (RFC 7515 §4.1.9).
std::string normalize_type(std::string_view typ) {
  std::string out(typ);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  constexpr std::string_view kPrefix = "application/";
  if (out.size() > kPrefix.size() && out.compare(0, kPrefix.size(), kPrefix) == 0) out.erase(0, kPrefix.size());
  return out;
}


}  // namespace

struct VerifiedTokenAccess {
  static VerifiedToken make() { return VerifiedToken(); }
};

struct Verifier::Impl {
  // One key, or a set to select from by kid and alg.
  std::shared_ptr<const detail::KeyData> key;
  KeySet key_set;
  bool use_set = false;
  Policy policy;
  const Clock* clock = nullptr;
  std::string expected_type;  // normalized

  void configure(Policy p, const Clock& c) {
    policy = std::move(p);
    clock = &c;
    if (policy.type()) expected_type = normalize_type(*policy.type());
  }
  Result<const detail::KeyData*> select(const Header& h, Algorithm alg) const noexcept;
  Status check_policy(VerifiedToken& token, const std::vector<json::Member>& claims) const;
};

Result<const detail::KeyData*> Verifier::Impl::select(const Header& h, Algorithm alg) const noexcept {
  if (!use_set) {
    // The key fixes the algorithm: the header must name exactly that one.
    if (alg != key->alg) return Unexpected(Errc::key_mismatch, "the token's alg is not the key's algorithm");
    if (h.kid && !key->kid.empty() && *h.kid != key->kid) {
      return Unexpected(Errc::key_mismatch, "the token's kid is not the key's");
    }
    return key.get();
  }
  auto selected = key_set.select(h.kid ? std::optional<std::string_view>(*h.kid) : std::nullopt, alg);
  if (!selected) return selected.error();
  if (selected->public_key) return &selected->public_key->data();
  return &selected->hmac_key->data();
}

Verifier::Verifier(std::unique_ptr<Impl> impl) noexcept : impl_(std::move(impl)) {}
Verifier::Verifier(Verifier&&) noexcept = default;
Verifier& Verifier::operator=(Verifier&&) noexcept = default;
Verifier::~Verifier() = default;

Result<Verifier> Verifier::create(HmacKey key, Policy policy, const Clock& clock) {
  auto impl = std::make_unique<Impl>();
  impl->key = detail::KeyData::share(key);
  impl->configure(std::move(policy), clock);
  return Verifier(std::move(impl));
}

Result<Verifier> Verifier::create(PublicKey key, Policy policy, const Clock& clock) {
  auto impl = std::make_unique<Impl>();
  impl->key = detail::KeyData::share(key);
  impl->configure(std::move(policy), clock);
  return Verifier(std::move(impl));
}

Result<Verifier> Verifier::create(const PrivateKey& key, Policy policy, const Clock& clock) {
  return create(key.public_key(), std::move(policy), clock);
}

Result<Verifier> Verifier::create(KeySet keys, Policy policy, const Clock& clock) {
  if (keys.size() == 0) return Unexpected(Errc::invalid_key, "the key set is empty");
  auto impl = std::make_unique<Impl>();
  impl->key_set = std::move(keys);
  impl->use_set = true;
  impl->configure(std::move(policy), clock);
  return Verifier(std::move(impl));
}

Status Verifier::Impl::check_policy(VerifiedToken& token, const std::vector<json::Member>& claims) const {
  for (const auto& m : claims) {
    if (!detail::is_registered_claim(m.name)) continue;
    if (auto ok = detail::check_registered_claim(m.name, m.value); !ok) return ok.error();
    if (m.name == "iss") token.iss_ = *json::decode_string(m.value);
    else if (m.name == "sub") token.sub_ = *json::decode_string(m.value);
    else if (m.name == "jti") token.jti_ = *json::decode_string(m.value);
    else if (m.name == "aud") {
      if (json::type_of(m.value) == json::JsonType::string) {
        token.aud_.push_back(*json::decode_string(m.value));
      } else {
        // Keep the Result alive: ranging over *temporary would dangle.
        const auto items = json::elements_of(m.value);
        for (auto item : *items) token.aud_.push_back(*json::decode_string(item));
      }
    } else {
      const UnixTime t{std::chrono::seconds(*detail::numeric_date(m.name, m.value))};
      if (m.name == "exp") token.exp_ = t;
      else if (m.name == "nbf") token.nbf_ = t;
      else token.iat_ = t;
    }
  }

  const UnixTime now = clock->now();
  const auto leeway = policy.leeway();
  // RFC 7519 §4.1.4: the current time must be before exp.
  if (token.exp_) {
    if (now >= *token.exp_ + leeway) return Unexpected(Errc::expired, "the token has expired (exp)");
  } else if (policy.require_exp()) {
    return Unexpected(Errc::claim_mismatch, "the token has no exp claim");
  }
  if (token.nbf_ && now + leeway < *token.nbf_) return Unexpected(Errc::not_yet_valid, "the token is not valid yet (nbf)");
  if (token.iat_ && now + leeway < *token.iat_) return Unexpected(Errc::not_yet_valid, "the token was issued in the future (iat)");
  if (policy.max_age()) {
    if (!token.iat_) return Unexpected(Errc::claim_mismatch, "max_age needs an iat claim");
    if (now - *token.iat_ > *policy.max_age() + leeway) return Unexpected(Errc::expired, "the token is older than max_age (iat)");
  }
  if (!policy.issuers().empty()) {
    bool ok = false;
    for (const auto& iss : policy.issuers()) ok = ok || (token.iss_ && *token.iss_ == iss);
    if (!ok) return Unexpected(Errc::claim_mismatch, "the issuer (iss) is not an expected one");
  }
  if (!policy.audiences().empty()) {
    bool ok = false;
    for (const auto& want : policy.audiences()) {
      for (const auto& have : token.aud_) ok = ok || have == want;
    }
    if (!ok) return Unexpected(Errc::claim_mismatch, "no audience (aud) is an expected one");
  } else if (!token.aud_.empty() && !policy.ignore_audience()) {
    return Unexpected(Errc::claim_mismatch, "the token has an audience (aud) but none is expected");
  } else if (json::find(claims, "aud") && token.aud_.empty() && !policy.ignore_audience()) {
    return Unexpected(Errc::claim_mismatch, "the token has an audience (aud) but none is expected");
  }
  if (policy.subject() && (!token.sub_ || *token.sub_ != *policy.subject())) {
    return Unexpected(Errc::claim_mismatch, "the subject (sub) is not the expected one");
  }
  if (policy.type() && (!token.typ_ || normalize_type(*token.typ_) != expected_type)) {
    return Unexpected(Errc::claim_mismatch, "the token type (typ) is not the expected one");
  }
  for (const auto& name : policy.required_claims()) {
    if (!json::find(claims, name)) return Unexpected(Errc::claim_mismatch, "a required claim is missing");
  }
  for (const auto& predicate : policy.predicates()) {
    if (auto ok = predicate(token); !ok) return ok.error();
  }
  return {};
}

Result<VerifiedToken> Verifier::verify(std::string_view token) const {
  auto segments = split(token, impl_->policy.max_token_size());
  if (!segments) return segments.error();
  auto header = parse_header(segments->header);
  if (!header) return header.error();
  auto alg = parse_algorithm(header->alg_name);
  if (!alg) return Unexpected(Errc::key_mismatch, "the token's alg is not one signet accepts");
  auto key = impl_->select(*header, *alg);
  if (!key) return key.error();

  // The signature has an exact length for every algorithm: check it before
  // any crypto runs, and decode into a fixed buffer.
  const std::size_t expected = detail::signature_size(**key);
  const auto sig_len = encoding::base64url_decoded_size(segments->signature.size());
  if (!sig_len || *sig_len != expected) return Unexpected(Errc::bad_signature, "the signature has the wrong length");
  std::array<std::uint8_t, detail::kMaxSignatureSize> signature;
  if (!encoding::base64url_decode(segments->signature, signature.data())) {
    return Unexpected(Errc::bad_signature, "the signature is not strict base64url");
  }
  if (!detail::verify(**key, segments->signing_input, std::span<const std::uint8_t>(signature.data(), expected))) {
    return Unexpected(Errc::bad_signature, "signature does not match");
  }

  // Authenticated from here on.
  if (header->has_crit) return Unexpected(Errc::unsupported, "the header has crit; signet implements no extensions");
  if (header->b64 && !*header->b64) return Unexpected(Errc::unsupported, "unencoded payloads (b64 false) are refused in a JWT");

  auto payload = encoding::base64url_decode(segments->payload);
  if (!payload) return Unexpected(Errc::bad_payload, "the payload is not strict base64url");
  VerifiedToken out = VerifiedTokenAccess::make();
  auto claims = json::parse_object(*payload, out.claims_, payload->size() + 1, kMaxPayloadDepth);
  if (!claims) return Unexpected(Errc::bad_payload, "the payload is not a strict JSON object");
  out.alg_ = *alg;
  out.kid_ = header->kid;
  out.typ_ = header->typ;
  out.header_ = std::move(header->canonical);
  out.payload_ = std::move(*payload);
  if (auto ok = impl_->check_policy(out, *claims); !ok) return ok.error();
  return out;
}

std::optional<std::string> VerifiedToken::claim(std::string_view name) const {
  auto members = json::members_of(claims_);
  if (!members) return std::nullopt;
  auto v = json::find(*members, name);
  if (!v) return std::nullopt;
  return std::string(*v);
}

Result<std::string> VerifiedToken::string_claim(std::string_view name) const {
  auto v = claim(name);
  if (!v || json::type_of(*v) != json::JsonType::string) {
    return Unexpected(Errc::claim_mismatch, "the claim is absent or not a string");
  }
  return json::decode_string(*v);
}

Result<std::int64_t> VerifiedToken::int_claim(std::string_view name) const {
  auto v = claim(name);
  if (!v || json::type_of(*v) != json::JsonType::number) {
    return Unexpected(Errc::claim_mismatch, "the claim is absent or not a number");
  }
  auto i = json::as_int64(*v);
  if (!i) return Unexpected(Errc::claim_mismatch, "the claim is not an integer in the int64 range");
  return *i;
}

Result<bool> VerifiedToken::bool_claim(std::string_view name) const {
  auto v = claim(name);
  if (!v) return Unexpected(Errc::claim_mismatch, "the claim is absent");
  auto b = json::as_bool(*v);
  if (!b) return Unexpected(Errc::claim_mismatch, "the claim is not a boolean");
  return *b;
}

Result<UnverifiedToken> inspect_unverified(std::string_view token, std::size_t max_token_size) {
  auto segments = split(token, max_token_size);
  if (!segments) return segments.error();
  auto header = encoding::base64url_decode(segments->header);
  auto payload = encoding::base64url_decode(segments->payload);
  if (!header || !payload) return Unexpected(Errc::malformed, "a segment is not strict base64url");
  if (!encoding::base64url_decoded_size(segments->signature.size()) ||
      !encoding::base64url_decode(segments->signature)) {
    return Unexpected(Errc::malformed, "the signature is not strict base64url");
  }
  UnverifiedToken out;
  if (!json::parse_object(*header, out.header_json, kMaxHeaderBytes, kMaxHeaderDepth)) {
    return Unexpected(Errc::malformed, "the header is not a strict JSON object");
  }
  if (!json::parse_object(*payload, out.payload_json, payload->size() + 1, kMaxPayloadDepth)) {
    return Unexpected(Errc::malformed, "the payload is not a strict JSON object");
  }
  return out;
}

}  // namespace signet::jwt
