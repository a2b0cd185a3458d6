#include "json_input.h"

#include <simdjson.h>

#include <algorithm>

#include "cli.h"

namespace signet::cli {
namespace {

// Integers become the decimal text Python's str(int) writes.
std::optional<std::string> scalar_text(simdjson::dom::element v) {
  switch (v.type()) {
    case simdjson::dom::element_type::STRING: return std::string(std::string_view(v.get_string().value_unsafe()));
    case simdjson::dom::element_type::INT64: return std::to_string(v.get_int64().value_unsafe());
    case simdjson::dom::element_type::UINT64: return std::to_string(v.get_uint64().value_unsafe());
    case simdjson::dom::element_type::ARRAY:
    case simdjson::dom::element_type::OBJECT:
    case simdjson::dom::element_type::DOUBLE:
    case simdjson::dom::element_type::BOOL:
    case simdjson::dom::element_type::NULL_VALUE: return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace

InputObject InputObject::parse(std::string_view text, std::string_view what,
                               const std::vector<std::string_view>& allowed) {
  const std::string w(what);
  simdjson::dom::parser parser;
  simdjson::padded_string padded(text);
  simdjson::dom::element doc;
  if (parser.parse(padded).get(doc) != simdjson::SUCCESS) throw UsageError{w + " is not valid JSON"};
  simdjson::dom::object object;
  if (doc.get_object().get(object) != simdjson::SUCCESS) throw UsageError{w + " must be a JSON object"};
  InputObject out;
  out.what_ = w;
  for (auto member : object) {
    const std::string name(member.key);
    if (std::find(allowed.begin(), allowed.end(), name) == allowed.end()) {
      throw UsageError{w + ": unknown member \"" + name + "\""};
    }
    if (out.fields_.count(name) != 0) throw UsageError{w + ": member \"" + name + "\" given twice"};
    const auto v = member.value;
    JsonField field;
    if (v.is_null()) {
      field = JsonNull{};
    } else if (v.is_int64()) {
      field = v.get_int64().value_unsafe();
    } else if (v.is_array()) {
      std::vector<std::string> items;
      const simdjson::dom::array array = v.get_array().value_unsafe();  // a named array: the range must outlive the loop
      for (auto item : array) {
        auto t = scalar_text(item);
        if (!t) throw UsageError{w + ": \"" + name + "\" must hold only strings and integers"};
        items.push_back(std::move(*t));
      }
      field = std::move(items);
    } else if (auto t = scalar_text(v)) {
      field = std::move(*t);
    } else {
      throw UsageError{w + ": \"" + name + "\" has an unsupported type (want a string, an integer or null)"};
    }
    out.fields_.emplace(name, std::move(field));
  }
  return out;
}

JsonField InputObject::field(std::string_view name) const {
  const auto it = fields_.find(name);
  return it == fields_.end() ? JsonField(JsonNull{}) : it->second;
}

std::optional<std::string> InputObject::text(std::string_view name) const {
  const JsonField f = field(name);
  if (const auto* s = std::get_if<std::string>(&f)) return *s;
  if (const auto* i = std::get_if<std::int64_t>(&f)) return std::to_string(*i);
  if (std::holds_alternative<std::vector<std::string>>(f)) {
    throw UsageError{what_ + ": \"" + std::string(name) + "\" must be a string, not an array"};
  }
  return std::nullopt;
}

std::string InputObject::required_text(std::string_view name) const {
  auto t = text(name);
  if (!t) throw UsageError{what_ + ": member \"" + std::string(name) + "\" is required"};
  return std::move(*t);
}

std::vector<std::string> InputObject::list(std::string_view name) const {
  const JsonField f = field(name);
  if (std::holds_alternative<JsonNull>(f) && !has(name)) return {};
  if (const auto* v = std::get_if<std::vector<std::string>>(&f)) return *v;
  throw UsageError{what_ + ": \"" + std::string(name) + "\" must be an array of strings"};
}

}  // namespace signet::cli
