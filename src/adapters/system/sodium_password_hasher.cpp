#include "adapters/system/sodium_password_hasher.hpp"

#include <sodium.h>

#include <stdexcept>

namespace chinjeol::system {

SodiumPasswordHasher::SodiumPasswordHasher() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
}

Result<std::string> SodiumPasswordHasher::Hash(std::string_view password) const {
  char hash[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(hash, password.data(), password.size(),
                            crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return Error(ErrorCode::kUnavailable, "not enough memory to hash the password; try again");
  }
  return std::string(hash);
}

bool SodiumPasswordHasher::Verify(std::string_view hash, std::string_view password) const {
  const std::string terminated(hash);  // libsodium reads a NUL-terminated string
  return crypto_pwhash_str_verify(terminated.c_str(), password.data(), password.size()) == 0;
}

bool SodiumPasswordHasher::NeedsRehash(std::string_view hash) const {
  const std::string terminated(hash);
  return crypto_pwhash_str_needs_rehash(terminated.c_str(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0;
}

}  // namespace chinjeol::system
