#include "adapters/files/xlsx_table_source.hpp"

#include <gtest/gtest.h>
#include <xlsxwriter.h>
#include <zip.h>

#include <string>
#include <utility>
#include <vector>

#include "adapters/files/test_support.hpp"

namespace chinjeol::files {
namespace {

using tables::TableRow;
using testing::ReadAll;
using testing::TempDir;
using testing::WriteFile;
using Cells = std::vector<std::string>;
using Parts = std::vector<std::pair<std::string, std::string>>;

// A zip archive holding `parts`, for workbooks libxlsxwriter cannot produce.
void WriteZip(const std::string& path, const Parts& parts) {
  int error = 0;
  zip_t* zip = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  ASSERT_NE(zip, nullptr);
  for (const auto& [name, content] : parts) {
    zip_source_t* source = zip_source_buffer(zip, content.data(), content.size(), 0);
    ASSERT_GE(zip_file_add(zip, name.c_str(), source, ZIP_FL_OVERWRITE), 0);
  }
  ASSERT_EQ(zip_close(zip), 0);
}

constexpr const char* kWorkbookRelationships =
    R"(<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>
</Relationships>)";

constexpr const char* kWorkbook =
    R"(<?xml version="1.0" encoding="UTF-8"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>)";

// A minimal workbook whose only sheet has `sheet_data` (the inside of <sheetData>) and whose
// shared strings are `shared_strings` (the inside of <sst>).
void WriteSimpleWorkbook(const std::string& path, const std::string& sheet_data,
                         const std::string& shared_strings = "") {
  WriteZip(path, {{"xl/workbook.xml", kWorkbook},
                  {"xl/_rels/workbook.xml.rels", kWorkbookRelationships},
                  {"xl/sharedStrings.xml",
                   "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">" +
                       shared_strings + "</sst>"},
                  {"xl/worksheets/sheet1.xml",
                   "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
                   "<sheetData>" +
                       sheet_data + "</sheetData></worksheet>"}});
}

// The message of the first error met while opening and reading `path`.
std::string FirstError(const std::string& path) {
  Result<std::unique_ptr<XlsxTableSource>> source = XlsxTableSource::Open(path);
  if (!source) return source.error().message();
  Result<std::vector<TableRow>> rows = ReadAll(**source);
  if (!rows) return rows.error().message();
  return "no error";
}

std::vector<TableRow> ReadRows(const std::string& path, Cells* header = nullptr) {
  Result<std::unique_ptr<XlsxTableSource>> source = XlsxTableSource::Open(path);
  EXPECT_TRUE(source.has_value()) << source.error().message();
  if (!source) return {};
  if (header) *header = (*source)->header();
  Result<std::vector<TableRow>> rows = ReadAll(**source);
  EXPECT_TRUE(rows.has_value()) << rows.error().message();
  EXPECT_DOUBLE_EQ((*source)->Progress(), 1.0);
  return rows ? *rows : std::vector<TableRow>();
}

lxw_format* NumberFormat(lxw_workbook* workbook, const char* code) {
  lxw_format* format = workbook_add_format(workbook);
  format_set_num_format(format, code);
  return format;
}

TEST(XlsxTableSource, ReadsWhatLibxlsxwriterWrites) {
  TempDir dir;
  const std::string path = dir.File("명단.xlsx");
  lxw_workbook* workbook = workbook_new(path.c_str());
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, "명단");
  lxw_format* date = NumberFormat(workbook, "yyyy-mm-dd");
  lxw_format* date_time = NumberFormat(workbook, "yyyy-mm-dd hh:mm");
  lxw_format* korean_date = NumberFormat(workbook, "yyyy\"년\" m\"월\" d\"일\"");
  lxw_format* time = NumberFormat(workbook, "hh:mm");
  lxw_format* won = NumberFormat(workbook, "#,##0.0 \"days\"");
  lxw_format* builtin_date = workbook_add_format(workbook);
  format_set_num_format_index(builtin_date, 14);
  lxw_format* bold = workbook_add_format(workbook);
  format_set_bold(bold);

  const char* names[] = {"이름", "점수", "날짜", "일시", " 비고 ", "기타"};
  for (int column = 0; column < 6; ++column) {
    worksheet_write_string(sheet, 0, static_cast<lxw_col_t>(column), names[column], bold);
  }
  lxw_datetime day = {2021, 5, 17, 0, 0, 0};
  lxw_datetime moment = {2021, 5, 17, 10, 5, 0};
  worksheet_write_string(sheet, 1, 0, "홍길동", nullptr);
  worksheet_write_number(sheet, 1, 1, 87.4, nullptr);
  worksheet_write_datetime(sheet, 1, 2, &day, date);
  worksheet_write_datetime(sheet, 1, 3, &moment, date_time);
  worksheet_write_string(sheet, 1, 4, "  메모  ", nullptr);
  worksheet_write_number(sheet, 1, 5, 100, nullptr);
  worksheet_write_blank(sheet, 2, 1, bold);  // a formatted but empty row: skipped
  worksheet_write_string(sheet, 3, 0, "김철수", nullptr);
  worksheet_write_datetime(sheet, 3, 2, &day, builtin_date);
  worksheet_write_boolean(sheet, 3, 5, 1, nullptr);
  lxw_rich_string_tuple plain = {nullptr, const_cast<char*>("보통 ")};
  lxw_rich_string_tuple strong = {bold, const_cast<char*>("굵게")};
  lxw_rich_string_tuple* rich[] = {&plain, &strong, nullptr};
  worksheet_write_rich_string(sheet, 4, 0, rich, nullptr);
  worksheet_write_number(sheet, 4, 1, 0.1 + 0.2, nullptr);
  worksheet_write_datetime(sheet, 4, 2, &day, korean_date);
  worksheet_write_number(sheet, 4, 3, 0.5, time);
  worksheet_write_number(sheet, 4, 4, 1234.5, won);
  worksheet_write_number(sheet, 4, 5, 1e20, nullptr);
  worksheet_write_formula_str(sheet, 5, 0, "=\"가\"&\"나\"", nullptr, "가나");
  worksheet_write_formula_num(sheet, 5, 1, "=1+1", nullptr, 2);
  worksheet_write_number(sheet, 5, 5, -2.5, nullptr);
  ASSERT_EQ(workbook_close(workbook), LXW_NO_ERROR);

  Cells header;
  const std::vector<TableRow> rows = ReadRows(path, &header);
  EXPECT_EQ(header, (Cells{"이름", "점수", "날짜", "일시", "비고", "기타"}));
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0].line, 2);
  EXPECT_EQ(rows[0].cells,
            (Cells{"홍길동", "87.4", "2021-05-17", "2021-05-17T10:05:00", "메모", "100"}));
  EXPECT_EQ(rows[1].line, 4);
  EXPECT_EQ(rows[1].cells, (Cells{"김철수", "", "2021-05-17", "", "", "1"}));
  EXPECT_EQ(rows[2].line, 5);
  EXPECT_EQ(rows[2].cells,
            (Cells{"보통 굵게", "0.3", "2021-05-17", "12:00:00", "1234.5", "1e+20"}));
  EXPECT_EQ(rows[3].line, 6);
  EXPECT_EQ(rows[3].cells, (Cells{"가나", "2", "", "", "", "-2.5"}));
}

TEST(XlsxTableSource, StreamsConstantMemoryWorkbook) {
  TempDir dir;
  const std::string path = dir.File("big.xlsx");
  lxw_workbook_options options{};
  options.constant_memory = LXW_TRUE;
  lxw_workbook* workbook = workbook_new_opt(path.c_str(), &options);
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, "data");
  worksheet_write_string(sheet, 0, 0, "no", nullptr);
  worksheet_write_string(sheet, 0, 1, "name", nullptr);
  worksheet_write_string(sheet, 0, 2, "score", nullptr);
  constexpr int kRows = 20000;
  for (int i = 1; i <= kRows; ++i) {
    worksheet_write_number(sheet, static_cast<lxw_row_t>(i), 0, i, nullptr);
    worksheet_write_string(sheet, static_cast<lxw_row_t>(i), 1,
                           ("직원 " + std::to_string(i)).c_str(), nullptr);
    worksheet_write_number(sheet, static_cast<lxw_row_t>(i), 2, i / 10.0, nullptr);
  }
  ASSERT_EQ(workbook_close(workbook), LXW_NO_ERROR);

  Result<std::unique_ptr<XlsxTableSource>> source = XlsxTableSource::Open(path);
  ASSERT_TRUE(source.has_value()) << source.error().message();
  EXPECT_LT((*source)->Progress(), 0.5);
  TableRow row;
  for (int i = 1; i <= kRows; ++i) {
    Result<bool> next = (*source)->Next(row);
    ASSERT_TRUE(next.has_value()) << next.error().message();
    ASSERT_TRUE(*next);
    ASSERT_EQ(row.line, i + 1);
    ASSERT_EQ(row.cells[0], std::to_string(i));
    ASSERT_EQ(row.cells[1], "직원 " + std::to_string(i));
  }
  EXPECT_EQ(row.cells[2], "2000");
  Result<bool> end = (*source)->Next(row);
  ASSERT_TRUE(end.has_value());
  EXPECT_FALSE(*end);
  EXPECT_DOUBLE_EQ((*source)->Progress(), 1.0);
}

// Rich-text runs, phonetic runs, inline strings, cells and rows without references, prefixed
// element names, the 1904 date system, a hidden first sheet and a chart sheet.
TEST(XlsxTableSource, ReadsHandBuiltWorkbook) {
  TempDir dir;
  const std::string path = dir.File("hand.xlsx");
  const std::string relationship_type =
      "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";
  WriteZip(
      path,
      {{"_rels/.rels",
        "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        "<Relationship Id=\"rId1\" Type=\"" +
            relationship_type + "officeDocument\" Target=\"xl/book.xml\"/></Relationships>"},
       {"xl/book.xml",
        "<x:workbook xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
        "xmlns:r=\"" +
            relationship_type.substr(0, relationship_type.size() - 1) +
            "\"><x:workbookPr date1904=\"1\"/><x:sheets>"
            "<x:sheet name=\"숨김\" sheetId=\"1\" state=\"hidden\" r:id=\"rId9\"/>"
            "<x:sheet name=\"차트\" sheetId=\"2\" r:id=\"rId3\"/>"
            "<x:sheet name=\"데이터\" sheetId=\"3\" r:id=\"rId2\"/>"
            "</x:sheets></x:workbook>"},
       {"xl/_rels/book.xml.rels",
        "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        "<Relationship Id=\"rId9\" Type=\"" +
            relationship_type + "worksheet\" Target=\"worksheets/hidden.xml\"/>" +
            "<Relationship Id=\"rId3\" Type=\"" + relationship_type +
            "chartsheet\" Target=\"chartsheets/sheet1.xml\"/>" +
            "<Relationship Id=\"rId2\" Type=\"" + relationship_type +
            "worksheet\" Target=\"/xl/data/sheet.xml\"/>" + "<Relationship Id=\"rId4\" Type=\"" +
            relationship_type + "sharedStrings\" Target=\"../xl/strings.xml\"/>" +
            "<Relationship Id=\"rId5\" Type=\"" + relationship_type +
            "styles\" Target=\"styles.xml\"/></Relationships>"},
       {"xl/strings.xml",
        "<x:sst xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
        "<x:si><x:t>번호</x:t></x:si>"
        "<x:si><x:r><x:rPr><x:b/></x:rPr><x:t>이</x:t></x:r>"
        "<x:r><x:t xml:space=\"preserve\">름 </x:t></x:r></x:si>"
        "<x:si><x:t>a_x000D_b &amp; c</x:t><x:rPh sb=\"0\" eb=\"1\"><x:t>フリ</x:t></x:rPh></x:si>"
        "<x:si><x:t>날짜</x:t></x:si></x:sst>"},
       {"xl/styles.xml",
        "<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
        "<numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"yyyy/mm/dd\"/></numFmts>"
        "<cellStyleXfs count=\"2\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/></cellStyleXfs>"
        "<cellXfs count=\"2\"><xf numFmtId=\"0\" xfId=\"0\"/>"
        "<xf numFmtId=\"164\" xfId=\"0\" applyNumberFormat=\"1\"><alignment/></xf></cellXfs>"
        "</styleSheet>"},
       {"xl/worksheets/hidden.xml",
        "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>wrong</t></is>"
        "</c></row></sheetData></worksheet>"},
       {"xl/data/sheet.xml",
        "<x:worksheet xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
        "<x:dimension ref=\"A1:D4\"/><x:sheetData>"
        "<x:row r=\"1\"><x:c r=\"A1\" t=\"s\"><x:v>0</x:v></x:c><x:c r=\"B1\" t=\"s\"><x:v>1</x:v>"
        "</x:c><x:c r=\"C1\" t=\"inlineStr\"><x:is><x:t>메모</x:t></x:is></x:c>"
        "<x:c r=\"D1\" t=\"s\"><x:v>3</x:v></x:c><x:c r=\"E1\" s=\"1\"/></x:row>"
        "<x:row r=\"3\"><x:c t=\"n\"><x:v>7</x:v></x:c><x:c t=\"s\"><x:v>2</x:v></x:c>"
        "<x:c t=\"inlineStr\"><x:is><x:r><x:t xml:space=\"preserve\">인라인 </x:t></x:r>"
        "<x:r><x:t>리치</x:t></x:r></x:is></x:c><x:c s=\"1\"><x:v>42871</x:v></x:c></x:row>"
        "<x:row><x:c r=\"A4\" t=\"str\"><x:f>1+1</x:f><x:v>2</x:v></x:c><x:c r=\"B4\" t=\"s\"/>"
        "<x:c r=\"C4\" t=\"e\"><x:v>#N/A</x:v></x:c></x:row>"
        "</x:sheetData></x:worksheet>"}});

  Cells header;
  const std::vector<TableRow> rows = ReadRows(path, &header);
  EXPECT_EQ(header, (Cells{"번호", "이름", "메모", "날짜"}));
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].line, 3);
  EXPECT_EQ(rows[0].cells, (Cells{"7", "a\rb & c", "인라인 리치", "2021-05-17"}));
  EXPECT_EQ(rows[1].line, 4);
  EXPECT_EQ(rows[1].cells, (Cells{"2", "", "#N/A", ""}));
}

TEST(XlsxTableSource, RejectsValueBeyondTheHeader) {
  TempDir dir;
  const std::string path = dir.File("x.xlsx");
  WriteSimpleWorkbook(path,
                      "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v>"
                      "</c></row><row r=\"2\"><c r=\"A2\"><v>1</v></c><c r=\"C2\" s=\"0\"/></row>"
                      "<row r=\"3\"><c r=\"A3\"><v>1</v></c><c r=\"D3\"><v>5</v></c></row>",
                      "<si><t>a</t></si><si><t>b</t></si>");
  EXPECT_EQ(FirstError(path), path +
                                  ":3: cell D3 has a value, but its column has no name in the "
                                  "header");
}

TEST(XlsxTableSource, RejectsRowsOutOfOrder) {
  TempDir dir;
  const std::string path = dir.File("x.xlsx");
  const std::string header = "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>a</t></is></c></row>";
  WriteSimpleWorkbook(path, header +
                                "<row r=\"5\"><c r=\"A5\"><v>5</v></c></row>"
                                "<row r=\"3\"><c r=\"A3\"><v>3</v></c></row>");
  EXPECT_EQ(FirstError(path),
            path + ":3: row 3 comes after row 5; rows must be in increasing order");

  WriteSimpleWorkbook(path, header +
                                "<row r=\"2\"><c r=\"A2\"><v>1</v></c></row>"
                                "<row r=\"2\"><c r=\"A2\"><v>2</v></c></row>");
  EXPECT_EQ(FirstError(path),
            path + ":2: row 2 comes after row 2; rows must be in increasing order");
}

// A row numbered at the largest long, followed by a row without a number, overflowed the row
// count (undefined behaviour).
TEST(XlsxTableSource, RejectsRowsBeyondTheLastSheetRow) {
  TempDir dir;
  const std::string path = dir.File("x.xlsx");
  const std::string header = "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>a</t></is></c></row>";
  WriteSimpleWorkbook(path, header +
                                "<row r=\"9223372036854775807\"><c><v>1</v></c></row>"
                                "<row><c><v>2</v></c></row>");
  EXPECT_EQ(FirstError(path), path + ":1: a row lies beyond row 1048576");

  WriteSimpleWorkbook(path, header + "<row r=\"99999999999999999999\"><c><v>1</v></c></row>");
  EXPECT_EQ(FirstError(path), path + ":1: a row lies beyond row 1048576");

  WriteSimpleWorkbook(path, header +
                                "<row r=\"1048576\"><c><v>1</v></c></row>"
                                "<row><c><v>2</v></c></row>");
  EXPECT_EQ(FirstError(path), path + ":1048576: a row lies beyond row 1048576");

  WriteSimpleWorkbook(path, header + "<row r=\"1048576\"><c><v>1</v></c></row>");
  const std::vector<TableRow> rows = ReadRows(path);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].line, 1048576);
}

// A cell given twice, or before the one it follows, would silently replace a value.
TEST(XlsxTableSource, RejectsCellsOutOfOrder) {
  TempDir dir;
  const std::string path = dir.File("x.xlsx");
  WriteSimpleWorkbook(path,
                      "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>a</t></is></c>"
                      "<c r=\"B1\" t=\"inlineStr\"><is><t>b</t></is></c></row>"
                      "<row r=\"2\"><c r=\"B2\"><v>1</v></c><c r=\"A2\"><v>2</v></c>"
                      "<c r=\"B2\"><v>3</v></c></row>");
  EXPECT_EQ(FirstError(path),
            path + ":2: cell A2 comes after B2; cells must be in increasing column order");

  WriteSimpleWorkbook(path,
                      "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>a</t></is></c>"
                      "<c r=\"A1\" t=\"inlineStr\"><is><t>b</t></is></c></row>");
  EXPECT_EQ(FirstError(path),
            path + ":1: cell A1 comes after A1; cells must be in increasing column order");
}

TEST(XlsxTableSource, RejectsBadHeaders) {
  TempDir dir;
  const std::string gap = dir.File("gap.xlsx");
  WriteSimpleWorkbook(gap,
                      "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>a</t></is></c>"
                      "<c r=\"C2\" t=\"inlineStr\"><is><t>c</t></is></c></row>");
  EXPECT_EQ(FirstError(gap), gap + ":2: cell B2 of the header has no name");

  const std::string twice = dir.File("twice.xlsx");
  WriteSimpleWorkbook(twice,
                      "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>a</t></is></c>"
                      "<c r=\"B1\" t=\"inlineStr\"><is><t> a</t></is></c></row>");
  EXPECT_EQ(FirstError(twice), twice + ":1: column a: the header names this column twice");

  const std::string empty = dir.File("empty.xlsx");
  WriteSimpleWorkbook(empty, "<row r=\"1\"><c r=\"A1\" s=\"1\"/></row>");
  EXPECT_EQ(FirstError(empty),
            empty + ": the first worksheet is empty; its first row must name the columns");
}

TEST(XlsxTableSource, RejectsMissingSharedString) {
  TempDir dir;
  const std::string path = dir.File("x.xlsx");
  WriteSimpleWorkbook(path,
                      "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>0</v>"
                      "</c></row><row r=\"2\"><c r=\"A2\"><v>1</v></c><c r=\"B2\" t=\"s\"><v>9</v>"
                      "</c></row>",
                      "<si><t>a</t></si>");
  // B1 repeats A1's name.
  EXPECT_EQ(FirstError(path), path + ":1: column a: the header names this column twice");

  WriteSimpleWorkbook(path,
                      "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v>"
                      "</c></row><row r=\"2\"><c r=\"A2\"><v>1</v></c><c r=\"B2\" t=\"s\"><v>9</v>"
                      "</c></row>",
                      "<si><t>a</t></si><si><t>b</t></si>");
  EXPECT_EQ(FirstError(path), path + ":2: cell B2 refers to a shared string that does not exist");
}

TEST(XlsxTableSource, RejectsMalformedXml) {
  TempDir dir;
  const std::string path = dir.File("x.xlsx");
  WriteSimpleWorkbook(path,
                      "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>a</t></is></c></row>"
                      "<row r=\"2\"><c r=\"A2\"><v>1</v></row>");
  const std::string message = FirstError(path);
  EXPECT_EQ(message.rfind(path + ":2: the worksheet is not well-formed XML (mismatched tag", 0), 0u)
      << message;
}

TEST(XlsxTableSource, RejectsFilesThatAreNotWorkbooks) {
  TempDir dir;
  const std::string csv = dir.File("csv.xlsx");
  WriteFile(csv, "a,b\n1,2\n");
  EXPECT_EQ(FirstError(csv),
            csv +
                ": cannot open the workbook (it is not a zip archive; save it as .xlsx, not "
                ".xls)");

  const std::string zip = dir.File("zip.xlsx");
  WriteZip(zip, {{"readme.txt", "hello"}});
  EXPECT_EQ(FirstError(zip), zip + ": not a readable .xlsx workbook (xl/workbook.xml is missing)");

  const std::string missing = dir.File("missing.xlsx");
  const std::string message = FirstError(missing);
  EXPECT_EQ(message.rfind(missing + ": cannot open the workbook (", 0), 0u) << message;
}

}  // namespace
}  // namespace chinjeol::files
