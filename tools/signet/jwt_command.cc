// signet jwt sign|verify|inspect
#include <iostream>

#include "cli.h"
#include "commands.h"
#include "jwt_keys.h"
#include "key_ring_cli.h"
#include "revocation_options.h"
#include "signet/jwt.h"
#include "signet/jwt/key_ring.h"

namespace signet::cli {
namespace {

constexpr std::string_view kJwtUsage =
    "usage: signet jwt <verb> [flags]\n"
    "\n"
    "JSON Web Tokens (RFC 7519) in JWS compact serialization (RFC 7515).\n"
    "\n"
    "  sign     stdin: claims JSON    stdout: the token\n"
    "  verify   stdin: a token        stdout: the verified claims JSON\n"
    "  inspect  stdin: a token        stdout: header and payload, NOT verified\n"
    "\n"
    "Algorithms: HS256 HS384 HS512 RS256 RS384 RS512 PS256 PS384 PS512 ES256 ES384 ES512 ES256K EdDSA.\n"
    "Key files: for HS*, the raw secret (one trailing newline removed) or an oct JWK; otherwise PEM or JWK.\n"
    "Run 'signet jwt <verb> --help' for the flags of a verb.\n";

constexpr std::string_view kSignHelp =
    "usage: signet jwt sign --alg ALG (--key-file F | --key-env VAR) [--kid K] [--typ T] [--iat] [--exp-in SECONDS] [--now EPOCH]\n"
    "       signet jwt sign --key-ring F [--alg ALG] [--typ T] [--iat] [--exp-in SECONDS] [--now EPOCH]\n"
    "\n"
    "Reads a JSON object of claims on stdin and prints a signed JWT.\n"
    "  --key-ring F       sign with the ring's active key; its id is the kid header\n"
    "  --alg ALG          the algorithm; the key must fit it\n"
    "  --kid K            the kid header (default: the key's kid, if any)\n"
    "  --typ T            the typ header (default JWT)\n"
    "  --iat              set iat to now\n"
    "  --exp-in SECONDS   set exp to now + SECONDS\n"
    "  --now EPOCH        the current time, seconds since the epoch\n";

constexpr std::string_view kVerifyHelp =
    "usage: signet jwt verify --alg ALG[,ALG...] (--key-file F | --key-env VAR | --jwks-file F) [--iss I]... [--aud A]...\n"
    "       signet jwt verify --key-ring F [--alg ALG[,ALG...]] [--iss I]... [--aud A]...\n"
    "                         [--sub S] [--typ T] [--require CLAIM]... [--leeway SECONDS] [--max-age SECONDS]\n"
    "                         [--allow-missing-exp] [--now EPOCH] [--redis URL [--redis-password-file F] [--redis-fail-open]]\n"
    "\n"
    "Reads a token on stdin, verifies it and prints its claims (compact JSON).\n"
    "  --alg ALG[,ALG]       the accepted algorithms; the token's alg must be one of them\n"
    "  --jwks-file F         verify with the key of a JWKS selected by kid and alg\n"
    "  --key-ring F          verify with the ring's active and verify-only keys, selected by kid;\n"
    "                        a retired key's token fails with 'revoked'\n"
    "  --iss I, --aud A      accepted issuers / audiences (repeatable; any one must match)\n"
    "  --sub S, --typ T      expected subject / token type\n"
    "  --require CLAIM       a claim that must be present (repeatable)\n"
    "  --leeway SECONDS      clock skew allowed on exp, nbf and iat (at most 600)\n"
    "  --max-age SECONDS     reject tokens issued (iat) longer ago\n"
    "  --allow-missing-exp   accept tokens without exp (by default exp is required)\n"
    "  --redis URL           refuse revoked tokens (see signet revoke --help); Redis down: exit 3,\n"
    "                        or accept unchecked with --redis-fail-open\n"
    "Exit 1 when the token is rejected; stderr then starts with the error code.\n";

constexpr std::string_view kInspectHelp =
    "usage: signet jwt inspect\n"
    "\n"
    "Reads a token on stdin and prints {\"header\":...,\"payload\":...} WITHOUT verifying it.\n"
    "Exits 1 when the token is not well-formed.\n";

const FlagSpec kAlg{"alg", true, false};
const FlagSpec kKeyFile{"key-file", true, false};
const FlagSpec kKeyEnv{"key-env", true, false};
const FlagSpec kJwksFile{"jwks-file", true, false};
const FlagSpec kKeyRing{"key-ring", true, false};
const FlagSpec kKid{"kid", true, false};
const FlagSpec kTyp{"typ", true, false};
const FlagSpec kIat{"iat", false, false};
const FlagSpec kExpIn{"exp-in", true, false};
const FlagSpec kNow{"now", true, false};
const FlagSpec kIss{"iss", true, true};
const FlagSpec kAud{"aud", true, true};
const FlagSpec kSub{"sub", true, false};
const FlagSpec kRequire{"require", true, true};
const FlagSpec kLeeway{"leeway", true, false};
const FlagSpec kMaxAge{"max-age", true, false};
const FlagSpec kAllowMissingExp{"allow-missing-exp", false, false};

std::chrono::seconds whole_seconds(std::string_view text, std::string_view flag) {
  const auto ns = parse_seconds(text, flag);
  if (ns.count() % 1'000'000'000 != 0) throw UsageError{"--" + std::string(flag) + " needs whole seconds"};
  return std::chrono::duration_cast<std::chrono::seconds>(ns);
}

// Signs with a key ring's active key (--key-ring): --alg, when given, must
// be that key's algorithm; the kid is the ring's.
int sign_with_ring(const Args& args) {
  if (args.has("key-file") || args.has("key-env")) throw UsageError{"give either a key or --key-ring, not both"};
  if (args.has("kid")) throw UsageError{"--kid does not apply to --key-ring: the kid is the active key's id"};
  const std::string path = *args.get("key-ring");
  const auto ring = load_ring<jwt::KeyRing>(path);
  const auto fixed = clock_from(args);
  const Clock& clock = fixed ? static_cast<const Clock&>(*fixed) : SystemClock::instance();
  jwt::SignerOptions options;
  if (auto typ = args.get("typ")) options.type = *typ;
  auto signer = ring.signer(options, clock);
  if (!signer) throw ring_error(path, signer.error());
  if (auto alg_text = args.get("alg")) {
    for (const auto& key : ring.list()) {
      if (key.state == KeyState::active && key.algorithm != *alg_text) {
        throw UsageError{"--alg differs from the algorithm of the ring's active key (" + key.algorithm + ")"};
      }
    }
  }
  const std::string input = read_stdin();
  auto claims = jwt::Claims::from_json(input);
  if (!claims) return report(claims.error());
  const UnixTime now = clock.now();
  if (args.has("iat")) claims->issued_at(now);
  if (auto exp_in = args.get("exp-in")) claims->expires_at(now + whole_seconds(*exp_in, "exp-in"));
  auto token = signer->sign(*claims);
  if (!token) return report(token.error());
  write_line(*token);
  return kOk;
}

int sign(const std::vector<std::string_view>& argv) {
  const Args args = Args::parse(argv, {kAlg, kKeyFile, kKeyEnv, kKeyRing, kKid, kTyp, kIat, kExpIn, kNow});
  if (args.has("key-ring")) return sign_with_ring(args);
  const auto alg_text = args.get("alg");
  if (!alg_text) throw UsageError{"--alg is required"};
  const auto algs = parse_algorithms(*alg_text);
  if (algs.size() != 1) throw UsageError{"jwt sign takes exactly one --alg"};
  const SecretBytes material = read_key_material(args);
  auto key = signing_key(material, algs.front());
  if (!key) return report_config(key.error());

  jwt::SignerOptions options;
  if (auto typ = args.get("typ")) options.type = *typ;
  if (auto kid = args.get("kid")) options.kid = *kid;
  auto signer = key->hmac ? jwt::Signer::create(*key->hmac, options) : jwt::Signer::create(*key->private_key, options);
  if (!signer) return report_config(signer.error());

  const std::string input = read_stdin();
  auto claims = jwt::Claims::from_json(input);
  if (!claims) return report(claims.error());
  const auto fixed = clock_from(args);
  const UnixTime now = fixed ? fixed->now() : SystemClock::instance().now();
  if (args.has("iat")) claims->issued_at(now);
  if (auto exp_in = args.get("exp-in")) claims->expires_at(now + whole_seconds(*exp_in, "exp-in"));
  auto token = signer->sign(*claims);
  if (!token) return report(token.error());
  write_line(*token);
  return kOk;
}

int verify(const std::vector<std::string_view>& argv) {
  const Args args = Args::parse(argv, with_revocation_flags({kAlg, kKeyFile, kKeyEnv, kJwksFile, kKeyRing, kIss, kAud, kSub,
                                                             kTyp, kRequire, kLeeway, kMaxAge, kAllowMissingExp, kNow}));
  // A ring's keys each carry their algorithm, so --alg only narrows them;
  // a key file or a JWKS needs it to bind the key to one algorithm.
  const auto alg_text = args.get("alg");
  if (!alg_text && !args.has("key-ring")) throw UsageError{"--alg is required"};
  const auto algs = alg_text ? parse_algorithms(*alg_text) : std::vector<jwt::Algorithm>{};

  jwt::PolicyBuilder builder;
  for (const auto& iss : args.get_all("iss")) builder.expect_issuer(iss);
  for (const auto& aud : args.get_all("aud")) builder.expect_audience(aud);
  if (auto sub = args.get("sub")) builder.expect_subject(*sub);
  if (auto typ = args.get("typ")) builder.expect_type(*typ);
  for (const auto& claim : args.get_all("require")) builder.require_claim(claim);
  if (auto leeway = args.get("leeway")) builder.leeway(whole_seconds(*leeway, "leeway"));
  if (auto max_age = args.get("max-age")) builder.max_age(whole_seconds(*max_age, "max-age"));
  if (args.has("allow-missing-exp")) builder.allow_missing_exp();
  builder.revocation(revocation_from(args));
  auto policy = builder.build();
  if (!policy) return report(policy.error());

  // The accepted algorithms bound a JWKS and a ring too: a key of another
  // algorithm is never used.
  if (alg_text) {
    builder.check([algs](const jwt::VerifiedToken& t) -> Status {
      for (auto a : algs) {
        if (a == t.algorithm()) return {};
      }
      return Unexpected(Errc::key_mismatch, "the token's alg is not one of --alg");
    });
    policy = builder.build();
    if (!policy) return report(policy.error());
  }
  const auto fixed = clock_from(args);
  const Clock& clock = fixed ? static_cast<const Clock&>(*fixed) : SystemClock::instance();

  // A JWKS selects its key by kid and alg. A key file is one key: it makes
  // one verifier per accepted algorithm, and the token's kid (if any) does
  // not have to match a key that has none.
  // A key ring selects by kid too, and answers revoked for a retired key.
  if (auto path = args.get("key-ring")) {
    if (args.has("key-file") || args.has("key-env") || args.has("jwks-file")) {
      throw UsageError{"give one of a key, --jwks-file or --key-ring"};
    }
    auto verifier = load_ring<jwt::KeyRing>(*path).verifier(*policy, clock);
    if (!verifier) throw ring_error(*path, verifier.error());
    auto token = verifier->verify(read_stdin());
    if (!token) return report(token.error());
    write_line(token->claims_json());
    return kOk;
  }
  std::vector<jwt::Verifier> verifiers;
  if (auto jwks = args.get("jwks-file")) {
    if (args.has("key-file") || args.has("key-env")) throw UsageError{"give either a key or --jwks-file, not both"};
    auto set = jwt::KeySet::from_jwks(read_text_file(*jwks, "jwks-file"));
    if (!set) return report_config(set.error());
    auto verifier = jwt::Verifier::create(std::move(*set), *policy, clock);
    if (!verifier) return report_config(verifier.error());
    verifiers.push_back(std::move(*verifier));
  } else {
    const SecretBytes material = read_key_material(args);
    for (auto alg : algs) {
      auto key = verifying_key(material, alg);
      if (!key) return report_config(key.error());
      auto verifier = key->hmac ? jwt::Verifier::create(*key->hmac, *policy, clock)
                                : jwt::Verifier::create(*key->public_key, *policy, clock);
      if (!verifier) return report_config(verifier.error());
      verifiers.push_back(std::move(*verifier));
    }
  }
  const std::string input = read_stdin();
  // A verifier bound to another algorithm answers key_mismatch before any
  // crypto runs; the first other answer is the token's verdict.
  Result<jwt::VerifiedToken> token = Unexpected(Errc::key_mismatch, "no key");
  for (const auto& verifier : verifiers) {
    token = verifier.verify(input);
    if (token || token.error().code() != Errc::key_mismatch) break;
  }
  if (!token) return report(token.error());
  write_line(token->claims_json());
  return kOk;
}

int inspect(const std::vector<std::string_view>& argv) {
  (void)Args::parse(argv, {});
  const std::string input = read_stdin();
  auto token = jwt::inspect_unverified(input);
  if (!token) return report(token.error());
  std::cerr << "UNVERIFIED: the signature was not checked; do not trust this content\n";
  write_line("{\"header\":" + token->header_json + ",\"payload\":" + token->payload_json + "}");
  return kOk;
}

}  // namespace

int run_jwt(const std::vector<std::string_view>& argv) {
  static constexpr Verb kVerbs[] = {{"sign", kSignHelp, sign}, {"verify", kVerifyHelp, verify}, {"inspect", kInspectHelp, inspect}};
  return dispatch("jwt", kJwtUsage, kVerbs, argv);
}

}  // namespace signet::cli
