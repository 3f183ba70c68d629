// The one translation unit that knows Boost.Beast and Asio: everything else sees HttpRequest
// and HttpResponse only.
#include "adapters/http/server.hpp"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <cctype>
#include <cstdio>
#include <random>
#include <set>

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

std::shared_ptr<spdlog::logger> AccessLogger() {
  static const std::shared_ptr<spdlog::logger> logger = [] {
    auto created = std::make_shared<spdlog::logger>(
        "access", std::make_shared<spdlog::sinks::stderr_sink_mt>());
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
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[40];
  std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", utc.tm_year + 1900,
                utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec,
                static_cast<int>(millis));
  return text;
}

}  // namespace

struct Server::Impl {
  Impl(ServerOptions server_options, RequestHandler& request_handler, WorkerPool& worker_pool)
      : options(std::move(server_options)),
        handler(request_handler),
        workers(worker_pool),
        io(1),
        acceptor(io),
        signals(io) {
    std::random_device random;
    char prefix[16];
    std::snprintf(prefix, sizeof prefix, "%08x", random());
    id_prefix = prefix;
  }

  // One open connection, as far as shutdown needs to know it.
  struct Connection {
    beast::tcp_stream* stream = nullptr;
    bool idle = true;  // waiting for the next request
  };

  ServerOptions options;
  RequestHandler& handler;
  WorkerPool& workers;
  asio::io_context io;
  tcp::acceptor acceptor;
  asio::signal_set signals;
  std::set<Connection*> connections;  // touched on the network thread only
  bool stopping = false;
  std::string id_prefix;
  std::atomic<unsigned long> request_counter{0};
  std::unique_ptr<asio::steady_timer> grace_timer;

  std::string NextRequestId() {
    char id[40];
    std::snprintf(id, sizeof id, "%s-%06lx", id_prefix.c_str(), ++request_counter);
    return id;
  }

  // Runs `work(worker)` on the pool and resumes the coroutine with its response; a full queue
  // or a failure becomes an error response.
  template <typename Work>
  awaitable<HttpResponse> OnWorker(Work work) {
    auto executor = co_await asio::this_coro::executor;
    co_return co_await asio::async_initiate<decltype(asio::use_awaitable), void(HttpResponse)>(
        [this, executor, work = std::move(work)](auto completion) mutable {
          using Completion = decltype(completion);
          auto state = std::make_shared<std::optional<Completion>>(std::move(completion));
          const bool queued = workers.TrySubmit(
              [this, executor, state, work = std::move(work)](std::size_t worker) mutable {
                HttpResponse response;
                try {
                  response = work(worker);
                } catch (const std::exception& failure) {
                  spdlog::error("request failed: {}", failure.what());
                  response = handler.ErrorResponse(500, "internal", "내부 오류가 발생했습니다");
                }
                asio::post(executor, [state, response = std::move(response)]() mutable {
                  std::move (**state)(std::move(response));
                });
              });
          if (!queued) {
            HttpResponse busy = handler.ErrorResponse(
                503, "unavailable", "서버가 바쁩니다. 잠시 후 다시 시도해 주세요");
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
      message.keep_alive(keep_alive);
    };
    stream.expires_after(options.request_timeout);
    if (!response.file_path.empty()) {
      bhttp::file_body::value_type file;
      beast::error_code ec;
      file.open(response.file_path.c_str(), beast::file_mode::scan, ec);
      if (ec) {
        response = handler.ErrorResponse(404, "not_found", "파일을 찾을 수 없습니다");
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
    bytes = head ? 0 : response.body.size();
    if (head) {
      bhttp::response<bhttp::empty_body> message;
      fill(message);
      message.content_length(response.body.size());
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

  awaitable<void> Serve(tcp::socket socket) {
    beast::tcp_stream stream(std::move(socket));
    Connection connection{&stream, true};
    connections.insert(&connection);
    beast::flat_buffer buffer;
    std::string remote;
    {
      beast::error_code ec;
      const tcp::endpoint peer = stream.socket().remote_endpoint(ec);
      if (!ec) remote = peer.address().to_string();
    }
    for (;;) {
      if (stopping) break;
      connection.idle = true;
      stream.expires_after(options.idle_timeout);
      bhttp::request_parser<bhttp::empty_body> header_parser;
      header_parser.header_limit(static_cast<std::uint32_t>(options.header_limit));
      auto [read_error, read_bytes] =
          co_await bhttp::async_read_header(stream, buffer, header_parser, kUseAwaitable);
      connection.idle = false;
      if (read_error) {
        if (read_error == bhttp::error::header_limit) {
          HttpResponse too_large =
              handler.ErrorResponse(431, "invalid_argument", "요청 헤더가 너무 큽니다");
          std::uint64_t bytes = 0;
          co_await Write(stream, too_large, 11, false, false, bytes);
        } else if (read_error != bhttp::error::end_of_stream && read_error != asio::error::eof &&
                   read_error != beast::error::timeout &&
                   read_error != asio::error::operation_aborted &&
                   read_error != asio::error::connection_reset) {
          HttpResponse bad =
              handler.ErrorResponse(400, "invalid_argument", "잘못된 HTTP 요청입니다");
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
      request.remote_address = remote;
      request.request_id = NextRequestId();
      for (const auto& field : header) {
        request.headers.emplace_back(LowerCase(field.name_string()), std::string(field.value()));
      }
      request.over_tls = LowerCase(request.Header("x-forwarded-proto")) == "https";
      const unsigned version = header.version();
      bool keep_alive = header.keep_alive() && !stopping;
      const bool head = request.method == "HEAD";

      HttpResponse response;
      bool respond = true;
      std::optional<ParsedTarget> target = ParseTarget(request.target);
      if (!target) {
        response = handler.ErrorResponse(400, "invalid_argument", "요청 주소를 읽을 수 없습니다");
        keep_alive = false;
      } else {
        request.path = std::move(target->path);
        request.query = std::move(target->query);
        const BodyPlan plan = handler.PlanBody(request);
        const bool has_body =
            header_parser.content_length().value_or(0) > 0 || header_parser.chunked();
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
          refused = handler.ErrorResponse(413, "invalid_argument", "요청 본문이 너무 큽니다");
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
            response = handler.ErrorResponse(413, "invalid_argument", "요청 본문이 너무 큽니다");
            keep_alive = false;
          } else if (body_error) {
            if (!request.body_file.empty()) std::remove(request.body_file.c_str());
            break;  // the client went away or was too slow
          } else {
            response = co_await OnWorker(
                [this, &request](std::size_t worker) { return handler.Handle(request, worker); });
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
    connections.erase(&connection);
    if (stopping && connections.empty() && grace_timer) grace_timer->cancel();
  }

  awaitable<void> Accept() {
    for (;;) {
      auto [error, socket] = co_await acceptor.async_accept(kUseAwaitable);
      if (error) {
        if (stopping || error == asio::error::operation_aborted) co_return;
        continue;  // e.g. too many open files: keep serving the others
      }
      beast::error_code ignored;
      socket.set_option(tcp::no_delay(true), ignored);
      asio::co_spawn(io, Serve(std::move(socket)), asio::detached);
    }
  }

  // On the network thread: stop accepting, end idle connections, let busy ones finish.
  void BeginShutdown() {
    if (stopping) return;
    stopping = true;
    beast::error_code ignored;
    acceptor.close(ignored);
    signals.cancel(ignored);
    for (Connection* connection : connections) {
      if (connection->idle) connection->stream->cancel();
    }
    if (connections.empty()) return;
    grace_timer = std::make_unique<asio::steady_timer>(io, options.shutdown_grace);
    grace_timer->async_wait([this](const beast::error_code&) {
      for (Connection* connection : connections) connection->stream->cancel();
    });
  }
};

Server::Server(ServerOptions options, RequestHandler& handler, WorkerPool& workers)
    : impl_(std::make_unique<Impl>(std::move(options), handler, workers)) {}

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
  impl.io.run();
}

void Server::Stop() {
  asio::post(impl_->io, [impl = impl_.get()] { impl->BeginShutdown(); });
}

}  // namespace chinjeol::http
