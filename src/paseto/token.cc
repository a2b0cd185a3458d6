// The claims layer of PASETO v4: issuing claims, and checking decrypted or
// verified payloads against a Policy.
#include <array>
#include <chrono>
#include <limits>
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
  using Span = VerifiedToken::Span;

  static VerifiedToken make() { return VerifiedToken(); }

  // run opens a token with `open` (open_local or open_public, writing the
  // payload and footer straight into the token's buffer) and then finishes
  // it. The token is built in place in the returned Result: nothing is moved.
  template <class Open>
  static Result<VerifiedToken> run(Purpose purpose, const Policy& policy, const Clock& clock, Open&& open) {
    Result<VerifiedToken> result = make();
    VerifiedToken& token = *result;
    token.purpose_ = purpose;
    std::size_t payload_size = 0;
    Status status = open(token.buffer_, payload_size);
    // Spans are 32-bit: a payload of 4 GiB is refused (the size caps keep
    // real tokens far below).
    if (status && token.buffer_.size() > std::numeric_limits<std::uint32_t>::max()) {
      status = Unexpected(Errc::bad_payload, "the payload is too large");
    }
    if (status) {
      token.payload_ = Span{0, static_cast<std::uint32_t>(payload_size), true};
      token.footer_ = Span{static_cast<std::uint32_t>(payload_size),
                           static_cast<std::uint32_t>(token.buffer_.size() - payload_size), true};
      status = finish(token, policy, clock);
    }
    if (!status) result = status.error();
    return result;
  }

  // A top-level member: its decoded name and its compact JSON value.
  struct ClaimView {
    std::string_view name;
    std::string_view value;
  };

  // The members as the recogniser hands them over, read in place (copying
  // them into an array of views would cost more than the reading).
  struct TopClaims {
    const json::TopMembers& top;
    std::size_t size() const noexcept { return top.count; }
    ClaimView operator[](std::size_t i) const noexcept { return {top.name(i), top.value(i)}; }
  };
  // The members from the strict reader.
  struct MemberClaims {
    const std::vector<json::Member>& members;
    std::size_t size() const noexcept { return members.size(); }
    ClaimView operator[](std::size_t i) const noexcept { return {members[i].name, members[i].value}; }
  };

  // Everything after authentication: footer rules, payload parse, registered
  // claim types, then the policy. Shared by Decryptor and Verifier.
  static Status finish(VerifiedToken& out, const Policy& policy, const Clock& clock) {
    const std::string_view footer = out.footer();
    if (policy.footer()) {
      // The footer is authenticated by now; the comparison is constant-time
      // anyway, so that it never becomes an oracle.
      const std::string& want = *policy.footer();
      if (want.size() != footer.size() || !crypto::constant_time_equal(want.data(), footer.data(), want.size())) {
        return Unexpected(Errc::claim_mismatch, "the footer is not the expected one");
      }
    }
    if (!footer.empty()) {
      if (auto s = detail::check_footer_rules(footer, policy.max_footer_depth(), policy.max_footer_keys(),
                                              Errc::claim_mismatch);
          !s) {
        return s;
      }
    }
    // The common case: the payload is canonical compact JSON already, so it
    // is its own claims text, its members come from the same pass, and its
    // strings hold no escapes: every registered string is a piece of the
    // payload. Nothing is appended to the buffer, so the views stay put.
    json::TopMembers top;
    if (json::is_canonical_compact_object(out.payload_json(), kMaxPayloadDepth, &top)) {
      out.claims_ = out.payload_;
      const TopClaims claims{top};
      Decoded none;
      if (auto s = read_registered(out, claims, /*in_payload=*/true, none); !s) return s;
      return check_policy(out, claims, policy, clock);
    }
    // Otherwise the canonical text and any decoded strings are built aside
    // (the member views point into `canonical`) and then appended to the
    // buffer in one piece.
    std::string canonical;
    auto members = json::parse_object(out.payload_json(), canonical, out.payload_.size + 1, kMaxPayloadDepth);
    if (!members) return Unexpected(Errc::bad_payload, "the payload is not a strict JSON object");
    const MemberClaims claims{*members};
    Decoded decoded;
    if (auto s = read_registered(out, claims, /*in_payload=*/false, decoded); !s) return s;
    const std::size_t claims_at = out.buffer_.size();
    const std::size_t decoded_at = claims_at + canonical.size();
    if (decoded_at + decoded.text.size() > std::numeric_limits<std::uint32_t>::max()) {
      return Unexpected(Errc::bad_payload, "the payload is too large");
    }
    out.buffer_.reserve(decoded_at + decoded.text.size());
    out.buffer_.append(canonical);
    out.buffer_.append(decoded.text);
    out.claims_ = Span{static_cast<std::uint32_t>(claims_at), static_cast<std::uint32_t>(canonical.size()), true};
    for (std::size_t i = 0; i < decoded.count; ++i) decoded.spans[i]->offset += static_cast<std::uint32_t>(decoded_at);
    return check_policy(out, claims, policy, clock);
  }

  // Decoded collects the registered strings that needed unescaping, aside
  // from the buffer (their spans are offsets into `text` until finish moves
  // them behind the claims text).
  struct Decoded {
    std::string text;
    std::array<Span*, 4> spans{};  // iss sub aud jti at most, each once (no duplicate names)
    std::size_t count = 0;
  };

  // Reads a registered string claim (iss sub aud jti) into `slot`. A string
  // of a recognised payload holds no escapes, so it is its own decoded text:
  // a span of the payload. Anything else goes through the strict checks and
  // the decoder, into `decoded`.
  static Status read_string_claim(const VerifiedToken& token, const ClaimView& m, bool in_payload, Span& slot,
                                  Decoded& decoded) {
    const std::string_view v = m.value;
    // The recogniser accepts no escapes: a string in the payload is plain.
    if (in_payload && v.size() >= 2 && v.front() == '"') {
      slot = Span{static_cast<std::uint32_t>(v.data() + 1 - token.buffer_.data()), static_cast<std::uint32_t>(v.size() - 2),
                  true};
      return {};
    }
    if (auto ok = detail::check_registered_claim(m.name, v); !ok) return ok.error();
    auto text = json::decode_string(v);
    if (!text) return Unexpected(Errc::claim_mismatch, "a registered claim is not a valid string");
    if (decoded.count == decoded.spans.size()) return Unexpected(Errc::bad_payload, "a registered claim is repeated");
    slot = Span{static_cast<std::uint32_t>(decoded.text.size()), static_cast<std::uint32_t>(text->size()), true};
    decoded.spans[decoded.count++] = &slot;
    decoded.text.append(*text);
    return {};
  }

  // Reads a registered time claim (exp nbf iat). An unescaped string (any
  // string in a recognised payload) is parsed in place; anything else (and every failure) goes through
  // claim_time for its exact verdict.
  static Status read_time_claim(const ClaimView& m, bool in_payload, std::optional<UnixTime>& slot) {
    const std::string_view v = m.value;
    if (v.size() >= 2 && v.front() == '"' && (in_payload || v.find('\\') == std::string_view::npos)) {
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

  // Reads and type-checks every registered claim into the token. With
  // `in_payload`, the values are pieces of the canonical payload in the
  // token's buffer (no escapes); otherwise of a separate canonical text.
  template <class Claims>
  static Status read_registered(VerifiedToken& token, const Claims& claims, bool in_payload, Decoded& decoded) {
    for (std::size_t i = 0; i < claims.size(); ++i) {
      const ClaimView m = claims[i];
      // Every registered name has three letters: one length test skips
      // nearly every custom claim.
      if (m.name.size() != 3) continue;
      Status s;
      if (m.name == "exp") s = read_time_claim(m, in_payload, token.exp_);
      else if (m.name == "iat") s = read_time_claim(m, in_payload, token.iat_);
      else if (m.name == "nbf") s = read_time_claim(m, in_payload, token.nbf_);
      else if (m.name == "sub") s = read_string_claim(token, m, in_payload, token.sub_, decoded);
      else if (m.name == "iss") s = read_string_claim(token, m, in_payload, token.iss_, decoded);
      else if (m.name == "aud") s = read_string_claim(token, m, in_payload, token.aud_, decoded);
      else if (m.name == "jti") s = read_string_claim(token, m, in_payload, token.jti_, decoded);
      if (!s) return s;
    }
    return {};
  }

  // The policy, on a complete token (predicates see every accessor).
  template <class Claims>
  static Status check_policy(const VerifiedToken& token, const Claims& claims, const Policy& policy,
                             const Clock& clock) {
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
    const auto iss = token.issuer(), aud = token.audience(), sub = token.subject();
    if (!policy.issuers().empty()) {
      bool ok = false;
      for (const auto& want : policy.issuers()) ok = ok || (iss && *iss == want);
      if (!ok) return Unexpected(Errc::claim_mismatch, "the issuer (iss) is not an expected one");
    }
    if (!policy.audiences().empty()) {
      bool ok = false;
      for (const auto& want : policy.audiences()) ok = ok || (aud && *aud == want);
      if (!ok) return Unexpected(Errc::claim_mismatch, "the audience (aud) is not an expected one");
    } else if (aud && !policy.ignore_audience()) {
      return Unexpected(Errc::claim_mismatch, "the token has an audience (aud) but none is expected");
    }
    if (policy.subject() && (!sub || *sub != *policy.subject())) {
      return Unexpected(Errc::claim_mismatch, "the subject (sub) is not the expected one");
    }
    for (const auto& name : policy.required_claims()) {
      bool found = false;
      for (std::size_t i = 0; i < claims.size(); ++i) found = found || claims[i].name == name;
      if (!found) return Unexpected(Errc::claim_mismatch, "a required claim is missing");
    }
    for (const auto& predicate : policy.predicates()) {
      if (auto ok = predicate(token); !ok) return ok.error();
    }
    // Last: a revocation lookup may be a network round trip.
    if (const auto& list = policy.revocation()) {
      revocation::TokenFacts facts{.issuer = iss.value_or(std::string_view()),
                                   .token_id = token.token_id().value_or(std::string_view()),
                                   .subject = sub.value_or(std::string_view()),
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
                                  [&](std::string& buffer, std::size_t& payload_size) {
                                    return detail::open_local(impl.schedule, token, implicit_assertion,
                                                              impl.policy.max_token_size(),
                                                              impl.policy.max_footer_size(), buffer, payload_size);
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
                                  [&](std::string& buffer, std::size_t& payload_size) {
                                    return detail::open_public(impl.key, token, implicit_assertion,
                                                               impl.policy.max_token_size(),
                                                               impl.policy.max_footer_size(), buffer, payload_size);
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
