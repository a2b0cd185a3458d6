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

// kNotDigits is what two_digits returns for a field that is not two ASCII
// digits: bit 7, which no value up to 99 has, so one OR over several fields
// tells whether any of them was bad.
constexpr unsigned kNotDigits = 128;

// Reads the two ASCII digits at p. Callers have checked the length, so the
// fixed fields are read without bounds tests.
unsigned two_digits(const char* p) noexcept {
  const unsigned hi = static_cast<unsigned char>(p[0]) - unsigned{'0'};
  const unsigned lo = static_cast<unsigned char>(p[1]) - unsigned{'0'};
  return hi > 9 || lo > 9 ? kNotDigits : hi * 10 + lo;
}

bool is_leap(int y) noexcept { return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0); }

int days_in_month(int y, int m) noexcept {
  constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : kDays[m - 1];
}

// Days from 1970-01-01 to y-m-d (proleptic Gregorian, y >= 1): counted in
// years that start on March 1st, so that the leap day is the last day of
// its year and every month's offset is one linear formula.
std::int64_t days_since_epoch(int y, int m, int d) noexcept {
  const int year = m <= 2 ? y - 1 : y;
  const int era = year / 400;  // year >= 0 here: truncation is floor
  const int year_of_era = year - era * 400;
  const int month_from_march = m > 2 ? m - 3 : m + 9;
  const int day_of_year = (153 * month_from_march + 2) / 5 + d - 1;
  const int day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  // 719468 days separate 0000-03-01 from 1970-01-01.
  return std::int64_t{era} * 146097 + day_of_era - 719468;
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
  // "YYYY-MM-DDTHH:MM:SS" then at least one more character: 20 at the least.
  if (s.size() < 20) return bad();
  const char* p = s.data();
  const unsigned century = two_digits(p), year_in_century = two_digits(p + 2), mo = two_digits(p + 5),
                 d = two_digits(p + 8), h = two_digits(p + 11), mi = two_digits(p + 14), sec = two_digits(p + 17);
  // c | 0x20 maps 'T' to 't' and 'Z' to 'z', and no other byte onto them.
  if (((century | year_in_century | mo | d | h | mi | sec) & kNotDigits) != 0 || p[4] != '-' || p[7] != '-' ||
      (p[10] | 0x20) != 't' || p[13] != ':' || p[16] != ':') {
    return bad();
  }
  const int y = static_cast<int>(century * 100 + year_in_century);
  std::size_t pos = 19;
  std::int64_t frac_ns = 0;
  if (s[pos] == '.') {
    ++pos;
    const std::size_t start = pos;
    std::int64_t scale = 100'000'000;  // digits past the ninth add 0: truncated
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
      frac_ns += (s[pos] - '0') * scale;
      scale /= 10;
      ++pos;
    }
    if (pos == start) return bad();
  }
  if (pos >= s.size()) return bad();
  int offset_minutes = 0;
  if ((s[pos] | 0x20) == 'z') {
    ++pos;
  } else if (s[pos] == '+' || s[pos] == '-') {
    if (s.size() - pos < 6) return bad();
    const unsigned oh = two_digits(p + pos + 1), om = two_digits(p + pos + 4);
    if (((oh | om) & kNotDigits) != 0 || s[pos + 3] != ':') return bad();
    if (oh > 23 || om > 59) return bad();
    offset_minutes = static_cast<int>(oh * 60 + om) * (s[pos] == '-' ? -1 : 1);
    pos += 6;
  } else {
    return bad();
  }
  if (pos != s.size()) return bad();
  if (h > 23 || mi > 59 || sec > 59) return bad();
  if (mo < 1 || mo > 12 || d < 1 || static_cast<int>(d) > days_in_month(y, static_cast<int>(mo))) return bad();
  if (y < kMinYear || y > kMaxYear) return Unexpected(Errc::malformed, "the time is outside years 1678..2261");
  const std::int64_t whole = days_since_epoch(y, static_cast<int>(mo), static_cast<int>(d)) * 86400 +
                             std::int64_t{h * 3600 + mi * 60 + sec} - std::int64_t{offset_minutes} * 60;
  return UnixTime(nanoseconds(whole * 1'000'000'000 + frac_ns));
}

}  // namespace signet::paseto
