// JWK import and export. The JSON is validated strictly by the shared reader
// (duplicate member names refused) before any member is looked at; every
// key member is strict base64url. Unknown members are ignored (RFC 7517
// §4), but never those that carry key material for the kty at hand.
#include "jwt/jwk.h"

#include <algorithm>
#include <array>

#include "crypto/hash.h"
#include "encoding/base64url.h"
#include "encoding/json.h"

namespace signet::jwt::detail {
namespace {

Unexpected bad(std::string_view detail) noexcept { return Unexpected(Errc::invalid_key, detail); }

// Error details name the member, never its value.
Unexpected bad_member(std::string_view name, std::string_view what) noexcept {
  std::string detail = "JWK member \"";
  detail.append(name).append("\" ").append(what);
  return Unexpected(Errc::invalid_key, detail);
}

Result<std::optional<std::string>> string_member(const std::vector<json::Member>& members, std::string_view name) {
  const auto value = json::find(members, name);
  if (!value) return std::optional<std::string>();
  if (json::type_of(*value) != json::JsonType::string) return bad_member(name, "is not a string");
  auto text = json::decode_string(*value);
  if (!text) return bad_member(name, "is not a valid string");
  return std::optional<std::string>(std::move(*text));
}

// decode_member decodes a strict base64url member into `out`. A JSON string
// holding base64url needs no unescaping: any backslash is refused as a
// non-base64url character. Secret members ("k", "d", the RSA private
// values) are decoded in constant time (base64url_decode_secret).
Status decode_member(const std::vector<json::Member>& members, std::string_view name, std::vector<std::uint8_t>& out,
                     bool secret = false) {
  const auto value = json::find(members, name);
  if (!value) return bad_member(name, "is missing");
  if (json::type_of(*value) != json::JsonType::string || value->size() < 2) return bad_member(name, "is not a string");
  const std::string_view text = value->substr(1, value->size() - 2);
  const auto size = encoding::base64url_decoded_size(text.size());
  if (!size) return bad_member(name, "is not strict base64url");
  out.assign(*size, 0);
  const bool ok = secret ? encoding::base64url_decode_secret(text, out.data())
                         : static_cast<bool>(encoding::base64url_decode(text, out.data()));
  if (!ok) {
    secure_wipe(out);
    return bad_member(name, "is not strict base64url");
  }
  return {};
}

Result<std::vector<std::uint8_t>> public_member(const std::vector<json::Member>& members, std::string_view name) {
  std::vector<std::uint8_t> out;
  if (auto st = decode_member(members, name, out); !st) return st.error();
  if (out.empty()) return bad_member(name, "is empty");
  return out;
}

Result<SecretBytes> secret_member(const std::vector<json::Member>& members, std::string_view name) {
  std::vector<std::uint8_t> out;
  if (auto st = decode_member(members, name, out, true); !st) return st.error();
  SecretBytes secret{std::span<const std::uint8_t>(out)};
  secure_wipe(out);
  return secret;
}

// RFC 7518 §2 "Base64urlUInt": the minimum number of octets. Enforced for n
// and e, which feed the RFC 7638 thumbprint: a padded n would make signet's
// thumbprint differ from the publisher's.
Status check_minimal(const std::vector<std::uint8_t>& v, std::string_view name) {
  if (v.size() > 1 && v[0] == 0) return bad_member(name, "has leading zero octets");
  return {};
}

constexpr std::string_view kPrivateMembers[] = {"d", "p", "q", "dp", "dq", "qi", "oth"};

Result<Algorithm> resolve_algorithm(const std::vector<json::Member>& members, std::optional<Algorithm> requested) {
  auto text = string_member(members, "alg");
  if (!text) return text.error();
  std::optional<Algorithm> from_jwk;
  if (*text) {
    auto parsed = parse_algorithm(**text);
    if (!parsed) return Unexpected(Errc::unsupported, "JWK \"alg\" is not a JWS algorithm signet supports");
    from_jwk = *parsed;
  }
  if (from_jwk && requested && *from_jwk != *requested) {
    return Unexpected(Errc::key_mismatch, "JWK \"alg\" differs from the requested algorithm");
  }
  if (from_jwk) return *from_jwk;
  if (requested) return *requested;
  return Unexpected(Errc::invalid_argument, "JWK has no \"alg\" and no algorithm was given");
}

Status check_use(const std::vector<json::Member>& members, JwkPurpose purpose) {
  auto use = string_member(members, "use");
  if (!use) return use.error();
  if (*use && **use != "sig") return bad("JWK \"use\" is not \"sig\"");

  const auto ops = json::find(members, "key_ops");
  if (!ops) return {};
  if (json::type_of(*ops) != json::JsonType::array) return bad("JWK \"key_ops\" is not an array");
  auto elements = json::elements_of(*ops);
  if (!elements) return bad("JWK \"key_ops\" is not an array");
  std::vector<std::string> seen;
  for (const auto element : *elements) {
    if (json::type_of(element) != json::JsonType::string) return bad("JWK \"key_ops\" holds a non-string");
    auto op = json::decode_string(element);
    if (!op) return bad("JWK \"key_ops\" holds an invalid string");
    // RFC 7517 §4.3: duplicate values must not be present.
    if (std::find(seen.begin(), seen.end(), *op) != seen.end()) return bad("JWK \"key_ops\" has duplicate values");
    seen.push_back(std::move(*op));
  }
  const auto has = [&](std::string_view op) { return std::find(seen.begin(), seen.end(), op) != seen.end(); };
  switch (purpose) {
    case JwkPurpose::hmac:
      if (!has("sign") && !has("verify")) return bad("JWK \"key_ops\" allows neither \"sign\" nor \"verify\"");
      return {};
    case JwkPurpose::private_key:
      if (!has("sign")) return bad("JWK \"key_ops\" does not allow \"sign\"");
      return {};
    case JwkPurpose::public_key:
    case JwkPurpose::key_set:
      if (!has("verify")) return bad("JWK \"key_ops\" does not allow \"verify\"");
      return {};
  }
  return {};
}

Result<crypto::Curve> ec_curve(std::string_view crv) noexcept {
  if (crv == "P-256") return crypto::Curve::p256;
  if (crv == "P-384") return crypto::Curve::p384;
  if (crv == "P-521") return crypto::Curve::p521;
  if (crv == "secp256k1") return crypto::Curve::secp256k1;
  return bad("unsupported EC \"crv\" (P-256, P-384, P-521, secp256k1)");
}

std::string_view crv_name(crypto::Curve c) noexcept {
  switch (c) {
    case crypto::Curve::p256: return "P-256";
    case crypto::Curve::p384: return "P-384";
    case crypto::Curve::p521: return "P-521";
    case crypto::Curve::secp256k1: return "secp256k1";
    case crypto::Curve::none: return "";
  }
  return "";
}

std::string_view expected_kty(Algorithm alg) noexcept {
  switch (family_of(alg)) {
    case KeyFamily::hmac: return "oct";
    case KeyFamily::rsa: return "RSA";
    case KeyFamily::ec: return "EC";
    case KeyFamily::okp: return "OKP";
  }
  return "";
}

Result<crypto::AsymmetricKey::Ptr> import_rsa(const std::vector<json::Member>& members, bool want_private) {
  crypto::RsaComponents c;
  auto n = public_member(members, "n");
  if (!n) return n.error();
  auto e = public_member(members, "e");
  if (!e) return e.error();
  if (auto st = check_minimal(*n, "n"); !st) return st.error();
  if (auto st = check_minimal(*e, "e"); !st) return st.error();
  c.n = std::move(*n);
  c.e = std::move(*e);
  if (want_private) {
    if (json::find(members, "oth")) return bad("multi-prime RSA keys (\"oth\") are not supported");
    // Decision: all CRT members are required. RFC 7518 §6.3.2 lets a
    // producer omit them, but then OpenSSL can neither sign with CRT nor
    // write the key as PKCS#1/PKCS#8, and every common producer writes them.
    static constexpr std::array<std::string_view, 6> kNames = {"d", "p", "q", "dp", "dq", "qi"};
    std::array<SecretBytes*, 6> slots = {&c.d, &c.p, &c.q, &c.dp, &c.dq, &c.qi};
    for (std::size_t i = 0; i < kNames.size(); ++i) {
      auto v = secret_member(members, kNames[i]);
      if (!v) return v.error();
      if (v->empty()) return bad_member(kNames[i], "is empty");
      *slots[i] = std::move(*v);
    }
  }
  return crypto::AsymmetricKey::from_rsa(c, want_private);
}

Result<crypto::AsymmetricKey::Ptr> import_ec(const std::vector<json::Member>& members, Algorithm alg,
                                             bool want_private) {
  auto crv = string_member(members, "crv");
  if (!crv) return crv.error();
  if (!*crv) return bad("EC JWK has no \"crv\"");
  auto curve = ec_curve(**crv);
  if (!curve) return curve.error();
  const bool fits = (alg == Algorithm::ES256 && *curve == crypto::Curve::p256) ||
                    (alg == Algorithm::ES384 && *curve == crypto::Curve::p384) ||
                    (alg == Algorithm::ES512 && *curve == crypto::Curve::p521) ||
                    (alg == Algorithm::ES256K && *curve == crypto::Curve::secp256k1);
  if (!fits) return bad("EC \"crv\" does not match the algorithm");
  crypto::EcComponents c;
  c.curve = *curve;
  const std::size_t field = crypto::curve_field_size(*curve);
  auto x = public_member(members, "x");
  if (!x) return x.error();
  auto y = public_member(members, "y");
  if (!y) return y.error();
  // RFC 7518 §6.2.1.2/3: exactly the field size, leading zeros included.
  if (x->size() != field) return bad_member("x", "is not the field size");
  if (y->size() != field) return bad_member("y", "is not the field size");
  c.x = std::move(*x);
  c.y = std::move(*y);
  if (want_private) {
    auto d = secret_member(members, "d");
    if (!d) return d.error();
    if (d->size() != field) return bad_member("d", "is not the field size");
    c.d = std::move(*d);
  }
  return crypto::AsymmetricKey::from_ec(c, want_private);
}

Result<crypto::AsymmetricKey::Ptr> import_okp(const std::vector<json::Member>& members, bool want_private) {
  auto crv = string_member(members, "crv");
  if (!crv) return crv.error();
  if (!*crv || **crv != "Ed25519") return bad("OKP \"crv\" must be Ed25519 (Ed448 and X25519 are refused)");
  crypto::Ed25519Components c;
  auto x = public_member(members, "x");
  if (!x) return x.error();
  if (x->size() != 32) return bad_member("x", "is not 32 bytes");
  c.x = std::move(*x);
  if (want_private) {
    auto d = secret_member(members, "d");
    if (!d) return d.error();
    if (d->size() != 32) return bad_member("d", "is not 32 bytes");
    c.d = std::move(*d);
  }
  return crypto::AsymmetricKey::from_ed25519(c, want_private);
}

void append_b64(std::string& out, std::string_view name, std::span<const std::uint8_t> bytes) {
  out.append(",\"").append(name).append("\":\"");
  encoding::base64url_encode_append(bytes, out);
  out.push_back('"');
}

}  // namespace

Result<KeyDataPtr> import_jwk(std::string_view json, std::optional<Algorithm> alg, JwkPurpose purpose) {
  std::string canonical;
  const json::Limits limits;
  auto members = json::parse_object(json, canonical, limits.max_bytes, limits.max_depth);
  if (!members) return Unexpected(Errc::malformed, "JWK is not a strict JSON object");
  auto key = import_jwk_members(*members, alg, purpose);
  // The canonical copy may hold private members ("d", "k").
  secure_wipe({reinterpret_cast<std::uint8_t*>(canonical.data()), canonical.size()});
  return key;
}

Result<KeyDataPtr> import_jwk_members(const std::vector<json::Member>& members, std::optional<Algorithm> alg,
                                      JwkPurpose purpose) {
  auto kty = string_member(members, "kty");
  if (!kty) return kty.error();
  if (!*kty) return bad("JWK has no \"kty\"");
  const std::string& type = **kty;
  if (type != "oct" && type != "RSA" && type != "EC" && type != "OKP") return bad("unsupported JWK \"kty\"");
  if (purpose == JwkPurpose::hmac && type != "oct") {
    return bad("only an \"oct\" JWK can be an HMAC key: public-key material never becomes a secret");
  }
  if ((purpose == JwkPurpose::public_key || purpose == JwkPurpose::private_key) && type == "oct") {
    return bad("an \"oct\" JWK is a shared secret: use HmacKey");
  }

  // What the key is for comes before which algorithm it is bound to: an
  // encryption key is refused as such, with or without an "alg".
  if (auto st = check_use(members, purpose); !st) return st.error();
  auto resolved = resolve_algorithm(members, alg);
  if (!resolved) return resolved.error();
  const Algorithm algorithm = *resolved;
  if (expected_kty(algorithm) != type) return bad("JWK \"kty\" does not fit the algorithm");

  auto kid = string_member(members, "kid");
  if (!kid) return kid.error();
  if (*kid && (*kid)->empty()) return Unexpected(Errc::invalid_argument, "JWK \"kid\" is empty");
  const std::string_view kid_text = *kid ? std::string_view(**kid) : std::string_view();
  if (auto st = check_kid(kid_text); !st) return st.error();

  if (type == "oct") {
    auto k = secret_member(members, "k");
    if (!k) return k.error();
    return make_hmac_data(algorithm, std::move(*k), kid_text);
  }

  if (purpose == JwkPurpose::key_set) {
    for (const auto name : kPrivateMembers) {
      // A published JWKS must never carry private keys: refuse rather than
      // quietly use the public part of a leaked private key.
      if (json::find(members, name)) return bad("a JWKS entry holds private key members");
    }
  }
  const bool want_private = purpose == JwkPurpose::private_key;
  Result<crypto::AsymmetricKey::Ptr> key = bad("unsupported JWK \"kty\"");
  if (type == "RSA") {
    key = import_rsa(members, want_private);
  } else if (type == "EC") {
    key = import_ec(members, algorithm, want_private);
  } else {
    key = import_okp(members, want_private);
  }
  if (!key) return key.error();
  return make_asymmetric_data(algorithm, std::move(*key), kid_text);
}

std::string write_jwk(const KeyData& key, bool with_private) {
  std::string out = "{\"kty\":";
  if (key.hmac) {
    out += "\"oct\"";
    if (with_private) append_b64(out, "k", key.secret.bytes());
  } else {
    const crypto::AsymmetricKey& k = *key.pkey;
    const bool priv = with_private && k.has_private();
    switch (k.type()) {
      case crypto::KeyType::rsa: {
        out += "\"RSA\"";
        append_b64(out, "n", k.rsa().n);
        append_b64(out, "e", k.rsa().e);
        if (priv) {
          auto c = k.private_rsa();
          if (!c) return {};
          append_b64(out, "d", c->d.bytes());
          if (!c->p.empty()) {
            append_b64(out, "p", c->p.bytes());
            append_b64(out, "q", c->q.bytes());
            append_b64(out, "dp", c->dp.bytes());
            append_b64(out, "dq", c->dq.bytes());
            append_b64(out, "qi", c->qi.bytes());
          }
        }
        break;
      }
      case crypto::KeyType::ec: {
        out.append("\"EC\",\"crv\":\"").append(crv_name(k.curve())).append("\"");
        append_b64(out, "x", k.ec().x);
        append_b64(out, "y", k.ec().y);
        if (priv) {
          auto c = k.private_ec();
          if (!c) return {};
          append_b64(out, "d", c->d.bytes());
        }
        break;
      }
      case crypto::KeyType::ed25519: {
        out += "\"OKP\",\"crv\":\"Ed25519\"";
        append_b64(out, "x", k.ed25519().x);
        if (priv) {
          auto c = k.private_ed25519();
          if (!c) return {};
          append_b64(out, "d", c->d.bytes());
        }
        break;
      }
    }
  }
  out.append(",\"alg\":\"").append(algorithm_name(key.alg)).append("\"");
  if (!key.kid.empty()) out.append(",\"kid\":").append(json::quote(key.kid));
  out.push_back('}');
  return out;
}

std::string jwk_thumbprint(const KeyData& key) {
  // RFC 7638 §3.2: required members only, sorted, no whitespace. Values are
  // base64url and fixed strings, so no JSON escaping can arise.
  std::string json;
  const auto member = [&json](std::string_view name, std::span<const std::uint8_t> bytes, bool last) {
    json.append("\"").append(name).append("\":\"");
    encoding::base64url_encode_append(bytes, json);
    json.append(last ? "\"" : "\",");
  };
  if (key.hmac) {
    json = "{";
    member("k", key.secret.bytes(), false);
    json += "\"kty\":\"oct\"}";
  } else {
    const crypto::AsymmetricKey& k = *key.pkey;
    switch (k.type()) {
      case crypto::KeyType::rsa:
        json = "{";
        member("e", k.rsa().e, false);
        json += "\"kty\":\"RSA\",";
        member("n", k.rsa().n, true);
        json += "}";
        break;
      case crypto::KeyType::ec:
        json.append("{\"crv\":\"").append(crv_name(k.curve())).append("\",\"kty\":\"EC\",");
        member("x", k.ec().x, false);
        member("y", k.ec().y, true);
        json += "}";
        break;
      case crypto::KeyType::ed25519:
        json = "{\"crv\":\"Ed25519\",\"kty\":\"OKP\",";
        member("x", k.ed25519().x, true);
        json += "}";
        break;
    }
  }
  std::uint8_t digest[32];
  const std::span<const std::uint8_t> part(reinterpret_cast<const std::uint8_t*>(json.data()), json.size());
  crypto::digest(crypto::Hash::sha256, std::span<const std::span<const std::uint8_t>>(&part, 1), digest);
  // The oct thumbprint input holds the secret.
  secure_wipe({reinterpret_cast<std::uint8_t*>(json.data()), json.size()});
  return encoding::base64url_encode(digest);
}

}  // namespace signet::jwt::detail
