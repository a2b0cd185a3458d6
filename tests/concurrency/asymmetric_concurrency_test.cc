// crypto::AsymmetricKey::verify keeps one OpenSSL context per thread, key,
// scheme and hash. These tests verify with keys that other threads replace
// and destroy at the same time, so that a key's last reference is often
// dropped while other threads still hold contexts for it, and use more keys
// than a thread keeps contexts for.
#include <gtest/gtest.h>

#include <array>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "concurrency_support.h"
#include "crypto/asymmetric.h"

namespace signet::crypto {
namespace {

using signet::testing::Failures;
using signet::testing::kThreads;
using signet::testing::run_threads;

std::span<const std::uint8_t> bytes_of(std::string_view s) {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

constexpr std::string_view kMessage = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJjb25jdXJyZW5jeSJ9";

struct Signed {
  AsymmetricKey::Ptr key;  // a private key (verify uses its public half) or a public key
  SignatureScheme scheme = SignatureScheme::ecdsa;
  Hash hash = Hash::sha256;
  std::vector<std::uint8_t> sig;
};

Signed make_signed(AsymmetricKey::Ptr key, SignatureScheme scheme, Hash hash, bool keep_public_only) {
  Signed s{std::move(key), scheme, hash, {}};
  s.sig.resize(s.key->signature_size());
  if (!s.key->sign(scheme, hash, bytes_of(kMessage), s.sig.data())) s.sig.clear();
  if (keep_public_only) s.key = s.key->public_half();
  return s;
}

TEST(AsymmetricConcurrencyTest, KeysReplacedAndDestroyedWhileOthersVerify) {
  const AsymmetricKey::Ptr rsa = AsymmetricKey::generate_rsa(2048).value();
  // Twelve slots: more keys than one thread keeps contexts for.
  constexpr std::size_t kSlots = 12;
  std::mutex mu;
  std::array<Signed, kSlots> slots;
  for (std::size_t i = 0; i < kSlots; ++i) {
    slots[i] = make_signed(AsymmetricKey::generate_ec(Curve::p256).value(), SignatureScheme::ecdsa, Hash::sha256, i % 2);
  }
  slots[0] = make_signed(rsa, SignatureScheme::rsa_pss, Hash::sha256, false);
  slots[1] = make_signed(rsa, SignatureScheme::rsa_pkcs1, Hash::sha384, true);

  Failures failures;
  run_threads(kThreads, [&](int t) {
    for (int i = 0; i < 48; ++i) {
      const std::size_t at = static_cast<std::size_t>(t * 5 + i) % kSlots;
      if (t % 4 == 0 && i % 4 == 0) {
        // Replace a slot: the old key may lose its last reference here or
        // in whichever verifying thread drops its copy last.
        Signed fresh = (i % 8 == 0)
                           ? make_signed(AsymmetricKey::generate_ed25519().value(), SignatureScheme::ed25519, Hash::sha512,
                                         false)
                           : make_signed(AsymmetricKey::generate_ec(Curve::p256).value(), SignatureScheme::ecdsa,
                                         (i % 3 == 0) ? Hash::sha384 : Hash::sha256, i % 2 == 0);
        failures.expect(!fresh.sig.empty(), "signing with a fresh key failed");
        std::lock_guard lock(mu);
        slots[at] = std::move(fresh);
        continue;
      }
      Signed mine, other;
      {
        std::lock_guard lock(mu);
        mine = slots[at];
        other = slots[(at + 1) % kSlots];
      }
      failures.expect(mine.key->verify(mine.scheme, mine.hash, bytes_of(kMessage), mine.sig),
                      "a key rejected its own signature");
      if (mine.key->has_private()) {
        failures.expect(mine.key->public_half()->verify(mine.scheme, mine.hash, bytes_of(kMessage), mine.sig),
                        "a public half rejected its key's signature");
      }
      auto tampered = mine.sig;
      tampered[tampered.size() / 2] ^= 0x10;
      failures.expect(!mine.key->verify(mine.scheme, mine.hash, bytes_of(kMessage), tampered),
                      "a key accepted a tampered signature");
      if (other.key != mine.key && other.key != mine.key->public_half() && mine.key != other.key->public_half()) {
        failures.expect(!mine.key->verify(mine.scheme, mine.hash, bytes_of(kMessage), other.sig),
                        "a key accepted another key's signature");
      }
      // The key of the slot is dropped at the end of this iteration, maybe
      // as its last owner, while this thread's contexts still refer to it.
    }
  });
  EXPECT_EQ(failures.count(), 0u) << failures.first();
}

// A key keeps one signing context per scheme and hash, which a call takes
// for itself; threads signing with one key at once each get a context of
// their own, and every signature verifies.
TEST(AsymmetricConcurrencyTest, OneKeySignsFromManyThreadsAtOnce) {
  const AsymmetricKey::Ptr ec = AsymmetricKey::generate_ec(Curve::p256).value();
  const AsymmetricKey::Ptr rsa = AsymmetricKey::generate_rsa(2048).value();
  Failures failures;
  run_threads(kThreads, [&](int t) {
    for (int i = 0; i < 24; ++i) {
      const bool use_rsa = (t + i) % 6 == 0;
      const AsymmetricKey& key = use_rsa ? *rsa : *ec;
      const SignatureScheme scheme =
          use_rsa ? (i % 2 == 0 ? SignatureScheme::rsa_pss : SignatureScheme::rsa_pkcs1) : SignatureScheme::ecdsa;
      const Hash hash = (i % 3 == 0) ? Hash::sha384 : Hash::sha256;
      const std::string message = "thread " + std::to_string(t) + " message " + std::to_string(i);
      std::vector<std::uint8_t> sig(key.signature_size());
      auto len = key.sign(scheme, hash, bytes_of(message), sig.data());
      if (!len || *len != sig.size()) {
        failures.fail("signing failed");
        continue;
      }
      failures.expect(key.public_half()->verify(scheme, hash, bytes_of(message), sig),
                      "a signature made concurrently does not verify");
      failures.expect(!key.public_half()->verify(scheme, hash, bytes_of(kMessage), sig),
                      "a signature verifies for another message");
    }
  });
  EXPECT_EQ(failures.count(), 0u) << failures.first();
}

}  // namespace
}  // namespace signet::crypto
