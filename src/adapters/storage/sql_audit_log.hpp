#pragma once

#include <atomic>
#include <optional>
#include <string>

#include "adapters/storage/database.hpp"
#include "core/auth/audit_log.hpp"

namespace chinjeol::storage {

// The access log in SQL: appends are serialised (SQLite's write lock, an advisory lock on
// PostgreSQL) so that the hash chain stays one line across servers. Rows are chained with
// HMAC-SHA-256 under `key` (32 bytes, kept outside the database); without a key the log can be
// read but not appended to.
class SqlAuditLog final : public auth::AuditLog {
 public:
  SqlAuditLog(Database& database, std::optional<std::string> key)
      : database_(database), key_(std::move(key)) {}

  Result<void> Append(const std::vector<auth::AuditEntry>& entries) override;
  Result<auth::AuditPage> List(const auth::AuditQuery& query) const override;
  Result<void> ForEachEntry(
      const std::function<Result<void>(const auth::AuditEntry&)>& visit) const override;
  Result<auth::AuditVerification> Verify() const override;
  Result<auth::AuditHead> Head() const override;

 private:
  std::string Mac(std::string_view bytes) const;

  Database& database_;
  std::optional<std::string> key_;
  // Set once this log has seen the marker row written with its own key.
  std::atomic<bool> key_confirmed_ = false;
};

}  // namespace chinjeol::storage
