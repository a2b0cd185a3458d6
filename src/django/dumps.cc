#include "signet/django.h"

namespace signet::django {

Result<std::string> dumps(std::string_view json, const SecretBytes& key, const DumpsOptions& options) {
  SignerOptions signer_options;
  signer_options.salt = options.salt;
  signer_options.algorithm = options.algorithm;
  auto signer = TimestampSigner::create(key, signer_options,
                                        options.clock ? *options.clock : SystemClock::instance());
  if (!signer) return signer.error();
  return signer->sign_object(json, ObjectOptions{options.compress});
}

Result<std::string> loads(std::string_view token, const SecretBytes& key, const LoadsOptions& options) {
  SignerOptions signer_options;
  signer_options.salt = options.salt;
  signer_options.algorithm = options.algorithm;
  signer_options.fallback_keys.reserve(options.fallback_keys.size());
  for (const auto& k : options.fallback_keys) signer_options.fallback_keys.push_back(k.clone());
  auto signer = TimestampSigner::create(key, signer_options,
                                        options.clock ? *options.clock : SystemClock::instance());
  if (!signer) return signer.error();
  UnsignOptions unsign_options;
  unsign_options.max_age = options.max_age;
  unsign_options.max_future = options.max_future;
  unsign_options.max_inflate = options.max_inflate;
  unsign_options.revocation = options.revocation;
  return signer->unsign_object(token, unsign_options);
}

}  // namespace signet::django
