#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <string>

#include "adapters/storage/sql/connection.hpp"
#include "core/common/result.hpp"

namespace chinjeol::storage {

// A thread that uses the connection in the background (the SQLite evaluation writer's), on
// work handed to it under the storage's lock.
class BackgroundUse {
 public:
  virtual ~BackgroundUse() = default;
  // Returns once the thread has done the work handed to it and no longer uses the connection.
  virtual void WaitIdle() = 0;
};

// The one connection of a storage, shared by its repositories, with the lock that serialises
// their use across threads (re-entrant, so that work inside a transaction may call
// repositories).
class Database {
 public:
  explicit Database(std::unique_ptr<sql::Connection> connection)
      : connection_(std::move(connection)) {}

  sql::Connection& connection() { return *connection_; }
  sql::Dialect dialect() const { return connection_->dialect(); }

  // The lock to hold while using the connection; a background user is paused first.
  std::unique_lock<std::recursive_mutex> Lock() {
    std::unique_lock<std::recursive_mutex> lock(mutex_);
    if (background_ != nullptr) background_->WaitIdle();
    return lock;
  }
  // The lock without pausing the background user: for handing it work. Whoever takes the
  // lock later with Lock() waits until that work is done.
  std::unique_lock<std::recursive_mutex> LockForHandOver() {
    return std::unique_lock<std::recursive_mutex>(mutex_);
  }
  // Registers (or, with nullptr, removes) the background user; call with the lock held.
  void SetBackground(BackgroundUse* background) { background_ = background; }
  bool has_background() const { return background_ != nullptr; }
  // Whether an evaluation writer is open (one at a time per storage); call with the lock held.
  bool writer_open() const { return writer_open_; }
  void set_writer_open(bool open) { writer_open_ = open; }

  // Runs `work` in a new transaction; kInternal when one is already open (they do not nest).
  Result<void> InTransaction(const std::function<Result<void>()>& work);
  // Runs `work` all or nothing: inside the caller's transaction within a savepoint (so that a
  // failure leaves the caller's transaction usable, on PostgreSQL too), else in its own.
  Result<void> Atomic(const std::function<Result<void>()>& work);

 private:
  std::unique_ptr<sql::Connection> connection_;
  std::recursive_mutex mutex_;
  BackgroundUse* background_ = nullptr;
  bool writer_open_ = false;
};

// The local time now as ISO text ("2021-05-17T10:05:00"), for created_at and scored_at columns.
std::string NowText();

}  // namespace chinjeol::storage
