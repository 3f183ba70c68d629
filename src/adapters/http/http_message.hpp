#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace chinjeol::http {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

// A request as the routes see it, independent of the HTTP library. Header names are lower
// case; path and query values are percent-decoded.
struct HttpRequest {
  std::string method;  // "GET", "POST", ...
  std::string target;  // as received, with the query string
  std::string path;    // decoded, without the query string
  std::vector<std::pair<std::string, std::string>> query;
  HeaderList headers;
  std::string body;
  std::string body_file;  // set instead of `body` when the body was streamed to a file
  std::string remote_address;
  std::string request_id;
  bool over_tls = false;  // TLS ended at a proxy that said so (X-Forwarded-Proto: https)

  // Filled in by the router.
  std::string route;  // the route template, e.g. "/api/evaluations/{id}"
  std::vector<std::pair<std::string, std::string>> path_params;

  // Empty when absent.
  std::string_view Header(std::string_view lower_case_name) const;
  std::optional<std::string_view> Query(std::string_view name) const;
  std::string_view PathParam(std::string_view name) const;
};

// A response as the routes build it. The body is `body`, `shared_body` or the file at
// `file_path`, streamed by the server.
struct HttpResponse {
  int status = 200;
  HeaderList headers;
  std::string body;
  std::shared_ptr<const std::string> shared_body;  // instead of `body`: a cached body, not copied
  std::string file_path;
  bool close_connection = false;  // end the connection after this response

  void SetHeader(std::string name, std::string value);
  std::string_view Header(std::string_view name) const;
};

// "%ED%95%9C" -> bytes; "+" stays unless `plus_is_space`. Empty when the escapes are broken.
std::optional<std::string> PercentDecode(std::string_view text, bool plus_is_space);

// Splits a request target into its decoded path and query pairs; empty when it does not decode.
struct ParsedTarget {
  std::string path;
  std::vector<std::pair<std::string, std::string>> query;
};
std::optional<ParsedTarget> ParseTarget(std::string_view target);

}  // namespace chinjeol::http
