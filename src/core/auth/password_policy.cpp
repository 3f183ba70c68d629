#include "core/auth/password_hasher.hpp"

namespace chinjeol::auth {

Result<void> CheckPasswordStrength(std::string_view password) {
  bool letter = false, digit = false, symbol = false;
  std::size_t characters = 0;
  for (const char c : password) {
    const auto byte = static_cast<unsigned char>(c);
    if ((byte & 0xC0) != 0x80) ++characters;  // count UTF-8 characters, not bytes
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || byte >= 0x80) {
      letter = true;
    } else if (c >= '0' && c <= '9') {
      digit = true;
    } else {
      symbol = true;
    }
  }
  const int kinds = int{letter} + int{digit} + int{symbol};
  if ((characters >= 10 && kinds >= 2) || (characters >= 8 && kinds >= 3)) return Ok();
  return InvalidArgument("the password is too weak",
                         {{"password",
                           "use at least 10 characters mixing two of letters, digits and symbols, "
                           "or 8 mixing all three"}});
}

}  // namespace chinjeol::auth
