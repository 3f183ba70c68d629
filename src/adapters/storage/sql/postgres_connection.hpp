#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "adapters/storage/sql/connection.hpp"
#include "core/common/result.hpp"

namespace chinjeol::storage::sql {

// A PostgreSQL session, with COPY FROM STDIN for bulk loads.
class PostgresConnection : public Connection {
 public:
  // Starts `sql` (a COPY ... FROM STDIN in text format). Rows go in with CopyPut; CopyEnd ends
  // the COPY and reports its outcome. Running any other statement ends a COPY in progress first.
  virtual Result<void> CopyBegin(std::string_view sql) = 0;
  virtual Result<void> CopyPut(std::string_view data) = 0;
  virtual Result<void> CopyEnd() = 0;
  virtual bool copy_active() const = 0;
};

// Connects with `uri` as PQconnectdb reads it ("postgresql://user:pass@host:port/dbname"),
// with UTF-8 client encoding and without NOTICE messages. kUnavailable with libpq's reason when
// the server cannot be reached or refuses the login.
Result<std::unique_ptr<PostgresConnection>> OpenPostgresConnection(std::string_view uri);

// `sql` with "?" placeholders numbered as PostgreSQL wants them ("$1", "$2", ...); question
// marks inside string literals, quoted identifiers and comments stay.
std::string NumberPlaceholders(std::string_view sql);

// Appends `text` to `out` escaped for COPY's text format (backslash, tab, newline, CR).
void AppendCopyText(std::string& out, std::string_view text);

}  // namespace chinjeol::storage::sql
