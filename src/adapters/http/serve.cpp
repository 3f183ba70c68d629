#include "adapters/http/serve.hpp"

#include <charconv>
#include <thread>

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

}  // namespace

struct RunningServer::Parts {
  std::unique_ptr<Api> api;
  std::unique_ptr<WorkerPool> workers;
  std::unique_ptr<Server> server;
  std::thread thread;
  bool stopped = false;
};

Result<std::unique_ptr<RunningServer>> RunningServer::Start(const ServeOptions& options,
                                                            const ApiServices& services) {
  Result<ListenAddress> listen = ParseListen(options.listen);
  if (!listen) return listen.error();
  const std::size_t workers = WorkerCount(options.threads);
  ApiOptions api_options{options.database_url, FindWebDir(options.web_dir), options.data_dir,
                         workers};
  Result<std::unique_ptr<Api>> api = Api::Create(api_options, services);
  if (!api) return api.error();
  std::unique_ptr<RunningServer> running(new RunningServer());
  running->parts_ = std::make_unique<Parts>();
  Parts& parts = *running->parts_;
  parts.api = *std::move(api);
  // The queue holds a burst of a few hundred requests; beyond that, 503 at once.
  parts.workers = std::make_unique<WorkerPool>(workers, 1024);
  ServerOptions server_options;
  server_options.address = listen->address;
  server_options.port = listen->port;
  server_options.access_log = options.access_log;
  parts.server = std::make_unique<Server>(server_options, *parts.api, *parts.workers);
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
  parts_->api->StopJobs();
}

Result<void> Serve(const ServeOptions& options, const ApiServices& services, std::ostream& out) {
  Result<ListenAddress> listen = ParseListen(options.listen);
  if (!listen) return listen.error();
  const std::size_t workers = WorkerCount(options.threads);
  const std::string web_dir = FindWebDir(options.web_dir);
  Result<std::unique_ptr<Api>> api =
      Api::Create({options.database_url, web_dir, options.data_dir, workers}, services);
  if (!api) return api.error();
  WorkerPool pool(workers, 1024);
  ServerOptions server_options;
  server_options.address = listen->address;
  server_options.port = listen->port;
  server_options.access_log = options.access_log;
  Server server(server_options, **api, pool);
  if (Result<void> bound = server.Listen(); !bound) return bound;
  out << "chinjeol: http://" << listen->address << ":" << server.port() << "/ (" << workers
      << " workers; web pages: " << (web_dir.empty() ? "none found" : web_dir)
      << "; data: " << options.data_dir << ")" << std::endl;
  server.Run(true);
  pool.Stop();
  (*api)->StopJobs();
  out << "chinjeol: stopped" << std::endl;
  return Ok();
}

}  // namespace chinjeol::http
