#pragma once

#include <cstdint>
#include <string>

namespace chinjeol::system {

// A seed nobody can predict (the kernel's random source through libsodium), for plans whose
// schedule must stay secret when no seed is given.
std::uint64_t UnpredictableSeed();

// `bytes` random bytes as lower-case hex, for session ids and tokens.
std::string RandomHex(std::size_t bytes);

}  // namespace chinjeol::system
