#pragma once

#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "adapters/http/http_message.hpp"
#include "core/common/result.hpp"

namespace chinjeol::http {

// The status for an error code: the only place that knows both chinjeol::ErrorCode and HTTP.
int ToHttpStatus(ErrorCode code);

// {"error": {"code", "message", "fields": [{"field", "message"}]}} with ToHttpStatus(code): every
// error answer of the server goes through here. The message is for people (Korean first); the
// web localises by code and field; the error's detail goes to the log only.
HttpResponse ErrorResponse(const Error& error);

HttpResponse JsonResponse(int status, const boost::json::value& value);
HttpResponse NoContent();

// Reads the fields of a JSON object strictly: each accessor records a violation (with the
// field's path) for a missing required field or a wrong type; Finish() adds one for every field
// that was not asked for, and returns them all.
class ObjectReader {
 public:
  enum class Need { kRequired, kOptional };

  explicit ObjectReader(const boost::json::object& object, std::string path = {})
      : object_(object), path_(std::move(path)) {}

  std::optional<std::string> String(std::string_view key, Need need, std::size_t max_bytes = 1000);
  std::optional<std::int64_t> Integer(std::string_view key, Need need);
  std::optional<bool> Bool(std::string_view key, Need need);
  // A finite JSON number (integer or not).
  std::optional<double> Number(std::string_view key, Need need);
  const boost::json::array* Array(std::string_view key, Need need);
  const boost::json::object* Object(std::string_view key, Need need);
  // Marks a field as known without reading it.
  void Allow(std::string_view key) { seen_.insert(std::string(key)); }

  void AddViolation(std::string field, std::string message);
  std::string PathOf(std::string_view key) const;
  std::vector<FieldViolation>& violations() { return violations_; }
  // kInvalidArgument listing every problem, or Ok.
  Result<void> Finish();

 private:
  const boost::json::value* Find(std::string_view key, Need need, const char* expected);

  const boost::json::object& object_;
  std::string path_;
  std::set<std::string> seen_;
  std::vector<FieldViolation> violations_;
};

// Parses `request.body` as a JSON object; the content type must be application/json.
// On failure, the response to send.
std::optional<HttpResponse> ParseJsonObject(const HttpRequest& request,
                                            boost::json::object& object);

// A response for a failed Result: ErrorResponse(error).
template <typename T>
HttpResponse Fail(const Result<T>& result) {
  return ErrorResponse(result.error());
}

}  // namespace chinjeol::http
