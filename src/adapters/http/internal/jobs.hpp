#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "core/common/clock.hpp"
#include "core/common/result.hpp"
#include "core/ports/storage.hpp"
#include "core/tables/table_source.hpp"

namespace chinjeol::http::internal {

// An import waiting to run: the file (moved out of the upload area) and what to do with it.
struct ImportJob {
  std::int64_t id = 0;
  std::string kind;  // roster, monitors, scenarios, evaluations
  std::string file;
  bool pending = false;             // evaluations: into the review queue
  bool deactivate_missing = false;  // roster
};

// Runs imports one at a time on a background thread with its own storage, writing progress to
// the jobs table so that any server can report it. The file is removed afterwards.
class JobRunner {
 public:
  JobRunner(
      std::unique_ptr<ports::Storage> storage, const Clock& clock,
      std::function<Result<std::unique_ptr<tables::TableSource>>(const std::string&)> open_table,
      // Live progress of a running job (fraction -1 when it has ended).
      std::function<void(std::int64_t job, double fraction, long rows)> on_progress,
      // After a job changed the data (caches drop what they hold).
      std::function<void()> on_change);
  ~JobRunner();
  JobRunner(const JobRunner&) = delete;
  JobRunner& operator=(const JobRunner&) = delete;

  void Enqueue(ImportJob job);
  // Finishes the running job, drops queued ones (marked failed), ends the thread.
  void Stop();

 private:
  void Work();
  void Run(const ImportJob& job);

  std::unique_ptr<ports::Storage> storage_;
  const Clock& clock_;
  std::function<Result<std::unique_ptr<tables::TableSource>>(const std::string&)> open_table_;
  std::function<void(std::int64_t, double, long)> on_progress_;
  std::function<void()> on_change_;
  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<ImportJob> queue_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace chinjeol::http::internal
