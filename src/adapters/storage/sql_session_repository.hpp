#pragma once

#include "adapters/storage/database.hpp"
#include "core/auth/session.hpp"

namespace chinjeol::storage {

// Sessions, sign-in attempts and server-wide secrets in SQL, shared by every server of one
// database.
class SqlSessionRepository final : public auth::SessionRepository {
 public:
  explicit SqlSessionRepository(Database& database) : database_(database) {}

  Result<std::int64_t> CreateSession(const auth::Session& session) override;
  Result<std::optional<auth::SessionWithUser>> FindSession(
      std::string_view token_hash) const override;
  Result<void> TouchSession(std::int64_t session_id, std::int64_t now) override;
  Result<void> DeleteSession(std::int64_t session_id) override;
  Result<long> DeleteUserSessions(std::int64_t user_id, std::optional<std::int64_t> keep) override;
  Result<long> DeleteExpiredSessions(std::int64_t now) override;
  Result<auth::StoredLoginAttempts> FindLoginAttempts(std::string_view login_key,
                                                      std::string_view network) const override;
  Result<bool> ReplaceLoginAttempts(std::string_view login_key, std::string_view network,
                                    std::int64_t expected_version,
                                    const auth::LoginAttempts& next) override;
  Result<void> ClearLoginAttempts(std::string_view login_key, std::string_view network) override;
  Result<long> ClearLoginLockouts(std::string_view login_key, std::int64_t now) override;
  Result<std::string> SecretValue(std::string_view name, std::string_view candidate) override;

 private:
  Database& database_;
};

}  // namespace chinjeol::storage
