// Strict JSON reading over simdjson's On-Demand API and Python-compatible
// writing.
//
// Why On-Demand rather than DOM: the DOM parser turns numbers into binary and
// rejects integers beyond 64 bits, while Django (Python's json) accepts
// arbitrary integers and we must write them back digit for digit. On-Demand
// hands us each number's raw text, which we validate and classify ourselves.
//
// On-Demand is lazy, so strictness is ours to enforce: every value is visited,
// numbers and literals are checked against the RFC 8259 grammar here, and the
// end of the document is checked explicitly. simdjson still does the parts it
// is good at: UTF-8 validation of the whole input, rejection of unescaped
// control characters, string unescaping (which already refuses lone
// surrogates) and the structural grammar of arrays and objects.
//
// The walk is iterative with an explicit stack so that a caller-chosen
// max_depth can never overflow the C++ stack.

#include "encoding/json.h"

#include <simdjson.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

namespace signet::json {
namespace {

namespace od = simdjson::ondemand;

// Inputs larger than this are parsed with a per-call parser so that one big
// document does not leave megabytes of buffers behind in every thread.
constexpr std::size_t kRetainedCapacity = 64 * 1024;

// Objects with more members than this are checked for duplicates by sorting
// their names instead of comparing every pair.
constexpr std::size_t kPairwiseDuplicateCheck = 16;

// Decimal exponents of the leading digit from which a literal may overflow a
// double (DBL_MAX is about 1.8e308); below this no conversion is needed to
// prove the number finite.
constexpr std::int64_t kMayOverflowExp10 = 308;

constexpr char kHex[] = "0123456789abcdef";

Unexpected malformed(std::string_view detail) noexcept { return Unexpected(Errc::malformed, detail); }

// JSON whitespace is exactly these four bytes (RFC 8259 section 2).
constexpr bool is_ws(char c) noexcept { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

constexpr bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

std::string_view trim(std::string_view s) noexcept {
  std::size_t b = 0;
  std::size_t e = s.size();
  while (b < e && is_ws(s[b])) ++b;
  while (e > b && is_ws(s[e - 1])) --e;
  return s.substr(b, e - b);
}

// On-Demand's raw tokens run up to the next structural character, so they
// may carry trailing whitespace (never leading).
std::string_view trim_right(std::string_view s) noexcept {
  std::size_t e = s.size();
  while (e > 0 && is_ws(s[e - 1])) --e;
  return s.substr(0, e);
}

// What scan_number learned about a number literal.
struct NumberInfo {
  bool negative = false;
  bool is_int = true;  // no fraction and no exponent: a Python int
  bool zero = true;    // every mantissa digit is 0
  // Decimal exponent of the leading non-zero mantissa digit, exponent part
  // included (saturated), e.g. 12.5e3 -> 4. Only meaningful when !zero.
  std::int64_t lead_exp10 = 0;
};

// scan_number checks `s` against the RFC 8259 number grammar
//   -? (0 | [1-9][0-9]*) (\.[0-9]+)? ([eE][+-]?[0-9]+)?
// and fills `info`. The whole of `s` must be the number.
bool scan_number(std::string_view s, NumberInfo& info) noexcept {
  std::size_t i = 0;
  const std::size_t n = s.size();
  if (i < n && s[i] == '-') {
    info.negative = true;
    ++i;
  }
  if (i >= n || !is_digit(s[i])) return false;
  std::int64_t lead = 0;
  bool found = false;
  if (s[i] == '0') {
    ++i;
    // A leading zero may only be followed by a fraction or an exponent.
    if (i < n && is_digit(s[i])) return false;
  } else {
    const std::size_t start = i;
    while (i < n && is_digit(s[i])) ++i;
    found = true;
    lead = static_cast<std::int64_t>(i - start) - 1;
  }
  if (i < n && s[i] == '.') {
    info.is_int = false;
    ++i;
    const std::size_t start = i;
    while (i < n && is_digit(s[i])) {
      if (!found && s[i] != '0') {
        found = true;
        lead = -static_cast<std::int64_t>(i - start) - 1;
      }
      ++i;
    }
    if (i == start) return false;
  }
  std::int64_t exp = 0;
  if (i < n && (s[i] == 'e' || s[i] == 'E')) {
    info.is_int = false;
    ++i;
    bool exp_negative = false;
    if (i < n && (s[i] == '+' || s[i] == '-')) {
      exp_negative = s[i] == '-';
      ++i;
    }
    const std::size_t start = i;
    while (i < n && is_digit(s[i])) {
      // Saturate: anything this large is already far outside double range.
      if (exp < 1'000'000'000) exp = exp * 10 + (s[i] - '0');
      ++i;
    }
    if (i == start) return false;
    if (exp_negative) exp = -exp;
  }
  if (i != n) return false;
  info.zero = !found;
  info.lead_exp10 = lead + exp;
  return true;
}

// to_double converts a validated float literal the way Python's float() does:
// correctly rounded, underflow to a signed zero; overflow is an error because
// Python would then write Infinity, which is not JSON.
Result<double> to_double(std::string_view s, const NumberInfo& info) noexcept {
  double d = 0.0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), d, std::chars_format::general);
  if (ec == std::errc::result_out_of_range) {
    if (!info.zero && info.lead_exp10 > 0) return malformed("json: number overflows a double");
    return info.negative ? -0.0 : 0.0;
  }
  if (ec != std::errc() || end != s.data() + s.size()) return malformed("json: invalid number");
  if (!std::isfinite(d)) return malformed("json: number overflows a double");
  return d;
}

// append_python_float writes repr(d) as Python 3 does: the shortest digits
// that round-trip (std::to_chars gives the same digits as Python's dtoa mode
// 0), in fixed notation for decimal exponents in [-4, 16) with at least one
// fractional digit, otherwise as d[.ddd]e±XX.
void append_python_float(double d, std::string& out) {
  char buf[64];
  const auto res = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::scientific);
  const std::string_view sci(buf, static_cast<std::size_t>(res.ptr - buf));
  // sci is "-?D(.DDD)?e[+-]XX".
  std::size_t i = 0;
  if (sci[i] == '-') {
    out.push_back('-');
    ++i;
  }
  char digits[32];
  std::size_t nd = 0;
  while (i < sci.size() && sci[i] != 'e') {
    if (sci[i] != '.' && nd < sizeof digits) digits[nd++] = sci[i];
    ++i;
  }
  int exp = 0;
  const bool exp_negative = sci[i + 1] == '-';
  for (i += 2; i < sci.size(); ++i) exp = exp * 10 + (sci[i] - '0');
  if (exp_negative) exp = -exp;

  const auto ndigits = static_cast<int>(nd);
  if (exp >= -4 && exp < 16) {
    if (exp < 0) {
      out.append("0.");
      out.append(static_cast<std::size_t>(-exp - 1), '0');
      out.append(digits, nd);
    } else if (ndigits > exp + 1) {
      const auto int_len = static_cast<std::size_t>(exp + 1);
      out.append(digits, int_len);
      out.push_back('.');
      out.append(digits + int_len, nd - int_len);
    } else {
      out.append(digits, nd);
      out.append(static_cast<std::size_t>(exp + 1 - ndigits), '0');
      out.append(".0");
    }
    return;
  }
  out.push_back(digits[0]);
  if (nd > 1) {
    out.push_back('.');
    out.append(digits + 1, nd - 1);
  }
  out.push_back('e');
  out.push_back(exp < 0 ? '-' : '+');
  const int mag = exp < 0 ? -exp : exp;
  if (mag < 10) out.push_back('0');
  char ebuf[8];
  const auto er = std::to_chars(ebuf, ebuf + sizeof ebuf, mag);
  out.append(ebuf, static_cast<std::size_t>(er.ptr - ebuf));
}

// handle_number validates a number token and, when `out` is set, writes it.
Status handle_number(std::string_view raw, Style style, std::string* out) {
  NumberInfo info;
  if (!scan_number(raw, info)) return malformed("json: invalid number");
  if (info.is_int) {
    // Python ints: arbitrary size, written back digit for digit; -0 is 0.
    if (out != nullptr) {
      if (style != Style::compact && info.zero) out->push_back('0');
      else out->append(raw);
    }
    return {};
  }
  if (style == Style::compact || out == nullptr) {
    // Verbatim output, but a literal that Python would turn into Infinity is
    // refused in every mode so that all styles accept the same documents.
    if (!info.zero && info.lead_exp10 >= kMayOverflowExp10) {
      const Result<double> d = to_double(raw, info);
      if (!d) return d.error();
    }
    if (out != nullptr) out->append(raw);
    return {};
  }
  const Result<double> d = to_double(raw, info);
  if (!d) return d.error();
  append_python_float(*d, *out);
  return {};
}

// append_compact_string writes `s` (valid UTF-8) as a JSON string escaping
// only what JSON requires, using the short escapes where they exist. This is
// also byte for byte what Python's json.dumps(ensure_ascii=False) writes
// (its encode_basestring: '"', '\\', \b \f \n \r \t short, other controls
// below 0x20 as lower-case \u00XX, everything else raw), so the compact and
// python_compact_utf8 styles share it.
void append_compact_string(std::string_view s, std::string& out) {
  out.push_back('"');
  std::size_t run = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(s.data() + run, i - run);
    run = i + 1;
    out.push_back('\\');
    switch (c) {
      case '"': out.push_back('"'); break;
      case '\\': out.push_back('\\'); break;
      case '\n': out.push_back('n'); break;
      case '\r': out.push_back('r'); break;
      case '\t': out.push_back('t'); break;
      case '\b': out.push_back('b'); break;
      case '\f': out.push_back('f'); break;
      default:
        out.append("u00");
        out.push_back(kHex[c >> 4]);
        out.push_back(kHex[c & 0xF]);
    }
  }
  out.append(s.data() + run, s.size() - run);
  out.push_back('"');
}

void append_u_escape(std::uint32_t unit, std::string& out) {
  out.push_back('\\');
  out.push_back('u');
  out.push_back(kHex[(unit >> 12) & 0xF]);
  out.push_back(kHex[(unit >> 8) & 0xF]);
  out.push_back(kHex[(unit >> 4) & 0xF]);
  out.push_back(kHex[unit & 0xF]);
}

// append_ascii_string writes `s` as Python's json.dumps(ensure_ascii=True)
// does: printable ASCII raw, everything else escaped, astral code points as
// UTF-16 surrogate pairs. `s` came from simdjson and is valid UTF-8; the
// decoder still checks every sequence so a bug upstream cannot produce
// garbage escapes.
Status append_ascii_string(std::string_view s, std::string& out) {
  out.push_back('"');
  std::size_t run = 0;
  std::size_t i = 0;
  const std::size_t n = s.size();
  while (i < n) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') {
      ++i;
      continue;
    }
    out.append(s.data() + run, i - run);
    if (c < 0x80) {
      switch (c) {
        case '"': out.append("\\\""); break;
        case '\\': out.append("\\\\"); break;
        case '\n': out.append("\\n"); break;
        case '\r': out.append("\\r"); break;
        case '\t': out.append("\\t"); break;
        case '\b': out.append("\\b"); break;
        case '\f': out.append("\\f"); break;
        default: append_u_escape(c, out);
      }
      ++i;
      run = i;
      continue;
    }
    std::size_t len = 0;
    std::uint32_t cp = 0;
    std::uint32_t min = 0;
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2, cp = c & 0x1Fu, min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3, cp = c & 0x0Fu, min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4, cp = c & 0x07u, min = 0x10000;
    } else {
      return malformed("json: invalid UTF-8");
    }
    if (n - i < len) return malformed("json: invalid UTF-8");
    for (std::size_t k = 1; k < len; ++k) {
      const auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0u) != 0x80u) return malformed("json: invalid UTF-8");
      cp = (cp << 6) | (cc & 0x3Fu);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return malformed("json: invalid UTF-8");
    if (cp >= 0x10000) {
      cp -= 0x10000;
      append_u_escape(0xD800 + (cp >> 10), out);
      append_u_escape(0xDC00 + (cp & 0x3FFu), out);
    } else {
      append_u_escape(cp, out);
    }
    i += len;
    run = i;
  }
  out.append(s.data() + run, n - run);
  out.push_back('"');
  return {};
}

Status append_string(std::string_view s, Style style, std::string* out) {
  if (out == nullptr) return {};
  if (style == Style::compact || style == Style::python_compact_utf8) {
    append_compact_string(s, *out);
    return {};
  }
  return append_ascii_string(s, *out);
}

// Maps simdjson failures to signet errors with a short detail; the detail
// never quotes input.
Error from_simdjson(simdjson::error_code e) noexcept {
  // An if-chain rather than a switch: simdjson's enum is large and only a
  // few codes deserve their own detail.
  if (e == simdjson::UTF8_ERROR) return Error(Errc::malformed, "json: invalid UTF-8");
  if (e == simdjson::UNESCAPED_CHARS) return Error(Errc::malformed, "json: unescaped control character in string");
  if (e == simdjson::UNCLOSED_STRING) return Error(Errc::malformed, "json: unterminated string");
  if (e == simdjson::STRING_ERROR) return Error(Errc::malformed, "json: invalid string escape or lone surrogate");
  if (e == simdjson::EMPTY) return Error(Errc::malformed, "json: empty document");
  if (e == simdjson::DEPTH_ERROR) return Error(Errc::malformed, "json: nesting deeper than max_depth");
  if (e == simdjson::INCORRECT_TYPE) return Error(Errc::malformed, "json: invalid value");
  if (e == simdjson::CAPACITY) return Error(Errc::payload_too_large, "json: document too large for the parser");
  if (e == simdjson::MEMALLOC) return Error(Errc::backend_failure, "json: parser allocation failed");
  return Error(Errc::malformed, "json: syntax error");
}

// One open array or object of the explicit walk stack.
struct Frame {
  od::array_iterator array;
  od::object_iterator object;
  std::size_t keys_begin = 0;  // this object's member names start here in Scratch::keys
  bool is_object = false;
  bool started = false;  // an element has been visited (so advance before the next)
};

// Scratch is per-thread (or per-call for big inputs) parser state; reusing
// it keeps the hot path free of allocations.
struct Scratch {
  od::parser parser;
  std::string padded;                  // input copy with SIMDJSON_PADDING bytes after it
  std::vector<Frame> frames;           // open containers
  std::vector<std::string_view> keys;  // unescaped member names of the open objects
};

// Checks the member names of a large object, which occupy keys[begin..],
// once it is closed (the first kPairwiseDuplicateCheck names were already
// compared pairwise as they arrived). Sorting views is O(n log n), so an
// object with many members cannot make the check quadratic. The views point
// into the parser's string buffer, which stays valid for the whole document.
bool has_duplicate(std::vector<std::string_view>& keys, std::size_t begin) {
  if (keys.size() - begin <= kPairwiseDuplicateCheck) return false;
  const auto first = keys.begin() + static_cast<std::ptrdiff_t>(begin);
  // The names are discarded right after this, so sorting in place is fine.
  std::sort(first, keys.end());
  return std::adjacent_find(first, keys.end()) != keys.end();
}

// Walker visits one document; `out` is null when only validating.
class Walker {
 public:
  Walker(Scratch& scratch, Style style, std::size_t max_depth, std::string* out) noexcept
      : s_(scratch), style_(style), max_depth_(max_depth), out_(out) {}

  Status run(od::value root) {
    s_.frames.clear();
    s_.keys.clear();
    if (Status st = visit(root); !st) return st;
    while (!s_.frames.empty()) {
      if (Status st = s_.frames.back().is_object ? step_object() : step_array(); !st) return st;
    }
    return {};
  }

 private:
  void put(char c) {
    if (out_ != nullptr) out_->push_back(c);
  }

  // Separators after the first element: Python's defaults put a space after
  // ',' and ':'.
  void put_comma() {
    if (out_ == nullptr) return;
    out_->push_back(',');
    if (style_ == Style::python_spaced_ascii) out_->push_back(' ');
  }
  void put_colon() {
    if (out_ == nullptr) return;
    out_->push_back(':');
    if (style_ == Style::python_spaced_ascii) out_->push_back(' ');
  }

  Status open(bool is_object) {
    if (s_.frames.size() >= max_depth_) return malformed("json: nesting deeper than max_depth");
    Frame f;
    f.is_object = is_object;
    f.keys_begin = s_.keys.size();
    s_.frames.push_back(f);
    put(is_object ? '{' : '[');
    return {};
  }

  // visit handles one value: scalars completely, containers by pushing a
  // frame whose elements the main loop then visits.
  Status visit(od::value v) {
    od::json_type type;
    if (auto e = v.type().get(type)) return from_simdjson(e);
    switch (type) {
      case od::json_type::array: {
        od::array a;
        if (auto e = v.get_array().get(a)) return from_simdjson(e);
        od::array_iterator it;
        if (auto e = a.begin().get(it)) return from_simdjson(e);
        if (Status st = open(false); !st) return st;
        s_.frames.back().array = it;
        return {};
      }
      case od::json_type::object: {
        od::object o;
        if (auto e = v.get_object().get(o)) return from_simdjson(e);
        od::object_iterator it;
        if (auto e = o.begin().get(it)) return from_simdjson(e);
        if (Status st = open(true); !st) return st;
        s_.frames.back().object = it;
        return {};
      }
      case od::json_type::number:
        return handle_number(trim_right(v.raw_json_token()), style_, out_);
      case od::json_type::string: {
        std::string_view str;
        if (auto e = v.get_string().get(str)) return from_simdjson(e);
        return append_string(str, style_, out_);
      }
      case od::json_type::boolean:
      case od::json_type::null: {
        // Checked against the raw token rather than trusting get_bool/is_null
        // so that the accepted spelling is exactly the RFC's.
        const std::string_view raw = trim_right(v.raw_json_token());
        if (raw != "true" && raw != "false" && raw != "null") return malformed("json: invalid literal");
        if (out_ != nullptr) out_->append(raw);
        return {};
      }
    }
    return malformed("json: invalid value");
  }

  Status step_array() {
    Frame& f = s_.frames.back();
    // operator!= ignores its argument in On-Demand: it reports whether the
    // array is still open.
    if (f.started) ++f.array;
    if (!(f.array != f.array)) {
      s_.frames.pop_back();
      put(']');
      return {};
    }
    od::value v;
    if (auto e = (*f.array).get(v)) return from_simdjson(e);
    if (f.started) put_comma();
    f.started = true;
    // visit may push a frame, invalidating `f`.
    return visit(v);
  }

  Status step_object() {
    Frame& f = s_.frames.back();
    if (f.started) ++f.object;
    if (!(f.object != f.object)) {
      const bool dup = has_duplicate(s_.keys, f.keys_begin);
      s_.keys.resize(f.keys_begin);
      s_.frames.pop_back();
      if (dup) return malformed("json: duplicate member name");
      put('}');
      return {};
    }
    od::field field;
    if (auto e = (*f.object).get(field)) return from_simdjson(e);
    std::string_view key;
    if (auto e = field.unescaped_key().get(key)) return from_simdjson(e);
    // Small objects are checked as each name arrives so a duplicate fails
    // before its value is walked; large ones are checked once, when closed.
    const std::size_t count = s_.keys.size() - f.keys_begin;
    if (count < kPairwiseDuplicateCheck) {
      for (std::size_t k = f.keys_begin; k < s_.keys.size(); ++k) {
        if (s_.keys[k] == key) return malformed("json: duplicate member name");
      }
    }
    s_.keys.push_back(key);
    if (f.started) put_comma();
    f.started = true;
    if (Status st = append_string(key, style_, out_); !st) return st;
    put_colon();
    return visit(field.value());
  }

  Scratch& s_;
  Style style_;
  std::size_t max_depth_;
  std::string* out_;
};

// Handles a document whose (trimmed) text is a single scalar. Literals and
// numbers never reach simdjson; strings are unescaped by it.
Status root_scalar(Scratch& s, std::string_view text, Style style, std::string* out) {
  const char c = text.front();
  if (c == 't' || c == 'f' || c == 'n') {
    if (text != "true" && text != "false" && text != "null") return malformed("json: invalid literal");
    if (out != nullptr) out->append(text);
    return {};
  }
  if (c == '-' || is_digit(c)) return handle_number(text, style, out);
  // c == '"'
  s.padded.assign(text);
  s.padded.append(simdjson::SIMDJSON_PADDING, '\0');
  od::document doc;
  if (auto e = s.parser.iterate(s.padded.data(), text.size(), s.padded.size()).get(doc)) return from_simdjson(e);
  std::string_view raw;
  if (auto e = doc.raw_json_token().get(raw)) return from_simdjson(e);
  // The string token must be the whole text: anything after it is trailing.
  if (raw.size() != text.size()) return malformed("json: trailing content after the value");
  std::string_view str;
  if (auto e = doc.get_string().get(str)) return from_simdjson(e);
  return append_string(str, style, out);
}

Status run(Scratch& s, std::string_view text, Style style, const Limits& limits, std::string* out) {
  // Surrounding whitespace is removed up front: it is insignificant, and
  // simdjson's root-scalar handling is unreliable with trailing whitespace.
  text = trim(text);
  if (text.empty()) return malformed("json: empty document");
  const char c = text.front();
  if (c != '[' && c != '{') {
    // This also rejects a leading UTF-8 byte order mark, which RFC 8259
    // allows parsers to refuse.
    if (c != '"' && c != '-' && !is_digit(c) && c != 't' && c != 'f' && c != 'n') {
      return malformed("json: invalid value");
    }
    return root_scalar(s, text, style, out);
  }

  // Nesting can never exceed the byte count, which bounds the depth we ask
  // the parser for whatever the caller's limit.
  const std::size_t need_depth = std::min(limits.max_depth, text.size()) + 1;
  if (s.parser.max_depth() < need_depth) {
    if (auto e = s.parser.allocate(std::max(s.parser.capacity(), text.size()), need_depth)) return from_simdjson(e);
  }
  s.padded.assign(text);
  s.padded.append(simdjson::SIMDJSON_PADDING, '\0');
  od::document doc;
  if (auto e = s.parser.iterate(s.padded.data(), text.size(), s.padded.size()).get(doc)) return from_simdjson(e);
  od::value root;
  if (auto e = doc.get_value().get(root)) return from_simdjson(e);
  Walker walker(s, style, limits.max_depth, out);
  if (Status st = walker.run(root); !st) return st;
  // On-Demand stops at the root value's end; OUT_OF_BOUNDS here means no
  // token follows it (and that no error abandoned the iteration).
  const char* location = nullptr;
  if (doc.current_location().get(location) != simdjson::OUT_OF_BOUNDS) {
    return malformed("json: trailing content after the value");
  }
  return {};
}

// Runs `text` through a thread-local Scratch, or a fresh one for big inputs
// (see kRetainedCapacity). Each thread owns its parser, hence thread safety.
// The caller has already enforced limits.max_bytes.
Status run_scratch(std::string_view text, Style style, const Limits& limits, std::string* out) {
  if (text.size() > kRetainedCapacity) {
    Scratch local;
    return run(local, text, style, limits, out);
  }
  thread_local Scratch scratch;
  return run(scratch, text, style, limits, out);
}

Status check_size(std::string_view text, const Limits& limits) noexcept {
  if (text.size() > limits.max_bytes) return Unexpected(Errc::payload_too_large, "json: document exceeds max_bytes");
  return {};
}

}  // namespace

Result<std::string> canonicalize(std::string_view text, Style style, const Limits& limits) {
  if (Status st = check_size(text, limits); !st) return st.error();
  std::string out;
  // Compact output is never longer than the input; the Python styles add
  // separator spaces and expand non-ASCII, so leave them some headroom.
  out.reserve(style == Style::compact ? text.size() : text.size() + text.size() / 2 + 16);
  if (Status st = run_scratch(text, style, limits, &out); !st) return st.error();
  return out;
}

Status canonicalize_append(std::string_view text, Style style, const Limits& limits, std::string& out) {
  if (Status st = check_size(text, limits); !st) return st;
  const std::size_t old_size = out.size();
  Status st = run_scratch(text, style, limits, &out);
  if (!st) out.resize(old_size);
  return st;
}

Status validate(std::string_view text, const Limits& limits) {
  if (Status st = check_size(text, limits); !st) return st;
  return run_scratch(text, Style::compact, limits, nullptr);
}

}  // namespace signet::json
