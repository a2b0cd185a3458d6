// Strict base64url. Decoding sits on the token-verification hot path, so it
// works a quad of characters at a time from a 256-entry table and folds every
// validity check into one accumulator tested once at the end, instead of
// branching per character.
#include "encoding/base64url.h"

#include <array>

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#endif

namespace signet::encoding {
namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

// Any table entry with this bit set is not a base64url character. Valid
// values are 0..63, so OR-ing entries together keeps the bit if any was bad.
constexpr std::uint8_t kInvalid = 0x80;

constexpr std::array<std::uint8_t, 256> make_decode_table() {
  std::array<std::uint8_t, 256> t{};
  for (auto& v : t) v = kInvalid;
  for (std::size_t i = 0; i < 64; ++i) {
    t[static_cast<unsigned char>(kAlphabet[i])] = static_cast<std::uint8_t>(i);
  }
  return t;
}

constexpr std::array<std::uint8_t, 256> kDecode = make_decode_table();

inline std::uint32_t lookup(char c) noexcept { return kDecode[static_cast<unsigned char>(c)]; }

#if defined(__x86_64__) && defined(__GNUC__)
// Zero-initialised (false: the scalar paths) until this runs, so an earlier
// static initializer elsewhere is still encoded and decoded correctly.
const bool kHaveAvx2 = [] {
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx2") != 0;
}();
#endif

// ---- constant-time helpers: arithmetic on values below 2^8, no branches,
// no table. lt_mask(a, b) is all ones when a < b and zero otherwise: a - b
// wraps around to set the top bit exactly when a < b.
constexpr std::uint32_t lt_mask(std::uint32_t a, std::uint32_t b) noexcept { return 0u - ((a - b) >> 31); }
constexpr std::uint32_t in_range_mask(std::uint32_t c, std::uint32_t lo, std::uint32_t hi) noexcept {
  return ~(lt_mask(c, lo) | lt_mask(hi, c));
}
// nonzero_bit(x) is 1 when x != 0 (x < 2^31), else 0.
constexpr std::uint32_t nonzero_bit(std::uint32_t x) noexcept { return (0u - x) >> 31; }

// ct_char maps v in [0, 63] to its alphabet character by adding the offset
// of each range v has reached: A-Z, a-z (+6), 0-9 (-75), '-' (-13), '_' (+49).
constexpr char ct_char(std::uint32_t v) noexcept {
  std::uint32_t c = v + 'A';
  c += lt_mask(25, v) & 6u;
  c -= lt_mask(51, v) & 75u;
  c -= lt_mask(61, v) & 13u;
  c += lt_mask(62, v) & 49u;
  return static_cast<char>(c & 0xff);
}

// ct_lookup is lookup() without the table: the 6-bit value, or kInvalid.
constexpr std::uint32_t ct_lookup(char ch) noexcept {
  const std::uint32_t c = static_cast<unsigned char>(ch);
  const std::uint32_t upper = in_range_mask(c, 'A', 'Z');
  const std::uint32_t lower = in_range_mask(c, 'a', 'z');
  const std::uint32_t digit = in_range_mask(c, '0', '9');
  const std::uint32_t dash = in_range_mask(c, '-', '-');
  const std::uint32_t under = in_range_mask(c, '_', '_');
  const std::uint32_t value = (upper & (c - 65)) | (lower & (c - 71)) | (digit & (c + 4)) | (dash & 62u) | (under & 63u);
  const std::uint32_t valid = upper | lower | digit | dash | under;
  return (value & 0x3f) | (~valid & kInvalid);
}

static_assert(ct_char(0) == 'A' && ct_char(25) == 'Z' && ct_char(26) == 'a' && ct_char(51) == 'z' &&
              ct_char(52) == '0' && ct_char(61) == '9' && ct_char(62) == '-' && ct_char(63) == '_');
static_assert(ct_lookup('A') == 0 && ct_lookup('z') == 51 && ct_lookup('0') == 52 && ct_lookup('-') == 62 &&
              ct_lookup('_') == 63 && ct_lookup('=') == kInvalid && ct_lookup('+') == kInvalid &&
              ct_lookup('\xff') == kInvalid);

// ct_encode_group writes the characters of one group of up to 3 bytes; `n`
// (public) is the number of bytes, and n + 1 characters are written for a
// partial group, as in base64url_encode.
inline void ct_encode_group(const std::uint8_t* p, std::size_t n, char* out) noexcept {
  const std::uint32_t v = std::uint32_t{p[0]} << 16 | (n > 1 ? std::uint32_t{p[1]} << 8 : 0u) | (n > 2 ? p[2] : 0u);
  out[0] = ct_char(v >> 18);
  out[1] = ct_char((v >> 12) & 63);
  if (n > 1) out[2] = ct_char((v >> 6) & 63);
  if (n > 2) out[3] = ct_char(v & 63);
}

}  // namespace

#if defined(__x86_64__) && defined(__GNUC__)
namespace {

// encode_block_avx2 encodes exactly the 24 bytes at `in` into the 32
// characters at `out`, reading nothing outside them: each 128-bit lane takes
// 12 bytes, the low lane loaded from in[0..16) and the high one from
// in[8..24) (its 12 bytes at offset 4). The 6-bit split and the alphabet
// mapping are the well-known multiply-shift and offset-table technique.
__attribute__((target("avx2"))) inline void encode_block_avx2(const std::uint8_t* in, char* out) noexcept {
  const __m256i spread = _mm256_setr_epi8(1, 0, 2, 1, 4, 3, 5, 4, 7, 6, 8, 7, 10, 9, 11, 10,  //
                                          5, 4, 6, 5, 8, 7, 9, 8, 11, 10, 12, 11, 14, 13, 15, 14);
  // Offsets to add to a 6-bit value, indexed by its range class: 0 for
  // a-z, 1..10 for 0-9, 11 for '-', 12 for '_', 13 for A-Z.
  const __m256i offsets = _mm256_setr_epi8(71, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -17, 32, 65, 0, 0,  //
                                           71, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -17, 32, 65, 0, 0);
  const __m128i lo = _mm_loadu_si128(reinterpret_cast<const __m128i*>(in));
  const __m128i hi = _mm_loadu_si128(reinterpret_cast<const __m128i*>(in + 8));
  const __m256i bytes = _mm256_shuffle_epi8(_mm256_set_m128i(hi, lo), spread);
  // Per 32-bit lane [b1 b0 b2 b1]: isolate the four 6-bit fields and move
  // each to the low bits of its own byte.
  const __m256i t0 = _mm256_and_si256(bytes, _mm256_set1_epi32(0x0fc0fc00));
  const __m256i t1 = _mm256_mulhi_epu16(t0, _mm256_set1_epi32(0x04000040));
  const __m256i t2 = _mm256_and_si256(bytes, _mm256_set1_epi32(0x003f03f0));
  const __m256i t3 = _mm256_mullo_epi16(t2, _mm256_set1_epi32(0x01000010));
  const __m256i v = _mm256_or_si256(t1, t3);
  // Range class: values 52..63 give 1..12 by saturating subtraction, the
  // rest 0; then values below 26 (A-Z) become 13.
  __m256i cls = _mm256_subs_epu8(v, _mm256_set1_epi8(51));
  const __m256i upper = _mm256_cmpgt_epi8(_mm256_set1_epi8(26), v);
  cls = _mm256_or_si256(cls, _mm256_and_si256(upper, _mm256_set1_epi8(13)));
  const __m256i chars = _mm256_add_epi8(v, _mm256_shuffle_epi8(offsets, cls));
  _mm256_storeu_si256(reinterpret_cast<__m256i*>(out), chars);
}

// encode_avx2 encodes all whole 3-byte groups of in[0..n) (n >= 24) and
// returns how many bytes that is; the scalar code writes the last partial
// group. Groups that do not fill a last block of 24 bytes are encoded as
// the last 24 bytes of the whole groups, overlapping the block before
// (whose characters are written again, identically).
__attribute__((target("avx2"))) std::size_t encode_avx2(const std::uint8_t* in, std::size_t n, char* out) noexcept {
  std::size_t done = 0;
  for (; n - done >= 24; done += 24) encode_block_avx2(in + done, out + done / 3 * 4);
  const std::size_t whole = n / 3 * 3;
  if (whole > done) {
    encode_block_avx2(in + whole - 24, out + (whole - 24) / 3 * 4);
    done = whole;
  }
  return done;
}

}  // namespace
#endif

void base64url_encode(std::span<const std::uint8_t> in, char* out) noexcept {
  const std::uint8_t* p = in.data();
  std::size_t n = in.size();
#if defined(__x86_64__) && defined(__GNUC__)
  if (kHaveAvx2 && n >= 24) {
    const std::size_t done = encode_avx2(p, n, out);
    p += done;
    n -= done;
    out += done / 3 * 4;
  }
#endif
  while (n >= 3) {
    const std::uint32_t v = std::uint32_t{p[0]} << 16 | std::uint32_t{p[1]} << 8 | p[2];
    out[0] = kAlphabet[v >> 18];
    out[1] = kAlphabet[(v >> 12) & 63];
    out[2] = kAlphabet[(v >> 6) & 63];
    out[3] = kAlphabet[v & 63];
    p += 3;
    n -= 3;
    out += 4;
  }
  // The tail emits only the characters that carry data bits; the unused low
  // bits of the last one are zero, which is what makes the output canonical.
  if (n == 2) {
    const std::uint32_t v = std::uint32_t{p[0]} << 16 | std::uint32_t{p[1]} << 8;
    out[0] = kAlphabet[v >> 18];
    out[1] = kAlphabet[(v >> 12) & 63];
    out[2] = kAlphabet[(v >> 6) & 63];
  } else if (n == 1) {
    const std::uint32_t v = std::uint32_t{p[0]} << 16;
    out[0] = kAlphabet[v >> 18];
    out[1] = kAlphabet[(v >> 12) & 63];
  }
}

void base64url_encode_append(std::span<const std::uint8_t> in, std::string& out) {
  const std::size_t old = out.size();
  out.resize(old + base64url_encoded_size(in.size()));
  base64url_encode(in, out.data() + old);
}

std::string base64url_encode(std::span<const std::uint8_t> in) {
  std::string out(base64url_encoded_size(in.size()), '\0');
  base64url_encode(in, out.data());
  return out;
}

#if defined(__x86_64__) && defined(__GNUC__)
namespace {

// decode_block_avx2 decodes the 32 characters at `p` (eight quads) into
// the 24 bytes at `out` and ORs into `invalid` a non-zero byte for every
// character outside the alphabet.
//
// Validation is exact, by the nibble-table technique: every character
// class (high nibble) gets a bit, and the low-nibble table sets, for each
// low nibble, the bits of the classes in which it is NOT a base64url
// character; a character is valid iff its two table entries share no bit.
//   high 2: only '-' (lo D)        bit 0
//   high 3: '0'-'9' (lo 0-9)        bit 1
//   high 4, 6: 'A'-'O', 'a'-'o' (lo 1-F)  bit 2
//   high 5: 'P'-'Z' (lo 0-A), '_' (lo F)  bit 3
//   high 7: 'p'-'z' (lo 0-A)        bit 4
//   high 0, 1, 8-F: nothing         bit 5 (set for every low nibble)
// Translation adds a per-class offset, with '_' (the one character whose
// class offset differs from its neighbours') corrected by a compare.
__attribute__((target("avx2"))) inline void decode_block_avx2(const char* p, std::uint8_t* out,
                                                              __m256i& invalid) noexcept {
  const __m256i lut_hi = _mm256_setr_epi8(0x20, 0x20, 0x01, 0x02, 0x04, 0x08, 0x04, 0x10, 0x20, 0x20, 0x20, 0x20,
                                          0x20, 0x20, 0x20, 0x20,  //
                                          0x20, 0x20, 0x01, 0x02, 0x04, 0x08, 0x04, 0x10, 0x20, 0x20, 0x20, 0x20,
                                          0x20, 0x20, 0x20, 0x20);
  // lo:  0     1     2     3     4     5     6     7     8     9     A     B     C     D     E     F
  const __m256i lut_lo = _mm256_setr_epi8(0x25, 0x21, 0x21, 0x21, 0x21, 0x21, 0x21, 0x21, 0x21, 0x21, 0x23, 0x3B,
                                          0x3B, 0x3A, 0x3B, 0x33,  //
                                          0x25, 0x21, 0x21, 0x21, 0x21, 0x21, 0x21, 0x21, 0x21, 0x21, 0x23, 0x3B,
                                          0x3B, 0x3A, 0x3B, 0x33);
  // Offsets by high nibble: '-' -> 62, '0' -> 52, 'A' -> 0, 'P' -> 15, 'a' -> 26, 'p' -> 41.
  const __m256i lut_offset = _mm256_setr_epi8(0, 0, 17, 4, -65, -65, -71, -71, 0, 0, 0, 0, 0, 0, 0, 0,  //
                                              0, 0, 17, 4, -65, -65, -71, -71, 0, 0, 0, 0, 0, 0, 0, 0);
  const __m256i nibble = _mm256_set1_epi8(0x0f);
  const __m256i c = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p));
  const __m256i hi = _mm256_and_si256(_mm256_srli_epi32(c, 4), nibble);
  const __m256i lo = _mm256_and_si256(c, nibble);
  invalid = _mm256_or_si256(invalid, _mm256_and_si256(_mm256_shuffle_epi8(lut_hi, hi), _mm256_shuffle_epi8(lut_lo, lo)));
  // '_' is 0x5F: class offset -65 would give 30; it needs -32, i.e. +33.
  const __m256i under = _mm256_and_si256(_mm256_cmpeq_epi8(c, _mm256_set1_epi8('_')), _mm256_set1_epi8(33));
  const __m256i v = _mm256_add_epi8(_mm256_add_epi8(c, _mm256_shuffle_epi8(lut_offset, hi)), under);
  // Pack four 6-bit values into three bytes per 32-bit lane.
  const __m256i ab_cd = _mm256_maddubs_epi16(v, _mm256_set1_epi32(0x01400140));
  const __m256i abcd = _mm256_madd_epi16(ab_cd, _mm256_set1_epi32(0x00011000));
  const __m256i bytes = _mm256_shuffle_epi8(
      abcd, _mm256_setr_epi8(2, 1, 0, 6, 5, 4, 10, 9, 8, 14, 13, 12, -1, -1, -1, -1, 2, 1, 0, 6, 5, 4, 10, 9, 8, 14,
                             13, 12, -1, -1, -1, -1));
  const __m256i packed = _mm256_permutevar8x32_epi32(bytes, _mm256_setr_epi32(0, 1, 2, 4, 5, 6, 7, 7));
  // 24 bytes, stored without touching the caller's memory beyond them.
  _mm_storeu_si128(reinterpret_cast<__m128i*>(out), _mm256_castsi256_si128(packed));
  _mm_storel_epi64(reinterpret_cast<__m128i*>(out + 16), _mm256_extracti128_si256(packed, 1));
}

// decode_avx2 decodes all whole quads of p[0..n) (n >= 32) into `out` and
// returns how many characters that is; the canonical-tail rules of a final
// partial quad stay with the scalar code. Quads that do not fill a last
// 32-character block are decoded as the last 32 characters of the whole
// quads, overlapping the block before (whose bytes are written again, with
// the same values). Sets `bad` when any character is outside the alphabet.
// Compiled for AVX2 and used only after a run-time CPU check, so the
// library still runs on any x86-64.
__attribute__((target("avx2"))) std::size_t decode_avx2(const char* p, std::size_t n, std::uint8_t* out,
                                                        bool& bad) noexcept {
  __m256i invalid = _mm256_setzero_si256();
  std::size_t done = 0;
  for (; n - done >= 32; done += 32) decode_block_avx2(p + done, out + done / 4 * 3, invalid);
  const std::size_t whole = n / 4 * 4;
  if (whole > done) {
    decode_block_avx2(p + whole - 32, out + (whole - 32) / 4 * 3, invalid);
    done = whole;
  }
  bad = !_mm256_testz_si256(invalid, invalid);
  return done;
}

}  // namespace
#endif

Status base64url_decode(std::string_view in, std::uint8_t* out) noexcept {
  const std::size_t rem = in.size() % 4;
  if (rem == 1) return Unexpected(Errc::malformed, "base64url: impossible length");

  const char* p = in.data();
  std::size_t quads = in.size() / 4;
  std::uint32_t bad = 0;
#if defined(__x86_64__) && defined(__GNUC__)
  if (kHaveAvx2 && in.size() >= 32) {
    bool block_bad = false;
    const std::size_t done = decode_avx2(p, in.size(), out, block_bad);
    if (block_bad) bad |= kInvalid;
    p += done;
    out += done / 4 * 3;
    quads -= done / 4;
  }
#endif
  // Bytes are written even if a later character turns out invalid: the
  // caller's buffer is sized for the whole input and its contents are
  // unspecified on failure, and not branching here keeps the loop tight.
  while (quads-- > 0) {
    const std::uint32_t a = lookup(p[0]), b = lookup(p[1]), c = lookup(p[2]), d = lookup(p[3]);
    bad |= a | b | c | d;
    const std::uint32_t v = a << 18 | b << 12 | c << 6 | d;
    out[0] = static_cast<std::uint8_t>(v >> 16);
    out[1] = static_cast<std::uint8_t>(v >> 8);
    out[2] = static_cast<std::uint8_t>(v);
    p += 4;
    out += 3;
  }

  if (rem == 2) {
    const std::uint32_t a = lookup(p[0]), b = lookup(p[1]);
    bad |= a | b;
    // b's low 4 bits fall outside the single output byte; a canonical encoder
    // leaves them zero, and accepting anything else would let several
    // strings decode to the same bytes (signature malleability).
    if ((b & 0x0f) != 0) bad |= kInvalid;
    out[0] = static_cast<std::uint8_t>((a << 2 | b >> 4) & 0xff);
  } else if (rem == 3) {
    const std::uint32_t a = lookup(p[0]), b = lookup(p[1]), c = lookup(p[2]);
    bad |= a | b | c;
    if ((c & 0x03) != 0) bad |= kInvalid;  // same reason: unused low 2 bits
    const std::uint32_t v = a << 10 | b << 4 | c >> 2;
    out[0] = static_cast<std::uint8_t>((v >> 8) & 0xff);
    out[1] = static_cast<std::uint8_t>(v & 0xff);
  }

  if ((bad & kInvalid) != 0) return Unexpected(Errc::malformed, "base64url: invalid or non-canonical character");
  return {};
}

bool base64url_is_canonical(std::string_view in) noexcept {
  const std::size_t rem = in.size() % 4;
  if (rem == 1) return false;
  std::uint32_t bad = 0;
  for (char c : in) bad |= lookup(c);
  // The unused low bits of a final partial quad must be zero (see above).
  if (rem == 2 && (lookup(in.back()) & 0x0f) != 0) bad |= kInvalid;
  if (rem == 3 && (lookup(in.back()) & 0x03) != 0) bad |= kInvalid;
  return (bad & kInvalid) == 0;
}

Result<std::string> base64url_decode(std::string_view in) {
  const std::optional<std::size_t> size = base64url_decoded_size(in.size());
  if (!size) return Unexpected(Errc::malformed, "base64url: impossible length");
  std::string out(*size, '\0');
  Status st = base64url_decode(in, reinterpret_cast<std::uint8_t*>(out.data()));
  if (!st) return st.error();
  return out;
}

void base64url_encode_secret(std::span<const std::uint8_t> in, char* out) noexcept {
  for (std::size_t i = 0; i < in.size(); i += 3) {
    const std::size_t n = in.size() - i < 3 ? in.size() - i : 3;
    ct_encode_group(in.data() + i, n, out);
    out += n + 1;
  }
}

bool base64url_decode_secret(std::string_view in, std::uint8_t* out) noexcept {
  const std::size_t rem = in.size() % 4;
  if (rem == 1) return false;  // the length is public
  const char* p = in.data();
  std::uint32_t bad = 0;
  for (std::size_t quads = in.size() / 4; quads > 0; --quads) {
    const std::uint32_t a = ct_lookup(p[0]), b = ct_lookup(p[1]), c = ct_lookup(p[2]), d = ct_lookup(p[3]);
    bad |= a | b | c | d;
    const std::uint32_t v = a << 18 | b << 12 | c << 6 | d;
    out[0] = static_cast<std::uint8_t>((v >> 16) & 0xff);
    out[1] = static_cast<std::uint8_t>((v >> 8) & 0xff);
    out[2] = static_cast<std::uint8_t>(v & 0xff);
    p += 4;
    out += 3;
  }
  // The spare low bits of a final partial quad must be zero (canonical form),
  // checked by arithmetic rather than a branch.
  if (rem == 2) {
    const std::uint32_t a = ct_lookup(p[0]), b = ct_lookup(p[1]);
    bad |= a | b | nonzero_bit(b & 0x0f) << 7;
    out[0] = static_cast<std::uint8_t>((a << 2 | b >> 4) & 0xff);
  } else if (rem == 3) {
    const std::uint32_t a = ct_lookup(p[0]), b = ct_lookup(p[1]), c = ct_lookup(p[2]);
    bad |= a | b | c | nonzero_bit(c & 0x03) << 7;
    const std::uint32_t v = a << 10 | b << 4 | c >> 2;
    out[0] = static_cast<std::uint8_t>((v >> 8) & 0xff);
    out[1] = static_cast<std::uint8_t>(v & 0xff);
  }
  return ((bad & kInvalid) >> 7) == 0;
}

bool base64url_matches_secret(std::span<const std::uint8_t> mac, std::string_view text) noexcept {
  if (text.size() != base64url_encoded_size(mac.size())) return false;  // lengths are public
  // Encode a group at a time and fold the differences into one accumulator:
  // the expected text never exists as a whole, so there is nothing to wipe
  // but one group.
  std::uint32_t diff = 0;
  char group[4] = {};
  const char* t = text.data();
  for (std::size_t i = 0; i < mac.size(); i += 3) {
    const std::size_t n = mac.size() - i < 3 ? mac.size() - i : 3;
    ct_encode_group(mac.data() + i, n, group);
    for (std::size_t k = 0; k <= n; ++k) {
      diff |= static_cast<std::uint32_t>(static_cast<unsigned char>(group[k]) ^ static_cast<unsigned char>(t[k]));
    }
    t += n + 1;
  }
  volatile char* wipe = group;
  for (std::size_t k = 0; k < sizeof group; ++k) wipe[k] = 0;
  return nonzero_bit(diff) == 0;
}

}  // namespace signet::encoding
