#include <gtest/gtest.h>

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

}  // namespace
}  // namespace chinjeol::auth
