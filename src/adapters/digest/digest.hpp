#pragma once

#include <cstdint>
#include <string>
#include <string_view>

// SHA-256 and HMAC-SHA-256 (libsodium) as lower-case hex: the one place every adapter takes
// them from (session tokens, monitor pseudonyms, the audit chain, recordings, plan commitments).
namespace chinjeol::digest {

std::string Sha256Hex(std::string_view bytes);

// HMAC-SHA-256 (RFC 2104) of `bytes` under `key`, for a key of any length.
std::string HmacSha256Hex(std::string_view key, std::string_view bytes);

// SHA-256 of a file, read in pieces; `size` gets the bytes read. Empty when it cannot be read.
std::string FileSha256Hex(const std::string& path, std::int64_t& size);

}  // namespace chinjeol::digest
