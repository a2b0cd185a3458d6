// The revocation flags shared by every verify command (--redis URL,
// --redis-password-file F, --redis-password-env VAR, --redis-fail-open) and
// by `signet revoke`.
#ifndef SIGNET_TOOLS_SIGNET_REVOCATION_OPTIONS_H_
#define SIGNET_TOOLS_SIGNET_REVOCATION_OPTIONS_H_

#include <memory>
#include <string_view>
#include <vector>

#include "cli.h"
#include "signet/revocation.h"

namespace signet::cli {

// kRedisHelp documents the flags, for the verify commands' --help.
inline constexpr std::string_view kRedisHelp =
    "  --redis URL          refuse tokens revoked in this Redis (redis://HOST[:PORT][/DB] or unix:///PATH[?db=N])\n"
    "  --redis-password-file F, --redis-password-env VAR   the Redis password (never in the URL)\n"
    "  --redis-fail-open    accept tokens unchecked when Redis cannot answer (default: refuse, exit 3)\n";

// with_revocation_flags returns `specs` plus the --redis flags.
std::vector<FlagSpec> with_revocation_flags(std::vector<FlagSpec> specs);

// revocation_from connects to the list named by --redis; nullptr when the
// flag is absent. Throws UsageError for a malformed URL, a URL carrying a
// password, an unreadable password file, a server that refuses the
// handshake, or a --redis-* flag without --redis. An unreachable server is
// not an error here: checks then fail per the policy (exit 3, or accepted).
// `clock` (nullptr: the system clock) must outlive the list.
std::shared_ptr<revocation::RevocationList> revocation_from(const Args& args, const Clock* clock = nullptr);

}  // namespace signet::cli

#endif  // SIGNET_TOOLS_SIGNET_REVOCATION_OPTIONS_H_
