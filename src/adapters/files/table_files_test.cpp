#include "adapters/files/table_files.hpp"

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "adapters/files/test_support.hpp"
#include "adapters/files/xlsx_table_sink.hpp"

namespace chinjeol::files {
namespace {

using testing::TempDir;
using testing::WriteFile;
using Cells = std::vector<std::string>;

TEST(OpenTableSource, ChoosesByExtensionIgnoringCase) {
  TempDir dir;
  const std::string csv = dir.File("roster.CSV");
  WriteFile(csv, "a,b\n1,2\n");
  Result<std::unique_ptr<tables::TableSource>> csv_source = OpenTableSource(csv);
  ASSERT_TRUE(csv_source.has_value()) << csv_source.error().message();
  EXPECT_EQ((*csv_source)->header(), (Cells{"a", "b"}));

  const std::string xlsx = dir.File("roster.Xlsx");
  {
    Result<std::unique_ptr<XlsxTableSink>> sink = XlsxTableSink::Create(xlsx, "명단");
    ASSERT_TRUE(sink.has_value());
    ASSERT_TRUE((*sink)->Header({"c", "d"}).has_value());
    ASSERT_TRUE((*sink)->Finish().has_value());
  }
  Result<std::unique_ptr<tables::TableSource>> xlsx_source = OpenTableSource(xlsx);
  ASSERT_TRUE(xlsx_source.has_value()) << xlsx_source.error().message();
  EXPECT_EQ((*xlsx_source)->header(), (Cells{"c", "d"}));
}

TEST(OpenTableSource, RejectsUnknownExtensionAndMissingFile) {
  TempDir dir;
  const std::string text = dir.File("roster.txt");
  WriteFile(text, "a,b\n");
  Result<std::unique_ptr<tables::TableSource>> unknown = OpenTableSource(text);
  ASSERT_FALSE(unknown.has_value());
  EXPECT_EQ(unknown.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(unknown.error().message(),
            text + ": unsupported file type; use a .csv (UTF-8) or .xlsx file");

  const std::string missing = dir.File("missing.csv");
  Result<std::unique_ptr<tables::TableSource>> none = OpenTableSource(missing);
  ASSERT_FALSE(none.has_value());
  EXPECT_EQ(none.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(none.error().message(), missing + ": no such file");
  ASSERT_EQ(none.error().violations().size(), 1u);
  EXPECT_EQ(none.error().violations()[0].file, missing);
}

TEST(OpenTableSink, WritesCsvWithoutBomAndJsonToStandardOutputWithoutPath) {
  std::ostringstream csv_out;
  Result<std::unique_ptr<tables::TableSink>> csv = OpenTableSink("csv", "", "", csv_out);
  ASSERT_TRUE(csv.has_value());
  ASSERT_TRUE((*csv)->Header({"a"}).has_value());
  ASSERT_TRUE((*csv)->Finish().has_value());
  EXPECT_EQ(csv_out.str(), "a\r\n");  // no BOM on a stream: pipes see "a" as written

  std::ostringstream json_out;
  Result<std::unique_ptr<tables::TableSink>> json = OpenTableSink("json", "", "", json_out);
  ASSERT_TRUE(json.has_value());
  ASSERT_TRUE((*json)->Header({"a"}).has_value());
  ASSERT_TRUE((*json)->Finish().has_value());
  EXPECT_EQ(json_out.str(), "[]\n");
}

TEST(OpenTableSink, WritesFiles) {
  TempDir dir;
  for (const std::string format : {"csv", "json", "xlsx"}) {
    const std::string path = dir.File("out." + format);
    Result<std::unique_ptr<tables::TableSink>> sink = OpenTableSink(format, path, "점수");
    ASSERT_TRUE(sink.has_value()) << sink.error().message();
    ASSERT_TRUE((*sink)->Header({"a"}).has_value());
    ASSERT_TRUE((*sink)->Row({std::int64_t{1}}).has_value());
    ASSERT_TRUE((*sink)->Finish().has_value());
  }
  EXPECT_EQ(dir.Names().size(), 3u);
}

TEST(OpenTableSink, RejectsUnknownFormatAndXlsxWithoutPath) {
  Result<std::unique_ptr<tables::TableSink>> unknown = OpenTableSink("xls", "", "");
  ASSERT_FALSE(unknown.has_value());
  EXPECT_EQ(unknown.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(unknown.error().message(), "unknown format \"xls\"; use csv, json or xlsx");

  Result<std::unique_ptr<tables::TableSink>> xlsx = OpenTableSink("xlsx", "", "점수");
  ASSERT_FALSE(xlsx.has_value());
  EXPECT_EQ(xlsx.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(xlsx.error().message(), "xlsx output needs a file: give --out FILE.xlsx");
}

}  // namespace
}  // namespace chinjeol::files
