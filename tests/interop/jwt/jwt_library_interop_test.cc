// Step 2 of the JWT library interop suite: checks, with the signet::jwt C++
// API (not the CLI), the tokens and keys that PyJWT, jwcrypto, jose and
// jsonwebtoken wrote in step 1 (make_jwt_library_cases.py), and signs
// signet's own tokens, which the peers verify in step 3
// (verify_jwt_library_tokens.py).
//
// Environment: SIGNET_JWT_INTEROP_CASES  the case file (JSON lines; format in make_jwt_library_cases.py)
//              SIGNET_JWT_INTEROP_TOKENS the output for step 3 (JSON lines:
//                  id, claims_json, token, public_jwk, public_pem)
// Without a case file every test is skipped. CTest runs SignetTokensForPeers
// alone as the fixture that feeds step 3 (interop_jwt_lib_sign), and the
// other tests as interop_jwt_lib_cpp, so that a verification failure here
// does not stop the peers from checking signet's tokens.
#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
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
#include "signet/jwt.h"
#include "signet/result.h"

namespace {

namespace jwt = signet::jwt;

// ----------------------------------------------------------------- a small JSON reader
// Enough JSON for the case file and for comparing claims: objects keep their
// member order, strings are decoded to UTF-8, numbers keep their text.

struct Json {
  enum class Type { null, boolean, number, string, array, object };
  Type type = Type::null;
  bool boolean = false;
  std::string text;  // number text, or decoded string
  std::vector<Json> items;
  std::vector<std::pair<std::string, Json>> members;

  const Json* get(std::string_view name) const {
    for (const auto& [k, v] : members)
      if (k == name) return &v;
    return nullptr;
  }
  bool is_string() const { return type == Type::string; }
  bool is_null() const { return type == Type::null; }
  std::string str(std::string_view name, std::string fallback = {}) const {
    const Json* v = get(name);
    return v && v->is_string() ? v->text : fallback;
  }
  bool flag(std::string_view name) const {
    const Json* v = get(name);
    return v && v->type == Type::boolean && v->boolean;
  }
  std::optional<std::int64_t> integer(std::string_view name) const {
    const Json* v = get(name);
    if (!v || v->type != Type::number) return std::nullopt;
    return std::stoll(v->text);
  }
};

class JsonReader {
 public:
  explicit JsonReader(std::string_view s) : s_(s) {}
  Json parse() {
    Json v = value(0);
    ws();
    if (i_ != s_.size()) fail("trailing characters");
    return v;
  }

 private:
  [[noreturn]] void fail(const std::string& why) const {
    throw std::runtime_error("JSON: " + why + " at offset " + std::to_string(i_));
  }
  void ws() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\n' || s_[i_] == '\r')) ++i_;
  }
  char peek() {
    ws();
    if (i_ >= s_.size()) fail("unexpected end");
    return s_[i_];
  }
  void expect(char c) {
    if (peek() != c) fail(std::string("expected '") + c + "'");
    ++i_;
  }
  bool literal(std::string_view word) {
    if (s_.substr(i_, word.size()) == word) {
      i_ += word.size();
      return true;
    }
    return false;
  }
  Json value(int depth) {
    if (depth > 64) fail("too deep");
    Json v;
    const char c = peek();
    if (c == '{') {
      v.type = Json::Type::object;
      ++i_;
      if (peek() == '}') {
        ++i_;
        return v;
      }
      for (;;) {
        if (peek() != '"') fail("expected a member name");
        std::string name = string();
        expect(':');
        v.members.emplace_back(std::move(name), value(depth + 1));
        if (peek() == ',') {
          ++i_;
          continue;
        }
        expect('}');
        return v;
      }
    }
    if (c == '[') {
      v.type = Json::Type::array;
      ++i_;
      if (peek() == ']') {
        ++i_;
        return v;
      }
      for (;;) {
        v.items.push_back(value(depth + 1));
        if (peek() == ',') {
          ++i_;
          continue;
        }
        expect(']');
        return v;
      }
    }
    if (c == '"') {
      v.type = Json::Type::string;
      v.text = string();
      return v;
    }
    if (literal("true")) {
      v.type = Json::Type::boolean;
      v.boolean = true;
      return v;
    }
    if (literal("false")) {
      v.type = Json::Type::boolean;
      return v;
    }
    if (literal("null")) return v;
    const std::size_t start = i_;
    while (i_ < s_.size() && std::string_view("+-0123456789.eE").find(s_[i_]) != std::string_view::npos) ++i_;
    if (start == i_) fail("unexpected character");
    v.type = Json::Type::number;
    v.text = std::string(s_.substr(start, i_ - start));
    return v;
  }
  unsigned hex4() {
    if (i_ + 4 > s_.size()) fail("short \\u escape");
    unsigned u = 0;
    for (int k = 0; k < 4; ++k) {
      const char h = s_[i_++];
      u <<= 4;
      if (h >= '0' && h <= '9') u |= static_cast<unsigned>(h - '0');
      else if (h >= 'a' && h <= 'f') u |= static_cast<unsigned>(h - 'a' + 10);
      else if (h >= 'A' && h <= 'F') u |= static_cast<unsigned>(h - 'A' + 10);
      else fail("bad \\u escape");
    }
    return u;
  }
  static void utf8(std::string& out, unsigned cp) {
    if (cp < 0x80) {
      out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
      out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
      out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
      out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
  }
  std::string string() {
    expect('"');
    std::string out;
    for (;;) {
      if (i_ >= s_.size()) fail("unterminated string");
      const char c = s_[i_++];
      if (c == '"') return out;
      if (c != '\\') {
        out.push_back(c);
        continue;
      }
      if (i_ >= s_.size()) fail("unterminated escape");
      const char e = s_[i_++];
      switch (e) {
        case '"': out.push_back('"'); break;
        case '\\': out.push_back('\\'); break;
        case '/': out.push_back('/'); break;
        case 'b': out.push_back('\b'); break;
        case 'f': out.push_back('\f'); break;
        case 'n': out.push_back('\n'); break;
        case 'r': out.push_back('\r'); break;
        case 't': out.push_back('\t'); break;
        case 'u': {
          unsigned cp = hex4();
          if (cp >= 0xD800 && cp < 0xDC00 && s_.substr(i_, 2) == "\\u") {
            i_ += 2;
            const unsigned lo = hex4();
            if (lo < 0xDC00 || lo > 0xDFFF) fail("bad surrogate pair");
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
          }
          utf8(out, cp);
          break;
        }
        default: fail("bad escape");
      }
    }
  }
  std::string_view s_;
  std::size_t i_ = 0;
};

Json parse_json(std::string_view text) { return JsonReader(text).parse(); }

bool is_integer_text(const std::string& t) { return t.find_first_of(".eE") == std::string::npos; }

// same_json compares values; numbers by value (1 == 1.0; integers exactly),
// object members in order. `why` says where they differ.
bool same_json(const Json& a, const Json& b, std::string& why, const std::string& path = "$") {
  if (a.type != b.type) {
    why = path + ": types differ";
    return false;
  }
  switch (a.type) {
    case Json::Type::null: return true;
    case Json::Type::boolean:
      if (a.boolean != b.boolean) why = path + ": booleans differ";
      return a.boolean == b.boolean;
    case Json::Type::number: {
      bool eq;
      if (is_integer_text(a.text) && is_integer_text(b.text)) {
        eq = a.text == b.text || (a.text.size() < 19 && b.text.size() < 19 && std::stoll(a.text) == std::stoll(b.text));
      } else {
        eq = std::strtod(a.text.c_str(), nullptr) == std::strtod(b.text.c_str(), nullptr);
      }
      if (!eq) why = path + ": numbers differ (" + a.text + " vs " + b.text + ")";
      return eq;
    }
    case Json::Type::string:
      if (a.text != b.text) why = path + ": strings differ";
      return a.text == b.text;
    case Json::Type::array:
      if (a.items.size() != b.items.size()) {
        why = path + ": array lengths differ";
        return false;
      }
      for (std::size_t i = 0; i < a.items.size(); ++i)
        if (!same_json(a.items[i], b.items[i], why, path + "[" + std::to_string(i) + "]")) return false;
      return true;
    case Json::Type::object:
      if (a.members.size() != b.members.size()) {
        why = path + ": member counts differ";
        return false;
      }
      for (std::size_t i = 0; i < a.members.size(); ++i) {
        if (a.members[i].first != b.members[i].first) {
          why = path + ": member " + std::to_string(i) + " is \"" + a.members[i].first + "\" vs \"" +
                b.members[i].first + "\" (order or name)";
          return false;
        }
        if (!same_json(a.members[i].second, b.members[i].second, why, path + "." + a.members[i].first)) return false;
      }
      return true;
  }
  return false;
}

std::string json_quote(std::string_view s) {
  std::string out = "\"";
  for (char ch : s) {
    const auto u = static_cast<unsigned char>(ch);
    if (ch == '"' || ch == '\\') {
      out.push_back('\\');
      out.push_back(ch);
    } else if (u < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", u);
      out += buf;
    } else {
      out.push_back(ch);
    }
  }
  return out + "\"";
}

std::string unhex(std::string_view h) {
  std::string out;
  for (std::size_t i = 0; i + 1 < h.size(); i += 2) out.push_back(static_cast<char>(std::stoi(std::string(h.substr(i, 2)), nullptr, 16)));
  return out;
}

std::string printable(std::string_view s, std::size_t max = 300) {
  std::string out;
  for (char ch : s.substr(0, max)) {
    const auto u = static_cast<unsigned char>(ch);
    if (u >= 0x20 && u < 0x7F) {
      out.push_back(ch);
    } else {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", u);
      out += buf;
    }
  }
  if (s.size() > max) out += "...(" + std::to_string(s.size()) + " bytes)";
  return out;
}

// ----------------------------------------------------------------- cases

struct Case {
  Json j;
  std::string id, kind, peer, alg, note;
  std::int64_t now = 0;
};

struct Produced {
  std::optional<std::string> claims_json, token, public_jwk, public_pem;
};

struct State {
  std::string cases_path, out_path;
  Json meta;
  std::vector<Case> cases;
  std::map<std::string, Produced> produced;
};

State& state() {
  static State s;
  return s;
}

class InteropEnvironment : public ::testing::Environment {
 public:
  void SetUp() override {
    auto& s = state();
    if (const char* e = std::getenv("SIGNET_JWT_INTEROP_CASES")) s.cases_path = e;
    if (const char* e = std::getenv("SIGNET_JWT_INTEROP_TOKENS")) s.out_path = e;
    if (!s.out_path.empty()) std::remove(s.out_path.c_str());
    if (s.cases_path.empty()) return;
    std::ifstream in(s.cases_path, std::ios::binary);
    if (!in) {
      std::cerr << "cannot open " << s.cases_path << "\n";
      return;
    }
    std::string line;
    bool first = true;
    while (std::getline(in, line)) {
      if (line.empty()) continue;
      Json j = parse_json(line);
      if (first) {
        s.meta = std::move(j);
        first = false;
        continue;
      }
      Case c;
      c.id = j.str("id");
      c.kind = j.str("kind");
      c.peer = j.str("peer");
      c.alg = j.str("alg");
      c.note = j.str("note");
      c.now = j.integer("now").value_or(0);
      c.j = std::move(j);
      s.cases.push_back(std::move(c));
    }
  }
  void TearDown() override {
    auto& s = state();
    if (s.out_path.empty() || s.produced.empty()) return;
    std::ofstream out(s.out_path + ".tmp", std::ios::binary | std::ios::trunc);
    for (const auto& [id, p] : s.produced) {
      out << "{\"id\":" << json_quote(id);
      const std::pair<const char*, const std::optional<std::string>*> fields[] = {
          {"claims_json", &p.claims_json}, {"token", &p.token}, {"public_jwk", &p.public_jwk},
          {"public_pem", &p.public_pem}};
      for (const auto& [name, value] : fields) {
        out << ",\"" << name << "\":" << (*value ? json_quote(**value) : std::string("null"));
      }
      out << "}\n";
    }
    out.close();
    if (std::rename((s.out_path + ".tmp").c_str(), s.out_path.c_str()) != 0) std::cerr << "cannot write " << s.out_path << "\n";
  }
};

const auto* const kEnvironment = ::testing::AddGlobalTestEnvironment(new InteropEnvironment);

std::string describe(const Case& c) {
  std::ostringstream os;
  os << "case " << c.id << " [" << c.kind << ", " << c.note << "] peer=" << c.peer << " alg=" << c.alg
     << " now=" << c.now;
  if (const Json* k = c.j.get("vkey")) os << " key=" << k->str("form") << (k->flag("bind") ? " (bound)" : "");
  if (const Json* t = c.j.get("token"); t && t->is_string()) os << "\n  token: " << printable(t->text, 600);
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

std::string err(const signet::Error& e) { return std::string(signet::errc_name(e.code())) + " (" + std::string(e.detail()) + ")"; }

jwt::Algorithm algorithm_of(const Case& c) {
  auto a = jwt::parse_algorithm(c.alg);
  if (!a) throw std::runtime_error("unknown alg " + c.alg);
  return *a;
}

// The verification key(s) of a case, as a KeySet-or-single-key verifier.
signet::Result<jwt::Verifier> make_verifier(const Case& c, const jwt::Policy& policy, const signet::Clock& clock) {
  const jwt::Algorithm alg = algorithm_of(c);
  const Json& k = *c.j.get("vkey");
  const std::string form = k.str("form");
  const std::string kid = k.str("kid");
  const std::optional<jwt::Algorithm> bind = k.flag("bind") ? std::optional(alg) : std::nullopt;
  if (form == "secret") {
    auto key = jwt::HmacKey::from_secret(alg, signet::SecretBytes(std::string_view(unhex(k.str("hex")))), kid);
    if (!key) return key.error();
    return jwt::Verifier::create(std::move(*key), policy, clock);
  }
  if (form == "oct") {
    auto key = jwt::HmacKey::from_jwk(k.str("text"), bind);
    if (!key) return key.error();
    if (key->algorithm() != alg) return signet::Unexpected(signet::Errc::invalid_argument, "TEST: oct JWK algorithm differs");
    return jwt::Verifier::create(std::move(*key), policy, clock);
  }
  if (form == "pem") {
    auto key = jwt::PublicKey::from_pem(k.str("text"), alg, kid);
    if (!key) return key.error();
    return jwt::Verifier::create(std::move(*key), policy, clock);
  }
  if (form == "privpem") {
    auto key = jwt::PrivateKey::from_pem(k.str("text"), alg, kid);
    if (!key) return key.error();
    return jwt::Verifier::create(*key, policy, clock);
  }
  if (form == "jwk") {
    auto key = jwt::PublicKey::from_jwk(k.str("text"), bind);
    if (!key) return key.error();
    if (key->algorithm() != alg) return signet::Unexpected(signet::Errc::invalid_argument, "TEST: JWK algorithm differs");
    return jwt::Verifier::create(std::move(*key), policy, clock);
  }
  if (form == "privjwk") {
    auto key = jwt::PrivateKey::from_jwk(k.str("text"), bind);
    if (!key) return key.error();
    return jwt::Verifier::create(*key, policy, clock);
  }
  if (form == "jwks") {
    jwt::KeySetOptions options;
    options.allow_hmac = k.flag("hmac");
    auto set = jwt::KeySet::from_jwks(k.str("text"), options);
    if (!set) return set.error();
    return jwt::Verifier::create(std::move(*set), policy, clock);
  }
  return signet::Unexpected(signet::Errc::invalid_argument, "TEST: unknown key form");
}

signet::Result<jwt::Policy> make_policy(const Case& c) {
  jwt::PolicyBuilder b;
  if (const Json* p = c.j.get("policy")) {
    if (const Json* v = p->get("iss"))
      for (const auto& i : v->items) b.expect_issuer(i.text);
    if (const Json* v = p->get("aud"))
      for (const auto& a : v->items) b.expect_audience(a.text);
    if (const Json* v = p->get("sub")) b.expect_subject(v->text);
    if (const Json* v = p->get("typ")) b.expect_type(v->text);
    if (const Json* v = p->get("require"))
      for (const auto& n : v->items) b.require_claim(n.text);
    if (auto v = p->integer("leeway")) b.leeway(std::chrono::seconds(*v));
    if (auto v = p->integer("max_age")) b.max_age(std::chrono::seconds(*v));
    if (p->flag("allow_missing_exp")) b.allow_missing_exp();
  }
  return b.build();
}

std::int64_t seconds_of(const std::chrono::sys_seconds& t) { return t.time_since_epoch().count(); }

// Checks every accessor of a VerifiedToken against the peer's token.
void check_token(Reporter& r, const Case& c, const jwt::VerifiedToken& t) {
  const Json& expect = *c.j.get("expect");
  std::string why;
  Json got;
  try {
    got = parse_json(t.claims_json());
  } catch (const std::exception& e) {
    r.fail(c, std::string("claims_json is not JSON: ") + e.what() + ": " + printable(t.claims_json()));
    return;
  }
  if (!same_json(expect, got, why)) {
    r.fail(c, "claims differ from the peer's: " + why + "\n  want " + printable(c.j.str("payload_text"), 800) +
                  "\n  got  " + printable(t.claims_json(), 800));
    return;
  }
  if (t.claims_json().find('\n') != std::string::npos) r.fail(c, "claims_json is not compact");
  if (t.payload_json() != c.j.str("payload_text"))
    r.fail(c, "payload_json() is not the signed payload text (verifier.h: \"exactly as signed\")\n  signed " +
                  printable(c.j.str("payload_text"), 400) + "\n  got    " + printable(t.payload_json(), 400));
  if (t.header_json() != c.j.str("header_text"))
    r.fail(c, "header_json() is not the signed header text (verifier.h: \"exactly as signed\")\n  signed " +
                  printable(c.j.str("header_text"), 400) + "\n  got    " + printable(t.header_json(), 400));
  if (jwt::algorithm_name(t.algorithm()) != c.alg) r.fail(c, "algorithm() differs");
  const Json header = parse_json(c.j.str("header_text"));
  const Json* hkid = header.get("kid");
  if ((hkid != nullptr) != t.kid().has_value() || (hkid && *t.kid() != hkid->text)) r.fail(c, "kid() differs from the header");
  const Json* htyp = header.get("typ");
  if ((htyp != nullptr) != t.type().has_value() || (htyp && *t.type() != htyp->text)) r.fail(c, "type() differs from the header");
  const std::pair<const char*, std::optional<std::string_view>> strings[] = {
      {"iss", t.issuer()}, {"sub", t.subject()}, {"jti", t.jwt_id()}};
  for (const auto& [name, value] : strings) {
    const Json* v = expect.get(name);
    if ((v != nullptr) != value.has_value() || (v && *value != v->text)) r.fail(c, std::string(name) + " accessor differs");
  }
  const std::pair<const char*, const std::optional<std::chrono::sys_seconds>*> times[] = {
      {"exp", &t.expires_at()}, {"nbf", &t.not_before()}, {"iat", &t.issued_at()}};
  for (const auto& [name, value] : times) {
    const Json* v = expect.get(name);
    if ((v != nullptr) != value->has_value() || (v && seconds_of(**value) != std::stoll(v->text)))
      r.fail(c, std::string(name) + " accessor differs");
  }
  std::vector<std::string> auds;
  if (const Json* a = expect.get("aud")) {
    if (a->is_string()) auds.push_back(a->text);
    for (const auto& i : a->items) auds.push_back(i.text);
  }
  if (auds != t.audiences()) r.fail(c, "audiences() differs");
  for (const auto& [name, value] : expect.members) {
    auto text = t.claim(name);
    if (!text) {
      r.fail(c, "claim(\"" + printable(name) + "\") is missing");
      continue;
    }
    if (!same_json(value, parse_json(*text), why)) r.fail(c, "claim(\"" + printable(name) + "\") differs: " + why);
    if (value.type == Json::Type::string) {
      auto s = t.string_claim(name);
      if (!s || *s != value.text) r.fail(c, "string_claim(\"" + printable(name) + "\") differs");
    } else if (value.type == Json::Type::boolean) {
      auto b = t.bool_claim(name);
      if (!b || *b != value.boolean) r.fail(c, "bool_claim(\"" + printable(name) + "\") differs");
    } else if (value.type == Json::Type::number && is_integer_text(value.text) && value.text.size() < 19) {
      auto i = t.int_claim(name);
      if (!i || *i != std::stoll(value.text)) r.fail(c, "int_claim(\"" + printable(name) + "\") differs");
    }
  }
}

bool have_cases() { return !state().cases.empty(); }

// Verifies a case's peer-made token with the case's key and policy.
signet::Result<jwt::VerifiedToken> verify_case(const Case& c, std::string& stage) {
  stage = "PolicyBuilder::build";
  auto policy = make_policy(c);
  if (!policy) return policy.error();
  const auto clock = signet::FixedClock::from_seconds(c.now);
  stage = "building the verifier from the peer's key";
  auto verifier = make_verifier(c, *policy, clock);
  if (!verifier) return verifier.error();
  stage = "verify";
  return verifier->verify(c.j.str("token"));
}

// ----------------------------------------------------------------- tests

TEST(JwtLibraryInterop, CaseFileLoaded) {
  if (!have_cases()) GTEST_SKIP() << "no case file: set SIGNET_JWT_INTEROP_CASES (step 1 writes it)";
  std::map<std::string, int> kinds;
  for (const auto& c : state().cases) ++kinds[c.kind];
  std::cout << "[ cases    ] " << state().cases.size() << " from " << state().cases_path << " (seed "
            << state().meta.get("seed")->text << "):";
  for (const auto& [k, n] : kinds) std::cout << ' ' << k << '=' << n;
  std::cout << '\n';
  EXPECT_GE(kinds["ok"], 500);
}

// Peer-made tokens verify with identical claims (kind ok).
TEST(JwtLibraryInterop, PeerTokensVerify) {
  if (!have_cases()) GTEST_SKIP() << "no case file: set SIGNET_JWT_INTEROP_CASES (step 1 writes it)";
  Reporter r;
  std::map<std::string, int> per_peer;
  for (const auto& c : state().cases) {
    if (c.kind != "ok") continue;
    std::string stage;
    auto token = verify_case(c, stage);
    if (!token) {
      r.fail(c, stage == "verify" ? "signet rejected a valid " + c.peer + " token: " + err(token.error()) +
                                        "\n  payload " + printable(c.j.str("payload_text"), 600)
                                  : stage + " failed: " + err(token.error()));
      continue;
    }
    const int before = r.failures();
    check_token(r, c, *token);
    state().produced[c.id].claims_json = token->claims_json();
    if (r.failures() == before) ++per_peer[c.peer + " " + c.alg];
  }
  int total = 0;
  for (const auto& [k, n] : per_peer) total += n;
  std::cout << "[ verified ] " << total << " peer-made tokens with identical claims, " << r.failures() << " failing\n";
}

// Peer-made tokens signet must reject, and keys it must refuse.
TEST(JwtLibraryInterop, PeerTokensRejected) {
  if (!have_cases()) GTEST_SKIP() << "no case file: set SIGNET_JWT_INTEROP_CASES (step 1 writes it)";
  Reporter r;
  int n = 0;
  for (const auto& c : state().cases) {
    if (c.kind != "neg" && c.kind != "negkey") continue;
    ++n;
    std::vector<std::string> codes;
    for (const auto& e : c.j.get("errors")->items) codes.push_back(e.text);
    auto accepted = [&](signet::Errc code) {
      for (const auto& want : codes)
        if (signet::errc_name(code) == want) return true;
      return false;
    };
    auto policy = make_policy(c);
    ASSERT_TRUE(policy.has_value()) << describe(c);
    const auto clock = signet::FixedClock::from_seconds(c.now);
    auto verifier = make_verifier(c, *policy, clock);
    if (c.kind == "negkey") {
      if (verifier) r.fail(c, "signet imported a key it must refuse");
      else if (!accepted(verifier.error().code())) r.fail(c, "key refused with " + err(verifier.error()));
      continue;
    }
    if (!verifier) {
      r.fail(c, "cannot build the verifier: " + err(verifier.error()));
      continue;
    }
    auto token = verifier->verify(c.j.str("token"));
    if (token) r.fail(c, "signet accepted a token it must reject; claims " + printable(token->claims_json()));
    else if (!accepted(token.error().code())) r.fail(c, "rejected with " + err(token.error()) + ", want " + codes.front());
  }
  std::cout << "[ rejected ] " << n << " peer-made tokens/keys, " << r.failures() << " failing\n";
}

// RFC 7638 thumbprints of the peers' JWKs equal the peers' own (jwcrypto, jose).
TEST(JwtLibraryInterop, Thumbprints) {
  if (!have_cases()) GTEST_SKIP() << "no case file: set SIGNET_JWT_INTEROP_CASES (step 1 writes it)";
  Reporter r;
  int n = 0;
  for (const auto& c : state().cases) {
    if (c.kind != "thumb") continue;
    ++n;
    const jwt::Algorithm alg = algorithm_of(c);
    std::string tp;
    if (jwt::family_of(alg) == jwt::KeyFamily::hmac) {
      auto k = jwt::HmacKey::from_jwk(c.j.str("jwk"), alg);
      if (!k) {
        r.fail(c, "HmacKey::from_jwk: " + err(k.error()));
        continue;
      }
      tp = k->thumbprint();
    } else {
      auto k = jwt::PublicKey::from_jwk(c.j.str("jwk"), alg);
      if (!k) {
        r.fail(c, "PublicKey::from_jwk: " + err(k.error()) + "\n  jwk " + c.j.str("jwk"));
        continue;
      }
      tp = k->thumbprint();
    }
    if (tp != c.j.str("thumbprint"))
      r.fail(c, "thumbprint " + tp + ", " + c.j.str("thumb_by") + " says " + c.j.str("thumbprint"));
  }
  std::cout << "[ thumbs   ] " << n << " thumbprints, " << r.failures() << " failing\n";
}

// signet signs the case's claims with the peer's private key (step 3 has the
// peer verify), after checking its own token round-trips.
TEST(JwtLibraryInterop, SignetTokensForPeers) {
  if (!have_cases()) GTEST_SKIP() << "no case file: set SIGNET_JWT_INTEROP_CASES (step 1 writes it)";
  Reporter r;
  int n = 0;
  for (const auto& c : state().cases) {
    if (c.kind != "ok") continue;
    const jwt::Algorithm alg = algorithm_of(c);
    const Json& s = *c.j.get("sign");
    const Json& k = *s.get("key");
    const std::string form = k.str("form");
    const std::optional<jwt::Algorithm> bind = k.flag("bind") ? std::optional(alg) : std::nullopt;
    jwt::SignerOptions options;
    if (const Json* typ = s.get("typ")) options.type = typ->is_null() ? std::nullopt : std::optional(typ->text);
    options.include_kid = s.flag("include_kid");
    if (const Json* kid = s.get("kid")) options.kid = kid->text;

    std::optional<jwt::HmacKey> hmac;
    std::optional<jwt::PrivateKey> priv;
    signet::Status made;
    if (form == "secret") {
      auto key = jwt::HmacKey::from_secret(alg, signet::SecretBytes(std::string_view(unhex(k.str("hex")))), k.str("kid"));
      if (key) hmac = std::move(*key);
      else made = key.error();
    } else if (form == "oct") {
      auto key = jwt::HmacKey::from_jwk(k.str("text"), bind);
      if (key) hmac = std::move(*key);
      else made = key.error();
    } else if (form == "privpem") {
      auto key = jwt::PrivateKey::from_pem(k.str("text"), alg, k.str("kid"));
      if (key) priv = std::move(*key);
      else made = key.error();
    } else {
      auto key = jwt::PrivateKey::from_jwk(k.str("text"), bind);
      if (key) priv = std::move(*key);
      else made = key.error();
    }
    if (!made) {
      r.fail(c, "cannot import the peer's private key (" + form + "): " + err(made.error()));
      continue;
    }
    auto signer = hmac ? jwt::Signer::create(*hmac, options) : jwt::Signer::create(*priv, options);
    if (!signer) {
      r.fail(c, "Signer::create: " + err(signer.error()));
      continue;
    }
    const std::string text = s.str("claims_text");
    signet::Result<std::string> token = signet::Unexpected(signet::Errc::invalid_argument, "unset");
    if (s.str("mode") == "json") {
      token = signer->sign_json(text);
    } else {
      auto claims = jwt::Claims::from_json(text);
      if (!claims) {
        r.fail(c, "Claims::from_json refused the claims: " + err(claims.error()) + "\n  " + printable(text, 600));
        continue;
      }
      token = signer->sign(*claims);
    }
    if (!token) {
      r.fail(c, "signing failed: " + err(token.error()) + "\n  claims " + printable(text, 600));
      continue;
    }
    // Round trip through signet before handing the token to the peer.
    auto policy = jwt::PolicyBuilder().allow_missing_exp().ignore_audience().build();
    const auto clock = signet::FixedClock::from_seconds(c.now);
    auto verifier = hmac ? jwt::Verifier::create(*hmac, *policy, clock) : jwt::Verifier::create(*priv, *policy, clock);
    auto back = verifier->verify(*token);
    std::string why;
    const std::string_view key_kid = hmac ? hmac->kid() : priv->kid();
    if (options.kid && !key_kid.empty() && *options.kid != key_kid) {
      // The header names another kid than the key's own: the same key, used
      // to verify, refuses it (a kid mismatch is key_mismatch by design).
      if (back || back.error().code() != signet::Errc::key_mismatch)
        r.fail(c, "a token whose kid header differs from the key's kid was not refused with key_mismatch");
    } else if (!back) {
      r.fail(c, "signet rejects its own token: " + err(back.error()) + "\n  token " + printable(*token, 600));
      continue;
    }
    if (back && !same_json(parse_json(text), parse_json(back->claims_json()), why)) {
      r.fail(c, "signet's own token has other claims: " + why + "\n  want " + printable(text, 600) + "\n  got  " +
                    printable(back->claims_json(), 600));
      continue;
    }
    auto& p = state().produced[c.id];
    p.token = *token;
    // Step 3 also re-reads signet's claims for the peer's token (checked in
    // PeerTokensVerify; recorded here so that this test alone feeds step 3).
    std::string stage;
    if (auto peer_token = verify_case(c, stage)) p.claims_json = peer_token->claims_json();
    if (hmac) {
      p.public_jwk = hmac->to_jwk_with_secret();
    } else {
      p.public_jwk = priv->public_key().to_jwk();
      p.public_pem = priv->public_key().to_pem();
      if (priv->thumbprint() != priv->public_key().thumbprint()) r.fail(c, "private and public thumbprints differ");
    }
    ++n;
  }
  std::cout << "[ signed   ] " << n << " signet tokens for the peers, " << r.failures() << " failing\n";
}

}  // namespace
