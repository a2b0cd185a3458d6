// A small strict reader for the flat JSON objects some commands take on
// stdin (user fields for password-reset and state-bound tokens).
#ifndef SIGNET_TOOLS_SIGNET_JSON_INPUT_H_
#define SIGNET_TOOLS_SIGNET_JSON_INPUT_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace signet::cli {

// JsonField is one member value: null, an integer, a string, or an array
// whose elements are strings or integers (integers kept as decimal text).
struct JsonNull {};
using JsonField = std::variant<JsonNull, std::int64_t, std::string, std::vector<std::string>>;

// InputObject is a parsed stdin object: member name -> value.
class InputObject {
 public:
  // parse reads `text` as one JSON object. Throws UsageError (naming
  // `what`, never quoting the input: it may hold a password hash) when it is
  // not valid JSON, not an object, has a duplicate member, a member not in
  // `allowed`, or a value of another type (floats, booleans, nested objects).
  static InputObject parse(std::string_view text, std::string_view what, const std::vector<std::string_view>& allowed);

  bool has(std::string_view name) const { return fields_.count(std::string(name)) != 0; }
  // text returns a string member, an integer member as decimal text, or
  // nullopt for null/absent. Throws UsageError for an array.
  std::optional<std::string> text(std::string_view name) const;
  // required_text is text() that throws UsageError when null or absent.
  std::string required_text(std::string_view name) const;
  // list returns an array member (absent: empty). Throws UsageError otherwise.
  std::vector<std::string> list(std::string_view name) const;
  // field returns the raw value (JsonNull when absent).
  JsonField field(std::string_view name) const;

 private:
  std::string what_;
  std::map<std::string, JsonField, std::less<>> fields_;
};

}  // namespace signet::cli

#endif  // SIGNET_TOOLS_SIGNET_JSON_INPUT_H_
