// signet: issue and verify stateless signed tokens from the command line.
#include <exception>
#include <iostream>
#include <string_view>
#include <vector>

#include "cli.h"
#include "commands.h"
#include "signet/version.h"
#include "state_commands.h"

namespace {

constexpr std::string_view kUsage =
    "usage: signet <format> <verb> [flags]   (data on stdin, result on stdout)\n"
    "\n"
    "formats:\n"
    "  django   dumps | loads | sign | unsign   tokens compatible with django.core.signing\n"
    "  itsdangerous dumps | loads | sign | unsign   tokens compatible with itsdangerous (Flask)\n"
    "  jwt      sign | verify | inspect          JSON Web Tokens (JWS compact serialization)\n"
    "  key      generate | public | thumbprint   JWT keys (JWK and PEM) and PASETO keys (PASERK)\n"
    "  paseto   encrypt | decrypt | sign | verify | id   PASETO v4.local and v4.public tokens\n"
    "  state    sign | verify | fingerprint      tokens bound to user state (django reset-token: Django's)\n"
    "  revoke   jti | subject | django | itsdangerous   withdraw tokens in a shared Redis revocation list\n"
    "\n"
    "Secrets come only from --key-file F or --key-env VAR, never from an argument.\n"
    "Exit status: 0 success, 1 token rejected, 2 usage or configuration error, 3 internal error.\n"
    "Run 'signet <format> --help' or 'signet <format> <verb> --help' for details.\n";

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string_view> args(argv + 1, argv + argc);
  try {
    if (args.empty()) {
      std::cerr << kUsage;
      return signet::cli::kUsage;
    }
    const std::string_view format = args.front();
    const std::vector<std::string_view> rest(args.begin() + 1, args.end());
    if (format == "--help" || format == "-h" || format == "help") {
      std::cout << kUsage;
      return signet::cli::kOk;
    }
    if (format == "--version") {
      std::cout << "signet " << signet::version() << '\n';
      return signet::cli::kOk;
    }
    if (format == "django") return signet::cli::run_django(rest);
    if (format == "itsdangerous") return signet::cli::run_itsdangerous(rest);
    if (format == "jwt") return signet::cli::run_jwt(rest);
    if (format == "key") return signet::cli::run_key(rest);
    if (format == "paseto") return signet::cli::run_paseto(rest);
    if (format == "revoke") return signet::cli::run_revoke(rest);
    if (format == "state") return signet::cli::run_state(rest);
    std::cerr << "signet: unknown format '" << format << "'\n" << kUsage;
    return signet::cli::kUsage;
  } catch (const signet::cli::HelpRequested&) {
    std::cout << kUsage;
    return signet::cli::kOk;
  } catch (const signet::cli::UsageError& e) {
    std::cerr << "usage: " << e.message << " (see --help)\n";
    return signet::cli::kUsage;
  } catch (const std::exception& e) {
    std::cerr << "internal: " << e.what() << '\n';
    return signet::cli::kInternal;
  }
}
