#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "adapters/http/http_message.hpp"
#include "adapters/http/worker_pool.hpp"
#include "core/common/result.hpp"

namespace chinjeol::http {

// How the server reads a request's body, decided from its headers before the body is read.
struct BodyPlan {
  std::size_t limit = 1 << 20;  // larger bodies get 413 and the connection is closed
  bool to_file = false;         // stream into a new file in `file_dir` instead of memory
  std::string file_dir;
};

// The application behind the server: our own request and response types only.
class RequestHandler {
 public:
  virtual ~RequestHandler() = default;

  // Cheap; runs on the network thread.
  virtual BodyPlan PlanBody(const HttpRequest& request) const = 0;
  // For a body streamed to a file: whether to take it at all (sign-in, rights), decided on a
  // worker before a byte of the body is read. Empty = go ahead.
  virtual std::optional<HttpResponse> Admit(HttpRequest& request, std::size_t worker) = 0;
  // A response from memory alone (no storage, nothing blocking), tried on the network thread
  // for requests without a body before they go to a worker; empty to go the usual way.
  virtual std::optional<HttpResponse> AnswerAtOnce(HttpRequest& /*request*/) {
    return std::nullopt;
  }
  // A refusal decided from the request alone (rate limits), on the network thread, before a
  // worker is asked; empty to go on.
  virtual std::optional<HttpResponse> Screen(HttpRequest& /*request*/) { return std::nullopt; }
  // Whether the request runs on the slow pool (password hashing) rather than the main one.
  virtual bool UsesSlowPool(const HttpRequest& /*request*/) const { return false; }
  // Runs on worker `worker` (0 .. pool size - 1).
  virtual HttpResponse Handle(HttpRequest& request, std::size_t worker) = 0;
  // A JSON error response for problems the server finds itself (too large, malformed, busy).
  virtual HttpResponse ErrorResponse(const Error& error) const = 0;
};

struct ServerOptions {
  std::string address = "127.0.0.1";
  unsigned short port = 8080;             // 0 = any free port (see Server::port())
  std::chrono::seconds idle_timeout{60};  // a kept-alive connection waiting for its next request
  // From a request's first byte (or the connection's start) to the end of its head: a client
  // that trickles its headers is cut off after this.
  std::chrono::milliseconds header_timeout{10000};
  std::chrono::seconds request_timeout{60};
  std::chrono::seconds upload_timeout{600};
  std::chrono::seconds shutdown_grace{20};
  std::size_t header_limit = 16 * 1024;
  bool access_log = true;      // one line per request on standard error
  std::size_t io_threads = 2;  // threads running the network side
  // Open connections at most: 0 = from the open-file limit (half of it, at most 10000). At the
  // limit a new connection pushes out the oldest one still waiting for a request head.
  std::size_t max_connections = 0;
  // Open connections at most from one client address (an IPv6 client: its /64); trusted proxies
  // are exempt.
  std::size_t max_connections_per_address = 64;
  // Peers whose X-Forwarded-For names the client (exact addresses).
  std::vector<std::string> trusted_proxies;
  // Send Strict-Transport-Security (the site is only ever served over HTTPS).
  bool hsts = false;
};

// An event-driven HTTP/1.1 server (Boost.Beast, C++20 coroutines, a few network threads) that
// hands every request to `handler` on the worker pool: keep-alive, timeouts, body limits,
// streamed uploads and file responses, request ids, access log lines, graceful shutdown.
class Server {
 public:
  // `slow_workers` (optional) runs the requests for which handler.UsesSlowPool(); their worker
  // index follows the main pool's (workers.size() + i).
  Server(ServerOptions options, RequestHandler& handler, WorkerPool& workers,
         WorkerPool* slow_workers = nullptr);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds the listening socket. kUnavailable when the address cannot be bound.
  Result<void> Listen();
  unsigned short port() const;
  // Serves until Stop() (or SIGINT/SIGTERM when `handle_signals`), then finishes the requests
  // in progress (up to shutdown_grace) and returns.
  void Run(bool handle_signals);
  // Begins a graceful shutdown; callable from any thread.
  void Stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace chinjeol::http
