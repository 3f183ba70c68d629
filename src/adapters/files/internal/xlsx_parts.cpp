#include "adapters/files/internal/xlsx_parts.hpp"

#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "adapters/files/internal/file_error.hpp"
#include "core/common/date.hpp"

namespace chinjeol::files::internal {
namespace {

constexpr std::size_t kPartChunkBytes = 64 * 1024;
// Shared strings are held in memory; a table this large is not a roster or evaluation sheet.
constexpr std::size_t kMaxSharedStringBytes = std::size_t{1} << 30;

bool EndsWith(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

std::string Dir(std::string_view part) {
  const std::size_t slash = part.rfind('/');
  return slash == std::string_view::npos ? std::string() : std::string(part.substr(0, slash));
}

std::string RelationshipsPart(std::string_view part) {
  const std::size_t slash = part.rfind('/');
  const std::string_view dir = slash == std::string_view::npos ? "" : part.substr(0, slash + 1);
  const std::string_view base = slash == std::string_view::npos ? part : part.substr(slash + 1);
  return std::string(dir) + "_rels/" + std::string(base) + ".rels";
}

Error NotAWorkbook(const std::string& file, const std::string& why) {
  return FileError(file, 0, "", "not a readable .xlsx workbook (" + why + ")");
}

struct Relationship {
  std::string id;
  std::string type;
  std::string part;  // resolved target
};

class RelationshipsHandler final : public XmlHandler {
 public:
  explicit RelationshipsHandler(std::string source_part) : source_part_(std::move(source_part)) {}

  void Start(std::string_view name, const char** attributes) override {
    if (name != "Relationship") return;
    const char* id = Attribute(attributes, "Id");
    const char* type = Attribute(attributes, "Type");
    const char* target = Attribute(attributes, "Target");
    const char* mode = Attribute(attributes, "TargetMode");
    if (!id || !type || !target || (mode && std::string_view(mode) == "External")) return;
    relationships.push_back({id, type, ResolvePartName(source_part_, target)});
  }
  void End(std::string_view) override {}

  std::vector<Relationship> relationships;

 private:
  std::string source_part_;
};

// A missing relationships part means no relationships.
Result<std::vector<Relationship>> ReadRelationships(zip_t* zip, const std::string& file,
                                                    const std::string& source_part) {
  const std::string part = RelationshipsPart(source_part);
  if (!FindPart(zip, part)) return std::vector<Relationship>();
  RelationshipsHandler handler(source_part);
  if (Result<void> parsed = ParsePart(zip, file, part, handler); !parsed) return parsed.error();
  return std::move(handler.relationships);
}

struct Sheet {
  std::string relationship_id;
  bool hidden = false;
};

class WorkbookHandler final : public XmlHandler {
 public:
  void Start(std::string_view name, const char** attributes) override {
    if (name == "sheet") {
      const char* id = Attribute(attributes, "id");
      const char* state = Attribute(attributes, "state");
      if (id) sheets.push_back({id, state && std::string_view(state) != "visible"});
    } else if (name == "workbookPr") {
      const char* date1904_value = Attribute(attributes, "date1904");
      date1904 = date1904_value && (std::string_view(date1904_value) == "1" ||
                                    std::string_view(date1904_value) == "true");
    }
  }
  void End(std::string_view) override {}

  std::vector<Sheet> sheets;
  bool date1904 = false;
};

class SharedStringsHandler final : public XmlHandler {
 public:
  SharedStringsHandler(const std::string& file, SharedStrings& strings)
      : file_(file), strings_(strings) {}

  void Start(std::string_view name, const char**) override {
    if (name == "si") {
      in_item_ = true;
      current_.clear();
    } else if (name == "t") {
      collecting_ = in_item_ && phonetic_depth_ == 0;
    } else if (name == "rPh") {
      ++phonetic_depth_;
    }
  }
  void End(std::string_view name) override {
    if (name == "t") {
      collecting_ = false;
    } else if (name == "rPh") {
      --phonetic_depth_;
    } else if (name == "si") {
      in_item_ = false;
      DecodeEscapes(current_);
      strings_.Add(current_);
      if (strings_.total_bytes() > kMaxSharedStringBytes) {
        Fail(FileError(file_, 0, "", "the shared strings exceed 1 GiB"));
      }
    }
  }
  void Text(std::string_view text) override {
    if (collecting_) current_ += text;
  }

 private:
  const std::string& file_;
  SharedStrings& strings_;
  std::string current_;
  bool in_item_ = false;
  bool collecting_ = false;
  int phonetic_depth_ = 0;
};

class StylesHandler final : public XmlHandler {
 public:
  void Start(std::string_view name, const char** attributes) override {
    if (name == "numFmt") {
      const char* id = Attribute(attributes, "numFmtId");
      const char* code = Attribute(attributes, "formatCode");
      if (id && code) custom_formats.push_back({std::atoi(id), code});
    } else if (name == "cellXfs") {
      in_cell_xfs_ = true;
    } else if (name == "xf" && in_cell_xfs_) {
      const char* id = Attribute(attributes, "numFmtId");
      cell_format_ids.push_back(id ? std::atoi(id) : 0);
    }
  }
  void End(std::string_view name) override {
    if (name == "cellXfs") in_cell_xfs_ = false;
  }

  std::vector<std::pair<int, std::string>> custom_formats;
  std::vector<int> cell_format_ids;

 private:
  bool in_cell_xfs_ = false;
};

void AppendUtf8(std::string& out, unsigned code_point) {
  if (code_point < 0x80) {
    out += static_cast<char>(code_point);
  } else if (code_point < 0x800) {
    out += static_cast<char>(0xC0 | (code_point >> 6));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  } else {
    out += static_cast<char>(0xE0 | (code_point >> 12));
    out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  }
}

}  // namespace

Result<ZipArchive> OpenZip(const std::string& file) {
  int code = 0;
  zip_t* zip = zip_open(file.c_str(), ZIP_RDONLY, &code);
  if (zip == nullptr) {
    zip_error_t error;
    zip_error_init_with_code(&error, code);
    std::string why = zip_error_strerror(&error);
    zip_error_fini(&error);
    if (code == ZIP_ER_NOZIP) why = "it is not a zip archive; save it as .xlsx, not .xls";
    return FileError(file, 0, "", "cannot open the workbook (" + why + ")");
  }
  return ZipArchive(zip);
}

std::optional<zip_uint64_t> FindPart(zip_t* zip, const std::string& part) {
  const zip_int64_t index = zip_name_locate(zip, part.c_str(), ZIP_FL_NOCASE);
  if (index < 0) return std::nullopt;
  return static_cast<zip_uint64_t>(index);
}

Result<void> ParsePart(zip_t* zip, const std::string& file, const std::string& part,
                       XmlHandler& handler) {
  const std::optional<zip_uint64_t> index = FindPart(zip, part);
  if (!index) return NotAWorkbook(file, part + " is missing");
  zip_file_t* entry = zip_fopen_index(zip, *index, 0);
  if (entry == nullptr) return NotAWorkbook(file, part + ": " + zip_strerror(zip));
  XmlParser parser(handler);
  std::vector<char> buffer(kPartChunkBytes);
  Result<void> result = Ok();
  while (true) {
    const zip_int64_t read = zip_fread(entry, buffer.data(), buffer.size());
    if (read < 0) {
      result = NotAWorkbook(file, part + ": " + zip_file_strerror(entry));
      break;
    }
    const bool last = read == 0;
    if (!parser.Feed(buffer.data(), static_cast<std::size_t>(read), last)) {
      result =
          handler.error() ? *handler.error() : NotAWorkbook(file, part + ": " + parser.ErrorText());
      break;
    }
    if (last) break;
  }
  zip_fclose(entry);
  return result;
}

std::string ResolvePartName(std::string_view source_part, std::string_view target) {
  std::string path;
  if (!target.empty() && target.front() == '/') {
    path = std::string(target.substr(1));
  } else {
    const std::string dir = Dir(source_part);
    path = dir.empty() ? std::string(target) : dir + "/" + std::string(target);
  }
  std::vector<std::string_view> segments;
  std::string_view rest = path;
  while (!rest.empty()) {
    const std::size_t slash = rest.find('/');
    const std::string_view segment = rest.substr(0, slash);
    if (segment == "..") {
      if (!segments.empty()) segments.pop_back();
    } else if (!segment.empty() && segment != ".") {
      segments.push_back(segment);
    }
    if (slash == std::string_view::npos) break;
    rest.remove_prefix(slash + 1);
  }
  std::string resolved;
  for (const std::string_view segment : segments) {
    if (!resolved.empty()) resolved += '/';
    resolved += segment;
  }
  return resolved;
}

Result<WorkbookParts> ReadWorkbookParts(zip_t* zip, const std::string& file) {
  std::string workbook_part = "xl/workbook.xml";
  Result<std::vector<Relationship>> package = ReadRelationships(zip, file, "");
  if (!package) return package.error();
  for (const Relationship& relationship : *package) {
    if (EndsWith(relationship.type, "/officeDocument")) {
      workbook_part = relationship.part;
      break;
    }
  }
  WorkbookHandler workbook;
  if (Result<void> parsed = ParsePart(zip, file, workbook_part, workbook); !parsed) {
    return parsed.error();
  }
  Result<std::vector<Relationship>> relationships = ReadRelationships(zip, file, workbook_part);
  if (!relationships) return relationships.error();

  WorkbookParts parts;
  parts.date1904 = workbook.date1904;
  for (const Relationship& relationship : *relationships) {
    if (EndsWith(relationship.type, "/sharedStrings")) parts.shared_strings = relationship.part;
    if (EndsWith(relationship.type, "/styles")) parts.styles = relationship.part;
  }
  // The first visible worksheet, else the first worksheet; chart and dialog sheets do not count.
  for (const bool allow_hidden : {false, true}) {
    for (const Sheet& sheet : workbook.sheets) {
      if (sheet.hidden && !allow_hidden) continue;
      for (const Relationship& relationship : *relationships) {
        if (relationship.id == sheet.relationship_id && EndsWith(relationship.type, "/worksheet")) {
          parts.worksheet = relationship.part;
          return parts;
        }
      }
    }
  }
  return FileError(file, 0, "", "the workbook has no worksheet");
}

Result<SharedStrings> ReadSharedStrings(zip_t* zip, const std::string& file,
                                        const std::string& part) {
  SharedStrings strings;
  SharedStringsHandler handler(file, strings);
  if (Result<void> parsed = ParsePart(zip, file, part, handler); !parsed) return parsed.error();
  return strings;
}

NumberKind BuiltinNumberKind(int format_id) {
  // 14-17 and 22: dates; 18-21 and 45-47: times. 27-36 and 50-58 are the East Asian (ko-KR
  // among them) built-in date formats, of which 32 and 33 are times.
  if ((format_id >= 14 && format_id <= 17) || format_id == 22 ||
      (format_id >= 27 && format_id <= 31) || (format_id >= 34 && format_id <= 36) ||
      (format_id >= 50 && format_id <= 58)) {
    return NumberKind::kDate;
  }
  if ((format_id >= 18 && format_id <= 21) || (format_id >= 45 && format_id <= 47) ||
      format_id == 32 || format_id == 33) {
    return NumberKind::kTime;
  }
  return NumberKind::kNumber;
}

NumberKind ClassifyNumberFormat(std::string_view format_code) {
  bool has_date = false;
  bool has_time = false;
  bool has_m = false;
  for (std::size_t i = 0; i < format_code.size(); ++i) {
    const char c = format_code[i];
    if (c == ';') break;  // the first section decides
    if (c == '"') {
      const std::size_t close = format_code.find('"', i + 1);
      if (close == std::string_view::npos) break;
      i = close;
      continue;
    }
    if (c == '\\' || c == '_' || c == '*') {
      ++i;  // the next character is literal, a space width or a fill
      continue;
    }
    if (c == '[') {
      // [Red], [$-412], [DBNum1] are not date parts; [h], [mm], [ss] are elapsed time.
      const std::size_t close = format_code.find(']', i + 1);
      if (close == std::string_view::npos) break;
      const std::string_view inside = format_code.substr(i + 1, close - i - 1);
      if (!inside.empty() && inside.find_first_not_of("hHmMsS") == std::string_view::npos) {
        has_time = true;
      }
      i = close;
      continue;
    }
    switch (c) {
      case 'y':
      case 'Y':
      case 'd':
      case 'D':
        has_date = true;
        break;
      case 'h':
      case 'H':
      case 's':
      case 'S':
        has_time = true;
        break;
      case 'm':
      case 'M':
        has_m = true;
        break;
      default:
        break;
    }
  }
  if (has_date) return NumberKind::kDate;
  if (has_time) return NumberKind::kTime;  // an m next to h or s is minutes
  if (has_m) return NumberKind::kDate;     // "mmm": a month
  return NumberKind::kNumber;
}

Result<std::vector<NumberKind>> ReadCellStyleKinds(zip_t* zip, const std::string& file,
                                                   const std::string& part) {
  StylesHandler handler;
  if (Result<void> parsed = ParsePart(zip, file, part, handler); !parsed) return parsed.error();
  std::vector<NumberKind> kinds;
  kinds.reserve(handler.cell_format_ids.size());
  for (const int id : handler.cell_format_ids) {
    NumberKind kind = BuiltinNumberKind(id);
    for (const auto& [custom_id, code] : handler.custom_formats) {
      if (custom_id == id) kind = ClassifyNumberFormat(code);
    }
    kinds.push_back(kind);
  }
  return kinds;
}

std::optional<std::string> FormatDateSerial(double serial, NumberKind kind, bool date1904) {
  // 2958465 is 9999-12-31 in the 1900 system.
  if (!(serial >= 0) || serial >= 2958466) return std::nullopt;
  auto days = static_cast<std::int64_t>(std::floor(serial));
  auto seconds = static_cast<std::int64_t>(std::llround((serial - std::floor(serial)) * 86400));
  if (seconds >= 86400) {
    ++days;
    seconds -= 86400;
  }
  LocalDateTime time;
  time.hour = static_cast<int>(seconds / 3600);
  time.minute = static_cast<int>(seconds / 60 % 60);
  time.second = static_cast<int>(seconds % 60);
  if (kind == NumberKind::kTime && days == 0) {
    char text[16];
    std::snprintf(text, sizeof text, "%02d:%02d:%02d", time.hour, time.minute, time.second);
    return std::string(text);
  }
  using std::chrono::sys_days;
  sys_days base;
  if (date1904) {
    base = sys_days(std::chrono::year{1904} / 1 / 1);
  } else if (days < 60) {
    base = sys_days(std::chrono::year{1899} / 12 / 31);  // serial 1 = 1900-01-01
  } else {
    // From 61 on, one less: Excel counts the nonexistent 1900-02-29 as serial 60.
    base = sys_days(std::chrono::year{1899} / 12 / 30);
  }
  time.date = Date(base + std::chrono::days(days));
  if (seconds == 0 && kind == NumberKind::kDate) return FormatDate(time.date);
  return FormatLocalDateTime(time);
}

void DecodeEscapes(std::string& text) {
  if (text.find("_x") == std::string::npos) return;
  std::string decoded;
  decoded.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    unsigned code_point = 0;
    if (text[i] == '_' && i + 6 < text.size() && text[i + 1] == 'x' && text[i + 6] == '_') {
      const char* first = text.data() + i + 2;
      const auto [end, error] = std::from_chars(first, first + 4, code_point, 16);
      if (error == std::errc() && end == first + 4 &&
          !(code_point >= 0xD800 && code_point <= 0xDFFF)) {
        AppendUtf8(decoded, code_point);
        i += 6;
        continue;
      }
    }
    decoded += text[i];
  }
  text = std::move(decoded);
}

}  // namespace chinjeol::files::internal
