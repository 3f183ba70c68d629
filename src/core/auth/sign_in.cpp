#include "core/auth/sign_in.hpp"

namespace chinjeol::auth {

namespace {

// How many times a reservation is tried again when other requests change the same attempts.
constexpr int kReservationTries = 50;

}  // namespace

Result<AttemptReservation> ReserveAttempt(SessionRepository& sessions, std::string_view login_key,
                                          std::string_view network, std::int64_t now) {
  for (int i = 0; i < kReservationTries; ++i) {
    Result<StoredLoginAttempts> stored = sessions.FindLoginAttempts(login_key, network);
    if (!stored) return stored.error();
    if (IsLockedOut(stored->attempts, now)) return AttemptReservation{false, stored->attempts};
    const LoginAttempts next = AfterFailedSignIn(stored->attempts, now);
    Result<bool> replaced =
        sessions.ReplaceLoginAttempts(login_key, network, stored->version, next);
    if (!replaced) return replaced.error();
    if (*replaced) return AttemptReservation{true, next};
  }
  return Error(ErrorCode::kUnavailable, "too many sign-ins at once for one login");
}

Result<SignInOutcome> SignIn(UserRepository& users, SessionRepository& sessions,
                             const PasswordHasher& hasher, const SignInRequest& request) {
  const std::string key = LoginKey(request.login);
  SignInOutcome outcome;
  Result<AttemptReservation> reserved = ReserveAttempt(sessions, key, request.network, request.now);
  if (!reserved) return reserved.error();
  if (!reserved->allowed) {
    outcome.status = SignInStatus::kLockedOut;
    outcome.retry_after_seconds = reserved->after.locked_until - request.now;
    return outcome;
  }
  Result<std::optional<User>> user = users.FindUser(request.login);
  if (!user) return user.error();

  // An unknown login is checked against the decoy, so that it takes as long as a wrong password.
  const bool password_ok = *user ? hasher.Verify((*user)->password_hash, request.password)
                                 : (hasher.Verify(request.decoy_hash, request.password), false);

  if (!password_ok || !(*user)->active) {
    if (IsLockedOut(reserved->after, request.now)) {
      outcome.status = SignInStatus::kLockedOut;
      outcome.retry_after_seconds = reserved->after.locked_until - request.now;
    }
    return outcome;
  }
  if (Result<void> cleared = sessions.ClearLoginAttempts(key, request.network); !cleared) {
    return cleared.error();
  }
  // Housekeeping: ended sessions go when someone signs in.
  if (Result<long> swept = sessions.DeleteExpiredSessions(request.now); !swept) {
    return swept.error();
  }
  Session session;
  session.token_hash = request.token_hash;
  session.user_id = (*user)->id;
  session.csrf_token = request.csrf_token;
  session.created_at = request.now;
  session.last_seen_at = request.now;
  Result<std::int64_t> id = sessions.CreateSession(session);
  if (!id) return id.error();
  session.id = *id;
  outcome.status = SignInStatus::kSignedIn;
  outcome.session = SessionWithUser{std::move(session), **std::move(user)};
  return outcome;
}

Result<std::optional<SessionWithUser>> ResumeSession(SessionRepository& sessions,
                                                     std::string_view token_hash,
                                                     std::int64_t now) {
  Result<std::optional<SessionWithUser>> found = sessions.FindSession(token_hash);
  if (!found || !*found) return found;
  SessionWithUser& signed_in = **found;
  if (IsSessionExpired(signed_in.session, now)) {
    if (Result<void> deleted = sessions.DeleteSession(signed_in.session.id); !deleted) {
      return deleted.error();
    }
    return std::optional<SessionWithUser>();
  }
  if (!signed_in.user.active) return std::optional<SessionWithUser>();
  if (NeedsLastSeenUpdate(signed_in.session, now)) {
    if (Result<void> touched = sessions.TouchSession(signed_in.session.id, now); !touched) {
      return touched.error();
    }
    signed_in.session.last_seen_at = now;
  }
  return found;
}

Result<PasswordChangeOutcome> ChangePassword(UserRepository& users, SessionRepository& sessions,
                                             const PasswordHasher& hasher,
                                             const SessionWithUser& signed_in,
                                             std::string_view current_password,
                                             std::string_view new_password,
                                             std::string_view network, std::int64_t now) {
  const std::string key = LoginKey(signed_in.user.login);
  Result<AttemptReservation> reserved = ReserveAttempt(sessions, key, network, now);
  if (!reserved) return reserved.error();
  if (!reserved->allowed) {
    return PasswordChangeOutcome{true, reserved->after.locked_until - now};
  }
  Result<std::optional<User>> user = users.FindUserById(signed_in.user.id);
  if (!user) return user.error();
  if (!*user || !hasher.Verify((*user)->password_hash, current_password)) {
    if (IsLockedOut(reserved->after, now)) {
      return PasswordChangeOutcome{true, reserved->after.locked_until - now};
    }
    return Error(ErrorCode::kPermissionDenied, "현재 비밀번호가 맞지 않습니다",
                 {{"current_password", "the current password is wrong"}});
  }
  if (Result<void> cleared = sessions.ClearLoginAttempts(key, network); !cleared) {
    return cleared.error();
  }
  if (current_password == new_password) {
    return InvalidArgument("새 비밀번호가 현재 비밀번호와 같습니다",
                           {{"new_password", "must differ from the current password"}});
  }
  if (Result<void> strong = CheckPasswordStrength(new_password); !strong) {
    return InvalidArgument(strong.error().message(), {{"new_password", strong.error().message()}});
  }
  Result<std::string> hash = hasher.Hash(new_password);
  if (!hash) return hash.error();
  if (Result<void> set = users.SetPasswordHash(signed_in.user.id, *hash, now); !set) {
    return set.error();
  }
  Result<long> ended = sessions.DeleteUserSessions(signed_in.user.id, signed_in.session.id);
  if (!ended) return ended.error();
  return PasswordChangeOutcome{};
}

}  // namespace chinjeol::auth
