// signet key generate|public|thumbprint
#include <iostream>

#include "cli.h"
#include "commands.h"
#include "jwt_keys.h"
#include "signet/jwt.h"

namespace signet::cli {
namespace {

constexpr std::string_view kKeyUsage =
    "usage: signet key <verb> [flags]\n"
    "\n"
    "  generate --alg ALG [--kid K] [--format jwk|pem] [--out F]   a new private key (JWK by default)\n"
    "  generate --paseto v4.local|v4.public [--out F]              a new PASETO key (PASERK k4.local / k4.secret)\n"
    "  public   (--key-file F | --key-env VAR) [--alg ALG] [--format jwk|pem]   the public key (k4.secret -> k4.public)\n"
    "  thumbprint (--key-file F | --key-env VAR) [--alg ALG]                     the RFC 7638 thumbprint\n"
    "  ring add|activate|retire|list|jwks --ring F ...                          key rings ('signet key ring --help')\n"
    "\n"
    "A PEM key carries no algorithm: --alg is needed for RSA keys (EC and Ed25519 keys imply theirs).\n";

const FlagSpec kAlg{"alg", true, false};
const FlagSpec kKid{"kid", true, false};
const FlagSpec kFormat{"format", true, false};
const FlagSpec kOut{"out", true, false};
const FlagSpec kKeyFile{"key-file", true, false};
const FlagSpec kKeyEnv{"key-env", true, false};
const FlagSpec kPaseto{"paseto", true, false};

bool pem_format(const Args& args) {
  const auto format = args.get("format").value_or("jwk");
  if (format != "jwk" && format != "pem") throw UsageError{"--format is jwk or pem"};
  return format == "pem";
}

int generate(const std::vector<std::string_view>& argv) {
  const Args args = Args::parse(argv, {kAlg, kKid, kFormat, kOut, kPaseto});
  if (const auto paseto = args.get("paseto")) {
    if (args.has("alg") || args.has("kid") || args.has("format")) throw UsageError{"--paseto takes no --alg, --kid or --format"};
    return generate_paseto_key(*paseto, args.get("out").value_or(""));
  }
  const auto alg_text = args.get("alg");
  if (!alg_text) throw UsageError{"--alg is required"};
  const auto algs = parse_algorithms(*alg_text);
  if (algs.size() != 1) throw UsageError{"key generate takes exactly one --alg"};
  const bool pem = pem_format(args);
  const std::string kid = args.get("kid").value_or("");
  const std::string out = args.get("out").value_or("");
  if (jwt::family_of(algs.front()) == jwt::KeyFamily::hmac) {
    if (pem) throw UsageError{"HMAC keys have no PEM form; use --format jwk"};
    auto key = jwt::HmacKey::generate(algs.front(), kid);
    if (!key) return report_config(key.error());
    write_output(out, key->to_jwk_with_secret());
    return kOk;
  }
  auto key = jwt::PrivateKey::generate(algs.front(), kid);
  if (!key) return report_config(key.error());
  write_output(out, pem ? key->to_pem_with_private() : key->to_jwk_with_private());
  return kOk;
}

// Finds the algorithm of a key whose file does not say it: EC curves and
// Ed25519 imply one; RSA needs --alg.
Result<jwt::PrivateKey> load_private(const SecretBytes& material, std::optional<jwt::Algorithm> alg) {
  const std::string_view text(reinterpret_cast<const char*>(material.bytes().data()), material.size());
  if (classify(material) == KeyFormat::jwk) return jwt::PrivateKey::from_jwk(text, alg);
  if (alg) return jwt::PrivateKey::from_pem(text, *alg);
  for (auto candidate : {jwt::Algorithm::EdDSA, jwt::Algorithm::ES256, jwt::Algorithm::ES384, jwt::Algorithm::ES512,
                         jwt::Algorithm::ES256K}) {
    if (auto key = jwt::PrivateKey::from_pem(text, candidate)) return key;
  }
  return Unexpected(Errc::invalid_argument, "cannot tell the key's algorithm: give --alg (needed for RSA keys)");
}

Result<jwt::PublicKey> load_public(const SecretBytes& material, std::optional<jwt::Algorithm> alg) {
  const std::string_view text(reinterpret_cast<const char*>(material.bytes().data()), material.size());
  if (classify(material) == KeyFormat::jwk) {
    if (text.find("\"d\"") != std::string_view::npos) {
      auto key = jwt::PrivateKey::from_jwk(text, alg);
      if (!key) return key.error();
      return key->public_key();
    }
    return jwt::PublicKey::from_jwk(text, alg);
  }
  if (auto key = load_private(material, alg)) return key->public_key();
  if (alg) return jwt::PublicKey::from_pem(text, *alg);
  for (auto candidate : {jwt::Algorithm::EdDSA, jwt::Algorithm::ES256, jwt::Algorithm::ES384, jwt::Algorithm::ES512,
                         jwt::Algorithm::ES256K}) {
    if (auto key = jwt::PublicKey::from_pem(text, candidate)) return key;
  }
  return Unexpected(Errc::invalid_argument, "cannot tell the key's algorithm: give --alg (needed for RSA keys)");
}

std::optional<jwt::Algorithm> optional_alg(const Args& args) {
  const auto alg_text = args.get("alg");
  if (!alg_text) return std::nullopt;
  const auto algs = parse_algorithms(*alg_text);
  if (algs.size() != 1) throw UsageError{"give one --alg"};
  return algs.front();
}

int public_key(const std::vector<std::string_view>& argv) {
  const Args args = Args::parse(argv, {kKeyFile, kKeyEnv, kAlg, kFormat});
  const bool pem = pem_format(args);
  const SecretBytes material = read_key_material(args);
  if (const auto status = paseto_public_key(material, args.has("alg") || args.has("format"))) return *status;
  auto key = load_public(material, optional_alg(args));
  if (!key) return report_config(key.error());
  write_line(pem ? key->to_pem() : key->to_jwk());
  return kOk;
}

int thumbprint(const std::vector<std::string_view>& argv) {
  const Args args = Args::parse(argv, {kKeyFile, kKeyEnv, kAlg});
  const SecretBytes material = read_key_material(args);
  const auto alg = optional_alg(args);
  const std::string_view text(reinterpret_cast<const char*>(material.bytes().data()), material.size());
  if (classify(material) == KeyFormat::jwk && text.find("\"oct\"") != std::string_view::npos) {
    auto key = jwt::HmacKey::from_jwk(text, alg);
    if (!key) return report_config(key.error());
    write_line(key->thumbprint());
    return kOk;
  }
  auto key = load_public(material, alg);
  if (!key) return report_config(key.error());
  write_line(key->thumbprint());
  return kOk;
}

}  // namespace

int run_key(const std::vector<std::string_view>& argv) {
  if (argv.empty() || argv.front() == "--help" || argv.front() == "-h") {
    (argv.empty() ? std::cerr : std::cout) << kKeyUsage;
    return argv.empty() ? kUsage : kOk;
  }
  const std::vector<std::string_view> rest(argv.begin() + 1, argv.end());
  if (argv.front() == "ring") return run_key_ring(rest);
  if (is_help(rest)) {
    std::cout << kKeyUsage;
    return kOk;
  }
  try {
    if (argv.front() == "generate") return generate(rest);
    if (argv.front() == "public") return public_key(rest);
    if (argv.front() == "thumbprint") return thumbprint(rest);
  } catch (const HelpRequested&) {
    std::cout << kKeyUsage;
    return kOk;
  }
  std::cerr << "signet key: unknown verb '" << argv.front() << "'\n" << kKeyUsage;
  return kUsage;
}

}  // namespace signet::cli
