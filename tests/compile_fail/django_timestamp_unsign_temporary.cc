// TimestampSigner::unsign returns a view too: temporaries must not compile.
#include <string>

#include "signet/django.h"

int main() {
  auto signer = signet::django::TimestampSigner::create(signet::SecretBytes(std::string_view("key"))).value();
#if SIGNET_EXPECT_COMPILE_ERROR
  auto value = signer.unsign(signer.sign("hello"));
#else
  const std::string token = signer.sign("hello");
  auto value = signer.unsign(token);
#endif
  return value.has_value() ? 0 : 1;
}
