// The C++ side of the password-reset interop test (password_reset_interop.py).
//
// Usage: password_reset_interop_driver CASES.jsonl OUT.jsonl
//
// For every case that real Django made (one JSON object per line, format in
// password_reset_interop.py), with signet::django::PasswordResetTokenGenerator:
//   1. make_token at the case's time must equal Django's token, byte for byte;
//   2. check_token must give Django's verdict on every recorded check
//      (boundaries, future tokens, changed users, tampered tokens, fallback keys);
//   3. make a token at `signet_make_us` with the main key, written to OUT for
//      Django to check (the other direction).
// Exits 1 on any disagreement, after printing each one.
#include <chrono>
#include <cstdint>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "signet/django.h"

namespace dj = signet::django;
using nlohmann::json;

namespace {

dj::PasswordResetUser user_from(const json& u) {
  dj::PasswordResetUser user;
  user.pk = u.at("pk").get<std::string>();
  user.password = u.at("password").get<std::string>();
  user.email = u.at("email").get<std::string>();
  if (!u.at("last_login_us").is_null()) {
    user.last_login = signet::UnixTime(std::chrono::microseconds(u.at("last_login_us").get<std::int64_t>()));
  }
  return user;
}

signet::FixedClock at_us(std::int64_t us) { return signet::FixedClock(signet::UnixTime(std::chrono::microseconds(us))); }

dj::PasswordResetOptions options_from(const json& c, bool with_fallbacks) {
  dj::PasswordResetOptions o;
  o.algorithm = dj::parse_algorithm(c.at("algorithm").get<std::string>()).value();
  o.timeout = std::chrono::seconds(c.at("timeout").get<std::int64_t>());
  o.utc_offset = std::chrono::seconds(c.at("utc_offset").get<std::int64_t>());
  o.use_tz = c.at("use_tz").get<bool>();
  if (!c.at("key_salt").is_null()) o.key_salt = c.at("key_salt").get<std::string>();
  if (with_fallbacks) {
    for (const auto& f : c.at("fallbacks")) o.fallback_keys.emplace_back(f.get<std::string>());
  }
  return o;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: password_reset_interop_driver CASES.jsonl OUT.jsonl\n";
    return 2;
  }
  std::ifstream in(argv[1]);
  std::ofstream out(argv[2]);
  if (!in || !out) {
    std::cerr << "cannot open the case or output file\n";
    return 2;
  }
  int cases = 0, made = 0, checks = 0, failures = 0;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    const json c = json::parse(line);
    const std::string id = std::to_string(c.at("id").get<int>());
    ++cases;
    auto fail = [&](const std::string& what) {
      ++failures;
      std::cerr << "case " << id << ": " << what << '\n';
    };
    const signet::SecretBytes main_key(c.at("secret").get<std::string>());
    const signet::SecretBytes django_key(c.at("django_secret").get<std::string>());
    const auto user = user_from(c.at("user"));

    // 1. Django's token, reproduced with the key Django used.
    {
      const auto clock = at_us(c.at("make_us").get<std::int64_t>());
      auto gen = dj::PasswordResetTokenGenerator::create(django_key, options_from(c, false), clock);
      if (!gen) {
        fail("create failed");
        continue;
      }
      auto token = gen->make_token(user);
      if (!token) fail(std::string("make_token failed: ") + std::string(token.error().detail()));
      else if (*token != c.at("django_token").get<std::string>()) fail("token differs: " + *token);
      ++made;
    }
    // 2. Django's verdicts, with the main key plus fallbacks (Django's key among them or main).
    for (const auto& chk : c.at("checks")) {
      const auto clock = at_us(chk.at("now_us").get<std::int64_t>());
      auto gen = dj::PasswordResetTokenGenerator::create(main_key, options_from(c, true), clock).value();
      const auto u = chk.at("user").is_null() ? user : user_from(chk.at("user"));
      const std::string token = chk.at("token").get<std::string>();
      const signet::Status got = gen.check_token(u, token);
      if (got.has_value() != chk.at("valid").get<bool>()) {
        fail("check '" + chk.at("what").get<std::string>() + "': signet says " +
             (got ? std::string("valid") : std::string(signet::errc_name(got.error().code()))) + ", Django " +
             (chk.at("valid").get<bool>() ? "valid" : "invalid"));
      }
      ++checks;
    }
    // 3. signet's own token for Django to check.
    {
      const auto clock = at_us(c.at("signet_make_us").get<std::int64_t>());
      auto gen = dj::PasswordResetTokenGenerator::create(main_key, options_from(c, true), clock).value();
      auto token = gen.make_token(user);
      if (!token) {
        fail("signet make_token failed");
        continue;
      }
      out << json{{"id", c.at("id")}, {"token", *token}}.dump() << '\n';
    }
  }
  std::cout << "password-reset interop driver: " << cases << " cases, " << made << " Django tokens reproduced, "
            << checks << " Django verdicts compared, " << failures << " failures\n";
  return failures == 0 && cases > 0 ? 0 : 1;
}
