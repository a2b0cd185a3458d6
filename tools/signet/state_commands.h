// Commands for tokens bound to user state: `signet django reset-token ...`
// (Django's password-reset tokens) and `signet state ...` (StateBoundSigner).
#ifndef SIGNET_TOOLS_SIGNET_STATE_COMMANDS_H_
#define SIGNET_TOOLS_SIGNET_STATE_COMMANDS_H_

#include <string_view>
#include <vector>

namespace signet::cli {

// kResetTokenHelp is the help of the `reset-token` verb of `signet django`.
inline constexpr const std::string_view kResetTokenHelp =
    "usage: signet django reset-token <make|check> [flags]\n"
    "\n"
    "Password-reset tokens byte-compatible with Django's PasswordResetTokenGenerator\n"
    "(django.contrib.auth.tokens). The user's fields are a JSON object on stdin:\n"
    "  {\"pk\": 42, \"password\": \"pbkdf2_sha256$...\", \"last_login\": \"2026-11-29 03:46:14\", \"email\": \"a@example.com\"}\n"
    "  pk          string, or integer (written as Python's str(int))\n"
    "  password    the stored password hash (user.password); required\n"
    "  last_login  null or absent (never logged in); a string used verbatim, as Django's\n"
    "              str(last_login.replace(microsecond=0, tzinfo=None)); or integer seconds\n"
    "              since the Unix epoch, formatted as Django does (UTC; local with --no-use-tz)\n"
    "  email       the EMAIL_FIELD value; null or absent: \"\"\n"
    "  token       (check only) the token to check\n"
    "\n"
    "  make    stdout: the token\n"
    "  check   stdout: \"valid\"; exit 1 with `code: detail` on stderr otherwise\n"
    "\n"
    "Run 'signet django reset-token <make|check> --help' for the flags.\n";
// run_django_reset_token runs `signet django reset-token make|check ...`.
int run_django_reset_token(const std::vector<std::string_view>& argv);
// run_state runs `signet state sign|verify|fingerprint ...`.
int run_state(const std::vector<std::string_view>& argv);

}  // namespace signet::cli

#endif  // SIGNET_TOOLS_SIGNET_STATE_COMMANDS_H_
