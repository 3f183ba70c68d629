#pragma once

#include "adapters/storage/database.hpp"
#include "core/auth/user.hpp"

namespace chinjeol::storage {

// Sign-in accounts in SQL.
class SqlUserRepository final : public auth::UserRepository {
 public:
  explicit SqlUserRepository(Database& database) : database_(database) {}

  Result<void> AddUser(const auth::User& user) override;
  Result<std::optional<auth::User>> FindUser(std::string_view login) const override;
  Result<std::optional<auth::User>> FindUserById(std::int64_t id) const override;
  Result<std::vector<auth::User>> ListUsers() const override;
  Result<void> SetPasswordHash(std::int64_t user_id, std::string_view password_hash,
                               std::int64_t changed_at) override;
  Result<void> SetActive(std::int64_t user_id, bool active) override;
  Result<void> SetCaseload(std::int64_t user_id,
                           const std::vector<std::string>& employee_nos) override;
  Result<std::vector<std::string>> ListCaseload(std::int64_t user_id) const override;

 private:
  Database& database_;
};

}  // namespace chinjeol::storage
