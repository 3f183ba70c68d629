#pragma once

#include <memory>
#include <string_view>

#include "adapters/storage/sql/connection.hpp"
#include "core/common/result.hpp"
#include "core/ports/storage.hpp"

namespace chinjeol::storage {

// Opens the database named by `url` and brings its schema up to date:
//   "sqlite:PATH"  a SQLite file, created when missing (PATH ":memory:" for a private one);
//   "postgresql://user:pass@host:port/dbname" (or "postgres://..."), as libpq reads it.
// kInvalidArgument for any other form; kUnavailable when the database cannot be opened or
// reached (libpq's reason, never the password); kFailedPrecondition when its schema is newer
// than this program knows.
// `audit_key` is the 32-byte key of the audit log's chain (kept outside the database, see
// system::LoadOrCreateAuditKey); kInvalidArgument when it has another length. Without a key the
// audit log can be read but appends fail (kFailedPrecondition): for tools and tests that do not
// write to it.
Result<std::unique_ptr<ports::Storage>> OpenStorage(std::string_view url,
                                                    std::string_view audit_key);
Result<std::unique_ptr<ports::Storage>> OpenStorage(std::string_view url);

// The bare connection behind `url`, without migrations: for tests and maintenance tools.
Result<std::unique_ptr<sql::Connection>> OpenConnection(std::string_view url);

}  // namespace chinjeol::storage
