#pragma once

#include <memory>
#include <string_view>

#include "adapters/storage/sql/connection.hpp"
#include "core/common/result.hpp"

namespace chinjeol::storage::sql {

// Opens (creating when missing) the SQLite database at `path` (":memory:" for a private one),
// in WAL mode with foreign keys enforced, a busy timeout and synchronous=NORMAL.
// kUnavailable when the file cannot be opened.
Result<std::unique_ptr<Connection>> OpenSqliteConnection(std::string_view path);

// How SQLite's extended result code `rc` maps to an error; `what` (the library message and the
// statement) goes into the message for the log.
Error FromSqlite(int rc, std::string_view what);

}  // namespace chinjeol::storage::sql
