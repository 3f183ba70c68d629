#pragma once

#include <memory>
#include <ostream>
#include <string>
#include <string_view>

#include "core/common/result.hpp"
#include "core/tables/table_sink.hpp"
#include "core/tables/table_source.hpp"

namespace chinjeol::files {

// Opens a table file for import, chosen by its extension (.csv or .xlsx, any case); see
// CsvTableSource and XlsxTableSource. kInvalidArgument naming the file when it is missing, has
// another extension, or its header is bad.
Result<std::unique_ptr<tables::TableSource>> OpenTableSource(const std::string& path);

// Opens an export in `format` "csv", "json" or "xlsx" writing to the file `path`, or to standard
// output when `path` is empty (csv and json only). `sheet_name` names the xlsx sheet. See
// CsvTableSink, JsonTableSink and XlsxTableSink. kInvalidArgument for an unknown format, an
// xlsx export without a path, a bad sheet name or a path that cannot be created.
Result<std::unique_ptr<tables::TableSink>> OpenTableSink(std::string_view format,
                                                         const std::string& path,
                                                         const std::string& sheet_name);
// As above, with `standard_output` in place of std::cout (tests).
Result<std::unique_ptr<tables::TableSink>> OpenTableSink(std::string_view format,
                                                         const std::string& path,
                                                         const std::string& sheet_name,
                                                         std::ostream& standard_output);

}  // namespace chinjeol::files
