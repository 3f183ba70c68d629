#pragma once

#include <chrono>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "adapters/http/api.hpp"
#include "core/common/result.hpp"

namespace chinjeol::http {

struct ServeOptions {
  std::string database_url;
  std::string listen = "127.0.0.1:8080";  // ADDRESS:PORT; port 0 = any free port
  std::string web_dir;                    // empty: looked up (see FindWebDir)
  std::string data_dir = "chinjeol-data";
  std::size_t threads = 0;       // request workers; 0 = one per core (at least 2)
  std::size_t slow_threads = 2;  // workers that check and hash passwords (Argon2id)
  bool access_log = true;
  // Proxies whose X-Forwarded-For names the client (IP addresses); from anyone else the header
  // is ignored.
  std::vector<std::string> trusted_proxies;
  // Served over HTTPS only (at a proxy): Secure on every cookie, Strict-Transport-Security.
  bool https = false;
  std::size_t max_connections = 0;  // 0 = half the open-file limit, at most 10000
  std::size_t max_connections_per_address = 64;
  std::chrono::milliseconds header_timeout{10000};  // to receive a whole request head
  // Password checks per client address: a burst, then so many a minute.
  double sign_in_burst = 10;
  double sign_in_per_minute = 10;
};

// A server running on a thread of its own (for tests and embedding): started by Start, ended
// gracefully by Stop or the destructor.
class RunningServer {
 public:
  // kInvalidArgument for a bad --listen; kUnavailable when the address is taken or the
  // database cannot be reached.
  static Result<std::unique_ptr<RunningServer>> Start(const ServeOptions& options,
                                                      const ApiServices& services);
  ~RunningServer();
  RunningServer(const RunningServer&) = delete;
  RunningServer& operator=(const RunningServer&) = delete;

  unsigned short port() const;
  // Graceful: requests in progress finish. Idempotent.
  void Stop();

 private:
  RunningServer() = default;
  struct Parts;
  std::unique_ptr<Parts> parts_;
};

// Runs `chinjeol serve` in the foreground until SIGINT or SIGTERM: prints where it listens and
// what it serves on `out`, then shuts down gracefully.
Result<void> Serve(const ServeOptions& options, const ApiServices& services, std::ostream& out);

}  // namespace chinjeol::http
