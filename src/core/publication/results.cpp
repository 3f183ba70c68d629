#include "core/publication/results.hpp"

#include <algorithm>
#include <map>

#include "core/common/text.hpp"
#include "core/programme/scores.hpp"
#include "core/publication/coaching.hpp"

namespace chinjeol::publication {
namespace {

constexpr std::size_t kMaxReasonBytes = 4000;

Result<void> CheckReason(std::string_view reason) {
  if (Trim(reason).empty()) {
    return InvalidArgument("사유를 적어 주세요", {{"reason", "must not be empty"}});
  }
  if (reason.size() > kMaxReasonBytes) {
    return InvalidArgument("사유가 너무 깁니다", {{"reason", "at most 4000 bytes"}});
  }
  if (!IsValidUtf8(reason)) {
    return InvalidArgument("사유가 UTF-8이 아닙니다", {{"reason", "must be UTF-8"}});
  }
  return Ok();
}

bool IsFinal(evaluation::ReviewState state) {
  return state == evaluation::ReviewState::kApproved || state == evaluation::ReviewState::kVoid;
}

Error NoSuchResult() { return NotFound("결과를 찾을 수 없습니다"); }

// The published scores of a campaign released at `released_at`: from the contacts made by then.
Result<
    std::pair<std::vector<results::ReleasedScore>, std::vector<results::ReleasedDepartmentScore>>>
PublishedScores(ports::Storage& storage, std::string_view campaign_code,
                const LocalDateTime& released_at) {
  Result<programme::ScoreTable> table =
      programme::ComputeScores(storage, campaign_code, {}, released_at);
  if (!table) return table.error();
  std::vector<results::ReleasedScore> employees;
  employees.reserve(table->rows.size());
  for (const programme::EmployeeScoreRow& row : table->rows) {
    employees.push_back({row.employee_no, row.name, row.department_code, row.contacts, row.raw_mean,
                         row.adjusted, row.ci90_low, row.ci90_high, row.grade, row.uncertain});
  }
  std::vector<results::ReleasedDepartmentScore> departments;
  if (table->report) {
    for (const stats::UnitScore& unit : table->report->departments) {
      const auto department = table->departments.find(unit.unit_id);
      if (department == table->departments.end()) continue;
      departments.push_back({department->second.code, department->second.name, unit.employees,
                             unit.contacts, unit.raw_mean, unit.adjusted, unit.ci_low, unit.ci_high,
                             unit.rank, unit.rank_worst});
    }
  }
  return std::pair{std::move(employees), std::move(departments)};
}

// Each item's mean share of its points over the campaign's approved contacts made by
// `released_at`, per department and for the whole organisation (empty department code).
Result<std::vector<results::ReleasedItemMean>> PublishedItemMeans(
    ports::Storage& storage, std::string_view campaign_code, const LocalDateTime& released_at) {
  struct Sum {
    double total = 0;
    long n = 0;
  };
  std::map<std::pair<std::string, std::string>, Sum> sums;  // (department, item)
  Result<void> visited = storage.evaluations().ForEachEvaluation(
      campaign_code, [&](const evaluation::Evaluation& evaluation) -> Result<void> {
        if (evaluation.state != evaluation::ReviewState::kApproved || !evaluation.score ||
            released_at < evaluation.performed_at) {
          return Ok();
        }
        for (const rubric::ItemScore& item : evaluation.score->items) {
          if (!item.points || item.max_points <= 0) continue;
          const double share = std::clamp(*item.points / item.max_points, 0.0, 1.0);
          for (const std::string& unit : {evaluation.department_code, std::string()}) {
            Sum& sum = sums[{unit, item.item_id}];
            sum.total += share;
            ++sum.n;
          }
        }
        return Ok();
      });
  if (!visited) return visited.error();
  std::vector<results::ReleasedItemMean> means;
  means.reserve(sums.size());
  for (const auto& [key, sum] : sums) {
    means.push_back({key.first, key.second, sum.n, sum.total / static_cast<double>(sum.n)});
  }
  return means;
}

// Publishes the release's scores and item means (inside the caller's transaction).
Result<void> Publish(ports::Storage& storage, const results::ResultsRelease& release,
                     std::int64_t released_by) {
  auto scores = PublishedScores(storage, release.campaign_code, release.released_at);
  if (!scores) return scores.error();
  Result<std::vector<results::ReleasedItemMean>> item_means =
      PublishedItemMeans(storage, release.campaign_code, release.released_at);
  if (!item_means) return item_means.error();
  if (Result<void> saved =
          storage.results().SaveRelease(release, released_by, scores->first, scores->second);
      !saved) {
    return saved;
  }
  return storage.results().SaveReleasedItemMeans(release.campaign_code, *item_means);
}

// The employee's evaluations read out, the fair score in a sentence and the item profile.
Result<void> ReadOut(ports::Storage& storage, std::string_view campaign_code,
                     const std::string& department_code, OwnResults& results) {
  Result<std::vector<rubric::Rubric>> rubrics = storage.rubrics().ListRubrics();
  if (!rubrics) return rubrics.error();
  Result<std::vector<org::Department>> departments = storage.organisation().ListDepartments();
  if (!departments) return departments.error();
  Result<std::vector<org::Scenario>> scenarios = storage.organisation().ListScenarios();
  if (!scenarios) return scenarios.error();
  const auto department_name = [&](const std::string& code) {
    for (const org::Department& department : *departments) {
      if (department.code == code) return department.name;
    }
    return code;
  };
  results.department_name = department_name(department_code);
  std::vector<evaluation::Evaluation> scored;
  for (const OwnEvaluation& own : results.evaluations) {
    Result<std::optional<evaluation::Evaluation>> found =
        storage.evaluations().FindEvaluation(own.row.id);
    if (!found) return found.error();
    if (!*found) return NoSuchResult();
    const evaluation::Evaluation& evaluation = **found;
    const rubric::Rubric* rubric = nullptr;
    for (const rubric::Rubric& r : *rubrics) {
      if (r.code == evaluation.rubric_code && r.version == evaluation.rubric_version) rubric = &r;
    }
    std::string scenario_title;
    for (const org::Scenario& scenario : *scenarios) {
      if (scenario.code == evaluation.scenario_code) scenario_title = scenario.title;
    }
    results.readable.push_back(coaching::DescribeContact(
        evaluation, rubric, department_name(evaluation.department_code), scenario_title));
    if (evaluation.state == evaluation::ReviewState::kApproved) scored.push_back(evaluation);
  }
  if (results.score && results.score->adjusted && results.score->ci90_low &&
      results.score->ci90_high) {
    results.score_sentence = coaching::ExplainFairScore(
        *results.score->adjusted, *results.score->ci90_low, *results.score->ci90_high,
        results.score->grade, results.score->uncertain.value_or(false));
  }
  Result<std::vector<results::ReleasedItemMean>> means =
      storage.results().ListReleasedItemMeans(campaign_code, department_code);
  if (!means) return means.error();
  coaching::ItemMeans item_means;
  for (const results::ReleasedItemMean& mean : *means) {
    (mean.department_code.empty() ? item_means.organisation : item_means.department)[mean.item_id] =
        mean.mean;
  }
  Result<std::vector<coaching::PracticeModule>> library = ReadCoachingLibrary(storage);
  if (!library) return library.error();
  results.items = coaching::ProfileItems(scored, *rubrics, item_means, *library);
  return Ok();
}

}  // namespace

Result<results::ResultsRelease> ReleaseResults(
    ports::Storage& storage, std::string_view campaign_code, const LocalDateTime& now,
    const Date& objection_deadline, std::int64_t released_by, const ReleaseRecorder& record) {
  if (objection_deadline < now.date) {
    return InvalidArgument("이의신청 기한이 공개일보다 앞섭니다",
                           {{"objection_deadline", "must not be before the release day"}});
  }
  Result<std::optional<campaign::Campaign>> campaign =
      storage.campaigns().FindCampaign(campaign_code);
  if (!campaign) return campaign.error();
  if (!*campaign) return NotFound("no campaign " + std::string(campaign_code));
  const results::ResultsRelease release{std::string(campaign_code), now, objection_deadline};
  if (Result<void> saved = storage.InTransaction([&]() -> Result<void> {
        if (Result<void> published = Publish(storage, release, released_by); !published) {
          return published;
        }
        return record ? record(release) : Ok();
      });
      !saved) {
    return saved.error();
  }
  return release;
}

Result<OwnResults> ReadOwnResults(ports::Storage& storage, const auth::Actor& actor,
                                  std::string_view campaign_code, const LocalDateTime& now) {
  if (!auth::Decide(actor, auth::Action::kReadOwnResults).allowed) {
    return Error(ErrorCode::kPermissionDenied, "직원 계정만 자신의 결과를 볼 수 있습니다");
  }
  Result<std::optional<results::ResultsRelease>> release =
      storage.results().FindRelease(campaign_code);
  if (!release) return release.error();
  if (!*release || now < (*release)->released_at) return NoSuchResult();
  OwnResults results;
  results.release = **release;
  results.objections_open = now.date <= results.release.objection_deadline;
  results::ResultsRepository::ScoreFilter filter;
  filter.employee_no = actor.employee_no;
  Result<std::vector<results::ReleasedScore>> score =
      storage.results().ListReleasedScores(campaign_code, filter);
  if (!score) return score.error();
  if (!score->empty()) results.score = score->front();
  results::EvaluationFilter evaluations;
  evaluations.campaign_code = std::string(campaign_code);
  evaluations.employee_no = actor.employee_no;
  evaluations.final_only = true;
  evaluations.performed_until = results.release.released_at;
  evaluations.limit = 1000;
  Result<results::EvaluationPage> page = storage.results().ListEvaluations(evaluations);
  if (!page) return page.error();
  std::vector<std::int64_t> ids;
  for (const results::EvaluationRow& row : page->rows) ids.push_back(row.id);
  Result<std::vector<std::int64_t>> acknowledged = storage.results().ListAcknowledged(ids);
  if (!acknowledged) return acknowledged.error();
  for (results::EvaluationRow& row : page->rows) {
    OwnEvaluation own;
    own.acknowledged =
        std::find(acknowledged->begin(), acknowledged->end(), row.id) != acknowledged->end();
    Result<std::vector<results::Objection>> objection =
        storage.results().ListObjections(campaign_code, std::nullopt, row.id);
    if (!objection) return objection.error();
    if (!objection->empty()) own.objection = objection->front();
    own.row = std::move(row);
    results.evaluations.push_back(std::move(own));
  }
  const std::string department_code =
      results.score
          ? results.score->department_code
          : (results.evaluations.empty() ? std::string()
                                         : results.evaluations.back().row.department_code);
  if (Result<void> read = ReadOut(storage, campaign_code, department_code, results); !read) {
    return read.error();
  }
  return results;
}

Result<evaluation::Evaluation> FindOwnReleasedEvaluation(ports::Storage& storage,
                                                         const auth::Actor& actor,
                                                         std::int64_t evaluation_id,
                                                         const LocalDateTime& now) {
  Result<std::optional<evaluation::Evaluation>> found =
      storage.evaluations().FindEvaluation(evaluation_id);
  if (!found) return found.error();
  if (!*found) return NoSuchResult();
  Result<std::optional<results::ResultsRelease>> release =
      storage.results().FindRelease((*found)->campaign_code);
  if (!release) return release.error();
  auth::Subject subject;
  subject.employee_no = (*found)->employee_no;
  subject.department_code = (*found)->department_code;
  subject.results_released = results::IsPublished(*release, (*found)->performed_at, now);
  subject.final_review = IsFinal((*found)->state);
  if (!auth::Decide(actor, auth::Action::kRespondToOwnResult, subject).allowed) {
    return NoSuchResult();
  }
  return **std::move(found);
}

Result<void> AcknowledgeResult(ports::Storage& storage, const auth::Actor& actor,
                               std::int64_t evaluation_id, const LocalDateTime& now) {
  Result<evaluation::Evaluation> own =
      FindOwnReleasedEvaluation(storage, actor, evaluation_id, now);
  if (!own) return own.error();
  return storage.results().Acknowledge(evaluation_id, actor.user_id, now);
}

Result<results::Objection> FileObjection(ports::Storage& storage, const auth::Actor& actor,
                                         std::int64_t evaluation_id, std::string_view reason,
                                         const LocalDateTime& now) {
  if (Result<void> checked = CheckReason(reason); !checked) return checked.error();
  Result<evaluation::Evaluation> own =
      FindOwnReleasedEvaluation(storage, actor, evaluation_id, now);
  if (!own) return own.error();
  if (own->state != evaluation::ReviewState::kApproved) {
    return FailedPrecondition("무효 처리된 평가에는 이의신청을 할 수 없습니다");
  }
  Result<std::optional<results::ResultsRelease>> release =
      storage.results().FindRelease(own->campaign_code);
  if (!release) return release.error();
  if (!*release || now.date > (*release)->objection_deadline) {
    return FailedPrecondition("이의신청 기한이 지났습니다");
  }
  Result<std::int64_t> id =
      storage.results().FileObjection(evaluation_id, actor.user_id, std::string(Trim(reason)), now);
  if (!id) return id.error();
  Result<std::optional<results::Objection>> objection = storage.results().FindObjection(*id);
  if (!objection) return objection.error();
  if (!*objection) return Internal("the objection just filed is missing");
  return **objection;
}

Result<results::Objection> DecideObjection(ports::Storage& storage, const auth::Actor& actor,
                                           std::int64_t objection_id,
                                           results::ObjectionState decision,
                                           std::string_view reason, const LocalDateTime& now) {
  if (decision == results::ObjectionState::kOpen) {
    return InvalidArgument("결정은 upheld 또는 rejected 입니다",
                           {{"decision", "must be upheld or rejected"}});
  }
  if (Result<void> checked = CheckReason(reason); !checked) return checked.error();
  Result<std::optional<results::Objection>> objection =
      storage.results().FindObjection(objection_id);
  if (!objection) return objection.error();
  if (!*objection) return NotFound("이의신청을 찾을 수 없습니다");
  const std::string trimmed(Trim(reason));
  // The decision, the voided evaluation and the published scores change together.
  Result<void> decided = storage.InTransaction([&]() -> Result<void> {
    if (Result<void> saved =
            storage.results().DecideObjection(objection_id, decision, trimmed, actor.user_id, now);
        !saved) {
      return saved;
    }
    if (decision != results::ObjectionState::kUpheld) return Ok();
    if (Result<void> voided = storage.evaluations().SetReviewState(
            (*objection)->evaluation_id, evaluation::ReviewState::kApproved,
            evaluation::ReviewState::kVoid, "이의신청 인용 (objection upheld): " + trimmed);
        !voided) {
      return voided;
    }
    // The published scores follow the decision; the release day and deadline stay.
    Result<std::optional<results::ResultsRelease>> release =
        storage.results().FindRelease((*objection)->campaign_code);
    if (!release) return release.error();
    if (!*release) return Ok();
    return Publish(storage, **release, actor.user_id);
  });
  if (!decided) return decided.error();
  Result<std::optional<results::Objection>> updated = storage.results().FindObjection(objection_id);
  if (!updated) return updated.error();
  if (!*updated) return Internal("the objection just decided is missing");
  return **updated;
}

}  // namespace chinjeol::publication
