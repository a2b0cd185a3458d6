#include "jwt/revocation_check.h"

#include "revocation/facts.h"
#include "signet/revocation.h"

namespace signet::jwt::detail {

Status check_revocation(const Policy& policy, const VerifiedToken& token) noexcept {
  const auto& list = policy.revocation();
  if (!list) return {};
  revocation::TokenFacts facts;
  facts.issuer = token.issuer().value_or(std::string_view());
  facts.token_id = token.jwt_id().value_or(std::string_view());
  facts.subject = token.subject().value_or(std::string_view());
  facts.issued_at = revocation::detail::to_unix_time(token.issued_at());
  facts.expires_at = revocation::detail::to_unix_time(token.expires_at());
  return list->check(facts);
}

}  // namespace signet::jwt::detail
