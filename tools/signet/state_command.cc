// signet state sign|verify|fingerprint: tokens bound to user state
// (signet::StateBoundSigner) and state fingerprints for JWT/PASETO claims.
// Subject and state come as JSON on stdin: state fields (password hashes,
// versions) are sensitive and never belong on a command line.
#include <iostream>

#include "cli.h"
#include "json_input.h"
#include "signet/state_bound.h"
#include "state_commands.h"

namespace signet::cli {
namespace {

constexpr std::string_view kStateUsage =
    "usage: signet state <verb> [flags]\n"
    "\n"
    "Tokens bound to user state: changing any state field (password hash, last login,\n"
    "a per-user version) invalidates every token issued before. Nothing is stored.\n"
    "\n"
    "  sign         stdin: {\"subject\": \"42\", \"state\": [\"...\", ...], \"payload\": \"...\"}   stdout: the token\n"
    "  verify       stdin: {\"token\": \"...\", \"subject\": \"42\", \"state\": [...]}         stdout: the payload\n"
    "  fingerprint  stdin: {\"state\": [...]}   stdout: a 22-character tag for a JWT/PASETO claim\n"
    "\n"
    "Keys must be at least 32 bytes. Run 'signet state <verb> --help' for the flags.\n";

constexpr std::string_view kSignHelp =
    "usage: signet state sign (--key-file F | --key-env VAR) --purpose P [--now EPOCH]\n"
    "\n"
    "Reads {\"subject\": S, \"state\": [FIELD, ...], \"payload\": TEXT} on stdin (payload optional;\n"
    "integers are written in decimal) and prints a state-bound token.\n"
    "  --purpose P     what the token is for (\"password-reset\"); a token never verifies for another purpose\n"
    "  --now EPOCH     the issue time, seconds since the Unix epoch (default: the system clock)\n";

constexpr std::string_view kVerifyHelp =
    "usage: signet state verify (--key-file F | --key-env VAR) [--fallback-key-file F]... [--fallback-key-env VAR]...\n"
    "                           --purpose P --max-age SECONDS [--max-future SECONDS] [--now EPOCH]\n"
    "\n"
    "Reads {\"token\": T, \"subject\": S, \"state\": [FIELD, ...]} on stdin, with the user's CURRENT\n"
    "state, and prints the token's payload. Exit 1 (malformed, bad_signature: the state changed,\n"
    "expired, not_yet_valid) otherwise.\n"
    "  --max-age SECONDS     lifetime; expired iff now - issued_at > max-age (required)\n"
    "  --max-future SECONDS  tolerated clock skew for tokens issued ahead of now (default 30)\n";

constexpr std::string_view kFingerprintHelp =
    "usage: signet state fingerprint (--key-file F | --key-env VAR) --purpose P\n"
    "\n"
    "Reads {\"state\": [FIELD, ...]} on stdin (put the user id first) and prints the state fingerprint\n"
    "to carry in a token claim; with \"fingerprint\": F in the input it checks F instead and exits 1\n"
    "(revoked) when the state changed.\n";

const FlagSpec kKeyFile{"key-file", true, false};
const FlagSpec kKeyEnv{"key-env", true, false};
const FlagSpec kFallbackFile{"fallback-key-file", true, true};
const FlagSpec kFallbackEnv{"fallback-key-env", true, true};
const FlagSpec kPurpose{"purpose", true, false};
const FlagSpec kMaxAge{"max-age", true, false};
const FlagSpec kMaxFuture{"max-future", true, false};
const FlagSpec kNow{"now", true, false};

std::chrono::seconds whole_seconds(const std::string& text, std::string_view flag) {
  const auto ns = parse_seconds(text, flag);
  if (ns.count() % 1'000'000'000 != 0) throw UsageError{"--" + std::string(flag) + " needs whole seconds"};
  return std::chrono::duration_cast<std::chrono::seconds>(ns);
}

std::string purpose_of(const Args& args) {
  auto p = args.get("purpose");
  if (!p) throw UsageError{"--purpose is required"};
  return *p;
}

std::vector<std::string_view> views(const std::vector<std::string>& items) { return {items.begin(), items.end()}; }

const Clock& clock_or_system(const std::optional<FixedClock>& fixed) {
  if (fixed) return *fixed;
  return SystemClock::instance();
}

int sign(const std::vector<std::string_view>& argv) {
  const Args args = Args::parse(argv, {kKeyFile, kKeyEnv, kPurpose, kNow});
  const SecretBytes key = load_key(args, "key-file", "key-env");
  StateBoundOptions o;
  o.purpose = purpose_of(args);
  o.max_age = std::chrono::seconds(1);  // not used for signing
  const auto fixed = clock_from(args);
  auto signer = StateBoundSigner::create(key, o, clock_or_system(fixed));
  if (!signer) return report(signer.error());
  const InputObject in = InputObject::parse(read_stdin(), "stdin", {"subject", "state", "payload"});
  const std::vector<std::string> state = in.list("state");
  auto token = signer->sign(in.required_text("subject"), views(state), in.text("payload").value_or(""));
  if (!token) return report(token.error());
  write_line(*token);
  return kOk;
}

int verify(const std::vector<std::string_view>& argv) {
  const Args args =
      Args::parse(argv, {kKeyFile, kKeyEnv, kFallbackFile, kFallbackEnv, kPurpose, kMaxAge, kMaxFuture, kNow});
  const SecretBytes key = load_key(args, "key-file", "key-env");
  StateBoundOptions o;
  o.purpose = purpose_of(args);
  const auto max_age = args.get("max-age");
  if (!max_age) throw UsageError{"--max-age is required"};
  o.max_age = whole_seconds(*max_age, "max-age");
  if (auto v = args.get("max-future")) o.max_future = whole_seconds(*v, "max-future");
  o.fallback_keys = load_keys(args, "fallback-key-file", "fallback-key-env");
  const auto fixed = clock_from(args);
  auto signer = StateBoundSigner::create(key, o, clock_or_system(fixed));
  if (!signer) return report(signer.error());
  const InputObject in = InputObject::parse(read_stdin(), "stdin", {"token", "subject", "state"});
  const std::vector<std::string> state = in.list("state");
  auto verified = signer->verify(in.required_text("token"), in.required_text("subject"), views(state));
  if (!verified) return report(verified.error());
  write_line(verified->payload);
  return kOk;
}

int fingerprint(const std::vector<std::string_view>& argv) {
  const Args args = Args::parse(argv, {kKeyFile, kKeyEnv, kPurpose});
  const SecretBytes key = load_key(args, "key-file", "key-env");
  const std::string purpose = purpose_of(args);
  const InputObject in = InputObject::parse(read_stdin(), "stdin", {"state", "fingerprint"});
  const std::vector<std::string> state = in.list("state");
  if (auto claimed = in.text("fingerprint")) {
    auto status = check_state_fingerprint(key, purpose, views(state), *claimed);
    if (!status) return report(status.error());
    write_line("valid");
    return kOk;
  }
  auto fp = state_fingerprint(key, purpose, views(state));
  if (!fp) return report(fp.error());
  write_line(*fp);
  return kOk;
}

}  // namespace

int run_state(const std::vector<std::string_view>& argv) {
  static constexpr Verb kVerbs[] = {
      {"sign", kSignHelp, sign}, {"verify", kVerifyHelp, verify}, {"fingerprint", kFingerprintHelp, fingerprint}};
  return dispatch("state", kStateUsage, kVerbs, argv);
}

}  // namespace signet::cli
