// signet/bytes.h: SecretBytes, the owner of key material.
#ifndef SIGNET_BYTES_H_
#define SIGNET_BYTES_H_

#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <span>
#include <string_view>
#include <vector>

namespace signet {

// SecretBytes owns secret key material.
//
// Guarantees: the bytes are wiped (with a write the compiler cannot elide)
// when the object is destroyed, moved from or reassigned; equality is checked
// in constant time for equal lengths; the bytes are never printed (streaming a
// SecretBytes writes only "SecretBytes(N bytes)"). Copying is explicit
// (clone()) so that secrets do not multiply by accident.
class SecretBytes {
 public:
  SecretBytes() noexcept = default;
  // SecretBytes(bytes) copies `bytes`; the caller stays responsible for its own copy.
  explicit SecretBytes(std::span<const std::uint8_t> bytes);
  // SecretBytes(text) copies the bytes of `text` (a key is any byte string).
  explicit SecretBytes(std::string_view text);
  SecretBytes(SecretBytes&& other) noexcept;
  SecretBytes& operator=(SecretBytes&& other) noexcept;
  SecretBytes(const SecretBytes&) = delete;
  SecretBytes& operator=(const SecretBytes&) = delete;
  ~SecretBytes();

  // clone returns an independent copy of the secret.
  SecretBytes clone() const;

  std::size_t size() const noexcept { return bytes_.size(); }
  bool empty() const noexcept { return bytes_.empty(); }
  // bytes exposes the secret for use by crypto code. Do not log it.
  std::span<const std::uint8_t> bytes() const noexcept { return bytes_; }

  // equals compares with `other` in time that depends only on the lengths.
  bool equals(std::span<const std::uint8_t> other) const noexcept;

 private:
  void wipe() noexcept;
  std::vector<std::uint8_t> bytes_;
};

// operator<< never writes the secret: only its length.
std::ostream& operator<<(std::ostream& os, const SecretBytes& s);

// constant_time_equal compares two byte strings; the time taken depends only
// on their lengths, never on their contents. Different lengths compare unequal.
bool constant_time_equal(std::span<const std::uint8_t> a, std::span<const std::uint8_t> b) noexcept;
bool constant_time_equal(std::string_view a, std::string_view b) noexcept;

// secure_wipe overwrites `bytes` with zeros in a way the optimizer cannot remove.
void secure_wipe(std::span<std::uint8_t> bytes) noexcept;

}  // namespace signet

#endif  // SIGNET_BYTES_H_
