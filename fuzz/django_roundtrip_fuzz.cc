// dumps -> loads round trip (Django's signing.dumps / signing.loads).
// The fuzz bytes build a JSON value (nested objects and arrays, strings
// with controls, Latin-1, BMP and astral characters, integers of any size,
// floats, literals), written with random whitespace. Then
//   loads(dumps(value)) == canonicalize(value, compact)
// for values whose numbers are already written as Python writes them (the
// generator only makes such numbers); with and without compression, and
// with a salt and algorithm taken from the input.
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "encoding/json.h"
#include "fuzz_keys.h"
#include "fuzz_util.h"
#include "signet/django.h"

using namespace signet;
namespace keys = signet::fuzz::keys;

namespace {

constexpr std::size_t kMaxDepth = 12;

void whitespace(fuzz::ByteReader& in, std::string& out) {
  static constexpr char kWs[] = {' ', '\t', '\n', '\r'};
  const std::uint8_t b = in.u8();
  if ((b & 0xF0) == 0xF0) out.append(b & 3, kWs[(b >> 2) & 3]);
}

void u_escape(std::uint32_t unit, std::string& out) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "\\u%04x", unit);
  out.append(buf);
}

void string_value(fuzz::ByteReader& in, std::string& out) {
  // Each character raw or escaped, as the input says (astral characters as
  // surrogate-pair escapes).
  const std::size_t n = in.below(17);
  const std::uint8_t escape_mask = in.u8();
  out.push_back('"');
  for (std::size_t i = 0; i < n && !in.empty(); ++i) {
    const std::uint8_t b = in.u8();
    std::uint32_t cp = b;
    if (b >= 0x80) {
      switch (b & 3) {
        case 0: cp = 0x80u + in.u8(); break;
        case 1: cp = 0x800u + (std::uint32_t{in.u8()} << 8 | in.u8()) % 0xD000u; break;
        case 2: cp = 0xE000u + (std::uint32_t{in.u8()} << 8 | in.u8()) % 0x2000u; break;
        default: cp = 0x10000u + (std::uint32_t{in.u8()} << 12 | std::uint32_t{in.u8()} << 4) % 0x100000u; break;
      }
    }
    const bool escape = (escape_mask >> (i % 8) & 1) != 0;
    if (cp == '"' || cp == '\\') {
      out.push_back('\\');
      out.push_back(static_cast<char>(cp));
    } else if (cp == '/' && escape) {
      out.append("\\/");
    } else if (cp < 0x20 || escape) {
      if (cp >= 0x10000) {
        u_escape(0xD800 + ((cp - 0x10000) >> 10), out);
        u_escape(0xDC00 + ((cp - 0x10000) & 0x3FF), out);
      } else {
        u_escape(cp, out);
      }
    } else {
      fuzz::append_utf8(cp, out);
    }
  }
  out.push_back('"');
}

void number_value(fuzz::ByteReader& in, std::string& out) {
  switch (in.below(4)) {
    case 0:
      out.append(std::to_string(in.i64()));
      break;
    case 1: {  // a big integer, beyond 64 bits
      if (in.boolean()) out.push_back('-');
      out.push_back(static_cast<char>('1' + in.below(9)));
      const std::size_t n = 19 + in.below(60);
      for (std::size_t i = 0; i < n; ++i) out.push_back(static_cast<char>('0' + in.below(10)));
      break;
    }
    case 2: {  // a float, written as Python's repr: shortest round-trip digits
      double d = 0;
      const std::uint64_t bits = in.u64();
      std::memcpy(&d, &bits, sizeof d);
      if (!std::isfinite(d)) d = 0.5;
      // Shortest round-trip digits, as a float literal; then the text
      // Python's repr makes of it (signet's python writer, which json_fuzz
      // checks to be a fixed point).
      char buf[64];
      const auto res = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::scientific);
      const auto python = json::canonicalize(std::string_view(buf, static_cast<std::size_t>(res.ptr - buf)),
                                             json::Style::python_compact_ascii);
      out.append(python ? *python : std::string("0.5"));
      break;
    }
    default:
      out.append(std::to_string(static_cast<int>(in.u8()) - 128));
      break;
  }
}

void value(fuzz::ByteReader& in, std::string& out, std::size_t depth) {
  whitespace(in, out);
  const std::size_t kind = in.below(depth < kMaxDepth ? 8 : 6);
  switch (kind) {
    case 0: out.append("null"); break;
    case 1: out.append(in.boolean() ? "true" : "false"); break;
    case 2:
    case 3: string_value(in, out); break;
    case 4:
    case 5: number_value(in, out); break;
    case 6: {
      out.push_back('[');
      const std::size_t n = in.below(5);
      for (std::size_t i = 0; i < n && !in.empty(); ++i) {
        if (i) out.push_back(',');
        value(in, out, depth + 1);
      }
      whitespace(in, out);
      out.push_back(']');
      break;
    }
    default: {
      out.push_back('{');
      const std::size_t n = in.below(5);
      std::vector<std::string> names;
      for (std::size_t i = 0; i < n && !in.empty(); ++i) {
        std::string name;
        string_value(in, name);
        // Duplicate names are refused (signet's rule): keep them unique.
        const auto canonical = json::canonicalize(name, json::Style::compact);
        if (!canonical) continue;
        bool seen = false;
        for (const auto& s : names) seen = seen || s == *canonical;
        if (seen) continue;
        names.push_back(*canonical);
        if (names.size() > 1) out.push_back(',');
        whitespace(in, out);
        out.append(name);
        whitespace(in, out);
        out.push_back(':');
        value(in, out, depth + 1);
      }
      whitespace(in, out);
      out.push_back('}');
      break;
    }
  }
  whitespace(in, out);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const FixedClock clock = FixedClock::from_seconds(keys::kNow);
  static const SecretBytes key{keys::kDjangoKey};

  fuzz::ByteReader in(data, size);
  const bool compress = in.boolean();
  const auto alg = static_cast<django::Algorithm>(in.below(5));
  std::string salt(in.bytes(16));
  if (salt.empty()) salt = std::string(django::kDumpsSalt);

  std::string doc;
  value(in, doc, 0);
  const auto canonical = json::canonicalize(doc, json::Style::compact);
  if (!canonical) {
    std::fprintf(stderr, "generated invalid JSON: %s\n", doc.c_str());
    FUZZ_CHECK(canonical.has_value());
  }

  django::DumpsOptions d;
  d.salt = salt;
  d.algorithm = alg;
  d.compress = compress;
  d.clock = &clock;
  const auto token = django::dumps(doc, key, d);
  FUZZ_CHECK(token.has_value());

  django::LoadsOptions l;
  l.salt = salt;
  l.algorithm = alg;
  l.max_age = std::chrono::seconds(0);  // signed "now": age 0 is not expired
  l.clock = &clock;
  const auto loaded = django::loads(*token, key, l);
  if (!loaded) {
    std::fprintf(stderr, "loads failed: %.*s\n", static_cast<int>(loaded.error().detail().size()),
                 loaded.error().detail().data());
  }
  FUZZ_CHECK(loaded && *loaded == *canonical);

  // A wrong salt or key never loads.
  l.salt = salt + "x";
  FUZZ_CHECK(!django::loads(*token, key, l));
  return 0;
}
