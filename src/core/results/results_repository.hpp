#pragma once

// The records of published results and what hangs on them (the scores of a release,
// acknowledgements, objections, call recordings, listings of evaluations, background jobs), and
// the repository that keeps them.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/channel.hpp"
#include "core/common/date.hpp"
#include "core/common/result.hpp"
#include "core/evaluation/evaluation.hpp"
#include "core/org/organisation.hpp"

namespace chinjeol::results {

// A campaign's results published to employees, department heads and coaches.
struct ResultsRelease {
  std::string campaign_code;
  LocalDateTime released_at;
  Date objection_deadline;  // objections are accepted up to and including this day
};

// Whether a contact is part of the published results at `now`: the release has come, and the
// contact was made before it. Fieldwork after a release (a retry, a re-evaluation) stays
// unpublished until the next release, so that no result shows as it arrives.
bool IsPublished(const std::optional<ResultsRelease>& release, const LocalDateTime& performed_at,
                 const LocalDateTime& now);

// One employee's published score (the scores table at release time).
struct ReleasedScore {
  std::string employee_no;
  std::string name;
  std::string department_code;
  long contacts = 0;
  std::optional<double> raw_mean;
  std::optional<double> adjusted;
  std::optional<double> ci90_low;
  std::optional<double> ci90_high;
  std::string grade;
  std::optional<bool> uncertain;
};

// One department's published score with its interval and tie-aware ranks.
struct ReleasedDepartmentScore {
  std::string department_code;
  std::string name;
  long employees = 0;
  long contacts = 0;
  std::optional<double> raw_mean;
  std::optional<double> adjusted;
  std::optional<double> ci_low;
  std::optional<double> ci_high;
  int rank_best = 0;
  int rank_worst = 0;
};

// The mean share of an item's points over the published contacts of one department (or of the
// whole organisation: empty department_code), for comparing an employee's items with both.
struct ReleasedItemMean {
  std::string department_code;
  std::string item_id;
  long contacts = 0;
  double mean = 0;  // 0-1
};

// Which evaluations a list holds. Empty optionals do not filter.
struct EvaluationFilter {
  std::string campaign_code;
  std::optional<evaluation::ReviewState> state;
  std::optional<std::string> monitor_code;
  std::optional<std::string> employee_no;
  std::optional<std::string> department_code;
  std::optional<std::int64_t> caseload_of;       // only employees in this coach's caseload
  bool final_only = false;                       // approved or void only
  bool reviewable_only = false;                  // submitted and later: no drafts
  std::optional<LocalDateTime> performed_until;  // contacts made at or before this time
  long offset = 0;
  long limit = 50;
};

// One line of an evaluation list.
struct EvaluationRow {
  std::int64_t id = 0;
  std::string code;
  std::string campaign_code;
  std::string employee_no;
  std::string employee_name;
  std::string department_code;
  std::string monitor_code;
  std::string scenario_code;
  Channel channel = Channel::kPhone;
  LocalDateTime performed_at;
  int round = 0;
  evaluation::ReviewState state = evaluation::ReviewState::kApproved;
  std::optional<double> score;
  std::vector<std::string> flags;
};

struct EvaluationPage {
  std::vector<EvaluationRow> rows;  // by performed_at, then id
  long total = 0;                   // matching the filter, all pages
};

enum class ObjectionState { kOpen, kUpheld, kRejected };
const char* ObjectionStateCode(ObjectionState state);
std::optional<ObjectionState> ParseObjectionState(std::string_view text);

// An employee's dispute of one evaluation, and the admin's decision.
struct Objection {
  std::int64_t id = 0;
  std::int64_t evaluation_id = 0;
  std::string evaluation_code;
  std::string campaign_code;
  std::string employee_no;
  std::string employee_name;
  std::string department_code;
  std::string reason;
  LocalDateTime filed_at;
  ObjectionState state = ObjectionState::kOpen;
  std::string decision_reason;
  std::optional<LocalDateTime> decided_at;
};

// A call recording kept as a file; the database holds what is needed to serve and check it.
struct Recording {
  std::int64_t evaluation_id = 0;
  std::string file_name;  // relative to the data directory
  std::string content_type;
  std::int64_t size = 0;
  std::string sha256;  // hex
  LocalDateTime uploaded_at;
};

// One evaluation of a campaign as the dashboard reads it. The pointers stay valid during the
// visit only.
struct DashboardContact {
  std::int64_t department_id = 0;
  const std::string* department_code = nullptr;
  std::int64_t employee_id = 0;
  Channel channel = Channel::kPhone;
  int round = 0;
  int day = 0;  // DayNumber of the day performed
  evaluation::ReviewState state = evaluation::ReviewState::kApproved;
  std::optional<double> score;
  std::int64_t rubric_id = 0;  // the rubric version
  const std::string* rubric_code = nullptr;
  const std::vector<std::string>* item_ids = nullptr;  // in the rubric's order
  const std::vector<double>* item_max = nullptr;
  // Earned points per item (empty where the item did not apply); set for scored contacts.
  const std::vector<std::optional<double>>* item_points = nullptr;
};

// Counts of a campaign's evaluations by round and review state.
struct StateCount {
  int round = 0;
  evaluation::ReviewState state = evaluation::ReviewState::kApproved;
  long count = 0;
};

// Where the web application's records live: results release and the published scores,
// evaluation lists, acknowledgements, objections and recordings.
class ResultsRepository {
 public:
  virtual ~ResultsRepository() = default;

  virtual Result<std::optional<ResultsRelease>> FindRelease(
      std::string_view campaign_code) const = 0;
  // Publishes (or re-publishes) the campaign's results with these scores, replacing earlier
  // ones. kNotFound for an unknown campaign.
  virtual Result<void> SaveRelease(const ResultsRelease& release, std::int64_t released_by,
                                   const std::vector<ReleasedScore>& employees,
                                   const std::vector<ReleasedDepartmentScore>& departments) = 0;
  // Replaces the campaign's published item means.
  virtual Result<void> SaveReleasedItemMeans(std::string_view campaign_code,
                                             const std::vector<ReleasedItemMean>& means) = 0;
  // The organisation's item means and one department's, by item.
  virtual Result<std::vector<ReleasedItemMean>> ListReleasedItemMeans(
      std::string_view campaign_code, std::string_view department_code) const = 0;
  // Published scores, by employee number; narrowed to one employee, one department or a
  // coach's caseload when given.
  struct ScoreFilter {
    std::optional<std::string> employee_no;
    std::optional<std::string> department_code;
    std::optional<std::int64_t> caseload_of;
  };
  virtual Result<std::vector<ReleasedScore>> ListReleasedScores(
      std::string_view campaign_code, const ScoreFilter& filter) const = 0;
  virtual Result<std::vector<ReleasedDepartmentScore>> ListReleasedDepartmentScores(
      std::string_view campaign_code) const = 0;

  // kNotFound for an unknown campaign.
  virtual Result<EvaluationPage> ListEvaluations(const EvaluationFilter& filter) const = 0;
  virtual Result<std::vector<StateCount>> CountEvaluations(
      std::string_view campaign_code) const = 0;
  // Visits every evaluation of a campaign, in one pass (kNotFound for an unknown campaign).
  virtual Result<void> ForEachDashboardContact(
      std::string_view campaign_code,
      const std::function<void(const DashboardContact&)>& visit) const = 0;

  // Evaluation ids (of `ids`) the employee has acknowledged.
  virtual Result<std::vector<std::int64_t>> ListAcknowledged(
      const std::vector<std::int64_t>& ids) const = 0;
  // Idempotent.
  virtual Result<void> Acknowledge(std::int64_t evaluation_id, std::int64_t user_id,
                                   const LocalDateTime& at) = 0;

  // kAlreadyExists when the evaluation already has an objection.
  virtual Result<std::int64_t> FileObjection(std::int64_t evaluation_id, std::int64_t user_id,
                                             std::string_view reason, const LocalDateTime& at) = 0;
  virtual Result<std::optional<Objection>> FindObjection(std::int64_t id) const = 0;
  // Objections of a campaign (all campaigns when empty), optionally of one state or evaluation.
  virtual Result<std::vector<Objection>> ListObjections(
      std::string_view campaign_code, std::optional<ObjectionState> state,
      std::optional<std::int64_t> evaluation_id) const = 0;
  // kFailedPrecondition when the objection has been decided already.
  virtual Result<void> DecideObjection(std::int64_t id, ObjectionState decision,
                                       std::string_view reason, std::int64_t decided_by,
                                       const LocalDateTime& at) = 0;

  // Active employees, and departments where an active employee serves at a counter.
  struct StaffCounts {
    long active_employees = 0;
    long counter_units = 0;
  };
  virtual Result<StaffCounts> CountStaff() const = 0;

  // The employees with these numbers (unknown ones are left out), by number.
  virtual Result<std::vector<org::Employee>> FindEmployees(
      const std::vector<std::string>& employee_nos) const = 0;

  virtual Result<void> SaveRecording(const Recording& recording) = 0;
  virtual Result<std::optional<Recording>> FindRecording(std::int64_t evaluation_id) const = 0;
};

// Background work whose progress the web pages poll.
enum class JobState { kQueued, kRunning, kSucceeded, kFailed };
const char* JobStateCode(JobState state);

struct Job {
  std::int64_t id = 0;
  std::string kind;  // e.g. "import:roster"
  JobState state = JobState::kQueued;
  double progress = 0;  // 0..1
  long rows = 0;
  std::string message;  // for people: what went wrong, or what was done
  std::string result;   // JSON of the outcome, when succeeded
  std::optional<std::int64_t> created_by;
  LocalDateTime created_at;
  std::optional<LocalDateTime> finished_at;
};

class JobRepository {
 public:
  virtual ~JobRepository() = default;

  virtual Result<std::int64_t> CreateJob(std::string_view kind, std::int64_t created_by,
                                         const LocalDateTime& at) = 0;
  // kNotFound for an unknown id.
  virtual Result<void> UpdateJob(const Job& job) = 0;
  virtual Result<std::optional<Job>> FindJob(std::int64_t id) const = 0;
};

}  // namespace chinjeol::results
