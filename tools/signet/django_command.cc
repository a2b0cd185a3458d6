// signet django dumps|loads|sign|unsign
#include <iostream>

#include "cli.h"
#include "commands.h"
#include "key_ring_cli.h"
#include "revocation_options.h"
#include "signet/django.h"
#include "signet/django/key_ring.h"
#include "state_commands.h"

namespace signet::cli {
namespace {

constexpr std::string_view kDjangoUsage =
    "usage: signet django <verb> [flags]\n"
    "\n"
    "Tokens byte-compatible with Django's django.core.signing.\n"
    "\n"
    "  dumps   stdin: a JSON value    stdout: a signing.dumps token\n"
    "  loads   stdin: a token         stdout: the JSON value (compact)\n"
    "  sign    stdin: text            stdout: the signed text (Signer / TimestampSigner)\n"
    "  unsign  stdin: signed text     stdout: the text\n"
    "  reset-token make|check   password-reset tokens (PasswordResetTokenGenerator); user fields as JSON on stdin\n"
    "\n"
    "Run 'signet django <verb> --help' for the flags of a verb.\n";

constexpr std::string_view kDumpsHelp =
    "usage: signet django dumps (--key-file F | --key-env VAR | --key-ring F) [--salt S] [--algorithm A] [--compress] [--now EPOCH]\n"
    "\n"
    "Reads a JSON value on stdin and prints Django's signing.dumps token for it.\n"
    "  --key-file F     the secret key is the bytes of F (one trailing newline removed)\n"
    "  --key-env VAR    the secret key is the value of environment variable VAR\n"
    "  --key-ring F     sign with the active key of the key ring F ('signet key ring --help')\n"
    "  --salt S         salt (default django.core.signing)\n"
    "  --algorithm A    sha1, sha224, sha256 (default), sha384 or sha512\n"
    "  --compress       zlib-compress the payload when that makes it shorter\n"
    "  --now EPOCH      timestamp to sign at, seconds since the epoch (default: now)\n";

constexpr std::string_view kLoadsHelp =
    "usage: signet django loads (--key-file F | --key-env VAR | --key-ring F) [--fallback-key-file F]... [--fallback-key-env VAR]...\n"
    "                          [--salt S] [--algorithm A] [--max-age SECONDS] [--max-future SECONDS] [--max-inflate BYTES]\n"
    "                          [--now EPOCH] [--redis URL [--redis-password-file F] [--redis-fail-open]]\n"
    "\n"
    "Reads a signing.dumps token on stdin, verifies it and prints its JSON value.\n"
    "  --fallback-key-file F, --fallback-key-env VAR   older keys that still verify (repeatable)\n"
    "  --key-ring F         the ring's active key, then its verify-only keys in ring order\n"
    "  --max-age SECONDS    reject tokens older than this (fractions allowed)\n"
    "  --max-future SECONDS reject timestamps further than this in the future (Django has no such check)\n"
    "  --max-inflate BYTES  cap on the inflated size of a compressed payload (default 1048576)\n"
    "  --now EPOCH          the current time, seconds since the epoch (default: the system clock)\n"
    "  --redis URL          refuse revoked tokens (see signet revoke --help); Redis down: exit 3,\n"
    "                       or accept unchecked with --redis-fail-open\n"
    "Exit 1 when the token is rejected; stderr then starts with the error code.\n";

constexpr std::string_view kSignHelp =
    "usage: signet django sign (--key-file F | --key-env VAR | --key-ring F) [--salt S] [--sep C] [--algorithm A] [--timestamp] [--now EPOCH]\n"
    "\n"
    "Reads text on stdin and prints it signed by Django's Signer (TimestampSigner with --timestamp).\n"
    "  --salt S       salt (default django.core.signing.Signer, or django.core.signing.TimestampSigner)\n"
    "  --sep C        separator (default ':'); Django's unsafe separators are refused\n"
    "  --timestamp    append a base62 timestamp before signing\n";

constexpr std::string_view kUnsignHelp =
    "usage: signet django unsign (--key-file F | --key-env VAR | --key-ring F) [--fallback-key-file F]... [--fallback-key-env VAR]...\n"
    "                           [--salt S] [--sep C] [--algorithm A] [--timestamp] [--max-age SECONDS]\n"
    "                           [--max-future SECONDS] [--now EPOCH] [--redis URL [--redis-password-file F] [--redis-fail-open]]\n"
    "\n"
    "Reads signed text on stdin, verifies it and prints the text.\n"
    "  --timestamp        the text was signed by a TimestampSigner\n"
    "  --max-age SECONDS  with --timestamp: reject signatures older than this\n"
    "  --max-future SECONDS  with --timestamp: reject timestamps further in the future\n"
    "  --redis URL        refuse revoked tokens (see signet revoke --help)\n";

const FlagSpec kKeyFile{"key-file", true, false};
const FlagSpec kKeyEnv{"key-env", true, false};
const FlagSpec kFallbackFile{"fallback-key-file", true, true};
const FlagSpec kFallbackEnv{"fallback-key-env", true, true};
const FlagSpec kKeyRing{"key-ring", true, false};
const FlagSpec kSalt{"salt", true, false};
const FlagSpec kSep{"sep", true, false};
const FlagSpec kAlgorithm{"algorithm", true, false};
const FlagSpec kCompress{"compress", false, false};
const FlagSpec kTimestamp{"timestamp", false, false};
const FlagSpec kMaxAge{"max-age", true, false};
const FlagSpec kMaxFuture{"max-future", true, false};
const FlagSpec kMaxInflate{"max-inflate", true, false};
const FlagSpec kNow{"now", true, false};

django::Algorithm algorithm_from(const Args& args) {
  const auto name = args.get("algorithm");
  if (!name) return django::Algorithm::sha256;
  auto algorithm = django::parse_algorithm(*name);
  if (!algorithm) throw UsageError{"unknown --algorithm '" + *name + "' (sha1, sha224, sha256, sha384, sha512)"};
  return *algorithm;
}

// The keys of --key-ring F at --now (or the system clock): the active key
// and the verify-only keys in ring order, as SECRET_KEY and
// SECRET_KEY_FALLBACKS. Throws UsageError for an unusable ring or a key flag
// given with it.
django::KeyRing::RingKeys ring_keys(const Args& args) {
  const std::string path = *args.get("key-ring");
  if (args.has("key-file") || args.has("key-env") || args.has("fallback-key-file") || args.has("fallback-key-env")) {
    throw UsageError{"give either --key-ring or key flags, not both"};
  }
  const auto fixed = clock_from(args);
  auto keys = load_ring<django::KeyRing>(path).keys(fixed ? static_cast<const Clock&>(*fixed) : SystemClock::instance());
  if (!keys) throw ring_error(path, keys.error());
  return std::move(*keys);
}

// The signing key: the ring's active key, or --key-file / --key-env.
SecretBytes main_key(const Args& args) {
  if (args.has("key-ring")) return std::move(ring_keys(args).key);
  return load_key(args, "key-file", "key-env");
}

// Signer options from the flags; `salt` is the default when --salt is absent.
django::SignerOptions signer_options(const Args& args, std::string_view default_salt, bool with_fallbacks) {
  django::SignerOptions options;
  options.salt = args.get("salt").value_or(std::string(default_salt));
  if (auto sep = args.get("sep")) options.sep = *sep;
  options.algorithm = algorithm_from(args);
  if (with_fallbacks) {
    options.fallback_keys = args.has("key-ring") ? std::move(ring_keys(args).fallback_keys)
                                                 : load_keys(args, "fallback-key-file", "fallback-key-env");
  }
  return options;
}

django::UnsignOptions unsign_options(const Args& args) {
  django::UnsignOptions options;
  if (auto v = args.get("max-age")) options.max_age = parse_seconds(*v, "max-age");
  if (auto v = args.get("max-future")) options.max_future = parse_seconds(*v, "max-future");
  if (auto v = args.get("max-inflate")) options.max_inflate = parse_size(*v, "max-inflate");
  options.revocation = revocation_from(args);
  return options;
}

const Clock& clock_or_system(const std::optional<FixedClock>& fixed) {
  if (fixed) return *fixed;
  return SystemClock::instance();
}

int dumps(const std::vector<std::string_view>& argv) {
  const Args args = Args::parse(argv, {kKeyFile, kKeyEnv, kKeyRing, kSalt, kAlgorithm, kCompress, kNow});
  const SecretBytes key = main_key(args);
  const auto fixed = clock_from(args);
  auto signer = django::TimestampSigner::create(key, signer_options(args, django::kDumpsSalt, false),
                                                clock_or_system(fixed));
  if (!signer) return report(signer.error());
  const std::string input = read_stdin();
  auto token = signer->sign_object(input, {.compress = args.has("compress")});
  if (!token) return report(token.error());
  write_line(*token);
  return kOk;
}

int loads(const std::vector<std::string_view>& argv) {
  const Args args = Args::parse(argv, with_revocation_flags({kKeyFile, kKeyEnv, kKeyRing, kFallbackFile, kFallbackEnv, kSalt,
                                                             kAlgorithm, kMaxAge, kMaxFuture, kMaxInflate, kNow}));
  const SecretBytes key = main_key(args);
  const auto fixed = clock_from(args);
  auto signer = django::TimestampSigner::create(key, signer_options(args, django::kDumpsSalt, true),
                                                clock_or_system(fixed));
  if (!signer) return report(signer.error());
  const django::UnsignOptions options = unsign_options(args);
  const std::string input = read_stdin();
  auto value = signer->unsign_object(input, options);
  if (!value) return report(value.error());
  write_line(*value);
  return kOk;
}

int sign(const std::vector<std::string_view>& argv) {
  const Args args = Args::parse(argv, {kKeyFile, kKeyEnv, kKeyRing, kSalt, kSep, kAlgorithm, kTimestamp, kNow});
  const SecretBytes key = main_key(args);
  const auto fixed = clock_from(args);
  const std::string input = read_stdin();
  if (args.has("timestamp")) {
    auto signer = django::TimestampSigner::create(key, signer_options(args, django::kTimestampSignerSalt, false),
                                                  clock_or_system(fixed));
    if (!signer) return report(signer.error());
    write_line(signer->sign(input));
    return kOk;
  }
  auto signer = django::Signer::create(key, signer_options(args, django::kSignerSalt, false));
  if (!signer) return report(signer.error());
  write_line(signer->sign(input));
  return kOk;
}

int unsign(const std::vector<std::string_view>& argv) {
  const Args args = Args::parse(argv, with_revocation_flags({kKeyFile, kKeyEnv, kKeyRing, kFallbackFile, kFallbackEnv, kSalt,
                                                             kSep, kAlgorithm, kTimestamp, kMaxAge, kMaxFuture, kNow}));
  const SecretBytes key = main_key(args);
  const auto fixed = clock_from(args);
  const std::string input = read_stdin();
  if (args.has("timestamp")) {
    auto signer = django::TimestampSigner::create(key, signer_options(args, django::kTimestampSignerSalt, true),
                                                  clock_or_system(fixed));
    if (!signer) return report(signer.error());
    auto value = signer->unsign(input, unsign_options(args));
    if (!value) return report(value.error());
    write_line(*value);
    return kOk;
  }
  if (args.has("max-age") || args.has("max-future")) {
    throw UsageError{"--max-age and --max-future need --timestamp"};
  }
  auto signer = django::Signer::create(key, signer_options(args, django::kSignerSalt, true));
  if (!signer) return report(signer.error());
  const auto revocation = revocation_from(args);
  auto value = signer->unsign(input);
  if (!value) return report(value.error());
  if (revocation) {
    // A plain Signer has no options to carry the list: check its signature here.
    const revocation::TokenFacts facts{.issuer = revocation::kDjangoIssuer,
                                       .token_id = std::string_view(input).substr(value->size() + signer->sep().size())};
    if (auto ok = revocation->check(facts); !ok) return report(ok.error());
  }
  write_line(*value);
  return kOk;
}

}  // namespace

int run_django(const std::vector<std::string_view>& argv) {
  static constexpr Verb kVerbs[] = {{"dumps", kDumpsHelp, dumps}, {"loads", kLoadsHelp, loads}, {"sign", kSignHelp, sign}, {"unsign", kUnsignHelp, unsign}, {"reset-token", kResetTokenHelp, run_django_reset_token}};
  return dispatch("django", kDjangoUsage, kVerbs, argv);
}

}  // namespace signet::cli
