// The strict JSON reader/writer (src/encoding/json.h):
//   1. validate and canonicalize in every Style accept the same documents,
//      with the same error code;
//   2. compact output validates and is a fixed point: canonicalize(c) == c;
//   3. each python style's output validates, is pure ASCII and is a fixed
//      point of that style (so floats are written as shortest round-trip
//      repr), and canonicalising the compact form gives the same text
//      (compact keeps everything the python styles need);
//   4. python_compact_utf8 (where the library has it) writes the value of
//      python_compact_ascii with non-ASCII left raw: it validates, is a fixed
//      point, and reads back in python_compact_ascii as that style's text;
//   5. max_depth is exact: a document nested d deep passes with max_depth d
//      and fails with d - 1.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "encoding/json.h"
#include "fuzz_util.h"
#include "json_helpers.h"

using namespace signet;

namespace {

constexpr json::Style kStyles[] = {json::Style::compact, json::Style::python_compact_ascii,
                                   json::Style::python_spaced_ascii};

// The style itsdangerous writes, when this version of the library has it
// (found through a template so that the target builds either way).
template <class S>
std::optional<S> utf8_style() {
  if constexpr (requires { S::python_compact_utf8; }) return S::python_compact_utf8;
  return std::nullopt;
}

bool is_ascii(std::string_view s) noexcept {
  for (char c : s) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = fuzz::as_text(data, size);
  const Status valid = json::validate(text);

  Result<std::string> outputs[3] = {std::string(), std::string(), std::string()};
  for (int i = 0; i < 3; ++i) {
    outputs[i] = json::canonicalize(text, kStyles[i]);
    FUZZ_CHECK(outputs[i].has_value() == valid.has_value());
    if (!valid) FUZZ_CHECK(outputs[i].error().code() == valid.error().code());
  }
  if (!valid) {
    FUZZ_CHECK(valid.error().code() == Errc::malformed);
    return 0;
  }

  const std::string& compact = *outputs[0];
  FUZZ_CHECK(compact.size() <= text.size());
  FUZZ_CHECK(json::validate(compact));
  const auto again = json::canonicalize(compact, json::Style::compact);
  FUZZ_CHECK(again && *again == compact);

  for (int i = 1; i < 3; ++i) {
    const std::string& py = *outputs[i];
    FUZZ_CHECK(is_ascii(py));
    FUZZ_CHECK(json::validate(py));
    const auto fixed = json::canonicalize(py, kStyles[i]);
    FUZZ_CHECK(fixed && *fixed == py);
    const auto via_compact = json::canonicalize(compact, kStyles[i]);
    FUZZ_CHECK(via_compact && *via_compact == py);
  }
  // Both python styles describe the same value: the spaced one read back in
  // the compact python style gives the compact python text.
  const auto spaced_to_compact = json::canonicalize(*outputs[2], json::Style::python_compact_ascii);
  FUZZ_CHECK(spaced_to_compact && *spaced_to_compact == *outputs[1]);

  if (const auto utf8 = utf8_style<json::Style>()) {
    const auto out = json::canonicalize(text, *utf8);
    FUZZ_CHECK(out.has_value());
    FUZZ_CHECK(json::validate(*out));
    const auto fixed = json::canonicalize(*out, *utf8);
    FUZZ_CHECK(fixed && *fixed == *out);
    const auto via_compact = json::canonicalize(compact, *utf8);
    FUZZ_CHECK(via_compact && *via_compact == *out);
    const auto as_ascii = json::canonicalize(*out, json::Style::python_compact_ascii);
    FUZZ_CHECK(as_ascii && *as_ascii == *outputs[1]);
  }

  const std::size_t depth = fuzz::max_nesting(compact);
  if (depth <= json::Limits{}.max_depth) {
    FUZZ_CHECK(json::validate(text, json::Limits{1u << 20, depth}));
    if (depth > 0) {
      const Status shallow = json::validate(text, json::Limits{1u << 20, depth - 1});
      FUZZ_CHECK(!shallow && shallow.error().code() == Errc::malformed);
    }
  }
  // max_bytes is checked before parsing.
  if (size > 0) {
    const Status small = json::validate(text, json::Limits{size - 1, 64});
    FUZZ_CHECK(!small && small.error().code() == Errc::payload_too_large);
  }
  return 0;
}
