#include "adapters/http/serve.hpp"

#include <charconv>
#include <thread>

#include "adapters/http/client_address.hpp"
#include "adapters/http/static_files.hpp"

namespace chinjeol::http {
namespace {

struct ListenAddress {
  std::string address;
  unsigned short port = 0;
};

Result<ListenAddress> ParseListen(std::string_view text) {
  const std::size_t colon = text.rfind(':');
  const auto bad = [&] {
    return InvalidArgument("--listen must be ADDRESS:PORT, e.g. 127.0.0.1:8080",
                           {{"listen", "ADDRESS:PORT"}});
  };
  if (colon == std::string_view::npos || colon == 0) return bad();
  std::string_view address = text.substr(0, colon);
  if (address.size() > 2 && address.front() == '[' && address.back() == ']') {
    address = address.substr(1, address.size() - 2);  // [::1]:8080
  }
  const std::string_view port_text = text.substr(colon + 1);
  unsigned port = 0;
  const auto [end, error] =
      std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (error != std::errc() || end != port_text.data() + port_text.size() || port > 65535) {
    return bad();
  }
  return ListenAddress{std::string(address), static_cast<unsigned short>(port)};
}

std::size_t WorkerCount(std::size_t requested) {
  if (requested > 0) return requested;
  return std::max<std::size_t>(2, std::thread::hardware_concurrency());
}

std::size_t SlowWorkerCount(const ServeOptions& options) {
  return std::max<std::size_t>(1, options.slow_threads);
}

ApiOptions MakeApiOptions(const ServeOptions& options, const std::string& web_dir) {
  ApiOptions api;
  api.database_url = options.database_url;
  api.web_dir = web_dir;
  api.data_dir = options.data_dir;
  api.workers = WorkerCount(options.threads);
  api.slow_workers = SlowWorkerCount(options);
  api.sign_in_burst = options.sign_in_burst;
  api.sign_in_per_minute = options.sign_in_per_minute;
  api.secure_cookies = options.https;
  return api;
}

Result<ServerOptions> MakeServerOptions(const ServeOptions& options) {
  Result<ListenAddress> listen = ParseListen(options.listen);
  if (!listen) return listen.error();
  ServerOptions server;
  server.address = listen->address;
  server.port = listen->port;
  server.access_log = options.access_log;
  server.max_connections = options.max_connections;
  server.max_connections_per_address =
      std::max<std::size_t>(1, options.max_connections_per_address);
  server.header_timeout = options.header_timeout;
  server.hsts = options.https;
  for (const std::string& proxy : options.trusted_proxies) {
    if (!IsIpAddress(proxy)) {
      return InvalidArgument("--trusted-proxy takes IP addresses: " + proxy,
                             {{"trusted-proxy", "ADDR[,ADDR], e.g. 127.0.0.1,10.0.0.5"}});
    }
    server.trusted_proxies.push_back(ClientAddress(proxy, "", {}));
  }
  return server;
}

// A burst of a few hundred requests waits in the main queue; beyond that, 503 at once. Password
// checks wait in a short queue of their own.
constexpr std::size_t kQueue = 1024;
constexpr std::size_t kSlowQueue = 64;

}  // namespace

struct RunningServer::Parts {
  std::unique_ptr<Api> api;
  std::unique_ptr<WorkerPool> workers;
  std::unique_ptr<WorkerPool> slow_workers;
  std::unique_ptr<Server> server;
  std::thread thread;
  bool stopped = false;
};

Result<std::unique_ptr<RunningServer>> RunningServer::Start(const ServeOptions& options,
                                                            const ApiServices& services) {
  Result<ServerOptions> server_options = MakeServerOptions(options);
  if (!server_options) return server_options.error();
  const ApiOptions api_options = MakeApiOptions(options, FindWebDir(options.web_dir));
  Result<std::unique_ptr<Api>> api = Api::Create(api_options, services);
  if (!api) return api.error();
  std::unique_ptr<RunningServer> running(new RunningServer());
  running->parts_ = std::make_unique<Parts>();
  Parts& parts = *running->parts_;
  parts.api = *std::move(api);
  parts.workers = std::make_unique<WorkerPool>(api_options.workers, kQueue);
  parts.slow_workers = std::make_unique<WorkerPool>(api_options.slow_workers, kSlowQueue);
  parts.server = std::make_unique<Server>(*std::move(server_options), *parts.api, *parts.workers,
                                          parts.slow_workers.get());
  if (Result<void> bound = parts.server->Listen(); !bound) return bound.error();
  parts.thread = std::thread([&parts] { parts.server->Run(false); });
  return running;
}

RunningServer::~RunningServer() { Stop(); }

unsigned short RunningServer::port() const { return parts_->server->port(); }

void RunningServer::Stop() {
  if (!parts_ || parts_->stopped) return;
  parts_->stopped = true;
  parts_->server->Stop();
  if (parts_->thread.joinable()) parts_->thread.join();
  parts_->workers->Stop();
  parts_->slow_workers->Stop();
  parts_->api->StopJobs();
}

Result<void> Serve(const ServeOptions& options, const ApiServices& services, std::ostream& out) {
  Result<ServerOptions> server_options = MakeServerOptions(options);
  if (!server_options) return server_options.error();
  const std::string web_dir = FindWebDir(options.web_dir);
  const ApiOptions api_options = MakeApiOptions(options, web_dir);
  Result<std::unique_ptr<Api>> api = Api::Create(api_options, services);
  if (!api) return api.error();
  WorkerPool pool(api_options.workers, kQueue);
  WorkerPool slow_pool(api_options.slow_workers, kSlowQueue);
  const std::string address = server_options->address;
  Server server(*std::move(server_options), **api, pool, &slow_pool);
  if (Result<void> bound = server.Listen(); !bound) return bound;
  out << "chinjeol: http://" << address << ":" << server.port() << "/ (" << api_options.workers
      << " workers, " << api_options.slow_workers
      << " for passwords; web pages: " << (web_dir.empty() ? "none found" : web_dir)
      << "; data: " << options.data_dir << ")" << std::endl;
  server.Run(true);
  pool.Stop();
  slow_pool.Stop();
  (*api)->StopJobs();
  out << "chinjeol: stopped" << std::endl;
  return Ok();
}

}  // namespace chinjeol::http
