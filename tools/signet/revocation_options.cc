#include "revocation_options.h"

#include "signet/revocation/redis.h"

namespace signet::cli {

std::vector<FlagSpec> with_revocation_flags(std::vector<FlagSpec> specs) {
  specs.push_back({"redis", true, false});
  specs.push_back({"redis-password-file", true, false});
  specs.push_back({"redis-password-env", true, false});
  specs.push_back({"redis-fail-open", false, false});
  return specs;
}

std::shared_ptr<revocation::RevocationList> revocation_from(const Args& args, const Clock* clock) {
  const auto url = args.get("redis");
  if (!url) {
    if (args.has("redis-password-file") || args.has("redis-password-env") || args.has("redis-fail-open")) {
      throw UsageError{"the --redis-* flags need --redis URL"};
    }
    return nullptr;
  }
  // The URL is never repeated in a message: it may carry a password.
  auto options = revocation::parse_redis_url(*url);
  if (!options) throw UsageError{"--redis: " + std::string(options.error().detail())};
  auto passwords = load_keys(args, "redis-password-file", "redis-password-env");
  if (passwords.size() > 1) throw UsageError{"give either --redis-password-file or --redis-password-env, not both"};
  if (!passwords.empty()) options->password = std::move(passwords.front());
  if (args.has("redis-fail-open")) options->failure_policy = revocation::FailurePolicy::fail_open;
  options->clock = clock;
  auto list = revocation::RedisRevocationList::connect(std::move(*options));
  if (!list) throw UsageError{"--redis: " + std::string(list.error().detail())};
  return *list;
}

}  // namespace signet::cli
