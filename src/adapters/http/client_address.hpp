#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace chinjeol::http {

// Whether `text` is an IPv4 or IPv6 address (no port, no brackets).
bool IsIpAddress(std::string_view text);

// The network an address belongs to, as text: the first `v4_bits` of an IPv4 address or the
// first `v6_bits` of an IPv6 one, e.g. NetworkOf("203.0.113.7", 24, 64) = "203.0.113.0/24".
// IPv4-mapped IPv6 addresses count as IPv4. Text that is no address is returned as it is.
std::string NetworkOf(std::string_view address, int v4_bits, int v6_bits);

// The client's address: the peer itself, or, when the peer is one of `trusted_proxies`, the
// rightmost address of X-Forwarded-For that is not a trusted proxy (what the nearest proxy saw;
// the entries to its left are whatever the client chose to send). Entries that are no address
// stop the walk.
std::string ClientAddress(std::string_view peer, std::string_view forwarded_for,
                          const std::vector<std::string>& trusted_proxies);

}  // namespace chinjeol::http
