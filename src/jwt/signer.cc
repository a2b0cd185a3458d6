#include "signet/jwt/signer.h"

#include <cstring>

#include "crypto/hmac.h"
#include "encoding/base64url.h"
#include "encoding/json.h"
#include "encoding/json_canonical.h"
#include "encoding/json_object.h"
#include "jwt/key_data.h"

namespace signet::jwt {

struct Signer::Impl {
  std::shared_ptr<const detail::KeyData> key;
  std::string header_b64;  // base64url(protected header), built once

  static Result<std::unique_ptr<Impl>> make(const std::shared_ptr<const detail::KeyData>& key,
                                            const SignerOptions& options);
  Result<std::string> sign_payload(std::string_view payload) const;
};

Result<std::unique_ptr<Signer::Impl>> Signer::Impl::make(const std::shared_ptr<const detail::KeyData>& key,
                                                         const SignerOptions& options) {
  std::string header = "{\"alg\":";
  header += json::quote(algorithm_name(key->alg));
  if (options.type) {
    header += ",\"typ\":";
    header += json::quote(*options.type);
  }
  if (options.kid) {
    if (options.kid->empty() || options.kid->size() > 256) return Unexpected(Errc::invalid_argument, "kid must have 1 to 256 characters");
    for (char c : *options.kid) {
      if (c < 0x20 || c > 0x7E) return Unexpected(Errc::invalid_argument, "kid must be printable ASCII");
    }
    header += ",\"kid\":";
    header += json::quote(*options.kid);
  } else if (options.include_kid && !key->kid.empty()) {
    header += ",\"kid\":";
    header += json::quote(key->kid);
  }
  header.push_back('}');
  // quote() passes bytes through: refuse a typ that is not valid UTF-8.
  if (!json::validate(header)) return Unexpected(Errc::invalid_argument, "typ is not valid UTF-8");
  auto impl = std::make_unique<Signer::Impl>();
  impl->key = key;
  impl->header_b64 = encoding::base64url_encode(crypto::as_bytes(header));
  return impl;
}

namespace {

bool is_object_text(std::string_view json) noexcept {
  for (char c : json) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') continue;
    return c == '{';
  }
  return false;
}

}  // namespace

Signer::Signer(std::unique_ptr<Impl> impl) noexcept : impl_(std::move(impl)) {}
Signer::Signer(Signer&&) noexcept = default;
Signer& Signer::operator=(Signer&&) noexcept = default;
Signer::~Signer() = default;

Result<Signer> Signer::create(HmacKey key, const SignerOptions& options) {
  auto impl = Impl::make(detail::KeyData::share(key), options);
  if (!impl) return impl.error();
  return Signer(std::move(*impl));
}

Result<Signer> Signer::create(PrivateKey key, const SignerOptions& options) {
  auto impl = Impl::make(detail::KeyData::share(key), options);
  if (!impl) return impl.error();
  return Signer(std::move(*impl));
}

Result<std::string> Signer::Impl::sign_payload(std::string_view payload) const {
  const Impl& impl = *this;
  const std::size_t payload_len = encoding::base64url_encoded_size(payload.size());
  const std::size_t sig_max = detail::signature_size(*impl.key);
  std::string token;
  token.reserve(impl.header_b64.size() + 1 + payload_len + 1 + encoding::base64url_encoded_size(sig_max));
  token.append(impl.header_b64);
  token.push_back('.');
  encoding::base64url_encode_append(crypto::as_bytes(payload), token);
  std::uint8_t signature[detail::kMaxSignatureSize];
  auto len = detail::sign(*impl.key, token, signature);
  if (!len) return len.error();
  token.push_back('.');
  encoding::base64url_encode_append(std::span<const std::uint8_t>(signature, *len), token);
  return token;
}

Result<std::string> Signer::sign(Claims&& claims) const {
  if (claims.error_) return *claims.error_;
  std::string buffer = std::move(claims.json_);
  claims.json_ = "{}";  // a valid, empty builder (small-string storage: no allocation)
  claims.names_seen_ = 0;
  const Impl& impl = *this->impl_;
  const std::size_t payload_len = encoding::base64url_encoded_size(buffer.size());
  // The payload's encoding goes through the stack so that the token can be
  // written over the JSON in the same buffer; big payloads take the usual path.
  constexpr std::size_t kStackEncoded = 2048;
  if (payload_len > kStackEncoded) return impl.sign_payload(buffer);
  char encoded[kStackEncoded];
  encoding::base64url_encode(crypto::as_bytes(buffer), encoded);
  const std::size_t header_len = impl.header_b64.size();
  const std::size_t signing_len = header_len + 1 + payload_len;
  const std::size_t sig_max = detail::signature_size(*impl.key);
  const std::size_t token_max = signing_len + 1 + encoding::base64url_encoded_size(sig_max);
  if (buffer.capacity() < token_max) buffer.reserve(token_max);
  // header '.' payload, written over the JSON (already encoded above).
  buffer.resize(signing_len);
  char* const text = buffer.data();
  std::memcpy(text, impl.header_b64.data(), header_len);
  text[header_len] = '.';
  std::memcpy(text + header_len + 1, encoded, payload_len);
  std::uint8_t signature[detail::kMaxSignatureSize];
  auto len = detail::sign(*impl.key, buffer, signature);
  if (!len) return len.error();
  // '.' signature, within the capacity reserved above.
  buffer.resize(signing_len + 1 + encoding::base64url_encoded_size(*len));
  buffer[signing_len] = '.';
  encoding::base64url_encode(std::span<const std::uint8_t>(signature, *len), buffer.data() + signing_len + 1);
  return buffer;
}

Result<std::string> Signer::sign(const Claims& claims) const {
  if (claims.error_) return *claims.error_;
  return impl_->sign_payload(claims.json_);
}

Result<std::string> Signer::sign_json(std::string_view payload_json) const {
  if (!is_object_text(payload_json)) return Unexpected(Errc::invalid_argument, "the payload is not a JSON object");
  // Canonical compact text (what builders and serialisers emit) is proven
  // valid by the one-pass recogniser; anything else gets the full check.
  if (payload_json.size() > (std::size_t{1} << 24)) {
    return Unexpected(Errc::invalid_argument, "the payload is not valid JSON");
  }
  if (!json::is_canonical_compact_object(payload_json, 64, nullptr)) {
    if (auto ok = json::validate(payload_json, json::Limits{std::size_t{1} << 24, 64}); !ok) {
      return Unexpected(Errc::invalid_argument, "the payload is not valid JSON");
    }
  }
  return impl_->sign_payload(payload_json);
}

}  // namespace signet::jwt
