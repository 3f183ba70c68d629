// The one translation unit that knows Boost.Beast and Asio: everything else sees HttpRequest
// and HttpResponse only.
#include "adapters/http/server.hpp"

#include <spdlog/sinks/base_sink.h>
#include <spdlog/spdlog.h>
#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <cctype>
#include <cstdio>
#include <map>
#include <random>
#include <set>
#include <thread>
#include <vector>

#include "adapters/http/client_address.hpp"

namespace chinjeol::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using asio::awaitable;

constexpr auto kUseAwaitable = asio::as_tuple(asio::use_awaitable);

std::string LowerCase(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower;
}

// A fresh file name for a streamed body.
std::string NewBodyFile(const std::string& dir, std::string_view request_id) {
  static std::atomic<unsigned long> counter{0};
  return dir + "/upload-" + std::string(request_id) + "-" + std::to_string(++counter) + ".part";
}

// Standard error, written in blocks: one write per line would cost a system call a request.
// The server flushes it a few times a second and when it stops.
class BufferedStderrSink final : public spdlog::sinks::base_sink<std::mutex> {
 protected:
  void sink_it_(const spdlog::details::log_msg& message) override {
    spdlog::memory_buf_t formatted;
    formatter_->format(message, formatted);
    buffer_.append(formatted.data(), formatted.size());
    if (buffer_.size() >= 64 * 1024) flush_();
  }
  void flush_() override {
    if (buffer_.empty()) return;
    std::fwrite(buffer_.data(), 1, buffer_.size(), stderr);
    std::fflush(stderr);
    buffer_.clear();
  }

 private:
  std::string buffer_;
};

std::shared_ptr<spdlog::logger> AccessLogger() {
  static const std::shared_ptr<spdlog::logger> logger = [] {
    auto created =
        std::make_shared<spdlog::logger>("access", std::make_shared<BufferedStderrSink>());
    created->set_pattern("%v");
    return created;
  }();
  return logger;
}

// Quotes text for the JSON-ish log line (route templates and codes only: no personal data).
std::string JsonText(std::string_view text) {
  std::string quoted = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\') quoted += '\\';
    if (static_cast<unsigned char>(c) < 0x20) continue;
    quoted += c;
  }
  quoted += '"';
  return quoted;
}

std::string UtcNowText() {
  const auto now = std::chrono::system_clock::now();
  const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
  const auto millis =
      std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  // gmtime_r and the date text once a second per thread.
  thread_local std::time_t cached_second = -1;
  thread_local std::tm utc{};
  if (seconds != cached_second) {
    gmtime_r(&seconds, &utc);
    cached_second = seconds;
  }
  char text[96];
  std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", utc.tm_year + 1900,
                utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec,
                static_cast<int>(millis));
  return text;
}

// Half the open-file limit, within 64..10000: room is left for the database, files and logs.
std::size_t DefaultMaxConnections() {
  rlimit limit{};
  if (::getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY) return 10000;
  return std::clamp<std::size_t>(static_cast<std::size_t>(limit.rlim_cur) / 2, 64, 10000);
}

}  // namespace

struct Server::Impl {
  Impl(ServerOptions server_options, RequestHandler& request_handler, WorkerPool& worker_pool,
       WorkerPool* slow_pool)
      : options(std::move(server_options)),
        handler(request_handler),
        workers(worker_pool),
        slow_workers(slow_pool),
        ios(MakeContexts(options.io_threads)),
        io(*ios.front()),
        acceptor(io),
        signals(io) {
    for (std::size_t i = 1; i < ios.size(); ++i) {
      guards.push_back(asio::make_work_guard(*ios[i]));
    }
    // Each context's reactor (an epoll and an eventfd descriptor) is made now rather than with
    // its first connection, which may come when the process has no descriptor to spare.
    for (const std::unique_ptr<asio::io_context>& context : ios) {
      tcp::socket warm_up(*context);
      asio::steady_timer timer_warm_up(*context);
    }
    std::random_device random;
    char prefix[16];
    std::snprintf(prefix, sizeof prefix, "%08x", random());
    id_prefix = prefix;
    max_connections =
        options.max_connections > 0 ? options.max_connections : DefaultMaxConnections();
  }

  // One open connection, as far as shutdown needs to know it. Shared with the cancellations
  // that shutdown posts to the connection's strand.
  struct Connection {
    explicit Connection(tcp::socket socket) : stream(std::move(socket)) {}
    beast::tcp_stream stream;
    std::atomic<bool> idle{true};      // waiting for the next request or its head
    std::atomic<bool> evicted{false};  // pushed out to make room; being cancelled
    std::string peer;                  // the socket's peer address
    std::string network;               // what the per-address limit counts ("" = exempt)
    std::uint64_t serial = 0;          // order of acceptance: lower is older
  };

  ServerOptions options;
  RequestHandler& handler;
  WorkerPool& workers;
  WorkerPool* slow_workers;
  std::size_t max_connections = 0;
  // One io_context per network thread; a connection lives on one of them from start to end,
  // so its coroutine never runs on two threads. The first also runs the acceptor and timers.
  static std::vector<std::unique_ptr<asio::io_context>> MakeContexts(std::size_t count) {
    std::vector<std::unique_ptr<asio::io_context>> contexts;
    for (std::size_t i = 0; i < std::max<std::size_t>(1, count); ++i) {
      contexts.push_back(std::make_unique<asio::io_context>(1));
    }
    return contexts;
  }
  std::vector<std::unique_ptr<asio::io_context>> ios;
  asio::io_context& io;
  // Keeps the other contexts running while they have no connection, until shutdown.
  std::vector<asio::executor_work_guard<asio::io_context::executor_type>> guards;
  std::size_t next_context = 0;
  tcp::acceptor acceptor;
  asio::signal_set signals;
  std::mutex connections_mutex;
  std::set<std::shared_ptr<Connection>> connections;
  std::map<std::string, std::size_t> per_network;  // open connections per client network
  std::uint64_t accepted = 0;
  std::atomic<bool> stopping{false};
  std::unique_ptr<asio::steady_timer> flush_timer;
  std::string id_prefix;
  std::atomic<unsigned long> request_counter{0};
  std::unique_ptr<asio::steady_timer> grace_timer;

  std::string NextRequestId() {
    char id[64];
    std::snprintf(id, sizeof id, "%s-%06lx", id_prefix.c_str(), ++request_counter);
    return id;
  }

  // Runs `work(worker)` on the pool and resumes the coroutine with its response; a full queue
  // or a failure becomes an error response.
  template <typename Work>
  awaitable<HttpResponse> OnWorker(Work work, bool slow = false) {
    auto executor = co_await asio::this_coro::executor;
    WorkerPool& pool = slow && slow_workers != nullptr ? *slow_workers : workers;
    const std::size_t offset = &pool == &workers ? 0 : workers.size();
    co_return co_await asio::async_initiate<decltype(asio::use_awaitable), void(HttpResponse)>(
        [this, executor, &pool, offset, work = std::move(work)](auto completion) mutable {
          using Completion = decltype(completion);
          auto state = std::make_shared<std::optional<Completion>>(std::move(completion));
          const bool queued = pool.TrySubmit(
              [this, executor, state, offset, work = std::move(work)](std::size_t worker) mutable {
                HttpResponse response;
                try {
                  response = work(offset + worker);
                } catch (const std::exception& failure) {
                  spdlog::error("request failed: {}", failure.what());
                  response = handler.ErrorResponse(Internal("내부 오류가 발생했습니다"));
                }
                asio::post(executor, [state, response = std::move(response)]() mutable {
                  std::move (**state)(std::move(response));
                });
              });
          if (!queued) {
            HttpResponse busy = handler.ErrorResponse(
                Error(ErrorCode::kUnavailable, "서버가 바쁩니다. 잠시 후 다시 시도해 주세요"));
            busy.SetHeader("Retry-After", "1");
            asio::post(executor, [state, busy = std::move(busy)]() mutable {
              std::move (**state)(std::move(busy));
            });
          }
        },
        asio::use_awaitable);
  }

  // Writes `response` (string or file body); HEAD gets the headers only.
  awaitable<bool> Write(beast::tcp_stream& stream, HttpResponse& response, unsigned version,
                        bool keep_alive, bool head, std::uint64_t& bytes) {
    const auto fill = [&](auto& message) {
      message.result(static_cast<unsigned>(response.status));
      message.version(version);
      for (const auto& [name, value] : response.headers) message.set(name, value);
      message.set(bhttp::field::server, "chinjeol");
      // Every answer, files and errors included: browsers take the declared type as it is.
      message.set("X-Content-Type-Options", "nosniff");
      if (options.hsts) message.set("Strict-Transport-Security", "max-age=31536000");
      message.keep_alive(keep_alive);
    };
    stream.expires_after(options.request_timeout);
    if (!response.file_path.empty()) {
      bhttp::file_body::value_type file;
      beast::error_code ec;
      file.open(response.file_path.c_str(), beast::file_mode::scan, ec);
      if (ec) {
        response = handler.ErrorResponse(NotFound("파일을 찾을 수 없습니다"));
      } else if (head) {
        bhttp::response<bhttp::empty_body> message;
        fill(message);
        message.content_length(file.size());
        bytes = 0;
        auto [error, written] = co_await bhttp::async_write(stream, message, kUseAwaitable);
        co_return !error;
      } else {
        bhttp::response<bhttp::file_body> message;
        fill(message);
        bytes = file.size();
        message.body() = std::move(file);
        message.prepare_payload();
        auto [error, written] = co_await bhttp::async_write(stream, message, kUseAwaitable);
        co_return !error;
      }
    }
    const std::size_t size =
        response.shared_body ? response.shared_body->size() : response.body.size();
    bytes = head ? 0 : size;
    if (head) {
      bhttp::response<bhttp::empty_body> message;
      fill(message);
      message.content_length(size);
      auto [error, written] = co_await bhttp::async_write(stream, message, kUseAwaitable);
      co_return !error;
    }
    if (response.shared_body) {
      // The cached body is written in place; `response` keeps it alive meanwhile.
      bhttp::response<bhttp::span_body<const char>> message;
      fill(message);
      message.body() = {response.shared_body->data(), response.shared_body->size()};
      message.prepare_payload();
      auto [error, written] = co_await bhttp::async_write(stream, message, kUseAwaitable);
      co_return !error;
    }
    bhttp::response<bhttp::string_body> message;
    fill(message);
    message.body() = std::move(response.body);
    message.prepare_payload();
    auto [error, written] = co_await bhttp::async_write(stream, message, kUseAwaitable);
    co_return !error;
  }

  void Log(const HttpRequest& request, const HttpResponse& response, double milliseconds,
           std::uint64_t bytes) {
    if (!options.access_log) return;
    // The route template, never the path or query: those can hold names and numbers.
    const std::string route = request.route.empty() ? std::string("-") : request.route;
    AccessLogger()->info(
        "{{\"time\":\"{}\",\"request_id\":\"{}\",\"method\":{},\"route\":{},\"status\":{},"
        "\"ms\":{:.2f},\"bytes\":{}}}",
        UtcNowText(), request.request_id, JsonText(request.method), JsonText(route),
        response.status, milliseconds, bytes);
  }

  awaitable<void> Serve(std::shared_ptr<Connection> shared) {
    Connection& connection = *shared;
    beast::tcp_stream& stream = connection.stream;
    beast::flat_buffer buffer;
    const std::string& remote = connection.peer;
    // The first head must arrive within header_timeout of the connection's start; later ones
    // within header_timeout of their first byte, after at most idle_timeout of quiet.
    stream.expires_after(options.header_timeout);
    bool first = true;
    for (;;) {
      if (stopping || connection.evicted) break;
      connection.idle = true;
      if (!first && buffer.size() == 0) {
        stream.expires_after(options.idle_timeout);
        auto [wait_error, received] =
            co_await stream.async_read_some(buffer.prepare(4096), kUseAwaitable);
        if (wait_error) break;
        buffer.commit(received);
        stream.expires_after(options.header_timeout);
      } else if (!first) {
        stream.expires_after(options.header_timeout);
      }
      first = false;
      bhttp::request_parser<bhttp::empty_body> header_parser;
      header_parser.header_limit(static_cast<std::uint32_t>(options.header_limit));
      // The body's limit depends on the route; it is set once the headers are known.
      header_parser.body_limit(boost::none);
      auto [read_error, read_bytes] =
          co_await bhttp::async_read_header(stream, buffer, header_parser, kUseAwaitable);
      connection.idle = false;
      if (read_error) {
        if (read_error == bhttp::error::header_limit) {
          HttpResponse too_large =
              handler.ErrorResponse(Error(ErrorCode::kTooLarge, "요청 헤더가 너무 큽니다"));
          std::uint64_t bytes = 0;
          co_await Write(stream, too_large, 11, false, false, bytes);
        } else if (read_error != bhttp::error::end_of_stream && read_error != asio::error::eof &&
                   read_error != beast::error::timeout &&
                   read_error != asio::error::operation_aborted &&
                   read_error != asio::error::connection_reset) {
          HttpResponse bad =
              handler.ErrorResponse(Error(ErrorCode::kMalformed, "잘못된 HTTP 요청입니다"));
          std::uint64_t bytes = 0;
          co_await Write(stream, bad, 11, false, false, bytes);
        }
        break;
      }
      const auto started = std::chrono::steady_clock::now();
      auto& header = header_parser.get();
      HttpRequest request;
      request.method = std::string(header.method_string());
      request.target = std::string(header.target());
      request.request_id = NextRequestId();
      for (const auto& field : header) {
        request.headers.emplace_back(LowerCase(field.name_string()), std::string(field.value()));
      }
      request.remote_address =
          ClientAddress(remote, request.Header("x-forwarded-for"), options.trusted_proxies);
      request.over_tls = LowerCase(request.Header("x-forwarded-proto")) == "https";
      const unsigned version = header.version();
      bool keep_alive = header.keep_alive() && !stopping;
      const bool head = request.method == "HEAD";

      HttpResponse response;
      bool respond = true;
      std::optional<ParsedTarget> target = ParseTarget(request.target);
      if (!target) {
        response =
            handler.ErrorResponse(Error(ErrorCode::kMalformed, "요청 주소를 읽을 수 없습니다"));
        keep_alive = false;
      } else {
        request.path = std::move(target->path);
        request.query = std::move(target->query);
        const bool has_body =
            header_parser.content_length().value_or(0) > 0 || header_parser.chunked();
        const BodyPlan plan = has_body ? handler.PlanBody(request) : BodyPlan{};
        const bool expects_continue =
            LowerCase(request.Header("expect")) == "100-continue" && has_body;
        std::optional<HttpResponse> refused;
        if (plan.to_file && has_body) {
          refused = co_await OnWorker([this, &request](std::size_t worker) -> HttpResponse {
            std::optional<HttpResponse> verdict = handler.Admit(request, worker);
            if (verdict) return *std::move(verdict);
            HttpResponse go_ahead;
            go_ahead.status = 100;
            return go_ahead;
          });
          if (refused->status == 100) refused.reset();
        }
        if (!refused && header_parser.content_length() &&
            *header_parser.content_length() > plan.limit) {
          refused = handler.ErrorResponse(Error(ErrorCode::kTooLarge, "요청 본문이 너무 큽니다"));
        }
        if (refused) {
          response = *std::move(refused);
          keep_alive = false;  // the body was not read
        } else {
          if (expects_continue) {
            bhttp::response<bhttp::empty_body> go_on{bhttp::status::continue_, version};
            auto [error, written] = co_await bhttp::async_write(stream, go_on, kUseAwaitable);
            if (error) break;
          }
          beast::error_code body_error;
          if (plan.to_file && has_body) {
            stream.expires_after(options.upload_timeout);
            bhttp::request_parser<bhttp::file_body> parser(std::move(header_parser));
            parser.body_limit(plan.limit);
            request.body_file = NewBodyFile(plan.file_dir, request.request_id);
            parser.get().body().open(request.body_file.c_str(), beast::file_mode::write,
                                     body_error);
            if (!body_error) {
              auto [error, bytes] =
                  co_await bhttp::async_read(stream, buffer, parser, kUseAwaitable);
              body_error = error;
              parser.get().body().close();
            }
          } else {
            stream.expires_after(options.request_timeout);
            bhttp::request_parser<bhttp::string_body> parser(std::move(header_parser));
            parser.body_limit(plan.limit);
            if (has_body) {
              auto [error, bytes] =
                  co_await bhttp::async_read(stream, buffer, parser, kUseAwaitable);
              body_error = error;
            }
            request.body = std::move(parser.get().body());
          }
          if (body_error == bhttp::error::body_limit) {
            response =
                handler.ErrorResponse(Error(ErrorCode::kTooLarge, "요청 본문이 너무 큽니다"));
            keep_alive = false;
          } else if (body_error) {
            if (!request.body_file.empty()) std::remove(request.body_file.c_str());
            break;  // the client went away or was too slow
          } else if (std::optional<HttpResponse> screened = handler.Screen(request)) {
            response = *std::move(screened);  // refused before any work
          } else if (std::optional<HttpResponse> at_once =
                         has_body ? std::nullopt : handler.AnswerAtOnce(request)) {
            response = *std::move(at_once);
          } else {
            response = co_await OnWorker(
                [this, &request](std::size_t worker) { return handler.Handle(request, worker); },
                handler.UsesSlowPool(request));
          }
          if (!request.body_file.empty()) std::remove(request.body_file.c_str());
        }
      }
      if (response.close_connection || stopping) keep_alive = false;
      response.SetHeader("X-Request-Id", request.request_id);
      std::uint64_t bytes = 0;
      const bool written =
          respond && co_await Write(stream, response, version, keep_alive, head, bytes);
      Log(request, response,
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started)
              .count(),
          bytes);
      if (!written || !keep_alive) break;
    }
    beast::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream.close();
    std::lock_guard<std::mutex> lock(connections_mutex);
    connections.erase(shared);
    if (!connection.network.empty()) {
      const auto counted = per_network.find(connection.network);
      if (counted != per_network.end() && --counted->second == 0) per_network.erase(counted);
    }
    if (stopping && connections.empty() && grace_timer) {
      asio::post(io, [this] { grace_timer->cancel(); });
    }
  }

  // Pushes out the oldest connection that is waiting for a request head (idle keep-alive or a
  // slow client); false when every connection is busy with a request. Call with
  // connections_mutex held.
  bool EvictOldestWaiting() {
    std::shared_ptr<Connection> oldest;
    for (const std::shared_ptr<Connection>& connection : connections) {
      if (!connection->idle || connection->evicted) continue;
      if (!oldest || connection->serial < oldest->serial) oldest = connection;
    }
    if (!oldest) return false;
    oldest->evicted = true;
    asio::post(oldest->stream.get_executor(), [oldest] { oldest->stream.cancel(); });
    return true;
  }

  // Registers a new connection within the limits, or says no (then it is closed unanswered).
  bool Admit(const std::shared_ptr<Connection>& connection) {
    const bool proxy = std::find(options.trusted_proxies.begin(), options.trusted_proxies.end(),
                                 connection->peer) != options.trusted_proxies.end();
    connection->network = proxy ? std::string() : NetworkOf(connection->peer, 32, 64);
    std::lock_guard<std::mutex> lock(connections_mutex);
    if (!connection->network.empty()) {
      const auto counted = per_network.find(connection->network);
      if (counted != per_network.end() && counted->second >= options.max_connections_per_address) {
        return false;
      }
    }
    std::size_t leaving = 0;
    for (const std::shared_ptr<Connection>& open : connections) leaving += open->evicted ? 1 : 0;
    if (connections.size() - leaving >= max_connections && !EvictOldestWaiting()) return false;
    connection->serial = ++accepted;
    connections.insert(connection);
    if (!connection->network.empty()) ++per_network[connection->network];
    return true;
  }

  awaitable<void> Accept() {
    // After a failed accept (out of descriptors, memory) the server waits before the next try,
    // longer each time up to a second, instead of spinning on the same error.
    std::chrono::milliseconds backoff{0};
    asio::steady_timer pause(io);
    for (;;) {
      asio::io_context& target = *ios[next_context++ % ios.size()];
      auto [error, socket] = co_await acceptor.async_accept(target, kUseAwaitable);
      if (error) {
        if (stopping || error == asio::error::operation_aborted) co_return;
        if (error == asio::error::no_descriptors || error.value() == ENFILE) {
          // Free a descriptor for those who have a request to make.
          std::lock_guard<std::mutex> lock(connections_mutex);
          EvictOldestWaiting();
        }
        backoff =
            std::clamp(backoff * 2, std::chrono::milliseconds(5), std::chrono::milliseconds(1000));
        pause.expires_after(backoff);
        (void)co_await pause.async_wait(kUseAwaitable);
        if (stopping) co_return;
        continue;
      }
      backoff = std::chrono::milliseconds(0);
      beast::error_code ignored;
      socket.set_option(tcp::no_delay(true), ignored);
      auto connection = std::make_shared<Connection>(std::move(socket));
      const tcp::endpoint peer = connection->stream.socket().remote_endpoint(ignored);
      if (!ignored) connection->peer = ClientAddress(peer.address().to_string(), "", {});
      if (!Admit(connection)) {
        connection->stream.socket().close(ignored);
        continue;
      }
      asio::co_spawn(target, Serve(std::move(connection)), asio::detached);
    }
  }

  // Stops accepting, ends idle connections and lets busy ones finish (up to shutdown_grace).
  void BeginShutdown() {
    if (stopping.exchange(true)) return;
    guards.clear();
    beast::error_code ignored;
    acceptor.close(ignored);
    signals.cancel(ignored);
    if (flush_timer) flush_timer->cancel();
    std::lock_guard<std::mutex> lock(connections_mutex);
    for (const std::shared_ptr<Connection>& connection : connections) {
      if (connection->idle) {
        asio::post(connection->stream.get_executor(),
                   [connection] { connection->stream.cancel(); });
      }
    }
    if (connections.empty()) return;
    grace_timer = std::make_unique<asio::steady_timer>(io, options.shutdown_grace);
    grace_timer->async_wait([this](const beast::error_code&) {
      std::lock_guard<std::mutex> lock(connections_mutex);
      for (const std::shared_ptr<Connection>& connection : connections) {
        asio::post(connection->stream.get_executor(),
                   [connection] { connection->stream.cancel(); });
      }
    });
  }

  void FlushLogEvery(std::chrono::milliseconds period) {
    flush_timer = std::make_unique<asio::steady_timer>(io, period);
    flush_timer->async_wait([this, period](const beast::error_code& error) {
      AccessLogger()->flush();
      if (!error && !stopping) FlushLogEvery(period);
    });
  }
};

Server::Server(ServerOptions options, RequestHandler& handler, WorkerPool& workers,
               WorkerPool* slow_workers)
    : impl_(std::make_unique<Impl>(std::move(options), handler, workers, slow_workers)) {}

Server::~Server() = default;

Result<void> Server::Listen() {
  beast::error_code ec;
  const asio::ip::address address = asio::ip::make_address(impl_->options.address, ec);
  if (ec) {
    return InvalidArgument("cannot listen on " + impl_->options.address + ": not an address",
                           {{"listen", "an IP address and port, e.g. 127.0.0.1:8080"}});
  }
  const tcp::endpoint endpoint(address, impl_->options.port);
  impl_->acceptor.open(endpoint.protocol(), ec);
  if (!ec) impl_->acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) impl_->acceptor.bind(endpoint, ec);
  if (!ec) impl_->acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    return Error(ErrorCode::kUnavailable, "cannot listen on " + impl_->options.address + ":" +
                                              std::to_string(impl_->options.port) + ": " +
                                              ec.message());
  }
  return Ok();
}

unsigned short Server::port() const {
  beast::error_code ec;
  const tcp::endpoint endpoint = impl_->acceptor.local_endpoint(ec);
  return ec ? 0 : endpoint.port();
}

void Server::Run(bool handle_signals) {
  Impl& impl = *impl_;
  if (handle_signals) {
    impl.signals.add(SIGINT);
    impl.signals.add(SIGTERM);
    impl.signals.async_wait([&impl](const beast::error_code& error, int) {
      if (!error) impl.BeginShutdown();
    });
  }
  asio::co_spawn(impl.io, impl.Accept(), asio::detached);
  if (impl.options.access_log) impl.FlushLogEvery(std::chrono::milliseconds(250));
  std::vector<std::thread> threads;
  for (std::size_t i = 1; i < impl.ios.size(); ++i) {
    threads.emplace_back([&impl, i] { impl.ios[i]->run(); });
  }
  impl.io.run();
  for (std::thread& thread : threads) thread.join();
  AccessLogger()->flush();
}

void Server::Stop() {
  asio::post(impl_->io, [impl = impl_.get()] { impl->BeginShutdown(); });
}

}  // namespace chinjeol::http
