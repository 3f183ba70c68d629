#pragma once

#include "adapters/storage/database.hpp"
#include "core/auth/audit_log.hpp"

namespace chinjeol::storage {

// The access log in SQL: appends are serialised (SQLite's write lock, an advisory lock on
// PostgreSQL) so that the hash chain stays one line across servers.
class SqlAuditLog final : public auth::AuditLog {
 public:
  explicit SqlAuditLog(Database& database) : database_(database) {}

  Result<void> Append(const std::vector<auth::AuditEntry>& entries) override;
  Result<auth::AuditPage> List(const auth::AuditQuery& query) const override;
  Result<void> ForEachEntry(
      const std::function<Result<void>(const auth::AuditEntry&)>& visit) const override;

 private:
  Database& database_;
};

// Hex SHA-256 (libsodium), the hash of the chain.
std::string Sha256Hex(std::string_view bytes);

}  // namespace chinjeol::storage
