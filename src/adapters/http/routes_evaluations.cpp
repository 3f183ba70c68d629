// The plan, a monitor's assignments, evaluations (lists, detail, drafting, submission, review)
// and call recordings.
#include <sys/stat.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <fstream>
#include <map>
#include <set>

#include "adapters/digest/digest.hpp"
#include "adapters/http/internal/call.hpp"
#include "core/fieldwork/fieldwork.hpp"
#include "core/planning/release.hpp"
#include "core/publication/results.hpp"
#include "core/rubric/observation.hpp"
#include "core/rubric/scoring.hpp"

namespace chinjeol::http::internal {
namespace {

// Monitor names by code, for the admin and the monitor themself.
Result<std::map<std::string, std::string>> MonitorNames(Call& call) {
  Result<std::vector<org::Monitor>> monitors = call.storage.organisation().ListMonitors();
  if (!monitors) return monitors.error();
  std::map<std::string, std::string> names;
  for (const org::Monitor& monitor : *monitors) names[monitor.code] = monitor.name;
  return names;
}

void PutMonitor(Call& call, boost::json::object& json, std::string_view campaign_code,
                const std::string& monitor_code, auth::MonitorView view,
                const std::map<std::string, std::string>* names) {
  switch (view) {
    case auth::MonitorView::kIdentity: {
      std::string name;
      if (names != nullptr) {
        const auto found = names->find(monitor_code);
        if (found != names->end()) name = found->second;
      }
      json["monitor"] = boost::json::object{{"code", monitor_code}, {"name", name}};
      break;
    }
    case auth::MonitorView::kPseudonym:
      json["monitor_ref"] = MonitorRef(call, campaign_code, monitor_code);
      break;
    case auth::MonitorView::kHidden:
      break;
  }
}

boost::json::object ScoreJson(const rubric::ContactScore& score) {
  boost::json::array items;
  for (const rubric::ItemScore& item : score.items) {
    items.push_back(boost::json::object{{"item_id", item.item_id},
                                        {"points", OptionalNumber(item.points)},
                                        {"max_points", item.max_points}});
  }
  boost::json::array stages;
  for (const rubric::StageScore& stage : score.stages) {
    stages.push_back(boost::json::object{
        {"stage", stage.stage}, {"points", stage.points}, {"max_points", stage.max_points}});
  }
  return boost::json::object{{"total", score.total},
                             {"capped", score.capped},
                             {"items", std::move(items)},
                             {"stages", std::move(stages)}};
}

boost::json::value RecordingJson(const std::optional<results::Recording>& recording) {
  if (!recording) return nullptr;
  return boost::json::object{{"content_type", recording->content_type},
                             {"size", recording->size},
                             {"sha256", recording->sha256},
                             {"uploaded_at", FormatLocalDateTime(recording->uploaded_at)}};
}

Result<boost::json::object> EvaluationJson(Call& call, const evaluation::Evaluation& evaluation,
                                           auth::MonitorView view) {
  results::EvaluationRow row;
  row.id = evaluation.id;
  row.code = evaluation.code;
  row.campaign_code = evaluation.campaign_code;
  row.employee_no = evaluation.employee_no;
  row.department_code = evaluation.department_code;
  row.monitor_code = evaluation.monitor_code;
  row.scenario_code = evaluation.scenario_code;
  row.channel = evaluation.channel;
  row.performed_at = evaluation.performed_at;
  row.round = evaluation.round;
  row.state = evaluation.state;
  if (evaluation.score) row.score = evaluation.score->total;
  row.flags = evaluation.flags;
  Result<std::vector<org::Employee>> employee =
      call.storage.results().FindEmployees({evaluation.employee_no});
  if (!employee) return employee.error();
  if (!employee->empty()) row.employee_name = employee->front().name;
  boost::json::object json = EvaluationRowJson(call, row, view);
  if (view == auth::MonitorView::kIdentity) {
    Result<std::map<std::string, std::string>> names = MonitorNames(call);
    if (!names) return names.error();
    PutMonitor(call, json, evaluation.campaign_code, evaluation.monitor_code, view, &*names);
  }
  json["rubric"] =
      boost::json::object{{"code", evaluation.rubric_code}, {"version", evaluation.rubric_version}};
  boost::json::object observations;
  for (const rubric::ItemObservation& observation : evaluation.observations) {
    observations[observation.item_id] = rubric::FormatObservation(observation.observation);
  }
  json["observations"] = std::move(observations);
  if (evaluation.score) {
    json["score_detail"] = ScoreJson(*evaluation.score);
  } else {
    json["score_detail"] = nullptr;
  }
  json["review_reason"] = evaluation.review_reason;
  json["notes"] = evaluation.notes;
  Result<std::optional<results::Recording>> recording =
      call.storage.results().FindRecording(evaluation.id);
  if (!recording) return recording.error();
  json["recording"] = RecordingJson(*recording);
  return json;
}

HttpResponse EvaluationResponse(Call& call, int status, const evaluation::Evaluation& evaluation,
                                auth::MonitorView view) {
  Result<boost::json::object> json = EvaluationJson(call, evaluation, view);
  if (!json) return Fail(json);
  return JsonResponse(status, *json);
}

boost::json::object AssignmentJson(const planning::Assignment& assignment, bool released) {
  char start[8];
  std::snprintf(start, sizeof start, "%02d:%02d", (assignment.start_minute / 60) % 100,
                assignment.start_minute % 60);
  return boost::json::object{{"code", assignment.code},
                             {"campaign", assignment.campaign},
                             {"round", assignment.round},
                             {"channel", ChannelCode(assignment.channel)},
                             {"employee_no", assignment.employee_no},
                             {"department_code", assignment.department_code},
                             {"date", FormatDate(assignment.date)},
                             {"start", start},
                             {"duration_minutes", assignment.duration_minutes},
                             {"monitor_code", assignment.monitor_code},
                             {"scenario_code", assignment.scenario_code},
                             {"release_at", FormatLocalDateTime(assignment.release_at)},
                             {"status", planning::AssignmentStatusCode(assignment.status)},
                             {"released", released}};
}

// The fieldwork use cases' view of this request: who, when, and how the audit log names it.
fieldwork::Context FieldworkContext(const Call& call) {
  return fieldwork::Context{call.actor, call.local_now, AuditStamp(call)};
}

// Reads a monitor's changes to a sheet; violations name the JSON path.
Result<fieldwork::SheetChanges> ReadSheetChanges(const boost::json::object& body) {
  ObjectReader reader(body);
  fieldwork::SheetChanges changes;
  std::optional<std::string> performed_at =
      reader.String("performed_at", ObjectReader::Need::kOptional, 40);
  changes.employee_no = reader.String("employee_no", ObjectReader::Need::kOptional, 100);
  changes.notes = reader.String("notes", ObjectReader::Need::kOptional, 8000);
  const boost::json::array* flags = reader.Array("flags", ObjectReader::Need::kOptional);
  const boost::json::object* observations =
      reader.Object("observations", ObjectReader::Need::kOptional);
  if (performed_at) {
    changes.performed_at = ParseLocalDateTime(*performed_at);
    if (!changes.performed_at)
      reader.AddViolation("performed_at", "local time YYYY-MM-DDTHH:MM:SS");
  }
  if (flags != nullptr) {
    changes.flags.emplace();
    for (std::size_t i = 0; i < flags->size(); ++i) {
      if (!(*flags)[i].is_string()) {
        reader.AddViolation("flags/" + std::to_string(i), "one of the rubric's flags");
        continue;
      }
      changes.flags->emplace_back((*flags)[i].get_string());
    }
  }
  if (observations != nullptr) {
    changes.observations.emplace();
    for (const auto& entry : *observations) {
      if (!entry.value().is_string()) {
        reader.AddViolation("observations/" + std::string(entry.key()), "must be a string");
        continue;
      }
      changes.observations->emplace_back(std::string(entry.key()),
                                         std::string(entry.value().get_string()));
    }
  }
  if (Result<void> valid = reader.Finish(); !valid) return valid.error();
  return changes;
}

// The file extension and sniffed check of an allowed recording type; empty when not allowed.
std::string RecordingExtension(std::string_view content_type) {
  static constexpr std::pair<std::string_view, std::string_view> kTypes[] = {
      {"audio/mpeg", "mp3"},  {"audio/mp4", "m4a"},   {"audio/wav", "wav"},
      {"audio/x-wav", "wav"}, {"audio/webm", "webm"}, {"audio/ogg", "ogg"}};
  const std::string_view media = content_type.substr(0, content_type.find(';'));
  for (const auto& [type, extension] : kTypes) {
    if (media == type) return std::string(extension);
  }
  return {};
}

// Whether the file starts like the format it claims to be.
bool LooksLike(const std::string& path, std::string_view extension) {
  std::array<unsigned char, 12> head{};
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) return false;
  const std::size_t read = std::fread(head.data(), 1, head.size(), file);
  std::fclose(file);
  if (read < 12) return false;
  const auto starts = [&](std::string_view magic, std::size_t at = 0) {
    return std::equal(magic.begin(), magic.end(), head.begin() + static_cast<long>(at),
                      [](char a, unsigned char b) { return static_cast<unsigned char>(a) == b; });
  };
  if (extension == "mp3") return starts("ID3") || (head[0] == 0xFF && (head[1] & 0xE0) == 0xE0);
  if (extension == "m4a") return starts("ftyp", 4);
  if (extension == "wav") return starts("RIFF") && starts("WAVE", 8);
  if (extension == "webm")
    return head[0] == 0x1A && head[1] == 0x45 && head[2] == 0xDF && head[3] == 0xA3;
  if (extension == "ogg") return starts("OggS");
  return false;
}

}  // namespace

boost::json::object EvaluationRowJson(Call& call, const results::EvaluationRow& row,
                                      auth::MonitorView view) {
  boost::json::array flags;
  for (const std::string& flag : row.flags) flags.emplace_back(flag);
  boost::json::object json{{"id", row.id},
                           {"code", row.code},
                           {"campaign", row.campaign_code},
                           {"employee_no", row.employee_no},
                           {"employee_name", row.employee_name},
                           {"department_code", row.department_code},
                           {"scenario_code", row.scenario_code},
                           {"channel", ChannelCode(row.channel)},
                           {"performed_at", FormatLocalDateTime(row.performed_at)},
                           {"round", row.round},
                           {"state", evaluation::ReviewStateCode(row.state)},
                           {"score", OptionalNumber(row.score)},
                           {"flags", std::move(flags)}};
  if (view != auth::MonitorView::kIdentity) {
    PutMonitor(call, json, row.campaign_code, row.monitor_code, view, nullptr);
  }
  return json;
}

HttpResponse GetPlan(Call& call) {
  if (!Decide(call, auth::Action::kReadPlan).allowed) return ForbiddenResponse();
  Paging paging;
  if (std::optional<HttpResponse> bad = ReadPaging(call.request, paging)) return *bad;
  const std::string campaign_code(call.request.PathParam("code"));
  Result<std::optional<campaign::Campaign>> campaign =
      call.storage.campaigns().FindCampaign(campaign_code);
  if (!campaign) return Fail(campaign);
  if (!*campaign) return NotFoundResponse("캠페인을 찾을 수 없습니다");
  Result<std::vector<planning::Assignment>> assignments =
      call.storage.assignments().ListAssignments(campaign_code);
  if (!assignments) return Fail(assignments);
  long unreleased = 0;
  for (const planning::Assignment& assignment : *assignments) {
    unreleased += planning::IsReleased(assignment, call.local_now) ? 0 : 1;
  }
  // Every read of a schedule is written to the audit log before anything is shown, and says
  // whether it held unreleased assignments.
  if (Result<void> audited = Audit(
          call, auth::kSubjectPlan, campaign_code,
          "page " + std::to_string(paging.page) + " unreleased=" + std::to_string(unreleased));
      !audited) {
    return Fail(audited);
  }
  boost::json::array items;
  const std::size_t first = static_cast<std::size_t>(paging.offset());
  for (std::size_t i = first;
       i < assignments->size() && i < first + static_cast<std::size_t>(paging.page_size); ++i) {
    const planning::Assignment& assignment = (*assignments)[i];
    items.push_back(AssignmentJson(assignment, planning::IsReleased(assignment, call.local_now)));
  }
  boost::json::object json =
      PageObject(std::move(items), paging, static_cast<long>(assignments->size()));
  json["unreleased"] = unreleased;
  return JsonResponse(200, json);
}

HttpResponse GetMyAssignments(Call& call) {
  if (!Decide(call, auth::Action::kReadOwnAssignments).allowed) return ForbiddenResponse();
  std::string campaign_code;
  if (std::optional<HttpResponse> missing = RequireQuery(call.request, "campaign", campaign_code)) {
    return *missing;
  }
  // The filter is in the query: nothing unreleased leaves the database.
  Result<std::vector<planning::Assignment>> assignments =
      call.storage.assignments().ListReleasedAssignments(campaign_code, call.actor.monitor_code,
                                                         call.local_now);
  if (!assignments) return Fail(assignments);
  // The monitor reads the names and direct lines of the staff they are to contact.
  if (Result<void> audited = Audit(call, auth::kSubjectEmployees, campaign_code,
                                   "own assignments: " + std::to_string(assignments->size()));
      !audited) {
    return Fail(audited);
  }
  std::vector<std::string> employee_nos;
  for (const planning::Assignment& assignment : *assignments) {
    if (!assignment.employee_no.empty()) employee_nos.push_back(assignment.employee_no);
  }
  Result<std::vector<org::Employee>> employees = call.storage.results().FindEmployees(employee_nos);
  if (!employees) return Fail(employees);
  std::map<std::string, const org::Employee*> employee_of;
  for (const org::Employee& employee : *employees) employee_of[employee.employee_no] = &employee;
  Result<std::vector<org::Scenario>> scenarios = call.storage.organisation().ListScenarios();
  if (!scenarios) return Fail(scenarios);
  std::map<std::string, const org::Scenario*> scenario_of;
  for (const org::Scenario& scenario : *scenarios) scenario_of[scenario.code] = &scenario;
  Result<std::vector<org::Department>> departments = call.storage.organisation().ListDepartments();
  if (!departments) return Fail(departments);
  std::map<std::string, std::string> department_name;
  for (const org::Department& department : *departments) {
    department_name[department.code] = department.name;
  }
  results::EvaluationFilter filter;
  filter.campaign_code = campaign_code;
  filter.monitor_code = call.actor.monitor_code;
  filter.limit = 100000;
  Result<results::EvaluationPage> evaluations = call.storage.results().ListEvaluations(filter);
  if (!evaluations) return Fail(evaluations);
  std::map<std::string, std::int64_t> evaluation_of;
  for (const results::EvaluationRow& row : evaluations->rows) evaluation_of[row.code] = row.id;
  boost::json::array items;
  for (const planning::Assignment& assignment : *assignments) {
    boost::json::object json = AssignmentJson(assignment, true);
    if (const auto found = employee_of.find(assignment.employee_no); found != employee_of.end()) {
      json["employee_name"] = found->second->name;
      json["phone"] = found->second->phone;
    }
    json["department_name"] = department_name[assignment.department_code];
    if (const auto found = scenario_of.find(assignment.scenario_code); found != scenario_of.end()) {
      json["scenario_title"] = found->second->title;
      json["scenario_script"] = found->second->script;
    }
    if (const auto found = evaluation_of.find(assignment.code); found != evaluation_of.end()) {
      json["evaluation_id"] = found->second;
    } else {
      json["evaluation_id"] = nullptr;
    }
    items.push_back(std::move(json));
  }
  return JsonResponse(200, boost::json::object{{"items", std::move(items)}});
}

HttpResponse GetEvaluations(Call& call) {
  const auth::Decision decision = Decide(call, auth::Action::kListEvaluations);
  if (!decision.allowed) return ForbiddenResponse();
  Paging paging;
  if (std::optional<HttpResponse> bad = ReadPaging(call.request, paging)) return *bad;
  results::EvaluationFilter filter;
  if (std::optional<HttpResponse> missing =
          RequireQuery(call.request, "campaign", filter.campaign_code)) {
    return *missing;
  }
  if (std::optional<std::string_view> state = call.request.Query("state");
      state && !state->empty()) {
    filter.state = evaluation::ParseReviewState(*state);
    if (!filter.state) {
      return ErrorResponse(
          InvalidArgument("state는 draft, submitted, returned, approved, void 중 하나입니다",
                          {{"state", "draft | submitted | returned | approved | void"}}));
    }
  }
  if (decision.scope == auth::Scope::kOwnMonitor) filter.monitor_code = call.actor.monitor_code;
  filter.reviewable_only = call.actor.role == auth::Role::kReviewer;
  filter.offset = paging.offset();
  filter.limit = paging.page_size;
  Result<results::EvaluationPage> page = call.storage.results().ListEvaluations(filter);
  if (!page) return Fail(page);
  if (decision.audit) {
    if (Result<void> audited = Audit(call, auth::kSubjectEmployees, filter.campaign_code,
                                     "evaluations page " + std::to_string(paging.page));
        !audited) {
      return Fail(audited);
    }
  }
  std::map<std::string, std::string> names;
  if (decision.monitor_view == auth::MonitorView::kIdentity) {
    Result<std::map<std::string, std::string>> loaded = MonitorNames(call);
    if (!loaded) return Fail(loaded);
    names = *std::move(loaded);
  }
  boost::json::array items;
  for (const results::EvaluationRow& row : page->rows) {
    boost::json::object json = EvaluationRowJson(call, row, decision.monitor_view);
    if (decision.monitor_view == auth::MonitorView::kIdentity) {
      PutMonitor(call, json, row.campaign_code, row.monitor_code, decision.monitor_view, &names);
    }
    items.push_back(std::move(json));
  }
  return JsonResponse(200, PageObject(std::move(items), paging, page->total));
}

HttpResponse PostEvaluations(Call& call) {
  if (!RoleMay(call, auth::Action::kDraftEvaluation)) return ForbiddenResponse();
  boost::json::object body;
  if (std::optional<HttpResponse> bad = ParseJsonObject(call.request, body)) return *bad;
  ObjectReader reader(body);
  std::optional<std::string> campaign_code =
      reader.String("campaign", ObjectReader::Need::kRequired, 100);
  std::optional<std::string> assignment_code =
      reader.String("assignment_code", ObjectReader::Need::kRequired, 100);
  std::optional<std::string> employee_no =
      reader.String("employee_no", ObjectReader::Need::kOptional, 100);
  if (Result<void> valid = reader.Finish(); !valid) return Fail(valid);
  Result<evaluation::Evaluation> sheet = fieldwork::StartSheet(
      call.storage, FieldworkContext(call), *campaign_code, *assignment_code, employee_no);
  if (!sheet) return Fail(sheet);
  return EvaluationResponse(call, 201, *sheet, auth::MonitorView::kIdentity);
}

HttpResponse GetEvaluation(Call& call) {
  std::int64_t id = 0;
  if (std::optional<HttpResponse> bad = PathId(call.request, "id", id)) return *bad;
  Result<fieldwork::SheetAccess> found = fieldwork::FindSheet(
      call.storage, call.actor, id, auth::Action::kReadEvaluation, call.local_now);
  if (!found) return Fail(found);
  if (found->decision.audit) {
    if (Result<void> audited = Audit(call, auth::kSubjectEmployee, found->evaluation.employee_no,
                                     "evaluation " + std::to_string(id));
        !audited) {
      return Fail(audited);
    }
  }
  return EvaluationResponse(call, 200, found->evaluation, found->decision.monitor_view);
}

HttpResponse PutEvaluation(Call& call) {
  if (!RoleMay(call, auth::Action::kEditEvaluation)) return ForbiddenResponse();
  std::int64_t id = 0;
  if (std::optional<HttpResponse> bad = PathId(call.request, "id", id)) return *bad;
  boost::json::object body;
  if (std::optional<HttpResponse> bad = ParseJsonObject(call.request, body)) return *bad;
  Result<fieldwork::SheetChanges> changes = ReadSheetChanges(body);
  if (!changes) return Fail(changes);
  Result<evaluation::Evaluation> sheet =
      fieldwork::EditSheet(call.storage, FieldworkContext(call), id, *changes);
  if (!sheet) return Fail(sheet);
  return EvaluationResponse(call, 200, *sheet, auth::MonitorView::kIdentity);
}

HttpResponse PostSubmission(Call& call) {
  if (!RoleMay(call, auth::Action::kSubmitEvaluation)) return ForbiddenResponse();
  std::int64_t id = 0;
  if (std::optional<HttpResponse> bad = PathId(call.request, "id", id)) return *bad;
  if (!call.request.body.empty()) {
    boost::json::object body;
    if (std::optional<HttpResponse> bad = ParseJsonObject(call.request, body)) return *bad;
    ObjectReader reader(body);
    if (Result<void> valid = reader.Finish(); !valid) return Fail(valid);
  }
  Result<evaluation::Evaluation> sheet =
      fieldwork::SubmitSheet(call.storage, FieldworkContext(call), id);
  if (!sheet) return Fail(sheet);
  return EvaluationResponse(call, 200, *sheet, auth::MonitorView::kIdentity);
}

HttpResponse PostReview(Call& call) {
  const auth::Decision decision = Decide(call, auth::Action::kReviewEvaluation);
  if (!decision.allowed) return ForbiddenResponse();
  std::int64_t id = 0;
  if (std::optional<HttpResponse> bad = PathId(call.request, "id", id)) return *bad;
  boost::json::object body;
  if (std::optional<HttpResponse> bad = ParseJsonObject(call.request, body)) return *bad;
  ObjectReader reader(body);
  std::optional<std::string> action_text =
      reader.String("action", ObjectReader::Need::kRequired, 20);
  std::optional<std::string> reason = reader.String("reason", ObjectReader::Need::kOptional, 4000);
  std::optional<evaluation::ReviewAction> action;
  if (action_text) {
    if (*action_text == "approve") action = evaluation::ReviewAction::kApprove;
    if (*action_text == "return") action = evaluation::ReviewAction::kReturn;
    if (*action_text == "void") action = evaluation::ReviewAction::kVoid;
    if (!action) reader.AddViolation("action", "approve, return or void");
  }
  if (Result<void> valid = reader.Finish(); !valid) return Fail(valid);
  Result<evaluation::Evaluation> reviewed = fieldwork::ReviewSheet(
      call.storage, FieldworkContext(call), id, *action, reason.value_or(""));
  if (!reviewed) return Fail(reviewed);
  return EvaluationResponse(call, 200, *reviewed, decision.monitor_view);
}

std::optional<HttpResponse> AdmitRecording(Call& call) {
  std::int64_t id = 0;
  if (std::optional<HttpResponse> bad = PathId(call.request, "id", id)) return bad;
  Result<fieldwork::SheetAccess> found = fieldwork::FindSheet(
      call.storage, call.actor, id, auth::Action::kUploadRecording, call.local_now);
  if (!found) return Fail(found);
  if (RecordingExtension(call.request.Header("content-type")).empty()) {
    return ErrorResponse(Error(
        ErrorCode::kUnsupportedType,
        "녹음 파일은 audio/mpeg, audio/mp4, audio/wav, audio/webm, audio/ogg 중 하나여야 합니다",
        {{"Content-Type", "audio/mpeg, audio/mp4, audio/wav, audio/webm or audio/ogg"}}));
  }
  return std::nullopt;
}

HttpResponse PutRecording(Call& call) {
  if (std::optional<HttpResponse> refused = AdmitRecording(call)) return *refused;
  std::int64_t id = 0;
  (void)PathId(call.request, "id", id);
  if (call.request.body_file.empty()) {
    return ErrorResponse(InvalidArgument("녹음 파일이 비어 있습니다", {{"", "empty body"}}));
  }
  const std::string extension = RecordingExtension(call.request.Header("content-type"));
  if (!LooksLike(call.request.body_file, extension)) {
    return ErrorResponse(InvalidArgument("파일 내용이 " + extension + " 형식이 아닙니다",
                                         {{"", "the bytes do not match the content type"}}));
  }
  std::int64_t size = 0;
  const std::string sha256 = digest::FileSha256Hex(call.request.body_file, size);
  if (sha256.empty()) return ErrorResponse(Internal("the uploaded file cannot be read"));
  const std::string name =
      "recordings/" + std::to_string(id) + "-" + sha256.substr(0, 16) + "." + extension;
  const std::string target = call.shared.data_dir + "/" + name;
  if (std::rename(call.request.body_file.c_str(), target.c_str()) != 0) {
    return ErrorResponse(Internal("the recording cannot be stored"));
  }
  results::Recording recording{
      id,
      name,
      std::string(call.request.Header("content-type")
                      .substr(0, call.request.Header("content-type").find(';'))),
      size,
      sha256,
      call.local_now};
  Result<std::optional<results::Recording>> previous =
      fieldwork::AttachRecording(call.storage, FieldworkContext(call), recording);
  if (!previous) {
    std::remove(target.c_str());
    return Fail(previous);
  }
  if (*previous && (*previous)->file_name != name) {
    std::remove((call.shared.data_dir + "/" + (*previous)->file_name).c_str());
  }
  return JsonResponse(200, RecordingJson(recording));
}

HttpResponse GetRecording(Call& call) {
  if (!RoleMay(call, auth::Action::kReadRecording)) return ForbiddenResponse();
  std::int64_t id = 0;
  if (std::optional<HttpResponse> bad = PathId(call.request, "id", id)) return *bad;
  Result<fieldwork::SheetAccess> loaded = fieldwork::FindSheet(
      call.storage, call.actor, id, auth::Action::kReadRecording, call.local_now);
  if (!loaded) {
    if (loaded.error().code() == ErrorCode::kNotFound)
      return NotFoundResponse("녹음을 찾을 수 없습니다");
    return Fail(loaded);
  }
  const auth::Decision& decision = loaded->decision;
  Result<std::optional<results::Recording>> recording = call.storage.results().FindRecording(id);
  if (!recording) return Fail(recording);
  if (!*recording) return NotFoundResponse("녹음을 찾을 수 없습니다");
  if (decision.audit) {
    if (Result<void> audited = Audit(call, auth::kSubjectEmployee, loaded->evaluation.employee_no,
                                     "recording of evaluation " + std::to_string(id));
        !audited) {
      return Fail(audited);
    }
  }
  HttpResponse response;
  response.file_path = call.shared.data_dir + "/" + (*recording)->file_name;
  response.SetHeader("Content-Type", (*recording)->content_type);
  response.SetHeader("Cache-Control", "no-store");
  response.SetHeader("X-Content-SHA256", (*recording)->sha256);
  response.SetHeader("Content-Disposition",
                     "attachment; filename=\"evaluation-" + std::to_string(id) + "." +
                         RecordingExtension((*recording)->content_type) + "\"");
  return response;
}

}  // namespace chinjeol::http::internal
