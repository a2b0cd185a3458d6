// Django, itsdangerous and PASETO objects shared between threads, and created
// and destroyed concurrently from the same key bytes. Every result is checked.
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "concurrency_support.h"
#include "signet/django.h"
#include "signet/itsdangerous.h"
#include "signet/paseto.h"

namespace signet {
namespace {

using signet::testing::Failures;
using signet::testing::is_error;
using signet::testing::kThreads;
using signet::testing::run_threads;

constexpr std::int64_t kNow = 1700000000;

const FixedClock& test_clock() {
  static const FixedClock clock = FixedClock::from_seconds(kNow);
  return clock;
}

std::string value_for(int t, int i) { return "value-" + std::to_string(t) + "-" + std::to_string(i); }

// Flips the fifth character from the end: inside the signature or tag of
// every format here, and never one whose spare bits would make the encoding
// non-canonical (which is rejected as malformed, earlier).
std::string tamper_last(std::string token) {
  char& c = token[token.size() - 5];
  c = c == 'A' ? 'B' : 'A';
  return token;
}

// Option structs spelled out (designated initializers would warn about the
// members left out under -Wextra).
django::UnsignOptions max_age_60s() {
  django::UnsignOptions o;
  o.max_age = std::chrono::seconds(60);
  return o;
}
django::ObjectOptions compressed(bool on) {
  django::ObjectOptions o;
  o.compress = on;
  return o;
}
django::DumpsOptions dumps_options() {
  django::DumpsOptions o;
  o.compress = true;
  o.clock = &test_clock();
  return o;
}
django::LoadsOptions loads_options() {
  django::LoadsOptions o;
  o.clock = &test_clock();
  return o;
}
itsdangerous::UnsignOptions its_max_age_5s() {
  itsdangerous::UnsignOptions o;
  o.max_age = std::chrono::seconds(5);
  return o;
}
paseto::TokenOptions with_footer() {
  paseto::TokenOptions o;
  o.footer = R"({"kid":"k"})";
  return o;
}

// ---------------------------------------------------------------- Django

TEST(DjangoConcurrencyTest, SharedSignerAndTimestampSignerCheckEveryResult) {
  const SecretBytes key("django-insecure-concurrency-test-key");
  django::SignerOptions options;
  options.fallback_keys.push_back(SecretBytes("an-older-key"));
  const django::Signer signer = django::Signer::create(key, options).value();
  const django::TimestampSigner stamped = django::TimestampSigner::create(key, {}, test_clock()).value();
  const django::Signer old_key_signer = django::Signer::create(SecretBytes("an-older-key")).value();
  const django::Signer stranger = django::Signer::create(SecretBytes("someone-else")).value();
  const std::string big_json = R"({"items":")" + std::string(4000, 'x') + R"("})";

  Failures failures;
  run_threads(kThreads, [&](int t) {
    for (int i = 0; i < 60; ++i) {
      const std::string value = value_for(t, i);
      const std::string token = signer.sign(value);
      auto r = signer.unsign(token);
      failures.expect(r.has_value() && *r == value, "Django Signer did not return its own value");
      const std::string tampered = tamper_last(token);
      failures.expect(is_error(signer.unsign(tampered), Errc::bad_signature), "Django Signer accepted a tampered token");
      const std::string by_fallback = old_key_signer.sign(value);
      auto f = signer.unsign(by_fallback);
      failures.expect(f.has_value() && *f == value, "Django Signer refused a token of its fallback key");
      const std::string foreign = stranger.sign(value);
      failures.expect(is_error(signer.unsign(foreign), Errc::bad_signature), "Django Signer accepted another key's token");

      const std::string ts_token = stamped.sign(value);
      auto s = stamped.unsign(ts_token, max_age_60s());
      failures.expect(s.has_value() && *s == value, "Django TimestampSigner did not return its own value");
      const std::string ts_tampered = tamper_last(ts_token);
      failures.expect(is_error(stamped.unsign(ts_tampered), Errc::bad_signature),
                      "Django TimestampSigner accepted a tampered token");

      // Objects go through per-thread scratch buffers (compression, JSON).
      if (i % 6 == 0) {
        const std::string json = R"({"t":)" + std::to_string(t) + R"(,"i":)" + std::to_string(i) + "}";
        auto object_token = stamped.sign_object(json, compressed(i % 12 == 0));
        auto back = object_token ? stamped.unsign_object(*object_token) : Result<std::string>(object_token.error());
        failures.expect(back.has_value() && *back == json, "Django object round trip failed");
        auto big = signer.sign_object(big_json, compressed(true));
        auto big_back = big ? signer.unsign_object(*big) : Result<std::string>(big.error());
        failures.expect(big_back.has_value() && *big_back == big_json, "Django compressed object round trip failed");
        auto dumped = django::dumps(json, key, dumps_options());
        auto loaded = dumped ? django::loads(*dumped, key, loads_options()) : Result<std::string>(dumped.error());
        failures.expect(loaded.has_value() && *loaded == json, "django::dumps/loads round trip failed");
      }
    }
  });
  EXPECT_EQ(failures.count(), 0u) << failures.first();
}

TEST(DjangoConcurrencyTest, CreateAndDestroySignersFromTheSameKey) {
  const std::string key_text = "shared-secret-key-text";
  const django::Signer shared = django::Signer::create(SecretBytes(key_text)).value();
  const std::string token = shared.sign("hello");
  Failures failures;
  run_threads(kThreads, [&](int t) {
    for (int i = 0; i < 40; ++i) {
      auto own = django::Signer::create(SecretBytes(key_text));
      if (!own) {
        failures.fail("Signer::create failed");
        continue;
      }
      failures.expect(own->unsign(token).has_value(), "a new Signer refused the shared signer's token");
      const std::string mine = own->sign(value_for(t, i));
      auto r = shared.unsign(mine);
      failures.expect(r.has_value() && *r == value_for(t, i), "the shared Signer refused a new signer's token");
    }
  });
  EXPECT_EQ(failures.count(), 0u) << failures.first();
}

// ---------------------------------------------------------------- itsdangerous

TEST(ItsdangerousConcurrencyTest, SharedSignersAndSerializersCheckEveryResult) {
  const SecretBytes key("itsdangerous-concurrency-key");
  const itsdangerous::Signer signer = itsdangerous::Signer::create(key).value();
  const itsdangerous::TimestampSigner stamped = itsdangerous::TimestampSigner::create(key, {}, test_clock()).value();
  const itsdangerous::URLSafeTimedSerializer serializer =
      itsdangerous::URLSafeTimedSerializer::create(key, {}, test_clock()).value();
  const itsdangerous::Signer stranger = itsdangerous::Signer::create(SecretBytes("other")).value();

  Failures failures;
  run_threads(kThreads, [&](int t) {
    for (int i = 0; i < 60; ++i) {
      const std::string value = value_for(t, i);
      const std::string token = signer.sign(value);
      auto r = signer.unsign(token);
      failures.expect(r.has_value() && *r == value, "itsdangerous Signer did not return its own value");
      const std::string tampered = tamper_last(token);
      failures.expect(is_error(signer.unsign(tampered), Errc::bad_signature),
                      "itsdangerous Signer accepted a tampered token");
      const std::string foreign = stranger.sign(value);
      failures.expect(is_error(signer.unsign(foreign), Errc::bad_signature),
                      "itsdangerous Signer accepted another key's token");
      auto ts = stamped.sign(value);
      auto s = ts ? stamped.unsign_stamped(*ts, its_max_age_5s())
                  : Result<itsdangerous::Stamped>(ts.error());
      failures.expect(s.has_value() && s->value == value && s->timestamp == static_cast<std::uint64_t>(kNow),
                      "itsdangerous TimestampSigner round trip failed");
      if (i % 4 == 0) {
        const std::string json = R"({"n":)" + std::to_string(t * 100 + i) + R"(,"pad":")" + std::string(200, 'p') + "\"}";
        auto dumped = serializer.dumps(json);
        auto loaded = dumped ? serializer.loads(*dumped) : Result<std::string>(dumped.error());
        failures.expect(loaded.has_value() && *loaded == json, "itsdangerous serializer round trip failed");
        if (dumped) {
          failures.expect(is_error(serializer.loads(tamper_last(*dumped)), Errc::bad_signature),
                          "itsdangerous serializer accepted a tampered token");
        }
      }
    }
  });
  EXPECT_EQ(failures.count(), 0u) << failures.first();
}

// ---------------------------------------------------------------- PASETO

UnixTime at(std::int64_t seconds) { return UnixTime(std::chrono::seconds(seconds)); }

paseto::Claims claims_for(int t, int i, std::int64_t exp = kNow + 600) {
  paseto::Claims c;
  c.issuer("issuer").subject(value_for(t, i)).expires_at(at(exp));
  return c;
}

TEST(PasetoConcurrencyTest, SharedDecryptorAndVerifierCheckEveryResult) {
  const paseto::LocalKey local = paseto::LocalKey::generate().value();
  const paseto::SecretKey secret = paseto::SecretKey::generate().value();
  const paseto::LocalKey other_local = paseto::LocalKey::generate().value();
  const paseto::SecretKey other_secret = paseto::SecretKey::generate().value();
  const paseto::Policy policy = paseto::PolicyBuilder().expect_issuer("issuer").build().value();
  const paseto::Decryptor decryptor = paseto::Decryptor::create(local, policy, test_clock()).value();
  const paseto::Verifier verifier = paseto::Verifier::create(secret.public_key(), policy, test_clock()).value();

  const std::string expired_local = paseto::encrypt(local, claims_for(0, 0, kNow - 5)).value();
  const std::string expired_public = paseto::sign(secret, claims_for(0, 0, kNow - 5)).value();
  const std::string foreign_local = paseto::encrypt(other_local, claims_for(0, 1)).value();
  const std::string foreign_public = paseto::sign(other_secret, claims_for(0, 1)).value();

  Failures failures;
  run_threads(kThreads, [&](int t) {
    for (int i = 0; i < 25; ++i) {
      const std::string subject = value_for(t, i);
      auto lt = paseto::encrypt(local, claims_for(t, i), with_footer());
      auto pt = paseto::sign(secret, claims_for(t, i));
      if (!lt || !pt) {
        failures.fail("PASETO issuing failed");
        continue;
      }
      auto l = decryptor.decrypt(*lt);
      failures.expect(l.has_value() && l->subject() == subject, "shared Decryptor did not return its own token");
      auto p = verifier.verify(*pt);
      failures.expect(p.has_value() && p->subject() == subject, "shared Verifier did not return its own token");
      failures.expect(!decryptor.decrypt(tamper_last(*lt)).has_value(), "shared Decryptor accepted a tampered token");
      failures.expect(is_error(verifier.verify(tamper_last(*pt)), Errc::bad_signature),
                      "shared Verifier accepted a tampered token");
      failures.expect(is_error(decryptor.decrypt(expired_local), Errc::expired), "expired v4.local accepted");
      failures.expect(is_error(verifier.verify(expired_public), Errc::expired), "expired v4.public accepted");
      failures.expect(!decryptor.decrypt(foreign_local).has_value(), "another key's v4.local token accepted");
      failures.expect(is_error(verifier.verify(foreign_public), Errc::bad_signature),
                      "another key's v4.public token accepted");
    }
  });
  EXPECT_EQ(failures.count(), 0u) << failures.first();
}

TEST(PasetoConcurrencyTest, CreateAndDestroyKeysFromTheSamePaserk) {
  const paseto::LocalKey local = paseto::LocalKey::generate().value();
  const paseto::SecretKey secret = paseto::SecretKey::generate().value();
  const std::string local_paserk = local.to_paserk();
  const std::string secret_paserk = secret.to_paserk();
  const std::string public_paserk = secret.public_key().to_paserk();
  const paseto::Policy policy = paseto::PolicyBuilder().build().value();
  const std::string local_token = paseto::encrypt(local, claims_for(1, 1)).value();
  const std::string public_token = paseto::sign(secret, claims_for(1, 2)).value();

  Failures failures;
  run_threads(kThreads, [&](int t) {
    for (int i = 0; i < 25; ++i) {
      auto lk = paseto::LocalKey::from_paserk(local_paserk);
      auto pk = paseto::PublicKey::from_paserk(public_paserk);
      auto sk = paseto::SecretKey::from_paserk(secret_paserk);
      if (!lk || !pk || !sk) {
        failures.fail("PASERK import failed");
        continue;
      }
      failures.expect(lk->id() == local.id(), "k4.lid differs for the same key");
      auto d = paseto::Decryptor::create(*lk, policy, test_clock()).value();
      auto v = paseto::Verifier::create(*pk, policy, test_clock()).value();
      failures.expect(d.decrypt(local_token).has_value(), "a Decryptor from the same PASERK refused a token");
      failures.expect(v.verify(public_token).has_value(), "a Verifier from the same PASERK refused a token");
      // Copies of the shared key share its secret bytes between threads.
      paseto::LocalKey copy = local;
      auto mine = paseto::encrypt(copy, claims_for(t, i));
      failures.expect(mine.has_value() && d.decrypt(*mine).has_value(), "a token from a copied key did not decrypt");
      auto signed_token = paseto::sign(*sk, claims_for(t, i));
      failures.expect(signed_token.has_value() && v.verify(*signed_token).has_value(),
                      "a token from a re-imported secret key did not verify");
    }
  });
  EXPECT_EQ(failures.count(), 0u) << failures.first();
}

}  // namespace
}  // namespace signet
