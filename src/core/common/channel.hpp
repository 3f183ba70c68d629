#pragma once

#include <optional>
#include <string_view>

namespace chinjeol {

// How a monitor reaches an employee: a phone call to the direct line, or a visit to a counter.
enum class Channel { kPhone, kVisit };

inline const char* ChannelCode(Channel channel) {
  return channel == Channel::kPhone ? "phone" : "visit";
}
inline const char* ChannelNameKo(Channel channel) {
  return channel == Channel::kPhone ? "전화" : "방문";
}
// Accepts "phone"/"visit" and the Korean "전화"/"방문".
inline std::optional<Channel> ParseChannel(std::string_view text) {
  if (text == "phone" || text == "전화") return Channel::kPhone;
  if (text == "visit" || text == "방문") return Channel::kVisit;
  return std::nullopt;
}

}  // namespace chinjeol
