// The official PASETO v4 and PASERK k4 test vectors (paseto-standard/
// test-vectors, copied into tests/vectors/paseto/, see its README), run by
// one data-driven harness: every vector of every file is one test case,
// named after the vector ("v4_4_E_1", "k4_seal_fail_1", ...).
//
// v4.json: a success vector must decrypt/verify to exactly `payload` and
// `footer`, and encrypting (with the vector's nonce) or signing must give
// exactly `token`; the claims layer must also accept it. A failure vector must
// be refused by the message layer with the key it comes with.
// PASERK/k4.*.json: serialisation, IDs, PIE wrapping, sealing and password
// wrapping, in both directions where the operation is deterministic, and a
// round trip where it is randomised.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "paseto/internal.h"
#include "signet/paseto.h"
#include "support/matchers.h"

namespace signet::paseto {
namespace {

using signet::testing::IsOk;

const std::string kDir = std::string(SIGNET_TEST_VECTORS_DIR) + "/paseto/";

struct Case {
  std::string file;  // "v4" or "k4.local", "k4.seal", ...
  std::string name;
  nlohmann::json data;
};

std::vector<std::uint8_t> hex(const std::string& h) {
  std::vector<std::uint8_t> out;
  for (std::size_t i = 0; i + 1 < h.size(); i += 2) out.push_back(static_cast<std::uint8_t>(std::stoi(h.substr(i, 2), nullptr, 16)));
  return out;
}

std::vector<std::uint8_t> to_vec(std::span<const std::uint8_t> s) { return {s.begin(), s.end()}; }

std::vector<Case> load_cases() {
  std::vector<Case> cases;
  const auto load = [&](const std::string& path, const std::string& file) {
    std::ifstream in(path);
    std::stringstream ss;
    ss << in.rdbuf();
    const auto doc = nlohmann::json::parse(ss.str(), nullptr, false);
    if (doc.is_discarded()) return;
    for (const auto& t : doc["tests"]) cases.push_back({file, t["name"].get<std::string>(), t});
  };
  load(kDir + "v4.json", "v4");
  for (const char* type : {"k4.local", "k4.public", "k4.secret", "k4.lid", "k4.pid", "k4.sid", "k4.local-wrap.pie",
                           "k4.secret-wrap.pie", "k4.seal", "k4.local-pw", "k4.secret-pw"}) {
    load(kDir + "PASERK/" + type + ".json", type);
  }
  return cases;
}

const std::vector<Case>& all_cases() {
  static const std::vector<Case> cases = load_cases();
  return cases;
}

std::string str(const nlohmann::json& j, const char* key) {
  return j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : std::string();
}

// ---------------------------------------------------------------- v4 tokens

void run_v4(const nlohmann::json& t) {
  const bool fail = t["expect-fail"].get<bool>();
  const std::string token = str(t, "token");
  const std::string footer = str(t, "footer");
  const std::string implicit = str(t, "implicit-assertion");
  const bool local = t.contains("key");
  if (fail) {
    if (local) {
      auto key = LocalKey::from_bytes(hex(str(t, "key")));
      ASSERT_THAT(key, IsOk());
      EXPECT_FALSE(decrypt_message(*key, token, implicit).has_value());
    } else {
      auto key = PublicKey::from_bytes(hex(str(t, "public-key")));
      ASSERT_THAT(key, IsOk());
      EXPECT_FALSE(verify_message(*key, token, implicit).has_value());
    }
    return;
  }
  const std::string payload = str(t, "payload");
  // The claims layer too: every vector expires at 2022-01-01T00:00:00+00:00.
  auto policy = PolicyBuilder().build();
  ASSERT_THAT(policy, IsOk());
  const auto before_exp = FixedClock::from_seconds(1609459200);  // 2021-01-01
  const auto after_exp = FixedClock::from_seconds(1640995200);   // 2022-01-01
  if (local) {
    auto key = LocalKey::from_bytes(hex(str(t, "key")));
    ASSERT_THAT(key, IsOk());
    auto message = decrypt_message(*key, token, implicit);
    ASSERT_THAT(message, IsOk());
    EXPECT_EQ(message->payload, payload);
    EXPECT_EQ(message->footer, footer);
    auto again = detail::encrypt_with_nonce(*key, payload, footer, implicit, hex(str(t, "nonce")));
    ASSERT_THAT(again, IsOk());
    EXPECT_EQ(*again, token);
    auto dec = Decryptor::create(*key, *policy, before_exp);
    ASSERT_THAT(dec, IsOk());
    auto verified = dec->decrypt(token, implicit);
    ASSERT_THAT(verified, IsOk());
    EXPECT_EQ(verified->payload_json(), payload);
    EXPECT_EQ(verified->footer(), footer);
    auto late = Decryptor::create(*key, *policy, after_exp);
    EXPECT_THAT(late->decrypt(token, implicit), signet::testing::HasError(Errc::expired));
  } else {
    auto pub = PublicKey::from_bytes(hex(str(t, "public-key")));
    ASSERT_THAT(pub, IsOk());
    auto message = verify_message(*pub, token, implicit);
    ASSERT_THAT(message, IsOk());
    EXPECT_EQ(message->payload, payload);
    EXPECT_EQ(message->footer, footer);
    auto secret = SecretKey::from_bytes(hex(str(t, "secret-key")));
    ASSERT_THAT(secret, IsOk());
    EXPECT_TRUE(secret->public_key() == *pub);
    auto from_seed = SecretKey::from_seed(hex(str(t, "secret-key-seed")));
    ASSERT_THAT(from_seed, IsOk());
    EXPECT_EQ(to_vec(from_seed->bytes()), to_vec(secret->bytes()));
    auto again = sign_message(*secret, payload, footer, implicit);
    ASSERT_THAT(again, IsOk());
    EXPECT_EQ(*again, token);  // Ed25519 is deterministic
    auto ver = Verifier::create(*pub, *policy, before_exp);
    ASSERT_THAT(ver, IsOk());
    auto verified = ver->verify(token, implicit);
    ASSERT_THAT(verified, IsOk());
    EXPECT_EQ(verified->payload_json(), payload);
    auto late = Verifier::create(*pub, *policy, after_exp);
    EXPECT_THAT(late->verify(token, implicit), signet::testing::HasError(Errc::expired));
  }
}

// ---------------------------------------------------------------- PASERK

std::string password_of(const nlohmann::json& t) {
  // Most vectors write the password as a hex string, but the reference
  // implementation hashes that string itself, not the bytes it spells:
  // the password is the JSON string as given.
  return str(t, "password");
}

void run_paserk(const std::string& file, const nlohmann::json& t) {
  const bool fail = t["expect-fail"].get<bool>();
  const std::string paserk = str(t, "paserk");
  const auto key_hex = str(t, "key");
  if (file == "k4.local" || file == "k4.lid") {
    if (fail) {
      if (!paserk.empty()) {
        EXPECT_FALSE(LocalKey::from_paserk(paserk).has_value());
      }
      if (!key_hex.empty()) {
        EXPECT_FALSE(LocalKey::from_bytes(hex(key_hex)).has_value());
      }
      return;
    }
    auto key = LocalKey::from_bytes(hex(key_hex));
    ASSERT_THAT(key, IsOk());
    if (file == "k4.lid") {
      EXPECT_EQ(key->id(), paserk);
      return;
    }
    EXPECT_EQ(key->to_paserk(), paserk);
    auto back = LocalKey::from_paserk(paserk);
    ASSERT_THAT(back, IsOk());
    EXPECT_EQ(to_vec(back->bytes()), hex(key_hex));
  } else if (file == "k4.public" || file == "k4.pid") {
    if (fail) {
      if (!paserk.empty()) {
        EXPECT_FALSE(PublicKey::from_paserk(paserk).has_value());
      }
      if (!key_hex.empty()) {
        EXPECT_FALSE(PublicKey::from_bytes(hex(key_hex)).has_value());
      }
      return;
    }
    auto key = PublicKey::from_bytes(hex(key_hex));
    ASSERT_THAT(key, IsOk());
    if (file == "k4.pid") {
      EXPECT_EQ(key->id(), paserk);
      return;
    }
    EXPECT_EQ(key->to_paserk(), paserk);
    auto back = PublicKey::from_paserk(paserk);
    ASSERT_THAT(back, IsOk());
    EXPECT_EQ(to_vec(back->bytes()), hex(key_hex));
  } else if (file == "k4.secret" || file == "k4.sid") {
    if (fail) {
      if (!paserk.empty()) {
        EXPECT_FALSE(SecretKey::from_paserk(paserk).has_value());
      }
      if (!key_hex.empty()) {
        EXPECT_FALSE(SecretKey::from_bytes(hex(key_hex)).has_value());
      }
      return;
    }
    auto key = SecretKey::from_bytes(hex(key_hex));
    ASSERT_THAT(key, IsOk());
    const std::string seed = file == "k4.sid" ? str(t, "seed") : str(t, "secret-key-seed");
    auto from_seed = SecretKey::from_seed(hex(seed));
    ASSERT_THAT(from_seed, IsOk());
    EXPECT_EQ(to_vec(from_seed->bytes()), hex(key_hex));
    if (file == "k4.sid") {
      EXPECT_EQ(key->id(), paserk);
      return;
    }
    EXPECT_EQ(to_vec(key->public_key().bytes()), hex(str(t, "public-key")));
    EXPECT_EQ(key->to_paserk(), paserk);
    auto back = SecretKey::from_paserk(paserk);
    ASSERT_THAT(back, IsOk());
    EXPECT_EQ(to_vec(back->bytes()), hex(key_hex));
  } else if (file == "k4.local-wrap.pie" || file == "k4.secret-wrap.pie") {
    auto wk = WrappingKey::from_bytes(hex(str(t, "wrapping-key")));
    ASSERT_THAT(wk, IsOk());
    const bool local = file == "k4.local-wrap.pie";
    if (fail) {
      if (local) {
        EXPECT_FALSE(unwrap_local_pie(paserk, *wk).has_value());
      } else {
        EXPECT_FALSE(unwrap_secret_pie(paserk, *wk).has_value());
      }
      return;
    }
    const auto unwrapped = hex(str(t, "unwrapped"));
    if (local) {
      auto key = unwrap_local_pie(paserk, *wk);
      ASSERT_THAT(key, IsOk());
      EXPECT_EQ(to_vec(key->bytes()), unwrapped);
      auto wrapped = wrap_pie(*key, *wk);  // random nonce: round trip
      ASSERT_THAT(wrapped, IsOk());
      EXPECT_EQ(wrapped->substr(0, 18), "k4.local-wrap.pie.");
      EXPECT_EQ(to_vec(unwrap_local_pie(*wrapped, *wk)->bytes()), unwrapped);
    } else {
      auto key = unwrap_secret_pie(paserk, *wk);
      ASSERT_THAT(key, IsOk());
      EXPECT_EQ(to_vec(key->bytes()), unwrapped);
      auto wrapped = wrap_pie(*key, *wk);
      ASSERT_THAT(wrapped, IsOk());
      EXPECT_EQ(to_vec(unwrap_secret_pie(*wrapped, *wk)->bytes()), unwrapped);
    }
  } else if (file == "k4.seal") {
    auto sk = SecretKey::from_bytes(hex(str(t, "sealing-secret-key")));
    ASSERT_THAT(sk, IsOk());
    EXPECT_EQ(to_vec(sk->public_key().bytes()), hex(str(t, "sealing-public-key")));
    if (fail) {
      EXPECT_FALSE(unseal(paserk, *sk).has_value());
      return;
    }
    auto key = unseal(paserk, *sk);
    ASSERT_THAT(key, IsOk());
    EXPECT_EQ(to_vec(key->bytes()), hex(str(t, "unsealed")));
    auto sealed = seal(*key, sk->public_key());  // ephemeral key: round trip
    ASSERT_THAT(sealed, IsOk());
    EXPECT_EQ(to_vec(unseal(*sealed, *sk)->bytes()), hex(str(t, "unsealed")));
  } else if (file == "k4.local-pw" || file == "k4.secret-pw") {
    const std::string password = password_of(t);
    const bool local = file == "k4.local-pw";
    if (fail) {
      if (local) {
        EXPECT_FALSE(unwrap_local_password(paserk, password).has_value());
      } else {
        EXPECT_FALSE(unwrap_secret_password(paserk, password).has_value());
      }
      return;
    }
    const auto unwrapped = hex(str(t, "unwrapped"));
    if (local) {
      auto key = unwrap_local_password(paserk, password);
      ASSERT_THAT(key, IsOk());
      EXPECT_EQ(to_vec(key->bytes()), unwrapped);
    } else {
      auto key = unwrap_secret_password(paserk, password);
      ASSERT_THAT(key, IsOk());
      EXPECT_EQ(to_vec(key->bytes()), unwrapped);
    }
  } else {
    FAIL() << "no harness for " << file;
  }
}

class PasetoVectorTest : public ::testing::TestWithParam<Case> {};

TEST_P(PasetoVectorTest, Vector) {
  const Case& c = GetParam();
  if (c.file == "v4") run_v4(c.data);
  else run_paserk(c.file, c.data);
}

std::string case_name(const ::testing::TestParamInfo<Case>& info) {
  std::string name = (info.param.file == "v4" ? "v4_" : "") + info.param.name;
  for (char& ch : name) {
    if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(Official, PasetoVectorTest, ::testing::ValuesIn(all_cases()), case_name);

// The files must all be there: a missing file must not silently shrink the run.
TEST(PasetoVectorFiles, AllCasesLoaded) {
  EXPECT_EQ(all_cases().size(), 68u);  // 17 in v4.json, 51 in the eleven PASERK files
}

}  // namespace
}  // namespace signet::paseto
