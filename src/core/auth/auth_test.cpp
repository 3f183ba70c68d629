#include <gtest/gtest.h>

#include <functional>
#include <vector>

#include "core/auth/audit_log.hpp"
#include "core/auth/password_hasher.hpp"
#include "core/auth/user.hpp"

namespace chinjeol::auth {
namespace {

TEST(CheckPasswordStrength, FollowsTheKisaRule) {
  EXPECT_TRUE(CheckPasswordStrength("abcdefgh12"));   // 10 characters, two kinds
  EXPECT_TRUE(CheckPasswordStrength("abc!1234"));     // 8 characters, three kinds
  EXPECT_FALSE(CheckPasswordStrength("abcdefghij"));  // one kind
  EXPECT_FALSE(CheckPasswordStrength("abc12345"));    // 8 characters, two kinds
  EXPECT_FALSE(CheckPasswordStrength("ab!1"));
  EXPECT_TRUE(
      CheckPasswordStrength("친절한포천시민원실12"));  // Hangul counts as letters, by character
}

TEST(CheckUserBinding, NeedsTheRecordEachRoleIsTiedTo) {
  User user;
  user.login = "m01";
  user.role = Role::kMonitor;
  EXPECT_EQ(CheckUserBinding(user).error().violations().at(0).field, "monitor-code");
  user.monitor_code = "M01";
  EXPECT_TRUE(CheckUserBinding(user));
  user.role = Role::kEmployee;
  EXPECT_EQ(CheckUserBinding(user).error().violations().at(0).field, "employee-no");
  user.role = Role::kDepartmentHead;
  EXPECT_EQ(CheckUserBinding(user).error().violations().at(0).field, "department-code");
  user.role = Role::kAuditor;
  EXPECT_TRUE(CheckUserBinding(user));
  user.login.clear();
  EXPECT_FALSE(CheckUserBinding(user));
}

TEST(Role, RoundTripsCodes) {
  for (const char* code :
       {"admin", "monitor", "reviewer", "coach", "department_head", "employee", "auditor"}) {
    const auto role = ParseRole(code);
    ASSERT_TRUE(role) << code;
    EXPECT_STREQ(RoleCode(*role), code);
  }
  EXPECT_FALSE(ParseRole("root"));
}

// Stand-ins for SHA-256 and the keyed MAC: distinct, deterministic digests of the text.
std::string FakeSha(std::string_view text) {
  return "sha-" + std::to_string(std::hash<std::string_view>{}(text));
}
std::string FakeMac(std::string_view text) {
  return "mac-" + std::to_string(std::hash<std::string_view>{}(text));
}

AuditEntry Chained(std::vector<AuditEntry>& chain, AuditEntry entry, bool keyed) {
  entry.id = static_cast<std::int64_t>(chain.size()) + 1;
  entry.prev_hash = chain.empty() ? std::string(kAuditGenesisHash) : chain.back().row_hash;
  entry.row_hash = keyed ? FakeMac(AuditKeyedChainText(entry)) : FakeSha(AuditChainText(entry));
  chain.push_back(entry);
  return entry;
}

AuditEntry Read(std::string subject) {
  AuditEntry entry;
  entry.at = "2024-05-17T10:05:00Z";
  entry.login = "admin";
  entry.role = "admin";
  entry.action = "GET /api/evaluations/{id}";
  entry.subject_kind = std::string(kSubjectEmployee);
  entry.subject = std::move(subject);
  return entry;
}

TEST(VerifyAuditChain, ChecksUnkeyedRowsUpToTheMarkerAndKeyedRowsFromIt) {
  std::vector<AuditEntry> chain;
  Chained(chain, Read("E001"), false);
  Chained(chain, Read("E002"), false);
  Chained(chain, AuditKeyedMarker("2024-05-18T00:00:00Z", FakeMac(kAuditKeyCheckText)), true);
  Chained(chain, Read("E003"), true);
  AuditVerification verified = VerifyAuditChain(chain, FakeSha, FakeMac);
  EXPECT_TRUE(verified.intact) << verified.problem;
  EXPECT_EQ(verified.checked, 4);
  EXPECT_EQ(verified.unkeyed, 2);
  EXPECT_EQ(verified.keyed_from, std::optional<std::int64_t>(3));
  EXPECT_EQ(verified.head_hash, chain.back().row_hash);

  // After the marker, a row hashed without the key is a break, even when chained correctly.
  Chained(chain, Read("E004"), false);
  verified = VerifyAuditChain(chain, FakeSha, FakeMac);
  EXPECT_FALSE(verified.intact);
  EXPECT_EQ(verified.first_broken_id, std::optional<std::int64_t>(5));
  EXPECT_NE(verified.problem.find("not keyed"), std::string::npos) << verified.problem;

  // A changed keyed row breaks the chain at that row.
  chain.pop_back();
  chain[3].subject = "E999";
  verified = VerifyAuditChain(chain, FakeSha, FakeMac);
  EXPECT_FALSE(verified.intact);
  EXPECT_EQ(verified.first_broken_id, std::optional<std::int64_t>(4));
  // And the empty log's head is the genesis hash.
  EXPECT_EQ(VerifyAuditChain({}, FakeSha, FakeMac).head_hash, kAuditGenesisHash);
}

}  // namespace
}  // namespace chinjeol::auth
