#include "adapters/http/rate_limiter.hpp"

#include <algorithm>

namespace chinjeol::http {

RateLimiter::RateLimiter(double burst, double per_second, std::size_t max_keys)
    : burst_(std::max(1.0, burst)),
      per_second_(std::max(1e-6, per_second)),
      max_keys_(std::max<std::size_t>(1, max_keys)) {}

void RateLimiter::Refill(Bucket& bucket, double now_seconds) const {
  if (now_seconds > bucket.updated) {
    bucket.tokens = std::min(burst_, bucket.tokens + (now_seconds - bucket.updated) * per_second_);
    bucket.updated = now_seconds;
  }
}

double RateLimiter::Take(const std::string& key, double now_seconds) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto found = buckets_.find(key);
  if (found == buckets_.end()) {
    if (buckets_.size() >= max_keys_) {
      for (auto it = buckets_.begin(); it != buckets_.end();) {
        Refill(it->second, now_seconds);
        it = it->second.tokens >= burst_ ? buckets_.erase(it) : std::next(it);
      }
      // Still full: every client is busy; start over rather than grow without bound.
      if (buckets_.size() >= max_keys_) buckets_.clear();
    }
    found = buckets_.emplace(key, Bucket{burst_, now_seconds}).first;
  }
  Bucket& bucket = found->second;
  Refill(bucket, now_seconds);
  if (bucket.tokens >= 1.0) {
    bucket.tokens -= 1.0;
    return 0;
  }
  return (1.0 - bucket.tokens) / per_second_;
}

}  // namespace chinjeol::http
