// bench/main.cc: the signet_bench entry point. Registers every suite, records
// the workload and the token bytes in the JSON "context", then runs Google
// Benchmark as usual (all of its --benchmark_* flags work).
#include <benchmark/benchmark.h>
#include <openssl/crypto.h>
#include <openssl/opensslv.h>
#include <sodium.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "alloc_counter.h"
#include "meter.h"
#include "signet/version.h"
#include "workload.h"

namespace signet_bench {

std::string key_path(std::string_view file) {
  std::string dir = SIGNET_BENCH_KEYS_DIR;
  if (const char* env = std::getenv("SIGNET_BENCH_KEYS_DIR")) dir = env;
  return dir + "/" + std::string(file);
}

std::string read_file(const std::string& path) {
  std::FILE* in = std::fopen(path.c_str(), "rb");
  if (!in) die("cannot read key file", path);
  std::string out;
  char buf[4096];
  std::size_t n = 0;
  while ((n = std::fread(buf, 1, sizeof buf, in)) > 0) out.append(buf, n);
  std::fclose(in);
  return out;
}

void die(std::string_view what, std::string_view detail) {
  std::fprintf(stderr, "signet_bench: precondition failed: %.*s%s%.*s\n", static_cast<int>(what.size()), what.data(),
               detail.empty() ? "" : ": ", static_cast<int>(detail.size()), detail.data());
  std::exit(2);
}

std::string tamper_signature(std::string_view token) {
  std::string out(token);
  const std::size_t dot = out.find_last_of(".:");
  if (dot == std::string::npos || out.size() - dot < 8) die("tamper_signature: no signature segment", token);
  const std::size_t at = dot + 1 + (out.size() - dot - 1) / 2;
  out[at] = out[at] == 'A' ? 'B' : 'A';
  return out;
}

std::string hex_decode(std::string_view hex) {
  std::string out;
  auto nibble = [](char c) -> int { return c <= '9' ? c - '0' : c - 'a' + 10; };
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
    out.push_back(static_cast<char>(nibble(hex[i]) * 16 + nibble(hex[i + 1])));
  }
  return out;
}

void add_context(const std::string& key, const std::string& value) { benchmark::AddCustomContext(key, value); }

std::string b64url_encode(std::string_view bytes) {
  std::string out(sodium_base64_encoded_len(bytes.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

std::string b64url_decode(std::string_view text) {
  std::string out(text.size() * 3 / 4 + 3, '\0');
  std::size_t len = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(), text.size(), nullptr,
                        &len, nullptr, sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0) {
    die("b64url_decode: not base64url", text);
  }
  out.resize(len);
  return out;
}

std::string jwt_signing_input(std::string_view alg) {
  const std::string header = R"({"alg":")" + std::string(alg) + R"(","typ":"JWT"})";
  return b64url_encode(header) + "." + b64url_encode(kClaimsJson);
}

}  // namespace signet_bench

int main(int argc, char** argv) {
  if (sodium_init() < 0) signet_bench::die("sodium_init failed");
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;

  signet_bench::add_context("signet_version", std::string(signet::version()));
  signet_bench::add_context("openssl_version", OpenSSL_version(OPENSSL_VERSION));
  signet_bench::add_context("libsodium_version", sodium_version_string());
  signet_bench::add_context("openssl_alloc_hook", signet_alloc::openssl_hook_installed() ? "installed" : "FAILED");
  signet_bench::add_context("workload_claims", std::string(signet_bench::kClaimsJson));
  signet_bench::add_context("workload_django_value", std::string(signet_bench::kDjangoValue));
#ifdef NDEBUG
  signet_bench::add_context("signet_bench_build", "release (NDEBUG)");
#else
  signet_bench::add_context("signet_bench_build", "DEBUG: numbers are not representative");
#endif

  signet_bench::register_raw_benchmarks();
  signet_bench::register_signet_benchmarks();
#ifdef SIGNET_BENCH_HAVE_LIBJWT
  signet_bench::register_libjwt_benchmarks();
#endif
#ifdef SIGNET_BENCH_HAVE_CPPJWT
  signet_bench::register_cppjwt_benchmarks();
#endif

  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
