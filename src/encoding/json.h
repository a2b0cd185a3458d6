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
};

// canonicalize parses `text` strictly (RFC 8259; one value; UTF-8 valid;
// duplicate member names rejected at any depth; within `limits`) and writes
// it again in `style`, keeping member order. In the python_* styles numbers
// are written as Python would re-serialise them (ints exactly, floats as
// repr); in compact they are kept verbatim. Fails with Errc::malformed, or
// Errc::payload_too_large when text exceeds limits.max_bytes.
Result<std::string> canonicalize(std::string_view text, Style style, const Limits& limits = {});

// validate checks `text` with the same rules as canonicalize without writing.
Status validate(std::string_view text, const Limits& limits = {});

}  // namespace signet::json

#endif  // SIGNET_SRC_ENCODING_JSON_H_
