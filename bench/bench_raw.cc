// bench/bench_raw.cc: the raw limits — what the cryptography alone costs on
// the same bytes, with everything that can be precomputed precomputed.
//
//   hs256_mac/sha256_midstates      HMAC-SHA256 over the 151-byte JWT signing
//                                   input from precomputed ipad/opad SHA256_CTX
//                                   midstates (two struct copies + 3 blocks).
//                                   THE floor of every HS256 "x limit" ratio.
//   hs256_mac/evp_mac_reinit        EVP_MAC_init(ctx, NULL, 0, NULL) on one
//                                   kept, keyed EVP_MAC_CTX + update + final.
//   django_mac/sha256_midstates     Django's salted HMAC over the signing input
//                                   of a signing.dumps({"user_id":123456})
//                                   token (31 bytes), derived key precomputed.
//   {es256,eddsa,rs256,ps256}_{sign,verify}/openssl_evp
//                                   EVP_DigestSign / EVP_DigestVerify over the
//                                   151-byte signing input with a pre-parsed
//                                   EVP_PKEY and a pre-fetched EVP_MD (a new
//                                   EVP_MD_CTX per call); ES256 includes the
//                                   JWS r||s <-> DER conversion.
//   es256_verify_shared/openssl_evp/real_time/threads:{1,2}
//                                   the ES256 verify above, one EVP_PKEY
//                                   shared by 1 and 2 threads: the scaling
//                                   OpenSSL itself allows on this machine.
//   paseto_v4_local_decrypt/libsodium   the v4.local decryption of a signet
//                                   token's bytes with libsodium primitives
//                                   only: 2 keyed BLAKE2b key derivations, the
//                                   BLAKE2b MAC over PAE (streamed), a
//                                   constant-time compare, XChaCha20.
//   paseto_v4_public_verify/libsodium   crypto_sign_verify_detached over PAE.
//
// Every setup checks its output against a token made by signet, so that the
// limit computes exactly what signet computes.
#define OPENSSL_SUPPRESS_DEPRECATED  // SHA256_Init & co.: deprecated, but the floor

#include <benchmark/benchmark.h>
#include <openssl/bio.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/ecdsa.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/sha.h>
#include <sodium.h>

#include <array>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "meter.h"
#include "signet/django.h"
#include "signet/jwt.h"
#include "signet_workload.h"
#include "workload.h"

namespace signet_bench {
namespace {

const unsigned char* u8(std::string_view s) { return reinterpret_cast<const unsigned char*>(s.data()); }

// ------------------------------------------------------------- HMAC floor
struct Midstates {
  SHA256_CTX inner;
  SHA256_CTX outer;

  explicit Midstates(std::string_view key) {
    std::array<unsigned char, 64> block{};
    if (key.size() > block.size()) die("Midstates: key longer than a block");
    std::memcpy(block.data(), key.data(), key.size());
    std::array<unsigned char, 64> ipad, opad;
    for (std::size_t i = 0; i < 64; ++i) {
      ipad[i] = static_cast<unsigned char>(block[i] ^ 0x36);
      opad[i] = static_cast<unsigned char>(block[i] ^ 0x5c);
    }
    SHA256_Init(&inner);
    SHA256_Update(&inner, ipad.data(), ipad.size());
    SHA256_Init(&outer);
    SHA256_Update(&outer, opad.data(), opad.size());
  }

  void mac(std::string_view msg, unsigned char out[32]) const {
    SHA256_CTX c = inner;
    SHA256_Update(&c, msg.data(), msg.size());
    unsigned char ih[32];
    SHA256_Final(ih, &c);
    c = outer;
    SHA256_Update(&c, ih, sizeof ih);
    SHA256_Final(out, &c);
  }
};

std::string mac_b64(const Midstates& m, std::string_view msg) {
  unsigned char out[32];
  m.mac(msg, out);
  return b64url_encode(std::string_view(reinterpret_cast<const char*>(out), sizeof out));
}

void register_hmac() {
  // The signing input, checked against the token signet makes.
  static const std::string input = jwt_signing_input("HS256");
  require(input.size() == kJwtSigningInputSize, "the HS256 signing input is not 151 bytes");
  static const Midstates mid(kHmacSecret);
  {
    auto key = signet::jwt::HmacKey::from_secret(signet::jwt::Algorithm::HS256, signet::SecretBytes(kHmacSecret));
    require(key.has_value(), "HmacKey::from_secret");
    auto signer = signet::jwt::Signer::create(*key);
    require(signer.has_value(), "jwt::Signer::create");
    auto token = signer->sign_json(kClaimsJson);
    require(token.has_value(), "jwt::Signer::sign_json");
    require(*token == input + "." + mac_b64(mid, input), "raw HMAC midstates disagree with signet's HS256 token", *token);
    // (the token itself is recorded by bench_signet.cc as "hs256_token")
  }
  benchmark::RegisterBenchmark("hs256_mac/sha256_midstates", [](benchmark::State& state) {
    unsigned char out[32];
    AllocMeter meter;
    for (auto _ : state) {
      mid.mac(input, out);
      benchmark::DoNotOptimize(out);
      benchmark::ClobberMemory();
    }
    meter.report(state);
  });

  benchmark::RegisterBenchmark("hs256_mac/evp_mac_reinit", [](benchmark::State& state) {
    EVP_MAC* mac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
    EVP_MAC_CTX* ctx = EVP_MAC_CTX_new(mac);
    char digest[] = "SHA256";
    OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0), OSSL_PARAM_construct_end()};
    if (!ctx || EVP_MAC_init(ctx, u8(kHmacSecret), kHmacSecret.size(), params) != 1) die("EVP_MAC_init");
    unsigned char out[32];
    std::size_t len = 0;
    // Self-check once, outside the timed loop.
    if (EVP_MAC_update(ctx, u8(input), input.size()) != 1 || EVP_MAC_final(ctx, out, &len, sizeof out) != 1) die("EVP_MAC");
    unsigned char want[32];
    mid.mac(input, want);
    require(len == 32 && std::memcmp(out, want, 32) == 0, "EVP_MAC and midstates disagree");
    AllocMeter meter;
    for (auto _ : state) {
      EVP_MAC_init(ctx, nullptr, 0, nullptr);
      EVP_MAC_update(ctx, u8(input), input.size());
      EVP_MAC_final(ctx, out, &len, sizeof out);
      benchmark::DoNotOptimize(out);
      benchmark::ClobberMemory();
    }
    meter.report(state);
    EVP_MAC_CTX_free(ctx);
    EVP_MAC_free(mac);
  });

  // Django: salted_hmac(salt + "signer", value, secret) = HMAC(SHA256(salt + "signer" + secret), value).
  static std::string django_input;
  static std::unique_ptr<Midstates> django_mid;
  {
    auto token = signet::django::dumps(kDjangoValue, signet::SecretBytes(kHmacSecret));
    require(token.has_value(), "django::dumps");
    const std::size_t sep = token->rfind(':');
    django_input = token->substr(0, sep);
    const std::string derive = std::string(kDjangoDumpsSalt) + "signer" + std::string(kHmacSecret);
    unsigned char key[32];
    SHA256(u8(derive), derive.size(), key);
    django_mid = std::make_unique<Midstates>(std::string_view(reinterpret_cast<const char*>(key), sizeof key));
    require(mac_b64(*django_mid, django_input) == token->substr(sep + 1), "raw Django HMAC disagrees with signet", *token);
    add_context("django_signing_input_bytes", std::to_string(django_input.size()));
  }
  benchmark::RegisterBenchmark("django_mac/sha256_midstates", [](benchmark::State& state) {
    unsigned char out[32];
    AllocMeter meter;
    for (auto _ : state) {
      django_mid->mac(django_input, out);
      benchmark::DoNotOptimize(out);
      benchmark::ClobberMemory();
    }
    meter.report(state);
  });
}

// ---------------------------------------------------- asymmetric EVP limits
enum class Scheme { es256, eddsa, rs256, ps256 };

struct PkeyFree {
  void operator()(EVP_PKEY* p) const noexcept { EVP_PKEY_free(p); }
};
struct MdFree {
  void operator()(EVP_MD* p) const noexcept { EVP_MD_free(p); }
};

struct EvpKeys {
  std::unique_ptr<EVP_PKEY, PkeyFree> priv;
  std::unique_ptr<EVP_PKEY, PkeyFree> pub;
  std::unique_ptr<EVP_MD, MdFree> md;  // empty for Ed25519
};

EVP_PKEY* read_pem(const std::string& file, bool is_private) {
  const std::string pem = read_file(key_path(file));
  BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
  EVP_PKEY* k = is_private ? PEM_read_bio_PrivateKey(bio, nullptr, nullptr, nullptr)
                           : PEM_read_bio_PUBKEY(bio, nullptr, nullptr, nullptr);
  BIO_free(bio);
  if (!k) die("cannot parse PEM", file);
  return k;
}

EvpKeys load_keys(Scheme s) {
  EvpKeys k;
  const char* base = s == Scheme::es256 ? "es256" : s == Scheme::eddsa ? "ed25519" : "rsa2048";
  k.priv.reset(read_pem(std::string(base) + ".pem", true));
  k.pub.reset(read_pem(std::string(base) + ".pub.pem", false));
  if (s != Scheme::eddsa) k.md.reset(EVP_MD_fetch(nullptr, "SHA2-256", nullptr));
  return k;
}

bool set_pss(EVP_PKEY_CTX* pctx) {
  return EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) == 1 &&
         EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, RSA_PSS_SALTLEN_DIGEST) == 1;
}

// raw_sign: JWS signature bytes (ES256: r||s) of `msg`.
std::size_t raw_sign(Scheme s, const EvpKeys& k, std::string_view msg, unsigned char* out) {
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  EVP_PKEY_CTX* pctx = nullptr;
  unsigned char der[80];
  std::size_t len = s == Scheme::es256 ? sizeof der : 256;
  bool ok = EVP_DigestSignInit(ctx, &pctx, k.md.get(), nullptr, k.priv.get()) == 1 && (s != Scheme::ps256 || set_pss(pctx)) &&
            EVP_DigestSign(ctx, s == Scheme::es256 ? der : out, &len, u8(msg), msg.size()) == 1;
  EVP_MD_CTX_free(ctx);
  if (!ok) return 0;
  if (s != Scheme::es256) return len;
  const unsigned char* p = der;
  ECDSA_SIG* sig = d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(len));
  if (!sig) return 0;
  ok = BN_bn2binpad(ECDSA_SIG_get0_r(sig), out, 32) == 32 && BN_bn2binpad(ECDSA_SIG_get0_s(sig), out + 32, 32) == 32;
  ECDSA_SIG_free(sig);
  return ok ? 64 : 0;
}

bool raw_verify(Scheme s, const EvpKeys& k, std::string_view msg, const unsigned char* sig, std::size_t sig_len) {
  unsigned char der[80];
  const unsigned char* to_check = sig;
  std::size_t check_len = sig_len;
  if (s == Scheme::es256) {
    if (sig_len != 64) return false;
    ECDSA_SIG* es = ECDSA_SIG_new();
    BIGNUM* r = BN_bin2bn(sig, 32, nullptr);
    BIGNUM* sv = BN_bin2bn(sig + 32, 32, nullptr);
    if (!es || !r || !sv || ECDSA_SIG_set0(es, r, sv) != 1) {
      ECDSA_SIG_free(es);
      return false;
    }
    unsigned char* p = der;
    const int n = i2d_ECDSA_SIG(es, &p);
    ECDSA_SIG_free(es);
    if (n <= 0) return false;
    to_check = der;
    check_len = static_cast<std::size_t>(n);
  }
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  EVP_PKEY_CTX* pctx = nullptr;
  const bool ok = EVP_DigestVerifyInit(ctx, &pctx, k.md.get(), nullptr, k.pub.get()) == 1 && (s != Scheme::ps256 || set_pss(pctx)) &&
                  EVP_DigestVerify(ctx, to_check, check_len, u8(msg), msg.size()) == 1;
  EVP_MD_CTX_free(ctx);
  return ok;
}

void register_asymmetric(Scheme s, const char* alg, const char* op_prefix) {
  struct Fixture {
    Scheme scheme;
    EvpKeys keys;
    std::string input;
    std::vector<unsigned char> sig;
  };
  auto* f = keep(new Fixture{s, load_keys(s), jwt_signing_input(alg), {}});
  require(f->input.size() == kJwtSigningInputSize, "asymmetric signing input is not 151 bytes");
  f->sig.resize(512);
  f->sig.resize(raw_sign(s, f->keys, f->input, f->sig.data()));
  require(!f->sig.empty(), "raw EVP_DigestSign failed", alg);
  require(raw_verify(s, f->keys, f->input, f->sig.data(), f->sig.size()), "raw EVP_DigestVerify failed", alg);
  // The raw verifier also accepts the signature of a token signet made.
  {
    const char* pem = s == Scheme::es256 ? "es256.pem" : s == Scheme::eddsa ? "ed25519.pem" : "rsa2048.pem";
    auto parsed_alg = signet::jwt::parse_algorithm(alg);
    auto key = signet::jwt::PrivateKey::from_pem(read_file(key_path(pem)), *parsed_alg);
    require(key.has_value(), "PrivateKey::from_pem", alg);
    auto signer = signet::jwt::Signer::create(*key);
    auto token = signer->sign_json(kClaimsJson);
    require(token.has_value() && token->starts_with(f->input + "."), "signet's token has another signing input", alg);
    const std::string sig = b64url_decode(token->substr(f->input.size() + 1));
    require(raw_verify(s, f->keys, f->input, u8(sig), sig.size()), "raw verify rejects signet's signature", alg);
  }

  benchmark::RegisterBenchmark((std::string(op_prefix) + "_sign/openssl_evp").c_str(), [f](benchmark::State& state) {
    unsigned char out[512];
    AllocMeter meter;
    for (auto _ : state) {
      std::size_t n = raw_sign(f->scheme, f->keys, f->input, out);
      benchmark::DoNotOptimize(n);
      benchmark::DoNotOptimize(out);
    }
    meter.report(state);
  });
  benchmark::RegisterBenchmark((std::string(op_prefix) + "_verify/openssl_evp").c_str(), [f](benchmark::State& state) {
    AllocMeter meter;
    for (auto _ : state) {
      bool ok = raw_verify(f->scheme, f->keys, f->input, f->sig.data(), f->sig.size());
      benchmark::DoNotOptimize(ok);
    }
    meter.report(state);
  });
  if (s == Scheme::es256) {
    // The reference for es256_verify_shared/signet: the same raw verify with
    // one EVP_PKEY shared by 1 and 2 threads, i.e. how far the hardware and
    // OpenSSL itself scale. ns/op is wall time per operation of all threads
    // together, as in the signet rows.
    const std::string name = std::string(op_prefix) + "_verify_shared/openssl_evp";
    benchmark::RegisterBenchmark(name.c_str(), [f](benchmark::State& state) {
      AllocMeter meter;
      for (auto _ : state) {
        bool ok = raw_verify(f->scheme, f->keys, f->input, f->sig.data(), f->sig.size());
        benchmark::DoNotOptimize(ok);
      }
      state.SetItemsProcessed(state.iterations());
      meter.report(state);
    })->Threads(1)->Threads(2)->UseRealTime();
  }
}

#ifdef SIGNET_BENCH_HAVE_PASETO
// ------------------------------------------------------ PASETO v4 limits
void le64(std::uint64_t n, unsigned char out[8]) {
  for (int i = 0; i < 8; ++i) {
    out[i] = static_cast<unsigned char>(n & 0xff);
    n >>= 8;
  }
  out[7] &= 0x7f;
}

// PAE(pieces) streamed into a BLAKE2b state.
void pae_update(crypto_generichash_state* st, std::initializer_list<std::string_view> pieces) {
  unsigned char n[8];
  le64(pieces.size(), n);
  crypto_generichash_update(st, n, 8);
  for (auto p : pieces) {
    le64(p.size(), n);
    crypto_generichash_update(st, n, 8);
    crypto_generichash_update(st, u8(p), p.size());
  }
}

std::size_t pae_write(std::initializer_list<std::string_view> pieces, unsigned char* out) {
  std::size_t at = 0;
  le64(pieces.size(), out);
  at += 8;
  for (auto p : pieces) {
    le64(p.size(), out + at);
    at += 8;
    if (!p.empty()) std::memcpy(out + at, p.data(), p.size());  // an empty view may hold nullptr
    at += p.size();
  }
  return at;
}

void register_paseto() {
  struct Local {
    std::string key, n, c, t, plaintext;
    std::vector<unsigned char> out;
  };
  auto* l = keep(new Local);
  l->key = hex_decode(kPasetoLocalKeyHex);
  auto lkey = signet::paseto::LocalKey::from_bytes(std::span<const std::uint8_t>(u8(l->key), l->key.size()));
  require(lkey.has_value(), "paseto LocalKey::from_bytes");
  auto token = signet::paseto::encrypt(*lkey, paseto_claims());
  require(token.has_value(), "paseto::encrypt");
  constexpr std::string_view kLocalHeader = "v4.local.";
  require(token->starts_with(kLocalHeader) && token->find('.', kLocalHeader.size()) == std::string::npos,
          "unexpected v4.local token shape", *token);
  const std::string body = b64url_decode(std::string_view(*token).substr(kLocalHeader.size()));
  require(body.size() > 64, "v4.local token too short");
  l->n = body.substr(0, 32);
  l->c = body.substr(32, body.size() - 64);
  l->t = body.substr(body.size() - 32);
  l->out.resize(l->c.size());
  add_context("paseto_v4_local_token_bytes", std::to_string(token->size()));

  auto decrypt = [](const Local& x, unsigned char* out) -> bool {
    unsigned char tmp[56], ak[32], mac[32];
    crypto_generichash_state st;
    crypto_generichash_init(&st, u8(x.key), 32, sizeof tmp);
    crypto_generichash_update(&st, u8("paseto-encryption-key"), 21);
    crypto_generichash_update(&st, u8(x.n), 32);
    crypto_generichash_final(&st, tmp, sizeof tmp);
    crypto_generichash_init(&st, u8(x.key), 32, sizeof ak);
    crypto_generichash_update(&st, u8("paseto-auth-key-for-aead"), 24);
    crypto_generichash_update(&st, u8(x.n), 32);
    crypto_generichash_final(&st, ak, sizeof ak);
    crypto_generichash_init(&st, ak, sizeof ak, sizeof mac);
    pae_update(&st, {"v4.local.", x.n, x.c, {}, {}});
    crypto_generichash_final(&st, mac, sizeof mac);
    if (sodium_memcmp(mac, u8(x.t), 32) != 0) return false;
    crypto_stream_xchacha20_xor(out, u8(x.c), x.c.size(), tmp + 32, tmp);
    return true;
  };
  require(decrypt(*l, l->out.data()), "raw v4.local MAC check fails on signet's token");
  l->plaintext.assign(reinterpret_cast<const char*>(l->out.data()), l->out.size());
  add_context("paseto_payload", l->plaintext);
  require(l->plaintext.find("\"sub\":\"1234567890\"") != std::string::npos, "raw v4.local decrypt gives", l->plaintext);

  benchmark::RegisterBenchmark("paseto_v4_local_decrypt/libsodium", [l, decrypt](benchmark::State& state) {
    AllocMeter meter;
    for (auto _ : state) {
      bool ok = decrypt(*l, l->out.data());
      benchmark::DoNotOptimize(ok);
      benchmark::ClobberMemory();
    }
    meter.report(state);
  });

  struct Public {
    unsigned char pk[32];
    std::string m, sig;
    std::vector<unsigned char> pae;
  };
  auto* p = keep(new Public);
  const std::string seed = hex_decode(kPasetoSeedHex);
  auto skey = signet::paseto::SecretKey::from_seed(std::span<const std::uint8_t>(u8(seed), seed.size()));
  require(skey.has_value(), "paseto SecretKey::from_seed");
  std::memcpy(p->pk, skey->public_key().bytes().data(), 32);
  auto ptoken = signet::paseto::sign(*skey, paseto_claims());
  require(ptoken.has_value(), "paseto::sign");
  constexpr std::string_view kPublicHeader = "v4.public.";
  const std::string pbody = b64url_decode(std::string_view(*ptoken).substr(kPublicHeader.size()));
  p->m = pbody.substr(0, pbody.size() - 64);
  p->sig = pbody.substr(pbody.size() - 64);
  p->pae.resize(8 * 5 + kPublicHeader.size() + p->m.size());  // count + 4 lengths
  add_context("paseto_v4_public_token_bytes", std::to_string(ptoken->size()));
  auto verify = [](Public& x) -> bool {
    const std::size_t n = pae_write({"v4.public.", x.m, {}, {}}, x.pae.data());
    return crypto_sign_verify_detached(u8(x.sig), x.pae.data(), n, x.pk) == 0;
  };
  require(verify(*p), "raw v4.public verify rejects signet's token");
  benchmark::RegisterBenchmark("paseto_v4_public_verify/libsodium", [p, verify](benchmark::State& state) {
    AllocMeter meter;
    for (auto _ : state) {
      bool ok = verify(*p);
      benchmark::DoNotOptimize(ok);
    }
    meter.report(state);
  });
}
#endif  // SIGNET_BENCH_HAVE_PASETO

}  // namespace

void register_raw_benchmarks() {
  register_hmac();
  register_asymmetric(Scheme::es256, "ES256", "es256");
  register_asymmetric(Scheme::eddsa, "EdDSA", "eddsa");
  register_asymmetric(Scheme::rs256, "RS256", "rs256");
  register_asymmetric(Scheme::ps256, "PS256", "ps256");
#ifdef SIGNET_BENCH_HAVE_PASETO
  register_paseto();
#endif
}

}  // namespace signet_bench
