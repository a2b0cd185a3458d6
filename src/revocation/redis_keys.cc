#include "revocation/redis_keys.h"

#include <array>
#include <charconv>
#include <span>

#include "crypto/hash.h"

namespace signet::revocation::detail {
namespace {

std::array<std::uint8_t, 4> be32(std::size_t n) noexcept {
  return {static_cast<std::uint8_t>(n >> 24), static_cast<std::uint8_t>(n >> 16), static_cast<std::uint8_t>(n >> 8),
          static_cast<std::uint8_t>(n)};
}

std::span<const std::uint8_t> bytes(std::string_view s) noexcept {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

}  // namespace

std::string redis_key(std::string_view prefix, char kind, std::string_view issuer, std::string_view id) {
  const auto li = be32(issuer.size());
  const auto lid = be32(id.size());
  const std::span<const std::uint8_t> parts[] = {li, bytes(issuer), lid, bytes(id)};
  std::uint8_t digest[32];
  crypto::digest(crypto::Hash::sha256, parts, digest);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string key;
  key.reserve(prefix.size() + 2 + 64);
  key.append(prefix).push_back(kind);
  key.push_back(':');
  for (std::uint8_t b : digest) {
    key.push_back(kHex[b >> 4]);
    key.push_back(kHex[b & 15]);
  }
  return key;
}

std::int64_t to_ms_ceil(UnixTime t) noexcept {
  const std::int64_t ns = t.time_since_epoch().count();
  std::int64_t ms = ns / 1'000'000;
  if (ns % 1'000'000 > 0) ++ms;
  return ms;
}

std::optional<std::int64_t> parse_cutoff(std::string_view value) noexcept {
  const std::size_t colon = value.find(':');
  if (colon == std::string_view::npos || colon == 0) return std::nullopt;
  std::int64_t cutoff = 0, end = 0;
  const char* first = value.data();
  auto r = std::from_chars(first, first + colon, cutoff);
  if (r.ec != std::errc() || r.ptr != first + colon) return std::nullopt;
  const char* rest = first + colon + 1;
  const char* last = value.data() + value.size();
  if (rest == last) return std::nullopt;
  auto r2 = std::from_chars(rest, last, end);
  if (r2.ec != std::errc() || r2.ptr != last) return std::nullopt;
  return cutoff;
}

}  // namespace signet::revocation::detail
