#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/auth/password_hasher.hpp"
#include "core/auth/user.hpp"
#include "core/common/date.hpp"
#include "core/common/result.hpp"
#include "core/ports/storage.hpp"

namespace chinjeol::publication {

// A sign-in account of the demo programme, with its password (printed for people to try).
struct DemoAccount {
  std::string login;
  std::string password;
  auth::Role role = auth::Role::kEmployee;
  std::string bound_to;  // the employee, department or monitor it is tied to, for people
};

// Gives an installed demo programme its people: one account per role (admin, monitor,
// reviewer, coach with a caseload, department head, employee, auditor) tied to records of the
// demo, and publishes the campaign's results at `now` so that the employee, the department
// head and the coach have something to see. kAlreadyExists when the accounts exist.
Result<std::vector<DemoAccount>> InstallDemoAccess(ports::Storage& storage,
                                                   const auth::PasswordHasher& hasher,
                                                   std::string_view campaign_code,
                                                   const LocalDateTime& now);

}  // namespace chinjeol::publication
