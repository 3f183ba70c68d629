#pragma once

#include <functional>

#include "core/auth/audit_log.hpp"
#include "core/auth/session.hpp"
#include "core/auth/user.hpp"
#include "core/campaign/campaign_repository.hpp"
#include "core/coaching/coaching_repository.hpp"
#include "core/common/result.hpp"
#include "core/evaluation/evaluation_repository.hpp"
#include "core/org/organisation_repository.hpp"
#include "core/planning/assignment_repository.hpp"
#include "core/results/results_repository.hpp"
#include "core/rubric/rubric_repository.hpp"

namespace chinjeol::ports {

// Everything the programme keeps, behind one transaction boundary. Implemented by the storage
// adapters (SQLite, PostgreSQL); `app/` opens one and hands it to the use cases.
class Storage {
 public:
  virtual ~Storage() = default;

  // Runs `work` in one transaction: commits when it succeeds, rolls back when it returns an
  // error (which is passed on). Transactions do not nest.
  virtual Result<void> InTransaction(const std::function<Result<void>()>& work) = 0;

  virtual org::OrganisationRepository& organisation() = 0;
  virtual rubric::RubricRepository& rubrics() = 0;
  virtual campaign::CampaignRepository& campaigns() = 0;
  virtual campaign::CalendarRepository& calendar() = 0;
  virtual evaluation::EvaluationRepository& evaluations() = 0;
  virtual auth::UserRepository& users() = 0;
  virtual planning::AssignmentRepository& assignments() = 0;
  // The web application's records: sessions and sign-in attempts, the access log, results
  // release and what hangs on it, background jobs.
  virtual auth::SessionRepository& sessions() = 0;
  virtual auth::AuditLog& audit_log() = 0;
  virtual results::ResultsRepository& results() = 0;
  virtual results::JobRepository& jobs() = 0;
  // Training sessions and attendance, coaching sessions.
  virtual coaching::CoachingRepository& coaching() = 0;
};

}  // namespace chinjeol::ports
