// signet django reset-token make|check: Django's password-reset tokens.
//
// The user's fields come as a JSON object on stdin, never as arguments: the
// password hash is a secret (with it, an attacker can try passwords
// offline), so it must not appear in `ps`, shell history or a message.
#include <iostream>

#include "cli.h"
#include "json_input.h"
#include "signet/django.h"
#include "state_commands.h"

namespace signet::cli {

namespace {

constexpr std::string_view kMakeHelp =
    "usage: signet django reset-token make (--key-file F | --key-env VAR) [--algorithm A] [--utc-offset SECONDS]\n"
    "                                      [--no-use-tz] [--key-salt S] [--now EPOCH]\n"
    "\n"
    "Reads the user's fields (JSON object) on stdin and prints Django's make_token(user).\n"
    "  --key-file F        SECRET_KEY is the bytes of F (one trailing newline removed)\n"
    "  --key-env VAR       SECRET_KEY is the value of environment variable VAR\n"
    "  --algorithm A       sha1, sha224, sha256 (default; Django >= 3.1), sha384 or sha512\n"
    "  --utc-offset SECONDS  offset of settings.TIME_ZONE from UTC (east positive; default 0 = UTC):\n"
    "                      Django's token time is datetime.now(), the naive local time\n"
    "  --no-use-tz         settings.USE_TZ = False: an integer last_login is local time, not UTC\n"
    "  --key-salt S        the generator's key_salt (default django.contrib.auth.tokens.PasswordResetTokenGenerator)\n"
    "  --now EPOCH         the current time, seconds since the Unix epoch (default: the system clock)\n";

constexpr std::string_view kCheckHelp =
    "usage: signet django reset-token check (--key-file F | --key-env VAR) [--fallback-key-file F]...\n"
    "                                       [--fallback-key-env VAR]... [--algorithm A] [--timeout SECONDS]\n"
    "                                       [--max-future SECONDS] [--utc-offset SECONDS] [--no-use-tz]\n"
    "                                       [--key-salt S] [--now EPOCH]\n"
    "\n"
    "Reads the user's fields and \"token\" (JSON object) on stdin and runs Django's check_token(user, token).\n"
    "Prints \"valid\", or exits 1 with malformed, bad_signature (the user's state changed, or a wrong\n"
    "key), expired or not_yet_valid on stderr.\n"
    "  --fallback-key-file F, --fallback-key-env VAR   SECRET_KEY_FALLBACKS (repeatable)\n"
    "  --timeout SECONDS   PASSWORD_RESET_TIMEOUT (default 259200, 3 days); expired iff now - ts > timeout\n"
    "  --max-future SECONDS  also reject timestamps further ahead than this (Django has no such check)\n"
    "  other flags as for make\n";

const FlagSpec kKeyFile{"key-file", true, false};
const FlagSpec kKeyEnv{"key-env", true, false};
const FlagSpec kFallbackFile{"fallback-key-file", true, true};
const FlagSpec kFallbackEnv{"fallback-key-env", true, true};
const FlagSpec kAlgorithm{"algorithm", true, false};
const FlagSpec kTimeout{"timeout", true, false};
const FlagSpec kMaxFuture{"max-future", true, false};
const FlagSpec kUtcOffset{"utc-offset", true, false};
const FlagSpec kNoUseTz{"no-use-tz", false, false};
const FlagSpec kKeySalt{"key-salt", true, false};
const FlagSpec kNow{"now", true, false};

// whole_seconds reads an integer number of seconds (Django's settings are ints).
std::chrono::seconds whole_seconds(const std::string& text, std::string_view flag) {
  const auto ns = parse_seconds(text, flag);
  if (ns.count() % 1'000'000'000 != 0) throw UsageError{"--" + std::string(flag) + " needs whole seconds"};
  return std::chrono::duration_cast<std::chrono::seconds>(ns);
}

django::PasswordResetOptions options_from(const Args& args, bool checking) {
  django::PasswordResetOptions o;
  if (auto name = args.get("algorithm")) {
    auto a = django::parse_algorithm(*name);
    if (!a) throw UsageError{"unknown --algorithm '" + *name + "' (sha1, sha224, sha256, sha384, sha512)"};
    o.algorithm = *a;
  }
  if (auto v = args.get("utc-offset")) o.utc_offset = whole_seconds(*v, "utc-offset");
  o.use_tz = !args.has("no-use-tz");
  if (auto v = args.get("key-salt")) o.key_salt = *v;
  if (checking) {
    if (auto v = args.get("timeout")) o.timeout = whole_seconds(*v, "timeout");
    if (auto v = args.get("max-future")) o.max_future = whole_seconds(*v, "max-future");
    o.fallback_keys = load_keys(args, "fallback-key-file", "fallback-key-env");
  }
  return o;
}

django::PasswordResetUser user_from(const InputObject& in) {
  django::PasswordResetUser user;
  user.pk = in.required_text("pk");
  user.password = in.required_text("password");
  user.email = in.text("email").value_or("");
  const JsonField login = in.field("last_login");
  if (const auto* seconds = std::get_if<std::int64_t>(&login)) {
    user.last_login = UnixTime(std::chrono::seconds(*seconds));
  } else if (const auto* text = std::get_if<std::string>(&login)) {
    user.last_login = *text;
  } else if (!std::holds_alternative<JsonNull>(login)) {
    throw UsageError{"stdin: \"last_login\" must be null, a string or integer seconds"};
  }
  return user;
}

const Clock& clock_or_system(const std::optional<FixedClock>& fixed) {
  if (fixed) return *fixed;
  return SystemClock::instance();
}

int make(const std::vector<std::string_view>& argv) {
  const Args args = Args::parse(argv, {kKeyFile, kKeyEnv, kAlgorithm, kUtcOffset, kNoUseTz, kKeySalt, kNow});
  const SecretBytes key = load_key(args, "key-file", "key-env");
  const auto fixed = clock_from(args);
  auto gen = django::PasswordResetTokenGenerator::create(key, options_from(args, false), clock_or_system(fixed));
  if (!gen) return report(gen.error());
  const InputObject in = InputObject::parse(read_stdin(), "stdin", {"pk", "password", "last_login", "email"});
  auto token = gen->make_token(user_from(in));
  if (!token) return report(token.error());
  write_line(*token);
  return kOk;
}

int check(const std::vector<std::string_view>& argv) {
  const Args args = Args::parse(argv, {kKeyFile, kKeyEnv, kFallbackFile, kFallbackEnv, kAlgorithm, kTimeout,
                                       kMaxFuture, kUtcOffset, kNoUseTz, kKeySalt, kNow});
  const SecretBytes key = load_key(args, "key-file", "key-env");
  const auto fixed = clock_from(args);
  auto gen = django::PasswordResetTokenGenerator::create(key, options_from(args, true), clock_or_system(fixed));
  if (!gen) return report(gen.error());
  const InputObject in =
      InputObject::parse(read_stdin(), "stdin", {"pk", "password", "last_login", "email", "token"});
  const std::string token = in.required_text("token");
  auto status = gen->check_token(user_from(in), token);
  if (!status) return report(status.error());
  write_line("valid");
  return kOk;
}

}  // namespace

int run_django_reset_token(const std::vector<std::string_view>& argv) {
  static constexpr Verb kVerbs[] = {{"make", kMakeHelp, make}, {"check", kCheckHelp, check}};
  return dispatch("django reset-token", kResetTokenHelp, kVerbs, argv);
}

}  // namespace signet::cli
