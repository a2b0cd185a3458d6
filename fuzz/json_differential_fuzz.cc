// Differential: signet's strict JSON reader against two independent
// parsers, simdjson's DOM parser (stage 2 "tape", not the On-Demand front
// end signet uses) and nlohmann::json's SAX parser.
//
// signet accepts  =>  simdjson DOM accepts, unless the document has an
//                     integer outside [INT64_MIN, UINT64_MAX] (DOM refuses
//                     those; signet keeps big integers like Python);
// signet accepts  =>  nlohmann accepts, unless an integer has 309+ digits
//                     (nlohmann reads it as a double, which overflows);
// simdjson DOM accepts, and the document has no duplicate member names, no
//   lone-surrogate escape, nesting <= signet's default max_depth and no
//   leading byte order mark  =>  signet accepts;
// nlohmann accepts, with the same provisos and no NUL byte in the text
//   (nlohmann takes NUL for the end of input)  =>  signet accepts.
// For documents all three accept, the string values and member names agree.
#include <simdjson.h>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "encoding/json.h"
#include "fuzz_util.h"
#include "json_helpers.h"

using namespace signet;

namespace {

constexpr std::size_t kMaxDepth = json::Limits{}.max_depth;

bool has_bom(std::string_view text) noexcept { return text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF"; }

// DomFacts is what a walk over simdjson's DOM finds.
struct DomFacts {
  bool duplicate = false;
  bool bad_utf8 = false;  // a string or key that is not valid UTF-8 (a decoded lone surrogate)
  std::size_t depth = 0;
};

void walk(simdjson::dom::element e, std::size_t depth, DomFacts& f) {
  // `depth` counts the containers around e, e included when it is one.
  switch (e.type()) {
    case simdjson::dom::element_type::ARRAY: {
      if (depth > f.depth) f.depth = depth;
      if (depth > kMaxDepth) return;  // deep enough to decide; bounds the recursion
      simdjson::dom::array array;
      if (e.get_array().get(array) != simdjson::SUCCESS) break;
      for (simdjson::dom::element child : array) walk(child, depth + 1, f);
      break;
    }
    case simdjson::dom::element_type::OBJECT: {
      if (depth > f.depth) f.depth = depth;
      if (depth > kMaxDepth) return;
      simdjson::dom::object object;
      if (e.get_object().get(object) != simdjson::SUCCESS) break;
      std::set<std::string_view> names;
      for (simdjson::dom::key_value_pair kv : object) {
        if (!names.insert(kv.key).second) f.duplicate = true;
        if (!simdjson::validate_utf8(kv.key.data(), kv.key.size())) f.bad_utf8 = true;
        walk(kv.value, depth + 1, f);
      }
      break;
    }
    case simdjson::dom::element_type::STRING: {
      std::string_view s;
      if (e.get_string().get(s) != simdjson::SUCCESS) break;
      if (!simdjson::validate_utf8(s.data(), s.size())) f.bad_utf8 = true;
      break;
    }
    case simdjson::dom::element_type::INT64:
    case simdjson::dom::element_type::UINT64:
    case simdjson::dom::element_type::DOUBLE:
    case simdjson::dom::element_type::BOOL:
    case simdjson::dom::element_type::NULL_VALUE:
      break;
  }
}

// Sax records what nlohmann's parser sees, to tell which documents signet
// must accept.
struct Sax : nlohmann::json_sax<nlohmann::json> {
  std::vector<std::set<std::string>> objects;
  std::size_t depth = 0, max_depth = 0;
  bool duplicate = false;

  bool open() {
    ++depth;
    if (depth > max_depth) max_depth = depth;
    return true;
  }
  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool string(string_t&) override { return true; }
  bool binary(binary_t&) override { return true; }
  bool start_object(std::size_t) override {
    objects.emplace_back();
    return open();
  }
  bool key(string_t& k) override {
    if (!objects.back().insert(k).second) duplicate = true;
    return true;
  }
  bool end_object() override {
    objects.pop_back();
    --depth;
    return true;
  }
  bool start_array(std::size_t) override { return open(); }
  bool end_array() override {
    --depth;
    return true;
  }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override { return false; }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = fuzz::as_text(data, size);
  const auto canonical = json::canonicalize(text, json::Style::compact);
  const bool signet_ok = canonical.has_value();

  // simdjson DOM (a parser per call keeps inputs independent; small inputs
  // make that cheap).
  simdjson::dom::parser parser;
  simdjson::padded_string padded(text);
  simdjson::dom::element root;
  const simdjson::error_code dom_error = parser.parse(padded).get(root);
  const bool dom_ok = dom_error == simdjson::SUCCESS;
  DomFacts dom;
  if (dom_ok) walk(root, 1, dom);

  // nlohmann SAX.
  Sax sax;
  const bool nl_ok = nlohmann::json::sax_parse(text.begin(), text.end(), &sax, nlohmann::json::input_format_t::json,
                                               /*strict=*/true, /*ignore_comments=*/false);

  const fuzz::NumberFacts numbers = signet_ok ? fuzz::number_facts(*canonical) : fuzz::NumberFacts{};

  if (signet_ok) {
    if (!numbers.int_beyond_64_bits) {
      if (!dom_ok) std::fprintf(stderr, "simdjson DOM refused: %s\n", simdjson::error_message(dom_error));
      FUZZ_CHECK(dom_ok);
    }
    if (!numbers.int_beyond_double) FUZZ_CHECK(nl_ok);
  }
  if (dom_ok && !dom.duplicate && !dom.bad_utf8 && dom.depth <= kMaxDepth && !has_bom(text) &&
      !fuzz::has_lone_surrogate_escape(text)) {
    if (!signet_ok) std::fprintf(stderr, "signet refused: %.*s\n", static_cast<int>(canonical.error().detail().size()),
                                 canonical.error().detail().data());
    FUZZ_CHECK(signet_ok);
  }
  // nlohmann stops reading at a NUL byte (it takes it for the end of the
  // input), so its acceptance says nothing about text with one.
  if (nl_ok && !sax.duplicate && sax.max_depth <= kMaxDepth && !has_bom(text) &&
      text.find('\0') == std::string_view::npos) {
    if (!signet_ok) std::fprintf(stderr, "signet refused: %.*s\n", static_cast<int>(canonical.error().detail().size()),
                                 canonical.error().detail().data());
    FUZZ_CHECK(signet_ok);
  }

  // Same value: signet's compact text parsed by nlohmann equals the input
  // parsed by nlohmann (numbers compared as nlohmann reads them).
  if (signet_ok && nl_ok && !sax.duplicate && !numbers.int_beyond_double) {
    const nlohmann::json a = nlohmann::json::parse(text.begin(), text.end(), nullptr, false);
    const nlohmann::json b = nlohmann::json::parse(canonical->begin(), canonical->end(), nullptr, false);
    FUZZ_CHECK(!a.is_discarded() && !b.is_discarded());
    FUZZ_CHECK(a == b);
  }
  return 0;
}
