// The plan, a monitor's assignments, evaluations (lists, detail, drafting, submission, review)
// and call recordings.
#include <sodium.h>
#include <sys/stat.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <fstream>
#include <map>
#include <set>

#include "adapters/http/internal/call.hpp"
#include "core/access/results.hpp"
#include "core/planning/release.hpp"
#include "core/rubric/observation.hpp"
#include "core/rubric/scoring.hpp"

namespace chinjeol::http::internal {
namespace {

// What the policy needs to know about an evaluation, with the evaluation.
struct Loaded {
  evaluation::Evaluation evaluation;
  auth::Subject subject;
};

bool IsFinal(evaluation::ReviewState state) {
  return state == evaluation::ReviewState::kApproved || state == evaluation::ReviewState::kVoid;
}

bool IsEditable(evaluation::ReviewState state) {
  return state == evaluation::ReviewState::kDraft || state == evaluation::ReviewState::kReturned;
}

Result<std::optional<Loaded>> LoadEvaluation(Call& call, std::int64_t id) {
  Result<std::optional<evaluation::Evaluation>> found =
      call.storage.evaluations().FindEvaluation(id);
  if (!found) return found.error();
  if (!*found) return std::optional<Loaded>();
  Loaded loaded{**std::move(found), {}};
  const evaluation::Evaluation& evaluation = loaded.evaluation;
  auth::Subject& subject = loaded.subject;
  subject.employee_no = evaluation.employee_no;
  subject.department_code = evaluation.department_code;
  subject.monitor_code = evaluation.monitor_code;
  subject.final_review = IsFinal(evaluation.state);
  subject.editable = IsEditable(evaluation.state);
  Result<std::optional<access::ResultsRelease>> release =
      call.storage.results().FindRelease(evaluation.campaign_code);
  if (!release) return release.error();
  subject.draft = evaluation.state == evaluation::ReviewState::kDraft;
  subject.results_released = access::IsPublished(*release, evaluation.performed_at, call.local_now);
  if (call.signed_in() && call.actor.role == auth::Role::kCoach) {
    Result<std::vector<std::string>> caseload =
        call.storage.users().ListCaseload(call.actor.user_id);
    if (!caseload) return caseload.error();
    subject.in_caseload =
        std::find(caseload->begin(), caseload->end(), evaluation.employee_no) != caseload->end();
  }
  return std::optional<Loaded>(std::move(loaded));
}

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

Result<rubric::Rubric> RubricOf(Call& call, const std::string& code, int version) {
  Result<std::vector<rubric::Rubric>> rubrics = call.storage.rubrics().ListRubrics();
  if (!rubrics) return rubrics.error();
  for (rubric::Rubric& rubric : *rubrics) {
    if (rubric.code == code && rubric.version == version) return std::move(rubric);
  }
  return Internal("rubric " + code + " version " + std::to_string(version) + " is missing");
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

boost::json::value RecordingJson(const std::optional<access::Recording>& recording) {
  if (!recording) return nullptr;
  return boost::json::object{{"content_type", recording->content_type},
                             {"size", recording->size},
                             {"sha256", recording->sha256},
                             {"uploaded_at", FormatLocalDateTime(recording->uploaded_at)}};
}

Result<boost::json::object> EvaluationJson(Call& call, const evaluation::Evaluation& evaluation,
                                           auth::MonitorView view) {
  access::EvaluationRow row;
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
  Result<std::optional<access::Recording>> recording =
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

// A draft the monitor may change: theirs and still a draft or returned. The error response
// otherwise: 404 for someone else's (or a missing one), 409 when it has moved on.
std::optional<HttpResponse> RequireEditable(Call& call, std::int64_t id,
                                            std::optional<Loaded>& loaded, auth::Action action) {
  if (!RoleMay(call, action)) return ForbiddenResponse();
  Result<std::optional<Loaded>> found = LoadEvaluation(call, id);
  if (!found) return Fail(found);
  // Missing, or another monitor's: the same answer.
  if (!*found || !Decide(call, auth::Action::kReadEvaluation, (*found)->subject).allowed) {
    return NotFoundResponse("평가를 찾을 수 없습니다");
  }
  if (!Decide(call, action, (*found)->subject).allowed) {
    return ErrorResponse(
        FailedPrecondition(std::string("제출된 평가는 고칠 수 없습니다 (") +
                           evaluation::ReviewStateCode((*found)->evaluation.state) + ")"));
  }
  loaded = std::move(*found);
  return std::nullopt;
}

// Reads the monitor's changes into `evaluation`; violations name the JSON path.
Result<void> ApplyChanges(Call& call, const boost::json::object& body,
                          evaluation::Evaluation& evaluation, const rubric::Rubric& rubric) {
  ObjectReader reader(body);
  std::optional<std::string> performed_at =
      reader.String("performed_at", ObjectReader::Need::kOptional, 40);
  std::optional<std::string> employee_no =
      reader.String("employee_no", ObjectReader::Need::kOptional, 100);
  std::optional<std::string> notes = reader.String("notes", ObjectReader::Need::kOptional, 8000);
  const boost::json::array* flags = reader.Array("flags", ObjectReader::Need::kOptional);
  const boost::json::object* observations =
      reader.Object("observations", ObjectReader::Need::kOptional);
  if (performed_at) {
    std::optional<LocalDateTime> parsed = ParseLocalDateTime(*performed_at);
    if (!parsed) {
      reader.AddViolation("performed_at", "local time YYYY-MM-DDTHH:MM:SS");
    } else {
      evaluation.performed_at = *parsed;
    }
  }
  if (employee_no) {
    Result<std::vector<org::Employee>> found = call.storage.results().FindEmployees({*employee_no});
    if (!found) return found.error();
    if (found->empty()) {
      reader.AddViolation("employee_no", "no such employee");
    } else {
      evaluation.employee_no = found->front().employee_no;
      evaluation.department_code = found->front().department_code;
    }
  }
  if (notes) evaluation.notes = *notes;
  if (flags != nullptr) {
    std::vector<std::string> parsed;
    for (std::size_t i = 0; i < flags->size(); ++i) {
      const boost::json::value& flag = (*flags)[i];
      if (!flag.is_string() || rubric.FindFlag(flag.get_string()) == nullptr) {
        reader.AddViolation("flags/" + std::to_string(i), "one of the rubric's flags");
        continue;
      }
      parsed.emplace_back(flag.get_string());
    }
    evaluation.flags = std::move(parsed);
  }
  if (observations != nullptr) {
    std::vector<rubric::ItemObservation> parsed;
    for (const auto& entry : *observations) {
      const std::string field = "observations/" + std::string(entry.key());
      const rubric::Item* item = rubric.FindItem(entry.key());
      if (item == nullptr) {
        reader.AddViolation(field, "the rubric has no such item");
        continue;
      }
      if (!entry.value().is_string()) {
        reader.AddViolation(field,
                            "must be a string: " + rubric::DescribeAllowedObservation(*item));
        continue;
      }
      Result<rubric::Observation> observation =
          rubric::ParseObservation(*item, entry.value().get_string());
      if (!observation) {
        reader.AddViolation(field, observation.error().message());
        continue;
      }
      parsed.push_back({item->id, *std::move(observation)});
    }
    // In rubric order, so that the stored form is stable.
    std::sort(parsed.begin(), parsed.end(),
              [&](const rubric::ItemObservation& a, const rubric::ItemObservation& b) {
                return rubric.FindItem(a.item_id) < rubric.FindItem(b.item_id);
              });
    evaluation.observations = std::move(parsed);
  }
  if (Result<void> valid = reader.Finish(); !valid) return valid;
  // A complete sheet gets its score at once, for the monitor to see; an incomplete one none.
  evaluation.score.reset();
  if (rubric::IsScored(evaluation.flags)) {
    Result<rubric::ContactScore> score =
        rubric::ScoreContact(rubric, evaluation.observations, evaluation.flags);
    if (score) evaluation.score = *std::move(score);
  }
  return Ok();
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

// Hex SHA-256 of a file, read in pieces; empty when it cannot be read.
std::string FileSha256(const std::string& path, std::int64_t& size) {
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) return {};
  crypto_hash_sha256_state state;
  crypto_hash_sha256_init(&state);
  std::array<unsigned char, 64 * 1024> buffer{};
  size = 0;
  for (;;) {
    const std::size_t read = std::fread(buffer.data(), 1, buffer.size(), file);
    if (read == 0) break;
    crypto_hash_sha256_update(&state, buffer.data(), read);
    size += static_cast<std::int64_t>(read);
  }
  std::fclose(file);
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256_final(&state, digest.data());
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  for (const unsigned char byte : digest) {
    hex += kHex[byte >> 4];
    hex += kHex[byte & 0x0f];
  }
  return hex;
}

}  // namespace

boost::json::object EvaluationRowJson(Call& call, const access::EvaluationRow& row,
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
  access::EvaluationFilter filter;
  filter.campaign_code = campaign_code;
  filter.monitor_code = call.actor.monitor_code;
  filter.limit = 100000;
  Result<access::EvaluationPage> evaluations = call.storage.results().ListEvaluations(filter);
  if (!evaluations) return Fail(evaluations);
  std::map<std::string, std::int64_t> evaluation_of;
  for (const access::EvaluationRow& row : evaluations->rows) evaluation_of[row.code] = row.id;
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
  access::EvaluationFilter filter;
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
  Result<access::EvaluationPage> page = call.storage.results().ListEvaluations(filter);
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
  for (const access::EvaluationRow& row : page->rows) {
    boost::json::object json = EvaluationRowJson(call, row, decision.monitor_view);
    if (decision.monitor_view == auth::MonitorView::kIdentity) {
      PutMonitor(call, json, row.campaign_code, row.monitor_code, decision.monitor_view, &names);
    }
    items.push_back(std::move(json));
  }
  return JsonResponse(200, PageObject(std::move(items), paging, page->total));
}

HttpResponse PostEvaluations(Call& call) {
  if (!Decide(call, auth::Action::kDraftEvaluation).allowed) return ForbiddenResponse();
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
  Result<std::vector<planning::Assignment>> released =
      call.storage.assignments().ListReleasedAssignments(*campaign_code, call.actor.monitor_code,
                                                         call.local_now);
  if (!released) return Fail(released);
  const auto assignment =
      std::find_if(released->begin(), released->end(),
                   [&](const planning::Assignment& a) { return a.code == *assignment_code; });
  // An unknown, unreleased or someone else's assignment: the same answer.
  if (assignment == released->end()) return NotFoundResponse("배정을 찾을 수 없습니다");
  evaluation::Evaluation draft;
  draft.code = assignment->code;
  draft.campaign_code = assignment->campaign;
  draft.employee_no = assignment->employee_no;
  draft.department_code = assignment->department_code;
  if (employee_no) {
    Result<std::vector<org::Employee>> found = call.storage.results().FindEmployees({*employee_no});
    if (!found) return Fail(found);
    if (found->empty()) {
      return ErrorResponse(
          InvalidArgument("직원을 찾을 수 없습니다", {{"employee_no", "no such employee"}}));
    }
    draft.employee_no = found->front().employee_no;
    draft.department_code = found->front().department_code;
  }
  if (draft.employee_no.empty()) {
    return ErrorResponse(InvalidArgument("방문 평가는 응대한 직원이 필요합니다",
                                         {{"employee_no", "required for a visit: who served"}}));
  }
  draft.monitor_code = call.actor.monitor_code;
  draft.scenario_code = assignment->scenario_code;
  draft.channel = assignment->channel;
  draft.performed_at = call.local_now;
  draft.round = assignment->round;
  draft.state = evaluation::ReviewState::kDraft;
  // The latest version of the channel's default rubric (or of any rubric of the channel).
  Result<std::vector<rubric::Rubric>> rubrics = call.storage.rubrics().ListRubrics();
  if (!rubrics) return Fail(rubrics);
  const std::string preferred =
      assignment->channel == Channel::kPhone ? "phone-default" : "visit-default";
  const rubric::Rubric* chosen = nullptr;
  for (const rubric::Rubric& rubric : *rubrics) {
    if (rubric.channel != assignment->channel) continue;
    const bool better = chosen == nullptr ||
                        (rubric.code == preferred && chosen->code != preferred) ||
                        (rubric.code == chosen->code && rubric.version > chosen->version);
    if (better) chosen = &rubric;
  }
  if (chosen == nullptr) return ErrorResponse(FailedPrecondition("이 채널의 평가표가 없습니다"));
  draft.rubric_code = chosen->code;
  draft.rubric_version = chosen->version;
  Result<std::int64_t> id = call.storage.evaluations().AddEvaluation(draft);
  if (!id) return Fail(id);
  draft.id = *id;
  return EvaluationResponse(call, 201, draft, auth::MonitorView::kIdentity);
}

HttpResponse GetEvaluation(Call& call) {
  if (!RoleMay(call, auth::Action::kReadEvaluation)) return ForbiddenResponse();
  std::int64_t id = 0;
  if (std::optional<HttpResponse> bad = PathId(call.request, "id", id)) return *bad;
  Result<std::optional<Loaded>> loaded = LoadEvaluation(call, id);
  if (!loaded) return Fail(loaded);
  if (!*loaded) return NotFoundResponse("평가를 찾을 수 없습니다");
  const auth::Decision decision = Decide(call, auth::Action::kReadEvaluation, (*loaded)->subject);
  if (!decision.allowed) return NotFoundResponse("평가를 찾을 수 없습니다");
  if (decision.audit) {
    if (Result<void> audited =
            Audit(call, auth::kSubjectEmployee, (*loaded)->evaluation.employee_no,
                  "evaluation " + std::to_string(id));
        !audited) {
      return Fail(audited);
    }
  }
  return EvaluationResponse(call, 200, (*loaded)->evaluation, decision.monitor_view);
}

HttpResponse PutEvaluation(Call& call) {
  std::int64_t id = 0;
  if (std::optional<HttpResponse> bad = PathId(call.request, "id", id)) return *bad;
  boost::json::object body;
  if (std::optional<HttpResponse> bad = ParseJsonObject(call.request, body)) return *bad;
  std::optional<Loaded> loaded;
  if (std::optional<HttpResponse> refused =
          RequireEditable(call, id, loaded, auth::Action::kEditEvaluation)) {
    return *refused;
  }
  evaluation::Evaluation evaluation = loaded->evaluation;
  Result<rubric::Rubric> rubric = RubricOf(call, evaluation.rubric_code, evaluation.rubric_version);
  if (!rubric) return Fail(rubric);
  if (Result<void> applied = ApplyChanges(call, body, evaluation, *rubric); !applied) {
    return Fail(applied);
  }
  if (Result<std::optional<campaign::Campaign>> campaign =
          call.storage.campaigns().FindCampaign(evaluation.campaign_code);
      campaign && *campaign) {
    evaluation.round = (*campaign)->RoundOf(evaluation.performed_at.date).value_or(0);
  }
  Result<void> saved =
      call.storage.evaluations().UpdateEvaluation(evaluation, loaded->evaluation.state);
  if (!saved) return Fail(saved);
  return EvaluationResponse(call, 200, evaluation, auth::MonitorView::kIdentity);
}

HttpResponse PostSubmission(Call& call) {
  std::int64_t id = 0;
  if (std::optional<HttpResponse> bad = PathId(call.request, "id", id)) return *bad;
  if (!call.request.body.empty()) {
    boost::json::object body;
    if (std::optional<HttpResponse> bad = ParseJsonObject(call.request, body)) return *bad;
    ObjectReader reader(body);
    if (Result<void> valid = reader.Finish(); !valid) return Fail(valid);
  }
  std::optional<Loaded> loaded;
  if (std::optional<HttpResponse> refused =
          RequireEditable(call, id, loaded, auth::Action::kSubmitEvaluation)) {
    return *refused;
  }
  evaluation::Evaluation evaluation = loaded->evaluation;
  Result<rubric::Rubric> rubric = RubricOf(call, evaluation.rubric_code, evaluation.rubric_version);
  if (!rubric) return Fail(rubric);
  evaluation.score.reset();
  if (rubric::IsScored(evaluation.flags)) {
    Result<rubric::ContactScore> score =
        rubric::ScoreContact(*rubric, evaluation.observations, evaluation.flags);
    if (!score) {
      std::vector<FieldViolation> fields;
      for (const FieldViolation& violation : score.error().violations()) {
        fields.emplace_back(
            violation.field == "flags" ? std::string("flags") : "observations/" + violation.field,
            violation.message);
      }
      return ErrorResponse(InvalidArgument("평가표를 모두 채워야 제출할 수 있습니다", fields));
    }
    evaluation.score = *std::move(score);
  }
  Result<evaluation::ReviewState> next =
      evaluation::ApplyReviewAction(evaluation.state, evaluation::ReviewAction::kSubmit, "");
  if (!next) return Fail(next);
  evaluation.state = *next;
  Result<void> saved =
      call.storage.evaluations().UpdateEvaluation(evaluation, loaded->evaluation.state);
  if (!saved) return Fail(saved);
  // The assignment moves on with the fieldwork; imported evaluations have none.
  const auto has_flag = [&](std::string_view flag) {
    return std::find(evaluation.flags.begin(), evaluation.flags.end(), flag) !=
           evaluation.flags.end();
  };
  const planning::AssignmentStatus status =
      has_flag(rubric::kFlagUnanswered) ? planning::AssignmentStatus::kUnanswered
      : has_flag(rubric::kFlagVoid)     ? planning::AssignmentStatus::kVoid
                                        : planning::AssignmentStatus::kDone;
  Result<void> moved = call.storage.assignments().SetAssignmentStatus(evaluation.campaign_code,
                                                                      evaluation.code, status);
  if (!moved && moved.error().code() != ErrorCode::kNotFound) return Fail(moved);
  return EvaluationResponse(call, 200, evaluation, auth::MonitorView::kIdentity);
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
  // Missing, or a draft a reviewer may not see yet: the same answer.
  Result<std::optional<Loaded>> found = LoadEvaluation(call, id);
  if (!found) return Fail(found);
  if (!*found || !Decide(call, auth::Action::kReviewEvaluation, (*found)->subject).allowed) {
    return NotFoundResponse("평가를 찾을 수 없습니다");
  }
  Result<evaluation::Evaluation> reviewed =
      access::ReviewEvaluation(call.storage, id, *action, reason.value_or(""));
  if (!reviewed) return Fail(reviewed);
  if (Result<void> audited = Audit(call, auth::kSubjectEmployee, reviewed->employee_no,
                                   "review " + *action_text + " evaluation " + std::to_string(id));
      !audited) {
    return Fail(audited);
  }
  return EvaluationResponse(call, 200, *reviewed, decision.monitor_view);
}

std::optional<HttpResponse> AdmitRecording(Call& call) {
  std::int64_t id = 0;
  if (std::optional<HttpResponse> bad = PathId(call.request, "id", id)) return bad;
  std::optional<Loaded> loaded;
  if (std::optional<HttpResponse> refused =
          RequireEditable(call, id, loaded, auth::Action::kUploadRecording)) {
    return refused;
  }
  if (RecordingExtension(call.request.Header("content-type")).empty()) {
    return ErrorResponse(
        415, "invalid_argument",
        "녹음 파일은 audio/mpeg, audio/mp4, audio/wav, audio/webm, audio/ogg 중 하나여야 합니다");
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
  const std::string sha256 = FileSha256(call.request.body_file, size);
  if (sha256.empty()) return ErrorResponse(Internal("the uploaded file cannot be read"));
  const std::string name =
      "recordings/" + std::to_string(id) + "-" + sha256.substr(0, 16) + "." + extension;
  const std::string target = call.shared.data_dir + "/" + name;
  if (std::rename(call.request.body_file.c_str(), target.c_str()) != 0) {
    return ErrorResponse(Internal("the recording cannot be stored"));
  }
  Result<std::optional<access::Recording>> previous = call.storage.results().FindRecording(id);
  access::Recording recording{
      id,
      name,
      std::string(call.request.Header("content-type")
                      .substr(0, call.request.Header("content-type").find(';'))),
      size,
      sha256,
      call.local_now};
  if (Result<void> saved = call.storage.results().SaveRecording(recording); !saved) {
    std::remove(target.c_str());
    return Fail(saved);
  }
  if (previous && *previous && (*previous)->file_name != name) {
    std::remove((call.shared.data_dir + "/" + (*previous)->file_name).c_str());
  }
  return JsonResponse(200, RecordingJson(recording));
}

HttpResponse GetRecording(Call& call) {
  if (!RoleMay(call, auth::Action::kReadRecording)) return ForbiddenResponse();
  std::int64_t id = 0;
  if (std::optional<HttpResponse> bad = PathId(call.request, "id", id)) return *bad;
  Result<std::optional<Loaded>> loaded = LoadEvaluation(call, id);
  if (!loaded) return Fail(loaded);
  if (!*loaded) return NotFoundResponse("녹음을 찾을 수 없습니다");
  const auth::Decision decision = Decide(call, auth::Action::kReadRecording, (*loaded)->subject);
  if (!decision.allowed) return NotFoundResponse("녹음을 찾을 수 없습니다");
  Result<std::optional<access::Recording>> recording = call.storage.results().FindRecording(id);
  if (!recording) return Fail(recording);
  if (!*recording) return NotFoundResponse("녹음을 찾을 수 없습니다");
  if (decision.audit) {
    if (Result<void> audited =
            Audit(call, auth::kSubjectEmployee, (*loaded)->evaluation.employee_no,
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
