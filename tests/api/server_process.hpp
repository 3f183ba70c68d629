#pragma once

#include <sys/types.h>

#include <chrono>
#include <string>
#include <vector>

#include "core/common/result.hpp"

namespace chinjeol::api_testing {

// The real `chinjeol serve` as a child process, for tests that must end a server abruptly (a
// power cut, the kernel's OOM killer, `kill -9`): it listens on a free loopback port, writes its
// output to a log file, and is either killed with SIGKILL or stopped with SIGTERM.
class ServerProcess {
 public:
  struct Options {
    std::string binary;  // path of the chinjeol executable
    std::string database_url;
    std::string data_dir;
    std::string log_file;  // stdout and stderr of the child, appended
    std::size_t threads = 4;
    std::chrono::seconds start_timeout{30};
  };

  // Starts the server and waits until it answers /healthz. kUnavailable when it does not start
  // in time (the log's last lines in the message).
  static Result<ServerProcess> Start(const Options& options);

  ServerProcess(ServerProcess&& other) noexcept;
  ServerProcess& operator=(ServerProcess&& other) noexcept;
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;
  ~ServerProcess();  // kills a server still running

  unsigned short port() const { return port_; }
  pid_t pid() const { return pid_; }
  bool running() const { return pid_ > 0; }

  // SIGKILL, then waits for the process to be gone. Idempotent.
  void Kill();
  // SIGTERM (a graceful stop), then waits at most `grace` before SIGKILL. True when it stopped
  // by itself.
  bool Stop(std::chrono::milliseconds grace = std::chrono::seconds(10));

 private:
  ServerProcess() = default;

  pid_t pid_ = -1;
  unsigned short port_ = 0;
};

// The last `lines` lines of a text file, for failure messages.
std::string TailOfFile(const std::string& path, std::size_t lines = 20);

}  // namespace chinjeol::api_testing
