#include "adapters/storage/evaluation_writers.hpp"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "adapters/storage/row_reading.hpp"
#include "adapters/storage/sql/postgres_connection.hpp"

namespace chinjeol::storage {
namespace {

// At most this many conflicts come back from one PostgreSQL batch.
constexpr int kMaxViolations = 1000;
// COPY data is sent in pieces of about this size.
constexpr std::size_t kCopyChunk = 1 << 20;

// An evaluation as stored: codes resolved to ids, lists encoded as text, with its input line.
struct EvaluationRow {
  long line = 0;
  std::string code;
  const char* channel = "";
  int round = 0;
  const char* state = "";
  std::string review_reason;
  std::string notes;
  std::int64_t campaign_id = 0;
  std::int64_t employee_id = 0;
  std::int64_t department_id = 0;
  std::int64_t monitor_id = 0;
  std::int64_t scenario_id = 0;
  std::int64_t rubric_id = 0;
  std::string performed_at;
  std::string flags;
  std::string observations;
  std::optional<std::string> item_points;
  std::optional<double> score;
  bool capped = false;
};

// A code -> id map that remembers its last hit: most rows of a batch share a campaign, and
// often a department or monitor with the row before.
class IdLookup {
 public:
  explicit IdLookup(IdMap ids = {}) : ids_(std::move(ids)) {}

  // 0 when the code is unknown (ids start at 1).
  std::int64_t Find(const std::string& code) {
    if (last_id_ != 0 && code == last_code_) return last_id_;
    const auto found = ids_.find(code);
    if (found == ids_.end()) return 0;
    last_code_ = code;
    last_id_ = found->second;
    return last_id_;
  }

  // The code of `id` (a linear search, for messages).
  std::string CodeOf(std::int64_t id) const {
    for (const auto& [code, known] : ids_) {
      if (known == id) return code;
    }
    return std::to_string(id);
  }

 private:
  IdMap ids_;
  std::string last_code_;
  std::int64_t last_id_ = 0;
};

struct RubricVersionId {
  std::string code;
  int version = 0;
  std::int64_t id = 0;
};

// Code -> id maps, loaded when a writer opens.
class CodeResolver {
 public:
  static Result<CodeResolver> Load(sql::Connection& connection) {
    CodeResolver resolver;
    struct Map {
      IdLookup* lookup;
      std::string_view sql;
    };
    for (const Map& map : {Map{&resolver.campaigns_, "SELECT code, id FROM campaigns"},
                           Map{&resolver.employees_, "SELECT employee_no, id FROM employees"},
                           Map{&resolver.departments_, "SELECT code, id FROM departments"},
                           Map{&resolver.monitors_, "SELECT code, id FROM monitors"},
                           Map{&resolver.scenarios_, "SELECT code, id FROM scenarios"}}) {
      Result<IdMap> ids = LoadIds(connection, map.sql);
      if (!ids) return ids.error();
      *map.lookup = IdLookup(*std::move(ids));
    }
    Result<void> rubrics = connection.Query(
        "SELECT code, version, id FROM rubrics", {}, [&](const sql::Row& row) -> Result<void> {
          resolver.rubrics_.push_back({row.String(0), row.Int(1), row.Int64(2)});
          return Ok();
        });
    if (!rubrics) return rubrics.error();
    return resolver;
  }

  // Fills `row` from `evaluation`; kInvalidArgument naming the line and column of an unknown
  // code.
  Result<void> Resolve(const evaluation::Evaluation& evaluation, long line, EvaluationRow& row) {
    std::vector<FieldViolation> unknown;
    const auto find = [&](IdLookup& ids, const std::string& code, const char* field,
                          const char* what) -> std::int64_t {
      const std::int64_t id = ids.Find(code);
      if (id == 0) {
        unknown.emplace_back(field, "unknown " + std::string(what) + " " + code, "", line);
      }
      return id;
    };
    row.campaign_id = find(campaigns_, evaluation.campaign_code, "campaign", "campaign");
    row.employee_id = find(employees_, evaluation.employee_no, "employee_no", "employee");
    row.department_id =
        find(departments_, evaluation.department_code, "department_code", "department");
    row.monitor_id = find(monitors_, evaluation.monitor_code, "monitor_code", "monitor");
    row.scenario_id = find(scenarios_, evaluation.scenario_code, "scenario_code", "scenario");
    row.rubric_id = FindRubric(evaluation.rubric_code, evaluation.rubric_version);
    if (row.rubric_id == 0) {
      unknown.emplace_back("rubric",
                           "unknown rubric " + evaluation.rubric_code + " version " +
                               std::to_string(evaluation.rubric_version),
                           "", line);
    }
    if (!unknown.empty()) {
      std::string message = "line " + std::to_string(line) + ": " + unknown.front().message;
      return InvalidArgument(std::move(message), std::move(unknown));
    }
    row.line = line;
    row.code = evaluation.code;
    row.channel = ChannelCode(evaluation.channel);
    row.round = evaluation.round;
    row.state = evaluation::ReviewStateCode(evaluation.state);
    row.review_reason = evaluation.review_reason;
    row.notes = evaluation.notes;
    row.performed_at = FormatLocalDateTime(evaluation.performed_at);
    row.flags.clear();
    for (const std::string& flag : evaluation.flags) {
      if (!row.flags.empty()) row.flags += ';';
      row.flags += flag;
    }
    row.observations = rubric::EncodeObservations(evaluation.observations);
    if (evaluation.score) {
      row.item_points = rubric::EncodeItemPoints(*evaluation.score);
      row.score = evaluation.score->total;
      row.capped = evaluation.score->capped;
    } else {
      row.item_points.reset();
      row.score.reset();
      row.capped = false;
    }
    return Ok();
  }

  std::string CampaignCode(std::int64_t id) const { return campaigns_.CodeOf(id); }

 private:
  std::int64_t FindRubric(const std::string& code, int version) {
    // A handful of rubric versions: a scan with the last hit first beats hashing.
    if (last_rubric_ < rubrics_.size() && rubrics_[last_rubric_].version == version &&
        rubrics_[last_rubric_].code == code) {
      return rubrics_[last_rubric_].id;
    }
    for (std::size_t i = 0; i < rubrics_.size(); ++i) {
      if (rubrics_[i].version == version && rubrics_[i].code == code) {
        last_rubric_ = i;
        return rubrics_[i].id;
      }
    }
    return 0;
  }

  IdLookup campaigns_;
  IdLookup employees_;
  IdLookup departments_;
  IdLookup monitors_;
  IdLookup scenarios_;
  std::vector<RubricVersionId> rubrics_;
  std::size_t last_rubric_ = 0;
};

// The writer's own transaction when the caller has none.
class OwnTransaction {
 public:
  explicit OwnTransaction(Database& database) : database_(database) {}
  ~OwnTransaction() {
    if (open_) {
      auto lock = database_.Lock();
      (void)database_.connection().Rollback();
    }
  }
  OwnTransaction(const OwnTransaction&) = delete;
  OwnTransaction& operator=(const OwnTransaction&) = delete;

  Result<void> BeginIfNone() {
    if (database_.connection().in_transaction()) return Ok();
    if (Result<void> begun = database_.connection().Begin(); !begun) return begun;
    open_ = true;
    return Ok();
  }
  bool open() const { return open_; }
  void RollBack() {
    if (!open_) return;
    open_ = false;
    (void)database_.connection().Rollback();
  }
  Result<void> Commit() {
    if (!open_) return Ok();
    open_ = false;
    Result<void> committed = database_.connection().Commit();
    if (!committed) (void)database_.connection().Rollback();
    return committed;
  }

 private:
  Database& database_;
  bool open_ = false;
};

Error FinishedWriter() { return FailedPrecondition("the evaluation writer is finished"); }

// The secondary index of evaluations, as migrations/sqlite/0001_init.sql creates it.
constexpr std::string_view kEmployeeIndex =
    "CREATE INDEX IF NOT EXISTS evaluations_campaign_employee ON evaluations (campaign_id, "
    "employee_id)";
// Inserting into that index in random employee order costs more than building it afresh once
// the batch is as large as half the table. While the inserting thread keeps up with the caller
// the index costs no time; when it falls behind (the caller spent more than kSlowShare of the
// last kIndexCheckRows rows waiting for room in the queue) and the batch is that large, the
// writer drops the index and builds it at Finish.
constexpr long kIndexCheckRows = 16384;
constexpr double kSlowShare = 0.2;
// Rows handed to the inserting thread at a time, and batches waiting at most (memory bound).
constexpr std::size_t kBatchRows = 2048;
constexpr std::size_t kMaxQueuedBatches = 4;

// Rows handed over together. The row objects, and their string buffers, are kept from use to use,
// so the thread never frees what the caller's thread allocated; the first `size` are in use.
struct Batch {
  std::vector<EvaluationRow> rows;
  std::size_t size = 0;
};

// SQLite: the INSERTs run on a thread of the writer's own, so that they overlap with the
// caller's reading and checking of the next rows. Add resolves and encodes a row and queues it;
// the thread inserts batches in order with one reused prepared statement. A code the campaign
// already has (in the database or earlier in the batch) is caught by the UNIQUE constraint and
// comes back from Finish as a violation with its line, as on PostgreSQL. The thread uses the
// connection only on work handed to it under the storage's lock, and whoever takes that lock
// waits until the work is done (BackgroundUse).
class SqliteEvaluationWriter final : public evaluation::EvaluationWriter, private BackgroundUse {
 public:
  SqliteEvaluationWriter(Database& database, CodeResolver codes, sql::Statement& insert,
                         std::unique_ptr<OwnTransaction> transaction, std::int64_t existing_rows)
      : database_(database),
        codes_(std::move(codes)),
        insert_(insert),
        transaction_(std::move(transaction)),
        created_at_(NowText()),
        existing_rows_(existing_rows) {
    pending_.rows.reserve(kBatchRows);
    worker_ = std::thread([this] { Work(); });
    database_.SetBackground(this);
    database_.set_writer_open(true);
  }

  ~SqliteEvaluationWriter() override {
    auto lock = database_.LockForHandOver();
    Stop();
    if (!finished_) database_.set_writer_open(false);
    // Unfinished inside the caller's transaction, which must not commit without the index (the
    // writer's own transaction is rolled back, index and all).
    if (index_dropped_ && !transaction_->open() && database_.connection().in_transaction()) {
      (void)RestoreIndex();
    }
  }
  SqliteEvaluationWriter(const SqliteEvaluationWriter&) = delete;
  SqliteEvaluationWriter& operator=(const SqliteEvaluationWriter&) = delete;

  Result<void> Add(const evaluation::Evaluation& evaluation, long line) override {
    auto lock = database_.LockForHandOver();
    if (finished_) return FinishedWriter();
    if (std::optional<Error> failure = Failure()) return *failure;
    if (pending_.size == pending_.rows.size()) pending_.rows.emplace_back();
    EvaluationRow& row = pending_.rows[pending_.size];
    if (Result<void> resolved = codes_.Resolve(evaluation, line, row); !resolved) return resolved;
    ++pending_.size;
    if (pending_.size >= kBatchRows) HandOver();
    return Ok();
  }

  Result<std::vector<FieldViolation>> Finish() override {
    auto lock = database_.LockForHandOver();
    if (finished_) return FinishedWriter();
    finished_ = true;
    database_.set_writer_open(false);
    HandOver();
    Stop();
    if (std::optional<Error> failure = Failure()) return *failure;
    if (Result<void> restored = RestoreIndex(); !restored) return restored.error();
    std::sort(violations_.begin(), violations_.end(),
              [](const FieldViolation& a, const FieldViolation& b) { return a.line < b.line; });
    if (violations_.size() > static_cast<std::size_t>(kMaxViolations)) {
      violations_.erase(violations_.begin() + kMaxViolations, violations_.end());
    }
    if (!violations_.empty()) {
      transaction_->RollBack();
      return std::move(violations_);
    }
    if (Result<void> committed = transaction_->Commit(); !committed) return committed.error();
    return std::vector<FieldViolation>{};
  }

 private:
  void WaitIdle() override {
    std::unique_lock<std::mutex> lock(queue_mutex_);
    idle_.wait(lock, [&] { return queue_.empty() && !busy_; });
  }

  // Queues the pending rows for the thread; waits while the queue is full.
  void HandOver() {
    if (pending_.size == 0) return;
    std::unique_lock<std::mutex> lock(queue_mutex_);
    if (queue_.size() >= kMaxQueuedBatches) {
      const auto start = std::chrono::steady_clock::now();
      space_.wait(lock, [&] { return queue_.size() < kMaxQueuedBatches; });
      caller_waited_ += std::chrono::steady_clock::now() - start;
    }
    queue_.push_back(std::move(pending_));
    if (!spare_.empty()) {
      pending_ = std::move(spare_.back());
      spare_.pop_back();
    } else {
      pending_ = Batch();
      pending_.rows.reserve(kBatchRows);
    }
    work_.notify_one();
  }

  // Lets the thread finish what it was handed, then ends it and unregisters it.
  void Stop() {
    if (!worker_.joinable()) return;
    {
      std::lock_guard<std::mutex> lock(queue_mutex_);
      stopping_ = true;
    }
    work_.notify_all();
    worker_.join();
    database_.SetBackground(nullptr);
  }

  std::optional<Error> Failure() {
    std::lock_guard<std::mutex> lock(queue_mutex_);
    return failure_;
  }

  void Work() {
    for (;;) {
      Batch batch;
      {
        std::unique_lock<std::mutex> lock(queue_mutex_);
        work_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
        if (queue_.empty()) return;
        batch = std::move(queue_.front());
        queue_.pop_front();
        busy_ = true;
        space_.notify_one();
      }
      std::optional<Error> failure;
      try {
        if (!Failure()) failure = Insert(batch);
      } catch (const std::exception& exception) {
        failure = Internal(std::string("evaluation writer: ") + exception.what());
      }
      batch.size = 0;
      {
        std::lock_guard<std::mutex> lock(queue_mutex_);
        if (failure && !failure_) failure_ = std::move(failure);
        spare_.push_back(std::move(batch));
        busy_ = false;
      }
      idle_.notify_all();
    }
  }

  // Inserts a batch; the error that stops the writer, if any. Runs on the thread.
  std::optional<Error> Insert(const Batch& batch) {
    for (std::size_t i = 0; i < batch.size; ++i) {
      const EvaluationRow& row = batch.rows[i];
      Result<void> inserted = insert_.Execute(
          {row.campaign_id, row.code,          row.employee_id,  row.department_id, row.monitor_id,
           row.scenario_id, row.channel,       row.performed_at, row.round,         row.rubric_id,
           row.flags,       row.observations,  row.item_points,  row.score,         row.capped,
           row.state,       row.review_reason, row.notes,        created_at_,       created_at_});
      if (!inserted) {
        if (inserted.error().code() != ErrorCode::kAlreadyExists) return inserted.error();
        violations_.emplace_back("evaluation_code",
                                 "campaign " + codes_.CampaignCode(row.campaign_id) +
                                     " already has evaluation code " + row.code,
                                 "", row.line);
        continue;
      }
      if (++added_ % kIndexCheckRows == 0 && !index_dropped_ && CallerWaited() &&
          added_ * 2 >= existing_rows_) {
        if (Result<void> dropped = database_.connection().ExecuteScript(
                "DROP INDEX IF EXISTS evaluations_campaign_employee");
            !dropped) {
          return dropped.error();
        }
        index_dropped_ = true;
      }
    }
    return std::nullopt;
  }

  // Whether the caller spent much of the time since the last check waiting for the thread.
  bool CallerWaited() {
    const auto now = std::chrono::steady_clock::now();
    std::lock_guard<std::mutex> lock(queue_mutex_);
    const bool waited = caller_waited_ > (now - window_start_) * kSlowShare;
    caller_waited_ = {};
    window_start_ = now;
    return waited;
  }

  Result<void> RestoreIndex() {
    if (!index_dropped_) return Ok();
    if (Result<void> built = database_.connection().ExecuteScript(kEmployeeIndex); !built) {
      return built;
    }
    index_dropped_ = false;
    return Ok();
  }

  Database& database_;
  CodeResolver codes_;
  sql::Statement& insert_;
  std::unique_ptr<OwnTransaction> transaction_;
  const std::string created_at_;
  const std::int64_t existing_rows_;
  Batch pending_;  // rows not yet handed over (caller's side)
  bool finished_ = false;

  // Shared with the thread, under queue_mutex_.
  std::mutex queue_mutex_;
  std::condition_variable work_;   // a batch was queued, or stop
  std::condition_variable space_;  // the queue has room
  std::condition_variable idle_;   // the thread finished a batch
  std::deque<Batch> queue_;
  std::vector<Batch> spare_;  // done batches, to reuse
  bool busy_ = false;
  bool stopping_ = false;
  std::chrono::steady_clock::duration caller_waited_{};
  std::chrono::steady_clock::time_point window_start_ = std::chrono::steady_clock::now();
  std::optional<Error> failure_;

  // The thread's own until it is joined.
  std::vector<FieldViolation> violations_;
  long added_ = 0;
  bool index_dropped_ = false;
  std::thread worker_;
};

constexpr std::string_view kStagingColumns =
    "line, campaign_id, code, employee_id, department_id, monitor_id, scenario_id, channel, "
    "performed_at, round_no, rubric_id, flags, observations, item_points, score, capped, state, "
    "review_reason, notes, scored_at, created_at";

void AppendCopyNumber(std::string& out, std::int64_t value) {
  char digits[24];
  const auto [end, error] = std::to_chars(digits, digits + sizeof digits, value);
  out.append(digits, end);
}

class PostgresEvaluationWriter final : public evaluation::EvaluationWriter {
 public:
  PostgresEvaluationWriter(Database& database, sql::PostgresConnection& connection,
                           CodeResolver codes, std::unique_ptr<OwnTransaction> transaction)
      : database_(database),
        connection_(connection),
        codes_(std::move(codes)),
        transaction_(std::move(transaction)),
        created_at_(NowText()) {
    database_.set_writer_open(true);
  }
  ~PostgresEvaluationWriter() override {
    auto lock = database_.Lock();
    if (!finished_) database_.set_writer_open(false);
  }
  PostgresEvaluationWriter(const PostgresEvaluationWriter&) = delete;
  PostgresEvaluationWriter& operator=(const PostgresEvaluationWriter&) = delete;

  Result<void> Add(const evaluation::Evaluation& evaluation, long line) override {
    auto lock = database_.Lock();
    if (finished_) return FinishedWriter();
    if (Result<void> resolved = codes_.Resolve(evaluation, line, row_); !resolved) {
      return resolved;
    }
    AppendCopyRow(evaluation, line);
    if (buffer_.size() >= kCopyChunk) return Flush();
    return Ok();
  }

  Result<std::vector<FieldViolation>> Finish() override {
    auto lock = database_.Lock();
    if (finished_) return FinishedWriter();
    finished_ = true;
    database_.set_writer_open(false);
    if (Result<void> flushed = Flush(); !flushed) return flushed.error();
    if (Result<void> ended = connection_.CopyEnd(); !ended) return ended.error();
    Result<std::vector<FieldViolation>> violations = FindConflicts();
    if (!violations) return violations.error();
    if (!violations->empty()) {
      // Nothing is stored; the staging table goes at the end of the transaction.
      transaction_->RollBack();
      return violations;
    }
    if (Result<void> moved = connection_.Execute(
            "INSERT INTO evaluations (campaign_id, code, employee_id, department_id, "
            "monitor_id, scenario_id, channel, performed_at, round_no, rubric_id, flags, "
            "observations, item_points, score, capped, state, review_reason, notes, scored_at, "
            "created_at) "
            "SELECT campaign_id, code, employee_id, department_id, monitor_id, scenario_id, "
            "channel, performed_at, round_no, rubric_id, flags, observations, item_points, "
            "score, capped, state, review_reason, notes, scored_at, created_at "
            "FROM chinjeol_evaluation_staging");
        !moved) {
      return moved.error();
    }
    if (Result<void> dropped = connection_.ExecuteScript("DROP TABLE chinjeol_evaluation_staging");
        !dropped) {
      return dropped.error();
    }
    if (Result<void> committed = transaction_->Commit(); !committed) return committed.error();
    return violations;
  }

 private:
  void AppendCopyRow(const evaluation::Evaluation& evaluation, long line) {
    std::string& out = buffer_;
    const auto text = [&](std::string_view value) {
      sql::AppendCopyText(out, value);
      out += '\t';
    };
    const auto optional_text = [&](const std::optional<std::string>& value) {
      if (value) {
        sql::AppendCopyText(out, *value);
      } else {
        out += "\\N";
      }
      out += '\t';
    };
    const auto number = [&](std::int64_t value) {
      AppendCopyNumber(out, value);
      out += '\t';
    };
    number(line);
    number(row_.campaign_id);
    text(evaluation.code);
    number(row_.employee_id);
    number(row_.department_id);
    number(row_.monitor_id);
    number(row_.scenario_id);
    text(ChannelCode(evaluation.channel));
    text(row_.performed_at);
    number(evaluation.round);
    number(row_.rubric_id);
    text(row_.flags);
    text(row_.observations);
    optional_text(row_.item_points);
    if (row_.score) {
      char digits[32];
      const auto [end, error] = std::to_chars(digits, digits + sizeof digits, *row_.score);
      out.append(digits, end);
    } else {
      out += "\\N";
    }
    out += '\t';
    number(row_.capped ? 1 : 0);
    text(evaluation::ReviewStateCode(evaluation.state));
    text(evaluation.review_reason);
    text(evaluation.notes);
    text(created_at_);
    sql::AppendCopyText(out, created_at_);
    out += '\n';
  }

  Result<void> Flush() {
    if (buffer_.empty()) return Ok();
    if (!connection_.copy_active()) {
      if (Result<void> begun = connection_.CopyBegin("COPY chinjeol_evaluation_staging (" +
                                                     std::string(kStagingColumns) + ") FROM STDIN");
          !begun) {
        return begun;
      }
    }
    Result<void> sent = connection_.CopyPut(buffer_);
    buffer_.clear();
    return sent;
  }

  // Codes repeated within the batch (every occurrence after the first) and codes the campaign
  // already has, by line.
  Result<std::vector<FieldViolation>> FindConflicts() {
    std::vector<FieldViolation> violations;
    Result<void> repeated = connection_.Query(
        "SELECT s.line, s.first_line, s.code, c.code FROM ("
        "SELECT line, code, campaign_id, "
        "MIN(line) OVER (PARTITION BY campaign_id, code) AS first_line "
        "FROM chinjeol_evaluation_staging) s JOIN campaigns c ON c.id = s.campaign_id "
        "WHERE s.line <> s.first_line ORDER BY s.line LIMIT ?",
        {kMaxViolations}, [&](const sql::Row& row) -> Result<void> {
          violations.emplace_back("evaluation_code",
                                  "evaluation code " + row.String(2) + " of campaign " +
                                      row.String(3) + " repeats line " + row.String(1),
                                  "", static_cast<long>(row.Int64(0)));
          return Ok();
        });
    if (!repeated) return repeated.error();
    Result<void> existing = connection_.Query(
        "SELECT s.line, s.code, c.code FROM chinjeol_evaluation_staging s "
        "JOIN evaluations e ON e.campaign_id = s.campaign_id AND e.code = s.code "
        "JOIN campaigns c ON c.id = s.campaign_id ORDER BY s.line LIMIT ?",
        {kMaxViolations}, [&](const sql::Row& row) -> Result<void> {
          violations.emplace_back(
              "evaluation_code",
              "campaign " + row.String(2) + " already has evaluation code " + row.String(1), "",
              static_cast<long>(row.Int64(0)));
          return Ok();
        });
    if (!existing) return existing.error();
    std::stable_sort(
        violations.begin(), violations.end(),
        [](const FieldViolation& a, const FieldViolation& b) { return a.line < b.line; });
    if (violations.size() > static_cast<std::size_t>(kMaxViolations)) {
      violations.erase(violations.begin() + kMaxViolations, violations.end());
    }
    return violations;
  }

  Database& database_;
  sql::PostgresConnection& connection_;
  CodeResolver codes_;
  std::unique_ptr<OwnTransaction> transaction_;
  std::string created_at_;
  EvaluationRow row_;
  std::string buffer_;
  bool finished_ = false;
};

}  // namespace

Result<std::unique_ptr<evaluation::EvaluationWriter>> OpenSqliteEvaluationWriter(
    Database& database) {
  auto lock = database.Lock();
  if (database.writer_open()) return FailedPrecondition("another evaluation writer is open");
  sql::Connection& connection = database.connection();
  auto transaction = std::make_unique<OwnTransaction>(database);
  if (Result<void> begun = transaction->BeginIfNone(); !begun) return begun.error();
  Result<CodeResolver> codes = CodeResolver::Load(connection);
  if (!codes) return codes.error();
  Result<sql::Statement*> insert = connection.Prepare(
      "INSERT INTO evaluations (campaign_id, code, employee_id, department_id, monitor_id, "
      "scenario_id, channel, performed_at, round_no, rubric_id, flags, observations, "
      "item_points, score, capped, state, review_reason, notes, scored_at, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  if (!insert) return insert.error();
  // MAX(id) stands in for the number of rows: SQLite reads it from the end of the table.
  Result<std::optional<std::int64_t>> existing =
      connection.QueryInt64("SELECT MAX(id) FROM evaluations");
  if (!existing) return existing.error();
  return std::unique_ptr<evaluation::EvaluationWriter>(std::make_unique<SqliteEvaluationWriter>(
      database, *std::move(codes), **insert, std::move(transaction), existing->value_or(0)));
}

Result<std::unique_ptr<evaluation::EvaluationWriter>> OpenPostgresEvaluationWriter(
    Database& database) {
  auto lock = database.Lock();
  // Writers share the staging table (PostgreSQL) or the inserting thread and statement (SQLite).
  if (database.writer_open()) return FailedPrecondition("another evaluation writer is open");
  auto* connection = dynamic_cast<sql::PostgresConnection*>(&database.connection());
  if (connection == nullptr) return Internal("not a PostgreSQL connection");
  auto transaction = std::make_unique<OwnTransaction>(database);
  if (Result<void> begun = transaction->BeginIfNone(); !begun) return begun.error();
  Result<CodeResolver> codes = CodeResolver::Load(*connection);
  if (!codes) return codes.error();
  // Dropped at commit; a writer opened earlier in the same transaction may have left one.
  if (Result<void> staged = connection->ExecuteScript(
          "DROP TABLE IF EXISTS pg_temp.chinjeol_evaluation_staging; "
          "CREATE TEMPORARY TABLE chinjeol_evaluation_staging ("
          "line bigint NOT NULL, campaign_id bigint NOT NULL, code text COLLATE \"C\" NOT NULL, "
          "employee_id bigint NOT NULL, department_id bigint NOT NULL, "
          "monitor_id bigint NOT NULL, scenario_id bigint NOT NULL, channel text NOT NULL, "
          "performed_at text NOT NULL, round_no integer NOT NULL, rubric_id bigint NOT NULL, "
          "flags text NOT NULL, observations text NOT NULL, item_points text, "
          "score double precision, capped smallint NOT NULL, "
          "state text NOT NULL, review_reason text NOT NULL, notes text NOT NULL, "
          "scored_at text NOT NULL, created_at text NOT NULL) ON COMMIT DROP");
      !staged) {
    return staged.error();
  }
  return std::unique_ptr<evaluation::EvaluationWriter>(std::make_unique<PostgresEvaluationWriter>(
      database, *connection, *std::move(codes), std::move(transaction)));
}

}  // namespace chinjeol::storage
