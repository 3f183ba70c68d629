#include "adapters/system/secure_random.hpp"

#include <sodium.h>

#include <vector>

namespace chinjeol::system {

std::uint64_t UnpredictableSeed() {
  std::uint64_t seed = 0;
  randombytes_buf(&seed, sizeof seed);
  return seed;
}

std::string RandomHex(std::size_t bytes) {
  std::vector<unsigned char> buffer(bytes);
  randombytes_buf(buffer.data(), buffer.size());
  std::string hex(bytes * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), buffer.data(), buffer.size());
  hex.pop_back();
  return hex;
}

}  // namespace chinjeol::system
