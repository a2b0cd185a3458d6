// signet paseto encrypt|decrypt|sign|verify|id, and the PASERK side of
// `signet key generate --paseto` and `signet key public`.
#include <iostream>

#include "cli.h"
#include "commands.h"
#include "key_ring_cli.h"
#include "revocation_options.h"
#include "signet/paseto.h"
#include "signet/paseto/key_ring.h"

namespace signet::cli {
namespace {

using paseto::PaserkType;

constexpr std::string_view kPasetoUsage =
    "usage: signet paseto <verb> [flags]\n"
    "\n"
    "PASETO version 4 tokens: v4.local (XChaCha20 + BLAKE2b) and v4.public (Ed25519).\n"
    "\n"
    "  encrypt  stdin: claims JSON    stdout: a v4.local token      key: k4.local\n"
    "  decrypt  stdin: a token        stdout: the claims JSON       key: k4.local\n"
    "  sign     stdin: claims JSON    stdout: a v4.public token     key: k4.secret\n"
    "  verify   stdin: a token        stdout: the claims JSON       key: k4.public (or k4.secret)\n"
    "  id       the PASERK identifier of a key (k4.lid, k4.pid or k4.sid)\n"
    "\n"
    "Key files hold PASERK strings; make one with 'signet key generate --paseto v4.local|v4.public'.\n"
    "--key-ring F uses a key ring ('signet key ring --help'): tokens carry the key's PASERK id\n"
    "in the footer ({\"kid\":\"k4.lid...\"}) and are verified with the key it names.\n"
    "Run 'signet paseto <verb> --help' for the flags of a verb.\n";

constexpr std::string_view kEncryptHelp =
    "usage: signet paseto encrypt (--key-file F | --key-env VAR | --key-ring F) [--footer TEXT] [--implicit TEXT]\n"
    "                             [--exp-in SECONDS] [--now EPOCH]\n"
    "\n"
    "Reads a JSON object of claims on stdin and prints a v4.local token.\n"
    "  --footer TEXT      the footer: authenticated, NOT encrypted, readable by anyone\n"
    "  --implicit TEXT    an implicit assertion: authenticated, never in the token\n"
    "  --exp-in SECONDS   set exp to now + SECONDS (an RFC 3339 time)\n"
    "  --now EPOCH        the current time, seconds since the epoch\n";

constexpr std::string_view kSignHelp =
    "usage: signet paseto sign (--key-file F | --key-env VAR | --key-ring F) [--footer TEXT] [--implicit TEXT]\n"
    "                          [--exp-in SECONDS] [--now EPOCH]\n"
    "\n"
    "Reads a JSON object of claims on stdin and prints a v4.public token (the\n"
    "claims are signed, NOT encrypted). Flags as for encrypt; the key is k4.secret.\n";

constexpr std::string_view kDecryptHelp =
    "usage: signet paseto decrypt (--key-file F | --key-env VAR | --key-ring F) [--footer TEXT] [--implicit TEXT]\n"
    "                             [--iss I]... [--aud A]... [--sub S] [--require CLAIM]... [--leeway SECONDS]\n"
    "                             [--max-age SECONDS] [--allow-missing-exp] [--now EPOCH]\n"
    "                             [--redis URL [--redis-password-file F] [--redis-fail-open]]\n"
    "\n"
    "Reads a v4.local token on stdin, decrypts and checks it, and prints its claims (compact JSON).\n"
    "  --footer TEXT         the footer the token must carry (exactly)\n"
    "  --implicit TEXT       the implicit assertion the token was made with\n"
    "  --iss I, --aud A      accepted issuers / audiences (repeatable; any one must match)\n"
    "  --sub S               expected subject\n"
    "  --require CLAIM       a claim that must be present (repeatable)\n"
    "  --leeway SECONDS      clock skew allowed on exp, nbf and iat (at most 600)\n"
    "  --max-age SECONDS     reject tokens issued (iat) longer ago\n"
    "  --allow-missing-exp   accept tokens without exp (by default exp is required)\n"
    "  --redis URL           refuse revoked tokens (see signet revoke --help); Redis down: exit 3,\n"
    "                        or accept unchecked with --redis-fail-open\n"
    "Exit 1 when the token is rejected; stderr then starts with the error code.\n";

constexpr std::string_view kVerifyHelp =
    "usage: signet paseto verify (--key-file F | --key-env VAR | --key-ring F) [--footer TEXT] [--implicit TEXT]\n"
    "                            [--iss I]... [--aud A]... [--sub S] [--require CLAIM]... [--leeway SECONDS]\n"
    "                            [--max-age SECONDS] [--allow-missing-exp] [--now EPOCH]\n"
    "                            [--redis URL [--redis-password-file F] [--redis-fail-open]]\n"
    "\n"
    "Reads a v4.public token on stdin, verifies it and prints its claims (compact JSON).\n"
    "The key is k4.public (a k4.secret key verifies through its public half). Flags as for decrypt.\n";

constexpr std::string_view kIdHelp =
    "usage: signet paseto id (--key-file F | --key-env VAR)\n"
    "\n"
    "Prints the PASERK identifier of a k4.local (k4.lid), k4.public (k4.pid) or\n"
    "k4.secret (k4.sid) key: safe to publish, for example as the footer's kid.\n";

const FlagSpec kKeyFile{"key-file", true, false};
const FlagSpec kKeyEnv{"key-env", true, false};
const FlagSpec kFooter{"footer", true, false};
const FlagSpec kImplicit{"implicit", true, false};
const FlagSpec kExpIn{"exp-in", true, false};
const FlagSpec kNow{"now", true, false};
const FlagSpec kIss{"iss", true, true};
const FlagSpec kAud{"aud", true, true};
const FlagSpec kSub{"sub", true, false};
const FlagSpec kRequire{"require", true, true};
const FlagSpec kLeeway{"leeway", true, false};
const FlagSpec kMaxAge{"max-age", true, false};
const FlagSpec kAllowMissingExp{"allow-missing-exp", false, false};
const FlagSpec kKeyRing{"key-ring", true, false};

std::string_view text_of(const SecretBytes& material) {
  return {reinterpret_cast<const char*>(material.bytes().data()), material.size()};
}

// A key that cannot be used is a configuration error (exit 2), even when its
// code is one that means "rejected" for a token.
int key_error(const Error& error) {
  std::cerr << errc_name(error.code()) << ": " << error.detail() << '\n';
  return kUsage;
}

// The PASERK type of a key file, or the error to report with key_error.
Result<PaserkType> key_type(const SecretBytes& material) {
  auto type = paseto::paserk_type(text_of(material));
  if (!type) return Unexpected(Errc::invalid_key, "the key is not a PASERK k4 string (k4.local., k4.secret., k4.public.)");
  return *type;
}

Error wrong_type(PaserkType have, std::string_view want) {
  std::string detail = "the key is ";
  detail += paseto::paserk_prefix(have);
  detail += "..; this command needs ";
  detail += want;
  return Error(Errc::key_mismatch, detail);
}

std::chrono::seconds whole_seconds(std::string_view text, std::string_view flag) {
  const auto ns = parse_seconds(text, flag);
  if (ns.count() % 1'000'000'000 != 0) throw UsageError{"--" + std::string(flag) + " needs whole seconds"};
  return std::chrono::duration_cast<std::chrono::seconds>(ns);
}

// Reads the claims on stdin and applies --exp-in; an error is reported and
// its exit status returned in `status`.
std::optional<paseto::Claims> read_claims(const Args& args, int& status) {
  const std::string input = read_stdin();
  auto claims = paseto::Claims::from_json(input);
  if (!claims) {
    status = report(claims.error());
    return std::nullopt;
  }
  if (auto exp_in = args.get("exp-in")) {
    const auto fixed = clock_from(args);
    const UnixTime now = fixed ? fixed->now() : SystemClock::instance().now();
    claims->expires_at(now + whole_seconds(*exp_in, "exp-in"));
  }
  return std::move(*claims);
}

paseto::TokenOptions token_options(const Args& args) {
  paseto::TokenOptions options;
  options.footer = args.get("footer").value_or("");
  options.implicit_assertion = args.get("implicit").value_or("");
  return options;
}

// Issues a token with a key ring's active key (--key-ring): the footer gets
// {"kid":"<PASERK id>"}, merged into a JSON --footer.
int produce_with_ring(const Args& args, bool local) {
  if (args.has("key-file") || args.has("key-env")) throw UsageError{"give either a key or --key-ring, not both"};
  const auto ring = load_ring<paseto::KeyRing>(*args.get("key-ring"));
  const auto fixed = clock_from(args);
  const Clock& clock = fixed ? static_cast<const Clock&>(*fixed) : SystemClock::instance();
  int status = kOk;
  auto claims = read_claims(args, status);
  if (!claims) return status;
  auto token = local ? ring.encrypt(*claims, token_options(args), clock) : ring.sign(*claims, token_options(args), clock);
  // Nothing here judges a token: every failure is the ring's or the flags'.
  if (!token) return key_error(token.error());
  write_line(*token);
  return kOk;
}

int produce(const std::vector<std::string_view>& argv, bool local) {
  const Args args = Args::parse(argv, {kKeyFile, kKeyEnv, kKeyRing, kFooter, kImplicit, kExpIn, kNow});
  if (args.has("key-ring")) return produce_with_ring(args, local);
  const SecretBytes material = load_key(args, "key-file", "key-env");
  auto type = key_type(material);
  if (!type) return key_error(type.error());
  Result<std::string> token = Unexpected(Errc::invalid_key, "no key");
  if (local) {
    if (*type != PaserkType::local) return key_error(wrong_type(*type, "a k4.local key"));
    auto key = paseto::LocalKey::from_paserk(text_of(material));
    if (!key) return key_error(key.error());
    int status = kOk;
    auto claims = read_claims(args, status);
    if (!claims) return status;
    token = paseto::encrypt(*key, *claims, token_options(args));
  } else {
    if (*type != PaserkType::secret) return key_error(wrong_type(*type, "a k4.secret key"));
    auto key = paseto::SecretKey::from_paserk(text_of(material));
    if (!key) return key_error(key.error());
    int status = kOk;
    auto claims = read_claims(args, status);
    if (!claims) return status;
    token = paseto::sign(*key, *claims, token_options(args));
  }
  if (!token) return report(token.error());
  write_line(*token);
  return kOk;
}

int consume(const std::vector<std::string_view>& argv, bool local) {
  const Args args = Args::parse(argv, with_revocation_flags({kKeyFile, kKeyEnv, kKeyRing, kFooter, kImplicit, kIss, kAud,
                                                             kSub, kRequire, kLeeway, kMaxAge, kAllowMissingExp, kNow}));
  paseto::PolicyBuilder builder;
  for (const auto& iss : args.get_all("iss")) builder.expect_issuer(iss);
  for (const auto& aud : args.get_all("aud")) builder.expect_audience(aud);
  if (auto sub = args.get("sub")) builder.expect_subject(*sub);
  for (const auto& claim : args.get_all("require")) builder.require_claim(claim);
  if (auto leeway = args.get("leeway")) builder.leeway(whole_seconds(*leeway, "leeway"));
  if (auto max_age = args.get("max-age")) builder.max_age(whole_seconds(*max_age, "max-age"));
  if (args.has("allow-missing-exp")) builder.allow_missing_exp();
  if (auto footer = args.get("footer")) builder.expect_footer(*footer);
  builder.revocation(revocation_from(args));
  auto policy = builder.build();
  if (!policy) return report(policy.error());

  // A key ring picks the key by the footer's kid; a retired key's token
  // fails with revoked.
  if (auto path = args.get("key-ring")) {
    if (args.has("key-file") || args.has("key-env")) throw UsageError{"give either a key or --key-ring, not both"};
    const auto ring = load_ring<paseto::KeyRing>(*path);
    if (ring.purpose() && *ring.purpose() != (local ? paseto::Purpose::local : paseto::Purpose::public_)) {
      return key_error(Error(Errc::key_mismatch, local ? "the key ring holds v4.public keys: use verify"
                                                       : "the key ring holds v4.local keys: use decrypt"));
    }
    const auto fixed = clock_from(args);
    const Clock& clock = fixed ? static_cast<const Clock&>(*fixed) : SystemClock::instance();
    auto verifier = ring.verifier(*policy, clock);
    if (!verifier) throw ring_error(*path, verifier.error());
    auto token = verifier->verify(read_stdin(), args.get("implicit").value_or(""));
    if (!token) return report(token.error());
    write_line(token->claims_json());
    return kOk;
  }

  const SecretBytes material = load_key(args, "key-file", "key-env");
  auto type = key_type(material);
  if (!type) return key_error(type.error());
  const auto fixed = clock_from(args);
  const Clock& clock = fixed ? static_cast<const Clock&>(*fixed) : SystemClock::instance();
  const std::string implicit = args.get("implicit").value_or("");
  Result<paseto::VerifiedToken> token = Unexpected(Errc::invalid_key, "no key");
  if (local) {
    if (*type != PaserkType::local) return key_error(wrong_type(*type, "a k4.local key"));
    auto key = paseto::LocalKey::from_paserk(text_of(material));
    if (!key) return key_error(key.error());
    auto decryptor = paseto::Decryptor::create(*key, *policy, clock);
    if (!decryptor) return report(decryptor.error());
    token = decryptor->decrypt(read_stdin(), implicit);
  } else {
    Result<paseto::PublicKey> key = Unexpected(Errc::invalid_key, "no key");
    if (*type == PaserkType::public_key) {
      key = paseto::PublicKey::from_paserk(text_of(material));
    } else if (*type == PaserkType::secret) {
      auto secret = paseto::SecretKey::from_paserk(text_of(material));
      if (secret) key = secret->public_key();
      else key = secret.error();
    } else {
      return key_error(wrong_type(*type, "a k4.public (or k4.secret) key"));
    }
    if (!key) return key_error(key.error());
    auto verifier = paseto::Verifier::create(*key, *policy, clock);
    if (!verifier) return report(verifier.error());
    token = verifier->verify(read_stdin(), implicit);
  }
  if (!token) return report(token.error());
  write_line(token->claims_json());
  return kOk;
}

int encrypt(const std::vector<std::string_view>& argv) { return produce(argv, true); }
int sign(const std::vector<std::string_view>& argv) { return produce(argv, false); }
int decrypt(const std::vector<std::string_view>& argv) { return consume(argv, true); }
int verify(const std::vector<std::string_view>& argv) { return consume(argv, false); }

int id(const std::vector<std::string_view>& argv) {
  const Args args = Args::parse(argv, {kKeyFile, kKeyEnv});
  const SecretBytes material = load_key(args, "key-file", "key-env");
  auto type = key_type(material);
  if (!type) return key_error(type.error());
  const std::string_view text = text_of(material);
  switch (*type) {
    case PaserkType::local: {
      auto key = paseto::LocalKey::from_paserk(text);
      if (!key) return key_error(key.error());
      write_line(key->id());
      return kOk;
    }
    case PaserkType::public_key: {
      auto key = paseto::PublicKey::from_paserk(text);
      if (!key) return key_error(key.error());
      write_line(key->id());
      return kOk;
    }
    case PaserkType::secret: {
      auto key = paseto::SecretKey::from_paserk(text);
      if (!key) return key_error(key.error());
      write_line(key->id());
      return kOk;
    }
    case PaserkType::lid:
    case PaserkType::pid:
    case PaserkType::sid:
    case PaserkType::local_wrap_pie:
    case PaserkType::secret_wrap_pie:
    case PaserkType::seal:
    case PaserkType::local_pw:
    case PaserkType::secret_pw:
      break;
  }
  return key_error(wrong_type(*type, "a k4.local, k4.public or k4.secret key"));
}

}  // namespace

int run_paseto(const std::vector<std::string_view>& argv) {
  static constexpr Verb kVerbs[] = {{"encrypt", kEncryptHelp, encrypt}, {"decrypt", kDecryptHelp, decrypt}, {"sign", kSignHelp, sign}, {"verify", kVerifyHelp, verify}, {"id", kIdHelp, id}};
  return dispatch("paseto", kPasetoUsage, kVerbs, argv);
}

int generate_paseto_key(std::string_view version_purpose, const std::string& out) {
  if (version_purpose == "v4.local") {
    auto key = paseto::LocalKey::generate();
    if (!key) return report(key.error());
    write_output(out, key->to_paserk());
    return kOk;
  }
  if (version_purpose == "v4.public") {
    auto key = paseto::SecretKey::generate();
    if (!key) return report(key.error());
    write_output(out, key->to_paserk());
    return kOk;
  }
  throw UsageError{"--paseto is v4.local or v4.public"};
}

std::optional<int> paseto_public_key(const SecretBytes& material, bool other_flags) {
  const std::string_view text = text_of(material);
  // A PASERK string of any version starts "k<digit>."; a JWK starts '{' and
  // a PEM key with '-', so the two never overlap.
  if (text.size() < 3 || text[0] != 'k' || text[1] < '0' || text[1] > '9' || text[2] != '.') return std::nullopt;
  if (other_flags) throw UsageError{"--alg and --format do not apply to a PASERK key"};
  auto type = key_type(material);
  if (!type) return key_error(type.error());
  if (*type == PaserkType::public_key) {
    auto key = paseto::PublicKey::from_paserk(text);
    if (!key) return key_error(key.error());
    write_line(key->to_paserk());
    return kOk;
  }
  if (*type != PaserkType::secret) return key_error(wrong_type(*type, "a k4.secret key"));
  auto key = paseto::SecretKey::from_paserk(text);
  if (!key) return key_error(key.error());
  write_line(key->public_key().to_paserk());
  return kOk;
}

}  // namespace signet::cli
