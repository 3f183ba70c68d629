#pragma once

#include <cstddef>
#include <map>
#include <mutex>
#include <string>

namespace chinjeol::http {

// Token buckets per key (a client address): each holds up to `burst` tokens and gains
// `per_second` a second; a request takes one. Thread-safe. The number of keys is bounded: when
// it grows past `max_keys`, full buckets (clients that have been quiet) are forgotten first.
class RateLimiter {
 public:
  RateLimiter(double burst, double per_second, std::size_t max_keys = 100000);

  // 0 when a token was taken; otherwise the seconds until one will be there (nothing taken).
  double Take(const std::string& key, double now_seconds);

 private:
  struct Bucket {
    double tokens = 0;
    double updated = 0;
  };
  void Refill(Bucket& bucket, double now_seconds) const;

  double burst_;
  double per_second_;
  std::size_t max_keys_;
  std::mutex mutex_;
  std::map<std::string, Bucket> buckets_;
};

}  // namespace chinjeol::http
