#include "adapters/files/csv_table_source.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "adapters/files/test_support.hpp"

namespace chinjeol::files {
namespace {

using tables::TableRow;
using testing::ReadAll;
using testing::TempDir;
using testing::WriteFile;
using Cells = std::vector<std::string>;

std::unique_ptr<CsvTableSource> FromText(const std::string& text) {
  Result<std::unique_ptr<CsvTableSource>> source = CsvTableSource::FromText("t.csv", text);
  EXPECT_TRUE(source.has_value()) << source.error().message();
  return source ? std::move(*source) : nullptr;
}

std::vector<TableRow> Rows(const std::string& text) {
  std::unique_ptr<CsvTableSource> source = FromText(text);
  if (!source) return {};
  Result<std::vector<TableRow>> rows = ReadAll(*source);
  EXPECT_TRUE(rows.has_value()) << rows.error().message();
  return rows ? *rows : std::vector<TableRow>();
}

// The message of the first error met while opening and reading `text`.
std::string FirstError(const std::string& text) {
  Result<std::unique_ptr<CsvTableSource>> source = CsvTableSource::FromText("t.csv", text);
  if (!source) return source.error().message();
  Result<std::vector<TableRow>> rows = ReadAll(**source);
  if (!rows) return rows.error().message();
  return "no error";
}

TEST(CsvTableSource, ReadsHeaderAndRowsWithLineNumbers) {
  std::unique_ptr<CsvTableSource> source = FromText("a,b\n1,2\n3,4\n");
  ASSERT_NE(source, nullptr);
  EXPECT_EQ(source->name(), "t.csv");
  EXPECT_EQ(source->header(), (Cells{"a", "b"}));
  Result<std::vector<TableRow>> rows = ReadAll(*source);
  ASSERT_TRUE(rows.has_value());
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ((*rows)[0].line, 2);
  EXPECT_EQ((*rows)[0].cells, (Cells{"1", "2"}));
  EXPECT_EQ((*rows)[1].line, 3);
  EXPECT_EQ((*rows)[1].cells, (Cells{"3", "4"}));
  EXPECT_DOUBLE_EQ(source->Progress(), 1.0);
}

TEST(CsvTableSource, RemovesBomAndReadsCrlf) {
  const std::vector<TableRow> rows =
      Rows("\xEF\xBB\xBF이름,부서\r\n홍길동,총무과\r\n김철수,민원과\r\n");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].cells, (Cells{"홍길동", "총무과"}));
  EXPECT_EQ(rows[1].line, 3);
  EXPECT_EQ(rows[1].cells, (Cells{"김철수", "민원과"}));

  std::unique_ptr<CsvTableSource> source = FromText("\xEF\xBB\xBF이름,부서\r\n");
  EXPECT_EQ(source->header(), (Cells{"이름", "부서"}));
}

TEST(CsvTableSource, KeepsLineNumbersAfterMultiLineQuotedCells) {
  const std::string text =
      "id,note,x\r\n"                              // 1
      "1,\"first\r\nsecond\r\nthird\",a\r\n"       // 2-4
      "\r\n"                                       // 5
      "2,\"he said \"\"hi\"\", then left\",b\r\n"  // 6
      "\"multi\nline id\",\"x,y\",c\n"             // 7-8
      "4,plain,d";                                 // 9, no final line break
  const std::vector<TableRow> rows = Rows(text);
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0].line, 2);
  EXPECT_EQ(rows[0].cells, (Cells{"1", "first\r\nsecond\r\nthird", "a"}));
  EXPECT_EQ(rows[1].line, 6);
  EXPECT_EQ(rows[1].cells, (Cells{"2", "he said \"hi\", then left", "b"}));
  EXPECT_EQ(rows[2].line, 7);
  EXPECT_EQ(rows[2].cells, (Cells{"multi\nline id", "x,y", "c"}));
  EXPECT_EQ(rows[3].line, 9);
  EXPECT_EQ(rows[3].cells, (Cells{"4", "plain", "d"}));
}

TEST(CsvTableSource, TrimsSpacesAroundCellsAndHeaderNames) {
  std::unique_ptr<CsvTableSource> source = FromText("  a , b ,\" c \"\n  1 ,\" 2 \" , x y \n");
  ASSERT_NE(source, nullptr);
  EXPECT_EQ(source->header(), (Cells{"a", "b", "c"}));
  Result<std::vector<TableRow>> rows = ReadAll(*source);
  ASSERT_TRUE(rows.has_value());
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0].cells, (Cells{"1", " 2 ", "x y"}));
}

TEST(CsvTableSource, PadsShortRowsWithEmptyCells) {
  const std::vector<TableRow> rows = Rows("a,b,c\n1\n4,5\n");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].cells, (Cells{"1", "", ""}));
  EXPECT_EQ(rows[1].cells, (Cells{"4", "5", ""}));
}

TEST(CsvTableSource, SkipsBlankLinesAndRowsOfEmptyCells) {
  const std::vector<TableRow> rows = Rows("a,b\n\n,\n   \n\"\",\n1,2\n\n");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].line, 6);
  EXPECT_EQ(rows[0].cells, (Cells{"1", "2"}));
}

TEST(CsvTableSource, ReusesTheRowPassedIn) {
  std::unique_ptr<CsvTableSource> source = FromText("a,b\n1,2\n3\n");
  TableRow row;
  row.cells = {"stale", "stale", "stale"};
  ASSERT_TRUE(*source->Next(row));
  EXPECT_EQ(row.cells, (Cells{"1", "2"}));
  ASSERT_TRUE(*source->Next(row));
  EXPECT_EQ(row.cells, (Cells{"3", ""}));
  Result<bool> end = source->Next(row);
  ASSERT_TRUE(end.has_value());
  EXPECT_FALSE(*end);
}

TEST(CsvTableSource, RejectsRowWithMoreCellsThanTheHeader) {
  EXPECT_EQ(FirstError("a,b\n1,2\n1,2,3\n"),
            "t.csv:3: the row has 3 cells but the header has 2 columns");
  EXPECT_EQ(FirstError("a,b\n1,2,\n"), "t.csv:2: the row has 3 cells but the header has 2 columns");
}

TEST(CsvTableSource, RejectsInvalidUtf8NamingTheColumn) {
  Result<std::unique_ptr<CsvTableSource>> source =
      CsvTableSource::FromText("t.csv", "a,b\n1,ok\n\"x\ny\",\xB1\xE8\n");
  ASSERT_TRUE(source.has_value());
  Result<std::vector<TableRow>> rows = ReadAll(**source);
  ASSERT_FALSE(rows.has_value());
  EXPECT_EQ(rows.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(rows.error().message(),
            "t.csv:3: column b: not valid UTF-8 (save the file as CSV UTF-8)");
  ASSERT_EQ(rows.error().violations().size(), 1u);
  EXPECT_EQ(rows.error().violations()[0].file, "t.csv");
  EXPECT_EQ(rows.error().violations()[0].line, 3);
  EXPECT_EQ(rows.error().violations()[0].field, "b");

  EXPECT_EQ(FirstError("a,\xFF\n"),
            "t.csv:1: the header is not valid UTF-8 (save the file as CSV UTF-8)");
}

// A record that starts after a lone CR, in a line with invalid UTF-8, and whose quoted cell ends
// on a later valid line: the invalid bytes were not checked and reached the rows.
TEST(CsvTableSource, RejectsInvalidUtf8InACellThatStartsAfterALoneCr) {
  EXPECT_EQ(FirstError("a\r\"x\xE9\ny\"\n"),
            "t.csv:1: column a: not valid UTF-8 (save the file as CSV UTF-8)");
  EXPECT_EQ(FirstError("a,b\r\"\xFF\n\",1\r2,3\n"),
            "t.csv:1: column a: not valid UTF-8 (save the file as CSV UTF-8)");
  EXPECT_EQ(FirstError("a,b\n1,2\r\"\xFF\n\n\",4\n"),
            "t.csv:2: column a: not valid UTF-8 (save the file as CSV UTF-8)");
}

TEST(CsvTableSource, RejectsMalformedQuotingWithItsLine) {
  const std::string message =
      ": malformed quoting: a quote inside an unquoted cell, or text after a closing quote "
      "(write a quote inside a quoted cell as \"\")";
  EXPECT_EQ(FirstError("a,b\n1,x\"y\n"), "t.csv:2" + message);
  EXPECT_EQ(FirstError("a,b\n\"1\n2\",ok\n3,\"bad\"x\n"), "t.csv:4" + message);
}

TEST(CsvTableSource, RejectsQuotedCellNeverClosed) {
  EXPECT_EQ(FirstError("a,b\n1,2\n3,\"open\nmore\n"),
            "t.csv:3: a quoted cell starting on this line is never closed");
  EXPECT_EQ(FirstError("a,b\n1,\"open"),
            "t.csv:2: a quoted cell starting on this line is never closed");
}

TEST(CsvTableSource, RejectsCellOverOneMebibyte) {
  EXPECT_EQ(FirstError("a\nx\n\"" + std::string(3 << 20, 'x')),
            "t.csv:3: a cell starting on this line is longer than 1 MiB (is a quote left open?)");
}

TEST(CsvTableSource, RejectsBadHeaders) {
  EXPECT_EQ(FirstError("a,,c\n1,2,3\n"), "t.csv:1: column 2 of the header has no name");
  EXPECT_EQ(FirstError("a,\" \"\n"), "t.csv:1: column 2 of the header has no name");
  EXPECT_EQ(FirstError("a,b, a\n"), "t.csv:1: column a: the header names this column twice");
  EXPECT_EQ(FirstError(""), "t.csv: the file is empty; its first row must name the columns");
  EXPECT_EQ(FirstError("\xEF\xBB\xBF\r\n\r\n"),
            "t.csv: the file is empty; its first row must name the columns");
}

TEST(CsvTableSource, KeepsFailingAfterAnError) {
  std::unique_ptr<CsvTableSource> source = FromText("a\n1\n\"x\"y\n2\n");
  TableRow row;
  ASSERT_TRUE(*source->Next(row));
  Result<bool> first = source->Next(row);
  ASSERT_FALSE(first.has_value());
  Result<bool> second = source->Next(row);
  ASSERT_FALSE(second.has_value());
  EXPECT_EQ(second.error().message(), first.error().message());
}

TEST(CsvTableSource, OpenNamesAMissingFile) {
  TempDir dir;
  Result<std::unique_ptr<CsvTableSource>> source = CsvTableSource::Open(dir.File("none.csv"));
  ASSERT_FALSE(source.has_value());
  EXPECT_EQ(source.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(source.error().message(),
            dir.File("none.csv") + ": cannot open the file (No such file or directory)");
}

// Rows spanning 1 MiB chunk boundaries, with CRLF and multi-line cells, keep their lines.
TEST(CsvTableSource, ReadsLargeFileAcrossChunks) {
  TempDir dir;
  const std::string path = dir.File("large.csv");
  std::string text = "\xEF\xBB\xBFno,note,name\r\n";
  std::vector<long> expected_lines;
  long line = 2;
  for (int i = 0; i < 60000; ++i) {
    expected_lines.push_back(line);
    if (i % 7 == 0) {
      text += std::to_string(i) + ",\"two\r\nlines, \"\"quoted\"\"\",홍길동" + std::to_string(i) +
              "\r\n";
      line += 2;
    } else {
      text += std::to_string(i) + ",plain note " + std::to_string(i) + ",김철수\r\n";
      line += 1;
    }
    if (i % 1000 == 0) {
      text += "\r\n";
      ++line;
    }
  }
  WriteFile(path, text);
  ASSERT_GT(text.size(), 2u << 20);

  Result<std::unique_ptr<CsvTableSource>> source = CsvTableSource::Open(path);
  ASSERT_TRUE(source.has_value()) << source.error().message();
  EXPECT_EQ((*source)->name(), path);
  EXPECT_LT((*source)->Progress(), 1.0);
  TableRow row;
  for (int i = 0; i < 60000; ++i) {
    Result<bool> next = (*source)->Next(row);
    ASSERT_TRUE(next.has_value()) << next.error().message();
    ASSERT_TRUE(*next);
    ASSERT_EQ(row.line, expected_lines[i]) << "row " << i;
    ASSERT_EQ(row.cells[0], std::to_string(i));
    if (i % 7 == 0) {
      ASSERT_EQ(row.cells[1], "two\r\nlines, \"quoted\"");
    }
  }
  Result<bool> end = (*source)->Next(row);
  ASSERT_TRUE(end.has_value());
  EXPECT_FALSE(*end);
  EXPECT_DOUBLE_EQ((*source)->Progress(), 1.0);
}

}  // namespace
}  // namespace chinjeol::files
