// signet key ring add|activate|retire|list|jwks: key rings in a file.
#include <sys/stat.h>

#include <chrono>
#include <cstdio>
#include <iostream>

#include "cli.h"
#include "commands.h"
#include "jwt_keys.h"
#include "key_ring_cli.h"
#include "signet/django/key_ring.h"
#include "signet/itsdangerous/key_ring.h"
#include "signet/jwt/key_ring.h"
#include "signet/paseto/key_ring.h"

namespace signet::cli {
namespace {

constexpr std::string_view kRingUsage =
    "usage: signet key ring <verb> --ring F [flags]\n"
    "\n"
    "A key ring file holds the keys of one format (jwt, django, paseto, itsdangerous): one active key\n"
    "that signs, verify-only keys that still verify, retired keys kept for the record.\n"
    "The file holds secrets; signet writes it with mode 0600 and never prints it.\n"
    "\n"
    "  add       add a key (generated, or imported with --key-file/--key-env); it becomes active\n"
    "  activate  make a verify-only key the active one\n"
    "  retire    retire a key: its tokens are refused from now on\n"
    "  list      ids, states, algorithms, dates and thumbprints (no secret)\n"
    "  jwks      the public JWKS of a jwt ring (public keys only)\n"
    "\n"
    "Use a ring with --key-ring F in jwt sign|verify, django dumps|loads|sign|unsign,\n"
    "paseto encrypt|decrypt|sign|verify and itsdangerous (every verb).\n"
    "Run 'signet key ring <verb> --help' for the flags.\n";

constexpr std::string_view kAddHelp =
    "usage: signet key ring add --ring F [--format jwt|django|paseto|itsdangerous] [--alg ALG] [--purpose v4.local|v4.public]\n"
    "                           [--id ID] [--verify-only] [--not-after EPOCH] [--key-file F | --key-env VAR] [--now EPOCH]\n"
    "\n"
    "Adds a key to the ring F (created when missing; --format is then required) and prints its id.\n"
    "  --alg ALG            jwt: the key's algorithm (HS256 ... EdDSA); required\n"
    "  --purpose P          paseto: v4.local or v4.public (for a new ring)\n"
    "  --id ID              jwt, django, itsdangerous: the key's id (jwt: its kid; default: the thumbprint,\n"
    "                       or random hex); paseto ids are always the PASERK id\n"
    "  --verify-only        add without activating (publish to verifiers first); the default\n"
    "                       makes the new key active and the previous active key verify-only\n"
    "  --not-after EPOCH    the key is not used after this time (seconds since the epoch)\n"
    "  --key-file F, --key-env VAR   import this key instead of generating one: a JWK or PEM (jwt;\n"
    "                       a public key only with --verify-only), the secret (django, itsdangerous), a PASERK\n"
    "                       k4.local / k4.secret / k4.public string (paseto)\n";

constexpr std::string_view kActivateHelp =
    "usage: signet key ring activate --ring F --id ID\n"
    "\n"
    "Makes the verify-only key ID active; the active key becomes verify-only. Prints ID.\n";

constexpr std::string_view kRetireHelp =
    "usage: signet key ring retire --ring F --id ID\n"
    "\n"
    "Retires the key ID: it stays in the file but never verifies again (tokens signed with it\n"
    "fail with 'revoked' for jwt and paseto, 'bad_signature' for django and itsdangerous). The active key cannot\n"
    "be retired: add or activate another key first. Prints ID.\n";

constexpr std::string_view kListHelp =
    "usage: signet key ring list --ring F [--now EPOCH]\n"
    "\n"
    "Prints one tab-separated line per key: id, state, algorithm, created, not-after (UTC),\n"
    "and the public thumbprint (jwt public keys) or PASERK id. Never a secret.\n";

constexpr std::string_view kJwksHelp =
    "usage: signet key ring jwks --ring F [--now EPOCH]\n"
    "\n"
    "Prints the JWKS to publish for a jwt ring: the public keys of the active and verify-only\n"
    "keys. HMAC keys are secrets and never printed; an HMAC-only ring has no JWKS (exit 2).\n";

const FlagSpec kRing{"ring", true, false};
const FlagSpec kFormat{"format", true, false};
const FlagSpec kAlg{"alg", true, false};
const FlagSpec kPurpose{"purpose", true, false};
const FlagSpec kId{"id", true, false};
const FlagSpec kVerifyOnly{"verify-only", false, false};
const FlagSpec kNotAfter{"not-after", true, false};
const FlagSpec kKeyFile{"key-file", true, false};
const FlagSpec kKeyEnv{"key-env", true, false};
const FlagSpec kNow{"now", true, false};

std::string ring_path(const Args& args) {
  auto path = args.get("ring");
  if (!path || path->empty()) throw UsageError{"--ring F is required"};
  return *path;
}

bool exists(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0;
}

std::string format_of(const std::string& path) {
  RingDocument doc;
  read_ring_file(path, "ring", doc);
  auto format = key_ring_format(doc.text);
  if (!format) throw ring_error(path, format.error());
  return *format;
}

const Clock& clock_of(const std::optional<FixedClock>& fixed) {
  if (fixed) return *fixed;
  return SystemClock::instance();
}

std::string_view text_of(const SecretBytes& s) {
  return {reinterpret_cast<const char*>(s.bytes().data()), s.size()};
}

// "2026-11-29T03:00:00Z" from days-since-epoch arithmetic (Howard Hinnant's
// civil_from_days algorithm, via <chrono>'s calendar types).
std::string utc(std::chrono::sys_seconds t) {
  const auto days = std::chrono::floor<std::chrono::days>(t);
  const std::chrono::year_month_day ymd{days};
  const std::chrono::hh_mm_ss hms{t - days};
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02dZ", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                static_cast<int>(hms.seconds().count()));
  return buf;
}

std::chrono::sys_seconds epoch_seconds(std::string_view text, std::string_view flag) {
  const auto ns = parse_seconds(text, flag);
  if (ns.count() % 1'000'000'000 != 0 || ns.count() < 0) {
    throw UsageError{"--" + std::string(flag) + " needs whole seconds since the epoch"};
  }
  return std::chrono::sys_seconds(std::chrono::duration_cast<std::chrono::seconds>(ns));
}

AddKeyOptions add_options(const Args& args) {
  AddKeyOptions options;
  options.id = args.get("id").value_or("");
  options.verify_only = args.has("verify-only");
  if (auto t = args.get("not-after")) options.not_after = epoch_seconds(*t, "not-after");
  return options;
}

bool has_key_material(const Args& args) { return args.has("key-file") || args.has("key-env"); }

// Each add_* returns the status of the library call; the caller saves the
// ring and prints the id only on success.
Status add_jwt(jwt::KeyRing& ring, const Args& args, const Clock& clock) {
  const auto alg_text = args.get("alg");
  if (!alg_text) throw UsageError{"--alg is required for a jwt key"};
  const auto algs = parse_algorithms(*alg_text);
  if (algs.size() != 1) throw UsageError{"give one --alg"};
  const jwt::Algorithm alg = algs.front();
  const AddKeyOptions options = add_options(args);
  if (!has_key_material(args)) {
    if (jwt::family_of(alg) == jwt::KeyFamily::hmac) {
      auto key = jwt::HmacKey::generate(alg);
      if (!key) return key.error();
      return ring.add(*key, options, clock);
    }
    auto key = jwt::PrivateKey::generate(alg);
    if (!key) return key.error();
    return ring.add(*key, options, clock);
  }
  const SecretBytes material = read_key_material(args);
  auto key = signing_key(material, alg);
  if (key) {
    if (key->hmac) return ring.add(*key->hmac, options, clock);
    return ring.add(*key->private_key, options, clock);
  }
  if (!options.verify_only) return key.error();
  auto pub = verifying_key(material, alg);
  if (!pub || !pub->public_key) return key.error();
  return ring.add(*pub->public_key, options, clock);
}

// A ring of shared secrets: django::KeyRing or itsdangerous::KeyRing.
template <class Ring>
Status add_secret(Ring& ring, const Args& args, const Clock& clock) {
  if (args.has("alg") || args.has("purpose")) throw UsageError{"--alg and --purpose do not apply to a secret key"};
  const AddKeyOptions options = add_options(args);
  if (!has_key_material(args)) {
    auto id = ring.add_generated(options, clock);
    if (!id) return id.error();
    return {};
  }
  return ring.add(load_key(args, "key-file", "key-env"), options, clock);
}

Status add_paseto(paseto::KeyRing& ring, const Args& args, const Clock& clock) {
  if (args.has("alg")) throw UsageError{"--alg does not apply to a paseto key (use --purpose)"};
  if (args.has("id")) throw UsageError{"a paseto key's id is its PASERK id; --id does not apply"};
  const AddKeyOptions options = add_options(args);
  std::optional<paseto::Purpose> purpose = ring.purpose();
  if (auto p = args.get("purpose")) {
    if (*p != "v4.local" && *p != "v4.public") throw UsageError{"--purpose is v4.local or v4.public"};
    const auto wanted = *p == "v4.local" ? paseto::Purpose::local : paseto::Purpose::public_;
    if (purpose && *purpose != wanted) throw UsageError{"--purpose differs from the ring's keys"};
    purpose = wanted;
  }
  if (!has_key_material(args)) {
    if (!purpose) throw UsageError{"--purpose v4.local|v4.public is required for a new paseto ring"};
    if (*purpose == paseto::Purpose::local) {
      auto key = paseto::LocalKey::generate();
      if (!key) return key.error();
      return ring.add(*key, options, clock);
    }
    auto key = paseto::SecretKey::generate();
    if (!key) return key.error();
    return ring.add(*key, options, clock);
  }
  const SecretBytes material = load_key(args, "key-file", "key-env");
  const std::string_view text = text_of(material);
  auto type = paseto::paserk_type(text);
  if (!type) return Unexpected(Errc::invalid_key, "the key is not a PASERK k4 string");
  switch (*type) {
    case paseto::PaserkType::local: {
      auto key = paseto::LocalKey::from_paserk(text);
      if (!key) return key.error();
      return ring.add(*key, options, clock);
    }
    case paseto::PaserkType::secret: {
      auto key = paseto::SecretKey::from_paserk(text);
      if (!key) return key.error();
      return ring.add(*key, options, clock);
    }
    case paseto::PaserkType::public_key: {
      auto key = paseto::PublicKey::from_paserk(text);
      if (!key) return key.error();
      return ring.add(*key, options, clock);
    }
    case paseto::PaserkType::lid:
    case paseto::PaserkType::pid:
    case paseto::PaserkType::sid:
    case paseto::PaserkType::local_wrap_pie:
    case paseto::PaserkType::secret_wrap_pie:
    case paseto::PaserkType::seal:
    case paseto::PaserkType::local_pw:
    case paseto::PaserkType::secret_pw:
      break;
  }
  return Unexpected(Errc::invalid_key, "a paseto ring takes k4.local, k4.secret or k4.public keys");
}

// Every failure of a ring command is a configuration error (exit 2), even
// when its code (key_mismatch for a key of the wrong kind) would mean
// "rejected" for a token.
int config_error(const Error& error) {
  std::cerr << errc_name(error.code()) << ": " << error.detail() << '\n';
  return kUsage;
}

// Runs `op` on the ring of whatever format the file holds, then saves it.
// `op` returns the status and may print.
template <class Op>
int with_ring(const std::string& path, const std::string& format, bool create, Op op) {
  auto run = [&](auto ring) -> int {
    const Status st = op(ring);
    if (!st) return config_error(st.error());
    write_ring_file(path, ring.serialize());
    return kOk;
  };
  if (format == "jwt") return run(create ? jwt::KeyRing() : load_ring<jwt::KeyRing>(path, "ring"));
  if (format == "django") return run(create ? django::KeyRing() : load_ring<django::KeyRing>(path, "ring"));
  if (format == "paseto") return run(create ? paseto::KeyRing() : load_ring<paseto::KeyRing>(path, "ring"));
  if (format == "itsdangerous") {
    return run(create ? itsdangerous::KeyRing() : load_ring<itsdangerous::KeyRing>(path, "ring"));
  }
  throw UsageError{"key ring " + path + ": unknown format '" + format + "' (jwt, django, paseto, itsdangerous)"};
}

int add(const std::vector<std::string_view>& argv) {
  const Args args =
      Args::parse(argv, {kRing, kFormat, kAlg, kPurpose, kId, kVerifyOnly, kNotAfter, kKeyFile, kKeyEnv, kNow});
  const std::string path = ring_path(args);
  const RingLock lock(path);  // held until the new file is in place
  const bool create = !exists(path);
  std::string format;
  if (create) {
    auto f = args.get("format");
    if (!f) throw UsageError{"--format jwt|django|paseto|itsdangerous is required to create a key ring"};
    format = *f;
  } else {
    format = format_of(path);
    if (auto f = args.get("format"); f && *f != format) throw UsageError{"the ring " + path + " holds " + format + " keys"};
  }
  const auto fixed = clock_from(args);
  const Clock& clock = clock_of(fixed);
  return with_ring(path, format, create, [&](auto& ring) -> Status {
    using Ring = std::decay_t<decltype(ring)>;
    Status st;
    if constexpr (std::is_same_v<Ring, jwt::KeyRing>) st = add_jwt(ring, args, clock);
    else if constexpr (std::is_same_v<Ring, paseto::KeyRing>) st = add_paseto(ring, args, clock);
    else st = add_secret(ring, args, clock);
    if (st) write_line(ring.list().back().id);
    return st;
  });
}

int change_state(const std::vector<std::string_view>& argv, bool retire) {
  const Args args = Args::parse(argv, {kRing, kId});
  const std::string path = ring_path(args);
  const auto id = args.get("id");
  if (!id) throw UsageError{"--id is required"};
  const RingLock lock(path);
  return with_ring(path, format_of(path), false,
                   [&](auto& ring) -> Status {
                     Status st = retire ? ring.retire(*id) : ring.activate(*id);
                     if (st) write_line(*id);
                     return st;
                   });
}

int activate(const std::vector<std::string_view>& argv) { return change_state(argv, false); }
int retire(const std::vector<std::string_view>& argv) { return change_state(argv, true); }

void print_list(const std::vector<KeyInfo>& keys, UnixTime now) {
  write_line("id\tstate\talgorithm\tcreated\tnot_after\tthumbprint");
  for (const auto& k : keys) {
    std::string line = k.id;
    line += '\t';
    line += key_state_name(k.state);
    line += '\t' + k.algorithm + '\t' + utc(k.created) + '\t';
    if (k.not_after) {
      line += utc(*k.not_after);
      if (std::chrono::floor<std::chrono::seconds>(now) > *k.not_after) line += " (passed)";
    } else {
      line += '-';
    }
    line += '\t';
    line += k.thumbprint.empty() ? "-" : k.thumbprint;
    write_line(line);
  }
}

int list(const std::vector<std::string_view>& argv) {
  const Args args = Args::parse(argv, {kRing, kNow});
  const std::string path = ring_path(args);
  const std::string format = format_of(path);
  const auto fixed = clock_from(args);
  const UnixTime now = clock_of(fixed).now();
  if (format == "jwt") print_list(load_ring<jwt::KeyRing>(path, "ring").list(), now);
  else if (format == "django") print_list(load_ring<django::KeyRing>(path, "ring").list(), now);
  else if (format == "paseto") print_list(load_ring<paseto::KeyRing>(path, "ring").list(), now);
  else if (format == "itsdangerous") print_list(load_ring<itsdangerous::KeyRing>(path, "ring").list(), now);
  else throw UsageError{"key ring " + path + ": unknown format '" + format + "'"};
  return kOk;
}

int jwks(const std::vector<std::string_view>& argv) {
  const Args args = Args::parse(argv, {kRing, kNow});
  const std::string path = ring_path(args);
  if (format_of(path) != "jwt") throw UsageError{"only a jwt key ring has a JWKS"};
  const auto ring = load_ring<jwt::KeyRing>(path, "ring");
  const auto fixed = clock_from(args);
  auto doc = ring.public_jwks(clock_of(fixed));
  if (!doc) throw ring_error(path, doc.error());
  write_line(*doc);
  return kOk;
}

}  // namespace

int run_key_ring(const std::vector<std::string_view>& argv) {
  static constexpr Verb kVerbs[] = {{"add", kAddHelp, add},
                                    {"activate", kActivateHelp, activate},
                                    {"retire", kRetireHelp, retire},
                                    {"list", kListHelp, list},
                                    {"jwks", kJwksHelp, jwks}};
  return dispatch("key ring", kRingUsage, kVerbs, argv);
}

}  // namespace signet::cli
