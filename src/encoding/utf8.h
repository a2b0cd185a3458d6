// UTF-8 validation (RFC 3629): no overlong forms, no surrogates, nothing
// above U+10FFFF.
#ifndef SIGNET_SRC_ENCODING_UTF8_H_
#define SIGNET_SRC_ENCODING_UTF8_H_

#include <string_view>

namespace signet::encoding {

// is_valid_utf8 reports whether `text` is well-formed UTF-8. ASCII text is
// checked eight bytes at a time.
bool is_valid_utf8(std::string_view text) noexcept;

}  // namespace signet::encoding

#endif  // SIGNET_SRC_ENCODING_UTF8_H_
