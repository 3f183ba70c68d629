#include "adapters/storage/sql_audit_log.hpp"

#include <array>

#include "adapters/digest/digest.hpp"

namespace chinjeol::storage {
namespace {

// Any fixed number: the key of the advisory lock that serialises appends on PostgreSQL.
constexpr std::string_view kAppendLock = "SELECT pg_advisory_xact_lock(7365462386)";

constexpr std::string_view kColumns =
    "SELECT id, at, user_id, login, role, ip, action, subject_kind, subject, detail, prev_hash, "
    "row_hash FROM audit_log ";

// The id of the row that starts the keyed chain (the MAC of each row is checked by Verify).
constexpr std::string_view kMarkerId =
    "SELECT MIN(id) FROM audit_log WHERE action = ? AND subject_kind = ?";

auth::AuditEntry ReadEntry(const sql::Row& row, std::optional<std::int64_t> marker_id) {
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
  entry.keyed = marker_id && entry.id >= *marker_id;
  return entry;
}

Result<std::optional<std::int64_t>> MarkerId(sql::Connection& connection) {
  return connection.QueryInt64(
      kMarkerId, {std::string(auth::kAuditKeyedMarkerAction), std::string(auth::kSubjectAuditLog)});
}

}  // namespace

std::string SqlAuditLog::Mac(std::string_view bytes) const {
  return key_ ? digest::HmacSha256Hex(*key_, bytes) : std::string();
}

Result<void> SqlAuditLog::Append(const std::vector<auth::AuditEntry>& entries) {
  if (entries.empty()) return Ok();
  if (!key_) {
    return FailedPrecondition(
        "감사 로그 키가 없어 기록할 수 없습니다 (the audit log has no key: --audit-key FILE or "
        "CHINJEOL_AUDIT_KEY)");
  }
  // Within a caller's transaction, the marker seen may still be rolled back with it.
  bool nested = false;
  {
    auto lock = database_.Lock();
    nested = database_.connection().in_transaction();
  }
  return database_.Atomic([&]() -> Result<void> {
    sql::Connection& connection = database_.connection();
    if (connection.dialect() == sql::Dialect::kPostgres) {
      if (Result<void> locked = connection.Execute(kAppendLock); !locked) return locked;
    }
    const std::string key_check = Mac(auth::kAuditKeyCheckText);
    std::vector<auth::AuditEntry> rows;
    if (!key_confirmed_.load()) {
      // The chain's key check is in its marker row: another key would break the chain, so it
      // is refused before anything is written.
      std::optional<std::string> marker_detail;
      Result<void> marker = connection.Query(
          "SELECT detail FROM audit_log WHERE action = ? AND subject_kind = ? ORDER BY id LIMIT 1",
          {std::string(auth::kAuditKeyedMarkerAction), std::string(auth::kSubjectAuditLog)},
          [&](const sql::Row& row) -> Result<void> {
            marker_detail = row.String(0);
            return Ok();
          });
      if (!marker) return marker;
      if (!marker_detail) {
        rows.push_back(auth::AuditKeyedMarker(entries.front().at, key_check));
      } else if (*marker_detail != auth::AuditKeyedMarker({}, key_check).detail) {
        return FailedPrecondition(
            "감사 로그 키가 이 데이터베이스의 키와 다릅니다 (the audit key is not the one this "
            "log is chained with: --audit-key FILE or CHINJEOL_AUDIT_KEY)");
      }
    }
    rows.insert(rows.end(), entries.begin(), entries.end());
    std::string prev(auth::kAuditGenesisHash);
    Result<void> last = connection.Query("SELECT row_hash FROM audit_log ORDER BY id DESC LIMIT 1",
                                         {}, [&](const sql::Row& row) -> Result<void> {
                                           prev = row.String(0);
                                           return Ok();
                                         });
    if (!last) return last;
    for (auth::AuditEntry entry : rows) {
      entry.prev_hash = prev;
      entry.row_hash = Mac(auth::AuditKeyedChainText(entry));
      Result<void> inserted = connection.Execute(
          "INSERT INTO audit_log (at, user_id, login, role, ip, action, subject_kind, subject, "
          "detail, prev_hash, row_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          {entry.at, entry.user_id, entry.login, entry.role, entry.ip, entry.action,
           entry.subject_kind, entry.subject, entry.detail, entry.prev_hash, entry.row_hash});
      if (!inserted) return inserted;
      prev = entry.row_hash;
    }
    // Only a marker already there outside any open transaction confirms the key for good.
    if (!nested && rows.size() == entries.size()) key_confirmed_.store(true);
    return Ok();
  });
}

Result<auth::AuditPage> SqlAuditLog::List(const auth::AuditQuery& query) const {
  auto lock = database_.Lock();
  sql::Connection& connection = database_.connection();
  // Empty filters match everything; the same text serves both engines.
  std::string filter =
      "WHERE (CAST(? AS TEXT) = '' OR subject = ?) AND (CAST(? AS TEXT) = '' OR login = ?) ";
  const std::string subject = query.subject.value_or("");
  const std::string login = query.login.value_or("");
  if (query.filters_skip_monitor_rows && (!subject.empty() || !login.empty())) {
    // A monitor's rows, by the role written in the row or by the account's role now.
    filter +=
        "AND role <> 'monitor' AND login NOT IN (SELECT login FROM users WHERE role = "
        "'monitor') ";
  }
  Result<std::optional<std::int64_t>> marker_id = MarkerId(connection);
  if (!marker_id) return marker_id.error();
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
                         page.entries.push_back(ReadEntry(row, *marker_id));
                         return Ok();
                       });
  if (!read) return read.error();
  return page;
}

Result<void> SqlAuditLog::ForEachEntry(
    const std::function<Result<void>(const auth::AuditEntry&)>& visit) const {
  std::optional<std::int64_t> marker_id;
  {
    auto lock = database_.Lock();
    Result<std::optional<std::int64_t>> found = MarkerId(database_.connection());
    if (!found) return found.error();
    marker_id = *found;
  }
  // Pages by id, so that the visitor may use the storage between pages.
  std::int64_t after = 0;
  for (;;) {
    std::vector<auth::AuditEntry> page;
    {
      auto lock = database_.Lock();
      Result<void> read = database_.connection().Query(
          std::string(kColumns) + "WHERE id > ? ORDER BY id LIMIT 1000", {after},
          [&](const sql::Row& row) -> Result<void> {
            page.push_back(ReadEntry(row, marker_id));
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

Result<auth::AuditVerification> SqlAuditLog::Verify() const {
  if (!key_) {
    return FailedPrecondition(
        "감사 로그 키가 없어 검증할 수 없습니다 (the audit log has no key: --audit-key FILE or "
        "CHINJEOL_AUDIT_KEY)");
  }
  auth::AuditChainVerifier verifier([](std::string_view bytes) { return digest::Sha256Hex(bytes); },
                                    [this](std::string_view bytes) { return Mac(bytes); });
  Result<void> read = ForEachEntry([&](const auth::AuditEntry& entry) -> Result<void> {
    verifier.Add(entry);
    return Ok();
  });
  if (!read) return read.error();
  return verifier.result();
}

Result<auth::AuditHead> SqlAuditLog::Head() const {
  auto lock = database_.Lock();
  sql::Connection& connection = database_.connection();
  auth::AuditHead head;
  head.head_hash = std::string(auth::kAuditGenesisHash);
  // One statement, so that the count and the last row belong together.
  Result<void> read = connection.Query(
      "SELECT (SELECT COUNT(*) FROM audit_log), id, row_hash FROM audit_log ORDER BY id DESC "
      "LIMIT 1",
      {}, [&](const sql::Row& row) -> Result<void> {
        head.entries = static_cast<long>(row.Int64(0));
        head.last_id = row.Int64(1);
        head.head_hash = row.String(2);
        return Ok();
      });
  if (!read) return read.error();
  return head;
}

}  // namespace chinjeol::storage
