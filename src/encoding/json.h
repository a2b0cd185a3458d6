// A strict JSON reader over simdjson and a writer with Python-compatible modes.
#ifndef SIGNET_SRC_ENCODING_JSON_H_
#define SIGNET_SRC_ENCODING_JSON_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "signet/result.h"

namespace signet::json {

// Limits bound what the reader accepts.
struct Limits {
  std::size_t max_bytes = 1u << 20;  // whole document
  std::size_t max_depth = 64;        // nesting of arrays and objects
};

// Style selects how JSON text is written.
enum class Style : std::uint8_t {
  // Compact separators, raw UTF-8, numbers as given.
  compact,
  // Python json.dumps(obj, separators=(',', ':')) with ensure_ascii=True:
  // what Django's JSONSerializer writes.
  python_compact_ascii,
  // Python json.dumps(obj) defaults: ", " and ": " separators, ensure_ascii.
  python_spaced_ascii,
  // Python json.dumps(obj, separators=(',', ':'), ensure_ascii=False): what
  // itsdangerous's URL-safe serializers write. Non-ASCII stays raw UTF-8
  // (U+007F and U+2028 included); only '"', '\\' and controls below U+0020
  // are escaped, with the short forms where they exist.
  python_compact_utf8,
};

// canonicalize parses `text` strictly and writes it again in `style`,
// keeping member order. Accepted is exactly one RFC 8259 value with optional
// surrounding JSON whitespace (space, tab, CR, LF), where:
//   - the whole text is valid UTF-8 (no overlong forms, no UTF-8-encoded
//     surrogates, nothing above U+10FFFF) and starts with no byte order mark;
//   - strings hold no raw control characters and only valid escapes; a lone
//     surrogate escape ("\ud800", or a high surrogate not followed by a low
//     one) is refused: Python's json.loads accepts it, but the result cannot
//     be represented as UTF-8;
//   - numbers follow the RFC grammar (no leading zeros, NaN or Infinity);
//     integers of any size are accepted, but a float literal that overflows
//     a double (1e400) is refused in every style, since Python would
//     re-serialise it as the non-JSON Infinity;
//   - no object has two members with the same name after unescaping
//     ({"a":1,"\u0061":2} is a duplicate), at any depth;
//   - arrays and objects nest at most limits.max_depth deep (depth 1 is one
//     level; 0 admits only scalars). Nesting is walked without recursion.
// Styles: compact removes whitespace, keeps numbers verbatim and re-escapes
// strings minimally (raw UTF-8; only '"', '\\' and controls escaped). The
// python_* styles write what Python's json.dumps writes for the value
// json.loads produces: ints exactly (-0 as 0), floats as repr(float(text)),
// non-ASCII as lower-case \uXXXX (astral as surrogate pairs) in the *_ascii
// styles and as raw UTF-8 in python_compact_utf8.
// Fails with Errc::payload_too_large when text exceeds limits.max_bytes
// (checked before parsing), Errc::backend_failure if the parser cannot
// allocate, and Errc::malformed otherwise; details name the problem, never
// the input. Thread-safe: each thread uses its own parser.
Result<std::string> canonicalize(std::string_view text, Style style, const Limits& limits = {});

// canonicalize_append is canonicalize writing at the end of `out` instead of
// into a new string: with enough capacity reserved it does not allocate. On
// failure `out` is left as it was.
Status canonicalize_append(std::string_view text, Style style, const Limits& limits, std::string& out);

// validate checks `text` with exactly the rules of canonicalize (any style
// accepts the same documents) without writing output; same errors.
Status validate(std::string_view text, const Limits& limits = {});

}  // namespace signet::json

#endif  // SIGNET_SRC_ENCODING_JSON_H_
