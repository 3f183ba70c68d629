#pragma once

#include <zip.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "adapters/files/internal/xml_reader.hpp"
#include "core/common/result.hpp"

// The parts of an .xlsx package other than the worksheet itself: zip access, relationships,
// the workbook, shared strings and number formats. Errors are kInvalidArgument naming `file`.
namespace chinjeol::files::internal {

struct ZipDiscarder {
  void operator()(zip_t* zip) const { zip_discard(zip); }
};
using ZipArchive = std::unique_ptr<zip_t, ZipDiscarder>;

Result<ZipArchive> OpenZip(const std::string& file);
// Index of the part named `part` (case-insensitive, as in OPC), if present.
std::optional<zip_uint64_t> FindPart(zip_t* zip, const std::string& part);
// Streams a whole part through `handler`.
Result<void> ParsePart(zip_t* zip, const std::string& file, const std::string& part,
                       XmlHandler& handler);

// Part name that `target` (a relationship target) names, relative to `source_part`:
// ("xl/workbook.xml", "worksheets/sheet1.xml") -> "xl/worksheets/sheet1.xml".
std::string ResolvePartName(std::string_view source_part, std::string_view target);

struct WorkbookParts {
  std::string worksheet;       // the first visible worksheet
  std::string shared_strings;  // empty when the workbook has none
  std::string styles;          // empty when the workbook has none
  bool date1904 = false;
};
Result<WorkbookParts> ReadWorkbookParts(zip_t* zip, const std::string& file);

// The shared-string table, held in one buffer.
class SharedStrings {
 public:
  std::size_t size() const { return ends_.size(); }
  std::string_view at(std::size_t index) const {
    const std::size_t begin = index == 0 ? 0 : ends_[index - 1];
    return std::string_view(text_).substr(begin, ends_[index] - begin);
  }
  void Add(std::string_view text) {
    text_ += text;
    ends_.push_back(text_.size());
  }
  std::size_t total_bytes() const { return text_.size(); }

 private:
  std::string text_;
  std::vector<std::size_t> ends_;
};
Result<SharedStrings> ReadSharedStrings(zip_t* zip, const std::string& file,
                                        const std::string& part);

// What a number in a cell stands for, from its cell style's number format.
enum class NumberKind { kNumber, kDate, kTime };
NumberKind BuiltinNumberKind(int format_id);
NumberKind ClassifyNumberFormat(std::string_view format_code);
// The kind of every cell style (cellXfs entry), by style index.
Result<std::vector<NumberKind>> ReadCellStyleKinds(zip_t* zip, const std::string& file,
                                                   const std::string& part);

// A date serial as ISO 8601 text: "2021-05-17", "2021-05-17T10:05:00", or "10:05:00" for a
// kTime value below one day. Empty for serials outside 0..9999-12-31.
std::optional<std::string> FormatDateSerial(double serial, NumberKind kind, bool date1904);

// Decodes the _xHHHH_ escapes of OOXML strings ("_x000D_" is a carriage return).
void DecodeEscapes(std::string& text);

}  // namespace chinjeol::files::internal
