// bench/workload.h: the one workload every benchmark (signet, raw limits,
// libjwt, cpp-jwt, and bench/python_peers.py) runs, as defined in
// docs/benchmarks.md and /work/shared/research/performance-anchors.md.
#ifndef SIGNET_BENCH_WORKLOAD_H_
#define SIGNET_BENCH_WORKLOAD_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace signet_bench {

// The HS256 secret and the Django SECRET_KEY: 32 ASCII bytes (throw-away).
inline constexpr std::string_view kHmacSecret = "signet-bench-hs256-secret-32byte";
static_assert(kHmacSecret.size() == 32);

// The 5-claim payload, in this member order, compact: 85 bytes.
inline constexpr std::string_view kSubject = "1234567890";
inline constexpr std::string_view kName = "John Doe";
inline constexpr std::int64_t kIat = 1700000000;
inline constexpr std::int64_t kExp = 4102444800;  // 2100-01-01
inline constexpr std::string_view kClaimsJson =
    R"({"sub":"1234567890","name":"John Doe","admin":true,"iat":1700000000,"exp":4102444800})";
static_assert(kClaimsJson.size() == 85);
// base64url({"alg":"HS256","typ":"JWT"}) + "." + base64url(claims): 151 bytes.
inline constexpr std::size_t kJwtSigningInputSize = 151;

// Django: signing.dumps/loads({"user_id": 123456}, max_age=3600).
inline constexpr std::string_view kDjangoValue = R"({"user_id":123456})";
inline constexpr std::int64_t kDjangoMaxAgeSeconds = 3600;
inline constexpr std::string_view kDjangoDumpsSalt = "django.core.signing";

// PASETO v4 keys (throw-away): the v4.local key and the v4.public Ed25519 seed.
inline constexpr std::string_view kPasetoLocalKeyHex =
    "707172737475767778797a7b7c7d7e7f808182838485868788898a8b8c8d8e8f";
inline constexpr std::string_view kPasetoSeedHex =
    "b4cbfb43df4ce210727d953e4a713307fa19bb7d9f85041438d9e11b942a3774";

// Key files (PEM) in bench/keys, shared with bench/python_peers.py.
std::string key_path(std::string_view file);
std::string read_file(const std::string& path);

// die reports a broken benchmark precondition (a token that should verify
// does not, ...) and exits: timings of a wrong computation are worthless.
[[noreturn]] void die(std::string_view what, std::string_view detail = {});
inline void require(bool ok, std::string_view what, std::string_view detail = {}) {
  if (!ok) die(what, detail);
}

// tamper_signature returns `token` with one base64url character in the
// middle of its last segment changed (still canonical base64url, so that the
// signature check itself, not the decoder, rejects it).
std::string tamper_signature(std::string_view token);

// b64url_encode / b64url_decode: unpadded base64url (libsodium's codec).
std::string b64url_encode(std::string_view bytes);
std::string b64url_decode(std::string_view text);

// jwt_signing_input returns base64url({"alg":ALG,"typ":"JWT"}) "." base64url(kClaimsJson),
// the exact bytes every JWT implementation here signs (151 bytes for a
// 5-character alg such as HS256, ES256, EdDSA, RS256, PS256).
std::string jwt_signing_input(std::string_view alg);

// hex_decode decodes lower-case hex (for the constants above).
std::string hex_decode(std::string_view hex);

}  // namespace signet_bench

#endif  // SIGNET_BENCH_WORKLOAD_H_
