// signet/version.h: the library version.
#ifndef SIGNET_VERSION_H_
#define SIGNET_VERSION_H_

#include <string_view>

#define SIGNET_VERSION_MAJOR 0
#define SIGNET_VERSION_MINOR 1
#define SIGNET_VERSION_PATCH 0

namespace signet {
// version returns the library's version as "MAJOR.MINOR.PATCH".
std::string_view version() noexcept;
}  // namespace signet

#endif  // SIGNET_VERSION_H_
