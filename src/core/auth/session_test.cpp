#include "core/auth/session.hpp"

#include <gtest/gtest.h>

#include <map>
#include <string>

#include "core/auth/audit_log.hpp"
#include "core/auth/sign_in.hpp"

namespace chinjeol::auth {
namespace {

TEST(IsSessionExpired, EndsAfterEightIdleHoursOrADay) {
  const Session session{1, "h", 1, "c", 1000, 1000};
  EXPECT_FALSE(IsSessionExpired(session, 1000 + kSessionIdleSeconds - 1));
  EXPECT_TRUE(IsSessionExpired(session, 1000 + kSessionIdleSeconds));
  Session busy = session;
  busy.last_seen_at = 1000 + kSessionLifetimeSeconds - 10;
  EXPECT_FALSE(IsSessionExpired(busy, 1000 + kSessionLifetimeSeconds - 1));
  EXPECT_TRUE(IsSessionExpired(busy, 1000 + kSessionLifetimeSeconds));
}

TEST(NeedsLastSeenUpdate, WritesAtMostOnceAMinute) {
  const Session session{1, "h", 1, "c", 1000, 1000};
  EXPECT_FALSE(NeedsLastSeenUpdate(session, 1059));
  EXPECT_TRUE(NeedsLastSeenUpdate(session, 1060));
}

TEST(AfterFailedSignIn, LocksForFifteenMinutesAfterFiveFailuresInFifteen) {
  LoginAttempts attempts;
  for (int i = 0; i < 4; ++i) {
    attempts = AfterFailedSignIn(attempts, 100 + i);
    EXPECT_FALSE(IsLockedOut(attempts, 100 + i));
  }
  attempts = AfterFailedSignIn(attempts, 104);
  EXPECT_TRUE(IsLockedOut(attempts, 104));
  EXPECT_TRUE(IsLockedOut(attempts, 104 + kLoginLockoutSeconds - 1));
  EXPECT_FALSE(IsLockedOut(attempts, 104 + kLoginLockoutSeconds));
}

TEST(AfterFailedSignIn, StartsAFreshWindowOnceTheOldOneHasPassed) {
  LoginAttempts attempts;
  for (int i = 0; i < 4; ++i) attempts = AfterFailedSignIn(attempts, 100);
  attempts = AfterFailedSignIn(attempts, 100 + kLoginFailureWindowSeconds);
  EXPECT_FALSE(IsLockedOut(attempts, 100 + kLoginFailureWindowSeconds));
  EXPECT_EQ(attempts.failures, 1);
}

TEST(LoginKey, IgnoresCaseAndSurroundingSpace) { EXPECT_EQ(LoginKey("  Admin "), "admin"); }

// In-memory ports for the sign-in use cases.
class FakeHasher final : public PasswordHasher {
 public:
  Result<std::string> Hash(std::string_view password) const override {
    return "hash:" + std::string(password);
  }
  bool Verify(std::string_view hash, std::string_view password) const override {
    ++verifications;
    return hash == "hash:" + std::string(password);
  }
  mutable int verifications = 0;
};

class FakeUsers final : public UserRepository {
 public:
  Result<void> AddUser(const User& user) override {
    users.push_back(user);
    users.back().id = static_cast<std::int64_t>(users.size());
    return Ok();
  }
  Result<std::optional<User>> FindUser(std::string_view login) const override {
    for (const User& user : users) {
      if (user.login == login) return std::optional<User>(user);
    }
    return std::optional<User>();
  }
  Result<std::optional<User>> FindUserById(std::int64_t id) const override {
    for (const User& user : users) {
      if (user.id == id) return std::optional<User>(user);
    }
    return std::optional<User>();
  }
  Result<std::vector<User>> ListUsers() const override { return users; }
  Result<void> SetPasswordHash(std::int64_t id, std::string_view hash, std::int64_t) override {
    users.at(static_cast<std::size_t>(id - 1)).password_hash = std::string(hash);
    return Ok();
  }
  Result<void> SetActive(std::int64_t id, bool active) override {
    users.at(static_cast<std::size_t>(id - 1)).active = active;
    return Ok();
  }
  Result<void> SetCaseload(std::int64_t, const std::vector<std::string>&) override { return Ok(); }
  Result<std::vector<std::string>> ListCaseload(std::int64_t) const override {
    return std::vector<std::string>();
  }
  std::vector<User> users;
};

class FakeSessions final : public SessionRepository {
 public:
  explicit FakeSessions(FakeUsers& users) : users_(users) {}
  Result<std::int64_t> CreateSession(const Session& session) override {
    sessions.push_back(session);
    sessions.back().id = static_cast<std::int64_t>(sessions.size());
    return sessions.back().id;
  }
  Result<std::optional<SessionWithUser>> FindSession(std::string_view hash) const override {
    for (const Session& session : sessions) {
      if (session.token_hash == hash && session.id != 0) {
        Result<std::optional<User>> user = users_.FindUserById(session.user_id);
        return std::optional<SessionWithUser>(SessionWithUser{session, **user});
      }
    }
    return std::optional<SessionWithUser>();
  }
  Result<void> TouchSession(std::int64_t id, std::int64_t now) override {
    sessions.at(static_cast<std::size_t>(id - 1)).last_seen_at = now;
    return Ok();
  }
  Result<void> DeleteSession(std::int64_t id) override {
    sessions.at(static_cast<std::size_t>(id - 1)).id = 0;
    return Ok();
  }
  Result<long> DeleteUserSessions(std::int64_t user, std::optional<std::int64_t> keep) override {
    long ended = 0;
    for (Session& session : sessions) {
      if (session.id != 0 && session.user_id == user && session.id != keep) {
        session.id = 0;
        ++ended;
      }
    }
    return ended;
  }
  Result<long> DeleteExpiredSessions(std::int64_t) override { return 0L; }
  using Key = std::pair<std::string, std::string>;
  Result<StoredLoginAttempts> FindLoginAttempts(std::string_view login,
                                                std::string_view network) const override {
    const auto found = attempts.find(Key(login, network));
    return found == attempts.end() ? StoredLoginAttempts{} : found->second;
  }
  Result<bool> ReplaceLoginAttempts(std::string_view login, std::string_view network,
                                    std::int64_t expected, const LoginAttempts& next) override {
    if (interfere > 0) {
      // Another server counts an attempt between this one's read and write.
      --interfere;
      StoredLoginAttempts& other = attempts[Key(login, network)];
      other.attempts = AfterFailedSignIn(other.attempts, next.window_start);
      ++other.version;
      return false;
    }
    StoredLoginAttempts& stored = attempts[Key(login, network)];
    if (stored.version != expected) return false;
    stored = {next, expected + 1};
    return true;
  }
  Result<void> ClearLoginAttempts(std::string_view login, std::string_view network) override {
    attempts.erase(Key(login, network));
    return Ok();
  }
  Result<long> ClearLoginLockouts(std::string_view login, std::int64_t now) override {
    long locked = 0;
    for (auto it = attempts.begin(); it != attempts.end();) {
      if (it->first.first != login) {
        ++it;
        continue;
      }
      locked += IsLockedOut(it->second.attempts, now) ? 1 : 0;
      it = attempts.erase(it);
    }
    return locked;
  }
  Result<std::string> SecretValue(std::string_view, std::string_view candidate) override {
    return std::string(candidate);
  }
  std::vector<Session> sessions;
  std::map<Key, StoredLoginAttempts> attempts;
  int interfere = 0;  // how many writes lose to another server's

 private:
  FakeUsers& users_;
};

struct SignInWorld {
  SignInWorld() {
    User user;
    user.login = "kim";
    user.password_hash = "hash:correct horse 1";
    user.role = Role::kEmployee;
    user.employee_no = "E001";
    (void)users.AddUser(user);
  }
  SignInOutcome Try(std::string_view login, std::string_view password, std::int64_t now,
                    std::string_view network = "203.0.113.0/24") {
    SignInRequest request{login,  password,    network, now, "token" + std::to_string(++tokens),
                          "csrf", "hash:decoy"};
    Result<SignInOutcome> outcome = SignIn(users, sessions, hasher, request);
    EXPECT_TRUE(outcome.has_value());
    return *outcome;
  }
  FakeHasher hasher;
  FakeUsers users;
  FakeSessions sessions{users};
  int tokens = 0;
};

TEST(SignIn, OpensASessionForTheRightPassword) {
  SignInWorld world;
  const SignInOutcome outcome = world.Try("kim", "correct horse 1", 1000);
  ASSERT_EQ(outcome.status, SignInStatus::kSignedIn);
  EXPECT_EQ(outcome.session->user.employee_no, "E001");
  EXPECT_EQ(outcome.session->session.created_at, 1000);
  EXPECT_EQ(world.sessions.sessions.size(), 1U);
}

TEST(SignIn, AnswersUnknownLoginsAndWrongPasswordsAlikeAndVerifiesBoth) {
  SignInWorld world;
  EXPECT_EQ(world.Try("kim", "wrong", 1000).status, SignInStatus::kRejected);
  EXPECT_EQ(world.Try("nobody", "wrong", 1000).status, SignInStatus::kRejected);
  EXPECT_EQ(world.hasher.verifications, 2);
}

TEST(SignIn, LocksAfterFiveFailuresEvenForTheRightPasswordAndForUnknownLogins) {
  SignInWorld world;
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(world.Try("kim", "wrong", 1000).status, SignInStatus::kRejected);
  }
  const SignInOutcome fifth = world.Try("KIM", "wrong", 1001);
  EXPECT_EQ(fifth.status, SignInStatus::kLockedOut);
  EXPECT_EQ(fifth.retry_after_seconds, kLoginLockoutSeconds);
  EXPECT_EQ(world.Try("kim", "correct horse 1", 1100).status, SignInStatus::kLockedOut);
  EXPECT_EQ(world.Try("kim", "correct horse 1", 1001 + kLoginLockoutSeconds).status,
            SignInStatus::kSignedIn);
  for (int i = 0; i < 5; ++i) (void)world.Try("ghost", "x", 2000);
  EXPECT_EQ(world.Try("ghost", "x", 2001).status, SignInStatus::kLockedOut);
}

TEST(SignIn, LocksALoginOnlyForTheNetworkTheFailuresCameFrom) {
  SignInWorld world;
  for (int i = 0; i < 5; ++i) (void)world.Try("kim", "wrong", 1000, "198.51.100.0/24");
  EXPECT_EQ(world.Try("kim", "correct horse 1", 1001, "198.51.100.0/24").status,
            SignInStatus::kLockedOut);
  EXPECT_EQ(world.Try("kim", "correct horse 1", 1001, "203.0.113.0/24").status,
            SignInStatus::kSignedIn);
}

TEST(SignIn, MakesNoPasswordCheckWhileLockedAndLocksLongerEachTime) {
  SignInWorld world;
  for (int i = 0; i < 5; ++i) (void)world.Try("kim", "wrong", 1000);
  const int checks = world.hasher.verifications;
  EXPECT_EQ(world.Try("kim", "wrong", 1001).status, SignInStatus::kLockedOut);
  EXPECT_EQ(world.hasher.verifications, checks);
  // The next lockout in a row lasts twice as long, and so on up to a day.
  const std::int64_t later = 1000 + kLoginLockoutSeconds;
  for (int i = 0; i < 4; ++i) (void)world.Try("kim", "wrong", later);
  const SignInOutcome second = world.Try("kim", "wrong", later);
  EXPECT_EQ(second.status, SignInStatus::kLockedOut);
  EXPECT_EQ(second.retry_after_seconds, 2 * kLoginLockoutSeconds);
  EXPECT_EQ(LockoutSeconds(2), 4 * kLoginLockoutSeconds);
  EXPECT_EQ(LockoutSeconds(40), kMaxLoginLockoutSeconds);
}

TEST(SignIn, CountsAnAttemptOnceEvenWhenAnotherServerWritesFirst) {
  SignInWorld world;
  world.sessions.interfere = 3;
  EXPECT_EQ(world.Try("kim", "wrong", 1000).status, SignInStatus::kRejected);
  // Three attempts counted elsewhere and this one: the fifth locks.
  EXPECT_EQ(world.sessions.attempts.begin()->second.attempts.failures, 4);
  EXPECT_EQ(world.Try("kim", "wrong", 1000).status, SignInStatus::kLockedOut);
  EXPECT_EQ(world.hasher.verifications, 2);
}

TEST(SignIn, RejectsEndedAccounts) {
  SignInWorld world;
  (void)world.users.SetActive(1, false);
  EXPECT_EQ(world.Try("kim", "correct horse 1", 1000).status, SignInStatus::kRejected);
}

TEST(ResumeSession, EndsExpiredSessionsAndThrottlesLastSeen) {
  SignInWorld world;
  const SignInOutcome outcome = world.Try("kim", "correct horse 1", 1000);
  const std::string hash = outcome.session->session.token_hash;
  Result<std::optional<SessionWithUser>> resumed = ResumeSession(world.sessions, hash, 1030);
  ASSERT_TRUE(resumed.has_value() && resumed->has_value());
  EXPECT_EQ(world.sessions.sessions[0].last_seen_at, 1000);  // throttled
  resumed = ResumeSession(world.sessions, hash, 1100);
  EXPECT_EQ(world.sessions.sessions[0].last_seen_at, 1100);
  resumed = ResumeSession(world.sessions, hash, 1100 + kSessionIdleSeconds);
  ASSERT_TRUE(resumed.has_value());
  EXPECT_FALSE(resumed->has_value());
  EXPECT_EQ(world.sessions.sessions[0].id, 0);  // removed
}

TEST(ChangePassword, ChecksTheCurrentOneAndEndsOtherSessions) {
  SignInWorld world;
  const SignInOutcome first = world.Try("kim", "correct horse 1", 1000);
  (void)world.Try("kim", "correct horse 1", 1001);
  Result<PasswordChangeOutcome> wrong =
      ChangePassword(world.users, world.sessions, world.hasher, *first.session, "nope",
                     "battery staple 22", "203.0.113.0/24", 1002);
  EXPECT_EQ(wrong.error().code(), ErrorCode::kPermissionDenied);
  Result<PasswordChangeOutcome> weak =
      ChangePassword(world.users, world.sessions, world.hasher, *first.session, "correct horse 1",
                     "short", "203.0.113.0/24", 1002);
  EXPECT_EQ(weak.error().violations().at(0).field, "new_password");
  Result<PasswordChangeOutcome> changed =
      ChangePassword(world.users, world.sessions, world.hasher, *first.session, "correct horse 1",
                     "battery staple 22", "203.0.113.0/24", 1002);
  ASSERT_TRUE(changed);
  EXPECT_FALSE(changed->locked_out);
  EXPECT_EQ(world.users.users[0].password_hash, "hash:battery staple 22");
  EXPECT_NE(world.sessions.sessions[0].id, 0);  // the sign-in making the change stays
  EXPECT_EQ(world.sessions.sessions[1].id, 0);  // the other one ended
}

TEST(ChangePassword, LocksAfterFiveWrongCurrentPasswords) {
  SignInWorld world;
  const SignInOutcome signed_in = world.Try("kim", "correct horse 1", 1000);
  for (int i = 0; i < 4; ++i) {
    Result<PasswordChangeOutcome> wrong =
        ChangePassword(world.users, world.sessions, world.hasher, *signed_in.session, "guess",
                       "battery staple 22", "198.51.100.0/24", 1001);
    EXPECT_EQ(wrong.error().code(), ErrorCode::kPermissionDenied);
  }
  Result<PasswordChangeOutcome> fifth =
      ChangePassword(world.users, world.sessions, world.hasher, *signed_in.session, "guess",
                     "battery staple 22", "198.51.100.0/24", 1001);
  ASSERT_TRUE(fifth);
  EXPECT_TRUE(fifth->locked_out);
  const int checks = world.hasher.verifications;
  Result<PasswordChangeOutcome> locked =
      ChangePassword(world.users, world.sessions, world.hasher, *signed_in.session,
                     "correct horse 1", "battery staple 22", "198.51.100.0/24", 1002);
  ASSERT_TRUE(locked);
  EXPECT_TRUE(locked->locked_out);
  EXPECT_EQ(world.hasher.verifications, checks);  // no check while locked
  EXPECT_EQ(world.users.users[0].password_hash, "hash:correct horse 1");
}

// A stand-in digest: enough to see that the chain covers every field.
std::string FakeSha(std::string_view bytes) {
  std::size_t hash = std::hash<std::string_view>()(bytes);
  return std::to_string(hash);
}

std::vector<AuditEntry> Chain(int rows) {
  std::vector<AuditEntry> entries;
  std::string prev(kAuditGenesisHash);
  for (int i = 1; i <= rows; ++i) {
    AuditEntry entry;
    entry.id = i;
    entry.at = "2024-05-17T10:0" + std::to_string(i) + ":00Z";
    entry.user_id = 1;
    entry.login = "admin";
    entry.role = "admin";
    entry.ip = "127.0.0.1";
    entry.action = "GET /api/evaluations/{id}";
    entry.subject_kind = std::string(kSubjectEmployee);
    entry.subject = "E00" + std::to_string(i);
    entry.prev_hash = prev;
    entry.row_hash = FakeSha(AuditChainText(entry));
    prev = entry.row_hash;
    entries.push_back(entry);
  }
  return entries;
}

TEST(VerifyAuditChain, AcceptsAnIntactChain) {
  const std::vector<AuditEntry> entries = Chain(4);
  const AuditVerification verification = VerifyAuditChain(entries, FakeSha, FakeSha);
  EXPECT_TRUE(verification.intact);
  EXPECT_EQ(verification.checked, 4);
}

TEST(VerifyAuditChain, FindsAChangedRow) {
  std::vector<AuditEntry> entries = Chain(4);
  entries[2].subject = "E999";
  const AuditVerification verification = VerifyAuditChain(entries, FakeSha, FakeSha);
  EXPECT_FALSE(verification.intact);
  EXPECT_EQ(verification.first_broken_id, 3);
}

TEST(VerifyAuditChain, FindsADeletedRow) {
  std::vector<AuditEntry> entries = Chain(4);
  entries.erase(entries.begin() + 1);
  const AuditVerification verification = VerifyAuditChain(entries, FakeSha, FakeSha);
  EXPECT_FALSE(verification.intact);
  EXPECT_EQ(verification.first_broken_id, 3);
}

TEST(AuditChainText, KeepsFieldsApartWhateverTheyHold) {
  AuditEntry a;
  a.login = "ab";
  a.role = "c";
  AuditEntry b;
  b.login = "a";
  b.role = "bc";
  EXPECT_NE(AuditChainText(a), AuditChainText(b));
}

}  // namespace
}  // namespace chinjeol::auth
