// Differential: the fast recognisers of canonical compact JSON against the
// strict reader they stand in for on the hot paths.
//
// json::is_canonical_compact_object(text) (with its vectorised path for flat
// printable-ASCII objects) true  =>  json::canonicalize(text, compact) accepts
//   the text and returns it unchanged, its top-level members are exactly the
//   members next_member walks in that output, and its Shape is true to the
//   text (no byte >= 0x7F unless escapable, ...);
// it agrees with is_canonical_compact_object_general (the recogniser without
//   the flat path) in verdict, members and shape;
// django::detail::is_plain_flat_object(text) true  =>  the general recogniser
//   accepts it with an empty Shape, so python_compact_ascii writes it
//   unchanged too (what Django's loads would return).
// Every "true" of a fast path is thus proven by the strict path; "false"
// only means "unknown".
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "django/plain_json.h"
#include "encoding/json.h"
#include "encoding/json_canonical.h"
#include "encoding/json_object.h"
#include "fuzz_util.h"

using namespace signet;

namespace {

constexpr std::size_t kMaxDepth = 32;

bool same_members(const json::TopMembers& a, const json::TopMembers& b) {
  if (a.count != b.count) return false;
  for (std::size_t i = 0; i < a.count; ++i) {
    if (a.name(i) != b.name(i) || a.value(i) != b.value(i)) return false;
  }
  return true;
}

bool same_shape(const json::Shape& a, const json::Shape& b) {
  return a.escapable == b.escapable && a.fraction == b.fraction && a.negative_zero == b.negative_zero;
}

void check_recognised(std::string_view text, const json::TopMembers& top, const json::Shape& shape) {
  auto canonical = json::canonicalize(text, json::Style::compact, json::Limits{text.size(), kMaxDepth});
  FUZZ_CHECK(canonical.has_value());
  FUZZ_CHECK(*canonical == text);
  FUZZ_CHECK(json::type_of(text) == json::JsonType::object);
  // The members are those of the text, in order, as views into it.
  std::size_t pos = 0, i = 0;
  std::string_view name, value;
  while (json::next_member(text, pos, name, value)) {
    FUZZ_CHECK(i < top.count);
    FUZZ_CHECK(top.name(i) == name);
    FUZZ_CHECK(top.value(i) == value);
    FUZZ_CHECK(top.value(i).data() == value.data());
    ++i;
  }
  FUZZ_CHECK(i == top.count);
  // Shape: with nothing flagged, Python's ASCII style writes it unchanged too.
  if (!shape.escapable && !shape.fraction && !shape.negative_zero) {
    auto python = json::canonicalize(text, json::Style::python_compact_ascii, json::Limits{text.size(), kMaxDepth});
    FUZZ_CHECK(python.has_value() && *python == text);
  }
  if (!shape.escapable) {
    for (char c : text) FUZZ_CHECK(static_cast<unsigned char>(c) < 0x7F);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > 4096) return 0;
  const std::string_view text = fuzz::as_text(data, size);

  json::TopMembers fast_top, general_top;
  json::Shape fast_shape, general_shape;
  const bool fast = json::is_canonical_compact_object(text, kMaxDepth, &fast_top, &fast_shape);
  const bool general = json::is_canonical_compact_object_general(text, kMaxDepth, &general_top, &general_shape);
  FUZZ_CHECK(fast == general);
  if (fast) {
    FUZZ_CHECK(same_members(fast_top, general_top));
    FUZZ_CHECK(same_shape(fast_shape, general_shape));
    check_recognised(text, fast_top, fast_shape);
  } else if (general) {
    check_recognised(text, general_top, general_shape);
  }

  if (django::detail::is_plain_flat_object(text)) {
    FUZZ_CHECK(general);
    FUZZ_CHECK(!general_shape.escapable && !general_shape.fraction && !general_shape.negative_zero);
  }
  return 0;
}
