#include "adapters/storage/sql_audit_log.hpp"

#include <sodium.h>

#include <array>

namespace chinjeol::storage {
namespace {

// Any fixed number: the key of the advisory lock that serialises appends on PostgreSQL.
constexpr std::string_view kAppendLock = "SELECT pg_advisory_xact_lock(7365462386)";

constexpr std::string_view kColumns =
    "SELECT id, at, user_id, login, role, ip, action, subject_kind, subject, detail, prev_hash, "
    "row_hash FROM audit_log ";

auth::AuditEntry ReadEntry(const sql::Row& row) {
  auth::AuditEntry entry;
  entry.id = row.Int64(0);
  entry.at = row.String(1);
  if (!row.IsNull(2)) entry.user_id = row.Int64(2);
  entry.login = row.String(3);
  entry.role = row.String(4);
  entry.ip = row.String(5);
  entry.action = row.String(6);
  entry.subject_kind = row.String(7);
  entry.subject = row.String(8);
  entry.detail = row.String(9);
  entry.prev_hash = row.String(10);
  entry.row_hash = row.String(11);
  return entry;
}

}  // namespace

std::string Sha256Hex(std::string_view bytes) {
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(bytes.data()),
                     bytes.size());
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(digest.size() * 2);
  for (const unsigned char byte : digest) {
    hex += kHex[byte >> 4];
    hex += kHex[byte & 0x0f];
  }
  return hex;
}

Result<void> SqlAuditLog::Append(const std::vector<auth::AuditEntry>& entries) {
  if (entries.empty()) return Ok();
  return database_.Atomic([&]() -> Result<void> {
    sql::Connection& connection = database_.connection();
    if (connection.dialect() == sql::Dialect::kPostgres) {
      if (Result<void> locked = connection.Execute(kAppendLock); !locked) return locked;
    }
    std::string prev(auth::kAuditGenesisHash);
    Result<void> last = connection.Query("SELECT row_hash FROM audit_log ORDER BY id DESC LIMIT 1",
                                         {}, [&](const sql::Row& row) -> Result<void> {
                                           prev = row.String(0);
                                           return Ok();
                                         });
    if (!last) return last;
    for (auth::AuditEntry entry : entries) {
      entry.prev_hash = prev;
      entry.row_hash = Sha256Hex(auth::AuditChainText(entry));
      Result<void> inserted = connection.Execute(
          "INSERT INTO audit_log (at, user_id, login, role, ip, action, subject_kind, subject, "
          "detail, prev_hash, row_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          {entry.at, entry.user_id, entry.login, entry.role, entry.ip, entry.action,
           entry.subject_kind, entry.subject, entry.detail, entry.prev_hash, entry.row_hash});
      if (!inserted) return inserted;
      prev = entry.row_hash;
    }
    return Ok();
  });
}

Result<auth::AuditPage> SqlAuditLog::List(const auth::AuditQuery& query) const {
  auto lock = database_.Lock();
  sql::Connection& connection = database_.connection();
  // Empty filters match everything; the same text serves both engines.
  const std::string filter =
      "WHERE (CAST(? AS TEXT) = '' OR subject = ?) AND (CAST(? AS TEXT) = '' OR login = ?) ";
  const std::string subject = query.subject.value_or("");
  const std::string login = query.login.value_or("");
  auth::AuditPage page;
  Result<std::optional<std::int64_t>> total = connection.QueryInt64(
      "SELECT COUNT(*) FROM audit_log " + filter, {subject, subject, login, login});
  if (!total) return total.error();
  page.total = static_cast<long>(total->value_or(0));
  Result<void> read =
      connection.Query(std::string(kColumns) + filter + "ORDER BY id DESC LIMIT ? OFFSET ?",
                       {subject, subject, login, login, static_cast<std::int64_t>(query.limit),
                        static_cast<std::int64_t>(query.offset)},
                       [&](const sql::Row& row) -> Result<void> {
                         page.entries.push_back(ReadEntry(row));
                         return Ok();
                       });
  if (!read) return read.error();
  return page;
}

Result<void> SqlAuditLog::ForEachEntry(
    const std::function<Result<void>(const auth::AuditEntry&)>& visit) const {
  // Pages by id, so that the visitor may use the storage between pages.
  std::int64_t after = 0;
  for (;;) {
    std::vector<auth::AuditEntry> page;
    {
      auto lock = database_.Lock();
      Result<void> read = database_.connection().Query(
          std::string(kColumns) + "WHERE id > ? ORDER BY id LIMIT 1000", {after},
          [&](const sql::Row& row) -> Result<void> {
            page.push_back(ReadEntry(row));
            return Ok();
          });
      if (!read) return read;
    }
    if (page.empty()) return Ok();
    after = page.back().id;
    for (const auth::AuditEntry& entry : page) {
      if (Result<void> visited = visit(entry); !visited) return visited;
    }
  }
}

}  // namespace chinjeol::storage
