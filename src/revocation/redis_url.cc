// parse_redis_url: the CLI's --redis URL, and the library's, in one place.
#include <charconv>
#include <string>

#include "signet/revocation/redis.h"

namespace signet::revocation {
namespace {

bool parse_int(std::string_view s, int lo, int hi, int& out) noexcept {
  if (s.empty()) return false;
  int v = 0;
  auto r = std::from_chars(s.data(), s.data() + s.size(), v);
  if (r.ec != std::errc() || r.ptr != s.data() + s.size() || v < lo || v > hi) return false;
  out = v;
  return true;
}

}  // namespace

Result<RedisOptions> parse_redis_url(std::string_view url) {
  constexpr std::string_view kRedis = "redis://";
  constexpr std::string_view kUnix = "unix://";
  RedisOptions options;
  if (url.starts_with("rediss://")) return Unexpected(Errc::unsupported, "rediss:// (TLS) is not supported");
  if (url.starts_with(kUnix)) {
    std::string_view rest = url.substr(kUnix.size());
    if (rest.find('@') != std::string_view::npos) {
      return Unexpected(Errc::invalid_argument,
                        "the Redis URL carries credentials; give the password in a file (--redis-password-file)");
    }
    const std::size_t q = rest.find('?');
    std::string_view path = rest.substr(0, q);
    if (path.empty() || path.front() != '/') return Unexpected(Errc::invalid_argument, "a unix:// Redis URL needs an absolute path");
    options.unix_socket = std::string(path);
    if (q != std::string_view::npos) {
      std::string_view query = rest.substr(q + 1);
      if (!query.starts_with("db=") || !parse_int(query.substr(3), 0, 1'000'000, options.db)) {
        return Unexpected(Errc::invalid_argument, "a unix:// Redis URL takes only ?db=N");
      }
    }
    return options;
  }
  if (!url.starts_with(kRedis)) return Unexpected(Errc::invalid_argument, "a Redis URL starts with redis:// or unix://");
  std::string_view rest = url.substr(kRedis.size());
  const std::size_t slash = rest.find('/');
  std::string_view authority = rest.substr(0, slash);
  if (authority.find('@') != std::string_view::npos) {
    return Unexpected(Errc::invalid_argument,
                      "the Redis URL carries credentials; give the password in a file (--redis-password-file)");
  }
  std::string_view host;
  std::string_view port;
  if (authority.starts_with('[')) {
    const std::size_t close = authority.find(']');
    if (close == std::string_view::npos) return Unexpected(Errc::invalid_argument, "the Redis URL's IPv6 host has no ']'");
    host = authority.substr(1, close - 1);
    std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') return Unexpected(Errc::invalid_argument, "the Redis URL's host is malformed");
      port = after.substr(1);
      if (port.empty()) return Unexpected(Errc::invalid_argument, "the Redis URL's port is empty");
    }
  } else {
    const std::size_t colon = authority.find(':');
    host = authority.substr(0, colon);
    if (colon != std::string_view::npos) {
      port = authority.substr(colon + 1);
      if (port.empty()) return Unexpected(Errc::invalid_argument, "the Redis URL's port is empty");
    }
  }
  if (host.empty()) return Unexpected(Errc::invalid_argument, "the Redis URL has no host");
  options.host = std::string(host);
  if (!port.empty()) {
    int p = 0;
    if (!parse_int(port, 1, 65535, p)) return Unexpected(Errc::invalid_argument, "the Redis URL's port is not 1..65535");
    options.port = static_cast<std::uint16_t>(p);
  }
  if (slash != std::string_view::npos) {
    std::string_view db = rest.substr(slash + 1);
    if (!db.empty() && !parse_int(db, 0, 1'000'000, options.db)) {
      return Unexpected(Errc::invalid_argument, "the Redis URL's database is not a number");
    }
  }
  return options;
}

}  // namespace signet::revocation
