// Issue and verify Django-compatible tokens with signet.
//
// Build: part of signet's tests (target example_django_tokens), or
//   g++ -std=c++20 django_tokens.cc $(pkg-config --cflags --libs signet)
#include <signet/django.h>

#include <chrono>
#include <iostream>
#include <string>

int main() {
  using namespace std::chrono_literals;

  // In a real service this is the Django app's SECRET_KEY, read from a file.
  const signet::SecretBytes key(std::string_view("django-insecure-example-key"));

  // signing.dumps({"user_id": 123456})
  signet::Result<std::string> token = signet::django::dumps(R"({"user_id":123456})", key);
  if (!token) return 1;
  std::cout << "token: " << *token << '\n';

  // signing.loads(token, max_age=3600)
  signet::django::LoadsOptions options;
  options.max_age = 1h;
  signet::Result<std::string> json = signet::django::loads(*token, key, options);
  if (!json) {
    std::cerr << signet::errc_name(json.error().code()) << ": " << json.error().detail() << '\n';
    return 1;
  }
  std::cout << "value: " << *json << '\n';

  // A tampered token is an error value, never an exception.
  const std::string tampered = *token + "x";
  auto rejected = signet::django::loads(tampered, key, options);
  std::cout << "tampered: " << signet::errc_name(rejected.error().code()) << '\n';

  // Build signers once for repeated use; unsign() never allocates.
  auto signer = signet::django::TimestampSigner::create(key).value();
  const std::string signed_text = signer.sign("hello");
  signet::Result<std::string_view> value = signer.unsign(signed_text, {.max_age = 1h});
  std::cout << "unsigned: " << value.value() << '\n';
  return rejected.has_value() ? 1 : 0;
}
