// Issue and verify a JWT with signet: the README's example, compiled and run
// by the test suite (target example_jwt_tokens).
#include <signet/jwt.h>

#include <chrono>
#include <iostream>

int main() {
  using namespace signet::jwt;
  auto key = PrivateKey::generate(Algorithm::ES256, "2026-11").value();  // the key fixes the algorithm
  std::string token = Signer::create(key).value()
                          .sign(Claims().subject("user-1").expires_at(signet::SystemClock::instance().now() +
                                                                       std::chrono::minutes(5)))
                          .value();
  auto verifier = Verifier::create(key.public_key(), PolicyBuilder().build().value()).value();
  signet::Result<VerifiedToken> verified = verifier.verify(token);  // exp required, no "none"
  if (!verified) {
    std::cerr << signet::errc_name(verified.error().code()) << ": " << verified.error().detail() << '\n';
    return 1;
  }
  std::cout << "subject: " << *verified->subject() << "\nclaims: " << verified->claims_json() << '\n';
  // Tampering is an error value.
  std::string tampered = token;
  tampered[tampered.size() / 2] = tampered[tampered.size() / 2] == 'A' ? 'B' : 'A';
  return verifier.verify(tampered).has_value() ? 1 : 0;
}
