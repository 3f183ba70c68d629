#include "core/auth/session.hpp"

#include <algorithm>

#include "core/common/text.hpp"

namespace chinjeol::auth {

bool IsSessionExpired(const Session& session, std::int64_t now) {
  return now - session.last_seen_at >= kSessionIdleSeconds ||
         now - session.created_at >= kSessionLifetimeSeconds;
}

bool NeedsLastSeenUpdate(const Session& session, std::int64_t now) {
  return now - session.last_seen_at >= kLastSeenThrottleSeconds;
}

bool IsLockedOut(const LoginAttempts& attempts, std::int64_t now) {
  return attempts.locked_until > now;
}

std::int64_t LockoutSeconds(int lockouts_before) {
  std::int64_t seconds = kLoginLockoutSeconds;
  for (int i = 0; i < lockouts_before && seconds < kMaxLoginLockoutSeconds; ++i) seconds *= 2;
  return std::min(seconds, kMaxLoginLockoutSeconds);
}

LoginAttempts AfterFailedSignIn(const LoginAttempts& attempts, std::int64_t now) {
  LoginAttempts next = attempts;
  if (next.locked_until != 0 && now - next.locked_until >= kMaxLoginLockoutSeconds) {
    next.lockouts = 0;  // a quiet day: start afresh
    next.locked_until = 0;
  }
  if (next.failures == 0 || now - next.window_start >= kLoginFailureWindowSeconds) {
    next.failures = 0;
    next.window_start = now;
  }
  ++next.failures;
  if (next.failures >= kMaxLoginFailures) {
    next.locked_until = now + LockoutSeconds(next.lockouts);
    ++next.lockouts;
    next.failures = 0;
  }
  return next;
}

std::string LoginKey(std::string_view login) {
  std::string key(Trim(login));
  for (char& c : key) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return key;
}

}  // namespace chinjeol::auth
