// GoogleTest matchers for signet::Result.
#ifndef SIGNET_TESTS_SUPPORT_MATCHERS_H_
#define SIGNET_TESTS_SUPPORT_MATCHERS_H_

#include <gmock/gmock.h>

#include <string>

#include "signet/result.h"

namespace signet::testing {

// IsOk matches a Result that holds a value.
MATCHER(IsOk, "is OK") {
  if (arg.has_value()) return true;
  *result_listener << "error " << errc_name(arg.error().code()) << ": " << arg.error().detail();
  return false;
}

// HasError(code) matches a Result holding an error with that code.
MATCHER_P(HasError, code, std::string("fails with ") + std::string(errc_name(code))) {
  if (arg.has_value()) {
    *result_listener << "holds a value";
    return false;
  }
  *result_listener << "error " << errc_name(arg.error().code()) << ": " << arg.error().detail();
  return arg.error().code() == code;
}

}  // namespace signet::testing

#endif  // SIGNET_TESTS_SUPPORT_MATCHERS_H_
