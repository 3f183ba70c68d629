#include "adapters/http/internal/jobs.hpp"

#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <ctime>

#include "adapters/clock/clock.hpp"
#include "core/programme/imports.hpp"

namespace chinjeol::http::internal {

JobRunner::JobRunner(
    std::unique_ptr<ports::Storage> storage, const Clock& clock,
    std::function<Result<std::unique_ptr<tables::TableSource>>(const std::string&)> open_table,
    std::function<void(std::int64_t, double, long)> on_progress, std::function<void()> on_change)
    : storage_(std::move(storage)),
      clock_(clock),
      open_table_(std::move(open_table)),
      on_progress_(std::move(on_progress)),
      on_change_(std::move(on_change)),
      thread_([this] { Work(); }) {}

JobRunner::~JobRunner() { Stop(); }

void JobRunner::Enqueue(ImportJob job) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    queue_.push_back(std::move(job));
  }
  ready_.notify_one();
}

void JobRunner::Stop() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  ready_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void JobRunner::Work() {
  for (;;) {
    std::unique_lock<std::mutex> lock(mutex_);
    ready_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
    if (stopping_) {
      for (const ImportJob& job : queue_) {
        results::Job failed;
        failed.id = job.id;
        failed.state = results::JobState::kFailed;
        failed.message = "서버가 종료되어 실행하지 못했습니다";
        failed.finished_at = clock_.LocalNow();
        (void)storage_->jobs().UpdateJob(failed);
        std::remove(job.file.c_str());
      }
      queue_.clear();
      return;
    }
    ImportJob job = std::move(queue_.front());
    queue_.pop_front();
    lock.unlock();
    Run(job);
    std::remove(job.file.c_str());
  }
}

void JobRunner::Run(const ImportJob& job) {
  results::Job state;
  state.id = job.id;
  state.kind = "import:" + job.kind;
  state.state = results::JobState::kRunning;
  (void)storage_->jobs().UpdateJob(state);
  // The import holds its transaction (and on SQLite the write lock) until it ends, so live
  // progress is kept in this server's memory; the row says running until then.
  const programme::ProgressCallback progress = [&](double fraction, long rows) {
    if (on_progress_) on_progress_(job.id, fraction, rows);
  };
  Result<std::unique_ptr<tables::TableSource>> source = open_table_(job.file);
  Result<programme::ImportReport> report =
      source ? Result<programme::ImportReport>(Internal("the import did not run"))
             : Result<programme::ImportReport>(source.error());
  if (source) {
    ports::Storage& storage = *storage_;
    if (job.kind == "roster") {
      report = programme::ImportRoster(**source, storage, {job.deactivate_missing}, progress);
    } else if (job.kind == "monitors") {
      report = programme::ImportMonitors(**source, storage, progress);
    } else if (job.kind == "scenarios") {
      report = programme::ImportScenarios(**source, storage, progress);
    } else {
      report = programme::ImportEvaluations(**source, storage, {job.pending}, progress);
    }
  }
  state.finished_at = clock_.LocalNow();
  if (report) {
    state.state = results::JobState::kSucceeded;
    state.progress = 1;
    state.rows = report->rows;
    boost::json::object result{{"rows", report->rows},
                               {"created", report->created},
                               {"updated", report->updated},
                               {"departments_created", report->departments_created},
                               {"pending_review", report->pending_review},
                               {"unscored", report->unscored}};
    state.result = boost::json::serialize(result);
    state.message = "가져오기를 마쳤습니다";
  } else {
    state.state = results::JobState::kFailed;
    std::string message = report.error().message();
    const auto& violations = report.error().violations();
    boost::json::array problems;
    for (std::size_t i = 0; i < violations.size() && i < 100; ++i) {
      problems.push_back(boost::json::object{{"field", violations[i].field},
                                             {"line", violations[i].line},
                                             {"message", violations[i].message}});
    }
    state.message = message;
    state.result = boost::json::serialize(boost::json::object{{"problems", problems}});
  }
  (void)storage_->jobs().UpdateJob(state);
  if (on_progress_) on_progress_(job.id, -1, 0);
  if (on_change_) on_change_();
}

}  // namespace chinjeol::http::internal
