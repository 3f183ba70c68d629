#include "core/auth/sign_in.hpp"

namespace chinjeol::auth {

Result<SignInOutcome> SignIn(UserRepository& users, SessionRepository& sessions,
                             const PasswordHasher& hasher, const SignInRequest& request) {
  const std::string key = LoginKey(request.login);
  Result<LoginAttempts> attempts = sessions.FindLoginAttempts(key);
  if (!attempts) return attempts.error();
  Result<std::optional<User>> user = users.FindUser(request.login);
  if (!user) return user.error();

  // The password is verified in every case, so that every answer takes the same time.
  const bool password_ok = *user ? hasher.Verify((*user)->password_hash, request.password)
                                 : (hasher.Verify(request.decoy_hash, request.password), false);

  SignInOutcome outcome;
  if (IsLockedOut(*attempts, request.now)) {
    outcome.status = SignInStatus::kLockedOut;
    outcome.retry_after_seconds = attempts->locked_until - request.now;
    return outcome;
  }
  if (!password_ok || !(*user)->active) {
    const LoginAttempts next = AfterFailedSignIn(*attempts, request.now);
    if (Result<void> saved = sessions.SaveLoginAttempts(key, next); !saved) return saved.error();
    if (IsLockedOut(next, request.now)) {
      outcome.status = SignInStatus::kLockedOut;
      outcome.retry_after_seconds = next.locked_until - request.now;
    }
    return outcome;
  }
  if (attempts->failures != 0 || attempts->locked_until != 0) {
    if (Result<void> saved = sessions.SaveLoginAttempts(key, {}); !saved) return saved.error();
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

Result<void> ChangePassword(UserRepository& users, SessionRepository& sessions,
                            const PasswordHasher& hasher, const SessionWithUser& signed_in,
                            std::string_view current_password, std::string_view new_password,
                            std::int64_t now) {
  Result<std::optional<User>> user = users.FindUserById(signed_in.user.id);
  if (!user) return user.error();
  if (!*user || !hasher.Verify((*user)->password_hash, current_password)) {
    return Error(ErrorCode::kPermissionDenied, "현재 비밀번호가 맞지 않습니다",
                 {{"current_password", "the current password is wrong"}});
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
  if (Result<void> set = users.SetPasswordHash(signed_in.user.id, *hash, now); !set) return set;
  Result<long> ended = sessions.DeleteUserSessions(signed_in.user.id, signed_in.session.id);
  if (!ended) return ended.error();
  return Ok();
}

}  // namespace chinjeol::auth
