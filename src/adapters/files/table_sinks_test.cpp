#include <gtest/gtest.h>
#include <zip.h>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <cmath>
#include <sstream>
#include <string>
#include <vector>

#include "adapters/files/csv_table_sink.hpp"
#include "adapters/files/csv_table_source.hpp"
#include "adapters/files/json_table_sink.hpp"
#include "adapters/files/test_support.hpp"
#include "adapters/files/xlsx_table_sink.hpp"
#include "adapters/files/xlsx_table_source.hpp"

namespace chinjeol::files {
namespace {

using tables::Cell;
using tables::TableRow;
using tables::TableSink;
using testing::ReadAll;
using testing::ReadFile;
using testing::TempDir;
using Cells = std::vector<std::string>;

void WriteTable(TableSink& sink, const std::vector<std::string>& header,
                const std::vector<std::vector<Cell>>& rows) {
  ASSERT_TRUE(sink.Header(header).has_value());
  for (const std::vector<Cell>& row : rows) {
    Result<void> written = sink.Row(row);
    ASSERT_TRUE(written.has_value()) << written.error().message();
  }
  Result<void> finished = sink.Finish();
  ASSERT_TRUE(finished.has_value()) << finished.error().message();
}

// The text of one part of a zip archive.
std::string ZipPart(const std::string& path, const std::string& part) {
  zip_t* zip = zip_open(path.c_str(), ZIP_RDONLY, nullptr);
  if (zip == nullptr) return "";
  std::string text;
  if (zip_file_t* file = zip_fopen(zip, part.c_str(), 0)) {
    char buffer[4096];
    zip_int64_t read = 0;
    while ((read = zip_fread(file, buffer, sizeof buffer)) > 0) {
      text.append(buffer, static_cast<std::size_t>(read));
    }
    zip_fclose(file);
  }
  zip_discard(zip);
  return text;
}

TEST(CsvTableSink, WritesBomCrlfQuotingAndFormulaGuard) {
  std::ostringstream out;
  CsvTableSink sink(out);
  WriteTable(sink, {"이름", "점수", "비고"},
             {{std::string("홍길동"), std::int64_t{5}, 87.4},
              {std::string("x,y"), std::int64_t{-3}, std::string("say \"hi\"")},
              {std::string("=SUM(A1:A2)"), -0.5, std::string("line\nbreak")},
              {std::string("+1"), std::monostate{}, std::string("-5")},
              {std::string("@cmd"), 1e21, std::string("\tx")},
              {std::string(" lead"), 100.0, std::string("\rx")},
              {std::string(""), std::int64_t{0}, std::string("a=b")}});
  EXPECT_EQ(out.str(),
            "\xEF\xBB\xBF이름,점수,비고\r\n"
            "홍길동,5,87.4\r\n"
            "\"x,y\",-3,\"say \"\"hi\"\"\"\r\n"
            "'=SUM(A1:A2),-0.5,\"line\nbreak\"\r\n"
            "'+1,,'-5\r\n"
            "'@cmd,1000000000000000000000,'\tx\r\n"
            "\" lead\",100,\"'\rx\"\r\n"
            ",0,a=b\r\n");
}

TEST(CsvTableSink, FileAppearsOnlyWhenFinished) {
  TempDir dir;
  const std::string path = dir.File("out.csv");
  {
    Result<std::unique_ptr<CsvTableSink>> sink = CsvTableSink::Create(path);
    ASSERT_TRUE(sink.has_value()) << sink.error().message();
    ASSERT_TRUE((*sink)->Header({"a"}).has_value());
    ASSERT_TRUE((*sink)->Row({std::string("1")}).has_value());
  }
  EXPECT_TRUE(dir.Names().empty());

  Result<std::unique_ptr<CsvTableSink>> sink = CsvTableSink::Create(path);
  ASSERT_TRUE(sink.has_value());
  WriteTable(**sink, {"a"}, {{std::string("1")}});
  EXPECT_EQ(dir.Names(), (Cells{"out.csv"}));
  EXPECT_EQ(ReadFile(path),
            "\xEF\xBB\xBF"
            "a\r\n1\r\n");

  Result<std::unique_ptr<CsvTableSink>> nowhere = CsvTableSink::Create(dir.File("no/out.csv"));
  ASSERT_FALSE(nowhere.has_value());
  EXPECT_EQ(nowhere.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(nowhere.error().message().rfind(dir.File("no/out.csv") + ": cannot create", 0), 0u);
}

TEST(CsvTableSink, RoundTripsThroughCsvTableSource) {
  TempDir dir;
  const std::string path = dir.File("round.csv");
  Result<std::unique_ptr<CsvTableSink>> sink = CsvTableSink::Create(path);
  ASSERT_TRUE(sink.has_value());
  WriteTable(**sink, {"a", "b", "c"},
             {{std::string("여러\n줄, \"인용\""), std::int64_t{42}, 0.1 + 0.2},
              {std::string(" 공백 "), std::monostate{}, std::string("=1")}});
  Result<std::unique_ptr<CsvTableSource>> source = CsvTableSource::Open(path);
  ASSERT_TRUE(source.has_value()) << source.error().message();
  EXPECT_EQ((*source)->header(), (Cells{"a", "b", "c"}));
  Result<std::vector<TableRow>> rows = ReadAll(**source);
  ASSERT_TRUE(rows.has_value());
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ((*rows)[0].cells, (Cells{"여러\n줄, \"인용\"", "42", "0.30000000000000004"}));
  EXPECT_EQ((*rows)[1].line, 4);
  EXPECT_EQ((*rows)[1].cells, (Cells{" 공백 ", "", "'=1"}));
}

TEST(JsonTableSink, WritesArrayOfObjectsThatParsesBack) {
  std::ostringstream out;
  JsonTableSink sink(out);
  WriteTable(
      sink, {"employee_no", "이름", "score", "count", "note"},
      {{std::string("E001"), std::string("홍길동"), 87.4, std::int64_t{3},
        std::string("say \"hi\"\n")},
       {std::string("E002"), std::monostate{}, std::nan(""), std::int64_t{-1}, std::string("\\")}});
  EXPECT_EQ(
      out.str(),
      "[\n"
      "{\"employee_no\":\"E001\",\"이름\":\"홍길동\",\"score\":87.4,\"count\":3,"
      "\"note\":\"say \\\"hi\\\"\\n\"},\n"
      "{\"employee_no\":\"E002\",\"이름\":null,\"score\":null,\"count\":-1,\"note\":\"\\\\\"}\n"
      "]\n");

  const boost::json::value parsed = boost::json::parse(out.str());
  const boost::json::array& rows = parsed.as_array();
  ASSERT_EQ(rows.size(), 2u);
  const boost::json::object& first = rows[0].as_object();
  EXPECT_EQ(first.at("이름").as_string(), "홍길동");
  EXPECT_DOUBLE_EQ(first.at("score").as_double(), 87.4);
  EXPECT_EQ(first.at("count").as_int64(), 3);
  EXPECT_EQ(first.at("note").as_string(), "say \"hi\"\n");
  EXPECT_TRUE(rows[1].as_object().at("이름").is_null());
}

TEST(JsonTableSink, WritesAOneRowReportAsOneObjectAndRefusesASecondRow) {
  std::ostringstream out;
  std::unique_ptr<JsonTableSink> sink = JsonTableSink::SingleObject(out);
  WriteTable(*sink, {"of", "estimate"}, {{std::string("coaching"), 4.5}});
  EXPECT_EQ(out.str(), "{\"of\":\"coaching\",\"estimate\":4.5}\n");
  std::ostringstream twice;
  std::unique_ptr<JsonTableSink> second = JsonTableSink::SingleObject(twice);
  ASSERT_TRUE(second->Header({"a"}));
  ASSERT_TRUE(second->Row({std::int64_t{1}}));
  EXPECT_FALSE(second->Row({std::int64_t{2}}));
}

TEST(JsonTableSink, WritesEmptyArrayForNoRows) {
  std::ostringstream out;
  JsonTableSink sink(out);
  WriteTable(sink, {"a"}, {});
  EXPECT_EQ(out.str(), "[]\n");
}

TEST(JsonTableSink, WritesFileOnFinish) {
  TempDir dir;
  const std::string path = dir.File("out.json");
  Result<std::unique_ptr<JsonTableSink>> sink = JsonTableSink::Create(path);
  ASSERT_TRUE(sink.has_value());
  ASSERT_TRUE((*sink)->Header({"a"}).has_value());
  ASSERT_TRUE((*sink)->Row({std::int64_t{1}}).has_value());
  EXPECT_EQ(dir.Names().size(), 1u);
  EXPECT_NE(dir.Names()[0], "out.json");
  ASSERT_TRUE((*sink)->Finish().has_value());
  EXPECT_EQ(ReadFile(path), "[\n{\"a\":1}\n]\n");
  EXPECT_EQ(dir.Names(), (Cells{"out.json"}));
}

TEST(XlsxTableSink, RoundTripsThroughXlsxTableSource) {
  TempDir dir;
  const std::string path = dir.File("평가.xlsx");
  Result<std::unique_ptr<XlsxTableSink>> sink = XlsxTableSink::Create(path, "평가결과");
  ASSERT_TRUE(sink.has_value()) << sink.error().message();
  WriteTable(
      **sink, {"employee_no", "이름", "adjusted", "contacts", "비고"},
      {{std::string("E001"), std::string("홍길동"), 87.4, std::int64_t{12}, std::string("=1+1")},
       {std::string("E002"), std::string("김철수"), std::monostate{}, std::int64_t{0},
        std::monostate{}},
       {std::string("E003"), std::string(""), -1.25, std::int64_t{1234567890123},
        std::string("여러\n줄")}});
  EXPECT_EQ(dir.Names(), (Cells{"평가.xlsx"}));

  Result<std::unique_ptr<XlsxTableSource>> source = XlsxTableSource::Open(path);
  ASSERT_TRUE(source.has_value()) << source.error().message();
  EXPECT_EQ((*source)->header(), (Cells{"employee_no", "이름", "adjusted", "contacts", "비고"}));
  Result<std::vector<TableRow>> rows = ReadAll(**source);
  ASSERT_TRUE(rows.has_value()) << rows.error().message();
  ASSERT_EQ(rows->size(), 3u);
  EXPECT_EQ((*rows)[0].line, 2);
  EXPECT_EQ((*rows)[0].cells, (Cells{"E001", "홍길동", "87.4", "12", "=1+1"}));
  EXPECT_EQ((*rows)[1].cells, (Cells{"E002", "김철수", "", "0", ""}));
  EXPECT_EQ((*rows)[2].line, 4);
  EXPECT_EQ((*rows)[2].cells, (Cells{"E003", "", "-1.25", "1234567890123", "여러\n줄"}));

  const std::string workbook = ZipPart(path, "xl/workbook.xml");
  EXPECT_NE(workbook.find("name=\"평가결과\""), std::string::npos) << workbook;
  const std::string sheet = ZipPart(path, "xl/worksheets/sheet1.xml");
  EXPECT_NE(sheet.find("state=\"frozen\""), std::string::npos);
  EXPECT_NE(sheet.find("<autoFilter ref=\"A1:E4\"/>"), std::string::npos) << sheet;
  EXPECT_NE(sheet.find("<cols>"), std::string::npos);
  EXPECT_NE(sheet.find("<c r=\"C2\"><v>87.40000000000001</v></c>"), std::string::npos) << sheet;
}

TEST(XlsxTableSink, RejectsBadSheetNameAndLeavesNoFile) {
  TempDir dir;
  Result<std::unique_ptr<XlsxTableSink>> sink = XlsxTableSink::Create(dir.File("x.xlsx"), "a/b");
  ASSERT_FALSE(sink.has_value());
  EXPECT_EQ(sink.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(sink.error().message(),
            "sheet name \"a/b\" is not allowed: 1-31 characters without []:*?/\\");
  EXPECT_TRUE(dir.Names().empty());

  {
    Result<std::unique_ptr<XlsxTableSink>> abandoned =
        XlsxTableSink::Create(dir.File("x.xlsx"), "시트");
    ASSERT_TRUE(abandoned.has_value());
    ASSERT_TRUE((*abandoned)->Header({"a"}).has_value());
  }
  EXPECT_TRUE(dir.Names().empty());
}

}  // namespace
}  // namespace chinjeol::files
