#include "adapters/http/client_address.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <array>
#include <cstdio>

namespace chinjeol::http {
namespace {

std::string_view Trimmed(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// The address in canonical text (so that "::ffff:10.0.0.1" and "10.0.0.1" compare equal), or
// empty when it is none.
std::string Canonical(std::string_view text) {
  const std::string copy(Trimmed(text));
  std::array<unsigned char, 16> bytes{};
  char out[INET6_ADDRSTRLEN] = {};
  if (inet_pton(AF_INET, copy.c_str(), bytes.data()) == 1) {
    inet_ntop(AF_INET, bytes.data(), out, sizeof out);
    return out;
  }
  if (inet_pton(AF_INET6, copy.c_str(), bytes.data()) == 1) {
    static constexpr std::array<unsigned char, 12> kMapped = {0, 0, 0, 0, 0,    0,
                                                              0, 0, 0, 0, 0xff, 0xff};
    if (std::equal(kMapped.begin(), kMapped.end(), bytes.begin())) {
      inet_ntop(AF_INET, bytes.data() + 12, out, sizeof out);
    } else {
      inet_ntop(AF_INET6, bytes.data(), out, sizeof out);
    }
    return out;
  }
  return {};
}

bool IsTrusted(const std::string& canonical, const std::vector<std::string>& trusted) {
  return std::any_of(trusted.begin(), trusted.end(),
                     [&](const std::string& proxy) { return Canonical(proxy) == canonical; });
}

}  // namespace

bool IsIpAddress(std::string_view text) { return !Canonical(text).empty(); }

std::string NetworkOf(std::string_view address, int v4_bits, int v6_bits) {
  const std::string canonical = Canonical(address);
  if (canonical.empty()) return std::string(address);
  std::array<unsigned char, 16> bytes{};
  char out[INET6_ADDRSTRLEN] = {};
  const bool v4 = inet_pton(AF_INET, canonical.c_str(), bytes.data()) == 1;
  if (!v4) inet_pton(AF_INET6, canonical.c_str(), bytes.data());
  const int size = v4 ? 4 : 16;
  const int bits = std::clamp(v4 ? v4_bits : v6_bits, 0, size * 8);
  for (int i = 0; i < size; ++i) {
    const int keep = std::clamp(bits - i * 8, 0, 8);
    bytes[static_cast<std::size_t>(i)] &= static_cast<unsigned char>(0xff00 >> keep);
  }
  inet_ntop(v4 ? AF_INET : AF_INET6, bytes.data(), out, sizeof out);
  return std::string(out) + "/" + std::to_string(bits);
}

std::string ClientAddress(std::string_view peer, std::string_view forwarded_for,
                          const std::vector<std::string>& trusted_proxies) {
  std::string client = Canonical(peer);
  if (client.empty()) client = std::string(peer);
  if (trusted_proxies.empty() || !IsTrusted(client, trusted_proxies)) return client;
  // Right to left: each trusted hop vouches for the entry before it.
  while (!forwarded_for.empty()) {
    const std::size_t comma = forwarded_for.rfind(',');
    const std::string_view entry =
        comma == std::string_view::npos ? forwarded_for : forwarded_for.substr(comma + 1);
    const std::string address = Canonical(entry);
    if (address.empty()) break;
    client = address;
    if (!IsTrusted(address, trusted_proxies)) break;
    if (comma == std::string_view::npos) break;
    forwarded_for = forwarded_for.substr(0, comma);
  }
  return client;
}

}  // namespace chinjeol::http
