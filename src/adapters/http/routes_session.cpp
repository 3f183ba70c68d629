// Sign-in, sessions, password change and accounts.
#include <algorithm>

#include "adapters/http/internal/call.hpp"
#include "core/auth/sign_in.hpp"
#include "core/programme/setup.hpp"

namespace chinjeol::http::internal {
namespace {

constexpr std::string_view kCookieName = "chinjeol_session";

std::string SessionCookie(const Call& call, std::string_view token, bool clear) {
  std::string cookie =
      std::string(kCookieName) + "=" + std::string(token) + "; Path=/; HttpOnly; SameSite=Strict";
  if (clear) {
    cookie += "; Max-Age=0";
  } else {
    cookie += "; Max-Age=" + std::to_string(auth::kSessionLifetimeSeconds);
  }
  if (call.request.over_tls || call.shared.secure_cookies) cookie += "; Secure";
  return cookie;
}

boost::json::object SessionJson(const auth::SessionWithUser& session) {
  return boost::json::object{{"user", UserJson(session.user, true)},
                             {"csrf_token", session.session.csrf_token}};
}

HttpResponse LockedOutResponse(std::int64_t retry_after_seconds) {
  HttpResponse response =
      ErrorResponse(Error(ErrorCode::kTooManyRequests,
                          "로그인 시도가 너무 많아 잠시 잠겼습니다. 나중에 다시 시도해 주세요"));
  response.SetHeader("Retry-After", std::to_string(std::max<std::int64_t>(1, retry_after_seconds)));
  return response;
}

// Ends the account's sessions when an admin ends the account.
Result<void> EndSessions(Call& call, std::int64_t user_id) {
  Result<long> ended = call.storage.sessions().DeleteUserSessions(user_id, std::nullopt);
  if (!ended) return ended.error();
  return Ok();
}

}  // namespace

boost::json::object UserJson(const auth::User& user, bool with_monitor) {
  boost::json::object json{{"login", user.login},
                           {"role", auth::RoleCode(user.role)},
                           {"display_name", user.display_name},
                           {"active", user.active}};
  if (!user.employee_no.empty()) json["employee_no"] = user.employee_no;
  if (!user.department_code.empty()) json["department_code"] = user.department_code;
  if (with_monitor && !user.monitor_code.empty()) json["monitor_code"] = user.monitor_code;
  return json;
}

HttpResponse PostSession(Call& call) {
  boost::json::object body;
  if (std::optional<HttpResponse> bad = ParseJsonObject(call.request, body)) return *bad;
  ObjectReader reader(body);
  std::optional<std::string> login = reader.String("login", ObjectReader::Need::kRequired, 200);
  std::optional<std::string> password =
      reader.String("password", ObjectReader::Need::kRequired, 1000);
  if (Result<void> valid = reader.Finish(); !valid) return Fail(valid);
  const std::string token = RandomToken();
  const std::string network = ClientNetwork(call.request);
  auth::SignInRequest request{*login,
                              *password,
                              network,
                              call.now,
                              TokenHash(token),
                              RandomToken(),
                              call.shared.decoy_hash};
  Result<auth::SignInOutcome> outcome =
      auth::SignIn(call.storage.users(), call.storage.sessions(), *call.shared.hasher, request);
  if (!outcome) return Fail(outcome);
  // The login as counted (trimmed, lower case): what was tried, account or not.
  const std::string tried = auth::LoginKey(*login);
  switch (outcome->status) {
    case auth::SignInStatus::kSignedIn: {
      call.session = *outcome->session;
      call.actor = auth::ActorFor(call.session->user);
      if (Result<void> audited = Audit(call, auth::kSubjectAccount, call.actor.login, "signed in");
          !audited) {
        return Fail(audited);
      }
      HttpResponse response = JsonResponse(200, SessionJson(*outcome->session));
      response.SetHeader("Set-Cookie", SessionCookie(call, token, false));
      return response;
    }
    case auth::SignInStatus::kLockedOut:
      (void)Audit(call, auth::kSubjectAccount, tried, "sign-in locked out");
      return LockedOutResponse(outcome->retry_after_seconds);
    case auth::SignInStatus::kRejected:
      break;
  }
  (void)Audit(call, auth::kSubjectAccount, tried, "sign-in failed");
  return ErrorResponse(
      Error(ErrorCode::kUnauthenticated, "로그인 ID 또는 비밀번호가 맞지 않습니다"));
}

HttpResponse GetSession(Call& call) { return JsonResponse(200, SessionJson(*call.session)); }

HttpResponse DeleteSession(Call& call) {
  if (Result<void> deleted = call.storage.sessions().DeleteSession(call.session->session.id);
      !deleted) {
    return Fail(deleted);
  }
  HttpResponse response = NoContent();
  response.SetHeader("Set-Cookie", SessionCookie(call, "", true));
  return response;
}

HttpResponse DeleteSessions(Call& call) {
  if (Result<void> ended = EndSessions(call, call.actor.user_id); !ended) return Fail(ended);
  HttpResponse response = NoContent();
  response.SetHeader("Set-Cookie", SessionCookie(call, "", true));
  return response;
}

HttpResponse PostPassword(Call& call) {
  boost::json::object body;
  if (std::optional<HttpResponse> bad = ParseJsonObject(call.request, body)) return *bad;
  ObjectReader reader(body);
  std::optional<std::string> current =
      reader.String("current_password", ObjectReader::Need::kRequired, 1000);
  std::optional<std::string> next =
      reader.String("new_password", ObjectReader::Need::kRequired, 1000);
  if (Result<void> valid = reader.Finish(); !valid) return Fail(valid);
  Result<auth::PasswordChangeOutcome> changed =
      auth::ChangePassword(call.storage.users(), call.storage.sessions(), *call.shared.hasher,
                           *call.session, *current, *next, ClientNetwork(call.request), call.now);
  if (!changed) {
    if (changed.error().code() == ErrorCode::kPermissionDenied) {
      (void)Audit(call, auth::kSubjectAccount, call.actor.login, "password change refused");
    }
    return Fail(changed);
  }
  if (changed->locked_out) {
    (void)Audit(call, auth::kSubjectAccount, call.actor.login, "password change locked out");
    return LockedOutResponse(changed->retry_after_seconds);
  }
  (void)Audit(call, auth::kSubjectAccount, call.actor.login, "password changed");
  return NoContent();
}

HttpResponse DeleteLockouts(Call& call) {
  if (!Decide(call, auth::Action::kManageUsers).allowed) return ForbiddenResponse();
  // Any login, account or not: lockouts are kept for what was typed.
  const std::string login = auth::LoginKey(call.request.PathParam("login"));
  Result<long> lifted = call.storage.sessions().ClearLoginLockouts(login, call.now);
  if (!lifted) return Fail(lifted);
  if (Result<void> audited = Audit(call, auth::kSubjectAccount, login,
                                   "sign-in lockouts lifted: " + std::to_string(*lifted));
      !audited) {
    return Fail(audited);
  }
  return NoContent();
}

HttpResponse GetUsers(Call& call) {
  if (!Decide(call, auth::Action::kManageUsers).allowed) return ForbiddenResponse();
  Result<std::vector<auth::User>> users = call.storage.users().ListUsers();
  if (!users) return Fail(users);
  // The accounts name the monitors: a read of identities.
  if (Result<void> audited = Audit(call, auth::kSubjectMonitors, "*", "accounts"); !audited) {
    return Fail(audited);
  }
  boost::json::array items;
  for (const auth::User& user : *users) {
    boost::json::object json = UserJson(user, true);
    if (user.role == auth::Role::kCoach) {
      Result<std::vector<std::string>> caseload = call.storage.users().ListCaseload(user.id);
      if (!caseload) return Fail(caseload);
      boost::json::array employees;
      for (const std::string& employee_no : *caseload) employees.emplace_back(employee_no);
      json["caseload"] = std::move(employees);
    }
    items.push_back(std::move(json));
  }
  return JsonResponse(200, boost::json::object{{"items", std::move(items)}});
}

HttpResponse PostUsers(Call& call) {
  if (!Decide(call, auth::Action::kManageUsers).allowed) return ForbiddenResponse();
  boost::json::object body;
  if (std::optional<HttpResponse> bad = ParseJsonObject(call.request, body)) return *bad;
  ObjectReader reader(body);
  auth::User user;
  std::optional<std::string> login = reader.String("login", ObjectReader::Need::kRequired, 100);
  std::optional<std::string> password =
      reader.String("password", ObjectReader::Need::kRequired, 1000);
  std::optional<std::string> role = reader.String("role", ObjectReader::Need::kRequired, 40);
  std::optional<std::string> name =
      reader.String("display_name", ObjectReader::Need::kOptional, 200);
  std::optional<std::string> employee =
      reader.String("employee_no", ObjectReader::Need::kOptional, 100);
  std::optional<std::string> monitor =
      reader.String("monitor_code", ObjectReader::Need::kOptional, 100);
  std::optional<std::string> department =
      reader.String("department_code", ObjectReader::Need::kOptional, 100);
  if (role && !auth::ParseRole(*role)) {
    reader.AddViolation("role",
                        "one of admin, monitor, reviewer, coach, department_head, employee, "
                        "auditor");
  }
  if (Result<void> valid = reader.Finish(); !valid) return Fail(valid);
  user.login = *login;
  user.role = *auth::ParseRole(*role);
  user.display_name = name.value_or("");
  user.employee_no = employee.value_or("");
  user.monitor_code = monitor.value_or("");
  user.department_code = department.value_or("");
  Result<void> added = programme::AddUser(call.storage, *call.shared.hasher, user, *password);
  if (!added) {
    // Field names of the JSON body rather than the command line's options.
    std::vector<FieldViolation> fields;
    for (FieldViolation violation : added.error().violations()) {
      std::string field = violation.field;
      for (char& c : field) c = c == '-' ? '_' : c;
      if (field.empty()) field = "password";
      fields.emplace_back(field, violation.message);
    }
    if (added.error().code() == ErrorCode::kInvalidArgument && fields.empty()) {
      fields.emplace_back("password", added.error().message());
    }
    return ErrorResponse(Error(added.error().code(), added.error().message(), fields));
  }
  Result<std::optional<auth::User>> stored = call.storage.users().FindUser(user.login);
  if (!stored || !*stored) return NotFoundResponse();
  return JsonResponse(201, UserJson(**stored, true));
}

HttpResponse PatchUser(Call& call) {
  if (!Decide(call, auth::Action::kManageUsers).allowed) return ForbiddenResponse();
  boost::json::object body;
  if (std::optional<HttpResponse> bad = ParseJsonObject(call.request, body)) return *bad;
  ObjectReader reader(body);
  std::optional<bool> active = reader.Bool("active", ObjectReader::Need::kOptional);
  const boost::json::array* caseload = reader.Array("caseload", ObjectReader::Need::kOptional);
  std::vector<std::string> employee_nos;
  if (caseload != nullptr) {
    for (std::size_t i = 0; i < caseload->size(); ++i) {
      if (!(*caseload)[i].is_string()) {
        reader.AddViolation("caseload/" + std::to_string(i), "must be an employee number");
        continue;
      }
      employee_nos.emplace_back((*caseload)[i].get_string());
    }
  }
  if (Result<void> valid = reader.Finish(); !valid) return Fail(valid);
  Result<std::optional<auth::User>> user =
      call.storage.users().FindUser(call.request.PathParam("login"));
  if (!user) return Fail(user);
  if (!*user) return NotFoundResponse("사용자를 찾을 수 없습니다");
  const std::int64_t id = (*user)->id;
  if (caseload != nullptr && (*user)->role != auth::Role::kCoach) {
    return ErrorResponse(InvalidArgument("담당 직원은 코치 계정에만 둘 수 있습니다",
                                         {{"caseload", "only coaches have a caseload"}}));
  }
  Result<void> changed = call.storage.InTransaction([&]() -> Result<void> {
    if (active) {
      if (Result<void> set = call.storage.users().SetActive(id, *active); !set) return set;
      if (!*active) {
        if (Result<void> ended = EndSessions(call, id); !ended) return ended;
      }
    }
    if (caseload != nullptr) return call.storage.users().SetCaseload(id, employee_nos);
    return Ok();
  });
  if (!changed) return Fail(changed);
  Result<std::optional<auth::User>> updated = call.storage.users().FindUserById(id);
  if (!updated || !*updated) return NotFoundResponse();
  return JsonResponse(200, UserJson(**updated, true));
}

}  // namespace chinjeol::http::internal
