#include "signet/jwt/verifier.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstring>
#include <limits>

#include "crypto/hmac.h"
#include "encoding/base64url.h"
#include "encoding/json.h"
#include "encoding/json_canonical.h"
#include "encoding/json_object.h"
#include "jwt/key_data.h"
#include "jwt/registered_claims.h"
#include "jwt/revocation_check.h"

namespace signet::jwt {
namespace {

// The protected header is small; anything larger is not a header signet
// would ever need to read, so refuse it before decoding.
constexpr std::size_t kMaxHeaderBytes = 2048;
constexpr std::size_t kMaxHeaderDepth = 4;
constexpr std::size_t kMaxPayloadDepth = 32;
constexpr std::size_t kMaxKidBytes = 256;
// Payloads up to this size are decoded onto the stack before the signature
// check (validating them without allocating); larger ones are only checked
// there and decoded after it.
constexpr std::size_t kStackPayloadBytes = 1024;

struct Segments {
  std::string_view header;
  std::string_view payload;
  std::string_view signature;
  std::string_view signing_input;  // header '.' payload
};

// split cuts the token into its segments. With `check_payload` the payload
// segment is checked as strict base64url here; verify() passes false because
// it decodes the payload right away, which is the same check.
Result<Segments> split(std::string_view token, std::size_t max_size, bool check_payload = true) noexcept {
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
  if (check_payload && !encoding::base64url_is_canonical(s.payload)) {
    return Unexpected(Errc::malformed, "the payload segment is not strict base64url");
  }
  return s;
}

// The header members signet reads, as views; every other member is ignored
// (jku, x5u, jwk, x5c never supply a key and are never fetched).
struct HeaderView {
  std::string_view json;  // the decoded header, exactly as signed
  std::string_view alg_name;
  std::optional<std::string_view> kid;
  std::optional<std::string_view> typ;
  bool has_crit = false;
  std::optional<bool> b64;
};

bool printable_ascii(std::string_view s) noexcept {
  for (char c : s) {
    if (c < 0x20 || c > 0x7E) return false;
  }
  return true;
}

// The slow path: any header that is not one of the verifier's precomputed
// encodings. Decoded text lives in per-thread scratch buffers that are
// reused, so even this path allocates only while they grow.
struct HeaderScratch {
  std::string raw, canonical, alg, kid, typ;
};

Result<HeaderView> parse_header(std::string_view segment, HeaderScratch& scratch) {
  const auto decoded_len = encoding::base64url_decoded_size(segment.size());
  if (!decoded_len || *decoded_len > kMaxHeaderBytes) return Unexpected(Errc::malformed, "the header is not valid");
  scratch.raw.resize(*decoded_len);
  if (!encoding::base64url_decode(segment, reinterpret_cast<std::uint8_t*>(scratch.raw.data()))) {
    return Unexpected(Errc::malformed, "the header is not strict base64url");
  }
  scratch.canonical.clear();
  if (!json::canonicalize_append(scratch.raw, json::Style::compact, json::Limits{kMaxHeaderBytes, kMaxHeaderDepth},
                                 scratch.canonical) ||
      json::type_of(scratch.canonical) != json::JsonType::object) {
    return Unexpected(Errc::malformed, "the header is not a strict JSON object");
  }
  HeaderView h;
  h.json = scratch.raw;
  bool has_alg = false;
  // Canonical text spells registered names without escapes, and a string
  // without '\' is its own decoded form.
  auto text_of = [](std::string_view value, std::string& out) -> std::optional<std::string_view> {
    if (json::type_of(value) != json::JsonType::string) return std::nullopt;
    const std::string_view content = json::string_content(value);
    if (content.find('\\') == std::string_view::npos) return content;
    auto decoded = json::decode_string(value);
    if (!decoded) return std::nullopt;
    out = std::move(*decoded);
    return std::string_view(out);
  };
  std::size_t pos = 0;
  std::string_view name, value;
  while (json::next_member(scratch.canonical, pos, name, value)) {
    if (name == "alg") {
      auto v = text_of(value, scratch.alg);
      if (!v) return Unexpected(Errc::malformed, "the header alg is not a string");
      h.alg_name = *v;
      has_alg = true;
    } else if (name == "kid") {
      auto v = text_of(value, scratch.kid);
      if (!v || v->size() > kMaxKidBytes || !printable_ascii(*v)) {
        return Unexpected(Errc::malformed, "the header kid is not a short printable string");
      }
      h.kid = *v;
    } else if (name == "typ") {
      auto v = text_of(value, scratch.typ);
      if (!v) return Unexpected(Errc::malformed, "the header typ is not a string");
      h.typ = *v;
    } else if (name == "crit") {
      h.has_crit = true;
    } else if (name == "b64") {
      auto v = json::as_bool(value);
      if (!v) return Unexpected(Errc::malformed, "the header b64 is not a boolean");
      h.b64 = *v;
    }
  }
  if (!has_alg) return Unexpected(Errc::malformed, "the header has no alg");
  return h;
}

// Media types compare case-insensitively, and "application/" may be omitted
// (RFC 7515 §4.1.9).
bool same_type(std::string_view a, std::string_view b) noexcept {
  auto strip = [](std::string_view t) {
    constexpr std::string_view kPrefix = "application/";
    if (t.size() > kPrefix.size()) {
      bool prefixed = true;
      for (std::size_t i = 0; i < kPrefix.size(); ++i) {
        char c = t[i];
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        prefixed = prefixed && c == kPrefix[i];
      }
      if (prefixed) t.remove_prefix(kPrefix.size());
    }
    return t;
  };
  a = strip(a);
  b = strip(b);
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

// string_equals compares a canonical JSON string value with plain text.
bool string_equals(std::string_view json_value, std::string_view text) {
  const std::string_view content = json::string_content(json_value);
  if (content.find('\\') == std::string_view::npos) return content == text;
  auto decoded = json::decode_string(json_value);
  return decoded && *decoded == text;
}

// A precomputed header: the exact base64url text of a header this verifier
// accepts, and what parsing it would give. Matching these bytes skips the
// JSON parse of the header on the common path.
struct KnownHeader {
  std::string b64;
  std::string json;
  Algorithm alg;
  std::string kid;               // empty: no kid member
  std::optional<std::string> typ;
};

void add_known_headers(std::vector<KnownHeader>& out, Algorithm alg, std::string_view kid,
                       const std::optional<std::string>& expected_type) {
  const std::string alg_member = "\"alg\":" + json::quote(algorithm_name(alg));
  const std::string kid_member = kid.empty() ? std::string() : "\"kid\":" + json::quote(kid);
  std::vector<std::optional<std::string>> types = {std::nullopt, std::string("JWT")};
  if (expected_type && *expected_type != "JWT") types.push_back(*expected_type);
  for (const auto& typ : types) {
    std::vector<std::string> members = {alg_member};
    if (typ) members.push_back("\"typ\":" + json::quote(*typ));
    if (!kid_member.empty()) members.push_back(kid_member);
    // Every order of the two or three members.
    std::sort(members.begin(), members.end());
    do {
      std::string header = "{";
      for (std::size_t i = 0; i < members.size(); ++i) {
        if (i != 0) header.push_back(',');
        header += members[i];
      }
      header.push_back('}');
      KnownHeader k{encoding::base64url_encode(crypto::as_bytes(header)), header, alg, std::string(kid), typ};
      out.push_back(std::move(k));
    } while (std::next_permutation(members.begin(), members.end()));
  }
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
  std::vector<KnownHeader> known_headers;

  void configure(Policy p, const Clock& c) {
    policy = std::move(p);
    clock = &c;
    if (use_set) {
      for (const auto& id : key_set.key_ids()) add_known_headers(known_headers, id.alg, id.kid, policy.type());
    } else {
      add_known_headers(known_headers, key->alg, key->kid, policy.type());
    }
  }

  bool match_known(std::string_view segment, HeaderView& h, Algorithm& alg) const noexcept {
    for (const auto& k : known_headers) {
      if (k.b64.size() != segment.size() || std::memcmp(k.b64.data(), segment.data(), segment.size()) != 0) continue;
      h.json = k.json;
      h.alg_name = algorithm_name(k.alg);
      if (!k.kid.empty()) h.kid = std::string_view(k.kid);
      if (k.typ) h.typ = std::string_view(*k.typ);
      alg = k.alg;
      return true;
    }
    return false;
  }

  Result<const detail::KeyData*> select(const HeaderView& h, Algorithm alg) const noexcept;
  Status read_claim(VerifiedToken& token, std::string_view name, std::string_view value) const;
  Status authenticate(const Segments& segments, HeaderView& header, Algorithm& alg, std::uint8_t* payload) const;
  Status build(const Segments& segments, const HeaderView& header, Algorithm alg, const std::uint8_t* payload,
               VerifiedToken& out) const;
  Status run(std::string_view token, VerifiedToken& out) const;
  Status check_policy(const VerifiedToken& token) const;
};

Result<const detail::KeyData*> Verifier::Impl::select(const HeaderView& h, Algorithm alg) const noexcept {
  if (!use_set) {
    // The key fixes the algorithm: the header must name exactly that one.
    if (alg != key->alg) return Unexpected(Errc::key_mismatch, "the token's alg is not the key's algorithm");
    if (h.kid && !key->kid.empty() && *h.kid != key->kid) {
      return Unexpected(Errc::key_mismatch, "the token's kid is not the key's");
    }
    return key.get();
  }
  auto selected = key_set.select(h.kid, alg);
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

namespace {

// Appends `text` to the token's buffer (capacity reserved beforehand, so
// views into the buffer stay put) and returns its span.
template <class Span>
Span append_span(std::string& buffer, std::string_view text) {
  Span s;
  s.offset = static_cast<std::uint32_t>(buffer.size());
  s.length = static_cast<std::uint32_t>(text.size());
  s.present = true;
  buffer.append(text);
  return s;
}

}  // namespace

namespace {

// The registered names as one integer each, so that a member name is
// classified by one load and a switch rather than seven comparisons.
constexpr std::uint32_t name_key(char a, char b, char c) noexcept {
  return static_cast<std::uint32_t>(static_cast<unsigned char>(a)) |
         static_cast<std::uint32_t>(static_cast<unsigned char>(b)) << 8 |
         static_cast<std::uint32_t>(static_cast<unsigned char>(c)) << 16;
}

}  // namespace

Status Verifier::Impl::read_claim(VerifiedToken& token, std::string_view name, std::string_view value) const {
  // `value` is a view into token.buffer_; the appends below stay within the
  // capacity reserved in build(), so it does not move.
  using Span = VerifiedToken::Span;
  if (name.size() != 3) return {};
  Span* slot = nullptr;
  std::optional<std::chrono::sys_seconds>* time = nullptr;
  switch (name_key(name[0], name[1], name[2])) {
    case name_key('e', 'x', 'p'): time = &token.exp_; break;
    case name_key('n', 'b', 'f'): time = &token.nbf_; break;
    case name_key('i', 'a', 't'): time = &token.iat_; break;
    case name_key('i', 's', 's'): slot = &token.iss_; break;
    case name_key('s', 'u', 'b'): slot = &token.sub_; break;
    case name_key('j', 't', 'i'): slot = &token.jti_; break;
    case name_key('a', 'u', 'd'): break;
    default: return {};  // not a registered claim
  }
  if (time != nullptr) {
    // numeric_date is the whole type check of a time claim: read it once.
    auto seconds = detail::numeric_date(name, value);
    if (!seconds) return seconds.error();
    *time = std::chrono::sys_seconds{std::chrono::seconds(*seconds)};
    return {};
  }
  if (slot != nullptr && json::type_of(value) != json::JsonType::string) {
    return detail::check_registered_claim(name, value);  // the claim_mismatch naming it
  }
  if (slot == nullptr) {  // aud
    if (auto ok = detail::check_registered_claim(name, value); !ok) return ok.error();
    token.aud_ = Span{static_cast<std::uint32_t>(value.data() - token.buffer_.data()),
                      static_cast<std::uint32_t>(value.size()), true};
    return {};
  }
  const std::string_view content = json::string_content(value);
  if (content.find('\\') == std::string_view::npos) {
    *slot = Span{static_cast<std::uint32_t>(content.data() - token.buffer_.data()),
                 static_cast<std::uint32_t>(content.size()), true};
  } else {
    *slot = append_span<Span>(token.buffer_, *json::decode_string(value));
  }
  return {};
}

Status Verifier::Impl::check_policy(const VerifiedToken& token) const {
  // Times are compared in 128-bit nanoseconds: a NumericDate may reach year
  // 9999 and max_age any int64 seconds, neither of which fits in int64 ns.
  __extension__ typedef __int128 Nanos;
  constexpr Nanos kNs = 1'000'000'000;
  const Nanos now = clock->now().time_since_epoch().count();
  const Nanos leeway = static_cast<Nanos>(policy.leeway().count()) * kNs;
  auto at = [&](const std::optional<std::chrono::sys_seconds>& t) {
    return static_cast<Nanos>(t->time_since_epoch().count()) * kNs;
  };
  // RFC 7519 §4.1.4: the current time must be before exp.
  if (token.exp_) {
    if (now >= at(token.exp_) + leeway) return Unexpected(Errc::expired, "the token has expired (exp)");
  } else if (policy.require_exp()) {
    return Unexpected(Errc::claim_mismatch, "the token has no exp claim");
  }
  if (token.nbf_ && now + leeway < at(token.nbf_)) {
    return Unexpected(Errc::not_yet_valid, "the token is not valid yet (nbf)");
  }
  if (token.iat_ && now + leeway < at(token.iat_)) {
    return Unexpected(Errc::not_yet_valid, "the token was issued in the future (iat)");
  }
  if (policy.max_age()) {
    if (!token.iat_) return Unexpected(Errc::claim_mismatch, "max_age needs an iat claim");
    if (now - at(token.iat_) > static_cast<Nanos>(policy.max_age()->count()) * kNs + leeway) {
      return Unexpected(Errc::expired, "the token is older than max_age (iat)");
    }
  }
  if (!policy.issuers().empty()) {
    const auto iss = token.issuer();
    bool ok = false;
    for (const auto& want : policy.issuers()) ok = ok || (iss && *iss == want);
    if (!ok) return Unexpected(Errc::claim_mismatch, "the issuer (iss) is not an expected one");
  }
  if (!policy.audiences().empty()) {
    bool ok = false;
    for (const auto& want : policy.audiences()) ok = ok || token.has_audience(want);
    if (!ok) return Unexpected(Errc::claim_mismatch, "no audience (aud) is an expected one");
  } else if (token.aud_.present && !policy.ignore_audience()) {
    return Unexpected(Errc::claim_mismatch, "the token has an audience (aud) but none is expected");
  }
  if (policy.subject() && token.subject() != std::optional<std::string_view>(*policy.subject())) {
    return Unexpected(Errc::claim_mismatch, "the subject (sub) is not the expected one");
  }
  if (policy.type() && (!token.typ_.present || !same_type(*token.type(), *policy.type()))) {
    return Unexpected(Errc::claim_mismatch, "the token type (typ) is not the expected one");
  }
  for (const auto& name : policy.required_claims()) {
    if (!token.claim(name)) return Unexpected(Errc::claim_mismatch, "a required claim is missing");
  }
  for (const auto& predicate : policy.predicates()) {
    if (auto ok = predicate(token); !ok) return ok.error();
  }
  // Last: a revocation lookup may be a network round trip, paid only by
  // tokens that passed everything else.
  return detail::check_revocation(policy, token);
}

// authenticate checks everything up to and including the signature. The
// payload segment is validated as strict base64url here: decoded into
// `payload` (kStackPayloadBytes) when it fits, only checked otherwise.
Status Verifier::Impl::authenticate(const Segments& segments, HeaderView& header, Algorithm& alg,
                                    std::uint8_t* payload) const {
  const auto payload_len = encoding::base64url_decoded_size(segments.payload.size());
  if (!payload_len) return Unexpected(Errc::malformed, "the payload segment is not strict base64url");
  if (*payload_len <= kStackPayloadBytes ? !encoding::base64url_decode(segments.payload, payload)
                                         : !encoding::base64url_is_canonical(segments.payload)) {
    return Unexpected(Errc::malformed, "the payload segment is not strict base64url");
  }
  if (!match_known(segments.header, header, alg)) {
    thread_local HeaderScratch scratch;
    auto parsed = parse_header(segments.header, scratch);
    if (!parsed) return parsed.error();
    header = *parsed;
    auto named = parse_algorithm(header.alg_name);
    if (!named) return Unexpected(Errc::key_mismatch, "the token's alg is not one signet accepts");
    alg = *named;
  }
  auto selected = select(header, alg);
  if (!selected) return selected.error();

  // The signature has an exact length for every algorithm: check it before
  // any crypto runs, and decode into a fixed buffer.
  const std::size_t expected = detail::signature_size(**selected);
  const auto sig_len = encoding::base64url_decoded_size(segments.signature.size());
  if (!sig_len || *sig_len != expected) return Unexpected(Errc::bad_signature, "the signature has the wrong length");
  std::array<std::uint8_t, detail::kMaxSignatureSize> signature;
  if (!encoding::base64url_decode(segments.signature, signature.data())) {
    return Unexpected(Errc::bad_signature, "the signature is not strict base64url");
  }
  if (!detail::verify(**selected, segments.signing_input, std::span<const std::uint8_t>(signature.data(), expected))) {
    return Unexpected(Errc::bad_signature, "signature does not match");
  }

  // Authenticated from here on.
  if (header.has_crit) return Unexpected(Errc::unsupported, "the header has crit; signet implements no extensions");
  if (header.b64 && !*header.b64) {
    return Unexpected(Errc::unsupported, "unencoded payloads (b64 false) are refused in a JWT");
  }
  return {};
}

// build fills `out` from an authenticated token. One buffer holds everything
// the token returns: header, payload, the canonical claims (only when the
// payload is not canonical already), then decoded header and claim strings.
// Canonical claims are never longer than the payload and decoded strings
// never longer than their JSON, so the reservation is the only allocation,
// and none once `out` has held a token at least this large.
Status Verifier::Impl::build(const Segments& segments, const HeaderView& header, Algorithm alg,
                             const std::uint8_t* payload, VerifiedToken& out) const {
  const std::size_t payload_len = *encoding::base64url_decoded_size(segments.payload.size());
  json::TopMembers top;
  // The common case: the payload is already canonical compact JSON, so it is
  // its own claims text and its members were found in the same pass.
  bool canonical = payload != nullptr &&
                   json::is_canonical_compact_object(
                       std::string_view(reinterpret_cast<const char*>(payload), payload_len), kMaxPayloadDepth, &top);
  const std::size_t extra = (header.kid ? header.kid->size() : 0) + (header.typ ? header.typ->size() : 0);
  const std::size_t need =
      canonical ? header.json.size() + payload_len + extra : 2 * header.json.size() + 3 * payload_len + 8;

  out.alg_ = alg;
  out.header_ = out.payload_ = out.claims_ = out.kid_ = out.typ_ = {};
  out.iss_ = out.sub_ = out.jti_ = out.aud_ = {};
  out.exp_ = out.nbf_ = out.iat_ = std::nullopt;
  std::string& buffer = out.buffer_;
  buffer.clear();
  if (buffer.capacity() < need) buffer.reserve(need);
  out.header_ = append_span<VerifiedToken::Span>(buffer, header.json);
  out.payload_ = VerifiedToken::Span{static_cast<std::uint32_t>(buffer.size()), static_cast<std::uint32_t>(payload_len), true};
  buffer.resize(buffer.size() + payload_len);
  char* const payload_at = buffer.data() + out.payload_.offset;
  if (payload != nullptr) {
    std::memcpy(payload_at, payload, payload_len);
  } else {
    (void)encoding::base64url_decode(segments.payload, reinterpret_cast<std::uint8_t*>(payload_at));
    canonical = json::is_canonical_compact_object(std::string_view(payload_at, payload_len), kMaxPayloadDepth, &top);
    // The reservation above assumed the slow path; it is large enough.
  }
  if (canonical) {
    out.claims_ = out.payload_;
  } else {
    const std::size_t claims_at = buffer.size();
    if (!json::canonicalize_append(*out.view(out.payload_), json::Style::compact,
                                   json::Limits{payload_len, kMaxPayloadDepth}, buffer) ||
        json::type_of(std::string_view(buffer).substr(claims_at)) != json::JsonType::object) {
      return Unexpected(Errc::bad_payload, "the payload is not a strict JSON object");
    }
    out.claims_ = VerifiedToken::Span{static_cast<std::uint32_t>(claims_at),
                                      static_cast<std::uint32_t>(buffer.size() - claims_at), true};
  }
  if (header.kid) out.kid_ = append_span<VerifiedToken::Span>(buffer, *header.kid);
  if (header.typ) out.typ_ = append_span<VerifiedToken::Span>(buffer, *header.typ);
  if (canonical) {
    // Views into the source bytes, moved onto the same bytes in the buffer.
    const char* const base = payload != nullptr ? reinterpret_cast<const char*>(payload) : payload_at;
    for (std::size_t i = 0; i < top.count; ++i) {
      const std::string_view value(payload_at + (top.value(i).data() - base), top.value(i).size());
      if (auto ok = read_claim(out, top.name(i), value); !ok) return ok.error();
    }
  } else {
    const std::string_view claims = *out.view(out.claims_);
    std::size_t pos = 0;
    std::string_view name, value;
    while (json::next_member(claims, pos, name, value)) {
      if (auto ok = read_claim(out, name, value); !ok) return ok.error();
    }
  }
  return {};
}

Status Verifier::Impl::run(std::string_view token, VerifiedToken& out) const {
  auto segments = split(token, policy.max_token_size(), /*check_payload=*/false);
  if (!segments) return segments.error();
  HeaderView header;
  Algorithm alg = Algorithm::HS256;
  std::array<std::uint8_t, kStackPayloadBytes> payload;
  if (auto ok = authenticate(*segments, header, alg, payload.data()); !ok) return ok.error();
  const bool on_stack = *encoding::base64url_decoded_size(segments->payload.size()) <= kStackPayloadBytes;
  if (auto ok = build(*segments, header, alg, on_stack ? payload.data() : nullptr, out); !ok) return ok.error();
  return check_policy(out);
}

Result<VerifiedToken> Verifier::verify(std::string_view token) const {
  VerifiedToken out = VerifiedTokenAccess::make();
  if (auto ok = impl_->run(token, out); !ok) return ok.error();
  return out;
}

Result<const VerifiedToken*> Verifier::verify(std::string_view token, VerifiedTokenBuffer& buffer) const {
  if (auto ok = impl_->run(token, buffer.token_); !ok) return ok.error();
  return &buffer.token_;
}

std::vector<std::string> VerifiedToken::audiences() const {
  std::vector<std::string> out;
  const auto aud = view(aud_);
  if (!aud) return out;
  if (json::type_of(*aud) == json::JsonType::string) {
    out.push_back(*json::decode_string(*aud));
    return out;
  }
  std::size_t pos = 0;
  std::string_view item;
  while (json::next_element(*aud, pos, item)) out.push_back(*json::decode_string(item));
  return out;
}

bool VerifiedToken::has_audience(std::string_view want) const noexcept {
  const auto aud = view(aud_);
  if (!aud) return false;
  if (json::type_of(*aud) == json::JsonType::string) return string_equals(*aud, want);
  std::size_t pos = 0;
  std::string_view item;
  while (json::next_element(*aud, pos, item)) {
    if (string_equals(item, want)) return true;
  }
  return false;
}

std::optional<std::string_view> VerifiedToken::claim(std::string_view name) const noexcept {
  std::size_t pos = 0;
  std::string_view raw_name, value;
  const std::string_view claims = claims_json();
  while (json::next_member(claims, pos, raw_name, value)) {
    if (raw_name.find('\\') == std::string_view::npos ? raw_name == name
                                                       : string_equals(std::string_view(raw_name.data() - 1, raw_name.size() + 2), name)) {
      return value;
    }
  }
  return std::nullopt;
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
  if (!encoding::base64url_is_canonical(segments->signature)) {
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
