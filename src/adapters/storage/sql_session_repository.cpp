#include "adapters/storage/sql_session_repository.hpp"

namespace chinjeol::storage {

Result<std::int64_t> SqlSessionRepository::CreateSession(const auth::Session& session) {
  auto lock = database_.Lock();
  std::optional<std::int64_t> id;
  Result<void> inserted = database_.connection().Query(
      "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen_at) "
      "VALUES (?, ?, ?, ?, ?) RETURNING id",
      {session.token_hash, session.user_id, session.csrf_token, session.created_at,
       session.last_seen_at},
      [&](const sql::Row& row) -> Result<void> {
        id = row.Int64(0);
        return Ok();
      });
  if (!inserted) return inserted.error();
  if (!id) return Internal("the new session has no id");
  return *id;
}

Result<std::optional<auth::SessionWithUser>> SqlSessionRepository::FindSession(
    std::string_view token_hash) const {
  auto lock = database_.Lock();
  std::optional<auth::SessionWithUser> found;
  Result<void> read = database_.connection().Query(
      "SELECT s.id, s.token_hash, s.user_id, s.csrf_token, s.created_at, s.last_seen_at, "
      "u.login, u.role, e.employee_no, m.code, d.code, u.active, u.display_name "
      "FROM sessions s JOIN users u ON u.id = s.user_id "
      "LEFT JOIN employees e ON e.id = u.employee_id "
      "LEFT JOIN monitors m ON m.id = u.monitor_id "
      "LEFT JOIN departments d ON d.id = u.department_id WHERE s.token_hash = ?",
      {token_hash}, [&](const sql::Row& row) -> Result<void> {
        std::optional<auth::Role> role = auth::ParseRole(row.Text(7));
        if (!role) return Internal("unknown role " + row.String(7));
        auth::SessionWithUser value;
        value.session = {row.Int64(0),  row.String(1), row.Int64(2),
                         row.String(3), row.Int64(4),  row.Int64(5)};
        value.user.id = row.Int64(2);
        value.user.login = row.String(6);
        value.user.role = *role;
        value.user.employee_no = row.String(8);
        value.user.monitor_code = row.String(9);
        value.user.department_code = row.String(10);
        value.user.active = row.Bool(11);
        value.user.display_name = row.String(12);
        found = std::move(value);
        return Ok();
      });
  if (!read) return read.error();
  return found;
}

Result<void> SqlSessionRepository::TouchSession(std::int64_t session_id, std::int64_t now) {
  auto lock = database_.Lock();
  return database_.connection().Execute("UPDATE sessions SET last_seen_at = ? WHERE id = ?",
                                        {now, session_id});
}

Result<void> SqlSessionRepository::DeleteSession(std::int64_t session_id) {
  auto lock = database_.Lock();
  return database_.connection().Execute("DELETE FROM sessions WHERE id = ?", {session_id});
}

Result<long> SqlSessionRepository::DeleteUserSessions(std::int64_t user_id,
                                                      std::optional<std::int64_t> keep) {
  long ended = 0;
  Result<void> deleted = database_.Atomic([&]() -> Result<void> {
    sql::Connection& connection = database_.connection();
    Result<std::optional<std::int64_t>> count = connection.QueryInt64(
        "SELECT COUNT(*) FROM sessions WHERE user_id = ? AND id <> ?", {user_id, keep.value_or(0)});
    if (!count) return count.error();
    ended = static_cast<long>(count->value_or(0));
    return connection.Execute("DELETE FROM sessions WHERE user_id = ? AND id <> ?",
                              {user_id, keep.value_or(0)});
  });
  if (!deleted) return deleted.error();
  return ended;
}

Result<long> SqlSessionRepository::DeleteExpiredSessions(std::int64_t now) {
  long ended = 0;
  const std::int64_t idle_limit = now - auth::kSessionIdleSeconds;
  const std::int64_t age_limit = now - auth::kSessionLifetimeSeconds;
  Result<void> deleted = database_.Atomic([&]() -> Result<void> {
    sql::Connection& connection = database_.connection();
    Result<std::optional<std::int64_t>> count = connection.QueryInt64(
        "SELECT COUNT(*) FROM sessions WHERE last_seen_at <= ? OR created_at <= ?",
        {idle_limit, age_limit});
    if (!count) return count.error();
    ended = static_cast<long>(count->value_or(0));
    return connection.Execute("DELETE FROM sessions WHERE last_seen_at <= ? OR created_at <= ?",
                              {idle_limit, age_limit});
  });
  if (!deleted) return deleted.error();
  return ended;
}

Result<auth::StoredLoginAttempts> SqlSessionRepository::FindLoginAttempts(
    std::string_view login_key, std::string_view network) const {
  auto lock = database_.Lock();
  auth::StoredLoginAttempts stored;
  Result<void> read = database_.connection().Query(
      "SELECT failures, window_start, locked_until, lockouts, version FROM login_attempts "
      "WHERE login = ? AND network = ?",
      {login_key, network}, [&](const sql::Row& row) -> Result<void> {
        stored.attempts = {row.Int(0), row.Int64(1), row.Int64(2), row.Int(3)};
        stored.version = row.Int64(4);
        return Ok();
      });
  if (!read) return read.error();
  return stored;
}

Result<bool> SqlSessionRepository::ReplaceLoginAttempts(std::string_view login_key,
                                                        std::string_view network,
                                                        std::int64_t expected_version,
                                                        const auth::LoginAttempts& next) {
  auto lock = database_.Lock();
  bool replaced = false;
  const auto seen = [&](const sql::Row&) -> Result<void> {
    replaced = true;
    return Ok();
  };
  // One statement each way, so that of two requests that read the same version only one wins.
  Result<void> written =
      expected_version == 0
          ? database_.connection().Query(
                "INSERT INTO login_attempts (login, network, failures, window_start, "
                "locked_until, lockouts, version) VALUES (?, ?, ?, ?, ?, ?, 1) "
                "ON CONFLICT (login, network) DO NOTHING RETURNING version",
                {login_key, network, next.failures, next.window_start, next.locked_until,
                 next.lockouts},
                seen)
          : database_.connection().Query(
                "UPDATE login_attempts SET failures = ?, window_start = ?, locked_until = ?, "
                "lockouts = ?, version = version + 1 "
                "WHERE login = ? AND network = ? AND version = ? RETURNING version",
                {next.failures, next.window_start, next.locked_until, next.lockouts, login_key,
                 network, expected_version},
                seen);
  if (!written) return written.error();
  return replaced;
}

Result<void> SqlSessionRepository::ClearLoginAttempts(std::string_view login_key,
                                                      std::string_view network) {
  auto lock = database_.Lock();
  return database_.connection().Execute(
      "DELETE FROM login_attempts WHERE login = ? AND network = ?", {login_key, network});
}

Result<long> SqlSessionRepository::ClearLoginLockouts(std::string_view login_key,
                                                      std::int64_t now) {
  long locked = 0;
  Result<void> cleared = database_.Atomic([&]() -> Result<void> {
    sql::Connection& connection = database_.connection();
    Result<std::optional<std::int64_t>> count = connection.QueryInt64(
        "SELECT COUNT(*) FROM login_attempts WHERE login = ? AND locked_until > ?",
        {login_key, now});
    if (!count) return count.error();
    locked = static_cast<long>(count->value_or(0));
    return connection.Execute("DELETE FROM login_attempts WHERE login = ?", {login_key});
  });
  if (!cleared) return cleared.error();
  return locked;
}

Result<std::string> SqlSessionRepository::SecretValue(std::string_view name,
                                                      std::string_view candidate) {
  std::string value;
  Result<void> done = database_.Atomic([&]() -> Result<void> {
    sql::Connection& connection = database_.connection();
    if (Result<void> inserted = connection.Execute(
            "INSERT INTO secrets (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING",
            {name, candidate});
        !inserted) {
      return inserted;
    }
    return connection.Query("SELECT value FROM secrets WHERE name = ?", {name},
                            [&](const sql::Row& row) -> Result<void> {
                              value = row.String(0);
                              return Ok();
                            });
  });
  if (!done) return done.error();
  return value;
}

}  // namespace chinjeol::storage
