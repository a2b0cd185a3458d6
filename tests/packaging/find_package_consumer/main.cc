// A consumer of signet through its public API only: signs a Django token,
// verifies it, and checks that a wrong key is refused. Exits 0 on success.
// Built by the packaging tests via find_package, add_subdirectory and pkg-config.
#include <signet/django.h>
#include <signet/version.h>

#include <chrono>
#include <cstdio>
#include <string>
#include <string_view>

namespace {

int fail(std::string_view what, const signet::Error& e) {
  std::fprintf(stderr, "consumer: %.*s failed: %.*s: %.*s\n", static_cast<int>(what.size()), what.data(),
               static_cast<int>(signet::errc_name(e.code()).size()), signet::errc_name(e.code()).data(),
               static_cast<int>(e.detail().size()), e.detail().data());
  return 1;
}

}  // namespace

int main() {
  const signet::SecretBytes key(std::string_view("packaging-test-key: not a real secret"));

  auto token = signet::django::dumps(R"({"a":1})", key);
  if (!token) return fail("dumps", token.error());

  signet::django::LoadsOptions options;
  options.max_age = std::chrono::hours(1);
  auto json = signet::django::loads(*token, key, options);
  if (!json) return fail("loads", json.error());
  if (*json != R"({"a":1})") {
    std::fprintf(stderr, "consumer: round trip gave %s\n", json->c_str());
    return 1;
  }

  const signet::SecretBytes other(std::string_view("another key"));
  auto forged = signet::django::loads(*token, other, options);
  if (forged || forged.error().code() != signet::Errc::bad_signature) {
    std::fprintf(stderr, "consumer: a token was accepted under the wrong key\n");
    return 1;
  }

  const std::string_view v = signet::version();
  std::printf("consumer: signet %.*s round trip ok: %s\n", static_cast<int>(v.size()), v.data(), token->c_str());
  return 0;
}
