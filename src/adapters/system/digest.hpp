#pragma once

#include <string>
#include <string_view>

namespace chinjeol::system {

// SHA-256 of `text` as 64 lower-case hex digits (libsodium).
std::string Sha256Hex(std::string_view text);

}  // namespace chinjeol::system
