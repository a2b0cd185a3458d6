// Signer's private state, shared with TimestampSigner.
#ifndef SIGNET_SRC_DJANGO_SIGNER_IMPL_H_
#define SIGNET_SRC_DJANGO_SIGNER_IMPL_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "crypto/hmac.h"
#include "signet/django.h"

namespace signet::django {

struct Signer::Impl {
  std::string salt;
  std::string sep;
  Algorithm algorithm;
  std::size_t signature_len;  // base64url characters of one MAC
  // keys[0] is the main key; the rest are fallbacks in the caller's order.
  std::vector<std::unique_ptr<crypto::HmacKey>> keys;

  // append_signature signs everything in `out` with the main key and
  // appends SEP and the signature (capacity is the caller's business).
  void append_signature(std::string& out) const;
  // write_signature signs `signed_part` with the main key and writes SEP and
  // the signature (sep.size() + signature_len characters) to `out`.
  void write_signature(std::string_view signed_part, char* out) const noexcept;
};

}  // namespace signet::django

#endif  // SIGNET_SRC_DJANGO_SIGNER_IMPL_H_
