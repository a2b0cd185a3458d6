// itsdangerous's four serializers: a payload codec (payload.h) over a
// Signer or TimestampSigner.
#include "itsdangerous/payload.h"
#include "signet/itsdangerous.h"

namespace signet::itsdangerous {
namespace {

// The serializers' default salt is "itsdangerous", not the signers'
// "itsdangerous.Signer" (itsdangerous's Serializer passes its own default).
SignerOptions with_serializer_salt(const SerializerOptions& options) {
  SignerOptions out = options.signer;
  if (!out.salt) out.salt = std::string(kSerializerSalt);
  return out;
}

}  // namespace

// ---------------------------------------------------------------- Serializer

Result<Serializer> Serializer::create(std::span<const SecretBytes> keys, const SerializerOptions& options) {
  auto signer = Signer::create(keys, with_serializer_salt(options));
  if (!signer) return signer.error();
  return Serializer(std::move(*signer));
}

Result<Serializer> Serializer::create(const SecretBytes& key, const SerializerOptions& options) {
  return create(std::span<const SecretBytes>(&key, 1), options);
}

Result<std::string> Serializer::dumps(std::string_view json) const {
  auto payload = detail::encode_plain(json);
  if (!payload) return payload.error();
  return signer_.sign(*payload);
}

Result<std::string> Serializer::loads(std::string_view token) const {
  auto payload = signer_.unsign(token);
  if (!payload) return payload.error();
  return detail::decode_plain(*payload);
}

// ---------------------------------------------------------------- TimedSerializer

Result<TimedSerializer> TimedSerializer::create(std::span<const SecretBytes> keys, const SerializerOptions& options,
                                                const Clock& clock) {
  auto signer = TimestampSigner::create(keys, with_serializer_salt(options), clock);
  if (!signer) return signer.error();
  return TimedSerializer(std::move(*signer));
}

Result<TimedSerializer> TimedSerializer::create(const SecretBytes& key, const SerializerOptions& options,
                                                const Clock& clock) {
  return create(std::span<const SecretBytes>(&key, 1), options, clock);
}

Result<std::string> TimedSerializer::dumps(std::string_view json) const {
  auto payload = detail::encode_plain(json);
  if (!payload) return payload.error();
  return signer_.sign(*payload);
}

Result<Loaded> TimedSerializer::loads_stamped(std::string_view token, const UnsignOptions& options) const {
  auto stamped = signer_.unsign_stamped(token, options);
  if (!stamped) return stamped.error();
  auto json = detail::decode_plain(stamped->value);
  if (!json) return json.error();
  return Loaded{std::move(*json), stamped->timestamp};
}

Result<std::string> TimedSerializer::loads(std::string_view token, const UnsignOptions& options) const {
  auto loaded = loads_stamped(token, options);
  if (!loaded) return loaded.error();
  return std::move(loaded->json);
}

// ---------------------------------------------------------------- URLSafeSerializer

Result<URLSafeSerializer> URLSafeSerializer::create(std::span<const SecretBytes> keys,
                                                    const SerializerOptions& options) {
  auto signer = Signer::create(keys, with_serializer_salt(options));
  if (!signer) return signer.error();
  return URLSafeSerializer(std::move(*signer), options.compress);
}

Result<URLSafeSerializer> URLSafeSerializer::create(const SecretBytes& key, const SerializerOptions& options) {
  return create(std::span<const SecretBytes>(&key, 1), options);
}

Result<std::string> URLSafeSerializer::dumps(std::string_view json) const {
  auto payload = detail::encode_url_safe(json, compress_);
  if (!payload) return payload.error();
  return signer_.sign(*payload);
}

Result<std::string> URLSafeSerializer::loads(std::string_view token, std::size_t max_inflate) const {
  auto payload = signer_.unsign(token);
  if (!payload) return payload.error();
  return detail::decode_url_safe(*payload, max_inflate);
}

// ---------------------------------------------------------------- URLSafeTimedSerializer

Result<URLSafeTimedSerializer> URLSafeTimedSerializer::create(std::span<const SecretBytes> keys,
                                                              const SerializerOptions& options, const Clock& clock) {
  auto signer = TimestampSigner::create(keys, with_serializer_salt(options), clock);
  if (!signer) return signer.error();
  return URLSafeTimedSerializer(std::move(*signer), options.compress);
}

Result<URLSafeTimedSerializer> URLSafeTimedSerializer::create(const SecretBytes& key,
                                                              const SerializerOptions& options, const Clock& clock) {
  return create(std::span<const SecretBytes>(&key, 1), options, clock);
}

Result<std::string> URLSafeTimedSerializer::dumps(std::string_view json) const {
  auto payload = detail::encode_url_safe(json, compress_);
  if (!payload) return payload.error();
  return signer_.sign(*payload);
}

Result<Loaded> URLSafeTimedSerializer::loads_stamped(std::string_view token, const UnsignOptions& options) const {
  auto stamped = signer_.unsign_stamped(token, options);
  if (!stamped) return stamped.error();
  auto json = detail::decode_url_safe(stamped->value, options.max_inflate);
  if (!json) return json.error();
  return Loaded{std::move(*json), stamped->timestamp};
}

Result<std::string> URLSafeTimedSerializer::loads(std::string_view token, const UnsignOptions& options) const {
  auto loaded = loads_stamped(token, options);
  if (!loaded) return loaded.error();
  return std::move(loaded->json);
}

}  // namespace signet::itsdangerous
