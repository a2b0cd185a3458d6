#include "jwt_keys.h"

#include <algorithm>

#include <simdjson.h>

namespace signet::cli {
namespace {

std::string_view text_of(const SecretBytes& s) {
  return {reinterpret_cast<const char*>(s.bytes().data()), s.size()};
}

}  // namespace

SecretBytes read_key_material(const Args& args) { return load_key(args, "key-file", "key-env"); }

std::vector<jwt::Algorithm> parse_algorithms(std::string_view list) {
  std::vector<jwt::Algorithm> out;
  while (!list.empty()) {
    const std::size_t comma = list.find(',');
    const std::string_view name = list.substr(0, comma);
    auto alg = jwt::parse_algorithm(name);
    if (!alg) throw UsageError{"unknown --alg '" + std::string(name) + "'"};
    out.push_back(*alg);
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
  if (out.empty()) throw UsageError{"--alg needs an algorithm"};
  return out;
}

KeyFormat classify(const SecretBytes& material) {
  const std::string_view text = text_of(material);
  const std::size_t start = text.find_first_not_of(" \t\r\n");
  // A JWK is JSON text; a raw secret is any bytes and may start with '{' by
  // chance (1 in 256 random secrets). Only valid UTF-8 without control bytes
  // is read as a JWK, so a random binary secret stays raw (32 random bytes
  // pass that test with a probability far below 10^-12).
  const bool is_text = std::none_of(text.begin(), text.end(),
                                    [](char c) {
                                      const auto u = static_cast<unsigned char>(c);
                                      return (u < 0x20 && c != '\t' && c != '\r' && c != '\n') || u == 0x7f;
                                    }) &&
                       simdjson::validate_utf8(text.data(), text.size());
  if (is_text && start != std::string_view::npos && text[start] == '{') return KeyFormat::jwk;
  if (text.find("-----BEGIN ") != std::string_view::npos) return KeyFormat::pem;
  return KeyFormat::raw;
}

Result<SigningKey> signing_key(const SecretBytes& material, jwt::Algorithm alg) {
  SigningKey key;
  const KeyFormat format = classify(material);
  if (jwt::family_of(alg) == jwt::KeyFamily::hmac) {
    if (format == KeyFormat::pem) return Unexpected(Errc::invalid_key, "a PEM key cannot be an HMAC secret");
    auto k = format == KeyFormat::jwk ? jwt::HmacKey::from_jwk(text_of(material), alg)
                                      : jwt::HmacKey::from_secret(alg, material);
    if (!k) return k.error();
    key.hmac = std::move(*k);
    return key;
  }
  if (format == KeyFormat::raw) return Unexpected(Errc::invalid_key, "the key file holds neither PEM nor a JWK");
  auto k = format == KeyFormat::jwk ? jwt::PrivateKey::from_jwk(text_of(material), alg)
                                    : jwt::PrivateKey::from_pem(text_of(material), alg);
  if (!k) return k.error();
  key.private_key = std::move(*k);
  return key;
}

Result<VerifyingKey> verifying_key(const SecretBytes& material, jwt::Algorithm alg) {
  VerifyingKey key;
  const KeyFormat format = classify(material);
  if (jwt::family_of(alg) == jwt::KeyFamily::hmac) {
    auto k = signing_key(material, alg);
    if (!k) return k.error();
    key.hmac = std::move(*k->hmac);
    return key;
  }
  if (format == KeyFormat::raw) return Unexpected(Errc::invalid_key, "the key file holds neither PEM nor a JWK");
  if (format == KeyFormat::jwk) {
    auto k = jwt::PublicKey::from_jwk(text_of(material), alg);
    if (!k) return k.error();
    key.public_key = std::move(*k);
    return key;
  }
  // A PEM may hold a public key, a certificate or a private key.
  if (auto pub = jwt::PublicKey::from_pem(text_of(material), alg)) {
    key.public_key = std::move(*pub);
    return key;
  }
  auto priv = jwt::PrivateKey::from_pem(text_of(material), alg);
  if (!priv) return priv.error();
  key.public_key = priv->public_key();
  return key;
}

}  // namespace signet::cli
