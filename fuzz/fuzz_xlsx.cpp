// The XLSX reader: open a workbook and read every row. Two kinds of input:
// - bytes starting with "PK": a whole .xlsx file, as uploaded;
// - anything else: the XML parts of a workbook separated by the byte 0x1E (record separator), in
//   the order sheet, shared strings, styles, workbook, workbook relationships; the parts not given
//   are those of a minimal valid workbook. They are zipped (stored, so that the fuzzer's changes
//   reach the XML parsers intact) into a scratch file.
// Any result is fine as long as nothing crashes, leaks or hits undefined behaviour, rows have one
// cell per header column, names and cells are valid UTF-8, and their sheet rows never go backwards.
#include <unistd.h>
#include <zip.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include "adapters/files/xlsx_table_source.hpp"
#include "fuzz/table_checks.hpp"

using chinjeol::files::XlsxTableSource;

namespace {

constexpr char kSeparator = '\x1e';

constexpr std::array<const char*, 5> kPartNames = {"xl/worksheets/sheet1.xml",
                                                   "xl/sharedStrings.xml", "xl/styles.xml",
                                                   "xl/workbook.xml", "xl/_rels/workbook.xml.rels"};

constexpr std::array<const char*, 5> kDefaultParts = {
    R"(<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>)",
    R"(<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>name</t></si></sst>)",
    R"(<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs count="1"><xf numFmtId="0"/></cellXfs></styleSheet>)",
    R"(<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>)",
    R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>)"};

const std::string& ScratchPath() {
  static const std::string path = [] {
    const char* dir = std::getenv("TMPDIR");
    return std::string(dir != nullptr && *dir != '\0' ? dir : "/tmp") + "/chinjeol-fuzz-" +
           std::to_string(getpid()) + ".xlsx";
  }();
  return path;
}

bool WriteParts(const std::string& path, std::string_view input) {
  std::vector<std::string> parts;
  while (parts.size() < kPartNames.size()) {
    const std::size_t end = input.find(kSeparator);
    parts.emplace_back(input.substr(0, end));
    if (end == std::string_view::npos) break;
    input.remove_prefix(end + 1);
  }
  for (std::size_t i = parts.size(); i < kPartNames.size(); ++i)
    parts.emplace_back(kDefaultParts[i]);
  int error = 0;
  zip_t* zip = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  if (zip == nullptr) return false;
  for (std::size_t i = 0; i < kPartNames.size(); ++i) {
    zip_source_t* source = zip_source_buffer(zip, parts[i].data(), parts[i].size(), 0);
    const zip_int64_t index =
        source == nullptr ? -1 : zip_file_add(zip, kPartNames[i], source, ZIP_FL_OVERWRITE);
    if (index < 0) {
      if (source != nullptr) zip_source_free(source);
      zip_discard(zip);
      return false;
    }
    zip_set_file_compression(zip, static_cast<zip_uint64_t>(index), ZIP_CM_STORE, 0);
  }
  return zip_close(zip) == 0;
}

bool WriteRaw(const std::string& path, std::string_view input) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(input.data(), static_cast<std::streamsize>(input.size()));
  return static_cast<bool>(out);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::string& path = ScratchPath();
  const bool written = input.starts_with("PK") ? WriteRaw(path, input) : WriteParts(path, input);
  if (!written) std::abort();
  auto source = XlsxTableSource::Open(path);
  if (!source) return 0;
  chinjeol::fuzzing::ReadAndCheckTable(**source, 0, /*lines_may_repeat=*/false);
  return 0;
}
