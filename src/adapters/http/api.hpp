#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "adapters/http/server.hpp"
#include "core/auth/password_hasher.hpp"
#include "core/common/clock.hpp"
#include "core/common/result.hpp"
#include "core/ports/storage.hpp"
#include "core/tables/table_source.hpp"

namespace chinjeol::http {

namespace internal {
struct RouteSpec;
struct Shared;
class JobRunner;
}  // namespace internal

// The adapters the web API works with, handed over by app/.
struct ApiServices {
  std::function<Result<std::unique_ptr<ports::Storage>>(std::string_view url)> open_storage;
  std::function<Result<std::unique_ptr<tables::TableSource>>(const std::string& path)> open_table;
  const auth::PasswordHasher* hasher = nullptr;
  // The time of every request (sessions, lockouts, releases, deadlines); the system clock when
  // empty.
  const Clock* clock = nullptr;
};

struct ApiOptions {
  std::string database_url;
  std::string web_dir;   // the web pages (empty: none)
  std::string data_dir;  // recordings, uploads in progress, import files
  std::size_t workers = 2;
  std::size_t slow_workers = 2;  // the pool that checks and hashes passwords
  // Password checks (sign-in, password change) per client address: a burst, then a steady rate.
  double sign_in_burst = 10;
  double sign_in_per_minute = 10;
  bool secure_cookies = false;  // Secure on every session cookie (served over HTTPS only)
};

// The JSON API (docs/api.md), /healthz, /api/openapi.json and the web pages, as one request
// handler. Each worker has its own Storage (one database connection).
class Api final : public RequestHandler {
 public:
  // Opens one storage per worker and one for background jobs, and creates the data folders.
  // kUnavailable when the database cannot be reached.
  static Result<std::unique_ptr<Api>> Create(const ApiOptions& options,
                                             const ApiServices& services);
  ~Api() override;

  BodyPlan PlanBody(const HttpRequest& request) const override;
  std::optional<HttpResponse> Admit(HttpRequest& request, std::size_t worker) override;
  // The employee's own results and the dashboard, from the caches, when fresh.
  std::optional<HttpResponse> AnswerAtOnce(HttpRequest& request) override;
  // 429 for password checks beyond the client address's rate, before any hashing.
  std::optional<HttpResponse> Screen(HttpRequest& request) override;
  // Requests that check or hash a password.
  bool UsesSlowPool(const HttpRequest& request) const override;
  HttpResponse Handle(HttpRequest& request, std::size_t worker) override;
  HttpResponse ErrorResponse(const Error& error) const override;

  // Waits for background jobs to finish (at shutdown).
  void StopJobs();

  // The routes, for the OpenAPI document and its test.
  static const std::vector<internal::RouteSpec>& Routes();
  // The OpenAPI 3 document of Routes().
  static std::string OpenApiDocument();

 private:
  Api();

  HttpResponse Dispatch(HttpRequest& request, std::size_t worker, bool admit_only);

  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace chinjeol::http
