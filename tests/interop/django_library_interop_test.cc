// Step 2 of the library interop suite: checks the cases Django 3.2 made
// (make_library_cases.py) with the signet::django C++ API, and writes
// signet's own tokens for the same inputs, which verify_library_tokens.py
// then verifies with Django (step 3).
//
// Usage: django_library_interop_test --cases=CASES.tsv --out=SIGNET_TOKENS.tsv [gtest flags]
//    or: SIGNET_INTEROP_CASES_FILE=... SIGNET_INTEROP_TOKENS_FILE=... django_library_interop_test
//
// The case file format is documented in make_library_cases.py: one case per
// line, tab-separated, byte strings hex-encoded.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "signet/bytes.h"
#include "signet/clock.h"
#include "signet/django.h"
#include "signet/result.h"

namespace {

namespace dj = signet::django;

std::string g_cases_path;
std::string g_out_path;

// ----------------------------------------------------------------- case file

struct Case {
  std::string id;
  std::string kind;
  std::string key;
  std::vector<std::string> fallbacks;
  std::optional<std::string> salt;
  std::string sep;
  std::string algorithm;
  bool compress = false;
  std::int64_t sign_ns = 0;
  std::int64_t verify_ns = 0;
  std::optional<std::int64_t> max_age_ns;
  std::optional<std::size_t> max_inflate;
  std::optional<std::string> input;
  std::string token;
  std::string outcome;
  std::string expect;
  bool check_sign = false;
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
    int a = hex_digit(h[i]);
    int b = hex_digit(h[i + 1]);
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
    auto u = static_cast<unsigned char>(c);
    out.push_back(kDigits[u >> 4]);
    out.push_back(kDigits[u & 0xF]);
  }
  return out;
}

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (;;) {
    std::size_t pos = s.find(sep, start);
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
    auto f = split(line, '\t');
    if (f.size() != 18) throw std::runtime_error("line " + std::to_string(lineno) + ": expected 18 fields");
    Case c;
    c.id = std::string(f[0]);
    c.kind = std::string(f[1]);
    c.key = unhex(f[2]);
    if (f[3] != "-")
      for (auto k : split(f[3], ',')) c.fallbacks.push_back(unhex(k));
    if (f[4] != "-") c.salt = unhex(f[4]);
    c.sep = unhex(f[5]);
    c.algorithm = std::string(f[6]);
    c.compress = f[7] == "1";
    c.sign_ns = std::stoll(std::string(f[8]));
    c.verify_ns = std::stoll(std::string(f[9]));
    if (f[10] != "-") c.max_age_ns = std::stoll(std::string(f[10]));
    if (f[11] != "-") c.max_inflate = static_cast<std::size_t>(std::stoull(std::string(f[11])));
    if (f[12] != "-") c.input = unhex(f[12]);
    c.token = unhex(f[13]);
    c.outcome = std::string(f[14]);
    c.expect = unhex(f[15]);
    c.check_sign = f[16] == "1";
    c.note = std::string(f[17]);
    cases.push_back(std::move(c));
  }
  return cases;
}

// ----------------------------------------------------------------- shared state

std::vector<Case>& cases() {
  static std::vector<Case> all;
  return all;
}

// signet's results per case id, written for step 3: its own token and the
// text its verification returned.
struct Produced {
  std::optional<std::string> token;
  std::optional<std::string> verified;
};
std::map<std::string, Produced>& produced() {
  static std::map<std::string, Produced> m;
  return m;
}

class InteropEnvironment : public ::testing::Environment {
 public:
  void SetUp() override {
    if (g_cases_path.empty()) return;
    cases() = load_cases(g_cases_path);
  }
  void TearDown() override {
    if (g_out_path.empty()) return;
    std::ofstream out(g_out_path + ".tmp", std::ios::binary | std::ios::trunc);
    out << "# signet-made tokens: id, token hex or '-', verified text hex or '-'\n";
    for (const auto& [id, p] : produced()) {
      out << id << '\t' << (p.token ? hex(*p.token) : "-") << '\t' << (p.verified ? hex(*p.verified) : "-") << '\n';
    }
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
    auto u = static_cast<unsigned char>(ch);
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
  os << "case " << c.id << " [" << c.kind << ", " << c.note << "] alg=" << c.algorithm
     << " salt=" << (c.salt ? "\"" + printable(*c.salt, 60) + "\"" : std::string("default"))
     << " sep=\"" << printable(c.sep) << "\" compress=" << c.compress << " fallbacks=" << c.fallbacks.size()
     << " sign_ns=" << c.sign_ns << " verify_ns=" << c.verify_ns
     << " max_age_ns=" << (c.max_age_ns ? std::to_string(*c.max_age_ns) : std::string("none"))
     << " max_inflate=" << (c.max_inflate ? std::to_string(*c.max_inflate) : std::string("default"))
     << "\n  token: " << printable(c.token);
  if (c.input) os << "\n  input: " << printable(*c.input);
  return os.str();
}

// Reports failures, but at most kMaxReports per test, then only counts.
class Reporter {
 public:
  static constexpr int kMaxReports = 40;
  ~Reporter() {
    if (failures_ > kMaxReports) ADD_FAILURE() << failures_ << " failing cases in total (first " << kMaxReports
                                               << " shown)";
  }
  void fail(const Case& c, const std::string& what) {
    ++failures_;
    if (failures_ <= kMaxReports) ADD_FAILURE() << what << "\n  " << describe(c);
  }
  int failures() const { return failures_; }

 private:
  int failures_ = 0;
};

signet::UnixTime at_ns(std::int64_t ns) { return signet::UnixTime(std::chrono::nanoseconds(ns)); }

std::vector<signet::SecretBytes> fallback_keys(const Case& c) {
  std::vector<signet::SecretBytes> keys;
  for (const auto& k : c.fallbacks) keys.emplace_back(std::string_view(k));
  return keys;
}

dj::SignerOptions signer_options(const Case& c, dj::Algorithm alg) {
  dj::SignerOptions o;
  o.salt = c.salt;
  o.sep = c.sep;
  o.algorithm = alg;
  o.fallback_keys = fallback_keys(c);
  return o;
}

std::optional<std::chrono::nanoseconds> max_age(const Case& c) {
  if (!c.max_age_ns) return std::nullopt;
  return std::chrono::nanoseconds(*c.max_age_ns);
}

std::size_t max_inflate(const Case& c) { return c.max_inflate.value_or(dj::kDefaultMaxInflate); }

// Compares a verification result with the case's expected outcome.
template <class T>
void check_outcome(Reporter& r, const Case& c, const signet::Result<T>& got) {
  if (got.has_value()) {
    std::string text(*got);
    produced()[c.id].verified = text;
    if (c.outcome != "ok") {
      r.fail(c, "expected " + c.outcome + ", signet accepted the token and returned \"" + printable(text) + "\"");
    } else if (text != c.expect) {
      r.fail(c, "value differs: want \"" + printable(c.expect) + "\"\n  got \"" + printable(text) + "\"");
    }
  } else {
    std::string code(signet::errc_name(got.error().code()));
    if (c.outcome == "ok") {
      r.fail(c, "expected ok (\"" + printable(c.expect) + "\"), signet failed: " + code + " (" +
                    std::string(got.error().detail()) + ")");
    } else if (code != c.outcome) {
      r.fail(c, "expected " + c.outcome + ", signet failed with " + code + " (" + std::string(got.error().detail()) +
                    ")");
    }
  }
}

// Compares a signing result with Django's token when the case says it must
// be byte-identical, and records it for step 3.
void check_signed(Reporter& r, const Case& c, const signet::Result<std::string>& got) {
  if (!got.has_value()) {
    r.fail(c, "signet failed to sign the input: " + std::string(signet::errc_name(got.error().code())) + " (" +
                  std::string(got.error().detail()) + ")");
    return;
  }
  produced()[c.id].token = *got;
  if (c.check_sign && *got != c.token) {
    r.fail(c, "signet token not byte-identical to Django's:\n  want " + printable(c.token, 400) + "\n  got  " +
                  printable(*got, 400));
  }
}

bool wanted(const Case& c, std::initializer_list<std::string_view> kinds) {
  for (auto k : kinds)
    if (c.kind == k) return true;
  return false;
}

std::optional<dj::Algorithm> algorithm(Reporter& r, const Case& c) {
  auto a = dj::parse_algorithm(c.algorithm);
  if (!a) {
    r.fail(c, "parse_algorithm(\"" + c.algorithm + "\") failed");
    return std::nullopt;
  }
  if (dj::algorithm_name(*a) != c.algorithm) r.fail(c, "algorithm_name does not round-trip");
  return *a;
}

// ----------------------------------------------------------------- tests

TEST(DjangoLibraryInterop, CaseFileLoaded) {
  ASSERT_FALSE(g_cases_path.empty()) << "pass --cases=FILE or set SIGNET_INTEROP_CASES_FILE";
  std::map<std::string, int> kinds;
  for (const auto& c : cases()) ++kinds[c.kind];
  std::cout << "[ cases    ] " << cases().size() << " from " << g_cases_path << ":";
  for (const auto& [k, n] : kinds) std::cout << ' ' << k << '=' << n;
  std::cout << '\n';
  EXPECT_GE(cases().size(), 1000u);
}

// Signer.sign / unsign.
TEST(DjangoLibraryInterop, Signer) {
  Reporter r;
  int n = 0;
  for (const auto& c : cases()) {
    if (!wanted(c, {"sign"})) continue;
    ++n;
    auto alg = algorithm(r, c);
    if (!alg) continue;
    auto key = signet::SecretBytes(std::string_view(c.key));
    auto signer = dj::Signer::create(key, signer_options(c, *alg));
    if (!signer) {
      r.fail(c, "Signer::create failed: " + std::string(signet::errc_name(signer.error().code())));
      continue;
    }
    check_outcome(r, c, signer->unsign(std::string_view(c.token)));
    if (c.input) check_signed(r, c, signet::Result<std::string>(signer->sign(*c.input)));
  }
  std::cout << "[ checked  ] " << n << " Signer cases, " << r.failures() << " failing\n";
}

// TimestampSigner.sign / unsign, fixed clocks at the signing and checking times.
TEST(DjangoLibraryInterop, TimestampSigner) {
  Reporter r;
  int n = 0;
  for (const auto& c : cases()) {
    if (!wanted(c, {"ts"})) continue;
    ++n;
    auto alg = algorithm(r, c);
    if (!alg) continue;
    auto key = signet::SecretBytes(std::string_view(c.key));
    signet::FixedClock verify_clock(at_ns(c.verify_ns));
    signet::FixedClock sign_clock(at_ns(c.sign_ns));
    auto verifier = dj::TimestampSigner::create(key, signer_options(c, *alg), verify_clock);
    auto signer = dj::TimestampSigner::create(key, signer_options(c, *alg), sign_clock);
    if (!verifier || !signer) {
      r.fail(c, "TimestampSigner::create failed");
      continue;
    }
    dj::UnsignOptions uo;
    uo.max_age = max_age(c);
    check_outcome(r, c, verifier->unsign(std::string_view(c.token), uo));
    if (c.input) check_signed(r, c, signet::Result<std::string>(signer->sign(*c.input)));
  }
  std::cout << "[ checked  ] " << n << " TimestampSigner cases, " << r.failures() << " failing\n";
}

// Signer.sign_object / unsign_object.
TEST(DjangoLibraryInterop, SignerObject) {
  Reporter r;
  int n = 0;
  for (const auto& c : cases()) {
    if (!wanted(c, {"obj"})) continue;
    ++n;
    auto alg = algorithm(r, c);
    if (!alg) continue;
    auto key = signet::SecretBytes(std::string_view(c.key));
    auto signer = dj::Signer::create(key, signer_options(c, *alg));
    if (!signer) {
      r.fail(c, "Signer::create failed");
      continue;
    }
    check_outcome(r, c, signer->unsign_object(c.token, max_inflate(c)));
    if (c.input) check_signed(r, c, signer->sign_object(*c.input, dj::ObjectOptions{.compress = c.compress}));
  }
  std::cout << "[ checked  ] " << n << " Signer object cases, " << r.failures() << " failing\n";
}

// TimestampSigner.sign_object / unsign_object.
TEST(DjangoLibraryInterop, TimestampSignerObject) {
  Reporter r;
  int n = 0;
  for (const auto& c : cases()) {
    if (!wanted(c, {"tsobj"})) continue;
    ++n;
    auto alg = algorithm(r, c);
    if (!alg) continue;
    auto key = signet::SecretBytes(std::string_view(c.key));
    signet::FixedClock verify_clock(at_ns(c.verify_ns));
    signet::FixedClock sign_clock(at_ns(c.sign_ns));
    auto verifier = dj::TimestampSigner::create(key, signer_options(c, *alg), verify_clock);
    auto signer = dj::TimestampSigner::create(key, signer_options(c, *alg), sign_clock);
    if (!verifier || !signer) {
      r.fail(c, "TimestampSigner::create failed");
      continue;
    }
    dj::UnsignOptions uo;
    uo.max_age = max_age(c);
    uo.max_inflate = max_inflate(c);
    check_outcome(r, c, verifier->unsign_object(c.token, uo));
    if (c.input) check_signed(r, c, signer->sign_object(*c.input, dj::ObjectOptions{.compress = c.compress}));
  }
  std::cout << "[ checked  ] " << n << " TimestampSigner object cases, " << r.failures() << " failing\n";
}

// signing.dumps / loads through the free functions.
TEST(DjangoLibraryInterop, DumpsLoads) {
  Reporter r;
  int n = 0;
  for (const auto& c : cases()) {
    if (!wanted(c, {"dumps"})) continue;
    ++n;
    auto alg = algorithm(r, c);
    if (!alg) continue;
    auto key = signet::SecretBytes(std::string_view(c.key));
    signet::FixedClock verify_clock(at_ns(c.verify_ns));
    signet::FixedClock sign_clock(at_ns(c.sign_ns));
    dj::LoadsOptions lo;
    if (c.salt) lo.salt = *c.salt;
    lo.algorithm = *alg;
    lo.max_age = max_age(c);
    lo.max_inflate = max_inflate(c);
    lo.fallback_keys = fallback_keys(c);
    lo.clock = &verify_clock;
    check_outcome(r, c, dj::loads(c.token, key, lo));
    if (c.input) {
      dj::DumpsOptions d;
      if (c.salt) d.salt = *c.salt;
      d.algorithm = *alg;
      d.compress = c.compress;
      d.clock = &sign_clock;
      check_signed(r, c, dj::dumps(*c.input, key, d));
    }
  }
  std::cout << "[ checked  ] " << n << " dumps/loads cases, " << r.failures() << " failing\n";
}

// The separator rule matches Django's constructor check (Signer and TimestampSigner).
TEST(DjangoLibraryInterop, SeparatorRule) {
  Reporter r;
  int n = 0;
  for (const auto& c : cases()) {
    if (!wanted(c, {"sep"})) continue;
    ++n;
    auto key = signet::SecretBytes(std::string_view(c.key));
    dj::SignerOptions o;
    o.sep = c.sep;
    auto s = dj::Signer::create(key, o);
    dj::SignerOptions to;
    to.sep = c.sep;
    auto t = dj::TimestampSigner::create(key, to);
    bool django_ok = c.outcome == "ok";
    if (s.has_value() != django_ok) {
      r.fail(c, std::string("Signer::create ") + (s ? "accepted" : "refused") + " a separator Django " +
                    (django_ok ? "accepts" : "refuses"));
    } else if (!s && signet::errc_name(s.error().code()) != c.outcome) {
      r.fail(c, "Signer::create refused the separator with " + std::string(signet::errc_name(s.error().code())));
    }
    if (t.has_value() != django_ok) {
      r.fail(c, std::string("TimestampSigner::create ") + (t ? "accepted" : "refused") + " a separator Django " +
                    (django_ok ? "accepts" : "refuses"));
    }
  }
  std::cout << "[ checked  ] " << n << " separators, " << r.failures() << " failing\n";
}

// JSON text signet refuses to sign: dumps and both sign_object variants fail
// with invalid_argument and produce nothing.
TEST(DjangoLibraryInterop, InvalidJsonToSign) {
  Reporter r;
  int n = 0;
  for (const auto& c : cases()) {
    if (!wanted(c, {"dumpsbad"}) || !c.input) continue;
    ++n;
    auto key = signet::SecretBytes(std::string_view(c.key));
    signet::FixedClock clock(at_ns(c.sign_ns));
    dj::DumpsOptions d;
    d.clock = &clock;
    auto signer = dj::Signer::create(key);
    auto ts_signer = dj::TimestampSigner::create(key, {}, clock);
    if (!signer || !ts_signer) {
      r.fail(c, "create failed");
      continue;
    }
    const std::pair<const char*, signet::Result<std::string>> results[] = {
        {"dumps", dj::dumps(*c.input, key, d)},
        {"Signer::sign_object", signer->sign_object(*c.input)},
        {"TimestampSigner::sign_object", ts_signer->sign_object(*c.input, dj::ObjectOptions{.compress = true})},
    };
    for (const auto& [what, res] : results) {
      if (res.has_value()) {
        r.fail(c, std::string(what) + " signed invalid JSON: " + printable(*res));
      } else if (signet::errc_name(res.error().code()) != c.outcome) {
        r.fail(c, std::string(what) + " failed with " + std::string(signet::errc_name(res.error().code())) +
                      ", want " + c.outcome);
      }
    }
  }
  std::cout << "[ checked  ] " << n << " invalid JSON inputs, " << r.failures() << " failing\n";
}

std::string flag_value(int argc, char** argv, std::string_view name) {
  std::string prefix = "--" + std::string(name) + "=";
  for (int i = 1; i < argc; ++i) {
    std::string_view a(argv[i]);
    if (a.substr(0, prefix.size()) == prefix) return std::string(a.substr(prefix.size()));
  }
  return {};
}

}  // namespace

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);  // removes the gtest flags
  g_cases_path = flag_value(argc, argv, "cases");
  g_out_path = flag_value(argc, argv, "out");
  if (g_cases_path.empty())
    if (const char* e = std::getenv("SIGNET_INTEROP_CASES_FILE")) g_cases_path = e;
  if (g_out_path.empty())
    if (const char* e = std::getenv("SIGNET_INTEROP_TOKENS_FILE")) g_out_path = e;
  if (!g_out_path.empty()) std::remove(g_out_path.c_str());
  ::testing::AddGlobalTestEnvironment(new InteropEnvironment);
  return RUN_ALL_TESTS();
}
