// unsign returns a view into its argument, so a temporary std::string (whose
// view would dangle) must not compile.
#include <string>

#include "signet/django.h"

int main() {
  auto signer = signet::django::Signer::create(signet::SecretBytes(std::string_view("key"))).value();
#if SIGNET_EXPECT_COMPILE_ERROR
  auto value = signer.unsign(std::string("hello:signature"));
#else
  const std::string token = signer.sign("hello");
  auto value = signer.unsign(token);
#endif
  return value.has_value() ? 0 : 1;
}
