// The claims layer of PASETO v4: issuing claims, and checking decrypted or
// verified payloads against a Policy.
#include <array>
#include <chrono>
#include <span>
#include <vector>

#include "crypto/constant_time.h"
#include "encoding/json.h"
#include "encoding/json_canonical.h"
#include "encoding/json_object.h"
#include "paseto/internal.h"
#include "paseto/registered.h"
#include "signet/paseto/v4.h"
#include "signet/revocation.h"

namespace signet::paseto {
namespace {

constexpr std::size_t kMaxPayloadDepth = 32;

Status check_producer_footer(const TokenOptions& options) {
  if (options.footer.size() > kDefaultMaxFooterSize) {
    return Unexpected(Errc::invalid_argument, "the footer is longer than 2048 bytes");
  }
  // Issue only what signet's own Decryptor/Verifier accept with the defaults.
  return detail::check_footer_rules(options.footer, kDefaultMaxFooterDepth, kDefaultMaxFooterKeys,
                                    Errc::invalid_argument);
}

}  // namespace

Result<std::string> encrypt(const LocalKey& key, const Claims& claims, const TokenOptions& options) {
  if (auto s = check_producer_footer(options); !s) return s.error();
  auto json = claims.to_json();
  if (!json) return json.error();
  return encrypt_message(key, *json, options.footer, options.implicit_assertion);
}

Result<std::string> sign(const SecretKey& key, const Claims& claims, const TokenOptions& options) {
  if (auto s = check_producer_footer(options); !s) return s.error();
  auto json = claims.to_json();
  if (!json) return json.error();
  return sign_message(key, *json, options.footer, options.implicit_assertion);
}

struct VerifiedTokenAccess {
  static VerifiedToken make() { return VerifiedToken(); }

  // run opens a token with `open` (open_local or open_public, writing the
  // payload and footer straight into the token) and then finishes it. The
  // token is built in place in the returned Result: nothing is moved.
  template <class Open>
  static Result<VerifiedToken> run(Purpose purpose, const Policy& policy, const Clock& clock, Open&& open) {
    Result<VerifiedToken> result = make();
    VerifiedToken& token = *result;
    token.purpose_ = purpose;
    Status status = open(token.payload_, token.footer_);
    if (status) status = finish(token, policy, clock);
    if (!status) result = status.error();
    return result;
  }

  // Everything after authentication: footer rules, payload parse, registered
  // claim types, then the policy. Shared by Decryptor and Verifier.
  static Status finish(VerifiedToken& out, const Policy& policy, const Clock& clock) {
    if (policy.footer()) {
      // The footer is authenticated by now; the comparison is constant-time
      // anyway, so that it never becomes an oracle.
      const std::string& want = *policy.footer();
      if (want.size() != out.footer_.size() ||
          !crypto::constant_time_equal(want.data(), out.footer_.data(), want.size())) {
        return Unexpected(Errc::claim_mismatch, "the footer is not the expected one");
      }
    }
    if (!out.footer_.empty()) {
      if (auto s = detail::check_footer_rules(out.footer_, policy.max_footer_depth(), policy.max_footer_keys(),
                                              Errc::claim_mismatch);
          !s) {
        return s;
      }
    }
    // The common case: the payload is canonical compact JSON already, so it
    // is its own claims text and its members come from the same pass (views
    // into out.payload_, used only before this function returns).
    json::TopMembers top;
    if (json::is_canonical_compact_object(out.payload_, kMaxPayloadDepth, &top)) {
      out.claims_are_payload_ = true;
      std::array<ClaimView, json::TopMembers::kMax> views;
      for (std::size_t i = 0; i < top.count; ++i) views[i] = ClaimView{top.name(i), top.value(i)};
      return check_policy(out, std::span<const ClaimView>(views.data(), top.count), policy, clock);
    }
    auto claims = json::parse_object(out.payload_, out.claims_, out.payload_.size() + 1, kMaxPayloadDepth);
    if (!claims) return Unexpected(Errc::bad_payload, "the payload is not a strict JSON object");
    std::vector<ClaimView> views;
    views.reserve(claims->size());
    for (const auto& m : *claims) views.push_back(ClaimView{m.name, m.value});
    return check_policy(out, views, policy, clock);
  }

  // A top-level member: its decoded name and its compact JSON value.
  struct ClaimView {
    std::string_view name;
    std::string_view value;
  };

  // Reads a registered string claim (iss sub aud jti) into `slot`. A compact
  // string without a backslash is its own decoded text (no copy through a
  // temporary); any other value goes through the strict checks.
  static Status read_string_claim(const ClaimView& m, std::optional<std::string>& slot) {
    const std::string_view v = m.value;
    if (v.size() >= 2 && v.front() == '"' && v.find('\\') == std::string_view::npos) {
      slot.emplace(v.substr(1, v.size() - 2));
      return {};
    }
    if (auto ok = detail::check_registered_claim(m.name, v); !ok) return ok.error();
    auto text = json::decode_string(v);
    if (!text) return Unexpected(Errc::claim_mismatch, "a registered claim is not a valid string");
    slot = std::move(*text);
    return {};
  }

  // Reads a registered time claim (exp nbf iat). An unescaped string is
  // parsed in place; anything else (and every failure) goes through
  // claim_time for its exact verdict.
  static Status read_time_claim(const ClaimView& m, std::optional<UnixTime>& slot) {
    const std::string_view v = m.value;
    if (v.size() >= 2 && v.front() == '"' && v.find('\\') == std::string_view::npos) {
      if (auto parsed = parse_rfc3339(v.substr(1, v.size() - 2))) {
        slot = *parsed;
        return {};
      }
    }
    auto checked = detail::claim_time(m.name, v);
    if (!checked) return checked.error();
    slot = *checked;
    return {};
  }

  static Status check_policy(VerifiedToken& token, std::span<const ClaimView> claims, const Policy& policy,
                             const Clock& clock) {
    for (const auto& m : claims) {
      // Every registered name has three letters: one length test skips
      // nearly every custom claim.
      if (m.name.size() != 3) continue;
      Status s;
      if (m.name == "exp") s = read_time_claim(m, token.exp_);
      else if (m.name == "iat") s = read_time_claim(m, token.iat_);
      else if (m.name == "nbf") s = read_time_claim(m, token.nbf_);
      else if (m.name == "sub") s = read_string_claim(m, token.sub_);
      else if (m.name == "iss") s = read_string_claim(m, token.iss_);
      else if (m.name == "aud") s = read_string_claim(m, token.aud_);
      else if (m.name == "jti") s = read_string_claim(m, token.jti_);
      if (!s) return s;
    }

    // The same time rules as the JWT verifier; all times lie within years
    // 1678..2261, so adding a leeway of at most 10 minutes cannot overflow.
    const UnixTime now = clock.now();
    const auto leeway = policy.leeway();
    if (token.exp_) {
      if (now >= *token.exp_ + leeway) return Unexpected(Errc::expired, "the token has expired (exp)");
    } else if (policy.require_exp()) {
      return Unexpected(Errc::claim_mismatch, "the token has no exp claim");
    }
    if (token.nbf_ && now + leeway < *token.nbf_) return Unexpected(Errc::not_yet_valid, "the token is not valid yet (nbf)");
    if (token.iat_ && now + leeway < *token.iat_) {
      return Unexpected(Errc::not_yet_valid, "the token was issued in the future (iat)");
    }
    if (policy.max_age()) {
      if (!token.iat_) return Unexpected(Errc::claim_mismatch, "max_age needs an iat claim");
      if (now - *token.iat_ > *policy.max_age() + leeway) {
        return Unexpected(Errc::expired, "the token is older than max_age (iat)");
      }
    }
    if (!policy.issuers().empty()) {
      bool ok = false;
      for (const auto& iss : policy.issuers()) ok = ok || (token.iss_ && *token.iss_ == iss);
      if (!ok) return Unexpected(Errc::claim_mismatch, "the issuer (iss) is not an expected one");
    }
    if (!policy.audiences().empty()) {
      bool ok = false;
      for (const auto& aud : policy.audiences()) ok = ok || (token.aud_ && *token.aud_ == aud);
      if (!ok) return Unexpected(Errc::claim_mismatch, "the audience (aud) is not an expected one");
    } else if (token.aud_ && !policy.ignore_audience()) {
      return Unexpected(Errc::claim_mismatch, "the token has an audience (aud) but none is expected");
    }
    if (policy.subject() && (!token.sub_ || *token.sub_ != *policy.subject())) {
      return Unexpected(Errc::claim_mismatch, "the subject (sub) is not the expected one");
    }
    for (const auto& name : policy.required_claims()) {
      bool found = false;
      for (const auto& m : claims) found = found || m.name == name;
      if (!found) return Unexpected(Errc::claim_mismatch, "a required claim is missing");
    }
    for (const auto& predicate : policy.predicates()) {
      if (auto ok = predicate(token); !ok) return ok.error();
    }
    // Last: a revocation lookup may be a network round trip.
    if (const auto& list = policy.revocation()) {
      revocation::TokenFacts facts{.issuer = token.iss_ ? std::string_view(*token.iss_) : std::string_view(),
                                   .token_id = token.jti_ ? std::string_view(*token.jti_) : std::string_view(),
                                   .subject = token.sub_ ? std::string_view(*token.sub_) : std::string_view(),
                                   .issued_at = token.iat_,
                                   .expires_at = token.exp_};
      return list->check(facts);
    }
    return {};
  }
};

// ---------------------------------------------------------------- Decryptor

struct Decryptor::Impl {
  Impl(LocalKey k, Policy p, const Clock& c) : key(std::move(k)), policy(std::move(p)), clock(&c) {}
  LocalKey key;
  Policy policy;
  const Clock* clock;
  detail::LocalSchedule schedule;  // key derivation prepared once per key
};

Decryptor::Decryptor(std::unique_ptr<Impl> impl) noexcept : impl_(std::move(impl)) {}
Decryptor::Decryptor(Decryptor&&) noexcept = default;
Decryptor& Decryptor::operator=(Decryptor&&) noexcept = default;
Decryptor::~Decryptor() = default;

Result<Decryptor> Decryptor::create(LocalKey key, Policy policy, const Clock& clock) {
  auto impl = std::make_unique<Impl>(std::move(key), std::move(policy), clock);
  if (auto s = impl->schedule.prepare(impl->key); !s) return s.error();
  return Decryptor(std::move(impl));
}

Result<VerifiedToken> Decryptor::decrypt(std::string_view token, std::string_view implicit_assertion) const {
  const Impl& impl = *impl_;
  return VerifiedTokenAccess::run(Purpose::local, impl.policy, *impl.clock,
                                  [&](std::string& payload, std::string& footer) {
                                    return detail::open_local(impl.schedule, token, implicit_assertion,
                                                              impl.policy.max_token_size(),
                                                              impl.policy.max_footer_size(), payload, footer);
                                  });
}

// ---------------------------------------------------------------- Verifier

struct Verifier::Impl {
  PublicKey key;
  Policy policy;
  const Clock* clock;
};

Verifier::Verifier(std::unique_ptr<Impl> impl) noexcept : impl_(std::move(impl)) {}
Verifier::Verifier(Verifier&&) noexcept = default;
Verifier& Verifier::operator=(Verifier&&) noexcept = default;
Verifier::~Verifier() = default;

Result<Verifier> Verifier::create(PublicKey key, Policy policy, const Clock& clock) {
  return Verifier(std::make_unique<Impl>(Impl{key, std::move(policy), &clock}));
}

Result<Verifier> Verifier::create(const SecretKey& key, Policy policy, const Clock& clock) {
  return create(key.public_key(), std::move(policy), clock);
}

Result<VerifiedToken> Verifier::verify(std::string_view token, std::string_view implicit_assertion) const {
  const Impl& impl = *impl_;
  return VerifiedTokenAccess::run(Purpose::public_, impl.policy, *impl.clock,
                                  [&](std::string& payload, std::string& footer) {
                                    return detail::open_public(impl.key, token, implicit_assertion,
                                                               impl.policy.max_token_size(),
                                                               impl.policy.max_footer_size(), payload, footer);
                                  });
}

// ---------------------------------------------------------------- VerifiedToken

std::optional<std::string> VerifiedToken::claim(std::string_view name) const {
  auto members = json::members_of(claims_json());
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

}  // namespace signet::paseto
