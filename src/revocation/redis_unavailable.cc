// Built instead of redis.cc when signet has no hiredis: the API exists, and
// says so.
#include "signet/revocation/redis.h"

namespace signet::revocation {

struct RedisRevocationList::Impl {};

Result<std::shared_ptr<RedisRevocationList>> RedisRevocationList::connect(RedisOptions) {
  return Unexpected(Errc::unsupported, "signet was built without Redis support (hiredis)");
}

RedisRevocationList::RedisRevocationList(std::unique_ptr<Impl> impl) noexcept : impl_(std::move(impl)) {}
RedisRevocationList::~RedisRevocationList() = default;
Status RedisRevocationList::revoke_token(std::string_view, std::string_view, UnixTime) {
  return Unexpected(Errc::unsupported, "no Redis support");
}
Status RedisRevocationList::revoke_subject(std::string_view, std::string_view, UnixTime, UnixTime) {
  return Unexpected(Errc::unsupported, "no Redis support");
}
Status RedisRevocationList::check(const TokenFacts&) const noexcept {
  return Unexpected(Errc::unsupported, "no Redis support");
}
Result<std::size_t> RedisRevocationList::purge() { return std::size_t{0}; }
Status RedisRevocationList::ping() const noexcept { return Unexpected(Errc::unsupported, "no Redis support"); }

}  // namespace signet::revocation
