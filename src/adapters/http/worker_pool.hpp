#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace chinjeol::http {

// A bounded pool of worker threads for the blocking part of requests (storage, Argon2id). Each
// worker has an index, so that it can keep its own database connection. The queue is bounded:
// a burst beyond it is refused rather than piling up memory.
class WorkerPool {
 public:
  // A move-only task that receives the index of the worker running it.
  class Task {
   public:
    template <typename F>
    Task(F function)  // NOLINT(google-explicit-constructor)
        : impl_(std::make_unique<Impl<F>>(std::move(function))) {}
    void operator()(std::size_t worker) { impl_->Run(worker); }

   private:
    struct Base {
      virtual ~Base() = default;
      virtual void Run(std::size_t worker) = 0;
    };
    template <typename F>
    struct Impl final : Base {
      explicit Impl(F f) : function(std::move(f)) {}
      void Run(std::size_t worker) override { function(worker); }
      F function;
    };
    std::unique_ptr<Base> impl_;
  };

  WorkerPool(std::size_t workers, std::size_t max_queued);
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // Queues the task; false (and the task is dropped) when the queue is full or stopping.
  bool TrySubmit(Task task);
  // Runs what is queued, then ends the threads. Idempotent.
  void Stop();
  std::size_t size() const { return threads_.size(); }

 private:
  void Work(std::size_t index);

  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<Task> queue_;
  std::size_t max_queued_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace chinjeol::http
