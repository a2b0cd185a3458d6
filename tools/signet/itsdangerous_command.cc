// signet itsdangerous dumps|loads|sign|unsign
#include <chrono>
#include <iostream>

#include "cli.h"
#include "commands.h"
#include "key_ring_cli.h"
#include "revocation_options.h"
#include "signet/itsdangerous.h"
#include "signet/itsdangerous/key_ring.h"
#include "signet/revocation.h"

namespace signet::cli {
namespace {

namespace its = signet::itsdangerous;

constexpr std::string_view kItsUsage =
    "usage: signet itsdangerous <verb> [flags]\n"
    "\n"
    "Tokens byte-compatible with itsdangerous (Flask's signer).\n"
    "\n"
    "  dumps   stdin: a JSON value    stdout: a serializer token (URLSafe[Timed]Serializer, or with --plain\n"
    "                                 [Timed]Serializer)\n"
    "  loads   stdin: a token         stdout: the JSON value (compact)\n"
    "  sign    stdin: bytes           stdout: the signed bytes (Signer / TimestampSigner)\n"
    "  unsign  stdin: signed bytes    stdout: the bytes\n"
    "\n"
    "Keys: --key-file F / --key-env VAR, repeatable for rotation. Give them oldest first, newest\n"
    "last, as itsdangerous's key list: the newest (last) key signs, every key verifies.\n"
    "Run 'signet itsdangerous <verb> --help' for the flags of a verb.\n";

#define SIGNET_ITS_KEY_HELP                                                                               \
  "  --key-file F         a secret key: the bytes of F (one trailing newline removed); repeatable\n"     \
  "  --key-env VAR        a secret key: the value of environment variable VAR; repeatable\n"            \
  "                       Keys are a rotation list in the order given, oldest first: the last signs.\n"\
  "  --key-ring F         instead: a key ring's verify-only keys, then its active key (which signs)\n"
#define SIGNET_ITS_SIGNER_HELP                                                                            \
  "  --sep S              separator (default '.'); it must contain a character outside A-Za-z0-9-_=\n"  \
  "  --digest D           sha1 (default), sha224, sha256, sha384 or sha512\n"                          \
  "  --key-derivation K   django-concat (default), concat, hmac or none\n"
#define SIGNET_ITS_FORMAT_HELP                                                                            \
  "  --url-safe           URLSafeSerializer / URLSafeTimedSerializer: compact UTF-8 JSON, zlib, base64url\n" \
  "                       (the default)\n"                                                                \
  "  --plain              Serializer / TimedSerializer: json.dumps(obj) text, signed as is\n"          \
  "  --timestamp          the Timed variant (TimestampSigner)\n"

constexpr std::string_view kDumpsHelp =
    "usage: signet itsdangerous dumps (--key-file F | --key-env VAR)... [--salt S] [--sep S] [--digest D]\n"
    "                                 [--key-derivation K] [--url-safe | --plain] [--timestamp]\n"
    "                                 [--compress | --no-compress] [--now EPOCH]\n"
    "\n"
    "Reads a JSON value on stdin and prints the token itsdangerous's serializer makes for it.\n" SIGNET_ITS_KEY_HELP
    "  --salt S             salt (default itsdangerous); an empty salt is used as given\n" SIGNET_ITS_SIGNER_HELP
        SIGNET_ITS_FORMAT_HELP
    "  --compress           URL-safe: compress when that saves more than one byte (the default: itsdangerous\n"
    "                       always does)\n"
    "  --no-compress        URL-safe: never compress (itsdangerous still reads the token)\n"
    "  --now EPOCH          with --timestamp: the time to sign at, seconds since the epoch (default: now)\n";

constexpr std::string_view kLoadsHelp =
    "usage: signet itsdangerous loads (--key-file F | --key-env VAR)... [--salt S] [--sep S] [--digest D]\n"
    "                                 [--key-derivation K] [--url-safe | --plain] [--timestamp]\n"
    "                                 [--max-age SECONDS] [--max-inflate BYTES] [--now EPOCH]\n"
    "                                 [--redis URL [--redis-password-file F] [--redis-fail-open]]\n"
    "\n"
    "Reads a serializer token on stdin, verifies it and prints its JSON value (compact, UTF-8).\n" SIGNET_ITS_KEY_HELP
    "  --salt S             salt (default itsdangerous)\n" SIGNET_ITS_SIGNER_HELP SIGNET_ITS_FORMAT_HELP
    "  --max-age SECONDS    with --timestamp: reject tokens older than this (expired) and, as itsdangerous\n"
    "                       does, tokens from the future (not_yet_valid)\n"
    "  --max-inflate BYTES  URL-safe: cap on the inflated size of a compressed payload (default 1048576)\n"
    "  --now EPOCH          the current time, seconds since the epoch (default: the system clock)\n"
    "  --redis URL          refuse revoked tokens (see signet revoke itsdangerous --help); Redis down:\n"
    "                       exit 3, or accept unchecked with --redis-fail-open\n"
    "Exit 1 when the token is rejected; stderr then starts with the error code.\n";

constexpr std::string_view kSignHelp =
    "usage: signet itsdangerous sign (--key-file F | --key-env VAR)... [--salt S] [--sep S] [--digest D]\n"
    "                                [--key-derivation K] [--timestamp] [--now EPOCH]\n"
    "\n"
    "Reads bytes on stdin (one trailing newline removed) and prints them signed by itsdangerous's Signer\n"
    "(TimestampSigner with --timestamp).\n" SIGNET_ITS_KEY_HELP
    "  --salt S             salt (default itsdangerous.Signer); an empty salt is used as given\n" SIGNET_ITS_SIGNER_HELP
    "  --timestamp          append the signing time before signing\n"
    "  --now EPOCH          with --timestamp: the time to sign at (default: now)\n";

constexpr std::string_view kUnsignHelp =
    "usage: signet itsdangerous unsign (--key-file F | --key-env VAR)... [--salt S] [--sep S] [--digest D]\n"
    "                                  [--key-derivation K] [--timestamp] [--max-age SECONDS] [--now EPOCH]\n"
    "                                  [--redis URL [--redis-password-file F] [--redis-fail-open]]\n"
    "\n"
    "Reads signed bytes on stdin, verifies them and prints the value.\n" SIGNET_ITS_KEY_HELP
    "  --salt S             salt (default itsdangerous.Signer)\n" SIGNET_ITS_SIGNER_HELP
    "  --timestamp          the value was signed by a TimestampSigner\n"
    "  --max-age SECONDS    with --timestamp: reject signatures older than this, or from the future\n"
    "  --now EPOCH          the current time (default: the system clock)\n"
    "  --redis URL          refuse revoked tokens (see signet revoke itsdangerous --help); Redis down:\n"
    "                       exit 3, or accept unchecked with --redis-fail-open\n"
    "Exit 1 when the token is rejected; stderr then starts with the error code.\n";

#undef SIGNET_ITS_KEY_HELP
#undef SIGNET_ITS_SIGNER_HELP
#undef SIGNET_ITS_FORMAT_HELP

const FlagSpec kKeyFile{"key-file", true, true};
const FlagSpec kKeyEnv{"key-env", true, true};
const FlagSpec kSalt{"salt", true, false};
const FlagSpec kSep{"sep", true, false};
const FlagSpec kDigest{"digest", true, false};
const FlagSpec kKeyDerivation{"key-derivation", true, false};
const FlagSpec kTimestamp{"timestamp", false, false};
const FlagSpec kUrlSafe{"url-safe", false, false};
const FlagSpec kPlain{"plain", false, false};
const FlagSpec kCompress{"compress", false, false};
const FlagSpec kNoCompress{"no-compress", false, false};
const FlagSpec kMaxAge{"max-age", true, false};
const FlagSpec kMaxInflate{"max-inflate", true, false};
const FlagSpec kNow{"now", true, false};
const FlagSpec kKeyRing{"key-ring", true, false};

// Parsed is one verb's flags plus its keys in command-line order.
struct Parsed {
  Args args;
  std::vector<SecretBytes> keys;
};

// parse reads argv and then the keys. Args keeps each flag's values apart,
// which loses the interleaving of --key-file and --key-env; the rotation
// order is the order on the command line, so argv is walked again here with
// exactly Args::parse's rules (which have already accepted it).
Parsed parse(const std::vector<std::string_view>& argv, std::vector<FlagSpec> specs) {
  // --key-ring F gives the whole rotation list: its verify-only keys in ring
  // order, then the active key, which signs.
  specs.push_back(kKeyRing);
  Parsed out{Args::parse(argv, specs), {}};
  if (auto path = out.args.get("key-ring")) {
    if (out.args.has("key-file") || out.args.has("key-env")) throw UsageError{"give either --key-ring or keys, not both"};
    const auto fixed = clock_from(out.args);
    auto keys = load_ring<its::KeyRing>(*path).keys(fixed ? static_cast<const Clock&>(*fixed) : SystemClock::instance());
    if (!keys) throw ring_error(*path, keys.error());
    out.keys = std::move(*keys);
    return out;
  }
  for (std::size_t i = 0; i < argv.size(); ++i) {
    std::string_view name = argv[i].substr(2);
    std::optional<std::string_view> value;
    if (const auto eq = name.find('='); eq != std::string_view::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
    }
    const FlagSpec* spec = nullptr;
    for (const auto& s : specs) {
      if (s.name == name) spec = &s;
    }
    if (spec == nullptr || !spec->takes_value) continue;
    if (!value) value = argv[++i];
    if (name != kKeyFile.name && name != kKeyEnv.name) continue;
    // One key through the shared loader: same newline rule, same messages.
    const std::string flag = "--" + std::string(name);
    const Args one = Args::parse({flag, *value}, {FlagSpec{name, true, false}});
    out.keys.push_back(load_key(one, kKeyFile.name, kKeyEnv.name));
  }
  if (out.keys.empty()) {
    throw UsageError{"a key is required: --key-file F or --key-env VAR (repeat them for rotation, oldest first)"};
  }
  return out;
}

its::SignerOptions signer_options(const Args& args, std::string_view default_salt) {
  its::SignerOptions options;
  options.salt = args.get("salt").value_or(std::string(default_salt));
  if (auto sep = args.get("sep")) options.sep = *sep;
  if (auto name = args.get("digest")) {
    auto digest = its::parse_digest(*name);
    if (!digest) throw UsageError{"unknown --digest '" + *name + "' (sha1, sha224, sha256, sha384, sha512)"};
    options.digest = *digest;
  }
  if (auto name = args.get("key-derivation")) {
    auto kd = its::parse_key_derivation(*name);
    if (!kd) throw UsageError{"unknown --key-derivation '" + *name + "' (django-concat, concat, hmac, none)"};
    options.key_derivation = *kd;
  }
  return options;
}

// url_safe reads --url-safe / --plain (URL-safe by default).
bool url_safe(const Args& args) {
  if (args.has("url-safe") && args.has("plain")) throw UsageError{"give either --url-safe or --plain, not both"};
  return !args.has("plain");
}

its::UnsignOptions unsign_options(const Args& args) {
  its::UnsignOptions options;
  // Connected first, so that a bad --redis is a usage error before any input is read.
  options.revocation = revocation_from(args);
  if (auto v = args.get("max-age")) {
    if (!args.has("timestamp")) throw UsageError{"--max-age needs --timestamp"};
    // itsdangerous compares the whole-second age with max_age; for a
    // fractional max_age, age > m exactly when age > floor(m).
    options.max_age = std::chrono::floor<std::chrono::seconds>(parse_seconds(*v, "max-age"));
  }
  if (auto v = args.get("max-inflate")) {
    if (!url_safe(args)) throw UsageError{"--max-inflate applies to URL-safe tokens only (not --plain)"};
    options.max_inflate = parse_size(*v, "max-inflate");
  }
  return options;
}

const Clock& clock_or_system(const std::optional<FixedClock>& fixed) {
  if (fixed) return *fixed;
  return SystemClock::instance();
}

template <class T>
int print(const Result<T>& r) {
  if (!r) return report(r.error());
  write_line(*r);
  return kOk;
}

// print_unless_revoked is print for the untimed classes, which take no list
// (as Django's plain Signer): a verified token is checked here, by its
// signature, before its value is printed.
template <class T>
int print_unless_revoked(const Result<T>& r, const its::UnsignOptions& options, std::string_view token,
                         std::string_view sep) {
  if (!r) return report(r.error());
  if (options.revocation) {
    auto id = revocation::itsdangerous_token_id(token, sep);
    if (!id) return report(id.error());
    const revocation::TokenFacts facts{.issuer = revocation::kItsdangerousIssuer, .token_id = *id};
    if (auto ok = options.revocation->check(facts); !ok) return report(ok.error());
  }
  write_line(*r);
  return kOk;
}

int dumps(const std::vector<std::string_view>& argv) {
  const Parsed p = parse(argv, {kKeyFile, kKeyEnv, kSalt, kSep, kDigest, kKeyDerivation, kTimestamp, kUrlSafe,
                                kPlain, kCompress, kNoCompress, kNow});
  const Args& args = p.args;
  const bool safe = url_safe(args);
  if (args.has("compress") && args.has("no-compress")) throw UsageError{"give either --compress or --no-compress"};
  if (!safe && (args.has("compress") || args.has("no-compress"))) {
    throw UsageError{"--compress and --no-compress apply to URL-safe tokens only (not --plain)"};
  }
  its::SerializerOptions options;
  options.signer = signer_options(args, its::kSerializerSalt);
  options.compress = !args.has("no-compress");
  const auto fixed = clock_from(args);
  const Clock& clock = clock_or_system(fixed);
  const std::string input = read_stdin();
  if (args.has("timestamp")) {
    if (safe) {
      auto s = its::URLSafeTimedSerializer::create(p.keys, options, clock);
      if (!s) return report(s.error());
      return print(s->dumps(input));
    }
    auto s = its::TimedSerializer::create(p.keys, options, clock);
    if (!s) return report(s.error());
    return print(s->dumps(input));
  }
  if (safe) {
    auto s = its::URLSafeSerializer::create(p.keys, options);
    if (!s) return report(s.error());
    return print(s->dumps(input));
  }
  auto s = its::Serializer::create(p.keys, options);
  if (!s) return report(s.error());
  return print(s->dumps(input));
}

int loads(const std::vector<std::string_view>& argv) {
  const Parsed p = parse(argv, with_revocation_flags({kKeyFile, kKeyEnv, kSalt, kSep, kDigest, kKeyDerivation,
                                                     kTimestamp, kUrlSafe, kPlain, kMaxAge, kMaxInflate, kNow}));
  const Args& args = p.args;
  const bool safe = url_safe(args);
  its::SerializerOptions options;
  options.signer = signer_options(args, its::kSerializerSalt);
  const its::UnsignOptions unsign = unsign_options(args);
  const auto fixed = clock_from(args);
  const Clock& clock = clock_or_system(fixed);
  const std::string input = read_stdin();
  if (args.has("timestamp")) {
    if (safe) {
      auto s = its::URLSafeTimedSerializer::create(p.keys, options, clock);
      if (!s) return report(s.error());
      return print(s->loads(input, unsign));
    }
    auto s = its::TimedSerializer::create(p.keys, options, clock);
    if (!s) return report(s.error());
    return print(s->loads(input, unsign));
  }
  if (safe) {
    auto s = its::URLSafeSerializer::create(p.keys, options);
    if (!s) return report(s.error());
    return print_unless_revoked(s->loads(input, unsign.max_inflate), unsign, input, s->signer().sep());
  }
  auto s = its::Serializer::create(p.keys, options);
  if (!s) return report(s.error());
  return print_unless_revoked(s->loads(input), unsign, input, s->signer().sep());
}

int sign(const std::vector<std::string_view>& argv) {
  const Parsed p = parse(argv, {kKeyFile, kKeyEnv, kSalt, kSep, kDigest, kKeyDerivation, kTimestamp, kNow});
  const Args& args = p.args;
  const its::SignerOptions options = signer_options(args, its::kSignerSalt);
  const auto fixed = clock_from(args);
  const std::string input = read_stdin();
  if (args.has("timestamp")) {
    auto signer = its::TimestampSigner::create(p.keys, options, clock_or_system(fixed));
    if (!signer) return report(signer.error());
    return print(signer->sign(input));
  }
  auto signer = its::Signer::create(p.keys, options);
  if (!signer) return report(signer.error());
  write_line(signer->sign(input));
  return kOk;
}

int unsign(const std::vector<std::string_view>& argv) {
  const Parsed p = parse(argv, with_revocation_flags({kKeyFile, kKeyEnv, kSalt, kSep, kDigest, kKeyDerivation,
                                                     kTimestamp, kMaxAge, kNow}));
  const Args& args = p.args;
  const its::SignerOptions options = signer_options(args, its::kSignerSalt);
  const its::UnsignOptions unsign_opts = unsign_options(args);
  const auto fixed = clock_from(args);
  const std::string input = read_stdin();
  if (args.has("timestamp")) {
    auto signer = its::TimestampSigner::create(p.keys, options, clock_or_system(fixed));
    if (!signer) return report(signer.error());
    return print(signer->unsign(std::string_view(input), unsign_opts));
  }
  auto signer = its::Signer::create(p.keys, options);
  if (!signer) return report(signer.error());
  return print_unless_revoked(signer->unsign(std::string_view(input)), unsign_opts, input, signer->sep());
}

}  // namespace

int run_itsdangerous(const std::vector<std::string_view>& argv) {
  static constexpr Verb kVerbs[] = {{"dumps", kDumpsHelp, dumps}, {"loads", kLoadsHelp, loads}, {"sign", kSignHelp, sign}, {"unsign", kUnsignHelp, unsign}};
  return dispatch("itsdangerous", kItsUsage, kVerbs, argv);
}

}  // namespace signet::cli
