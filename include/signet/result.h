// signet/result.h: errors as values.
//
// Every fallible signet function returns Result<T> (or Status = Result<void>).
// The library never throws on bad input; only value() on an error throws
// BadResultAccess, which is a programming error, not a token error.
#ifndef SIGNET_RESULT_H_
#define SIGNET_RESULT_H_

#include <cstddef>
#include <cstdint>
#include <exception>
#include <new>
#include <string_view>
#include <system_error>
#include <type_traits>
#include <utility>

namespace signet {

// Errc is the stable, documented error code of every signet failure.
// The numeric values and the names returned by errc_name() never change.
// Before a token's signature is checked only malformed, payload_too_large and
// bad_signature can be returned, so nothing unauthenticated leaks.
enum class Errc : std::uint8_t {
  malformed = 1,      // token shape, encoding or size is wrong
  bad_signature,      // signature or MAC does not match
  expired,            // token older than allowed
  not_yet_valid,      // token from the future beyond the allowed skew
  claim_mismatch,     // a claim or policy check failed
  unsupported,        // a feature or algorithm signet refuses
  key_mismatch,       // the token names a different key or algorithm
  payload_too_large,  // a size cap (for example the inflate cap) was hit
  bad_payload,        // validly signed payload fails to decode, inflate or parse
  invalid_key,        // key material is unusable (empty, too short, wrong type)
  invalid_argument,   // a caller-supplied option is invalid
  backend_failure,    // the crypto library or an external service failed
  revoked,            // a valid token that a revocation list or key ring withdrew
};

// errc_name returns the stable snake_case name of `code` ("bad_signature").
// Unknown values return "unknown".
std::string_view errc_name(Errc code) noexcept;

// error_category is signet's std::error_category; message() gives errc_name().
const std::error_category& error_category() noexcept;

// make_error_code lets Errc convert to std::error_code.
std::error_code make_error_code(Errc code) noexcept;

// Error is an Errc plus a short human-readable detail. The detail lives in an
// inline buffer: building or copying an Error never allocates. Details never
// contain key material; they may name sizes, ages and limits.
class Error {
 public:
  static constexpr std::size_t kMaxDetail = 119;

  // Error(code, detail) copies at most kMaxDetail bytes of `detail`.
  Error(Errc code, std::string_view detail) noexcept : code_(code) {
    len_ = static_cast<std::uint8_t>(detail.size() < kMaxDetail ? detail.size() : kMaxDetail);
    for (std::size_t i = 0; i < len_; ++i) detail_[i] = detail[i];
  }

  // code returns the stable error code.
  Errc code() const noexcept { return code_; }
  // detail returns the human-readable explanation (may be empty).
  std::string_view detail() const noexcept { return {detail_, len_}; }
  // error_code converts to std::error_code in signet's category.
  std::error_code error_code() const noexcept { return make_error_code(code_); }

  friend bool operator==(const Error& a, Errc b) noexcept { return a.code_ == b; }

 private:
  Errc code_;
  std::uint8_t len_ = 0;
  char detail_[kMaxDetail] = {};
};

static_assert(std::is_trivially_copyable_v<Error>, "Error must stay cheap to copy");

// BadResultAccess is thrown by Result::value() when it holds an error.
class BadResultAccess : public std::exception {
 public:
  explicit BadResultAccess(const Error& e) noexcept : error_(e) {}
  const char* what() const noexcept override { return "signet: value() called on an error Result"; }
  const Error& error() const noexcept { return error_; }

 private:
  Error error_;
};

// Unexpected wraps an Error so that `return Unexpected(...)` reads like std::unexpected.
struct Unexpected {
  Error error;
  Unexpected(Errc code, std::string_view detail) noexcept : error(code, detail) {}
  explicit Unexpected(const Error& e) noexcept : error(e) {}
};

// Result<T> holds either a T or an Error; the member names follow std::expected.
template <class T>
class [[nodiscard]] Result {
 public:
  using value_type = T;

  template <class U = T, class = std::enable_if_t<std::is_constructible_v<T, U&&> &&
                                                  !std::is_same_v<std::decay_t<U>, Result> &&
                                                  !std::is_same_v<std::decay_t<U>, Unexpected> &&
                                                  !std::is_same_v<std::decay_t<U>, Error>>>
  Result(U&& v) noexcept(std::is_nothrow_constructible_v<T, U&&>)  // NOLINT: implicit by design
      : ok_(true) {
    ::new (static_cast<void*>(&storage_.value)) T(std::forward<U>(v));
  }
  Result(Unexpected u) noexcept : ok_(false) {  // NOLINT: implicit by design
    ::new (static_cast<void*>(&storage_.error)) Error(u.error);
  }
  Result(const Error& e) noexcept : ok_(false) {  // NOLINT: implicit by design
    ::new (static_cast<void*>(&storage_.error)) Error(e);
  }
  Result(const Result& o) : ok_(o.ok_) {
    if (ok_) ::new (static_cast<void*>(&storage_.value)) T(o.storage_.value);
    else ::new (static_cast<void*>(&storage_.error)) Error(o.storage_.error);
  }
  Result(Result&& o) noexcept(std::is_nothrow_move_constructible_v<T>) : ok_(o.ok_) {
    if (ok_) ::new (static_cast<void*>(&storage_.value)) T(std::move(o.storage_.value));
    else ::new (static_cast<void*>(&storage_.error)) Error(o.storage_.error);
  }
  Result& operator=(const Result& o) {
    if (this != &o) { destroy(); ::new (this) Result(o); }
    return *this;
  }
  Result& operator=(Result&& o) noexcept(std::is_nothrow_move_constructible_v<T>) {
    if (this != &o) { destroy(); ::new (this) Result(std::move(o)); }
    return *this;
  }
  ~Result() { destroy(); }

  bool has_value() const noexcept { return ok_; }
  explicit operator bool() const noexcept { return ok_; }

  T& value() & { check(); return storage_.value; }
  const T& value() const& { check(); return storage_.value; }
  T&& value() && { check(); return std::move(storage_.value); }

  T& operator*() & noexcept { return storage_.value; }
  const T& operator*() const& noexcept { return storage_.value; }
  T&& operator*() && noexcept { return std::move(storage_.value); }
  T* operator->() noexcept { return &storage_.value; }
  const T* operator->() const noexcept { return &storage_.value; }

  // error returns the error; only meaningful when !has_value().
  const Error& error() const noexcept { return storage_.error; }

  template <class U>
  T value_or(U&& fallback) const& {
    return ok_ ? storage_.value : static_cast<T>(std::forward<U>(fallback));
  }

 private:
  void check() const {
    if (!ok_) throw BadResultAccess(storage_.error);
  }
  void destroy() noexcept {
    if (ok_) storage_.value.~T();
    else storage_.error.~Error();
  }
  union Storage {
    Storage() noexcept {}
    ~Storage() {}
    T value;
    Error error;
  } storage_;
  bool ok_;
};

// Result<void> (Status) carries success or an Error. Success stores nothing,
// so returning it costs no more than a bool.
template <>
class [[nodiscard]] Result<void> {
 public:
  using value_type = void;
  Result() noexcept : ok_(true) {}
  Result(Unexpected u) noexcept : error_(u.error), ok_(false) {}  // NOLINT
  Result(const Error& e) noexcept : error_(e), ok_(false) {}      // NOLINT

  bool has_value() const noexcept { return ok_; }
  explicit operator bool() const noexcept { return ok_; }
  void value() const {
    if (!ok_) throw BadResultAccess(error_);
  }
  // error returns the error; only meaningful when !has_value().
  const Error& error() const noexcept { return error_; }

 private:
  union {
    Error error_;  // trivially copyable; only alive when !ok_
  };
  bool ok_;
};

// Status is the result of an operation that returns nothing on success.
using Status = Result<void>;

}  // namespace signet

template <>
struct std::is_error_code_enum<signet::Errc> : std::true_type {};

#endif  // SIGNET_RESULT_H_
