#include "signet/django.h"

namespace signet::django {

Result<Algorithm> parse_algorithm(std::string_view name) noexcept {
  if (name == "sha1") return Algorithm::sha1;
  if (name == "sha224") return Algorithm::sha224;
  if (name == "sha256") return Algorithm::sha256;
  if (name == "sha384") return Algorithm::sha384;
  if (name == "sha512") return Algorithm::sha512;
  return Unexpected(Errc::invalid_argument, "unknown algorithm (expected sha1, sha224, sha256, sha384 or sha512)");
}

std::string_view algorithm_name(Algorithm a) noexcept {
  switch (a) {
    case Algorithm::sha1: return "sha1";
    case Algorithm::sha224: return "sha224";
    case Algorithm::sha256: return "sha256";
    case Algorithm::sha384: return "sha384";
    case Algorithm::sha512: return "sha512";
  }
  return "unknown";
}

}  // namespace signet::django
