#include "adapters/system/digest.hpp"

#include <sodium.h>

namespace chinjeol::system {

std::string Sha256Hex(std::string_view text) {
  unsigned char hash[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(hash, reinterpret_cast<const unsigned char*>(text.data()), text.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, hash, sizeof hash);
  return std::string(hex, crypto_hash_sha256_BYTES * 2);
}

}  // namespace chinjeol::system
