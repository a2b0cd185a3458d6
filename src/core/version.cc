#include "signet/version.h"

#define SIGNET_STR2(x) #x
#define SIGNET_STR(x) SIGNET_STR2(x)

namespace signet {

std::string_view version() noexcept {
  return SIGNET_STR(SIGNET_VERSION_MAJOR) "." SIGNET_STR(SIGNET_VERSION_MINOR) "." SIGNET_STR(
      SIGNET_VERSION_PATCH);
}

}  // namespace signet
