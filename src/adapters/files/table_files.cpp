#include "adapters/files/table_files.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <cctype>
#include <iostream>

#include "adapters/files/csv_table_sink.hpp"
#include "adapters/files/csv_table_source.hpp"
#include "adapters/files/internal/file_error.hpp"
#include "adapters/files/json_table_sink.hpp"
#include "adapters/files/xlsx_table_sink.hpp"
#include "adapters/files/xlsx_table_source.hpp"

namespace chinjeol::files {
namespace {

std::string LowerExtension(const std::string& path) {
  const std::size_t slash = path.find_last_of('/');
  const std::size_t dot = path.find_last_of('.');
  if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) return {};
  std::string extension = path.substr(dot);
  std::transform(extension.begin(), extension.end(), extension.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return extension;
}

// Upcast of a factory result.
template <typename T>
Result<std::unique_ptr<tables::TableSource>> AsSource(Result<std::unique_ptr<T>> opened) {
  if (!opened) return opened.error();
  return std::unique_ptr<tables::TableSource>(std::move(*opened));
}

template <typename T>
Result<std::unique_ptr<tables::TableSink>> AsSink(Result<std::unique_ptr<T>> opened) {
  if (!opened) return opened.error();
  return std::unique_ptr<tables::TableSink>(std::move(*opened));
}

}  // namespace

Result<std::unique_ptr<tables::TableSource>> OpenTableSource(const std::string& path) {
  const std::string extension = LowerExtension(path);
  if (extension != ".csv" && extension != ".xlsx") {
    return internal::FileError(path, 0, "",
                               "unsupported file type; use a .csv (UTF-8) or .xlsx file");
  }
  struct stat status {};
  if (::stat(path.c_str(), &status) != 0) return internal::FileError(path, 0, "", "no such file");
  if (!S_ISREG(status.st_mode)) return internal::FileError(path, 0, "", "not a regular file");
  if (extension == ".csv") return AsSource(CsvTableSource::Open(path));
  return AsSource(XlsxTableSource::Open(path));
}

Result<std::unique_ptr<tables::TableSink>> OpenTableSink(std::string_view format,
                                                         const std::string& path,
                                                         const std::string& sheet_name) {
  return OpenTableSink(format, path, sheet_name, std::cout);
}

Result<std::unique_ptr<tables::TableSink>> OpenTableSink(std::string_view format,
                                                         const std::string& path,
                                                         const std::string& sheet_name,
                                                         std::ostream& standard_output) {
  if (format == "csv") {
    if (path.empty())
      return AsSink(Result(std::make_unique<CsvTableSink>(standard_output, ByteOrderMark::kOmit)));
    return AsSink(CsvTableSink::Create(path));
  }
  if (format == "json") {
    if (path.empty()) return AsSink(Result(std::make_unique<JsonTableSink>(standard_output)));
    return AsSink(JsonTableSink::Create(path));
  }
  if (format == "json-object" && path.empty()) {
    return AsSink(Result(JsonTableSink::SingleObject(standard_output)));
  }
  if (format == "xlsx") {
    if (path.empty()) return InvalidArgument("xlsx output needs a file: give --out FILE.xlsx");
    return AsSink(XlsxTableSink::Create(path, sheet_name));
  }
  return InvalidArgument("unknown format \"" + std::string(format) + "\"; use csv, json or xlsx");
}

}  // namespace chinjeol::files
