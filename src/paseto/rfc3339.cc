// RFC 3339 date-times, the time format of PASETO's registered claims.
#include <chrono>
#include <cstdint>
#include <string>

#include "signet/paseto/claims.h"

namespace signet::paseto {
namespace {

using namespace std::chrono;

// UnixTime counts nanoseconds in an int64, which spans 1677-09-21 to
// 2262-04-11. Whole years well inside that span keep every later sum with
// a leeway or max_age (at most a few days) from overflowing.
constexpr int kMinYear = 1678;
constexpr int kMaxYear = 2261;

bool digits(std::string_view s, std::size_t pos, std::size_t n, int& value) noexcept {
  if (pos + n > s.size()) return false;
  value = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    value = value * 10 + (s[i] - '0');
  }
  return true;
}

void put2(std::string& out, unsigned v) {
  out.push_back(static_cast<char>('0' + v / 10));
  out.push_back(static_cast<char>('0' + v % 10));
}

}  // namespace

Result<std::string> format_rfc3339(UnixTime t) {
  const auto day = floor<days>(t);
  const year_month_day ymd{day};
  const int y = static_cast<int>(ymd.year());
  if (y < kMinYear || y > kMaxYear) return Unexpected(Errc::invalid_argument, "the time is outside years 1678..2261");
  const hh_mm_ss<nanoseconds> hms{t - day};
  std::string out;
  out.reserve(30);
  put2(out, static_cast<unsigned>(y / 100));
  put2(out, static_cast<unsigned>(y % 100));
  out.push_back('-');
  put2(out, static_cast<unsigned>(ymd.month()));
  out.push_back('-');
  put2(out, static_cast<unsigned>(ymd.day()));
  out.push_back('T');
  put2(out, static_cast<unsigned>(hms.hours().count()));
  out.push_back(':');
  put2(out, static_cast<unsigned>(hms.minutes().count()));
  out.push_back(':');
  put2(out, static_cast<unsigned>(hms.seconds().count()));
  auto frac = static_cast<std::uint64_t>(hms.subseconds().count());
  if (frac != 0) {
    char buf[9];
    for (int i = 8; i >= 0; --i) {
      buf[i] = static_cast<char>('0' + frac % 10);
      frac /= 10;
    }
    std::size_t len = 9;
    while (buf[len - 1] == '0') --len;
    out.push_back('.');
    out.append(buf, len);
  }
  out.push_back('Z');
  return out;
}

Result<UnixTime> parse_rfc3339(std::string_view s) {
  const auto bad = [] { return Unexpected(Errc::malformed, "not an RFC 3339 date-time"); };
  int y, mo, d, h, mi, sec;
  if (!digits(s, 0, 4, y) || s.size() < 20 || s[4] != '-' || !digits(s, 5, 2, mo) || s[7] != '-' ||
      !digits(s, 8, 2, d) || (s[10] != 'T' && s[10] != 't') || !digits(s, 11, 2, h) || s[13] != ':' ||
      !digits(s, 14, 2, mi) || s[16] != ':' || !digits(s, 17, 2, sec)) {
    return bad();
  }
  std::size_t pos = 19;
  std::int64_t frac_ns = 0;
  if (s[pos] == '.') {
    ++pos;
    const std::size_t start = pos;
    std::int64_t scale = 100'000'000;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
      frac_ns += (s[pos] - '0') * scale;
      scale /= 10;
      ++pos;
    }
    if (pos == start) return bad();
  }
  if (pos >= s.size()) return bad();
  int offset_minutes = 0;
  if (s[pos] == 'Z' || s[pos] == 'z') {
    ++pos;
  } else if (s[pos] == '+' || s[pos] == '-') {
    int oh, om;
    if (!digits(s, pos + 1, 2, oh) || pos + 3 >= s.size() || s[pos + 3] != ':' || !digits(s, pos + 4, 2, om)) return bad();
    if (oh > 23 || om > 59) return bad();
    offset_minutes = (oh * 60 + om) * (s[pos] == '-' ? -1 : 1);
    pos += 6;
  } else {
    return bad();
  }
  if (pos != s.size()) return bad();
  if (h > 23 || mi > 59 || sec > 59) return bad();
  const year_month_day ymd{year{y}, month{static_cast<unsigned>(mo)}, day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) return bad();
  if (y < kMinYear || y > kMaxYear) return Unexpected(Errc::malformed, "the time is outside years 1678..2261");
  const std::int64_t whole = static_cast<std::int64_t>(sys_days{ymd}.time_since_epoch().count()) * 86400 +
                             h * 3600 + mi * 60 + sec - std::int64_t{offset_minutes} * 60;
  return UnixTime(nanoseconds(whole * 1'000'000'000 + frac_ns));
}

}  // namespace signet::paseto
