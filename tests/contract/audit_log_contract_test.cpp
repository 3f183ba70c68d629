// The audit log's keyed chain and its searches, on SQLite and PostgreSQL.
#include <gtest/gtest.h>

#include "adapters/digest/digest.hpp"
#include "adapters/storage/sql_audit_log.hpp"
#include "adapters/storage/storage_factory.hpp"
#include "tests/contract/storage_fixture.hpp"

namespace chinjeol::storage::testing {
namespace {

auth::AuditEntry Entry(std::string login, std::string role, std::string subject,
                       std::string detail = {}) {
  auth::AuditEntry entry;
  entry.at = "2021-05-20T01:05:00Z";
  entry.login = std::move(login);
  entry.role = std::move(role);
  entry.ip = "10.0.0.7";
  entry.action = "GET /api/evaluations/{id}";
  entry.subject_kind = std::string(auth::kSubjectEmployee);
  entry.subject = std::move(subject);
  entry.detail = std::move(detail);
  return entry;
}

std::vector<auth::AuditEntry> AllRows(ports::Storage& storage) {
  std::vector<auth::AuditEntry> rows;
  EXPECT_TRUE(storage.audit_log().ForEachEntry([&](const auth::AuditEntry& entry) -> Result<void> {
    rows.push_back(entry);
    return Ok();
  }));
  return rows;
}

// Writes a row as the unkeyed chain did (SHA-256), as in a database from before the key.
void InsertUnkeyed(const std::string& url, auth::AuditEntry entry) {
  Result<std::unique_ptr<sql::Connection>> raw = OpenConnection(url);
  ASSERT_TRUE(raw) << raw.error().message();
  std::string prev(auth::kAuditGenesisHash);
  ASSERT_TRUE((*raw)->Query("SELECT row_hash FROM audit_log ORDER BY id DESC LIMIT 1", {},
                            [&](const sql::Row& row) -> Result<void> {
                              prev = row.String(0);
                              return Ok();
                            }));
  entry.prev_hash = prev;
  entry.row_hash = digest::Sha256Hex(auth::AuditChainText(entry));
  ASSERT_TRUE((*raw)->Execute(
      "INSERT INTO audit_log (at, user_id, login, role, ip, action, subject_kind, subject, "
      "detail, prev_hash, row_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {entry.at, entry.user_id, entry.login, entry.role, entry.ip, entry.action, entry.subject_kind,
       entry.subject, entry.detail, entry.prev_hash, entry.row_hash}));
}

TEST_P(StorageTest, ChainsAuditRowsWithTheKeySoThatAGuessCannotBeTestedAgainstAHash) {
  ASSERT_TRUE(storage().audit_log().Append({Entry("mona", "monitor", "E003", "17")}));
  const std::vector<auth::AuditEntry> rows = AllRows(storage());
  // The marker that starts the keyed chain, then the row.
  ASSERT_EQ(rows.size(), 2U);
  EXPECT_TRUE(auth::IsAuditKeyedMarker(rows[0]));
  EXPECT_EQ(rows[0].prev_hash, auth::kAuditGenesisHash);
  const auth::AuditEntry& row = rows[1];
  EXPECT_TRUE(row.keyed);
  EXPECT_EQ(row.prev_hash, rows[0].row_hash);
  // Someone with the row's visible fields and a guess of the hidden ones cannot confirm the
  // guess without the key: neither the unkeyed text nor the keyed text hashed without a key
  // gives the row's hash.
  EXPECT_NE(row.row_hash, digest::Sha256Hex(auth::AuditChainText(row)));
  EXPECT_NE(row.row_hash, digest::Sha256Hex(auth::AuditKeyedChainText(row)));
  EXPECT_EQ(row.row_hash, digest::HmacSha256Hex(kTestAuditKey, auth::AuditKeyedChainText(row)));

  const Result<auth::AuditVerification> verified = storage().audit_log().Verify();
  ASSERT_TRUE(verified) << verified.error().message();
  EXPECT_TRUE(verified->intact) << verified->problem;
  EXPECT_EQ(verified->checked, 2);
  EXPECT_EQ(verified->unkeyed, 0);
  EXPECT_EQ(verified->keyed_from, std::optional<std::int64_t>(rows[0].id));
  EXPECT_EQ(verified->head_hash, row.row_hash);

  const Result<auth::AuditHead> head = storage().audit_log().Head();
  ASSERT_TRUE(head) << head.error().message();
  EXPECT_EQ(head->entries, 2);
  EXPECT_EQ(head->last_id, std::optional<std::int64_t>(row.id));
  EXPECT_EQ(head->head_hash, row.row_hash);
}

TEST_P(StorageTest, RefusesToAppendWithAnotherKeyOrWithoutOne) {
  ASSERT_TRUE(storage().audit_log().Append({Entry("admin", "admin", "E001")}));
  Result<std::unique_ptr<ports::Storage>> other =
      OpenStorage(url(), "another-key-of-thirty-two-bytes!");
  ASSERT_TRUE(other) << other.error().message();
  const Result<void> refused = (*other)->audit_log().Append({Entry("admin", "admin", "E002")});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code(), ErrorCode::kFailedPrecondition);
  // With another key the chain does not verify either.
  const Result<auth::AuditVerification> wrong = (*other)->audit_log().Verify();
  ASSERT_TRUE(wrong) << wrong.error().message();
  EXPECT_FALSE(wrong->intact);

  Result<std::unique_ptr<ports::Storage>> keyless = OpenStorage(url());
  ASSERT_TRUE(keyless) << keyless.error().message();
  const Result<void> no_key = (*keyless)->audit_log().Append({Entry("admin", "admin", "E002")});
  ASSERT_FALSE(no_key);
  EXPECT_EQ(no_key.error().code(), ErrorCode::kFailedPrecondition);
  EXPECT_EQ(AllRows(storage()).size(), 2U);
  EXPECT_FALSE(OpenStorage(url(), "short"));
}

TEST_P(StorageTest, ContinuesAnUnkeyedChainWithAKeyedOneAndRefusesUnkeyedRowsAfterIt) {
  // A database from before the key: two rows chained with plain SHA-256.
  InsertUnkeyed(url(), Entry("admin", "admin", "E001"));
  InsertUnkeyed(url(), Entry("mona", "monitor", "E003", "17"));
  ASSERT_TRUE(storage().audit_log().Append({Entry("admin", "admin", "E002")}));
  std::vector<auth::AuditEntry> rows = AllRows(storage());
  ASSERT_EQ(rows.size(), 4U);
  EXPECT_FALSE(rows[1].keyed);
  EXPECT_TRUE(auth::IsAuditKeyedMarker(rows[2]));
  EXPECT_EQ(rows[2].prev_hash, rows[1].row_hash);
  Result<auth::AuditVerification> verified = storage().audit_log().Verify();
  ASSERT_TRUE(verified) << verified.error().message();
  EXPECT_TRUE(verified->intact) << verified->problem;
  EXPECT_EQ(verified->unkeyed, 2);
  EXPECT_EQ(verified->keyed_from, std::optional<std::int64_t>(rows[2].id));

  // A row forged without the key after the keyed chain started breaks it.
  InsertUnkeyed(url(), Entry("admin", "admin", "E009"));
  verified = storage().audit_log().Verify();
  ASSERT_TRUE(verified) << verified.error().message();
  EXPECT_FALSE(verified->intact);
  EXPECT_EQ(verified->first_broken_id, std::optional<std::int64_t>(AllRows(storage()).back().id));
}

TEST_P(StorageTest, SearchesCanLeaveMonitorsRowsOutOfThePageAndTheTotal) {
  ASSERT_TRUE(storage().audit_log().Append({Entry("mona", "monitor", "E003", "17"),
                                            Entry("admin", "admin", "E003", "17"),
                                            Entry("mona", "monitor", "E001")}));
  auth::AuditQuery query;
  query.subject = "E003";
  Result<auth::AuditPage> all = storage().audit_log().List(query);
  ASSERT_TRUE(all) << all.error().message();
  EXPECT_EQ(all->total, 2);
  query.filters_skip_monitor_rows = true;
  Result<auth::AuditPage> skipped = storage().audit_log().List(query);
  ASSERT_TRUE(skipped) << skipped.error().message();
  EXPECT_EQ(skipped->total, 1);
  ASSERT_EQ(skipped->entries.size(), 1U);
  EXPECT_EQ(skipped->entries.front().login, "admin");
  // Without a filter, every row is listed (the caller hides the fields).
  auth::AuditQuery everything;
  everything.filters_skip_monitor_rows = true;
  Result<auth::AuditPage> unfiltered = storage().audit_log().List(everything);
  ASSERT_TRUE(unfiltered) << unfiltered.error().message();
  EXPECT_EQ(unfiltered->total, 4);  // the marker and the three rows
}

}  // namespace
}  // namespace chinjeol::storage::testing
