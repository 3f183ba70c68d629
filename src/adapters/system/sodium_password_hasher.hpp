#pragma once

#include <string>
#include <string_view>

#include "core/auth/password_hasher.hpp"

namespace chinjeol::system {

// Argon2id through libsodium at its "interactive" limits (about 100 ms and 64 MiB a hash), the
// PIPC-acceptable one-way hash; the output is libsodium's self-describing string
// ("$argon2id$v=19$m=65536,t=2,p=1$...").
class SodiumPasswordHasher final : public auth::PasswordHasher {
 public:
  // Initialises libsodium; throws std::runtime_error when that is impossible (start-up only).
  SodiumPasswordHasher();

  Result<std::string> Hash(std::string_view password) const override;
  bool Verify(std::string_view hash, std::string_view password) const override;
  // True when `hash` was made with weaker limits than today's and should be replaced at the next
  // successful sign-in.
  bool NeedsRehash(std::string_view hash) const;
};

}  // namespace chinjeol::system
