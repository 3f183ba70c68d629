#pragma once

#include <string>
#include <string_view>

#include "core/common/result.hpp"

namespace chinjeol::auth {

// One-way password hashing (Argon2id in the system adapter). Hashes are self-describing strings.
class PasswordHasher {
 public:
  virtual ~PasswordHasher() = default;

  // kUnavailable when the hashing resources (memory) cannot be had right now.
  virtual Result<std::string> Hash(std::string_view password) const = 0;
  virtual bool Verify(std::string_view hash, std::string_view password) const = 0;
};

// KISA's password rule for public systems: at least 10 characters of two kinds (letters,
// digits, symbols), or 8 of three kinds. kInvalidArgument saying what is missing.
Result<void> CheckPasswordStrength(std::string_view password);

}  // namespace chinjeol::auth
