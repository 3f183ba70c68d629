#include "tests/api/server_process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <deque>
#include <fstream>
#include <sstream>
#include <thread>

#include "tests/api/http_client.hpp"

extern char** environ;

namespace chinjeol::api_testing {
namespace {

// The port of the first "chinjeol: http://ADDRESS:PORT/" line after `offset`, or 0.
unsigned short ReadListeningPort(const std::string& log_file, std::streamoff offset) {
  std::ifstream log(log_file, std::ios::binary);
  if (!log) return 0;
  log.seekg(offset);
  std::string line;
  while (std::getline(log, line)) {
    const std::string prefix = "chinjeol: http://";
    if (line.rfind(prefix, 0) != 0) continue;
    const std::size_t slash = line.find('/', prefix.size());
    const std::size_t colon = line.rfind(':', slash);
    if (slash == std::string::npos || colon == std::string::npos || colon < prefix.size()) {
      continue;
    }
    try {
      const int port = std::stoi(line.substr(colon + 1, slash - colon - 1));
      if (port > 0 && port < 65536) return static_cast<unsigned short>(port);
    } catch (const std::exception&) {
      continue;
    }
  }
  return 0;
}

std::streamoff FileSize(const std::string& path) {
  std::ifstream file(path, std::ios::binary | std::ios::ate);
  return file ? static_cast<std::streamoff>(file.tellg()) : 0;
}

}  // namespace

std::string TailOfFile(const std::string& path, std::size_t lines) {
  std::ifstream file(path);
  std::deque<std::string> last;
  std::string line;
  while (std::getline(file, line)) {
    last.push_back(line);
    if (last.size() > lines) last.pop_front();
  }
  std::string text;
  for (const std::string& kept : last) text += kept + "\n";
  return text;
}

Result<ServerProcess> ServerProcess::Start(const Options& options) {
  const std::streamoff offset = FileSize(options.log_file);
  std::vector<std::string> arguments = {
      options.binary, "--db",   options.database_url, "serve",     "--listen",
      "127.0.0.1:0",  "--data", options.data_dir,     "--threads", std::to_string(options.threads)};
  std::vector<char*> argv;
  for (std::string& argument : arguments) argv.push_back(argument.data());
  argv.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, options.log_file.c_str(),
                                   O_WRONLY | O_CREAT | O_APPEND, 0600);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  ServerProcess process;
  const int spawned =
      posix_spawn(&process.pid_, options.binary.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) {
    process.pid_ = -1;
    return Error(ErrorCode::kUnavailable,
                 "cannot start " + options.binary + ": error " + std::to_string(spawned));
  }

  const auto deadline = std::chrono::steady_clock::now() + options.start_timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    if (waitpid(process.pid_, &status, WNOHANG) == process.pid_) {
      process.pid_ = -1;
      return Error(ErrorCode::kUnavailable,
                   "chinjeol serve exited at start:\n" + TailOfFile(options.log_file));
    }
    if (process.port_ == 0) process.port_ = ReadListeningPort(options.log_file, offset);
    if (process.port_ != 0) {
      Request health;
      health.target = "/healthz";
      if (Send(process.port_, health).status == 200) return process;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  process.Kill();
  return Error(ErrorCode::kUnavailable,
               "chinjeol serve did not answer /healthz in time:\n" + TailOfFile(options.log_file));
}

ServerProcess::ServerProcess(ServerProcess&& other) noexcept
    : pid_(other.pid_), port_(other.port_) {
  other.pid_ = -1;
}

ServerProcess& ServerProcess::operator=(ServerProcess&& other) noexcept {
  if (this != &other) {
    Kill();
    pid_ = other.pid_;
    port_ = other.port_;
    other.pid_ = -1;
  }
  return *this;
}

ServerProcess::~ServerProcess() { Kill(); }

void ServerProcess::Kill() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGKILL);
  int status = 0;
  while (waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
  }
  pid_ = -1;
}

bool ServerProcess::Stop(std::chrono::milliseconds grace) {
  if (pid_ <= 0) return true;
  ::kill(pid_, SIGTERM);
  const auto deadline = std::chrono::steady_clock::now() + grace;
  while (std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  Kill();
  return false;
}

}  // namespace chinjeol::api_testing
