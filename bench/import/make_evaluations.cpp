// Writes an evaluations CSV (CONTRACT.md form, phone-default sheet) of N rows for the demo
// programme of the same seed, for the import benchmark: every row is valid, so the import does
// its full validation and scoring work.
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "core/common/date.hpp"
#include "core/common/random.hpp"

namespace {

// The demo's employees are numbered 2021xxxxx in order, monitors M001.., phone scenarios
// Dxxxx-P1/P2 per department and G-P01..G-P05 (see core/programme/demo.cpp).
struct Options {
  long rows = 1000000;
  int employees = 1200;
  int monitors = 15;
  int departments = 60;
};

std::string Padded(long number, int width) {
  std::string text = std::to_string(number);
  if (static_cast<int>(text.size()) < width) text.insert(0, width - text.size(), '0');
  return text;
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string name = argv[i];
    const long value = std::strtol(argv[i + 1], nullptr, 10);
    if (name == "--rows") options.rows = value;
    if (name == "--employees") options.employees = static_cast<int>(value);
  }
  options.monitors = std::max(15, options.employees / 80);
  options.departments = std::max(60, options.employees / 20);
  std::fputs(
      "evaluation_code,campaign,employee_no,department_code,monitor_code,scenario_code,channel,"
      "performed_at,rubric,flags,P01,P02,P03,P04,P05,P06,P07,P08,P09,P10,P11,P12\n",
      stdout);
  chinjeol::Random random(7);
  const chinjeol::Date start = *chinjeol::ParseDate("2021-05-17");
  std::string line;
  for (long row = 1; row <= options.rows; ++row) {
    const int employee = static_cast<int>(random.Below(options.employees)) + 1;
    chinjeol::Date day = chinjeol::AddDays(start, static_cast<int>(random.Below(120)));
    while (chinjeol::IsWeekend(day)) day = chinjeol::AddDays(day, 1);
    line = "B-" + Padded(row, 8) + ",POC-2021,2021" + Padded(employee, 5) + ",,M" +
           Padded(static_cast<long>(random.Below(options.monitors)) + 1, 3) + ",G-P0" +
           std::to_string(random.Between(1, 5)) + ",phone," + chinjeol::FormatDate(day) + "T" +
           Padded(random.Between(9, 17), 2) + ":" + Padded(random.Between(0, 5) * 10, 2) +
           ":00,phone-default,," + std::to_string(random.Between(1, 7)) +
           (random.Chance(0.2) ? "a" : "") + ",greeting;department" +
           (random.Chance(0.7) ? ";name" : "") + "," +
           (random.Chance(0.5) ? "na" : "names_target") + "," +
           std::to_string(random.Between(1, 5)) + "," + std::to_string(random.Between(1, 5)) + "," +
           std::to_string(random.Between(1, 5)) + "," + std::to_string(random.Between(1, 5)) + "," +
           std::to_string(random.Between(1, 5)) + "," + std::to_string(random.Between(0, 1)) + "," +
           std::to_string(random.Between(0, 1)) + "," + std::to_string(random.Between(0, 1)) + "," +
           std::to_string(random.Between(1, 5)) + "\n";
    std::fputs(line.c_str(), stdout);
  }
  return 0;
}
