#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "core/common/result.hpp"
#include "core/ports/storage.hpp"
#include "core/tables/table_source.hpp"

namespace chinjeol::programme {

// Called now and then during a long import: share of the input read (0..1) and rows so far.
using ProgressCallback = std::function<void(double fraction, long rows)>;

// What an import did. Imports are all-or-nothing: a report means everything landed.
struct ImportReport {
  long rows = 0;     // data rows read
  long created = 0;  // new records
  long updated = 0;  // existing records changed (matched by code)
  long departments_created = 0;
  long pending_review = 0;            // evaluations put in the review queue
  long unscored = 0;                  // evaluations without a score (unanswered, void)
  std::map<std::string, long> flags;  // evaluations per flag
};

// At most this many problems are collected from one file; the error says when there were more.
inline constexpr std::size_t kMaxReportedProblems = 1000;

// Roster (CONTRACT.md): employee_no,name,department_code,department_name,group,position,phone,
// counter. Departments are created or renamed from the rows. Employees are matched by
// employee_no; those not in the file are left as they are unless `deactivate_missing`.
// kInvalidArgument listing every bad row (file, line, column); nothing is written then.
struct RosterOptions {
  bool deactivate_missing = false;
};
Result<ImportReport> ImportRoster(tables::TableSource& source, ports::Storage& storage,
                                  const RosterOptions& options = {},
                                  const ProgressCallback& progress = {});

// Monitors: monitor_code,name,gender,age_band,phone_per_day,visit_per_day,available_from,
// available_to (dates may be empty: open-ended).
Result<ImportReport> ImportMonitors(tables::TableSource& source, ports::Storage& storage,
                                    const ProgressCallback& progress = {});

// Scenarios: scenario_code,department_code,channel,title,script (department "*" = any), and an
// optional column `abusive` (1 = an abusive-caller script, never scheduled).
Result<ImportReport> ImportScenarios(tables::TableSource& source, ports::Storage& storage,
                                     const ProgressCallback& progress = {});

// Evaluations as a contractor delivers them (CONTRACT.md): one file, one rubric; item columns
// carry raw observations, which are validated and scored with the rubric's latest version.
// Imported evaluations are approved unless `pending` (then in the review queue); an evaluation
// flagged CRITICAL always goes to the review queue. Streams: memory does not grow with the
// number of rows.
struct EvaluationImportOptions {
  bool pending = false;
};
Result<ImportReport> ImportEvaluations(tables::TableSource& source, ports::Storage& storage,
                                       const EvaluationImportOptions& options = {},
                                       const ProgressCallback& progress = {});

// Training attendance (CONTRACT.md): session_code,date,topic,instructor,items,employee_no, one
// row an attendee; a session's fields repeat on each of its rows and must agree. `items` are
// ";"-separated rubric item ids. A session imported again is replaced with its attendees.
Result<ImportReport> ImportTraining(tables::TableSource& source, ports::Storage& storage);

// Coaching sessions held (e.g. recorded on paper): employee_no,coach,date,items,notes.
Result<ImportReport> ImportCoaching(tables::TableSource& source, ports::Storage& storage);

// Public holidays: date,name_ko,name_en,kind (data/holidays-kr.csv); replaces the list.
Result<ImportReport> ImportHolidays(tables::TableSource& source, ports::Storage& storage);

}  // namespace chinjeol::programme
