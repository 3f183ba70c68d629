#include "core/common/text.hpp"

#include <gtest/gtest.h>

#include "core/common/error.hpp"

namespace chinjeol {
namespace {

TEST(SplitList, TrimsPartsAndKeepsEmptyOnes) {
  EXPECT_EQ(SplitList(" a; b ;c", ';'), (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_TRUE(SplitList("  ", ';').empty());
  EXPECT_EQ(SplitList("a;;b", ';'), (std::vector<std::string>{"a", "", "b"}));
}

TEST(IsValidUtf8, AcceptsHangulAndRejectsBrokenSequences) {
  EXPECT_TRUE(IsValidUtf8("포천시 민원지적과"));
  EXPECT_TRUE(IsValidUtf8("plain ascii"));
  EXPECT_FALSE(IsValidUtf8("\xEA\xB0"));      // truncated 가
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));      // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));  // surrogate
  EXPECT_FALSE(IsValidUtf8("\xB0\xA1"));      // EUC-KR 가
}

TEST(DescribeViolation, NamesFileLineAndColumn) {
  EXPECT_EQ(DescribeViolation({"P05", "level must be 1-5", "evals.csv", 12}),
            "evals.csv:12: column P05: level must be 1-5");
  EXPECT_EQ(DescribeViolation({"", "no header", "roster.csv", 0}), "roster.csv: no header");
  EXPECT_EQ(DescribeViolation({"code", "must not be empty", "", 0}),
            "column code: must not be empty");
  EXPECT_EQ(DescribeViolation({"rubrics/0/items/3/type", "unknown item type", "r.json", 0}),
            "r.json: at rubrics/0/items/3/type: unknown item type");
}

}  // namespace
}  // namespace chinjeol
