#include "jwt/registered_claims.h"

#include <cstring>
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
  // NumericDates have ten digits: the first eight are read as one word.
  if (!value.empty() && value.size() <= 15) {
    const char* p = value.data();
    std::size_t i = 0;
    std::int64_t v = 0;
    bool digits = true;
    if (value.size() >= 8) {
      std::uint64_t w;
      std::memcpy(&w, p, sizeof w);
      // Every byte in '0'..'9': high nibble 3, and adding 6 keeps it 3.
      constexpr std::uint64_t kHigh = 0xF0F0F0F0F0F0F0F0ull, kThrees = 0x3030303030303030ull;
      digits = (w & kHigh) == kThrees && ((w + 0x0606060606060606ull) & kHigh) == kThrees;
      // Little-endian: the first digit is the lowest byte. Combine pairs,
      // then quads, then the two halves.
      w -= kThrees;
      w = (w * 10 + (w >> 8)) & 0x00FF00FF00FF00FFull;
      w = (w * 100 + (w >> 16)) & 0x0000FFFF0000FFFFull;
      w = (w * 10000 + (w >> 32)) & 0xFFFFFFFFull;
      v = static_cast<std::int64_t>(w);
      i = 8;
    }
    for (; digits && i < value.size(); ++i) {
      const auto d = static_cast<unsigned>(static_cast<unsigned char>(p[i])) - '0';
      digits = d <= 9;
      v = v * 10 + static_cast<std::int64_t>(d);
    }
    if (digits) {
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
