// The organisation (departments, employees, monitors, rubrics, scenarios), imports and their
// jobs, and the audit log.
#include <sodium.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstdio>
#include <set>

#include "adapters/clock/clock.hpp"
#include "adapters/codec/rubric_json.hpp"
#include "adapters/http/internal/call.hpp"
#include "adapters/http/internal/jobs.hpp"
#include "core/programme/setup.hpp"

namespace chinjeol::http::internal {
namespace {

boost::json::value DateOrNull(const std::optional<Date>& date) {
  if (!date) return nullptr;
  return boost::json::string(FormatDate(*date));
}

boost::json::object JobJson(const results::Job& job, const Shared& shared) {
  boost::json::object json{{"id", job.id},
                           {"kind", job.kind},
                           {"state", results::JobStateCode(job.state)},
                           {"progress", job.progress},
                           {"rows", job.rows},
                           {"message", job.message},
                           {"created_at", FormatLocalDateTime(job.created_at)}};
  json["finished_at"] = job.finished_at ? boost::json::value(FormatLocalDateTime(*job.finished_at))
                                        : boost::json::value(nullptr);
  json["result"] = nullptr;
  if (!job.result.empty()) {
    boost::json::error_code error;
    boost::json::value result = boost::json::parse(job.result, error);
    if (!error) json["result"] = std::move(result);
  }
  (void)shared;
  return json;
}

bool QueryFlag(const HttpRequest& request, std::string_view name) {
  const std::optional<std::string_view> value = request.Query(name);
  return value && (*value == "1" || *value == "true");
}

}  // namespace

HttpResponse GetDepartments(Call& call) {
  const auth::Decision decision = Decide(call, auth::Action::kListDepartments);
  if (!decision.allowed) return ForbiddenResponse();
  Result<std::vector<org::Department>> departments = call.storage.organisation().ListDepartments();
  if (!departments) return Fail(departments);
  std::set<std::string> visible;
  if (decision.scope == auth::Scope::kCaseload) {
    Result<std::vector<std::string>> caseload =
        call.storage.users().ListCaseload(call.actor.user_id);
    if (!caseload) return Fail(caseload);
    Result<std::vector<org::Employee>> employees = call.storage.results().FindEmployees(*caseload);
    if (!employees) return Fail(employees);
    for (const org::Employee& employee : *employees) visible.insert(employee.department_code);
  }
  boost::json::array items;
  for (const org::Department& department : *departments) {
    if (decision.scope == auth::Scope::kOwnDepartment &&
        department.code != call.actor.department_code) {
      continue;
    }
    if (decision.scope == auth::Scope::kCaseload && !visible.contains(department.code)) continue;
    items.push_back(
        boost::json::object{{"code", department.code},
                            {"name", department.name},
                            {"group", org::DepartmentGroupCode(department.group)},
                            {"group_name", org::DepartmentGroupNameKo(department.group)}});
  }
  return JsonResponse(200, boost::json::object{{"items", std::move(items)}});
}

HttpResponse GetEmployees(Call& call) {
  const auth::Decision decision = Decide(call, auth::Action::kListEmployees);
  if (!decision.allowed) return ForbiddenResponse();
  Paging paging;
  if (std::optional<HttpResponse> bad = ReadPaging(call.request, paging)) return *bad;
  const std::string department(call.request.Query("department").value_or(""));
  std::vector<org::Employee> employees;
  std::string scope_text = department.empty() ? "*" : department;
  if (decision.scope == auth::Scope::kCaseload) {
    Result<std::vector<std::string>> caseload =
        call.storage.users().ListCaseload(call.actor.user_id);
    if (!caseload) return Fail(caseload);
    Result<std::vector<org::Employee>> found = call.storage.results().FindEmployees(*caseload);
    if (!found) return Fail(found);
    employees = *std::move(found);
    scope_text = "caseload";
  } else {
    Result<std::vector<org::Employee>> all = call.storage.organisation().ListEmployees();
    if (!all) return Fail(all);
    employees = *std::move(all);
  }
  std::vector<const org::Employee*> listed;
  for (const org::Employee& employee : employees) {
    if (decision.scope == auth::Scope::kOwnDepartment &&
        employee.department_code != call.actor.department_code) {
      continue;
    }
    if (!department.empty() && employee.department_code != department) continue;
    listed.push_back(&employee);
  }
  if (decision.scope == auth::Scope::kOwnDepartment) scope_text = call.actor.department_code;
  if (Result<void> audited =
          Audit(call, auth::kSubjectEmployees, scope_text, "page " + std::to_string(paging.page));
      !audited) {
    return Fail(audited);
  }
  boost::json::array items;
  const std::size_t first = static_cast<std::size_t>(paging.offset());
  for (std::size_t i = first;
       i < listed.size() && i < first + static_cast<std::size_t>(paging.page_size); ++i) {
    const org::Employee& employee = *listed[i];
    boost::json::object json{{"employee_no", employee.employee_no},
                             {"department_code", employee.department_code},
                             {"active", employee.active}};
    if (decision.employee_view == auth::EmployeeView::kFull) {
      json["name"] = employee.name;
      json["position"] = employee.position;
      json["phone"] = employee.phone;
      json["counter"] = employee.counter;
    }
    items.push_back(std::move(json));
  }
  return JsonResponse(200, PageObject(std::move(items), paging, static_cast<long>(listed.size())));
}

HttpResponse GetMonitors(Call& call) {
  const auth::Decision decision = Decide(call, auth::Action::kListMonitors);
  if (!decision.allowed) return ForbiddenResponse();
  Result<std::vector<org::Monitor>> monitors = call.storage.organisation().ListMonitors();
  if (!monitors) return Fail(monitors);
  if (decision.audit) {
    if (Result<void> audited = Audit(call, auth::kSubjectMonitors, "*"); !audited) {
      return Fail(audited);
    }
  }
  boost::json::array items;
  for (const org::Monitor& monitor : *monitors) {
    if (decision.scope == auth::Scope::kOwnMonitor && monitor.code != call.actor.monitor_code) {
      continue;
    }
    items.push_back(boost::json::object{{"code", monitor.code},
                                        {"name", monitor.name},
                                        {"gender", monitor.gender},
                                        {"age_band", monitor.age_band},
                                        {"phone_per_day", monitor.phone_per_day},
                                        {"visit_per_day", monitor.visit_per_day},
                                        {"available_from", DateOrNull(monitor.available_from)},
                                        {"available_to", DateOrNull(monitor.available_to)},
                                        {"active", monitor.active}});
  }
  return JsonResponse(200, boost::json::object{{"items", std::move(items)}});
}

HttpResponse GetRubrics(Call& call) {
  if (!Decide(call, auth::Action::kListRubrics).allowed) return ForbiddenResponse();
  Result<std::vector<rubric::Rubric>> rubrics = call.storage.rubrics().ListRubrics();
  if (!rubrics) return Fail(rubrics);
  boost::json::array items;
  for (const rubric::Rubric& rubric : *rubrics) {
    items.push_back(boost::json::parse(codec::RubricToJson(rubric)));
  }
  return JsonResponse(200, boost::json::object{{"items", std::move(items)}});
}

HttpResponse PostRubrics(Call& call) {
  if (!Decide(call, auth::Action::kAddRubric).allowed) return ForbiddenResponse();
  boost::json::object body;
  if (std::optional<HttpResponse> bad = ParseJsonObject(call.request, body)) return *bad;
  Result<rubric::Rubric> parsed = codec::RubricFromJson(call.request.body);
  if (!parsed) return Fail(parsed);
  Result<rubric::Rubric> added = programme::AddRubricVersion(call.storage, *std::move(parsed));
  if (!added) return Fail(added);
  return JsonResponse(201, boost::json::parse(codec::RubricToJson(*added)));
}

HttpResponse GetScenarios(Call& call) {
  const auth::Decision decision = Decide(call, auth::Action::kListScenarios);
  if (!decision.allowed) return ForbiddenResponse();
  Result<std::vector<org::Scenario>> scenarios = call.storage.organisation().ListScenarios();
  if (!scenarios) return Fail(scenarios);
  std::set<std::string> visible;
  if (decision.scope == auth::Scope::kOwnMonitor) {
    Result<std::vector<campaign::CampaignSummary>> campaigns =
        call.storage.campaigns().ListCampaigns();
    if (!campaigns) return Fail(campaigns);
    for (const campaign::CampaignSummary& summary : *campaigns) {
      Result<std::vector<planning::Assignment>> released =
          call.storage.assignments().ListReleasedAssignments(
              summary.campaign.code, call.actor.monitor_code, call.local_now);
      if (!released) return Fail(released);
      for (const planning::Assignment& assignment : *released) {
        visible.insert(assignment.scenario_code);
      }
    }
  }
  boost::json::array items;
  for (const org::Scenario& scenario : *scenarios) {
    if (decision.scope == auth::Scope::kOwnMonitor && !visible.contains(scenario.code)) continue;
    items.push_back(boost::json::object{{"code", scenario.code},
                                        {"department_code", scenario.department_code},
                                        {"channel", ChannelCode(scenario.channel)},
                                        {"title", scenario.title},
                                        {"script", scenario.script},
                                        {"abusive", scenario.abusive}});
  }
  return JsonResponse(200, boost::json::object{{"items", std::move(items)}});
}

HttpResponse PostImport(Call& call) {
  if (!Decide(call, auth::Action::kImport).allowed) return ForbiddenResponse();
  const std::string kind(call.request.PathParam("kind"));
  if (kind != "roster" && kind != "monitors" && kind != "scenarios" && kind != "evaluations") {
    return NotFoundResponse("가져올 수 있는 것은 roster, monitors, scenarios, evaluations 입니다");
  }
  const std::string_view type = call.request.Header("content-type");
  const std::string_view media = type.substr(0, type.find(';'));
  std::string extension;
  if (media == "text/csv") extension = ".csv";
  if (media == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet") {
    extension = ".xlsx";
  }
  if (extension.empty()) {
    return ErrorResponse(Error(ErrorCode::kUnsupportedType,
                               "파일은 text/csv 또는 XLSX (application/vnd.openxmlformats-"
                               "officedocument.spreadsheetml.sheet) 이어야 합니다",
                               {{"Content-Type", "text/csv or an XLSX workbook"}}));
  }
  if (call.request.body_file.empty()) {
    return ErrorResponse(InvalidArgument("파일이 비어 있습니다", {{"", "empty body"}}));
  }
  Result<std::int64_t> id =
      call.storage.jobs().CreateJob("import:" + kind, call.actor.user_id, call.local_now);
  if (!id) return Fail(id);
  // A readable name: import error messages name the file.
  const std::string file =
      call.shared.data_dir + "/imports/" + kind + "-" + std::to_string(*id) + extension;
  if (std::rename(call.request.body_file.c_str(), file.c_str()) != 0) {
    return ErrorResponse(Internal("the uploaded file cannot be kept"));
  }
  ImportJob job{*id, kind, file, QueryFlag(call.request, "pending"),
                QueryFlag(call.request, "deactivate_missing")};
  call.shared.jobs->Enqueue(std::move(job));
  Result<std::optional<results::Job>> stored = call.storage.jobs().FindJob(*id);
  if (!stored || !*stored) return NotFoundResponse();
  HttpResponse response = JsonResponse(202, JobJson(**stored, call.shared));
  response.SetHeader("Location", "/api/jobs/" + std::to_string(*id));
  return response;
}

HttpResponse GetJob(Call& call) {
  if (!Decide(call, auth::Action::kReadJob).allowed) return ForbiddenResponse();
  std::int64_t id = 0;
  if (std::optional<HttpResponse> bad = PathId(call.request, "id", id)) return *bad;
  Result<std::optional<results::Job>> job = call.storage.jobs().FindJob(id);
  if (!job) return Fail(job);
  if (!*job) return NotFoundResponse("작업을 찾을 수 없습니다");
  results::Job& found = **job;
  if (found.state == results::JobState::kRunning || found.state == results::JobState::kQueued) {
    std::lock_guard<std::mutex> lock(call.shared.progress_mutex);
    const auto live = call.shared.progress.find(id);
    if (live != call.shared.progress.end()) {
      found.progress = live->second.first;
      found.rows = live->second.second;
    }
  }
  return JsonResponse(200, JobJson(found, call.shared));
}

HttpResponse GetAuditLog(Call& call) {
  if (!Decide(call, auth::Action::kReadAuditLog).allowed) return ForbiddenResponse();
  Paging paging;
  if (std::optional<HttpResponse> bad = ReadPaging(call.request, paging)) return *bad;
  auth::AuditQuery query;
  if (std::optional<std::string_view> subject = call.request.Query("subject");
      subject && !subject->empty()) {
    query.subject = std::string(*subject);
  }
  if (std::optional<std::string_view> login = call.request.Query("login");
      login && !login->empty()) {
    query.login = std::string(*login);
  }
  query.offset = paging.offset();
  query.limit = paging.page_size;
  // The read is logged first, so that it shows in what it returns. What was searched for is
  // not repeated: it may be a name.
  if (Result<void> audited =
          Audit(call, auth::kSubjectAuditLog, query.subject || query.login ? "(filtered)" : "*",
                "page " + std::to_string(paging.page));
      !audited) {
    return Fail(audited);
  }
  // Monitors' accounts and identities stay secret from everyone but the admin: the auditor
  // sees a stable pseudonym instead, enough to follow one account through the log, no address,
  // and cannot search for a monitor's login or code (such a search finds nothing, as for a
  // login that does not exist). Nor does any search match a monitor's rows, in the page or in
  // its total: whose data a monitor opened is whom they are about to contact.
  const bool reveal_monitors = call.actor.role == auth::Role::kAdmin;
  std::set<std::string> monitor_logins;
  std::set<std::string> monitor_codes;
  if (!reveal_monitors) {
    query.filters_skip_monitor_rows = true;
    Result<std::vector<auth::User>> users = call.storage.users().ListUsers();
    if (!users) return Fail(users);
    for (const auth::User& user : *users) {
      if (user.role != auth::Role::kMonitor) continue;
      monitor_logins.insert(user.login);
      if (!user.monitor_code.empty()) monitor_codes.insert(user.monitor_code);
    }
    const auto names_monitor = [&](const std::optional<std::string>& text) {
      return text && (monitor_logins.contains(*text) || monitor_codes.contains(*text));
    };
    if (names_monitor(query.login) || names_monitor(query.subject)) {
      return JsonResponse(200, PageObject(boost::json::array(), paging, 0));
    }
  }
  Result<auth::AuditPage> page = call.storage.audit_log().List(query);
  if (!page) return Fail(page);
  boost::json::array items;
  for (const auth::AuditEntry& entry : page->entries) {
    const bool monitor_account =
        entry.role == auth::RoleCode(auth::Role::kMonitor) || monitor_logins.contains(entry.login);
    const bool hide = monitor_account && !reveal_monitors;
    const std::string login =
        hide ? "monitor " + MonitorRef(call, "audit", entry.login) : entry.login;
    std::string subject = entry.subject;
    std::string detail = entry.detail;
    if (hide && entry.subject_kind != auth::kSubjectAccount) {
      // Whose data a monitor opened is whom they are about to contact: fieldwork the auditor
      // must not be able to follow as it happens, neither by the subject nor by a record id.
      subject = "(fieldwork)";
      detail.clear();
    } else if (!reveal_monitors) {
      if (monitor_logins.contains(entry.subject)) {
        subject = "monitor " + MonitorRef(call, "audit", entry.subject);
      } else if (entry.subject_kind == auth::kSubjectMonitor ||
                 monitor_codes.contains(entry.subject)) {
        subject = MonitorRef(call, "audit", entry.subject);
      }
    }
    // The hashes of rows written before the chain was keyed are plain SHA-256 of their fields:
    // against them a hidden field could be guessed, so only the admin gets them.
    const bool show_row_hash = reveal_monitors || entry.keyed;
    const bool show_prev_hash =
        reveal_monitors || (entry.keyed && !auth::IsAuditKeyedMarker(entry));
    items.push_back(boost::json::object{{"id", entry.id},
                                        {"at", entry.at},
                                        {"login", login},
                                        {"role", entry.role},
                                        {"ip", hide ? std::string() : entry.ip},
                                        {"action", entry.action},
                                        {"subject_kind", entry.subject_kind},
                                        {"subject", subject},
                                        {"detail", detail},
                                        {"prev_hash", show_prev_hash ? entry.prev_hash : ""},
                                        {"row_hash", show_row_hash ? entry.row_hash : ""}});
  }
  return JsonResponse(200, PageObject(std::move(items), paging, page->total));
}

HttpResponse GetAuditVerification(Call& call) {
  if (!Decide(call, auth::Action::kReadAuditLog).allowed) return ForbiddenResponse();
  Result<auth::AuditVerification> verification = call.storage.audit_log().Verify();
  if (!verification) return Fail(verification);
  boost::json::object json{{"intact", verification->intact},
                           {"checked", verification->checked},
                           {"unkeyed", verification->unkeyed},
                           {"problem", verification->problem},
                           {"head_hash", verification->head_hash}};
  json["keyed_from"] = verification->keyed_from ? boost::json::value(*verification->keyed_from)
                                                : boost::json::value(nullptr);
  json["first_broken_id"] = verification->first_broken_id
                                ? boost::json::value(*verification->first_broken_id)
                                : boost::json::value(nullptr);
  return JsonResponse(200, json);
}

HttpResponse GetAuditHead(Call& call) {
  if (!Decide(call, auth::Action::kReadAuditLog).allowed) return ForbiddenResponse();
  // Logged first: the head handed out covers the record of its own export.
  if (Result<void> audited = Audit(call, auth::kSubjectAuditLog, "*", "head exported"); !audited) {
    return Fail(audited);
  }
  Result<auth::AuditHead> head = call.storage.audit_log().Head();
  if (!head) return Fail(head);
  boost::json::object json{
      {"entries", head->entries}, {"head_hash", head->head_hash}, {"at", clock::UtcText(call.now)}};
  json["last_id"] =
      head->last_id ? boost::json::value(*head->last_id) : boost::json::value(nullptr);
  return JsonResponse(200, json);
}

namespace {

// The fields of a request's JSON body that an account's audit entry names (never a password).
boost::json::object BodyObject(const Call& call) {
  boost::json::error_code error;
  boost::json::value body = boost::json::parse(call.request.body, error);
  if (error || !body.is_object()) return {};
  return body.as_object();
}

std::string StringField(const boost::json::object& body, std::string_view name) {
  const boost::json::value* value = body.if_contains(name);
  return value != nullptr && value->is_string() ? std::string(value->get_string()) : std::string();
}

// An account change that went through is recorded; a failure to record it is logged for the
// operator (the change itself is already saved).
void RecordAccountChange(Call& call, const HttpResponse& response, std::string_view login,
                         std::string_view detail) {
  if (response.status < 200 || response.status >= 300) return;
  if (Result<void> audited = Audit(call, auth::kSubjectAccount, login, detail); !audited) {
    spdlog::error("{} {}: the audit entry was not written: {}", call.request.method,
                  call.route.pattern, audited.error().message());
  }
}

}  // namespace

HttpResponse PostUsersAudited(Call& call) {
  HttpResponse response = PostUsers(call);
  const boost::json::object body = BodyObject(call);
  RecordAccountChange(call, response, StringField(body, "login"),
                      "created role=" + StringField(body, "role"));
  return response;
}

HttpResponse PatchUserAudited(Call& call) {
  HttpResponse response = PatchUser(call);
  const boost::json::object body = BodyObject(call);
  std::string detail;
  if (const boost::json::value* active = body.if_contains("active");
      active != nullptr && active->is_bool()) {
    detail = active->get_bool() ? "active=true" : "active=false";
  }
  if (const boost::json::value* caseload = body.if_contains("caseload");
      caseload != nullptr && caseload->is_array()) {
    if (!detail.empty()) detail += "; ";
    detail += "caseload=" + std::to_string(caseload->as_array().size()) + " employees";
  }
  RecordAccountChange(call, response, call.request.PathParam("login"),
                      detail.empty() ? "changed" : detail);
  return response;
}

}  // namespace chinjeol::http::internal
