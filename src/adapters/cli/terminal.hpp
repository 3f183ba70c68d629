#pragma once

#include <chrono>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

namespace chinjeol::cli {

// Columns a string takes in a terminal: Hangul and other wide characters take two.
std::size_t DisplayWidth(std::string_view text);

// A plain text table with aligned columns (wide characters counted as two).
std::string FormatTextTable(const std::vector<std::string>& header,
                            const std::vector<std::vector<std::string>>& rows);

// "1,234,567"
std::string GroupThousands(long long number);

// A progress bar on a terminal, redrawn at most ten times a second; silent when `enabled` is
// false (output is not a terminal).
class ProgressBar {
 public:
  ProgressBar(std::ostream& out, std::string label, bool enabled);
  ~ProgressBar();

  void Update(double fraction, long rows);
  void Done();

 private:
  std::ostream& out_;
  std::string label_;
  bool enabled_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point last_draw_{};
  std::chrono::steady_clock::time_point started_;
};

}  // namespace chinjeol::cli
