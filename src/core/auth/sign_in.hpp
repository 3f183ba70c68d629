#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/auth/password_hasher.hpp"
#include "core/auth/session.hpp"
#include "core/auth/user.hpp"
#include "core/common/result.hpp"

namespace chinjeol::auth {

// What the caller supplies for a sign-in: the typed credentials, the time, and the fresh random
// values of a new session (the adapter draws them).
struct SignInRequest {
  std::string_view login;
  std::string_view password;
  std::int64_t now = 0;
  std::string token_hash;  // hash of the new cookie value
  std::string csrf_token;
  // A hash of some password with the same parameters as real ones: verified against when the
  // login is unknown, so that an unknown login takes as long as a wrong password.
  std::string_view decoy_hash;
};

enum class SignInStatus {
  kSignedIn,
  kRejected,   // unknown login, wrong password or ended account: one answer for all
  kLockedOut,  // too many failures; retry_after_seconds says how long
};

struct SignInOutcome {
  SignInStatus status = SignInStatus::kRejected;
  std::optional<SessionWithUser> session;  // kSignedIn only
  std::int64_t retry_after_seconds = 0;    // kLockedOut only
};

// Checks the password (always, also for unknown or locked logins, so that timing tells
// nothing), counts failures per login and locks after kMaxLoginFailures, and on success opens
// a session. Errors only for storage or hashing failures.
Result<SignInOutcome> SignIn(UserRepository& users, SessionRepository& sessions,
                             const PasswordHasher& hasher, const SignInRequest& request);

// The signed-in user behind a session token hash at `now`, or empty when there is no such
// session, it has ended (then it is removed) or the account has been ended. Records the
// last-seen time at most once a minute.
Result<std::optional<SessionWithUser>> ResumeSession(SessionRepository& sessions,
                                                     std::string_view token_hash, std::int64_t now);

// Changes the signed-in user's password after checking the current one and the KISA strength
// rule, and ends the user's other sessions. kPermissionDenied when the current password is
// wrong; kInvalidArgument (field new_password) when the new one is too weak or unchanged.
Result<void> ChangePassword(UserRepository& users, SessionRepository& sessions,
                            const PasswordHasher& hasher, const SessionWithUser& signed_in,
                            std::string_view current_password, std::string_view new_password,
                            std::int64_t now);

}  // namespace chinjeol::auth
