// There is no "none" algorithm: naming it must not compile.
#include "signet/jwt.h"

int main() {
#if SIGNET_EXPECT_COMPILE_ERROR
  auto alg = signet::jwt::Algorithm::none;
#else
  auto alg = signet::jwt::Algorithm::HS256;
#endif
  return alg == signet::jwt::Algorithm::HS256 ? 0 : 1;
}
