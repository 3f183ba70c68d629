#include "core/publication/coaching.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <unordered_map>

#include "core/common/text.hpp"
#include "core/programme/coaching_plan.hpp"

namespace chinjeol::publication {
namespace {

constexpr std::size_t kMaxNoteBytes = 4000;
constexpr std::size_t kMaxActionBytes = 500;
constexpr std::size_t kMaxActions = 20;

Error NoSuchPlan() { return NotFound("코칭 계획을 찾을 수 없습니다"); }

void CheckText(std::vector<FieldViolation>& problems, const std::string& field,
               std::string_view text, std::size_t max_bytes, bool required) {
  if (required && Trim(text).empty()) {
    problems.push_back({field, "must not be empty"});
  } else if (text.size() > max_bytes) {
    problems.push_back({field, "at most " + std::to_string(max_bytes) + " bytes"});
  } else if (!IsValidUtf8(text)) {
    problems.push_back({field, "must be UTF-8"});
  }
}

// The monitor's note on one item: a line "[P04] text" of the evaluation's notes.
std::string ItemNote(std::string_view notes, std::string_view item_id) {
  const std::string prefix = "[" + std::string(item_id) + "]";
  for (const std::string& line : SplitList(notes, '\n')) {
    if (line.rfind(prefix, 0) == 0) return std::string(Trim(line.substr(prefix.size())));
  }
  return {};
}

// What the views need beyond the plans: names, the library, coaches, sessions.
struct ViewContext {
  std::unordered_map<std::string, std::string> department_names;
  std::map<std::string, rubric::Wording> item_names;
  std::vector<coaching::PracticeModule> library;
  std::unordered_map<std::int64_t, std::pair<std::string, std::string>> coaches;  // login, name
  std::map<std::int64_t, std::vector<coaching::CoachingSession>> sessions_by_plan;
};

Result<ViewContext> LoadViewContext(ports::Storage& storage,
                                    const std::optional<std::string>& employee_no) {
  ViewContext context;
  Result<std::vector<org::Department>> departments = storage.organisation().ListDepartments();
  if (!departments) return departments.error();
  for (const org::Department& department : *departments) {
    context.department_names.emplace(department.code, department.name);
  }
  Result<std::vector<rubric::Rubric>> rubrics = storage.rubrics().ListRubrics();
  if (!rubrics) return rubrics.error();
  for (const rubric::Rubric& rubric : *rubrics) {
    for (const rubric::Item& item : rubric.items) {
      context.item_names.insert_or_assign(item.id, rubric::Wording{item.name_ko, item.name_en});
    }
  }
  Result<std::vector<coaching::PracticeModule>> library = ReadCoachingLibrary(storage);
  if (!library) return library.error();
  context.library = std::move(*library);
  Result<std::vector<auth::User>> users = storage.users().ListUsers();
  if (!users) return users.error();
  for (const auth::User& user : *users) {
    if (user.role == auth::Role::kCoach || user.role == auth::Role::kAdmin) {
      context.coaches.emplace(user.id, std::pair{user.login, user.display_name});
    }
  }
  Result<std::vector<coaching::CoachingSession>> sessions =
      storage.coaching().ListCoachingSessions(employee_no);
  if (!sessions) return sessions.error();
  for (coaching::CoachingSession& session : *sessions) {
    if (session.plan_id) context.sessions_by_plan[*session.plan_id].push_back(std::move(session));
  }
  return context;
}

PlanView MakeView(const ViewContext& context, const auth::Actor& actor, coaching::StoredPlan plan,
                  const Date& today) {
  PlanView view;
  view.access = coaching::DecidePlanAccess(actor, plan);
  if (const auto found = context.department_names.find(plan.department_code);
      found != context.department_names.end()) {
    view.department_name = found->second;
  }
  if (plan.coach_user_id) {
    if (const auto coach = context.coaches.find(*plan.coach_user_id);
        coach != context.coaches.end()) {
      view.coach_login = coach->second.first;
      view.coach_name = coach->second.second;
    }
  }
  for (const coaching::ItemFinding& item : plan.items) {
    const auto name = context.item_names.find(item.item_id);
    view.item_names.push_back(name == context.item_names.end()
                                  ? rubric::Wording{item.item_id, item.item_id}
                                  : name->second);
    const coaching::PracticeModule* module = coaching::FindModule(context.library, item.item_id);
    view.guidance.push_back(module ? std::optional(*module) : std::nullopt);
  }
  if (const auto sessions = context.sessions_by_plan.find(plan.id);
      sessions != context.sessions_by_plan.end()) {
    view.session_count = static_cast<long>(sessions->second.size());
    for (const coaching::CoachingSession& session : sessions->second) {
      for (const coaching::ActionPoint& action : session.actions) {
        if (action.done_on) continue;
        ++view.open_actions;
        if (action.due_on < today) ++view.overdue_actions;
      }
      if (session.follow_up_on && !(*session.follow_up_on < today) &&
          (!view.next_follow_up || *session.follow_up_on < *view.next_follow_up)) {
        view.next_follow_up = session.follow_up_on;
      }
      if (view.access.see_sessions) {
        view.sessions.push_back(session);
        if (!view.access.see_private_notes) view.sessions.back().private_notes.clear();
      }
    }
  }
  view.plan = std::move(plan);
  return view;
}

void SortByUrgency(std::vector<PlanView>& views) {
  std::stable_sort(views.begin(), views.end(), [](const PlanView& a, const PlanView& b) {
    if ((a.overdue_actions > 0) != (b.overdue_actions > 0)) return a.overdue_actions > 0;
    const double x = a.plan.adjusted.value_or(101), y = b.plan.adjusted.value_or(101);
    return x != y ? x < y : a.plan.id < b.plan.id;
  });
}

// The evidence of each plan item: the employee's approved contacts in the campaign with what
// was observed on the item.
Result<std::vector<ItemEvidence>> LoadEvidence(ports::Storage& storage,
                                               const coaching::StoredPlan& plan) {
  results::EvaluationFilter filter;
  filter.campaign_code = plan.campaign_code;
  filter.employee_no = plan.employee_no;
  filter.state = evaluation::ReviewState::kApproved;
  filter.limit = 100;
  Result<results::EvaluationPage> page = storage.results().ListEvaluations(filter);
  if (!page) return page.error();
  Result<std::vector<rubric::Rubric>> rubrics = storage.rubrics().ListRubrics();
  if (!rubrics) return rubrics.error();
  std::vector<ItemEvidence> evidence;
  for (const coaching::ItemFinding& item : plan.items) evidence.push_back({item.item_id, {}});
  for (const results::EvaluationRow& row : page->rows) {
    Result<std::optional<evaluation::Evaluation>> found =
        storage.evaluations().FindEvaluation(row.id);
    if (!found) return found.error();
    if (!*found || !(*found)->score) continue;
    const evaluation::Evaluation& contact = **found;
    const rubric::Rubric* rubric = nullptr;
    for (const rubric::Rubric& r : *rubrics) {
      if (r.code == contact.rubric_code && r.version == contact.rubric_version) rubric = &r;
    }
    if (rubric == nullptr) continue;
    for (ItemEvidence& item : evidence) {
      const rubric::Item* known = rubric->FindItem(item.item_id);
      if (known == nullptr) continue;
      EvidenceContact seen;
      seen.performed_at = contact.performed_at;
      seen.channel = contact.channel;
      for (const rubric::ItemObservation& observation : contact.observations) {
        if (observation.item_id == item.item_id) {
          seen.observed = rubric::DescribeObservation(*known, observation.observation);
        }
      }
      for (const rubric::ItemScore& score : contact.score->items) {
        if (score.item_id != item.item_id) continue;
        seen.points = score.points;
        seen.max_points = score.max_points;
      }
      seen.note = ItemNote(contact.notes, item.item_id);
      item.contacts.push_back(std::move(seen));
    }
  }
  return evidence;
}

// The employee's score from a release made after the plan, against the plan's own.
Result<std::optional<PlanView::Outcome>> LoadOutcome(ports::Storage& storage,
                                                     const coaching::StoredPlan& plan) {
  Result<std::optional<results::ResultsRelease>> release =
      storage.results().FindRelease(plan.campaign_code);
  if (!release) return release.error();
  if (!*release || !((*release)->released_at > plan.created_at) || !plan.adjusted ||
      !plan.ci90_low || !plan.ci90_high) {
    return std::optional<PlanView::Outcome>();
  }
  results::ResultsRepository::ScoreFilter filter;
  filter.employee_no = plan.employee_no;
  Result<std::vector<results::ReleasedScore>> scores =
      storage.results().ListReleasedScores(plan.campaign_code, filter);
  if (!scores) return scores.error();
  if (scores->empty() || !scores->front().adjusted || !scores->front().ci90_low ||
      !scores->front().ci90_high) {
    return std::optional<PlanView::Outcome>();
  }
  const results::ReleasedScore& now = scores->front();
  constexpr double kZ90 = 1.6448536269514722;
  const double before_sd = (*plan.ci90_high - *plan.ci90_low) / (2 * kZ90);
  const double after_sd = (*now.ci90_high - *now.ci90_low) / (2 * kZ90);
  const double change = *now.adjusted - *plan.adjusted;
  const double half = kZ90 * std::sqrt(before_sd * before_sd + after_sd * after_sd);
  return std::optional<PlanView::Outcome>(PlanView::Outcome{(*release)->released_at, *now.adjusted,
                                                            *now.ci90_low, *now.ci90_high, change,
                                                            change - half, change + half});
}

Result<coaching::StoredPlan> FindPlan(ports::Storage& storage, std::int64_t plan_id) {
  Result<std::optional<coaching::StoredPlan>> plan = storage.coaching().FindPlan(plan_id);
  if (!plan) return plan.error();
  if (!*plan) return NoSuchPlan();
  return **std::move(plan);
}

// The session and its plan, when the person may act on it.
Result<std::pair<coaching::CoachingSession, coaching::StoredPlan>> FindSessionPlan(
    ports::Storage& storage, std::int64_t session_id) {
  Result<std::optional<coaching::CoachingSession>> session =
      storage.coaching().FindCoachingSession(session_id);
  if (!session) return session.error();
  if (!*session || !(*session)->plan_id) return NotFound("코칭 기록을 찾을 수 없습니다");
  Result<coaching::StoredPlan> plan = FindPlan(storage, *(*session)->plan_id);
  if (!plan) return plan.error();
  return std::pair{**std::move(session), std::move(*plan)};
}

Result<coaching::CoachingSession> ReadBack(ports::Storage& storage, std::int64_t session_id,
                                           const coaching::PlanAccess& access) {
  Result<std::optional<coaching::CoachingSession>> session =
      storage.coaching().FindCoachingSession(session_id);
  if (!session) return session.error();
  if (!*session) return Internal("the coaching session just written is missing");
  if (!access.see_private_notes) (*session)->private_notes.clear();
  return **std::move(session);
}

}  // namespace

Result<ProposalReport> ProposeCoachingPlans(ports::Storage& storage, const auth::Actor& actor,
                                            std::string_view campaign_code,
                                            const coaching::PlanRules& rules,
                                            const LocalDateTime& now, const AuditRecorder& record) {
  if (actor.role != auth::Role::kAdmin) return PermissionDenied("이 일은 관리자만 할 수 있습니다");
  Result<std::optional<results::ResultsRelease>> release =
      storage.results().FindRelease(campaign_code);
  if (!release) return release.error();
  if (!*release || now < (*release)->released_at) {
    return FailedPrecondition("결과를 공개한 뒤에 코칭 계획을 만들 수 있습니다");
  }
  Result<programme::CoachingPlan> chosen = programme::PlanCoaching(storage, campaign_code, rules);
  if (!chosen) return chosen.error();
  std::vector<coaching::StoredPlan> plans;
  for (const coaching::PlanEntry& entry : chosen->entries) {
    const rubric::Wording reason = programme::ExplainPlanEntry(entry, rules, chosen->item_names);
    coaching::StoredPlan plan;
    plan.campaign_code = std::string(campaign_code);
    plan.employee_no = entry.employee.employee_no;
    plan.adjusted = entry.employee.adjusted;
    plan.ci90_low = entry.employee.ci90_low;
    plan.ci90_high = entry.employee.ci90_high;
    plan.reason_ko = reason.ko;
    plan.reason_en = reason.en;
    plan.items = entry.items;
    plan.created_at = now;
    plans.push_back(std::move(plan));
  }
  ProposalReport report;
  Result<void> saved = storage.InTransaction([&]() -> Result<void> {
    Result<long> added = storage.coaching().AddPlans(plans);
    if (!added) return added.error();
    report.proposed = *added;
    report.kept = static_cast<long>(plans.size()) - *added;
    return record ? record(auth::kSubjectEmployees, campaign_code,
                           "coaching plans proposed: " + std::to_string(report.proposed))
                  : Ok();
  });
  if (!saved) return saved.error();
  return report;
}

Result<std::vector<PlanView>> ListCoachingPlans(ports::Storage& storage, const auth::Actor& actor,
                                                std::string_view campaign_code,
                                                const LocalDateTime& now) {
  coaching::CoachingRepository::PlanFilter filter;
  switch (actor.role) {
    case auth::Role::kAdmin:
      break;
    case auth::Role::kCoach:
      filter.coach_user_id = actor.user_id;
      break;
    case auth::Role::kDepartmentHead:
      filter.department_code = actor.department_code;
      break;
    case auth::Role::kEmployee:
      filter.employee_no = actor.employee_no;
      break;
    default:
      return PermissionDenied("코칭 계획을 볼 수 없는 역할입니다");
  }
  Result<std::vector<coaching::StoredPlan>> plans =
      storage.coaching().ListPlans(campaign_code, filter);
  if (!plans) return plans.error();
  Result<ViewContext> context = LoadViewContext(storage, filter.employee_no);
  if (!context) return context.error();
  std::vector<PlanView> views;
  for (coaching::StoredPlan& plan : *plans) {
    PlanView view = MakeView(*context, actor, std::move(plan), now.date);
    if (view.access.see) views.push_back(std::move(view));
  }
  SortByUrgency(views);
  return views;
}

Result<PlanView> ReadCoachingPlan(ports::Storage& storage, const auth::Actor& actor,
                                  std::int64_t plan_id, const LocalDateTime& now) {
  Result<coaching::StoredPlan> plan = FindPlan(storage, plan_id);
  if (!plan) return plan.error();
  if (!coaching::DecidePlanAccess(actor, *plan).see) return NoSuchPlan();
  Result<ViewContext> context = LoadViewContext(storage, plan->employee_no);
  if (!context) return context.error();
  PlanView view = MakeView(*context, actor, std::move(*plan), now.date);
  if (view.access.see_evidence) {
    Result<std::vector<ItemEvidence>> evidence = LoadEvidence(storage, view.plan);
    if (!evidence) return evidence.error();
    view.evidence = std::move(*evidence);
    Result<std::optional<PlanView::Outcome>> outcome = LoadOutcome(storage, view.plan);
    if (!outcome) return outcome.error();
    view.outcome = *outcome;
  }
  return view;
}

Result<std::optional<PlanView>> ReadOwnCoachingPlan(ports::Storage& storage,
                                                    const auth::Actor& actor,
                                                    std::string_view campaign_code,
                                                    const LocalDateTime& now) {
  if (actor.role != auth::Role::kEmployee)
    return PermissionDenied("이 일은 관리자만 할 수 있습니다");
  Result<std::vector<PlanView>> plans = ListCoachingPlans(storage, actor, campaign_code, now);
  if (!plans) return plans.error();
  if (plans->empty()) return std::optional<PlanView>();
  Result<PlanView> plan = ReadCoachingPlan(storage, actor, plans->front().plan.id, now);
  if (!plan) return plan.error();
  return std::optional<PlanView>(std::move(*plan));
}

Result<PlanView> ConfirmCoachingPlan(ports::Storage& storage, const auth::Actor& actor,
                                     std::int64_t plan_id, std::string_view coach_login,
                                     const LocalDateTime& now, const AuditRecorder& record) {
  if (actor.role != auth::Role::kAdmin) return PermissionDenied("이 일은 관리자만 할 수 있습니다");
  Result<std::optional<auth::User>> coach = storage.users().FindUser(coach_login);
  if (!coach) return coach.error();
  if (!*coach || (*coach)->role != auth::Role::kCoach || !(*coach)->active) {
    return InvalidArgument("코치 계정이 아닙니다",
                           {{"coach", "must be the login of an active coach"}});
  }
  Result<coaching::StoredPlan> plan = FindPlan(storage, plan_id);
  if (!plan) return plan.error();
  Result<void> confirmed = storage.InTransaction([&]() -> Result<void> {
    if (Result<void> done = storage.coaching().ConfirmPlan(plan_id, (*coach)->id, now); !done) {
      return done;
    }
    Result<std::vector<std::string>> caseload = storage.users().ListCaseload((*coach)->id);
    if (!caseload) return caseload.error();
    if (std::find(caseload->begin(), caseload->end(), plan->employee_no) == caseload->end()) {
      caseload->push_back(plan->employee_no);
      if (Result<void> set = storage.users().SetCaseload((*coach)->id, *caseload); !set) return set;
    }
    return record ? record(auth::kSubjectEmployee, plan->employee_no,
                           "coaching plan " + std::to_string(plan_id) + " confirmed with " +
                               (*coach)->login)
                  : Ok();
  });
  if (!confirmed) return confirmed.error();
  return ReadCoachingPlan(storage, actor, plan_id, now);
}

Result<coaching::CoachingSession> RecordCoachingSession(
    ports::Storage& storage, const auth::Actor& actor, std::int64_t plan_id,
    const SessionInput& input, const LocalDateTime& now, const AuditRecorder& record) {
  Result<coaching::StoredPlan> plan = FindPlan(storage, plan_id);
  if (!plan) return plan.error();
  const coaching::PlanAccess access = coaching::DecidePlanAccess(actor, *plan);
  if (!access.see) return NoSuchPlan();
  if (!access.record_session || plan->state != coaching::PlanState::kConfirmed) {
    return Error(ErrorCode::kPermissionDenied, "이 계획의 코치만 코칭을 기록할 수 있습니다");
  }
  std::vector<FieldViolation> problems;
  if (now.date < input.held_on) problems.push_back({"held_on", "must not be in the future"});
  for (std::size_t i = 0; i < input.discussed.size(); ++i) {
    const std::string path = "discussed/" + std::to_string(i);
    const bool in_plan = std::any_of(plan->items.begin(), plan->items.end(), [&](const auto& item) {
      return item.item_id == input.discussed[i].item_id;
    });
    if (!in_plan) problems.push_back({path + "/item_id", "not an item of this plan"});
    CheckText(problems, path + "/note", input.discussed[i].note, kMaxNoteBytes, false);
  }
  CheckText(problems, "notes_shared", input.notes_shared, kMaxNoteBytes, false);
  CheckText(problems, "notes_private", input.notes_private, kMaxNoteBytes, false);
  if (input.actions.size() > kMaxActions) {
    problems.push_back({"actions", "at most " + std::to_string(kMaxActions) + " action points"});
  }
  for (std::size_t i = 0; i < input.actions.size() && i < kMaxActions; ++i) {
    const std::string path = "actions/" + std::to_string(i);
    CheckText(problems, path + "/text", input.actions[i].text, kMaxActionBytes, true);
    if (input.actions[i].due_on < input.held_on) {
      problems.push_back({path + "/due_on", "must not be before the session"});
    }
  }
  if (input.follow_up_on && *input.follow_up_on < input.held_on) {
    problems.push_back({"follow_up_on", "must not be before the session"});
  }
  if (!problems.empty()) {
    return InvalidArgument("코칭 기록을 확인해 주세요", std::move(problems));
  }
  coaching::CoachingSession session;
  session.employee_no = plan->employee_no;
  session.coach = actor.login;
  session.date = input.held_on;
  for (const coaching::DiscussionPoint& point : input.discussed) {
    session.items.push_back(point.item_id);
  }
  session.notes = input.notes_shared;
  session.plan_id = plan_id;
  session.coach_user_id = actor.user_id;
  session.discussed = input.discussed;
  session.private_notes = input.notes_private;
  for (const coaching::ActionPoint& action : input.actions) {
    session.actions.push_back({0, std::string(Trim(action.text)), action.due_on, std::nullopt});
  }
  session.follow_up_on = input.follow_up_on;
  if (access.confirm_as_coach) session.coach_confirmed_at = now;
  std::int64_t id = 0;
  Result<void> saved = storage.InTransaction([&]() -> Result<void> {
    if (Result<void> added = storage.coaching().AddCoachingSessions({session}); !added) {
      return added;
    }
    Result<std::vector<coaching::CoachingSession>> held =
        storage.coaching().ListCoachingSessions(plan->employee_no);
    if (!held) return held.error();
    for (const coaching::CoachingSession& known : *held) id = std::max(id, known.id);
    return record ? record(auth::kSubjectEmployee, plan->employee_no,
                           "coaching session " + std::to_string(id) + " recorded")
                  : Ok();
  });
  if (!saved) return saved.error();
  return ReadBack(storage, id, access);
}

Result<coaching::CoachingSession> ConfirmCoachingSession(ports::Storage& storage,
                                                         const auth::Actor& actor,
                                                         std::int64_t session_id,
                                                         const LocalDateTime& now,
                                                         const AuditRecorder& record) {
  auto found = FindSessionPlan(storage, session_id);
  if (!found) return found.error();
  const coaching::PlanAccess access = coaching::DecidePlanAccess(actor, found->second);
  if (!access.confirm_as_employee && !access.confirm_as_coach) {
    return NotFound("코칭 기록을 찾을 수 없습니다");
  }
  Result<void> saved = storage.InTransaction([&]() -> Result<void> {
    if (Result<void> done =
            storage.coaching().ConfirmSession(session_id, access.confirm_as_employee, now);
        !done) {
      return done;
    }
    return record ? record(auth::kSubjectEmployee, found->second.employee_no,
                           "coaching session " + std::to_string(session_id) + " confirmed")
                  : Ok();
  });
  if (!saved) return saved.error();
  return ReadBack(storage, session_id, access);
}

Result<coaching::CoachingSession> CompleteCoachingAction(ports::Storage& storage,
                                                         const auth::Actor& actor,
                                                         std::int64_t action_id,
                                                         const LocalDateTime& now,
                                                         const AuditRecorder& record) {
  Result<std::optional<std::int64_t>> session_id =
      storage.coaching().FindSessionOfAction(action_id);
  if (!session_id) return session_id.error();
  if (!*session_id) return NotFound("실천 과제를 찾을 수 없습니다");
  auto found = FindSessionPlan(storage, **session_id);
  if (!found) return found.error();
  const coaching::PlanAccess access = coaching::DecidePlanAccess(actor, found->second);
  if (!access.complete_actions) return NotFound("실천 과제를 찾을 수 없습니다");
  Result<void> saved = storage.InTransaction([&]() -> Result<void> {
    if (Result<void> done = storage.coaching().CompleteAction(action_id, now.date); !done) {
      return done;
    }
    return record ? record(auth::kSubjectEmployee, found->second.employee_no,
                           "coaching action " + std::to_string(action_id) + " done")
                  : Ok();
  });
  if (!saved) return saved.error();
  return ReadBack(storage, **session_id, access);
}

Result<std::vector<coaching::PracticeModule>> ReadCoachingLibrary(ports::Storage& storage) {
  std::vector<coaching::PracticeModule> library = coaching::DefaultLibrary();
  Result<std::vector<coaching::PracticeModule>> edits = storage.coaching().ListLibraryEdits();
  if (!edits) return edits.error();
  for (coaching::PracticeModule& edit : *edits) {
    const auto found = std::find_if(library.begin(), library.end(), [&](const auto& module) {
      return module.item_id == edit.item_id;
    });
    if (found != library.end()) {
      *found = std::move(edit);
    } else {
      library.push_back(std::move(edit));
    }
  }
  return library;
}

Result<coaching::PracticeModule> EditCoachingLibrary(ports::Storage& storage,
                                                     const auth::Actor& actor,
                                                     const coaching::PracticeModule& module,
                                                     const AuditRecorder& record) {
  if (actor.role != auth::Role::kAdmin) return PermissionDenied("이 일은 관리자만 할 수 있습니다");
  Result<std::vector<rubric::Rubric>> rubrics = storage.rubrics().ListRubrics();
  if (!rubrics) return rubrics.error();
  const bool known = std::any_of(rubrics->begin(), rubrics->end(), [&](const auto& rubric) {
    return rubric.FindItem(module.item_id) != nullptr;
  });
  if (!known) return NotFound("평가표에 없는 항목입니다");
  std::vector<FieldViolation> problems;
  for (const auto& [field, text] :
       {std::pair{"title/ko", &module.title_ko}, std::pair{"title/en", &module.title_en},
        std::pair{"good/ko", &module.good_ko}, std::pair{"good/en", &module.good_en},
        std::pair{"practice/ko", &module.practice_ko},
        std::pair{"practice/en", &module.practice_en}}) {
    CheckText(problems, field, *text, 2000, true);
  }
  if (!problems.empty()) return InvalidArgument("코칭 자료를 확인해 주세요", std::move(problems));
  Result<void> saved = storage.InTransaction([&]() -> Result<void> {
    if (Result<void> done = storage.coaching().SaveLibraryModule(module); !done) return done;
    return record ? record(auth::kSubjectEmployees, "*",
                           "coaching library module " + module.item_id + " edited")
                  : Ok();
  });
  if (!saved) return saved.error();
  return module;
}

}  // namespace chinjeol::publication
