// A public key cannot sign: jwt::Signer::create(PublicKey) must not compile.
#include "signet/jwt.h"

int main() {
  auto key = signet::jwt::PrivateKey::generate(signet::jwt::Algorithm::ES256).value();
  signet::jwt::PublicKey public_key = key.public_key();
#if SIGNET_EXPECT_COMPILE_ERROR
  auto signer = signet::jwt::Signer::create(public_key);
#else
  auto signer = signet::jwt::Signer::create(key);
#endif
  return signer.has_value() ? 0 : 1;
}
