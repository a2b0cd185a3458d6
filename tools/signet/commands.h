// The subcommand groups of the signet CLI; one file each.
#ifndef SIGNET_TOOLS_SIGNET_COMMANDS_H_
#define SIGNET_TOOLS_SIGNET_COMMANDS_H_

#include <string_view>
#include <vector>

namespace signet::cli {

// run_django runs `signet django VERB ...` and returns the exit status.
int run_django(const std::vector<std::string_view>& argv);
// run_jwt runs `signet jwt VERB ...`.
int run_jwt(const std::vector<std::string_view>& argv);
// run_key runs `signet key VERB ...`.
int run_key(const std::vector<std::string_view>& argv);

}  // namespace signet::cli

#endif  // SIGNET_TOOLS_SIGNET_COMMANDS_H_
