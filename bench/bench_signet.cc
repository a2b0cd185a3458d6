// bench/bench_signet.cc: signet's own operations, through its public API only,
// on the workload of workload.h. Every fixture first checks that the good
// token is accepted and the tampered one rejected with bad_signature.
//
// Benchmark names are "<operation>/<implementation>"; bench/report.py groups
// them by operation (see the table in docs/benchmarks.md).
#include <benchmark/benchmark.h>

#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <utility>

#include "meter.h"
#include "signet/django.h"
#include "signet/jwt.h"
#include "signet_workload.h"
#include "workload.h"

namespace signet_bench {
namespace {

std::map<std::string, std::string, std::less<>>& tokens() {
  static std::map<std::string, std::string, std::less<>> t;
  return t;
}

namespace jwt = signet::jwt;
namespace django = signet::django;

template <class T>
T must(signet::Result<T> r, std::string_view what) {
  if (!r) die(what, r.error().detail());
  return std::move(*r);
}

void expect_bad_signature(const signet::Error& e, std::string_view what) {
  require(e.code() == signet::Errc::bad_signature, what, e.detail());
}

// --------------------------------------------------------------- JWT
struct JwtFixture {
  std::string name;  // "hs256", "es256", ...
  std::unique_ptr<jwt::Signer> signer;
  std::unique_ptr<jwt::Verifier> verifier;
  std::string token, bad_token;
};

JwtFixture* make_hs256() {
  auto* f = keep(new JwtFixture);
  f->name = "hs256";
  auto key = must(jwt::HmacKey::from_secret(jwt::Algorithm::HS256, signet::SecretBytes(kHmacSecret)), "HmacKey");
  f->signer = std::make_unique<jwt::Signer>(must(jwt::Signer::create(key), "jwt::Signer::create"));
  auto policy = must(jwt::PolicyBuilder().build(), "PolicyBuilder::build");
  f->verifier = std::make_unique<jwt::Verifier>(must(jwt::Verifier::create(key, policy), "jwt::Verifier::create"));
  return f;
}

JwtFixture* make_asymmetric(const char* name, jwt::Algorithm alg, const char* pem_file) {
  auto* f = keep(new JwtFixture);
  f->name = name;
  auto key = must(jwt::PrivateKey::from_pem(read_file(key_path(pem_file)), alg), "PrivateKey::from_pem");
  f->signer = std::make_unique<jwt::Signer>(must(jwt::Signer::create(key), "jwt::Signer::create"));
  // The verifier gets the public key, parsed from its own PEM, as a real
  // verifying service would.
  const std::string pub_file = std::string(pem_file).replace(std::string(pem_file).find(".pem"), 4, ".pub.pem");
  auto pub = must(jwt::PublicKey::from_pem(read_file(key_path(pub_file)), alg), "PublicKey::from_pem");
  auto policy = must(jwt::PolicyBuilder().build(), "PolicyBuilder::build");
  f->verifier = std::make_unique<jwt::Verifier>(must(jwt::Verifier::create(pub, policy), "jwt::Verifier::create"));
  return f;
}

void finish_jwt_fixture(JwtFixture* f, std::string_view alg_name) {
  f->token = must(f->signer->sign(jwt_claims()), "jwt::Signer::sign");
  require(f->token.starts_with(jwt_signing_input(alg_name) + "."), "signet's token is not the workload's", f->token);
  f->bad_token = tamper_signature(f->token);
  auto ok = f->verifier->verify(f->token);
  require(ok.has_value(), "signet rejects its own token", ok ? "" : ok.error().detail());
  require(ok->subject() && *ok->subject() == kSubject && ok->expires_at() && ok->issued_at(), "decoded claims differ");
  auto bad = f->verifier->verify(f->bad_token);
  require(!bad.has_value(), "signet accepts a tampered token");
  expect_bad_signature(bad.error(), "tampered JWT");
  add_context(f->name + "_token", f->token);
  tokens()[f->name] = f->token;
}

void register_jwt_ops(JwtFixture* f, bool rejected, bool threads) {
  benchmark::RegisterBenchmark((f->name + "_verify/signet").c_str(), [f](benchmark::State& state) {
    AllocMeter meter;
    for (auto _ : state) {
      auto r = f->verifier->verify(f->token);
      benchmark::DoNotOptimize(r);
    }
    meter.report(state);
  });
  benchmark::RegisterBenchmark((f->name + "_sign/signet").c_str(), [f](benchmark::State& state) {
    AllocMeter meter;
    for (auto _ : state) {
      auto r = f->signer->sign(jwt_claims());  // claims builder -> token
      benchmark::DoNotOptimize(r);
    }
    meter.report(state);
  });
  if (rejected) {
    benchmark::RegisterBenchmark((f->name + "_verify_rejected/signet").c_str(), [f](benchmark::State& state) {
      AllocMeter meter;
      for (auto _ : state) {
        auto r = f->verifier->verify(f->bad_token);
        benchmark::DoNotOptimize(r);
      }
      meter.report(state);
    });
  }
  if (threads) {
    // One Verifier shared by every thread; ns/op is wall time per operation
    // of all threads together, so ops/s = 1e9 / ns (see docs/benchmarks.md).
    benchmark::RegisterBenchmark((f->name + "_verify_shared/signet").c_str(), [f](benchmark::State& state) {
      AllocMeter meter;
      for (auto _ : state) {
        auto r = f->verifier->verify(f->token);
        benchmark::DoNotOptimize(r);
      }
      state.SetItemsProcessed(state.iterations());
      meter.report(state);
    })->Threads(1)->Threads(2)->UseRealTime();
  }
  // The caller's-buffer overload: the accepted token lives in a buffer the
  // caller keeps, so a warm buffer means zero allocations per token.
  benchmark::RegisterBenchmark((f->name + "_verify/signet_caller_buffer").c_str(), [f](benchmark::State& state) {
    jwt::VerifiedTokenBuffer buffer;
    require(f->verifier->verify(f->token, buffer).has_value(), "verify into a caller's buffer fails");
    AllocMeter meter;
    for (auto _ : state) {
      auto r = f->verifier->verify(f->token, buffer);
      benchmark::DoNotOptimize(r);
    }
    meter.report(state);
  });
}

void register_jwt() {
  JwtFixture* hs = make_hs256();
  finish_jwt_fixture(hs, "HS256");
  register_jwt_ops(hs, /*rejected=*/true, /*threads=*/true);
  // The sign row without the claims builder, to separate the two costs.
  benchmark::RegisterBenchmark("hs256_sign/signet_sign_json", [hs](benchmark::State& state) {
    AllocMeter meter;
    for (auto _ : state) {
      auto r = hs->signer->sign_json(kClaimsJson);
      benchmark::DoNotOptimize(r);
    }
    meter.report(state);
  });

  struct Asym {
    const char* name;
    jwt::Algorithm alg;
    const char* alg_name;
    const char* pem;
  };
  for (const Asym& a : {Asym{"es256", jwt::Algorithm::ES256, "ES256", "es256.pem"},
                        Asym{"eddsa", jwt::Algorithm::EdDSA, "EdDSA", "ed25519.pem"},
                        Asym{"rs256", jwt::Algorithm::RS256, "RS256", "rsa2048.pem"},
                        Asym{"ps256", jwt::Algorithm::PS256, "PS256", "rsa2048.pem"}}) {
    JwtFixture* f = make_asymmetric(a.name, a.alg, a.pem);
    finish_jwt_fixture(f, a.alg_name);
    const bool es256 = a.alg == jwt::Algorithm::ES256;
    register_jwt_ops(f, /*rejected=*/es256, /*threads=*/es256);
  }
}

// ------------------------------------------------------------- Django
struct DjangoFixture {
  signet::SecretBytes key{kHmacSecret};
  django::LoadsOptions loads_options;
  django::UnsignOptions unsign_options;
  std::unique_ptr<django::TimestampSigner> dumps_signer;  // salt "django.core.signing", as signing.dumps
  std::unique_ptr<django::Signer> plain_signer;           // Signer(): "value:signature"
  std::string token, bad_token;
  std::string plain_token, bad_plain_token;
};

void register_django() {
  auto* f = keep(new DjangoFixture);
  f->loads_options.max_age = std::chrono::seconds(kDjangoMaxAgeSeconds);
  f->unsign_options.max_age = std::chrono::seconds(kDjangoMaxAgeSeconds);
  django::SignerOptions so;
  so.salt = std::string(kDjangoDumpsSalt);
  f->dumps_signer = std::make_unique<django::TimestampSigner>(must(django::TimestampSigner::create(f->key, so), "TimestampSigner"));
  f->plain_signer = std::make_unique<django::Signer>(must(django::Signer::create(f->key), "django::Signer"));

  f->token = must(django::dumps(kDjangoValue, f->key), "django::dumps");
  f->bad_token = tamper_signature(f->token);
  require(must(django::loads(f->token, f->key, f->loads_options), "django::loads") == kDjangoValue, "loads differs");
  require(must(f->dumps_signer->unsign_object(f->token, f->unsign_options), "unsign_object") == kDjangoValue,
          "unsign_object differs");
  auto bad = django::loads(f->bad_token, f->key, f->loads_options);
  require(!bad.has_value(), "django::loads accepts a tampered token");
  expect_bad_signature(bad.error(), "tampered Django token");
  f->plain_token = f->plain_signer->sign(kDjangoValue);
  f->bad_plain_token = tamper_signature(f->plain_token);
  {
    auto r = f->plain_signer->unsign(std::string_view(f->bad_plain_token));
    require(!r.has_value(), "Signer::unsign accepts a tampered token");
    expect_bad_signature(r.error(), "tampered Signer token");
    auto t = f->dumps_signer->unsign(std::string_view(f->bad_token), f->unsign_options);
    require(!t.has_value(), "TimestampSigner::unsign accepts a tampered token");
    expect_bad_signature(t.error(), "tampered TimestampSigner token");
  }
  add_context("django_token", f->token);

  // signing.loads / signing.dumps equivalents: the free functions derive the
  // key on every call, as Django does.
  benchmark::RegisterBenchmark("django_loads/signet", [f](benchmark::State& state) {
    AllocMeter meter;
    for (auto _ : state) {
      auto r = django::loads(f->token, f->key, f->loads_options);
      benchmark::DoNotOptimize(r);
    }
    meter.report(state);
  });
  benchmark::RegisterBenchmark("django_loads/signet_timestamp_signer", [f](benchmark::State& state) {
    AllocMeter meter;
    for (auto _ : state) {
      auto r = f->dumps_signer->unsign_object(f->token, f->unsign_options);
      benchmark::DoNotOptimize(r);
    }
    meter.report(state);
  });
  benchmark::RegisterBenchmark("django_dumps/signet", [f](benchmark::State& state) {
    AllocMeter meter;
    for (auto _ : state) {
      auto r = django::dumps(kDjangoValue, f->key);
      benchmark::DoNotOptimize(r);
    }
    meter.report(state);
  });
  benchmark::RegisterBenchmark("django_dumps/signet_timestamp_signer", [f](benchmark::State& state) {
    AllocMeter meter;
    for (auto _ : state) {
      auto r = f->dumps_signer->sign_object(kDjangoValue);
      benchmark::DoNotOptimize(r);
    }
    meter.report(state);
  });
  benchmark::RegisterBenchmark("django_loads_rejected/signet", [f](benchmark::State& state) {
    AllocMeter meter;
    for (auto _ : state) {
      auto r = django::loads(f->bad_token, f->key, f->loads_options);
      benchmark::DoNotOptimize(r);
    }
    meter.report(state);
  });
  benchmark::RegisterBenchmark("django_loads_rejected/signet_timestamp_signer", [f](benchmark::State& state) {
    AllocMeter meter;
    for (auto _ : state) {
      auto r = f->dumps_signer->unsign_object(f->bad_token, f->unsign_options);
      benchmark::DoNotOptimize(r);
    }
    meter.report(state);
  });
  benchmark::RegisterBenchmark("django_unsign/signet_signer", [f](benchmark::State& state) {
    AllocMeter meter;
    for (auto _ : state) {
      auto r = f->plain_signer->unsign(std::string_view(f->plain_token));
      benchmark::DoNotOptimize(r);
    }
    meter.report(state);
  });
  benchmark::RegisterBenchmark("django_unsign_rejected/signet_signer", [f](benchmark::State& state) {
    AllocMeter meter;
    for (auto _ : state) {
      auto r = f->plain_signer->unsign(std::string_view(f->bad_plain_token));
      benchmark::DoNotOptimize(r);
    }
    meter.report(state);
  });
  benchmark::RegisterBenchmark("django_unsign/signet_timestamp_signer", [f](benchmark::State& state) {
    AllocMeter meter;
    for (auto _ : state) {
      auto r = f->dumps_signer->unsign(std::string_view(f->token), f->unsign_options);
      benchmark::DoNotOptimize(r);
    }
    meter.report(state);
  });
  benchmark::RegisterBenchmark("django_unsign_rejected/signet_timestamp_signer", [f](benchmark::State& state) {
    AllocMeter meter;
    for (auto _ : state) {
      auto r = f->dumps_signer->unsign(std::string_view(f->bad_token), f->unsign_options);
      benchmark::DoNotOptimize(r);
    }
    meter.report(state);
  });
}

// ------------------------------------------------------------- PASETO
#ifdef SIGNET_BENCH_HAVE_PASETO
namespace paseto = signet::paseto;

void register_paseto() {
  struct Fixture {
    std::unique_ptr<paseto::LocalKey> local_key;
    std::unique_ptr<paseto::SecretKey> secret_key;
    std::unique_ptr<paseto::PublicKey> public_key;
    std::unique_ptr<paseto::Decryptor> decryptor;
    std::unique_ptr<paseto::Verifier> verifier;
    std::string local_token, bad_local_token, public_token, bad_public_token;
  };
  auto* f = keep(new Fixture);
  const std::string lk = hex_decode(kPasetoLocalKeyHex);
  const std::string seed = hex_decode(kPasetoSeedHex);
  auto bytes = [](const std::string& s) {
    return std::span<const std::uint8_t>(reinterpret_cast<const std::uint8_t*>(s.data()), s.size());
  };
  f->local_key = std::make_unique<paseto::LocalKey>(must(paseto::LocalKey::from_bytes(bytes(lk)), "LocalKey"));
  f->secret_key = std::make_unique<paseto::SecretKey>(must(paseto::SecretKey::from_seed(bytes(seed)), "SecretKey"));
  f->public_key = std::make_unique<paseto::PublicKey>(f->secret_key->public_key());
  auto policy = must(paseto::PolicyBuilder().build(), "paseto::PolicyBuilder::build");
  f->decryptor = std::make_unique<paseto::Decryptor>(must(paseto::Decryptor::create(*f->local_key, policy), "Decryptor"));
  f->verifier = std::make_unique<paseto::Verifier>(must(paseto::Verifier::create(*f->public_key, policy), "Verifier"));

  f->local_token = must(paseto::encrypt(*f->local_key, paseto_claims()), "paseto::encrypt");
  f->public_token = must(paseto::sign(*f->secret_key, paseto_claims()), "paseto::sign");
  f->bad_local_token = tamper_signature(f->local_token);
  f->bad_public_token = tamper_signature(f->public_token);
  {
    auto a = f->decryptor->decrypt(f->local_token);
    require(a.has_value(), "Decryptor rejects signet's token", a ? "" : a.error().detail());
    auto b = f->verifier->verify(f->public_token);
    require(b.has_value(), "paseto::Verifier rejects signet's token", b ? "" : b.error().detail());
    auto c = f->decryptor->decrypt(f->bad_local_token);
    require(!c.has_value(), "Decryptor accepts a tampered token");
    expect_bad_signature(c.error(), "tampered v4.local token");
    auto d = f->verifier->verify(f->bad_public_token);
    require(!d.has_value(), "paseto::Verifier accepts a tampered token");
    expect_bad_signature(d.error(), "tampered v4.public token");
  }
  add_context("paseto_v4_local_token", f->local_token);
  add_context("paseto_v4_public_token", f->public_token);

  auto reg = [](const char* name, auto fn) {
    benchmark::RegisterBenchmark(name, [fn](benchmark::State& state) {
      AllocMeter meter;
      for (auto _ : state) {
        auto r = fn();
        benchmark::DoNotOptimize(r);
      }
      meter.report(state);
    });
  };
  reg("paseto_v4_local_decrypt/signet", [f] { return f->decryptor->decrypt(f->local_token); });
  reg("paseto_v4_local_decrypt/signet_message", [f] { return paseto::decrypt_message(*f->local_key, f->local_token); });
  reg("paseto_v4_local_decrypt_rejected/signet", [f] { return f->decryptor->decrypt(f->bad_local_token); });
  reg("paseto_v4_local_encrypt/signet", [f] { return paseto::encrypt(*f->local_key, paseto_claims()); });
  reg("paseto_v4_public_verify/signet", [f] { return f->verifier->verify(f->public_token); });
  reg("paseto_v4_public_verify/signet_message", [f] { return paseto::verify_message(*f->public_key, f->public_token); });
  reg("paseto_v4_public_verify_rejected/signet", [f] { return f->verifier->verify(f->bad_public_token); });
  reg("paseto_v4_public_sign/signet", [f] { return paseto::sign(*f->secret_key, paseto_claims()); });
}
#else
// TODO(PASETO): include/signet/paseto.h did not exist when this binary was
// built; the PASETO v4.local decrypt / v4.public verify benchmarks register
// themselves as soon as it does (see SIGNET_BENCH_HAVE_PASETO).
void register_paseto() {}
#endif

}  // namespace

const std::string& workload_token(std::string_view name) {
  auto it = tokens().find(name);
  if (it == tokens().end()) die("no workload token for", name);
  return it->second;
}

void register_signet_benchmarks() {
  register_jwt();
  register_django();
  register_paseto();
}

}  // namespace signet_bench
