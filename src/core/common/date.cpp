#include "core/common/date.hpp"

#include <charconv>

namespace chinjeol {
namespace {

// Reads exactly `width` ASCII digits at `pos`.
std::optional<int> ReadDigits(std::string_view text, std::size_t pos, std::size_t width) {
  if (pos + width > text.size()) return std::nullopt;
  int value = 0;
  for (std::size_t i = pos; i < pos + width; ++i) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

// Writes `value` as `width` zero-padded digits at `pos`.
void PutDigits(std::string& text, std::size_t pos, std::size_t width, int value) {
  for (std::size_t i = width; i > 0; --i) {
    text[pos + i - 1] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
}

}  // namespace

std::optional<Date> ParseDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  const auto year = ReadDigits(text, 0, 4);
  const auto month = ReadDigits(text, 5, 2);
  const auto day = ReadDigits(text, 8, 2);
  if (!year || !month || !day) return std::nullopt;
  const Date date{std::chrono::year(*year), std::chrono::month(static_cast<unsigned>(*month)),
                  std::chrono::day(static_cast<unsigned>(*day))};
  if (!date.ok()) return std::nullopt;
  return date;
}

std::optional<LocalDateTime> ParseLocalDateTime(std::string_view text) {
  const auto date = ParseDate(text.substr(0, 10));
  if (!date) return std::nullopt;
  LocalDateTime result{*date};
  if (text.size() == 10) return result;
  if (text[10] != 'T' && text[10] != 't' && text[10] != ' ') return std::nullopt;
  const auto hour = ReadDigits(text, 11, 2);
  const auto minute = ReadDigits(text, 14, 2);
  if (!hour || !minute || text.size() < 16 || text[13] != ':') return std::nullopt;
  std::size_t pos = 16;
  int second = 0;
  if (pos < text.size() && text[pos] == ':') {
    const auto seconds = ReadDigits(text, pos + 1, 2);
    if (!seconds) return std::nullopt;
    second = *seconds;
    pos += 3;
    if (pos < text.size() && (text[pos] == '.' || text[pos] == ',')) {
      ++pos;
      const std::size_t digits_start = pos;
      while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') ++pos;
      if (pos == digits_start) return std::nullopt;
    }
  }
  if (pos != text.size()) return std::nullopt;
  if (*hour > 23 || *minute > 59 || second > 59) return std::nullopt;
  result.hour = *hour;
  result.minute = *minute;
  result.second = second;
  return result;
}

std::string FormatDate(const Date& date) {
  std::string text = "0000-00-00";
  PutDigits(text, 0, 4, static_cast<int>(date.year()));
  PutDigits(text, 5, 2, static_cast<int>(static_cast<unsigned>(date.month())));
  PutDigits(text, 8, 2, static_cast<int>(static_cast<unsigned>(date.day())));
  return text;
}

std::string FormatLocalDateTime(const LocalDateTime& time) {
  std::string text = FormatDate(time.date) + "T00:00:00";
  PutDigits(text, 11, 2, time.hour);
  PutDigits(text, 14, 2, time.minute);
  PutDigits(text, 17, 2, time.second);
  return text;
}

}  // namespace chinjeol
