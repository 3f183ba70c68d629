#pragma once

#include <memory>
#include <ostream>
#include <string>

#include "adapters/http/api.hpp"
#include "core/common/result.hpp"

namespace chinjeol::http {

struct ServeOptions {
  std::string database_url;
  std::string listen = "127.0.0.1:8080";  // ADDRESS:PORT; port 0 = any free port
  std::string web_dir;                    // empty: looked up (see FindWebDir)
  std::string data_dir = "chinjeol-data";
  std::size_t threads = 0;  // request workers; 0 = one per core (at least 2)
  bool access_log = true;
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
