// signet revoke jti|subject|django|itsdangerous: write to a shared revocation list (Redis).
#include <chrono>
#include <cstdint>
#include <iostream>
#include <limits>
#include <optional>

#include "cli.h"
#include "commands.h"
#include "revocation_options.h"
#include "signet/revocation.h"

namespace signet::cli {
namespace {

constexpr std::string_view kRevokeUsage =
    "usage: signet revoke <verb> ... --redis URL [--redis-password-file F | --redis-password-env VAR]\n"
    "\n"
    "Withdraw tokens before they expire, in a Redis revocation list that every\n"
    "`signet ... verify --redis URL` (and every signet verifier given that list) consults.\n"
    "\n"
    "  jti JTI       one JWT/PASETO token, by its jti (and iss), until it expires\n"
    "  subject SUB   every token of a subject issued before a cutoff (\"log out everywhere\")\n"
    "  django        one Django token (read on stdin), by its signature\n"
    "  itsdangerous  one itsdangerous token (read on stdin), by its signature\n"
    "\n"
    "Times are seconds since the epoch. Entries also outlive their end by 600 s, the\n"
    "largest leeway a verifier allows. Nothing is printed on success.\n"
    "Run 'signet revoke <verb> --help' for the flags of a verb.\n";

constexpr std::string_view kJtiHelp =
    "usage: signet revoke jti JTI --until EPOCH [--iss ISS] --redis URL [--redis-password-file F] [--now EPOCH]\n"
    "\n"
    "Refuses the token whose jti is JTI (and whose iss is ISS; none: tokens without iss)\n"
    "until EPOCH, normally the token's exp.\n";

constexpr std::string_view kSubjectHelp =
    "usage: signet revoke subject SUB --keep-until EPOCH [--before EPOCH] [--iss ISS] --redis URL\n"
    "                             [--redis-password-file F] [--now EPOCH]\n"
    "\n"
    "Refuses every token of subject SUB (sub claim) issued before --before (default: now),\n"
    "and every token of SUB without iat. --keep-until: when the cutoff may be dropped, at\n"
    "least --before plus the longest lifetime of your tokens.\n";

constexpr std::string_view kDjangoHelp =
    "usage: signet revoke django (--until EPOCH | --max-age SECONDS) [--sep C] --redis URL\n"
    "                            [--redis-password-file F] [--now EPOCH]\n"
    "\n"
    "Reads a Django token on stdin and refuses it by its signature (the text after the last\n"
    "separator). --max-age: the max_age your loads/unsign use; the token is then refused until\n"
    "its timestamp + max-age. A token without a timestamp (plain Signer) never expires by\n"
    "itself: give --until.\n";

constexpr std::string_view kItsdangerousHelp =
    "usage: signet revoke itsdangerous (--until EPOCH | --max-age SECONDS) [--sep S] --redis URL\n"
    "                                  [--redis-password-file F] [--now EPOCH]\n"
    "\n"
    "Reads an itsdangerous token on stdin and refuses it by its signature (the text after the\n"
    "last separator, default '.'). --max-age: the max_age your loads/unsign use; the token is\n"
    "then refused until its timestamp + max-age. A token of a Signer or of an untimed serializer\n"
    "has no timestamp and never expires by itself: give --until.\n";

const FlagSpec kUntil{"until", true, false};
const FlagSpec kIss{"iss", true, false};
const FlagSpec kBefore{"before", true, false};
const FlagSpec kKeepUntil{"keep-until", true, false};
const FlagSpec kMaxAge{"max-age", true, false};
const FlagSpec kSep{"sep", true, false};
const FlagSpec kNow{"now", true, false};

UnixTime epoch_flag(const Args& args, std::string_view flag) {
  const auto v = args.get(flag);
  if (!v) throw UsageError{"--" + std::string(flag) + " EPOCH is required"};
  return UnixTime(parse_seconds(*v, flag));
}

// Splits `ID --flags...`: the id comes first, as in `signet revoke jti ID`.
std::pair<std::string, std::vector<std::string_view>> take_id(const std::vector<std::string_view>& argv,
                                                                std::string_view what) {
  if (argv.empty() || argv.front().starts_with("-")) {
    if (is_help(argv)) throw HelpRequested{};
    throw UsageError{std::string(what) + " is required first"};
  }
  return {std::string(argv.front()), std::vector<std::string_view>(argv.begin() + 1, argv.end())};
}

std::shared_ptr<revocation::RevocationList> list_from(const Args& args, const std::optional<FixedClock>& fixed) {
  if (args.has("redis-fail-open")) throw UsageError{"--redis-fail-open applies to verifying, not to revoking"};
  auto list = revocation_from(args, fixed ? &*fixed : nullptr);
  if (!list) throw UsageError{"--redis URL is required"};
  return list;
}

int revoke_jti(const std::vector<std::string_view>& argv) {
  auto [id, rest] = take_id(argv, "the jti");
  const Args args = Args::parse(rest, with_revocation_flags({kUntil, kIss, kNow}));
  const UnixTime until = epoch_flag(args, "until");
  const auto fixed = clock_from(args);
  auto list = list_from(args, fixed);
  if (auto ok = list->revoke_token(args.get("iss").value_or(""), id, until); !ok) return report(ok.error());
  return kOk;
}

int revoke_subject(const std::vector<std::string_view>& argv) {
  auto [subject, rest] = take_id(argv, "the subject");
  const Args args = Args::parse(rest, with_revocation_flags({kBefore, kKeepUntil, kIss, kNow}));
  const auto fixed = clock_from(args);
  const UnixTime before = args.has("before") ? epoch_flag(args, "before")
                                             : (fixed ? fixed->now() : SystemClock::instance().now());
  const UnixTime keep_until = epoch_flag(args, "keep-until");
  if (keep_until < before) throw UsageError{"--keep-until is before --before: the cutoff would lapse at once"};
  auto list = list_from(args, fixed);
  if (auto ok = list->revoke_subject(args.get("iss").value_or(""), subject, before, keep_until); !ok) {
    return report(ok.error());
  }
  return kOk;
}

// Decodes Django's base62 timestamp (0-9A-Za-z, optional leading '-').
// Values beyond int64 saturate: such a token is refused by every signet
// verifier, and Django's own age check would call it far in the future or past.
std::optional<std::int64_t> base62(std::string_view s) {
  bool negative = false;
  if (!s.empty() && s.front() == '-') {
    negative = true;
    s.remove_prefix(1);
  }
  if (s.empty() || s.size() > 11) return std::nullopt;
  std::int64_t v = 0;
  bool saturated = false;
  for (char c : s) {
    int d;
    if (c >= '0' && c <= '9') d = c - '0';
    else if (c >= 'A' && c <= 'Z') d = c - 'A' + 10;
    else if (c >= 'a' && c <= 'z') d = c - 'a' + 36;
    else return std::nullopt;
    saturated = saturated || __builtin_mul_overflow(v, 62, &v) || __builtin_add_overflow(v, d, &v);
  }
  if (saturated) v = std::numeric_limits<std::int64_t>::max();
  return negative ? -v : v;
}

// Decodes itsdangerous's timestamp field: the unpadded base64url of the
// big-endian seconds without leading zero bytes (empty for 0), at most 8
// bytes. Only the spelling itsdangerous writes (and signet's verifiers
// accept) is taken; anything else means "no timestamp here".
std::optional<std::uint64_t> its_timestamp(std::string_view s) {
  if (s.size() > 11 || s.size() % 4 == 1) return std::nullopt;
  std::uint64_t bits = 0;  // the bits not yet gathered into a byte (fewer than 8)
  std::size_t nbits = 0;
  std::uint64_t v = 0;
  std::size_t bytes = 0;
  for (char c : s) {
    int d;
    if (c >= 'A' && c <= 'Z') d = c - 'A';
    else if (c >= 'a' && c <= 'z') d = c - 'a' + 26;
    else if (c >= '0' && c <= '9') d = c - '0' + 52;
    else if (c == '-') d = 62;
    else if (c == '_') d = 63;
    else return std::nullopt;
    bits = (bits << 6) | static_cast<std::uint64_t>(d);
    nbits += 6;
    if (nbits >= 8) {
      nbits -= 8;
      const auto byte = static_cast<std::uint8_t>(bits >> nbits);
      if (bytes == 0 && byte == 0) return std::nullopt;  // not minimal
      v = (v << 8) | byte;
      ++bytes;
      bits &= (std::uint64_t{1} << nbits) - 1;
    }
  }
  if (bits != 0) return std::nullopt;  // non-zero spare bits: not canonical
  return v;
}

// TimedFormat is what `revoke django` and `revoke itsdangerous` differ in.
struct TimedFormat {
  std::string_view default_sep;
  std::string_view issuer;
  Result<std::string_view> (*token_id)(std::string_view token, std::string_view sep) noexcept;
  // timestamp reads the timestamp field, in seconds; nullopt: not one.
  std::optional<std::int64_t> (*timestamp)(std::string_view field);
  const char* no_timestamp;  // the usage error for a token without one
};

// until_of returns timestamp + max_age, saturated to what a UnixTime holds
// (about 1678 to 2262), as the verifiers' own arithmetic saturates.
UnixTime until_of(std::int64_t stamp_seconds, std::chrono::nanoseconds max_age) {
  std::int64_t nanos = 0;
  // Overflow saturates toward the sign of the true result: the stamp's sign
  // for the product; for the sum, both terms share that sign.
  if (__builtin_mul_overflow(stamp_seconds, std::int64_t{1'000'000'000}, &nanos) ||
      __builtin_add_overflow(nanos, max_age.count(), &nanos)) {
    return stamp_seconds < 0 ? UnixTime::min() : UnixTime::max();
  }
  return UnixTime(std::chrono::nanoseconds(nanos));
}

int revoke_timed(const TimedFormat& format, const std::vector<std::string_view>& argv) {
  const Args args = Args::parse(argv, with_revocation_flags({kUntil, kMaxAge, kSep, kNow}));
  const std::string sep = args.get("sep").value_or(std::string(format.default_sep));
  if (args.has("until") == args.has("max-age")) throw UsageError{"give exactly one of --until EPOCH or --max-age SECONDS"};
  const std::string token = read_stdin();
  auto id = format.token_id(token, sep);
  if (!id) return report(id.error());
  const auto fixed = clock_from(args);
  UnixTime until;
  if (args.has("until")) {
    until = epoch_flag(args, "until");
  } else {
    // value SEP timestamp SEP signature: the timestamp is the field before the signature.
    const std::string_view signed_part = std::string_view(token).substr(0, token.size() - id->size() - sep.size());
    const std::size_t at = signed_part.rfind(sep);
    const auto stamp = at == std::string_view::npos ? std::nullopt : format.timestamp(signed_part.substr(at + sep.size()));
    if (!stamp) throw UsageError{format.no_timestamp};
    until = until_of(*stamp, parse_seconds(*args.get("max-age"), "max-age"));
    const UnixTime now = fixed ? fixed->now() : SystemClock::instance().now();
    if (until <= now) {
      // The list would store nothing (no verifier with that max_age accepts
      // the token). Say so: an untimed token whose value merely looks
      // stamped would otherwise stay valid without a word.
      std::cerr << "signet: the token's timestamp + max-age is already past: verifiers with that max_age refuse it "
                   "anyway (if it is an untimed token, revoke it with --until EPOCH)\n";
    }
  }
  auto list = list_from(args, fixed);
  if (auto ok = list->revoke_token(format.issuer, *id, until); !ok) return report(ok.error());
  return kOk;
}

std::optional<std::int64_t> its_timestamp_seconds(std::string_view field) {
  const auto v = its_timestamp(field);
  if (!v) return std::nullopt;
  return *v > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())
             ? std::numeric_limits<std::int64_t>::max()
             : static_cast<std::int64_t>(*v);
}

int revoke_django(const std::vector<std::string_view>& argv) {
  static constexpr TimedFormat kDjango{":", revocation::kDjangoIssuer, revocation::django_token_id, base62,
                                       "this token has no timestamp (a plain Signer token): give --until EPOCH"};
  return revoke_timed(kDjango, argv);
}

int revoke_itsdangerous(const std::vector<std::string_view>& argv) {
  static constexpr TimedFormat kItsdangerous{
      ".", revocation::kItsdangerousIssuer, revocation::itsdangerous_token_id, its_timestamp_seconds,
      "this token has no timestamp (a Signer or untimed serializer token): give --until EPOCH"};
  return revoke_timed(kItsdangerous, argv);
}

}  // namespace

int run_revoke(const std::vector<std::string_view>& argv) {
  static constexpr Verb kVerbs[] = {{"jti", kJtiHelp, revoke_jti},
                                    {"subject", kSubjectHelp, revoke_subject},
                                    {"django", kDjangoHelp, revoke_django},
                                    {"itsdangerous", kItsdangerousHelp, revoke_itsdangerous}};
  return dispatch("revoke", kRevokeUsage, kVerbs, argv);
}

}  // namespace signet::cli
