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

 private:
  Database& database_;
};

}  // namespace chinjeol::storage
