#include "jwt/registered_claims.h"

#include <string>

#include "encoding/json_object.h"

namespace signet::jwt::detail {
namespace {

Error claim_error(std::string_view name, std::string_view what) noexcept {
  char text[Error::kMaxDetail];
  std::size_t n = 0;
  for (std::string_view part : {std::string_view("claim \""), name.substr(0, 16), std::string_view("\" "), what}) {
    for (char c : part) {
      if (n < sizeof text) text[n++] = c;
    }
  }
  return Error(Errc::claim_mismatch, std::string_view(text, n));
}

}  // namespace

bool is_registered_claim(std::string_view name) noexcept {
  return name == "iss" || name == "sub" || name == "aud" || name == "exp" || name == "nbf" || name == "iat" ||
         name == "jti";
}

Result<std::int64_t> numeric_date(std::string_view name, std::string_view value) noexcept {
  // The common case, decided here: 1 to 15 decimal digits, which is exactly
  // what as_int64 would read (it takes the same digits) and cannot overflow.
  if (!value.empty() && value.size() <= 15) {
    std::int64_t v = 0;
    std::size_t i = 0;
    for (; i < value.size(); ++i) {
      const auto d = static_cast<unsigned>(static_cast<unsigned char>(value[i])) - '0';
      if (d > 9) break;
      v = v * 10 + static_cast<std::int64_t>(d);
    }
    if (i == value.size()) {
      if (v > kMaxNumericDate) return claim_error(name, "is out of range");
      return v;
    }
  }
  if (json::type_of(value) != json::JsonType::number) return claim_error(name, "is not a number");
  auto v = json::as_int64(value);
  if (!v) return claim_error(name, "is not an integer NumericDate");
  if (*v < 0 || *v > kMaxNumericDate) return claim_error(name, "is out of range");
  return *v;
}

Status check_registered_claim(std::string_view name, std::string_view value) {
  if (name == "exp" || name == "nbf" || name == "iat") {
    auto v = numeric_date(name, value);
    if (!v) return v.error();
    return {};
  }
  if (name == "aud") {
    if (json::type_of(value) == json::JsonType::string) return {};
    if (json::type_of(value) != json::JsonType::array) return claim_error(name, "is not a string or an array");
    auto items = json::elements_of(value);
    if (!items) return claim_error(name, "is not a valid array");
    for (auto item : *items) {
      if (json::type_of(item) != json::JsonType::string) return claim_error(name, "has a non-string member");
    }
    return {};
  }
  if (json::type_of(value) != json::JsonType::string) return claim_error(name, "is not a string");
  return {};
}

}  // namespace signet::jwt::detail
