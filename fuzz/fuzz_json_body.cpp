// A JSON request body as the HTTP adapter reads it: ParseJsonObject, then ObjectReader with the
// fields the routes read (strings with limits, integers, booleans, nested objects and arrays of
// objects), Finish, and the error response built from its violations.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "adapters/http/json_body.hpp"

namespace http = chinjeol::http;
using Need = http::ObjectReader::Need;

namespace {

void Read(const boost::json::object& object, const std::string& path, int depth);

// Reads the typical fields, then every other key with an accessor chosen by its first byte.
void ReadFields(http::ObjectReader& reader, const boost::json::object& object,
                const std::string& path, int depth) {
  reader.String("login", Need::kRequired, 200);
  reader.String("password", Need::kRequired);
  reader.String("notes", Need::kOptional, 8000);
  reader.String("reason", Need::kOptional, 4000);
  reader.Integer("count", Need::kOptional);
  reader.Bool("active", Need::kOptional);
  if (const auto* nested = reader.Object("observations", Need::kOptional); nested && depth < 8) {
    Read(*nested, reader.PathOf("observations"), depth + 1);
  }
  if (const auto* list = reader.Array("caseload", Need::kOptional); list && depth < 8) {
    std::size_t index = 0;
    for (const auto& element : *list) {
      const std::string element_path = reader.PathOf("caseload") + "/" + std::to_string(index++);
      if (element.is_object()) {
        Read(element.get_object(), element_path, depth + 1);
      } else {
        reader.AddViolation(element_path, "must be an object");
      }
    }
  }
  for (const auto& field : object) {
    const std::string_view key = field.key();
    switch (key.empty() ? 0 : static_cast<unsigned char>(key[0]) % 6) {
      case 0:
        reader.String(key, Need::kOptional, 100);
        break;
      case 1:
        reader.Integer(key, Need::kRequired);
        break;
      case 2:
        reader.Bool(key, Need::kOptional);
        break;
      case 3:
        if (const auto* nested = reader.Object(key, Need::kRequired); nested && depth < 8) {
          Read(*nested, reader.PathOf(key), depth + 1);
        }
        break;
      case 4:
        reader.Array(key, Need::kOptional);
        break;
      default:
        break;  // left for Finish to report as unknown
    }
  }
  (void)path;
}

void Read(const boost::json::object& object, const std::string& path, int depth) {
  http::ObjectReader reader(object, path);
  ReadFields(reader, object, path, depth);
  auto finished = reader.Finish();
  if (!finished) {
    const http::HttpResponse response = http::ErrorResponse(finished.error());
    if (response.status != 422 || response.body.empty()) std::abort();
    // The error body is itself JSON.
    boost::json::error_code error;
    boost::json::parse(response.body, error);
    if (error) std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  http::HttpRequest request;
  request.method = "POST";
  request.headers.emplace_back("content-type", "application/json; charset=utf-8");
  request.body.assign(reinterpret_cast<const char*>(data), size);
  boost::json::object object;
  if (auto failure = http::ParseJsonObject(request, object)) {
    if (failure->status != 400 && failure->status != 422) std::abort();
    boost::json::error_code error;
    boost::json::parse(failure->body, error);
    if (error) std::abort();
    return 0;
  }
  Read(object, "", 0);
  return 0;
}
