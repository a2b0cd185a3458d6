// The subcommand groups of the signet CLI; one file each.
#ifndef SIGNET_TOOLS_SIGNET_COMMANDS_H_
#define SIGNET_TOOLS_SIGNET_COMMANDS_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "signet/bytes.h"

namespace signet::cli {

// run_django runs `signet django VERB ...` and returns the exit status.
int run_django(const std::vector<std::string_view>& argv);
// run_itsdangerous runs `signet itsdangerous VERB ...`.
int run_itsdangerous(const std::vector<std::string_view>& argv);
// run_jwt runs `signet jwt VERB ...`.
int run_jwt(const std::vector<std::string_view>& argv);
// run_key runs `signet key VERB ...`.
int run_key(const std::vector<std::string_view>& argv);
// run_key_ring runs `signet key ring VERB ...` (key_ring_command.cc).
int run_key_ring(const std::vector<std::string_view>& argv);
// run_paseto runs `signet paseto VERB ...`.
int run_paseto(const std::vector<std::string_view>& argv);
// run_revoke runs `signet revoke VERB ...` (revoke_command.cc).
int run_revoke(const std::vector<std::string_view>& argv);
// generate_paseto_key serves `signet key generate --paseto v4.local|v4.public`:
// writes a new k4.local or k4.secret key to `out` (stdout when empty).
int generate_paseto_key(std::string_view version_purpose, const std::string& out);
// paseto_public_key serves `signet key public` for a PASERK key file: prints
// the k4.public key of a k4.secret key and returns the exit status, or
// nullopt when `material` is not a PASERK string. Throws UsageError when
// `other_flags` (--alg/--format, meaningless for PASERK) were given.
std::optional<int> paseto_public_key(const SecretBytes& material, bool other_flags);

}  // namespace signet::cli

#endif  // SIGNET_TOOLS_SIGNET_COMMANDS_H_
