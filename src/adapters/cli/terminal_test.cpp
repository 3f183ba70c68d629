#include "adapters/cli/terminal.hpp"

#include <gtest/gtest.h>

#include <sstream>

#include "adapters/cli/cli.hpp"

namespace chinjeol::cli {
namespace {

TEST(DisplayWidth, CountsHangulAsTwoColumns) {
  EXPECT_EQ(DisplayWidth("abc"), 3u);
  EXPECT_EQ(DisplayWidth("포천시"), 6u);
  EXPECT_EQ(DisplayWidth("M01 김민준"), 10u);
}

TEST(FormatTextTable, AlignsMixedScripts) {
  const std::string table =
      FormatTextTable({"코드", "name"}, {{"A", "민원지적과"}, {"BCDEF", "x"}});
  EXPECT_EQ(table,
            "코드   name\n"
            "-----  ----------\n"
            "A      민원지적과\n"
            "BCDEF  x\n");
}

TEST(GroupThousands, InsertsCommas) {
  EXPECT_EQ(GroupThousands(0), "0");
  EXPECT_EQ(GroupThousands(999), "999");
  EXPECT_EQ(GroupThousands(1000), "1,000");
  EXPECT_EQ(GroupThousands(1234567), "1,234,567");
  EXPECT_EQ(GroupThousands(-1234), "-1,234");
}

TEST(PrintError, NamesTheFirstProblemOnTheFirstLine) {
  std::ostringstream err;
  PrintError(err, InvalidArgument("evals.csv: 2 problems; nothing was imported",
                                  {{"P05", "level must be 1-5", "evals.csv", 12},
                                   {"employee_no", "unknown employee \"9\"", "evals.csv", 14}}));
  EXPECT_EQ(err.str(),
            "chinjeol: evals.csv:12: column P05: level must be 1-5\n"
            "chinjeol: evals.csv:14: column employee_no: unknown employee \"9\"\n"
            "chinjeol: evals.csv: 2 problems; nothing was imported\n");
}

TEST(ExitStatusFor, SeparatesBadInputFromFailures) {
  EXPECT_EQ(ExitStatusFor(InvalidArgument("x")), 2);
  EXPECT_EQ(ExitStatusFor(NotFound("x")), 2);
  EXPECT_EQ(ExitStatusFor(Internal("x")), 1);
  EXPECT_EQ(ExitStatusFor(Error(ErrorCode::kUnavailable, "x")), 1);
}

}  // namespace
}  // namespace chinjeol::cli
