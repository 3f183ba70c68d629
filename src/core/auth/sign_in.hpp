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
  std::string_view network;  // the client's network: attempts are counted per login and network
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

// Whether a password check may be made for the login from the network: when it may, the attempt
// is counted as a failure before the (slow) check, in one atomic step, so that parallel guesses
// (also on several servers) get no more than kMaxLoginFailures checks in all.
struct AttemptReservation {
  bool allowed = false;
  LoginAttempts after;  // the attempts with this one counted (or as found, when locked)
};
Result<AttemptReservation> ReserveAttempt(SessionRepository& sessions, std::string_view login_key,
                                          std::string_view network, std::int64_t now);

// Reserves an attempt for the login and network (a locked login is answered at once, without a
// check; unknown logins lock the same way, so the answer tells nothing), checks the password
// (against a decoy for an unknown login, so that timing tells nothing), and on success forgets
// the attempts and opens a session. Errors only for storage or hashing failures.
Result<SignInOutcome> SignIn(UserRepository& users, SessionRepository& sessions,
                             const PasswordHasher& hasher, const SignInRequest& request);

// The signed-in user behind a session token hash at `now`, or empty when there is no such
// session, it has ended (then it is removed) or the account has been ended. Records the
// last-seen time at most once a minute.
Result<std::optional<SessionWithUser>> ResumeSession(SessionRepository& sessions,
                                                     std::string_view token_hash, std::int64_t now);

// A password change refused because of too many wrong current passwords from the network.
struct PasswordChangeOutcome {
  bool locked_out = false;
  std::int64_t retry_after_seconds = 0;  // when locked_out
};

// Changes the signed-in user's password after checking the current one (an attempt counted like
// a sign-in's, for the login and `network`) and the KISA strength rule, and ends the user's
// other sessions. kPermissionDenied when the current password is wrong; kInvalidArgument (field
// new_password) when the new one is too weak or unchanged; locked_out when too many wrong
// current passwords came from the network.
Result<PasswordChangeOutcome> ChangePassword(UserRepository& users, SessionRepository& sessions,
                                             const PasswordHasher& hasher,
                                             const SessionWithUser& signed_in,
                                             std::string_view current_password,
                                             std::string_view new_password,
                                             std::string_view network, std::int64_t now);

}  // namespace chinjeol::auth
