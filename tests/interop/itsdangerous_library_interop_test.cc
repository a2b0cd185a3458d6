// Step 2 of the itsdangerous library interop suite: checks the cases real
// itsdangerous made (itsdangerous_make_cases.py) with the
// signet::itsdangerous C++ API, and writes signet's own tokens for the same
// inputs, which itsdangerous_verify_tokens.py then verifies with
// itsdangerous (step 3).
//
// Usage: itsdangerous_library_interop_test --cases=CASES.tsv --out=SIGNET_TOKENS.tsv [gtest flags]
//
// The case file format is documented in itsdangerous_make_cases.py: one case
// per line, tab-separated, byte strings hex-encoded.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "signet/bytes.h"
#include "signet/clock.h"
#include "signet/itsdangerous.h"
#include "signet/result.h"
#include "signet/revocation.h"

namespace {

namespace its = signet::itsdangerous;

std::string g_cases_path;
std::string g_out_path;

// ----------------------------------------------------------------- case file

struct Case {
  std::string id;
  std::string kind;
  std::vector<std::string> keys;
  std::optional<std::string> salt;
  std::string sep;
  std::string digest;
  std::string kd;
  bool compress = true;
  std::int64_t sign_ns = 0;
  std::int64_t verify_ns = 0;
  std::optional<std::int64_t> max_age;
  std::optional<std::size_t> max_inflate;
  std::optional<std::string> input;
  std::string token;
  std::string outcome;
  std::string expect;
  bool check_sign = false;
  std::string its;
  std::string note;
};

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string unhex(std::string_view h) {
  if (h.size() % 2 != 0) throw std::runtime_error("odd hex length");
  std::string out;
  out.reserve(h.size() / 2);
  for (std::size_t i = 0; i < h.size(); i += 2) {
    const int a = hex_digit(h[i]);
    const int b = hex_digit(h[i + 1]);
    if (a < 0 || b < 0) throw std::runtime_error("bad hex digit");
    out.push_back(static_cast<char>((a << 4) | b));
  }
  return out;
}

std::string hex(std::string_view s) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(s.size() * 2);
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    out.push_back(kDigits[u >> 4]);
    out.push_back(kDigits[u & 0xF]);
  }
  return out;
}

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (;;) {
    const std::size_t pos = s.find(sep, start);
    if (pos == std::string_view::npos) {
      parts.push_back(s.substr(start));
      return parts;
    }
    parts.push_back(s.substr(start, pos - start));
    start = pos + 1;
  }
}

std::vector<Case> load_cases(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open case file " + path);
  std::vector<Case> cases;
  std::string line;
  std::size_t lineno = 0;
  while (std::getline(in, line)) {
    ++lineno;
    if (line.empty() || line[0] == '#') continue;
    const auto f = split(line, '\t');
    if (f.size() != 19) throw std::runtime_error("line " + std::to_string(lineno) + ": expected 19 fields");
    Case c;
    c.id = std::string(f[0]);
    c.kind = std::string(f[1]);
    if (f[2] != "-")
      for (auto k : split(f[2], ',')) c.keys.push_back(unhex(k));
    if (f[3] != "-") c.salt = unhex(f[3]);
    c.sep = unhex(f[4]);
    c.digest = std::string(f[5]);
    c.kd = std::string(f[6]);
    c.compress = f[7] == "1";
    c.sign_ns = std::stoll(std::string(f[8]));
    c.verify_ns = std::stoll(std::string(f[9]));
    if (f[10] != "-") c.max_age = std::stoll(std::string(f[10]));
    if (f[11] != "-") c.max_inflate = static_cast<std::size_t>(std::stoull(std::string(f[11])));
    if (f[12] != "-") c.input = unhex(f[12]);
    c.token = unhex(f[13]);
    c.outcome = std::string(f[14]);
    c.expect = unhex(f[15]);
    c.check_sign = f[16] == "1";
    c.its = std::string(f[17]);
    c.note = std::string(f[18]);
    cases.push_back(std::move(c));
  }
  return cases;
}

// ----------------------------------------------------------------- shared state

std::vector<Case>& cases() {
  static std::vector<Case> all;
  return all;
}

// signet's token per case id, written for step 3.
std::map<std::string, std::string>& produced() {
  static std::map<std::string, std::string> m;
  return m;
}

class InteropEnvironment : public ::testing::Environment {
 public:
  void SetUp() override {
    if (!g_cases_path.empty()) cases() = load_cases(g_cases_path);
  }
  void TearDown() override {
    if (g_out_path.empty()) return;
    std::ofstream out(g_out_path + ".tmp", std::ios::binary | std::ios::trunc);
    out << "# signet-made tokens: id, token hex\n";
    for (const auto& [id, token] : produced()) out << id << '\t' << hex(token) << '\n';
    out.close();
    if (std::rename((g_out_path + ".tmp").c_str(), g_out_path.c_str()) != 0) {
      std::cerr << "cannot write " << g_out_path << "\n";
    }
  }
};

// ----------------------------------------------------------------- helpers

std::string printable(std::string_view s, std::size_t max = 200) {
  std::string out;
  for (char ch : s.substr(0, max)) {
    const auto u = static_cast<unsigned char>(ch);
    if (u >= 0x20 && u < 0x7F && ch != '\\') {
      out.push_back(ch);
    } else {
      static constexpr char kDigits[] = "0123456789abcdef";
      out += "\\x";
      out.push_back(kDigits[u >> 4]);
      out.push_back(kDigits[u & 0xF]);
    }
  }
  if (s.size() > max) out += "...(" + std::to_string(s.size()) + " bytes)";
  return out;
}

std::string describe(const Case& c) {
  std::ostringstream os;
  os << "case " << c.id << " [" << c.kind << ", " << c.note << "] digest=" << c.digest << " kd=" << c.kd
     << " keys=" << c.keys.size() << " salt=" << (c.salt ? "\"" + printable(*c.salt, 60) + "\"" : std::string("default"))
     << " sep=\"" << printable(c.sep) << "\" compress=" << c.compress << " sign_ns=" << c.sign_ns
     << " verify_ns=" << c.verify_ns << " max_age=" << (c.max_age ? std::to_string(*c.max_age) : std::string("none"))
     << " max_inflate=" << (c.max_inflate ? std::to_string(*c.max_inflate) : std::string("default"))
     << " itsdangerous=" << c.its << "\n  token: " << printable(c.token);
  if (c.input) os << "\n  input: " << printable(*c.input);
  return os.str();
}

// Reports failures, at most kMaxReports per test, then only counts.
class Reporter {
 public:
  static constexpr int kMaxReports = 40;
  ~Reporter() {
    if (failures_ > kMaxReports) ADD_FAILURE() << failures_ << " failing cases in total (first " << kMaxReports << " shown)";
  }
  void fail(const Case& c, const std::string& what) {
    ++failures_;
    if (failures_ <= kMaxReports) ADD_FAILURE() << what << "\n  " << describe(c);
  }
  int failures() const { return failures_; }

 private:
  int failures_ = 0;
};

signet::FixedClock clock_at(std::int64_t ns) { return signet::FixedClock(signet::UnixTime(std::chrono::nanoseconds(ns))); }

std::vector<signet::SecretBytes> keys_of(const Case& c) {
  std::vector<signet::SecretBytes> keys;
  for (const auto& k : c.keys) keys.emplace_back(std::string_view(k));
  return keys;
}

// signer_options builds the options; nullopt (and a failure) when a name does not parse.
std::optional<its::SignerOptions> signer_options(Reporter& r, const Case& c) {
  auto digest = its::parse_digest(c.digest);
  auto kd = its::parse_key_derivation(c.kd);
  if (!digest || !kd) {
    r.fail(c, "parse_digest / parse_key_derivation failed");
    return std::nullopt;
  }
  if (its::digest_name(*digest) != c.digest || its::key_derivation_name(*kd) != c.kd) {
    r.fail(c, "digest or key derivation name does not round-trip");
  }
  its::SignerOptions o;
  o.salt = c.salt;
  o.sep = c.sep;
  o.digest = *digest;
  o.key_derivation = *kd;
  return o;
}

its::UnsignOptions unsign_options(const Case& c) {
  its::UnsignOptions o;
  if (c.max_age) o.max_age = std::chrono::seconds(*c.max_age);
  if (c.max_inflate) o.max_inflate = *c.max_inflate;
  return o;
}

// Compares a verification result with the case's expected outcome.
template <class T>
void check_outcome(Reporter& r, const Case& c, const signet::Result<T>& got) {
  if (got.has_value()) {
    const std::string text(*got);
    if (c.outcome != "ok") {
      r.fail(c, "expected " + c.outcome + ", signet accepted the token and returned \"" + printable(text) + "\"");
    } else if (text != c.expect) {
      r.fail(c, "value differs: want \"" + printable(c.expect) + "\"\n  got \"" + printable(text) + "\"");
    }
    return;
  }
  const std::string code(signet::errc_name(got.error().code()));
  if (c.outcome == "ok") {
    r.fail(c, "expected ok (\"" + printable(c.expect) + "\"), signet failed: " + code + " (" +
                  std::string(got.error().detail()) + ")");
  } else if (code != c.outcome) {
    r.fail(c, "expected " + c.outcome + ", signet failed with " + code + " (" + std::string(got.error().detail()) + ")");
  }
}

// Compares a signing result with itsdangerous's token when the case says it
// must be byte-identical, and records it for step 3.
void check_signed(Reporter& r, const Case& c, const signet::Result<std::string>& got) {
  if (!got.has_value()) {
    r.fail(c, "signet failed to sign the input: " + std::string(signet::errc_name(got.error().code())) + " (" +
                  std::string(got.error().detail()) + ")");
    return;
  }
  produced()[c.id] = *got;
  if (c.check_sign && *got != c.token) {
    r.fail(c, "signet token not byte-identical to itsdangerous's:\n  want " + printable(c.token, 400) + "\n  got  " +
                  printable(*got, 400));
  }
}

template <class Fn>
int for_kind(std::string_view kind, Reporter& r, Fn fn) {
  int n = 0;
  for (const auto& c : cases()) {
    if (c.kind != kind) continue;
    ++n;
    auto options = signer_options(r, c);
    if (!options) continue;
    fn(c, *options);
  }
  return n;
}

// ----------------------------------------------------------------- tests

TEST(ItsdangerousLibraryInterop, CaseFileLoaded) {
  ASSERT_FALSE(g_cases_path.empty()) << "pass --cases=FILE";
  std::map<std::string, int> kinds;
  for (const auto& c : cases()) ++kinds[c.kind];
  std::cout << "[ cases    ] " << cases().size() << " from " << g_cases_path << ":";
  for (const auto& [k, n] : kinds) std::cout << ' ' << k << '=' << n;
  std::cout << '\n';
  EXPECT_GE(cases().size(), 1000u);
}

TEST(ItsdangerousLibraryInterop, Signer) {
  Reporter r;
  const int n = for_kind("sign", r, [&](const Case& c, const its::SignerOptions& o) {
    const auto keys = keys_of(c);
    auto signer = its::Signer::create(keys, o);
    if (!signer) return r.fail(c, "Signer::create failed: " + std::string(signer.error().detail()));
    check_outcome(r, c, signer->unsign(std::string_view(c.token)));
    if (c.input) check_signed(r, c, signet::Result<std::string>(signer->sign(*c.input)));
  });
  std::cout << "[ checked  ] " << n << " Signer cases, " << r.failures() << " failing\n";
}

TEST(ItsdangerousLibraryInterop, TimestampSigner) {
  Reporter r;
  const int n = for_kind("ts", r, [&](const Case& c, const its::SignerOptions& o) {
    const auto keys = keys_of(c);
    const auto verify_clock = clock_at(c.verify_ns);
    const auto sign_clock = clock_at(c.sign_ns);
    auto verifier = its::TimestampSigner::create(keys, o, verify_clock);
    auto signer = its::TimestampSigner::create(keys, o, sign_clock);
    if (!verifier || !signer) return r.fail(c, "TimestampSigner::create failed");
    check_outcome(r, c, verifier->unsign(std::string_view(c.token), unsign_options(c)));
    // unsign_stamped agrees with unsign.
    auto stamped = verifier->unsign_stamped(std::string_view(c.token), unsign_options(c));
    auto plain = verifier->unsign(std::string_view(c.token), unsign_options(c));
    if (stamped.has_value() != plain.has_value() || (stamped && stamped->value != *plain)) {
      r.fail(c, "unsign_stamped disagrees with unsign");
    }
    if (c.input) check_signed(r, c, signer->sign(*c.input));
  });
  std::cout << "[ checked  ] " << n << " TimestampSigner cases, " << r.failures() << " failing\n";
}

TEST(ItsdangerousLibraryInterop, Serializer) {
  Reporter r;
  const int n = for_kind("ser", r, [&](const Case& c, const its::SignerOptions& o) {
    const auto keys = keys_of(c);
    auto s = its::Serializer::create(keys, its::SerializerOptions{o, c.compress});
    if (!s) return r.fail(c, "Serializer::create failed");
    check_outcome(r, c, s->loads(c.token));
    if (c.input) check_signed(r, c, s->dumps(*c.input));
  });
  std::cout << "[ checked  ] " << n << " Serializer cases, " << r.failures() << " failing\n";
}

TEST(ItsdangerousLibraryInterop, TimedSerializer) {
  Reporter r;
  const int n = for_kind("tser", r, [&](const Case& c, const its::SignerOptions& o) {
    const auto keys = keys_of(c);
    const auto verify_clock = clock_at(c.verify_ns);
    const auto sign_clock = clock_at(c.sign_ns);
    auto verifier = its::TimedSerializer::create(keys, its::SerializerOptions{o, c.compress}, verify_clock);
    auto signer = its::TimedSerializer::create(keys, its::SerializerOptions{o, c.compress}, sign_clock);
    if (!verifier || !signer) return r.fail(c, "TimedSerializer::create failed");
    check_outcome(r, c, verifier->loads(c.token, unsign_options(c)));
    if (c.input) check_signed(r, c, signer->dumps(*c.input));
  });
  std::cout << "[ checked  ] " << n << " TimedSerializer cases, " << r.failures() << " failing\n";
}

TEST(ItsdangerousLibraryInterop, URLSafeSerializer) {
  Reporter r;
  const int n = for_kind("uss", r, [&](const Case& c, const its::SignerOptions& o) {
    const auto keys = keys_of(c);
    auto s = its::URLSafeSerializer::create(keys, its::SerializerOptions{o, c.compress});
    if (!s) return r.fail(c, "URLSafeSerializer::create failed");
    check_outcome(r, c, s->loads(c.token, c.max_inflate.value_or(its::kDefaultMaxInflate)));
    if (c.input) check_signed(r, c, s->dumps(*c.input));
  });
  std::cout << "[ checked  ] " << n << " URLSafeSerializer cases, " << r.failures() << " failing\n";
}

TEST(ItsdangerousLibraryInterop, URLSafeTimedSerializer) {
  Reporter r;
  const int n = for_kind("utss", r, [&](const Case& c, const its::SignerOptions& o) {
    const auto keys = keys_of(c);
    const auto verify_clock = clock_at(c.verify_ns);
    const auto sign_clock = clock_at(c.sign_ns);
    auto verifier = its::URLSafeTimedSerializer::create(keys, its::SerializerOptions{o, c.compress}, verify_clock);
    auto signer = its::URLSafeTimedSerializer::create(keys, its::SerializerOptions{o, c.compress}, sign_clock);
    if (!verifier || !signer) return r.fail(c, "URLSafeTimedSerializer::create failed");
    check_outcome(r, c, verifier->loads(c.token, unsign_options(c)));
    // loads_stamped agrees with loads; with max_age the timestamp is never
    // after int(now) (itsdangerous refuses negative ages).
    auto stamped = verifier->loads_stamped(c.token, unsign_options(c));
    if (stamped.has_value() != verifier->loads(c.token, unsign_options(c)).has_value()) {
      r.fail(c, "loads_stamped disagrees with loads");
    } else if (stamped && c.max_age && stamped->timestamp > static_cast<std::uint64_t>(c.verify_ns / 1'000'000'000)) {
      r.fail(c, "loads_stamped accepted a timestamp in the future");
    }
    if (c.input) check_signed(r, c, signer->dumps(*c.input));
  });
  std::cout << "[ checked  ] " << n << " URLSafeTimedSerializer cases, " << r.failures() << " failing\n";
}

// Revocation of tokens itsdangerous made: every timed token it made that
// signet accepts is accepted with a revocation list too, is refused with
// `revoked` once its signature (revocation::itsdangerous_token_id, with the
// case's separator) is revoked, and every token signet refuses is refused
// for the same reason, without the list being asked unless the refusal is
// about the serializer's payload.
class CountingList final : public signet::revocation::RevocationList {
 public:
  explicit CountingList(const signet::Clock& clock)
      : inner_(*signet::revocation::MemoryRevocationList::create({.clock = &clock})) {}
  signet::Status revoke_token(std::string_view i, std::string_view id, signet::UnixTime until) override {
    return inner_->revoke_token(i, id, until);
  }
  signet::Status revoke_subject(std::string_view i, std::string_view s, signet::UnixTime b,
                                signet::UnixTime k) override {
    return inner_->revoke_subject(i, s, b, k);
  }
  signet::Status check(const signet::revocation::TokenFacts& f) const noexcept override {
    ++calls;
    last_id = std::string(f.token_id);
    return inner_->check(f);
  }
  signet::Result<std::size_t> purge() override { return inner_->purge(); }
  mutable int calls = 0;
  mutable std::string last_id;

 private:
  std::shared_ptr<signet::revocation::MemoryRevocationList> inner_;
};

TEST(ItsdangerousLibraryInterop, RevokedTokensAreRefused) {
  Reporter r;
  int accepted = 0;
  int refused = 0;
  for (const auto& c : cases()) {
    if (c.kind != "ts" && c.kind != "tser" && c.kind != "utss") continue;
    auto o = signer_options(r, c);
    if (!o) continue;
    const auto keys = keys_of(c);
    const auto clock = clock_at(c.verify_ns);
    auto list = std::make_shared<CountingList>(clock);
    its::UnsignOptions options = unsign_options(c);
    options.revocation = list;
    // Verifies the case's token with `options` and returns the error code, or "ok".
    auto verify = [&]() -> std::string {
      signet::Status st;
      if (c.kind == "ts") {
        auto v = its::TimestampSigner::create(keys, *o, clock);
        if (!v) return "create failed";
        auto got = v->unsign(std::string_view(c.token), options);
        if (!got) st = got.error();
      } else if (c.kind == "tser") {
        auto v = its::TimedSerializer::create(keys, its::SerializerOptions{*o, c.compress}, clock);
        if (!v) return "create failed";
        auto got = v->loads(c.token, options);
        if (!got) st = got.error();
      } else {
        auto v = its::URLSafeTimedSerializer::create(keys, its::SerializerOptions{*o, c.compress}, clock);
        if (!v) return "create failed";
        auto got = v->loads(c.token, options);
        if (!got) st = got.error();
      }
      return st ? std::string("ok") : std::string(signet::errc_name(st.error().code()));
    };
    const std::string first = verify();
    if (first != c.outcome) {
      r.fail(c, "with a revocation list: expected " + c.outcome + ", got " + first);
      continue;
    }
    if (c.outcome != "ok") {
      ++refused;
      // A serializer's payload is decoded after the list is asked (so that a
      // revoked token is never inflated): only its payload errors may follow
      // a lookup. Every other refusal comes before it.
      const bool payload_error =
          c.kind != "ts" && (c.outcome == "bad_payload" || c.outcome == "payload_too_large");
      if (list->calls > (payload_error ? 1 : 0)) {
        r.fail(c, "the revocation list was asked about a token signet refuses before the payload");
      }
      continue;
    }
    ++accepted;
    auto id = signet::revocation::itsdangerous_token_id(c.token, c.sep);
    if (!id) {
      r.fail(c, "itsdangerous_token_id failed: " + std::string(id.error().detail()));
      continue;
    }
    if (list->calls != 1 || list->last_id != *id) {
      r.fail(c, "the list was not asked exactly once about the token's signature");
    }
    constexpr std::int64_t kMinute = 60'000'000'000;
    const auto until = c.verify_ns > INT64_MAX - kMinute
                           ? signet::UnixTime::max()
                           : signet::UnixTime(std::chrono::nanoseconds(c.verify_ns + kMinute));
    if (!list->revoke_token(signet::revocation::kItsdangerousIssuer, *id, until)) {
      r.fail(c, "revoke_token failed");
      continue;
    }
    const std::string second = verify();
    if (second != "revoked") r.fail(c, "a revoked token: expected revoked, got " + second);
  }
  std::cout << "[ checked  ] " << accepted << " timed tokens revoked, " << refused
            << " refused tokens refused alike with the list, " << r.failures() << " failing\n";
  EXPECT_GE(accepted, 100);
}

// The separator rule: signet refuses what itsdangerous refuses plus the
// all-base64 separators itsdangerous wrongly accepts; every signer and
// serializer applies it.
TEST(ItsdangerousLibraryInterop, SeparatorRule) {
  Reporter r;
  int n = 0;
  for (const auto& c : cases()) {
    if (c.kind != "sep") continue;
    ++n;
    const auto keys = keys_of(c);
    its::SignerOptions o;
    o.sep = c.sep;
    const bool want = c.outcome == "ok";
    const std::pair<const char*, bool> results[] = {
        {"Signer", its::Signer::create(keys, o).has_value()},
        {"TimestampSigner", its::TimestampSigner::create(keys, o).has_value()},
        {"Serializer", its::Serializer::create(keys, {o, true}).has_value()},
        {"URLSafeTimedSerializer", its::URLSafeTimedSerializer::create(keys, {o, true}).has_value()},
    };
    for (const auto& [what, ok] : results) {
      if (ok != want) {
        r.fail(c, std::string(what) + "::create " + (ok ? "accepted" : "refused") + " the separator, want " +
                      c.outcome);
      }
    }
    auto s = its::Signer::create(keys, o);
    if (!s && signet::errc_name(s.error().code()) != c.outcome) r.fail(c, "wrong error code for the separator");
  }
  std::cout << "[ checked  ] " << n << " separators, " << r.failures() << " failing\n";
}

// JSON text signet refuses to sign: every serializer's dumps fails with invalid_argument.
TEST(ItsdangerousLibraryInterop, InvalidJsonToDumps) {
  Reporter r;
  int n = 0;
  for (const auto& c : cases()) {
    if (c.kind != "dumpsbad" || !c.input) continue;
    ++n;
    const auto keys = keys_of(c);
    const auto clock = clock_at(c.sign_ns);
    const std::pair<const char*, signet::Result<std::string>> results[] = {
        {"Serializer", its::Serializer::create(keys)->dumps(*c.input)},
        {"TimedSerializer", its::TimedSerializer::create(keys, {}, clock)->dumps(*c.input)},
        {"URLSafeSerializer", its::URLSafeSerializer::create(keys)->dumps(*c.input)},
        {"URLSafeTimedSerializer", its::URLSafeTimedSerializer::create(keys, {}, clock)->dumps(*c.input)},
    };
    for (const auto& [what, res] : results) {
      if (res.has_value()) {
        r.fail(c, std::string(what) + " signed invalid JSON: " + printable(*res));
      } else if (signet::errc_name(res.error().code()) != c.outcome) {
        r.fail(c, std::string(what) + " failed with " + std::string(signet::errc_name(res.error().code())));
      }
    }
  }
  std::cout << "[ checked  ] " << n << " invalid JSON inputs, " << r.failures() << " failing\n";
}

std::string flag_value(int argc, char** argv, std::string_view name) {
  const std::string prefix = "--" + std::string(name) + "=";
  for (int i = 1; i < argc; ++i) {
    const std::string_view a(argv[i]);
    if (a.substr(0, prefix.size()) == prefix) return std::string(a.substr(prefix.size()));
  }
  return {};
}

}  // namespace

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  g_cases_path = flag_value(argc, argv, "cases");
  g_out_path = flag_value(argc, argv, "out");
  if (!g_out_path.empty()) std::remove(g_out_path.c_str());
  ::testing::AddGlobalTestEnvironment(new InteropEnvironment);
  return RUN_ALL_TESTS();
}
