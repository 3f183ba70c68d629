#pragma once

#include <memory>
#include <optional>
#include <string>

#include "adapters/storage/database.hpp"
#include "adapters/storage/sql_assignment_repository.hpp"
#include "adapters/storage/sql_audit_log.hpp"
#include "adapters/storage/sql_calendar_repository.hpp"
#include "adapters/storage/sql_campaign_repository.hpp"
#include "adapters/storage/sql_coaching_repository.hpp"
#include "adapters/storage/sql_evaluation_repository.hpp"
#include "adapters/storage/sql_organisation_repository.hpp"
#include "adapters/storage/sql_results_repository.hpp"
#include "adapters/storage/sql_rubric_repository.hpp"
#include "adapters/storage/sql_session_repository.hpp"
#include "adapters/storage/sql_user_repository.hpp"
#include "core/ports/storage.hpp"

namespace chinjeol::storage {

// The programme's Storage over one SQL connection (SQLite or PostgreSQL) whose schema is up to
// date. Safe to share between threads: uses are serialised, and a transaction holds the
// storage until it ends.
class SqlStorage final : public ports::Storage {
 public:
  // `audit_key`: the 32 bytes the audit chain is keyed with; without it the audit log can be
  // read but not appended to.
  SqlStorage(std::unique_ptr<sql::Connection> connection, std::optional<std::string> audit_key)
      : database_(std::move(connection)),
        organisation_(database_),
        rubrics_(database_),
        campaigns_(database_),
        calendar_(database_),
        evaluations_(database_),
        users_(database_),
        assignments_(database_),
        sessions_(database_),
        audit_log_(database_, std::move(audit_key)),
        results_(database_),
        jobs_(database_),
        coaching_(database_) {}

  // kInternal when called inside another transaction.
  Result<void> InTransaction(const std::function<Result<void>()>& work) override {
    return database_.InTransaction(work);
  }

  org::OrganisationRepository& organisation() override { return organisation_; }
  rubric::RubricRepository& rubrics() override { return rubrics_; }
  campaign::CampaignRepository& campaigns() override { return campaigns_; }
  campaign::CalendarRepository& calendar() override { return calendar_; }
  evaluation::EvaluationRepository& evaluations() override { return evaluations_; }
  auth::UserRepository& users() override { return users_; }
  planning::AssignmentRepository& assignments() override { return assignments_; }
  auth::SessionRepository& sessions() override { return sessions_; }
  auth::AuditLog& audit_log() override { return audit_log_; }
  results::ResultsRepository& results() override { return results_; }
  results::JobRepository& jobs() override { return jobs_; }
  coaching::CoachingRepository& coaching() override { return coaching_; }

 private:
  Database database_;
  SqlOrganisationRepository organisation_;
  SqlRubricRepository rubrics_;
  SqlCampaignRepository campaigns_;
  SqlCalendarRepository calendar_;
  SqlEvaluationRepository evaluations_;
  SqlUserRepository users_;
  SqlAssignmentRepository assignments_;
  SqlSessionRepository sessions_;
  SqlAuditLog audit_log_;
  SqlResultsRepository results_;
  SqlJobRepository jobs_;
  SqlCoachingRepository coaching_;
};

}  // namespace chinjeol::storage
