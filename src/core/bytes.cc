#include "signet/bytes.h"

#include <ostream>

#include "crypto/constant_time.h"

namespace signet {

SecretBytes::SecretBytes(std::span<const std::uint8_t> bytes) : bytes_(bytes.begin(), bytes.end()) {}

SecretBytes::SecretBytes(std::string_view text)
    : bytes_(reinterpret_cast<const std::uint8_t*>(text.data()),
             reinterpret_cast<const std::uint8_t*>(text.data()) + text.size()) {}

SecretBytes::SecretBytes(SecretBytes&& other) noexcept : bytes_(std::move(other.bytes_)) {
  other.bytes_.clear();
}

SecretBytes& SecretBytes::operator=(SecretBytes&& other) noexcept {
  if (this != &other) {
    wipe();
    bytes_ = std::move(other.bytes_);
    other.bytes_.clear();
  }
  return *this;
}

SecretBytes::~SecretBytes() { wipe(); }

SecretBytes SecretBytes::clone() const { return SecretBytes(std::span<const std::uint8_t>(bytes_)); }

bool SecretBytes::equals(std::span<const std::uint8_t> other) const noexcept {
  return constant_time_equal(bytes_, other);
}

void SecretBytes::wipe() noexcept {
  // Wipe the whole capacity: earlier, longer contents may linger past size().
  bytes_.resize(bytes_.capacity());
  secure_wipe(bytes_);
  bytes_.clear();
}

std::ostream& operator<<(std::ostream& os, const SecretBytes& s) {
  return os << "SecretBytes(" << s.size() << " bytes)";
}

bool constant_time_equal(std::span<const std::uint8_t> a, std::span<const std::uint8_t> b) noexcept {
  if (a.size() != b.size()) return false;
  return crypto::constant_time_equal(a.data(), b.data(), a.size());
}

bool constant_time_equal(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  return crypto::constant_time_equal(a.data(), b.data(), a.size());
}

void secure_wipe(std::span<std::uint8_t> bytes) noexcept { crypto::cleanse(bytes.data(), bytes.size()); }

}  // namespace signet
