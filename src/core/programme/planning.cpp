#include "core/programme/planning.hpp"

#include <algorithm>
#include <set>

#include "core/planning/commitment.hpp"
#include "core/planning/top_up.hpp"
#include "core/programme/scores.hpp"
#include "core/programme/setup.hpp"

namespace chinjeol::programme {
namespace {

std::string TimeText(int minute_of_day) {
  const int hour = minute_of_day / 60, minute = minute_of_day % 60;
  return std::string{static_cast<char>('0' + hour / 10), static_cast<char>('0' + hour % 10), ':',
                     static_cast<char>('0' + minute / 10), static_cast<char>('0' + minute % 10)};
}

// Extra contacts where they most reduce misgrading: from the fair-score intervals when the
// model ran, from raw spread otherwise.
Result<std::vector<planning::TopUpChoice>> ChooseTopUp(ports::Storage& storage,
                                                       std::string_view campaign_code,
                                                       int contacts) {
  Result<ScoreTable> scores = ComputeScores(storage, campaign_code);
  if (!scores) return scores.error();
  std::vector<planning::TopUpCandidate> candidates;
  for (const EmployeeScoreRow& row : scores->rows) {
    if (!row.adjusted || !row.ci90_low || !row.ci90_high) continue;
    planning::TopUpCandidate candidate = planning::CandidateFromInterval(
        row.employee_no, *row.adjusted, *row.ci90_low, *row.ci90_high);
    if (row.p_c && row.p_b && row.p_a && row.p_s) {
      candidate.grade_probabilities = {*row.p_c, *row.p_b, *row.p_a, *row.p_s};
    }
    candidates.push_back(std::move(candidate));
  }
  planning::TopUpOptions options;
  options.contacts = contacts;
  if (scores->report) options.contact_variance = std::max(1.0, scores->report->variance.residual);
  return planning::SelectTopUp(candidates, options);
}

}  // namespace

Result<planning::PlanInput> LoadPlanInput(ports::Storage& storage, std::string_view campaign_code) {
  planning::PlanInput input;
  Result<std::optional<campaign::Campaign>> campaign =
      storage.campaigns().FindCampaign(campaign_code);
  if (!campaign) return campaign.error();
  if (!*campaign) return NotFound("no campaign \"" + std::string(campaign_code) + "\"");
  input.campaign = std::move(**campaign);
  auto& organisation = storage.organisation();
  Result<std::vector<org::Department>> departments = organisation.ListDepartments();
  if (!departments) return departments.error();
  input.departments = std::move(*departments);
  Result<std::vector<org::Employee>> employees = organisation.ListEmployees();
  if (!employees) return employees.error();
  input.employees = std::move(*employees);
  Result<std::vector<org::Monitor>> monitors = organisation.ListMonitors();
  if (!monitors) return monitors.error();
  input.monitors = std::move(*monitors);
  Result<std::vector<org::Scenario>> scenarios = organisation.ListScenarios();
  if (!scenarios) return scenarios.error();
  input.scenarios = std::move(*scenarios);
  Result<campaign::WorkingCalendar> calendar = LoadCalendar(storage);
  if (!calendar) return calendar.error();
  input.calendar = std::move(*calendar);
  auto& assignments = storage.assignments();
  Result<std::vector<planning::Assignment>> existing = assignments.ListAssignments(campaign_code);
  if (!existing) return existing.error();
  input.existing = std::move(*existing);
  Result<std::vector<planning::EmployeeAbsence>> employee_absences =
      assignments.ListEmployeeAbsences();
  if (!employee_absences) return employee_absences.error();
  input.employee_absences = std::move(*employee_absences);
  Result<std::vector<planning::MonitorAbsence>> monitor_absences =
      assignments.ListMonitorAbsences();
  if (!monitor_absences) return monitor_absences.error();
  input.monitor_absences = std::move(*monitor_absences);
  return input;
}

// Employees whose coaching plan in the campaign is confirmed and has had a session, by number.
Result<std::vector<std::string>> CoachedEmployees(ports::Storage& storage,
                                                  std::string_view campaign_code) {
  Result<std::vector<coaching::StoredPlan>> plans = storage.coaching().ListPlans(campaign_code, {});
  if (!plans) return plans.error();
  Result<std::vector<coaching::CoachingSession>> sessions =
      storage.coaching().ListCoachingSessions();
  if (!sessions) return sessions.error();
  std::set<std::int64_t> held;
  for (const coaching::CoachingSession& session : *sessions) {
    if (session.plan_id) held.insert(*session.plan_id);
  }
  std::vector<std::string> coached;
  for (const coaching::StoredPlan& plan : *plans) {
    if (plan.state == coaching::PlanState::kConfirmed && held.contains(plan.id)) {
      coached.push_back(plan.employee_no);
    }
  }
  std::sort(coached.begin(), coached.end());
  return coached;
}

Result<PlanOutcome> PlanSchedule(ports::Storage& storage, std::string_view campaign_code,
                                 const PlanRequest& request, const LocalDateTime& now,
                                 const DigestFunction& digest) {
  Result<planning::PlanInput> input = LoadPlanInput(storage, campaign_code);
  if (!input) return input.error();
  PlanOutcome outcome;
  outcome.first_plan = input->existing.empty();
  if (request.check_only) {
    Result<std::vector<FieldViolation>> problems = planning::FindInfeasibilities(*input);
    if (!problems) return problems.error();
    outcome.problems = std::move(*problems);
    return outcome;
  }
  const bool started =
      std::chrono::sys_days(now.date) >= std::chrono::sys_days(input->campaign.start);
  if (!outcome.first_plan && started && request.reason.empty()) {
    return InvalidArgument(
        "campaign " + input->campaign.code + " has started: changing its plan needs a reason",
        {{"reason", "say why the plan changes (it is logged with the plan's new digest)"}});
  }
  input->options.seed = request.seed;
  input->options.code_seed = request.code_seed;
  if (!outcome.first_plan) input->now = now;
  int round = request.top_up_round;
  if (round == 0)
    round =
        input->campaign.RoundOf(now.date).value_or(static_cast<int>(input->campaign.rounds.size()));
  if (request.top_up > 0) {
    Result<std::vector<planning::TopUpChoice>> choices =
        ChooseTopUp(storage, campaign_code, request.top_up);
    if (!choices) return choices.error();
    input->extra_contacts = planning::ToExtraContacts(*choices, round);
    outcome.top_up = std::move(*choices);
  }
  if (request.re_evaluate) {
    Result<std::vector<std::string>> coached = CoachedEmployees(storage, campaign_code);
    if (!coached) return coached.error();
    for (const std::string& employee_no : *coached) {
      input->extra_contacts.push_back({employee_no, round});
    }
    outcome.re_evaluated = std::move(*coached);
  }
  Result<planning::Plan> plan = planning::BuildPlan(*input);
  if (!plan) return plan.error();
  outcome.digest = digest(planning::CanonicalPlanText(*plan));
  const std::string reason =
      !request.reason.empty() ? request.reason
                              : (outcome.first_plan ? "first plan" : "re-planned before the start");
  Result<void> saved = storage.InTransaction([&] {
    return storage.assignments().SavePlan(*plan, outcome.digest, FormatLocalDateTime(now), reason);
  });
  if (!saved) return saved.error();
  outcome.plan = std::move(*plan);
  return outcome;
}

Result<long> ExportAssignments(ports::Storage& storage, std::string_view campaign_code,
                               tables::TableSink& sink) {
  Result<std::optional<campaign::Campaign>> campaign =
      storage.campaigns().FindCampaign(campaign_code);
  if (!campaign) return campaign.error();
  if (!*campaign) return NotFound("no campaign \"" + std::string(campaign_code) + "\"");
  Result<std::vector<planning::Assignment>> assignments =
      storage.assignments().ListAssignments(campaign_code);
  if (!assignments) return assignments.error();
  if (Result<void> header = sink.Header(
          {"assignment_code", "campaign", "round", "channel", "employee_no", "department_code",
           "date", "start", "duration_minutes", "monitor_code", "scenario_code", "release_at",
           "status", "retry_of", "lunch_sample", "top_up"});
      !header) {
    return header.error();
  }
  for (const planning::Assignment& a : *assignments) {
    Result<void> row = sink.Row(
        {a.code, a.campaign, std::int64_t{a.round}, std::string(ChannelCode(a.channel)),
         a.employee_no, a.department_code, FormatDate(a.date), TimeText(a.start_minute),
         std::int64_t{a.duration_minutes}, a.monitor_code, a.scenario_code,
         FormatLocalDateTime(a.release_at), std::string(planning::AssignmentStatusCode(a.status)),
         a.retry_of, std::int64_t{a.lunch_sample ? 1 : 0}, std::int64_t{a.top_up ? 1 : 0}});
    if (!row) return row.error();
  }
  if (Result<void> finished = sink.Finish(); !finished) return finished.error();
  return static_cast<long>(assignments->size());
}

}  // namespace chinjeol::programme
