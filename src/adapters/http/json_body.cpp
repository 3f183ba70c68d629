#include "adapters/http/json_body.hpp"

#include <spdlog/spdlog.h>

#include <cmath>

#include "core/common/text.hpp"

namespace chinjeol::http {

int ToHttpStatus(ErrorCode code) {
  switch (code) {  // No default: a new ErrorCode must fail to compile here.
    case ErrorCode::kInvalidArgument:
      return 422;
    case ErrorCode::kNotFound:
      return 404;
    case ErrorCode::kAlreadyExists:
      return 409;
    case ErrorCode::kFailedPrecondition:
      return 409;
    case ErrorCode::kUnauthenticated:
      return 401;
    case ErrorCode::kPermissionDenied:
      return 403;
    case ErrorCode::kUnavailable:
      return 503;
    case ErrorCode::kInternal:
      return 500;
    case ErrorCode::kMalformed:
      return 400;
    case ErrorCode::kUnsupportedType:
      return 415;
    case ErrorCode::kMethodNotAllowed:
      return 405;
    case ErrorCode::kTooLarge:
      return 413;
    case ErrorCode::kTooManyRequests:
      return 429;
  }
  return 500;
}

HttpResponse JsonResponse(int status, const boost::json::value& value) {
  HttpResponse response;
  response.status = status;
  response.body = boost::json::serialize(value);
  response.SetHeader("Content-Type", "application/json; charset=utf-8");
  response.SetHeader("Cache-Control", "no-store");
  return response;
}

HttpResponse NoContent() {
  HttpResponse response;
  response.status = 204;
  response.SetHeader("Cache-Control", "no-store");
  return response;
}

HttpResponse ErrorResponse(const Error& error) {
  // What went wrong inside stays in the operator's log.
  if (!error.detail().empty()) {
    spdlog::warn("{}: {} [{}]", ErrorCodeName(error.code()), error.message(), error.detail());
  }
  boost::json::object body;
  boost::json::object detail;
  detail["code"] = ErrorCodeName(error.code());
  // Internal details (SQL, library messages) stay in the log.
  detail["message"] =
      error.code() == ErrorCode::kInternal ? "내부 오류가 발생했습니다" : error.message();
  if (!error.violations().empty()) {
    boost::json::array fields;
    for (const FieldViolation& violation : error.violations()) {
      fields.push_back(
          boost::json::object{{"field", violation.field}, {"message", violation.message}});
    }
    detail["fields"] = std::move(fields);
  }
  body["error"] = std::move(detail);
  return JsonResponse(ToHttpStatus(error.code()), body);
}

std::string ObjectReader::PathOf(std::string_view key) const {
  return path_.empty() ? std::string(key) : path_ + "/" + std::string(key);
}

void ObjectReader::AddViolation(std::string field, std::string message) {
  violations_.emplace_back(std::move(field), std::move(message));
}

const boost::json::value* ObjectReader::Find(std::string_view key, Need need,
                                             const char* expected) {
  seen_.insert(std::string(key));
  const boost::json::value* value = object_.if_contains(key);
  if (value == nullptr || (value->is_null() && need == Need::kOptional)) {
    if (need == Need::kRequired) AddViolation(PathOf(key), std::string("required: ") + expected);
    return nullptr;
  }
  return value;
}

std::optional<std::string> ObjectReader::String(std::string_view key, Need need,
                                                std::size_t max_bytes) {
  const boost::json::value* value = Find(key, need, "a string");
  if (value == nullptr) return std::nullopt;
  if (!value->is_string()) {
    AddViolation(PathOf(key), "must be a string");
    return std::nullopt;
  }
  const boost::json::string& text = value->get_string();
  if (text.size() > max_bytes) {
    AddViolation(PathOf(key), "at most " + std::to_string(max_bytes) + " bytes");
    return std::nullopt;
  }
  return std::string(text);
}

std::optional<std::int64_t> ObjectReader::Integer(std::string_view key, Need need) {
  const boost::json::value* value = Find(key, need, "an integer");
  if (value == nullptr) return std::nullopt;
  if (value->is_int64()) return value->get_int64();
  if (value->is_uint64() && value->get_uint64() <= INT64_MAX) {
    return static_cast<std::int64_t>(value->get_uint64());
  }
  AddViolation(PathOf(key), "must be an integer");
  return std::nullopt;
}

std::optional<double> ObjectReader::Number(std::string_view key, Need need) {
  const boost::json::value* value = Find(key, need, "a number");
  if (value == nullptr) return std::nullopt;
  if (value->is_number()) {
    const double number = value->to_number<double>();
    if (std::isfinite(number)) return number;
  }
  AddViolation(PathOf(key), "must be a number");
  return std::nullopt;
}

std::optional<bool> ObjectReader::Bool(std::string_view key, Need need) {
  const boost::json::value* value = Find(key, need, "true or false");
  if (value == nullptr) return std::nullopt;
  if (!value->is_bool()) {
    AddViolation(PathOf(key), "must be true or false");
    return std::nullopt;
  }
  return value->get_bool();
}

const boost::json::array* ObjectReader::Array(std::string_view key, Need need) {
  const boost::json::value* value = Find(key, need, "an array");
  if (value == nullptr) return nullptr;
  if (!value->is_array()) {
    AddViolation(PathOf(key), "must be an array");
    return nullptr;
  }
  return &value->get_array();
}

const boost::json::object* ObjectReader::Object(std::string_view key, Need need) {
  const boost::json::value* value = Find(key, need, "an object");
  if (value == nullptr) return nullptr;
  if (!value->is_object()) {
    AddViolation(PathOf(key), "must be an object");
    return nullptr;
  }
  return &value->get_object();
}

Result<void> ObjectReader::Finish() {
  for (const auto& field : object_) {
    if (!seen_.contains(std::string(field.key()))) {
      AddViolation(PathOf(field.key()), "unknown field");
    }
  }
  if (violations_.empty()) return Ok();
  return InvalidArgument("요청 내용이 올바르지 않습니다: " + violations_.front().field + " " +
                             violations_.front().message,
                         violations_);
}

std::optional<HttpResponse> ParseJsonObject(const HttpRequest& request,
                                            boost::json::object& object) {
  const std::string_view type = request.Header("content-type");
  const std::string_view media = Trim(type.substr(0, type.find(';')));
  if (media != "application/json") {
    return ErrorResponse(Error(ErrorCode::kUnsupportedType,
                               "Content-Type은 application/json 이어야 합니다",
                               {{"Content-Type", "must be application/json"}}));
  }
  boost::json::error_code error;
  boost::json::value value = boost::json::parse(request.body, error);
  if (error) {
    return ErrorResponse(Error(ErrorCode::kMalformed, "본문이 JSON이 아닙니다: " + error.message(),
                               {{"", "malformed JSON"}}));
  }
  if (!value.is_object()) {
    return ErrorResponse(
        InvalidArgument("본문은 JSON 객체여야 합니다", {{"", "must be an object"}}));
  }
  object = std::move(value.get_object());
  return std::nullopt;
}

}  // namespace chinjeol::http
