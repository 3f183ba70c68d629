#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/auth/user.hpp"
#include "core/common/result.hpp"

namespace chinjeol::auth {

// Session limits (seconds): a session ends after 8 hours without a request or 24 hours after
// sign-in, whichever comes first. The last-seen time is written at most once a minute.
inline constexpr std::int64_t kSessionIdleSeconds = 8 * 3600;
inline constexpr std::int64_t kSessionLifetimeSeconds = 24 * 3600;
inline constexpr std::int64_t kLastSeenThrottleSeconds = 60;

// Sign-in throttling, per login and client network: 5 failures within 15 minutes lock the login
// for that network for 15 minutes; each further lockout in a row lasts twice as long as the one
// before, up to a day. A day after the last lockout ended, the count starts again.
inline constexpr int kMaxLoginFailures = 5;
inline constexpr std::int64_t kLoginFailureWindowSeconds = 15 * 60;
inline constexpr std::int64_t kLoginLockoutSeconds = 15 * 60;
inline constexpr std::int64_t kMaxLoginLockoutSeconds = 24 * 3600;

// A signed-in browser. Times are Unix seconds. Only a hash of the cookie value is kept, so a
// copy of the database does not let anyone sign in.
struct Session {
  std::int64_t id = 0;
  std::string token_hash;  // hex SHA-256 of the cookie value
  std::int64_t user_id = 0;
  std::string csrf_token;  // sent back in X-CSRF-Token on every state-changing request
  std::int64_t created_at = 0;
  std::int64_t last_seen_at = 0;
};

struct SessionWithUser {
  Session session;
  User user;
};

// Whether the session has ended at `now` (idle too long, or too old).
bool IsSessionExpired(const Session& session, std::int64_t now);
// Whether a request at `now` should record itself as the session's last-seen time.
bool NeedsLastSeenUpdate(const Session& session, std::int64_t now);

// Failed password checks of one login (as typed, known account or not) from one client network
// (sign-in and the current password of a password change alike).
struct LoginAttempts {
  int failures = 0;  // within the window that started at window_start
  std::int64_t window_start = 0;
  std::int64_t locked_until = 0;  // 0 = not locked
  int lockouts = 0;               // lockouts in a row (see kMaxLoginLockoutSeconds)
};

bool IsLockedOut(const LoginAttempts& attempts, std::int64_t now);
// The attempts after one more failure at `now`: a failure after the window has passed starts a
// new window; the fifth failure within it locks the login, for longer with each lockout in a row.
LoginAttempts AfterFailedSignIn(const LoginAttempts& attempts, std::int64_t now);
// How long the lockout after `lockouts_before` earlier ones in a row lasts.
std::int64_t LockoutSeconds(int lockouts_before);
// The key under which attempts are counted: trimmed and ASCII lower case.
std::string LoginKey(std::string_view login);

// The attempts as stored, with the version that an update must match (0: none stored yet).
struct StoredLoginAttempts {
  LoginAttempts attempts;
  std::int64_t version = 0;
};

// Where sessions, sign-in attempts and server-wide secrets are kept (the database, so that
// several servers share them).
class SessionRepository {
 public:
  virtual ~SessionRepository() = default;

  // Stores a new session and returns its id. kAlreadyExists when the token hash is taken.
  virtual Result<std::int64_t> CreateSession(const Session& session) = 0;
  // The session with this token hash and its (active or not) account, or empty.
  virtual Result<std::optional<SessionWithUser>> FindSession(std::string_view token_hash) const = 0;
  virtual Result<void> TouchSession(std::int64_t session_id, std::int64_t now) = 0;
  virtual Result<void> DeleteSession(std::int64_t session_id) = 0;
  // Ends every session of the user except `keep` (if given); returns how many ended.
  virtual Result<long> DeleteUserSessions(std::int64_t user_id,
                                          std::optional<std::int64_t> keep) = 0;
  // Removes sessions that have ended at `now`.
  virtual Result<long> DeleteExpiredSessions(std::int64_t now) = 0;

  // Attempts per login key and client network (e.g. "203.0.113.0/24").
  virtual Result<StoredLoginAttempts> FindLoginAttempts(std::string_view login_key,
                                                        std::string_view network) const = 0;
  // Stores `next` only if the stored version is still `expected_version` (0: nothing stored);
  // false, storing nothing, when another request (on any server) changed them first.
  virtual Result<bool> ReplaceLoginAttempts(std::string_view login_key, std::string_view network,
                                            std::int64_t expected_version,
                                            const LoginAttempts& next) = 0;
  // Forgets the attempts of the login from the network (after a right password).
  virtual Result<void> ClearLoginAttempts(std::string_view login_key, std::string_view network) = 0;
  // Forgets the attempts of the login from every network; returns how many were locked at `now`.
  virtual Result<long> ClearLoginLockouts(std::string_view login_key, std::int64_t now) = 0;

  // The secret named `name`; stores `candidate` first when there is none yet, so that every
  // server of one database agrees on the value.
  virtual Result<std::string> SecretValue(std::string_view name, std::string_view candidate) = 0;
};

}  // namespace chinjeol::auth
